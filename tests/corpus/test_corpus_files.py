"""The committed corpus is valid: every plan has its source, gold labels and listed files, the gold files
label exactly the 25 elements of ELEMENTS.md, and the corpus is as big and as balanced as issue 3 asks.

These tests read labels only to count and validate them; nothing here prints a held-out plan's labels
unless a gold file is broken (then the failure names the file and element, which is what must be fixed).
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest
import yaml

from concept_audit.evaluate import load_corpus
from concept_audit.model import STATUSES

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "corpora"
ELEMENTS_MD = ROOT.parent / "shared" / "concept" / "ELEMENTS.md"
_ID_ROW = re.compile(r"^\|\s*([a-z]+\.[a-z0-9-]+)\s*\|")
_WORD = re.compile(r"\w+(?:[-'’]\w+)*")


def _manifest() -> list[dict]:
    return yaml.safe_load((CORPUS / "manifest.yaml").read_text(encoding="utf-8"))["plans"]


def _plan_ids() -> list[str]:
    return [p["id"] for p in _manifest()]


def _gold(pid: str) -> dict:
    return yaml.safe_load((CORPUS / "gold" / f"{pid}.yaml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def element_ids() -> list[str]:
    if not ELEMENTS_MD.is_file():
        pytest.skip(f"{ELEMENTS_MD} is absent: the 25 element ids cannot be checked without it")
    ids = [m.group(1) for line in ELEMENTS_MD.read_text(encoding="utf-8").splitlines()
           if (m := _ID_ROW.match(line))]
    assert len(ids) == 25 and len(set(ids)) == 25, ids
    return ids


def source_words(path: Path) -> int:
    """Words of a Markdown source without its front matter, comments and markup characters."""
    text = path.read_text(encoding="utf-8")
    if text.startswith("---"):
        end = text.find("\n---", 3)
        text = text[end + 4:] if end >= 0 else text
    text = re.sub(r"<!--.*?-->", " ", text, flags=re.S)
    return len(_WORD.findall(text))


def test_manifest_size_and_split() -> None:
    plans = _manifest()
    ids = [p["id"] for p in plans]
    assert len(ids) == len(set(ids)), "a plan is listed twice"
    assert len(plans) >= 14
    assert sum(p["split"] == "heldout" for p in plans) >= 5
    assert {p["split"] for p in plans} <= {"dev", "heldout"}


@pytest.mark.parametrize("pid", _plan_ids())
def test_plan_files_exist(pid: str) -> None:
    entry = next(p for p in _manifest() if p["id"] == pid)
    assert (CORPUS / "src" / f"{pid}.md").is_file(), f"src/{pid}.md"
    assert (CORPUS / "gold" / f"{pid}.yaml").is_file(), f"gold/{pid}.yaml"
    assert entry["formats"], f"{pid}: no formats"
    for fmt in entry["formats"]:
        path = CORPUS / ("src" if fmt == "md" else "plans") / f"{pid}.{fmt}"
        assert path.is_file() and path.stat().st_size > 0, f"{path.relative_to(CORPUS)} missing or empty"


@pytest.mark.parametrize("pid", _plan_ids())
def test_gold_labels_every_element(pid: str, element_ids: list[str]) -> None:
    gold = _gold(pid)
    assert gold.get("plan", pid) == pid
    elements = gold["elements"]
    assert sorted(elements) == sorted(element_ids), (
        f"gold/{pid}.yaml: missing {sorted(set(element_ids) - set(elements))}, "
        f"unknown {sorted(set(elements) - set(element_ids))}")
    for eid, label in elements.items():
        assert label["status"] in STATUSES, f"gold/{pid}.yaml: {eid}: status {label['status']!r}"
        assert isinstance(label.get("why"), str) and label["why"].strip(), f"gold/{pid}.yaml: {eid}: empty why"
        assert "\n" not in label["why"].strip(), f"gold/{pid}.yaml: {eid}: why is more than one line"


@pytest.mark.parametrize("pid", _plan_ids())
def test_source_word_count(pid: str) -> None:
    words = source_words(CORPUS / "src" / f"{pid}.md")
    assert 800 <= words <= 6000, f"src/{pid}.md has {words} words"


def test_status_shares_balanced(element_ids: list[str]) -> None:
    counts: Counter[str] = Counter()
    for pid in _plan_ids():
        counts.update(label["status"] for label in _gold(pid)["elements"].values())
    total = sum(counts.values())
    shares = {s: counts[s] / total for s in STATUSES}
    assert all(0.20 <= share <= 0.50 for share in shares.values()), shares


def test_evaluate_accepts_the_corpus(element_ids: list[str]) -> None:
    """The validator ``concept-audit evaluate`` runs finds nothing wrong, against the real ids."""
    corpus = load_corpus(CORPUS, element_ids)
    assert [p.id for p in corpus.plans] == _plan_ids()
    assert all(p.source for p in corpus.plans)


def test_word_counter_by_hand(tmp_path: Path) -> None:
    src = tmp_path / "x.md"
    src.write_text("---\ntitle: Ti ord her\n---\n# 1. Strategi\n\n- SSP-samarbejdet i Info-huset\n"
                   "<!-- pagebreak -->\n| a | b |\n|---|---|\n", encoding="utf-8")
    assert source_words(src) == 7  # 1 Strategi SSP-samarbejdet i Info-huset a b
