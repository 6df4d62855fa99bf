"""The portfolio of a batch: all plans × all elements, as CSV, XLSX and a sortable HTML heatmap.

A consultant keeps the spreadsheet across clients; a national overview reads the heatmap and the
coverage statistics (which elements most plans miss). Failed files are listed in every form, so a
portfolio never silently drops a municipality. Every file is written atomically.
"""

from __future__ import annotations

import csv
import io
import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ..fileio import atomic_write
from ..i18n import status_label, t
from ..model import ElementVerdict, Report
from .common import STATUS_COLOURS, STATUS_VALUE, percent, plan_name
from .html import esc, page

if TYPE_CHECKING:
    from ..batch import BatchResult, PlanResult

STATUS_LETTERS = {"da": {"covered": "D", "weak": "S", "missing": "M"},
                  "en": {"covered": "C", "weak": "W", "missing": "M"}}


@dataclass
class Coverage:
    """How the plans of a portfolio do on one element."""

    id: str
    name: str
    chapter: str
    level: str
    covered: int
    weak: int
    missing: int

    @property
    def plans(self) -> int:
        return self.covered + self.weak + self.missing

    @property
    def share_covered(self) -> float:
        return self.covered / self.plans if self.plans else 0.0

    @property
    def share_addressed(self) -> float:
        """Covered or at least weakly: the plan says something."""
        return (self.covered + self.weak) / self.plans if self.plans else 0.0

    @property
    def mean_score(self) -> float:
        return (self.covered + 0.5 * self.weak) / self.plans if self.plans else 0.0


def element_columns(reports: list[Report]) -> list[ElementVerdict]:
    """The elements in rule-set order, as the first report lists them (all reports share a rule set)."""
    return list(reports[0].elements) if reports else []


def coverage(reports: list[Report]) -> list[Coverage]:
    """Per-element statistics, weakest first (least covered, then lowest mean score)."""
    stats = []
    for column in element_columns(reports):
        counts = {"covered": 0, "weak": 0, "missing": 0}
        for report in reports:
            status = report.statuses().get(column.id)
            if status in counts:
                counts[status] += 1
        stats.append(Coverage(column.id, column.name, column.chapter, column.level, **counts))
    return sorted(stats, key=lambda c: (c.share_covered, c.mean_score, c.id))


def _label(result: PlanResult) -> str:
    return Path(result.path).name


def _link(batch: BatchResult, result: PlanResult) -> str | None:
    """The most readable report written for the plan, relative to the output folder."""
    from ..batch import report_path

    for fmt in ("html", "docx", "markdown", "json"):
        target = report_path(batch.outdir, result.key, fmt)
        if fmt in batch.formats and target.exists():
            return os.path.relpath(target, batch.outdir).replace(os.sep, "/")
    return None


# ---------------------------------------------------------------------------------------------- CSV


def render_csv(batch: BatchResult, lang: str = "da") -> str:
    reports = [r.report for r in batch.results if r.report]
    columns = element_columns(reports)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([t("plan", "plan", lang), t("fil", "file", lang), t("titel", "title", lang), "format",
                     t("resultat", "result", lang), "score", status_label("covered", lang),
                     status_label("weak", lang), status_label("missing", lang), *[c.id for c in columns],
                     t("fejl", "error", lang), "sha256"])
    for result in batch.results:
        report = result.report
        if report is None:
            writer.writerow([_label(result), result.path, "", Path(result.path).suffix.lstrip(".").lower(),
                             t("fejl", "failed", lang), "", "", "", "", *[""] * len(columns), result.error or "", ""])
            continue
        statuses = report.statuses()
        s = report.summary
        writer.writerow([_label(result), result.path, report.source.title or "", report.source.format,
                         _result_word(result, lang), f"{s.score:.3f}", s.covered, s.weak, s.missing,
                         *[status_label(statuses.get(c.id, ""), lang) for c in columns], "", report.source.sha256])
    return out.getvalue()


def _result_word(result: PlanResult, lang: str) -> str:
    return {"audited": t("vurderet", "audited", lang), "skipped": t("uændret", "unchanged", lang),
            "failed": t("fejl", "failed", lang)}[result.status]


def render_errors_csv(batch: BatchResult, lang: str = "da") -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([t("fil", "file", lang), t("kode", "code", lang), t("fejl", "error", lang)])
    for result in batch.failed:
        writer.writerow([result.path, result.error_code or "", result.error or ""])
    return out.getvalue()


# --------------------------------------------------------------------------------------------- XLSX


def render_xlsx(batch: BatchResult, lang: str = "da") -> bytes:
    """Sheet 1: a row per plan, a column per element, coloured status cells, frozen header and plan column.
    Sheet 2: per-element coverage, weakest first. Sheet 3: the files that failed."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    reports = [r.report for r in batch.results if r.report]
    columns = element_columns(reports)
    fills = {s: PatternFill("solid", fgColor=STATUS_COLOURS[s][1].lstrip("#").upper()) for s in STATUS_COLOURS}
    fonts = {s: Font(bold=True, color=STATUS_COLOURS[s][0].lstrip("#").upper()) for s in STATUS_COLOURS}
    bold = Font(bold=True)
    header_fill = PatternFill("solid", fgColor="EEEEF2")

    wb = Workbook()
    ws = wb.active
    ws.title = t("Planer", "Plans", lang)
    fixed = [t("Plan", "Plan", lang), t("Titel", "Title", lang), "Format", t("Score", "Score", lang),
             status_label("covered", lang), status_label("weak", lang), status_label("missing", lang)]
    ws.append([*fixed, *[c.name for c in columns], t("Fejl", "Error", lang)])
    for cell in ws[1]:
        cell.font = bold
        cell.fill = header_fill
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for result in batch.results:
        report = result.report
        if report is None:
            ws.append([_label(result), "", Path(result.path).suffix.lstrip(".").lower(), None, None, None, None,
                       *[None] * len(columns), result.error or ""])
            continue
        s = report.summary
        statuses = report.statuses()
        ws.append([_label(result), report.source.title or "", report.source.format, s.score, s.covered, s.weak,
                   s.missing, *[status_label(statuses.get(c.id, ""), lang) for c in columns], None])
        row = ws.max_row
        ws.cell(row=row, column=4).number_format = "0%"
        for i, column in enumerate(columns):
            status = statuses.get(column.id)
            cell = ws.cell(row=row, column=len(fixed) + 1 + i)
            if status in fills:
                cell.fill = fills[status]
                cell.font = fonts[status]
        link = _link(batch, result)
        if link:
            ws.cell(row=row, column=1).hyperlink = link
    ws.freeze_panes = "B2"
    ws.column_dimensions["A"].width = 24
    ws.column_dimensions["B"].width = 30
    for i in range(len(fixed) + 1, len(fixed) + len(columns) + 1):
        ws.column_dimensions[get_column_letter(i)].width = 14
    ws.row_dimensions[1].height = 60
    ws.auto_filter.ref = ws.dimensions

    stats = wb.create_sheet(t("Dækning pr. element", "Coverage per element", lang))
    stats.append([t("Element", "Element", lang), "id", t("Kapitel", "Chapter", lang), t("Niveau", "Level", lang),
                  t("Planer", "Plans", lang), status_label("covered", lang), status_label("weak", lang),
                  status_label("missing", lang), t("Andel dækket", "Share covered", lang),
                  t("Andel dækket eller svag", "Share covered or weak", lang), t("Gns. score", "Mean score", lang)])
    for cell in stats[1]:
        cell.font = bold
        cell.fill = header_fill
    for c in coverage(reports):
        stats.append([c.name, c.id, c.chapter, c.level, c.plans, c.covered, c.weak, c.missing, c.share_covered,
                      c.share_addressed, c.mean_score])
        row = stats.max_row
        for col in (9, 10, 11):
            stats.cell(row=row, column=col).number_format = "0%"
        status = "covered" if c.share_covered >= 0.75 else "weak" if c.share_addressed >= 0.5 else "missing"
        stats.cell(row=row, column=9).fill = fills[status]
    stats.freeze_panes = "A2"
    stats.column_dimensions["A"].width = 40
    stats.column_dimensions["B"].width = 38

    errors = wb.create_sheet(t("Fejl", "Errors", lang))
    errors.append([t("Fil", "File", lang), t("Kode", "Code", lang), t("Fejl", "Error", lang)])
    for cell in errors[1]:
        cell.font = bold
        cell.fill = header_fill
    for result in batch.failed:
        errors.append([result.path, result.error_code or "", result.error or ""])
    errors.freeze_panes = "A2"
    errors.column_dimensions["A"].width = 40
    errors.column_dimensions["C"].width = 80

    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


# --------------------------------------------------------------------------------------------- HTML

_SORT_JS = """
document.querySelectorAll('table.sortable').forEach(function (table) {
  table.querySelectorAll('thead th').forEach(function (th, col) {
    th.tabIndex = 0; th.title = th.title || 'Sortér';
    function sort() {
      var body = table.tBodies[0], rows = Array.prototype.slice.call(body.rows);
      var dir = th.getAttribute('aria-sort') === 'ascending' ? -1 : 1;
      table.querySelectorAll('thead th').forEach(function (h) { h.removeAttribute('aria-sort'); });
      th.setAttribute('aria-sort', dir === 1 ? 'ascending' : 'descending');
      rows.sort(function (a, b) {
        var x = a.cells[col].getAttribute('data-sort') || a.cells[col].textContent;
        var y = b.cells[col].getAttribute('data-sort') || b.cells[col].textContent;
        var nx = parseFloat(x), ny = parseFloat(y);
        if (!isNaN(nx) && !isNaN(ny)) return dir * (nx - ny);
        return dir * x.localeCompare(y, 'da');
      });
      rows.forEach(function (r) { body.appendChild(r); });
    }
    th.addEventListener('click', sort);
    th.addEventListener('keydown', function (e) { if (e.key === 'Enter') sort(); });
  });
});
"""

_HEATMAP_CSS = """
main { max-width: none; }
.heat { width: auto; font-size: .85rem; }
.heat th, .heat td { padding: .2rem .35rem; border: 1px solid #fff; }
.heat thead th { cursor: pointer; position: sticky; top: 0; background: #f0f0f4; vertical-align: bottom; }
.heat thead th.el { writing-mode: vertical-rl; transform: rotate(180deg); max-height: 12rem; white-space: nowrap;
                    font-weight: 500; }
.heat td.s { text-align: center; font-weight: 700; min-width: 1.6rem; }
.heat td.covered { background: var(--covered-bg); color: var(--covered); }
.heat td.weak { background: var(--weak-bg); color: var(--weak); }
.heat td.missing { background: var(--missing-bg); color: var(--missing); }
.heat tr.failed td { color: var(--missing); }
.legend span { display: inline-block; margin-right: 1rem; }
th[aria-sort=ascending]::after { content: " ▲"; } th[aria-sort=descending]::after { content: " ▼"; }
@media print { .heat thead th { position: static; } }
"""


def render_portfolio_html(batch: BatchResult, lang: str = "da") -> str:
    reports = [r.report for r in batch.results if r.report]
    columns = element_columns(reports)
    letters = STATUS_LETTERS.get(lang, STATUS_LETTERS["da"])
    head = [f'<th>{esc(t("Plan", "Plan", lang))}</th>', f'<th>{esc(t("Score", "Score", lang))}</th>']
    head += [f'<th class="el" title="{esc(c.name)}">{i}. {esc(c.name)}</th>' for i, c in enumerate(columns, 1)]
    rows = []
    for result in batch.results:
        report = result.report
        name = esc(_label(result))
        link = _link(batch, result)
        plan_cell = f'<a href="{esc(link)}">{name}</a>' if link else name
        if report is None:
            rows.append(f'<tr class="failed"><td data-sort="{name}">{plan_cell}</td><td data-sort="-1">–</td>'
                        f'<td colspan="{len(columns)}">{esc(result.error or "")}</td></tr>')
            continue
        statuses = report.statuses()
        cells = []
        for c in columns:
            status = statuses.get(c.id, "")
            cells.append(f'<td class="s {esc(status)}" data-sort="{STATUS_VALUE.get(status, -1)}" '
                         f'title="{esc(c.name)}: {esc(status_label(status, lang))}">{esc(letters.get(status, "?"))}</td>')
        title = esc(report.source.title or plan_name(report))
        rows.append(f'<tr data-plan="{name}"><td data-sort="{name}" title="{title}">{plan_cell}</td>'
                    f'<td data-sort="{report.summary.score}">{esc(percent(report.summary.score))}</td>{"".join(cells)}</tr>')
    legend = " ".join(f'<span><b class="status {s}">{esc(letters[s])}</b> {esc(status_label(s, lang))}</span>'
                      for s in ("covered", "weak", "missing"))
    counts = t(f"{batch.count('audited')} vurderet, {batch.count('skipped')} uændrede, {batch.count('failed')} fejlede",
               f"{batch.count('audited')} audited, {batch.count('skipped')} unchanged, {batch.count('failed')} failed",
               lang)
    parts = [
        f'<p class="kicker">{esc(t("Portefølje", "Portfolio", lang))}</p>',
        f'<h1>{esc(t("Planer op mod det nationale koncept", "Plans against the national concept", lang))}</h1>',
        f'<p class="meta">{esc(counts)} · {esc(t("Klik på en kolonneoverskrift for at sortere.", "Click a column heading to sort.", lang))}</p>',
        f'<p class="legend">{legend}</p>',
        f'<table class="heat sortable"><thead><tr>{"".join(head)}</tr></thead><tbody>{"".join(rows)}</tbody></table>',
    ]
    stats = coverage(reports)
    if stats:
        srows = "".join(
            f'<tr><td>{esc(c.name)}</td><td data-sort="{c.share_covered}">{esc(percent(c.share_covered))}</td>'
            f'<td data-sort="{c.share_addressed}">{esc(percent(c.share_addressed))}</td>'
            f"<td>{c.covered}</td><td>{c.weak}</td><td>{c.missing}</td></tr>" for c in stats)
        parts.append(
            f'<h2>{esc(t("Dækning pr. element (svageste først)", "Coverage per element (weakest first)", lang))}</h2>'
            f'<table class="sortable"><thead><tr><th>{esc(t("Element", "Element", lang))}</th>'
            f'<th>{esc(t("Andel dækket", "Share covered", lang))}</th>'
            f'<th>{esc(t("Dækket eller svag", "Covered or weak", lang))}</th>'
            f'<th>{esc(status_label("covered", lang))}</th><th>{esc(status_label("weak", lang))}</th>'
            f'<th>{esc(status_label("missing", lang))}</th></tr></thead><tbody>{srows}</tbody></table>')
    if batch.failed:
        erows = "".join(f"<tr><td>{esc(r.path)}</td><td>{esc(r.error or '')}</td></tr>" for r in batch.failed)
        parts.append(f'<h2 id="errors">{esc(t("Filer der ikke kunne vurderes", "Files that could not be audited", lang))}</h2>'
                     f'<table class="errors"><thead><tr><th>{esc(t("Fil", "File", lang))}</th>'
                     f'<th>{esc(t("Fejl", "Error", lang))}</th></tr></thead><tbody>{erows}</tbody></table>')
    return page(t("Portefølje", "Portfolio", lang), "\n".join(parts), lang, extra_css=_HEATMAP_CSS, script=_SORT_JS)


def write_portfolio(batch: BatchResult, lang: str = "da") -> list[Path]:
    """portfolio.csv, portfolio.xlsx, portfolio.html and errors.csv in the batch's output folder."""
    out = Path(batch.outdir)
    written = {
        out / "portfolio.csv": render_csv(batch, lang),
        out / "portfolio.xlsx": render_xlsx(batch, lang),
        out / "portfolio.html": render_portfolio_html(batch, lang),
        out / "errors.csv": render_errors_csv(batch, lang),
    }
    for path, data in written.items():
        atomic_write(path, data)
    return list(written)
