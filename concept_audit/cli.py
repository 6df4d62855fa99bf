"""The command line: arguments → API → renderer. Exit status 0 ok, 1 below --fail-under, 2 bad input.

Kept thin on purpose: every command is a few lines that call the library, so everything the CLI does is
also available (and tested) from Python.
"""

from __future__ import annotations

import argparse
import io
import json
import sys
from pathlib import Path
from typing import Callable

from rich.console import Console

from . import __version__
from .errors import ConceptAuditError
from .i18n import t

Command = Callable[[argparse.Namespace, Console], int]
COMMANDS: dict[str, Command] = {}


def command(name: str) -> Callable[[Command], Command]:
    def register(func: Command) -> Command:
        COMMANDS[name] = func
        return func

    return register


def write_output(text: str | bytes, out: str | None, console: Console) -> None:
    """Print to stdout, or write atomically to ``out``."""
    if out is None:
        if isinstance(text, bytes):
            sys.stdout.buffer.write(text)
        else:
            sys.stdout.write(text if text.endswith("\n") else text + "\n")
        return
    from .fileio import atomic_write

    atomic_write(Path(out), text)


@command("extract")
def cmd_extract(args: argparse.Namespace, console: Console) -> int:
    from .extract import load_document
    from .render.outline import render_outline

    doc = load_document(args.plan, pdf_backend=args.pdf_backend)
    if args.format == "json":
        write_output(json.dumps(doc.to_dict(), ensure_ascii=False, indent=2), args.output, console)
    else:
        render_outline(doc, console, args.lang)
    return 0


def _fail_under(value: str) -> float:
    """A score threshold as 0–1 or as a percentage (0.6 and 60 mean the same)."""
    try:
        number = float(value.rstrip("%"))
    except ValueError:
        raise argparse.ArgumentTypeError(f"ikke et tal: {value!r}") from None
    if number > 1:
        number /= 100
    if not 0 <= number <= 1:
        raise argparse.ArgumentTypeError("skal ligge mellem 0 og 1 (eller 0 og 100 %)")
    return number


@command("audit")
def cmd_audit(args: argparse.Namespace, console: Console) -> int:
    from .audit import audit
    from .extract import load_document
    from .ruleset import load_rules

    rules = load_rules(args.rules)  # rules first: a broken rule file is reported before a slow parse
    doc = load_document(args.plan, pdf_backend=getattr(args, "pdf_backend", None))
    report = audit(doc, rules=rules, lang=args.lang)
    if args.format == "table" and args.output is None:
        from .render.table import render_table

        render_table(report, console, verbose=args.verbose)
    elif args.format == "table":
        from .render.table import render_table

        file_console = Console(record=True, width=120, file=io.StringIO(), highlight=False)
        render_table(report, file_console, verbose=args.verbose)
        write_output(file_console.export_text(), args.output, console)
    else:
        from .render import BINARY_FORMATS, renderer

        if args.format in BINARY_FORMATS and args.output is None:
            raise ConceptAuditError(None, "output", detail=t(
                f"formatet {args.format} skal skrives til en fil med -o", f"format {args.format} needs -o FILE",
                args.lang))
        write_output(renderer(args.format)(report), args.output, console)
    if args.fail_under is not None and report.summary.score < args.fail_under:
        return 1
    return 0


@command("rules")
def cmd_rules(args: argparse.Namespace, console: Console) -> int:
    from .ruleset import load_rules

    rules = load_rules(args.path)
    if args.action == "check":
        console.print(t(f"[green]OK[/]: {rules.path}: {rules.name} {rules.version}, {len(rules.elements)} "
                        f"elementer, {len(rules.sections)} skabelonafsnit",
                        f"[green]OK[/]: {rules.path}: {rules.name} {rules.version}, {len(rules.elements)} "
                        f"elements, {len(rules.sections)} template sections", args.lang), highlight=False)
        return 0
    from .render.rules import render_rules

    render_rules(rules, console, args.lang)
    return 0


@command("evaluate")
def cmd_evaluate(args: argparse.Namespace, console: Console) -> int:
    from .evaluate import default_corpus_dir, run_evaluation
    from .render.evaluation import render_evaluation, render_evaluation_json, render_evaluation_text

    evaluation = run_evaluation(args.corpus or default_corpus_dir(), rules=args.rules, lang=args.lang,
                                split=args.split, formats=args.formats, workers=args.workers)
    if args.format == "json":
        write_output(render_evaluation_json(evaluation, details=args.details), args.output, console)
    elif args.output is not None:
        write_output(render_evaluation_text(evaluation, lang=args.lang, details=args.details), args.output, console)
    else:
        render_evaluation(evaluation, console, lang=args.lang, details=args.details)
    return 0


@command("worksheet")
def cmd_worksheet(args: argparse.Namespace, console: Console) -> int:
    from .audit import audit
    from .render.worksheet import render_worksheet
    from .ruleset import load_rules

    rules = load_rules(args.rules)
    write_output(render_worksheet(audit(args.plan, rules=rules, lang=args.lang), rules), args.output, console)
    return 0


@command("batch")
def cmd_batch(args: argparse.Namespace, console: Console) -> int:
    from .batch import cli_batch

    return cli_batch(args, console)


@command("compare")
def cmd_compare(args: argparse.Namespace, console: Console) -> int:
    from .compare import compare_files, render_compare_html, render_compare_json, render_compare_table

    comparison = compare_files(args.old, args.new, rules=args.rules, lang=args.lang)
    if args.format == "json":
        write_output(render_compare_json(comparison), args.output, console)
    elif args.format == "html":
        write_output(render_compare_html(comparison, args.lang), args.output, console)
    elif args.output is not None:
        file_console = Console(record=True, width=120, file=io.StringIO(), highlight=False)
        render_compare_table(comparison, file_console, args.lang)
        write_output(file_console.export_text(), args.output, console)
    else:
        render_compare_table(comparison, console, args.lang)
    return 0


def build_parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--lang", choices=["da", "en"], default="da",
                        help="sprog for beskeder og rapporter / language of messages and reports (da)")
    parser = argparse.ArgumentParser(
        prog="concept-audit",
        description="Vurderer en kommunal handlingsplan mod ekstremisme og radikalisering op mod det "
        "nationale koncept.",
        parents=[common],
    )
    parser.add_argument("--version", action="version", version=f"concept-audit {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser("extract", parents=[common], help="vis planens disposition (eller dokumentmodellen som JSON)")
    p.add_argument("plan", help="DOCX, PDF, TXT eller Markdown")
    p.add_argument("--format", choices=["tree", "json"], default="tree")
    p.add_argument("--pdf-backend", choices=["pdfium", "pdfplumber"], default=None,
                   help="tegnkilde for PDF (standard: den hurtigste, se README)")
    p.add_argument("-o", "--output", help="skriv til fil i stedet for skærmen")

    from .render import report_formats

    p = sub.add_parser("audit", parents=[common], help="vurder en plan op mod konceptets 25 elementer")
    p.add_argument("plan", help="DOCX, PDF, TXT eller Markdown")
    p.add_argument("--format", choices=report_formats(), default="table",
                   help="table (skærm), json, markdown, html, docx (standard: table)")
    p.add_argument("--rules", help="et andet eller redigeret regelsæt (YAML-fil)")
    p.add_argument("-o", "--output", help="skriv rapporten til en fil (atomisk) i stedet for skærmen")
    p.add_argument("--fail-under", type=_fail_under, metavar="SCORE",
                   help="afslut med status 1, hvis planens samlede score er under SCORE (0–1 eller procent)")
    p.add_argument("-v", "--verbose", action="store_true", help="vis op til tre citater pr. element")
    p.add_argument("--pdf-backend", choices=["pdfium", "pdfplumber"], default=None, help=argparse.SUPPRESS)

    p = sub.add_parser("rules", parents=[common], help="vis eller kontrollér et regelsæt")
    p.add_argument("action", choices=["list", "check"], help="list: elementerne i en tabel; check: valider")
    p.add_argument("path", nargs="?", default=None, help="regelfil (standard: det nationale koncept)")

    from .evaluate import parse_formats

    p = sub.add_parser("evaluate", parents=[common], help="mål værktøjets vurderinger mod korpussets guldmærker",
                       description="Vurderer hver plan i korpussets manifest (i hvert format) og sammenligner med "
                       "guldmærkerne: nøjagtighed, vægtet kappa, præcision/genkaldelse, forvekslingsmatrix, pr. "
                       "element og pr. plan, for dev, heldout og samlet. Heldout-planernes detaljer må ikke "
                       "læses, mens reglerne tunes.")
    p.add_argument("corpus", nargs="?", default=None, metavar="CORPUS_DIR",
                   help="korpusmappe med manifest.yaml (standard: corpora/ i repoet)")
    p.add_argument("--format", choices=["table", "json"], default="table", help="table (skærm) eller json")
    p.add_argument("--rules", help="et andet eller redigeret regelsæt (YAML-fil)")
    p.add_argument("--split", choices=["dev", "heldout", "all"], default="all",
                   help="hvilke planer (standard: all; dev og heldout rapporteres hver for sig)")
    p.add_argument("--details", action="store_true",
                   help="list hver afvigelse (plan, format, element, guld, værktøj, begrundelse). Kun dev, "
                   "medmindre --split heldout gives udtrykkeligt: heldout-detaljer må IKKE læses, mens reglerne "
                   "tunes")
    p.add_argument("--workers", type=int, default=1, metavar="N", help="antal processer (standard: 1)")
    p.add_argument("--formats", type=parse_formats, default=None, metavar="LISTE",
                   help="formater, kommasepareret: docx,pdf,txt,md (md = kildeteksten src/<id>.md); "
                   "standard: dem manifestet nævner")
    p.add_argument("-o", "--output", help="skriv resultatet til en fil (atomisk) i stedet for skærmen")

    p = sub.add_parser("worksheet", parents=[common], help="revisionsark (Word) i skabelonens struktur")
    p.add_argument("plan", help="DOCX, PDF, TXT eller Markdown")
    p.add_argument("-o", "--output", required=True, help="Word-fil at skrive (fx revision.docx)")
    p.add_argument("--rules", help="et andet eller redigeret regelsæt (YAML-fil)")

    p = sub.add_parser("batch", parents=[common], help="vurder alle DOCX/PDF i mapper, parallelt, med portefølje")
    p.add_argument("inputs", nargs="+", metavar="INPUT", help="mapper og/eller filer")
    p.add_argument("-o", "--output", required=True, metavar="OUTDIR", help="mappe til rapporter og portefølje")
    p.add_argument("--workers", type=int, default=None, metavar="N", help="antal processer (standard: antal CPU'er)")
    p.add_argument("--format", default="json", metavar="LISTE",
                   help="rapportformater, kommasepareret: json,html,docx,markdown (JSON skrives altid)")
    p.add_argument("--timeout", type=float, default=120.0, metavar="S", help="sekunder pr. fil (standard: 120)")
    p.add_argument("--force", action="store_true", help="vurder også uændrede planer igen")
    p.add_argument("--rules", help="et andet eller redigeret regelsæt (YAML-fil)")

    p = sub.add_parser("compare", parents=[common], help="sammenlign to versioner af en plan")
    p.add_argument("old", metavar="OLD", help="den gamle plan (eller dens JSON-rapport)")
    p.add_argument("new", metavar="NEW", help="den nye plan (eller dens JSON-rapport)")
    p.add_argument("--format", choices=["table", "json", "html"], default="table")
    p.add_argument("--rules", help="et andet eller redigeret regelsæt (YAML-fil)")
    p.add_argument("-o", "--output", help="skriv til fil (atomisk) i stedet for skærmen")
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    lang = getattr(args, "lang", "da")
    console = Console(stderr=False, highlight=False)
    if not args.command:
        parser.print_help()
        return 2
    try:
        return COMMANDS[args.command](args, console)
    except ConceptAuditError as exc:
        Console(stderr=True, highlight=False).print(
            f"[bold red]{t('fejl', 'error', lang)}:[/] {exc.message(lang)}", markup=True, soft_wrap=True,
            emoji=False,
        )
        return exc.exit_code
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
