"""Format detection from the file's content, not its name.

The extension is only a hint: a ``.pdf`` that is really a Word file is reported, not guessed around, so a
user who mislabelled a file learns so instead of getting an odd audit.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from ..errors import InputError

TEXT_EXTENSIONS = {"txt": "txt", "text": "txt", "md": "md", "markdown": "md"}
KNOWN_EXTENSIONS = {"docx", "pdf", *TEXT_EXTENSIONS}
_DESCRIPTIONS = {
    "docx": "et Word-dokument (DOCX)",
    "pdf": "en PDF",
    "zip": "et ZIP-arkiv",
    "ole": "et gammelt Office-dokument (.doc/.xls)",
    "binary": "binære data",
    "text": "almindelig tekst",
}


def _content_kind(path: Path, head: bytes) -> str:
    if b"%PDF-" in head[:1024]:
        return "pdf"
    if head.startswith(b"PK\x03\x04") or head.startswith(b"PK\x05\x06"):
        try:
            with zipfile.ZipFile(path) as zf:
                names = set(zf.namelist())
        except (zipfile.BadZipFile, OSError, ValueError):
            # A zip that does not open is most likely a truncated DOCX.
            return "docx-corrupt"
        if "word/document.xml" in names:
            return "docx"
        if "[Content_Types].xml" in names and not any(n.startswith("word/") for n in names):
            return "zip"  # xlsx, pptx: Office, but not a Word document
        return "zip"
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return "ole"
    if b"\x00" in head and not head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "binary"
    return "text"


def sniff_format(path: Path) -> str:
    """Return ``docx``, ``pdf``, ``txt`` or ``md``, or raise :class:`InputError`."""
    try:
        with path.open("rb") as fh:
            head = fh.read(8192)
    except OSError as exc:
        raise InputError(path, "unreadable", detail=exc.strerror or str(exc)) from None
    ext = path.suffix.lower().lstrip(".")
    kind = _content_kind(path, head)

    if kind == "docx-corrupt":
        if ext == "docx" or not ext:
            raise InputError(path, "corrupt_docx", detail="ZIP-strukturen kan ikke læses")
        kind = "zip"
    if ext and ext not in KNOWN_EXTENSIONS:
        if kind in ("docx", "pdf"):
            return kind  # e.g. "plan.docx.download": the content is clear, accept it
        raise InputError(path, "unsupported", detail=f".{ext}")
    if kind in ("docx", "pdf"):
        if ext and ext != kind:
            raise InputError(path, "mismatch", ext=ext, actual=_DESCRIPTIONS[kind])
        return kind
    if kind == "ole" and ext in ("docx", "doc", ""):
        from .safety import is_encrypted_ooxml

        if is_encrypted_ooxml(path):  # Word saves a password-protected DOCX inside an OLE container
            raise InputError(path, "encrypted_docx")
    if kind in ("zip", "ole", "binary"):
        if ext in ("docx", "pdf") or ext in TEXT_EXTENSIONS:
            raise InputError(path, "mismatch", ext=ext, actual=_DESCRIPTIONS[kind])
        raise InputError(path, "unsupported", detail=_DESCRIPTIONS[kind])
    # Plain text content.
    if ext in ("docx", "pdf"):
        if ext == "pdf" and head.lstrip().startswith(b"%"):
            raise InputError(path, "corrupt_pdf", detail="PDF-hovedet mangler")
        raise InputError(path, "mismatch", ext=ext, actual=_DESCRIPTIONS["text"])
    return TEXT_EXTENSIONS.get(ext, "txt")
