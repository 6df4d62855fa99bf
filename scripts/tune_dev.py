"""Audit the dev plans against their gold labels and show where the rules go wrong.

Why a script of its own: tuning needs the mismatches *with the tool's reason*, per element, quickly, and
it must be impossible to look at held-out plans by accident. Held-out ids are refused for details; with
``--heldout`` the script prints only the aggregate figures (accuracy, kappa, covered-where-missing) of
the held-out split, to be run once at the end.

    python scripts/tune_dev.py                 # dev sources (.md)
    python scripts/tune_dev.py --formats md docx pdf
    python scripts/tune_dev.py --plan fjordby  # one dev plan
    python scripts/tune_dev.py --heldout       # aggregate held-out figures only
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from concept_audit.audit import audit  # noqa: E402
from concept_audit.extract import load_document  # noqa: E402
from concept_audit.model import STATUSES  # noqa: E402
from concept_audit.ruleset import load_rules  # noqa: E402

CORPUS = ROOT / "corpora"


def manifest() -> list[dict]:
    return yaml.safe_load((CORPUS / "manifest.yaml").read_text(encoding="utf-8"))["plans"]


def gold(plan_id: str) -> dict[str, str]:
    data = yaml.safe_load((CORPUS / "gold" / f"{plan_id}.yaml").read_text(encoding="utf-8"))
    return {eid: v["status"] for eid, v in data["elements"].items()}


def weighted_kappa(pairs: list[tuple[str, str]]) -> float:
    """Quadratic-weighted Cohen's kappa on the ordered scale missing < weak < covered."""
    k = len(STATUSES)
    idx = {s: i for i, s in enumerate(STATUSES)}
    n = len(pairs)
    if not n:
        return float("nan")
    obs = [[0.0] * k for _ in range(k)]
    for g, p in pairs:
        obs[idx[g]][idx[p]] += 1
    rows = [sum(r) for r in obs]
    cols = [sum(obs[i][j] for i in range(k)) for j in range(k)]
    num = den = 0.0
    for i in range(k):
        for j in range(k):
            w = (i - j) ** 2 / (k - 1) ** 2
            num += w * obs[i][j]
            den += w * rows[i] * cols[j] / n
    return 1.0 - num / den if den else 1.0


def source_path(plan_id: str, fmt: str) -> Path:
    return CORPUS / "src" / f"{plan_id}.md" if fmt == "md" else CORPUS / "plans" / f"{plan_id}.{fmt}"


def run(plan_ids: list[str], formats: list[str], rules) -> tuple[list[tuple], list[str]]:
    """(plan, format, element, gold, predicted, reason) for every element; notes on skipped files."""
    rows, notes = [], []
    for pid in plan_ids:
        labels = gold(pid)
        for fmt in formats:
            path = source_path(pid, fmt)
            if not path.exists():
                continue
            try:
                doc = load_document(path)
            except Exception as exc:  # an extractor not there yet: skip the format, say so
                notes.append(f"{pid}.{fmt}: {type(exc).__name__}: {exc}")
                continue
            report = audit(doc, rules)
            for v in report.elements:
                rows.append((pid, fmt, v.id, labels[v.id], v.status, v.reason))
    return rows, notes


def figures(rows: list[tuple]) -> dict:
    pairs = [(r[3], r[4]) for r in rows]
    n = len(pairs)
    return {
        "n": n,
        "accuracy": sum(g == p for g, p in pairs) / n if n else float("nan"),
        "kappa": weighted_kappa(pairs),
        "covered_where_missing": sum(g == "missing" and p == "covered" for g, p in pairs),
    }


def print_summary(title: str, rows: list[tuple]) -> None:
    f = figures(rows)
    print(f"{title}: n={f['n']}  accuracy={f['accuracy']:.3f}  kappa={f['kappa']:.3f}  "
          f"covered-where-missing={f['covered_where_missing']}")


def print_details(rows: list[tuple], show_mismatches: bool) -> None:
    conf = Counter((r[3], r[4]) for r in rows)
    print("\nconfusion (rows gold, columns predicted):")
    print(" " * 10 + "".join(f"{s:>9}" for s in STATUSES))
    for g in STATUSES:
        print(f"{g:>10}" + "".join(f"{conf[(g, p)]:>9}" for p in STATUSES))
    print("\nper element:")
    by_el: dict[str, list[tuple]] = {}
    for r in rows:
        by_el.setdefault(r[2], []).append(r)
    for eid, rs in by_el.items():
        acc = sum(r[3] == r[4] for r in rs) / len(rs)
        print(f"  {acc:5.2f}  {eid}")
    print("\nper plan:")
    by_plan: dict[tuple, list[tuple]] = {}
    for r in rows:
        by_plan.setdefault((r[0], r[1]), []).append(r)
    for (pid, fmt), rs in by_plan.items():
        print(f"  {sum(r[3] == r[4] for r in rs) / len(rs):5.2f}  {pid}.{fmt}")
    if show_mismatches:
        print("\nmismatches:")
        for r in rows:
            if r[3] != r[4]:
                print(f"  {r[0]}.{r[1]} {r[2]}: gold {r[3]}, tool {r[4]} — {r[5]}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--formats", nargs="+", default=["md"], choices=["md", "docx", "pdf"])
    ap.add_argument("--plan", action="append", help="only these dev plans")
    ap.add_argument("--rules", help="a rule file (default: the bundled national concept)")
    ap.add_argument("--heldout", action="store_true", help="aggregate held-out figures only (run once)")
    ap.add_argument("--quiet", action="store_true", help="no mismatch list")
    args = ap.parse_args(argv)

    plans = manifest()
    dev = [p["id"] for p in plans if p["split"] == "dev"]
    heldout = [p["id"] for p in plans if p["split"] != "dev"]
    rules = load_rules(args.rules)
    started = time.perf_counter()

    if args.heldout:
        if args.plan:
            print("afvist: held-out-planer vises kun samlet", file=sys.stderr)
            return 2
        rows, notes = run(heldout, args.formats, rules)
        print_summary("heldout", rows)  # aggregate only: never per element or per plan
        for fmt in args.formats:
            sub = [r for r in rows if r[1] == fmt]
            if sub:
                print_summary(f"heldout.{fmt}", sub)
        if notes:
            print(f"{len(notes)} file(s) skipped (extractor missing or failed)")
        return 0

    ids = args.plan or dev
    refused = [i for i in ids if i not in dev]
    if refused:
        print(f"afvist: {', '.join(refused)} er ikke dev-planer", file=sys.stderr)
        return 2
    rows, notes = run(ids, args.formats, rules)
    print_summary("dev", rows)
    for fmt in args.formats:
        sub = [r for r in rows if r[1] == fmt]
        if sub and len(args.formats) > 1:
            print_summary(f"dev.{fmt}", sub)
    print_details(rows, not args.quiet)
    for note in notes:
        print("skipped:", note)
    print(f"\n({time.perf_counter() - started:.1f} s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
