"""What every human-facing renderer says the same way: plan name, where a quote stands, grouping.

The table, Markdown, HTML and Word reports, the worksheet and the portfolio all tell the same story in the
same words; keeping these small helpers in one place keeps them in step.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Iterable

from ..i18n import t
from ..model import ElementVerdict, Evidence, Report

STATUS_COLOURS: dict[str, tuple[str, str]] = {
    "covered": ("#1e6b34", "#e3f3e7"),
    "weak": ("#8a5a00", "#fff1d6"),
    "missing": ("#a61b1b", "#fbe3e3"),
}
"""status → (strong colour for text and bars, light colour for backgrounds). Chosen to stay legible in
grey-scale print; the status is always also written as a word, never shown by colour alone."""

STATUS_ORDER = ("covered", "weak", "missing")
STATUS_VALUE = {"covered": 1.0, "weak": 0.5, "missing": 0.0}


def plan_name(report: Report) -> str:
    """What to call the plan: its title when the file has one, else the file name."""
    if report.source.title:
        return report.source.title
    path = report.source.path.replace("\\", "/")
    return path.rsplit("/", 1)[-1] or path


def evidence_location(evidence: Evidence, lang: str = "da") -> str:
    """Where a reader finds a quote: page for PDF, paragraph for DOCX, else the block number."""
    if evidence.page is not None:
        return f"{t('s.', 'p.', lang)} {evidence.page}"
    if evidence.paragraph is not None:
        return f"{t('afsnit', 'paragraph', lang)} {evidence.paragraph + 1}"
    return f"{t('blok', 'block', lang)} {evidence.block + 1}"


def section_path(evidence: Evidence) -> str:
    return " › ".join(s for s in evidence.section if s)


def by_chapter(elements: Iterable[ElementVerdict]) -> OrderedDict[str, OrderedDict[str, list[ElementVerdict]]]:
    """chapter → level → elements, in rule-set order (the order a reader of the concept knows)."""
    grouped: OrderedDict[str, OrderedDict[str, list[ElementVerdict]]] = OrderedDict()
    for verdict in elements:
        grouped.setdefault(verdict.chapter, OrderedDict()).setdefault(verdict.level, []).append(verdict)
    return grouped


def chapter_counts(elements: Iterable[ElementVerdict]) -> dict[str, int]:
    counts = {s: 0 for s in STATUS_ORDER}
    for v in elements:
        counts[v.status] = counts.get(v.status, 0) + 1
    return counts


def chapter_score(elements: list[ElementVerdict]) -> float:
    return sum(STATUS_VALUE.get(v.status, 0.0) for v in elements) / (len(elements) or 1)


def level_label(level: str, lang: str = "da") -> str:
    labels = {"strategisk": t("Strategisk niveau (beslutning)", "Strategic level (decision)", lang),
              "udførende": t("Udførende niveau (udførelse)", "Operational level (execution)", lang)}
    return labels.get(level, level)


def percent(value: float) -> str:
    return f"{round(100 * value)} %"
