"""``heading``: sections whose heading names the element, matched fuzzily (rapidfuzz).

Headings are the strongest single signal of where a plan discusses an element, and the weakest proof
that it does: a heading with nothing under it is a name, not content. So this check only *locates*
sections; what they contain is judged by the later checks.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from rapidfuzz import fuzz

from ..danish import TermSet, TokenizedText, compile_terms, key_of
from .base import CheckContext, Finding, Where, term_list, validate_fields

FIELDS = {"names": (list, True), "threshold": (int, False), "exclude": (list, False)}
_NUMBER = re.compile(r"^\s*(?:(?:bilag|kapitel|afsnit)\s+)?[\dA-Z]{1,2}(?:\.\d{1,2})*\.?\s+", re.I)


@dataclass
class HeadingCheck:
    names: list[str]
    terms: TermSet
    threshold: int

    def score(self, heading: str) -> tuple[float, str]:
        """How well a heading names the element (0–100), and the name it matched."""
        title = _NUMBER.sub("", heading).strip().lower()
        tok = TokenizedText.of(title)
        found = self.terms.find(tok)
        if found:
            return 100.0, found[0]
        best, best_name = 0.0, ""
        compact = key_of(title)
        for name in self.names:
            s = max(fuzz.token_set_ratio(name, title), fuzz.ratio(key_of(name), compact))
            if s > best:
                best, best_name = s, name
        return best, best_name

    def check(self, ctx: CheckContext) -> Iterator[Finding]:
        for section in ctx.text.sections:
            if section.heading.listing:
                continue
            score, name = self.score(section.heading.text)
            if score >= self.threshold:
                yield Finding("heading", name, passage=section.heading, score=score / 100, section=section)


def compile(config: dict, where: Where, rules: dict) -> HeadingCheck:
    validate_fields(config, FIELDS, where, "checks.heading")
    names = term_list(config, "names", where, "checks.heading")
    if not names:
        raise where.error("checks.heading.names", "må ikke være tom")
    threshold = config.get("threshold", 88)
    if not 50 <= threshold <= 100:
        raise where.error("checks.heading.threshold", "skal ligge mellem 50 og 100")
    try:
        terms = compile_terms(names, config.get("exclude") or [])
    except ValueError as exc:
        raise where.error("checks.heading.names", str(exc)) from None
    return HeadingCheck(names, terms, threshold)
