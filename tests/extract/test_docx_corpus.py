"""Every corpus DOCX against its Markdown source: the headings the author wrote come out as headings.

The DOCX files are generated from ``corpora/src/<id>.md`` in three layouts (Word heading styles, hand
formatting without styles, Word automatic numbering), so the source's ``#`` lines are the truth for
what a reader sees as headings. Numbers are compared without their digits because the numbered layout
has Word draw them ("4.1 Bilag 1: ...") where the source types them or leaves them out.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from rapidfuzz import fuzz

from concept_audit.extract import load_document

CORPUS = Path(__file__).resolve().parents[2] / "corpora"
PLANS = sorted((CORPUS / "plans").glob("*.docx"))
_NUMBER = re.compile(r"^\d{1,2}(?:\.\d{1,2}){0,3}\.?\s+")
_HEADING = re.compile(r"^(#{1,6})\s+(.+?)\s*$", re.MULTILINE)
MIN_SHARE = 0.9
MIN_RATIO = 90


def _source(plan_id: str) -> tuple[dict, str]:
    text = (CORPUS / "src" / f"{plan_id}.md").read_text(encoding="utf-8")
    _, front, body = text.split("---", 2)
    return yaml.safe_load(front), body


def _bare(title: str) -> str:
    title = re.sub(r"\*\*|__|\*|`|\[\^[^\]]+\]", "", title)
    return _NUMBER.sub("", " ".join(title.split()))


def test_corpus_is_there() -> None:
    assert len(PLANS) >= 10


@pytest.mark.parametrize("plan", PLANS, ids=lambda p: p.stem)
def test_source_headings_are_found(plan: Path) -> None:
    _, body = _source(plan.stem)
    expected = [_bare(m.group(2)) for m in _HEADING.finditer(body)]
    doc = load_document(plan)
    got = [_bare(b.text) for b in doc.headings]
    found = [h for h in expected if max((fuzz.ratio(h, g) for g in got), default=0) >= MIN_RATIO]
    missing = [h for h in expected if h not in found]
    assert expected and len(found) / len(expected) >= MIN_SHARE, missing


@pytest.mark.parametrize("plan", PLANS, ids=lambda p: p.stem)
def test_running_header_and_footer_not_in_body(plan: Path) -> None:
    meta, _ = _source(plan.stem)
    header = str(meta.get("header") or meta.get("municipality"))
    doc = load_document(plan)
    assert not any(header in b.text for b in doc.blocks)
    assert not re.search(r"\bSide \d+ af \d+\b", doc.text())
    assert doc.format == "docx" and doc.pages is None
    assert doc.date == str(meta["date"])


def test_hedelund_text_box_and_content_control_read_once() -> None:
    doc = load_document(CORPUS / "plans" / "hedelund.docx")
    text = doc.text()
    box_lines = ["Sådan håndteres en bekymringshenvendelse i Hedelund",
                 "Medarbejderen drøfter bekymringen med sin nærmeste leder samme dag.",
                 "Er der fare for liv eller helbred: ring 112."]
    for line in box_lines:
        assert text.count(line) == 1, line
        assert next(b for b in doc.blocks if line in b.text).container == "box"
    control = "Vedtaget af Byrådet den 27. maj 2025 efter indstilling fra Børne- og Familieudvalget"
    assert text.count(control) == 1
    numbered = {b.numbering: b.text for b in doc.headings if b.numbering}
    assert numbered["2.1.5"] == "2.1.5 Sagsflow og registrering"
    assert numbered["4.1"].startswith("4.1 Bilag 1")


def test_bench_document_extracts() -> None:
    doc = load_document(CORPUS / "bench" / "bench-40.docx")
    assert len(doc.headings) > 100 and doc.word_count() > 10_000
