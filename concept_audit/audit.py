"""The single audit loop: document → indexed text → checks per element → verdicts → report.

The engine knows the check kinds and their order, never an element. Per element it runs ``heading`` and
``topic`` to locate the element, derives the *scope* (the passages that discuss it), then runs ``cues``,
``facets`` and ``levels`` in that scope, and hands the findings to the verdict.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from rapidfuzz import fuzz

from .checks import ORDER
from .checks.base import CheckContext, Site
from .checks.heading import strip_number
from .model import Document, Report, SectionVerdict, SourceInfo, Status, summarise
from .normalise import IndexedText, Passage, holds_sentences, index_document, is_enumeration
from .ruleset import Element, RuleSet, load_rules
from .verdict import decide

ENUMERATION_MIN_ELEMENTS = 3
"""A passage that is a run of short phrases (see :func:`~concept_audit.normalise.is_enumeration`) naming
this many elements' topics is an enumeration of topics ("planen omfatter vision, organisering, beredskab,
infohus og evaluering"), not content on any of them."""
ENUMERATION_MANY = 7
"""A single passage touching this many elements' topics is an overview of the plan ("I planen kan du læse
om, hvem der har ansvaret, hvordan vi følger op, ... og hvordan vi informerer borgere og presse"),
whatever its grammar: a sentence that does the work of one element does not name over a quarter of them.
A table row or list item of several sentences is exempt: its cells describe, one sentence at a time."""
SECTION_SCOPE_MAX = 40
"""A matched section brings its sub-sections into scope only up to this many passages; a whole chapter
named like an element (e.g. "Organisering") contributes its own introduction only."""


def _locate(text: IndexedText, element: Element) -> CheckContext:
    ctx = CheckContext(text, element.id)
    for kind in ("heading", "topic"):
        check = element.checks.get(kind)
        if check is not None:
            ctx.findings.extend(check.check(ctx))
    return ctx


def _mark_enumerations(contexts: list[CheckContext]) -> set[int]:
    """Passages whose topic hits span many elements in a list-like sentence."""
    elements_per_passage: dict[int, set[str]] = {}
    passages: dict[int, Passage] = {}
    for ctx in contexts:
        for f in ctx.findings:
            if f.kind == "topic" and f.passage is not None:
                elements_per_passage.setdefault(f.passage.index, set()).add(ctx.element_id)
                passages[f.passage.index] = f.passage
    enumerations = set()
    for index, ids in elements_per_passage.items():
        text = passages[index].text
        if holds_sentences(text):
            continue  # a row or item of several sentences describes; an overview is one sentence
        if len(ids) >= ENUMERATION_MANY or (len(ids) >= ENUMERATION_MIN_ELEMENTS and passages[index].kind != "table"
                                            and is_enumeration(text)):
            enumerations.add(index)
    return enumerations


CONTINUATION = 1
"""How many following sentences of the same paragraph continue a topic sentence (who, how, when)."""
CLUSTER_CONTINUATION = 3
"""Within a cluster (see :class:`~concept_audit.checks.base.Site`), the rest of a topic sentence's
paragraph, up to this many sentences, still speaks of the topic."""
CLUSTER_GAP = 2
"""A topic sentence at most this many passages after a cluster's last passage (same heading) carries the
same discussion on: a paragraph break is not a change of subject."""
TABLE_REFERENCE = re.compile(r"\b(tabellen|skemaet|oversigten|matricen|figuren)\b.*\b(viser|nedenfor|herunder|nedenstående)\b|\b(nedenstående|følgende) (tabel|skema|oversigt)", re.I)
"""A sentence that presents the table after it ("Tabellen viser, hvor ansvaret ligger ...") is continued
by the table's rows, as a sentence ending in a colon is by its list."""
LIST_RUN_MAX = 12
"""A topic sentence ending in a colon introduces the list after it: up to this many items continue it."""


def _continuation(passages: list[Passage], p: Passage, limit: int = CONTINUATION) -> list[Passage]:
    """The passages that continue a topic passage: the next sentence(s) of its paragraph, or the list a
    sentence introduces ("Sådan håndteres en henvendelse:" followed by the steps)."""
    out: list[Passage] = []
    i = p.index + 1
    if p.kind in ("paragraph", "list_item", "footnote"):
        while i < len(passages) and len(out) < limit and passages[i].block == p.block:
            out.append(passages[i])
            i += 1
    last = out[-1] if out else p
    block_done = last.index + 1 >= len(passages) or passages[last.index + 1].block != p.block
    if p.text.rstrip().endswith(":") or (block_done and (last.text.rstrip().endswith(":")
                                                          or TABLE_REFERENCE.search(last.text))):
        j = p.index + 1
        while j < len(passages) and passages[j].block == p.block:
            j += 1
        while j < len(passages) and passages[j].kind in ("list_item", "table") and len(out) < LIST_RUN_MAX:
            out.append(passages[j])
            j += 1
    return [q for q in out if q.kind != "heading" and not q.listing]


def _clusters(passages: list[Passage], topic: list[Passage], enumerations: set[int]) -> list[list[Passage]]:
    """Topic sentences with their continuation; a topic sentence that continues the previous cluster (the
    next sentence of the same paragraph, or an item of the list it introduces) extends it."""
    out: list[list[Passage]] = []
    for p in sorted({q.index: q for q in topic}.values(), key=lambda q: q.index):
        members = [p, *[q for q in _continuation(passages, p, CLUSTER_CONTINUATION) if q.index not in enumerations]]
        if out:
            last = out[-1]
            ids = {q.index for q in last}
            near = p.index - max(ids) <= CLUSTER_GAP and p.section_id == last[-1].section_id
            if p.index in ids or near or (p.block == last[-1].block and p.kind != "table"):
                # the passages between carry the same discussion on: the step between two steps is a step
                gap = [passages[i] for i in range(max(ids) + 1, p.index)
                       if passages[i].kind != "heading" and not passages[i].listing and i not in enumerations]
                last.extend(q for q in [*gap, *members] if q.index not in ids)
                continue
        out.append(members)
    return out


EXACT_NAME = 90
"""rapidfuzz ratio at which a heading is taken to be a name itself ("Samarbejdsaftalen" ~ "samarbejdsaftale")."""


def _is_the_name(heading: str, name: str) -> bool:
    """Does the heading say the name and nothing else (inflection aside)?"""
    title = strip_number(heading).lower()
    return bool(name) and fuzz.ratio(title, name.lower()) >= EXACT_NAME


@dataclass
class _Claim:
    """One element's match of a heading: whether the heading names it alone, and says its name exactly."""

    element_id: str
    specific: bool
    exact: bool


def _heading_claims(contexts: list[CheckContext]) -> dict[int, list[_Claim]]:
    """Per heading, the elements whose heading check matched it (one claim per element)."""
    claims: dict[int, list[_Claim]] = {}
    for ctx in contexts:
        seen = set()
        for f in ctx.findings:
            if f.kind == "heading" and f.section is not None and f.section.heading.index not in seen:
                seen.add(f.section.heading.index)
                claims.setdefault(f.section.heading.index, []).append(
                    _Claim(ctx.element_id, bool(f.extra.get("specific")), _is_the_name(f.section.heading.text, f.label)))
    return claims


def _shared_headings(claims: dict[int, list[_Claim]]) -> dict[str, set[int]]:
    """Per element, the headings it shares with another element ("Infohus" names its organisation and its
    operation): such a heading says what the section is broadly about, not that it treats any one of them.
    An element whose names account for every word of the heading does not share it with one that matched
    a part ("Opfølgning på målsætninger og indsatser" is follow-up, though "målsætninger" names the vision)."""
    shared: dict[str, set[int]] = {}
    for index, claimants in claims.items():
        if len(claimants) < 2:
            continue
        specific = [c.element_id for c in claimants if c.specific]
        exact = [c.element_id for c in claimants if c.exact]
        if len(exact) == 1:
            # the heading is one element's name word for word ("Samarbejdsaftale"); another element's
            # name found in it as part of a compound ("samarbejde") does not make it shared
            specific = exact
        for c in claimants:
            if not (c.specific and len(specific) == 1):
                shared.setdefault(c.element_id, set()).add(index)
    return shared


def _owned_headings(claims: dict[int, list[_Claim]]) -> dict[int, str]:
    """Headings that name one element specifically ("Pressehåndtering" is press handling): the element
    whose section it is."""
    owned = {}
    for index, claimants in claims.items():
        specific = [c.element_id for c in claimants if c.specific]
        if len(specific) == 1:
            owned[index] = specific[0]
    return owned


def _scope(ctx: CheckContext, enumerations: set[int], shared: set[int] = frozenset(),
           owned: dict[int, str] | None = None) -> None:
    """Split the element's passages into sites: matched sections, and topic passages grouped by heading."""
    passages = ctx.text.passages
    topic = [f.passage for f in ctx.findings
             if f.kind == "topic" and f.passage is not None and not f.passage.listing
             and f.passage.index not in enumerations]
    ctx.topic = topic
    sites: dict[int, Site] = {}
    ranges: list[tuple[int, int, Site]] = []
    for f in ctx.findings:
        if f.kind != "heading" or f.section is None:
            continue
        section = f.section
        ctx.sections.append(section)
        end = section.end if section.end - section.start <= SECTION_SCOPE_MAX else section.own_end
        site = Site(section.heading.index, section=section, specific=bool(f.extra.get("specific")),
                    shared=section.heading.index in shared,
                    passages=[p for p in passages[section.start:end] if p.index not in enumerations])
        sites[section.heading.index] = site
        ranges.append((section.start, end, site))
    ranges.sort(key=lambda r: r[1] - r[0])  # a topic passage belongs to the innermost named section
    for p in topic:
        home = next((site for start, end, site in ranges if start <= p.index < end), None)
        if home is None:
            owner = (owned or {}).get(p.section_id)
            home = sites.setdefault(p.section_id, Site(p.section_id, foreign=owner not in (None, ctx.element_id)))
        home.topic.append(p)
        if home.section is None:
            home.passages.extend([p, *_continuation(passages, p, CLUSTER_CONTINUATION)])
    chosen: dict[int, Passage] = {}
    for site in sites.values():
        site.clusters = _clusters(passages, site.topic, enumerations)
        unique = {p.index: p for p in site.passages}
        site.passages = [unique[i] for i in sorted(unique)]
        chosen.update(unique)
    ctx.sites = sorted(sites.values(), key=lambda s: s.passages[0].index if s.passages else s.key)
    ctx.scope = [chosen[i] for i in sorted(chosen)]


def evaluate_elements(text: IndexedText, rules: RuleSet) -> list[CheckContext]:
    contexts = [_locate(text, element) for element in rules.elements]
    enumerations = _mark_enumerations(contexts)
    claims = _heading_claims(contexts)
    shared = _shared_headings(claims)
    owned = _owned_headings(claims)
    for ctx, element in zip(contexts, rules.elements):
        _scope(ctx, enumerations, shared.get(ctx.element_id, set()), owned)
        for kind in ORDER:
            if kind in ("heading", "topic"):
                continue
            check = element.checks.get(kind)
            if check is not None:
                ctx.findings.extend(check.check(ctx))
    return contexts


def _section_status(statuses: list[Status]) -> Status:
    if statuses and all(s == "covered" for s in statuses):
        return "covered"
    if not statuses or all(s == "missing" for s in statuses):
        return "missing"
    return "weak"


def _heading_present(text: IndexedText, title: str) -> bool:
    """For template sections that carry no element (1.1, 1.3.3, annexes): does the plan have one?"""
    title = strip_number(title).lower()
    for section in text.sections:
        heading = strip_number(section.heading.text).lower()
        if fuzz.token_set_ratio(title, heading) >= 80 and section.end > section.start:
            return True
    return False


def audit(path_or_document: str | Path | Document, rules: RuleSet | str | Path | None = None,
          lang: str = "da") -> Report:
    """Audit one plan against a rule set (the bundled national concept by default)."""
    if isinstance(path_or_document, Document):
        doc = path_or_document
    else:
        from .extract import load_document

        doc = load_document(path_or_document)
    ruleset = rules if isinstance(rules, RuleSet) else load_rules(rules)
    text = index_document(doc)
    contexts = evaluate_elements(text, ruleset)
    verdicts = [decide(ctx, element, ruleset, lang) for ctx, element in zip(contexts, ruleset.elements)]
    by_id = {v.id: v.status for v in verdicts}
    sections = []
    for section in ruleset.sections:
        if section.elements:
            status = _section_status([by_id[e] for e in section.elements])
        else:
            status = "covered" if _heading_present(text, section.title) else "missing"
        sections.append(SectionVerdict(section.id, section.title, status, list(section.elements)))
    source = SourceInfo(doc.source, doc.format, doc.pages, doc.sha256, doc.title, doc.date)
    return Report(source, {"name": ruleset.name, "version": ruleset.version, "title": ruleset.title},
                  verdicts, sections, summarise(verdicts), lang=lang)
