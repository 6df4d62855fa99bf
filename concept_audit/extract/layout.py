"""Page geometry → lines in reading order: words, lines, columns, fact boxes and heading bars.

A PDF has no paragraphs, only glyphs at positions. This module rebuilds lines from glyphs, finds the
regions a reader would read separately (two columns split by an empty vertical gutter; filled
rectangles with dark text = fact boxes and sidebars) and returns the lines of a page in the order a
reader reads them. Deciding what a line *is* (heading, list item, running header) is left to
``pdf.py``, which sees all pages at once.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from statistics import median

from .pdfchars import Char, PageChars, Rect
from .structure import BULLET_GLYPHS, DASH_BULLETS

BOX_MIN_WIDTH = 40.0
BOX_MIN_HEIGHT = 14.0
BOX_MAX_LUMINANCE = 0.985
"""Fills lighter than this are white paper, not a box."""
BAR_MAX_LUMINANCE = 0.6
"""A heading bar is a dark fill with light text on it."""


@dataclass
class Line:
    """A run of glyphs on one baseline inside one region, with the style a reader sees."""

    chars: list[Char]
    x0: float
    top: float
    x1: float
    bottom: float
    text: str
    size: float
    bold: bool
    """(Nearly) all glyphs bold."""
    page: int
    region: int = 0
    """0 = the page's body flow; boxes count from 1 (unique per page)."""
    container: str = "body"
    bar: bool = False
    """White text on a short coloured bar: a heading whatever its size."""
    region_x0: float = 0.0
    region_x1: float = 0.0
    gaps: list[float] = field(default_factory=list)
    """Horizontal gaps (points) at which the line's words were split: a tab or a cell gap shows as a large one."""
    beside: bool = False
    """Another line with words stands beside this one on its baseline in the same column: cells of a table
    without rules, or text set in columns, not a line of running text (and never a heading)."""
    in_grid: bool = False
    """Inside ruled cells that were not read as a table (never a heading either)."""

    @property
    def height(self) -> float:
        return self.bottom - self.top

    @property
    def bold_start(self) -> bool:
        return bool(self.chars) and self.chars[0].bold


@dataclass
class TableArea:
    """A table found on the page (by ``pdf.py``): its box and cells; placed in reading order like a line."""

    x0: float
    top: float
    x1: float
    bottom: float
    rows: list[list[str]]
    header_rows: int
    page: int
    region: int = 0
    container: str = "body"
    columns: list[float] = field(default_factory=list)
    """The left x of each column and, last, the table's right edge (to join a table broken over pages)."""
    last_page: int = 0
    """The page a table joined over page breaks ends on (0: ``page``)."""


Item = Line | TableArea


# ------------------------------------------------------------------------------------------- lines


def _centre(c: Char) -> float:
    return (c.top + c.bottom) / 2


def _runs(chars: list[Char]) -> list[list[Char]]:
    """Split glyphs, in content-stream order, into runs that go left to right on one baseline."""
    runs: list[list[Char]] = []
    current: list[Char] = []
    for c in chars:
        if current:
            prev = current[-1]
            size = max(prev.size, c.size, 1.0)
            # Going back left of the previous glyph's start means a new line; overlapping it does not
            # (the second letter of a ligature such as "fi" shares the ligature's box).
            if (abs(_centre(c) - _centre(prev)) > 0.45 * size or c.x0 < prev.x0 - 0.5
                    or c.x0 - prev.x1 > 1.2 * size):
                runs.append(current)
                current = []
        current.append(c)
    if current:
        runs.append(current)
    return runs


_MARKER_CHARS = set(BULLET_GLYPHS + DASH_BULLETS)


def _is_marker(seg: list[Char]) -> bool:
    """A bullet glyph or an enumerator ("1.", "a)") standing alone before a tab."""
    text = "".join(c.text for c in seg)
    if len(text) == 1:
        return text in _MARKER_CHARS or "\ue000" <= text <= "\uf8ff"
    return 2 <= len(text) <= 3 and text[-1] in ".)" and (text[:-1].isdigit() or text[:-1].isalpha())


def _merge_runs(runs: list[list[Char]]) -> list[list[Char]]:
    """Join runs that sit on the same baseline and touch horizontally (text drawn out of order)."""
    runs = sorted(runs, key=lambda r: r[0].x0)
    segments: list[list[Char]] = []
    for run in runs:
        first = run[0]
        size = max(first.size, 1.0)
        for seg in segments:
            last = seg[-1]
            # A list marker is followed by a tab: allow a wide gap after one.
            reach = 4.0 if _is_marker(seg) else 1.2
            if abs(_centre(first) - _centre(last)) <= 0.45 * size and first.x0 >= last.x0 - 0.5 and first.x0 - last.x1 <= reach * size:
                seg.extend(run)
                break
        else:
            segments.append(list(run))
    return segments


NOTE_MARK = "\u2063"
"""Brackets a run of raised, small digits in a line's text: a footnote number as the PDF sets it, after the
word that refers to the note ("bestemmelser.¹") or before the note's text at the foot of the page.
``pdf.py`` turns a marked run into "[n]" when the document has note n (as DOCX and Markdown write it), else
back into plain digits (a superscript that is no note reference)."""


def _raised_digits(chars: list[Char], size: float, bottom: float) -> list[bool]:
    """Which glyphs are superscript digits: at most 80 % of the line's size and sitting clearly above its
    baseline (a subscript, as in CO₂, sits low and is left alone)."""
    return [c.text.isdigit() and c.size <= 0.8 * size and c.bottom < bottom - 0.15 * size for c in chars]


def make_line(chars: list[Char], page: int) -> Line:
    """Build one line: text with word spaces, box, dominant size, boldness; superscript digits marked with
    :data:`NOTE_MARK`."""
    parts: list[str] = []
    gaps: list[float] = []
    prev: Char | None = None
    sizes: dict[float, int] = {}
    bold = 0
    for c in chars:
        key = round(c.size * 2) / 2
        sizes[key] = sizes.get(key, 0) + len(c.text)
    size = max(sizes, key=sizes.__getitem__)
    normal = [c for c in chars if round(c.size * 2) / 2 == size]
    raised = _raised_digits(chars, size, median(c.bottom for c in normal))
    in_mark = False
    for c, sup in zip(chars, raised):
        space = False
        if prev is not None:
            gap = c.x0 - prev.x1
            if c.space_before or gap > 0.18 * max(c.size, prev.size):
                space = True
                gaps.append(gap)
        if in_mark and (not sup or space):
            parts.append(NOTE_MARK)
            in_mark = False
        if space:
            parts.append(" ")
        if sup and not in_mark:
            parts.append(NOTE_MARK)
            in_mark = True
        parts.append(c.text)
        bold += c.bold
        prev = c
    if in_mark:
        parts.append(NOTE_MARK)
    return Line(
        chars=chars,
        x0=min(c.x0 for c in chars),
        top=median(c.top for c in chars),
        x1=max(c.x1 for c in chars),
        bottom=median(c.bottom for c in chars),
        text="".join(parts),
        size=size,
        bold=bold >= 0.85 * len(chars),
        page=page,
        gaps=gaps,
    )


def build_lines(chars: list[Char], page: int) -> list[Line]:
    """Glyphs → lines (one per baseline segment), top to bottom then left to right."""
    lines = [make_line(seg, page) for seg in _merge_runs(_runs(chars))]
    lines.sort(key=lambda l: (round(l.top), l.x0))
    return lines


# ------------------------------------------------------------------------------------------- boxes


def _merge_fills(fills: list[Rect]) -> list[Rect]:
    """Adjacent fills of the same colour are one area (a shaded paragraph is often drawn line by line)."""
    merged: list[Rect] = []
    for f in sorted(fills, key=lambda r: (r.top, r.x0)):
        for m in merged:
            if (abs(m.luminance - f.luminance) < 0.02 and abs(m.x0 - f.x0) < 3 and abs(m.x1 - f.x1) < 3
                    and f.top <= m.bottom + 3):
                m.bottom = max(m.bottom, f.bottom)
                break
        else:
            merged.append(Rect(f.x0, f.top, f.x1, f.bottom, f.luminance))
    return merged


def _inside(c: Char, r: Rect, pad: float = 1.0) -> bool:
    cx, cy = (c.x0 + c.x1) / 2, _centre(c)
    return r.x0 - pad <= cx <= r.x1 + pad and r.top - pad <= cy <= r.bottom + pad


@dataclass
class _Region:
    rect: Rect
    kind: str  # "box" | "bar"
    chars: list[Char] = field(default_factory=list)


def _regions(page: PageChars, chars: list[Char]) -> tuple[list[_Region], list[Char]]:
    """Assign glyphs to fact boxes and heading bars; return the regions and the glyphs left for the body."""
    area = page.width * page.height
    fills = [f for f in page.fills
             if f.width >= BOX_MIN_WIDTH and f.height >= BOX_MIN_HEIGHT and f.luminance < BOX_MAX_LUMINANCE
             and f.width * f.height < 0.6 * area]
    regions = [_Region(f, "box") for f in _merge_fills(fills)]
    # Smallest first, so text in a box nested in a bigger fill belongs to the inner one.
    regions.sort(key=lambda r: r.rect.width * r.rect.height)
    body: list[Char] = []
    for c in chars:
        for region in regions:
            if _inside(c, region.rect):
                region.chars.append(c)
                break
        else:
            body.append(c)
    kept: list[_Region] = []
    for region in regions:
        if not region.chars:
            continue
        light = sum(c.light for c in region.chars) >= 0.8 * len(region.chars)
        if light or region.rect.luminance < BAR_MAX_LUMINANCE:
            # Light text on a dark fill: a heading bar when short, else a coloured band (a cover) whose
            # text reads as ordinary text.
            size = max(c.size for c in region.chars)
            if light and region.rect.height <= 3.6 * size + 12:
                region.kind = "bar"
                kept.append(region)
            else:
                body.extend(region.chars)
            continue
        kept.append(region)
    return kept, body


# ----------------------------------------------------------------------------------------- columns


def find_gutter(lines: list[Line], width: float) -> float | None:
    """The x of a vertical gutter that (almost) no line crosses while text stands on both sides.

    Lines that cross it (a title across both columns) are allowed as long as they are a small share of
    the text height, so a page with a full-width heading band is still read column by column.
    """
    if len(lines) < 6:
        return None
    total = sum(l.height for l in lines)
    if total <= 0:
        return None
    lo, hi = int(width * 0.3), int(width * 0.7)
    n = int(width) + 2
    # Per integer x: height of lines crossing x, ending at or before x, starting at or after x.
    crossing_diff = [0.0] * (n + 1)
    ends = [0.0] * (n + 1)
    starts = [0.0] * (n + 1)
    for l in lines:
        a, b = max(0, int(l.x0) + 1), min(n, int(l.x1 + 0.999))
        if a < b:
            crossing_diff[a] += l.height
            crossing_diff[b] -= l.height
        ends[min(n, max(0, int(l.x1 + 0.999)))] += l.height
        starts[min(n, max(0, int(l.x0)))] += l.height
    crossing, left, right = [0.0] * (n + 1), [0.0] * (n + 1), [0.0] * (n + 2)
    acc = acc_left = 0.0
    for x in range(n + 1):
        acc += crossing_diff[x]
        crossing[x] = acc
        acc_left += ends[x]
        left[x] = acc_left
    for x in range(n, -1, -1):
        right[x] = right[x + 1] + starts[x]
    best: tuple[int, int] | None = None
    run_start: int | None = None
    for x in range(lo, hi + 2):
        ok = (x <= hi and crossing[x] <= 0.12 * total and left[x] >= 0.2 * total
              and right[x] >= 0.2 * total)
        if ok and run_start is None:
            run_start = x
        elif not ok and run_start is not None:
            if best is None or x - run_start > best[1] - best[0]:
                best = (run_start, x)
            run_start = None
    if best is None or best[1] - best[0] < 4:
        return None
    return (best[0] + best[1]) / 2


def _reading_order(units: list[Item], gutter: float | None) -> list[Item]:
    """Order units top-down; with a gutter, band by band: left column, then right column."""
    units = sorted(units, key=lambda u: (u.top, u.x0))
    if gutter is None:
        return units
    ordered: list[Item] = []
    left: list[Item] = []
    right: list[Item] = []
    for unit in units:
        if unit.x1 <= gutter + 2:
            left.append(unit)
        elif unit.x0 >= gutter - 2:
            right.append(unit)
        else:  # spans both columns: closes the band above it
            ordered.extend(left + right)
            left, right = [], []
            ordered.append(unit)
    ordered.extend(left + right)
    return ordered


# ------------------------------------------------------------------------------------------- pages


def _bare_number(text: str) -> bool:
    """A section number or a list marker on its own ("2.1", "3.", "a)", "•"), split from its text by a tab."""
    return not any(ch.isalpha() for ch in text) or len(text) <= 3 and text[-1:] in ".)"


def mark_beside(lines: list[Line]) -> None:
    """Flag lines that share their baseline with another line of words in the same region and column.

    Words split by a wide gap come out as separate lines on one baseline: the cells of a table drawn
    without rules, a row of column headers (also white on a dark band). A bare number or marker beside a
    title ("2.1<tab>Organisering") does not count.
    """
    ordered = sorted(lines, key=lambda l: l.top)
    for i, line in enumerate(ordered):
        if _bare_number(line.text.strip()):
            continue
        centre = (line.top + line.bottom) / 2
        for other in ordered[i + 1:]:
            if other.top > line.bottom:
                break
            if (other.bar != line.bar or other.region != line.region or abs(other.region_x0 - line.region_x0) > 1
                    or abs((other.top + other.bottom) / 2 - centre) > 0.5 * max(line.height, other.height)
                    or not (other.x0 >= line.x1 or other.x1 <= line.x0)
                    or _bare_number(other.text.strip())):
                continue
            line.beside = other.beside = True


def page_items(page: PageChars, tables: list[TableArea], grids: list[Rect] | tuple[Rect, ...] = ()) -> list[Item]:
    """All lines and tables of one page in reading order; box lines carry their region and container.

    ``grids`` are ruled areas that are not tables: their lines are flagged ``in_grid``.
    """
    chars = [c for c in page.chars if not any(_inside(c, Rect(t.x0, t.top, t.x1, t.bottom), 0.5) for t in tables)]
    regions, body_chars = _regions(page, chars)
    body_lines = build_lines(body_chars, page.number)
    units: list[Item] = list(body_lines)
    units.extend(tables)
    box_units: dict[int, list[Line]] = {}
    for number, region in enumerate(regions, start=1):
        lines = build_lines(region.chars, page.number)
        x0, x1 = min(l.x0 for l in lines), max(l.x1 for l in lines)
        for line in lines:
            line.region_x0, line.region_x1 = x0, x1
            if region.kind == "bar":
                line.bar = True
            else:
                line.region = number
                line.container = "box"
        if region.kind == "bar":
            units.extend(lines)
        else:
            # The box moves as one unit; its lines are read top-down inside it.
            box_units[number] = lines
            r = region.rect
            units.append(TableArea(r.x0, r.top, r.x1, r.bottom, [], 0, page.number, region=number,
                                   container="box"))
    gutter = find_gutter([u for u in units if isinstance(u, Line) and u.region == 0], page.width)
    if gutter is not None:
        left = [u for u in body_lines if u.x1 <= gutter + 2]
        right = [u for u in body_lines if u.x0 >= gutter - 2]
        for group in (left, right):
            if group:
                x0, x1 = min(l.x0 for l in group), max(l.x1 for l in group)
                for line in group:
                    line.region_x0, line.region_x1 = x0, x1
    else:
        body = [u for u in body_lines if u.region == 0]
        if body:
            x0, x1 = min(l.x0 for l in body), max(l.x1 for l in body)
            for line in body:
                if not line.bar:
                    line.region_x0, line.region_x1 = x0, x1
    lines = [u for u in units if isinstance(u, Line)]
    for lines_of_box in box_units.values():
        lines.extend(lines_of_box)
    mark_beside(lines)
    for grid in grids:
        for line in lines:
            cx, cy = (line.x0 + line.x1) / 2, (line.top + line.bottom) / 2
            if grid.x0 - 1 <= cx <= grid.x1 + 1 and grid.top - 1 <= cy <= grid.bottom + 1:
                line.in_grid = True
    ordered: list[Item] = []
    for unit in _reading_order(units, gutter):
        if isinstance(unit, TableArea) and unit.container == "box" and not unit.rows:
            ordered.extend(box_units.get(unit.region, []))
        else:
            ordered.append(unit)
    return ordered
