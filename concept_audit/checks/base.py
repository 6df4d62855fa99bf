"""What every check kind shares: findings, the context a check runs in, and config validation."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..danish import TermError, TermSet, compile_terms
from ..errors import RulesError
from ..normalise import IndexedText, Passage, Section


@dataclass
class Finding:
    """One typed hit of a check: what was found, and in which passage or section."""

    kind: str  # heading | topic | facet | lacking | cue | level
    label: str  # the matched name, facet id, cue kind or level id
    passage: Passage | None = None
    term: str = ""
    score: float = 1.0
    section: Section | None = None
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass
class Site:
    """One place where the plan discusses the element, judged on its own.

    Either a section whose heading names the element (``section`` set: its content is the site), or the
    topic passages standing under one heading together with the sentences that continue them. The
    rubric asks whether *a passage* substantially does what the element asks, so facets are looked for
    within one site, never pooled from scattered mentions across the plan, and an intention or a lack
    stated at one site does not undo the substance of another.
    """

    key: int
    """The heading passage the site stands under (-1 before the first heading)."""
    passages: list[Passage] = field(default_factory=list)
    topic: list[Passage] = field(default_factory=list)
    section: Section | None = None
    specific: bool = False
    """The site is a section whose heading names only this element (its content is about it)."""
    shared: bool = False
    """The section's heading also names other elements: the heading does not vouch for its content."""
    foreign: bool = False
    """Topic passages under a heading that names another element specifically (information to parents
    under "Pressehåndtering"): that section is about the other element, and this one is touched on there."""
    clusters: list[list[Passage]] = field(default_factory=list)
    """Runs of topic sentences with the sentences that continue them. Unless the site is a section named
    for this element alone, its substance must stand in one cluster: a facet two paragraphs away from the
    topic is about something else (a generic "koordinatoren står for" near a passing "infohus")."""


@dataclass
class CheckContext:
    """The state of one element's evaluation, filled in as the checks run in order.

    ``sections`` (from heading) and ``topic`` (from topic) decide the ``scope``: the passages the later
    checks look in. The engine computes the scope; checks only read it.
    """

    text: IndexedText
    element_id: str
    sections: list[Section] = field(default_factory=list)
    topic: list[Passage] = field(default_factory=list)
    scope: list[Passage] = field(default_factory=list)
    sites: list[Site] = field(default_factory=list)
    """The scope split into places of discussion (see :class:`Site`); ``scope`` is their union."""
    cued: set[int] = field(default_factory=set)
    """Indices of scope passages that state an intention or a lack; they carry no substance."""
    findings: list[Finding] = field(default_factory=list)


@dataclass
class Where:
    """Where a config value stands, for error messages: file, element, field."""

    file: str
    element: str

    def error(self, field_name: str, problem: str) -> RulesError:
        return RulesError(self.file, f"element {self.element!r}, felt {field_name!r}: {problem}")


TYPE_NAMES = {str: "tekst", int: "heltal", float: "tal", bool: "ja/nej", list: "liste", dict: "tabel"}


def validate_fields(config: Any, fields: dict[str, tuple[type | tuple[type, ...], bool]], where: Where,
                    prefix: str) -> dict[str, Any]:
    """Check a mapping against ``fields`` (name → (type, required)); unknown fields are errors."""
    if not isinstance(config, dict):
        raise where.error(prefix, "skal være en tabel (mapping)")
    for name in config:
        if name not in fields:
            known = ", ".join(sorted(fields))
            raise where.error(f"{prefix}.{name}", f"ukendt felt (kendte felter: {known})")
    for name, (types, required) in fields.items():
        if name not in config:
            if required:
                raise where.error(f"{prefix}.{name}", "mangler")
            continue
        value = config[name]
        if isinstance(value, bool) and bool not in (types if isinstance(types, tuple) else (types,)):
            raise where.error(f"{prefix}.{name}", "har forkert type")
        if not isinstance(value, types):
            expected = types if isinstance(types, tuple) else (types,)
            raise where.error(f"{prefix}.{name}", "skal være " + " eller ".join(TYPE_NAMES.get(t, t.__name__) for t in expected))
    return config


def term_list(config: dict[str, Any], name: str, where: Where, prefix: str) -> list[str]:
    values = config.get(name, [])
    if not isinstance(values, list) or not all(isinstance(v, str) and v.strip() for v in values):
        raise where.error(f"{prefix}.{name}", "skal være en liste af ikke-tomme tekster")
    return values


def compile_term_set(config: dict[str, Any], where: Where, prefix: str, terms_field: str = "terms",
                     required: bool = True) -> TermSet:
    terms = term_list(config, terms_field, where, prefix)
    if required and not terms:
        raise where.error(f"{prefix}.{terms_field}", "må ikke være tom")
    exclude = term_list(config, "exclude", where, prefix)
    try:
        return compile_terms(terms, exclude)
    except TermError as exc:
        raise where.error(f"{prefix}.{terms_field}", str(exc)) from None


def labels(config: Any, where: Where, prefix: str) -> dict[str, str]:
    """A label in Danish and English: ``{da: ..., en: ...}`` or a plain Danish string."""
    if isinstance(config, str):
        return {"da": config, "en": config}
    validate_fields(config, {"da": (str, True), "en": (str, False)}, where, prefix)
    return {"da": config["da"], "en": config.get("en", config["da"])}
