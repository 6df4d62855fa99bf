"""Findings → verdict: covered / weak / missing, a score, evidence, and a reason a reader can check.

The rubric (ELEMENTS.md) in code. An element is judged *site by site* (see
:class:`~concept_audit.checks.base.Site`): a site is a section named like the element, or the topic
sentences under one heading with the sentences that continue them.

* **covered** – at least one site with substance: ``min_passages`` passages that state no intention or
  lack, showing the required facets (who, how, when ...), and whose topic sentences are not mostly
  intentions or lacks. Facets are never pooled across sites: three scattered half-sentences are not a
  description. Within a site, only a section whose heading names this element alone vouches for all of
  its content; anywhere else (a topic sentence under another heading, or a section whose heading also
  names other elements, such as "Infohus") the facets must stand in one *cluster*: topic sentences close
  together and the sentences of their paragraph that continue them. A generic "koordinatoren står for
  ..." two paragraphs away from a passing mention is about something else. (In a section whose heading
  names the element among others, the clusters under one heading of it add up: each is on the topic.)
* **weak** – the element is discussed somewhere, but no site is substantial: a passing mention (one
  topic sentence outside a listing is enough), an intention ("vil blive udarbejdet"), a stated lack
  ("endnu ikke"), or only part of what is asked. Topic terms must therefore state the subject, not
  merely name an actor or a word that also means something else.
* **missing** – no site at all: nothing, or only the element's name in a contents list, a keyword list,
  an enumeration of topics or a bare heading.

An intention or lack downgrades the passages it stands in (they supply no facets), and a site whose
topic sentences are mostly such statements; it never downgrades another site that describes the element
substantively.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .checks.base import CheckContext, Finding, Site
from .danish import TermSet
from .i18n import t
from .model import ElementVerdict, Evidence, Status
from .normalise import Passage
from .ruleset import Element, RuleSet

QUOTE_MAX = 300


@dataclass
class SiteTally:
    """One site as the verdict sees it."""

    site: Site
    substance: list[Passage]
    """Passages that carry content: not a heading, not a listing, no intention or lack."""
    facets: dict[str, list[Passage]]
    cued_topic: list[Passage]
    """Topic sentences that state an intention or a lack."""
    discussed: int
    """Topic sentences, or for a named section its content passages, that are not listings."""
    found_required: list[str] = field(default_factory=list)
    core: list[Passage] = field(default_factory=list)
    """The passages whose facets count: the whole of a section named for the element, else one cluster."""
    covering: bool = False
    anchored: bool = True
    """The site holds a strong topic term, where the element defines such terms (see TopicCheck.strong)."""
    why_not: str = ""  # "intent" | "facets" | "brief" | "heading" | "unanchored" (no strong topic term)


@dataclass
class Tally:
    """The counted findings of one element."""

    sites: list[SiteTally]
    topic: list[Passage]
    listing_mentions: list[Passage]
    headings: list[Finding]
    cued: list[Finding]
    levels: list[Finding]
    substance: list[Passage]


def _facets_by_passage(ctx: CheckContext) -> dict[int, list[str]]:
    out: dict[int, list[str]] = {}
    for f in ctx.findings:
        if f.kind == "facet" and f.passage is not None:
            out.setdefault(f.passage.index, []).append(f.label)
    return out


def _cue_share(site: Site, cued: set[int]) -> float:
    """The share of a site's discussion that states an intention or a lack: of its topic sentences, or,
    for a named section whose topic sentences all stand in its sub-sections, of its content passages."""
    base = site.topic or [p for p in site.passages if p.kind != "heading" and not p.listing]
    return sum(1 for p in base if p.index in cued) / len(base) if base else 0.0


def _richest(candidates: list[list[Passage]], facet_ids: dict[int, list[str]], required: list[str]) -> list[Passage]:
    """The run of passages showing the most required facets (then the longest): the site's core."""
    return max(candidates, default=[],
               key=lambda c: (len({fid for p in c for fid in facet_ids.get(p.index, []) if fid in required}), len(c)))


def tally(ctx: CheckContext, element: Element) -> Tally:
    facet_ids = _facets_by_passage(ctx)
    facets_check = element.checks.get("facets")
    required = [f.id for f in facets_check.require] if facets_check else []
    needed = facets_check.min if facets_check else 0
    params = element.verdict
    topic_check = element.checks.get("topic")
    # the terms that say the subject itself, where the element defines such terms (see TopicCheck.strong)
    strong = topic_check.strong if topic_check is not None and topic_check.strong else None
    sites = []
    for site in ctx.sites:
        substance = [p for p in site.passages if p.index not in ctx.cued and not p.listing and p.kind != "heading"]
        facets: dict[str, list[Passage]] = {}
        for p in substance:
            for fid in facet_ids.get(p.index, []):
                facets.setdefault(fid, []).append(p)
        cued_topic = [p for p in site.topic if p.index in ctx.cued]
        discussed = len(site.topic) if site.topic else len(substance)
        st = SiteTally(site, substance, facets, cued_topic, discussed)
        if site.section is not None and not site.shared:
            # a section whose heading names this element (and no other): its content is about it, so
            # facets anywhere in it count
            core = substance
        elif site.section is not None:
            # a section whose heading names this element among others: the runs of topic sentences under one
            # heading of it discuss the element together, so their facets add up (not across its sub-sections,
            # and not what stands outside the runs)
            groups: dict[int, set[int]] = {}
            for cluster in site.clusters:
                groups.setdefault(cluster[0].section_id, set()).update(p.index for p in cluster)
            core = _richest([[p for p in substance if p.index in ids] for ids in groups.values()],
                            facet_ids, required)
        else:
            # elsewhere the substance must stand where the topic is: in one cluster of topic sentences and
            # their continuation, never pooled from mentions scattered under a heading
            core = _richest([[p for p in cluster if p in substance] for cluster in site.clusters],
                            facet_ids, required)
        core_facets = {fid for p in core for fid in facet_ids.get(p.index, [])}
        st.core = core
        st.found_required = [fid for fid in required if fid in core_facets]
        st.anchored = strong is None or site.section is not None or _anchored(site, strong, ctx.text.passages)
        if not site.topic and not site.specific:
            st.why_not = "heading"
        elif _cue_share(site, ctx.cued) > params.cue_share_max:
            st.why_not = "intent"
        elif len(core) < params.min_passages:
            st.why_not = "brief"
        elif not st.anchored:
            st.why_not = "unanchored"
        elif len(st.found_required) < needed:
            st.why_not = "facets"
        else:
            st.covering = True
        sites.append(st)
    if facets_check and facets_check.pool_sites and not any(st.covering for st in sites):
        # a part the plan says it lacks is not made up from mentions elsewhere
        stated = {f.label for f in ctx.findings if f.kind == "lacking"}
        _pool(sites, required, needed, params.min_passages, facet_ids, stated)
    substance = sorted({p.index: p for s in sites for p in s.substance}.values(), key=lambda p: p.index)
    return Tally(
        sites=sites,
        topic=ctx.topic,
        listing_mentions=[f.passage for f in ctx.findings if f.kind == "topic" and f.extra.get("listing")],
        headings=[f for f in ctx.findings if f.kind == "heading"],
        cued=[f for f in ctx.findings if f.kind == "cue"],
        levels=[f for f in ctx.findings if f.kind == "level"],
        substance=substance,
    )


def _anchored(site: Site, strong: TermSet, passages: list[Passage]) -> bool:
    """Whether a site speaks of the subject itself (see ``TopicCheck.strong``): a strong term in what it
    says, topic sentences and their continuation, or in the heading its topic sentences stand under
    ("Proceduren i afsnit 5 følges" under "Når en medarbejder er bekymret")."""
    headings = {p.section_id for p in site.topic if p.section_id >= 0}
    return any(strong.find(p.tokens) for p in [*site.passages, *(passages[i] for i in sorted(headings))])


def _pool(sites: list[SiteTally], required: list[str], needed: int, min_passages: int,
          facet_ids: dict[int, list[str]], stated_lacking: set[str] = frozenset()) -> None:
    """Join the places that each describe part of the element (see ``FacetsCheck.pool_sites``): only
    places that discuss it with substance of their own, not intentions, lacks or a bare heading, and
    never for a facet the plan states it lacks."""
    parts = [st for st in sites if st.why_not == "facets" and st.found_required and not st.site.foreign]
    found = {fid for st in parts for fid in st.found_required if fid not in stated_lacking}
    if len({fid for fid in required if fid in found}) < needed or sum(len(st.core) for st in parts) < min_passages:
        return
    anchor = max(parts, key=lambda st: (len(st.found_required), len(st.core)))
    for st in parts:
        if st is not anchor:
            anchor.substance.extend(p for p in st.core if p not in anchor.substance)
            for p in st.core:
                for fid in facet_ids.get(p.index, []):
                    anchor.facets.setdefault(fid, []).append(p)
    anchor.found_required = [fid for fid in required if fid in found]
    anchor.covering, anchor.why_not = True, ""


def quote(passage: Passage) -> Evidence:
    text = passage.text.replace("\n", " ").strip()
    if len(text) > QUOTE_MAX:
        text = text[: QUOTE_MAX - 1].rsplit(" ", 1)[0] + "…"
    return Evidence(text, passage.page, list(passage.section), passage.block, passage.paragraph)


def where(passage: Passage, lang: str) -> str:
    parts = []
    if passage.kind == "heading":
        parts.append(f"«{passage.text}»")
    elif passage.section:
        parts.append(f"«{passage.section[-1]}»")
    if passage.page is not None:
        parts.append(f"{t('s.', 'p.', lang)} {passage.page}")
    return ", ".join(parts) or t("planens start", "the start of the plan", lang)


def _anchor(site: Site) -> Passage:
    """Where to point the reader for a site: its first topic sentence, else its first passage, else its
    heading (a chapter named for the element whose own text was all set aside as enumerations)."""
    if site.topic:
        return site.topic[0]
    return site.passages[0] if site.passages else site.section.heading


def _rank(st: SiteTally) -> tuple:
    """Which site best represents the element: covering first, then most required facets, then size."""
    return (st.covering, len(st.found_required), st.discussed > 0 and st.why_not != "heading", len(st.substance))


def _pick_evidence(best: SiteTally | None, tl: Tally, limit: int = 3) -> list[Passage]:
    """Quotes from the best site: the passages with most facets and topic first, then cued mentions."""
    chosen: list[Passage] = []
    if best is not None:
        count: dict[int, int] = {}
        for passages in best.facets.values():
            for p in passages:
                count[p.index] = count.get(p.index, 0) + 1
        topic_ids = {p.index for p in best.site.topic}
        ranked = sorted(best.substance, key=lambda p: (-(count.get(p.index, 0) + 2 * (p.index in topic_ids)), p.index))
        chosen = [p for p in ranked if count.get(p.index, 0) or p.index in topic_ids][:limit]
        for p in best.cued_topic:
            if len(chosen) < limit and p not in chosen:
                chosen.append(p)
    for p in [*tl.topic, *tl.listing_mentions]:
        if len(chosen) >= limit:
            break
        if p not in chosen:
            chosen.append(p)
    return sorted(chosen, key=lambda p: p.index)


def _cue_label(f: Finding, rules: RuleSet, lang: str) -> str:
    cue = rules.cues.get(f.label)
    return cue.label.get(lang, cue.label["da"]) if cue else f.label


def decide(ctx: CheckContext, element: Element, rules: RuleSet, lang: str = "da") -> ElementVerdict:
    tl = tally(ctx, element)
    facets_check = element.checks.get("facets")
    required = facets_check.require if facets_check else []
    name = element.name if lang != "en" or not element.name_en else element.name_en
    # a site is a discussion of the element if it is a section named for it or holds a topic sentence that
    # is not a listing: the rubric makes one passing mention weak, and only names in lists missing
    # Where the element's terms are ambiguous (TopicCheck.strong), a site holding none of its strong terms
    # does not discuss it: "medierne lyver" describes a milieu's distrust, not the plan's press handling.
    discussed = [s for s in tl.sites if (s.site.specific or s.site.topic) and s.anchored]
    best = max(tl.sites, key=_rank, default=None)
    details: dict = {"sites": len(tl.sites), "passages": len({p.index for p in ctx.scope}),
                     "substance": len(tl.substance)}
    cue_of = {f.passage.index: f for f in tl.cued if f.passage is not None}

    named = [*required, *(facets_check.caps if facets_check else [])]

    def flabel(fid: str) -> str:
        facet = next((f for f in named if f.id == fid), None) or rules.facets.get(fid)
        return facet.label.get(lang, facet.label["da"]) if facet else fid

    found_ids = list(best.found_required) if best else []
    if best:
        found_ids += [fid for fid in best.facets if fid not in found_ids]
    found = [flabel(fid) for fid in found_ids]
    lacking = [flabel(f.id) for f in required if not best or f.id not in best.facets]

    # a part the concept names that the plan says it lacks or has still to make (see FacetsCheck.caps)
    capped = next((f for f in ctx.findings if f.kind == "capped"), None)
    if capped is not None and flabel(capped.label) not in lacking:  # a cap may name a required part again
        lacking.append(flabel(capped.label))
    status: Status
    if "levels" in element.checks:
        status, score, reason, found, lacking, lvl_details = _decide_levels(tl, len(tl.topic), rules, lang)
        details["levels"] = lvl_details
    elif best is not None and best.covering and capped is None:
        status = "covered"
        n = len(best.substance)
        score = 0.7 + 0.3 * min(1.0, n / (element.verdict.min_passages * 3))
        what = ", ".join(found[:4]) or t("konkret indhold", "concrete content", lang)
        anchor = best.site.topic[0] if best.site.topic else best.substance[0]
        reason = t(f"Beskrevet konkret ({what}), {where(anchor, lang)}.",
                   f"Described concretely ({what}), {where(anchor, lang)}.", lang)
    elif discussed:
        status = "weak"
        share = len(best.found_required) / len(required) if required and best else 1.0
        score = 0.25 + 0.35 * share * (0.5 if best and best.why_not == "intent" else 1.0)
        cued = best.cued_topic if best else []
        if capped is not None and best and best.covering:  # described, but a named part is stated missing
            reason = t(f"Beskrevet, men planen oplyser selv, at {flabel(capped.label)} mangler («{capped.extra['cue']}», "
                       f"{where(capped.passage, lang)})",
                       f"Described, but the plan itself says {flabel(capped.label)} is lacking («{capped.extra['cue']}», "
                       f"{where(capped.passage, lang)})", lang)
        elif best and best.why_not == "intent" and cued and cued[0].index in cue_of:
            f = cue_of[cued[0].index]
            reason = t(f"Omtalt som {_cue_label(f, rules, lang)} («{f.term}»), ikke som fast praksis",
                       f"Mentioned as {_cue_label(f, rules, lang)} («{f.term}»), not as established practice", lang)
        elif best and best.why_not == "brief":
            reason = t("Kun kort omtalt", "Only mentioned briefly", lang)
        elif best and best.why_not == "heading":
            reason = t("Kun berørt under en overskrift om emnet", "Only touched on under a heading on the subject", lang)
        else:
            reason = t("Omtalt, men ikke konkret beskrevet", "Mentioned, but not described concretely", lang)
        if best and not best.covering:
            reason += f" ({where(_anchor(best.site), lang)})"
        reason += t(f"; mangler: {', '.join(lacking)}." if lacking else ".",
                    f"; lacking: {', '.join(lacking)}." if lacking else ".", lang)
    else:
        status, score = "missing", 0.1 if (tl.listing_mentions or tl.headings) else 0.0
        if tl.listing_mentions:
            reason = t(f"Kun nævnt i en oversigt eller opremsning ({where(tl.listing_mentions[0], lang)}), uden indhold.",
                       f"Only named in an overview or enumeration ({where(tl.listing_mentions[0], lang)}), with no content.", lang)
        elif tl.headings:
            reason = t("Kun en overskrift uden indhold om emnet.", "Only a heading with no content on the subject.", lang)
        else:
            reason = t(f"Planen beskriver ikke {name.lower()}.", f"The plan does not address {name.lower()}.", lang)
        found = []
    if "levels" in element.checks:
        evidence_passages = [p for f in tl.levels for p in f.extra.get("evidence", [])[:1]][:3]
        evidence = [quote(p) for p in sorted({p.index: p for p in evidence_passages}.values(), key=lambda p: p.index)]
        if not evidence and status != "missing":
            evidence = [quote(p) for p in _pick_evidence(None, tl)]
    elif status != "missing" or tl.listing_mentions:
        passages = _pick_evidence(best if status != "missing" else None, tl)
        if capped is not None and status == "weak" and capped.passage not in passages:
            # the reader must see the sentence that stated the lack, beside the description it caps
            passages = sorted([*passages[:2], capped.passage], key=lambda p: p.index)
        evidence = [quote(p) for p in passages]
    else:
        evidence = []
    if tl.cued:
        details["cues"] = [{"kind": f.label, "term": f.term, "block": f.passage.block if f.passage else None}
                           for f in tl.cued[:5]]
    return ElementVerdict(
        id=element.id, chapter=element.chapter, level=element.level, name=name, status=status,
        score=round(score, 3), reason=reason, evidence=evidence, found=found, lacking=lacking,
        template_sections=list(element.template_sections),
        asks=element.asks_en if lang == "en" and element.asks_en else element.asks,
        help_questions=rules.help_questions(element) if status != "covered" else [],
        details=details,
    )


def _decide_levels(tl: Tally, n_discussed: int, rules: RuleSet, lang: str):
    """Interventions: covered only when every level has interventions with every required field."""
    found, lacking, details = [], [], {}
    complete = present = 0

    def field_label(fid: str) -> str:
        return rules.facets[fid].label.get(lang, rules.facets[fid].label["da"])

    for f in tl.levels:
        lbl = f.extra["label"].get(lang, f.extra["label"]["da"])
        details[f.label] = {"passages": f.extra["passages"], "fields": f.extra["fields"], "missing": f.extra["missing"]}
        stated = f.extra.get("stated_lack")
        if stated is not None:
            # the plan says it lacks this level's interventions: what else names the level does not make it up
            details[f.label]["stated_lack"] = stated["quote"].text
            if f.extra["passages"]:
                present += 1
                found.append(f"{lbl} ({t('delvist', 'partly', lang)})")
            lacking.append(t(f"{lbl} indsatser (planen oplyser selv en mangel: «{stated['cue']}»)",
                             f"{lbl} interventions (the plan itself states a lack: «{stated['cue']}»)", lang))
        elif f.extra["passages"]:
            present += 1
            if not f.extra["missing"]:
                complete += 1
                found.append(lbl)
            else:
                found.append(f"{lbl} ({t('delvist', 'partly', lang)})")
                lacking.append(f"{lbl}: " + ", ".join(field_label(m) for m in f.extra["missing"]))
        else:
            lacking.append(t(f"{lbl} indsatser", f"{lbl} interventions", lang))
    n = len(tl.levels)
    if n and complete == n:
        return "covered", 0.7 + 0.3 * complete / n, t(
            "Indsatser på alle niveauer, hver med de krævede oplysninger.",
            "Interventions on every level, each with the required details.", lang), found, lacking, details
    if present or n_discussed:
        score = 0.25 + 0.35 * (present / max(1, n))
        levels_txt = ", ".join(found) if found else t("ingen niveauer tydeligt beskrevet", "no level clearly described", lang)
        return "weak", score, t(f"Indsatser fundet: {levels_txt}; mangler: {'; '.join(lacking)}.",
                                f"Interventions found: {levels_txt}; lacking: {'; '.join(lacking)}.", lang), found, lacking, details
    return "missing", 0.0, t("Planen beskriver ingen indsatser.", "The plan describes no interventions.", lang), found, lacking, details
