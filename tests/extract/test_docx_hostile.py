"""Hostile and damaged DOCX files: refused with a typed error before any XML parser sees them.

Every file is built here: the 2 GB zip bomb is streamed through ``zipfile`` (a few MB on disk), the XML
attacks are ordinary packages with one poisoned member. Through the CLI each must end with exit status 2
and one line on stderr, never a traceback.
"""

from __future__ import annotations

import io
import struct
import subprocess
import sys
import zipfile
from pathlib import Path

import docx
import pytest

from concept_audit.errors import InputError
from concept_audit.extract import load_document, safety
from concept_audit.extract.docx import extract_docx
from concept_audit.extract.safety import check_docx_package, is_encrypted_ooxml, parse_xml

GB = 1024 ** 3


def good_docx_members() -> dict[str, bytes]:
    """The members of a small valid DOCX made with python-docx."""
    doc = docx.Document()
    doc.add_paragraph("Strategi", style="Heading 1")
    doc.add_paragraph("Kommunen forebygger ekstremisme.")
    buffer = io.BytesIO()
    doc.save(buffer)
    with zipfile.ZipFile(buffer) as zf:
        return {name: zf.read(name) for name in zf.namelist()}


def write_zip(path: Path, members: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return path


def run_cli(path: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "concept_audit", "extract", str(path)], capture_output=True,
                          text=True, timeout=120)


def assert_one_line_exit_2(path: Path, expected: str) -> None:
    proc = run_cli(path)
    assert proc.returncode == 2, proc.stderr
    assert "Traceback" not in proc.stderr
    lines = [line for line in proc.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, proc.stderr
    assert path.name in lines[0] and expected in lines[0]


# ------------------------------------------------------------------------------------------ zip bombs


@pytest.fixture(scope="module")
def bomb_2gb(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A valid DOCX plus a 2 GB member of zeros, streamed so it is never held in memory."""
    path = tmp_path_factory.mktemp("bomb") / "bombe.docx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as zf:
        for name, data in good_docx_members().items():
            zf.writestr(name, data)
        with zf.open("word/media/image1.png", "w", force_zip64=True) as fh:
            chunk = bytes(16 * 1024 * 1024)
            for _ in range(2 * GB // len(chunk)):
                fh.write(chunk)
    return path


def test_2gb_member_refused_from_the_central_directory(bomb_2gb: Path) -> None:
    assert bomb_2gb.stat().st_size < 20 * 1024 * 1024
    with pytest.raises(InputError) as info:
        load_document(bomb_2gb)
    assert info.value.code == "zip_bomb"
    assert "image1.png" in info.value.message("da")


def test_2gb_member_cli_one_line(bomb_2gb: Path) -> None:
    assert_one_line_exit_2(bomb_2gb, "zip-bombe")


def test_high_ratio_member_refused(tmp_path: Path) -> None:
    members = good_docx_members()
    members["word/media/image2.png"] = bytes(5 * 1024 * 1024)  # ~1000:1, under every size limit
    path = write_zip(tmp_path / "ratio.docx", members)
    with pytest.raises(InputError) as info:
        check_docx_package(path)
    assert info.value.code == "zip_bomb" and "gange" in info.value.message("da")


def test_total_size_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(safety, "MAX_TOTAL_BYTES", 64 * 1024)
    members = good_docx_members()
    members["word/media/a.bin"] = bytes(range(256)) * 200  # 51 KB, incompressible-ish
    members["word/media/b.bin"] = bytes(range(256)) * 200
    path = write_zip(tmp_path / "total.docx", members)
    with pytest.raises(InputError) as info:
        check_docx_package(path)
    assert info.value.code == "zip_bomb"


def test_many_members_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(safety, "MAX_MEMBERS", 20)
    members = good_docx_members()
    members.update({f"word/media/i{i}.png": b"x" for i in range(30)})
    path = write_zip(tmp_path / "many.docx", members)
    with pytest.raises(InputError) as info:
        check_docx_package(path)
    assert info.value.code == "zip_bomb"


def test_actual_inflation_is_capped_while_reading(tmp_path: Path) -> None:
    """The streaming guard stops at the budget, whatever the central directory claims."""
    path = write_zip(tmp_path / "stream.docx", {"word/media/big.bin": bytes(3 * 1024 * 1024)})
    with zipfile.ZipFile(path) as zf:
        info = zf.getinfo("word/media/big.bin")
        with pytest.raises(InputError) as err:
            safety._scan_member(path, zf, info, budget=1024 * 1024)
    assert err.value.code == "zip_bomb"


def test_member_lying_about_its_size_is_refused(tmp_path: Path) -> None:
    """A central directory that declares 1 KB for a 3 MB member: inflation stops at 1 KB, the CRC fails."""
    members = good_docx_members()
    members["word/media/lie.bin"] = bytes(3 * 1024 * 1024)
    path = write_zip(tmp_path / "lie.docx", members)
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as zf:
        info = zf.getinfo("word/media/lie.bin")
    name = info.filename.encode()
    for signature, size_offset in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):
        at = data.find(signature + b"", 0)
        while at >= 0:
            name_at = at + (30 if signature == b"PK\x03\x04" else 46)
            if data[name_at:name_at + len(name)] == name:
                struct.pack_into("<I", data, at + size_offset, 1024)
            at = data.find(signature, at + 4)
    path.write_bytes(bytes(data))
    with pytest.raises(InputError) as info_:
        load_document(path)
    assert info_.value.code in ("corrupt_docx", "zip_bomb")


# ------------------------------------------------------------------------------------------ hostile XML


BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol9 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
]>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r>
<w:t>&lol9;</w:t></w:r></w:p></w:body></w:document>"""

XXE = b"""<?xml version="1.0"?>
<!DOCTYPE w:styles [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:style w:styleId="x">
<w:name w:val="&xxe;"/></w:style></w:styles>"""


@pytest.mark.parametrize(("member", "payload"), [
    ("word/document.xml", BILLION_LAUGHS),
    ("word/styles.xml", XXE),
    ("word/document.xml", BILLION_LAUGHS.decode().replace('version="1.0"', 'version="1.0" encoding="UTF-16"')
     .encode("utf-16")),
    ("customXml/item1.xml", b'<?xml version="1.0"?><!doctype x SYSTEM "http://example.invalid/x.dtd"><x/>'),
])
def test_dtd_in_any_member_is_refused(tmp_path: Path, member: str, payload: bytes) -> None:
    members = good_docx_members()
    members[member] = payload
    path = write_zip(tmp_path / "hostile.docx", members)
    with pytest.raises(InputError) as info:
        load_document(path)
    assert info.value.code == "hostile_xml"
    assert member in info.value.message("da")


def test_billion_laughs_cli_one_line(tmp_path: Path) -> None:
    members = good_docx_members()
    members["word/document.xml"] = BILLION_LAUGHS
    path = write_zip(tmp_path / "latter.docx", members)
    assert_one_line_exit_2(path, "DOCTYPE")


def test_parser_never_resolves_entities() -> None:
    root = parse_xml(b'<x>&amp;<y/></x>')
    assert root.text == "&"
    doc = b'<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><x>&e;</x>'
    root = parse_xml(doc)
    assert "root:" not in "".join(root.itertext())


# -------------------------------------------------------------------------------------------- damaged


def test_truncated_docx_is_corrupt(tmp_path: Path) -> None:
    whole = write_zip(tmp_path / "whole.docx", good_docx_members()).read_bytes()
    path = tmp_path / "halv.docx"
    path.write_bytes(whole[: len(whole) // 2])
    with pytest.raises(InputError) as info:
        load_document(path)
    assert info.value.code == "corrupt_docx"
    assert_one_line_exit_2(path, "beskadiget")


def test_broken_xml_is_corrupt(tmp_path: Path) -> None:
    members = good_docx_members()
    members["word/document.xml"] = members["word/document.xml"][:300]
    path = write_zip(tmp_path / "brudt.docx", members)
    with pytest.raises(InputError) as info:
        load_document(path)
    assert info.value.code == "corrupt_docx"
    assert_one_line_exit_2(path, "beskadiget")


def test_damaged_member_data_is_corrupt(tmp_path: Path) -> None:
    path = write_zip(tmp_path / "crc.docx", good_docx_members())
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as zf:
        info = zf.getinfo("word/styles.xml")
    start = info.header_offset + 30 + len(info.filename) + len(info.extra)
    for i in range(start + 50, start + 150):
        data[i] ^= 0x5A
    path.write_bytes(bytes(data))
    with pytest.raises(InputError) as err:
        load_document(path)
    assert err.value.code == "corrupt_docx"


def test_missing_content_types_is_corrupt(tmp_path: Path) -> None:
    members = good_docx_members()
    del members["[Content_Types].xml"]
    path = write_zip(tmp_path / "uden.docx", members)
    with pytest.raises(InputError) as info:
        load_document(path)
    assert info.value.code == "corrupt_docx"


# ------------------------------------------------------------------------------------------ encrypted


def compound_file(stream_names: list[str]) -> bytes:
    """A minimal OLE compound file (one FAT sector, one directory sector) with the given stream names."""
    free, end, fat_sect = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD
    header = bytearray(512)
    header[0:8] = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
    struct.pack_into("<HHHHH", header, 0x18, 0x3E, 3, 0xFFFE, 9, 6)
    struct.pack_into("<IIIIIIIII", header, 0x28, 0, 1, 1, 0, 4096, end, 0, end, 0)
    struct.pack_into("<109I", header, 0x4C, 0, *([free] * 108))
    fat = struct.pack("<128I", fat_sect, end, *([free] * 126))
    directory = bytearray(512)
    for i, name in enumerate(["Root Entry", *stream_names][:4]):
        raw = (name + "\0").encode("utf-16-le")
        directory[i * 128: i * 128 + len(raw)] = raw
        struct.pack_into("<HB", directory, i * 128 + 64, len(raw), 5 if i == 0 else 2)
    return bytes(header) + fat + bytes(directory)


def test_encrypted_ooxml_detected(tmp_path: Path) -> None:
    path = tmp_path / "hemmelig.docx"
    path.write_bytes(compound_file(["EncryptionInfo", "EncryptedPackage"]))
    assert is_encrypted_ooxml(path)
    with pytest.raises(InputError) as info:
        extract_docx(path, sha256="0" * 64)
    assert info.value.code == "encrypted_docx"
    assert "adgangskode" in info.value.message("da")


def test_old_doc_is_not_encrypted_ooxml(tmp_path: Path) -> None:
    path = tmp_path / "gammel.doc"
    path.write_bytes(compound_file(["WordDocument", "1Table"]))
    assert not is_encrypted_ooxml(path)
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100)  # truncated container
    assert not is_encrypted_ooxml(path)


def test_valid_package_passes(tmp_path: Path) -> None:
    path = write_zip(tmp_path / "ok.docx", good_docx_members())
    check_docx_package(path)
    assert [b.text for b in load_document(path).blocks] == ["Strategi", "Kommunen forebygger ekstremisme."]
