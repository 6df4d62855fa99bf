"""DOCX and PDF of the same corpus plan must read as the same text.

The PDFs are LibreOffice exports of the DOCX (and noerreskov a designed two-column layout), so any gap
between the two extractions is an extraction fault: a running header left in, a hyphenated word not
joined, a column or a fact box read out of order, a table read twice.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from rapidfuzz import fuzz

from concept_audit.extract import load_document

CORPUS = Path(__file__).resolve().parents[2] / "corpora"
PLANS = [p["id"] for p in yaml.safe_load((CORPUS / "manifest.yaml").read_text(encoding="utf-8"))["plans"]
         if {"docx", "pdf"} <= set(p["formats"])]
BODY_KINDS = ("heading", "paragraph", "list_item", "table", "footnote")


def body_text(path: Path) -> str:
    doc = load_document(path)
    return " ".join(" ".join(b.text for b in doc.blocks if b.kind in BODY_KINDS).split())


@pytest.mark.parametrize("plan", PLANS)
def test_docx_and_pdf_body_text_agree(plan: str) -> None:
    docx = body_text(CORPUS / "plans" / f"{plan}.docx")
    pdf = body_text(CORPUS / "plans" / f"{plan}.pdf")
    assert fuzz.ratio(docx, pdf) >= 97, f"{plan}: DOCX and PDF body text differ"


def test_there_are_plans_in_both_formats() -> None:
    assert len(PLANS) >= 8


def test_hand_formatted_plan_has_one_outline_in_all_formats() -> None:
    """klintholm: Word formatted by hand (typed "1.<tab>" steps, bold sub-headings, a table whose header row
    ends page 1 of the PDF). Markdown source, DOCX and PDF read as the same headings, lists and tables."""
    docs = [load_document(CORPUS / "src" / "klintholm.md"), load_document(CORPUS / "plans" / "klintholm.docx"),
            load_document(CORPUS / "plans" / "klintholm.pdf")]
    outlines = [[(h.text, h.level) for h in doc.headings] for doc in docs]
    assert outlines[0] == outlines[1] == outlines[2]
    assert ("Action card 2 – Alvorlig bekymring uden umiddelbar fare", 2) in outlines[0]
    for kind in ("list_item", "table", "paragraph"):
        counts = [sum(b.kind == kind for b in doc.blocks) for doc in docs]
        assert counts[0] == counts[1] == counts[2], (kind, counts)
    lists = [[b.text for b in doc.blocks if b.kind == "list_item"] for doc in docs]
    assert lists[1][:2] == ["Ring 112. Sig, hvor du er, og hvad der sker.",
                            "Bring dig selv og andre i sikkerhed. Konfronter ikke personen."]
    tables = [[b for b in doc.blocks if b.kind == "table"][1] for doc in docs]
    assert all(t.rows[0] == ["Funktion", "Opgave i en akut situation", "Stedfortræder"] and t.header_rows == 1
               and len(t.rows) == 8 for t in tables)


@pytest.mark.parametrize("plan", ["klintholm", "lundemark"])
def test_list_items_are_ordered_alike_in_all_formats(plan: str) -> None:
    """klintholm's action cards are typed "1.<tab>" steps in Word, lundemark's steps use Word numbering and
    its bullets Word bullets: every list item of the Markdown source is a list item in DOCX and PDF too, and
    numbered or not alike (matched by text: the PDF may join a hyphenated word differently)."""
    docs = [load_document(CORPUS / "src" / f"{plan}.md"), load_document(CORPUS / "plans" / f"{plan}.docx"),
            load_document(CORPUS / "plans" / f"{plan}.pdf")]
    lists = [[b for b in doc.blocks if b.kind == "list_item"] for doc in docs]
    source = lists[0]
    assert any(b.ordered for b in source) and all(b.ordered is not None for b in source)
    assert [(b.text, b.ordered) for b in lists[1]] == [(b.text, b.ordered) for b in source]
    free = list(lists[2])
    for item in source:
        match = max(free, key=lambda b: fuzz.ratio(b.text, item.text))
        assert fuzz.ratio(match.text, item.text) >= 95, item.text
        assert match.ordered == item.ordered, item.text
        free.remove(match)
    assert not any(b.ordered for b in free)  # lundemark's PDF: "·"-separated fact box lines read as bullets
    assert all(b.ordered is None for doc in docs for b in doc.blocks if b.kind != "list_item")
