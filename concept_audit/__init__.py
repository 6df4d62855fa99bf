"""concept-audit: audit a Danish municipal action plan against the national concept.

The pipeline: extract (plan file → Document) → normalise (Danish text) → checks (rules) → verdict →
render. ``audit`` is the one call most users need.
"""

from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["__version__", "load_document"]

from .extract import load_document  # noqa: E402
