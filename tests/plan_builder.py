"""Small plans built in code for engine tests: a few headings, paragraphs, list items and tables."""

from __future__ import annotations

from concept_audit.model import Block, Document


def make_doc(*items: tuple) -> Document:
    """Items: ("h", level, text) | ("p", text) | ("li", text) | ("table", [[header...], [row...], ...])."""
    blocks: list[Block] = []
    path: list[tuple[int, str]] = []
    for item in items:
        kind = item[0]
        section = [t for _, t in path]
        if kind == "h":
            level, text = item[1], item[2]
            path = [(lv, t) for lv, t in path if lv < level]
            blocks.append(Block(len(blocks), "heading", text, level=level, section=[t for _, t in path]))
            path.append((level, text))
        elif kind == "p":
            blocks.append(Block(len(blocks), "paragraph", item[1], section=section, page=1))
        elif kind == "li":
            blocks.append(Block(len(blocks), "list_item", item[1], depth=0, section=section, page=1))
        elif kind == "table":
            rows = item[1]
            blocks.append(Block(len(blocks), "table", "\n".join(" | ".join(r) for r in rows), rows=rows,
                                header_rows=1, section=section, page=2))
        else:
            raise ValueError(kind)
    return Document(source="test.md", format="md", sha256="0" * 64, blocks=blocks)
