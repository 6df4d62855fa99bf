"""Rule validation: errors name the file, the element and the field."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest
import yaml

from concept_audit.errors import RulesError
from concept_audit.ruleset import default_rules_path, load_rules


@pytest.fixture(scope="module")
def raw() -> dict:
    return yaml.safe_load(default_rules_path().read_text(encoding="utf-8"))


def write(tmp_path: Path, data: dict) -> Path:
    path = tmp_path / "regler.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def error_of(tmp_path: Path, data: dict) -> str:
    with pytest.raises(RulesError) as info:
        load_rules(write(tmp_path, data))
    return str(info.value)


def test_bundled_rules_have_the_25_elements() -> None:
    rules = load_rules()
    assert len(rules.elements) == 25 and len({e.id for e in rules.elements}) == 25


def test_unknown_field(tmp_path: Path, raw: dict) -> None:
    data = copy.deepcopy(raw)
    data["elements"][2]["checks"]["topic"]["termz"] = ["x"]
    message = error_of(tmp_path, data)
    assert "regler.yaml" in message and data["elements"][2]["id"] in message and "termz" in message


def test_missing_id(tmp_path: Path, raw: dict) -> None:
    data = copy.deepcopy(raw)
    del data["elements"][4]["id"]
    message = error_of(tmp_path, data)
    assert "regler.yaml" in message and "#5" in message and "id" in message


def test_bad_pattern(tmp_path: Path, raw: dict) -> None:
    data = copy.deepcopy(raw)
    data["elements"][0]["checks"]["topic"]["terms"].append("re:(unclosed")
    message = error_of(tmp_path, data)
    assert data["elements"][0]["id"] in message and "checks.topic.terms" in message


def test_duplicated_id(tmp_path: Path, raw: dict) -> None:
    data = copy.deepcopy(raw)
    data["elements"][1]["id"] = data["elements"][0]["id"]
    message = error_of(tmp_path, data)
    assert data["elements"][0]["id"] in message and "to gange" in message


def test_bad_combined_group_and_unknown_facet(tmp_path: Path, raw: dict) -> None:
    data = copy.deepcopy(raw)
    data["elements"][3]["checks"]["topic"]["combined"] = [["kun én liste"]]
    assert "checks.topic.combined" in error_of(tmp_path, data)
    data = copy.deepcopy(raw)
    data["elements"][3]["checks"]["facets"]["require"] = ["findes_ikke"]
    assert "findes_ikke" in error_of(tmp_path, data)


def test_bad_cue_unless(tmp_path: Path, raw: dict) -> None:
    data = copy.deepcopy(raw)
    data["cues"]["intent"]["unless"] = ["re:[bad"]
    assert "cue intent" in error_of(tmp_path, data)


def test_paragraph_is_a_cue_option_checked_for_its_type(tmp_path: Path, raw: dict) -> None:
    data = copy.deepcopy(raw)
    data["cues"]["intent"]["paragraph"] = True
    assert load_rules(write(tmp_path, data)).cues["intent"].paragraph is True
    data["cues"]["intent"]["paragraph"] = "ja"
    message = error_of(tmp_path, data)
    assert "cue intent" in message and "cues.intent.paragraph" in message
    data = copy.deepcopy(raw)
    data["facets"]["responsible"]["paragraph"] = True
    assert "facets.responsible.paragraph" in error_of(tmp_path, data)


def test_in_headings_is_a_facet_option_not_a_cue_option(tmp_path: Path, raw: dict) -> None:
    data = copy.deepcopy(raw)
    data["facets"]["responsible"]["in_headings"] = True
    load_rules(write(tmp_path, data))  # accepted on a facet
    data = copy.deepcopy(raw)
    data["cues"]["intent"]["in_headings"] = True
    assert "in_headings" in error_of(tmp_path, data)
    data = copy.deepcopy(raw)
    data["facets"]["responsible"]["in_headings"] = "ja"
    assert "facets.responsible.in_headings" in error_of(tmp_path, data)


def test_a_combined_group_may_ask_for_one_clause_and_says_which_field_is_wrong(tmp_path: Path, raw: dict) -> None:
    data = copy.deepcopy(raw)
    data["elements"][3]["checks"]["topic"]["combined"] = [{"all": [["infohus"], ["drift"]], "within": "afsnit"}]
    message = error_of(tmp_path, data)
    assert "checks.topic.combined[0].within" in message and data["elements"][3]["id"] in message
    data["elements"][3]["checks"]["topic"]["combined"] = [{"all": [["infohus"], ["drift"]], "inden": "clause"}]
    assert "inden" in error_of(tmp_path, data)
    data["elements"][3]["checks"]["topic"]["combined"] = [{"all": [["infohus"], ["drift"]], "within": "clause"}]
    load_rules(write(tmp_path, data))


def test_caps_names_facets_and_cue_kinds_that_exist(tmp_path: Path, raw: dict) -> None:
    data = copy.deepcopy(raw)
    element = next(e for e in data["elements"] if e["checks"].get("facets", {}).get("caps"))
    element["checks"]["facets"]["caps"]["cues"] = ["lack", "tvivl"]
    message = error_of(tmp_path, data)
    assert "checks.facets.caps.cues" in message and "tvivl" in message and element["id"] in message
    element["checks"]["facets"]["caps"] = {"facets": ["findes_ikke"], "cues": ["lack"]}
    assert "checks.facets.caps.facets" in error_of(tmp_path, data)
    element["checks"]["facets"]["caps"] = {"facets": []}
    assert "checks.facets.caps.cues" in error_of(tmp_path, data)
