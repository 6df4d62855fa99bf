"""The Markdown report: for wikis, e-mails and tickets, where an HTML file or a Word document is too much.

Plan text is untrusted: quotes are put in block quotes with Markdown and HTML metacharacters neutralised,
so a plan cannot inject links, images or HTML into the wiki page the report is pasted into.
"""

from __future__ import annotations

import re

from ..i18n import status_label, t
from ..model import ElementVerdict, Report
from .common import by_chapter, chapter_counts, evidence_location, level_label, percent, plan_name, section_path

STATUS_MARK = {"covered": "✅", "weak": "⚠️", "missing": "❌"}
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>|#!])")


def md_escape(text: str) -> str:
    """Plain text safe inside Markdown prose and table cells (one line)."""
    text = " ".join(str(text).split())
    return _MD_SPECIAL.sub(r"\\\1", text)


def render_markdown(report: Report) -> str:
    lang = report.lang
    out: list[str] = []
    add = out.append
    add(f"# {t('Vurdering af handlingsplan', 'Audit of action plan', lang)}: {md_escape(plan_name(report))}")
    add("")
    src = report.source
    facts = [f"{t('Kilde', 'Source', lang)}: `{src.path}` ({src.format.upper()}"
             + (f", {src.pages} {t('sider', 'pages', lang)}" if src.pages else "") + ")"]
    if src.date:
        facts.append(f"{t('Dato', 'Date', lang)}: {src.date}")
    facts.append(f"{t('Regelsæt', 'Rule set', lang)}: {md_escape(report.ruleset.get('title') or report.ruleset.get('name', ''))}"
                 f" {report.ruleset.get('version', '')}")
    add("  \n".join(facts))
    add("")

    s = report.summary
    add(f"## {t('Sammenfatning', 'Summary', lang)}")
    add("")
    add(f"**{s.covered}** {status_label('covered', lang)} · **{s.weak}** {status_label('weak', lang)} · "
        f"**{s.missing}** {status_label('missing', lang)} — {t('samlet score', 'overall score', lang)} "
        f"**{percent(s.score)}**")
    add("")
    grouped = by_chapter(report.elements)
    add(f"| {t('Kapitel', 'Chapter', lang)} | {status_label('covered', lang)} | {status_label('weak', lang)} | "
        f"{status_label('missing', lang)} |")
    add("|---|---:|---:|---:|")
    for chapter, levels in grouped.items():
        counts = chapter_counts(v for vs in levels.values() for v in vs)
        add(f"| {md_escape(chapter)} | {counts['covered']} | {counts['weak']} | {counts['missing']} |")
    add("")

    add(f"## {t('Elementer', 'Elements', lang)}")
    add("")
    for chapter, levels in grouped.items():
        add(f"### {md_escape(chapter)}")
        add("")
        for level, verdicts in levels.items():
            add(f"**{level_label(level, lang)}**")
            add("")
            add(f"| {t('Element', 'Element', lang)} | {t('Status', 'Status', lang)} | {t('Score', 'Score', lang)} |")
            add("|---|---|---:|")
            for v in verdicts:
                add(f"| [{md_escape(v.name)}](#{_anchor(v)}) | {STATUS_MARK.get(v.status, '')} "
                    f"{status_label(v.status, lang)} | {v.score:.2f} |")
            add("")
        for verdicts in levels.values():
            for v in verdicts:
                out.extend(_element(v, lang))

    add(f"## {t('Skabelonens afsnit', 'Template sections', lang)}")
    add("")
    add(f"| {t('Afsnit', 'Section', lang)} | {t('Titel', 'Title', lang)} | {t('Status', 'Status', lang)} |")
    add("|---|---|---|")
    for section in report.sections:
        add(f"| {md_escape(section.id)} | {md_escape(section.title)} | {STATUS_MARK.get(section.status, '')} "
            f"{status_label(section.status, lang)} |")
    add("")
    return "\n".join(out)


def _anchor(v: ElementVerdict) -> str:
    return "el-" + re.sub(r"[^a-z0-9-]", "-", v.id.lower())


def _element(v: ElementVerdict, lang: str) -> list[str]:
    lines = [f'<a id="{_anchor(v)}"></a>', "",
             f"#### {STATUS_MARK.get(v.status, '')} {md_escape(v.name)} — {status_label(v.status, lang)} "
             f"({v.score:.2f})", "", f"`{v.id}` · {md_escape(v.asks)}" if v.asks else f"`{v.id}`", "",
             md_escape(v.reason), ""]
    if v.found:
        lines += [f"- {t('Fundet', 'Found', lang)}: {md_escape(', '.join(v.found))}"]
    if v.lacking:
        lines += [f"- {t('Mangler', 'Lacking', lang)}: {md_escape(', '.join(v.lacking))}"]
    if v.found or v.lacking:
        lines.append("")
    for ev in v.evidence:
        where = evidence_location(ev, lang)
        path = section_path(ev)
        lines.append(f"> {md_escape(ev.quote)}  ")
        lines.append(f"> — *{where}{', ' + md_escape(path) if path else ''}*")
        lines.append("")
    if v.status != "covered":
        if v.template_sections:
            lines += [f"{t('Skriv i skabelonens afsnit', 'Write in template section', lang)} "
                      f"{', '.join(md_escape(s) for s in v.template_sections)}.", ""]
        if v.help_questions:
            lines.append(f"{t('Hjælpespørgsmål', 'Help questions', lang)}:")
            lines += [f"- {md_escape(q)}" for q in v.help_questions]
            lines.append("")
    return lines
