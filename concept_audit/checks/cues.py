"""``cues``: statements of intent or lack that take the substance out of a passage.

"Der vil blive udarbejdet en procedure" and "kommunen har endnu ikke en fast procedure" both name a
procedure and both say there is none. A passage with such a cue counts as a mention (weak), never as
substance; the verdict reports the cue so the reader sees why.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from ..danish import TermSet
from .base import CheckContext, Finding, Where, validate_fields

FIELDS = {"kinds": (list, False), "enabled": (bool, False)}


@dataclass
class CuesCheck:
    library: dict[str, TermSet]

    def check(self, ctx: CheckContext) -> Iterator[Finding]:
        for passage in ctx.scope:
            for kind, terms in self.library.items():
                found = terms.find(passage.tokens)
                if found:
                    ctx.cued.add(passage.index)
                    yield Finding("cue", kind, passage=passage, term=found[0])
                    break


def compile(config: dict, where: Where, rules: dict) -> CuesCheck | None:
    validate_fields(config, FIELDS, where, "checks.cues")
    if config.get("enabled", True) is False:
        return None
    library = rules["cues"]
    kinds = config.get("kinds", list(library))
    for kind in kinds:
        if kind not in library:
            raise where.error("checks.cues.kinds", f"ukendt cue-type {kind!r} (kendte: {', '.join(library)})")
    return CuesCheck({k: library[k].terms for k in kinds})
