"""``heading``: sections whose heading names the element.

Headings are the strongest single signal of where a plan discusses an element, and the weakest proof
that it does: a heading with nothing under it is a name, not content. So this check only *locates*
sections; what they contain is judged by the later checks.

A name matches a heading when *every* content word of the name is found in the heading, Danish-aware
(compounds and inflections, see :mod:`concept_audit.danish`): "evaluering" matches "Opfølgning og
evaluering", "infohus" matches "Vores Info-hus". A heading that holds only part of a name does not match:
"Indsatser" is not "Opfølgning på indsatser". Token-set similarity scores such subsets 100, which is why
it is not used. rapidfuzz's plain ratio on the compacted strings is the fallback for typos.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache

from rapidfuzz import fuzz

from ..danish import TermSet, TokenizedText, compile_term, compile_terms, key_of, tokenize
from .base import CheckContext, Finding, Where, term_list, validate_fields

FIELDS = {"names": (list, True), "threshold": (int, False), "exclude": (list, False)}
_NUMBER = re.compile(
    r"^\s*(?:"
    # a numbered label: "Action card 5 –", "Handlekort 2:", "Bilag 3 –", "Trin 2." (the label names the
    # document part, not the subject)
    r"(?:bilag|kapitel|afsnit|action\s*card|kort|handlekort|handleark|tjekliste|trin|del|tema)\s+[\dA-Z]{1,2}(?:\.\d{1,2})*\s*(?:[-–—:]|\.(?=\s))\s*"
    r"|(?:(?:bilag|kapitel|afsnit)\s+)?[\dA-Z]{1,2}(?:\.\d{1,2})*\.?\s+)", re.I)
FUNCTION_WORDS = frozenset("af og på i til for med om ved fra den det de en et der som samt eller vores vi "
                           "jeres din dit".split())
"""Words of a name that need not appear in a heading ("opfølgning på indsatser" ~ "Indsatser: opfølgning")."""


def strip_number(heading: str) -> str:
    return _NUMBER.sub("", heading).strip()


@lru_cache(maxsize=4096)
def _title(heading: str) -> tuple[str, TokenizedText]:
    """A heading without its number, lower-cased and tokenised; asked once per element, built once."""
    title = strip_number(heading).lower()
    return title, TokenizedText.of(title)


@dataclass
class HeadingCheck:
    names: list[str]
    words: list[list[TermSet]]
    """Per name, its content words, each compiled as a one-term set (memoised matching)."""
    exclude: TermSet
    threshold: int
    compact: list[str] = field(init=False)
    """Per name, its compacted key for the typo fallback, made once instead of per heading."""

    def __post_init__(self) -> None:
        self.compact = [key_of(name.replace(" ", "")) for name in self.names]

    def score(self, heading: str) -> tuple[float, str, bool]:
        """How well a heading names the element (0–100), the name it matched, and whether the heading is
        *specific*: it names nothing but the element ("Opfølgning på indsatserne", not "Opfølgning og
        evaluering"). A specific heading vouches for its content; a shared one does not."""
        title, tok = _title(heading)
        if not tok.keys or (self.exclude and self.exclude.matches(tok)):
            return 0.0, "", False
        content = [k for k in tok.keys if k not in FUNCTION_WORDS and not k.isdigit()]
        matched = [(name, words) for name, words in zip(self.names, self.words)
                   if words and all(w.matches(tok) for w in words)]
        if matched:
            # specific when the heading's content words are all words of this element's names: "Opfølgning
            # på målsætninger og indsatser" joins two names of one element and names nothing else
            content_toks = [TokenizedText.of(k) for k in content]
            named = {i for _, words in matched for w in words
                     for i, tok_k in enumerate(content_toks) if w.matches(tok_k)}
            return 100.0, matched[0][0], len(named) >= len(content)
        best, best_name = 0.0, ""
        compact = key_of(title.replace(" ", ""))
        for name, name_compact in zip(self.names, self.compact):
            s = fuzz.ratio(name_compact, compact)
            if s > best:
                best, best_name = s, name
        return best, best_name, True

    def check(self, ctx: CheckContext) -> Iterator[Finding]:
        for section in ctx.text.sections:
            if section.heading.listing:
                continue
            score, name, specific = self.score(section.heading.text)
            if score >= self.threshold:
                yield Finding("heading", name, passage=section.heading, score=score / 100, section=section,
                              extra={"specific": specific})


def compile(config: dict, where: Where, rules: dict) -> HeadingCheck:
    validate_fields(config, FIELDS, where, "checks.heading")
    names = term_list(config, "names", where, "checks.heading")
    if not names:
        raise where.error("checks.heading.names", "må ikke være tom")
    threshold = config.get("threshold", 88)
    if not 50 <= threshold <= 100:
        raise where.error("checks.heading.threshold", "skal ligge mellem 50 og 100")
    try:
        words = []
        for name in names:
            if name.startswith("re:"):
                raise ValueError(f"en overskrift-navn kan ikke være et regulært udtryk: {name!r}")
            content = [w for w in name.split() if w.lower().strip("=*") not in FUNCTION_WORDS]
            words.append([TermSet([compile_term(w)]) for w in content if tokenize(w)])
        exclude = compile_terms(term_list(config, "exclude", where, "checks.heading"))
    except ValueError as exc:
        raise where.error("checks.heading.names", str(exc)) from None
    return HeadingCheck(names, words, exclude, threshold)
