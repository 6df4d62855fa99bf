"""Word (DOCX) plans: python-docx opens the package, lxml walks the WordprocessingML body.

python-docx's paragraph API loses most of what a plan's text lives in (content controls, text boxes,
tracked changes, field results, footnotes, Word's automatic numbers), so the body is walked once,
element by element, in document order. Nothing searches the whole tree per paragraph: styles and
numbering definitions are read once into dictionaries, and the walk is a single recursive pass.

Extraction runs in two steps. The walk records every paragraph with the facts needed to classify it
(style heading level, list numbering, run formatting); classification then decides headings, list items
and plain paragraphs once the document's body font size is known, because "larger than the body text" is
only meaningful after the whole body has been seen.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

from lxml import etree

from ..errors import InputError
from ..model import Block, Document
from .safety import check_docx_package, is_encrypted_ooxml, parse_xml
from .structure import BULLET_GLYPHS, numbering_depth, section_number, title_like

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC_NS = "http://schemas.openxmlformats.org/markup-compatibility/2006"
M_NS = "http://schemas.openxmlformats.org/officeDocument/2006/math"
V_NS = "urn:schemas-microsoft-com:vml"


def _w(tag: str) -> str:
    return f"{{{W_NS}}}{tag}"


P, R, T, TBL, TR, TC, SDT, SDT_PR, SDT_CONTENT = map(_w, ("p", "r", "t", "tbl", "tr", "tc", "sdt", "sdtPr",
                                                        "sdtContent"))
PPR, RPR, TCPR, TRPR = map(_w, ("pPr", "rPr", "tcPr", "trPr"))
TXBX_CONTENT = _w("txbxContent")
VAL = _w("val")
ALTERNATE = f"{{{MC_NS}}}AlternateContent"
CHOICE = f"{{{MC_NS}}}Choice"
FALLBACK = f"{{{MC_NS}}}Fallback"
MATH_T = f"{{{M_NS}}}t"
MATH_CONTAINERS = {f"{{{M_NS}}}oMath", f"{{{M_NS}}}oMathPara"}

# Inline containers whose children are read as if they stood in the paragraph itself.
_TRANSPARENT = {_w(t) for t in ("hyperlink", "smartTag", "customXml", "ins", "moveTo", "fldSimple", "dir",
                                "bdo")}
# Inline elements whose text the reader does not see.
_SKIPPED = {_w(t) for t in ("del", "moveFrom", "pPr", "rPr", "proofErr", "bookmarkStart", "bookmarkEnd",
                            "commentRangeStart", "commentRangeEnd")}
_BLOCK_TRANSPARENT = {_w(t) for t in ("ins", "moveTo", "customXml")}

_HEADING_NAME = re.compile(r"^(?:heading|overskrift)\s*([1-9])$")
_TITLE_NAMES = {"title", "titel"}
_LIST_NAME = re.compile(
    r"^(?:list bullet|list number|list paragraph|listeafsnit|opstilling\s*-?\s*(?:punkttegn|talformat)"
    r"|punktopstilling|nummereret liste)\s*([1-9])?$"
)
_NUMBER_LIST_NAME = re.compile(r"^(?:list number|opstilling\s*-?\s*talformat|nummereret liste)")
"""List styles whose name says numbered ("List Number 2"): their items are ordered even without w:numPr."""
_TOC_NAME = re.compile(r"^(?:toc|indholdsfortegnelse)\s*\d")
# Markers typed by hand in front of a list item (no w:numPr): the bullet glyphs both extractors know, Word's
# hyphen bullet "⁃" and symbol-font glyphs, or a dash or "*" before a tab; a dash before a space as well.
_TYPED_BULLET = re.compile(
    f"^(?:[{BULLET_GLYPHS}\u2043\ue000-\uf8ff]\\s*|[-\u2013\u2014*]\t\\s*|[-\u2013\u2014] +(?=\\S))")
# An enumerator ("1.", "12)", "a)", "B.") before a tab ...
_TYPED_NUMBER = re.compile(r"^(?:\d{1,2}|[a-zA-Z])[.)]\t\s*")
# ... or before a space, which is also how a sentence can start ("1. januar", "3. sektor", "A. P. Møller"):
# see _loose_number.
_LOOSE_NUMBER = re.compile(r"^(?P<num>\d{1,2}|[a-zA-Z])(?P<sep>[.)]) +(?=\S)")
_INITIAL = re.compile(r"^[^\W\d_]\.")
INDENT_SLACK = 80
"""Typed list markers within this many twips (4 pt, as the PDF extractor allows) stand at one depth."""
_FALSE = {"0", "false", "off", "none"}


def _on(el: etree._Element | None) -> bool | None:
    """A WordprocessingML toggle (w:b, w:tblHeader ...): absent → None, present → its value."""
    if el is None:
        return None
    return el.get(VAL, "1").lower() not in _FALSE


def _int(value: str | None, default: int | None = None) -> int | None:
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default


# -------------------------------------------------------------------------------------------- styles


@dataclass
class _Style:
    style_id: str
    name: str
    based_on: str | None
    outline: int | None = None
    num_id: str | None = None
    ilvl: int | None = None
    bold: bool | None = None
    size: int | None = None
    left: int | None = None
    """Left indent (twips) the style sets, and the first line's offset from it (negative = hanging)."""
    first: int | None = None


@dataclass
class _Resolved:
    """A paragraph style with its inheritance chain applied."""

    heading_level: int | None
    num_id: str | None
    ilvl: int | None
    bold: bool
    size: int | None
    list_depth: int | None
    toc: bool
    left: int = 0
    first: int = 0
    list_ordered: bool = False
    """The list style (``list_depth``) is a numbered one by its name ("List Number"), not "List Bullet"."""


class _Styles:
    """styles.xml read once; lookups follow ``w:basedOn`` and are cached."""

    def __init__(self, root: etree._Element | None) -> None:
        self.styles: dict[str, _Style] = {}
        self.default_paragraph: str | None = None
        self.default_bold = False
        self.default_size: int | None = None
        self._cache: dict[str | None, _Resolved] = {}
        self._run_cache: dict[str, tuple[bool | None, int | None]] = {}
        if root is None:
            return
        defaults = root.find(f"{_w('docDefaults')}/{_w('rPrDefault')}/{RPR}")
        if defaults is not None:
            self.default_bold = bool(_on(defaults.find(_w("b"))))
            self.default_size = _int(_val(defaults.find(_w("sz"))))
        for el in root.iterchildren(_w("style")):
            sid = el.get(_w("styleId"))
            if sid is None:
                continue
            name = (_val(el.find(_w("name"))) or sid).strip().lower()
            style = _Style(sid, name, _val(el.find(_w("basedOn"))))
            ppr = el.find(PPR)
            if ppr is not None:
                style.outline = _int(_val(ppr.find(_w("outlineLvl"))))
                num_pr = ppr.find(_w("numPr"))
                if num_pr is not None:
                    style.num_id = _val(num_pr.find(_w("numId")))
                    style.ilvl = _int(_val(num_pr.find(_w("ilvl"))))
                style.left, style.first = _indents(ppr.find(_w("ind")))
            rpr = el.find(RPR)
            if rpr is not None:
                style.bold = _on(rpr.find(_w("b")))
                style.size = _int(_val(rpr.find(_w("sz"))))
            self.styles[sid] = style
            if el.get(_w("type")) == "paragraph" and el.get(_w("default")) in ("1", "true", "on"):
                self.default_paragraph = sid

    def _chain(self, style_id: str | None) -> Iterator[_Style]:
        seen: set[str] = set()
        while style_id and style_id in self.styles and style_id not in seen:
            seen.add(style_id)
            style = self.styles[style_id]
            yield style
            style_id = style.based_on

    def paragraph(self, style_id: str | None) -> _Resolved:
        style_id = style_id or self.default_paragraph
        cached = self._cache.get(style_id)
        if cached is not None:
            return cached
        level: int | None = None
        level_known = False
        num_id = ilvl = size = list_depth = None
        list_ordered = False
        bold: bool | None = None
        left = first = None
        toc = False
        for style in self._chain(style_id):
            if not level_known:
                match = _HEADING_NAME.match(style.name) or _HEADING_NAME.match(style.style_id.lower())
                if match:
                    level, level_known = int(match.group(1)), True
                elif style.name in _TITLE_NAMES or style.style_id.lower() in _TITLE_NAMES:
                    level, level_known = 1, True
                elif style.outline is not None:
                    level = style.outline + 1 if 0 <= style.outline <= 8 else None
                    level_known = True
            if num_id is None and style.num_id is not None:
                num_id, ilvl = style.num_id, style.ilvl
            if bold is None:
                bold = style.bold
            if size is None:
                size = style.size
            if left is None:
                left = style.left
            if first is None:
                first = style.first
            if list_depth is None:
                match = _LIST_NAME.match(style.name)
                if match:
                    list_depth = int(match.group(1) or 1) - 1
                    list_ordered = bool(_NUMBER_LIST_NAME.match(style.name))
            toc = toc or bool(_TOC_NAME.match(style.name))
        resolved = _Resolved(level, num_id, ilvl, self.default_bold if bold is None else bold,
                             size or self.default_size, list_depth, toc, left or 0, first or 0, list_ordered)
        self._cache[style_id] = resolved
        return resolved

    def run(self, style_id: str) -> tuple[bool | None, int | None]:
        """Bold and size a character style sets (None where it leaves them to the paragraph)."""
        cached = self._run_cache.get(style_id)
        if cached is None:
            bold = size = None
            for style in self._chain(style_id):
                bold = style.bold if bold is None else bold
                size = style.size if size is None else size
            cached = self._run_cache[style_id] = (bold, size)
        return cached


def _val(el: etree._Element | None) -> str | None:
    return el.get(VAL) if el is not None else None


def _indents(ind: etree._Element | None) -> tuple[int | None, int | None]:
    """A ``w:ind``'s left indent and first-line offset (twips; hanging is negative), None where unset."""
    if ind is None:
        return None, None
    left = _int(ind.get(_w("left")) or ind.get(_w("start")))
    hanging, first_line = _int(ind.get(_w("hanging"))), _int(ind.get(_w("firstLine")))
    first = -hanging if hanging is not None else first_line
    return left, first


# ----------------------------------------------------------------------------------------- numbering


@dataclass
class _Level:
    start: int = 1
    fmt: str = "decimal"
    text: str = ""
    restart: int | None = None
    legal: bool = False


@dataclass
class _Num:
    abstract: str
    starts: dict[int, int] = field(default_factory=dict)
    levels: dict[int, _Level] = field(default_factory=dict)


def _read_level(el: etree._Element) -> _Level:
    return _Level(
        start=_int(_val(el.find(_w("start"))), 1) or 0,
        fmt=_val(el.find(_w("numFmt"))) or "decimal",
        text=_val(el.find(_w("lvlText"))) or "",
        restart=_int(_val(el.find(_w("lvlRestart")))),
        legal=bool(_on(el.find(_w("isLgl")))),
    )


_ROMAN = [(1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l"), (40, "xl"),
          (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")]


def _roman(n: int) -> str:
    out = []
    for value, letters in _ROMAN:
        while n >= value:
            out.append(letters)
            n -= value
    return "".join(out)


def _letters(n: int) -> str:
    # Word repeats the letter after z: a..z, aa..zz, aaa ...
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1) if n > 0 else ""


def format_number(n: int, fmt: str) -> str:
    """A counter value as Word draws it in a given ``w:numFmt``."""
    if fmt == "lowerRoman":
        return _roman(n)
    if fmt == "upperRoman":
        return _roman(n).upper()
    if fmt == "lowerLetter":
        return _letters(n)
    if fmt == "upperLetter":
        return _letters(n).upper()
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt == "none":
        return ""
    return str(n)


class _Numbering:
    """numbering.xml read once, with counters that advance in document order as Word's do.

    Counters belong to the abstract list, so two ``w:num`` instances of it continue each other, except
    an instance with a start override, which counts on its own from the override (Word's "restart
    numbering").
    """

    def __init__(self, root: etree._Element | None, styles: _Styles) -> None:
        self.abstracts: dict[str, dict[int, _Level]] = {}
        self.style_links: dict[str, str] = {}
        self.nums: dict[str, _Num] = {}
        self.counters: dict[str, list[int | None]] = {}
        self.styles = styles
        if root is None:
            return
        for el in root.iterchildren(_w("abstractNum")):
            aid = el.get(_w("abstractNumId"), "")
            self.abstracts[aid] = {_int(lvl.get(_w("ilvl")), 0) or 0: _read_level(lvl)
                                   for lvl in el.iterchildren(_w("lvl"))}
            link = _val(el.find(_w("numStyleLink")))
            if link:
                self.style_links[aid] = link
        for el in root.iterchildren(_w("num")):
            num = _Num(_val(el.find(_w("abstractNumId"))) or "")
            for override in el.iterchildren(_w("lvlOverride")):
                ilvl = _int(override.get(_w("ilvl")), 0) or 0
                start = _int(_val(override.find(_w("startOverride"))))
                if start is not None:
                    num.starts[ilvl] = start
                lvl = override.find(_w("lvl"))
                if lvl is not None:
                    num.levels[ilvl] = _read_level(lvl)
            self.nums[el.get(_w("numId"), "")] = num

    def _abstract(self, num: _Num) -> tuple[str, dict[int, _Level]]:
        aid = num.abstract
        for _ in range(3):  # numStyleLink → numbering style → its w:num → the real definition
            link = self.style_links.get(aid)
            if link is None or self.abstracts.get(aid):
                break
            style = self.styles.styles.get(link)
            target = self.nums.get(style.num_id or "") if style else None
            if target is None:
                break
            aid = target.abstract
        return aid, self.abstracts.get(aid, {})

    def advance(self, num_id: str, ilvl: int) -> tuple[str | None, bool, bool]:
        """Count one paragraph of list ``num_id`` at level ``ilvl``; return (label, is_bullet, is_ordered).

        A label is ordered when it draws a counter ("3.", "b)", "iv", "2.1"): a level text with a ``%n``
        placeholder whose level counts (a format other than ``bullet`` and ``none``). A level text without
        one ("–" in a decimal level) is drawn like a bullet, whatever its format.
        """
        num = self.nums.get(num_id)
        if num is None:
            return None, False, False
        aid, abstract = self._abstract(num)
        levels = {**abstract, **num.levels}
        level = levels.get(ilvl, _Level())
        if level.fmt == "bullet":
            return None, True, False
        key = f"num:{num_id}" if num.starts else f"abs:{aid}"
        counters = self.counters.get(key)
        if counters is None:
            counters = self.counters[key] = [None] * 9
        ilvl = max(0, min(ilvl, 8))

        def start_of(i: int) -> int:
            if i in num.starts:
                return num.starts[i]
            return levels.get(i, _Level()).start

        current = counters[ilvl]
        counters[ilvl] = start_of(ilvl) if current is None else current + 1
        for deeper in range(ilvl + 1, 9):
            restart = levels.get(deeper, _Level()).restart
            if restart is None or restart > ilvl:
                counters[deeper] = None

        counted = False

        def expand(match: re.Match[str]) -> str:
            nonlocal counted
            i = int(match.group(1)) - 1
            if not 0 <= i <= 8:
                return ""
            value = counters[i] if counters[i] is not None else start_of(i)
            fmt = "decimal" if level.legal and i < ilvl else levels.get(i, _Level()).fmt
            drawn = "" if fmt == "bullet" else format_number(value, fmt)
            counted = counted or bool(drawn)
            return drawn

        return re.sub(r"%([1-9])", expand, level.text).strip(), False, counted


# -------------------------------------------------------------------------------------------- walking


@dataclass
class _Para:
    """One paragraph as walked, before it is classified."""

    text: str
    paragraph: int | None
    container: str
    style_level: int | None = None
    label: str | None = None
    """Word's automatic number as drawn ("2.1.4", "a)"), when the paragraph is numbered."""
    bullet: bool = False
    ordered: bool = False
    """Word draws a counter ("3.", "b)"), not a bullet or a fixed text; or the list style is numbered."""
    ilvl: int | None = None
    list_depth: int | None = None
    toc: bool = False
    in_table: bool = False
    leading_symbol: bool = False
    chars: int = 0
    bold_chars: int = 0
    size: int | None = None
    indent: int = 0
    """Where the first line starts (twips from the margin): a typed list marker's position."""
    indented: bool = False
    """A left or first-line indent is set (a hanging indent counts)."""
    box_border: bool = False


@dataclass
class _Table:
    rows: list[list[str]]
    header_rows: int
    paragraph: int | None
    container: str


@dataclass
class _Text:
    """What a paragraph's runs add up to."""

    parts: list[str] = field(default_factory=list)
    chars: int = 0
    bold_chars: int = 0
    sizes: Counter = field(default_factory=Counter)
    boxes: list[etree._Element] = field(default_factory=list)
    leading_symbol: bool = False

    def add(self, text: str, bold: bool, size: int | None) -> None:
        self.parts.append(text)
        n = len(text.strip())
        if n:
            self.chars += n
            if bold:
                self.bold_chars += n
            self.sizes[size] += n

    @property
    def text(self) -> str:
        return "".join(self.parts)


class _Walker:
    def __init__(self, styles: _Styles, numbering: _Numbering, notes: dict[str, dict[str, etree._Element]]):
        self.styles = styles
        self.numbering = numbering
        self.notes = notes
        self.items: list[_Para | _Table] = []
        self.paragraph_count = 0
        self.field_stack: list[bool] = []  # True while inside a field's instruction part
        self.note_numbers: dict[tuple[str, str], str] = {}
        self.note_order: list[tuple[str, str]] = []
        self.warnings: list[str] = []

    # ------------------------------------------------------------------------------------- block level

    def walk(self, parent: etree._Element, container: str, *, toc: bool = False) -> None:
        for child in parent:
            tag = child.tag
            if tag == P:
                self.paragraph(child, container, toc=toc)
            elif tag == TBL:
                self.table(child, container)
            elif tag == SDT:
                content = child.find(SDT_CONTENT)
                if content is not None:
                    self.walk(content, container, toc=toc or _is_toc_sdt(child))
            elif tag in _BLOCK_TRANSPARENT:
                self.walk(child, container, toc=toc)
            elif tag == ALTERNATE:
                chosen = _choose(child)
                if chosen is not None:
                    self.walk(chosen, container, toc=toc)

    def paragraph(self, p: etree._Element, container: str, *, toc: bool = False,
                  in_table: bool = False) -> _Para:
        index = self.paragraph_count
        self.paragraph_count += 1
        ppr = p.find(PPR)
        style_id = num_id = None
        ilvl = outline = None
        left = first = None
        border = False
        if ppr is not None:
            style_id = _val(ppr.find(_w("pStyle")))
            num_pr = ppr.find(_w("numPr"))
            if num_pr is not None:
                num_id = _val(num_pr.find(_w("numId")))
                ilvl = _int(_val(num_pr.find(_w("ilvl"))))
            outline = _int(_val(ppr.find(_w("outlineLvl"))))
            left, first = _indents(ppr.find(_w("ind")))
            bdr = ppr.find(_w("pBdr"))
            border = bdr is not None and sum(bdr.find(_w(s)) is not None
                                             for s in ("top", "left", "bottom", "right")) >= 3
        style = self.styles.paragraph(style_id)
        # Where the first line (a typed list marker) starts: the left indent plus the first-line offset.
        left = style.left if left is None else left
        first = style.first if first is None else first
        indent, indented = left + first, bool(left or first)
        level = style.heading_level
        if outline is not None:
            level = outline + 1 if 0 <= outline <= 8 else None
        if num_id is None:
            num_id = style.num_id
            if ilvl is None:
                ilvl = style.ilvl
        ilvl = ilvl or 0

        text = _Text()
        self._inline(p, text, style.bold, style.size)
        label, bullet, ordered = None, False, False
        if num_id and num_id != "0":
            label, bullet, ordered = self.numbering.advance(num_id, ilvl)
        else:
            ilvl = None  # not numbered: a list style's depth decides, if any
        if label is None and not bullet:
            ordered = style.list_ordered  # no number drawn: a "List Number" style is still a numbered list
        size = text.sizes.most_common(1)[0][0] if text.sizes else style.size
        para = _Para(text=text.text, paragraph=index, container=container, style_level=level, label=label,
                     bullet=bullet, ordered=ordered, ilvl=ilvl, list_depth=style.list_depth,
                     toc=toc or style.toc, in_table=in_table, leading_symbol=text.leading_symbol,
                     chars=text.chars, bold_chars=text.bold_chars, size=size, indent=indent,
                     indented=indented, box_border=border)
        if not in_table:
            self.items.append(para)
        for box in text.boxes:
            self.walk(box, "box")
        return para

    def table(self, tbl: etree._Element, container: str) -> None:
        rows_el = list(_rows(tbl))
        cells = [list(_cells(tr)) for tr in rows_el]
        if len(cells) == 1 and len(cells[0]) == 1:
            # A one-cell table is a fact box drawn as a shaded frame: its paragraphs are read as a box.
            self.walk(cells[0][0], "box")
            return
        first = self.paragraph_count
        rows: list[list[str]] = []
        header_marked = 0
        marking = True
        first_row_bold = True
        for r, (tr, tcs) in enumerate(zip(rows_el, cells)):
            trpr = tr.find(TRPR)
            is_header = trpr is not None and bool(_on(trpr.find(_w("tblHeader"))))
            if marking and is_header:
                header_marked += 1
            else:
                marking = False
            row: list[str] = []
            for tc in tcs:
                tcpr = tc.find(TCPR)
                span, continued = 1, False
                if tcpr is not None:
                    span = max(1, _int(_val(tcpr.find(_w("gridSpan"))), 1) or 1)
                    vmerge = tcpr.find(_w("vMerge"))
                    continued = vmerge is not None and vmerge.get(VAL, "continue") == "continue"
                text, chars, bold = self._cell(tc)
                if r == 0 and chars and bold < chars * 0.9:
                    first_row_bold = False
                row.append("" if continued else text)
                row.extend([""] * (span - 1))
            rows.append(row)
        header = header_marked
        if not header and len(rows) > 1 and first_row_bold and any(rows[0]):
            header = 1
        self.items.append(_Table(rows=rows, header_rows=header, paragraph=first, container=container))

    def _cell(self, tc: etree._Element) -> tuple[str, int, int]:
        """A cell's text (paragraphs on lines, nested tables as "a | b" lines), its chars and bold chars."""
        lines: list[str] = []
        chars = bold = 0
        for child in _cell_content(tc):
            if child.tag == P:
                para = self.paragraph(child, "body", in_table=True)
                lines.append(para.text)
                chars += para.chars
                bold += para.bold_chars
            elif child.tag == TBL:
                for tr in _rows(child):
                    texts = [self._cell(inner)[0] for inner in _cells(tr)]
                    lines.append(" | ".join(t.replace("\n", " ") for t in texts if t.strip()))
        return "\n".join(line for line in lines if line.strip()), chars, bold

    # ------------------------------------------------------------------------------------ inline level

    def _inline(self, parent: etree._Element, out: _Text, bold: bool, size: int | None) -> None:
        for child in parent:
            tag = child.tag
            if tag == R:
                self._run(child, out, bold, size)
            elif tag in _TRANSPARENT:
                self._inline(child, out, bold, size)
            elif tag == SDT:
                content = child.find(SDT_CONTENT)
                if content is not None and not _showing_placeholder(child):
                    self._inline(content, out, bold, size)
            elif tag == ALTERNATE:
                chosen = _choose(child)
                if chosen is not None:
                    self._inline(chosen, out, bold, size)
            elif tag in MATH_CONTAINERS:
                out.add("".join(t.text or "" for t in child.iter(MATH_T)), bold, size)

    def _run(self, r: etree._Element, out: _Text, bold: bool, size: int | None) -> None:
        rpr = r.find(RPR)
        if rpr is not None:
            if _on(rpr.find(_w("vanish"))):
                return
            rstyle = _val(rpr.find(_w("rStyle")))
            if rstyle:
                sb, ss = self.styles.run(rstyle)
                bold = bold if sb is None else sb
                size = size if ss is None else ss
            b = _on(rpr.find(_w("b")))
            bold = bold if b is None else b
            size = _int(_val(rpr.find(_w("sz"))), size)
        self._run_content(r, out, bold, size)

    def _run_content(self, r: etree._Element, out: _Text, bold: bool, size: int | None) -> None:
        in_instruction = bool(self.field_stack) and self.field_stack[-1]
        for child in r:
            tag = child.tag
            if tag == T:
                if not in_instruction and child.text:
                    out.add(child.text, bold, size)
            elif tag == _w("fldChar"):
                kind = child.get(_w("fldCharType"))
                if kind == "begin":
                    self.field_stack.append(True)
                elif kind == "separate" and self.field_stack:
                    self.field_stack[-1] = False
                elif kind == "end" and self.field_stack:
                    self.field_stack.pop()
                in_instruction = bool(self.field_stack) and self.field_stack[-1]
            elif in_instruction:
                continue
            elif tag in (_w("tab"), _w("ptab")):
                out.parts.append("\t")  # kept until finish_document: a tab after "1." marks a typed list
            elif tag == _w("br"):
                out.parts.append(" " if child.get(_w("type")) in ("page", "column") else "\n")
            elif tag == _w("cr"):
                out.parts.append("\n")
            elif tag == _w("noBreakHyphen"):
                out.add("-", bold, size)
            elif tag == _w("sym"):
                if not out.chars:
                    out.leading_symbol = True  # a symbol-font bullet typed by hand
            elif tag in (_w("footnoteReference"), _w("endnoteReference")):
                if child.get(_w("customMarkFollows")) not in ("1", "true", "on"):
                    out.parts.append(self._note_marker(tag, child.get(_w("id"), "")))
            elif tag == _w("drawing"):
                out.boxes.extend(_text_boxes(child))
            elif tag == _w("pict"):
                out.boxes.extend(_text_boxes(child))
            elif tag == ALTERNATE:
                chosen = _choose(child)
                if chosen is not None:
                    self._run_content(chosen, out, bold, size)
            # w:softHyphen, w:delText, w:instrText, w:footnoteRef, w:object ...: nothing the reader reads

    def _note_marker(self, tag: str, note_id: str) -> str:
        kind = "footnote" if tag == _w("footnoteReference") else "endnote"
        key = (kind, note_id)
        if key not in self.note_numbers:
            n = sum(1 for k, _ in self.note_order if k == kind) + 1
            self.note_numbers[key] = str(n) if kind == "footnote" else _roman(n)
            self.note_order.append(key)
        return f"[{self.note_numbers[key]}]"

    def note_blocks(self) -> list[Block]:
        """Footnotes then endnotes, in the order the body refers to them, as "[n] text"."""
        blocks: list[Block] = []
        for kind in ("footnote", "endnote"):
            for key in [k for k in self.note_order if k[0] == kind]:
                note = self.notes.get(kind, {}).get(key[1])
                if note is None:
                    self.warnings.append(f"{kind} {key[1]} is referenced but missing")
                    continue
                text = _Text()
                saved = self.field_stack
                self.field_stack = []
                for p in note.iter(P):
                    self._inline(p, text, False, None)
                    text.parts.append(" ")
                self.field_stack = saved
                blocks.append(Block(index=0, kind="footnote",
                                    text=f"[{self.note_numbers[key]}] {text.text.strip()}"))
        return blocks


def _choose(alternate: etree._Element) -> etree._Element | None:
    """The one branch of ``mc:AlternateContent`` to read: the first Choice, else the Fallback."""
    choice = alternate.find(CHOICE)
    return choice if choice is not None else alternate.find(FALLBACK)


def _text_boxes(shape: etree._Element) -> list[etree._Element]:
    """The outermost text-box contents in a drawing or VML shape (a box inside a box is read with it)."""
    found = []
    for content in shape.iter(TXBX_CONTENT):
        if not any(a.tag == TXBX_CONTENT for a in content.iterancestors()):
            found.append(content)
    return found


def _is_toc_sdt(sdt: etree._Element) -> bool:
    pr = sdt.find(SDT_PR)
    if pr is None:
        return False
    gallery = pr.find(f"{_w('docPartObj')}/{_w('docPartGallery')}")
    return gallery is not None and "table of contents" in (gallery.get(VAL) or "").lower()


def _showing_placeholder(sdt: etree._Element) -> bool:
    pr = sdt.find(SDT_PR)
    return pr is not None and bool(_on(pr.find(_w("showingPlcHdr"))))


def _rows(tbl: etree._Element) -> Iterator[etree._Element]:
    for child in tbl:
        if child.tag == TR:
            yield child
        elif child.tag in (SDT, _w("customXml")):
            inner = child.find(SDT_CONTENT) if child.tag == SDT else child
            if inner is not None:
                yield from _rows(inner)


def _cells(tr: etree._Element) -> Iterator[etree._Element]:
    for child in tr:
        if child.tag == TC:
            yield child
        elif child.tag in (SDT, _w("customXml")):
            inner = child.find(SDT_CONTENT) if child.tag == SDT else child
            if inner is not None:
                yield from _cells(inner)


def _cell_content(parent: etree._Element) -> Iterator[etree._Element]:
    for child in parent:
        if child.tag in (P, TBL):
            yield child
        elif child.tag == SDT:
            content = child.find(SDT_CONTENT)
            if content is not None:
                yield from _cell_content(content)
        elif child.tag in _BLOCK_TRANSPARENT:
            yield from _cell_content(child)


# -------------------------------------------------------------------------------------- classification


def _body_size(items: list[_Para | _Table]) -> int | None:
    """The most common run size (half-points) of body text: what "larger than the text" is measured on."""
    sizes: Counter = Counter()
    for item in items:
        if isinstance(item, _Para) and item.container == "body" and item.style_level is None and item.size:
            sizes[item.size] += item.chars
    return sizes.most_common(1)[0][0] if sizes else None


def _format_heading(item: _Para, body_size: int | None) -> bool:
    """A paragraph that reads as a heading by its looks: short, no final period, bold or larger.

    A typed bullet ("•", "-" before a tab) never makes a heading; a typed enumerator may, when the
    paragraph is set bold or larger like a title ("1.<tab>Hvad er denne plan?"), as in the PDF extractor,
    which only reads enumerators in body type as list items.
    """
    text = item.text.strip()
    if (item.container != "body" or item.toc or item.in_table or item.box_border or not text
            or item.chars == 0 or item.list_depth is not None or item.bullet or _typed_bullet(item)):
        return False
    if not title_like(text):
        return False
    bold = item.bold_chars >= 0.9 * item.chars
    larger = body_size is not None and item.size is not None and item.size >= body_size + 2
    if bold or larger:
        return True
    number = section_number(text)
    if number and len(text.split()) <= 12:
        return "." in number or not number[0].isdigit()
    return False


def _classify(items: list[_Para | _Table]) -> list[Block]:
    body_size = _body_size(items)
    candidates = {id(i) for i in items if isinstance(i, _Para) and i.style_level is None
                  and _format_heading(i, body_size)}
    has_style_headings = any(isinstance(i, _Para) and i.style_level is not None for i in items)
    size_levels = _size_levels([i for i in items if id(i) in candidates and i.label is None
                                and not section_number(i.text.strip())], body_size)
    typed = _typed_markers(items, candidates)
    depths = _indent_depths([i.indent for i in items if id(i) in typed])  # type: ignore[union-attr]

    blocks: list[Block] = []
    last_structural = 0
    for item in items:
        if isinstance(item, _Table):
            blocks.append(Block(index=0, kind="table", text="", rows=item.rows, header_rows=item.header_rows,
                                paragraph=item.paragraph, container=item.container))  # type: ignore[arg-type]
            continue
        text = item.text
        if not text.strip():
            continue
        common = {"paragraph": item.paragraph, "container": item.container}
        numbered = item.label is not None or item.bullet
        if item.style_level is not None and not item.toc:
            title = _heading_text(text, item.label)
            blocks.append(Block(index=0, kind="heading", text=title, level=item.style_level,
                                numbering=_numbering(item.label) or section_number(title), **common))
            last_structural = item.style_level
        elif id(item) in candidates and (not numbered or _numeric(item.label)):
            title = _heading_text(text, item.label)
            number = _numbering(item.label) or section_number(title)
            if item.label:
                level = (item.ilvl or 0) + 1
                last_structural = level
            elif number:
                level = numbering_depth(number)
                last_structural = level
            elif has_style_headings:
                level = min(last_structural + 1, 9)
            else:
                level = size_levels.get(item.size, max(size_levels.values(), default=0) + 1)
            blocks.append(Block(index=0, kind="heading", text=title, level=level, numbering=number, **common))
        elif numbered and not item.toc:
            # "List Bullet 2" often points at level 0 of its own list: the style's number is the depth.
            depth = max(item.ilvl or 0, item.list_depth or 0)
            blocks.append(Block(index=0, kind="list_item", text=text, depth=depth, ordered=item.ordered,
                                **common))
        elif item.list_depth is not None and not item.toc:
            # A list style without Word numbering: numbered by its name, or by an enumerator typed in it.
            ordered = item.ordered or _typed_enumerator(text.lstrip())
            blocks.append(Block(index=0, kind="list_item", text=text, depth=item.list_depth, ordered=ordered,
                                **common))
        elif id(item) in typed:
            # The marker goes, as in the PDF extractor: the item's text is what follows it.
            length, ordered = typed[id(item)]
            stripped = text.lstrip()[length:]
            blocks.append(Block(index=0, kind="list_item", text=stripped, depth=depths.get(item.indent, 0),
                                ordered=ordered, **common))
        else:
            kind_container = "box" if item.box_border and item.container == "body" else item.container
            blocks.append(Block(index=0, kind="paragraph", text=text, paragraph=item.paragraph,
                                container=kind_container))  # type: ignore[arg-type]
    return blocks


def _size_levels(headings: list[_Para], body_size: int | None) -> dict[int | None, int]:
    """Heading level by font size, largest first; a size used only by the first heading is a title."""
    sizes = [h.size for h in headings if h.size is not None and body_size is not None and h.size > body_size]
    ranked = sorted(set(sizes), reverse=True)
    counts = Counter(sizes)
    levels: dict[int | None, int] = {}
    if len(ranked) > 1 and counts[ranked[0]] == 1 and headings and headings[0].size == ranked[0]:
        levels[ranked[0]] = 1
        ranked = ranked[1:]
    for rank, size in enumerate(ranked, start=1):
        levels[size] = rank
    levels.setdefault(body_size, len(ranked) + 1)
    return levels


# ------------------------------------------------------------------------------- typed list markers


def _typed_bullet(item: _Para) -> bool:
    return item.leading_symbol or bool(_TYPED_BULLET.match(item.text.lstrip()))


def _loose_number(text: str) -> int | None:
    """Where the text after an enumerator followed by a space starts, if it can be one.

    "1. Ring 112" and "a) at sikre" can; "1. januar", "3. sektor" (Danish ordinals are followed by a
    lower-case word) and "A. P. Møller" (initials) cannot.
    """
    match = _LOOSE_NUMBER.match(text)
    if not match:
        return None
    rest = text[match.end():]
    if match.group("sep") == "." and (not rest[:1].isupper()
                                      or match.group("num").isalpha() and _INITIAL.match(rest)):
        return None
    return match.end()


def _typed_enumerator(text: str) -> bool:
    """The text starts with an enumerator typed by hand ("1.<tab>", "a) at sikre"), not a bullet."""
    if _TYPED_BULLET.match(text):
        return False
    return bool(_TYPED_NUMBER.match(text)) or _loose_number(text) is not None


def _typed_markers(items: list[_Para | _Table], headings: set[int]) -> dict[int, tuple[int, bool]]:
    """Paragraphs that are list items by a marker typed by hand: id → (length of the marker with its gap,
    whether the marker is an enumerator, i.e. the item is ordered).

    A bullet glyph, or a dash or enumerator before a tab, is enough. An enumerator before a single space
    also starts ordinary sentences, so it needs a second sign of a list: an indent (the paragraph's own
    or its style's) or a neighbouring paragraph that is a typed enumerated item too.
    """
    found: dict[int, tuple[int, bool]] = {}
    loose: dict[int, int] = {}
    numbers: set[int] = set()
    order: list[_Para | None] = []  # paragraphs in body order, None where a table interrupts
    for item in items:
        if isinstance(item, _Table):
            order.append(None)
            continue
        if not item.text.strip():
            continue
        order.append(item)
        if (id(item) in headings or item.style_level is not None or item.label is not None or item.bullet
                or item.list_depth is not None or item.toc):
            continue
        text = item.text.lstrip()
        match = _TYPED_BULLET.match(text)
        number = None if match else _TYPED_NUMBER.match(text)
        if match or number:
            found[id(item)] = ((match or number).end(), number is not None)  # type: ignore[union-attr]
            if number:
                numbers.add(id(item))
        elif item.leading_symbol:
            found[id(item)] = (0, False)
        else:
            end = _loose_number(text)
            if end is not None:
                loose[id(item)] = end
    enumerated = set(loose) | numbers
    for i, item in enumerate(order):
        if item is None or id(item) not in loose:
            continue
        neighbours = [order[j] for j in (i - 1, i + 1) if 0 <= j < len(order)]
        if item.indented or any(n is not None and n.container == item.container and id(n) in enumerated
                                for n in neighbours):
            found[id(item)] = (loose[id(item)], True)
    return found


def _indent_depths(indents: list[int]) -> dict[int, int]:
    """List depth by marker position: distinct positions (within INDENT_SLACK), the smallest at depth 0."""
    depths: dict[int, int] = {}
    anchors: list[int] = []
    for x in sorted(set(indents)):
        if not anchors or x - anchors[-1] > INDENT_SLACK:
            anchors.append(x)
        depths[x] = len(anchors) - 1
    return depths


def _numeric(label: str | None) -> bool:
    return bool(label) and bool(re.search(r"\d", label or ""))


def _numbering(label: str | None) -> str | None:
    if not label:
        return None
    return label.rstrip(".:)").strip() or None


def _heading_text(text: str, label: str | None) -> str:
    text = " ".join(text.split())
    return f"{label} {text}" if label else text


# ------------------------------------------------------------------------------------------ the parts


def _part_element(part) -> etree._Element | None:
    element = getattr(part, "element", None)
    if element is not None:
        return element
    blob = getattr(part, "blob", None)
    return parse_xml(blob) if blob else None


def _notes(document_part) -> dict[str, dict[str, etree._Element]]:
    """Footnotes and endnotes by id, without the separator notes Word keeps for the rule line."""
    notes: dict[str, dict[str, etree._Element]] = {}
    for rel in document_part.rels.values():
        kind = rel.reltype.rsplit("/", 1)[-1]
        if kind not in ("footnotes", "endnotes") or rel.is_external:
            continue
        root = _part_element(rel.target_part)
        if root is None:
            continue
        singular = kind[:-1]
        for note in root.iterchildren(_w(singular)):
            if note.get(_w("type"), "normal") != "normal":
                continue
            notes.setdefault(singular, {})[note.get(_w("id"), "")] = note
    return notes


def _related(document_part, name: str) -> etree._Element | None:
    for rel in document_part.rels.values():
        if not rel.is_external and rel.reltype.endswith("/" + name):
            return _part_element(rel.target_part)
    return None


def _metadata(package) -> tuple[str | None, str | None, dict[str, str]]:
    """Title, ISO date and other core properties, only when the file has docProps/core.xml.

    python-docx invents default core properties for a package without them; those are not the plan's.
    """
    has_core = any(rel.reltype.endswith("/core-properties") for rel in package.rels.values())
    if not has_core:
        return None, None, {}
    props = package.core_properties
    meta: dict[str, str] = {}
    for key, value in (("creator", props.author), ("subject", props.subject),
                       ("last_modified_by", props.last_modified_by), ("keywords", props.keywords)):
        if value and str(value).strip():
            meta[key] = str(value).strip()
    created = props.created
    date = created.date().isoformat() if created else None
    if created:
        meta["created"] = created.isoformat()
    title = (props.title or "").strip() or None
    return title, date, meta


def extract_docx(path: Path, *, sha256: str) -> Document:
    """Read a DOCX plan into the document model (blocks in body order, notes at the end)."""
    if is_encrypted_ooxml(path):
        raise InputError(path, "encrypted_docx")
    check_docx_package(path)
    import docx

    try:
        word = docx.Document(str(path))
    except InputError:
        raise
    except Exception as exc:  # noqa: BLE001 - python-docx raises many types on a damaged package
        raise InputError(path, "corrupt_docx", detail=f"{type(exc).__name__}: {exc}"[:200]) from None
    part = word.part
    styles = _Styles(_related(part, "styles"))
    numbering = _Numbering(_related(part, "numbering"), styles)
    walker = _Walker(styles, numbering, _notes(part))
    body = word.element.body
    walker.walk(body, "body")
    blocks = _classify(walker.items) + walker.note_blocks()
    title, date, meta = _metadata(part.package)
    warnings = list(walker.warnings)
    if not any(b.text.strip() or b.rows for b in blocks):
        warnings.append("the document body has no text")
    return Document(source=str(path), format="docx", sha256=sha256, blocks=blocks, pages=None, title=title,
                    date=date, metadata=meta, warnings=warnings)
