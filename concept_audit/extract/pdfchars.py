"""Where the characters of a PDF come from: one small interface, two backends.

The layout code (``layout.py``) needs, per page, the characters with their boxes, size, font and
weight and colour, and the filled rectangles and ruling lines that make fact boxes, heading bars and
tables. Both pypdfium2 (fast, C) and pdfplumber (pdfminer, pure Python) can supply that, so everything
above this module is backend-free and the two can be measured against each other
(``scripts/bench_extract.py``). Coordinates are PDF points with the origin top-left (y grows down),
whatever the backend uses internally.
"""

from __future__ import annotations

import ctypes
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator, Protocol

BACKENDS = ("pdfium", "pdfplumber")
DEFAULT_BACKEND = "pdfium"
"""Chosen by measurement on corpora/bench/bench-40.pdf (scripts/bench_extract.py): same headings and text
as pdfplumber, about 7× faster end to end (0.6 s against 4.4 s for 49 pages)."""

_BOLD_NAME = re.compile(r"bold|black|heavy|semibold|demi", re.IGNORECASE)


@dataclass(slots=True)
class Char:
    """One glyph: its text, loose box (font ascent to descent), size, font, weight and fill luminance."""

    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    size: float
    font: str = ""
    bold: bool = False
    light: bool = False
    """White or near-white text, as on a coloured heading bar."""
    space_before: bool = False
    """The PDF (or the backend) put a word break right before this glyph."""


@dataclass(slots=True)
class Rect:
    """A filled rectangle (or a ruling line when thin). ``luminance`` is the fill's, 0 black … 1 white."""

    x0: float
    top: float
    x1: float
    bottom: float
    luminance: float = 1.0

    @property
    def width(self) -> float:
        return self.x1 - self.x0

    @property
    def height(self) -> float:
        return self.bottom - self.top


@dataclass
class PageChars:
    """One page as the layout code sees it."""

    number: int
    """1-based."""
    width: float
    height: float
    chars: list[Char] = field(default_factory=list)
    fills: list[Rect] = field(default_factory=list)
    """Filled areas large enough to hold text (fact boxes, bars, cell shading)."""
    rulings: list[Rect] = field(default_factory=list)
    """Thin lines and strokes: table borders, rules around pull quotes."""


class CharSource(Protocol):
    """An open PDF that yields its pages' characters; close it when done."""

    page_count: int
    metadata: dict[str, str]

    def pages(self) -> Iterator[PageChars]: ...

    def close(self) -> None: ...


class EncryptedPdf(Exception):
    """The file needs a password to open."""


def _luminance(rgb: tuple[float, float, float]) -> float:
    r, g, b = rgb
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def _is_bold(font: str, weight: int = 0) -> bool:
    return weight >= 600 or bool(_BOLD_NAME.search(font))


# ----------------------------------------------------------------------------------------- pdfium


class PdfiumSource:
    """pypdfium2 through its raw API: a few C calls per character, font data cached per text object."""

    def __init__(self, path: Path) -> None:
        import pypdfium2 as pdfium
        import pypdfium2.raw as raw

        self._raw = raw
        try:
            self._pdf = pdfium.PdfDocument(str(path))
        except pdfium.PdfiumError as exc:
            if getattr(exc, "err_code", None) == raw.FPDF_ERR_PASSWORD or "password" in str(exc).lower():
                raise EncryptedPdf() from None
            raise
        self.page_count = len(self._pdf)
        try:
            meta = self._pdf.get_metadata_dict(skip_empty=True)
        except Exception:  # metadata is a nicety: a damaged info dictionary must not stop extraction
            meta = {}
        self.metadata = {k: str(v) for k, v in meta.items()}

    def close(self) -> None:
        self._pdf.close()

    def pages(self) -> Iterator[PageChars]:
        for index in range(self.page_count):
            page = self._pdf[index]
            try:
                yield self._read_page(page, index + 1)
            finally:
                page.close()

    def _read_page(self, page, number: int) -> PageChars:
        width, height = page.get_size()
        left, bottom_edge, _, _ = page.get_cropbox()
        out = PageChars(number=number, width=width, height=height)
        textpage = page.get_textpage()
        try:
            out.chars = self._chars(textpage.raw, height + bottom_edge, left)
        finally:
            textpage.close()
        self._paths(page.raw, out, height + bottom_edge, left)
        return out

    def _chars(self, tp, y_flip: float, x_shift: float) -> list[Char]:
        raw = self._raw
        count = raw.FPDFText_CountChars(tp)
        if count <= 0:
            return []
        buffer = ctypes.create_string_buffer((count + 1) * 2)
        raw.FPDFText_GetText(tp, 0, count, ctypes.cast(buffer, ctypes.POINTER(ctypes.c_ushort)))
        text = buffer.raw[: count * 2].decode("utf-16-le", errors="replace")
        if len(text) != count:  # astral characters take two units: fall back to one call per glyph
            text = "".join(chr(raw.FPDFText_GetUnicode(tp, i)) for i in range(count))
        rect = raw.FS_RECTF()
        rect_p = ctypes.byref(rect)
        fonts: dict[int, tuple[str, bool, bool]] = {}
        chars: list[Char] = []
        pending_space = False
        get_box = raw.FPDFText_GetLooseCharBox
        get_size = raw.FPDFText_GetFontSize
        get_obj = raw.FPDFText_GetTextObject
        for i, ch in enumerate(text):
            if ch in "\ufffe\x02":  # pdfium's mark for a hyphen at a line end: it was drawn as "-"
                ch = "-"
            if ch.isspace() or ch == "\x00":
                pending_space = True
                continue
            if not get_box(tp, i, rect_p):
                continue
            obj = get_obj(tp, i)
            key = ctypes.cast(obj, ctypes.c_void_p).value or 0
            font = fonts.get(key)
            if font is None:
                font = fonts[key] = self._font(obj)
            chars.append(Char(ch, rect.left - x_shift, y_flip - rect.top, rect.right - x_shift,
                              y_flip - rect.bottom, get_size(tp, i), font[0], font[1], font[2],
                              pending_space))
            pending_space = False
        return chars

    def _font(self, obj) -> tuple[str, bool, bool]:
        """Name, bold and light-fill of a text object's font (one lookup per object, not per glyph)."""
        raw = self._raw
        if not obj:
            return "", False, False
        name, weight = "", 0
        font = raw.FPDFTextObj_GetFont(obj)
        if font:
            buf = ctypes.create_string_buffer(256)
            n = raw.FPDFFont_GetBaseFontName(font, buf, 256)
            name = buf.raw[: max(0, n - 1)].decode("latin-1", errors="replace")
            weight = raw.FPDFFont_GetWeight(font)
        r, g, b, a = (ctypes.c_uint() for _ in range(4))
        light = False
        if raw.FPDFPageObj_GetFillColor(obj, *(ctypes.byref(c) for c in (r, g, b, a))):
            light = _luminance((r.value / 255, g.value / 255, b.value / 255)) > 0.9
        return name, _is_bold(name, weight), light

    def _paths(self, page, out: PageChars, y_flip: float, x_shift: float) -> None:
        raw = self._raw
        l, b, r, t = (ctypes.c_float() for _ in range(4))
        fillmode, stroke = ctypes.c_int(), ctypes.c_int()
        cr, cg, cb, ca = (ctypes.c_uint() for _ in range(4))
        for i in range(raw.FPDFPage_CountObjects(page)):
            obj = raw.FPDFPage_GetObject(page, i)
            if raw.FPDFPageObj_GetType(obj) != raw.FPDF_PAGEOBJ_PATH:
                continue
            if not raw.FPDFPageObj_GetBounds(obj, *(ctypes.byref(v) for v in (l, b, r, t))):
                continue
            box = Rect(l.value - x_shift, y_flip - t.value, r.value - x_shift, y_flip - b.value)
            raw.FPDFPath_GetDrawMode(obj, ctypes.byref(fillmode), ctypes.byref(stroke))
            thin = min(box.width, box.height) < 2.5
            if thin or (stroke.value and not fillmode.value):
                out.rulings.append(box)
                continue
            if fillmode.value:
                if raw.FPDFPageObj_GetFillColor(obj, *(ctypes.byref(c) for c in (cr, cg, cb, ca))):
                    if ca.value == 0:
                        continue
                    box.luminance = _luminance((cr.value / 255, cg.value / 255, cb.value / 255))
                out.fills.append(box)


# ------------------------------------------------------------------------------------- pdfplumber


def _colour_luminance(colour) -> float | None:
    """pdfminer colours are tuples of 1 (grey), 3 (RGB) or 4 (CMYK) components, or None."""
    if colour is None:
        return None
    if isinstance(colour, (int, float)):
        colour = (colour,)
    try:
        values = [float(c) for c in colour]
    except (TypeError, ValueError):
        return None
    if len(values) == 1:
        return values[0]
    if len(values) == 3:
        return _luminance((values[0], values[1], values[2]))
    if len(values) == 4:
        c, m, y, k = values
        return _luminance(((1 - c) * (1 - k), (1 - m) * (1 - k), (1 - y) * (1 - k)))
    return None


class PlumberSource:
    """pdfplumber's ``page.chars``, ``page.rects`` and ``page.lines``: slower, but the reference."""

    def __init__(self, path: Path) -> None:
        import pdfplumber
        from pdfminer.pdfdocument import PDFPasswordIncorrect

        try:
            self._pdf = pdfplumber.open(str(path))
        except PDFPasswordIncorrect:
            raise EncryptedPdf() from None
        except Exception as exc:
            if "password" in str(exc).lower() or "PDFPasswordIncorrect" in repr(exc):
                raise EncryptedPdf() from None
            raise
        self.page_count = len(self._pdf.pages)
        self.metadata = {}
        for key, value in (self._pdf.metadata or {}).items():
            if isinstance(value, bytes):
                value = value.decode("utf-8", errors="replace")
            if isinstance(value, (str, int, float)) and str(value).strip():
                self.metadata[key] = str(value)

    def close(self) -> None:
        self._pdf.close()

    def pages(self) -> Iterator[PageChars]:
        for index, page in enumerate(self._pdf.pages):
            try:
                yield self._read_page(page, index + 1)
            finally:
                page.close()

    @staticmethod
    def _read_page(page, number: int) -> PageChars:
        out = PageChars(number=number, width=float(page.width), height=float(page.height))
        x_shift, y_shift = float(page.bbox[0]), float(page.bbox[1])
        pending_space = False
        for c in page.chars:
            text = c["text"]
            if text.startswith("(cid:"):
                # A glyph pdfminer cannot map to Unicode (often a bullet in a symbol encoding): keep it as a
                # private-use character, like pdfium reports symbol-font glyphs, so it still marks a list.
                digits = text[5:-1]
                text = chr(0xF000 + int(digits) % 0x1000) if digits.isdigit() else "\uf000"
            if not text or text.isspace():
                pending_space = True
                continue
            font = c.get("fontname", "") or ""
            font = font.split("+", 1)[-1]
            lum = _colour_luminance(c.get("non_stroking_color"))
            out.chars.append(Char(text, c["x0"] - x_shift, c["top"] - y_shift, c["x1"] - x_shift,
                                  c["bottom"] - y_shift, float(c["size"]), font, _is_bold(font),
                                  lum is not None and lum > 0.9, pending_space))
            pending_space = False
        for r in page.rects:
            box = Rect(r["x0"] - x_shift, r["top"] - y_shift, r["x1"] - x_shift, r["bottom"] - y_shift)
            if min(box.width, box.height) < 2.5 or not r.get("fill"):
                out.rulings.append(box)
                continue
            lum = _colour_luminance(r.get("non_stroking_color"))
            box.luminance = 0.0 if lum is None else lum
            out.fills.append(box)
        for line in page.lines:
            out.rulings.append(Rect(line["x0"] - x_shift, line["top"] - y_shift, line["x1"] - x_shift,
                                    line["bottom"] - y_shift))
        return out


def open_source(path: Path, backend: str | None = None) -> CharSource:
    """Open ``path`` with the named backend (default :data:`DEFAULT_BACKEND`)."""
    backend = backend or DEFAULT_BACKEND
    if backend == "pdfium":
        return PdfiumSource(path)
    if backend == "pdfplumber":
        return PlumberSource(path)
    raise ValueError(f"unknown PDF backend {backend!r}; use one of {', '.join(BACKENDS)}")
