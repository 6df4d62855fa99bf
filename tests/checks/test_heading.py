"""Heading matching: every word of a name must be in the heading, and specificity."""

from __future__ import annotations

from concept_audit.ruleset import load_rules


def heading_check(element_id: str):
    return next(e for e in load_rules().elements if e.id == element_id).checks["heading"]


def test_a_subset_of_the_name_is_not_a_match() -> None:
    check = heading_check("strategi.opfoelgning-paa-indsatser")
    assert check.score("9. Indsatser")[0] < check.threshold
    score, _, specific = check.score("1.3.4 Opfølgning på indsatserne")
    assert score == 100 and specific


def test_shared_heading_matches_but_is_not_specific() -> None:
    check = heading_check("strategi.evaluering")
    score, _, specific = check.score("10. Opfølgning og evaluering")
    assert score == 100 and not specific


def test_compound_spellings_in_headings() -> None:
    check = heading_check("organisering.infohus-organisering")
    assert check.score("Vores Info-hus")[0] == 100


def test_a_heading_joining_two_names_of_one_element_is_specific() -> None:
    check = heading_check("strategi.opfoelgning-paa-indsatser")
    score, _, specific = check.score("7.1 Opfølgning på målsætninger og indsatser")
    assert score == 100 and specific
    # a word from outside the element's names still makes it shared
    assert not check.score("7.1 Opfølgning på målsætninger og beredskab")[2]


def test_numbered_labels_are_numbering_not_subject() -> None:
    from concept_audit.checks.heading import strip_number
    assert strip_number("Action card 5 – Efter en politiindsats") == "Efter en politiindsats"
    assert strip_number("Handlekort 2: Sagsgang i infohuset") == "Sagsgang i infohuset"
    assert strip_number("Bilag 4.3 Samarbejdsaftale") == "Samarbejdsaftale"
    assert strip_number("Kort D – Efter politiets indsats") == "Efter politiets indsats"
    assert strip_number("Kort om planen") == "Kort om planen"      # "kort" (brief) without a number is a word
    assert strip_number("4. Action cards") == "Action cards"      # a label without a number is the subject
    score, _, specific = heading_check("strategi.opfoelgning-paa-bekymringer").score("Action card 5 – Efter en politiindsats")
    assert score == 100 and specific


def test_a_workflow_for_concerns_is_the_handling_of_concerns_not_their_approval() -> None:
    handling = heading_check("organisering.haandtering-af-henvendelser")
    score, _, specific = handling.score("Bilag C. Arbejdsgang ved bekymringshenvendelser")
    assert score == 100 and specific
    approval = heading_check("organisering.godkendte-arbejdsgange")
    assert not approval.score("Bilag C. Arbejdsgang ved bekymringshenvendelser")[2]
