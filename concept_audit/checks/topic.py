"""``topic``: the passages where the element's subject is discussed, wherever they stand.

Terms are matched Danish-aware (see :mod:`concept_audit.danish`): compounds and inflections match, short
words match whole words only. Hits in *listing* passages (contents lines, short keyword items, topic
enumerations) are reported but do not establish the topic: naming is not covering.

``combined`` handles subjects no single word names: a list of term groups that must *all* occur in one
passage. "den, der har henvendt sig" is about feedback only together with "orienteres"/"får besked";
"infohus" is about running the infohus only together with "drift"/"sekretariat"/"indkalder". This is
Vale's *conditional* kind: declarative, no code per element.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from ..danish import TermSet, TokenizedText, compile_terms
from .base import CheckContext, Finding, Where, compile_term_set, term_list, validate_fields

FIELDS = {"terms": (list, False), "exclude": (list, False), "strong": (list, False), "combined": (list, False)}


@dataclass
class Combined:
    """Term sets that must all match one passage to make it a topic passage."""

    sets: list[TermSet]
    within_clause: bool = False
    """Must the terms stand in one clause (between commas, semicolons, colons, dashes or sentence ends)?
    For a group of generic words ("varetager", "sekretariat"), a table row naming the infohus in one cell
    and the secretariat a function sits in in another is not about running the infohus."""

    def find(self, passage) -> list[str]:
        hits = []
        for ts in self.sets:
            hit = ts.find(passage.tokens)
            if not hit:
                return []
            hits.append(hit)
        if self.within_clause:
            hits = next((h for h in ([ts.find(c) for ts in self.sets] for c in _clauses(passage)) if all(h)), [])
        return [" + ".join(h[0] for h in hits)] if hits and all(hits) else []


@dataclass
class TopicCheck:
    terms: TermSet
    strong: TermSet
    """Where given, the terms that say the subject itself. The other terms locate a mention, but a word
    that also means something else ("medierne" in a description of distrust of the media) does not anchor
    a description: outside a section named for the element, a site needs a strong term in what it says
    (its topic sentences and their continuation) or in the heading its topic sentences stand under to cover
    it, or to count as a mention at all (see :func:`concept_audit.verdict.tally`)."""
    combined: list[Combined] = field(default_factory=list)
    """Groups of term sets; a passage matching one term of every set in a group is a topic passage."""

    def find(self, passage) -> list[str]:
        found = self.terms.find(passage.tokens) if self.terms else []
        if found:
            return found
        return next((hit for hit in (group.find(passage) for group in self.combined) if hit), [])

    def _candidates(self, ctx: CheckContext) -> list:
        """The passages worth asking: those that can hold a term of the topic (see TermSet.candidates)."""
        sets = [self.terms] if self.terms else []
        sets += [group.sets[0] for group in self.combined]
        indices: set[int] = set()
        for ts in sets:
            indices |= ts.candidates(ctx.text.postings, ctx.text.lowers)
        return [ctx.text.passages[i] for i in sorted(indices)]

    def check(self, ctx: CheckContext) -> Iterator[Finding]:
        for passage in self._candidates(ctx):
            if passage.kind == "heading":
                continue
            found = self.find(passage)
            if found:
                yield Finding("topic", found[0], passage=passage, term=", ".join(found),
                              score=min(1.0, 0.5 + 0.25 * len(found)),
                              extra={"listing": passage.listing})


_CLAUSE = re.compile(r"[,;:]\s+|\s[–—]\s|[()]|[.!?]\s+(?=[A-ZÆØÅ])")


def _clauses(passage) -> list[TokenizedText]:
    return [TokenizedText.of(part) for part in _CLAUSE.split(passage.text) if part.strip()]


COMBINED_FIELDS = {"all": (list, True), "within": (str, False)}


def compile(config: dict, where: Where, rules: dict) -> TopicCheck:
    validate_fields(config, FIELDS, where, "checks.topic")
    terms = compile_term_set(config, where, "checks.topic", required=False)
    strong = compile_term_set(config, where, "checks.topic", terms_field="strong", required=False)
    groups = []
    exclude = term_list(config, "exclude", where, "checks.topic")
    for i, group in enumerate(config.get("combined") or []):
        prefix = f"checks.topic.combined[{i}]"
        within = "sentence"
        if isinstance(group, dict):
            validate_fields(group, COMBINED_FIELDS, where, prefix)
            within = group.get("within", "sentence")
            if within not in ("sentence", "clause"):
                raise where.error(f"{prefix}.within", f"skal være 'sentence' eller 'clause', ikke {within!r}")
            group = group["all"]
        if not isinstance(group, list) or len(group) < 2 or not all(isinstance(g, list) and g for g in group):
            raise where.error(prefix, "skal være en liste af mindst to ikke-tomme term-lister")
        try:
            groups.append(Combined([compile_terms([str(t) for t in g], exclude) for g in group], within == "clause"))
        except ValueError as exc:
            raise where.error(prefix, str(exc)) from None
    if not terms and not groups:
        raise where.error("checks.topic.terms", "må ikke være tom (eller angiv 'combined')")
    return TopicCheck(terms, strong, groups)
