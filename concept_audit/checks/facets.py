"""``facets``: what a covered element must show, looked for in the element's passages.

A facet is a named kind of substance shared across elements: who is responsible, a procedure or
routine, a frequency, a partner, a document or agreement, political adoption ... The library of facets
lives at the top of the rule file; an element lists the facets it requires and may define local ones.
Passages that state an intention or a lack (see ``cues``) do not supply facets. A stated lack of a cue kind
that speaks for its paragraph (``paragraph: true``) also takes the facets it names out of the rest of
its paragraph: "Registreringen er ikke ensartet. Skolerne noterer i elevsystemet, Familieafdelingen i sit
fagsystem" describes the lack, not a registration practice. Only prose paragraphs: the rows of a table,
or the items of a list, say each their own thing.

``caps`` names parts the concept asks for by name (the organisation diagram of "Organisering"): where the
plan itself says such a part is missing or still to be made ("Et samlet organisationsdiagram er under
udarbejdelse"), the element is at most weak however well the rest is described, since only part of what
is asked is there. Unlike a required facet, a plan that is silent on the part is not downgraded: a stated
lack is what the rubric reads, not an absence the tool cannot tell from a short description.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from ..danish import TokenizedText
from .base import CheckContext, Finding, Where, validate_fields

FIELDS = {"require": (list, False), "optional": (list, False), "min": (int, False), "local": (dict, False),
          "pool_sites": (bool, False), "caps": (dict, False)}
CAPS_FIELDS = {"facets": (list, True), "cues": (list, True)}
POINTS_BACK = re.compile(r"\b(det|den|dem|dette|denne|disse|heraf|hertil|herfor|opgaven|ansvaret)\b", re.IGNORECASE)
"""Words by which a sentence points back to the one before ("Det er endnu ikke sket", "Ansvaret er ikke
formelt placeret"): only such a sentence takes its subject from its neighbour."""


@dataclass
class Facet:
    id: str
    label: dict[str, str]
    terms: object  # TermSet
    in_headings: bool = False
    """May the facet stand in the headings a passage is under (its own or a parent's)? For *what* a passage
    is about ("Arbejdsgangen nedenfor er godkendt ..." under "Håndtering af bekymringshenvendelser"), the
    heading says it; for who, how or when it does not."""


@dataclass
class FacetsCheck:
    require: list[Facet]
    optional: list[Facet]
    min: int
    """How many of ``require`` a covered element must show (default: all)."""
    pool_sites: bool = False
    """May the required facets come from several places? For an element the template itself splits over
    sections (information to citizens in 3.2.1, to staff in 2.2.2), each place describing its part is
    together the description. Every contributing place must discuss the element substantively itself:
    scattered half-sentences still do not add up, and a part the plan says it lacks ("Over for borgerne er
    vi ikke så langt") is not made up from mentions elsewhere (the verdict reads the ``lacking`` findings)."""
    caps: list[Facet] = field(default_factory=list)
    """Parts whose stated lack or postponement caps the element at weak (the verdict reads the ``capped``
    findings): a passage naming the part with a cue of one of ``capping_cues`` is such a statement."""
    capping_cues: tuple[str, ...] = ()

    def _stated_lacks(self, ctx: CheckContext, facets: list[Facet]) -> list[Finding]:
        """The facets that statements of lack name: what the plan itself says it does not have."""
        out = []
        for f in ctx.findings:
            if f.kind == "cue" and f.extra.get("paragraph") and f.passage is not None:
                out.extend(Finding("lacking", facet.id, passage=f.passage, term=f.term)
                           for facet in facets if facet.terms.find(f.passage.tokens))
        return out

    @staticmethod
    def _in_headings(ctx: CheckContext, facet: Facet, passage) -> list[str]:
        """The facet in the headings the passage stands under, nearest first: "Godkendelse af arbejdsgange"
        under "Håndtering af bekymringer" approves the handling of concerns."""
        found = facet.terms.find(ctx.text.passages[passage.section_id].tokens)
        for heading in reversed(passage.section[:-1]):
            if found:
                break
            key = ("heading-tokens", heading)
            if key not in ctx.text.memo:
                ctx.text.memo[key] = TokenizedText.of(heading)
            found = facet.terms.find(ctx.text.memo[key])
        return found

    @staticmethod
    def _part_named(ctx: CheckContext, facet: Facet, cue: Finding, topic: set[int]) -> list[str]:
        """Where the sentence stating a lack names the part it lacks: in its own words; for a facet read in
        headings, in the heading it stands under (the nearest only: under "Drift af InfoHus", "hvem der har
        ansvaret, er ikke afklaret" speaks of the running); for a stated lack in prose that points back
        ("Driften varetages i praksis af koordinatoren. Ansvaret er ikke formelt placeret."), in the
        sentence before, when that sentence is on the element's subject."""
        passage = cue.passage
        found = facet.terms.find(passage.tokens)
        if found and cue.extra.get("after_but"):
            # "X registreres, men der er ikke fastsat et målniveau": what stands before "men" is in place,
            # and the lack is of what follows it
            found = facet.terms.find(cue.extra["after_but"])
        if not found and facet.in_headings and passage.section_id >= 0:
            found = facet.terms.find(ctx.text.passages[passage.section_id].tokens)
        before = ctx.text.passages[passage.index - 1] if passage.index > 0 else None
        if (not found and cue.label == "lack" and passage.kind == "paragraph" and before is not None
                and before.block == passage.block and before.index in topic and POINTS_BACK.search(passage.text)):
            found = facet.terms.find(before.tokens)
        return found

    def _caps(self, ctx: CheckContext) -> Iterator[Finding]:
        topic = {f.passage.index for f in ctx.findings if f.kind == "topic" and f.passage is not None}
        for f in ctx.findings:
            # the statement of the lack is the sentence's own, not a lack inherited from a heading
            if f.kind == "cue" and f.label in self.capping_cues and f.extra.get("own") and f.passage is not None:
                for facet in self.caps:
                    found = self._part_named(ctx, facet, f, topic)
                    if found:
                        yield Finding("capped", facet.id, passage=f.passage, term=found[0], extra={"cue": f.term})

    def check(self, ctx: CheckContext) -> Iterator[Finding]:
        facets = [*self.require, *self.optional]
        lacks = self._stated_lacks(ctx, facets)
        yield from lacks
        yield from self._caps(ctx)
        denied = {(f.passage.block, f.label) for f in lacks if f.passage.kind == "paragraph"}
        for facet in facets:
            for passage in ctx.scope:
                if passage.index in ctx.cued or passage.kind == "heading" or (passage.block, facet.id) in denied:
                    continue
                found = facet.terms.find(passage.tokens)
                if not found and facet.in_headings and passage.section_id >= 0:
                    found = self._in_headings(ctx, facet, passage)
                if found:
                    yield Finding("facet", facet.id, passage=passage, term=found[0])


def compile(config: dict, where: Where, rules: dict) -> FacetsCheck:
    validate_fields(config, FIELDS, where, "checks.facets")
    from ..ruleset import compile_facet

    local = {}
    for fid, fconf in (config.get("local") or {}).items():
        local[fid] = compile_facet(fid, fconf, where, f"checks.facets.local.{fid}")
    library = {**rules["facets"], **local}

    def resolve(ids: object, field_name: str) -> list[Facet]:
        if not isinstance(ids, list):
            raise where.error(f"checks.facets.{field_name}", "skal være en liste af facet-id'er")
        out = []
        for fid in ids:
            if fid not in library:
                raise where.error(f"checks.facets.{field_name}", f"ukendt facet {fid!r} (kendte: {', '.join(sorted(library))})")
            out.append(library[fid])
        return out

    require, optional = resolve(config.get("require", []), "require"), resolve(config.get("optional", []), "optional")
    caps, capping_cues = [], ()
    if config.get("caps") is not None:
        caps_config = config["caps"]
        validate_fields(caps_config, CAPS_FIELDS, where, "checks.facets.caps")
        caps = resolve(caps_config["facets"], "caps.facets")
        unknown = [c for c in caps_config["cues"] if c not in rules["cues"]]
        if unknown:
            raise where.error("checks.facets.caps.cues",
                              f"ukendt cue-type {unknown[0]!r} (kendte: {', '.join(rules['cues'])})")
        capping_cues = tuple(caps_config["cues"])
    minimum = config.get("min", len(require))
    if not 0 <= minimum <= len(require):
        raise where.error("checks.facets.min", f"skal ligge mellem 0 og {len(require)}")
    return FacetsCheck(require, optional, minimum, bool(config.get("pool_sites", False)), caps,
                       capping_cues)
