"""Atomic output: whole files or nothing, with ordinary permissions."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from concept_audit.errors import ConceptAuditError
from concept_audit.fileio import atomic_write


def test_writes_whole_file_with_umask_permissions(tmp_path: Path) -> None:
    target = tmp_path / "sub" / "rapport.html"
    atomic_write(target, "<p>æøå</p>")
    assert target.read_text(encoding="utf-8") == "<p>æøå</p>"
    umask = os.umask(0)
    os.umask(umask)
    assert stat.S_IMODE(target.stat().st_mode) == 0o666 & ~umask
    assert [p.name for p in target.parent.iterdir()] == ["rapport.html"]


def test_replaces_existing_and_leaves_no_temp_on_error(tmp_path: Path) -> None:
    target = tmp_path / "r.json"
    target.write_text("old")
    atomic_write(target, b"new")
    assert target.read_bytes() == b"new"
    with pytest.raises(TypeError):
        atomic_write(target, 42)  # type: ignore[arg-type]
    assert target.read_bytes() == b"new"
    assert [p.name for p in tmp_path.iterdir()] == ["r.json"]


def test_unwritable_target_is_a_clear_error(tmp_path: Path) -> None:
    blocker = tmp_path / "fil"
    blocker.write_text("x")
    with pytest.raises(ConceptAuditError) as info:
        atomic_write(blocker / "rapport.json", "{}")
    assert info.value.code == "output"
