"""The Word report: the HTML report's content as a .docx a consultant can edit, comment and hand on.

Real heading styles (Heading 1–3) so Word's navigation pane and table of contents work; a status table
with coloured cells so the overview reads at a glance; the status is always written as a word too, so a
grey-scale print loses nothing. python-docx escapes text itself: plan text cannot become markup here.

The helpers at the top (cell shading, quotes, small tables) are shared with the revision worksheet.
"""

from __future__ import annotations

import io
import re
from typing import Iterable

from docx import Document as new_document
from docx.document import Document as DocxDocument
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt, RGBColor
from docx.table import Table, _Cell

from ..i18n import status_label, t
from ..model import ElementVerdict, Evidence, Report
from .common import (STATUS_COLOURS, by_chapter, chapter_counts, chapter_score, evidence_location, level_label,
                     percent, plan_name, section_path)


_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def xml_safe(text: object) -> str:
    """Drop characters XML cannot hold (a PDF's stray control codes), which python-docx refuses."""
    return _XML_INVALID.sub("", "" if text is None else str(text))


def _hex(colour: str) -> str:
    return colour.lstrip("#").upper()


def shade(cell: _Cell, fill: str) -> None:
    """Background colour of a table cell (python-docx has no API for it: w:shd in the cell properties)."""
    props = cell._tc.get_or_add_tcPr()
    for old in props.findall(qn("w:shd")):
        props.remove(old)
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), _hex(fill))
    props.append(shd)


def status_cell(cell: _Cell, status: str, lang: str) -> None:
    """A cell holding a status word, bold, in the status colour on its light background."""
    strong, light = STATUS_COLOURS.get(status, ("#333333", "#ffffff"))
    cell.text = ""
    run = cell.paragraphs[0].add_run(status_label(status, lang))
    run.bold = True
    run.font.color.rgb = RGBColor.from_string(_hex(strong))
    shade(cell, light)


def table(doc: DocxDocument, header: list[str], rows: Iterable[list[str]], widths: list[float] | None = None) -> Table:
    """A simple grid table with a bold, shaded header row that repeats on each page."""
    rows = list(rows)
    tbl = doc.add_table(rows=1 + len(rows), cols=len(header))
    tbl.style = "Table Grid"
    tbl.alignment = WD_TABLE_ALIGNMENT.LEFT
    for i, text in enumerate(header):
        cell = tbl.rows[0].cells[i]
        cell.text = ""
        cell.paragraphs[0].add_run(xml_safe(text)).bold = True
        shade(cell, "#EEEEF2")
    tr_pr = tbl.rows[0]._tr.get_or_add_trPr()
    header_flag = OxmlElement("w:tblHeader")
    header_flag.set(qn("w:val"), "true")
    tr_pr.append(header_flag)
    for r, row in enumerate(rows, start=1):
        for c, text in enumerate(row):
            tbl.rows[r].cells[c].text = xml_safe(text)
    return tbl


def quote(doc: DocxDocument, evidence: Evidence, lang: str) -> None:
    """A quote from the plan in the Quote style, with where to find it (page or paragraph, section)."""
    para = doc.add_paragraph(style="Quote")
    para.add_run(xml_safe(f"»{evidence.quote}«"))
    where = evidence_location(evidence, lang)
    path = section_path(evidence)
    cite = doc.add_paragraph(style="Quote")
    run = cite.add_run(xml_safe(f"— {where}" + (f" · {path}" if path else "")))
    run.italic = False
    run.font.size = Pt(8.5)


def labelled(doc: DocxDocument, label: str, text: str) -> None:
    para = doc.add_paragraph()
    para.add_run(f"{label}: ").bold = True
    para.add_run(xml_safe(text))


def bullets(doc: DocxDocument, items: Iterable[str]) -> None:
    for item in items:
        doc.add_paragraph(xml_safe(item), style="List Bullet")


def to_bytes(doc: DocxDocument) -> bytes:
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


def base_document(title: str, lang: str) -> DocxDocument:
    """A new document with the title set in its properties and a readable body font."""
    doc = new_document()
    doc.core_properties.title = xml_safe(title)[:250]
    doc.core_properties.language = "da-DK" if lang == "da" else "en-GB"
    doc.styles["Normal"].font.size = Pt(10.5)
    return doc


# ------------------------------------------------------------------------------------------- report


def _meta(doc: DocxDocument, report: Report) -> None:
    lang = report.lang
    src = report.source
    rs = report.ruleset
    items = [(t("Fil", "File", lang), src.path), (t("Format", "Format", lang), (src.format or "").upper())]
    if src.pages:
        items.append((t("Sider", "Pages", lang), str(src.pages)))
    if src.date:
        items.append((t("Dato", "Date", lang), src.date))
    items.append((t("Regelsæt", "Rule set", lang), f"{rs.get('name', '')} {rs.get('version', '')}".strip()))
    items.append(("SHA-256", (src.sha256 or "")[:16]))
    for label, value in items:
        labelled(doc, label, value)


def _summary(doc: DocxDocument, report: Report) -> None:
    lang = report.lang
    s = report.summary
    doc.add_heading(t("Sammenfatning", "Summary", lang), level=1)
    labelled(doc, t("Samlet score", "Overall score", lang), percent(s.score))
    labelled(doc, t("Elementer", "Elements", lang),
             f"{s.covered} {status_label('covered', lang)}, {s.weak} {status_label('weak', lang)}, "
             f"{s.missing} {status_label('missing', lang)}")
    rows = []
    for chapter, levels in by_chapter(report.elements).items():
        elements = [v for vs in levels.values() for v in vs]
        counts = chapter_counts(elements)
        rows.append([chapter, str(counts["covered"]), str(counts["weak"]), str(counts["missing"]),
                     percent(chapter_score(elements))])
    tbl = table(doc, [t("Kapitel", "Chapter", lang), status_label("covered", lang), status_label("weak", lang),
                      status_label("missing", lang), t("Score", "Score", lang)], rows)
    for row in tbl.rows[1:]:
        for col, status in ((1, "covered"), (2, "weak"), (3, "missing")):
            if row.cells[col].text != "0":
                shade(row.cells[col], STATUS_COLOURS[status][1])
    doc.add_paragraph(t("Score: dækket tæller 1, svag ½ og mangler 0, i gennemsnit over elementerne.",
                        "Score: covered counts 1, weak ½ and missing 0, averaged over the elements.", lang))


def _status_table(doc: DocxDocument, report: Report) -> None:
    lang = report.lang
    doc.add_heading(t("Status for elementerne", "Status of the elements", lang), level=1)
    rows = [[v.chapter, level_label(v.level, lang).split(" (")[0], v.name, "", f"{v.score:.2f}"]
            for v in report.elements]
    tbl = table(doc, [t("Kapitel", "Chapter", lang), t("Niveau", "Level", lang), t("Element", "Element", lang),
                      t("Status", "Status", lang), t("Score", "Score", lang)], rows)
    for row, verdict in zip(tbl.rows[1:], report.elements):
        status_cell(row.cells[3], verdict.status, lang)


def element_body(doc: DocxDocument, v: ElementVerdict, lang: str, heading_level: int = 3) -> None:
    """One element: status, what the concept asks, the reason, quotes, facets, and what to write."""
    doc.add_heading(xml_safe(v.name), level=heading_level)
    para = doc.add_paragraph()
    para.add_run(f"{t('Status', 'Status', lang)}: ").bold = True
    strong = STATUS_COLOURS.get(v.status, ("#333333", ""))[0]
    run = para.add_run(status_label(v.status, lang))
    run.bold = True
    run.font.color.rgb = RGBColor.from_string(_hex(strong))
    para.add_run(f"  ·  {t('score', 'score', lang)} {v.score:.2f}  ·  {v.id}")
    if v.asks:
        labelled(doc, t("Konceptet beder om", "The concept asks for", lang), v.asks)
    doc.add_paragraph(xml_safe(v.reason))
    for evidence in v.evidence:
        quote(doc, evidence, lang)
    if v.found:
        labelled(doc, t("Fundet", "Found", lang), ", ".join(v.found))
    if v.lacking:
        labelled(doc, t("Mangler", "Lacking", lang), ", ".join(v.lacking))
    levels = v.details.get("levels") if isinstance(v.details, dict) else None
    if isinstance(levels, dict) and levels:
        rows = []
        for level, info in levels.items():
            info = info if isinstance(info, dict) else {}
            rows.append([str(level), str(info.get("passages", "")), ", ".join(map(str, info.get("fields", []))) or "–",
                         ", ".join(map(str, info.get("missing", []))) or "–"])
        table(doc, [t("Niveau", "Level", lang), t("Passager", "Passages", lang), t("Fundet", "Found", lang),
                    t("Mangler", "Lacking", lang)], rows)
    if v.status != "covered":
        if v.template_sections:
            labelled(doc, t("Skriv i skabelonens afsnit", "Write in template section", lang),
                     ", ".join(v.template_sections))
        if v.help_questions:
            doc.add_paragraph().add_run(t("Skabelonens hjælpespørgsmål:", "The template's help questions:", lang)).bold = True
            bullets(doc, v.help_questions)


def _elements(doc: DocxDocument, report: Report) -> None:
    lang = report.lang
    for chapter, levels in by_chapter(report.elements).items():
        doc.add_heading(xml_safe(chapter), level=1)
        for level, elements in levels.items():
            doc.add_heading(level_label(level, lang), level=2)
            for verdict in elements:
                element_body(doc, verdict, lang)


def _sections(doc: DocxDocument, report: Report) -> None:
    lang = report.lang
    if not report.sections:
        return
    doc.add_heading(t("Skabelonens afsnit", "Template sections", lang), level=1)
    names = {v.id: v.name for v in report.elements}
    rows = [[s.id, s.title, "", ", ".join(names.get(e, e) for e in s.elements) or "–"] for s in report.sections]
    tbl = table(doc, [t("Afsnit", "Section", lang), t("Titel", "Title", lang), t("Status", "Status", lang),
                      t("Elementer", "Elements", lang)], rows)
    for row, section in zip(tbl.rows[1:], report.sections):
        status_cell(row.cells[2], section.status, lang)


def render_docx(report: Report) -> bytes:
    """The full report for one plan as a Word document, in the report's language."""
    lang = report.lang
    name = plan_name(report)
    doc = base_document(f"{name} – {t('vurdering', 'audit', lang)}", lang)
    doc.add_paragraph(t("Vurdering op mod det nationale koncept", "Audit against the national concept", lang),
                      style="Subtitle")
    doc.add_heading(xml_safe(name), level=0)
    _meta(doc, report)
    _summary(doc, report)
    _status_table(doc, report)
    _elements(doc, report)
    _sections(doc, report)
    doc.add_paragraph(t("Vurderingen er et værktøjs forslag: læs citaterne, før du bruger den.",
                        "The verdicts are a tool's suggestions: read the quotes before relying on them.", lang))
    return to_bytes(doc)
