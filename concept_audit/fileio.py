"""Atomic output: write to a temporary file beside the target, then rename over it.

An interrupted run never leaves a half-written report, and a reader never sees one.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from .errors import ConceptAuditError


def atomic_write(path: Path, data: str | bytes) -> None:
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise ConceptAuditError(path, "output", detail=exc.strerror or str(exc)) from None
    try:
        # mkstemp makes the file private (0600); a report is meant to be handed on, so give it the
        # permissions any newly created file would get (0666 minus the umask).
        umask = os.umask(0)
        os.umask(umask)
        os.fchmod(fd, 0o666 & ~umask)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data.encode("utf-8") if isinstance(data, str) else data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException as exc:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        if isinstance(exc, OSError):
            raise ConceptAuditError(path, "output", detail=exc.strerror or str(exc)) from None
        raise
