"""The three-level check for interventions (opbyggende, foregribende, indgribende)."""

from __future__ import annotations

from concept_audit.audit import audit
from tests.plan_builder import make_doc

ID = "indsatser.indsatser-paa-tre-niveauer"


def level(name: str, complete: bool = True) -> list[tuple]:
    items = [("h", 2, f"{name.capitalize()} indsatser"),
             ("p", "Indhold: Et forløb med mentor og samtaler for unge."),
             ("p", "Formål: At styrke de unges fællesskab og forebygge mistrivsel.")]
    if complete:
        items += [("p", "Ansvarlig: SSP-koordinatoren."), ("p", "Samarbejdspartnere: Politiet og skolerne.")]
    return items


def test_all_three_levels_with_all_fields_is_covered() -> None:
    doc = make_doc(("h", 1, "Indsatser"), *level("opbyggende"), *level("foregribende"), *level("indgribende"))
    verdict = audit(doc).element(ID)
    assert verdict.status == "covered"
    assert set(verdict.details["levels"]) == {"opbyggende", "foregribende", "indgribende"}
    assert verdict.details["levels"]["indgribende"]["missing"] == []


def test_two_levels_is_weak_and_names_the_missing_level() -> None:
    doc = make_doc(("h", 1, "Indsatser"), *level("opbyggende"), *level("foregribende"))
    verdict = audit(doc).element(ID)
    assert verdict.status == "weak"
    assert verdict.details["levels"]["indgribende"]["passages"] == 0
    assert any("indgribende" in item for item in verdict.lacking)


def test_a_level_without_responsible_and_partners_is_reported_partial() -> None:
    doc = make_doc(("h", 1, "Indsatser"), *level("opbyggende"), *level("foregribende"),
                   *level("indgribende", complete=False))
    verdict = audit(doc).element(ID)
    assert verdict.status == "weak"
    assert set(verdict.details["levels"]["indgribende"]["missing"]) == {"responsible", "partner"}


def test_a_sentence_naming_all_three_levels_is_a_model_not_an_intervention() -> None:
    doc = make_doc(("p", "Forebyggelsestrekanten har tre niveauer: opbyggende, foregribende og indgribende."))
    verdict = audit(doc).element(ID)
    assert all(d["passages"] == 0 for d in verdict.details["levels"].values())


def test_fields_scattered_over_the_plan_do_not_make_an_intervention() -> None:
    # indgribende is named in three unrelated places, each with one field: no description has them all
    doc = make_doc(("h", 1, "Indsatser"), *level("opbyggende"), *level("foregribende"),
                   ("h", 2, "Organisering"), ("p", "Exitprogrammet ledes af SSP-koordinatoren."),
                   ("h", 2, "Samarbejde"), ("p", "Om indgribende sager samarbejder vi med politiet."),
                   ("h", 2, "Mål"), ("p", "Indgribende arbejde har til formål at hjælpe den unge ud af miljøet."))
    verdict = audit(doc).element(ID)
    assert verdict.status == "weak"
    assert verdict.details["levels"]["indgribende"]["missing"]


def test_a_caption_names_the_table_under_it() -> None:
    table = [["Indsats", "Indhold", "Formål", "Ansvarlig", "Samarbejdspartnere"],
             ["Mentorforløb", "Ugentlige møder med en mentor", "At give en stabil voksenkontakt", "Ungekonsulenten", "Jobcenter, politiet"]]
    doc = make_doc(("h", 1, "Indsatser"), *level("opbyggende"), *level("foregribende"),
                   ("p", "Tabel 3. Indgribende indsatser"), ("table", table))
    verdict = audit(doc).element(ID)
    assert verdict.details["levels"]["indgribende"]["missing"] == []
    assert verdict.status == "covered"


def test_radikalisering_in_a_heading_does_not_make_a_level() -> None:
    doc = make_doc(("h", 1, "Ekstremisme og radikalisering"), *level("opbyggende"), *level("foregribende"))
    assert audit(doc).element(ID).details["levels"]["indgribende"]["passages"] == 0


def test_a_list_whose_purpose_item_names_the_level_is_that_levels_description() -> None:
    # the level is named only in the purpose item ("at stoppe en begyndende radikalisering"); content
    # stands in the item before it, responsible and partners after it: one list, one intervention
    doc = make_doc(("h", 1, "Indsatser"), *level("opbyggende"), *level("indgribende"),
                   ("h", 2, "Unge 13–17 år"),
                   ("p", "Vores vigtigste redskab er bekymringssamtalen."),
                   ("li", "Indhold: Koordinatoren og politiet holder en frivillig samtale med den unge og forældrene."),
                   ("li", "Formål: At stoppe en begyndende radikalisering, før den udvikler sig."),
                   ("li", "Ansvarlig: Radikaliseringskoordinatoren."),
                   ("li", "Samarbejdspartnere: Politiet og skolen."))
    verdict = audit(doc).element(ID)
    assert verdict.details["levels"]["foregribende"]["missing"] == []
    assert verdict.status == "covered"


def test_a_level_the_plan_says_it_lacks_is_not_complete_whatever_else_names_it() -> None:
    # rows of the level elsewhere do not undo "the municipality has no interventions of its own on it"
    lack = ("p", "Kommunen har i dag ingen indgribende indsatser af egen; de varetages af politiet.")
    doc = make_doc(("h", 1, "Indsatser"), *level("opbyggende"), *level("foregribende"), *level("indgribende"),
                   ("h", 1, "Status"), lack)
    verdict = audit(doc).element(ID)
    assert verdict.status == "weak"
    assert verdict.details["levels"]["indgribende"]["stated_lack"] == lack[1]
    assert any("indgribende" in item and "mangel" in item for item in verdict.lacking)


def test_a_lack_of_something_else_in_a_sentence_naming_a_level_leaves_it_complete() -> None:
    other = ("p", "Det er endnu ikke afklaret, hvordan de indgribende indsatser rapporterer til styregruppen.")
    doc = make_doc(("h", 1, "Indsatser"), *level("opbyggende"), *level("foregribende"), *level("indgribende"),
                   ("h", 1, "Status"), other)
    assert audit(doc).element(ID).status == "covered"
