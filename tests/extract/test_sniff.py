from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from concept_audit.errors import InputError
from concept_audit.extract import load_document


def _zip(path: Path, members: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w") as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return path


@pytest.mark.parametrize(
    ("name", "content", "code"),
    [
        ("missing.docx", None, "not_found"),
        ("empty.pdf", b"", "empty"),
        ("plan.pdf", b"Dette er bare tekst\n", "mismatch"),
        ("plan.docx", b"%PDF-1.7\n", "mismatch"),
        ("plan.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100, "unsupported"),
        ("plan.odt", b"whatever", "unsupported"),
        ("plan.docx", b"PK\x03\x04garbage-truncated", "corrupt_docx"),
    ],
)
def test_bad_input_codes(tmp_path: Path, name: str, content: bytes | None, code: str) -> None:
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(InputError) as info:
        load_document(path)
    assert info.value.code == code
    assert str(path) in info.value.message("da")


def test_xlsx_named_docx_is_mismatch(tmp_path: Path) -> None:
    path = _zip(tmp_path / "plan.docx", {"[Content_Types].xml": b"<x/>", "xl/workbook.xml": b"<x/>"})
    with pytest.raises(InputError) as info:
        load_document(path)
    assert info.value.code == "mismatch"


def test_directory_is_reported(tmp_path: Path) -> None:
    with pytest.raises(InputError) as info:
        load_document(tmp_path)
    assert info.value.code == "is_directory"


def test_password_protected_docx_is_reported_as_encrypted(tmp_path: Path) -> None:
    import importlib.util

    spec = importlib.util.spec_from_file_location("docx_hostile", Path(__file__).with_name("test_docx_hostile.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    compound_file = module.compound_file
    path = tmp_path / "hemmelig.docx"
    path.write_bytes(compound_file(["EncryptionInfo", "EncryptedPackage"]))
    with pytest.raises(InputError) as info:
        load_document(path)
    assert info.value.code == "encrypted_docx"
    old = tmp_path / "gammel.docx"
    old.write_bytes(compound_file(["WordDocument", "1Table"]))
    with pytest.raises(InputError) as info:
        load_document(old)
    assert info.value.code == "mismatch"
