"""Load and validate a rule set (YAML) into typed, compiled rules.

A rule file holds the concept as data: the template's sections with their help questions, a library of
facets and cues shared by all elements, and the elements with the checks they combine. Everything is
validated on load; an error names the file, the element and the field, so a consultant editing a copy
of the rules is told exactly what to fix.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .checks import KINDS, ORDER
from .checks.base import Where, compile_term_set, labels, validate_fields
from .checks.cues import CueKind
from .checks.facets import Facet
from .errors import RulesError

ELEMENT_ID = re.compile(r"^[a-z]+\.[a-z0-9]+(?:-[a-z0-9]+)*$")
TOP_FIELDS = {
    "ruleset": (dict, True), "defaults": (dict, False), "facets": (dict, True), "cues": (dict, True),
    "sections": (list, True), "elements": (list, True),
}
META_FIELDS = {"name": (str, True), "version": ((str, int, float), True), "title": (str, False),
               "description": (str, False), "lang": (str, False)}
VERDICT_FIELDS = {"min_passages": (int, False), "cue_share_max": ((int, float), False),
                  "weak_min_passages": (int, False)}
TERMS_FIELDS = {"label": ((str, dict), True), "terms": (list, True), "exclude": (list, False)}
FACET_FIELDS = {**TERMS_FIELDS, "in_headings": (bool, False)}
CUE_FIELDS = {**TERMS_FIELDS, "unless": (list, False), "paragraph": (bool, False)}
SECTION_FIELDS = {"id": (str, True), "title": (str, True), "questions": (list, False), "annex": (bool, False)}
ELEMENT_FIELDS = {
    "id": (str, True), "chapter": (str, True), "level": (str, True), "name": (str, True),
    "asks": (str, True), "template_sections": (list, True), "checks": (dict, True),
    "verdict": (dict, False), "label_en": (str, False), "asks_en": (str, False),
}
LEVELS = ("strategisk", "udførende")


@dataclass
class VerdictParams:
    """Thresholds the verdict applies to an element (rule-set defaults, overridable per element)."""

    min_passages: int = 2
    """A covered element needs at least this many passages of substance (not intent, not listing)."""
    cue_share_max: float = 0.5
    """Above this share of intent/lack passages, an element is at most weak."""
    weak_min_passages: int = 1


@dataclass
class TemplateSection:
    id: str
    title: str
    questions: list[str] = field(default_factory=list)
    annex: bool = False
    elements: list[str] = field(default_factory=list)


@dataclass
class Element:
    id: str
    chapter: str
    level: str
    name: str
    asks: str
    template_sections: list[str]
    checks: dict[str, Any]
    verdict: VerdictParams
    name_en: str = ""
    asks_en: str = ""


@dataclass
class RuleSet:
    name: str
    version: str
    title: str
    path: str
    facets: dict[str, Facet]
    cues: dict[str, CueKind]
    sections: list[TemplateSection]
    elements: list[Element]

    def section(self, section_id: str) -> TemplateSection:
        for s in self.sections:
            if s.id == section_id:
                return s
        raise KeyError(section_id)

    def help_questions(self, element: Element) -> list[str]:
        questions: list[str] = []
        for sid in element.template_sections:
            for q in self.section(sid).questions:
                if q not in questions:
                    questions.append(q)
        return questions


def compile_facet(fid: str, config: Any, where: Where, prefix: str) -> Facet:
    validate_fields(config, FACET_FIELDS, where, prefix)
    return Facet(fid, labels(config["label"], where, f"{prefix}.label"), compile_term_set(config, where, prefix),
                 bool(config.get("in_headings", False)))


def default_rules_path() -> Path:
    """The bundled national concept: inside the installed package, or the repo's rules/ when editable."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "_rules" / "national-concept.yaml", here.parent / "rules" / "national-concept.yaml"):
        if candidate.exists():
            return candidate
    raise RulesError(None, "det medfølgende regelsæt (rules/national-concept.yaml) findes ikke")


_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
"""libyaml's safe loader where PyYAML was built with it: the same data, read ten times faster (the rule
file is read on every run)."""


def load_rules(path: str | Path | None = None) -> RuleSet:
    """Read and validate a rule file; ``None`` means the bundled national concept."""
    path = Path(path) if path is not None else default_rules_path()
    if path.is_dir():
        candidates = sorted(path.glob("*.yaml")) + sorted(path.glob("*.yml"))
        if len(candidates) != 1:
            raise RulesError(path, "en mappe med regler skal indeholde præcis én .yaml-fil")
        path = candidates[0]
    try:
        raw = yaml.load(path.read_text(encoding="utf-8"), Loader=_LOADER)
    except FileNotFoundError:
        raise RulesError(path, "filen findes ikke") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise RulesError(path, f"kan ikke læses ({exc})") from None
    except yaml.YAMLError as exc:
        raise RulesError(path, f"ugyldig YAML ({str(exc).splitlines()[0]})") from None
    return compile_rules(raw, str(path))


def compile_rules(raw: Any, source: str) -> RuleSet:
    top = Where(source, "(regelsæt)")
    validate_fields(raw, TOP_FIELDS, top, "(rod)")
    meta = validate_fields(raw["ruleset"], META_FIELDS, top, "ruleset")
    defaults = VerdictParams(**validate_fields(raw.get("defaults") or {}, VERDICT_FIELDS, top, "defaults"))

    facets = {fid: compile_facet(fid, conf, Where(source, f"facet {fid}"), f"facets.{fid}")
              for fid, conf in raw["facets"].items()}
    cues = {}
    for cid, conf in raw["cues"].items():
        where = Where(source, f"cue {cid}")
        validate_fields(conf, CUE_FIELDS, where, f"cues.{cid}")
        facet = compile_facet(cid, {k: v for k, v in conf.items() if k not in ("unless", "paragraph")}, where,
                              f"cues.{cid}")
        unless = compile_term_set(conf, where, f"cues.{cid}", terms_field="unless", required=False)
        cues[cid] = CueKind(cid, facet.terms, unless if unless else None, bool(conf.get("paragraph", False)),
                            facet.label)

    sections: list[TemplateSection] = []
    for i, sconf in enumerate(raw["sections"]):
        where = Where(source, f"sektion #{i + 1}")
        validate_fields(sconf, SECTION_FIELDS, where, "sections")
        if any(s.id == sconf["id"] for s in sections):
            raise where.error("sections.id", f"sektion {sconf['id']!r} findes to gange")
        sections.append(TemplateSection(sconf["id"], sconf["title"], list(sconf.get("questions", [])),
                                        bool(sconf.get("annex", False))))
    section_ids = {s.id for s in sections}

    library = {"facets": facets, "cues": cues}
    elements: list[Element] = []
    seen: set[str] = set()
    for i, econf in enumerate(raw["elements"]):
        eid = econf.get("id") if isinstance(econf, dict) else None
        where = Where(source, str(eid) if eid else f"#{i + 1}")
        validate_fields(econf, ELEMENT_FIELDS, where, "element")
        if not ELEMENT_ID.match(eid):
            raise where.error("id", "skal have formen kapitel.navn (små bogstaver, ASCII, bindestreger)")
        if eid in seen:
            raise where.error("id", "id'et findes to gange")
        seen.add(eid)
        if econf["level"] not in LEVELS:
            raise where.error("level", f"skal være en af {', '.join(LEVELS)}")
        for sid in econf["template_sections"]:
            if sid not in section_ids:
                raise where.error("template_sections", f"ukendt skabelonafsnit {sid!r}")
        checks: dict[str, Any] = {}
        for kind, kconf in econf["checks"].items():
            if kind not in KINDS:
                raise where.error(f"checks.{kind}", f"ukendt check-type (kendte: {', '.join(ORDER)})")
            compiled = KINDS[kind].compile(kconf if kconf is not None else {}, where, library)
            if compiled is not None:
                checks[kind] = compiled
        if "topic" not in checks and "levels" not in checks:
            raise where.error("checks", "skal mindst have 'topic' eller 'levels'")
        if "cues" not in checks and "cues" not in econf["checks"]:
            checks["cues"] = KINDS["cues"].compile({}, where, library)
        vconf = validate_fields(econf.get("verdict") or {}, VERDICT_FIELDS, where, "verdict")
        params = VerdictParams(**{**defaults.__dict__, **vconf})
        elements.append(Element(eid, econf["chapter"], econf["level"], econf["name"], econf["asks"],
                                list(econf["template_sections"]), checks, params,
                                econf.get("label_en", ""), econf.get("asks_en", "")))
        for sid in econf["template_sections"]:
            next(s for s in sections if s.id == sid).elements.append(eid)
    if not elements:
        raise RulesError(source, "regelsættet har ingen elementer")
    return RuleSet(str(meta["name"]), str(meta["version"]), str(meta.get("title", meta["name"])), source,
                   facets, cues, sections, elements)
