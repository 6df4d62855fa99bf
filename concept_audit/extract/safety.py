"""Safety checks for a DOCX package, run before any XML parser or python-docx sees it.

A DOCX is a zip of XML files, which makes it a carrier for two classic attacks: a zip bomb (a few
kilobytes that inflate to gigabytes) and hostile XML (a DOCTYPE whose entities expand exponentially, or an
external entity that reads a local file). Word never writes a DOCTYPE, so any DOCTYPE/ENTITY declaration
in an XML member is refused outright rather than "safely" parsed.

The zip is checked twice: first the sizes the central directory declares (cheap, no inflation), then
every member is actually inflated in bounded chunks while counting the real bytes, because a declared
size is just a number an attacker writes. Python's ``zipfile`` also stops inflating at the declared size
and then fails the CRC, so a member that lies about its size is refused as corrupt either way.

Nothing here keeps the inflated data: the scan streams, so peak memory stays at a few chunks however
large the archive claims to be.
"""

from __future__ import annotations

import struct
import zipfile
import zlib
from pathlib import Path

from lxml import etree

from ..errors import InputError

MB = 1024 * 1024
MAX_MEMBERS = 10_000
"""Real plans have tens to a few hundred members (one per image); more is a crafted archive."""
MAX_MEMBER_BYTES = 100 * MB
MAX_XML_MEMBER_BYTES = 50 * MB
"""XML members are parsed into trees several times their size; 50 MB of WordprocessingML is thousands
of pages, far beyond any plan."""
MAX_TOTAL_BYTES = 300 * MB
MAX_RATIO = 200
RATIO_MIN_BYTES = 1 * MB
"""Ordinary XML compresses 5–20×; a ratio above 200 on a member of real size is a bomb, not a plan."""
CHUNK = 256 * 1024

_XML_SUFFIXES = (".xml", ".rels", ".vml")
_DECLARATIONS = [b"<!doctype", b"<!entity"]
# The same declarations in the other encodings an XML parser accepts (lxml honours a BOM or an
# encoding declaration); ``bytes.lower`` folds the ASCII letters in all of them.
_PATTERNS = [
    pattern.decode("ascii").encode(encoding)
    for pattern in _DECLARATIONS
    for encoding in ("utf-8", "utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be")
]
_OVERLAP = max(len(p) for p in _PATTERNS) - 1


def safe_xml_parser() -> etree.XMLParser:
    """An lxml parser that never resolves entities, never touches the network and keeps libxml2's limits."""
    return etree.XMLParser(
        resolve_entities=False, no_network=True, huge_tree=False, load_dtd=False, dtd_validation=False
    )


def parse_xml(data: bytes) -> etree._Element:
    """Parse one XML member with :func:`safe_xml_parser` (raises ``etree.XMLSyntaxError`` when broken)."""
    return etree.fromstring(data, safe_xml_parser())


def _mb(n: int) -> str:
    return f"{n / MB:.0f} MB"


def _is_xml_member(name: str, head: bytes) -> bool:
    lower = name.lower()
    if lower.endswith(_XML_SUFFIXES):
        return True
    if lower.endswith(".svg"):
        return False  # an embedded SVG image may carry a DOCTYPE; nobody parses it
    stripped = head.lstrip(b"\xef\xbb\xbf\xff\xfe\x00 \t\r\n")
    return stripped.startswith((b"<?xml", b"<\x00?\x00x\x00m\x00l"))


def _check_declared(path: Path, infos: list[zipfile.ZipInfo]) -> None:
    """Refuse on the central directory's numbers alone, before inflating a byte."""
    if len(infos) > MAX_MEMBERS:
        raise InputError(path, "zip_bomb", detail=f"arkivet har {len(infos)} filer (højst {MAX_MEMBERS})")
    total = 0
    for info in infos:
        size = info.file_size
        limit = MAX_XML_MEMBER_BYTES if info.filename.lower().endswith(_XML_SUFFIXES) else MAX_MEMBER_BYTES
        if size > limit:
            raise InputError(path, "zip_bomb",
                             detail=f"'{info.filename}' fylder {_mb(size)} udpakket (højst {_mb(limit)})")
        if size > RATIO_MIN_BYTES and size > MAX_RATIO * max(info.compress_size, 1):
            ratio = size / max(info.compress_size, 1)
            raise InputError(path, "zip_bomb",
                             detail=f"'{info.filename}' er pakket {ratio:.0f} gange sammen (højst {MAX_RATIO})")
        total += size
        if total > MAX_TOTAL_BYTES:
            raise InputError(path, "zip_bomb",
                             detail=f"indholdet fylder over {_mb(MAX_TOTAL_BYTES)} udpakket")


def _scan_member(path: Path, zf: zipfile.ZipFile, info: zipfile.ZipInfo, budget: int) -> int:
    """Inflate one member in chunks with a hard cap; look for DTD declarations in XML. Returns its size."""
    name = info.filename
    limit = min(MAX_MEMBER_BYTES, budget)
    if name.lower().endswith(_XML_SUFFIXES):
        limit = min(limit, MAX_XML_MEMBER_BYTES)
    inflated = 0
    is_xml: bool | None = None
    tail = b""
    try:
        with zf.open(info) as fh:
            while True:
                chunk = fh.read(CHUNK)
                if not chunk:
                    break
                inflated += len(chunk)
                if inflated > limit:
                    raise InputError(path, "zip_bomb",
                                     detail=f"'{name}' pakker ud til mere end {_mb(limit)}")
                if is_xml is None:
                    is_xml = _is_xml_member(name, chunk[:64])
                if is_xml:
                    window = tail + chunk.lower()
                    if any(pattern in window for pattern in _PATTERNS):
                        raise InputError(path, "hostile_xml",
                                         detail=f"'{name}' indeholder en DOCTYPE- eller ENTITY-erklæring")
                    tail = window[-_OVERLAP:]
    except InputError:
        raise
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, RuntimeError, NotImplementedError,
            ValueError) as exc:
        raise InputError(path, "corrupt_docx", detail=f"'{name}' kan ikke pakkes ud: {exc}"[:160]) from None
    if inflated > RATIO_MIN_BYTES and inflated > MAX_RATIO * max(info.compress_size, 1):
        raise InputError(path, "zip_bomb", detail=f"'{name}' er pakket mere end {MAX_RATIO} gange sammen")
    return inflated


def check_docx_package(path: Path) -> None:
    """Refuse a DOCX that is a zip bomb, carries DTD declarations, or is not a complete package.

    Raises :class:`InputError` (``zip_bomb``, ``hostile_xml`` or ``corrupt_docx``); returns quietly for a
    package that is safe to hand to python-docx.
    """
    try:
        zf = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
        raise InputError(path, "corrupt_docx", detail=f"ZIP-strukturen kan ikke læses: {exc}"[:160]) from None
    with zf:
        infos = zf.infolist()
        _check_declared(path, infos)
        names = {info.filename for info in infos}
        for required in ("[Content_Types].xml", "word/document.xml"):
            if required not in names:
                raise InputError(path, "corrupt_docx", detail=f"'{required}' mangler i pakken")
        for info in infos:
            if info.flag_bits & 0x1:
                raise InputError(path, "corrupt_docx", detail=f"'{info.filename}' er krypteret i ZIP-arkivet")
        budget = MAX_TOTAL_BYTES
        for info in infos:
            if info.is_dir():
                continue
            budget -= _scan_member(path, zf, info, budget)


# ------------------------------------------------------------------------------------------ encrypted


_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENDOFCHAIN = 0xFFFFFFFE


def is_encrypted_ooxml(path: Path) -> bool:
    """True for a password-protected Word/Excel file: an OLE container with an "EncryptedPackage" stream.

    Office saves an encrypted DOCX as a Compound File (the same container as an old .doc), so format
    sniffing sees "ole". Reading the compound file's directory tells the two apart without decrypting
    anything. Any inconsistency in the container answers False (it is then reported as an old .doc).
    """
    try:
        with path.open("rb") as fh:
            header = fh.read(512)
            if len(header) < 512 or not header.startswith(_OLE_MAGIC):
                return False
            sector_shift = struct.unpack_from("<H", header, 0x1E)[0]
            if sector_shift not in (9, 12):
                return False
            sector_size = 1 << sector_shift
            fh.seek(0, 2)
            n_sectors = max(fh.tell() // sector_size - 1, 0)

            def read_sector(sector: int) -> bytes:
                if sector >= n_sectors:
                    raise ValueError("sector outside the file")
                fh.seek((sector + 1) * sector_size)
                return fh.read(sector_size)

            per_sector = sector_size // 4
            fat_sectors = [s for s in struct.unpack_from("<109I", header, 0x4C) if s < n_sectors]
            difat, n_difat = struct.unpack_from("<II", header, 0x44)
            for _ in range(min(n_difat, n_sectors)):
                if difat >= n_sectors:
                    break
                entries = struct.unpack(f"<{per_sector}I", read_sector(difat))
                fat_sectors.extend(s for s in entries[:-1] if s < n_sectors)
                difat = entries[-1]
            fat: list[int] = []
            for sector in fat_sectors:
                fat.extend(struct.unpack(f"<{per_sector}I", read_sector(sector)))

            names: set[str] = set()
            sector = struct.unpack_from("<I", header, 0x30)[0]
            for _ in range(n_sectors):  # bounded: a cyclic chain cannot loop forever
                if sector == _ENDOFCHAIN or sector >= len(fat):
                    break
                data = read_sector(sector)
                for offset in range(0, sector_size, 128):
                    length = struct.unpack_from("<H", data, offset + 64)[0]
                    if 2 <= length <= 64:
                        names.add(data[offset:offset + length - 2].decode("utf-16-le", "replace"))
                sector = fat[sector]
    except (OSError, ValueError, struct.error):
        return False
    return "EncryptedPackage" in names and "EncryptionInfo" in names
