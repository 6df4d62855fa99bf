from __future__ import annotations

from pathlib import Path

from concept_audit.extract import load_document

MD = """---
title: Handlingsplan 2025
date: 2025-03-01
---
# 1. Strategi
Kommunen vil forebygge.

## 1.2 Vision
Byrådet har vedtaget visionen.[^1]

- punkt et
  - underpunkt
1. nummereret

| Forum | Hyppighed |
|---|---|
| Styregruppe | kvartalsvis |

> **Faktaboks** Ring til Info-huset.

[^1]: Vedtaget 1. marts.
"""


def test_markdown_blocks_and_paths(tmp_path: Path) -> None:
    path = tmp_path / "plan.md"
    path.write_text(MD, encoding="utf-8")
    doc = load_document(path)
    assert doc.format == "md"
    assert doc.title == "Handlingsplan 2025"
    assert doc.date == "2025-03-01"
    kinds = [b.kind for b in doc.blocks]
    assert kinds == ["heading", "paragraph", "heading", "paragraph", "list_item", "list_item",
                     "list_item", "table", "paragraph", "footnote"]
    vision = doc.blocks[3]
    assert vision.section == ["1. Strategi", "1.2 Vision"]
    assert vision.text == "Byrådet har vedtaget visionen.[1]"
    assert doc.blocks[2].level == 2 and doc.blocks[2].numbering == "1.2"
    assert [b.depth for b in doc.blocks if b.kind == "list_item"] == [0, 1, 0]
    table = doc.blocks[7]
    assert table.rows == [["Forum", "Hyppighed"], ["Styregruppe", "kvartalsvis"]]
    assert table.header_rows == 1
    box = doc.blocks[8]
    assert box.container == "box" and "Info-huset" in box.text
    assert doc.blocks[9].text == "[1] Vedtaget 1. marts."


def test_plain_text_numbered_headings(tmp_path: Path) -> None:
    path = tmp_path / "plan.txt"
    path.write_text("1. Strategi\n\nTekst om strategi.\n\n2.1 Organisering\n\n- SSP\n- PSP\n", encoding="utf-8")
    doc = load_document(path)
    headings = [(b.text, b.level) for b in doc.headings]
    assert headings == [("1. Strategi", 1), ("2.1 Organisering", 2)]
    assert [b.text for b in doc.blocks if b.kind == "list_item"] == ["SSP", "PSP"]
