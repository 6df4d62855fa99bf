"""The command line: arguments → API → renderer. Exit status 0 ok, 1 below --fail-under, 2 bad input.

Kept thin on purpose: every command is a few lines that call the library, so everything the CLI does is
also available (and tested) from Python.
"""

from __future__ import annotations

import argparse
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
