"""The PDF extractor on small PDFs built in code: structure, reading order, repairs, both backends."""

from __future__ import annotations

from pathlib import Path

import pytest

from concept_audit.extract import load_document
from concept_audit.extract.pdf import join_lines

from pdf_builders import HEADER, build_adjacent_tables, build_broken_tables, build_columns, build_plan

BACKENDS = ["pdfium", "pdfplumber"]


@pytest.fixture(scope="module")
def plan_path(tmp_path_factory) -> Path:
    return build_plan(tmp_path_factory.mktemp("pdf") / "plan.pdf")


@pytest.fixture(scope="module", params=BACKENDS)
def plan(request, plan_path):
    return load_document(plan_path, pdf_backend=request.param)


@pytest.fixture(scope="module", params=BACKENDS)
def columns(request, tmp_path_factory):
    return load_document(build_columns(tmp_path_factory.mktemp("pdf") / "cols.pdf"), pdf_backend=request.param)


@pytest.fixture(scope="module", params=BACKENDS)
def broken(request, tmp_path_factory):
    return load_document(build_broken_tables(tmp_path_factory.mktemp("pdf") / "broken.pdf"),
                         pdf_backend=request.param)


def _block(doc, start: str):
    return next(b for b in doc.blocks if b.text.startswith(start))


def test_headings_and_levels(plan):
    heads = [(h.text, h.level) for h in plan.headings]
    assert heads == [
        ("Handlingsplan mod ekstremisme", 1),
        ("1. Strategi og rammer for det forebyggende arbejde", 1),  # a two-line heading is one heading
        ("1.1 Rammer", 2),
        ("1.1.1 Formål", 3),
        ("2. Organisering", 1),
        ("2.1.4 Sagsflow og registrering", 3),  # numbered, in body type
    ]
    assert _block(plan, "1.1.1 Formål").section[-1] == "1.1 Rammer"


def test_bold_lead_in_is_not_a_heading(plan):
    block = _block(plan, "Vigtigt.")
    assert block.kind == "paragraph"
    assert block.text.endswith("uden at blive en overskrift.")


def test_no_running_header_or_footer(plan):
    text = plan.text()
    assert HEADER not in text and "Testby Kommune" not in text
    assert "Side" not in text


def test_hyphenation(plan):
    text = _block(plan, "Planen beskriver").text
    assert "beredskabsorganisering" in text
    assert "SSP-samarbejde" in text
    assert "social- og sundhedsområdet" in text


def test_lists(plan):
    items = [(b.text, b.depth) for b in plan.blocks if b.kind == "list_item"]
    assert items == [
        ("give overblik over indsatsen", 0),
        ("gøre det klart, hvem der gør hvad, når der opstår en bekymring", 0),
        ("også uden for åbningstid", 1),
    ]


def test_table(plan):
    tables = [b for b in plan.blocks if b.kind == "table"]
    assert len(tables) == 1
    table = tables[0]
    assert table.rows == [["Niveau", "Hvem", "Ansvar"], ["Politisk", "Byrådet", "Vedtager planen"],
                          ["Strategisk", "Styregruppen", "Følger op hvert år"],
                          ["Udførende", "Infohuset", "Behandler sager"]]
    assert table.header_rows == 1
    assert table.page == 2
    others = " ".join(b.text for b in plan.blocks if b.kind != "table")
    assert "Styregruppen" not in others  # table text is not repeated in the body
    order = [b.text for b in plan.blocks]
    assert order.index("Tabellen viser ansvaret:") < plan.blocks.index(table) < order.index("Teksten efter tabellen.")


def test_pages_and_metadata(plan):
    assert plan.pages == 3
    assert _block(plan, "Handlingsplan").page == 1
    assert _block(plan, "2. Organisering").page == 2
    assert _block(plan, "2.1.4").page == 3
    assert plan.title == "Testplan"
    assert plan.metadata["author"] == "Testby Kommune"
    assert plan.date and len(plan.date) == 10


def test_two_columns_not_interleaved(columns):
    body = [b for b in columns.blocks if b.container == "body" and b.kind == "paragraph"]
    text = "\n".join(b.text for b in body)
    left_end = text.index("Venstre spalte linje 30")
    assert left_end < text.index("Højre spalte linje 1 ")
    for block in body:  # no block mixes the columns
        assert not ("Venstre" in block.text and "Højre" in block.text)


def test_fact_box_is_its_own_block(columns):
    boxes = [b for b in columns.blocks if b.container == "box"]
    assert boxes
    box_text = " ".join(b.text for b in boxes)
    assert "Kommunen skal have et skriftligt beredskab mod ekstremisme." in box_text
    assert all("spalte" not in b.text for b in boxes)
    assert "beredskab" not in " ".join(b.text for b in columns.blocks if b.container == "body")
    order = [b.text[:22] for b in columns.blocks]
    box_at = columns.blocks.index(boxes[0])
    assert order.index("Højre spalte linje 1 o") < box_at < order.index("Højre spalte linje 13 ")


def test_heading_bar_is_a_heading(columns):
    bar = _block(columns, "Sådan arbejder vi")
    assert bar.kind == "heading" and bar.container == "body"


@pytest.mark.parametrize(
    ("lines", "joined"),
    [
        (["beredskabs-", "organisering"], "beredskabsorganisering"),
        (["SSP-", "samarbejde"], "SSP-samarbejde"),
        (["social-", "og sundhedsområdet"], "social- og sundhedsområdet"),
        (["børne-", "eller ungeområdet"], "børne- eller ungeområdet"),
        (["18-", "årige"], "18-årige"),
        (["Nord-", "Slesvig"], "Nord-Slesvig"),
        (["en tanke -", "og mere"], "en tanke - og mere"),
        (["2025–", "2028"], "2025–2028"),
        (["to", "linjer"], "to linjer"),
    ],
)
def test_join_lines(lines, joined):
    assert join_lines(lines) == joined


def test_table_whose_header_row_ends_the_page_is_one_table(broken):
    """Only the bold header row fits at the foot of page 1: it is a table, joined to its rows on page 2."""
    first = [b for b in broken.blocks if b.kind == "table"][0]
    assert first.rows == [["Funktion", "Opgave i en akut situation", "Stedfortræder"],
                          ["Medarbejderen", "Ringer 112 ved fare", "–"],
                          ["Nærmeste leder", "Orienterer kontaktpersonen", "Souschef"],
                          ["Kommunaldirektøren", "Beslutter om krisestaben", "Direktøren"]]
    assert first.header_rows == 1 and first.page == 1
    assert [h.text for h in broken.headings if h.page == 1] == ["3. Hvem gør hvad?"]
    assert first.section == ["3. Hvem gør hvad?"]


def test_table_broken_over_a_page_with_repeated_header_and_broken_row(broken):
    second = [b for b in broken.blocks if b.kind == "table"][1]
    assert second.rows == [["Hvem", "Hvad", "Hvornår"], ["Lederen", "Orienterer Info-huset", "Samme dag"],
                           ["Kontaktpersonen", "Kontakter politiet og vurderer sagen", "Samme dag"],
                           ["Borgmesteren", "Udtaler sig efter aftale", "Efter behov"]]
    assert second.header_rows == 1 and second.page == 2


def test_one_row_table_and_grid_in_the_footer_band(broken):
    tables = [b for b in broken.blocks if b.kind == "table"]
    assert len(tables) == 3
    assert tables[2].rows == [["Alarm ved fare", "112", "Døgnet rundt"]] and tables[2].header_rows == 0
    # A one-row grid wholly in the bottom band is a footer drawn as a table: text, and never a heading.
    footer = _block(broken, "Fortroligt")
    assert footer.kind == "paragraph"


def test_no_headings_from_table_text_or_side_by_side_column_labels(broken):
    heads = [h.text for h in broken.headings]
    assert heads[0] == "3. Hvem gør hvad?" and heads[-1].endswith("Organisering")  # a number split off by a gap
    assert len(heads) == 2
    for label in ("Funktion", "Opgave", "Stedfortræder", "Hvem", "Fortroligt"):
        assert not any(h.startswith(label) for h in heads), label
    assert [b.kind for b in broken.blocks if b.text in ("Funktion", "Opgave")] == ["paragraph", "paragraph"]


@pytest.mark.parametrize("backend", BACKENDS)
def test_tables_meeting_at_a_page_break_with_their_own_headers_stay_apart(tmp_path, backend):
    doc = load_document(build_adjacent_tables(tmp_path / "adjacent.pdf"), pdf_backend=backend)
    tables = [b for b in doc.blocks if b.kind == "table"]
    assert [t.rows[0][0] for t in tables] == ["Forum", "Kursus"]
    assert [(len(t.rows), t.header_rows, t.page) for t in tables] == [(3, 1, 1), (2, 1, 2)]


def _build_numbered_and_bulleted(path: Path) -> Path:
    """A procedure of numbered steps (one with a lettered sub-step), then bullets of three kinds."""
    from pdf_builders import LEFT, Writer

    w = Writer(path, pages=1)
    w.line("Action card 1", 16, "Helvetica-Bold", after=6)
    w.line("Gør sådan, hvis der er umiddelbar fare:", after=6)

    def item(marker: str, text: str, indent: float = 0) -> None:
        w.line(marker, x=LEFT + 4 + indent)
        w.y += 12.5
        w.line(text, x=LEFT + 22 + indent, after=2)

    item("1.", "Ring 112. Sig, hvor du er, og hvad der sker.")
    item("2.", "Bring dig selv og andre i sikkerhed.")
    item("a)", "også uden for åbningstid", indent=18)
    item("3)", "Følg politiets anvisninger.")
    w.gap(8)
    w.line("Husk at orientere:", after=6)
    item("•", "din nærmeste leder")
    item("–", "kontaktpersonen til Infohuset")
    item("\u00b7", "kommunaldirektøren")
    w.gap(8)
    w.line("Et afsnit efter listen, der slutter siden.")
    w.save()
    return path


@pytest.mark.parametrize("backend", BACKENDS)
def test_enumerated_items_are_ordered_and_bullets_not(tmp_path, backend):
    doc = load_document(_build_numbered_and_bulleted(tmp_path / "steps.pdf"), pdf_backend=backend)
    items = [(b.text, b.depth, b.ordered) for b in doc.blocks if b.kind == "list_item"]
    assert items == [
        ("Ring 112. Sig, hvor du er, og hvad der sker.", 0, True),
        ("Bring dig selv og andre i sikkerhed.", 0, True),
        ("også uden for åbningstid", 1, True),
        ("Følg politiets anvisninger.", 0, True),
        ("din nærmeste leder", 0, False),
        ("kontaktpersonen til Infohuset", 0, False),
        ("kommunaldirektøren", 0, False),
    ]
    assert all(b.ordered is None for b in doc.blocks if b.kind != "list_item")


def test_bullets_of_the_plan_are_not_ordered(plan):
    assert [b.ordered for b in plan.blocks if b.kind == "list_item"] == [False, False, False]


@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize("bold", ["Tabel 12. Ledelsesinformation", "Status: På plads"])
def test_a_bold_caption_or_field_line_is_not_a_heading(tmp_path, backend, bold):
    # "Tabel 12. Ledelsesinformation" set in bold names the table below, and "Status: På plads" states how
    # the section stands; DOCX and Markdown keep both paragraphs, and so must the PDF extractor, or the
    # text after them falls under a heading of its own
    from pdf_builders import LEFT, Writer

    path = tmp_path / "bold.pdf"
    w = Writer(path, pages=1)
    w.line("8. Opfølgning og ledelsesinformation", 14, "Helvetica-Bold", after=6)
    w.line("Styregruppen følger op på indsatserne to gange om året.", after=8)
    w.line(bold, 10, "Helvetica-Bold", after=4)
    w.line("Antallet af bekymringshenvendelser opgøres hvert kvartal.", x=LEFT)
    w.save()
    doc = load_document(path, pdf_backend=backend)
    assert [h.text for h in doc.headings] == ["8. Opfølgning og ledelsesinformation"]
    assert _block(doc, bold[:7]).kind == "paragraph"


def _build_narrow_cells(path: Path) -> Path:
    """A ruled table whose narrow cells cut a word at the edge ("Opfølgnin" / "g") and wrap another
    between words right at the edge ("propaganda og" / "fællesskaber")."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    from pdf_builders import Writer, grid

    w = Writer(path, pages=1)
    w.line("Opfølgning på indsatserne sker hvert år, og fællesskaber og propaganda er emner.", after=12)
    cells = [["Opfølgnin", "g"], ["propaganda og", "fællesskaber"], ["Kriminalforsorgen", ", Jobcentret"]]
    widths = [max(stringWidth(t, "Helvetica", 10) for t in cell) + 9 for cell in cells]
    grid(w, [tuple("\n".join(cell) for cell in cells)], widths, bold_rows=(), row_height=34)
    w.line("Et afsnit efter tabellen.")
    w.save()
    return path


@pytest.mark.parametrize("backend", BACKENDS)
def test_words_cut_at_a_narrow_cells_edge_are_mended_by_the_plans_vocabulary(tmp_path, backend):
    doc = load_document(_build_narrow_cells(tmp_path / "cells.pdf"), pdf_backend=backend)
    table = next(b for b in doc.blocks if b.kind == "table")
    assert table.rows[0] == ["Opfølgning", "propaganda og fællesskaber", "Kriminalforsorgen, Jobcentret"]
    assert "\u2064" not in table.text


def test_a_row_broken_over_a_page_is_joined_and_a_word_the_page_cut_is_mended():
    # every cell goes on below, one with a number ("6–12 måneder"); the page cut "Foreg" + "ribende"
    from concept_audit.extract.layout import TableArea
    from concept_audit.model import Block
    from concept_audit.extract.pdf import join_tables, resolve_cell_breaks

    columns = [50.0, 150.0, 300.0, 450.0]
    first = TableArea(50, 100, 450, 800, [["Niveau", "Indsats", "Indhold"], ["Foreg", "Mentorforl", "Fast mentor i"]],
                      1, page=3, columns=columns)
    second = TableArea(50, 60, 450, 120, [["ribende", "øb", "6–12 måneder"]], 0, page=4, columns=columns)
    join_tables(first, second)
    assert len(first.rows) == 2
    blocks = [Block(0, "paragraph", "Det foregribende niveau omfatter et mentorforløb.", page=3),
              Block(1, "table", "", rows=first.rows, header_rows=1, page=3)]
    resolve_cell_breaks(blocks)
    assert blocks[1].rows[1] == ["Foregribende", "Mentorforløb", "Fast mentor i 6–12 måneder"]
