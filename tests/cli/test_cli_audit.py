"""The `audit` and `rules` commands as a user runs them: formats, output files, exit statuses."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from concept_audit.ruleset import default_rules_path

ELEMENT_IDS = [e["id"] for e in yaml.safe_load(default_rules_path().read_text(encoding="utf-8"))["elements"]]

THIN_PLAN = """# Handlingsplan mod ekstremisme

Kommunen ønsker at forebygge ekstremisme. Planen vil blive udarbejdet nærmere i løbet af året.
"""

RICH_PLAN = """---
title: Handlingsplan for Testby Kommune
date: 2025-03-01
---
# Handlingsplan for Testby Kommune

## Organisering

Styregruppen består af direktøren for Børn og Unge, politiinspektøren og SSP-koordinatoren. Den mødes
fire gange om året og følger op på handlingsplanens indsatser. SSP-koordinatoren er tovholder.

## Bekymringshenvendelser

Fagpersoner, der er bekymrede, kontakter kommunens radikaliseringskoordinator, som vurderer henvendelsen
inden for tre arbejdsdage. Alle henvendelser registreres i kommunens journalsystem. Se <script>alert(1)</script>
og | kolonner | i teksten.
"""


def run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "concept_audit", *args], capture_output=True, text=True,
                          env={**os.environ, **(env or {})})


@pytest.fixture
def rich_plan(tmp_path: Path) -> Path:
    path = tmp_path / "testby.md"
    path.write_text(RICH_PLAN, encoding="utf-8")
    return path


def test_json_report_has_every_element_once_and_the_documented_shape(rich_plan: Path) -> None:
    proc = run("audit", str(rich_plan), "--format", "json")
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert data["schema"] == "concept-audit/report@1"
    assert set(data["source"]) >= {"path", "format", "pages", "sha256"}
    assert set(data["ruleset"]) >= {"name", "version"}
    ids = [e["id"] for e in data["elements"]]
    assert sorted(ids) == sorted(ELEMENT_IDS) and len(ids) == len(set(ids)) == 25
    for element in data["elements"]:
        assert set(element) >= {"id", "chapter", "level", "name", "status", "score", "reason", "evidence",
                                "found", "lacking", "template_sections"}
        assert element["status"] in ("covered", "weak", "missing")
        assert 0.0 <= element["score"] <= 1.0
        assert len(element["evidence"]) <= 3
        for ev in element["evidence"]:
            assert set(ev) >= {"quote", "page", "section", "block"} and ev["quote"]
    summary = data["summary"]
    assert summary["covered"] + summary["weak"] + summary["missing"] == 25
    assert [s["id"] for s in data["sections"]][:2] == ["1.1", "1.2"]


def test_thin_plan_is_mostly_missing_and_fail_under_exits_1(tmp_path: Path) -> None:
    plan = tmp_path / "tynd.md"
    plan.write_text(THIN_PLAN, encoding="utf-8")
    data = json.loads(run("audit", str(plan), "--format", "json").stdout)
    assert data["summary"]["covered"] == 0
    assert data["summary"]["missing"] >= 20
    assert run("audit", str(plan)).returncode == 0  # verdicts alone never fail a run
    assert run("audit", str(plan), "--fail-under", "0.5").returncode == 1
    assert run("audit", str(plan), "--fail-under", "0").returncode == 0


def test_output_file_is_written_whole_and_alone(rich_plan: Path, tmp_path: Path) -> None:
    out = tmp_path / "out" / "rapport.md"
    proc = run("audit", str(rich_plan), "--format", "markdown", "-o", str(out))
    assert proc.returncode == 0, proc.stderr
    text = out.read_text(encoding="utf-8")
    assert text.startswith("# Vurdering af handlingsplan")
    assert "<script>" not in text
    assert [p.name for p in out.parent.iterdir()] == ["rapport.md"]  # no temp files left behind


def test_table_report_shows_summary_matching_json(rich_plan: Path) -> None:
    data = json.loads(run("audit", str(rich_plan), "--format", "json").stdout)
    proc = run("audit", str(rich_plan), "--lang", "en", env={"COLUMNS": "160"})
    assert proc.returncode == 0, proc.stderr
    s = data["summary"]
    assert f"{s['covered']} covered · {s['weak']} weak · {s['missing']} missing" in proc.stdout
    for chapter in ("Strategi", "Organisering", "Indsatser"):
        assert chapter in proc.stdout


def test_binary_format_needs_an_output_file(rich_plan: Path) -> None:
    proc = subprocess.run([sys.executable, "-m", "concept_audit", "audit", str(rich_plan), "--format", "docx"],
                          capture_output=True, text=True) if "docx" in _formats() else None
    if proc is None:
        pytest.skip("the docx report format is not registered yet")
    assert proc.returncode == 2 and "-o" in proc.stderr and "Traceback" not in proc.stderr


def _formats() -> list[str]:
    from concept_audit.render import report_formats

    return report_formats()


def test_bad_rules_file_names_element_and_field(rich_plan: Path, tmp_path: Path) -> None:
    raw = yaml.safe_load(default_rules_path().read_text(encoding="utf-8"))
    raw["elements"][3]["checks"]["topic"]["colour"] = "blue"
    bad = tmp_path / "rules.yaml"
    bad.write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")
    for args in (("rules", "check", str(bad)), ("audit", str(rich_plan), "--rules", str(bad))):
        proc = run(*args)
        assert proc.returncode == 2
        assert "Traceback" not in proc.stderr
        assert raw["elements"][3]["id"] in proc.stderr and "colour" in proc.stderr


def test_rules_check_and_list_the_bundled_concept() -> None:
    check = run("rules", "check")
    assert check.returncode == 0 and "25" in check.stdout
    listing = run("rules", "list", env={"COLUMNS": "200"})
    assert listing.returncode == 0
    for element_id in ELEMENT_IDS:
        assert element_id in listing.stdout


def test_python_api_matches_cli(rich_plan: Path) -> None:
    import concept_audit

    report = concept_audit.audit(rich_plan)
    data = json.loads(run("audit", str(rich_plan), "--format", "json").stdout)
    assert report.statuses() == {e["id"]: e["status"] for e in data["elements"]}


def test_narrow_terminals_drop_the_id_rather_than_fold_it(rich_plan: Path) -> None:
    narrow = run("audit", str(rich_plan), env={"COLUMNS": "80"}).stdout
    wide = run("audit", str(rich_plan), env={"COLUMNS": "120"}).stdout
    assert "strategi.formaal-og-vision" not in narrow and "Formål og vision" in narrow
    assert "strategi.formaal-og-vision" in wide
    assert all(len(line) <= 80 for line in narrow.splitlines())
