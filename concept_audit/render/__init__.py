"""Renderers: one module per output format. They consume model objects only, never the plan file.

``FORMATS`` maps a format name to the module and function that renders a :class:`~concept_audit.model.Report`
to text or bytes; modules are imported only when their format is asked for, so the CLI starts fast and a
format's dependencies (python-docx for Word reports) are only loaded when needed. The ``table`` format is
special: it prints to a rich console instead of returning a string.
"""

from __future__ import annotations

from importlib import import_module
from typing import Callable

from ..model import Report

Renderer = Callable[[Report], "str | bytes"]

FORMATS: dict[str, tuple[str, str]] = {
    "json": ("json_report", "render_json"),
    "markdown": ("markdown", "render_markdown"),
    "html": ("html", "render_html"),
    "docx": ("docx_report", "render_docx"),
}
"""Report formats written to a file or stdout: name → (module under concept_audit.render, function)."""

BINARY_FORMATS = {"docx"}
"""Formats whose output is bytes, not text: never printed to a terminal."""

EXTENSIONS = {"json": ".json", "markdown": ".md", "html": ".html", "docx": ".docx"}


def renderer(fmt: str) -> Renderer:
    """The render function of a format; KeyError for an unknown one."""
    module, function = FORMATS[fmt]
    return getattr(import_module(f"{__name__}.{module}"), function)


def report_formats() -> list[str]:
    return ["table", *FORMATS]
