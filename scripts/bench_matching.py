"""Measure Danish term matching: the chosen strategy against simpler ones, on labelled forms and the corpus.

Why: the matcher decides what the audit sees. Danish compounds (bekymrings|henvendelser) and inflection
(henvendelserne) defeat exact matching; over-eager matching finds "hus" in rådhus and "politi" in
politisk. This script counts hits and false hits for:

* ``chosen``  – concept_audit.danish: a term's Snowball stem as a substring of the de-hyphenated token for
  stems of 5+ letters, whole word (+ inflectional ending) for shorter ones; rule-level ``exclude`` words.
* ``exact``   – the token equals the term (lower-cased).
* ``stem``    – Snowball stem of token equals stem of term.
* ``lemma``   – spacy-lookups-data's Danish lemma table (token → lemma equals term's lemma), only if the
  package is importable (it is not a runtime dependency).

    python scripts/bench_matching.py
"""

from __future__ import annotations

import gzip
import json
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import yaml  # noqa: E402

from concept_audit.danish import TokenizedText, compile_terms, key_of, stem, tokenize  # noqa: E402

# (term, exclude, text, should match). Compounds, inflections, spellings, and false hits.
LABELLED: list[tuple[str, list[str], str, bool]] = [
    ("henvendelse", [], "henvendelser", True),
    ("henvendelse", [], "henvendelserne", True),
    ("henvendelse", [], "bekymringshenvendelser", True),
    ("henvendelse", [], "bekymringshenvendelsen", True),
    ("henvendelse", [], "henvende", True),
    ("beredskab", [], "akutberedskabet", True),
    ("beredskab", [], "beredskabsplanen", True),
    ("beredskab", [], "beredskabets", True),
    ("infohus", [], "Info-huset", True),
    ("infohus", [], "InfoHus", True),
    ("infohus", [], "infohusmødet", True),
    ("infohus", [], "Info-husets", True),
    ("registrering", [], "registreringspraksis", True),
    ("registrering", [], "registreres", True),
    ("tilbagemelding", [], "tilbagemeldingen", True),
    ("opkvalificering", [], "opkvalificeringsforløb", True),
    ("samarbejdsaftale", [], "samarbejdsaftalen", True),
    ("evaluering", [], "evalueringsmøde", True),
    ("evaluering", [], "evalueres", True),
    ("politi", ["politisk", "politiker", "=politik"], "politiet", True),
    ("politi", ["politisk", "politiker", "=politik"], "politikredsen", True),
    ("politi", ["politisk", "politiker", "=politik"], "nærpolitiet", True),
    ("SSP", [], "SSP-samarbejdet", True),
    ("SSP", [], "SSP-koordinatoren", True),
    ("=leder", [], "lederen", True),
    ("=leder", [], "ledere", True),
    ("=mål", [], "målene", True),
    ("hus", [], "huset", True),
    # false hits: must not match
    ("hus", [], "rådhuset", False),
    ("hus", [], "husker", False),
    ("plan", [], "handlingsplanen", False),
    ("plan", [], "planlægger", False),
    ("politi", ["politisk", "politiker", "=politik"], "politisk", False),
    ("politi", ["politisk", "politiker", "=politik"], "politikerne", False),
    ("politi", ["politisk", "politiker", "=politik"], "socialpolitikken", False),
    ("=leder", [], "ledes", False),
    ("=leder", [], "afdelingsleder", False),
    ("=mål", [], "målrettede", False),
    ("=mål", [], "målgruppe", False),
    ("=team", [], "teamleder", False),
    ("presse*", ["presserende"], "presserende", False),
    ("beredskab", [], "beredt", False),
    ("henvendelse", [], "anvendelse", False),
]


def _plain(term: str) -> str:
    return key_of(term.strip("=*"))


def chosen(term: str, exclude: list[str]) -> Callable[[str], bool]:
    ts = compile_terms([term], exclude)
    return lambda text: ts.matches(TokenizedText.of(text))


def exact(term: str, exclude: list[str]) -> Callable[[str], bool]:
    t = _plain(term)
    return lambda text: any(key_of(tok) == t for tok in tokenize(text))


def stem_eq(term: str, exclude: list[str]) -> Callable[[str], bool]:
    s = stem(_plain(term))
    return lambda text: any(stem(key_of(tok)) == s for tok in tokenize(text))


def lemma_table() -> dict[str, str] | None:
    try:
        import spacy_lookups_data  # noqa: F401
    except ImportError:
        return None
    path = Path(spacy_lookups_data.__file__).parent / "data" / "da_lemma_lookup.json.gz"
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        return json.load(fh)


def lemma_eq(table: dict[str, str]) -> Callable[[str, list[str]], Callable[[str], bool]]:
    def build(term: str, exclude: list[str]) -> Callable[[str], bool]:
        t = _plain(term)
        lt = table.get(t, t)
        return lambda text: any(table.get(key_of(tok), key_of(tok)) == lt for tok in tokenize(text))
    return build


def score_labelled(strategies: dict[str, Callable]) -> None:
    positives = sum(1 for *_, ok in LABELLED if ok)
    negatives = len(LABELLED) - positives
    print(f"Labelled forms: {positives} that should match, {negatives} that should not\n")
    print(f"{'strategy':<10}{'hits':>8}{'missed':>8}{'false hits':>12}")
    for name, build in strategies.items():
        hit = miss = false = 0
        misses, falses = [], []
        for term, exclude, text, ok in LABELLED:
            got = build(term, exclude)(text)
            if ok and got:
                hit += 1
            elif ok:
                miss += 1
                misses.append(f"{term}→{text}")
            elif got:
                false += 1
                falses.append(f"{term}→{text}")
        print(f"{name:<10}{hit:>5}/{positives:<2}{miss:>8}{false:>12}")
        if misses:
            print(f"{'':<10}missed: {', '.join(misses)}")
        if falses:
            print(f"{'':<10}false:  {', '.join(falses)}")


def corpus_tokens() -> list[str]:
    manifest = yaml.safe_load((ROOT / "corpora" / "manifest.yaml").read_text(encoding="utf-8"))
    tokens: list[str] = []
    for plan in manifest["plans"]:
        if plan["split"] == "dev":  # never read held-out sources
            tokens += tokenize((ROOT / "corpora" / "src" / f"{plan['id']}.md").read_text(encoding="utf-8"))
    return tokens


PROBES = [("henvendelse", []), ("beredskab", []), ("infohus", []), ("registrering", []),
          ("evaluering", []), ("politi", ["politisk", "politiker", "=politik"]), ("hus", []), ("plan", []),
          ("=leder", []), ("tilbagemelding", [])]


def score_corpus(strategies: dict[str, Callable]) -> None:
    tokens = corpus_tokens()
    types = sorted({t for t in tokens})
    print(f"\nDev corpus: {len(tokens)} tokens, {len(types)} distinct forms. Distinct forms matched per term "
          "(the chosen strategy's extra forms over 'exact' listed for inspection):\n")
    print(f"{'term':<16}" + "".join(f"{n:>9}" for n in strategies))
    for term, exclude in PROBES:
        matched = {}
        for name, build in strategies.items():
            f = build(term, exclude)
            matched[name] = {t for t in types if f(t)}
        print(f"{term:<16}" + "".join(f"{len(matched[n]):>9}" for n in strategies))
        extra = sorted({key_of(t) for t in matched["chosen"] - matched["exact"]})
        if extra:
            print(f"{'':<16}chosen only: {', '.join(extra[:14])}{' …' if len(extra) > 14 else ''}")


def main() -> int:
    strategies: dict[str, Callable] = {"chosen": chosen, "exact": exact, "stem": stem_eq}
    table = lemma_table()
    if table is not None:
        strategies["lemma"] = lemma_eq(table)
        print(f"(spacy-lookups-data Danish lemma table: {len(table)} forms)\n")
    else:
        print("(spacy-lookups-data not installed: lemma strategy skipped)\n")
    score_labelled(strategies)
    score_corpus(strategies)
    # speed: matching every dev token against a 30-term set
    tokens = corpus_tokens()
    texts = [" ".join(tokens[i:i + 20]) for i in range(0, len(tokens), 20)]
    tok = [TokenizedText.of(t) for t in texts]
    terms = compile_terms([t for t, _ in PROBES] * 3)
    started = time.perf_counter()
    for t in tok:
        terms.find(t)
    print(f"\nchosen: {len(tok)} sentences × {len(terms.terms)} terms in {1000 * (time.perf_counter() - started):.0f} ms "
          "(memoised per token)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
