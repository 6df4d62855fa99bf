"""End to end: audit a dev plan of the corpus and check the report's shape and clear-cut verdicts."""

from __future__ import annotations

import json

import pytest

from concept_audit.audit import audit
from concept_audit.extract import load_document
from concept_audit.model import REPORT_SCHEMA
from concept_audit.ruleset import load_rules
from tests.conftest import CORPUS

IDS = [e.id for e in load_rules().elements]


@pytest.fixture(scope="module")
def fjordby():
    return audit(load_document(CORPUS / "src" / "fjordby.md"))


@pytest.fixture(scope="module")
def stenvig():
    return audit(CORPUS / "src" / "stenvig.md")


def test_report_shape(fjordby) -> None:
    data = json.loads(json.dumps(fjordby.to_dict()))
    assert data["schema"] == REPORT_SCHEMA
    assert [e["id"] for e in data["elements"]] == IDS and len(IDS) == 25
    assert set(data["summary"]) >= {"covered", "weak", "missing", "score"}
    for element in data["elements"]:
        assert element["status"] in ("covered", "weak", "missing")
        assert 0.0 <= element["score"] <= 1.0 and element["reason"]
        assert len(element["evidence"]) <= 3
        for ev in element["evidence"]:
            assert ev["quote"] and isinstance(ev["section"], list) and isinstance(ev["block"], int)
            assert "page" in ev
    assert {s["id"] for s in data["sections"]} >= {"1.2", "2.1.4", "3.1.3", "4.4"}


def test_clear_verdicts_on_a_near_complete_template_plan(fjordby) -> None:
    # fjordby's vision is adopted by the city council and anchored in other policies (1.2)
    vision = fjordby.element("strategi.formaal-og-vision")
    assert vision.status == "covered" and vision.evidence
    assert any("1.2" in " ".join(e.section) for e in vision.evidence)
    # it has no procedure for evaluating cases or interventions
    assert fjordby.element("strategi.evaluering").status == "missing"
    interventions = fjordby.element("indsatser.indsatser-paa-tre-niveauer")
    assert interventions.status == "covered"
    assert set(interventions.details["levels"]) == {"opbyggende", "foregribende", "indgribende"}


def test_names_only_plan(stenvig) -> None:
    # stenvig names every topic in its introduction and focus list but describes few
    assert stenvig.element("organisering.tilbageloeb-paa-sager").status == "missing"
    assert stenvig.element("organisering.ledelsesinformation").status == "missing"
    # an organisation diagram "er under udarbejdelse": a stated intention, so weak
    assert stenvig.element("organisering.organisering").status == "weak"
    assert stenvig.summary.missing >= 8


def test_english_reasons(fjordby) -> None:
    report = audit(load_document(CORPUS / "src" / "fjordby.md"), lang="en")
    assert report.lang == "en"
    assert report.element("strategi.evaluering").reason.startswith("The plan")


def test_the_step_between_two_topic_steps_belongs_to_their_discussion() -> None:
    # step 3 names where the concern is handled but holds no topic word: it still stands in the discussion
    from concept_audit.audit import _clusters
    from concept_audit.normalise import index_document
    from tests.plan_builder import make_doc

    text = index_document(make_doc(("h", 1, "Trin for trin"),
                                   ("p", "Kontakt koordinatoren om bekymringen."),
                                   ("p", "Sagen tages med til infohuset."),
                                   ("p", "Bekymringen afsluttes med en tilbagemelding.")))
    topic = [p for p in text.passages if "ekymring" in p.text]
    clusters = _clusters(text.passages, topic, set())
    assert len(clusters) == 1
    assert "Sagen tages med til infohuset." in [p.text for p in clusters[0]]
