"""Hostile and broken PDFs are refused with one clear message, before any parser holds their data."""

from __future__ import annotations

import subprocess
import sys
import zlib
from pathlib import Path

import pytest

from concept_audit.errors import InputError
from concept_audit.extract import load_document
from concept_audit.extract import pdf as pdf_module
from concept_audit.extract.pdfsafety import scan_pdf

from pdf_builders import build_encrypted, build_image_only, build_plan, deflate_zeros, raw_pdf

GB = 1024**3
MB = 1024**2
TEXT = b"BT /F1 12 Tf 72 720 Td (Hej) Tj ET"


@pytest.fixture(scope="module")
def bomb(tmp_path_factory) -> Path:
    """One content stream of 2 GB of zeros, about 2 MB on disk."""
    path = tmp_path_factory.mktemp("hostile") / "bomb.pdf"
    path.write_bytes(raw_pdf([(b"/FlateDecode", deflate_zeros(2 * GB))]))
    return path


def _code(path: Path, **kwargs) -> str:
    with pytest.raises(InputError) as info:
        load_document(path, **kwargs)
    return info.value.code


def test_stream_bomb_refused(bomb):
    assert bomb.stat().st_size < 5 * MB
    assert _code(bomb) == "pdf_bomb"


def test_stream_bomb_refused_by_both_backends(bomb):
    assert _code(bomb, pdf_backend="pdfplumber") == "pdf_bomb"


def test_double_compressed_bomb_refused(tmp_path):
    """The first stage is 2 MB (harmless); the second is 2 GB: counted through, never built."""
    path = tmp_path / "double.pdf"
    path.write_bytes(raw_pdf([(b"[/FlateDecode /FlateDecode]", zlib.compress(deflate_zeros(2 * GB), 9))]))
    assert path.stat().st_size < 100 * 1024
    assert _code(path) == "pdf_bomb"


def test_total_cap(tmp_path):
    """Many honest-looking streams together can be a bomb too (caps lowered to keep the test small)."""
    data = deflate_zeros(16 * MB)
    path = tmp_path / "many.pdf"
    path.write_bytes(raw_pdf([(b"/FlateDecode", data)] * 5))
    assert scan_pdf(path, max_stream=20 * MB, max_total=1000 * MB).decoded_bytes == 80 * MB
    with pytest.raises(InputError) as info:
        scan_pdf(path, max_stream=20 * MB, max_total=50 * MB)
    assert info.value.code == "pdf_bomb"


def test_abbreviated_and_ascii_wrapped_filters(tmp_path):
    import base64

    data = base64.a85encode(deflate_zeros(16 * MB), adobe=True)
    path = tmp_path / "a85.pdf"
    path.write_bytes(raw_pdf([(b"[/A85 /Fl]", data)]))
    with pytest.raises(InputError):
        scan_pdf(path, max_stream=8 * MB)


def test_ordinary_file_passes_scan(tmp_path):
    path = build_plan(tmp_path / "plan.pdf")
    result = scan_pdf(path)
    assert result.streams >= 3 and not result.truncated


def test_page_cap(tmp_path, monkeypatch):
    path = tmp_path / "pages.pdf"
    path.write_bytes(raw_pdf([(b"/FlateDecode", zlib.compress(TEXT))], pages=5))
    monkeypatch.setattr(pdf_module, "MAX_PAGES", 3)
    assert _code(path) == "too_large"


def test_encrypted(tmp_path):
    path = build_encrypted(tmp_path / "locked.pdf")
    assert _code(path) == "encrypted"
    assert _code(path, pdf_backend="pdfplumber") == "encrypted"


def test_scanned_has_no_text(tmp_path):
    path = build_image_only(tmp_path / "scan.pdf")
    assert _code(path) == "no_text"


@pytest.mark.parametrize("cut", [0.3, 0.6, 0.95])
def test_truncated(tmp_path, cut):
    whole = build_plan(tmp_path / "whole.pdf").read_bytes()
    path = tmp_path / "cut.pdf"
    path.write_bytes(whole[: int(len(whole) * cut)])
    assert _code(path) == "corrupt_pdf"


def test_garbage_after_header(tmp_path):
    path = tmp_path / "garbage.pdf"
    path.write_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 40)
    assert _code(path) == "corrupt_pdf"


@pytest.mark.parametrize("kind", ["bomb", "encrypted", "truncated"])
def test_cli_one_line_exit_2(tmp_path, bomb, kind):
    if kind == "bomb":
        path = bomb
    elif kind == "encrypted":
        path = build_encrypted(tmp_path / "locked.pdf")
    else:
        whole = build_plan(tmp_path / "whole.pdf").read_bytes()
        path = tmp_path / "cut.pdf"
        path.write_bytes(whole[: len(whole) // 2])
    proc = subprocess.run([sys.executable, "-m", "concept_audit", "extract", str(path)],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 2
    lines = [l for l in proc.stderr.splitlines() if l.strip()]
    assert len(lines) == 1, proc.stderr
    assert "Traceback" not in proc.stderr
    assert str(path.name) in lines[0]
