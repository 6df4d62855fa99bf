#!/usr/bin/env python3
"""Time the whole audit of a plan next to pdfplumber's bare ``extract_text`` of the same file.

The target (issue 4): auditing the 40-page benchmark PDF takes at most 1.5× pdfplumber's bare
extract_text, i.e. the analysis beyond extraction costs at most half of extraction. Figures are printed,
never asserted: timing belongs here, not in tests.

    python scripts/bench_audit.py [FILE ...] [--repeat N]

Default files: corpora/bench/bench-40.pdf and bench-40.docx. Each measurement is the best of N runs in
this process after one warm-up (rule loading and spaCy start-up are reported separately, as one-off costs).
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def best_of(n: int, func) -> tuple[float, object]:
    best, result = float("inf"), None
    for _ in range(n):
        started = time.perf_counter()
        result = func()
        best = min(best, time.perf_counter() - started)
    return best, result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="*", type=Path,
                        default=[ROOT / "corpora/bench/bench-40.pdf", ROOT / "corpora/bench/bench-40.docx"])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    started = time.perf_counter()
    from concept_audit.audit import audit
    from concept_audit.extract import load_document
    from concept_audit.normalise import index_document
    from concept_audit.ruleset import load_rules

    rules = load_rules()
    index_document(load_document(ROOT / "corpora/src/fjordby.md"))  # spaCy start-up
    print(f"one-off start-up (imports, rules, spaCy): {time.perf_counter() - started:.2f} s")

    for path in args.files:
        doc = load_document(path)
        audit(doc, rules=rules)  # warm-up
        t_extract, doc = best_of(args.repeat, lambda: load_document(path))
        t_analyse, report = best_of(args.repeat, lambda: audit(doc, rules=rules))
        pages = doc.pages or "-"
        print(f"\n{path.name}: {pages} pages, {len(doc.blocks)} blocks, {doc.word_count()} words")
        print(f"  extraction (ours)          {t_extract:7.3f} s")
        print(f"  analysis (normalise→verdict){t_analyse:7.3f} s   = {t_analyse / t_extract:.2f} × extraction")
        total = t_extract + t_analyse
        print(f"  whole audit                {total:7.3f} s")
        if path.suffix.lower() == ".pdf":
            import pdfplumber

            def bare() -> int:
                with pdfplumber.open(path) as pdf:
                    return sum(len(page.extract_text() or "") for page in pdf.pages)

            t_bare, _ = best_of(max(1, args.repeat - 1), bare)
            print(f"  pdfplumber extract_text    {t_bare:7.3f} s")
            print(f"  whole audit / pdfplumber   {total / t_bare:7.2f} ×   (target ≤ 1.5)")
        print(f"  summary: {report.summary}")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"\npeak RSS of this process: {peak:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
