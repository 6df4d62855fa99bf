"""PDF plans: characters → lines (``layout.py``) → blocks with headings, lists, tables and boxes.

A PDF keeps no structure a plan's author gave it, only glyphs. This module rebuilds what a reader sees:
running headers, footers and page numbers are dropped (they repeat on most pages), headings are lines
set larger or bolder than the body text (the most common style by glyph count) or numbered like
"2.1.4", their level from the size rank and the numbering depth; bullets become list items, ruled
tables become tables (pdfplumber's lattice algorithm on the page's ruling lines; a table broken over a
page is joined again), words broken at a line end are joined again unless the hyphen belongs to the
word ("SSP-samarbejde", "social- og sundhedsområdet"). Text in ruled cells, and words standing side by
side on one baseline (the columns of a table without rules), never make headings. Footnotes at
the foot of a page become one block each ("[n] text", the reference "[n]" after the word, from the raised
small digits ``layout.make_line`` marks); a paragraph or table broken over the page is joined across them,
and ``structure.place_footnotes`` moves each note after the block that refers to it, as for DOCX/Markdown.

Safety first: ``pdfsafety.scan_pdf`` inflates every stream with caps before any parser sees the file.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from rapidfuzz import fuzz

from ..errors import InputError
from ..model import Block, Document
from .layout import NOTE_MARK, Item, Line, TableArea, page_items
from .pdfchars import EncryptedPdf, PageChars, Rect, open_source
from .pdfsafety import MAX_PAGES, scan_pdf
from .structure import BULLET_GLYPHS, DASH_BULLETS, is_caption, is_field_line, numbering_depth, section_number

BAND = 0.09
"""Share of the page height at top and bottom where running headers and footers stand."""
MIN_CHARS_PER_PAGE = 15
"""Below this many glyphs per page on average the file is a scan without a text layer."""

_PAGE_NUMBER = re.compile(
    r"^(?:(?:side|page|s\.)\s*)?[-–—]?\s*\d{1,4}\s*[-–—]?(?:\s*(?:af|/|of|ud af)\s*\d{1,4})?$", re.IGNORECASE
)
_BULLET = re.compile(rf"^(?:[{BULLET_GLYPHS}\ue000-\uf8ff]|[{re.escape(DASH_BULLETS)}](?=\s))\s*")
_ENUM = re.compile(r"^(?:\d{1,2}|[a-zA-Z])[.)]\s+")
_DIGITS = re.compile(r"\d+")
_KEEP_HYPHEN_NEXT = {"og", "eller", "and", "or"}
_MARKED = re.compile(rf"(\s*){NOTE_MARK}(\d+){NOTE_MARK}")
_NOTE_LABEL = re.compile(rf"^(?:{NOTE_MARK}(\d{{1,3}}){NOTE_MARK}|(\d{{1,3}})(?=\s))\s*")
"""A note's number before its text at the foot of the page: superscript (as Word and LibreOffice set it),
or a plain number followed by a space."""


def _unmarked(text: str) -> str:
    """``text`` without its superscript note numbers: for tests on how a sentence ends."""
    return _MARKED.sub("", text)


# ------------------------------------------------------------------------------------ hyphenation


def join_lines(lines: list[str]) -> str:
    """Join the lines of a paragraph, repairing words broken at a line end.

    The hyphen is dropped ("beredskabs-" + "organisering") unless it is part of the word: after an
    acronym or a digit ("SSP-samarbejde", "18-årige"), before a capital ("Nord-Slesvig"), or before
    "og"/"eller" in a shared compound ("social- og sundhedsområdet").
    """
    out = ""
    for line in lines:
        line = line.strip()
        if not line:
            continue
        if not out:
            out = line
            continue
        if out.endswith(("-", "\u00ad", "\u2010")) and len(out) >= 2 and out[-2].isalnum():
            before = re.split(r"[\s/(]", out[:-1])[-1]
            head = re.split(r"-", before)[-1]
            next_word = re.split(r"[\s,.;:)]", line, maxsplit=1)[0]
            keep = (
                (head.isupper() and len(head) >= 1 and any(ch.isalpha() for ch in head))
                or head[-1:].isdigit()
                or next_word[:1].isupper()
                or next_word[:1].isdigit()
                or next_word.lower() in _KEEP_HYPHEN_NEXT
            )
            if out.endswith("\u00ad"):
                keep = False
            if keep and next_word.lower() in _KEEP_HYPHEN_NEXT:
                out = out[:-1] + "- " + line
            elif keep:
                out = out[:-1] + "-" + line
            else:
                out = out[:-1] + line
        elif out.endswith(("–", "—")) and out[-2:-1].isdigit() and line[:1].isdigit():
            out = out + line  # "2025–" + "2028"
        else:
            out = out + " " + line
    return out


# ------------------------------------------------------------------------------ running headers


def _band(line: Line, height: float) -> bool:
    return line.bottom <= height * BAND or line.top >= height * (1 - BAND)


def _normal(text: str) -> str:
    return _DIGITS.sub("#", " ".join(text.lower().split()))


def remove_running(pages: list[list[Item]], sizes: list[float]) -> list[list[Item]]:
    """Drop page numbers and lines in the top/bottom band that repeat (fuzzily) on most pages."""
    candidates: list[list[str]] = []
    for items, height in zip(pages, sizes):
        candidates.append([_normal(i.text) for i in items
                           if isinstance(i, Line) and i.container == "body" and _band(i, height)])
    need = max(2, (len(pages) + 1) // 2)
    running: set[str] = set()
    if len(pages) >= 2:
        all_texts = {t for texts in candidates for t in texts}
        for text in all_texts:
            count = sum(1 for texts in candidates if any(t == text or fuzz.ratio(t, text) >= 90 for t in texts))
            if count >= need:
                running.add(text)
    out: list[list[Item]] = []
    for items, height in zip(pages, sizes):
        kept: list[Item] = []
        for item in items:
            if isinstance(item, Line) and item.container == "body" and _band(item, height):
                text = item.text.strip()
                norm = _normal(text)
                if _PAGE_NUMBER.match(text) or norm in running or any(
                        fuzz.ratio(norm, r) >= 90 for r in running):
                    continue
            kept.append(item)
        out.append(kept)
    return out


# ---------------------------------------------------------------------------------------- blocks


@dataclass
class _Draft:
    """A block being assembled from lines."""

    lines: list[Line] = field(default_factory=list)
    kind: str = "paragraph"
    marker_x: float = 0.0
    text_x: float = 0.0
    ordered: bool | None = None
    """For a list item: its marker is an enumerator ("1.", "a)"), not a bullet."""
    table: TableArea | None = None
    after_break: bool = False
    """Started at a page or column change rather than at a visible paragraph gap."""


@dataclass
class _Style:
    body_size: float
    body_bold: bool
    para_gap: float


def _style(pages: list[list[Item]]) -> _Style:
    sizes: Counter[float] = Counter()
    bolds: Counter[bool] = Counter()
    for items in pages:
        for item in items:
            if isinstance(item, Line) and item.container == "body" and not item.bar:
                sizes[item.size] += len(item.text)
                bolds[item.bold] += len(item.text)
    body_size = sizes.most_common(1)[0][0] if sizes else 10.0
    body_bold = bolds.most_common(1)[0][0] if bolds else False
    gaps: Counter[float] = Counter()
    for items in pages:
        lines = [i for i in items if isinstance(i, Line)]
        for a, b in zip(lines, lines[1:]):
            if a.size == b.size == body_size and a.region == b.region:
                gap = b.top - a.bottom
                if -body_size < gap < 2 * body_size:
                    gaps[round(gap * 2) / 2] += 1
    line_gap = gaps.most_common(1)[0][0] if gaps else 0.0
    return _Style(body_size, body_bold, line_gap + max(1.5, 0.25 * body_size))


def _heading_styled(line: Line, style: _Style) -> bool:
    if line.bar:
        return True
    if line.size >= style.body_size + 0.9:
        return True
    return line.bold and not style.body_bold and line.size >= style.body_size - 0.6


def _marker(line: Line) -> tuple[str, re.Match[str] | None]:
    """Which list marker a line starts with: "bullet", "enum" or ""."""
    match = _BULLET.match(line.text)
    if match:
        return "bullet", match
    match = _ENUM.match(line.text)
    if match and line.gaps and line.gaps[0] >= 0.6 * line.size and not line.bold:
        return "enum", match
    return "", None


def _starts_new(prev: Line, line: Line, draft: _Draft, style: _Style) -> bool:
    if line.page != prev.page or line.region != prev.region or line.container != prev.container:
        return True
    if line.top < prev.top - 1.0 or line.top < prev.bottom - 0.5 * prev.height:
        return True  # back up the page (next column) or beside the previous line (another cell)
    if line.top - prev.bottom > style.para_gap * max(1.0, prev.size / style.body_size):
        return True
    if _marker(line)[0] or line.text.startswith(NOTE_MARK):
        return True  # a list item, or the next footnote at the foot of the page
    if line.bar != prev.bar or abs(line.size - prev.size) > 0.6:
        return True
    if line.bold != prev.bold:
        wide = prev.x1 >= prev.region_x1 - 0.12 * max(1.0, prev.region_x1 - prev.region_x0)
        if not (prev.bold and wide):  # a bold lead-in sentence running on into the paragraph
            return True
    if draft.kind == "list_item" and line.x0 < min(draft.text_x - 4, draft.marker_x + prev.region_x0 + 2):
        return True
    return False


def _table_rows_text(rows: list[list[str]]) -> list[list[str]]:
    return [[cell or "" for cell in row] for row in rows]


def continues(first: TableArea, second: TableArea) -> bool:
    """``second`` is the rest of ``first``, broken over a page: nothing between the two (``first`` ends its
    page, ``second`` opens the next), same container, the same columns (within 3 pt), and no header row
    of its own, unless it repeats ``first``'s or ends a row broken at the foot of the page."""
    if not (second.page == (first.last_page or first.page) + 1 and second.container == first.container == "body"
            and first.columns and len(first.columns) == len(second.columns)
            and all(abs(a - b) <= 3 for a, b in zip(first.columns, second.columns))):
        return False
    if not second.header_rows or not second.rows:
        return True
    return (second.rows[:second.header_rows] == first.rows[:first.header_rows]
            or bool(first.rows) and _rest_of_row(first.rows[-1], second.rows[0]))


def _rest_of_row(above: list[str], row: list[str]) -> bool:
    """``row`` (the first on a new page) is the end of ``above``, a row broken at the foot of the page.

    The cells that fit above are empty below, the others go on: each filled cell stands under a filled
    one, and one goes on in lower case, mid-sentence; where every cell goes on, all of them do. (A row
    under a vertically merged cell is also partly empty, but its cells start afresh.)
    """
    filled = [i for i, cell in enumerate(row) if cell.strip()]
    if not filled or len(above) != len(row) or not all(above[i].strip() for i in filled):
        return False
    lower = [row[i].strip()[:1].islower() for i in filled]
    if len(filled) == len(row):  # a number may go on a cell ("6–12 måneder") as well as start one
        return any(lower) and all(low or row[i].strip()[:1].isdigit() for low, i in zip(lower, filled))
    return any(lower)


def _join_cell(above: str, below: str) -> str:
    """A cell broken over a page: the page may have cut a word ("Foreg" + "ribende"), which the plan's
    vocabulary decides as for a word cut at a cell's edge."""
    above, below = above.strip(), below.strip()
    if above[-1:].isalpha() and below[:1].isalpha() and below[:1].islower():
        return above + CELL_BREAK + below
    return join_lines([above, below])


def join_tables(first: TableArea, second: TableArea) -> None:
    """Append ``second``'s rows to ``first``: without the header rows the page break repeated, and with a
    row broken over the page joined again."""
    rows = [list(row) for row in second.rows]
    head = first.rows[:first.header_rows]
    if head and rows[:len(head)] == head:
        rows = rows[len(head):]
    if rows and first.rows and _rest_of_row(first.rows[-1], rows[0]):
        last = first.rows[-1]
        first.rows[-1] = [_join_cell(a, b) for a, b in zip(last, rows.pop(0))]
    first.rows = first.rows + rows
    first.bottom = second.bottom
    first.last_page = second.page


def _foot_note(draft: _Draft, style: _Style) -> bool:
    """A footnote at the foot of a page (set small, starting with its number): the text of the page goes on
    past it, so a table or paragraph broken over the page is joined across it."""
    return (draft.table is None and bool(draft.lines) and draft.lines[0].size <= style.body_size - 1.0
            and bool(_NOTE_LABEL.match(draft.lines[0].text)))


def build_drafts(pages: list[list[Item]], style: _Style) -> list[_Draft]:
    drafts: list[_Draft] = []
    current: _Draft | None = None
    prev: Line | None = None
    for items in pages:
        for item in items:
            if isinstance(item, TableArea):
                current = None
                prev = None
                last = next((d.table for d in reversed(drafts) if not _foot_note(d, style)), None)
                if last is not None and continues(last, item):
                    join_tables(last, item)
                else:
                    drafts.append(_Draft(kind="table", table=item))
                continue
            if current is not None and prev is not None and not _starts_new(prev, item, current, style):
                current.lines.append(item)
                prev = item
                continue
            current = _Draft(lines=[item])
            current.after_break = prev is not None and (item.page != prev.page or item.top < prev.top - 1.0)
            kind, match = _marker(item)
            if kind:
                current.kind = "list_item"
                current.ordered = kind == "enum"
                current.marker_x = item.x0 - item.region_x0
                offset = 0
                consumed = len(match.group().replace(" ", "")) if match else 0
                for c in item.chars:  # the x where the item's text starts (for continuation lines)
                    if offset >= consumed:
                        current.text_x = c.x0
                        break
                    offset += len(c.text)
                else:
                    current.text_x = item.x0
            drafts.append(current)
            prev = item
    return drafts


def _is_heading(draft: _Draft, style: _Style) -> bool:
    lines = draft.lines
    if draft.kind != "paragraph" or lines[0].container != "body" or len(lines) > 3:
        return False
    if any(l.beside or l.in_grid for l in lines):
        return False  # a cell of a table without rules, a column header, text in ruled cells
    text = _unmarked(join_lines([l.text for l in lines]))
    words = len(text.split())
    if words == 0 or words > 25 or text.endswith((",", ";")) or is_caption(text) or is_field_line(text):
        return False
    number = section_number(text)
    if all(_heading_styled(l, style) for l in lines):
        if text.endswith(".") and not number and words > 8:
            return False  # a bold sentence, not a title
        return any(ch.isalpha() for ch in text)
    # A numbered title in body type: "2.1 Organisation og samarbejde", "Bilag 4.3 Skabelon".
    if number and len(lines) == 1 and words <= 12 and not text.endswith((".", ":")):
        rest = text[len(number):].lstrip(" .)–-:")
        if rest[:1].isupper() and ("." in number or number.lower().startswith(("bilag", "kapitel"))):
            return True
    return False


def _heading_levels(heads: list[tuple[Block, tuple[float, bool]]]) -> None:
    """Level from numbering depth where numbered, else from the rank of the heading's size and weight."""
    keys = sorted({key for _, key in heads}, key=lambda k: (-k[0], not k[1]))
    counts = Counter(key for _, key in heads)
    by_number: dict[tuple[float, bool], Counter[int]] = {}
    for block, key in heads:
        if block.numbering:
            by_number.setdefault(key, Counter())[numbering_depth(block.numbering)] += 1
    rank: dict[tuple[float, bool], int] = {}
    ranked = keys
    if len(keys) > 1 and counts[keys[0]] == 1 and heads and heads[0][1] == keys[0]:
        rank[keys[0]] = 1  # a document title: level 1 like the chapters under it
        ranked = keys[1:]
    for i, key in enumerate(ranked):
        rank[key] = min(6, i + 1)
    for block, key in heads:
        if block.numbering:
            block.level = min(6, numbering_depth(block.numbering))
        elif key in by_number:
            block.level = by_number[key].most_common(1)[0][0]
        else:
            block.level = rank[key]


def drafts_to_blocks(drafts: list[_Draft], style: _Style, marker_indents: list[float],
                     heights: dict[int, float]) -> list[Block]:
    blocks: list[Block] = []
    heads: list[tuple[Block, tuple[float, bool]]] = []
    for draft in drafts:
        if draft.table is not None:
            t = draft.table
            rows = _table_rows_text(t.rows)
            header = min(t.header_rows, len(rows) - 1)  # a table of one row has no header row (as in Word)
            blocks.append(Block(index=0, kind="table", text="", rows=rows, header_rows=header,
                                page=t.page, container=t.container))  # type: ignore[arg-type]
            continue
        first = draft.lines[0]
        container = first.container
        if draft.kind == "list_item":
            text = join_lines([l.text for l in draft.lines])
            text = _BULLET.sub("", text, count=1) if _BULLET.match(text) else _ENUM.sub("", text, count=1)
            depth = sum(1 for x in marker_indents if x < draft.marker_x - 4)
            blocks.append(Block(index=0, kind="list_item", text=text, depth=depth, ordered=draft.ordered,
                                page=first.page, container=container))  # type: ignore[arg-type]
            continue
        text = join_lines([l.text for l in draft.lines])
        if _is_heading(draft, style):
            block = Block(index=0, kind="heading", text=text, page=first.page, numbering=section_number(text))
            blocks.append(block)
            heads.append((block, (first.size, first.bold or first.bar)))
            continue
        height = heights.get(first.page, 842.0)
        small_foot = first.size <= style.body_size - 1.0 and first.top > 0.65 * height and container == "body"
        if small_foot and not _NOTE_LABEL.match(text):
            note = next((b for b in reversed(blocks) if b.kind == "footnote"), None)
            if (note is not None and note.page == first.page - 1
                    and not any(b.kind == "footnote" and b.page == first.page for b in blocks)
                    and (text[:1].islower() or not _unmarked(note.text).rstrip().endswith((".", "!", "?")))):
                note.text = join_lines([note.text, text])  # a footnote running on at the next page's foot
                continue
        prev = next((b for b in reversed(blocks) if b.kind != "footnote" or b.page != first.page - 1), None)
        if (draft.after_break and prev is not None and prev.kind == "paragraph" and container == "body"
                and prev.container == "body"
                and not _unmarked(prev.text).rstrip().endswith((".", "!", "?", ":", ";"))
                and text[:1].islower()):
            prev.text = join_lines([prev.text, text])  # a paragraph running on over a page or column
            continue
        kind = "paragraph"
        if (small_foot and _NOTE_LABEL.match(text)) or (
                text.startswith(NOTE_MARK) and first.top > 0.5 * height and container == "body"):
            kind = "footnote"
        blocks.append(Block(index=0, kind=kind, text=text, page=first.page,  # type: ignore[arg-type]
                            container=container))  # type: ignore[arg-type]
    _heading_levels(heads)
    resolve_note_marks(blocks)
    resolve_cell_breaks(blocks)
    return blocks


def resolve_note_marks(blocks: list[Block]) -> None:
    """Write footnote numbers as DOCX and Markdown do: a note as "[n] text", its reference as "[n]" right
    after the word (no space, never glued to it as a plain digit: "bestemmelser.[1]").

    A superscript number is a reference only where the document has note n; any other superscript digits
    (m², a date's "1st") go back into the text as plain digits.
    """
    notes: set[str] = set()
    for block in blocks:
        if block.kind == "footnote":
            match = _NOTE_LABEL.match(block.text)
            if match:
                number = match.group(1) or match.group(2)
                notes.add(number)
                block.text = f"[{number}] " + block.text[match.end():]

    def mark(match: re.Match[str]) -> str:
        space, number = match.group(1), match.group(2)
        return f"[{number}]" if number in notes else space + number

    for block in blocks:
        block.text = _MARKED.sub(mark, block.text)
        if block.rows is not None:
            block.rows = [[_MARKED.sub(mark, cell).replace(NOTE_MARK, "") for cell in row] for row in block.rows]
        block.text = block.text.replace(NOTE_MARK, "")


def _marker_indents(drafts: list[_Draft]) -> list[float]:
    """Distinct list-marker indents in the document (within 4 pt), smallest first: depth = position."""
    indents: list[float] = []
    for x in sorted(d.marker_x for d in drafts if d.kind == "list_item"):
        if not indents or x - indents[-1] > 4:
            indents.append(x)
    return indents


# ----------------------------------------------------------------------------------------- tables


def _has_rulings(page: PageChars) -> bool:
    """Enough horizontal and vertical ruling lines (or cell fills) to be worth a table search."""
    horizontal = sum(1 for r in page.rulings if r.width > 20 and r.height < 2.5)
    vertical = sum(1 for r in page.rulings if r.height > 8 and r.width < 2.5)
    return horizontal >= 2 and vertical >= 2


def _edges(page: PageChars) -> list[dict]:
    """Ruling lines (and the sides of stroked rectangles) as pdfplumber-style edges."""
    edges: list[dict] = []

    def h(x0: float, x1: float, y: float) -> None:
        edges.append({"x0": x0, "x1": x1, "top": y, "bottom": y, "width": x1 - x0, "height": 0.0,
                      "orientation": "h"})

    def v(x: float, top: float, bottom: float) -> None:
        edges.append({"x0": x, "x1": x, "top": top, "bottom": bottom, "width": 0.0, "height": bottom - top,
                      "orientation": "v"})

    for r in page.rulings:
        if r.height < 2.5 and r.width >= 3:
            h(r.x0, r.x1, (r.top + r.bottom) / 2)
        elif r.width < 2.5 and r.height >= 3:
            v((r.x0 + r.x1) / 2, r.top, r.bottom)
        elif r.width >= 3 and r.height >= 3:
            h(r.x0, r.x1, r.top), h(r.x0, r.x1, r.bottom), v(r.x0, r.top, r.bottom), v(r.x1, r.top, r.bottom)
    return edges


class _TableFinder:
    """Ruled tables from the page's own ruling lines, with pdfplumber's lattice algorithm.

    pdfplumber's table functions are pure geometry: fed with the edges our character source already
    read, they find the same tables as ``page.find_tables()`` without pdfminer parsing the page again
    (which cost more than the whole pdfium extraction on a table-heavy plan).
    """

    def find(self, page: PageChars) -> tuple[list[TableArea], list[Rect]]:
        """The page's tables, and the ruled grids of several cells that are not read as tables.

        A grid needs two columns to be a table (one column is a frame drawn around text). One row is
        enough: a table broken over a page can leave only its header row at the foot of the page
        (``build_drafts`` joins it to the rest, see ``continues``), and Word reads a one-row table as a table;
        but a one-row grid wholly in the top or bottom band is a running header or footer drawn as a
        table, and stays text (kept in the second list, so it never makes headings).
        """
        if not _has_rulings(page):
            return [], []
        from pdfplumber.table import cells_to_tables, edges_to_intersections, intersections_to_cells, merge_edges

        edges = merge_edges(_edges(page), 3, 3, 3, 3)
        cells = intersections_to_cells(edges_to_intersections(edges, 3, 3))
        found: list[TableArea] = []
        grids: list[Rect] = []
        for group in cells_to_tables(cells):
            x0, top = min(c[0] for c in group), min(c[1] for c in group)
            x1, bottom = max(c[2] for c in group), max(c[3] for c in group)
            rows, columns = _cells_to_rows(group, page)
            if not rows or len(columns) < 2:
                continue
            if len(rows) == 1 and (bottom <= page.height * BAND or top >= page.height * (1 - BAND)):
                grids.append(Rect(x0, top, x1, bottom))
                continue
            first_top = min(c[1] for c in group)
            first_bottom = min(c[3] for c in group if abs(c[1] - first_top) < 1)
            header = 0
            head_chars = [c for c in page.chars if first_top <= (c.top + c.bottom) / 2 <= first_bottom
                          and x0 <= c.x0 <= x1]
            shaded = any(f.top <= first_top + 1 and f.bottom >= first_bottom - 1 and f.luminance < 0.97
                         and f.x0 >= x0 - 1 and f.x1 <= x1 + 1 for f in page.fills)
            if head_chars and (sum(c.bold for c in head_chars) >= 0.8 * len(head_chars) or shaded):
                header = 1
            found.append(TableArea(x0, top, x1, bottom, rows, header, page.number, columns=[*columns, x1]))
        return found, grids


CELL_BREAK = "\u2064"
"""Stands between two lines of a ruled cell where a word may have been cut at the cell's edge, until the
whole document's vocabulary decides (:func:`resolve_cell_breaks`)."""
CELL_EDGE_SLACK = 1.0
"""A cell line ending within this many font sizes of the cell's text edge may have run into it."""


def cell_text(lines: list[Line], x0: float, x1: float) -> str:
    """The text of a ruled cell, marking where a narrow cell may have cut a word.

    A word longer than the cell is wide is cut where the cell ends ("Opfølgnin" + "g"), without a hyphen,
    and a comma that does not fit goes to the next line ("Kriminalforsorgen" + ", Job"). Such a line
    reaches the cell's text edge (the right rule less the padding the lines keep on the left). A line
    wrapped between words can end as close, so geometry only marks the place; the vocabulary decides."""
    lines = [line for line in lines if line.text.strip()]
    if not lines:
        return ""
    edge = x1 - max(0.0, min(line.x0 for line in lines) - x0)
    parts = [lines[0].text.strip()]
    for prev, line in zip(lines, lines[1:]):
        text = line.text.strip()
        if text[:1] in ",.;:)" and parts[-1][-1:].isalnum():
            parts[-1] += text  # punctuation never opens a line of its own accord
        elif (edge - prev.x1 <= CELL_EDGE_SLACK * prev.size and parts[-1][-1:].isalpha()
              and text[:1].isalpha() and text[:1].islower()):
            parts[-1] += CELL_BREAK + text
        else:
            parts.append(text)
    return join_lines(parts)


_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
SHORT_TAIL = 2
"""A cut-off tail this short that is no word of the document ("Målgrupp" + "e") joins in any case."""
INFLECTION = 3
"""How many final letters two forms of one word may differ in ("folkeskoler", "folkeskolerne")."""


def resolve_cell_breaks(blocks: list[Block]) -> None:
    """Join the words cut at a cell's edge, judged by the words the document uses elsewhere.

    "tilbagemel" + "ding" is one word when "tilbagemelding" stands elsewhere in the plan; "og" +
    "fællesskaber" are two, since "ogfællesskaber" does not. Plans repeat their vocabulary (a column
    header recurs in the body, a function in several tables), which is what makes this safe."""
    def texts():
        for block in blocks:
            yield block.text
            for row in block.rows or []:
                yield from row

    if not any(CELL_BREAK in text for text in texts()):
        return  # no cell line ran into its edge: nothing to judge, no vocabulary to build
    vocabulary: set[str] = set()
    for text in texts():
        for token in text.split():
            if CELL_BREAK not in token:
                vocabulary.update(w.lower() for w in _WORD.findall(token))

    ordered = sorted(vocabulary)

    def known(word: str, head: int) -> bool:
        """The word, or another inflection of it: the plan writes "folkeskolerne" where a cell cut
        "folkesk" + "oler", and "demokratiske" where one cut "demokrat" + "isk"."""
        if word in vocabulary:
            return True
        if len(word) < 2 * INFLECTION:
            return False
        stem = word[:max(head + 1, len(word) - INFLECTION)]  # the tail's letters must take part
        i = bisect.bisect_left(ordered, stem)
        while i < len(ordered) and ordered[i].startswith(stem):
            if abs(len(ordered[i]) - len(word)) <= INFLECTION:
                return True
            i += 1
        return False

    def joins(head: str, tail: str) -> bool:
        joined = (head + tail).lower()
        if joined in vocabulary:
            return True
        head_word, tail_word = head.lower() in vocabulary, tail.lower() in vocabulary
        if head_word and tail_word:
            return False  # two words of the plan ("og" + "fællesskaber")
        return known(joined, len(head)) or (len(tail) <= SHORT_TAIL and not tail_word and not head_word)

    def mend(text: str) -> str:
        if CELL_BREAK not in text:
            return text
        pieces = text.split(CELL_BREAK)
        out = pieces[0]
        for piece in pieces[1:]:
            head = (_WORD.findall(out[-40:]) or [""])[-1] if out[-1:].isalpha() else ""
            tail = (_WORD.findall(piece[:40]) or [""])[0] if piece[:1].isalpha() else ""
            out += piece if head and tail and joins(head, tail) else " " + piece
        return out

    for block in blocks:
        if block.rows is not None:
            block.rows = [[mend(cell) for cell in row] for row in block.rows]
        block.text = mend(block.text)


def _cells_to_rows(cells: list[tuple[float, float, float, float]],
                   page: PageChars) -> tuple[list[list[str]], list[float]]:
    """Cell boxes → rows of cell texts (a merged cell appears once, in its first column), column lefts."""
    from .layout import build_lines

    columns: list[float] = []
    for x in sorted(c[0] for c in cells):
        if not columns or x - columns[-1] > 2:
            columns.append(x)
    by_row: dict[float, list[tuple[float, float, float, float]]] = {}
    for cell in sorted(cells, key=lambda c: (c[1], c[0])):
        key = next((k for k in by_row if abs(k - cell[1]) < 2), cell[1])
        by_row.setdefault(key, []).append(cell)
    rows: list[list[str]] = []
    for key in sorted(by_row):
        row = [""] * len(columns)
        for x0, top, x1, bottom in by_row[key]:
            inside = [c for c in page.chars
                      if x0 <= (c.x0 + c.x1) / 2 <= x1 and top <= (c.top + c.bottom) / 2 <= bottom]
            text = cell_text(build_lines(inside, page.number), x0, x1) if inside else ""
            column = min(range(len(columns)), key=lambda i: abs(columns[i] - x0))
            row[column] = text
        rows.append(row)
    return rows, columns


# --------------------------------------------------------------------------------------- document


def _iso_date(value: str | None) -> str | None:
    match = re.match(r"^(?:D:)?(\d{4})(\d{2})?(\d{2})?", value or "")
    if not match:
        return None
    year, month, day = match.group(1), match.group(2) or "01", match.group(3) or "01"
    return f"{year}-{month}-{day}"


def extract_pdf(path: Path, *, sha256: str, backend: str | None = None) -> Document:
    """Read a PDF plan into the document model (``backend``: "pdfium" (default) or "pdfplumber")."""
    scan = scan_pdf(path)
    if scan.truncated:
        raise InputError(path, "corrupt_pdf", detail="filen er afkortet")
    try:
        source = open_source(path, backend)
    except EncryptedPdf:
        raise InputError(path, "encrypted") from None
    finder = _TableFinder()
    try:
        if source.page_count > MAX_PAGES:
            raise InputError(path, "too_large", detail=f"mere end {MAX_PAGES} sider")
        if source.page_count == 0:
            raise InputError(path, "corrupt_pdf", detail="ingen sider")
        pages: list[list[Item]] = []
        heights: dict[int, float] = {}
        glyphs = 0
        empty_pages = 0
        for page in source.pages():
            glyphs += len(page.chars)
            empty_pages += len(page.chars) < MIN_CHARS_PER_PAGE
            heights[page.number] = page.height
            if page.chars:
                tables, grids = finder.find(page)
                pages.append(page_items(page, tables, grids))
            else:
                pages.append([])
        metadata = dict(source.metadata)
        page_count = source.page_count
    finally:
        source.close()
    if glyphs < MIN_CHARS_PER_PAGE * page_count:
        raise InputError(path, "no_text")
    pages = remove_running(pages, [heights[i + 1] for i in range(page_count)])
    style = _style(pages)
    drafts = build_drafts(pages, style)
    blocks = drafts_to_blocks(drafts, style, _marker_indents(drafts), heights)
    warnings = []
    if empty_pages:
        warnings.append(f"{empty_pages} side(r) uden tekstlag (scannet?) er sprunget over")
    meta = {k.lower(): v for k, v in metadata.items() if k not in ("Title", "CreationDate")}
    if metadata.get("CreationDate"):
        meta["creationdate"] = metadata["CreationDate"]
    return Document(
        source=str(path),
        format="pdf",
        sha256=sha256,
        blocks=blocks,
        pages=page_count,
        title=(metadata.get("Title") or "").strip() or None,
        date=_iso_date(metadata.get("CreationDate")),
        metadata=meta,
        warnings=warnings,
    )
