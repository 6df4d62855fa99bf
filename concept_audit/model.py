"""The plain data that flows through the pipeline.

extract → :class:`Document` (blocks in reading order) → checks → verdict → :class:`Report` → render.

Every stage consumes these dataclasses and nothing else: a renderer never re-reads the plan file, a
check never looks at fonts. All classes serialise to JSON-ready dicts with ``to_dict`` and back with
``from_dict`` so documents and reports can be cached, diffed and shipped between processes.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal

BlockKind = Literal["heading", "paragraph", "list_item", "table", "footnote"]
"""What a block is. Fact boxes, text boxes and sidebars are ordinary blocks with ``container="box"``."""

Status = Literal["covered", "weak", "missing"]
STATUSES: tuple[Status, ...] = ("missing", "weak", "covered")
"""The ordered verdict scale (missing < weak < covered), used by metrics such as weighted kappa."""

DOCUMENT_SCHEMA = "concept-audit/document@1"
REPORT_SCHEMA = "concept-audit/report@1"


@dataclass
class Block:
    """One unit of text in reading order.

    ``page`` is the 1-based page a block starts on (PDF; ``None`` where the format has no pages).
    ``paragraph`` is the 0-based index of the source paragraph in the DOCX body (``None`` elsewhere),
    so a quote can be found again in Word. ``section`` is the path of headings the block stands under,
    outermost first; a heading's own path ends with its parent, not itself.
    """

    index: int
    kind: BlockKind
    text: str
    level: int | None = None
    """Heading level, 1 = top (chapter). Only for headings."""
    depth: int | None = None
    """List nesting depth, 0 = top level. Only for list items."""
    ordered: bool | None = None
    """True for an item of a numbered or lettered list ("1.", "2)", "a)", Word's decimal/letter/roman
    numbering), False for a bullet (or any other unnumbered item); None for blocks that are not list items.
    The steps of a numbered list form one procedure, read in order; bullets are a set of points."""
    rows: list[list[str]] | None = None
    """Table cells row by row (merged cells appear once). Only for tables; ``text`` is a flat rendering."""
    header_rows: int = 0
    """How many leading rows of ``rows`` are header rows."""
    page: int | None = None
    paragraph: int | None = None
    section: list[str] = field(default_factory=list)
    container: Literal["body", "box", "annex"] = "body"
    """``box`` for text boxes, fact boxes, sidebars and pull quotes: read as their own blocks."""
    numbering: str | None = None
    """A section number as the reader sees it ("2.1.4", "Bilag 4.3"), when the block has one."""

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Block:
        return cls(**data)

    @property
    def location(self) -> str:
        """Where a reader finds the block: "s. 3" for pages, "afsnit 12" for DOCX paragraphs."""
        if self.page is not None:
            return f"s. {self.page}"
        if self.paragraph is not None:
            return f"afsnit {self.paragraph + 1}"
        return f"blok {self.index + 1}"


@dataclass
class Document:
    """A plan as extracted: where it came from and its blocks in reading order."""

    source: str
    format: Literal["docx", "pdf", "txt", "md"]
    sha256: str
    blocks: list[Block] = field(default_factory=list)
    pages: int | None = None
    title: str | None = None
    date: str | None = None
    metadata: dict[str, str] = field(default_factory=dict)
    """Other metadata found in the file (author, subject, producer, ...), as strings."""
    warnings: list[str] = field(default_factory=list)
    """Non-fatal notes from extraction, e.g. "3 tables could not be read as tables"."""

    @property
    def headings(self) -> list[Block]:
        return [b for b in self.blocks if b.kind == "heading"]

    def text(self) -> str:
        """The whole text, one block per line; what similarity checks compare across formats."""
        return "\n".join(b.text for b in self.blocks if b.text)

    def word_count(self) -> int:
        return sum(len(b.text.split()) for b in self.blocks)

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        return {"schema": DOCUMENT_SCHEMA, **data}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Document:
        data = dict(data)
        data.pop("schema", None)
        blocks = [Block.from_dict(b) for b in data.pop("blocks", [])]
        return cls(blocks=blocks, **data)


# --------------------------------------------------------------------------------------------- report


@dataclass
class Evidence:
    """A quote that supports a verdict, and where it stands in the plan."""

    quote: str
    page: int | None
    section: list[str]
    block: int
    paragraph: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class ElementVerdict:
    """The verdict on one element of the national concept."""

    id: str
    chapter: str
    level: str
    name: str
    status: Status
    score: float
    reason: str
    evidence: list[Evidence] = field(default_factory=list)
    found: list[str] = field(default_factory=list)
    """Facets the plan shows for this element (e.g. "ansvarlig", "procedure", "frekvens")."""
    lacking: list[str] = field(default_factory=list)
    """Facets a covered element needs that the plan does not show."""
    template_sections: list[str] = field(default_factory=list)
    asks: str = ""
    """What the concept asks for, in the concept's words."""
    help_questions: list[str] = field(default_factory=list)
    """The template's help questions for the sections to write (shown for weak and missing)."""
    details: dict[str, Any] = field(default_factory=dict)
    """Check-specific details, e.g. which prevention levels and fields were found for interventions."""

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["evidence"] = [e.to_dict() for e in self.evidence]
        return data


@dataclass
class SectionVerdict:
    """A template section (1.1–3.2.2, annexes 4.1–4.4) and how well the plan fills it."""

    id: str
    title: str
    status: Status
    elements: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class Summary:
    covered: int
    weak: int
    missing: int
    score: float
    """Overall score in [0, 1]: covered counts 1, weak 0.5, missing 0, averaged over elements."""

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class SourceInfo:
    path: str
    format: str
    pages: int | None
    sha256: str
    title: str | None = None
    date: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class Report:
    """The audit of one plan: a verdict for every element of the rule set, in rule-set order."""

    source: SourceInfo
    ruleset: dict[str, str]
    elements: list[ElementVerdict]
    sections: list[SectionVerdict]
    summary: Summary
    lang: str = "da"
    schema: str = REPORT_SCHEMA

    def element(self, element_id: str) -> ElementVerdict:
        for verdict in self.elements:
            if verdict.id == element_id:
                return verdict
        raise KeyError(element_id)

    def statuses(self) -> dict[str, Status]:
        return {v.id: v.status for v in self.elements}

    def to_dict(self) -> dict[str, Any]:
        return {
            "schema": self.schema,
            "source": self.source.to_dict(),
            "ruleset": dict(self.ruleset),
            "lang": self.lang,
            "elements": [v.to_dict() for v in self.elements],
            "sections": [s.to_dict() for s in self.sections],
            "summary": self.summary.to_dict(),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Report:
        elements = []
        for raw in data["elements"]:
            raw = dict(raw)
            raw["evidence"] = [Evidence(**e) for e in raw.get("evidence", [])]
            elements.append(ElementVerdict(**raw))
        return cls(
            source=SourceInfo(**data["source"]),
            ruleset=dict(data["ruleset"]),
            elements=elements,
            sections=[SectionVerdict(**s) for s in data.get("sections", [])],
            summary=Summary(**data["summary"]),
            lang=data.get("lang", "da"),
            schema=data.get("schema", REPORT_SCHEMA),
        )


def summarise(verdicts: list[ElementVerdict]) -> Summary:
    """Count statuses and compute the overall score (covered 1, weak 0.5, missing 0)."""
    counts = {s: 0 for s in STATUSES}
    for v in verdicts:
        counts[v.status] += 1
    total = len(verdicts) or 1
    score = (counts["covered"] + 0.5 * counts["weak"]) / total
    return Summary(counts["covered"], counts["weak"], counts["missing"], round(score, 3))
