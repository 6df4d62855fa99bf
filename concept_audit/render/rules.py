"""``concept-audit rules list``: the rule set as a consultant reads it — elements by chapter and level.

Shows what each element asks, the template sections that address it and the check kinds that judge it,
so someone editing a copy of the rules sees at once what they are changing.
"""

from __future__ import annotations

from rich import box
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from ..i18n import t
from ..ruleset import RuleSet
from .common import level_label


def render_rules(rules: RuleSet, console: Console, lang: str = "da") -> None:
    console.print(f"[bold]{escape(rules.title)}[/] [dim]({escape(rules.name)} {escape(rules.version)}, "
                  f"{escape(rules.path)})[/]")
    chapters: dict[str, list] = {}
    for element in rules.elements:
        chapters.setdefault(element.chapter, []).append(element)
    for chapter, elements in chapters.items():
        table = Table(title=f"[bold]{escape(chapter)}[/]", title_justify="left", box=box.SIMPLE_HEAD, expand=True)
        table.add_column(t("Niveau", "Level", lang), no_wrap=True)
        table.add_column("Id / " + t("navn", "name", lang), ratio=3, overflow="fold")
        table.add_column(t("Konceptet beder om", "The concept asks for", lang), ratio=4, overflow="fold")
        table.add_column(t("Skabelon", "Template", lang), ratio=2, overflow="fold")
        wide = console.width >= 120
        if wide:
            table.add_column(t("Checks", "Checks", lang), ratio=2, overflow="fold")
        for element in elements:
            name = element.name_en if lang == "en" and element.name_en else element.name
            asks = element.asks_en if lang == "en" and element.asks_en else element.asks
            row = [element.level.capitalize() if lang == "da" else level_label(element.level, lang).split(" ")[0],
                   f"{escape(name)}\n[dim]{escape(element.id)}[/]", escape(asks), ", ".join(element.template_sections)]
            if wide:
                row.append(", ".join(element.checks))
            table.add_row(*row)
        console.print(table)
    n_sections = sum(1 for s in rules.sections if not s.annex)
    n_annex = sum(1 for s in rules.sections if s.annex)
    console.print(t(f"{len(rules.elements)} elementer, {n_sections} skabelonafsnit og {n_annex} bilag",
                    f"{len(rules.elements)} elements, {n_sections} template sections and {n_annex} annexes", lang))
