"""The benchmark pair ``bench/bench-40.docx`` / ``bench-40.pdf``: about 40 pages of dev plan text.

Extraction speed is measured on a file the size of a long real plan. It is made from the dev plans only
(never the held-out ones): their chapters one after another, cycling through the plans until the page
count is reached, with the headings renumbered continuously (1, 1.1, 1.1.1 ...) so the document reads as
one long numbered plan, in the ``styled`` layout (heading styles, tables, lists, fact boxes).
``bench-40.json`` records what went in and the page count LibreOffice produced.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Callable

from _docxgen import build_docx
from _source import Box, Heading, Inline, Item, Node, PageBreak, Para, Source, Span, Table, read_source

HERE = Path(__file__).resolve().parent
BENCH = HERE / "bench"
TARGET_PAGES = 40
TOLERANCE = 2
_TYPED_NUMBER = re.compile(r"^\d{1,2}(?:\.\d{1,2}){0,3}\.?\s+")


def _units(plan: Source, tag: str) -> list[tuple[str, list[Node]]]:
    """The plan cut into chapters (at each H1 after the title), footnote ids made unique by ``tag``."""
    blocks = [_retag(b, tag) for b in plan.blocks]
    units: list[tuple[str, list[Node]]] = []
    current: list[Node] = []
    for index, block in enumerate(blocks):
        if isinstance(block, Heading) and block.level == 1 and index > 0 and current:
            units.append((plan.id, current))
            current = []
        current.append(block)
    if current:
        units.append((plan.id, current))
    return units


def _retag(block: Node, tag: str) -> Node:
    def spans(inline: Inline) -> Inline:
        return [Span(s.text, s.bold, s.italic, f"{tag}-{s.note}" if s.note else None) for s in inline]

    if isinstance(block, Para):
        return Para(spans(block.spans), block.control)
    if isinstance(block, Item):
        return Item(block.depth, block.ordered, spans(block.spans), block.number)
    if isinstance(block, Table):
        return Table([[spans(cell) for cell in row] for row in block.rows])
    if isinstance(block, Box):
        return Box([_retag(b, tag) for b in block.blocks])
    return block


def _renumber(blocks: list[Node]) -> list[Node]:
    """Continuous heading numbers over the whole document; typed numbers of the sources are dropped."""
    counters = [0, 0, 0, 0]
    out: list[Node] = []
    for block in blocks:
        if isinstance(block, Heading):
            level = block.level
            counters[level - 1] += 1
            for deeper in range(level, 4):
                counters[deeper] = 0
            number = ".".join(str(max(c, 1)) for c in counters[:level])
            text = _TYPED_NUMBER.sub("", block.text)
            out.append(Heading(level, f"{number}{'.' if level == 1 else ''} {text}"))
        else:
            out.append(block)
    return out


def _compose(units: list[tuple[str, list[Node]]], count: int, notes: dict[str, Inline]) -> Source:
    blocks: list[Node] = [
        Heading(1, "Samlede handlingsplaner – testdokument til måling af udtræk"),
        Para([Span("Dette dokument er sat sammen af kapitler fra korpussets udviklingsplaner (dev) og bruges "
                   "kun til at måle, hvor hurtigt og hvor præcist teksten kan læses ud af DOCX og PDF.")]),
        PageBreak(),
    ]
    body: list[Node] = []
    previous = None
    for plan_id, unit in units[:count]:
        if previous is not None and plan_id != previous:
            body.append(PageBreak())
        body.extend(unit)
        previous = plan_id
    blocks += _renumber(body)
    meta = {"title": "Samlede handlingsplaner – testdokument (ca. 40 sider)", "municipality": "Korpus",
            "date": "2025-10-01", "layout": "styled", "header": "Korpus · testdokument til måling af udtræk"}
    return Source("bench-40", meta, blocks, notes)


def _words(unit: list[Node]) -> int:
    from _source import inline_text

    total = 0
    for block in unit:
        if isinstance(block, Heading):
            total += len(block.text.split())
        elif isinstance(block, (Para, Item)):
            total += len(inline_text(block.spans).split())
        elif isinstance(block, Table):
            total += sum(len(inline_text(c).split()) for row in block.rows for c in row)
        elif isinstance(block, Box):
            total += _words(block.blocks)
    return total


def _page_count(pdf: Path) -> int:
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(str(pdf))
    try:
        return len(document)
    finally:
        document.close()


def build_bench(manifest: dict[str, dict], *, force: bool,
                to_pdf: Callable[[list[Path], Path], list[Path]]) -> list[str]:
    dev = [i for i, e in manifest.items() if e.get("split") == "dev" and (HERE / "src" / f"{i}.md").exists()]
    if not dev:
        return ["bench: no dev sources yet, skipped"]
    plans = [read_source(HERE / "src" / f"{i}.md") for i in dev]
    notes: dict[str, Inline] = {}
    units: list[tuple[str, list[Node]]] = []
    for cycle in range(4):  # repeat the dev plans if they are too short for 40 pages
        for plan in plans:
            tag = f"{plan.id}{cycle}"
            units += _units(plan, tag)
            notes.update({f"{tag}-{k}": v for k, v in plan.notes.items()})
    BENCH.mkdir(exist_ok=True)
    docx_path, pdf_path, info_path = BENCH / "bench-40.docx", BENCH / "bench-40.pdf", BENCH / "bench-40.json"
    info = json.loads(info_path.read_text()) if info_path.exists() else {}
    words_per_page = info.get("words_per_page", 330.0)
    cumulative = []
    running = 0
    for _, unit in units:
        running += _words(unit)
        cumulative.append(running)

    def units_for(wpp: float) -> int:
        target = TARGET_PAGES * wpp
        return next((i + 1 for i, c in enumerate(cumulative) if c >= target), len(units))

    count = info.get("units") if info.get("sources") == dev else None
    count = count or units_for(words_per_page)
    old = docx_path.read_bytes() if docx_path.exists() else None
    lines = []
    for attempt in range(4):
        blob = build_docx(_compose(units, count, notes), docx_path)
        if blob == old and pdf_path.exists() and not force and attempt == 0:
            pages = _page_count(pdf_path)
        else:
            to_pdf([docx_path], BENCH)
            pages = _page_count(pdf_path)
        words = cumulative[count - 1]
        lines.append(f"bench: {count} chapters, {words} words -> {pages} pages")
        if abs(pages - TARGET_PAGES) <= TOLERANCE or attempt == 3:
            break
        new_count = units_for(words / pages)
        if new_count == count:
            new_count = count + (1 if pages < TARGET_PAGES else -1)
        count = max(1, min(new_count, len(units)))
        old = None
    used = sorted({plan_id for plan_id, _ in units[:count]}, key=dev.index)
    info = {"sources": dev, "used": used, "units": count, "words": words, "pages": pages,
            "words_per_page": round(words / pages, 1)}
    info_path.write_text(json.dumps(info, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    lines.append(f"bench: docx {docx_path.stat().st_size // 1024} KB, pdf {pdf_path.stat().st_size // 1024} KB")
    return lines
