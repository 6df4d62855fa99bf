"""Verdicts follow the rubric: substance covers, intent/lack/passing mention is weak, a name is missing."""

from __future__ import annotations

from concept_audit.audit import audit
from tests.plan_builder import make_doc

BEREDSKAB = "strategi.beredskabsorganisering"
SUBSTANCE = [
    ("h", 2, "Beredskabsorganisering"),
    ("p", "I en akut situation indkalder direktøren for Børn og Unge akutgruppen inden for to timer."),
    ("p", "Akutgruppen er en del af kommunens generelle beredskabsplan, og direktøren kan aktivere krisestaben."),
    ("p", "Akutgruppen består af SSP-lederen, en socialrådgiver og politiets kontaktperson."),
]


def status(*items: tuple, element: str = BEREDSKAB) -> str:
    return audit(make_doc(*items)).element(element).status


def test_substantive_section_is_covered_with_evidence() -> None:
    verdict = audit(make_doc(("h", 1, "Strategi"), *SUBSTANCE)).element(BEREDSKAB)
    assert verdict.status == "covered"
    assert verdict.evidence and all(e.section and e.block >= 0 for e in verdict.evidence)
    assert not verdict.lacking and verdict.help_questions == []


def test_only_an_intention_is_weak() -> None:
    assert status(("h", 2, "Beredskab"),
                  ("p", "Et akutberedskab vil blive etableret i 2026, og det forventes koblet til "
                        "kommunens generelle beredskabsplan.")) == "weak"


def test_a_stated_lack_is_weak_and_reported() -> None:
    verdict = audit(make_doc(("h", 2, "Beredskab"),
                             ("p", "Kommunen har endnu ikke et særskilt beredskab for ekstremisme."),
                             ("p", "Det er ikke afklaret, hvordan akutte sager kobles til beredskabsplanen."))).element(BEREDSKAB)
    assert verdict.status == "weak"
    assert verdict.details.get("cues") and verdict.help_questions


def test_a_lack_elsewhere_does_not_undo_a_substantive_section() -> None:
    doc = [("h", 1, "Strategi"), *SUBSTANCE, ("h", 1, "Udviklingsområder"),
           ("p", "Vi har endnu ikke action cards for akutte situationer i dagtilbud.")]
    assert status(*doc) == "covered"


def test_passing_mention_without_who_or_how_is_weak() -> None:
    assert status(("h", 1, "Strategi"),
                  ("p", "Akutte situationer håndteres i samarbejde med relevante parter."),
                  ("p", "Ved akutte sager handler kommunen hurtigt.")) == "weak"


def test_name_in_a_keyword_list_or_contents_is_missing() -> None:
    doc = [("h", 1, "Indhold"), ("li", "Beredskabsorganisering"), ("h", 1, "Indledning"),
           ("p", "Planen omfatter emnerne vision, beredskab, roller og ansvar, evaluering, dokumentation og "
                 "samarbejde med politiet."),
           ("p", "Kommunen arbejder med trivsel i skolerne.")]
    verdict = audit(make_doc(*doc)).element(BEREDSKAB)
    assert verdict.status == "missing"


def test_nothing_at_all_is_missing() -> None:
    assert status(("p", "Kommunen arbejder med trivsel i skolerne.")) == "missing"
