"""``cues``: statements of intent or lack that take the substance out of a passage.

"Der vil blive udarbejdet en procedure" and "kommunen har endnu ikke en fast procedure" both name a
procedure and both say there is none. A passage with such a cue counts as a mention (weak), never as
substance; the verdict reports the cue so the reader sees why.

A cue governs the sentence it stands in, and the next sentence of the same paragraph when that sentence
only refers back to it ("Akutberedskabet er endnu ikke skrevet ind i beredskabsplanen. Det skal ske ved
næste revision."). A heading that states a lack or an intention ("Det, vi endnu mangler") governs the
text directly under it: "En afklaring af ansvaret for driften" is then a lack, not a description.

A cue kind may list ``unless`` terms: a recurring routine ("hvert år", "inden for fem dage") turns
"skal opdateres" from an intention into a rule, so the cue does not apply.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from ..danish import TermSet, TokenizedText
from ..normalise import IndexedText, Passage
from .base import CheckContext, Finding, Where, validate_fields

FIELDS = {"kinds": (list, False), "enabled": (bool, False)}
ANAPHORA = re.compile(r"^(det|dette|den|denne|disse|de|her|heller)\b", re.I)
"""A sentence opening like this refers back to the sentence before it."""
ANAPHORA_MAX_WORDS = 16

CONTRAST = re.compile(r"[,;]\s+men\s+", re.IGNORECASE)
"""Where a sentence's lack follows "men", the clause before it states what is in place."""


def surface(terms: TermSet, passage: Passage, found: str) -> str:
    """The words of the passage a cue term matched, for the reader (not the raw regular expression)."""
    for term in terms.terms:
        if term.source == found and term.regex is not None:
            m = term.regex.search(passage.tokens.lower)
            if m:
                return passage.text[m.start():m.end()] if len(passage.text) == len(passage.tokens.lower) else m.group(0)
    return found


@dataclass
class CueKind:
    id: str
    terms: TermSet
    unless: TermSet | None = None
    paragraph: bool = False
    """Does a cue of this kind speak for its whole paragraph? A stated lack usually opens or sums up what
    the paragraph goes on to describe ("Hvordan henvendelserne registreres, er i dag forskelligt fra
    forvaltning til forvaltning. Skolerne noterer i elevsystemet, Familieafdelingen i sit fagsystem ..."):
    the sentences around it describe the lack, not a practice. The facets check reads it (``extra``)."""
    label: dict[str, str] = field(default_factory=dict)
    """What the reader is told the cue is ("en erkendt mangel"), per language."""


def _first_cue(tokens: TokenizedText, kinds: list[CueKind]) -> tuple[CueKind, str] | None:
    """The first kind whose terms the text holds (and not its ``unless``), with the term found."""
    for kind in kinds:
        found = kind.terms.find(tokens)
        if found and not (kind.unless and kind.unless.matches(tokens)):
            return kind, found[0]
    return None


def _own_cue(text: IndexedText, passage: Passage, kinds: list[CueKind]) -> tuple[str, str] | None:
    """(kind, matched words) of the first cue in the passage itself, memoised per passage."""
    key = ("cue", passage.index, tuple(k.id for k in kinds))
    if key in text.memo:
        return text.memo[key]
    first = _first_cue(passage.tokens, kinds)
    result = (first[0].id, surface(first[0].terms, passage, first[1])) if first else None
    text.memo[key] = result
    return result


def _only_after_but(text: IndexedText, passage: Passage, kinds: list[CueKind]) -> TokenizedText | None:
    """The clause after "men" when the sentence's intentions and lacks all stand there: the part before
    it states what is in place ("X registreres, men der er ikke fastsat et målniveau"). Memoised per
    passage, as every element's cue check asks it again."""
    key = ("after_but", passage.index, tuple(k.id for k in kinds))
    if key not in text.memo:
        parts = CONTRAST.split(passage.text, maxsplit=1)
        text.memo[key] = (TokenizedText.of(parts[1])
                          if len(parts) == 2 and _first_cue(TokenizedText.of(parts[0]), kinds) is None else None)
    return text.memo[key]


def cue_of(text: IndexedText, passage: Passage, kinds: list[CueKind]) -> tuple[str, str] | None:
    """The cue governing a passage: its own, that of the sentence it refers back to, or that of the heading
    it stands directly under ("Det, vi endnu mangler", "Udviklingspunkter 2025–2027")."""
    own = _own_cue(text, passage, kinds)
    if own is not None or passage.index == 0:
        return own
    if passage.kind != "heading" and passage.section_id >= 0:
        head = _own_cue(text, text.passages[passage.section_id], kinds)
        if head is not None:
            return head[0], head[1] + " (↑)"
    prev = text.passages[passage.index - 1]
    if prev.block == passage.block and ANAPHORA.match(passage.text) and passage.words <= ANAPHORA_MAX_WORDS:
        inherited = _own_cue(text, prev, kinds)
        if inherited is not None:
            return inherited[0], inherited[1] + " (→)"
    return None


@dataclass
class CuesCheck:
    kinds: list[CueKind]

    def __post_init__(self) -> None:
        self._paragraph = {k.id: k.paragraph for k in self.kinds}

    def check(self, ctx: CheckContext) -> Iterator[Finding]:
        for passage in ctx.scope:
            # the passage's own cue, else one it inherits from its heading or the sentence it refers back to
            own = _own_cue(ctx.text, passage, self.kinds)
            cue = own if own is not None else cue_of(ctx.text, passage, self.kinds)
            if cue is not None:
                ctx.cued.add(passage.index)
                extra = {"paragraph": self._paragraph[cue[0]], "own": own is not None}
                after = _only_after_but(ctx.text, passage, self.kinds) if own is not None else None
                if after is not None:
                    extra["after_but"] = after
                yield Finding("cue", cue[0], passage=passage, term=cue[1], extra=extra)


def compile(config: dict, where: Where, rules: dict) -> CuesCheck | None:
    validate_fields(config, FIELDS, where, "checks.cues")
    if config.get("enabled", True) is False:
        return None
    library = rules["cues"]
    kinds = config.get("kinds", list(library))
    for kind in kinds:
        if kind not in library:
            raise where.error("checks.cues.kinds", f"ukendt cue-type {kind!r} (kendte: {', '.join(library)})")
    return CuesCheck([library[k] for k in kinds])
