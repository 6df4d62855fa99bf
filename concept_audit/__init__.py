"""concept-audit: audit a Danish municipal action plan against the national concept.

The pipeline: extract (plan file → Document) → normalise (Danish text) → checks (rules) → verdict →
render. ``audit`` is the one call most users need::

    from concept_audit import audit
    report = audit("handlingsplan.docx")          # -> Report
    report.summary, report.element("strategi.evaluering").status
"""

from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["__version__", "audit", "load_document", "load_rules", "Report", "Document"]

from .extract import load_document  # noqa: E402
from .model import Document, Report  # noqa: E402
from .ruleset import load_rules  # noqa: E402
from .audit import audit  # noqa: E402  (binds the function over the submodule's name, on purpose)
