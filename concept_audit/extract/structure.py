"""Format-independent finishing of a document: indices, heading paths, clean text.

Extractors produce blocks with kinds, levels and locations; this module gives every block its index and
the path of headings it stands under, and cleans text the same way for every format, so DOCX and PDF of
the same plan come out alike.
"""

from __future__ import annotations

import re
import unicodedata

from ..model import Block, Document

BULLET_GLYPHS = "•▪◦‣●○■□◆◇➢➤►▸✓✔·∙"
"""Glyphs that mark a bulleted item wherever it is typed or drawn: one set for the DOCX and PDF extractors,
so the two formats agree on what is a list item. Symbol-font bullets land in the private-use area, which
each extractor adds itself."""
DASH_BULLETS = "–—-*"
"""Dashes and asterisks that mark an item only when followed by white space (a hyphen also joins words)."""

# "1", "1.2", "2.1.4", "2.1.4." followed by a title; "Bilag 4.3", "Bilag 2:", "Kapitel 3".
SECTION_NUMBER = re.compile(
    r"^\s*(?P<num>(?:(?:bilag|kapitel|afsnit|appendiks)\s+)?\d{1,2}(?:\.\d{1,2}){0,3}\.?|(?:bilag|appendiks)\s+[A-Z])"
    r"(?=[\s:.)–-])",
    re.IGNORECASE,
)
_PUA = re.compile("[\ue000-\uf8ff\U000f0000-\U000ffffd]")
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_ZERO_WIDTH = re.compile("[\u00ad\u200b-\u200d\u2060\ufeff]")


def clean_text(text: str) -> str:
    """NFC, no private-use glyphs (symbol-font bullets), no soft hyphens, single spaces."""
    text = unicodedata.normalize("NFC", text)
    text = _PUA.sub("", text)
    text = _ZERO_WIDTH.sub("", text)
    text = _SPACES.sub(" ", text)
    return "\n".join(line.strip() for line in text.splitlines()).strip()


def section_number(text: str) -> str | None:
    """The section number a heading starts with ("2.1.4", "Bilag 4.3"), or None."""
    match = SECTION_NUMBER.match(text)
    if not match:
        return None
    return match.group("num").rstrip(".").strip()


MAX_TITLE_WORDS = 15
MAX_TITLE_CHARS = 150
_CAPTION = re.compile(r"^(?:tabel|figur|table|figure|illustration|diagram)\s+\d", re.IGNORECASE)


def is_caption(text: str) -> bool:
    """A table or figure caption ("Tabel 12. Ledelsesinformation"): it names the table below it and is
    never a heading, however it is set."""
    return bool(_CAPTION.match(text.strip()))


_FIELD_LINE = re.compile(r"^(?:status|ansvarlig|frist|deadline|tidsplan|dato|version|kontaktperson|målgruppe)\s*:\s*\S",
                         re.IGNORECASE)


def is_field_line(text: str) -> bool:
    """A field and its value set in bold ("Status: På plads", "Ansvarlig: SSP-koordinatoren"): it states
    something about the section it stands in and heads nothing. A titled label ("Indsats 1: Mentorforløb",
    "Bilag A: Arbejdsgang") is a heading; a field name is not a title."""
    return bool(_FIELD_LINE.match(text.strip()))


def title_like(text: str) -> bool:
    """Text that can be a heading when set apart by its looks (bold, larger): short, not a sentence.

    At most 15 words and 150 characters; no final ".", ",", ";" or ":" (a sentence, a label); some letters;
    no caption ("Tabel 3. Mødefora") and no field line ("Status: På plads"); not starting in lower case.
    The DOCX extractor applies this to bold or larger paragraphs and the Markdown reader to paragraphs set
    entirely in bold, so the two agree.
    """
    text = text.strip()
    if not text or len(text.split()) > MAX_TITLE_WORDS or len(text) > MAX_TITLE_CHARS:
        return False
    if text.endswith((".", ",", ";", ":")) or not any(c.isalpha() for c in text):
        return False
    if is_caption(text) or is_field_line(text):
        return False
    first = next(c for c in text if c.isalnum())
    return not (first.isalpha() and not first.isupper())


def numbering_depth(number: str) -> int:
    """Heading level implied by a section number: "2" → 1, "2.1" → 2, "2.1.4" → 3; annexes count 1 + dots."""
    digits = re.sub(r"^(?:bilag|kapitel|afsnit|appendiks)\s+", "", number, flags=re.IGNORECASE)
    return digits.count(".") + 1


_NOTE_LABEL = re.compile(r"^\[([^\]\s]{1,12})\] ")
_ROMAN = re.compile(r"^[ivxlcdm]+$")


def place_footnotes(blocks: list[Block]) -> list[Block]:
    """Put every footnote right after the block that first refers to it, in the order of the references.

    The one reading order for notes in every format: Word and Markdown keep their notes apart from the
    text (the DOCX extractor and the Markdown reader list them at the end), a PDF prints them at the foot
    of the page, wherever the paragraph that refers to them stands; after the referring block they read
    alike everywhere and stand under the same heading as their reference. A note is "[n] text" and its
    reference "[n]" (not at the very start of a block). Endnotes (DOCX numbers them i, ii, iii) stay at the
    end, where every format prints them; a note no block refers to stays where it is.
    """
    notes: dict[str, Block] = {}
    for block in blocks:
        if block.kind == "footnote":
            match = _NOTE_LABEL.match(block.text)
            if match and not _ROMAN.match(match.group(1)) and match.group(1) not in notes:
                notes[match.group(1)] = block
    if not notes:
        return blocks
    placed: dict[int, list[Block]] = {}
    moved: set[int] = set()
    for block in blocks:
        if block.kind == "footnote":
            continue
        text = block.text if block.rows is None else "\n".join(" ".join(row) for row in block.rows)
        found = []
        for label, note in notes.items():
            if id(note) in moved:
                continue
            at = text.find(f"[{label}]", 1)
            if at > 0:
                found.append((at, note))
        for _, note in sorted(found, key=lambda f: f[0]):
            placed.setdefault(id(block), []).append(note)
            moved.add(id(note))
    out: list[Block] = []
    for block in blocks:
        if id(block) in moved:
            continue
        out.append(block)
        out.extend(placed.get(id(block), []))
    return out


def finish_document(doc: Document) -> Document:
    """Clean texts, drop empty blocks, put footnotes after their references (:func:`place_footnotes`),
    number the blocks and give each its heading path."""
    blocks: list[Block] = []
    for block in doc.blocks:
        block.text = clean_text(block.text)
        if block.rows is not None:
            block.rows = [[clean_text(cell) for cell in row] for row in block.rows]
            if not block.text:
                block.text = "\n".join(" | ".join(c for c in row if c) for row in block.rows)
        if not block.text and not block.rows:
            continue
        if block.kind == "heading" and block.numbering is None:
            block.numbering = section_number(block.text)
        blocks.append(block)
    blocks = place_footnotes(blocks)

    stack: list[tuple[int, str]] = []
    for index, block in enumerate(blocks):
        block.index = index
        if block.kind == "heading":
            level = block.level or 1
            while stack and stack[-1][0] >= level:
                stack.pop()
            block.section = [title for _, title in stack]
            stack.append((level, block.text))
        else:
            block.section = [title for _, title in stack]
    doc.blocks = blocks
    if not doc.title:
        first = next((b for b in blocks if b.kind == "heading"), None)
        if first is not None:
            doc.title = first.text
    return doc
