"""Danish-aware matching: tokens, compound-aware term keys, and the term matcher.

Danish glues words together (bekymrings|henvendelse, akut|beredskab|et) and inflects them
(henvendelse|rne), and plans spell names freely (Info-huset, InfoHus, infohuset). A term therefore
matches a token in one of three ways, chosen per term:

* **compound** (the default for terms whose stem has five letters or more): the term's Snowball stem is a
  substring of the token's key (lower-cased, hyphens removed). "henvendelse" → stem "henvend" matches
  bekymringshenvendelser and henvendelserne; "infohus" matches Info-huset and InfoHus.
* **word** (the default for shorter stems, or a term written ``=term``): the token, or one of its
  hyphen-separated parts, is the term plus an inflectional ending (lederen, ledere; not ledes). "SSP" matches
  SSP-samarbejdet but "hus" does not match rådhus and "plan" not handlingsplan.
* **prefix** (a term written ``term*``): the token key or one of its parts starts with the term: "akut*"
  matches akutte, akutberedskab.

Multi-word terms ("følge op", "fast procedure") match consecutive tokens; their words before the last
match as **tails** (the word, perhaps after a compound part, plus an ending: nærpolitiets for "politiets",
not politimæssige), because Danish compounds are right-headed. A term written ``re:...`` is a
regular expression over the sentence's lower-cased text. Snowball over-stems, which is harmless for
substring matching of long stems; where a long stem would also sit inside unrelated words
("politi" in politisk) a check lists ``exclude`` words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import Stemmer

COMPOUND_MIN_STEM = 5
"""Stems shorter than this match whole words (or hyphen parts) only: "hus", "plan", "ssp"."""

INFLECTION_ENDINGS = (
    "", "e", "en", "et", "er", "ere", "erne", "ernes", "ens", "ets", "es", "s", "ne", "nes", "n", "t",
    "r", "rne", "ede", "ende", "te", "de", "ning", "ningen", "ninger", "ene", "enes",
)

TAIL_ENDINGS = frozenset(INFLECTION_ENDINGS) | {
    "eres", "erer", "eret", "erede", "ing", "inger", "ingen", "else", "elsen", "elser", "elserne", "ets", "ens",
}
"""What may follow a stem at the end of a word: inflection, and the verb and noun endings Snowball strips
(inform|eres, henvend|elsen)."""

_TOKEN = re.compile(r"[0-9A-Za-zÀ-ÖØ-öø-ÿ]+(?:[-'’][0-9A-Za-zÀ-ÖØ-öø-ÿ]+)*")


@lru_cache(maxsize=1)
def _stemmer() -> Stemmer.Stemmer:
    return Stemmer.Stemmer("danish")


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    return _stemmer().stemWord(word)


NOMINAL_ERING = "ering"
"""Danish forms a noun from almost every ``-ere`` verb with ``-ering`` (evaluere → evaluering, registrere
→ registrering, håndtere → håndtering). Snowball leaves the noun whole, so its stem never sits inside
the verb's forms (evalueres, registrerer, håndteret): plans say "sagerne evalueres" as often as "der er
en evaluering". A term's compound key is therefore the verb root, which both share."""


def compound_key(norm: str) -> str:
    """The substring a compound-mode term looks for in a token key: its Snowball stem, or for an
    ``-ering`` noun the verb root (``evaluer``), which is inside the noun and the verb alike."""
    st = stem(norm)
    if st.endswith(NOMINAL_ERING) and len(st) - 3 >= COMPOUND_MIN_STEM + 1:
        return st[:-3]
    return st


def key_of(token: str) -> str:
    """The matching key of a token: lower case, hyphens and apostrophes removed (Info-huset → infohuset)."""
    return token.lower().replace("-", "").replace("'", "").replace("’", "")


def parts_of(token: str) -> tuple[str, ...]:
    """The hyphen-separated parts of a token, lower-cased (SSP-samarbejdet → ssp, samarbejdet)."""
    low = token.lower()
    if "-" not in low:
        return (low,)
    return tuple(p for p in low.split("-") if p)


def tokenize(text: str) -> list[str]:
    """Word tokens of a text. A regex, not spaCy, because it runs on every sentence and table cell and
    must treat hyphenated compounds as one token; spaCy's Danish tokenizer agrees on these forms."""
    return _TOKEN.findall(text)


@dataclass(frozen=True)
class WordPattern:
    """One word of a term, compiled."""

    norm: str
    stem: str
    mode: str  # "compound" | "word" | "prefix" | "tail"

    def matches_key(self, key: str, parts: tuple[str, ...]) -> bool:
        if self.mode == "compound":
            return self.stem in key
        if self.mode == "tail":
            # the word, possibly with compound parts before it, and nothing after it but an ending
            for candidate in (key, *parts):
                at = candidate.rfind(self.stem)
                if at >= 0 and candidate[at + len(self.stem):] in TAIL_ENDINGS:
                    return True
            return False
        if self.mode == "prefix":
            return key.startswith(self.norm) or any(p.startswith(self.norm) for p in parts)
        # word mode: the whole token or one hyphen part is the term plus an inflectional ending. Not stem
        # equality: Snowball gives "leder" (manager) and "ledes" (is led) the same stem.
        for candidate in (key, *parts):
            if candidate.startswith(self.norm) and candidate[len(self.norm):] in INFLECTION_ENDINGS:
                return True
        return False


@dataclass(frozen=True)
class Term:
    """A term as written in the rules, compiled to word patterns or a regular expression."""

    source: str
    words: tuple[WordPattern, ...] = ()
    regex: re.Pattern[str] | None = None

    @property
    def is_regex(self) -> bool:
        return self.regex is not None


class TermError(ValueError):
    """A term that cannot be compiled; the rule loader reports it with the rule and field."""


def compile_term(source: str) -> Term:
    text = source.strip()
    if not text:
        raise TermError("empty term")
    if text.startswith("re:"):
        try:
            return Term(source, regex=re.compile(text[3:].strip(), re.IGNORECASE))
        except re.error as exc:
            raise TermError(f"bad regular expression {text[3:]!r}: {exc}") from None
    words = []
    for raw in text.split():
        # Punctuation is not part of a token, so "den, der" means the words den + der.
        raw = raw.strip(",.;:!?()\"")
        if not raw:
            continue
        mode = None
        if raw.startswith("="):
            mode, raw = "word", raw[1:]
        if raw.endswith("*"):
            mode, raw = "prefix", raw[:-1]
        norm = key_of(raw)
        if not norm or not _TOKEN.fullmatch(raw.replace("*", "")):
            raise TermError(f"bad word {raw!r} in term {source!r}")
        st = compound_key(norm)
        if mode is None:
            mode = "compound" if len(st) >= COMPOUND_MIN_STEM else "word"
        words.append(WordPattern(norm=norm, stem=st, mode=mode))
    # Danish compounds are right-headed: in a phrase ("politiets indsats") the words before the last are
    # modifiers that stand as words of their own, perhaps with a compound part in front (nærpolitiets),
    # never with one behind (politimæssige is not politiets). Only the last word may head a compound.
    words[:-1] = [WordPattern(w.norm, w.stem, "tail") if w.mode == "compound" else w for w in words[:-1]]
    return Term(source, words=tuple(words))


@dataclass
class TokenizedText:
    """A sentence's tokens, ready for matching."""

    text: str
    lower: str
    keys: tuple[str, ...]
    parts: tuple[tuple[str, ...], ...]
    pairs: tuple[tuple[str, tuple[str, ...]], ...] = ()
    """(key, parts) per token: what term sets memoise their first-word hits on."""
    pairset: frozenset[tuple[str, tuple[str, ...]]] = frozenset()
    """The distinct pairs, so a term set can rule a sentence out with one set operation."""

    @classmethod
    def of(cls, text: str) -> TokenizedText:
        tokens = tokenize(text)
        keys = tuple(key_of(t) for t in tokens)
        parts = tuple(parts_of(t) for t in tokens)
        pairs = tuple(zip(keys, parts))
        return cls(text, text.lower(), keys, parts, pairs, frozenset(pairs))


class TermSet:
    """A list of terms with shared exclusions, matched against sentences.

    Word-level results are memoised per (word pattern, token key): a plan has a few thousand distinct
    tokens, and the same facet terms are asked about for every element.
    """

    def __init__(self, terms: list[Term], exclude: list[str] | None = None) -> None:
        self.terms = terms
        raw = [e.strip() for e in (exclude or []) if e.strip()]
        self.exclude = tuple(key_of(e) for e in raw if not e.startswith("="))
        """Excluded anywhere in a token: "politisk" keeps "politi" out of upolitisk."""
        self.exclude_tail = tuple(key_of(e[1:]) for e in raw if e.startswith("="))
        """Excluded only as the (inflected) end of a token: "=politik" keeps "politi" out of
        socialpolitikken but not out of politikredsen (politi|kreds, not politik|reds)."""
        self._cache: dict[tuple[WordPattern, str], bool] = {}
        self._starts_cache: dict[tuple[str, tuple[str, ...]], tuple[int, ...]] = {}
        self._seen: set[tuple[str, tuple[str, ...]]] = set()
        """The tokens decided so far, and of them those that start a word term: most sentences hold
        none of a term set's words, and two set operations say so faster than a look-up per token."""
        self._starters: set[tuple[str, tuple[str, ...]]] = set()
        self._regex_terms = tuple(i for i, t in enumerate(terms) if t.regex is not None)
        firsts = {x for t in terms if t.regex is None for x in (t.words[0].stem, t.words[0].norm) if x}
        self._first_screen = (re.compile("|".join(map(re.escape, sorted(firsts, key=len, reverse=True))))
                              if firsts else None)
        """Every way a term's first word can match a token needs its stem or its form inside the token's
        key: one search rules out the many tokens that hold none, before each term is asked."""
        joined = _union(terms[i].regex for i in self._regex_terms)
        self._regex_screens = ([joined] if joined is not None
                               else [terms[i].regex for i in self._regex_terms])
        """What says whether any regular-expression term can match: one joined search where the patterns
        can be joined, else each pattern (most texts match none)."""

    def _excluded(self, key: str) -> bool:
        if any(ex in key for ex in self.exclude):
            return True
        for ex in self.exclude_tail:
            at = key.rfind(ex)
            if at >= 0:
                rest = key[at + len(ex):]
                if rest in INFLECTION_ENDINGS or (rest[:1] == ex[-1:] and rest[1:] in INFLECTION_ENDINGS):
                    return True
        return False

    def __bool__(self) -> bool:
        return bool(self.terms)

    def _word_hit(self, word: WordPattern, key: str, parts: tuple[str, ...]) -> bool:
        cache_key = (word, key)
        hit = self._cache.get(cache_key)
        if hit is None:
            hit = word.matches_key(key, parts) and not self._excluded(key)
            self._cache[cache_key] = hit
        return hit

    def _starts(self, key: str, parts: tuple[str, ...]) -> tuple[int, ...]:
        """Indices of the word terms whose first word matches this token, memoised per distinct token.

        This inverts the loop: a plan has a few thousand distinct tokens, so each (term set, token) pair
        is decided once, and a sentence costs one dictionary look-up per token instead of one match per
        term and token.
        """
        cache_key = (key, parts)
        hit = self._starts_cache.get(cache_key)
        if hit is None:
            if self._first_screen is None or not self._first_screen.search(key) or self._excluded(key):
                hit = ()
            else:
                hit = tuple(i for i, term in enumerate(self.terms)
                            if term.regex is None and term.words[0].matches_key(key, parts))
            self._starts_cache[cache_key] = hit
            self._seen.add(cache_key)
            if hit:
                self._starters.add(cache_key)
        return hit

    def find(self, tok: TokenizedText) -> list[str]:
        """The terms (as written) that occur in the text, each once, in the order of the term list."""
        found: set[int] = set()
        pairset = tok.pairset
        if not pairset <= self._seen:
            for pair in pairset - self._seen:
                self._starts(*pair)
        regex_terms = self._regex_terms if self._may_match_regex(tok.lower) else ()
        if pairset.isdisjoint(self._starters):
            return [self.terms[ti].source for ti in regex_terms if self.terms[ti].regex.search(tok.lower)]
        keys, parts = tok.keys, tok.parts
        n_tokens = len(keys)
        cache = self._starts_cache
        for i, pair in enumerate(tok.pairs):
            starts = cache[pair]  # every token of the text was decided above
            if not starts:
                continue
            for ti in starts:
                if ti in found:
                    continue
                words = self.terms[ti].words
                n = len(words)
                if n == 1 or (i + n <= n_tokens and all(
                        self._word_hit(w, keys[i + j], parts[i + j]) for j, w in enumerate(words[1:], 1))):
                    found.add(ti)
        for ti in regex_terms:
            if self.terms[ti].regex.search(tok.lower):
                found.add(ti)
        return [self.terms[i].source for i in sorted(found)]

    def _may_match_regex(self, lower: str) -> bool:
        return any(rx.search(lower) for rx in self._regex_screens)

    def matches(self, tok: TokenizedText) -> bool:
        return bool(self.find(tok))

    def candidates(self, postings: dict[tuple[str, tuple[str, ...]], list[int]], lowers: list[str]) -> set[int]:
        """Indices of the texts that can hold a term, from a (key, parts) → text indices map of a whole
        document and its lower-cased texts (by index). Scanning a plan's few thousand distinct tokens once
        is cheaper than every token of every sentence; regular-expression terms are searched in the texts."""
        found: set[int] = set()
        cache = self._starts_cache
        for pair, indices in postings.items():
            starts = cache.get(pair)
            if starts is None:
                starts = self._starts(*pair)
            if starts:
                found.update(indices)
        if self._regex_terms:
            found.update(i for i, lower in enumerate(lowers) if self._may_match_regex(lower))
        return found


def _union(patterns) -> re.Pattern[str] | None:
    """The alternation of several patterns, or None where they cannot be joined (numbered back-references
    or group names would change meaning): then each pattern is searched on its own."""
    patterns = list(patterns)
    if len(patterns) < 2:
        return None
    if any(re.search(r"\\[1-9]|\(\?P|\(\?[aiLmsux-]+\)", p.pattern) for p in patterns):
        return None
    try:
        return re.compile("|".join(f"(?:{p.pattern})" for p in patterns), re.IGNORECASE)
    except re.error:
        return None


def compile_terms(sources: list[str], exclude: list[str] | None = None) -> TermSet:
    return TermSet([compile_term(s) for s in sources], exclude)
