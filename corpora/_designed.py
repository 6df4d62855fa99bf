"""A plan as a designed two-column brochure PDF, the way a layout program (not Word) makes one.

What makes such a file hard to read, and what this reproduces from the same source text: A4 in two
columns, a coloured title band on the cover, H2 headings as white text on coloured bars, H3 headings as
coloured text, ``>`` fact boxes as shaded rectangles inside a column, short all-italic paragraphs set as
pull quotes between rules, tables in the column width, a running header and a "Side X" footer, embedded
TrueType fonts (Liberation Sans where installed) and no Word structure at all.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm, mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (BaseDocTemplate, CondPageBreak, Flowable, Frame, FrameBreak, KeepTogether,
                                NextPageTemplate, PageTemplate, Paragraph, Spacer, Table, TableStyle)

from _source import Box, Heading, Inline, Item, Node, PageBreak, Para, Source, Table as SrcTable, inline_text

ACCENT = colors.HexColor("#00707A")
ACCENT_DARK = colors.HexColor("#004F56")
BOX_FILL = colors.HexColor("#E3F1EF")
QUOTE = colors.HexColor("#B4462A")
GREY = colors.HexColor("#5A5A5A")

PAGE_W, PAGE_H = A4
MARGIN_X = 1.8 * cm
MARGIN_TOP = 2.2 * cm
MARGIN_BOTTOM = 2.0 * cm
GUTTER = 0.8 * cm
COL_W = (PAGE_W - 2 * MARGIN_X - GUTTER) / 2
BAND_H = 7.2 * cm

_FONT_DIRS = [Path("/usr/share/fonts/truetype/liberation2"), Path("/usr/share/fonts/truetype/liberation")]


def _register_fonts() -> tuple[str, str, str, str]:
    """Embed Liberation Sans (as a layout program embeds its fonts); Helvetica if it is not installed."""
    names = ("LiberationSans-Regular", "LiberationSans-Bold", "LiberationSans-Italic", "LiberationSans-BoldItalic")
    for folder in _FONT_DIRS:
        files = [folder / f"{n}.ttf" for n in names]
        if all(f.exists() for f in files):
            for name, file in zip(names, files):
                if name not in pdfmetrics.getRegisteredFontNames():
                    pdfmetrics.registerFont(TTFont(name, str(file)))
            pdfmetrics.registerFontFamily(names[0], normal=names[0], bold=names[1], italic=names[2],
                                          boldItalic=names[3])
            return names  # type: ignore[return-value]
    return ("Helvetica", "Helvetica-Bold", "Helvetica-Oblique", "Helvetica-BoldOblique")


class HeadingBar(Flowable):
    """White text on a coloured bar, the full width of the column."""

    def __init__(self, text: str, font: str, size: float, fill) -> None:
        super().__init__()
        self.text, self.font, self.size, self.fill = text, font, size, fill
        self.para = Paragraph(escape(text), ParagraphStyle("bar", fontName=font, fontSize=size,
                                                           leading=size * 1.2, textColor=colors.white))
        self.pad = 2.2 * mm

    def wrap(self, avail_w, avail_h):
        self.width = avail_w
        _, h = self.para.wrap(avail_w - 2 * self.pad, avail_h)
        self.height = h + 2 * self.pad
        return self.width, self.height

    def draw(self):
        self.canv.setFillColor(self.fill)
        self.canv.rect(0, 0, self.width, self.height, stroke=0, fill=1)
        self.para.drawOn(self.canv, self.pad, self.pad)


class PullQuote(Flowable):
    """A pull quote: large coloured italic text between two rules."""

    def __init__(self, text: str, style: ParagraphStyle) -> None:
        super().__init__()
        self.para = Paragraph(escape(text), style)
        self.gap = 2.5 * mm

    def wrap(self, avail_w, avail_h):
        self.width = avail_w
        _, h = self.para.wrap(avail_w - 4 * mm, avail_h)
        self.height = h + 2 * self.gap
        return self.width, self.height

    def draw(self):
        self.canv.setStrokeColor(QUOTE)
        self.canv.setLineWidth(1.4)
        self.canv.line(0, self.height, self.width * 0.4, self.height)
        self.canv.line(self.width * 0.6, 0, self.width, 0)
        self.para.drawOn(self.canv, 2 * mm, self.gap)


class _Brochure:
    def __init__(self, source: Source) -> None:
        self.src = source
        regular, bold, italic, bold_italic = _register_fonts()
        self.fonts = {"regular": regular, "bold": bold, "italic": italic}
        self.note_ids: dict[str, int] = {}
        base = dict(fontName=regular, fontSize=9.5, leading=13.2, textColor=colors.HexColor("#1E1E1E"),
                    alignment=TA_LEFT)
        self.body = ParagraphStyle("body", spaceAfter=5, **base)
        self.bullet = ParagraphStyle("bullet", parent=self.body, leftIndent=11, bulletIndent=1,
                                     spaceAfter=2.5)
        self.cell = ParagraphStyle("cell", parent=self.body, fontSize=8.2, leading=10.6, spaceAfter=0)
        self.cell_head = ParagraphStyle("cellhead", parent=self.cell, fontName=bold, textColor=colors.white)
        self.box_text = ParagraphStyle("box", parent=self.body, fontSize=9, leading=12.4, spaceAfter=3)
        self.box_bullet = ParagraphStyle("boxbullet", parent=self.box_text, leftIndent=11, bulletIndent=1)
        self.h3 = ParagraphStyle("h3", parent=self.body, fontName=bold, fontSize=11, leading=14,
                                 textColor=ACCENT_DARK, spaceBefore=6, spaceAfter=3)
        self.quote = ParagraphStyle("quote", parent=self.body, fontName=italic, fontSize=13.5, leading=18,
                                    textColor=QUOTE, spaceAfter=0)
        self.cover_title = ParagraphStyle("ctitle", parent=self.body, fontName=bold, fontSize=30, leading=34,
                                          textColor=colors.white, spaceAfter=8)
        self.cover_text = ParagraphStyle("ctext", parent=self.body, fontSize=11, leading=15,
                                         textColor=colors.white, spaceAfter=5)
        self.note = ParagraphStyle("note", parent=self.body, fontSize=7.8, leading=10)

    # ------------------------------------------------------------------------------------ inline text

    def markup(self, spans: Inline) -> str:
        out = []
        for span in spans:
            if span.note is not None:
                number = self.note_ids.setdefault(span.note, len(self.note_ids) + 1)
                out.append(f"<super>{number}</super>")
                continue
            text = escape(span.text)
            if span.bold:
                text = f"<b>{text}</b>"
            if span.italic:
                text = f"<i>{text}</i>"
            out.append(text)
        return "".join(out)

    # ----------------------------------------------------------------------------------------- blocks

    def cover(self, blocks: list[Node]) -> tuple[list, list[Node]]:
        """The title and what stands before the first section go on the cover band."""
        flow: list = []
        rest = list(blocks)
        while rest and not (isinstance(rest[0], Heading) and (rest[0].level > 1 or flow)):
            block = rest.pop(0)
            if isinstance(block, Heading):
                flow.append(Paragraph(escape(block.text), self.cover_title))
            elif isinstance(block, Para):
                flow.append(Paragraph(self.markup(block.spans), self.cover_text))
            elif isinstance(block, Item):
                flow.append(Paragraph(self.markup(block.spans), self.cover_text, bulletText="•"))
        return flow, rest

    def flow(self, blocks: list[Node], *, in_box: bool = False) -> list:
        out: list = []
        counters: dict[int, int] = {}
        for block in blocks:
            if not isinstance(block, Item):
                counters.clear()
            if isinstance(block, Heading):
                if block.level <= 2:
                    size = 15 if block.level == 1 else 12.5
                    out.append(CondPageBreak(3.2 * cm))
                    out.append(Spacer(1, 4 * mm))
                    out.append(HeadingBar(block.text, self.fonts["bold"], size,
                                          ACCENT_DARK if block.level == 1 else ACCENT))
                    out.append(Spacer(1, 2.5 * mm))
                else:
                    out.append(CondPageBreak(2.2 * cm))
                    out.append(Paragraph(escape(block.text), self.h3))
            elif isinstance(block, Para):
                spans = [s for s in block.spans if s.text.strip() or s.note]
                words = len(inline_text(block.spans).split())
                if not in_box and spans and all(s.italic for s in spans) and words <= 45:
                    out.append(Spacer(1, 2 * mm))
                    out.append(PullQuote(inline_text(block.spans).strip(), self.quote))
                    out.append(Spacer(1, 3 * mm))
                else:
                    out.append(Paragraph(self.markup(block.spans), self.box_text if in_box else self.body))
            elif isinstance(block, Item):
                for depth in [d for d in counters if d > block.depth]:
                    counters.pop(depth)
                if block.ordered:
                    counters[block.depth] = counters.get(block.depth, (block.number or 1) - 1) + 1
                    marker = f"{counters[block.depth]}."
                else:
                    marker = "•" if block.depth == 0 else "–"
                style = ParagraphStyle(f"li{block.depth}{in_box}", parent=self.box_bullet if in_box else self.bullet,
                                       leftIndent=11 + 10 * block.depth, bulletIndent=1 + 10 * block.depth)
                out.append(Paragraph(self.markup(block.spans), style, bulletText=marker))
            elif isinstance(block, SrcTable):
                out.append(self.table(block))
                out.append(Spacer(1, 3 * mm))
            elif isinstance(block, Box):
                out.append(self.box(block))
            elif isinstance(block, PageBreak):
                continue
        return out

    def table(self, block: SrcTable) -> Table:
        cols = max(len(r) for r in block.rows)
        floors, weights = [], []
        for c in range(cols):
            texts = [inline_text(r[c]) for r in block.rows if c < len(r)]
            words = [w for t in texts for w in t.split()] or ["xxxx"]
            longest = max(pdfmetrics.stringWidth(w, self.fonts["bold"], self.cell.fontSize) for w in words)
            floors.append(longest + 8)
            weights.append(max(sum(len(t) for t in texts) / max(len(texts), 1), 4))
        spare = COL_W - sum(floors)
        if spare > 0:
            widths = [f + spare * w / sum(weights) for f, w in zip(floors, weights)]
        else:
            widths = [f * COL_W / sum(floors) for f in floors]
        data = [[Paragraph(self.markup(cell), self.cell_head if r == 0 else self.cell) for cell in row]
                for r, row in enumerate(block.rows)]
        table = Table(data, colWidths=widths, repeatRows=1, hAlign="LEFT")
        table.setStyle(TableStyle([
            ("BACKGROUND", (0, 0), (-1, 0), ACCENT),
            ("LINEBELOW", (0, 1), (-1, -1), 0.5, colors.HexColor("#9DBFBC")),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("TOPPADDING", (0, 0), (-1, -1), 3),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
            ("LEFTPADDING", (0, 0), (-1, -1), 3),
            ("RIGHTPADDING", (0, 0), (-1, -1), 3),
        ]))
        return table

    def box(self, block: Box) -> Table:
        """A shaded rectangle in the column: one row per inner block, so a long box can split."""
        inner = self.flow(block.blocks, in_box=True)
        rows = [[f] for f in inner] or [[Spacer(1, 1)]]
        table = Table(rows, colWidths=[COL_W], hAlign="LEFT", spaceBefore=4, spaceAfter=8)
        table.setStyle(TableStyle([
            ("BACKGROUND", (0, 0), (-1, -1), BOX_FILL),
            ("LEFTPADDING", (0, 0), (-1, -1), 8),
            ("RIGHTPADDING", (0, 0), (-1, -1), 8),
            ("TOPPADDING", (0, 0), (-1, -1), 1.5),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
            ("TOPPADDING", (0, 0), (-1, 0), 7),
            ("BOTTOMPADDING", (0, -1), (-1, -1), 7),
        ]))
        return table

    def notes(self) -> list:
        if not self.note_ids:
            return []
        out: list = [Spacer(1, 4 * mm), HeadingBar("Noter", self.fonts["bold"], 12.5, ACCENT)]
        for key, number in self.note_ids.items():
            spans = self.src.notes.get(key)
            if spans is None:
                raise ValueError(f"{self.src.id}: footnote [^{key}] is referenced but not defined")
            out.append(Paragraph(f"{number}. {self.markup(spans)}", self.note))
        return out

    # ------------------------------------------------------------------------------------------ pages

    def decorate(self, canvas, doc) -> None:
        canvas.saveState()
        canvas.setFont(self.fonts["regular"], 8)
        canvas.setFillColor(GREY)
        header = self.src.header or self.src.municipality
        canvas.drawString(MARGIN_X, PAGE_H - 1.3 * cm, header)
        canvas.setStrokeColor(ACCENT)
        canvas.setLineWidth(0.6)
        canvas.line(MARGIN_X, PAGE_H - 1.45 * cm, PAGE_W - MARGIN_X, PAGE_H - 1.45 * cm)
        canvas.drawRightString(PAGE_W - MARGIN_X, 1.1 * cm, f"Side {doc.page}")
        if doc.page == 1:
            canvas.setFillColor(ACCENT_DARK)
            canvas.rect(0, PAGE_H - MARGIN_TOP - BAND_H, PAGE_W, BAND_H, stroke=0, fill=1)
        canvas.restoreState()

    def build(self, path: Path) -> None:
        created = _created(self.src)
        stamp = created.strftime("D:%Y%m%d%H%M%S+02'00'")

        class _Canvas(Canvas):
            def __init__(self, *args, **kwargs):
                kwargs["invariant"] = 1
                super().__init__(*args, **kwargs)
                self._doc.setDateFormatter(lambda *_: stamp)

        doc = BaseDocTemplate(
            str(path), pagesize=A4, leftMargin=MARGIN_X, rightMargin=MARGIN_X, topMargin=MARGIN_TOP,
            bottomMargin=MARGIN_BOTTOM, title=self.src.title, author=self.src.municipality,
            subject=self.src.header, creator="concept-audit corpus build (designed two-column layout)",
        )
        body_h = PAGE_H - MARGIN_TOP - MARGIN_BOTTOM
        band = Frame(MARGIN_X, PAGE_H - MARGIN_TOP - BAND_H, PAGE_W - 2 * MARGIN_X, BAND_H, id="band",
                     leftPadding=6 * mm, rightPadding=6 * mm, topPadding=8 * mm, bottomPadding=4 * mm)
        first_h = body_h - BAND_H - 6 * mm
        first = [band,
                 Frame(MARGIN_X, MARGIN_BOTTOM, COL_W, first_h, id="c1", leftPadding=0, rightPadding=0),
                 Frame(MARGIN_X + COL_W + GUTTER, MARGIN_BOTTOM, COL_W, first_h, id="c2",
                       leftPadding=0, rightPadding=0)]
        later = [Frame(MARGIN_X, MARGIN_BOTTOM, COL_W, body_h, id="l1", leftPadding=0, rightPadding=0),
                 Frame(MARGIN_X + COL_W + GUTTER, MARGIN_BOTTOM, COL_W, body_h, id="l2",
                       leftPadding=0, rightPadding=0)]
        doc.addPageTemplates([PageTemplate("cover", first, onPage=self.decorate),
                              PageTemplate("columns", later, onPage=self.decorate)])
        cover, rest = self.cover(self.src.blocks)
        story = [KeepTogether(cover), NextPageTemplate("columns"), FrameBreak()]
        story += self.flow(rest)
        story += self.notes()
        doc.build(story, canvasmaker=_Canvas)


def _created(src: Source) -> dt.datetime:
    date = src.meta.get("date")
    try:
        parsed = date if isinstance(date, dt.date) else dt.date.fromisoformat(str(date))
    except ValueError:
        parsed = dt.date(2025, 1, 1)
    return dt.datetime(parsed.year, parsed.month, parsed.day, 9, 30)


def build_brochure(source: Source, path: Path) -> None:
    _Brochure(source).build(path)
