"""compare: two versions of a corpus plan, the second with whole sections cut out (built here)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from lxml import html as lxml_html

from concept_audit.audit import audit
from concept_audit.cli import main
from concept_audit.compare import change_of, compare_files, compare_reports
from concept_audit.model import Report

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "corpora" / "src" / "fjordby.md"
CUT = ("### 1.3.5 ", "### 3.1.3 ", "### 3.2.2 ", "## 4.3 ")


def _without_sections(text: str, headings: tuple[str, ...]) -> str:
    """Drop each heading that starts with one of ``headings`` and its text up to the next heading of the
    same or a higher level."""
    lines = text.splitlines(keepends=True)
    out, skipping = [], None
    for line in lines:
        match = re.match(r"(#+) ", line)
        if match and skipping is not None and len(match.group(1)) <= skipping:
            skipping = None
        if skipping is None and match and line.startswith(headings):
            skipping = len(match.group(1))
            continue
        if skipping is None:
            out.append(line)
    return "".join(out)


@pytest.fixture(scope="module")
def versions(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    folder = tmp_path_factory.mktemp("versions")
    full = folder / "fjordby-2025.md"
    full.write_text(SOURCE.read_text(encoding="utf-8"), encoding="utf-8")
    cut = folder / "fjordby-udkast.md"
    cut.write_text(_without_sections(full.read_text(encoding="utf-8"), CUT), encoding="utf-8")
    assert "1.3.5 Beredskabsorganisering" not in cut.read_text(encoding="utf-8")
    assert "2.1.4 Sagsflow" in cut.read_text(encoding="utf-8")
    return full, cut


def test_sections_removed_regress_and_restored_improve(versions: tuple[Path, Path]) -> None:
    full, cut = versions
    forward = compare_files(full, cut)
    regressed = {e.id for e in forward.elements if e.change == "regressed"}
    assert "strategi.beredskabsorganisering" in regressed
    assert forward.count("improved") == 0
    assert forward.count("unchanged") + len(regressed) == 25
    assert forward.score_delta < 0

    backward = compare_reports(forward.new, forward.old)
    assert {e.id for e in backward.elements if e.change == "improved"} == regressed
    assert backward.score_delta == -forward.score_delta


def test_compare_cli_json_html_and_table(versions: tuple[Path, Path], tmp_path: Path,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    full, cut = versions
    # a JSON report works as either side
    old_json = tmp_path / "old.json"
    old_json.write_text(json.dumps(audit(full).to_dict(), ensure_ascii=False), encoding="utf-8")
    assert main(["compare", str(old_json), str(cut), "--format", "json", "-o", str(tmp_path / "c.json")]) == 0
    data = json.loads((tmp_path / "c.json").read_text(encoding="utf-8"))
    assert data["schema"] == "concept-audit/compare@1" and len(data["elements"]) == 25
    assert data["summary"]["regressed"] >= 1 and data["summary"]["improved"] == 0
    beredskab = next(e for e in data["elements"] if e["id"] == "strategi.beredskabsorganisering")
    assert beredskab["change"] == "regressed" and beredskab["old"] == "covered"

    assert main(["compare", str(cut), str(full), "--format", "html", "-o", str(tmp_path / "c.html")]) == 0
    tree = lxml_html.document_fromstring((tmp_path / "c.html").read_text(encoding="utf-8"))
    rows = tree.xpath("//tr[@data-element]")
    assert len(rows) == 25
    row = next(r for r in rows if r.get("data-element") == "strategi.beredskabsorganisering")
    assert row.get("data-change") == "improved" and "forbedret" in row.text_content()

    assert main(["compare", str(full), str(cut)]) == 0
    out = capsys.readouterr().out
    assert f"0 forbedret, {data['summary']['regressed']} forværret" in out
    assert out.count("forværret") == data["summary"]["regressed"] + 1  # one per row, one in the summary


def test_change_of() -> None:
    assert change_of("missing", "weak") == "improved"
    assert change_of("covered", "weak") == "regressed"
    assert change_of("weak", "weak") == "unchanged"
    assert change_of(None, "weak") == "added" and change_of("weak", None) == "removed"


def test_element_only_in_one_rule_set(versions: tuple[Path, Path]) -> None:
    full, _ = versions
    report = audit(full)
    data = report.to_dict()
    data["elements"] = data["elements"][1:]
    fewer = Report.from_dict(data)
    comparison = compare_reports(fewer, report)
    assert comparison.elements[0].change == "added"
    assert compare_reports(report, fewer).elements[-1].change == "removed"
