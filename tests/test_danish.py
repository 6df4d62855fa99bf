"""The Danish term matcher on the forms plans actually use: inflections, compounds, hyphenated and
spaced spellings, and the short words that must not match inside unrelated words."""

from __future__ import annotations

import pytest

from concept_audit.danish import TermError, TokenizedText, compile_term, compile_terms


def hits(term: str, text: str, exclude: list[str] | None = None) -> bool:
    return compile_terms([term], exclude).matches(TokenizedText.of(text))


@pytest.mark.parametrize("text", [
    "Vi modtog tre henvendelser i 2024.",              # plural
    "Henvendelserne registreres i fagsystemet.",      # plural definite
    "Alle bekymringshenvendelser går til tovholderen.",  # compound, term as tail
    "En henvendelse kan komme fra alle.",
])
def test_inflections_and_compounds_of_henvendelse(text: str) -> None:
    assert hits("henvendelse", text)


@pytest.mark.parametrize("text", [
    "Akutberedskabet træder sammen.",
    "Det følger beredskabsplanen.",
    "Kommunens beredskab er klar.",
])
def test_beredskab_inside_compounds(text: str) -> None:
    assert hits("beredskab", text)


@pytest.mark.parametrize("text", [
    "Sagen drøftes i Info-huset.", "InfoHus Nørreskov mødes hver uge.", "infohuset indkalder.",
    "Infohusmødet holdes månedligt.", "Info-husets tovholder.",
])
def test_infohus_spellings(text: str) -> None:
    assert hits("infohus", text)


def test_spaced_variant_matches_multiword_term() -> None:
    # "info hus" written apart is two tokens: a two-word term finds it, the one-word term does not
    assert hits("info hus", "Sagen tages op i info huset.")
    assert not hits("infohus", "Sagen tages op i info huset.")


@pytest.mark.parametrize("term,text", [
    ("hus", "Mødet holdes på rådhuset."),
    ("plan", "Handlingsplanen gælder til 2028."),
    ("=leder", "Familieafdelingen ledes af en afdelingsleder."),
    ("=mål", "Vi bruger målrettede tilbud."),
])
def test_short_terms_do_not_match_inside_words(term: str, text: str) -> None:
    assert not hits(term, text)


def test_short_terms_match_whole_words_and_hyphen_parts() -> None:
    assert hits("hus", "Det gule hus.")
    assert hits("plan", "En plan for året.")
    assert hits("SSP", "SSP-samarbejdet mødes.")
    assert hits("=leder", "Lederen af teamet.")


def test_exclude_stops_politi_in_politisk() -> None:
    assert hits("politi", "Politiet deltager.", ["politisk"])
    assert hits("politi", "Politikredsen deltager.", ["politisk"])
    assert not hits("politi", "Det politiske udvalg beslutter.", ["politisk"])


def test_prefix_and_multiword_terms() -> None:
    assert hits("akut*", "I akutte situationer ringes 112.")
    assert hits("følge op", "Styregruppen vil følge op hvert år.")
    assert not hits("følge op", "Styregruppen vil følge planen op.")


def test_regex_terms_and_errors() -> None:
    assert hits("re:\\binden for \\d+", "Svar inden for 3 hverdage.")
    with pytest.raises(TermError):
        compile_term("re:(unclosed")
    with pytest.raises(TermError):
        compile_term("   ")


def test_find_reports_each_term_once() -> None:
    terms = compile_terms(["henvendelse", "infohus"])
    assert terms.find(TokenizedText.of("Henvendelser til infohuset og flere henvendelser.")) == ["henvendelse", "infohus"]


def test_tail_exclusion_keeps_politikredsen() -> None:
    exclude = ["politisk", "politiker", "=politik"]
    assert hits("politi", "Politikredsen deltager.", exclude)
    assert not hits("politi", "Det følger socialpolitikken.", exclude)
    assert not hits("politi", "Byrådets politik.", exclude)


def test_definite_plural_of_short_terms() -> None:
    assert hits("=mål", "Målene følges op.")


@pytest.mark.parametrize("term, text", [
    ("evaluering", "Sagerne evalueres i Info-huset, når de afsluttes."),      # passive verb
    ("evaluering", "Koordinatoren evaluerer hvert forløb."),                  # present
    ("registrering", "Henvendelsen registreres samme dag."),
    ("håndtering", "Pressen håndteres af kommunikationschefen."),
    ("vurdering", "Teamet vurderer bekymringen inden for to hverdage."),
    ("evaluering", "Evalueringsmødet holdes i juni."),                        # the noun still matches
])
def test_ering_nouns_match_their_verbs(term: str, text: str) -> None:
    assert hits(term, text)



def test_phrase_modifiers_are_words_not_compound_heads() -> None:
    # the first word of a phrase may carry a compound part in front, never one behind
    assert hits("politiets indsats", "Efter politiets indsats følger vi op.")
    assert hits("politiets indsats", "Efter nærpolitiets indsats følger vi op.")
    assert not hits("politiets indsats", "Politiet har ansvaret for den politimæssige indsats.")
    # the last word still heads compounds
    assert hits("antal henvendelser", "Vi opgør antal bekymringshenvendelser hvert kvartal.")
