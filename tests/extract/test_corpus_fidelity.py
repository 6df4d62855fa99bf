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
