"""The PDF extractor on small PDFs built in code: structure, reading order, repairs, both backends."""

from __future__ import annotations

from pathlib import Path

import pytest

from concept_audit.extract import load_document
from concept_audit.extract.pdf import join_lines

from pdf_builders import HEADER, build_columns, build_plan

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
