"""Measure the tool against gold labels: corpus loading, the evaluation loop, and the metrics.

We can only claim a verdict is right if we measure it. A corpus (``manifest.yaml``, ``gold/<id>.yaml``,
``plans/<id>.<fmt>``) is validated up front, so a typo in a gold file is reported as such and never shows
up as a tool error. Every plan is audited once per format it is present in (a plan×format is one
*document*), every file is parsed once, and the verdicts are compared with the gold labels per split:
``dev`` plans may be studied while writing rules, ``heldout`` plans may not (their figures are how we
notice overfitting), so their mismatch details are only shown on explicit request.

The metric functions at the top are pure and take plain label sequences, so they can be tested against
hand-computed values independently of the corpus and the audit engine.
"""

from __future__ import annotations

import math
import pickle
import re
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .errors import ConceptAuditError
from .model import STATUSES, Document, Report

SPLITS = ("dev", "heldout")
FORMATS = ("docx", "pdf", "txt", "md")
"""Document formats, in report order. ``docx``, ``pdf`` and ``txt`` are generated files under ``plans/``;
``md`` is the authored Markdown source under ``src/``, which every plan may have: it lets the rules be
evaluated on the text alone (and before the DOCX and PDF extractors exist)."""
SOURCE_FORMAT = "md"
EVALUATION_SCHEMA = "concept-audit/evaluation@1"
MAX_PROBLEMS_SHOWN = 8

# =============================================================================================== metrics


def accuracy(gold: Sequence[str], predicted: Sequence[str]) -> float | None:
    """Share of exact label matches; ``None`` when there is nothing to compare."""
    _same_length(gold, predicted)
    if not gold:
        return None
    return sum(g == p for g, p in zip(gold, predicted)) / len(gold)


def confusion_matrix(gold: Sequence[str], predicted: Sequence[str],
                     labels: Sequence[str] = STATUSES) -> list[list[int]]:
    """Counts with gold labels as rows and predicted labels as columns, both in ``labels`` order."""
    _same_length(gold, predicted)
    index = {label: i for i, label in enumerate(labels)}
    matrix = [[0] * len(labels) for _ in labels]
    for g, p in zip(gold, predicted):
        if g not in index or p not in index:
            raise ValueError(f"label outside {list(labels)}: {g if g not in index else p!r}")
        matrix[index[g]][index[p]] += 1
    return matrix


def weighted_kappa(gold: Sequence[str], predicted: Sequence[str],
                   labels: Sequence[str] = STATUSES) -> float | None:
    """Quadratic-weighted Cohen's kappa over ordered labels (missing < weak < covered).

    Calling "missing" what is "covered" costs four times as much as calling it "weak", which is how a
    reader of the audit experiences the errors. ``None`` when it is undefined: no labels, or both sides
    use one and the same label throughout (chance agreement is then already perfect, 0/0).
    """
    return kappa_from_matrix(confusion_matrix(gold, predicted, labels))


def kappa_from_matrix(matrix: Sequence[Sequence[int]]) -> float | None:
    k = len(matrix)
    n = sum(sum(row) for row in matrix)
    if n == 0 or k < 2:
        return None
    rows = [sum(row) for row in matrix]
    cols = [sum(matrix[i][j] for i in range(k)) for j in range(k)]
    weight = [[(i - j) ** 2 / (k - 1) ** 2 for j in range(k)] for i in range(k)]
    observed = sum(weight[i][j] * matrix[i][j] for i in range(k) for j in range(k)) / n
    expected = sum(weight[i][j] * rows[i] * cols[j] for i in range(k) for j in range(k)) / (n * n)
    if math.isclose(expected, 0.0, abs_tol=1e-12):
        return None
    return 1.0 - observed / expected


@dataclass
class StatusScore:
    """Precision and recall of one status; ``None`` where the denominator is zero."""

    status: str
    precision: float | None
    recall: float | None
    gold: int
    """How many labels have this status in gold (recall's denominator)."""
    predicted: int
    """How often the tool gave this status (precision's denominator)."""
    correct: int


def precision_recall(gold: Sequence[str], predicted: Sequence[str],
                     labels: Sequence[str] = STATUSES) -> dict[str, StatusScore]:
    matrix = confusion_matrix(gold, predicted, labels)
    scores = {}
    for i, label in enumerate(labels):
        correct = matrix[i][i]
        n_gold = sum(matrix[i])
        n_pred = sum(row[i] for row in matrix)
        scores[label] = StatusScore(label, _ratio(correct, n_pred), _ratio(correct, n_gold), n_gold, n_pred,
                                    correct)
    return scores


def covered_for_missing(gold: Sequence[str], predicted: Sequence[str]) -> int:
    """The worst error a compliance tool can make: reporting as covered what the plan lacks."""
    _same_length(gold, predicted)
    return sum(g == "missing" and p == "covered" for g, p in zip(gold, predicted))


def _ratio(num: int, den: int) -> float | None:
    return num / den if den else None


def _same_length(a: Sequence[Any], b: Sequence[Any]) -> None:
    if len(a) != len(b):
        raise ValueError(f"gold and predicted differ in length ({len(a)} vs {len(b)})")


# ======================================================================================= corpus loading


@dataclass
class Problem:
    """One thing wrong with the corpus: the file (relative to the corpus) and what is wrong, in da/en."""

    file: str
    da: str
    en: str

    def text(self, lang: str = "da") -> str:
        what = self.en if lang == "en" else self.da
        return f"{self.file}: {what}" if self.file else what


class CorpusError(ConceptAuditError):
    """The corpus is invalid; lists every problem found (file and problem), not only the first."""

    def __init__(self, path: str | Path, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__(path, "corpus", detail=self._detail("da"))

    def _detail(self, lang: str) -> str:
        shown = [p.text(lang) for p in self.problems[:MAX_PROBLEMS_SHOWN]]
        rest = len(self.problems) - len(shown)
        if rest:
            shown.append(f"og {rest} til" if lang != "en" else f"and {rest} more")
        return "; ".join(shown)

    def message(self, lang: str = "da") -> str:
        self.params["detail"] = self._detail(lang) if hasattr(self, "problems") else self.params["detail"]
        return super().message(lang)


@dataclass
class PlanEntry:
    """One plan of the manifest with its gold labels."""

    id: str
    split: str
    formats: list[str]
    gold: dict[str, str]
    why: dict[str, str] = field(default_factory=dict)
    municipality: str = ""
    axes: list[str] = field(default_factory=list)
    source: bool = False
    """Whether the Markdown source ``src/<id>.md`` exists (then ``md`` is an available format)."""

    def available(self) -> list[str]:
        """The formats this plan can be evaluated in: the listed ones, plus its source when present."""
        extra = [SOURCE_FORMAT] if self.source and SOURCE_FORMAT not in self.formats else []
        return [f for f in FORMATS if f in self.formats or f in extra]


@dataclass
class Corpus:
    root: Path
    element_ids: list[str]
    """The ids scored, in rule-set order: the rule set's when given, else those of the gold files."""
    plans: list[PlanEntry]
    skipped: list[Problem] = field(default_factory=list)
    """Plans left out because their files or gold labels are not there yet (only with ``allow_missing``)."""

    def path(self, plan: PlanEntry, fmt: str) -> Path:
        return self.root / _relpath(plan.id, fmt)

    def select(self, split: str = "all") -> list[PlanEntry]:
        return [p for p in self.plans if split == "all" or p.split == split]

    def documents(self, split: str = "all",
                  formats: Sequence[str] | None = None) -> list[tuple[PlanEntry, str]]:
        """The (plan, format) pairs to audit, in corpus order.

        ``formats=None`` means the formats the manifest lists (the generated files); the Markdown source
        is only audited when asked for, so the default run measures what users will feed the tool.
        Asking for ``md`` when a selected plan has no source is a corpus error: silently skipping it
        would make the figures cover fewer plans than the reader assumes.
        """
        plans = self.select(split)
        if formats is not None and SOURCE_FORMAT in formats:
            lacking = [Problem(_relpath(p.id, SOURCE_FORMAT), "kildeteksten findes ikke (--formats md)",
                               "source text not found (--formats md)") for p in plans if not p.source]
            if lacking:
                raise CorpusError(self.root, lacking)
        return [(plan, fmt) for plan in plans
                for fmt in (plan.formats if formats is None else plan.available())
                if formats is None or fmt in formats]


def _relpath(plan_id: str, fmt: str) -> str:
    return f"src/{plan_id}.md" if fmt == SOURCE_FORMAT else f"plans/{plan_id}.{fmt}"


_PLAN_ID = re.compile(r"^[a-z0-9][a-z0-9_-]*$")


def load_corpus(root: str | Path, element_ids: Sequence[str] | None = None, *,
                allow_missing: bool = False) -> Corpus:
    """Read and validate a corpus; raise :class:`CorpusError` listing every problem.

    ``element_ids`` are the ids every gold file must label (the rule set's); gold labels for other ids
    are ignored, so a smaller rule set can be evaluated on the same corpus. Without them, the gold files
    must agree among themselves. With ``allow_missing``, a plan whose generated file or gold file does
    not exist yet is skipped (and listed in ``Corpus.skipped``) instead of failing the corpus; a gold
    file that exists but is wrong is always an error.
    """
    root = Path(root)
    problems: list[Problem] = []
    if not root.is_dir():
        raise CorpusError(root, [Problem("", "mappen findes ikke", "directory not found")])
    manifest = root / "manifest.yaml"
    raw = _read_yaml(manifest, "manifest.yaml", problems)
    if raw is None:
        raise CorpusError(root, problems)
    entries = raw.get("plans") if isinstance(raw, dict) else None
    if not isinstance(entries, list) or not entries:
        raise CorpusError(root, [Problem("manifest.yaml", "skal have en ikke-tom liste 'plans'",
                                         "must have a non-empty list 'plans'")])

    plans: list[PlanEntry] = []
    skipped: list[Problem] = []
    seen: set[str] = set()
    for n, entry in enumerate(entries, 1):
        plan = _manifest_entry(entry, n, seen, problems)
        if plan is None:
            continue
        plan.source = (root / _relpath(plan.id, SOURCE_FORMAT)).is_file()
        absent = [Problem(_relpath(plan.id, fmt), "filen findes ikke (står i manifest.yaml)",
                          "file not found (listed in manifest.yaml)")
                  for fmt in plan.formats if not (root / _relpath(plan.id, fmt)).is_file()]
        gold_rel = f"gold/{plan.id}.yaml"
        if not (root / gold_rel).is_file():
            absent.append(Problem(gold_rel, "guldfilen findes ikke", "gold file not found"))
        else:
            _read_gold(root, plan, problems)
        if absent and allow_missing:
            skipped.extend(absent)
            continue
        problems.extend(absent)
        plans.append(plan)

    ids = list(element_ids) if element_ids is not None else _inferred_ids(plans)
    for plan in plans:
        _check_labels(plan, ids, element_ids is not None, problems)
        plan.gold = {i: plan.gold[i] for i in ids if i in plan.gold}
    if not plans and not problems:
        problems.append(Problem("manifest.yaml", "ingen planer at evaluere", "no plans to evaluate"))
    if problems:
        raise CorpusError(root, problems)
    return Corpus(root, ids, plans, skipped)


def _read_yaml(path: Path, rel: str, problems: list[Problem]) -> Any:
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        problems.append(Problem(rel, "filen findes ikke", "file not found"))
    except (OSError, UnicodeDecodeError) as exc:
        problems.append(Problem(rel, f"kan ikke læses ({exc})", f"cannot be read ({exc})"))
    except yaml.YAMLError as exc:
        first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        mark = getattr(exc, "problem_mark", None)
        where = f", linje {mark.line + 1}" if mark is not None else ""
        where_en = f", line {mark.line + 1}" if mark is not None else ""
        problems.append(Problem(rel, f"ugyldig YAML ({first}{where})", f"invalid YAML ({first}{where_en})"))
    return None


def _manifest_entry(entry: Any, n: int, seen: set[str], problems: list[Problem]) -> PlanEntry | None:
    where = "manifest.yaml"
    if not isinstance(entry, dict) or not isinstance(entry.get("id"), str):
        problems.append(Problem(where, f"plan nr. {n} mangler 'id'", f"plan no. {n} has no 'id'"))
        return None
    pid = entry["id"]
    ok = True
    if not _PLAN_ID.match(pid):
        problems.append(Problem(where, f"plan-id {pid!r} skal være små bogstaver, tal og bindestreger",
                                f"plan id {pid!r} must be lower-case letters, digits and hyphens"))
        ok = False
    if pid in seen:
        problems.append(Problem(where, f"plan {pid!r} står der to gange", f"plan {pid!r} is listed twice"))
        ok = False
    seen.add(pid)
    split = entry.get("split")
    if split not in SPLITS:
        problems.append(Problem(where, f"plan {pid!r}: split skal være dev eller heldout (ikke {split!r})",
                                f"plan {pid!r}: split must be dev or heldout (not {split!r})"))
        ok = False
    formats = entry.get("formats")
    if (not isinstance(formats, list) or not formats or any(f not in FORMATS for f in formats)
            or len(set(formats)) != len(formats)):
        problems.append(Problem(where, f"plan {pid!r}: formats skal være en ikke-tom liste af {', '.join(FORMATS)} "
                                "uden gentagelser (md er kildeteksten src/<id>.md)",
                                f"plan {pid!r}: formats must be a non-empty list of {', '.join(FORMATS)} without "
                                "repeats (md is the source text src/<id>.md)"))
        ok = False
    if not ok:
        return None
    axes = entry.get("axes") or []
    return PlanEntry(pid, split, list(formats), {}, {}, str(entry.get("municipality") or ""),
                     [str(a) for a in axes] if isinstance(axes, list) else [])


def _read_gold(root: Path, plan: PlanEntry, problems: list[Problem]) -> None:
    rel = f"gold/{plan.id}.yaml"
    before = len(problems)
    raw = _read_yaml(root / rel, rel, problems)
    if len(problems) > before:
        return
    elements = raw.get("elements") if isinstance(raw, dict) else None
    if not isinstance(elements, dict) or not elements:
        problems.append(Problem(rel, "skal have 'elements' med et mærke pr. element-id",
                                "must have 'elements' with one label per element id"))
        return
    if "plan" in raw and raw["plan"] != plan.id:
        problems.append(Problem(rel, f"'plan' er {raw['plan']!r}, men filen hører til {plan.id!r}",
                                f"'plan' is {raw['plan']!r} but the file belongs to {plan.id!r}"))
    for eid, label in elements.items():
        status = label.get("status") if isinstance(label, dict) else None
        if status not in STATUSES:
            problems.append(Problem(rel, f"{eid}: status {status!r} er ugyldig (brug {', '.join(STATUSES)})",
                                    f"{eid}: invalid status {status!r} (use {', '.join(STATUSES)})"))
            continue
        why = label.get("why")
        if not isinstance(why, str) or not why.strip():
            problems.append(Problem(rel, f"{eid}: mangler 'why' (hvor står belægget?)",
                                    f"{eid}: no 'why' (where is the evidence?)"))
        plan.gold[str(eid)] = status
        plan.why[str(eid)] = why if isinstance(why, str) else ""


def _inferred_ids(plans: list[PlanEntry]) -> list[str]:
    ids: list[str] = []
    for plan in plans:
        ids.extend(i for i in plan.gold if i not in ids)
    return ids


def _check_labels(plan: PlanEntry, ids: Sequence[str], from_rules: bool, problems: list[Problem]) -> None:
    if not plan.gold:
        return  # the gold file is absent or unreadable: already reported
    lacking = [i for i in ids if i not in plan.gold]
    if lacking:
        whose = "regelsættets" if from_rules else "de andre guldfilers"
        whose_en = "the rule set's" if from_rules else "the other gold files'"
        problems.append(Problem(f"gold/{plan.id}.yaml",
                                f"mangler mærker for {whose} element(er): {', '.join(lacking)}",
                                f"lacks labels for {whose_en} element(s): {', '.join(lacking)}"))


def default_corpus_dir() -> Path:
    """``corpora/`` in the working directory, else the one beside the package (an editable install)."""
    for candidate in (Path.cwd() / "corpora", Path(__file__).resolve().parent.parent / "corpora"):
        if (candidate / "manifest.yaml").is_file():
            return candidate
    return Path.cwd() / "corpora"  # load_corpus reports it as not found


def parse_formats(value: str) -> list[str]:
    """``--formats docx,pdf,md`` → ``["docx", "pdf", "md"]``.

    An argparse type: raises ``ArgumentTypeError`` so the usage error names the bad format itself.
    """
    import argparse

    formats = [f.strip().lower().lstrip(".") for f in value.split(",") if f.strip()]
    unknown = [f for f in formats if f not in FORMATS]
    if unknown or not formats:
        raise argparse.ArgumentTypeError(
            f"ukendt format {', '.join(unknown) or repr(value)} (brug {', '.join(FORMATS)})")
    return list(dict.fromkeys(formats))


# ===================================================================================== evaluation loop

Prediction = Report | Mapping[str, str]
Classifier = Callable[[Document], Prediction]


@dataclass
class DocResult:
    """The verdicts on one document (a plan in one format), or why there are none."""

    plan: str
    format: str
    split: str
    predicted: dict[str, str] = field(default_factory=dict)
    reasons: dict[str, str] = field(default_factory=dict)
    error: str | None = None
    words: int = 0
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return self.error is None


@dataclass
class Mismatch:
    plan: str
    format: str
    split: str
    element: str
    gold: str
    predicted: str
    reason: str
    why: str
    """The gold label's one-line justification, so a reader sees both sides."""


@dataclass
class ElementScore:
    element: str
    accuracy: float | None
    labels: int
    covered_for_missing: int
    confusion: list[list[int]]


@dataclass
class PlanScore:
    plan: str
    split: str
    accuracy: float | None
    by_format: dict[str, float | None]
    docx_pdf_agreement: float | None


@dataclass
class FormatAgreement:
    """Do the DOCX and the PDF of the same plan get the same verdicts? (They hold the same text.)"""

    plans: int
    labels: int
    agreed: int
    agreement: float | None
    kappa: float | None


@dataclass
class Scores:
    """Every figure for one split (``dev``, ``heldout``) or for both (``all``)."""

    split: str
    plans: int
    documents: int
    """Documents scored (read and audited without error)."""
    errors: int
    """Documents of this split that could not be read or audited: not in any figure."""
    labels: int
    accuracy: float | None
    kappa: float | None
    confusion: list[list[int]]
    per_status: dict[str, StatusScore]
    covered_for_missing: int
    per_format: dict[str, float | None]
    per_element: list[ElementScore] | None
    """Hardest first (lowest accuracy), ties by rule-set order; ``None`` when withheld (held-out)."""
    per_plan: list[PlanScore] | None
    """In corpus order; ``None`` when withheld (held-out)."""
    docx_pdf: FormatAgreement

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["labels_order"] = list(STATUSES)
        return data


@dataclass
class Evaluation:
    """The outcome of one run: every document's verdicts, scored on demand per split."""

    corpus: Corpus
    split: str
    """The split that was evaluated: ``dev``, ``heldout`` or ``all``."""
    documents: list[DocResult]
    ruleset: dict[str, str] = field(default_factory=dict)
    seconds: float = 0.0
    formats: list[str] | None = None
    """The formats asked for (``None``: those the manifest lists)."""

    @property
    def failed(self) -> list[DocResult]:
        return [d for d in self.documents if not d.ok]

    def splits(self) -> list[str]:
        """The splits to report: each one evaluated, then ``all`` when both were."""
        present = [s for s in SPLITS if any(d.split == s for d in self.documents)]
        return present + (["all"] if len(present) > 1 else [])

    def breakdowns_visible(self, split: str) -> bool:
        """Whether per-element and per-plan figures of ``split`` may be shown.

        They say which element rules fail on which plans, i.e. exactly what a tuner would act on, so for
        scores that include held-out documents they are only shown when the held-out split was asked for
        by name (as with ``--details``). Headline figures are always shown.
        """
        includes_heldout = any(d.split == "heldout" for d in self.documents
                               if split == "all" or d.split == split)
        return not includes_heldout or self.split == "heldout"

    def scores(self, split: str = "all") -> Scores:
        plans = {p.id: p for p in self.corpus.plans}
        mine = [d for d in self.documents if split == "all" or d.split == split]
        docs = [d for d in mine if d.ok]
        visible = self.breakdowns_visible(split)
        ids = self.corpus.element_ids
        gold: list[str] = []
        pred: list[str] = []
        for d in docs:
            for eid in ids:
                gold.append(plans[d.plan].gold[eid])
                pred.append(d.predicted[eid])
        matrix = confusion_matrix(gold, pred)
        per_format = {}
        for fmt in FORMATS:
            fdocs = [d for d in docs if d.format == fmt]
            if fdocs:
                per_format[fmt] = _doc_accuracy(fdocs, plans, ids)
        return Scores(
            split=split,
            plans=len({d.plan for d in docs}),
            documents=len(docs),
            errors=len(mine) - len(docs),
            labels=len(gold),
            accuracy=accuracy(gold, pred),
            kappa=kappa_from_matrix(matrix),
            confusion=matrix,
            per_status=precision_recall(gold, pred),
            covered_for_missing=covered_for_missing(gold, pred),
            per_format=per_format,
            per_element=_per_element(docs, plans, ids) if visible else None,
            per_plan=_per_plan(docs, plans, ids) if visible else None,
            docx_pdf=_docx_pdf(docs, ids),
        )

    def mismatches(self, split: str) -> list[Mismatch]:
        """Every disagreement with gold in ``split`` (``dev``, ``heldout`` or ``all``), in corpus order."""
        plans = {p.id: p for p in self.corpus.plans}
        out = []
        for d in self.documents:
            if not d.ok or (split != "all" and d.split != split):
                continue
            plan = plans[d.plan]
            for eid in self.corpus.element_ids:
                if plan.gold[eid] != d.predicted[eid]:
                    out.append(Mismatch(d.plan, d.format, d.split, eid, plan.gold[eid], d.predicted[eid],
                                        d.reasons.get(eid, ""), plan.why.get(eid, "")))
        return out


def visible_mismatches(evaluation: Evaluation, requested_split: str) -> tuple[list[Mismatch], int]:
    """The mismatches a ``--details`` run may show, and how many held-out ones were withheld.

    Held-out details are only shown when the held-out split was asked for by name: reading them while
    tuning rules would turn the held-out plans into dev plans and their figures into wishful thinking.
    """
    if requested_split == "heldout":
        return evaluation.mismatches("heldout"), 0
    shown = evaluation.mismatches("dev")
    hidden = len(evaluation.mismatches("heldout")) if requested_split == "all" else 0
    return shown, hidden


def _doc_accuracy(docs: Iterable[DocResult], plans: Mapping[str, PlanEntry], ids: Sequence[str]) -> float | None:
    pairs = [(plans[d.plan].gold[i], d.predicted[i]) for d in docs for i in ids]
    return accuracy([g for g, _ in pairs], [p for _, p in pairs])


def _per_element(docs: list[DocResult], plans: Mapping[str, PlanEntry], ids: Sequence[str]) -> list[ElementScore]:
    scores = []
    for eid in ids:
        gold = [plans[d.plan].gold[eid] for d in docs]
        pred = [d.predicted[eid] for d in docs]
        scores.append(ElementScore(eid, accuracy(gold, pred), len(gold), covered_for_missing(gold, pred),
                                   confusion_matrix(gold, pred)))
    order = {eid: i for i, eid in enumerate(ids)}
    return sorted(scores, key=lambda s: (s.accuracy if s.accuracy is not None else 2.0, order[s.element]))


def _per_plan(docs: list[DocResult], plans: Mapping[str, PlanEntry], ids: Sequence[str]) -> list[PlanScore]:
    out = []
    for pid in dict.fromkeys(d.plan for d in docs):
        mine = [d for d in docs if d.plan == pid]
        by_format = {d.format: _doc_accuracy([d], plans, ids) for d in mine}
        out.append(PlanScore(pid, plans[pid].split, _doc_accuracy(mine, plans, ids), by_format,
                             _docx_pdf(mine, ids).agreement))
    return out


def _docx_pdf(docs: list[DocResult], ids: Sequence[str]) -> FormatAgreement:
    by_plan: dict[str, dict[str, DocResult]] = {}
    for d in docs:
        by_plan.setdefault(d.plan, {})[d.format] = d
    a: list[str] = []
    b: list[str] = []
    n_plans = 0
    for formats in by_plan.values():
        if "docx" in formats and "pdf" in formats:
            n_plans += 1
            a.extend(formats["docx"].predicted[i] for i in ids)
            b.extend(formats["pdf"].predicted[i] for i in ids)
    agreed = sum(x == y for x, y in zip(a, b))
    return FormatAgreement(n_plans, len(a), agreed, accuracy(a, b), weighted_kappa(a, b) if a else None)


# ------------------------------------------------------------------------------------ running the audit


def evaluate_corpus(corpus: Corpus, *, classify: Classifier | None = None, rules: Any = None,
                    lang: str = "da", split: str = "all", formats: Sequence[str] | None = None,
                    workers: int = 1, progress: Callable[[DocResult], None] | None = None) -> Evaluation:
    """Audit every document of ``split`` once and collect its verdicts.

    ``classify`` maps a Document to a Report (or to ``{element id: status}``); by default it is
    :func:`concept_audit.audit.audit` with ``rules`` (a RuleSet, a path, or ``None`` for the bundled
    concept), loaded once. With ``workers`` > 1 documents are audited in that many processes (the
    classifier must then be picklable: a module-level function, not a lambda; otherwise the run is
    serial). ``formats`` selects document formats (``None``: those the manifest lists; see
    :meth:`Corpus.documents`). A document that cannot be read or audited is recorded with its error, not
    fatal: one broken extractor must not hide the figures for every other format.
    """
    if split not in (*SPLITS, "all"):
        raise ValueError(f"split must be dev, heldout or all, not {split!r}")
    unknown = [f for f in formats or () if f not in FORMATS]
    if unknown:
        raise ValueError(f"unknown format(s) {unknown}; use {', '.join(FORMATS)}")
    started = time.perf_counter()
    ruleset_info: dict[str, str] = {}
    if classify is None:
        from .ruleset import RuleSet, load_rules

        ruleset = rules if isinstance(rules, RuleSet) else load_rules(rules)
        ruleset_info = {"name": ruleset.name, "version": ruleset.version, "title": ruleset.title}
        classify = _AuditClassifier(ruleset, lang)
    jobs = [(plan.id, fmt, plan.split, str(corpus.path(plan, fmt)))
            for plan, fmt in corpus.documents(split, formats)]
    ids = list(corpus.element_ids)
    results: list[DocResult] = []

    def done(result: DocResult) -> None:
        results.append(result)
        if progress is not None:
            progress(result)

    if workers > 1 and len(jobs) > 1 and _picklable(classify):
        with ProcessPoolExecutor(max_workers=min(workers, len(jobs))) as pool:
            futures = [pool.submit(_run_one, job, classify, ids, lang) for job in jobs]
            for future in futures:
                done(future.result())
    else:
        for job in jobs:
            done(_run_one(job, classify, ids, lang))
    return Evaluation(corpus, split, results, ruleset_info, time.perf_counter() - started,
                      list(formats) if formats is not None else None)


def run_evaluation(root: str | Path, *, rules: Any = None, classify: Classifier | None = None,
                   lang: str = "da", split: str = "all", formats: Sequence[str] | None = None,
                   workers: int = 1, progress: Callable[[DocResult], None] | None = None) -> Evaluation:
    """Load the rule set and the corpus, then evaluate: what ``concept-audit evaluate`` runs.

    The rule set is loaded first so the corpus is validated against *its* element ids: a gold file
    lacking one of them is a corpus error named by file, not a confusing per-document failure later.
    With an injected ``classify`` the gold files' own ids are used.
    """
    element_ids = None
    if classify is None:
        from .ruleset import RuleSet, load_rules

        rules = rules if isinstance(rules, RuleSet) else load_rules(rules)
        element_ids = [e.id for e in rules.elements]
    corpus = load_corpus(root, element_ids)
    return evaluate_corpus(corpus, classify=classify, rules=rules, lang=lang, split=split, formats=formats,
                           workers=workers, progress=progress)


class _AuditClassifier:
    """The real audit with a rule set loaded once; a class (not a closure) so it pickles to workers."""

    def __init__(self, ruleset: Any, lang: str) -> None:
        self.ruleset = ruleset
        self.lang = lang

    def __call__(self, doc: Document) -> Report:
        from .audit import audit

        return audit(doc, rules=self.ruleset, lang=self.lang)


def _picklable(obj: Any) -> bool:
    try:
        pickle.dumps(obj)
    except Exception:
        return False
    return True


def _run_one(job: tuple[str, str, str, str], classify: Classifier, ids: Sequence[str], lang: str) -> DocResult:
    """Parse one file once, classify it once; errors are recorded on the result, never raised."""
    from .extract import load_document

    plan, fmt, split, path = job
    result = DocResult(plan, fmt, split)
    started = time.perf_counter()
    try:
        doc = load_document(path)
        result.words = doc.word_count()
        if doc.format != fmt:
            raise _DocError(f"filen er {doc.format}, ikke {fmt}", f"the file is {doc.format}, not {fmt}")
        prediction = classify(doc)
        if isinstance(prediction, Report):
            result.predicted = prediction.statuses()
            result.reasons = {v.id: v.reason for v in prediction.elements}
        else:
            result.predicted = dict(prediction)
        lacking = [i for i in ids if i not in result.predicted]
        if lacking:
            raise _DocError(f"ingen vurdering af {', '.join(lacking)}", f"no verdict on {', '.join(lacking)}")
        bad = sorted({s for i, s in result.predicted.items() if i in ids and s not in STATUSES})
        if bad:
            raise _DocError(f"ugyldig status {', '.join(map(repr, bad))}", f"invalid status {', '.join(map(repr, bad))}")
        result.predicted = {i: result.predicted[i] for i in ids}
    except ConceptAuditError as exc:
        result.error = exc.message(lang)
    except _DocError as exc:
        result.error = f"{path}: {exc.en if lang == 'en' else exc.da}"
    except Exception as exc:  # a bug in a check must not hide the figures for every other document
        result.error = f"{path}: {type(exc).__name__}: {exc}"[:300]
    if result.error is not None:
        result.predicted, result.reasons = {}, {}
    result.seconds = time.perf_counter() - started
    return result


class _DocError(Exception):
    def __init__(self, da: str, en: str) -> None:
        super().__init__(en)
        self.da = da
        self.en = en


# ================================================================================================ JSON


def evaluation_to_dict(evaluation: Evaluation, *, details: bool = False) -> dict[str, Any]:
    """The machine-readable result; mismatch details follow the same held-out rule as the table."""
    data: dict[str, Any] = {
        "schema": EVALUATION_SCHEMA,
        "corpus": str(evaluation.corpus.root),
        "ruleset": dict(evaluation.ruleset),
        "split": evaluation.split,
        "formats": evaluation.formats,
        "labels_order": list(STATUSES),
        "elements": list(evaluation.corpus.element_ids),
        "seconds": round(evaluation.seconds, 3),
        "documents": [{"plan": d.plan, "format": d.format, "split": d.split, "words": d.words,
                       "seconds": round(d.seconds, 3), "error": d.error} for d in evaluation.documents],
        "skipped": [p.text("en") for p in evaluation.corpus.skipped],
        "scores": {s: evaluation.scores(s).to_dict() for s in evaluation.splits()},
    }
    if details:
        shown, hidden = visible_mismatches(evaluation, evaluation.split)
        data["mismatches"] = [asdict(m) for m in shown]
        data["mismatches_withheld_heldout"] = hidden
    return data
