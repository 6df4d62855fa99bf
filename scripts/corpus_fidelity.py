#!/usr/bin/env python3
"""Extraction fidelity on the corpus: source headings found in each DOCX and PDF, and DOCX-vs-PDF body text.

    python scripts/corpus_fidelity.py

For every plan in corpora/manifest.yaml: the share of the Markdown source's headings (numbers ignored)
found as heading blocks (rapidfuzz ratio ≥ 90) in each generated format, and for plans in both formats the
rapidfuzz ratio between the DOCX and the PDF body text (headings, paragraphs, list items, tables,
footnotes, in reading order). The tests hold the thresholds; this prints the figures.
"""

from __future__ import annotations

import re
import statistics
import sys
from pathlib import Path

import yaml
from rapidfuzz import fuzz

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from concept_audit.extract import load_document  # noqa: E402

NUMBER = re.compile(r"^\s*(?:(?:bilag|kapitel)\s+)?[\dA-Z]{1,2}(?:\.\d{1,2})*\.?\s+", re.I)
BODY = ("heading", "paragraph", "list_item", "table", "footnote")


def source_headings(path: Path) -> list[str]:
    return [NUMBER.sub("", line.lstrip("#").strip()) for line in path.read_text(encoding="utf-8").splitlines()
            if re.match(r"^#{1,4} ", line)]


def main() -> int:
    corpus = ROOT / "corpora"
    plans = yaml.safe_load((corpus / "manifest.yaml").read_text(encoding="utf-8"))["plans"]
    ratios = []
    print(f"{'plan':14} {'headings':>8} {'DOCX':>6} {'PDF':>6} {'DOCX~PDF body':>14}")
    for plan in plans:
        heads = source_headings(corpus / "src" / f"{plan['id']}.md")
        shares, bodies = {}, {}
        for fmt in plan["formats"]:
            doc = load_document(corpus / "plans" / f"{plan['id']}.{fmt}")
            got = [NUMBER.sub("", b.text).lower() for b in doc.blocks if b.kind == "heading"]
            found = sum(1 for h in heads if any(fuzz.ratio(h.lower(), g) >= 90 for g in got))
            shares[fmt] = found / len(heads) if heads else 1.0
            bodies[fmt] = " ".join(" ".join(b.text for b in doc.blocks if b.kind in BODY).split())
        ratio = fuzz.ratio(bodies["docx"], bodies["pdf"]) if len(bodies) == 2 else None
        if ratio is not None:
            ratios.append(ratio)
        pdf = f"{shares['pdf']:.0%}" if "pdf" in shares else "-"
        print(f"{plan['id']:14} {len(heads):8} {shares['docx']:6.0%} {pdf:>6} "
              f"{'' if ratio is None else f'{ratio:.1f}':>14}")
    print(f"\nDOCX~PDF body text: min {min(ratios):.1f}, median {statistics.median(ratios):.1f} over {len(ratios)} plans")
    return 0


if __name__ == "__main__":
    sys.exit(main())
