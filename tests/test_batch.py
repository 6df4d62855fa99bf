"""Batch audits: good plans reported, bad files listed with their Danish errors, exit status, re-runs,
the per-file timeout, and the portfolio read back (CSV, XLSX with openpyxl, HTML).

The folder mixes real corpus plans (DOCX and PDF, dev split only) with a truncated DOCX and a PDF
encrypted with reportlab, all built here.
"""

from __future__ import annotations

import csv
import json
import os
import shutil
import time
from pathlib import Path

import pytest
from lxml import html as lxml_html

from concept_audit.batch import find_inputs, report_keys, report_path, run_batch
from concept_audit.cli import main

ROOT = Path(__file__).resolve().parent.parent
PLANS = ROOT / "corpora" / "plans"
GOOD = ["soeholt.docx", "bakkedal.pdf", "stenvig.docx"]  # dev plans


def _encrypted_pdf(path: Path) -> None:
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path), encrypt="hemmelig")
    c.drawString(72, 720, "Handlingsplan mod ekstremisme og radikalisering")
    c.save()


@pytest.fixture(scope="module")
def plan_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("plans")
    for name in GOOD:
        shutil.copy(PLANS / name, folder / name)
    sub = folder / "underkatalog"
    sub.mkdir()
    data = (PLANS / "fjordby.docx").read_bytes()
    (sub / "beskadiget.docx").write_bytes(data[: len(data) // 3])  # truncated zip
    _encrypted_pdf(sub / "krypteret.pdf")
    (folder / "noter.txt").write_text("ikke en plan", encoding="utf-8")  # not picked up by a folder scan
    (folder / "~$soeholt.docx").write_bytes(b"lock")  # Word's lock file: ignored
    return folder


@pytest.fixture(scope="module")
def first_run(plan_folder: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[int, Path]:
    out = tmp_path_factory.mktemp("out")
    code = main(["batch", str(plan_folder), "-o", str(out), "--workers", "2", "--format", "html,docx"])
    return code, out


def test_batch_reports_good_plans_and_lists_bad_ones(first_run: tuple[int, Path]) -> None:
    code, out = first_run
    assert code == 1, "a failed file makes the exit status non-zero"
    for name in GOOD:
        key = name.replace(".", "-")
        report = json.loads(report_path(out, key, "json").read_text(encoding="utf-8"))
        assert report["schema"] == "concept-audit/report@1" and len(report["elements"]) == 25
        assert report["source"]["path"].endswith(name)
        assert report_path(out, key, "html").stat().st_size > 1000
        assert report_path(out, key, "docx").stat().st_size > 1000
    with (out / "errors.csv").open(encoding="utf-8") as fh:
        errors = {Path(row["fil"]).name: row for row in csv.DictReader(fh)}
    assert set(errors) == {"beskadiget.docx", "krypteret.pdf"}
    assert "beskadiget" in errors["beskadiget.docx"]["fejl"] or "ufuldstændig" in errors["beskadiget.docx"]["fejl"]
    assert "krypteret" in errors["krypteret.pdf"]["fejl"] and errors["krypteret.pdf"]["kode"] == "encrypted"
    assert not list(out.rglob("*.tmp")), "atomic writes leave no temporary files"


def test_portfolio_csv_and_html(first_run: tuple[int, Path]) -> None:
    _, out = first_run
    with (out / "portfolio.csv").open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) == 5
    by_plan = {r["plan"]: r for r in rows}
    assert by_plan["krypteret.pdf"]["resultat"] == "fejl" and by_plan["krypteret.pdf"]["fejl"]
    soeholt = json.loads(report_path(out, "soeholt-docx", "json").read_text(encoding="utf-8"))
    labels = {"covered": "dækket", "weak": "svag", "missing": "mangler"}
    for element in soeholt["elements"]:
        assert by_plan["soeholt.docx"][element["id"]] == labels[element["status"]]

    tree = lxml_html.document_fromstring((out / "portfolio.html").read_text(encoding="utf-8"))
    plan_rows = tree.xpath("//table[contains(@class,'heat')]/tbody/tr[@data-plan]")
    assert sorted(r.get("data-plan") for r in plan_rows) == sorted(GOOD)
    for row in plan_rows:
        assert len(row.xpath("td[contains(@class,'s ')]")) == 25
        href = row.xpath(".//a/@href")[0]
        assert href.startswith("reports/") and href.endswith(".html") and (out / href).exists()
    assert "krypteret.pdf" in " ".join(tree.xpath("//table[@class='errors']//text()"))
    assert tree.xpath("//script"), "the heatmap sorts with a little inline script"


def test_portfolio_xlsx_read_back(first_run: tuple[int, Path]) -> None:
    from openpyxl import load_workbook

    _, out = first_run
    wb = load_workbook(out / "portfolio.xlsx")
    plans, stats, errors = wb.worksheets
    assert plans.freeze_panes == "B2"
    header = [c.value for c in plans[1]]
    soeholt = json.loads(report_path(out, "soeholt-docx", "json").read_text(encoding="utf-8"))
    names = [e["name"] for e in soeholt["elements"]]
    first = header.index(names[0])
    assert header[first:first + 25] == names
    row = next(r for r in plans.iter_rows(min_row=2) if r[0].value == "soeholt.docx")
    colours = {"covered": "E3F3E7", "weak": "FFF1D6", "missing": "FBE3E3"}
    labels = {"covered": "dækket", "weak": "svag", "missing": "mangler"}
    for i, element in enumerate(soeholt["elements"]):
        cell = row[first + i]
        assert cell.value == labels[element["status"]]
        assert cell.fill.fgColor.rgb.endswith(colours[element["status"]])
    assert plans.max_row == 1 + 5
    # coverage statistics: one row per element, weakest first
    shares = [r[8].value for r in stats.iter_rows(min_row=2)]
    assert len(shares) == 25 and shares == sorted(shares)
    assert {r[1].value for r in stats.iter_rows(min_row=2)} == {e["id"] for e in soeholt["elements"]}
    assert sorted(Path(r[0].value).name for r in errors.iter_rows(min_row=2)) == ["beskadiget.docx", "krypteret.pdf"]


def test_rerun_skips_unchanged_and_force_redoes(first_run: tuple[int, Path], plan_folder: Path,
                                                 tmp_path: Path) -> None:
    _, first_out = first_run
    out = tmp_path / "out"
    shutil.copytree(first_out, out)
    folder = tmp_path / "plans"
    shutil.copytree(plan_folder, folder)
    stamps = {p.name: p.stat().st_mtime_ns for p in (out / "reports").iterdir()}

    result = run_batch([folder], out, workers=2, formats=["html", "docx"])
    assert {Path(r.path).name: r.status for r in result.results} == {
        "soeholt.docx": "skipped", "bakkedal.pdf": "skipped", "stenvig.docx": "skipped",
        "beskadiget.docx": "failed", "krypteret.pdf": "failed"}
    assert {p.name: p.stat().st_mtime_ns for p in (out / "reports").iterdir()} == stamps
    with (out / "portfolio.csv").open(encoding="utf-8") as fh:
        assert len(list(csv.DictReader(fh))) == 5, "skipped plans stay in the portfolio"

    # a changed file is audited again; a new format is rendered for skipped plans from their JSON
    shutil.copy(PLANS / "engkaer.docx", folder / "stenvig.docx")
    result = run_batch([folder], out, workers=1, formats=["html", "docx", "markdown"])
    statuses = {Path(r.path).name: r.status for r in result.results}
    assert statuses["stenvig.docx"] == "audited" and statuses["soeholt.docx"] == "skipped"
    assert report_path(out, "soeholt-docx", "markdown").exists()

    result = run_batch([folder], out, workers=2, force=True)
    assert sorted(r.status for r in result.results) == ["audited"] * 3 + ["failed"] * 2


def _slow_job(path, key, rules, lang, outdir, formats):  # runs in the worker: must be module-level
    if "langsom" in path:
        time.sleep(600)
    if "nedbrud" in path:
        os._exit(3)
    from concept_audit.batch import audit_plan

    return audit_plan(path, key, rules, lang, outdir, formats)


def test_timeout_kills_a_stuck_worker_and_the_batch_goes_on(tmp_path: Path) -> None:
    folder = tmp_path / "plans"
    folder.mkdir()
    shutil.copy(PLANS / "soeholt.docx", folder / "langsom.docx")
    shutil.copy(PLANS / "soeholt.docx", folder / "nedbrud.docx")
    shutil.copy(PLANS / "soeholt.docx", folder / "soeholt.docx")
    shutil.copy(PLANS / "stenvig.docx", folder / "stenvig.docx")
    result = run_batch([folder], tmp_path / "out", workers=2, timeout=8, job=_slow_job)
    by_name = {Path(r.path).name: r for r in result.results}
    assert by_name["langsom.docx"].error_code == "timeout"
    assert "tog for lang tid" in by_name["langsom.docx"].error
    assert by_name["nedbrud.docx"].error_code == "crashed"
    assert by_name["soeholt.docx"].status == "audited" and by_name["stenvig.docx"].status == "audited"
    assert result.exit_code == 1  # and the test returns at all: the sleeping worker was killed, not awaited


def test_no_input_is_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "tom").mkdir()
    assert main(["batch", str(tmp_path / "tom"), "-o", str(tmp_path / "out")]) == 2
    assert "ingen DOCX- eller PDF-filer" in capsys.readouterr().err


def test_all_good_is_exit_0(tmp_path: Path) -> None:
    folder = tmp_path / "plans"
    folder.mkdir()
    shutil.copy(PLANS / "soeholt.docx", folder / "soeholt.docx")
    assert main(["batch", str(folder), "-o", str(tmp_path / "out"), "--workers", "1"]) == 0
    assert (tmp_path / "out" / "errors.csv").read_text(encoding="utf-8").count("\n") == 1


def test_inputs_and_keys(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    for folder in ("a", "b"):
        (tmp_path / folder / "plan.docx").write_bytes(b"x")
    (tmp_path / "a" / "plan.pdf").write_bytes(b"x")
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "report.docx").write_bytes(b"x")  # the output folder is never scanned
    files, missing = find_inputs([tmp_path, tmp_path / "a" / "plan.docx", tmp_path / "nope.pdf"],
                                 exclude=tmp_path / "out")
    assert [f.relative_to(tmp_path).as_posix() for f in files] == ["a/plan.docx", "a/plan.pdf", "b/plan.docx"]
    assert [Path(m.path).name for m in missing] == ["nope.pdf"] and missing[0].error_code == "not_found"
    assert report_keys(files) == ["plan-docx", "plan-pdf", "plan-docx-2"]
