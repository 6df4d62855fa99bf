"""``evaluate`` end to end on a tiny corpus built here, with a trivial classifier whose answers are known.

The classifier says "covered" when an element's keyword occurs in the plan and "missing" otherwise, so
every figure below can be checked by hand against the gold labels written in ``tiny_corpus``.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from concept_audit.evaluate import (
    Corpus,
    CorpusError,
    DocResult,
    Evaluation,
    evaluate_corpus,
    evaluation_to_dict,
    PlanEntry,
    load_corpus,
    visible_mismatches,
)
from concept_audit.model import Document

KEYWORDS = {"vision": "vision", "beredskab": "akutberedskab", "infohus": "infohus"}
IDS = list(KEYWORDS)

# gold, and what the keyword classifier will say (see the plan texts):
#   alfa (dev):     vision C -> C, beredskab W -> C, infohus M -> M        2/3 right
#   beta (heldout): vision M -> C, beredskab M -> M, infohus C -> C        2/3 right, one covered-for-missing
GOLD = {
    "alfa": {"vision": "covered", "beredskab": "weak", "infohus": "missing"},
    "beta": {"vision": "missing", "beredskab": "missing", "infohus": "covered"},
}
TEXTS = {
    "alfa": "# Handlingsplan for Alfa\n\nVores vision er tryghed.\n\n- Akutberedskab: se bilag.\n",
    "beta": "# Handlingsplan for Beta\n\nEn vision kommer senere.\n\n## Infohus\n\nInfohuset mødes hver uge.\n",
}


def keyword_classifier(doc: Document) -> dict[str, str]:
    """Module level, so it pickles to worker processes."""
    text = doc.text().lower()
    return {eid: "covered" if word in text else "missing" for eid, word in KEYWORDS.items()}


def write_corpus(root: Path, gold: dict[str, dict[str, str]] | None = None,
                 plans: list[dict] | None = None) -> Path:
    gold = GOLD if gold is None else gold
    (root / "src").mkdir(parents=True)
    (root / "gold").mkdir()
    (root / "plans").mkdir()
    plans = plans if plans is not None else [
        {"id": "alfa", "split": "dev", "formats": ["md"], "axes": ["template"]},
        {"id": "beta", "split": "heldout", "formats": ["md"], "axes": ["acute"]},
    ]
    (root / "manifest.yaml").write_text(yaml.safe_dump({"plans": plans}), encoding="utf-8")
    for pid, labels in gold.items():
        if pid in TEXTS:
            (root / "src" / f"{pid}.md").write_text(TEXTS[pid], encoding="utf-8")
        elements = {eid: {"status": s, "why": f"afsnit om {eid}"} for eid, s in labels.items()}
        (root / "gold" / f"{pid}.yaml").write_text(
            yaml.safe_dump({"plan": pid, "elements": elements}, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return root


@pytest.fixture
def tiny(tmp_path: Path) -> Path:
    return write_corpus(tmp_path / "corpus")


def test_arithmetic_end_to_end(tiny: Path) -> None:
    corpus = load_corpus(tiny)
    assert corpus.element_ids == IDS
    evaluation = evaluate_corpus(corpus, classify=keyword_classifier)
    assert [(d.plan, d.format, d.error) for d in evaluation.documents] == [("alfa", "md", None), ("beta", "md", None)]
    assert evaluation.splits() == ["dev", "heldout", "all"]

    overall = evaluation.scores("all")
    assert (overall.plans, overall.documents, overall.errors, overall.labels) == (2, 2, 0, 6)
    assert overall.accuracy == pytest.approx(4 / 6)
    assert overall.confusion == [[2, 0, 1], [0, 0, 1], [0, 0, 2]]
    # rows (3, 1, 2), columns (2, 0, 4), n = 6; observed = (1 + 1/4) / 6;
    # expected = (3*4*1 + 1*2/4 + 1*4/4 + 2*2*1) / 36 = 17.5 / 36; kappa = 1 - 7.5/17.5 = 4/7
    assert overall.kappa == pytest.approx(4 / 7)
    assert overall.covered_for_missing == 1
    assert overall.per_status["covered"].precision == 0.5 and overall.per_status["covered"].recall == 1.0
    assert overall.per_status["weak"].precision is None and overall.per_status["weak"].recall == 0.0
    assert overall.per_status["missing"].precision == 1.0
    assert overall.per_status["missing"].recall == pytest.approx(2 / 3)
    assert overall.per_format == {"md": pytest.approx(4 / 6)}
    assert overall.docx_pdf.plans == 0 and overall.docx_pdf.agreement is None

    dev = evaluation.scores("dev")
    assert dev.accuracy == pytest.approx(2 / 3) and dev.covered_for_missing == 0
    # [[1,0,0],[0,0,1],[0,0,1]]: observed 0.25/3, expected (2 + 0.25 + 0.5 + 1)/9 -> kappa 1 - 0.2 = 0.8
    assert dev.kappa == pytest.approx(0.8)
    assert [(e.element, e.accuracy) for e in dev.per_element] == [
        ("beredskab", 0.0), ("vision", 1.0), ("infohus", 1.0)]
    assert [(p.plan, p.accuracy) for p in dev.per_plan] == [("alfa", pytest.approx(2 / 3))]

    heldout = evaluation.scores("heldout")
    # [[1,0,1],[0,0,0],[0,0,1]]: observed 1/3, expected (2*2 + 1*1)/9 -> kappa 1 - 3/5 = 0.4
    assert heldout.kappa == pytest.approx(0.4) and heldout.covered_for_missing == 1
    # heldout plans are in the run that was not asked for by name: no per-element / per-plan figures
    assert heldout.per_element is None and heldout.per_plan is None and overall.per_element is None


def test_heldout_breakdowns_and_details_only_when_asked_for(tiny: Path) -> None:
    corpus = load_corpus(tiny)
    both = evaluate_corpus(corpus, classify=keyword_classifier)
    shown, hidden = visible_mismatches(both, both.split)
    assert [(m.plan, m.element, m.gold, m.predicted) for m in shown] == [("alfa", "beredskab", "weak", "covered")]
    assert hidden == 1
    data = evaluation_to_dict(both, details=True)
    assert [m["plan"] for m in data["mismatches"]] == ["alfa"] and data["mismatches_withheld_heldout"] == 1

    heldout = evaluate_corpus(corpus, classify=keyword_classifier, split="heldout")
    assert [d.plan for d in heldout.documents] == ["beta"]
    shown, hidden = visible_mismatches(heldout, "heldout")
    assert [(m.plan, m.element, m.why) for m in shown] == [("beta", "vision", "afsnit om vision")]
    scores = heldout.scores("heldout")
    assert scores.per_element is not None and scores.per_element[0].element == "vision"
    assert scores.per_element[0].covered_for_missing == 1


def test_element_order_breaks_ties_hardest_first(tiny: Path) -> None:
    both = evaluate_corpus(load_corpus(tiny), classify=keyword_classifier, split="dev")
    gold_order = [e.element for e in both.scores("dev").per_element]
    assert gold_order == ["beredskab", "vision", "infohus"]  # 0.0 first; the two 1.0 in gold-file order


def test_docx_pdf_agreement() -> None:
    # No DOCX/PDF extractor is needed: the verdicts are given, only the scoring is under test.
    plan = PlanEntry("alfa", "dev", ["docx", "pdf"], dict(GOLD["alfa"]))
    corpus = Corpus(Path("unused"), IDS, [plan])
    docs = [
        DocResult("alfa", "docx", "dev", {"vision": "covered", "beredskab": "covered", "infohus": "missing"}),
        DocResult("alfa", "pdf", "dev", {"vision": "covered", "beredskab": "weak", "infohus": "missing"}),
    ]
    scores = Evaluation(corpus, "dev", docs).scores("dev")
    assert scores.docx_pdf.plans == 1 and scores.docx_pdf.labels == 3 and scores.docx_pdf.agreed == 2
    assert scores.docx_pdf.agreement == pytest.approx(2 / 3)
    assert scores.per_format == {"docx": pytest.approx(2 / 3), "pdf": pytest.approx(1.0)}
    assert scores.per_plan[0].docx_pdf_agreement == pytest.approx(2 / 3)
    assert scores.per_plan[0].by_format == {"docx": pytest.approx(2 / 3), "pdf": pytest.approx(1.0)}


def test_unreadable_document_is_an_error_not_fatal(tiny: Path) -> None:
    (tiny / "plans" / "alfa.docx").write_bytes(b"\x00\x01 not a Word file")
    manifest = yaml.safe_load((tiny / "manifest.yaml").read_text(encoding="utf-8"))
    manifest["plans"][0]["formats"] = ["docx", "md"]
    (tiny / "manifest.yaml").write_text(yaml.safe_dump(manifest), encoding="utf-8")
    evaluation = evaluate_corpus(load_corpus(tiny), classify=keyword_classifier)
    failed = evaluation.failed
    assert [(d.plan, d.format) for d in failed] == [("alfa", "docx")]
    assert "alfa.docx" in failed[0].error
    overall = evaluation.scores("all")
    assert overall.documents == 2 and overall.errors == 1 and overall.labels == 6


def test_formats_selection(tiny: Path) -> None:
    corpus = load_corpus(tiny)
    assert evaluate_corpus(corpus, classify=keyword_classifier, formats=["pdf"]).documents == []
    with pytest.raises(ValueError):
        evaluate_corpus(corpus, classify=keyword_classifier, formats=["doc"])


def test_md_requested_but_source_missing(tmp_path: Path) -> None:
    root = write_corpus(tmp_path / "c", plans=[
        {"id": "alfa", "split": "dev", "formats": ["md"]},
        {"id": "beta", "split": "heldout", "formats": ["docx"]},
    ])
    (root / "plans" / "beta.docx").write_bytes(b"PK")
    (root / "src" / "beta.md").unlink()
    corpus = load_corpus(root)
    with pytest.raises(CorpusError) as info:
        evaluate_corpus(corpus, classify=keyword_classifier, formats=["md"])
    assert "src/beta.md" in info.value.message("en")


def test_bad_classifier_output_is_recorded(tiny: Path) -> None:
    evaluation = evaluate_corpus(load_corpus(tiny), classify=lambda doc: {"vision": "covered"})
    assert all(d.error and "beredskab" in d.error for d in evaluation.documents)
    evaluation = evaluate_corpus(load_corpus(tiny), classify=lambda doc: dict.fromkeys(IDS, "dækket"))
    assert all(d.error and "dækket" in d.error for d in evaluation.documents)
    assert evaluation.scores("all").labels == 0 and evaluation.scores("all").accuracy is None


def test_workers_give_the_same_figures(tiny: Path) -> None:
    corpus = load_corpus(tiny)
    serial = evaluate_corpus(corpus, classify=keyword_classifier)
    parallel = evaluate_corpus(corpus, classify=keyword_classifier, workers=2)
    assert [d.predicted for d in parallel.documents] == [d.predicted for d in serial.documents]


# ------------------------------------------------------------------------------------ corpus validation


def _problems(root: Path) -> str:
    with pytest.raises(CorpusError) as info:
        load_corpus(root)
    return info.value.message("en")


def test_missing_gold_file(tmp_path: Path) -> None:
    root = write_corpus(tmp_path / "c")
    (root / "gold" / "beta.yaml").unlink()
    assert "gold/beta.yaml: gold file not found" in _problems(root)


def test_bad_status_and_empty_why_are_named(tmp_path: Path) -> None:
    root = write_corpus(tmp_path / "c")
    raw = yaml.safe_load((root / "gold" / "alfa.yaml").read_text(encoding="utf-8"))
    raw["elements"]["vision"]["status"] = "dækket"
    raw["elements"]["infohus"]["why"] = "  "
    (root / "gold" / "alfa.yaml").write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")
    message = _problems(root)
    assert "gold/alfa.yaml: vision: invalid status 'dækket'" in message
    assert "gold/alfa.yaml: infohus: no 'why'" in message


def test_gold_lacking_an_element_of_the_others(tmp_path: Path) -> None:
    gold = {"alfa": dict(GOLD["alfa"]), "beta": {"vision": "missing", "infohus": "covered"}}
    message = _problems(write_corpus(tmp_path / "c", gold=gold))
    assert "gold/beta.yaml" in message and "beredskab" in message


def test_gold_checked_against_rule_set_ids(tiny: Path) -> None:
    with pytest.raises(CorpusError) as info:
        load_corpus(tiny, ["vision", "evaluering"])
    assert "evaluering" in info.value.message("en") and "gold/alfa.yaml" in info.value.message("en")
    corpus = load_corpus(tiny, ["vision"])  # extra gold labels are ignored by a smaller rule set
    assert corpus.plans[0].gold == {"vision": "covered"}


def test_manifest_problems(tmp_path: Path) -> None:
    root = write_corpus(tmp_path / "c", plans=[
        {"id": "alfa", "split": "training", "formats": ["md"]},
        {"id": "beta", "split": "heldout", "formats": ["docx"]},
        {"id": "beta", "split": "dev", "formats": ["md"]},
        {"split": "dev"},
    ])
    message = _problems(root)
    assert "split must be dev or heldout (not 'training')" in message
    assert "plans/beta.docx: file not found" in message
    assert "'beta' is listed twice" in message
    assert "plan no. 4 has no 'id'" in message


def test_invalid_yaml_and_missing_directory(tmp_path: Path) -> None:
    root = write_corpus(tmp_path / "c")
    (root / "manifest.yaml").write_text("plans: [\n  - id: alfa\n", encoding="utf-8")
    assert "manifest.yaml: invalid YAML" in _problems(root)
    assert "directory not found" in _problems(tmp_path / "nowhere")


def test_danish_message_by_default(tmp_path: Path) -> None:
    root = write_corpus(tmp_path / "c")
    (root / "gold" / "alfa.yaml").unlink()
    with pytest.raises(CorpusError) as info:
        load_corpus(root)
    assert "korpus er ugyldigt" in info.value.message() and "guldfilen findes ikke" in info.value.message()


# ------------------------------------------------------------------------------------------------- CLI


def _rule_ids() -> list[str]:
    from concept_audit.ruleset import load_rules

    return [e.id for e in load_rules().elements]


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "concept_audit", "evaluate", *args], capture_output=True, text=True)


def test_cli_json_on_tiny_corpus(tmp_path: Path) -> None:
    ids = _rule_ids()
    gold = {"alfa": {eid: ("covered" if i % 3 == 0 else "missing") for i, eid in enumerate(ids)},
            "beta": {eid: "weak" for eid in ids}}
    root = write_corpus(tmp_path / "c", gold=gold)
    out = tmp_path / "out" / "evaluation.json"
    proc = _cli(str(root), "--format", "json", "--details", "-o", str(out))
    assert proc.returncode == 0, proc.stderr
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["schema"] == "concept-audit/evaluation@1"
    assert data["elements"] == ids
    assert [(d["plan"], d["format"], d["error"]) for d in data["documents"]] == [
        ("alfa", "md", None), ("beta", "md", None)]
    overall = data["scores"]["all"]
    assert overall["labels"] == 2 * len(ids)
    diagonal = sum(overall["confusion"][i][i] for i in range(3))
    assert overall["accuracy"] == pytest.approx(diagonal / overall["labels"])
    assert all(m["split"] == "dev" for m in data["mismatches"])  # heldout details withheld

    proc = _cli(str(root), "--split", "dev", "--lang", "en")
    assert proc.returncode == 0, proc.stderr
    assert "Accuracy" in proc.stdout and "Confusion matrix" in proc.stdout

    table = tmp_path / "evaluation.txt"
    proc = _cli(str(root), "-o", str(table))
    assert proc.returncode == 0 and proc.stdout == "", proc.stderr
    text = table.read_text(encoding="utf-8")
    assert "Nøjagtighed" in text and "Forvekslingsmatrix, heldout" in text
    assert "Nøjagtighed pr. element" in text  # dev breakdowns shown, heldout ones withheld with a note
    assert "vises ikke" in text


def test_cli_gold_lacking_rule_set_ids_exit_2(tiny: Path) -> None:
    # the tiny gold lacks the rule set's ids: that is a corpus error (exit 2, one line naming the file)
    proc = _cli(str(tiny))
    assert proc.returncode == 2
    lines = [ln for ln in proc.stderr.splitlines() if ln.strip()]
    assert len(lines) == 1, proc.stderr
    assert "gold/alfa.yaml" in lines[0] and "korpus er ugyldigt" in lines[0]
    assert "Traceback" not in proc.stderr


def test_cli_bad_corpus_exit_2(tmp_path: Path) -> None:
    ids = _rule_ids()
    root = write_corpus(tmp_path / "c", gold={"alfa": dict.fromkeys(ids, "covered"),
                                              "beta": dict.fromkeys(ids, "covered")})
    raw = yaml.safe_load((root / "gold" / "beta.yaml").read_text(encoding="utf-8"))
    raw["elements"][ids[0]]["status"] = "partial"
    (root / "gold" / "beta.yaml").write_text(yaml.safe_dump(raw), encoding="utf-8")
    proc = _cli(str(root), "--lang", "en")
    assert proc.returncode == 2
    lines = [ln for ln in proc.stderr.splitlines() if ln.strip()]
    assert len(lines) == 1, proc.stderr
    assert "gold/beta.yaml" in lines[0] and "invalid status 'partial'" in lines[0]


def test_rendered_details_withhold_heldout(tiny: Path) -> None:
    from concept_audit.render.evaluation import render_evaluation_text

    evaluation = evaluate_corpus(load_corpus(tiny), classify=keyword_classifier)
    text = render_evaluation_text(evaluation, details=True)
    assert "alfa · md · beredskab: guld svag, værktøjet dækket" in text
    assert "beta · md" not in text
    assert "1 afvigelser i heldout-planer vises ikke" in text

    heldout = evaluate_corpus(load_corpus(tiny), classify=keyword_classifier, split="heldout")
    text = render_evaluation_text(heldout, details=True, lang="en")
    assert "beta · md · vision: gold missing, tool covered" in text and "alfa" not in text
