"""The terminal report: the 25 elements in one screen, so a consultant sees the picture at a glance.

Elements are grouped by chapter and level as the concept presents them; status in colour *and* word
(terminals without colour, colour-blind readers); the best quote shortened with its page or paragraph, so
a verdict can be checked against the plan in a minute. Everything from the plan is escaped for rich markup.
"""

from __future__ import annotations

from rich import box
from rich.console import Console
from rich.markup import escape
from rich.table import Table
from rich.text import Text

from ..i18n import status_label, t
from ..model import ElementVerdict, Report
from .common import by_chapter, evidence_location, level_label, percent, plan_name

STATUS_STYLE = {"covered": "bold green", "weak": "bold yellow", "missing": "bold red"}
QUOTE_WIDTH = 90
ID_MIN_WIDTH = 100
"""Below this terminal width the element column is too narrow for an id such as
``organisering.sagsflow-og-registrering``: it would be folded mid-word into three lines. The Danish name
identifies the element there; the id stands in every other format."""


def shorten(text: str, width: int = QUOTE_WIDTH) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def render_table(report: Report, console: Console, *, verbose: bool = False) -> None:
    lang = report.lang
    src = report.source
    pages = f", {src.pages} {t('sider', 'pages', lang)}" if src.pages else ""
    console.print(f"[bold]{escape(plan_name(report))}[/] [dim]({src.format.upper()}{pages}; "
                  f"{escape(report.ruleset.get('name', ''))} {escape(report.ruleset.get('version', ''))})[/]")
    for chapter, levels in by_chapter(report.elements).items():
        table = Table(title=f"[bold]{escape(chapter)}[/]", title_justify="left", box=box.SIMPLE_HEAD,
                      show_lines=False, expand=True, pad_edge=False)
        table.add_column(t("Element", "Element", lang), ratio=2, overflow="fold")
        table.add_column(t("Status", "Status", lang), no_wrap=True)
        table.add_column(t("Score", "Score", lang), justify="right", no_wrap=True)
        table.add_column(t("Begrundelse og bedste citat", "Reason and best quote", lang), ratio=5,
                         overflow="fold")
        for level, verdicts in levels.items():
            table.add_row(Text(level_label(level, lang), style="italic dim"), "", "", "")
            for v in verdicts:
                table.add_row(*_row(v, lang, verbose or console.width >= 140, console.width >= ID_MIN_WIDTH))
        console.print(table)
    s = report.summary
    console.print(
        f"[green]{s.covered} {status_label('covered', lang)}[/] · [yellow]{s.weak} {status_label('weak', lang)}[/]"
        f" · [red]{s.missing} {status_label('missing', lang)}[/] — "
        f"{t('samlet score', 'overall score', lang)} [bold]{percent(s.score)}[/]"
    )


def _row(v: ElementVerdict, lang: str, verbose: bool, show_id: bool = True) -> tuple[Text, Text, str, Text]:
    name = Text(v.name)
    if show_id:
        name.append(f"\n{v.id}", style="dim")
    status = Text(status_label(v.status, lang), style=STATUS_STYLE.get(v.status, ""))
    detail = Text(v.reason)
    if v.lacking and v.status != "covered" and not all(item in v.reason for item in v.lacking):
        detail.append(f"\n{t('Mangler', 'Lacking', lang)}: {', '.join(v.lacking)}", style="yellow")
    for ev in v.evidence[: (3 if verbose else 1)]:
        detail.append(f"\n«{shorten(ev.quote)}» ", style="italic")
        detail.append(evidence_location(ev, lang), style="cyan")
    if verbose and v.status != "covered" and v.template_sections:
        detail.append(f"\n{t('Skabelonafsnit', 'Template sections', lang)}: {', '.join(v.template_sections)}",
                      style="dim")
    return name, status, f"{v.score:.2f}", detail
