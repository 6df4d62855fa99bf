"""Normalise a Document into indexed Danish text: sentences with their place in the plan.

The checks never see blocks or files, only :class:`Passage` objects: one sentence of a paragraph, one list
item, one table row (rendered "Header: cell; Header: cell" so a row reads as a statement), or a heading.
Each passage knows where it stands (block, page, paragraph, heading path) so evidence can be quoted, and
whether it is a mere *listing*: a contents line, a short keyword-list item, an enumeration of topics.
Naming an element there is not covering it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from .danish import TokenizedText
from .model import Block, Document

_TOC_HEADING = re.compile(
    r"^\s*(?:\d+(?:\.\d+)*\.?\s+)?"  # a section number, typed or computed from Word's numbering
    r"(indhold|indholdsfortegnelse|indhold og læsevejledning|planens (indhold|opbygning|kapitler)"
    r"|læsevejledning|contents)\s*$", re.I)
"""A contents section: what its lines and rows name is what the plan is about, not content on it."""
_TOC_LINE = re.compile(r"(\.{3,}|…{2,}|\s{2,})\s*\d{1,3}\s*$|\s\d{1,3}$")
_SENTENCE_END = re.compile(r"[.!?:]\s*$")
_KEYWORDS = re.compile(r"^(nøgleord|stikord|stikordsliste|emneord|søgeord)\s*:", re.IGNORECASE)
"""A line that says it is a list of keywords: whatever it names, it names only."""


@dataclass
class Passage:
    """One sentence-sized unit of plan text."""

    index: int
    text: str
    tokens: TokenizedText
    block: int
    kind: str  # block kind: heading, paragraph, list_item, table, footnote
    page: int | None
    paragraph: int | None
    section: list[str]
    container: str
    listing: bool = False
    """Only a name: a contents line, a short keyword-list item, an enumeration of topics."""
    section_id: int = -1
    """Index of the heading passage this passage stands under (-1 before the first heading)."""

    @property
    def words(self) -> int:
        return len(self.tokens.keys)


@dataclass
class Section:
    """A heading and the passages under it (including those of its sub-sections)."""

    heading: Passage
    level: int
    start: int
    end: int  # exclusive passage index
    own_end: int = -1
    """End of the passages directly under the heading, before its first sub-heading."""


@dataclass
class IndexedText:
    """What the checks consume: passages in reading order and the section tree over them."""

    passages: list[Passage] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    memo: dict = field(default_factory=dict, repr=False)
    """Per-document memo for checks whose result depends only on a passage (cues are asked per element)."""

    @property
    def postings(self) -> dict:
        """(token key, parts) → indices of the passages holding it; built once, for term-set scans."""
        index = self.memo.get("postings")
        if index is None:
            index = {}
            for p in self.passages:
                for pair in p.tokens.pairset:
                    index.setdefault(pair, []).append(p.index)
            self.memo["postings"] = index
        return index

    @property
    def lowers(self) -> list[str]:
        """The passages' lower-cased texts, by index; built once, for regular-expression scans."""
        lowers = self.memo.get("lowers")
        if lowers is None:
            lowers = self.memo["lowers"] = [p.tokens.lower for p in self.passages]
        return lowers

    def section_of(self, passage: Passage) -> Section | None:
        for section in self.sections:
            if section.heading.index == passage.section_id:
                return section
        return None


@lru_cache(maxsize=1)
def _nlp():
    import spacy

    nlp = spacy.blank("da")
    nlp.add_pipe("sentencizer")
    nlp.max_length = 5_000_000
    return nlp


@lru_cache(maxsize=1)
def stop_words() -> frozenset[str]:
    return frozenset(_nlp().Defaults.stop_words)


def split_sentences(texts: list[str]) -> list[list[str]]:
    """Sentences of each text, with spaCy's Danish sentencizer (one batched pass)."""
    result = []
    for doc in _nlp().pipe(texts, batch_size=256):
        result.append([s.text.strip() for s in doc.sents if s.text.strip()])
    return result


def _row_passages(block: Block) -> list[str]:
    rows = block.rows or []
    header = rows[0] if block.header_rows and rows else None
    out = []
    for r, row in enumerate(rows):
        if r < block.header_rows:
            continue
        cells = [c for c in row]
        if header and len(header) == len(cells):
            parts = [f"{h}: {c}" if h and c and h != c else c for h, c in zip(header, cells)]
        else:
            parts = cells
        text = "; ".join(p for p in parts if p)
        if text:
            out.append(text)
    if not out and rows:  # a table of only header rows: still text
        out = ["; ".join(c for c in row if c) for row in rows]
    return out


_ENUM_SPLIT = re.compile(r"[,;]\s*|\s(?:og|samt|eller)\s")
LABEL_MAX_WORDS = 3
LISTING_ITEM_MAX_WORDS = 5
ENUM_MIN_SEGMENTS = 4
ENUM_MAX_SEGMENT_WORDS = 4


_INNER_SENTENCE = re.compile(r"[.!?]\s+[A-ZÆØÅ]")


def holds_sentences(text: str) -> bool:
    """Does the passage hold two or more whole sentences? Prose is split into sentences, so this is a
    table row or list item whose cells say things ("Ansvar: Byrådet vedtager planen. Udvalget følger op
    ..."): description, however many elements it touches, never a mere list of names."""
    return len(_INNER_SENTENCE.findall(text)) >= 1


def is_enumeration(text: str) -> bool:
    """A run of short noun phrases ("vision og formål, opfølgning, beredskab, roller og ansvar, ...").

    The run may follow an introduction ending in a colon ("Planen omfatter: ..."). Structural only: an
    enumeration of members ("politiet, SSP, en socialrådgiver og psykiatrien") also qualifies, so the
    caller decides with what it enumerates (topics of several elements) whether it is a mere listing.
    A passage of several sentences is not an enumeration (see :func:`holds_sentences`).
    """
    if holds_sentences(text):
        return False
    tail = text.rsplit(":", 1)[-1] if ":" in text else text
    if len(tail.split()) < 0.5 * len(text.split()):
        tail = text
    segments = [seg.strip(" .") for seg in _ENUM_SPLIT.split(tail) if seg and seg.strip(" .")]
    if len(segments) < ENUM_MIN_SEGMENTS:
        return False
    short = sum(1 for seg in segments if len(seg.split()) <= ENUM_MAX_SEGMENT_WORDS)
    return short >= 0.8 * len(segments)


def _names_only(text: str, words: int, max_words: int, number: re.Pattern[str]) -> bool:
    """Short, with no sentence end and no number of the given kind: a passage that names something
    without saying anything about it."""
    return words <= max_words and not _SENTENCE_END.search(text) and not number.search(text)


# a name glossed with its role: "Børne- og Skoleudvalget – politisk ansvar", "Styregruppen (strategisk niveau)"
_GLOSSED = re.compile(r"\w\s+[–—-]\s+\w|\w\s*\(\w[^)]*\)\s*$|\w:\s+\w")
_PHONE_LIKE = re.compile(r"\d{2}\s?\d{2}")
_ANY_DIGIT = re.compile(r"\d")


def _is_listing_item(text: str, words: int) -> bool:
    """A list item that only names something ("Skolerne"); a contact line with a phone number says how to
    reach it."""
    return _names_only(text, words, LISTING_ITEM_MAX_WORDS, _PHONE_LIKE) and not _GLOSSED.search(text)


def _is_label(text: str) -> bool:
    """A paragraph of a word or two with no sentence end: a label set in italics or underlined that the
    extractor did not take for a heading ("Journalisering"), naming what follows, not saying anything."""
    return _names_only(text, len(text.split()), LABEL_MAX_WORDS, _ANY_DIGIT)


def index_document(doc: Document) -> IndexedText:
    """Split blocks into passages and build the section tree."""
    prose_blocks = [b for b in doc.blocks if b.kind in ("paragraph", "footnote")]
    sentences = dict(zip((b.index for b in prose_blocks), split_sentences([b.text for b in prose_blocks])))

    passages: list[Passage] = []
    sections: list[Section] = []
    open_sections: list[Section] = []
    in_toc = False
    current_heading = -1

    def add(text: str, block: Block, listing: bool = False, tok: TokenizedText | None = None) -> None:
        if tok is None:
            tok = TokenizedText.of(text)
        if not tok.keys:
            return
        passages.append(Passage(len(passages), text, tok, block.index, block.kind, block.page,
                                block.paragraph, block.section, block.container, listing, current_heading))

    for block in doc.blocks:
        if block.kind == "heading":
            level = block.level or 1
            while open_sections and open_sections[-1].level >= level:
                done = open_sections.pop()
                done.end = len(passages)
            in_toc = bool(_TOC_HEADING.match(block.text))
            current_heading = len(passages)
            add(block.text, block, listing=in_toc)
            if len(passages) > current_heading:
                section = Section(passages[-1], level, current_heading + 1, -1)
                for parent in open_sections:
                    if parent.own_end < 0:
                        parent.own_end = current_heading
                sections.append(section)
                open_sections.append(section)
            continue
        if block.kind == "table":
            for text in _row_passages(block):
                add(text, block, listing=in_toc or bool(_TOC_LINE.search(text)) and len(text) < 90)
            continue
        texts = sentences.get(block.index) if block.kind in ("paragraph", "footnote") else [block.text]
        for text in texts or []:
            tok = TokenizedText.of(text)
            tok_words = len(tok.keys)
            listing = in_toc or bool(_TOC_LINE.search(text) and tok_words <= 12)
            if block.kind == "list_item" and _is_listing_item(text, tok_words):
                listing = True
            if block.kind == "paragraph" and len(texts) == 1 and _is_label(text):
                listing = True
            if _KEYWORDS.match(text):
                listing = True
            add(text, block, listing=listing, tok=tok)
    for section in open_sections:
        section.end = len(passages)
    for section in sections:
        if section.own_end < 0:
            section.own_end = section.end
    return IndexedText(passages, sections)
