"""Time and compare plan extraction: our extractor per PDF backend next to pdfplumber's bare extract_text.

    python scripts/bench_extract.py                       # corpora/bench/bench-40.pdf and .docx
    python scripts/bench_extract.py FILE ... --repeat 5
    python scripts/bench_extract.py --corpus              # heading shares for corpora/plans/*.pdf

Prints seconds per page and pages per second (best of ``--repeat`` runs), the ratio to pdfplumber's
extract_text (the audit must stay ≤ 1.5× of it), and fidelity: the share of reference headings found as
heading blocks (reference: ``corpora/src/<id>.md`` for corpus plans, else the DOCX next to the PDF) and the
rapidfuzz ratio of the body text between the two backends.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import Callable

from rapidfuzz import fuzz

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from concept_audit.extract import load_document  # noqa: E402
from concept_audit.extract.pdfchars import BACKENDS, DEFAULT_BACKEND  # noqa: E402
from concept_audit.extract.structure import SECTION_NUMBER  # noqa: E402
from concept_audit.extract.text import parse_markup  # noqa: E402


def best_time(func: Callable[[], object], repeat: int) -> tuple[float, object]:
    best, result = float("inf"), None
    for _ in range(repeat):
        start = time.perf_counter()
        result = func()
        best = min(best, time.perf_counter() - start)
    return best, result


def plumber_text(path: Path) -> tuple[int, str]:
    import pdfplumber

    with pdfplumber.open(str(path)) as pdf:
        return len(pdf.pages), "\n".join(page.extract_text() or "" for page in pdf.pages)


def _strip(text: str) -> str:
    while match := SECTION_NUMBER.match(text):
        text = text[match.end():].lstrip(" .:)–-")
    return " ".join(text.strip(" .:–-").split()).lower()


def heading_share(found: list[str], expected: list[str]) -> float | None:
    if not expected:
        return None
    got = [_strip(h) for h in found]
    hits = sum(1 for h in expected if any(fuzz.ratio(_strip(h), g) >= 90 for g in got))
    return hits / len(expected)


def reference_headings(path: Path) -> tuple[str, list[str]]:
    source = ROOT / "corpora" / "src" / f"{path.stem}.md"
    if source.exists():
        _, blocks = parse_markup(source.read_text(encoding="utf-8"), markdown=True)
        return "src", [b.text for b in blocks if b.kind == "heading"]
    docx = path.with_suffix(".docx")
    if docx.exists():
        try:
            return "docx", [b.text for b in load_document(docx).headings]
        except Exception as exc:  # the reference is optional: report, do not fail the benchmark
            print(f"  (no DOCX reference: {exc})")
    return "", []


def bench_pdf(path: Path, repeat: int) -> None:
    plumber_s, (pages, _) = best_time(lambda: plumber_text(path), repeat)
    print(f"{path} ({pages} pages)")
    print(f"  {'pdfplumber extract_text':<28} {plumber_s:7.3f} s  {plumber_s / pages * 1000:7.1f} ms/page"
          f"  {pages / plumber_s:7.1f} pages/s")
    kind, expected = reference_headings(path)
    docs = {}
    for backend in BACKENDS:
        seconds, doc = best_time(lambda: load_document(path, pdf_backend=backend), repeat)
        docs[backend] = doc
        share = heading_share([h.text for h in doc.headings], expected)
        label = f"concept-audit {backend}" + (" (default)" if backend == DEFAULT_BACKEND else "")
        print(f"  {label:<28} {seconds:7.3f} s  {seconds / pages * 1000:7.1f} ms/page  {pages / seconds:7.1f} pages/s"
              f"  {seconds / plumber_s:5.2f}× plumber  headings {len(doc.headings)}"
              + (f", {share:.0%} of {len(expected)} {kind} headings found" if share is not None else ""))
    a, b = (docs[k].text() for k in BACKENDS)
    print(f"  body text pdfium vs pdfplumber: rapidfuzz ratio {fuzz.ratio(a, b):.1f}")


def bench_other(path: Path, repeat: int) -> None:
    seconds, doc = best_time(lambda: load_document(path), repeat)
    pages = doc.pages or 0
    per = f"  {seconds / pages * 1000:7.1f} ms/page" if pages else ""
    print(f"{path}\n  {'concept-audit':<28} {seconds:7.3f} s{per}  blocks {len(doc.blocks)}, headings {len(doc.headings)}")


def corpus_shares() -> None:
    print("corpus heading shares (source Markdown headings found as heading blocks, rapidfuzz ≥ 90):")
    for path in sorted((ROOT / "corpora" / "plans").glob("*.pdf")):
        _, expected = reference_headings(path)
        row = []
        for backend in BACKENDS:
            doc = load_document(path, pdf_backend=backend)
            share = heading_share([h.text for h in doc.headings], expected)
            row.append(f"{backend} {share:.0%}" if share is not None else f"{backend} -")
        print(f"  {path.stem:<14} {len(expected):3d} headings  " + "  ".join(row))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("files", nargs="*", type=Path)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--corpus", action="store_true", help="heading shares for corpora/plans/*.pdf")
    args = parser.parse_args(argv)
    files = args.files or ([] if args.corpus else [ROOT / "corpora/bench/bench-40.pdf",
                                                   ROOT / "corpora/bench/bench-40.docx"])
    for path in files:
        if path.suffix.lower() == ".pdf":
            bench_pdf(path, args.repeat)
        else:
            bench_other(path, args.repeat)
    if args.corpus:
        corpus_shares()
    return 0


if __name__ == "__main__":
    sys.exit(main())
