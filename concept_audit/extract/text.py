"""Plain text and Markdown plans.

Markdown headings become headings, and so does a short paragraph set entirely in bold (one level below
the current heading, as the DOCX extractor reads a bold Word paragraph); ``-``/``*``/``1.`` lines are list
items (two spaces of indent per level; ``1.`` and ``1)`` items are ordered, bullets are not), pipe tables
tables, ``>`` quotes boxes, ``[^n]:`` lines footnotes. A YAML front-matter block supplies title and date.
Plain text uses the same reader with the conventions a typed plan has: numbered short lines are headings,
bullets are list items.
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from ..errors import InputError
from ..model import Block, Document
from .structure import BULLET_GLYPHS, DASH_BULLETS, numbering_depth, section_number, title_like

_MD_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_LIST = re.compile(rf"^(?P<indent>\s*)(?:[+{re.escape(BULLET_GLYPHS + DASH_BULLETS)}]|(?P<number>\d{{1,2}}[.)]))\s+(?P<text>.*)$")
"""A list item line: a bullet (Markdown's "-", "*", "+", or the glyphs and dashes the other extractors know)
or an enumerator ("1.", "2)"): then it is ordered."""
_TABLE_RULE = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$")
_FOOTNOTE_DEF = re.compile(r"^\[\^(?P<id>[^\]]+)\]:\s*(?P<text>.*)$")
_FOOTNOTE_REF = re.compile(r"\[\^([^\]]+)\]")
_ALL_BOLD = re.compile(r"^(\*\*|__)(?P<inner>\S(?:.*\S)?)\1$")
_INLINE = [
    (re.compile(r"\*\*(.+?)\*\*"), r"\1"),
    (re.compile(r"__(.+?)__"), r"\1"),
    (re.compile(r"(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*(?![\w*])"), r"\1"),
    (re.compile(r"`([^`]+)`"), r"\1"),
    (re.compile(r"\[([^\]]+)\]\([^)]+\)"), r"\1"),
    (re.compile(r"<!--.*?-->"), ""),
    (re.compile(r"^\[\[cc\]\]\s*"), ""),
]


def _inline(text: str) -> str:
    text = _FOOTNOTE_REF.sub(r"[\1]", text)
    for pattern, repl in _INLINE:
        text = pattern.sub(repl, text)
    return text.strip()


def _split_front_matter(text: str) -> tuple[dict, str]:
    if not text.startswith("---"):
        return {}, text
    end = text.find("\n---", 3)
    if end < 0:
        return {}, text
    try:
        meta = yaml.safe_load(text[3:end]) or {}
    except yaml.YAMLError:
        return {}, text
    if not isinstance(meta, dict):
        return {}, text
    return meta, text[end + 4 :].lstrip("\n")


def _cells(line: str) -> list[str]:
    line = line.strip()
    if line.startswith("|"):
        line = line[1:]
    if line.endswith("|"):
        line = line[:-1]
    return [_inline(c) for c in line.split("|")]


def _bold_heading(raw: str, text: str) -> bool:
    """A paragraph set entirely in bold that reads as a title ("**Action card 2 – Alvorlig bekymring**").

    Word plans formatted by hand have such paragraphs as their sub-headings, and the DOCX extractor reads
    a short bold paragraph as a heading one level below the current one; so does this, with the same test
    of what a title looks like (``title_like``). A bold lead-in followed by text ("**Faktaboks:** ...")
    is not set entirely in bold, and "**Ansvarlig:**" is a label, not a title.
    """
    match = _ALL_BOLD.match(raw.strip())
    if not match or match.group(1) in match.group("inner"):
        return False
    return title_like(text)


def _looks_like_plain_heading(line: str, next_blank: bool) -> int | None:
    """A plain-text line that reads as a heading: a short numbered line, or a short all-caps line."""
    stripped = line.strip()
    if len(stripped) > 90 or stripped.endswith((".", ",", ";")) and not section_number(stripped):
        return None
    number = section_number(stripped)
    if number and len(stripped.split()) <= 12 and not stripped.endswith((",", ";")):
        return numbering_depth(number)
    if next_blank and stripped.isupper() and len(stripped) > 3 and stripped[0].isalpha():
        return 1
    return None


def parse_markup(text: str, *, markdown: bool) -> tuple[dict, list[Block]]:
    """Parse Markdown (or plain text) into front matter and blocks."""
    meta, body = _split_front_matter(text) if markdown else ({}, text)
    lines = body.splitlines()
    blocks: list[Block] = []
    paragraph: list[str] = []
    footnotes: list[Block] = []
    box_open = False
    last_level = 0  # the level of the last "#" (or numbered) heading: a bold heading stands one below it

    def flush() -> None:
        nonlocal last_level
        if paragraph:
            joined = " ".join(p.strip() for p in paragraph)
            text_ = _inline(joined)
            if markdown and not box_open and _bold_heading(joined, text_):
                number = section_number(text_)
                level = numbering_depth(number) if number else min(last_level + 1, 9)
                if number:
                    last_level = level
                blocks.append(Block(index=0, kind="heading", text=text_, level=level, numbering=number))
            else:
                blocks.append(Block(index=0, kind="paragraph", text=text_,
                                    container="box" if box_open else "body"))
            paragraph.clear()

    i = 0
    while i < len(lines):
        raw = lines[i]
        line = raw.rstrip()
        quoted = line.lstrip().startswith(">")
        if quoted:
            line = re.sub(r"^\s*>\s?", "", line)
        if quoted != box_open:
            flush()
            box_open = quoted
        stripped = line.strip()
        container = "box" if box_open else "body"
        if not stripped or stripped == "<!-- pagebreak -->":
            flush()
            i += 1
            continue
        heading = _MD_HEADING.match(stripped) if markdown else None
        if heading:
            flush()
            title = _inline(heading.group(2))
            last_level = len(heading.group(1))
            blocks.append(Block(index=0, kind="heading", text=title, level=last_level,
                                numbering=section_number(title), container=container))
            i += 1
            continue
        footnote = _FOOTNOTE_DEF.match(stripped)
        if footnote:
            flush()
            footnotes.append(Block(index=0, kind="footnote",
                                   text=f"[{footnote.group('id')}] {_inline(footnote.group('text'))}"))
            i += 1
            continue
        if stripped.startswith("|") and i + 1 < len(lines) and _TABLE_RULE.match(lines[i + 1]):
            flush()
            rows = [_cells(stripped)]
            i += 2
            while i < len(lines) and lines[i].strip().startswith("|"):
                rows.append(_cells(lines[i]))
                i += 1
            blocks.append(Block(index=0, kind="table", text="", rows=rows, header_rows=1,
                                container=container))
            continue
        if not markdown and not paragraph:
            next_blank = i + 1 >= len(lines) or not lines[i + 1].strip()
            level = _looks_like_plain_heading(stripped, next_blank)
            if level is not None and next_blank:
                flush()
                blocks.append(Block(index=0, kind="heading", text=stripped, level=level,
                                    numbering=section_number(stripped)))
                i += 1
                continue
        item = _LIST.match(line)
        if item:
            flush()
            depth = len(item.group("indent").replace("\t", "  ")) // 2
            text_ = item.group("text")
            # Continuation lines of the item: indented, not a new item.
            while (i + 1 < len(lines) and lines[i + 1].startswith("  ")
                   and lines[i + 1].strip() and not _LIST.match(lines[i + 1])):
                i += 1
                text_ += " " + lines[i].strip()
            blocks.append(Block(index=0, kind="list_item", text=_inline(text_), depth=depth,
                                ordered=item.group("number") is not None, container=container))
            i += 1
            continue
        paragraph.append(stripped)
        i += 1
    flush()
    return meta, blocks + footnotes


def extract_text(path: Path, *, sha256: str, fmt: str) -> Document:
    raw = path.read_bytes()
    for encoding in ("utf-8-sig", "utf-16") if raw.startswith((b"\xff\xfe", b"\xfe\xff")) else ("utf-8-sig",):
        try:
            text = raw.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        try:
            text = raw.decode("cp1252")
        except UnicodeDecodeError as exc:
            raise InputError(path, "not_text", detail=str(exc)) from None
    if not text.strip():
        raise InputError(path, "empty")
    meta, blocks = parse_markup(text, markdown=(fmt == "md"))
    return Document(
        source=str(path),
        format=fmt,  # type: ignore[arg-type]
        sha256=sha256,
        blocks=blocks,
        pages=None,
        title=str(meta["title"]) if meta.get("title") else None,
        date=str(meta["date"]) if meta.get("date") else None,
        metadata={k: str(v) for k, v in meta.items() if k not in ("title", "date")},
    )
