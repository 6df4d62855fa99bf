from __future__ import annotations

import subprocess
import sys
from pathlib import Path


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "concept_audit", *args], capture_output=True, text=True)


def test_missing_file_is_one_danish_line_exit_2(tmp_path: Path) -> None:
    target = tmp_path / "findes-ikke.pdf"
    proc = run("extract", str(target))
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr
    lines = [ln for ln in proc.stderr.splitlines() if ln.strip()]
    assert len(lines) == 1
    assert "findes-ikke.pdf" in lines[0] and "filen findes ikke" in lines[0]


def test_english_messages(tmp_path: Path) -> None:
    target = tmp_path / "empty.docx"
    target.write_bytes(b"")
    proc = run("extract", "--lang", "en", str(target))
    assert proc.returncode == 2
    assert "the file is empty" in proc.stderr


def test_extract_json_roundtrip(tmp_path: Path) -> None:
    import json

    from concept_audit.model import Document

    plan = tmp_path / "p.md"
    plan.write_text("# 1. Strategi\nTekst.\n", encoding="utf-8")
    proc = run("extract", "--format", "json", str(plan))
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert data["schema"] == "concept-audit/document@1"
    doc = Document.from_dict(data)
    assert doc.blocks[0].kind == "heading" and doc.blocks[1].section == ["1. Strategi"]
