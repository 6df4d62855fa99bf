"""Print the corpus summary for issue 3's closing note: per plan its split, layout and axes of variety,
word count, formats and label counts, as a Markdown table.

Label *counts* only: no element-level label of a held-out plan is printed.

    python scripts/corpus_summary.py [CORPUS_DIR]
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from pathlib import Path

import yaml

_WORD = re.compile(r"\w+(?:[-'’]\w+)*")


def front_matter_and_body(text: str) -> tuple[dict, str]:
    if text.startswith("---"):
        end = text.find("\n---", 3)
        if end >= 0:
            meta = yaml.safe_load(text[3:end]) or {}
            return (meta if isinstance(meta, dict) else {}), text[end + 4:]
    return {}, text


def words(body: str) -> int:
    """Words without markup characters or comments: the same count as tests/corpus uses."""
    return len(_WORD.findall(re.sub(r"<!--.*?-->", " ", body, flags=re.S)))


def summary(root: Path) -> str:
    plans = yaml.safe_load((root / "manifest.yaml").read_text(encoding="utf-8"))["plans"]
    lines = ["| plan | split | layout | axes | words | formats | covered | weak | missing |",
             "|---|---|---|---|---:|---|---:|---:|---:|"]
    totals: Counter[str] = Counter()
    for plan in plans:
        pid = plan["id"]
        meta, body = front_matter_and_body((root / "src" / f"{pid}.md").read_text(encoding="utf-8"))
        gold = yaml.safe_load((root / "gold" / f"{pid}.yaml").read_text(encoding="utf-8"))["elements"]
        counts = Counter(label["status"] for label in gold.values())
        totals.update(counts)
        lines.append(f"| {pid} | {plan['split']} | {meta.get('layout', '')} | {', '.join(plan.get('axes', []))} "
                     f"| {words(body)} | {', '.join(plan['formats'])} + md | {counts['covered']} | "
                     f"{counts['weak']} | {counts['missing']} |")
    n = sum(totals.values())
    splits = Counter(p["split"] for p in plans)
    lines.append(f"| **{len(plans)} plans** | {splits['dev']} dev / {splits['heldout']} heldout | | | | | "
                 + " | ".join(f"{totals[s]} ({100 * totals[s] / n:.0f} %)" for s in ("covered", "weak", "missing"))
                 + " |")
    return "\n".join(lines)


if __name__ == "__main__":
    corpus = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parent.parent / "corpora"
    print(summary(corpus))
