"""Check kinds: the typed building blocks the rules combine (Vale's lesson).

Each module defines one kind: its config schema (``FIELDS``), ``compile(config, where, rules)`` that turns a
rule's YAML into a compiled check, and the compiled check's ``check(ctx)`` generator of findings. The
engine knows the kinds, never the elements: adding an element is a YAML change.

Kinds, in the order the engine runs them:

* ``heading``  – fuzzy match of section headings against the element's names → the sections about it.
* ``topic``    – terms that say the element's subject is being discussed → the passages about it.
* ``facets``   – what a covered element must show (who is responsible, a procedure, a frequency ...),
  searched in the passages the first two found.
* ``cues``     – statements of intent or lack ("vil blive udarbejdet", "endnu ikke") that downgrade.
* ``levels``   – a structure check: items on each of several levels, each with required fields (the
  three prevention levels of interventions).
"""

from __future__ import annotations

from . import cues, facets, heading, levels, topic
from .base import CheckContext, Finding

KINDS = {
    "heading": heading,
    "topic": topic,
    "facets": facets,
    "cues": cues,
    "levels": levels,
}
ORDER = ("heading", "topic", "cues", "facets", "levels")

__all__ = ["KINDS", "ORDER", "CheckContext", "Finding"]
