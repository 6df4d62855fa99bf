"""The output of ``concept-audit evaluate``: rich tables for people, JSON for machines.

Held-out rule: per-element and per-plan figures and mismatch details of held-out plans are what a rule
tuner would act on, so they are shown only when ``--split heldout`` was asked for by name (the
:class:`~concept_audit.evaluate.Evaluation` decides; this module only obeys). Headline figures (accuracy,
kappa, confusion matrix ...) are shown for every split: they are how overfitting is noticed.
"""

from __future__ import annotations

import io
import json

from rich.console import Console
from rich.markup import escape
from rich.padding import Padding
from rich.table import Table

from ..evaluate import Evaluation, Scores, evaluation_to_dict, visible_mismatches
from ..i18n import status_label, t
from ..model import STATUSES

SPLIT_NAMES = {
    "da": {"dev": "dev", "heldout": "heldout", "all": "samlet"},
    "en": {"dev": "dev", "heldout": "held-out", "all": "overall"},
}


def render_evaluation_json(evaluation: Evaluation, *, details: bool = False) -> str:
    return json.dumps(evaluation_to_dict(evaluation, details=details), ensure_ascii=False, indent=2) + "\n"


def render_evaluation_text(evaluation: Evaluation, *, lang: str = "da", details: bool = False,
                           width: int = 120) -> str:
    """The tables as plain text (for ``-o FILE``): same content as on screen, without colour."""
    console = Console(file=io.StringIO(), width=width, record=True, color_system=None, highlight=False)
    render_evaluation(evaluation, console, lang=lang, details=details)
    return console.export_text()


def render_evaluation(evaluation: Evaluation, console: Console, *, lang: str = "da",
                      details: bool = False) -> None:
    splits = evaluation.splits()
    scores = {s: evaluation.scores(s) for s in splits}
    _header(evaluation, console, lang)
    if not splits:
        console.print(t("Ingen dokumenter at evaluere.", "No documents to evaluate.", lang))
    else:
        console.print(_summary(scores, lang))
        console.print(_per_status(scores, lang))
        for split in splits:
            console.print(_confusion(scores[split], lang))
        _breakdowns(evaluation, scores, console, lang)
    _errors(evaluation, console, lang)
    if details:
        _details(evaluation, console, lang)


# ------------------------------------------------------------------------------------------- sections


def _header(evaluation: Evaluation, console: Console, lang: str) -> None:
    rs = evaluation.ruleset
    ruleset = f"{rs.get('name', '?')} {rs.get('version', '')}".strip() if rs else t("(injiceret)", "(injected)", lang)
    formats = ", ".join(evaluation.formats) if evaluation.formats is not None else t(
        "manifestets", "the manifest's", lang)
    console.print(f"[bold]{t('Evaluering mod guldmærker', 'Evaluation against gold labels', lang)}[/]  "
                  f"[dim]{escape(str(evaluation.corpus.root))} · {t('regelsæt', 'rule set', lang)} "
                  f"{escape(ruleset)} · {t('formater', 'formats', lang)}: {escape(formats)} · "
                  f"split: {evaluation.split} · {len(evaluation.documents)} {t('dokumenter', 'documents', lang)} · "
                  f"{_num(evaluation.seconds, lang, 1)} s[/]")
    for problem in evaluation.corpus.skipped:
        console.print(f"[yellow]! {escape(problem.text(lang))}[/]")


def _summary(scores: dict[str, Scores], lang: str) -> Table:
    table = Table(title=t("Overblik", "Summary", lang), title_justify="left")
    table.add_column(t("Mål", "Measure", lang))
    for split in scores:
        table.add_column(_split(split, lang), justify="right")
    formats = [f for s in scores.values() for f in s.per_format]
    rows: list[tuple[str, list[str]]] = [
        (t("Planer", "Plans", lang), [str(s.plans) for s in scores.values()]),
        (t("Dokumenter (plan × format)", "Documents (plan × format)", lang),
         [str(s.documents) for s in scores.values()]),
        (t("Dokumenter med fejl (ikke talt med)", "Documents with errors (not counted)", lang),
         [str(s.errors) for s in scores.values()]),
        (t("Mærker", "Labels", lang), [str(s.labels) for s in scores.values()]),
        (t("Nøjagtighed", "Accuracy", lang), [_pct(s.accuracy, lang) for s in scores.values()]),
        (t("Kappa (kvadratisk vægtet)", "Kappa (quadratic weighted)", lang),
         [_num(s.kappa, lang) for s in scores.values()]),
        (t("Dækket hvor guld siger mangler", "Covered where gold says missing", lang),
         [_worst(s.covered_for_missing) for s in scores.values()]),
    ]
    for fmt in dict.fromkeys(formats):
        rows.append((t(f"Nøjagtighed, {fmt.upper()}", f"Accuracy, {fmt.upper()}", lang),
                     [_pct(s.per_format.get(fmt), lang) for s in scores.values()]))
    rows.append((t("DOCX/PDF-enighed", "DOCX/PDF agreement", lang),
                 [_agreement(s, lang) for s in scores.values()]))
    for name, cells in rows:
        table.add_row(name, *cells)
    return table


def _per_status(scores: dict[str, Scores], lang: str) -> Table:
    table = Table(title=t("Præcision og genkaldelse pr. status", "Precision and recall per status", lang),
                  title_justify="left")
    table.add_column("Status")
    for split in scores:
        name = _split(split, lang)
        table.add_column(f"{name}: {t('præcision', 'precision', lang)}", justify="right")
        table.add_column(f"{name}: {t('genkaldelse', 'recall', lang)}", justify="right")
    for status in reversed(STATUSES):
        cells = []
        for s in scores.values():
            score = s.per_status[status]
            cells += [f"{_pct(score.precision, lang)} [dim]({score.correct}/{score.predicted})[/]",
                      f"{_pct(score.recall, lang)} [dim]({score.correct}/{score.gold})[/]"]
        table.add_row(status_label(status, lang), *cells)
    return table


def _confusion(scores: Scores, lang: str) -> Table:
    table = Table(title=f"{t('Forvekslingsmatrix', 'Confusion matrix', lang)}, {_split(scores.split, lang)}",
                  caption=t("rækker: guld, kolonner: værktøjet", "rows: gold, columns: the tool", lang),
                  title_justify="left", caption_justify="left")
    table.add_column(t("guld \\ værktøj", "gold \\ tool", lang))
    for status in reversed(STATUSES):
        table.add_column(status_label(status, lang), justify="right")
    n = len(STATUSES)
    for i in reversed(range(n)):
        cells = []
        for j in reversed(range(n)):
            value = str(scores.confusion[i][j])
            if i == j:
                value = f"[green]{value}[/]"
            elif STATUSES[i] == "missing" and STATUSES[j] == "covered" and scores.confusion[i][j]:
                value = f"[bold red]{value}[/]"
            cells.append(value)
        table.add_row(status_label(STATUSES[i], lang), *cells)
    return table


def _breakdowns(evaluation: Evaluation, scores: dict[str, Scores], console: Console, lang: str) -> None:
    visible = [s for s in scores if scores[s].per_element is not None]
    withheld = [s for s in scores if scores[s].per_element is None]
    if visible:
        console.print(_per_element(scores, visible, lang))
        console.print(_per_plan(scores, visible, lang))
    if withheld:
        names = ", ".join(_split(s, lang) for s in withheld)
        console.print(t(
            f"[dim]Tal pr. element og pr. plan for {names} vises ikke: de omfatter heldout-planer, som ikke må "
            "studeres under tuning. Brug --split heldout, når de skal rapporteres.[/]",
            f"[dim]Per-element and per-plan figures for {names} are not shown: they include held-out plans, "
            "which must not be studied while tuning. Use --split heldout when they are to be reported.[/]",
            lang))


def _per_element(scores: dict[str, Scores], visible: list[str], lang: str) -> Table:
    first = scores[visible[0]]
    table = Table(title=t("Nøjagtighed pr. element (sværeste først)", "Accuracy per element (hardest first)", lang)
                  + f" [dim]({_split(visible[0], lang)})[/]", title_justify="left")
    table.add_column("Element")
    for split in visible:
        table.add_column(_split(split, lang), justify="right")
    table.add_column(t("dækket/mangler", "covered/missing", lang), justify="right")
    by_split = {s: {e.element: e for e in scores[s].per_element or []} for s in visible}
    for element in first.per_element or []:
        cells = [_pct(by_split[s][element.element].accuracy, lang) for s in visible]
        table.add_row(element.element, *cells, _worst(element.covered_for_missing))
    return table


def _per_plan(scores: dict[str, Scores], visible: list[str], lang: str) -> Table:
    # The widest visible split lists every plan once (``all`` when visible, else each split in turn).
    plans = []
    seen = set()
    for split in reversed(visible):
        for plan in scores[split].per_plan or []:
            if plan.plan not in seen:
                seen.add(plan.plan)
                plans.append(plan)
    formats = list(dict.fromkeys(f for p in plans for f in p.by_format))
    table = Table(title=t("Nøjagtighed pr. plan", "Accuracy per plan", lang), title_justify="left")
    table.add_column("Plan")
    table.add_column("Split")
    table.add_column(t("samlet", "overall", lang), justify="right")
    for fmt in formats:
        table.add_column(fmt.upper(), justify="right")
    table.add_column(t("DOCX/PDF-enighed", "DOCX/PDF agreement", lang), justify="right")
    for plan in plans:
        table.add_row(plan.plan, _split(plan.split, lang), _pct(plan.accuracy, lang),
                      *[_pct(plan.by_format[f], lang) if f in plan.by_format else "" for f in formats],
                      _pct(plan.docx_pdf_agreement, lang))
    return table


def _errors(evaluation: Evaluation, console: Console, lang: str) -> None:
    failed = evaluation.failed
    if not failed:
        return
    table = Table(title=t(f"Dokumenter der ikke kunne evalueres ({len(failed)})",
                          f"Documents that could not be evaluated ({len(failed)})", lang), title_justify="left")
    table.add_column("Plan")
    table.add_column("Format")
    table.add_column(t("Fejl", "Error", lang), overflow="fold")
    for d in failed:
        table.add_row(d.plan, d.format, escape(d.error or ""))
    console.print(table)


def _details(evaluation: Evaluation, console: Console, lang: str) -> None:
    """One entry per mismatch: a heading line and the tool's reason below it.

    A list rather than a table: element ids and reasons are long, and a six-column table is unreadable
    in an 80-column terminal.
    """
    shown, hidden = visible_mismatches(evaluation, evaluation.split)
    console.print(f"[bold]{t(f'Afvigelser fra guld ({len(shown)})', f'Mismatches with gold ({len(shown)})', lang)}[/]")
    for m in shown:
        console.print(f"[bold]{escape(m.plan)}[/] · {m.format} · {escape(m.element)}: "
                      f"{t('guld', 'gold', lang)} [green]{status_label(m.gold, lang)}[/], "
                      f"{t('værktøjet', 'tool', lang)} [red]{status_label(m.predicted, lang)}[/]")
        if m.reason:
            console.print(Padding(f"[dim]{escape(m.reason)}[/]", (0, 0, 0, 4)))
    if hidden:
        console.print(t(
            f"[dim]{hidden} afvigelser i heldout-planer vises ikke (brug --split heldout --details, men ikke "
            "mens reglerne tunes).[/]",
            f"[dim]{hidden} mismatches in held-out plans are not shown (use --split heldout --details, but "
            "not while tuning the rules).[/]", lang))


# ------------------------------------------------------------------------------------------- formatting


def _split(split: str, lang: str) -> str:
    return SPLIT_NAMES["en" if lang == "en" else "da"].get(split, split)


def _num(value: float | None, lang: str, digits: int = 3) -> str:
    if value is None:
        return "–"
    text = f"{value:.{digits}f}"
    return text if lang == "en" else text.replace(".", ",")


def _pct(value: float | None, lang: str) -> str:
    if value is None:
        return "–"
    text = f"{100 * value:.1f}"
    return f"{text}%" if lang == "en" else f"{text.replace('.', ',')} %"


def _worst(count: int) -> str:
    return f"[bold red]{count}[/]" if count else "0"


def _agreement(scores: Scores, lang: str) -> str:
    agreement = scores.docx_pdf
    if not agreement.plans:
        return "–"
    return (f"{_pct(agreement.agreement, lang)} [dim]({agreement.plans} "
            f"{t('planer', 'plans', lang)}, κ {_num(agreement.kappa, lang)})[/]")
