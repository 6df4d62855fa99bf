"""Writing a corpus source as a Word document, the way municipalities' files are actually made.

Three layouts (front matter ``layout``):

- ``styled``: Word's own heading, title and list styles, tables with a repeating header row, a fact box as
  a shaded one-cell table, real footnotes.
- ``plain``: formatted by hand: headings are Normal paragraphs in bold and a larger size, bullets typed as
  "•"/"-" characters, a fact box as bordered, shaded paragraphs.
- ``numbered``: heading styles tied to a multilevel list, so Word draws "1 / 1.1 / 1.1.1" and the numbers
  are not in the text; a fact box as a floating text box (DrawingML with a VML fallback, as Word writes
  it) and a ``[[cc]]`` paragraph inside a block content control.

Every layout gets a running header, a "Side X af Y" footer made of PAGE/NUMPAGES fields, A4 pages and
core properties (title, created date, author). python-docx has no API for footnotes, text boxes, content
controls or heading numbering, so those are written as raw WordprocessingML here.
"""

from __future__ import annotations

import copy
import datetime as dt
import io
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from xml.sax.saxutils import escape

import docx
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm, Emu, Pt, RGBColor

from _source import Box, Heading, Inline, Item, Node, PageBreak, Para, Source, Table, inline_text

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_BOX_NS = " ".join(f'xmlns:{prefix}="{uri}"' for prefix, uri in {
    "w": W_NS,
    "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
    "wps": "http://schemas.microsoft.com/office/word/2010/wordprocessingShape",
    "wp14": "http://schemas.microsoft.com/office/word/2010/wordprocessingDrawing",
    "mc": "http://schemas.openxmlformats.org/markup-compatibility/2006",
    "v": "urn:schemas-microsoft-com:vml",
    "o": "urn:schemas-microsoft-com:office:office",
    "w10": "urn:schemas-microsoft-com:office:word",
}.items())
A4 = (Cm(21.0), Cm(29.7))
MARGIN = Cm(2.5)
TEXT_WIDTH = A4[0] - 2 * MARGIN


@dataclass
class Look:
    """The fonts and sizes one layout uses; a hand-formatted plan looks different from a template one."""

    font: str
    size: float
    heading_sizes: tuple[float, ...]
    accent: str  # hex colour of headings/boxes where the layout colours them


LOOKS = {
    "styled": Look("Arial", 11, (16, 13, 12, 11), "1F4E79"),
    "plain": Look("Times New Roman", 12, (18, 15, 13, 12), "000000"),
    "numbered": Look("Verdana", 10, (15, 12.5, 11, 10), "2E5A3C"),
}


@dataclass
class _ListState:
    """Numbering instances of the list being written, per depth (a new list restarts at 1)."""

    nums: dict[int, int] = field(default_factory=dict)
    counters: dict[int, int] = field(default_factory=dict)


class DocxWriter:
    def __init__(self, source: Source, layout: str | None = None) -> None:
        self.src = source
        self.layout = layout or source.layout
        if self.layout not in LOOKS:
            raise ValueError(f"{source.id}: unknown layout {self.layout!r}")
        self.look = LOOKS[self.layout]
        self.doc = docx.Document()
        self.note_ids: dict[str, int] = {}
        self.shape_id = 0
        self.list_state = _ListState()
        self._setup()

    # ------------------------------------------------------------------------------------------ setup

    def _setup(self) -> None:
        section = self.doc.sections[0]
        section.page_width, section.page_height = A4
        for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
            setattr(section, side, MARGIN)
        section.header_distance = section.footer_distance = Cm(1.25)
        self._set_fonts()
        self._add_note_styles()
        if self.layout == "numbered":
            self._number_headings()
        self._drop_thumbnail()

    def _set_fonts(self) -> None:
        """Explicit fonts everywhere: theme font references would win over a style's font name."""
        styles = self.doc.styles.element
        defaults = styles.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
        fonts = defaults.find(qn("w:rFonts"))
        for attr in list(fonts.attrib):
            del fonts.attrib[attr]
        for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
            fonts.set(qn(attr), self.look.font)
        defaults.find(qn("w:sz")).set(qn("w:val"), str(int(self.look.size * 2)))
        defaults.find(qn("w:szCs")).set(qn("w:val"), str(int(self.look.size * 2)))
        lang = defaults.find(qn("w:lang"))
        lang.set(qn("w:val"), "da-DK")
        lang.set(qn("w:eastAsia"), "da-DK")
        for rfonts in styles.iter(qn("w:rFonts")):
            if rfonts is fonts:
                continue
            for attr in list(rfonts.attrib):
                del rfonts.attrib[attr]
            for attr in ("w:ascii", "w:hAnsi", "w:cs"):
                rfonts.set(qn(attr), self.look.font)
        for level, size in enumerate(self.look.heading_sizes, start=1):
            style = self.doc.styles[f"Heading {level}"]
            style.font.size = Pt(size)
            style.font.color.rgb = RGBColor.from_string(self.look.accent)
            style.font.italic = False
            style.paragraph_format.space_before = Pt(18 if level == 1 else 12)
            style.paragraph_format.space_after = Pt(6)
        title = self.doc.styles["Title"]
        title.font.size = Pt(24)
        title.font.color.rgb = RGBColor.from_string(self.look.accent)
        normal = self.doc.styles["Normal"].paragraph_format
        normal.space_after = Pt(6)
        normal.line_spacing = 1.15

    def _add_note_styles(self) -> None:
        styles = self.doc.styles.element
        styles.append(parse_xml(
            f'<w:style {nsdecls("w")} w:type="paragraph" w:styleId="FootnoteText">'
            '<w:name w:val="footnote text"/><w:basedOn w:val="Normal"/><w:uiPriority w:val="99"/>'
            '<w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr>'
            f'<w:rPr><w:sz w:val="{int(self.look.size * 2) - 4}"/></w:rPr></w:style>'))
        styles.append(parse_xml(
            f'<w:style {nsdecls("w")} w:type="character" w:styleId="FootnoteReference">'
            '<w:name w:val="footnote reference"/><w:uiPriority w:val="99"/>'
            '<w:rPr><w:vertAlign w:val="superscript"/></w:rPr></w:style>'))

    def _number_headings(self) -> None:
        """Word's "1 / 1.1 / 1.1.1" heading numbering: a multilevel list linked to Heading 1–4."""
        numbering = self.doc.part.numbering_part.element
        abstract_id = 90
        levels = []
        for ilvl in range(4):
            text = ".".join(f"%{i + 1}" for i in range(ilvl + 1))
            indent = 432 + 144 * ilvl
            levels.append(
                f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="1"/><w:numFmt w:val="decimal"/>'
                f'<w:pStyle w:val="Heading{ilvl + 1}"/><w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/>'
                f'<w:pPr><w:ind w:left="{indent}" w:hanging="{indent}"/></w:pPr></w:lvl>')
        abstract = parse_xml(
            f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{abstract_id}"><w:nsid w:val="2F3A5C11"/>'
            '<w:multiLevelType w:val="multilevel"/><w:tmpl w:val="0406001F"/>'
            + "".join(levels) + "</w:abstractNum>")
        first_num = numbering.find(qn("w:num"))
        first_num.addprevious(abstract)
        num_id = 90
        numbering.append(parse_xml(
            f'<w:num {nsdecls("w")} w:numId="{num_id}"><w:abstractNumId w:val="{abstract_id}"/></w:num>'))
        for level in range(1, 5):
            ppr = self.doc.styles[f"Heading {level}"].element.get_or_add_pPr()
            ppr.insert(2, parse_xml(
                f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{level - 1}"/><w:numId w:val="{num_id}"/></w:numPr>'))

    def _drop_thumbnail(self) -> None:
        """python-docx's template carries a thumbnail of its own sample page; Word files rarely do."""
        package = self.doc.part.package
        for rid, rel in list(package.rels.items()):
            if rel.reltype.endswith("/thumbnail"):
                package.rels.pop(rid)

    # ----------------------------------------------------------------------------------------- blocks

    def render(self) -> docx.document.Document:
        blocks = list(self.src.blocks)
        first = next((b for b in blocks if not isinstance(b, PageBreak)), None)
        for block in blocks:
            if block is first and self._is_title(block):
                self._title(block)
                continue
            self._block(self.doc, block, top_level=True)
        self._header_footer()
        self._footnotes()
        self._core_properties()
        return self.doc

    def _title(self, block: Node) -> None:
        """Title style in the template layouts; big bold Normal text where formatted by hand."""
        if self.layout != "plain":
            self.doc.add_paragraph(_plain(block), style="Title")
            return
        paragraph = self.doc.add_paragraph()
        paragraph.paragraph_format.space_after = Pt(12)
        run = paragraph.add_run(_plain(block))
        run.bold = True
        run.font.size = Pt(20)

    def _is_title(self, block: Node) -> bool:
        """The plan's first line is its title: an H1, or a paragraph set entirely in bold."""
        if isinstance(block, Heading):
            return block.level == 1
        if isinstance(block, Para):
            spans = [s for s in block.spans if s.text.strip() or s.note]
            return bool(spans) and all(s.bold for s in spans)
        return False

    def _block(self, container, block: Node, *, top_level: bool = False) -> None:
        if not isinstance(block, Item):
            self.list_state = _ListState()
        if isinstance(block, Heading):
            self._heading(container, block)
        elif isinstance(block, Para):
            self._para(container, block)
        elif isinstance(block, Item):
            self._item(container, block)
        elif isinstance(block, Table):
            self._table(container, block)
        elif isinstance(block, Box):
            self._box(container, block)
        elif isinstance(block, PageBreak) and top_level:
            self.doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)

    def _new_paragraph(self, container, style: str | None = None):
        """A fresh paragraph; a new table cell's own empty paragraph is used first."""
        paragraphs = getattr(container, "paragraphs", None)
        if (container is not self.doc and paragraphs and len(paragraphs) == 1
                and not paragraphs[0].text and not getattr(container, "_used", False)):
            container._used = True
            paragraph = paragraphs[0]
            if style:
                paragraph.style = self.doc.styles[style]
            return paragraph
        if container is not self.doc:
            container._used = True
        return container.add_paragraph(style=style)

    def _runs(self, paragraph, spans: Inline, *, bold: bool | None = None, size: float | None = None) -> None:
        for span in spans:
            if span.note is not None:
                self._note_ref(paragraph, span.note)
                continue
            run = paragraph.add_run(span.text)
            if span.bold or bold:
                run.bold = True
            if span.italic:
                run.italic = True
            if size:
                run.font.size = Pt(size)

    def _heading(self, container, block: Heading) -> None:
        text = block.text
        if self.layout == "numbered":
            text = _strip_number(text)
        if self.layout == "plain":
            paragraph = self._new_paragraph(container)
            fmt = paragraph.paragraph_format
            fmt.keep_with_next = True
            fmt.space_before = Pt(18 if block.level == 1 else 12)
            fmt.space_after = Pt(6)
            size = self.look.heading_sizes[min(block.level, 4) - 1]
            run = paragraph.add_run(text)
            run.bold = True
            run.font.size = Pt(size)
            if block.level == 4:
                run.italic = True
            return
        self._new_paragraph(container, style=f"Heading {min(block.level, 4)}").add_run(text)

    def _para(self, container, block: Para) -> None:
        if block.control and self.layout == "numbered" and container is self.doc:
            paragraph = self._new_paragraph(container)
            self._runs(paragraph, block.spans)
            self._wrap_in_content_control(paragraph)
            return
        paragraph = self._new_paragraph(container)
        self._runs(paragraph, block.spans)

    def _item(self, container, block: Item) -> None:
        state = self.list_state
        for depth in [d for d in state.nums if d > block.depth]:
            state.nums.pop(depth)
            state.counters.pop(depth, None)
        if self.layout == "plain":
            count = state.counters.get(block.depth, (block.number or 1) - 1) + 1
            state.counters[block.depth] = count
            marker = f"{count}." if block.ordered else ("•" if block.depth % 2 == 0 else "-")
            paragraph = self._new_paragraph(container)
            fmt = paragraph.paragraph_format
            fmt.left_indent = Cm(0.63 * (block.depth + 1))
            fmt.first_line_indent = Cm(-0.63)
            fmt.space_after = Pt(2)
            fmt.tab_stops.add_tab_stop(Cm(0.63 * (block.depth + 1)))
            paragraph.add_run(f"{marker}\t")
            self._runs(paragraph, block.spans)
            return
        depth = min(block.depth, 2)
        suffix = "" if depth == 0 else f" {depth + 1}"
        style = ("List Number" if block.ordered else "List Bullet") + suffix
        paragraph = self._new_paragraph(container, style=style)
        if block.ordered:
            if block.depth not in state.nums:
                state.nums[block.depth] = self._restart_numbering(style, block.number or 1)
            ppr = paragraph._p.get_or_add_pPr()
            ppr.insert(1, parse_xml(
                f'<w:numPr {nsdecls("w")}><w:ilvl w:val="0"/>'
                f'<w:numId w:val="{state.nums[block.depth]}"/></w:numPr>'))
        self._runs(paragraph, block.spans)

    def _restart_numbering(self, style: str, start: int) -> int:
        """A new w:num on the style's list with a start override: every numbered list starts anew."""
        numbering = self.doc.part.numbering_part.element
        style_num = self.doc.styles[style].element.pPr.find(qn("w:numPr")).find(qn("w:numId")).get(qn("w:val"))
        abstract = None
        for num in numbering.findall(qn("w:num")):
            if num.get(qn("w:numId")) == style_num:
                abstract = num.find(qn("w:abstractNumId")).get(qn("w:val"))
        used = [int(n.get(qn("w:numId"))) for n in numbering.findall(qn("w:num"))]
        num_id = max(used) + 1
        numbering.append(parse_xml(
            f'<w:num {nsdecls("w")} w:numId="{num_id}"><w:abstractNumId w:val="{abstract}"/>'
            f'<w:lvlOverride w:ilvl="0"><w:startOverride w:val="{start}"/></w:lvlOverride></w:num>'))
        return num_id

    def _table(self, container, block: Table) -> None:
        rows, cols = len(block.rows), max(len(r) for r in block.rows)
        table = container.add_table(rows=rows, cols=cols)
        table.style = self.doc.styles["Light Grid Accent 1" if self.layout == "numbered" else "Table Grid"]
        table.alignment = WD_TABLE_ALIGNMENT.LEFT
        table.autofit = False
        widths = _column_widths(block, TEXT_WIDTH if container is self.doc else TEXT_WIDTH - Cm(1), self.look.size)
        grid = table._tbl.tblGrid
        for col, width in zip(grid.findall(qn("w:gridCol")), widths):
            col.set(qn("w:w"), str(int(width.twips)))
        for r, row in enumerate(block.rows):
            cells = table.rows[r].cells
            for c in range(cols):
                cell = cells[c]
                cell.width = widths[c]
                spans = row[c] if c < len(row) else []
                paragraph = cell.paragraphs[0]
                paragraph.paragraph_format.space_after = Pt(2)
                self._runs(paragraph, spans, bold=True if r == 0 else None,
                           size=self.look.size - 1 if self.layout != "plain" else None)
                if r == 0 and self.layout == "styled":
                    _shade(cell, "DCE6F1")
        if self.layout != "plain":
            tr_pr = table.rows[0]._tr.get_or_add_trPr()
            tr_pr.append(parse_xml(f'<w:tblHeader {nsdecls("w")}/>'))
        # A little air after a table, as people add an empty paragraph in Word.
        if container is self.doc:
            self.doc.add_paragraph().paragraph_format.space_after = Pt(0)

    # -------------------------------------------------------------------------------------- fact boxes

    def _box(self, container, block: Box) -> None:
        if self.layout == "numbered" and container is self.doc:
            self._text_box(block)
        elif self.layout == "plain" or container is not self.doc:
            self._bordered_paragraphs(container, block)
        else:
            self._shaded_cell(block)

    def _render_detached(self, blocks: list[Node]) -> list:
        """Render blocks at the end of the body, then take them out again for a box to hold."""
        body = self.doc.element.body
        before = len(body)
        saved = self.list_state
        self.list_state = _ListState()
        for inner in blocks:
            self._block(self.doc, inner)
        self.list_state = saved
        sect_pr = body[-1] if body[-1].tag == qn("w:sectPr") else None
        new = [el for el in list(body)[before - (1 if sect_pr is not None else 0):] if el is not sect_pr]
        for el in new:
            body.remove(el)
        return new

    def _shaded_cell(self, block: Box) -> None:
        table = self.doc.add_table(rows=1, cols=1)
        table.style = self.doc.styles["Table Grid"]
        table.autofit = False
        cell = table.rows[0].cells[0]
        cell.width = TEXT_WIDTH
        _shade(cell, "EAF1F8")
        tc = cell._tc
        first = tc.find(qn("w:p"))
        for el in self._render_detached(block.blocks):
            tc.append(el)
        tc.remove(first)
        self.doc.add_paragraph().paragraph_format.space_after = Pt(0)

    def _bordered_paragraphs(self, container, block: Box) -> None:
        """Boxed paragraphs: Word joins adjacent paragraphs with the same border into one frame."""
        if container is self.doc:
            elements = self._render_detached(block.blocks)
            body = self.doc.element.body
            anchor = body[-1] if body[-1].tag == qn("w:sectPr") else None
            for el in elements:
                if anchor is not None:
                    anchor.addprevious(el)
                else:
                    body.append(el)
        else:
            before = len(container._tc.findall(qn("w:p")))
            for inner in block.blocks:
                self._block(container, inner)
            elements = container._tc.findall(qn("w:p"))[before:]
        border = ('<w:pBdr {ns}><w:top w:val="single" w:sz="6" w:space="4" w:color="404040"/>'
                  '<w:left w:val="single" w:sz="6" w:space="4" w:color="404040"/>'
                  '<w:bottom w:val="single" w:sz="6" w:space="4" w:color="404040"/>'
                  '<w:right w:val="single" w:sz="6" w:space="4" w:color="404040"/></w:pBdr>')
        for el in elements:
            if el.tag != qn("w:p"):
                continue
            ppr = el.get_or_add_pPr()
            ppr.append(parse_xml(border.format(ns=nsdecls("w"))))
            ppr.append(parse_xml(f'<w:shd {nsdecls("w")} w:val="clear" w:color="auto" w:fill="F2F2F2"/>'))
            _order_ppr(ppr)

    def _text_box(self, block: Box) -> None:
        """A floating text box as Word writes it: DrawingML (wps) with a VML fallback of the same text."""
        content = self._render_detached(block.blocks)
        self.shape_id += 1
        sid = self.shape_id
        chars = sum(len("".join(el.itertext())) for el in content)
        lines = sum(max(1, -(-len("".join(el.itertext())) // 85)) for el in content)
        height = Emu(int(Pt(lines * self.look.size * 1.45 + 14)))
        width = Emu(int(TEXT_WIDTH))
        del chars
        xml = f"""
<w:r {_BOX_NS}>
 <mc:AlternateContent>
  <mc:Choice Requires="wps">
   <w:drawing>
    <wp:anchor distT="45720" distB="45720" distL="114300" distR="114300" simplePos="0"
        relativeHeight="{251659264 + sid}" behindDoc="0" locked="0" layoutInCell="1" allowOverlap="0">
     <wp:simplePos x="0" y="0"/>
     <wp:positionH relativeFrom="column"><wp:posOffset>0</wp:posOffset></wp:positionH>
     <wp:positionV relativeFrom="paragraph"><wp:posOffset>0</wp:posOffset></wp:positionV>
     <wp:extent cx="{width}" cy="{height}"/>
     <wp:effectExtent l="0" t="0" r="0" b="0"/>
     <wp:wrapTopAndBottom/>
     <wp:docPr id="{sid}" name="Tekstfelt {sid}"/>
     <wp:cNvGraphicFramePr/>
     <a:graphic xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main">
      <a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">
       <wps:wsp>
        <wps:cNvSpPr txBox="1"><a:spLocks noChangeArrowheads="1"/></wps:cNvSpPr>
        <wps:spPr bwMode="auto">
         <a:xfrm><a:off x="0" y="0"/><a:ext cx="{width}" cy="{height}"/></a:xfrm>
         <a:prstGeom prst="rect"><a:avLst/></a:prstGeom>
         <a:solidFill><a:srgbClr val="E8F1EA"/></a:solidFill>
         <a:ln w="12700"><a:solidFill><a:srgbClr val="{self.look.accent}"/></a:solidFill>
          <a:miter lim="800000"/><a:headEnd/><a:tailEnd/></a:ln>
        </wps:spPr>
        <wps:txbx><w:txbxContent/></wps:txbx>
        <wps:bodyPr rot="0" vert="horz" wrap="square" lIns="108000" tIns="72000" rIns="108000" bIns="72000"
            anchor="t" anchorCtr="0"><a:spAutoFit/></wps:bodyPr>
       </wps:wsp>
      </a:graphicData>
     </a:graphic>
     <wp14:sizeRelH relativeFrom="margin"><wp14:pctWidth>0</wp14:pctWidth></wp14:sizeRelH>
     <wp14:sizeRelV relativeFrom="margin"><wp14:pctHeight>0</wp14:pctHeight></wp14:sizeRelV>
    </wp:anchor>
   </w:drawing>
  </mc:Choice>
  <mc:Fallback>
   <w:pict>
    <v:shapetype id="_x0000_t202" coordsize="21600,21600" o:spt="202" path="m,l,21600r21600,l21600,xe">
     <v:stroke joinstyle="miter"/><v:path gradientshapeok="t" o:connecttype="rect"/>
    </v:shapetype>
    <v:shape id="Tekstfelt {sid}" o:spid="_x0000_s{1025 + sid}" type="#_x0000_t202"
        style="position:absolute;margin-left:0;margin-top:0;width:{width.pt:.1f}pt;height:{height.pt:.1f}pt;z-index:{251659264 + sid};visibility:visible;mso-wrap-style:square;mso-wrap-distance-left:9pt;mso-wrap-distance-top:3.6pt;mso-wrap-distance-right:9pt;mso-wrap-distance-bottom:3.6pt;mso-position-horizontal:absolute;mso-position-horizontal-relative:text;mso-position-vertical:absolute;mso-position-vertical-relative:text;v-text-anchor:top"
        fillcolor="#e8f1ea" strokecolor="#{self.look.accent.lower()}" strokeweight="1pt">
     <v:textbox style="mso-fit-shape-to-text:t" inset="3mm,2mm,3mm,2mm"><w:txbxContent/></v:textbox>
     <w10:wrap type="topAndBottom"/>
    </v:shape>
   </w:pict>
  </mc:Fallback>
 </mc:AlternateContent>
</w:r>"""
        run = parse_xml(xml)
        boxes = list(run.iter(qn("w:txbxContent")))
        for el in content:
            boxes[0].append(el)
            boxes[1].append(copy.deepcopy(el))
        anchor = self.doc.add_paragraph()
        anchor.paragraph_format.space_after = Pt(6)
        anchor._p.append(run)

    # ------------------------------------------------------------------------------- content control

    def _wrap_in_content_control(self, paragraph) -> None:
        p = paragraph._p
        sdt = parse_xml(
            f'<w:sdt {nsdecls("w")}><w:sdtPr><w:alias w:val="Vedtagelse"/><w:tag w:val="vedtagelse"/>'
            f'<w:id w:val="{-1730000000 + len(self.src.id) * 7919}"/></w:sdtPr>'
            '<w:sdtContent/></w:sdt>')
        p.addprevious(sdt)
        sdt.find(qn("w:sdtContent")).append(p)

    # ------------------------------------------------------------------------------------- footnotes

    def _note_ref(self, paragraph, note: str) -> None:
        number = self.note_ids.setdefault(note, len(self.note_ids) + 1)
        paragraph._p.append(parse_xml(
            f'<w:r {nsdecls("w")}><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr>'
            f'<w:footnoteReference w:id="{number}"/></w:r>'))

    def _footnotes(self) -> None:
        if not self.note_ids:
            return
        notes = [
            f'<w:footnote w:type="separator" w:id="-1"><w:p><w:pPr><w:spacing w:after="0" w:line="240" '
            'w:lineRule="auto"/></w:pPr><w:r><w:separator/></w:r></w:p></w:footnote>',
            f'<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:pPr><w:spacing w:after="0" '
            'w:line="240" w:lineRule="auto"/></w:pPr><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>',
        ]
        for key, number in self.note_ids.items():
            spans = self.src.notes.get(key)
            if spans is None:
                raise ValueError(f"{self.src.id}: footnote [^{key}] is referenced but not defined")
            runs = []
            for span in spans:
                if span.note is not None:
                    continue
                props = ("<w:b/>" if span.bold else "") + ("<w:i/>" if span.italic else "")
                runs.append(f'<w:r>{"<w:rPr>" + props + "</w:rPr>" if props else ""}'
                            f'<w:t xml:space="preserve">{escape(span.text)}</w:t></w:r>')
            notes.append(
                f'<w:footnote w:id="{number}"><w:p><w:pPr><w:pStyle w:val="FootnoteText"/></w:pPr>'
                '<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:footnoteRef/></w:r>'
                '<w:r><w:t xml:space="preserve"> </w:t></w:r>' + "".join(runs) + "</w:p></w:footnote>")
        xml = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
               f'<w:footnotes xmlns:w="{W_NS}" '
               'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
               + "".join(notes) + "</w:footnotes>")
        part = Part(PackURI("/word/footnotes.xml"), CT.WML_FOOTNOTES, xml.encode("utf-8"), self.doc.part.package)
        self.doc.part.relate_to(part, RT.FOOTNOTES)
        settings = self.doc.settings.element
        settings.append(parse_xml(
            f'<w:footnotePr {nsdecls("w")}><w:footnote w:id="-1"/><w:footnote w:id="0"/></w:footnotePr>'))

    # --------------------------------------------------------------------------- header, footer, props

    def _header_footer(self) -> None:
        section = self.doc.sections[0]
        header = section.header.paragraphs[0]
        header.text = ""
        run = header.add_run(self.src.header or self.src.municipality)
        run.font.size = Pt(8.5)
        run.font.color.rgb = RGBColor(0x59, 0x59, 0x59)
        header.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        footer = section.footer.paragraphs[0]
        footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
        footer.add_run("Side ").font.size = Pt(9)
        _field(footer, "PAGE", "1")
        footer.add_run(" af ").font.size = Pt(9)
        _field(footer, "NUMPAGES", "1")

    def _core_properties(self) -> None:
        props = self.doc.core_properties
        created = _created(self.src)
        props.title = self.src.title
        props.author = self.src.municipality
        props.last_modified_by = self.src.municipality
        props.created = created
        props.modified = created
        props.revision = 1
        props.comments = ""
        props.subject = ""
        props.keywords = ""
        props.language = "da-DK"


# ------------------------------------------------------------------------------------------- helpers


def _plain(block: Node) -> str:
    if isinstance(block, Heading):
        return block.text
    if isinstance(block, Para):
        return inline_text(block.spans).strip()
    return ""


def _strip_number(text: str) -> str:
    """Typed section numbers go: in the numbered layout Word supplies them."""
    import re

    return re.sub(r"^\d{1,2}(?:\.\d{1,2}){0,3}\.?\s+", "", text)


def _created(src: Source) -> dt.datetime:
    date = src.meta.get("date")
    if isinstance(date, dt.datetime):
        return date.replace(tzinfo=None)
    if isinstance(date, dt.date):
        return dt.datetime(date.year, date.month, date.day, 9, 30)
    try:
        parsed = dt.date.fromisoformat(str(date))
        return dt.datetime(parsed.year, parsed.month, parsed.day, 9, 30)
    except ValueError:
        return dt.datetime(2025, 1, 1, 9, 30)


def _shade(cell, fill: str) -> None:
    tc_pr = cell._tc.get_or_add_tcPr()
    tc_pr.append(parse_xml(f'<w:shd {nsdecls("w")} w:val="clear" w:color="auto" w:fill="{fill}"/>'))


_PPR_ORDER = ["pStyle", "keepNext", "keepLines", "pageBreakBefore", "framePr", "widowControl", "numPr",
              "suppressLineNumbers", "pBdr", "shd", "tabs", "suppressAutoHyphens", "kinsoku", "wordWrap",
              "overflowPunct", "topLinePunct", "autoSpaceDE", "autoSpaceDN", "bidi", "adjustRightInd",
              "snapToGrid", "spacing", "ind", "contextualSpacing", "mirrorIndents", "suppressOverlap", "jc",
              "textDirection", "textAlignment", "textboxTightWrap", "outlineLvl", "divId", "cnfStyle", "rPr",
              "sectPr", "pPrChange"]


def _order_ppr(ppr) -> None:
    """Keep w:pPr children in schema order (Word refuses a file where they are not)."""
    rank = {qn(f"w:{name}"): i for i, name in enumerate(_PPR_ORDER)}
    children = sorted(ppr, key=lambda el: rank.get(el.tag, len(rank)))
    for el in children:
        ppr.remove(el)
        ppr.append(el)


def _field(paragraph, instruction: str, shown: str) -> None:
    """A complex field (begin / instruction / separate / result / end), as Word writes PAGE and NUMPAGES."""
    size = '<w:rPr><w:sz w:val="18"/></w:rPr>'
    for xml in (f'<w:r {nsdecls("w")}>{size}<w:fldChar w:fldCharType="begin"/></w:r>',
                f'<w:r {nsdecls("w")}>{size}<w:instrText xml:space="preserve"> {instruction} </w:instrText></w:r>',
                f'<w:r {nsdecls("w")}>{size}<w:fldChar w:fldCharType="separate"/></w:r>',
                f'<w:r {nsdecls("w")}>{size}<w:t>{shown}</w:t></w:r>',
                f'<w:r {nsdecls("w")}>{size}<w:fldChar w:fldCharType="end"/></w:r>'):
        paragraph._p.append(parse_xml(xml))


def _column_widths(block: Table, total, size: float) -> list:
    """Widths by content, as a person drags them: no column narrower than its longest word, the rest of
    the width shared by how much text each column holds."""
    cols = max(len(r) for r in block.rows)
    floors, weights = [], []
    for c in range(cols):
        texts = [inline_text(r[c]) for r in block.rows if c < len(r)]
        longest_word = max((len(w) for t in texts for w in t.split()), default=4)
        floors.append(Pt(longest_word * size * 0.6 + 16))
        weights.append(max(sum(len(t) for t in texts) / max(len(texts), 1), 4))
    spare = total - sum(floors)
    if spare <= 0:
        scale = total / sum(floors)
        return [Emu(int(f * scale)) for f in floors]
    share = sum(weights)
    return [Emu(int(f + spare * w / share)) for f, w in zip(floors, weights)]


def save_deterministic(document, path: Path, when: dt.datetime) -> bytes:
    """Save with fixed zip timestamps, so an unchanged source gives a byte-identical file."""
    buffer = io.BytesIO()
    document.save(buffer)
    buffer.seek(0)
    out = io.BytesIO()
    with zipfile.ZipFile(buffer) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            if info.filename == "docProps/thumbnail.jpeg":
                continue
            fixed = zipfile.ZipInfo(info.filename, date_time=when.timetuple()[:6])
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            if info.filename == "[Content_Types].xml":
                data = data.replace(b'<Override PartName="/docProps/thumbnail.jpeg" '
                                    b'ContentType="image/jpeg"/>', b"")
            zout.writestr(fixed, data)
    blob = out.getvalue()
    path.write_bytes(blob)
    return blob


def build_docx(source: Source, path: Path, layout: str | None = None) -> bytes:
    writer = DocxWriter(source, layout)
    document = writer.render()
    return save_deterministic(document, path, _created(source))
