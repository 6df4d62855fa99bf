"""The HTML report: one self-contained file a consultant can mail, open offline and print to PDF.

Everything is inline (CSS, no scripts, no fonts or images from the network), so the file reads the same in
any browser, in a mail client's preview and on paper. Every string that comes from the plan or from an
edited rule set passes through :func:`esc`: a plan is untrusted input, and a report that runs a plan's
``<script>`` would turn an audit into an attack on the person reading it.

The helpers shared with the other human-facing renderers (status colours, evidence locations, grouping
by chapter and level) live in :mod:`.common`; ``esc`` and ``page`` here serve the HTML outputs.
"""

from __future__ import annotations

import html
from typing import Any

from ..i18n import status_label, t
from ..model import ElementVerdict, Evidence, Report, SectionVerdict
from .common import (STATUS_COLOURS, STATUS_ORDER, by_chapter, chapter_counts, chapter_score, evidence_location,
                     level_label, percent, plan_name, section_path)


def esc(value: object) -> str:
    """Escape any value for HTML text and quoted attributes."""
    return html.escape("" if value is None else str(value), quote=True)


def element_anchor(element_id: str) -> str:
    return "el-" + "".join(c if c.isalnum() or c in "-_" else "-" for c in element_id)


# ------------------------------------------------------------------------------------------------ CSS

CSS = """
:root { --covered:%(covered)s; --covered-bg:%(covered_bg)s; --weak:%(weak)s; --weak-bg:%(weak_bg)s;
        --missing:%(missing)s; --missing-bg:%(missing_bg)s; --ink:#1d1d1f; --muted:#5b5b66; --line:#d9d9e0; }
* { box-sizing: border-box; }
body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
       color: var(--ink); margin: 0; background: #f6f6f8; }
main { max-width: 62rem; margin: 0 auto; padding: 1.5rem 1.25rem 3rem; background: #fff; }
h1 { font-size: 1.7rem; margin: .2rem 0 .4rem; line-height: 1.25; }
h2 { font-size: 1.35rem; margin: 2rem 0 .6rem; padding-bottom: .2rem; border-bottom: 2px solid var(--line); }
h3 { font-size: 1.1rem; margin: 1.4rem 0 .5rem; color: var(--muted); }
h4 { font-size: 1.02rem; margin: 0; }
a { color: #1f4e8c; }
.meta { color: var(--muted); margin: 0 0 1rem; }
.meta dt { font-weight: 600; display: inline; } .meta dd { display: inline; margin: 0 1.2rem 0 .3rem; }
.kicker { text-transform: uppercase; letter-spacing: .06em; font-size: .78rem; color: var(--muted); margin: 0; }
.summary { display: grid; grid-template-columns: repeat(auto-fit, minmax(9rem, 1fr)); gap: .6rem; margin: 1rem 0; }
.tile { border: 1px solid var(--line); border-radius: 6px; padding: .6rem .8rem; }
.tile .n { font-size: 1.6rem; font-weight: 700; display: block; }
.tile.covered { background: var(--covered-bg); color: var(--covered); }
.tile.weak { background: var(--weak-bg); color: var(--weak); }
.tile.missing { background: var(--missing-bg); color: var(--missing); }
table { border-collapse: collapse; width: 100%%; margin: .5rem 0 1rem; }
th, td { text-align: left; vertical-align: top; padding: .35rem .5rem; border-bottom: 1px solid var(--line); }
th { font-weight: 600; background: #f0f0f4; }
.bars td { vertical-align: middle; }
.bar { display: flex; height: 1.1rem; border-radius: 3px; overflow: hidden; min-width: 10rem; background: #eee; }
.bar span { display: block; height: 100%%; }
.bar .covered { background: var(--covered); } .bar .weak { background: #d99a1e; } .bar .missing { background: var(--missing); }
.status { display: inline-block; font-weight: 700; font-size: .82rem; padding: .05rem .5rem; border-radius: 999px;
          border: 1px solid currentColor; white-space: nowrap; }
.status.covered { color: var(--covered); background: var(--covered-bg); }
.status.weak { color: var(--weak); background: var(--weak-bg); }
.status.missing { color: var(--missing); background: var(--missing-bg); }
.element { border: 1px solid var(--line); border-left: 6px solid var(--line); border-radius: 6px;
           padding: .7rem .9rem; margin: .7rem 0; break-inside: avoid; page-break-inside: avoid; }
.element.covered { border-left-color: var(--covered); }
.element.weak { border-left-color: #d99a1e; }
.element.missing { border-left-color: var(--missing); }
.element header { display: flex; gap: .6rem; align-items: baseline; flex-wrap: wrap; }
.element .id { color: var(--muted); font-size: .8rem; font-family: ui-monospace, Menlo, Consolas, monospace; }
.element .score { margin-left: auto; color: var(--muted); font-size: .85rem; }
.reason { margin: .4rem 0; }
.asks { color: var(--muted); margin: .2rem 0 .4rem; font-size: .92rem; }
.label { font-weight: 600; }
blockquote { margin: .4rem 0; padding: .35rem .7rem; border-left: 3px solid var(--line); background: #fafafb;
             white-space: pre-wrap; overflow-wrap: anywhere; }
blockquote footer { color: var(--muted); font-size: .82rem; margin-top: .2rem; white-space: normal; }
.facets { margin: .3rem 0; font-size: .92rem; }
.facets .lacking { color: var(--missing); }
.help { background: #f4f7fb; border: 1px solid #dde6f2; border-radius: 5px; padding: .4rem .8rem; margin: .5rem 0; }
.help ul { margin: .2rem 0; padding-left: 1.2rem; }
details { margin: .4rem 0; font-size: .88rem; color: var(--muted); }
nav.toc { columns: 2; font-size: .92rem; margin: .5rem 0 1rem; }
nav.toc a { text-decoration: none; }
footer.page { margin-top: 2rem; color: var(--muted); font-size: .82rem; border-top: 1px solid var(--line); padding-top: .5rem; }
@media print {
  @page { size: A4; margin: 16mm 14mm; }
  body { background: #fff; font-size: 10.5pt; }
  main { max-width: none; padding: 0; }
  nav.toc, details { display: none; }
  a { color: inherit; text-decoration: none; }
  h2 { break-after: avoid; page-break-after: avoid; }
  h3 { break-after: avoid; page-break-after: avoid; }
  .element, .tile, tr { break-inside: avoid; page-break-inside: avoid; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
""" % {
    "covered": STATUS_COLOURS["covered"][0], "covered_bg": STATUS_COLOURS["covered"][1],
    "weak": STATUS_COLOURS["weak"][0], "weak_bg": STATUS_COLOURS["weak"][1],
    "missing": STATUS_COLOURS["missing"][0], "missing_bg": STATUS_COLOURS["missing"][1],
}


def page(title: str, body: str, lang: str = "da", extra_css: str = "", script: str = "") -> str:
    """A complete HTML page around ``body`` (already escaped markup). ``script`` is trusted inline JS.

    The Content-Security-Policy forbids every network load and, unless the page brings its own script,
    every script: a second wall behind the escaping, should a plan's text ever slip through.
    """
    script_src = "'unsafe-inline'" if script else "'none'"
    csp = f"default-src 'none'; style-src 'unsafe-inline'; img-src data:; script-src {script_src}"
    script_tag = f"<script>{script}</script>\n" if script else ""
    return (
        f'<!DOCTYPE html>\n<html lang="{esc(lang)}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{esc(csp)}">\n'
        f"<title>{esc(title)}</title>\n<style>{CSS}{extra_css}</style>\n</head>\n<body>\n<main>\n{body}\n</main>\n"
        f"{script_tag}</body>\n</html>\n"
    )


def status_badge(status: str, lang: str = "da") -> str:
    return f'<span class="status {esc(status)}">{esc(status_label(status, lang))}</span>'


def status_bar(counts: dict[str, int], lang: str = "da") -> str:
    total = sum(counts.values()) or 1
    spans = "".join(
        f'<span class="{s}" style="width:{100 * counts.get(s, 0) / total:.1f}%"></span>' for s in STATUS_ORDER
        if counts.get(s, 0)
    )
    return f'<div class="bar" role="img" aria-label="{esc(_counts_text(counts, lang))}">{spans}</div>'


def _counts_text(counts: dict[str, int], lang: str = "da") -> str:
    return ", ".join(f"{counts.get(s, 0)} {status_label(s, lang)}" for s in STATUS_ORDER)


# ----------------------------------------------------------------------------------------------- parts


def _header(report: Report) -> str:
    lang = report.lang
    src = report.source
    items = [
        (t("Fil", "File", lang), src.path),
        (t("Format", "Format", lang), (src.format or "").upper()),
    ]
    if src.pages:
        items.append((t("Sider", "Pages", lang), str(src.pages)))
    if src.date:
        items.append((t("Dato", "Date", lang), src.date))
    rs = report.ruleset
    items.append((t("Regelsæt", "Rule set", lang), f"{rs.get('title') or rs.get('name', '')} {rs.get('version', '')}".strip()))
    items.append(("SHA-256", (src.sha256 or "")[:16]))
    meta = "".join(f"<dt>{esc(k)}:</dt><dd>{esc(v)}</dd>" for k, v in items)
    return (
        f'<p class="kicker">{esc(t("Vurdering op mod det nationale koncept", "Audit against the national concept", lang))}</p>\n'
        f"<h1>{esc(plan_name(report))}</h1>\n<dl class=\"meta\">{meta}</dl>"
    )


def _summary(report: Report) -> str:
    lang = report.lang
    s = report.summary
    tiles = "".join(
        f'<div class="tile {status}"><span class="n">{n}</span>{esc(status_label(status, lang))}</div>'
        for status, n in (("covered", s.covered), ("weak", s.weak), ("missing", s.missing))
    )
    tiles = (f'<div class="tile"><span class="n">{esc(percent(s.score))}</span>'
             f'{esc(t("samlet score", "overall score", lang))}</div>') + tiles
    rows = []
    for chapter, levels in by_chapter(report.elements).items():
        elements = [v for vs in levels.values() for v in vs]
        counts = chapter_counts(elements)
        rows.append(
            f'<tr><th scope="row">{esc(chapter)}</th><td>{status_bar(counts, lang)}</td>'
            f"<td>{esc(_counts_text(counts, lang))}</td><td>{esc(percent(chapter_score(elements)))}</td></tr>"
        )
    head = (f"<tr><th>{esc(t('Kapitel', 'Chapter', lang))}</th><th>{esc(t('Fordeling', 'Distribution', lang))}</th>"
            f"<th>{esc(t('Elementer', 'Elements', lang))}</th><th>{esc(t('Score', 'Score', lang))}</th></tr>")
    note = t(
        "Score: dækket tæller 1, svag ½ og mangler 0, i gennemsnit over elementerne.",
        "Score: covered counts 1, weak ½ and missing 0, averaged over the elements.", lang)
    return (
        f'<section id="summary"><h2>{esc(t("Sammenfatning", "Summary", lang))}</h2>\n'
        f'<div class="summary">{tiles}</div>\n'
        f'<table class="bars"><thead>{head}</thead><tbody>{"".join(rows)}</tbody></table>\n'
        f'<p class="asks">{esc(note)}</p></section>'
    )


def _toc(report: Report) -> str:
    lang = report.lang
    links = "".join(
        f'<li><a href="#{esc(element_anchor(v.id))}">{esc(v.name)}</a> — {esc(status_label(v.status, lang))}</li>'
        for v in report.elements
    )
    return f'<nav class="toc" aria-label="{esc(t("Indhold", "Contents", lang))}"><ol>{links}</ol></nav>'


def render_evidence(evidence: Evidence, lang: str) -> str:
    where = evidence_location(evidence, lang)
    path = section_path(evidence)
    cite = esc(where) + (f" · {esc(path)}" if path else "")
    return f"<blockquote>{esc(evidence.quote)}<footer>{cite}</footer></blockquote>"


def _details_value(value: Any) -> str:
    if isinstance(value, dict):
        items = "".join(f"<dt>{esc(k)}</dt><dd>{_details_value(v)}</dd>" for k, v in value.items())
        return f"<dl>{items}</dl>"
    if isinstance(value, (list, tuple)):
        if all(not isinstance(v, (dict, list, tuple)) for v in value):
            return esc(", ".join(str(v) for v in value)) or "–"
        return "<ul>" + "".join(f"<li>{_details_value(v)}</li>" for v in value) + "</ul>"
    return esc(value)


def _levels_table(levels: dict[str, Any], lang: str) -> str:
    """The interventions element: which prevention levels and which fields the plan shows."""
    rows = []
    for level, info in levels.items():
        info = info if isinstance(info, dict) else {}
        rows.append(
            f"<tr><th scope=\"row\">{esc(level)}</th><td>{esc(info.get('passages', ''))}</td>"
            f"<td>{esc(', '.join(map(str, info.get('fields', []))) or '–')}</td>"
            f"<td>{esc(', '.join(map(str, info.get('missing', []))) or '–')}</td></tr>"
        )
    head = (f"<tr><th>{esc(t('Niveau', 'Level', lang))}</th><th>{esc(t('Passager', 'Passages', lang))}</th>"
            f"<th>{esc(t('Fundet', 'Found', lang))}</th><th>{esc(t('Mangler', 'Lacking', lang))}</th></tr>")
    return f'<table class="levels"><thead>{head}</thead><tbody>{"".join(rows)}</tbody></table>'


def render_element(v: ElementVerdict, lang: str) -> str:
    parts = [
        f'<article class="element {esc(v.status)}" id="{esc(element_anchor(v.id))}" data-element="{esc(v.id)}" '
        f'data-status="{esc(v.status)}">',
        f'<header><h4 class="name">{esc(v.name)}</h4>{status_badge(v.status, lang)}'
        f'<span class="id">{esc(v.id)}</span><span class="score">{esc(t("score", "score", lang))} '
        f"{v.score:.2f}</span></header>",
    ]
    if v.asks:
        parts.append(f'<p class="asks"><span class="label">{esc(t("Konceptet beder om", "The concept asks for", lang))}:'
                     f"</span> {esc(v.asks)}</p>")
    parts.append(f'<p class="reason">{esc(v.reason)}</p>')
    if v.evidence:
        parts.append("".join(render_evidence(e, lang) for e in v.evidence))
    facets = []
    if v.found:
        facets.append(f'<span class="label">{esc(t("Fundet", "Found", lang))}:</span> {esc(", ".join(v.found))}')
    if v.lacking:
        facets.append(f'<span class="label lacking">{esc(t("Mangler", "Lacking", lang))}:</span> '
                      f'<span class="lacking">{esc(", ".join(v.lacking))}</span>')
    if facets:
        parts.append(f'<p class="facets">{" · ".join(facets)}</p>')
    levels = v.details.get("levels") if isinstance(v.details, dict) else None
    if isinstance(levels, dict) and levels:
        parts.append(_levels_table(levels, lang))
    if v.status != "covered" and (v.help_questions or v.template_sections):
        where = ""
        if v.template_sections:
            where = (f"<p><span class=\"label\">{esc(t('Skriv i skabelonens afsnit', 'Write in template section', lang))}"
                     f":</span> {esc(', '.join(v.template_sections))}</p>")
        questions = ""
        if v.help_questions:
            questions = (f"<p class=\"label\">{esc(t('Skabelonens hjælpespørgsmål', 'The template’s help questions', lang))}"
                         f":</p><ul>{''.join(f'<li>{esc(q)}</li>' for q in v.help_questions)}</ul>")
        parts.append(f'<div class="help">{where}{questions}</div>')
    other = {k: val for k, val in (v.details or {}).items() if k != "levels"}
    if other:
        parts.append(f"<details><summary>{esc(t('Tekniske detaljer', 'Technical details', lang))}</summary>"
                     f"{_details_value(other)}</details>")
    parts.append("</article>")
    return "\n".join(parts)


def _elements(report: Report) -> str:
    lang = report.lang
    out = [f'<section id="elements"><h2>{esc(t("De 25 elementer", "The 25 elements", lang) if len(report.elements) == 25 else t("Elementerne", "The elements", lang))}</h2>']
    for chapter, levels in by_chapter(report.elements).items():
        out.append(f'<section class="chapter"><h2>{esc(chapter)}</h2>')
        for level, elements in levels.items():
            out.append(f"<h3>{esc(level_label(level, lang))}</h3>")
            out.extend(render_element(v, lang) for v in elements)
        out.append("</section>")
    out.append("</section>")
    return "\n".join(out)


def _sections(report: Report) -> str:
    lang = report.lang
    if not report.sections:
        return ""
    names = {v.id: v.name for v in report.elements}
    rows = []
    for s in report.sections:
        elements = ", ".join(names.get(e, e) for e in s.elements) or t("(intet element; afsnittet findes i planen?)",
                                                                        "(no element; is the section in the plan?)", lang)
        rows.append(f'<tr data-section="{esc(s.id)}"><td>{esc(s.id)}</td><td>{esc(_section_title(s))}</td>'
                    f"<td>{status_badge(s.status, lang)}</td><td>{esc(elements)}</td></tr>")
    head = (f"<tr><th>{esc(t('Afsnit', 'Section', lang))}</th><th>{esc(t('Titel', 'Title', lang))}</th>"
            f"<th>{esc(t('Status', 'Status', lang))}</th><th>{esc(t('Elementer', 'Elements', lang))}</th></tr>")
    intro = t("Skabelonens afsnit og hvor godt planen udfylder dem: dækket når alle afsnittets elementer er dækket.",
              "The template's sections and how well the plan fills them: covered when all of a section's elements are.",
              lang)
    return (f'<section id="sections"><h2>{esc(t("Skabelonens afsnit", "Template sections", lang))}</h2>'
            f'<p class="asks">{esc(intro)}</p><table><thead>{head}</thead><tbody>{"".join(rows)}</tbody></table></section>')


def _section_title(section: SectionVerdict) -> str:
    """Titles in rule sets may or may not repeat the number; show it once."""
    title = section.title.strip()
    if title.startswith(section.id):
        title = title[len(section.id):].lstrip(". ").strip()
    return title


def render_html(report: Report) -> str:
    """The full report for one plan, in the report's language."""
    lang = report.lang
    rs = report.ruleset
    footer = t(
        f"Lavet med concept-audit · regelsæt {rs.get('name', '')} {rs.get('version', '')}. Vurderingen er et "
        "værktøjs forslag: læs citaterne, før du bruger den.",
        f"Made with concept-audit · rule set {rs.get('name', '')} {rs.get('version', '')}. The verdicts are a "
        "tool's suggestions: read the quotes before relying on them.", lang)
    body = "\n".join([
        _header(report), _summary(report), _toc(report), _elements(report), _sections(report),
        f'<footer class="page">{esc(footer)}</footer>',
    ])
    title = f"{plan_name(report)} – {t('vurdering', 'audit', lang)}"
    return page(title, body, lang)
