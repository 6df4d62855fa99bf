"""``topic``: the passages where the element's subject is discussed, wherever they stand.

Terms are matched Danish-aware (see :mod:`concept_audit.danish`): compounds and inflections match, short
words match whole words only. Hits in *listing* passages (contents lines, short keyword items, topic
enumerations) are reported but do not establish the topic: naming is not covering.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from ..danish import TermSet
from .base import CheckContext, Finding, Where, compile_term_set, validate_fields

FIELDS = {"terms": (list, True), "exclude": (list, False), "strong": (list, False)}


@dataclass
class TopicCheck:
    terms: TermSet
    strong: TermSet
    """Terms specific enough that one hit in a heading-less passage is enough to locate the topic."""

    def check(self, ctx: CheckContext) -> Iterator[Finding]:
        for passage in ctx.text.passages:
            if passage.kind == "heading":
                continue
            found = self.terms.find(passage.tokens)
            if found:
                yield Finding("topic", found[0], passage=passage, term=", ".join(found),
                              score=min(1.0, 0.5 + 0.25 * len(found)),
                              extra={"listing": passage.listing, "strong": bool(self.strong.find(passage.tokens))})


def compile(config: dict, where: Where, rules: dict) -> TopicCheck:
    validate_fields(config, FIELDS, where, "checks.topic")
    terms = compile_term_set(config, where, "checks.topic")
    strong = compile_term_set(config, where, "checks.topic", terms_field="strong", required=False)
    return TopicCheck(terms, strong)
