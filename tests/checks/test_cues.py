"""Intent and lack cues: which passages they govern."""

from __future__ import annotations

from concept_audit.checks.cues import cue_of
from concept_audit.normalise import index_document
from concept_audit.ruleset import load_rules
from tests.plan_builder import make_doc


def cues_by_text(*paragraphs: str) -> dict[str, str | None]:
    rules = load_rules()
    check = next(e for e in rules.elements if "cues" in e.checks).checks["cues"]
    text = index_document(make_doc(*[("p", p) for p in paragraphs]))
    return {p.text: (cue_of(text, p, check.kinds) or (None,))[0] for p in text.passages}


def assert_cues(expected: dict[str, str | None]) -> None:
    """Each sentence, read as a paragraph of its own, has the cue kind given (None: no cue)."""
    found = cues_by_text(*expected)
    for sentence, kind in expected.items():
        assert found[sentence] == kind, sentence


def test_intent_and_lack_are_recognised() -> None:
    assert_cues({
        "En procedure for tilbagemelding vil blive udarbejdet.": "intent",
        "Kommunen har endnu ikke en fast procedure.": "lack",
        "Der er ingen fast stedfortræder.": "lack",
        "Organisationsdiagrammet forventes færdigt i 2026.": "intent",
        "Tovholderen giver tilbagemelding inden for ti hverdage.": None,
    })


def test_a_cue_governs_the_next_sentence_only_when_it_refers_back() -> None:
    found = cues_by_text("Akutberedskabet er endnu ikke skrevet ind i beredskabsplanen. Det gælder også "
                         "action cards. Direktøren leder akutgruppen, som mødes inden for to timer.")
    assert found["Det gælder også action cards."] == "lack"  # inherited from the sentence before
    assert found["Direktøren leder akutgruppen, som mødes inden for to timer."] is None


def test_a_routine_cancels_an_intent_cue() -> None:
    assert_cues({
        "Vejledningen skal opdateres.": "intent",
        "Vejledningen skal opdateres hvert år af SSP-lederen.": None,
    })


def test_dated_passives_placeholders_and_qualified_lacks() -> None:
    assert_cues({
        "Registreringen afklares med Jura og Digitalisering i første halvår 2026.": "intent",
        "Afsnittet udarbejdes i 2026.": "intent",
        "Der er i dag ikke en fælles registreringspraksis.": "lack",
        "Vi vil lave en side på hjemmesiden.": "intent",
        "Handlingsplanen blev vedtaget i 2025.": None,  # done, not planned
        "Henvendelsen registreres i fagsystemet samme dag.": None,  # practice, not intent
        "Det gør ikke noget, om bekymringen viser sig at være ubegrundet.": None,
    })


def test_a_best_effort_is_vague_unless_a_routine_is_set() -> None:
    assert_cues({
        "Den, der har henvendt sig, får så vidt muligt en tilbagemelding.": "vague",
        "Enheden tilstræber at give en tilbagemelding.": "vague",
        "Nøglepersoner kommer på kursus, når der er plads.": "vague",
        "Koordinatoren tilstræber at give tilbagemelding inden for fem hverdage.": None,
    })


def test_ad_hoc_perfect_passive_lacks_and_wishes_with_a_partner() -> None:
    assert_cues({
        "Opfølgningen sker fra gang til gang.": "vague",
        "Netværksmøder holdes ad hoc.": "vague",
        "Siden er ikke blevet opdateret siden 2020.": "lack",
        "Vi ønsker sammen med politiet at aftale en fast måde at følge op på.": "intent",
        "Borgere, der ønsker at tale med en rådgiver, kan ringe til Borgerservice.": None,  # a citizen's wish
        "Siden er blevet opdateret i marts.": None,
    })


def test_a_negated_existence_is_a_lack() -> None:
    assert_cues({
        "Der er i dag ingen side på hjemmesiden om ekstremisme.": "lack",
        "Kommunen har ingen særskilt information til borgerne.": "lack",
        "Ingen medarbejder skal stå alene med en bekymring.": None,  # a principle, not a lack
    })


def test_no_longer_fit_is_a_lack_but_a_closing_condition_is_not() -> None:
    assert_cues({
        "Aftalen er ikke længere tidssvarende.": "lack",
        "Beskrivelsen afspejler ikke længere den nuværende organisering.": "lack",
        "Sagen afsluttes, når infohuset vurderer, at bekymringen ikke længere er til stede.": None,
    })


def test_words_of_intent_said_of_a_citizen_or_a_participant_are_not_the_plans_intent() -> None:
    assert_cues({
        "Sekretariatet er ved at udarbejde en vejledning.": "intent",
        "Kontakt koordinatoren, hvis du er bekymret for, at en ung er ved at blive radikaliseret.": None,
        "Mødelederen inviterer ad hoc-deltagere til de punkter, hvor de er relevante.": None,
        "Ring 112, hvis en person planlægger en voldelig handling.": None,
        "Sagen kan ikke afvente et ordinært møde.": None,
    })


def test_a_heading_that_states_a_lack_governs_the_text_under_it() -> None:
    rules = load_rules()
    check = next(e for e in rules.elements if "cues" in e.checks).checks["cues"]
    text = index_document(make_doc(("h", 1, "Det, vi endnu mangler"),
                                   ("li", "En afklaring af ansvaret for den praktiske drift af infohuset."),
                                   ("h", 1, "Infohuset"),
                                   ("p", "Koordinatoren indkalder til møderne i infohuset.")))
    found = {p.text: cue_of(text, p, check.kinds) for p in text.passages}
    assert found["En afklaring af ansvaret for den praktiske drift af infohuset."][0] == "lack"
    assert found["Koordinatoren indkalder til møderne i infohuset."] is None


def test_a_negated_participle_of_making_or_adopting_is_a_lack() -> None:
    assert_cues({
        "Der er ikke udarbejdet en samlet plan for opkvalificering af nøglepersonerne.": "lack",
        "Visionen er ikke vedtaget af byrådet.": "lack",
        "Behovet for kurser er ikke kortlagt.": "lack",
        "Planen er udarbejdet af SSP-sekretariatet og vedtaget af byrådet.": None,
    })


def test_a_practice_that_differs_between_units_or_a_stated_need_is_a_lack() -> None:
    assert_cues({
        "I dag registreres bekymringer forskelligt afhængigt af, hvilket center de kommer fra.": "lack",
        "Der er behov for en fælles registreringspraksis.": "lack",
        "Vi har i dag ikke én fælles måde at registrere henvendelser på.": "lack",
        "Koordinatoren registrerer alle henvendelser i fagsystemet samme dag.": None,
    })


def test_an_account_of_how_the_plan_was_made_is_not_practice() -> None:
    assert_cues({
        "Planen er blevet til i tæt dialog med politiet, skolerne og de boligsociale medarbejdere.": "genesis",
        "Udarbejdet af Center for Børn og Familie i samarbejde med SSP-sekretariatet og politiet.": "genesis",
        # who adopted the plan is its political anchoring, not only its making
        "Strategien er udarbejdet i samarbejde med Ungerådet og vedtaget af Byrådet i juni 2025.": None,
        "Foreningerne deltager i dialogmødet med SSP-koordinatoren to gange om året.": None,
    })


def test_an_interim_arrangement_is_not_a_settled_practice() -> None:
    assert_cues({
        "Indtil da løses opgaven af Infohus-koordinatoren ved siden af øvrige opgaver.": "provisional",
        "Den praktiske drift har hidtil været løst af SSP-koordinatoren.": "provisional",
        "Sagsbehandlingen ligger som hidtil hos myndighedsrådgiverne.": None,
        "Koordinatoren indkalder til møderne og skriver referat.": None,
        # what has de facto lain with someone is not a placed task; "in practice" as "that is" is no cue
        "Referaterne har i praksis ligget hos politiets forebyggelsesmedarbejder.": "provisional",
        "Mødeledelsen varetages i praksis af SSP-lederen.": "provisional",
        "Koordinatoren har ansvaret for møderne, hvilket i praksis vil sige indkaldelse og dagsorden.": None,
    })


def test_a_lack_qualified_by_an_adverb_or_by_today_is_still_a_lack() -> None:
    assert_cues({
        "Hvem der fremover har ansvaret, er ikke endeligt afklaret.": "lack",
        "Opgaven er aldrig formelt placeret.": "lack",
        "Der er ikke i dag en fast aftale om møderne.": "lack",
        "Koordinatoren er formelt ansvarlig for møderne.": None,
    })
