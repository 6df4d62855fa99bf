"""The document outline of ``concept-audit extract``: headings as a tree with pages and block counts."""

from __future__ import annotations

from collections import Counter

from rich.console import Console
from rich.tree import Tree

from ..i18n import t
from ..model import Document


def render_outline(doc: Document, console: Console, lang: str = "da") -> None:
    counts = Counter(b.kind for b in doc.blocks)
    pages = f", {doc.pages} {t('sider', 'pages', lang)}" if doc.pages else ""
    title = doc.title or doc.source
    root = Tree(f"[bold]{_esc(title)}[/] [dim]({doc.format.upper()}{pages}, {len(doc.blocks)} "
                f"{t('blokke', 'blocks', lang)})[/]")
    stack: list[tuple[int, Tree]] = [(0, root)]
    body_counts: dict[int, int] = {}
    node_of_heading: dict[int, Tree] = {}
    current = None
    for block in doc.blocks:
        if block.kind == "heading":
            level = block.level or 1
            while stack and stack[-1][0] >= level:
                stack.pop()
            where = f" [dim]s. {block.page}[/]" if block.page else ""
            node = stack[-1][1].add(f"{_esc(block.text)}{where}")
            stack.append((level, node))
            node_of_heading[block.index] = node
            current = block.index
            body_counts[current] = 0
        elif current is not None:
            body_counts[current] += 1
    for index, node in node_of_heading.items():
        n = body_counts.get(index, 0)
        if n:
            node.label = f"{node.label} [cyan]· {n} {t('blokke', 'blocks', lang)}[/]"
    console.print(root)
    summary = ", ".join(f"{n} {kind}" for kind, n in sorted(counts.items()))
    console.print(f"[dim]{summary}; {doc.word_count()} {t('ord', 'words', lang)}[/]")
    for warning in doc.warnings:
        console.print(f"[yellow]! {_esc(warning)}[/]")


def _esc(text: str) -> str:
    from rich.markup import escape

    return escape(text)
