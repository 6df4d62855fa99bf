"""Batch audits: every DOCX/PDF under some folders, in parallel processes, into an output folder.

Why processes with a watchdog rather than a plain pool: a damaged or hostile file can make a parser spin
or balloon, and a ``ProcessPoolExecutor`` cannot stop one task. Here each worker process takes one file
at a time over its own pipe, so the parent always knows which file a worker is on and since when; a
worker that passes the per-file timeout is killed (SIGKILL) and replaced, the file is reported as too
slow, and the batch goes on. A worker that dies (segfault, out of memory) is reported the same way.

Workers write their reports themselves (atomically, JSON last), so an interrupted batch leaves only
complete reports, and a re-run skips every plan whose JSON report matches the file's sha256, the rule
set's name and version and the language.
"""

from __future__ import annotations

import multiprocessing as mp
import os
import resource
import time
from collections import deque
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from pathlib import Path
from typing import Any, Callable, Iterable, Literal

from .errors import ConceptAuditError
from .fileio import atomic_write
from .model import REPORT_SCHEMA, Report

PLAN_SUFFIXES = {".docx", ".pdf"}
"""What a folder scan picks up. Files named explicitly are audited whatever their extension."""
REPORT_DIR = "reports"
DEFAULT_TIMEOUT = 120.0
EXTENSIONS = {"json": ".json", "markdown": ".md", "html": ".html", "docx": ".docx"}

Job = Callable[[str, str, Any, str, str, tuple[str, ...]], dict[str, Any]]
"""(plan path, report key, rule set, lang, outdir, formats) → the report as a dict. Module-level, picklable."""


@dataclass
class PlanResult:
    """One input file's outcome: audited now, skipped (unchanged), or failed with a user-facing error."""

    path: str
    key: str
    status: Literal["audited", "skipped", "failed"]
    report: Report | None = None
    error_code: str | None = None
    error: str | None = None
    seconds: float = 0.0
    peak_rss_kb: int | None = None

    @property
    def ok(self) -> bool:
        return self.status != "failed"


@dataclass
class BatchResult:
    outdir: Path
    results: list[PlanResult] = field(default_factory=list)
    formats: tuple[str, ...] = ("json",)
    workers: int = 1
    elapsed: float = 0.0

    def count(self, status: str) -> int:
        return sum(1 for r in self.results if r.status == status)

    @property
    def failed(self) -> list[PlanResult]:
        return [r for r in self.results if r.status == "failed"]

    @property
    def peak_rss_kb(self) -> int | None:
        """The largest peak resident memory any worker reached (kB), as the workers reported it."""
        values = [r.peak_rss_kb for r in self.results if r.peak_rss_kb]
        return max(values) if values else None

    @property
    def exit_code(self) -> int:
        return 1 if self.failed else 0


# ------------------------------------------------------------------------------------------- inputs


def find_inputs(inputs: Iterable[str | Path], exclude: Path | None = None,
                lang: str = "da") -> tuple[list[Path], list[PlanResult]]:
    """The plan files under ``inputs`` (sorted, no duplicates) and a failure for each input that does not exist.

    Folders are searched recursively for DOCX and PDF, skipping hidden files, Word's lock files (``~$…``)
    and anything under ``exclude`` (the output folder: its DOCX reports are not plans).
    """
    files: list[Path] = []
    missing: list[PlanResult] = []
    excluded = exclude.resolve() if exclude is not None else None
    for raw in inputs:
        path = Path(raw)
        if path.is_dir():
            for found in sorted(path.rglob("*")):
                if not found.is_file() or found.suffix.lower() not in PLAN_SUFFIXES:
                    continue
                if found.name.startswith((".", "~$")) or any(p.startswith(".") for p in found.relative_to(path).parts[:-1]):
                    continue
                if excluded is not None and excluded in found.resolve().parents:
                    continue
                files.append(found)
        elif path.is_file():
            files.append(path)
        else:
            err = ConceptAuditError(path, "not_found")
            missing.append(PlanResult(str(path), "", "failed", error_code=err.code, error=err.message(lang)))
    unique: dict[Path, Path] = {}
    for f in files:
        unique.setdefault(f.resolve(), f)
    return list(unique.values()), missing


def report_keys(files: list[Path]) -> list[str]:
    """A file name per plan: ``fjordby-docx``; the DOCX and PDF of one plan get separate reports, and two
    folders holding the same file name get ``-2``, ``-3`` in input order."""
    keys: list[str] = []
    used: set[str] = set()
    for f in files:
        stem = "".join(c if c.isalnum() or c in "-_." else "_" for c in f.stem) or "plan"
        base = f"{stem}-{f.suffix.lower().lstrip('.') or 'fil'}"
        key, n = base, 2
        while key.lower() in used:
            key, n = f"{base}-{n}", n + 1
        used.add(key.lower())
        keys.append(key)
    return keys


def report_path(outdir: str | Path, key: str, fmt: str) -> Path:
    return Path(outdir) / REPORT_DIR / f"{key}{EXTENSIONS[fmt]}"


# -------------------------------------------------------------------------------------------- work


def write_reports(report: Report, outdir: str | Path, key: str, formats: Iterable[str]) -> None:
    """The requested formats first, the JSON last: the JSON is what a re-run trusts as "done"."""
    import json

    from .render import renderer

    for fmt in formats:
        if fmt != "json":
            atomic_write(report_path(outdir, key, fmt), renderer(fmt)(report))
    atomic_write(report_path(outdir, key, "json"),
                 json.dumps(report.to_dict(), ensure_ascii=False, indent=2) + "\n")


def audit_plan(path: str, key: str, rules: Any, lang: str, outdir: str, formats: tuple[str, ...]) -> dict[str, Any]:
    """The default job: audit one plan and write its reports."""
    from .audit import audit

    report = audit(path, rules=rules, lang=lang)
    write_reports(report, outdir, key, formats)
    return report.to_dict()


def _peak_rss_kb() -> int:
    return int(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)  # kB on Linux


def _worker(conn: Connection, rules_path: str | None, lang: str, outdir: str, formats: tuple[str, ...],
            job: Job) -> None:
    """A worker process: load the rule set once, then audit files sent over the pipe until told to stop."""
    from .ruleset import load_rules

    rules = load_rules(rules_path)
    while True:
        try:
            task = conn.recv()
        except (EOFError, OSError, KeyboardInterrupt):
            return
        if task is None:
            return
        index, path, key = task
        started = time.perf_counter()
        try:
            data = job(path, key, rules, lang, outdir, formats)
            message = ("ok", index, data, None, None)
        except ConceptAuditError as exc:
            message = ("error", index, None, exc.code, exc.message(lang))
        except Exception as exc:  # an internal error is still one file's failure, not the batch's
            message = ("error", index, None, "internal", f"{path}: {type(exc).__name__}: {exc}"[:500])
        try:
            conn.send((*message, time.perf_counter() - started, _peak_rss_kb()))
        except (BrokenPipeError, OSError):
            return


def _context() -> mp.context.BaseContext:
    """forkserver where available: workers start from a clean, pre-imported process (fast, and no fork of a
    parent that runs a progress thread); spawn elsewhere."""
    if "forkserver" in mp.get_all_start_methods():
        ctx = mp.get_context("forkserver")
        ctx.set_forkserver_preload(["concept_audit.audit", "concept_audit.batch", "concept_audit.render.html"])
        return ctx
    return mp.get_context("spawn")


@dataclass
class _Slot:
    process: Any
    conn: Connection
    task: tuple[int, str, str] | None = None
    started: float = 0.0


class _Pool:
    """N worker processes, each fed one file at a time; a timed-out or dead worker is replaced."""

    def __init__(self, size: int, args: tuple[Any, ...]) -> None:
        self.ctx = _context()
        self.args = args
        self.slots = [self._start() for _ in range(size)]

    def _start(self) -> _Slot:
        parent, child = self.ctx.Pipe()
        process = self.ctx.Process(target=_worker, args=(child, *self.args), daemon=True)
        process.start()
        child.close()
        return _Slot(process, parent)

    def replace(self, slot: _Slot) -> _Slot:
        self._kill(slot)
        new = self._start()
        self.slots[self.slots.index(slot)] = new
        return new

    @staticmethod
    def _kill(slot: _Slot) -> None:
        if slot.process.is_alive():
            slot.process.kill()
        slot.process.join(timeout=5)
        slot.conn.close()

    def close(self) -> None:
        for slot in self.slots:
            if slot.task is not None:  # interrupted mid-file: nothing to wait for
                self._kill(slot)
            elif slot.process.is_alive():
                try:
                    slot.conn.send(None)
                except OSError:
                    pass
        deadline = time.monotonic() + 5
        for slot in self.slots:
            slot.process.join(timeout=max(0.0, deadline - time.monotonic()))
            self._kill(slot)


def _unchanged_report(path: Path, key: str, outdir: Path, sha: str, ruleset: dict[str, str], lang: str) -> Report | None:
    """The existing report when it is for this very file, rule set and language; else None."""
    import json

    existing = report_path(outdir, key, "json")
    try:
        data = json.loads(existing.read_text(encoding="utf-8"))
        if data.get("schema") != REPORT_SCHEMA:
            return None
        report = Report.from_dict(data)
    except (OSError, ValueError, KeyError, TypeError):
        return None
    same_rules = (report.ruleset.get("name"), str(report.ruleset.get("version"))) == (
        ruleset.get("name"), str(ruleset.get("version")))
    if report.source.sha256 == sha and same_rules and report.lang == lang:
        return report
    return None


def run_batch(
    inputs: Iterable[str | Path],
    outdir: str | Path,
    *,
    workers: int | None = None,
    formats: Iterable[str] = ("json",),
    timeout: float = DEFAULT_TIMEOUT,
    force: bool = False,
    rules: str | Path | None = None,
    lang: str = "da",
    progress: Callable[[int, int, list[str]], None] | None = None,
    job: Job = audit_plan,
) -> BatchResult:
    """Audit every plan under ``inputs`` into ``outdir`` and write the portfolio. Never raises for one bad file.

    Raises :class:`ConceptAuditError` (exit status 2) only when there is nothing to audit or the rule set
    is invalid. ``progress(done, total, current_files)`` is called as files start and finish.
    """
    from .extract import file_sha256
    from .render.portfolio import write_portfolio
    from .ruleset import load_rules

    started = time.perf_counter()
    outdir = Path(outdir)
    formats = tuple(f for f in parse_formats(",".join(formats)) if f != "json")
    ruleset = load_rules(rules)  # an invalid rule set stops the batch before any work
    ruleset_info = {"name": ruleset.name, "version": str(ruleset.version)}
    files, missing = find_inputs(inputs, exclude=outdir, lang=lang)
    if not files:
        raise ConceptAuditError(None, "no_input", detail="; ".join(r.path for r in missing))
    keys = report_keys(files)
    results: list[PlanResult | None] = [None] * len(files)
    tasks: deque[tuple[int, str, str]] = deque()
    for index, (path, key) in enumerate(zip(files, keys)):
        try:
            sha = file_sha256(path)
        except OSError as exc:
            err = ConceptAuditError(path, "unreadable", detail=exc.strerror or str(exc))
            results[index] = PlanResult(str(path), key, "failed", error_code=err.code, error=err.message(lang))
            continue
        existing = None if force else _unchanged_report(path, key, outdir, sha, ruleset_info, lang)
        if existing is not None:
            for fmt in formats:  # a format asked for now but not last time: render it from the JSON
                target = report_path(outdir, key, fmt)
                if not target.exists():
                    from .render import renderer

                    atomic_write(target, renderer(fmt)(existing))
            results[index] = PlanResult(str(path), key, "skipped", report=existing)
        else:
            tasks.append((index, str(path.resolve()), key))

    total = len(files)
    done = total - len(tasks)
    size = max(1, min(workers or os.cpu_count() or 1, len(tasks))) if tasks else 0
    if progress:
        progress(done, total, [])
    if tasks:
        # absolute paths: a worker's working directory is the forkserver's, not necessarily ours
        rules_arg = str(Path(rules).resolve()) if rules is not None else None
        pool = _Pool(size, (rules_arg, lang, str(outdir.resolve()), formats, job))
        try:
            while tasks or any(slot.task for slot in pool.slots):
                for slot in pool.slots:
                    if slot.task is None and tasks:
                        slot.task, slot.started = tasks.popleft(), time.monotonic()
                        slot.conn.send(slot.task)
                if progress:
                    progress(done, total, [Path(s.task[1]).name for s in pool.slots if s.task])
                busy = [s for s in pool.slots if s.task]
                wait([s.conn for s in busy] + [s.process.sentinel for s in busy], timeout=0.25)
                now = time.monotonic()
                for slot in list(busy):
                    index, path, key = slot.task
                    outcome = _collect(slot, path, key, lang)
                    if outcome is None and now - slot.started > timeout:
                        err = ConceptAuditError(path, "timeout", detail=t_timeout(timeout, lang))
                        outcome = PlanResult(path, key, "failed", error_code=err.code, error=err.message(lang),
                                             seconds=now - slot.started)
                        slot.task = None
                        pool.replace(slot)
                    elif outcome is not None and slot.task is not None:  # the worker died
                        slot.task = None
                        pool.replace(slot)
                    if outcome is not None:
                        results[index] = outcome
                        done += 1
                        if progress:
                            progress(done, total, [Path(s.task[1]).name for s in pool.slots if s.task])
        finally:
            pool.close()

    batch = BatchResult(outdir, [*missing, *(r for r in results if r is not None)], ("json", *formats), size)
    write_portfolio(batch, lang)
    batch.elapsed = time.perf_counter() - started
    return batch


def t_timeout(seconds: float, lang: str) -> str:
    value = f"{seconds:g}"
    return f"over {value} s" if lang == "en" else f"over {value} sekunder"


def _collect(slot: _Slot, path: str, key: str, lang: str) -> PlanResult | None:
    """The worker's answer if it has one; a failure if it died; None while it is still working.

    On an answer the slot is freed (``slot.task = None``); on a death it is left set, so the caller
    knows to replace the worker.
    """
    try:
        if slot.conn.poll():
            status, _, data, code, message, seconds, rss = slot.conn.recv()
            slot.task = None
            if status == "ok":
                return PlanResult(path, key, "audited", report=Report.from_dict(data), seconds=seconds, peak_rss_kb=rss)
            return PlanResult(path, key, "failed", error_code=code, error=message, seconds=seconds, peak_rss_kb=rss)
    except (EOFError, OSError):
        pass
    if slot.process.is_alive():
        return None
    code = slot.process.exitcode
    err = ConceptAuditError(path, "crashed", detail=f"exit {code}")
    return PlanResult(path, key, "failed", error_code=err.code, error=err.message(lang))


# --------------------------------------------------------------------------------------------- CLI


def parse_formats(value: str) -> tuple[str, ...]:
    formats = tuple(dict.fromkeys(f.strip().lower() for f in value.split(",") if f.strip()))
    unknown = [f for f in formats if f not in EXTENSIONS]
    if unknown:
        raise ConceptAuditError(None, "unsupported", detail=", ".join(unknown) + "; json, html, docx, markdown")
    return formats


def cli_batch(args: Any, console: Any) -> int:
    """``concept-audit batch``: a rich progress bar on stderr, then a summary and the failures."""
    from rich.console import Console
    from rich.progress import (BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn,
                               TimeRemainingColumn)

    from .i18n import t

    lang = args.lang
    formats = parse_formats(args.format)
    err_console = Console(stderr=True, highlight=False)
    columns = (TextColumn("[bold]{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
               TextColumn(t("rest", "ETA", lang)), TimeRemainingColumn(), TextColumn("{task.fields[current]}"))
    with Progress(*columns, console=err_console, transient=False) as bar:
        task = bar.add_task(t("Vurderer", "Auditing", lang), total=None, current="")

        def progress(done: int, total: int, current: list[str]) -> None:
            shown = ", ".join(current[:2]) + (f" +{len(current) - 2}" if len(current) > 2 else "")
            bar.update(task, completed=done, total=total, current=shown)

        result = run_batch(args.inputs, args.output, workers=args.workers, formats=formats, timeout=args.timeout,
                           force=args.force, rules=args.rules, lang=lang, progress=progress)
    console.print(t(
        f"{result.count('audited')} vurderet, {result.count('skipped')} uændrede (sprunget over), "
        f"{result.count('failed')} fejlede · {result.elapsed:.1f} s med {result.workers} processer",
        f"{result.count('audited')} audited, {result.count('skipped')} unchanged (skipped), "
        f"{result.count('failed')} failed · {result.elapsed:.1f} s with {result.workers} processes", lang),
        highlight=False)
    for failed in result.failed:
        console.print(f"[red]{t('fejl', 'error', lang)}:[/] {failed.error}", highlight=False, markup=True,
                      emoji=False, soft_wrap=True)
    console.print(t(f"Portefølje: {Path(args.output) / 'portfolio.html'} (også .xlsx og .csv)",
                    f"Portfolio: {Path(args.output) / 'portfolio.html'} (also .xlsx and .csv)", lang), highlight=False)
    return result.exit_code
