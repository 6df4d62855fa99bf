"""Reading a corpus source (``corpora/src/<id>.md``) into a small tree the generators render.

The source format is described in ``corpora/README.md``. The generators need more than the audit's own
Markdown reader keeps (bold and italic runs, footnote references inside a run, which list is ordered,
what stands inside a fact box), so the corpus has its own reader; it knows only that format.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Union

import yaml


@dataclass
class Span:
    """A run of text with one formatting; ``note`` set means a footnote reference (text is empty)."""

    text: str
    bold: bool = False
    italic: bool = False
    note: str | None = None


Inline = list[Span]


@dataclass
class Heading:
    level: int
    text: str


@dataclass
class Para:
    spans: Inline
    control: bool = False
    """The paragraph started with ``[[cc]]``: in a Word content control where the layout has them."""


@dataclass
class Item:
    depth: int
    ordered: bool
    spans: Inline
    number: int | None = None


@dataclass
class Table:
    rows: list[list[Inline]]


@dataclass
class Box:
    blocks: list[Node]


@dataclass
class PageBreak:
    pass


Node = Union[Heading, Para, Item, Table, Box, PageBreak]


@dataclass
class Source:
    id: str
    meta: dict
    blocks: list[Node]
    notes: dict[str, Inline] = field(default_factory=dict)

    @property
    def title(self) -> str:
        return str(self.meta.get("title", "")).strip()

    @property
    def municipality(self) -> str:
        return str(self.meta.get("municipality", "")).strip()

    @property
    def layout(self) -> str:
        return str(self.meta.get("layout", "styled")).strip()

    @property
    def header(self) -> str:
        return str(self.meta.get("header", "")).strip()


_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_ITEM = re.compile(r"^(?P<indent>[ \t]*)(?P<marker>[-*+•]|\d{1,3}[.)])\s+(?P<text>.*)$")
_RULE = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$")
_NOTE_DEF = re.compile(r"^\[\^(?P<id>[^\]]+)\]:\s*(?P<text>.*)$")
_COMMENT = re.compile(r"<!--.*?-->")
_LINK = re.compile(r"\[([^\]^][^\]]*)\]\([^)]*\)")
_TOKEN = re.compile(r"\*\*\*|\*\*|\*|\[\^[^\]]+\]|`")


def inline_text(spans: Inline, *, notes: bool = False) -> str:
    """The visible text of a run list (footnote references as ``[n]`` only when asked)."""
    return "".join(f"[{s.note}]" if s.note and notes else s.text for s in spans)


def parse_inline(text: str) -> Inline:
    """Bold (``**``), italic (``*``), both (``***``), footnote references (``[^1]``); links keep their text.

    A marker that has no partner is kept as a literal character, as a reader would see it.
    """
    text = _LINK.sub(r"\1", _COMMENT.sub("", text))
    tokens = list(_TOKEN.finditer(text))
    # Which emphasis markers have a partner later on: only those toggle.
    usable: set[int] = set()
    open_at: dict[str, int] = {}
    for i, tok in enumerate(tokens):
        mark = tok.group()
        if mark.startswith("[^") or mark == "`":
            continue
        before = text[tok.start() - 1] if tok.start() > 0 else " "
        after = text[tok.end()] if tok.end() < len(text) else " "
        if mark in open_at and not before.isspace():
            usable.update({open_at.pop(mark), i})
        elif not after.isspace():
            open_at[mark] = i

    spans: Inline = []
    bold = italic = False
    pos = 0

    def emit(chunk: str) -> None:
        if not chunk:
            return
        if spans and spans[-1].note is None and (spans[-1].bold, spans[-1].italic) == (bold, italic):
            spans[-1].text += chunk
        else:
            spans.append(Span(chunk, bold, italic))

    for i, tok in enumerate(tokens):
        mark = tok.group()
        if mark == "`":
            emit(text[pos:tok.start()])
            pos = tok.end()
            continue
        if mark.startswith("[^"):
            emit(text[pos:tok.start()])
            spans.append(Span("", bold, italic, note=mark[2:-1]))
            pos = tok.end()
            continue
        if i not in usable:
            continue
        emit(text[pos:tok.start()])
        pos = tok.end()
        if mark == "***":
            bold, italic = not bold, not italic
        elif mark == "**":
            bold = not bold
        else:
            italic = not italic
    emit(text[pos:])
    return spans


def _cells(line: str) -> list[Inline]:
    line = line.strip()
    if line.startswith("|"):
        line = line[1:]
    if line.endswith("|") and not line.endswith("\\|"):
        line = line[:-1]
    return [parse_inline(cell.strip()) for cell in re.split(r"(?<!\\)\|", line)]


def split_front_matter(text: str) -> tuple[dict, str]:
    if not text.startswith("---"):
        return {}, text
    end = text.find("\n---", 3)
    if end < 0:
        return {}, text
    meta = yaml.safe_load(text[3:end]) or {}
    return (meta if isinstance(meta, dict) else {}), text[end + 4 :].lstrip("\n")


def parse_blocks(lines: list[str], notes: dict[str, Inline]) -> list[Node]:
    """Block structure of a run of lines (the body, or the inside of a ``>`` box)."""
    blocks: list[Node] = []
    para: list[str] = []

    def flush() -> None:
        if para:
            joined = " ".join(p.strip() for p in para)
            control = joined.startswith("[[cc]]")
            joined = joined.removeprefix("[[cc]]").strip()
            blocks.append(Para(parse_inline(joined), control=control))
            para.clear()

    i = 0
    while i < len(lines):
        line = lines[i].rstrip()
        stripped = line.strip()
        if stripped.startswith(">"):
            flush()
            inner: list[str] = []
            while i < len(lines) and lines[i].strip().startswith(">"):
                inner.append(re.sub(r"^\s*>\s?", "", lines[i].rstrip()))
                i += 1
            blocks.append(Box(parse_blocks(inner, notes)))
            continue
        if not stripped:
            flush()
            i += 1
            continue
        if stripped.startswith("<!--"):
            flush()
            if "pagebreak" in stripped:
                blocks.append(PageBreak())
            i += 1
            continue
        heading = _HEADING.match(stripped)
        if heading:
            flush()
            title = inline_text(parse_inline(heading.group(2))).strip()
            blocks.append(Heading(min(len(heading.group(1)), 4), title))
            i += 1
            continue
        note = _NOTE_DEF.match(stripped)
        if note:
            flush()
            text = note.group("text")
            while i + 1 < len(lines) and lines[i + 1].startswith(("  ", "\t")) and lines[i + 1].strip():
                i += 1
                text += " " + lines[i].strip()
            notes[note.group("id")] = parse_inline(text)
            i += 1
            continue
        if stripped.startswith("|") and i + 1 < len(lines) and _RULE.match(lines[i + 1]):
            flush()
            rows = [_cells(stripped)]
            i += 2
            while i < len(lines) and lines[i].strip().startswith("|"):
                rows.append(_cells(lines[i]))
                i += 1
            width = max(len(r) for r in rows)
            blocks.append(Table([r + [[]] * (width - len(r)) for r in rows]))
            continue
        item = _ITEM.match(line)
        if item:
            flush()
            depth = len(item.group("indent").replace("\t", "  ")) // 2
            marker = item.group("marker")
            text = item.group("text")
            while (i + 1 < len(lines) and lines[i + 1].startswith("  ") and lines[i + 1].strip()
                   and not _ITEM.match(lines[i + 1]) and not lines[i + 1].strip().startswith(">")):
                i += 1
                text += " " + lines[i].strip()
            ordered = marker[0].isdigit()
            blocks.append(Item(depth, ordered, parse_inline(text),
                               number=int(marker[:-1]) if ordered else None))
            i += 1
            continue
        para.append(stripped)
        i += 1
    flush()
    return blocks


def parse_source(text: str, plan_id: str = "") -> Source:
    meta, body = split_front_matter(text)
    notes: dict[str, Inline] = {}
    blocks = parse_blocks(body.splitlines(), notes)
    return Source(plan_id, meta, blocks, notes)


def read_source(path: Path) -> Source:
    return parse_source(path.read_text(encoding="utf-8"), path.stem)
