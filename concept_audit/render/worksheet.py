"""The revision worksheet: a Word document in the template's structure for a municipality revising its plan.

The audit report is organised by the concept's 25 elements; a municipality writes its plan section by
section. So the worksheet follows the template (chapters 1–3, sections 1.1–3.2.2, annexes 4.1–4.4, from
the rule set) and, under each section, puts what the writer needs at hand: the status of the elements the
section carries, the passages of the current plan that already address it (a starting point, quoted with
page and section), what is lacking with the template's help questions, and an empty box to write in.
"""

from __future__ import annotations

import re
from collections import Counter

from docx.document import Document as DocxDocument
from docx.shared import Pt

from ..i18n import status_label, t
from ..model import ElementVerdict, Evidence, Report, SectionVerdict
from ..ruleset import RuleSet, TemplateSection, load_rules
from .docx_report import base_document, bullets, labelled, quote, shade, status_cell, table, to_bytes, xml_safe
from .common import percent, plan_name

WRITING_LINES = {"covered": 3, "weak": 8, "missing": 10}
"""Empty lines in the writing box: more room where more is to be written."""
_NUMBER = re.compile(r"^\s*(?:(?:bilag|kapitel|afsnit|annex)\s+)?(\d+(?:\.\d+)*)\.?\s", re.I)


def chapter_titles(rules: RuleSet, lang: str = "da") -> dict[str, str]:
    """"1" → "1. Strategi": each chapter named after the elements its sections carry (annexes: "Bilag")."""
    votes: dict[str, Counter[str]] = {}
    chapters = {e.id: e.chapter for e in rules.elements}
    for section in rules.sections:
        number = section.id.split(".")[0]
        votes.setdefault(number, Counter())
        for element_id in section.elements:
            votes[number][chapters.get(element_id, "")] += 1
    titles = {}
    for number, counter in votes.items():
        annex = all(s.annex for s in rules.sections if s.id.split(".")[0] == number)
        if annex:
            name = t("Bilag", "Annexes", lang)
        else:
            name = counter.most_common(1)[0][0] if counter and counter.most_common(1)[0][0] else ""
        titles[number] = f"{number}. {name}".strip() if name else number
    return titles


def _numbers_in(path: list[str]) -> list[str]:
    numbers = []
    for heading in path:
        match = _NUMBER.match(heading)
        if match:
            numbers.append(match.group(1))
    return numbers


def assign_evidence(report: Report) -> dict[str, list[tuple[ElementVerdict, Evidence]]]:
    """Template section id → the quotes that belong under it.

    A quote goes to the deepest of its element's template sections whose number appears in the quote's
    heading path (plans that follow the template number their headings like it); otherwise to the
    element's first template section. Each quote appears once, so the worksheet does not repeat itself.
    """
    placed: dict[str, list[tuple[ElementVerdict, Evidence]]] = {}
    seen: set[tuple[str, int, str]] = set()
    for verdict in report.elements:
        if not verdict.template_sections:
            continue
        for evidence in verdict.evidence:
            numbers = _numbers_in(evidence.section)
            candidates = [s for s in verdict.template_sections if s in numbers]
            target = max(candidates, key=lambda s: s.count(".")) if candidates else verdict.template_sections[0]
            key = (target, evidence.block, evidence.quote)
            if key in seen:  # two elements quoting the same sentence for the same section
                continue
            seen.add(key)
            placed.setdefault(target, []).append((verdict, evidence))
    return placed


def _writing_box(doc: DocxDocument, status: str, lang: str) -> None:
    """A one-cell bordered table to write in: survives editing better than underscores."""
    tbl = doc.add_table(rows=1, cols=1)
    tbl.style = "Table Grid"
    cell = tbl.rows[0].cells[0]
    cell.text = ""
    run = cell.paragraphs[0].add_run(t("Jeres tekst til afsnittet:", "Your text for the section:", lang))
    run.italic = True
    run.font.size = Pt(8.5)
    for _ in range(WRITING_LINES.get(status, 6)):
        cell.add_paragraph("")
    shade(cell, "#FBFBFD")
    doc.add_paragraph("")


def _section(doc: DocxDocument, section: TemplateSection, verdict: SectionVerdict | None,
             elements: dict[str, ElementVerdict], quotes: list[tuple[ElementVerdict, Evidence]], lang: str) -> None:
    depth = section.id.count(".")
    doc.add_heading(xml_safe(f"{section.id} {section.title}"), level=min(1 + depth, 3))
    status = verdict.status if verdict else "missing"
    own = [elements[e] for e in section.elements if e in elements]

    if own:
        tbl = table(doc, [t("Element", "Element", lang), t("Status", "Status", lang), t("Begrundelse", "Reason", lang)],
                    [[v.name, "", v.reason] for v in own])
        for row, v in zip(tbl.rows[1:], own):
            status_cell(row.cells[1], v.status, lang)
    else:
        para = doc.add_paragraph()
        para.add_run(f"{t('Afsnittet i planen', 'The section in the plan', lang)}: ").bold = True
        found = status == "covered"
        para.add_run(t("findes" if found else "ikke fundet", "present" if found else "not found", lang))
        if section.annex:
            para.add_run(t(" (foreslået bilag)", " (suggested annex)", lang))

    if quotes:
        doc.add_paragraph().add_run(t("Det står i planen nu:", "What the plan says now:", lang)).bold = True
        for _, evidence in quotes:
            quote(doc, evidence, lang)

    weak = [v for v in own if v.status != "covered"]
    for v in weak:
        if v.lacking:
            labelled(doc, f"{t('Mangler', 'Lacking', lang)} ({v.name})", ", ".join(v.lacking))
        elif v.status == "missing":
            labelled(doc, f"{t('Mangler', 'Lacking', lang)} ({v.name})", v.asks or v.reason)
    if status != "covered" and section.questions:
        doc.add_paragraph().add_run(t("Skabelonens hjælpespørgsmål:", "The template's help questions:", lang)).bold = True
        bullets(doc, section.questions)
    _writing_box(doc, status, lang)


def render_worksheet(report: Report, rules: RuleSet | None = None) -> bytes:
    """The worksheet for one plan; ``rules`` must be the rule set the report was made with (default: bundled)."""
    rules = rules if rules is not None else load_rules()
    lang = report.lang
    name = plan_name(report)
    doc = base_document(f"{name} – {t('revisionsark', 'revision worksheet', lang)}", lang)
    doc.add_paragraph(t("Revisionsark til handlingsplanen", "Revision worksheet for the action plan", lang),
                      style="Subtitle")
    doc.add_heading(xml_safe(name), level=0)
    doc.add_paragraph(t(
        "Arket følger skabelonen for den kommunale handlingsplan afsnit for afsnit. Under hvert afsnit står "
        "status for de elementer i det nationale koncept, som afsnittet dækker, de passager fra den nuværende "
        "plan, der allerede handler om det, og – hvor planen er svag eller mangler noget – hvad der mangler og "
        "skabelonens hjælpespørgsmål. Skriv jeres nye tekst i boksen under hvert afsnit.",
        "The worksheet follows the template for the municipal action plan section by section. Under each section "
        "are the status of the national concept's elements that the section covers, the passages of the current "
        "plan that already address it and, where the plan is weak or lacking, what is missing and the template's "
        "help questions. Write your new text in the box under each section.", lang))
    src = report.source
    labelled(doc, t("Nuværende plan", "Current plan", lang), src.path + (f" ({src.date})" if src.date else ""))
    s = report.summary
    labelled(doc, t("Status nu", "Status now", lang),
             f"{s.covered} {status_label('covered', lang)}, {s.weak} {status_label('weak', lang)}, "
             f"{s.missing} {status_label('missing', lang)} · {t('samlet score', 'overall score', lang)} "
             f"{percent(s.score)}")

    elements = {v.id: v for v in report.elements}
    verdicts = {sv.id: sv for sv in report.sections}
    placed = assign_evidence(report)
    titles = chapter_titles(rules, lang)
    current_chapter = None
    for section in rules.sections:
        chapter = section.id.split(".")[0]
        if chapter != current_chapter:
            current_chapter = chapter
            if chapter != rules.sections[0].id.split(".")[0]:
                doc.add_page_break()
            doc.add_heading(xml_safe(titles.get(chapter, chapter)), level=1)
        _section(doc, section, verdicts.get(section.id), elements, placed.get(section.id, []), lang)
    return to_bytes(doc)
