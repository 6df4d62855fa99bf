"""The DOCX extractor on small documents built here with python-docx and raw WordprocessingML.

Each test writes the construct it checks the way Word writes it (text boxes with a VML fallback, complex
fields, tracked changes, footnotes, numbering definitions), then reads the file through
``load_document`` so indices and heading paths are the ones later stages see.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import docx
import pytest
from docx.enum.style import WD_STYLE_TYPE
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import parse_xml
from docx.oxml.ns import qn
from docx.shared import Pt

from concept_audit.extract import load_document
from concept_audit.extract.docx import format_number
from concept_audit.model import Document

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = " ".join(f'xmlns:{p}="{u}"' for p, u in {
    "w": W_NS,
    "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
    "wps": "http://schemas.microsoft.com/office/word/2010/wordprocessingShape",
    "mc": "http://schemas.openxmlformats.org/markup-compatibility/2006",
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "v": "urn:schemas-microsoft-com:vml",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
}.items())


def add_xml(doc: docx.document.Document, xml: str) -> None:
    """Append raw body elements (w:p, w:tbl, w:sdt) before the section properties."""
    holder = parse_xml(f"<w:body {NS}>{xml}</w:body>")
    sect = doc.element.body.sectPr
    for child in list(holder):
        if sect is not None:
            sect.addprevious(child)
        else:
            doc.element.body.append(child)


def para(text: str, style: str | None = None, extra_ppr: str = "", rpr: str = "") -> str:
    ppr = (f'<w:pStyle w:val="{style}"/>' if style else "") + extra_ppr
    run_pr = f"<w:rPr>{rpr}</w:rPr>" if rpr else ""
    return (f'<w:p>{"<w:pPr>" + ppr + "</w:pPr>" if ppr else ""}'
            f'<w:r>{run_pr}<w:t xml:space="preserve">{text}</w:t></w:r></w:p>')


def body(words: int = 40, seed: str = "Kommunen arbejder med forebyggelse") -> str:
    """A plain body paragraph long enough never to read as a heading."""
    base = (seed + " i tæt samarbejde med politiet og skolerne. ") * (words // 10 + 1)
    return " ".join(base.split()[:words]) + "."


def save(doc: docx.document.Document, tmp_path: Path, name: str = "plan.docx") -> Document:
    path = tmp_path / name
    doc.save(str(path))
    return load_document(path)


def by_text(doc: Document, start: str):
    matches = [b for b in doc.blocks if b.text.startswith(start)]
    assert matches, f"no block starts with {start!r}: {[b.text[:40] for b in doc.blocks]}"
    return matches[0]


# ------------------------------------------------------------------------------------------- headings


def test_heading_styles_english_danish_inherited_and_outline(tmp_path: Path) -> None:
    doc = docx.Document()
    doc.add_paragraph("Handlingsplan mod ekstremisme", style="Title")
    doc.add_paragraph("Strategi", style="Heading 1")
    doc.styles.add_style("Overskrift 2", WD_STYLE_TYPE.PARAGRAPH)  # Danish name, id "Overskrift2"
    doc.add_paragraph("Vision", style="Overskrift 2")
    doc.add_paragraph(body())
    custom = doc.styles.add_style("Min rubrik", WD_STYLE_TYPE.PARAGRAPH)
    custom.base_style = doc.styles["Heading 2"]
    doc.add_paragraph("Formål", style="Min rubrik")
    doc.styles.element.append(parse_xml(
        f'<w:style {NS} w:type="paragraph" w:styleId="Overskrift1"><w:name w:val="Stor rubrik"/></w:style>'))
    add_xml(doc, para("Organisering", style="Overskrift1"))
    add_xml(doc, para("Samarbejde med politiet", extra_ppr='<w:outlineLvl w:val="2"/>'))
    doc.styles.element.append(parse_xml(
        f'<w:style {NS} w:type="paragraph" w:styleId="Kapitel"><w:name w:val="Kapitel"/>'
        '<w:pPr><w:outlineLvl w:val="0"/></w:pPr></w:style>'))
    add_xml(doc, para("Indsatser", style="Kapitel"))
    add_xml(doc, para(body()))

    result = save(doc, tmp_path)
    got = [(b.text, b.level) for b in result.headings]
    assert got == [("Handlingsplan mod ekstremisme", 1), ("Strategi", 1), ("Vision", 2), ("Formål", 2),
                   ("Organisering", 1), ("Samarbejde med politiet", 3), ("Indsatser", 1)]
    assert by_text(result, "Samarbejde").section == ["Organisering"]
    assert result.blocks[-1].kind == "paragraph" and result.blocks[-1].section == ["Indsatser"]


def test_headings_from_formatting_without_styles(tmp_path: Path) -> None:
    doc = docx.Document()
    doc.styles["Normal"].font.size = Pt(11)

    def formatted(text: str, *, bold: bool = False, size: float | None = None) -> None:
        run = doc.add_paragraph().add_run(text)
        run.bold = bold or None
        if size:
            run.font.size = Pt(size)

    formatted("Strategi", bold=True, size=16)
    doc.add_paragraph(body())
    formatted("Vision og mål", bold=True, size=13)
    doc.add_paragraph(body())
    formatted("Målgruppe", bold=True)
    doc.add_paragraph(body())
    formatted("Ansvarlig:", bold=True)  # a label, not a heading
    p = doc.add_paragraph()
    p.add_run("Kort fed indledning. ").bold = True  # bold first sentence of a long paragraph
    p.add_run(body())
    doc.add_paragraph("2.1 Sagsflow og registrering")  # typed section number, no formatting
    doc.add_paragraph(body())
    formatted("Tabel 3. Mødefora", bold=True)  # a caption
    table = doc.add_table(rows=2, cols=2)
    table.cell(0, 0).paragraphs[0].add_run("Kort fed celle").bold = True
    table.cell(1, 0).text = "Indhold"
    formatted("Organisering", bold=True, size=16)
    doc.add_paragraph(body())

    result = save(doc, tmp_path)
    got = [(b.text, b.level) for b in result.headings]
    assert got == [("Strategi", 1), ("Vision og mål", 2), ("Målgruppe", 3), ("2.1 Sagsflow og registrering", 2),
                   ("Organisering", 1)]
    assert by_text(result, "2.1 Sagsflow").numbering == "2.1"
    assert by_text(result, "Ansvarlig:").kind == "paragraph"
    assert by_text(result, "Kort fed indledning").kind == "paragraph"
    assert by_text(result, "Målgruppe").section == ["Strategi", "Vision og mål"]
    assert [b.kind for b in result.blocks].count("table") == 1


# ------------------------------------------------------------------------------------------ numbering


def _multilevel(doc: docx.document.Document, abstract_id: int, num_id: int, texts: list[str],
                styles: list[str] | None = None, start: int = 1, fmt: str = "decimal") -> None:
    numbering = doc.part.numbering_part.element
    levels = "".join(
        f'<w:lvl w:ilvl="{i}"><w:start w:val="{start if i == 0 else 1}"/><w:numFmt w:val="{fmt if i == 0 else "decimal"}"/>'
        + (f'<w:pStyle w:val="{styles[i]}"/>' if styles else "")
        + f'<w:lvlText w:val="{text}"/></w:lvl>'
        for i, text in enumerate(texts))
    numbering.find(qn("w:num")).addprevious(parse_xml(
        f'<w:abstractNum {NS} w:abstractNumId="{abstract_id}">{levels}</w:abstractNum>'))
    numbering.append(parse_xml(
        f'<w:num {NS} w:numId="{num_id}"><w:abstractNumId w:val="{abstract_id}"/></w:num>'))


def test_word_numbered_headings_read_as_the_reader_sees_them(tmp_path: Path) -> None:
    doc = docx.Document()
    _multilevel(doc, 80, 80, ["%1", "%1.%2", "%1.%2.%3"], ["Heading1", "Heading2", "Heading3"])
    for level in (1, 2, 3):
        ppr = doc.styles[f"Heading {level}"].element.get_or_add_pPr()
        ppr.insert(0, parse_xml(f'<w:numPr {NS}><w:ilvl w:val="{level - 1}"/><w:numId w:val="80"/></w:numPr>'))
    outline = [(1, "Strategi"), (2, "Vision"), (2, "Ansvar"), (3, "Ledelse"), (3, "Opfølgning"),
               (1, "Organisering"), (2, "Infohus"), (3, "Sagsflow og registrering")]
    for level, text in outline:
        doc.add_paragraph(text, style=f"Heading {level}")
        doc.add_paragraph(body())
    # Annex numbering with its own text: "Bilag 1", "Bilag 2", restarted by a start override at 3.
    _multilevel(doc, 81, 81, ["Bilag %1"])
    doc.part.numbering_part.element.append(parse_xml(
        f'<w:num {NS} w:numId="82"><w:abstractNumId w:val="81"/>'
        '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="3"/></w:lvlOverride></w:num>'))
    doc.styles.element.append(parse_xml(
        f'<w:style {NS} w:type="paragraph" w:styleId="Bilag"><w:name w:val="Bilagsoverskrift"/>'
        '<w:pPr><w:numPr><w:numId w:val="81"/></w:numPr><w:outlineLvl w:val="0"/></w:pPr></w:style>'))
    add_xml(doc, para("Action cards", style="Bilag") + para(body()) + para("Samarbejdsaftale", style="Bilag")
            + para("Kontakter", style="Bilag", extra_ppr='<w:numPr><w:numId w:val="82"/></w:numPr>'))

    result = save(doc, tmp_path)
    got = [(b.text, b.numbering, b.level) for b in result.headings]
    assert got == [
        ("1 Strategi", "1", 1), ("1.1 Vision", "1.1", 2), ("1.2 Ansvar", "1.2", 2),
        ("1.2.1 Ledelse", "1.2.1", 3), ("1.2.2 Opfølgning", "1.2.2", 3), ("2 Organisering", "2", 1),
        ("2.1 Infohus", "2.1", 2), ("2.1.1 Sagsflow og registrering", "2.1.1", 3),
        ("Bilag 1 Action cards", "Bilag 1", 1), ("Bilag 2 Samarbejdsaftale", "Bilag 2", 1),
        ("Bilag 3 Kontakter", "Bilag 3", 1),
    ]
    assert by_text(result, "2.1.1 Sagsflow").section == ["2 Organisering", "2.1 Infohus"]


def test_format_number() -> None:
    assert [format_number(n, "lowerLetter") for n in (1, 26, 27)] == ["a", "z", "aa"]
    assert format_number(14, "upperRoman") == "XIV"
    assert format_number(4, "decimalZero") == "04"


def test_nested_lists_depths_and_no_bullet_glyphs(tmp_path: Path) -> None:
    doc = docx.Document()
    doc.add_paragraph("Indsatser", style="Heading 1")
    doc.add_paragraph("Mentorforløb", style="List Bullet")
    doc.add_paragraph("Forældrecoaching for familier", style="List Bullet 2")
    doc.add_paragraph("Exitforløb", style="List Bullet")
    doc.add_paragraph(style="List Paragraph").add_run("Fed kort punkt").bold = True
    # Numbered items with direct numPr, second level via ilvl, bullets drawn from a symbol font.
    _multilevel(doc, 83, 83, ["%1.", "%2)"])
    add_xml(doc, para("Ring til lederen", extra_ppr='<w:numPr><w:ilvl w:val="0"/><w:numId w:val="83"/></w:numPr>')
            + para("samme dag", extra_ppr='<w:numPr><w:ilvl w:val="1"/><w:numId w:val="83"/></w:numPr>'))
    # "Listeafsnit": the Danish name of List Paragraph.
    doc.styles.add_style("Listeafsnit", WD_STYLE_TYPE.PARAGRAPH)
    doc.add_paragraph("Punkt i listeafsnit", style="Listeafsnit")
    # Hand-made bullets: a w:sym glyph and a private-use character from a symbol font, then a tab.
    add_xml(doc, '<w:p><w:pPr><w:ind w:left="720" w:hanging="360"/></w:pPr><w:r><w:sym w:font="Symbol" '
            'w:char="F0B7"/></w:r><w:r><w:tab/><w:t>Symbolpunkt</w:t></w:r></w:p>'
            '<w:p><w:pPr><w:ind w:left="720" w:hanging="360"/></w:pPr><w:r><w:rPr><w:rFonts w:ascii="Symbol"/>'
            '</w:rPr><w:t>\uf0b7</w:t></w:r><w:r><w:tab/><w:t>Privat tegn</w:t></w:r></w:p>'
            '<w:p><w:pPr><w:ind w:left="1080" w:hanging="360"/></w:pPr><w:r><w:t xml:space="preserve">•\tUnderpunkt</w:t>'
            '</w:r></w:p>')

    result = save(doc, tmp_path)
    items = [(b.text, b.depth) for b in result.blocks if b.kind == "list_item"]
    assert items == [("Mentorforløb", 0), ("Forældrecoaching for familier", 1), ("Exitforløb", 0),
                     ("Fed kort punkt", 0), ("Ring til lederen", 0), ("samme dag", 1), ("Punkt i listeafsnit", 0),
                     ("Symbolpunkt", 0), ("Privat tegn", 0), ("Underpunkt", 1)]
    assert all(b.section == ["Indsatser"] for b in result.blocks[1:])
    assert "\uf0b7" not in result.text() and "•" not in result.text()


def _typed(marker: str, text: str, *, left: int | None = 357, hanging: int = 357, gap: str = "tab",
           rpr: str = "") -> str:
    """A list item formatted by hand: a Normal paragraph "1.<tab>text" with a hanging indent, no w:numPr."""
    ind = f'<w:ind w:left="{left}" w:hanging="{hanging}"/>' if left is not None else ""
    ppr = f'<w:pPr><w:tabs><w:tab w:pos="{left or 0}" w:val="left"/></w:tabs>{ind}</w:pPr>' if ind else ""
    run_pr = f"<w:rPr>{rpr}</w:rPr>" if rpr else ""
    sep = "<w:tab/>" if gap == "tab" else '<w:t xml:space="preserve"> </w:t>'
    return (f'<w:p>{ppr}<w:r>{run_pr}<w:t xml:space="preserve">{marker}</w:t>{sep}</w:r>'
            f'<w:r>{run_pr}<w:t xml:space="preserve">{text}</w:t></w:r></w:p>')


def test_typed_list_markers_are_list_items_and_numbered_titles_stay_headings(tmp_path: Path) -> None:
    doc = docx.Document()
    doc.styles["Normal"].font.size = Pt(11)
    bold = "<w:b/>"
    add_xml(doc, _typed("1.", "Hvad er denne plan?", left=None, rpr=bold)  # a hand-numbered title: a heading
            + para(body())
            + para("Action card 1 – Umiddelbar fare", rpr=bold)
            + _typed("1.", "Ring 112. Sig, hvor du er, og hvad der sker.")
            + _typed("2.", "Tal med din nærmeste leder samme dag.")
            + _typed("a)", "også uden for åbningstid", left=714)
            + _typed("-", "før du går hjem", left=1071)
            + _typed("3.", "Følg politiets anvisninger")  # no final period, body type: still a step
            + _typed("•", "Symbolfri punkttegn med tabulator")
            + _typed("4)", "Orienter lederen", left=None)  # no indent at all: the tab is enough
            + para("2.1 Organisering", rpr=bold)
            + para(body()))

    result = save(doc, tmp_path)
    assert [h.text for h in result.headings] == [
        "1. Hvad er denne plan?", "Action card 1 – Umiddelbar fare", "2.1 Organisering"]
    assert (result.headings[0].numbering, result.headings[0].level) == ("1", 1)
    assert (result.headings[2].numbering, result.headings[2].level) == ("2.1", 2)
    items = [(b.text, b.depth) for b in result.blocks if b.kind == "list_item"]
    # The marker goes, as in the PDF extractor; depth by where the marker stands.
    assert items == [("Ring 112. Sig, hvor du er, og hvad der sker.", 0),
                     ("Tal med din nærmeste leder samme dag.", 0), ("også uden for åbningstid", 1),
                     ("før du går hjem", 2), ("Følg politiets anvisninger", 0),
                     ("Symbolfri punkttegn med tabulator", 0), ("Orienter lederen", 0)]
    assert all(b.section[-1] == "Action card 1 – Umiddelbar fare"
               for b in result.blocks if b.kind == "list_item")
    assert "\t" not in result.text()


def test_enumerator_before_a_space_needs_a_second_sign_of_a_list(tmp_path: Path) -> None:
    doc = docx.Document()
    add_xml(doc, para(body())
            # A run of typed steps with a space after the number and no indent: the neighbours vouch.
            + _typed("1.", "Ring 112 ved fare.", left=None, gap="space")
            + _typed("2.", "Bring dig selv i sikkerhed.", left=None, gap="space")
            + para(body())
            # One step on its own, but indented like a list.
            + _typed("a)", "at sikre overblik", left=720, hanging=360, gap="space")
            + para(body())
            # Sentences that start like an enumerator: ordinals, initials, one number alone.
            + para("1. januar 2025 trådte den nye lov i kraft for alle kommuner.")
            + para(body())
            + para("3. sektor er en vigtig partner i det forebyggende arbejde.")
            + para("A. P. Møller Fonden har støttet projektet i tre år.")
            + para(body())
            + para("1. Kommunen har ansvaret for planen, og den følges op hvert år."))

    result = save(doc, tmp_path)
    assert [b.text for b in result.blocks if b.kind == "list_item"] == [
        "Ring 112 ved fare.", "Bring dig selv i sikkerhed.", "at sikre overblik"]
    for start in ("1. januar", "3. sektor", "A. P. Møller", "1. Kommunen"):
        assert by_text(result, start).kind == "paragraph", start
    assert not result.headings


def _numbered(text: str, num_id: int, ilvl: int = 0) -> str:
    return para(text, extra_ppr=f'<w:numPr><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num_id}"/></w:numPr>')


def test_word_numbering_formats_decide_ordered(tmp_path: Path) -> None:
    """Counting formats (decimal, letters, roman) are ordered; bullets, "none" and a level text without a
    counter ("–" in a decimal level) are drawn as marks, not numbers."""
    doc = docx.Document()
    doc.add_paragraph("Handlekort", style="Heading 1")
    _multilevel(doc, 90, 90, ["%1.", "%2)"])
    _multilevel(doc, 91, 91, ["%1)"], fmt="lowerLetter")
    _multilevel(doc, 92, 92, ["%1."], fmt="upperRoman")
    _multilevel(doc, 93, 93, ["\uf0b7"], fmt="bullet")
    _multilevel(doc, 94, 94, ["–"])  # decimal format, but no %1 in the level text: a dash is drawn
    _multilevel(doc, 95, 95, [""], fmt="none")
    add_xml(doc, _numbered("Ring 112", 90) + _numbered("også om natten", 90, ilvl=1)
            + _numbered("Bogstavpunkt", 91) + _numbered("Romertalspunkt", 92) + _numbered("Punkttegn", 93)
            + _numbered("Tankestreg", 94) + _numbered("Uden tegn", 95) + para(body()))
    doc.add_paragraph("Punkt fra skabelonen", style="List Bullet")
    doc.add_paragraph("Trin fra skabelonen", style="List Number")

    result = save(doc, tmp_path)
    items = [(b.text, b.ordered) for b in result.blocks if b.kind == "list_item"]
    assert items == [("Ring 112", True), ("også om natten", True), ("Bogstavpunkt", True),
                     ("Romertalspunkt", True), ("Punkttegn", False), ("Tankestreg", False), ("Uden tegn", False),
                     ("Punkt fra skabelonen", False), ("Trin fra skabelonen", True)]
    assert all(b.ordered is None for b in result.blocks if b.kind != "list_item")


def test_list_style_names_and_typed_markers_decide_ordered(tmp_path: Path) -> None:
    doc = docx.Document()
    doc.styles["Normal"].font.size = Pt(11)
    # List styles without Word numbering: the name says numbered or bulleted; a plain list paragraph is
    # ordered only when an enumerator is typed in it.
    for name in ("Opstilling - talformat", "Opstilling - punkttegn", "Listeafsnit"):
        doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    doc.add_paragraph("Trin i talformat", style="Opstilling - talformat")
    doc.add_paragraph("Punkt i punkttegn", style="Opstilling - punkttegn")
    doc.add_paragraph("Punkt i listeafsnit", style="Listeafsnit")
    doc.add_paragraph("1. Trin skrevet i listeafsnit", style="Listeafsnit")
    add_xml(doc, para(body())
            + _typed("1.", "Ring 112. Sig, hvor du er.")
            + _typed("a)", "også uden for åbningstid", left=714)
            + _typed("-", "før du går hjem", left=1071)
            + _typed("•", "Punkttegn med tabulator")
            + para(body())
            + _typed("1.", "Ring til lederen.", left=None, gap="space")  # loose enumerators, vouched for
            + _typed("2.", "Skriv en note.", left=None, gap="space")
            + para(body())
            + '<w:p><w:r><w:sym w:font="Symbol" w:char="F0B7"/></w:r><w:r><w:tab/><w:t>Symbolpunkt</w:t></w:r></w:p>'
            + para("1. januar 2025 trådte loven i kraft for alle kommuner."))

    result = save(doc, tmp_path)
    items = [(b.text, b.ordered) for b in result.blocks if b.kind == "list_item"]
    assert items == [("Trin i talformat", True), ("Punkt i punkttegn", False), ("Punkt i listeafsnit", False),
                     ("1. Trin skrevet i listeafsnit", True), ("Ring 112. Sig, hvor du er.", True),
                     ("også uden for åbningstid", True), ("før du går hjem", False),
                     ("Punkttegn med tabulator", False), ("Ring til lederen.", True), ("Skriv en note.", True),
                     ("Symbolpunkt", False)]
    assert by_text(result, "1. januar").kind == "paragraph" and by_text(result, "1. januar").ordered is None


def test_ordered_is_in_the_json_of_every_block(tmp_path: Path) -> None:
    doc = docx.Document()
    doc.add_paragraph("Strategi", style="Heading 1")
    doc.add_paragraph("Trin", style="List Number")
    doc.add_paragraph(body())
    data = save(doc, tmp_path).to_dict()
    assert [(b["kind"], b["ordered"]) for b in data["blocks"]] == [
        ("heading", None), ("list_item", True), ("paragraph", None)]
    assert list(data["blocks"][1])[:6] == ["index", "kind", "text", "level", "depth", "ordered"]
    assert Document.from_dict(data).blocks[1].ordered is True
    old = dict(data["blocks"][1])
    del old["ordered"]  # a document cached before the field existed still loads
    assert Document.from_dict({**data, "blocks": [old]}).blocks[0].ordered is None


# -------------------------------------------------------------------------------------------- tables


def test_table_rows_merged_cells_header_and_nested_table(tmp_path: Path) -> None:
    doc = docx.Document()
    doc.add_paragraph("Ansvar", style="Heading 1")
    xml = """
<w:tbl>
 <w:tblGrid><w:gridCol/><w:gridCol/><w:gridCol/></w:tblGrid>
 <w:tr><w:trPr><w:tblHeader/></w:trPr>
  <w:tc><w:p><w:r><w:t>Niveau</w:t></w:r></w:p></w:tc>
  <w:tc><w:p><w:r><w:t>Hvem</w:t></w:r></w:p></w:tc>
  <w:tc><w:p><w:r><w:t>Opgave</w:t></w:r></w:p></w:tc></w:tr>
 <w:tr>
  <w:tc><w:tcPr><w:vMerge w:val="restart"/></w:tcPr><w:p><w:r><w:t>Politisk</w:t></w:r></w:p></w:tc>
  <w:tc><w:tcPr><w:gridSpan w:val="2"/></w:tcPr><w:p><w:r><w:t>Byrådet vedtager planen</w:t></w:r></w:p></w:tc></w:tr>
 <w:tr>
  <w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p/></w:tc>
  <w:tc><w:p><w:r><w:t>Udvalget</w:t></w:r></w:p></w:tc>
  <w:tc><w:p><w:r><w:t>Følger op</w:t></w:r></w:p>
   <w:tbl><w:tr><w:tc><w:p><w:r><w:t>Marts</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>Status</w:t></w:r></w:p></w:tc></w:tr></w:tbl>
  </w:tc></w:tr>
</w:tbl>"""
    add_xml(doc, xml)
    bold_first = doc.add_table(rows=2, cols=2)
    for c, text in enumerate(("Mål", "Frist")):
        bold_first.cell(0, c).paragraphs[0].add_run(text).bold = True
    bold_first.cell(1, 0).text, bold_first.cell(1, 1).text = "Kursus", "2026"
    plain = doc.add_table(rows=2, cols=2)
    for r, row in enumerate((("Kursus", "2026"), ("Møde", "2027"))):
        for c, text in enumerate(row):
            plain.cell(r, c).text = text

    result = save(doc, tmp_path)
    tables = [b for b in result.blocks if b.kind == "table"]
    assert len(tables) == 3
    first = tables[0]
    assert first.rows == [["Niveau", "Hvem", "Opgave"], ["Politisk", "Byrådet vedtager planen", ""],
                          ["", "Udvalget", "Følger op\nMarts | Status"]]
    assert first.header_rows == 1
    assert first.text.count("Politisk") == 1 and first.text.count("Byrådet") == 1
    assert first.section == ["Ansvar"] and first.paragraph == 1
    assert tables[1].header_rows == 1 and tables[2].header_rows == 0
    assert not any(b.kind != "table" and "Udvalget" in b.text for b in result.blocks)


def test_one_cell_table_is_a_box(tmp_path: Path) -> None:
    doc = docx.Document()
    cell = doc.add_table(rows=1, cols=1).cell(0, 0)
    cell.paragraphs[0].add_run("Faktaboks: Infohuset").bold = True
    cell.add_paragraph(body())
    result = save(doc, tmp_path)
    assert [b.container for b in result.blocks] == ["box", "box"]
    assert all(b.kind == "paragraph" for b in result.blocks)


# ---------------------------------------------------------------------- text python-docx does not give


TEXT_BOX = f"""
<w:p><w:r>
 <mc:AlternateContent>
  <mc:Choice Requires="wps"><w:drawing><wp:anchor><wp:extent cx="1" cy="1"/><wp:docPr id="1" name="Tekstfelt 1"/>
   <a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">
    <wps:wsp><wps:txbx><w:txbxContent>
     {para("Sådan håndteres en bekymring", rpr="<w:b/>")}
     {para("Ring til SSP-lederen samme dag.")}
    </w:txbxContent></wps:txbx></wps:wsp>
   </a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice>
  <mc:Fallback><w:pict><v:shape><v:textbox><w:txbxContent>
     {para("Sådan håndteres en bekymring", rpr="<w:b/>")}
     {para("Ring til SSP-lederen samme dag.")}
  </w:txbxContent></v:textbox></v:shape></w:pict></mc:Fallback>
 </mc:AlternateContent>
</w:r></w:p>"""


def test_text_box_is_read_once_from_the_choice(tmp_path: Path) -> None:
    doc = docx.Document()
    doc.add_paragraph("Sagsflow", style="Heading 2")
    doc.add_paragraph(body())
    add_xml(doc, TEXT_BOX)
    doc.add_paragraph("Efter boksen.")
    result = save(doc, tmp_path)
    assert result.text().count("Sådan håndteres en bekymring") == 1
    assert result.text().count("Ring til SSP-lederen samme dag.") == 1
    box = [b for b in result.blocks if b.container == "box"]
    assert [b.text for b in box] == ["Sådan håndteres en bekymring", "Ring til SSP-lederen samme dag."]
    assert all(b.kind == "paragraph" and b.section == ["Sagsflow"] for b in box)
    assert result.blocks[-1].text == "Efter boksen." and result.blocks[-1].container == "body"


def test_vml_only_text_box_is_read(tmp_path: Path) -> None:
    doc = docx.Document()
    add_xml(doc, f'<w:p><w:r><w:pict><v:shape><v:textbox><w:txbxContent>{para("Gammel boks")}'
                 '</w:txbxContent></v:textbox></v:shape></w:pict></w:r></w:p>')
    result = save(doc, tmp_path)
    assert [(b.text, b.container) for b in result.blocks] == [("Gammel boks", "box")]


def test_content_controls_block_inline_and_toc(tmp_path: Path) -> None:
    doc = docx.Document()
    toc = (
        '<w:sdt><w:sdtPr><w:docPartObj><w:docPartGallery w:val="Table of Contents"/><w:docPartUnique/>'
        '</w:docPartObj></w:sdtPr><w:sdtContent>'
        + para("Indhold", style="TOCHeading")
        + '<w:p><w:pPr><w:pStyle w:val="Heading1"/></w:pPr>'
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> TOC \\o "1-3" \\h </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
        '<w:hyperlink w:anchor="_Toc1"><w:r><w:t>Strategi</w:t></w:r><w:r><w:tab/></w:r>'
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> PAGEREF _Toc1 \\h </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>3</w:t></w:r>'
        '<w:r><w:fldChar w:fldCharType="end"/></w:r></w:hyperlink></w:p>'
        '<w:p><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>'
        '</w:sdtContent></w:sdt>')
    add_xml(doc, toc)
    doc.add_paragraph("Strategi", style="Heading 1")
    add_xml(doc, '<w:sdt><w:sdtPr><w:alias w:val="Vedtagelse"/></w:sdtPr><w:sdtContent>'
            + para("Vedtaget af Byrådet den 27. maj 2025.") + "</w:sdtContent></w:sdt>")
    add_xml(doc, '<w:p><w:r><w:t xml:space="preserve">Planen gælder for </w:t></w:r><w:sdt><w:sdtPr/>'
            '<w:sdtContent><w:r><w:t>2025–2028</w:t></w:r></w:sdtContent></w:sdt>'
            '<w:sdt><w:sdtPr><w:showingPlcHdr/></w:sdtPr><w:sdtContent><w:r><w:t>Klik her for at angive tekst.'
            '</w:t></w:r></w:sdtContent></w:sdt><w:r><w:t>.</w:t></w:r></w:p>')
    result = save(doc, tmp_path)
    assert [b.text for b in result.headings] == ["Strategi"]
    toc_entry = result.blocks[1]
    assert toc_entry.kind == "paragraph" and toc_entry.text == "Strategi 3"
    assert "TOC" not in result.text() and "PAGEREF" not in result.text()
    assert by_text(result, "Vedtaget af Byrådet").kind == "paragraph"
    assert by_text(result, "Planen gælder").text == "Planen gælder for 2025–2028."


def test_tracked_changes_fields_hyperlinks_and_special_characters(tmp_path: Path) -> None:
    doc = docx.Document()
    add_xml(doc, (
        '<w:p><w:r><w:t xml:space="preserve">Planen blev </w:t></w:r>'
        '<w:ins w:id="1" w:author="A"><w:r><w:t xml:space="preserve">endeligt </w:t></w:r></w:ins>'
        '<w:del w:id="2" w:author="A"><w:r><w:delText xml:space="preserve">foreløbigt </w:delText></w:r></w:del>'
        '<w:moveFrom w:id="3" w:author="A"><w:r><w:t>flyttet væk </w:t></w:r></w:moveFrom>'
        '<w:r><w:t>vedtaget.</w:t></w:r></w:p>'
        '<w:p><w:r><w:t xml:space="preserve">Se </w:t></w:r>'
        '<w:hyperlink r:id="rId999"><w:r><w:t>hedelund.dk</w:t></w:r></w:hyperlink>'
        '<w:r><w:t xml:space="preserve"> og </w:t></w:r>'
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        '<w:r><w:instrText xml:space="preserve"> HYPERLINK "https://example.dk" </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>vejledningen</w:t></w:r>'
        '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
        '<w:r><w:t xml:space="preserve"> på side </w:t></w:r>'
        '<w:fldSimple w:instr=" PAGE "><w:r><w:t>7</w:t></w:r></w:fldSimple><w:r><w:t>.</w:t></w:r></w:p>'
        '<w:p><w:r><w:t>Forebyggelses</w:t><w:softHyphen/><w:t>indsatsen</w:t><w:tab/><w:t>SSP</w:t>'
        '<w:noBreakHyphen/><w:t>samarbejdet</w:t><w:br/><w:t>ny linje</w:t></w:r>'
        '<w:r><w:rPr><w:vanish/></w:rPr><w:t>skjult tekst</w:t></w:r></w:p>'))
    result = save(doc, tmp_path)
    texts = [b.text for b in result.blocks]
    assert texts[0] == "Planen blev endeligt vedtaget."
    assert texts[1] == "Se hedelund.dk og vejledningen på side 7."
    assert texts[2] == "Forebyggelsesindsatsen SSP-samarbejdet\nny linje"
    assert "HYPERLINK" not in result.text() and "skjult" not in result.text()


def _add_footnotes(doc: docx.document.Document, notes: dict[int, str]) -> None:
    items = [
        '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>',
        '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r>'
        '</w:p></w:footnote>',
    ]
    for note_id, text in notes.items():
        items.append(f'<w:footnote w:id="{note_id}"><w:p><w:r><w:footnoteRef/></w:r>'
                     f'<w:r><w:t xml:space="preserve"> {text}</w:t></w:r></w:p></w:footnote>')
    xml = f'<?xml version="1.0" encoding="UTF-8"?>\n<w:footnotes {NS}>{"".join(items)}</w:footnotes>'
    part = Part(PackURI("/word/footnotes.xml"), CT.WML_FOOTNOTES, xml.encode("utf-8"), doc.part.package)
    doc.part.relate_to(part, RT.FOOTNOTES)


def test_footnotes_marker_after_word_and_notes_after_the_referring_paragraph(tmp_path: Path) -> None:
    doc = docx.Document()
    doc.add_paragraph("Strategi", style="Heading 1")
    ref = '<w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:footnoteReference w:id="{}"/></w:r>'
    add_xml(doc, '<w:p><w:r><w:t>Planen er vedtaget</w:t></w:r>' + ref.format(7)
            + '<w:r><w:t xml:space="preserve"> af Byrådet</w:t></w:r>' + ref.format(3) + '<w:r><w:t>.</w:t></w:r></w:p>')
    doc.add_paragraph(body())
    _add_footnotes(doc, {3: "Byrådets møde den 27. maj 2025.", 7: "Sag nr. 25/04417."})
    result = save(doc, tmp_path)
    assert by_text(result, "Planen er").text == "Planen er vedtaget[1] af Byrådet[2]."
    notes = [b for b in result.blocks if b.kind == "footnote"]
    assert [b.text for b in notes] == ["[1] Sag nr. 25/04417.", "[2] Byrådets møde den 27. maj 2025."]
    assert result.blocks[2:4] == notes and result.blocks[1].text.startswith("Planen er")  # in reference order
    assert all(b.section == ["Strategi"] for b in notes)
    assert "separator" not in result.text()


def test_header_and_footer_text_stay_out_of_the_body(tmp_path: Path) -> None:
    doc = docx.Document()
    doc.sections[0].header.paragraphs[0].text = "Hedelund Kommune · Løbende sidehoved"
    doc.sections[0].footer.paragraphs[0].text = "Side 1 af 9"
    doc.add_paragraph("Strategi", style="Heading 1")
    doc.add_paragraph(body())
    result = save(doc, tmp_path)
    assert "sidehoved" not in result.text() and "Side 1 af 9" not in result.text()
    assert [b.kind for b in result.blocks] == ["heading", "paragraph"]


def test_paragraph_indices_metadata_and_no_pages(tmp_path: Path) -> None:
    doc = docx.Document()
    doc.add_paragraph("Strategi", style="Heading 1")  # paragraph 0
    doc.add_paragraph()  # 1: empty, still a paragraph in Word
    doc.add_paragraph(body())  # 2
    table = doc.add_table(rows=2, cols=2)  # cells hold paragraphs 3-6
    table.cell(0, 0).text, table.cell(1, 0).text = "A", "B"
    doc.add_paragraph("Efter tabellen.")  # 7
    props = doc.core_properties
    props.title = "Handlingsplan 2025–2028"
    props.author = "Hedelund Kommune"
    props.subject = "Forebyggelse af ekstremisme"
    props.created = dt.datetime(2025, 5, 27, 9, 30)
    result = save(doc, tmp_path)
    assert [(b.kind, b.paragraph) for b in result.blocks] == [("heading", 0), ("paragraph", 2), ("table", 3),
                                                                ("paragraph", 7)]
    assert result.blocks[1].location == "afsnit 3"
    assert all(b.page is None for b in result.blocks) and result.pages is None
    assert result.format == "docx" and len(result.sha256) == 64
    assert result.title == "Handlingsplan 2025–2028" and result.date == "2025-05-27"
    assert result.metadata["creator"] == "Hedelund Kommune"
    assert result.metadata["subject"] == "Forebyggelse af ekstremisme"


@pytest.mark.parametrize("style", ["Heading 1", "Title"])
def test_heading_line_break_is_one_line(tmp_path: Path, style: str) -> None:
    doc = docx.Document()
    p = doc.add_paragraph(style=style)
    p.add_run("Handlingsplan")
    p.add_run().add_break()
    p.add_run("2025–2028")
    result = save(doc, tmp_path)
    assert result.headings[0].text == "Handlingsplan 2025–2028"
