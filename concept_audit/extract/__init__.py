"""Extraction: plan file → :class:`~concept_audit.model.Document`.

``load_document`` is the only entry point later stages use. It checks the file, sniffs the format from
the content (not the extension), and hands off to one extractor per format. Extraction details (fonts,
XML, zip members) never leave this package.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from ..errors import InputError
from ..model import Document
from .sniff import sniff_format
from .structure import finish_document

MAX_FILE_BYTES = 200 * 1024 * 1024


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def load_document(path: str | Path, *, pdf_backend: str | None = None) -> Document:
    """Read a plan (DOCX, PDF, TXT or Markdown) into the document model.

    Raises :class:`InputError` with a user-facing message for anything that is not a readable plan.
    The input file is only ever opened for reading.
    """
    path = Path(path)
    if not path.exists():
        raise InputError(path, "not_found")
    if path.is_dir():
        raise InputError(path, "is_directory")
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise InputError(path, "unreadable", detail=exc.strerror or str(exc)) from None
    if size == 0:
        raise InputError(path, "empty")
    if size > MAX_FILE_BYTES:
        raise InputError(path, "too_large", detail=f"større end {MAX_FILE_BYTES // (1024 * 1024)} MB")

    fmt = sniff_format(path)
    sha = file_sha256(path)
    try:
        if fmt == "docx":
            from .docx import extract_docx

            doc = extract_docx(path, sha256=sha)
        elif fmt == "pdf":
            from .pdf import extract_pdf

            doc = extract_pdf(path, sha256=sha, backend=pdf_backend)
        else:
            from .text import extract_text

            doc = extract_text(path, sha256=sha, fmt=fmt)
    except (InputError, MemoryError, RecursionError, KeyboardInterrupt):
        raise
    except Exception as exc:  # a parser's internal error on a damaged file: report it, no traceback
        code = {"docx": "corrupt_docx", "pdf": "corrupt_pdf"}.get(fmt, "not_text")
        raise InputError(path, code, detail=f"{type(exc).__name__}: {exc}"[:200]) from exc
    return finish_document(doc)


__all__ = ["load_document", "file_sha256", "sniff_format"]
