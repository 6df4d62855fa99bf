"""Findings → verdict: covered / weak / missing, a score, evidence, and a reason a reader can check.

The rubric (ELEMENTS.md) in code:

* **missing** – no passage of substance on the element: nothing at all, or only its name in a contents
  list, keyword list or bare heading.
* **weak** – the element is discussed, but only in passing, as an intention or a stated lack, or without
  what a covered element must show (its required facets).
* **covered** – enough passages of substance (``min_passages``) that show every required facet, and not
  dominated by intent/lack cues. For a ``levels`` element: every level with every field.
"""

from __future__ import annotations

from dataclasses import dataclass

from .checks.base import CheckContext, Finding
from .i18n import t
from .model import ElementVerdict, Evidence, Status
from .normalise import Passage
from .ruleset import Element, RuleSet

QUOTE_MAX = 300


@dataclass
class Tally:
    """The counted findings of one element, as the verdict sees them."""

    topic: list[Passage]
    listing_mentions: list[Passage]
    headings: list[Finding]
    substance: list[Passage]
    cued: list[Finding]
    facets: dict[str, list[Passage]]
    levels: list[Finding]


def tally(ctx: CheckContext) -> Tally:
    facets: dict[str, list[Passage]] = {}
    for f in ctx.findings:
        if f.kind == "facet" and f.passage is not None:
            facets.setdefault(f.label, []).append(f.passage)
    substance = [p for p in ctx.scope if p.index not in ctx.cued and not p.listing and p.kind != "heading"]
    return Tally(
        topic=ctx.topic,
        listing_mentions=[f.passage for f in ctx.findings if f.kind == "topic" and f.extra.get("listing")],
        headings=[f for f in ctx.findings if f.kind == "heading"],
        substance=substance,
        cued=[f for f in ctx.findings if f.kind == "cue"],
        facets=facets,
        levels=[f for f in ctx.findings if f.kind == "level"],
    )


def quote(passage: Passage) -> Evidence:
    text = passage.text.replace("\n", " ").strip()
    if len(text) > QUOTE_MAX:
        text = text[: QUOTE_MAX - 1].rsplit(" ", 1)[0] + "…"
    return Evidence(text, passage.page, list(passage.section), passage.block, passage.paragraph)


def where(passage: Passage, lang: str) -> str:
    parts = []
    if passage.section:
        parts.append(f"«{passage.section[-1]}»")
    if passage.page is not None:
        parts.append(f"{t('s.', 'p.', lang)} {passage.page}")
    return ", ".join(parts) or t("planens start", "the start of the plan", lang)


def _pick_evidence(tl: Tally, ctx: CheckContext, limit: int = 3) -> list[Passage]:
    """The passages that best show the verdict: substance with most facets first, then mentions."""
    facet_count: dict[int, int] = {}
    for passages in tl.facets.values():
        for p in passages:
            facet_count[p.index] = facet_count.get(p.index, 0) + 1
    topic_ids = {p.index for p in tl.topic}
    ranked = sorted(tl.substance, key=lambda p: (-(facet_count.get(p.index, 0) + (p.index in topic_ids)), p.index))
    chosen = ranked[:limit]
    if len(chosen) < limit:
        extra = [f.passage for f in tl.cued if f.passage is not None] + tl.topic + tl.listing_mentions
        for p in extra:
            if p not in chosen and len(chosen) < limit:
                chosen.append(p)
    return sorted(chosen, key=lambda p: p.index)


def decide(ctx: CheckContext, element: Element, rules: RuleSet, lang: str = "da") -> ElementVerdict:
    tl = tally(ctx)
    params = element.verdict
    facets_check = element.checks.get("facets")
    required = facets_check.require if facets_check else []
    needed = facets_check.min if facets_check else 0
    label = lambda fid: (rules.facets[fid].label if fid in rules.facets else {"da": fid, "en": fid})[lang if lang == "en" else "da"]  # noqa: E731
    found_ids = [fid for fid in tl.facets]
    found_required = [f.id for f in required if f.id in tl.facets]
    lacking = [f.label.get(lang, f.label["da"]) for f in required if f.id not in tl.facets]
    found = [f.label.get(lang, f.label["da"]) for f in required if f.id in tl.facets]
    found += [label(fid) for fid in found_ids if fid not in {f.id for f in required} and fid in rules.facets]
    discussed = {p.index for p in tl.topic} | {p.index for p in ctx.scope if p.kind != "heading" and not p.listing}
    n_discussed = len(discussed)
    cue_share = (len({f.passage.index for f in tl.cued if f.passage}) / n_discussed) if n_discussed else 0.0
    details: dict = {"passages": n_discussed, "substance": len(tl.substance), "cue_share": round(cue_share, 2)}
    name = element.name if lang != "en" or not element.name_en else element.name_en

    status: Status
    if "levels" in element.checks:
        status, score, reason, lvl_found, lvl_lacking, lvl_details = _decide_levels(tl, n_discussed, rules, lang)
        found, lacking = lvl_found, lvl_lacking
        details["levels"] = lvl_details
    elif n_discussed < params.weak_min_passages:
        status, score = "missing", 0.1 if (tl.listing_mentions or tl.headings) else 0.0
        if tl.listing_mentions:
            reason = t(f"Kun nævnt i en oversigt eller liste ({where(tl.listing_mentions[0], lang)}), uden indhold.",
                       f"Only named in an overview or list ({where(tl.listing_mentions[0], lang)}), with no content.", lang)
        elif tl.headings:
            reason = t("Kun en overskrift uden indhold.", "Only a heading with no content.", lang)
        else:
            reason = t(f"Planen beskriver ikke {name.lower()}.", f"The plan does not address {name.lower()}.", lang)
    else:
        enough_facets = len(found_required) >= needed
        enough_substance = len(tl.substance) >= params.min_passages
        mostly_intent = cue_share > params.cue_share_max
        facet_share = len(found_required) / len(required) if required else 1.0
        if enough_facets and enough_substance and not mostly_intent:
            status = "covered"
            score = 0.7 + 0.3 * min(1.0, len(tl.substance) / (params.min_passages * 3))
            what = ", ".join(found[:4]) or t("konkret indhold", "concrete content", lang)
            reason = t(f"Beskrevet konkret ({what}); {len(tl.substance)} passager, bl.a. {where(tl.substance[0], lang)}.",
                       f"Described concretely ({what}); {len(tl.substance)} passages, e.g. {where(tl.substance[0], lang)}.", lang)
        else:
            status = "weak"
            score = 0.25 + 0.35 * facet_share * (0.5 if mostly_intent else 1.0)
            if mostly_intent and tl.cued:
                cue = tl.cued[0]
                kind = rules.cues[cue.label].label.get(lang, rules.cues[cue.label].label["da"]) if cue.label in rules.cues else cue.label
                reason = t(f"Omtalt som {kind} («{cue.term}»), ikke som fast praksis",
                           f"Mentioned as {kind} («{cue.term}»), not as established practice", lang)
            elif not enough_substance:
                reason = t(f"Kun kort omtalt ({len(tl.substance)} passage med substans)",
                           f"Only mentioned briefly ({len(tl.substance)} passage of substance)", lang)
            else:
                reason = t("Omtalt, men ikke fuldt beskrevet", "Mentioned, but not fully described", lang)
            if lacking:
                reason += t(f"; mangler: {', '.join(lacking)}.", f"; lacking: {', '.join(lacking)}.", lang)
            else:
                reason += "."
    evidence = [quote(p) for p in _pick_evidence(tl, ctx)] if status != "missing" or tl.listing_mentions else []
    if tl.cued:
        details["cues"] = [{"kind": f.label, "term": f.term, "block": f.passage.block if f.passage else None}
                           for f in tl.cued[:5]]
    show_help = status != "covered"
    return ElementVerdict(
        id=element.id, chapter=element.chapter, level=element.level, name=name, status=status,
        score=round(score, 3), reason=reason, evidence=evidence, found=found, lacking=lacking,
        template_sections=list(element.template_sections),
        asks=element.asks_en if lang == "en" and element.asks_en else element.asks,
        help_questions=rules.help_questions(element) if show_help else [],
        details=details,
    )


def _decide_levels(tl: Tally, n_discussed: int, rules: RuleSet, lang: str):
    found, lacking, details = [], [], {}
    complete = 0
    present = 0
    for f in tl.levels:
        lbl = f.extra["label"].get(lang, f.extra["label"]["da"])
        details[f.label] = {"passages": f.extra["passages"], "fields": f.extra["fields"], "missing": f.extra["missing"]}
        field_label = lambda fid: rules.facets[fid].label.get(lang, rules.facets[fid].label["da"])  # noqa: E731
        if f.extra["passages"]:
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
        return "covered", 0.7 + 0.3 * min(1.0, len(tl.substance) / 10), t(
            "Indsatser på alle niveauer, hver med de krævede oplysninger.",
            "Interventions on every level, each with the required details.", lang), found, lacking, details
    if present or n_discussed:
        score = 0.25 + 0.35 * (present / max(1, n))
        levels_txt = ", ".join(found) if found else t("ingen niveauer tydeligt beskrevet", "no level clearly described", lang)
        return "weak", score, t(f"Indsatser fundet: {levels_txt}; mangler: {'; '.join(lacking)}.",
                                f"Interventions found: {levels_txt}; lacking: {'; '.join(lacking)}.", lang), found, lacking, details
    return "missing", 0.0, t("Planen beskriver ingen indsatser.", "The plan describes no interventions.", lang), found, lacking, details
