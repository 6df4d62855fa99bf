"""The Word report, opened back with python-docx: heading styles, a coloured status table, the content."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn

from concept_audit.audit import audit
from concept_audit.model import Report
from concept_audit.render.docx_report import render_docx
from concept_audit.render.html import STATUS_COLOURS

ROOT = Path(__file__).resolve().parents[2]
LABELS = {"covered": "dækket", "weak": "svag", "missing": "mangler"}


@pytest.fixture(scope="module")
def report() -> Report:
    return audit(ROOT / "corpora" / "src" / "bakkedal.md")


def _fill(cell) -> str | None:
    shd = cell._tc.tcPr.find(qn("w:shd")) if cell._tc.tcPr is not None else None
    return None if shd is None else shd.get(qn("w:fill"))


def test_docx_report_structure(report: Report) -> None:
    doc = Document(io.BytesIO(render_docx(report)))
    headings = [(p.style.name, p.text) for p in doc.paragraphs if p.style.name.startswith(("Heading", "Title"))]
    assert ("Heading 1", "Sammenfatning") in headings
    chapters = list(dict.fromkeys(v.chapter for v in report.elements))
    assert [h for s, h in headings if s == "Heading 1" and h in chapters] == chapters
    element_headings = [h for s, h in headings if s == "Heading 3"]
    assert element_headings == [v.name for v in report.elements]

    status_table = next(tbl for tbl in doc.tables if tbl.rows[0].cells[2].text == "Element")
    rows = status_table.rows[1:]
    assert len(rows) == 25
    for row, verdict in zip(rows, report.elements):
        assert row.cells[2].text == verdict.name
        assert row.cells[3].text == LABELS[verdict.status]
        assert _fill(row.cells[3]) == STATUS_COLOURS[verdict.status][1].lstrip("#").upper()

    text = "\n".join(p.text for p in doc.paragraphs)
    for verdict in report.elements:
        for evidence in verdict.evidence:
            assert f"»{evidence.quote}«" in text
        if verdict.status != "covered":
            for question in verdict.help_questions:
                assert question in text


def test_docx_report_english(report: Report) -> None:
    english = Report.from_dict({**report.to_dict(), "lang": "en"})
    doc = Document(io.BytesIO(render_docx(english)))
    names = [p.text for p in doc.paragraphs if p.style.name == "Heading 1"]
    assert "Summary" in names and "Sammenfatning" not in names


def test_docx_report_survives_control_characters_and_markup(report: Report) -> None:
    """PDF text can carry control codes XML cannot hold; markup must stay text."""
    data = report.to_dict()
    data["source"]["title"] = "Plan\x0b med <b>markup</b>\x00"
    data["elements"][0]["evidence"] = [{"quote": "Citat\x0c med \x1f styretegn <script>", "page": 2,
                                        "section": ["1.2 Vision"], "block": 3, "paragraph": None}]
    doc = Document(io.BytesIO(render_docx(Report.from_dict(data))))
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "Plan med <b>markup</b>" in text
    assert "»Citat med  styretegn <script>«" in text
    assert "s. 2 · 1.2 Vision" in text
