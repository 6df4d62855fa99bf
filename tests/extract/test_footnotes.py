"""Footnotes read alike in DOCX, PDF and Markdown: one plan built here in all three formats.

Convention (``structure.place_footnotes``): a footnote is a block "[n] text" standing right after the block
that first refers to it, and the reference is "[n]" right after the word, never a bare digit glued to it.
Word and Markdown keep notes apart from the text, a PDF prints them at the foot of the page; the PDF
extractor reads the raised small digits as note numbers, splits the notes at the foot of a page, joins a
note running on at the next page's foot, and joins a paragraph or table broken over the page across them.
"""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import parse_xml
from reportlab.pdfbase.pdfmetrics import stringWidth

from concept_audit.extract import load_document
from concept_audit.extract.layout import NOTE_MARK
from concept_audit.model import Document
from pdf_builders import LEFT, Writer

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = f'xmlns:w="{W_NS}"'

INTRO_LINES = ("Planen beskriver kommunens samlede indsats mod ekstremisme og radikalisering,",
               "herunder samarbejdet med politiet, skolerne og de sociale myndigheder, og den",
               "fastlægger ansvar, arbejdsgange og opfølgning i alle kommunens centre.")
INTRO = " ".join(INTRO_LINES)
VEDTAGET = ("Planen er vedtaget af Byrådet.", " Den gælder i fire år og revideres hvert andet år af styregruppen.")
AREAL = ("Infohuset har et mødelokale på 40 m", " i rådhusets stueetage til møder med borgerne.")
SAG = ("Sagen er oprettet i kommunens ESDH-system", " og journaliseres af sekretariatet, som sikrer at",
       "arbejdsgangen følges i alle sager.")
NOTE_1 = "Byrådets møde den 27. maj 2025."
NOTE_2 = ("Sag nr. 25/04417, som", "behandles af Juridisk Kontor.")
ORGANISERING = "Styregruppen mødes hver måned og følger op på planens indsatser og mål."


def _sup(w: Writer, x: float, text: str, size: float = 6) -> float:
    """A superscript number: small, raised above the baseline by half its size or more."""
    w.canvas.setFont("Helvetica", size)
    w.canvas.drawString(x, w.y + 0.65 * size, text)
    return x + stringWidth(text, "Helvetica", size)


def _text(w: Writer, x: float, text: str, size: float = 10) -> float:
    w.canvas.setFont("Helvetica", size)
    w.canvas.drawString(x, w.y, text)
    return x + stringWidth(text, "Helvetica", size)


def build_pdf(path: Path) -> Path:
    w = Writer(path, pages=2)
    w.line("1. Strategi", 16, "Helvetica-Bold", after=8)
    for line in INTRO_LINES:
        w.line(line)
    w.gap(6)
    w.y -= 12.5
    _text(w, _sup(w, _text(w, LEFT, VEDTAGET[0]), "1"), VEDTAGET[1])
    w.gap(9)
    w.y -= 12.5
    _text(w, _sup(w, _text(w, LEFT, AREAL[0]), "3"), AREAL[1])  # m³: a superscript, no note
    w.gap(12)
    w.y -= 12.5
    _text(w, _sup(w, _text(w, LEFT, SAG[0]), "2"), SAG[1])  # the paragraph runs on over the page
    w.y = 100  # the notes at the foot of page 1
    _text(w, _sup(w, LEFT, "1", 5) + 1.5, NOTE_1, 8)
    w.y -= 10
    _text(w, _sup(w, LEFT, "2", 5) + 1.5, NOTE_2[0], 8)
    w.new_page()
    w.line(SAG[2], after=8)
    w.line("2. Organisering", 16, "Helvetica-Bold", after=8)
    w.line(ORGANISERING)
    w.y = 100
    _text(w, LEFT, NOTE_2[1], 8)  # note 2 runs on at the foot of page 2
    w.save()
    return path


def build_docx(path: Path) -> Path:
    doc = docx.Document()
    ref = '<w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:footnoteReference w:id="{}"/></w:r>'
    sup = '<w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:t>{}</w:t></w:r>'

    def run(text: str) -> str:
        return f'<w:r><w:t xml:space="preserve">{text}</w:t></w:r>'

    doc.add_paragraph("1. Strategi", style="Heading 1")
    doc.add_paragraph(INTRO)
    body = doc.element.body
    for xml in (f"<w:p {NS}>{run(VEDTAGET[0])}{ref.format(5)}{run(VEDTAGET[1])}</w:p>",
                f"<w:p {NS}>{run(AREAL[0])}{sup.format(3)}{run(AREAL[1])}</w:p>",
                f"<w:p {NS}>{run(SAG[0])}{ref.format(9)}{run(SAG[1] + ' ' + SAG[2])}</w:p>"):
        body.sectPr.addprevious(parse_xml(xml))
    doc.add_paragraph("2. Organisering", style="Heading 1")
    doc.add_paragraph(ORGANISERING)
    notes = [
        '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>',
        '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r>'
        '</w:p></w:footnote>',
    ]
    for note_id, text in ((5, NOTE_1), (9, " ".join(NOTE_2))):
        notes.append(f'<w:footnote w:id="{note_id}"><w:p><w:r><w:footnoteRef/></w:r>'
                     f'<w:r><w:t xml:space="preserve"> {text}</w:t></w:r></w:p></w:footnote>')
    xml = f'<?xml version="1.0" encoding="UTF-8"?>\n<w:footnotes {NS}>{"".join(notes)}</w:footnotes>'
    part = Part(PackURI("/word/footnotes.xml"), CT.WML_FOOTNOTES, xml.encode("utf-8"), doc.part.package)
    doc.part.relate_to(part, RT.FOOTNOTES)
    doc.save(str(path))
    return path


def build_markdown(path: Path) -> Path:
    path.write_text(
        f"# 1. Strategi\n\n{INTRO}\n\n{VEDTAGET[0]}[^1]{VEDTAGET[1]}\n\n{AREAL[0]}3{AREAL[1]}\n\n"
        f"{SAG[0]}[^2]{SAG[1]} {SAG[2]}\n\n# 2. Organisering\n\n{ORGANISERING}\n\n"
        f"[^1]: {NOTE_1}\n[^2]: {' '.join(NOTE_2)}\n", encoding="utf-8")
    return path


EXPECTED = [
    ("heading", "1. Strategi"),
    ("paragraph", INTRO),
    ("paragraph", f"{VEDTAGET[0]}[1]{VEDTAGET[1]}"),
    ("footnote", f"[1] {NOTE_1}"),
    ("paragraph", f"{AREAL[0]}3{AREAL[1]}"),
    ("paragraph", f"{SAG[0]}[2]{SAG[1]} {SAG[2]}"),
    ("footnote", f"[2] {' '.join(NOTE_2)}"),
    ("heading", "2. Organisering"),
    ("paragraph", ORGANISERING),
]


@pytest.fixture(scope="module")
def documents(tmp_path_factory) -> dict[str, Document]:
    tmp = tmp_path_factory.mktemp("footnotes")
    return {"pdf": load_document(build_pdf(tmp / "plan.pdf")),
            "docx": load_document(build_docx(tmp / "plan.docx")),
            "md": load_document(build_markdown(tmp / "plan.md"))}


@pytest.mark.parametrize("fmt", ["pdf", "docx", "md"])
def test_footnotes_stand_after_the_block_that_refers_to_them(documents, fmt):
    doc = documents[fmt]
    assert [(b.kind, b.text) for b in doc.blocks] == EXPECTED
    notes = [b for b in doc.blocks if b.kind == "footnote"]
    assert all(b.section == ["1. Strategi"] for b in notes)
    assert not any(NOTE_MARK in b.text for b in doc.blocks)


def test_pdf_footnote_pages_and_reference_not_glued(documents):
    doc = documents["pdf"]
    assert [b.page for b in doc.blocks if b.kind == "footnote"] == [1, 1]
    assert "Byrådet.1" not in doc.text() and "ESDH-system2" not in doc.text()


def test_footnotes_of_a_docx_without_references_and_endnote_labels_stay_put():
    from concept_audit.extract.structure import place_footnotes
    from concept_audit.model import Block

    blocks = [Block(0, "paragraph", "Tekst med henvisning.[i]"), Block(0, "paragraph", "[2] er ikke en henvisning"),
              Block(0, "footnote", "[2] Ingen henviser hertil."), Block(0, "footnote", "[i] En slutnote.")]
    assert place_footnotes(list(blocks)) == blocks


def test_pdfplumber_backend_reads_the_notes_alike(tmp_path):
    doc = load_document(build_pdf(tmp_path / "plan.pdf"), pdf_backend="pdfplumber")
    assert [(b.kind, b.text) for b in doc.blocks] == EXPECTED
