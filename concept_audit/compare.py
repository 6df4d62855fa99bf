"""Compare two audits of a plan (before and after a revision): what improved, what regressed.

Either side may be a plan file (audited here) or a JSON report written earlier, so a municipality can
compare its new draft against the report it was handed last year. Comparison is by element id, in the
new report's order; an element only one side knows (rule sets differ) is listed as added or removed.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Literal

from .i18n import status_label, t
from .model import REPORT_SCHEMA, STATUSES, Report

Change = Literal["improved", "regressed", "unchanged", "added", "removed"]
RANK = {s: i for i, s in enumerate(STATUSES)}  # missing 0 < weak 1 < covered 2
COMPARE_SCHEMA = "concept-audit/compare@1"


@dataclass
class ElementChange:
    id: str
    name: str
    chapter: str
    level: str
    old: str | None
    new: str | None
    old_score: float | None
    new_score: float | None
    change: Change

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class Comparison:
    old: Report
    new: Report
    elements: list[ElementChange] = field(default_factory=list)

    def count(self, change: str) -> int:
        return sum(1 for e in self.elements if e.change == change)

    @property
    def score_delta(self) -> float:
        return round(self.new.summary.score - self.old.summary.score, 3)

    def to_dict(self) -> dict[str, Any]:
        return {
            "schema": COMPARE_SCHEMA,
            "old": {"source": self.old.source.to_dict(), "ruleset": self.old.ruleset, "summary": self.old.summary.to_dict()},
            "new": {"source": self.new.source.to_dict(), "ruleset": self.new.ruleset, "summary": self.new.summary.to_dict()},
            "summary": {c: self.count(c) for c in ("improved", "regressed", "unchanged", "added", "removed")}
            | {"score_delta": self.score_delta},
            "elements": [e.to_dict() for e in self.elements],
        }


def change_of(old: str | None, new: str | None) -> Change:
    if old is None:
        return "added"
    if new is None:
        return "removed"
    if RANK[new] > RANK[old]:
        return "improved"
    if RANK[new] < RANK[old]:
        return "regressed"
    return "unchanged"


def compare_reports(old: Report, new: Report) -> Comparison:
    olds = {v.id: v for v in old.elements}
    news = {v.id: v for v in new.elements}
    rows = []
    for v in new.elements:
        o = olds.get(v.id)
        rows.append(ElementChange(v.id, v.name, v.chapter, v.level, o.status if o else None, v.status,
                                  o.score if o else None, v.score, change_of(o.status if o else None, v.status)))
    for o in old.elements:
        if o.id not in news:
            rows.append(ElementChange(o.id, o.name, o.chapter, o.level, o.status, None, o.score, None, "removed"))
    return Comparison(old, new, rows)


def load_side(path: str | Path, rules: Any = None, lang: str = "da") -> Report:
    """A plan file is audited; a JSON audit report (``concept-audit/report@1``) is read as it is."""
    path = Path(path)
    if path.suffix.lower() == ".json" and path.is_file():
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            data = None
        if isinstance(data, dict) and data.get("schema") == REPORT_SCHEMA:
            return Report.from_dict(data)
    from .audit import audit

    return audit(path, rules=rules, lang=lang)


def compare_files(old: str | Path, new: str | Path, rules: Any = None, lang: str = "da") -> Comparison:
    from .ruleset import RuleSet, load_rules

    ruleset = rules if isinstance(rules, RuleSet) else load_rules(rules)
    comparison = compare_reports(load_side(old, ruleset, lang), load_side(new, ruleset, lang))
    return comparison


# ------------------------------------------------------------------------------------------- render

CHANGE_LABELS = {
    "da": {"improved": "forbedret", "regressed": "forværret", "unchanged": "uændret", "added": "ny", "removed": "udgået"},
    "en": {"improved": "improved", "regressed": "regressed", "unchanged": "unchanged", "added": "added",
           "removed": "removed"},
}
CHANGE_STYLE = {"improved": "bold green", "regressed": "bold red", "unchanged": "dim", "added": "cyan", "removed": "cyan"}
STATUS_STYLE = {"covered": "green", "weak": "yellow", "missing": "red"}


def change_label(change: str, lang: str = "da") -> str:
    return CHANGE_LABELS.get(lang, CHANGE_LABELS["da"]).get(change, change)


def _summary_line(c: Comparison, lang: str) -> str:
    parts = [f"{c.count(k)} {change_label(k, lang)}" for k in ("improved", "regressed", "unchanged")]
    parts += [f"{c.count(k)} {change_label(k, lang)}" for k in ("added", "removed") if c.count(k)]
    delta = f"{c.score_delta * 100:+.0f} %-point" if lang == "da" else f"{c.score_delta * 100:+.0f} points"
    return ", ".join(parts) + f" · score {c.old.summary.score:.0%} → {c.new.summary.score:.0%} ({delta})"


def render_compare_json(c: Comparison) -> str:
    return json.dumps(c.to_dict(), ensure_ascii=False, indent=2) + "\n"


def render_compare_table(c: Comparison, console: Any, lang: str = "da") -> None:
    from rich.table import Table
    from rich.text import Text

    table = Table(title=t("Sammenligning", "Comparison", lang), show_lines=False)
    table.add_column(t("Kapitel", "Chapter", lang))
    table.add_column(t("Element", "Element", lang))
    table.add_column(t("Før", "Before", lang) + f"\n{Path(c.old.source.path).name}")
    table.add_column(t("Efter", "After", lang) + f"\n{Path(c.new.source.path).name}")
    table.add_column(t("Ændring", "Change", lang))
    for e in c.elements:
        table.add_row(
            Text(e.chapter), Text(e.name),
            Text(status_label(e.old, lang) if e.old else "–", style=STATUS_STYLE.get(e.old or "", "")),
            Text(status_label(e.new, lang) if e.new else "–", style=STATUS_STYLE.get(e.new or "", "")),
            Text(change_label(e.change, lang), style=CHANGE_STYLE[e.change]),
        )
    console.print(table)
    console.print(Text(_summary_line(c, lang)))


def render_compare_html(c: Comparison, lang: str = "da") -> str:
    from .render.html import esc, page, plan_name, status_badge

    colours = {"improved": "var(--covered)", "regressed": "var(--missing)", "unchanged": "var(--muted)",
               "added": "#1f4e8c", "removed": "#1f4e8c"}
    rows = "".join(
        f'<tr data-element="{esc(e.id)}" data-change="{esc(e.change)}"><td>{esc(e.chapter)}</td><td>{esc(e.name)}</td>'
        f"<td>{status_badge(e.old, lang) if e.old else '–'}</td><td>{status_badge(e.new, lang) if e.new else '–'}</td>"
        f'<td style="color:{colours[e.change]};font-weight:700">{esc(change_label(e.change, lang))}</td></tr>'
        for e in c.elements)
    head = "".join(f"<th>{esc(h)}</th>" for h in (
        t("Kapitel", "Chapter", lang), t("Element", "Element", lang), t("Før", "Before", lang),
        t("Efter", "After", lang), t("Ændring", "Change", lang)))
    body = (
        f'<p class="kicker">{esc(t("Sammenligning af to versioner", "Comparison of two versions", lang))}</p>'
        f"<h1>{esc(plan_name(c.new))}</h1>"
        f'<dl class="meta"><dt>{esc(t("Før", "Before", lang))}:</dt><dd>{esc(c.old.source.path)}</dd>'
        f'<dt>{esc(t("Efter", "After", lang))}:</dt><dd>{esc(c.new.source.path)}</dd></dl>'
        f'<p class="reason">{esc(_summary_line(c, lang))}</p>'
        f"<table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>"
    )
    return page(f"{plan_name(c.new)} – {t('sammenligning', 'comparison', lang)}", body, lang)
