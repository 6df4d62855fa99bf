"""``levels``: a structure check: items on each of several levels, each with required fields.

The concept asks for interventions on all three prevention levels (opbyggende, foregribende,
indgribende), each described with at least content, purpose, responsible and partners. A level's
passages are those of a section whose heading names the level, table rows that name it, and the rest of
a paragraph or list that opens with it. A passage naming two or more levels is a description of the
model ("forebyggelsestrekanten har tre niveauer ..."), not an intervention, and is skipped.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from ..danish import TermSet
from ..normalise import Passage
from .base import CheckContext, Finding, Where, compile_term_set, labels, validate_fields

FIELDS = {"levels": (dict, True), "fields": (list, True), "lacking": (list, False)}
CAPTION_MAX_WORDS = 8
"""A paragraph this short naming a level, right before a table or list, is its caption."""
LEVEL_FIELDS = {"label": ((str, dict), True), "terms": (list, True), "exclude": (list, False)}


@dataclass
class Level:
    id: str
    label: dict[str, str]
    terms: TermSet


@dataclass
class LevelsCheck:
    levels: list[Level]
    fields: list  # list[Facet]
    lacking: TermSet | None = None
    """What a stated lack in a sentence naming one level must say to speak of that level's interventions
    themselves (none, not described, not started), not of something else in the sentence (how they report).
    Such a sentence keeps the level from being complete, whatever other passages of the level hold."""

    def _names_levels(self, ctx: CheckContext) -> dict[int, int]:
        """How many levels each passage names (computed once per check, not once per level)."""
        return {p.index: sum(1 for lv in self.levels if lv.terms.matches(p.tokens)) for p in ctx.text.passages}

    def _best_unit(self, passages: list[Passage]) -> tuple[list[str], list[Passage]]:
        """The fields of the most complete intervention description among a level's passages.

        The rubric asks for interventions *each* described with content, purpose, responsible and
        partners: the fields must stand together in one description (the innermost section, or the
        paragraph, list item or table it is told in), not be gathered from every sentence in the plan that
        names the level."""
        units: dict[tuple[str, int], list[Passage]] = {}
        for p in passages:
            key = ("section", p.section_id) if p.kind != "table" and p.section_id >= 0 else ("block", p.block)
            units.setdefault(key, []).append(p)
        best: tuple[list[str], list[Passage]] = ([], [])
        for unit in units.values():
            found, evidence = [], []
            for facet in self.fields:
                hit = next((p for p in unit if facet.terms.matches(p.tokens)), None)
                if hit is not None:
                    found.append(facet.id)
                    evidence.append(hit)
            if len(found) > len(best[0]):
                best = (found, evidence)
        return best

    def _level_passages(self, ctx: CheckContext, level: Level, names_levels: dict[int, int]) -> list[Passage]:
        text = ctx.text
        chosen: dict[int, Passage] = {}
        for section in text.sections:
            heading = section.heading
            if heading.listing or names_levels[heading.index] != 1 or not level.terms.matches(heading.tokens):
                continue
            for p in text.passages[section.start:section.end]:
                chosen[p.index] = p
        for p in text.passages:
            if p.listing or p.kind == "heading" or names_levels[p.index] != 1 or not level.terms.matches(p.tokens):
                continue
            chosen[p.index] = p
            # the rest of the block (a paragraph or list item that opens with the level)
            last = p
            for q in text.passages[p.index + 1:]:
                if q.block != p.block or names_levels[q.index] > 0:
                    break
                chosen[q.index] = last = q
            # a list item naming the level is one field of the list describing the intervention
            # ("Indhold: ...", "Formål: at stoppe en begyndende radikalisering", "Ansvarlig: ..."): the
            # whole run of items is the description, as long as no other item names a level
            if p.kind == "list_item":
                for step in (-1, 1):
                    i = p.index + step
                    while 0 <= i < len(text.passages):
                        q = text.passages[i]
                        if q.kind != "list_item" or names_levels[q.index] > 0 or q.section_id != p.section_id:
                            break
                        chosen[q.index] = q
                        i += step
            # a caption or lead-in ("Tabel 9. Opbyggende indsatser", "Opbyggende indsatser:") names the table
            # or list that follows it
            if p.kind == "paragraph" and (p.text.rstrip().endswith(":") or p.words <= CAPTION_MAX_WORDS):
                following = text.passages[last.index + 1:]
                kind = following[0].kind if following else None
                if kind in ("table", "list_item"):
                    for q in following:
                        if q.kind != kind or names_levels[q.index] > 1 or (kind == "table" and q.block != following[0].block):
                            break
                        chosen[q.index] = q
        return [chosen[i] for i in sorted(chosen)]

    def check(self, ctx: CheckContext) -> Iterator[Finding]:
        names_levels = self._names_levels(ctx)
        # sentences that themselves state a lack: one naming a level says the plan lacks that level's
        # interventions ("kommunen har ingen indgribende indsatser af egen", "de indgribende indsatser er
        # ikke beskrevet"), whatever other rows of that level hold
        lacks = {f.passage.index: f.term for f in ctx.findings
                 if f.kind == "cue" and f.label == "lack" and f.extra.get("own") and f.passage is not None}
        for level in self.levels:
            named = self._level_passages(ctx, level, names_levels)
            stated = None if self.lacking is None else next(
                (p for p in named if p.index in lacks and names_levels[p.index] == 1
                 and level.terms.matches(p.tokens) and self.lacking.matches(p.tokens)), None)
            passages = [p for p in named if p.index not in ctx.cued]
            found, evidence = self._best_unit(passages)
            missing = [f.id for f in self.fields if f.id not in found]
            best = max(passages, key=lambda p: p.words, default=None) if passages else None
            extra = {"label": level.label, "fields": found, "missing": missing, "passages": len(passages),
                     "evidence": evidence}
            if stated is not None:
                extra["stated_lack"] = {"quote": stated, "cue": lacks[stated.index]}
            yield Finding("level", level.id, passage=best, score=len(found) / max(1, len(self.fields)), extra=extra)


def compile(config: dict, where: Where, rules: dict) -> LevelsCheck:
    validate_fields(config, FIELDS, where, "checks.levels")
    levels = []
    for lid, lconf in config["levels"].items():
        prefix = f"checks.levels.levels.{lid}"
        validate_fields(lconf, LEVEL_FIELDS, where, prefix)
        levels.append(Level(lid, labels(lconf["label"], where, f"{prefix}.label"),
                            compile_term_set(lconf, where, prefix)))
    if len(levels) < 2:
        raise where.error("checks.levels.levels", "skal have mindst to niveauer")
    fields = []
    for fid in config["fields"]:
        if fid not in rules["facets"]:
            raise where.error("checks.levels.fields", f"ukendt facet {fid!r}")
        fields.append(rules["facets"][fid])
    lacking = (compile_term_set(config, where, "checks.levels", terms_field="lacking")
               if config.get("lacking") else None)
    return LevelsCheck(levels, fields, lacking)
