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


def test_intent_and_lack_are_recognised() -> None:
    found = cues_by_text(
        "En procedure for tilbagemelding vil blive udarbejdet.",
        "Kommunen har endnu ikke en fast procedure.",
        "Der er ingen fast stedfortræder.",
        "Organisationsdiagrammet forventes færdigt i 2026.",
        "Tovholderen giver tilbagemelding inden for ti hverdage.",
    )
    assert found["En procedure for tilbagemelding vil blive udarbejdet."] == "intent"
    assert found["Kommunen har endnu ikke en fast procedure."] == "lack"
    assert found["Der er ingen fast stedfortræder."] == "lack"
    assert found["Organisationsdiagrammet forventes færdigt i 2026."] == "intent"
    assert found["Tovholderen giver tilbagemelding inden for ti hverdage."] is None


def test_a_cue_governs_the_next_sentence_only_when_it_refers_back() -> None:
    found = cues_by_text("Akutberedskabet er endnu ikke skrevet ind i beredskabsplanen. Det gælder også "
                         "action cards. Direktøren leder akutgruppen, som mødes inden for to timer.")
    assert found["Det gælder også action cards."] == "lack"  # inherited from the sentence before
    assert found["Direktøren leder akutgruppen, som mødes inden for to timer."] is None


def test_a_routine_cancels_an_intent_cue() -> None:
    found = cues_by_text("Vejledningen skal opdateres.", "Vejledningen skal opdateres hvert år af SSP-lederen.")
    assert found["Vejledningen skal opdateres."] == "intent"
    assert found["Vejledningen skal opdateres hvert år af SSP-lederen."] is None


def test_dated_passives_placeholders_and_qualified_lacks() -> None:
    found = cues_by_text(
        "Registreringen afklares med Jura og Digitalisering i første halvår 2026.",
        "Afsnittet udarbejdes i 2026.",
        "Der er i dag ikke en fælles registreringspraksis.",
        "Vi vil lave en side på hjemmesiden.",
        "Handlingsplanen blev vedtaget i 2025.",               # done, not planned
        "Henvendelsen registreres i fagsystemet samme dag.",   # practice, not intent
        "Det gør ikke noget, om bekymringen viser sig at være ubegrundet.",
    )
    assert found["Registreringen afklares med Jura og Digitalisering i første halvår 2026."] == "intent"
    assert found["Afsnittet udarbejdes i 2026."] == "intent"
    assert found["Der er i dag ikke en fælles registreringspraksis."] == "lack"
    assert found["Vi vil lave en side på hjemmesiden."] == "intent"
    assert found["Handlingsplanen blev vedtaget i 2025."] is None
    assert found["Henvendelsen registreres i fagsystemet samme dag."] is None
    assert found["Det gør ikke noget, om bekymringen viser sig at være ubegrundet."] is None


def test_a_best_effort_is_vague_unless_a_routine_is_set() -> None:
    found = cues_by_text(
        "Den, der har henvendt sig, får så vidt muligt en tilbagemelding.",
        "Enheden tilstræber at give en tilbagemelding.",
        "Nøglepersoner kommer på kursus, når der er plads.",
        "Koordinatoren tilstræber at give tilbagemelding inden for fem hverdage.",
    )
    assert found["Den, der har henvendt sig, får så vidt muligt en tilbagemelding."] == "vague"
    assert found["Enheden tilstræber at give en tilbagemelding."] == "vague"
    assert found["Nøglepersoner kommer på kursus, når der er plads."] == "vague"
    assert found["Koordinatoren tilstræber at give tilbagemelding inden for fem hverdage."] is None


def test_ad_hoc_perfect_passive_lacks_and_wishes_with_a_partner() -> None:
    found = cues_by_text(
        "Opfølgningen sker fra gang til gang.",
        "Netværksmøder holdes ad hoc.",
        "Siden er ikke blevet opdateret siden 2020.",
        "Vi ønsker sammen med politiet at aftale en fast måde at følge op på.",
        "Borgere, der ønsker at tale med en rådgiver, kan ringe til Borgerservice.",  # a citizen's wish
        "Siden er blevet opdateret i marts.",
    )
    assert found["Opfølgningen sker fra gang til gang."] == "vague"
    assert found["Netværksmøder holdes ad hoc."] == "vague"
    assert found["Siden er ikke blevet opdateret siden 2020."] == "lack"
    assert found["Vi ønsker sammen med politiet at aftale en fast måde at følge op på."] == "intent"
    assert found["Borgere, der ønsker at tale med en rådgiver, kan ringe til Borgerservice."] is None
    assert found["Siden er blevet opdateret i marts."] is None


def test_a_negated_existence_is_a_lack() -> None:
    found = cues_by_text(
        "Der er i dag ingen side på hjemmesiden om ekstremisme.",
        "Kommunen har ingen særskilt information til borgerne.",
        "Ingen medarbejder skal stå alene med en bekymring.",  # a principle, not a lack
    )
    assert found["Der er i dag ingen side på hjemmesiden om ekstremisme."] == "lack"
    assert found["Kommunen har ingen særskilt information til borgerne."] == "lack"
    assert found["Ingen medarbejder skal stå alene med en bekymring."] is None


def test_no_longer_fit_is_a_lack_but_a_closing_condition_is_not() -> None:
    found = cues_by_text(
        "Aftalen er ikke længere tidssvarende.",
        "Beskrivelsen afspejler ikke længere den nuværende organisering.",
        "Sagen afsluttes, når infohuset vurderer, at bekymringen ikke længere er til stede.",
    )
    assert found["Aftalen er ikke længere tidssvarende."] == "lack"
    assert found["Beskrivelsen afspejler ikke længere den nuværende organisering."] == "lack"
    assert found["Sagen afsluttes, når infohuset vurderer, at bekymringen ikke længere er til stede."] is None


def test_words_of_intent_said_of_a_citizen_or_a_participant_are_not_the_plans_intent() -> None:
    found = cues_by_text(
        "Sekretariatet er ved at udarbejde en vejledning.",
        "Kontakt koordinatoren, hvis du er bekymret for, at en ung er ved at blive radikaliseret.",
        "Mødelederen inviterer ad hoc-deltagere til de punkter, hvor de er relevante.",
        "Ring 112, hvis en person planlægger en voldelig handling.",
        "Sagen kan ikke afvente et ordinært møde.",
    )
    assert found["Sekretariatet er ved at udarbejde en vejledning."] == "intent"
    assert found["Kontakt koordinatoren, hvis du er bekymret for, at en ung er ved at blive radikaliseret."] is None
    assert found["Mødelederen inviterer ad hoc-deltagere til de punkter, hvor de er relevante."] is None
    assert found["Ring 112, hvis en person planlægger en voldelig handling."] is None
    assert found["Sagen kan ikke afvente et ordinært møde."] is None


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
    found = cues_by_text(
        "Der er ikke udarbejdet en samlet plan for opkvalificering af nøglepersonerne.",
        "Visionen er ikke vedtaget af byrådet.",
        "Behovet for kurser er ikke kortlagt.",
        "Planen er udarbejdet af SSP-sekretariatet og vedtaget af byrådet.",
    )
    assert found["Der er ikke udarbejdet en samlet plan for opkvalificering af nøglepersonerne."] == "lack"
    assert found["Visionen er ikke vedtaget af byrådet."] == "lack"
    assert found["Behovet for kurser er ikke kortlagt."] == "lack"
    assert found["Planen er udarbejdet af SSP-sekretariatet og vedtaget af byrådet."] is None


def test_a_practice_that_differs_between_units_or_a_stated_need_is_a_lack() -> None:
    found = cues_by_text(
        "I dag registreres bekymringer forskelligt afhængigt af, hvilket center de kommer fra.",
        "Der er behov for en fælles registreringspraksis.",
        "Vi har i dag ikke én fælles måde at registrere henvendelser på.",
        "Koordinatoren registrerer alle henvendelser i fagsystemet samme dag.",
    )
    assert found["I dag registreres bekymringer forskelligt afhængigt af, hvilket center de kommer fra."] == "lack"
    assert found["Der er behov for en fælles registreringspraksis."] == "lack"
    assert found["Vi har i dag ikke én fælles måde at registrere henvendelser på."] == "lack"
    assert found["Koordinatoren registrerer alle henvendelser i fagsystemet samme dag."] is None


def test_an_account_of_how_the_plan_was_made_is_not_practice() -> None:
    found = cues_by_text(
        "Planen er blevet til i tæt dialog med politiet, skolerne og de boligsociale medarbejdere.",
        "Udarbejdet af Center for Børn og Familie i samarbejde med SSP-sekretariatet og politiet.",
        "Strategien er udarbejdet i samarbejde med Ungerådet og vedtaget af Byrådet i juni 2025.",
        "Foreningerne deltager i dialogmødet med SSP-koordinatoren to gange om året.",
    )
    assert found["Planen er blevet til i tæt dialog med politiet, skolerne og de boligsociale medarbejdere."] == "genesis"
    assert found["Udarbejdet af Center for Børn og Familie i samarbejde med SSP-sekretariatet og politiet."] == "genesis"
    # who adopted the plan is its political anchoring, not only its making
    assert found["Strategien er udarbejdet i samarbejde med Ungerådet og vedtaget af Byrådet i juni 2025."] is None
    assert found["Foreningerne deltager i dialogmødet med SSP-koordinatoren to gange om året."] is None


def test_an_interim_arrangement_is_not_a_settled_practice() -> None:
    found = cues_by_text(
        "Indtil da løses opgaven af Infohus-koordinatoren ved siden af øvrige opgaver.",
        "Den praktiske drift har hidtil været løst af SSP-koordinatoren.",
        "Sagsbehandlingen ligger som hidtil hos myndighedsrådgiverne.",
        "Koordinatoren indkalder til møderne og skriver referat.",
    )
    assert found["Indtil da løses opgaven af Infohus-koordinatoren ved siden af øvrige opgaver."] == "provisional"
    assert found["Den praktiske drift har hidtil været løst af SSP-koordinatoren."] == "provisional"
    assert found["Sagsbehandlingen ligger som hidtil hos myndighedsrådgiverne."] is None
    assert found["Koordinatoren indkalder til møderne og skriver referat."] is None
