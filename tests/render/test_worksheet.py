"""The revision worksheet, opened back with python-docx: the template's sections in order, with statuses."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from docx import Document

from concept_audit.audit import audit
from concept_audit.model import Report
from concept_audit.render.worksheet import assign_evidence, chapter_titles, render_worksheet
from concept_audit.ruleset import RuleSet, load_rules

ROOT = Path(__file__).resolve().parents[2]
LABELS = {"covered": "dækket", "weak": "svag", "missing": "mangler"}


@pytest.fixture(scope="module")
def rules() -> RuleSet:
    return load_rules()


@pytest.fixture(scope="module")
def report(rules: RuleSet) -> Report:
    return audit(ROOT / "corpora" / "src" / "bakkedal.md", rules=rules)


def _body(doc):
    """Paragraphs and tables in document order (python-docx lists them separately)."""
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    for child in doc.element.body.iterchildren():
        if child.tag.endswith("}p"):
            yield Paragraph(child, doc)
        elif child.tag.endswith("}tbl"):
            yield Table(child, doc)


def test_worksheet_follows_the_template(report: Report, rules: RuleSet) -> None:
    doc = Document(io.BytesIO(render_worksheet(report, rules)))
    headings = [(p.style.name, p.text) for p in doc.paragraphs if p.style.name.startswith("Heading")]
    chapters = [text for style, text in headings if style == "Heading 1"]
    assert chapters == ["1. Strategi", "2. Organisering", "3. Indsatser", "4. Bilag"]
    sections = [text for style, text in headings if style in ("Heading 2", "Heading 3")]
    assert sections == [f"{s.id} {s.title}" for s in rules.sections]
    assert sections[0].startswith("1.1 ") and sections[-1].startswith("4.4 ")
    assert {"1.2.1", "2.1.4", "3.2.2"} <= {s.split()[0] for s in sections}
    levels = {text.split()[0]: style for style, text in headings}
    assert levels["1.3"] == "Heading 2" and levels["1.3.6"] == "Heading 3" and levels["4.2"] == "Heading 2"


def test_worksheet_statuses_quotes_questions_and_space(report: Report, rules: RuleSet) -> None:
    doc = Document(io.BytesIO(render_worksheet(report, rules)))
    elements = {v.id: v for v in report.elements}
    statuses = {s.id: s.status for s in report.sections}
    # walk the body: for each section heading, collect what follows until the next heading
    blocks: dict[str, list] = {}
    current = None
    for item in _body(doc):
        if hasattr(item, "style") and item.style is not None and item.style.name in ("Heading 2", "Heading 3"):
            current = item.text.split()[0]
            blocks[current] = []
        elif hasattr(item, "style") and item.style is not None and item.style.name == "Heading 1":
            current = None
        elif current:
            blocks[current].append(item)
    assert list(blocks) == [s.id for s in rules.sections]
    placed = assign_evidence(report)
    for section in rules.sections:
        content = blocks[section.id]
        tables = [b for b in content if b.__class__.__name__ == "Table"]
        text = "\n".join(b.text for b in content if b.__class__.__name__ == "Paragraph")
        if section.elements:
            status_table = tables[0]
            rows = [(r.cells[0].text, r.cells[1].text) for r in status_table.rows[1:]]
            assert rows == [(elements[e].name, LABELS[elements[e].status]) for e in section.elements]
        for _, evidence in placed.get(section.id, []):
            assert f"»{evidence.quote}«" in text
        if statuses[section.id] != "covered":
            for question in section.questions:
                assert question in text
            for e in section.elements:
                if elements[e].status != "covered" and elements[e].lacking:
                    assert ", ".join(elements[e].lacking) in text
        # the writing box closes every section
        assert tables and tables[-1].rows[0].cells[0].text.startswith("Jeres tekst")
    # the plan is a gappy one: the worksheet must have something to ask
    assert any(s != "covered" for s in statuses.values())
    assert sum(len(v) for v in placed.values()) > 10


def test_evidence_goes_to_the_numbered_section() -> None:
    from concept_audit.model import ElementVerdict, Evidence, SourceInfo, summarise

    quote_a = Evidence("Beredskabet ledes af direktøren.", None, ["1. Strategi", "1.3 Ansvar", "1.3.6 Beredskab"], 4)
    quote_b = Evidence("Et citat uden nummereret overskrift.", None, ["Vores beredskab"], 9)
    verdict = ElementVerdict("strategi.x", "Strategi", "strategisk", "X", "weak", 0.5, "r",
                             evidence=[quote_a, quote_b], template_sections=["1.3", "1.3.6"])
    report = Report(SourceInfo("p.md", "md", None, "0"), {}, [verdict], [], summarise([verdict]))
    placed = assign_evidence(report)
    assert [e for _, e in placed["1.3.6"]] == [quote_a]
    assert [e for _, e in placed["1.3"]] == [quote_b]


def test_chapter_titles_english(rules: RuleSet) -> None:
    assert chapter_titles(rules, "en")["4"] == "4. Annexes"


def test_worksheet_command(tmp_path: Path) -> None:
    from concept_audit.cli import main

    out = tmp_path / "revision.docx"
    assert main(["worksheet", str(ROOT / "corpora" / "plans" / "soeholt.docx"), "-o", str(out), "--lang", "en"]) == 0
    doc = Document(str(out))
    chapters = [p.text for p in doc.paragraphs if p.style.name == "Heading 1"]
    assert chapters[-1] == "4. Annexes" and len(chapters) == 4
    assert "Your text for the section:" in [t.rows[0].cells[0].paragraphs[0].text for t in doc.tables]
