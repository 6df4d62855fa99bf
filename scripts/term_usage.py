"""Which dev plans each rule term fires in: an overfitting audit of the rule file.

Why: a term that fires in exactly one dev plan and reads like that plan's idiom was probably lifted from
it, and will not generalise to plans written in other words. A facet term that fires in a large share of
all sentences is no evidence of substance (it makes "covered" cheap). This script shows both; it reads
dev plans only (held-out ids are never loaded).

    python scripts/term_usage.py                    # suspects: terms firing in 0 or 1 dev plan
    python scripts/term_usage.py --all              # every term with its plans
    python scripts/term_usage.py --generic 0.10     # facet terms firing in >10% of all sentences
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from concept_audit.danish import compile_terms  # noqa: E402
from concept_audit.extract import load_document  # noqa: E402
from concept_audit.normalise import IndexedText, index_document  # noqa: E402

CORPUS = ROOT / "corpora"


def dev_ids() -> list[str]:
    plans = yaml.safe_load((CORPUS / "manifest.yaml").read_text(encoding="utf-8"))["plans"]
    return [p["id"] for p in plans if p["split"] == "dev"]


def term_lists(rules: dict) -> Iterator[tuple[str, list[str], list[str]]]:
    """(where, terms, exclude) for every term list in the rule file."""
    for fid, f in rules.get("facets", {}).items():
        yield f"facet:{fid}", f["terms"], f.get("exclude", [])
    for cid, c in rules.get("cues", {}).items():
        yield f"cue:{cid}", c["terms"], []
        if c.get("unless"):
            yield f"cue:{cid}.unless", c["unless"], []
    for el in rules["elements"]:
        eid = el["id"].split(".", 1)[1]
        checks = el.get("checks", {})
        topic = checks.get("topic") or {}
        if topic.get("terms"):
            yield f"{eid}:topic", topic["terms"], topic.get("exclude", [])
        for i, group in enumerate(topic.get("combined") or []):
            for j, g in enumerate(group):
                yield f"{eid}:combined{i}.{j}", g, topic.get("exclude", [])
        for lid, lf in ((checks.get("facets") or {}).get("local") or {}).items():
            yield f"{eid}:facet:{lid}", lf["terms"], lf.get("exclude", [])
        for lid, lv in ((checks.get("levels") or {}).get("levels") or {}).items():
            yield f"{eid}:level:{lid}", lv["terms"], lv.get("exclude", [])


def fires(text: IndexedText, term: str, exclude: list[str]) -> int:
    ts = compile_terms([term], exclude)
    return sum(1 for p in text.passages if p.kind != "heading" and not p.listing and ts.matches(p.tokens))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rules", default=str(ROOT / "rules" / "national-concept.yaml"))
    ap.add_argument("--all", action="store_true")
    ap.add_argument("--generic", type=float, default=None, help="list facet terms above this sentence share")
    args = ap.parse_args(argv)
    rules = yaml.safe_load(Path(args.rules).read_text(encoding="utf-8"))
    texts = {pid: index_document(load_document(CORPUS / "src" / f"{pid}.md")) for pid in dev_ids()}
    total = sum(sum(1 for p in t.passages if p.kind != "heading") for t in texts.values())
    suspects = 0
    for where, terms, exclude in term_lists(rules):
        for term in terms:
            counts = {pid: fires(t, term, exclude) for pid, t in texts.items()}
            plans = [pid for pid, n in counts.items() if n]
            share = sum(counts.values()) / total
            if args.generic is not None:
                if "facet" in where and share > args.generic:
                    print(f"{share:5.1%}  {where:45} {term}")
                continue
            if args.all or len(plans) <= 1:
                suspects += len(plans) <= 1
                print(f"{len(plans):2d} {where:45} {term!s:40} {' '.join(plans)}")
    if args.generic is None:
        print(f"\n{suspects} term(s) firing in at most one dev plan ({len(texts)} dev plans)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
