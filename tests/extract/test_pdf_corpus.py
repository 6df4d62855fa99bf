"""Every corpus PDF extracts with its source headings, without running headers, with sane pages.

The PDFs are generated from ``corpora/src/<id>.md`` (LibreOffice exports with a running header and a
"Side X af Y" footer; ``noerreskov.pdf`` a designed two-column brochure), so the Markdown headings are
the truth a PDF extraction must recover.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from rapidfuzz import fuzz

from concept_audit.extract import load_document
from concept_audit.extract.structure import SECTION_NUMBER
from concept_audit.extract.text import parse_markup

ROOT = Path(__file__).resolve().parents[2] / "corpora"
PDFS = sorted((ROOT / "plans").glob("*.pdf"))
MIN_SHARE = 0.9


def _strip_number(text: str) -> str:
    while match := SECTION_NUMBER.match(text):  # "4.1 Bilag 1: ..." (auto number + own number)
        text = text[match.end():].lstrip(" .:)–-")
    return " ".join(text.strip(" .:–-").split()).lower()


def source_headings(plan_id: str) -> tuple[dict, list[str]]:
    meta, blocks = parse_markup((ROOT / "src" / f"{plan_id}.md").read_text(encoding="utf-8"), markdown=True)
    return meta, [b.text for b in blocks if b.kind == "heading"]


def heading_share(found: list[str], expected: list[str]) -> tuple[float, list[str]]:
    """Share of ``expected`` headings with a heading in ``found`` at rapidfuzz ratio ≥ 90 (numbers ignored)."""
    got = [_strip_number(h) for h in found]
    missing = [h for h in expected if not any(fuzz.ratio(_strip_number(h), g) >= 90 for g in got)]
    return (1 - len(missing) / len(expected)) if expected else 1.0, missing


@pytest.fixture(scope="module", params=PDFS, ids=[p.stem for p in PDFS])
def extracted(request):
    path = request.param
    return path.stem, load_document(path)


def test_corpus_has_pdfs():
    assert len(PDFS) >= 10


def test_source_headings_found(extracted):
    plan_id, doc = extracted
    _, expected = source_headings(plan_id)
    share, missing = heading_share([b.text for b in doc.headings], expected)
    assert share >= MIN_SHARE, f"{plan_id}: {share:.2f}, missing {missing}"


def test_no_running_header_or_page_numbers(extracted):
    plan_id, doc = extracted
    meta, _ = source_headings(plan_id)
    header = str(meta.get("header") or "").strip().lower()
    for block in doc.blocks:
        text = block.text.strip().lower()
        assert not re.fullmatch(r"side \d+( af \d+)?", text), (plan_id, block.text)
        if header and block.kind != "heading":
            assert header not in text, (plan_id, block.page, block.text)
            assert fuzz.ratio(header, text) < 90, (plan_id, block.page, block.text)


def test_pages(extracted):
    plan_id, doc = extracted
    assert doc.pages and doc.pages >= 1
    assert doc.headings and doc.headings[0].page == 1
    pages = [b.page for b in doc.blocks]
    assert all(p is not None and 1 <= p <= doc.pages for p in pages)
    assert pages == sorted(pages), plan_id
    assert pages[-1] >= doc.pages - 1  # the text runs to the end of the file


def test_metadata(extracted):
    _, doc = extracted
    assert doc.format == "pdf"
    assert doc.title
    assert doc.date and re.fullmatch(r"\d{4}-\d{2}-\d{2}", doc.date)
    assert doc.metadata.get("producer")
