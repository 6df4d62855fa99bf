"""The facets check: what a covered element must show, and what a stated lack takes away."""

from __future__ import annotations

import pytest

from concept_audit.audit import audit
from tests.plan_builder import make_doc

FLOW = "organisering.sagsflow-og-registrering"
STEPS = [("li", "Medarbejderen drøfter bekymringen med sin leder og sender derefter henvendelsen til koordinatoren."),
         ("li", "Koordinatoren vurderer henvendelsen inden for to hverdage, og sagen går herefter videre til infohuset.")]
PRACTICE = ("Skolerne noterer henvendelsen i elevsystemet, og Familieafdelingen registrerer den i sit fagsystem "
            "samme dag.")


def test_a_registration_practice_with_the_steps_covers_the_case_flow() -> None:
    doc = make_doc(("h", 1, "Sagsflow og registrering"), *STEPS, ("p", PRACTICE))
    assert audit(doc).element(FLOW).status == "covered"


def test_a_stated_lack_takes_the_facets_it_names_out_of_its_paragraph() -> None:
    # the same sentence, now the example of a registration that is not the same from place to place
    lack = "Hvordan henvendelserne registreres, er i dag ikke ensartet. " + PRACTICE
    verdict = audit(make_doc(("h", 1, "Sagsflow og registrering"), *STEPS, ("p", lack))).element(FLOW)
    assert verdict.status == "weak"
    assert "registrering i et system" in verdict.lacking


def test_a_lack_in_another_paragraph_leaves_a_practice_standing() -> None:
    # a lack about something else, in a paragraph of its own, does not undo the practice
    doc = make_doc(("h", 1, "Sagsflow og registrering"), *STEPS, ("p", PRACTICE),
                   ("p", "Der er endnu ikke en fælles skabelon for referater fra infohusmøderne."))
    assert audit(doc).element(FLOW).status == "covered"


def test_a_lack_in_one_table_row_leaves_the_other_rows_standing() -> None:
    rows = [["Trin", "Hvad sker der", "Ansvarlig"],
            ["1", "Henvendelsen registreres i fagsystemet samme dag", "Koordinatoren"],
            ["2", "Sagen går derefter videre til infohuset, som vurderer den inden for fem hverdage", "Infohuset"],
            ["3", "Sagen afsluttes, når infohuset vurderer, at bekymringen er afklaret", "Infohuset"],
            ["4", "Den, der sendte henvendelsen, får besked; der er endnu ikke en fast frist for det", "Koordinatoren"]]
    doc = make_doc(("h", 1, "Sagsflow og registrering"), ("table", rows))
    assert audit(doc).element(FLOW).status == "covered"


COMMUNICATION = "organisering.kommunikation"


def test_the_generic_man_in_a_staff_folder_is_not_information_to_citizens() -> None:
    staff = [("h", 1, "Information til medarbejdere"),
             ("p", "Folderen til medarbejdere ligger på intranettet og opdateres hvert år af koordinatoren. "
                   "Den beskriver bekymringstegn, og hvem man kontakter.")]
    verdict = audit(make_doc(*staff)).element(COMMUNICATION)
    assert verdict.status == "weak"
    assert "information til borgerne" in verdict.lacking
    citizens = [*staff, ("h", 1, "Information til borgerne"),
                ("p", "Kommunens hjemmeside giver borgere og forældre information om, hvor de kan henvende sig. "
                      "Siden opdateres hvert år af koordinatoren.")]
    assert audit(make_doc(*citizens)).element(COMMUNICATION).status == "covered"


ROLES = "organisering.roller-og-ansvar"


def test_tasks_tied_to_functions_and_not_to_persons_need_no_named_deputy() -> None:
    rows = [["Funktion", "Opgaver"],
            ["Forebyggelseskoordinatoren", "Modtager bekymringer og er tovholder på infohusmøderne"],
            ["SSP-konsulenterne", "Står for de opbyggende forløb i skolerne"]]
    tasks = [("h", 1, "Roller og ansvar"), ("table", rows)]
    verdict = audit(make_doc(*tasks)).element(ROLES)
    assert verdict.status == "covered"  # the column says function: the rows are functions, not persons
    said = [("h", 1, "Roller og ansvar"),
            ("p", "Koordinatoren modtager bekymringer og er tovholder på infohusmøderne. SSP-konsulenterne står "
                  "for de opbyggende forløb i skolerne."),
            ("p", "Opgaverne er bevidst knyttet til funktioner og ikke til bestemte personer.")]
    assert audit(make_doc(*said)).element(ROLES).status == "covered"
    assert audit(make_doc(*said[:2])).element(ROLES).status == "weak"


# Caps (FacetsCheck.caps): a part the concept names, stated missing or still to come, keeps an element that is
# otherwise described at weak. Each case: the element, a description that covers it, the statement of lack
# (set under a heading of its own, so that it is not the share of intentions in one place that decides), and
# the part the verdict then names as lacking.
ORGANISATION = [
    ("h", 1, "Organisering"),
    ("p", "På det politiske niveau har byrådet vedtaget planen, og Børne- og Ungeudvalget følger arbejdet."),
    ("p", "På det strategiske niveau har styregruppen med direktøren for Børn og Unge ansvaret og mødes fire "
          "gange om året."),
    ("p", "På det udførende niveau er arbejdet organiseret omkring koordinatoren og SSP-konsulenterne, som "
          "deltager i infohuset sammen med politiet."),
    ("p", "Organiseringen omfatter også PSP-samarbejdet med psykiatrien og politiet for de voksne."),
]
CAPS = {
    "organisation diagram": (
        "organisering.organisering", ORGANISATION,
        "Der er endnu ikke udarbejdet et samlet organisationsdiagram for området.",
        "organisationsdiagram"),
    "organisation diagram, as an intention": (
        "organisering.organisering", ORGANISATION,
        "Et organisationsdiagram vil blive udarbejdet i løbet af 2026.",
        "organisationsdiagram"),
    "registration practice": (
        FLOW, [("h", 1, "Sagsflow og registrering"), *STEPS, ("p", PRACTICE)],
        "En fælles praksis for registrering på tværs af afdelingerne er endnu ikke fastlagt.",
        "fastlagt registreringspraksis"),
    "running the infohus": (
        "organisering.drift-af-infohus",
        [("h", 1, "Drift af infohuset"),
         ("p", "Koordinatoren i SSP-sekretariatet indkalder til infohusets møder hver anden uge, udsender "
               "dagsorden og skriver referat.")],
        "Hvem der har ansvaret for driften af infohuset på længere sigt, er endnu ikke afklaret.",
        "fast placeret driftsansvar"),
    "approval of the workflow": (
        "organisering.godkendte-arbejdsgange",
        [("h", 1, "Godkendte arbejdsgange"),
         ("p", "Arbejdsgangen for håndtering af bekymringshenvendelser er godkendt af styregruppen i marts 2024."),
         ("p", "Styregruppen godkender ændringer i arbejdsgangen, når den revideres hvert andet år.")],
        "Arbejdsgangen for bekymringshenvendelser om voksne er endnu ikke godkendt af direktionen.",
        "godkendelse af arbejdsgangen"),
    "tie to the general emergency plan": (
        "strategi.beredskabsorganisering",
        [("h", 1, "Beredskab ved akutte hændelser"),
         ("p", "Ved en akut hændelse indkalder kommunaldirektøren krisestaben, som træffer beslutning om kommunens "
               "handlinger over for borgere og medarbejdere."),
         ("p", "Krisestaben arbejder efter kommunens generelle beredskabsplan og koordinerer med politiets stab.")],
        "Kommunens beredskabsplan nævner endnu ikke ekstremisme og radikalisering.",
        "kobling til kommunens generelle beredskabsplan"),
    "how the actors are drawn in": (
        "organisering.snitflader",
        [("h", 1, "Snitflader til det opbyggende arbejde"),
         ("p", "Idrætsforeningerne og den boligsociale helhedsplan deltager fast i SSP-lokalgruppen, som mødes hver "
               "måned."),
         ("p", "Ungdomsuddannelserne har hver en fast kontaktperson i Ungeenheden.")],
        "Hvordan trossamfundene og kulturlivet skal inddrages, er endnu ikke afklaret.",
        "hvordan aktørerne inddrages"),
    "documentation practice": (
        "organisering.dokumentation",
        [("h", 1, "Dokumentation af sagerne"),
         ("p", "Koordinatoren skriver et notat i fagsystemet efter hvert møde i infohuset med vurderingen og de "
               "aftalte skridt, senest to hverdage efter mødet."),
         ("p", "Notatet journaliseres på borgerens sag, og lederen af Familieafdelingen godkender afslutningsnotatet.")],
        "Det skal afklares, hvordan udredningen dokumenteres, når den ikke fører til en sag.",
        "fastlagt dokumentationspraksis"),
    "training plan": (
        "organisering.opkvalificering-og-information",
        [("h", 1, "Opkvalificering"),
         ("p", "Nøglepersonerne på skolerne deltager hvert år i en temadag om radikalisering, som koordinatoren "
               "holder sammen med Nationalt Center for Forebyggelse af Ekstremisme."),
         ("p", "Nye medarbejdere i Familieafdelingen får et kursus i bekymringstegn i deres første halve år.")],
        "Der er endnu ingen samlet plan for opkvalificering af frontpersonalet.",
        "en plan for opkvalificering"),
    "follow-up procedure after police action": (
        "strategi.opfoelgning-paa-bekymringer",
        [("h", 1, "Efter politiets indsats"),
         ("p", "Efter en anholdelse eller ransagning orienterer forebyggelsesbetjenten koordinatoren senest næste "
               "hverdag."),
         ("p", "Koordinatoren indkalder herefter infohuset til et møde inden for fem hverdage, hvor det vurderes, "
               "om søskende eller kammerater skal tilbydes en samtale.")],
        ("Der er ikke en fast procedure for, hvordan kommunen følger op på de bekymringer, som politiets indsats "
         "kan give hos naboer og kolleger."),
        "en procedure for opfølgningen"),
    "information to citizens": (
        "organisering.kommunikation",
        [("h", 1, "Information"),
         ("p", "Kommunens hjemmeside har en side for borgere om radikalisering og om, hvordan man kontakter "
               "koordinatoren; SSP-sekretariatet opdaterer den hvert år."),
         ("p", "Medarbejderne finder vejledningen på intranettet, som koordinatoren opdaterer hvert halve år.")],
        "Der findes endnu ikke informationsmateriale til borgerne på andre sprog end dansk.",
        "information til borgerne"),
}
ELSEWHERE = ("h", 1, "Udviklingsområder")


@pytest.mark.parametrize("case", list(CAPS))
def test_a_part_stated_missing_caps_an_element_that_silence_on_it_leaves_covered(case: str) -> None:
    element, description, statement, part = CAPS[case]
    assert audit(make_doc(*description)).element(element).status == "covered"
    verdict = audit(make_doc(*description, ELSEWHERE, ("p", statement))).element(element)
    assert verdict.status == "weak"
    assert part in verdict.lacking and f"{part} mangler" in verdict.reason
    assert any(e.quote == statement for e in verdict.evidence)  # the statement is quoted for the reader


def test_a_lack_of_something_else_leaves_the_element_covered() -> None:
    element, description, _, _ = CAPS["organisation diagram"]
    doc = make_doc(*description, ELSEWHERE, ("p", "Der er endnu ikke en fælles skabelon for referater fra møderne."))
    assert audit(doc).element(element).status == "covered"


def test_a_lack_inherited_from_a_heading_does_not_cap() -> None:
    # "Det vi mangler" governs the sentence under it, but the sentence does not itself say the running is
    # unsettled: its own words name the running, the lack is the heading's
    element, description, _, _ = CAPS["running the infohus"]
    doc = make_doc(*description, ("h", 1, "Det vi mangler"),
                   ("p", "Driften af infohuset skal kobles til kommunens øvrige mødekalender."))
    assert audit(doc).element(element).status == "covered"


def test_a_capped_part_that_is_also_a_required_facet_is_named_lacking_once() -> None:
    # the emergency element requires the tie to the general plan and caps on its stated lack: both say the same
    doc = make_doc(("h", 1, "Beredskab"),
                   ("p", "Ved en akut hændelse indkalder kommunaldirektøren krisestaben."),
                   ("p", "Kommunens beredskabsplan nævner endnu ikke ekstremisme og radikalisering."))
    verdict = audit(doc).element("strategi.beredskabsorganisering")
    assert verdict.status == "weak"
    assert verdict.lacking.count("kobling til kommunens generelle beredskabsplan") == 1


def test_a_stated_lack_speaks_of_the_part_named_in_its_heading_or_the_sentence_before() -> None:
    element, description, _, part = CAPS["running the infohus"]
    under_heading = make_doc(*description, ("h", 1, "Drift af infohuset fremover"),
                             ("p", "Hvem der har ansvaret efter omorganiseringen, er ikke endeligt afklaret."))
    assert part in audit(under_heading).element(element).lacking
    before = make_doc(*description, ELSEWHERE,
                      ("p", "Driften af infohuset varetages i praksis af koordinatoren. Ansvaret er ikke formelt "
                            "placeret."))
    assert part in audit(before).element(element).lacking
    # the row before in a table is another statement, not the subject of this one
    row = make_doc(*description, ELSEWHERE,
                   ("table", [["Opgave", "Status"], ["Økonomi til drift af infohuset", "Fordelt 60/40"],
                              ["Politisk forankring", "Ikke afklaret"]]))
    assert audit(row).element(element).status == "covered"


def test_a_lack_with_a_subject_of_its_own_does_not_take_the_part_from_the_sentence_before() -> None:
    element, description, _, _ = CAPS["running the infohus"]
    doc = make_doc(*description, ELSEWHERE,
                   ("p", "Driften af infohuset varetages af koordinatoren. Hvordan beredskabsplanen skal bruges, "
                         "er endnu ikke beskrevet."))
    assert audit(doc).element(element).status == "covered"


def test_a_lack_after_men_is_of_what_follows_it_not_of_the_practice_before_it() -> None:
    # "X is done, but Y is not settled": the part before "men" is in place
    element, description, _, _ = CAPS["information to citizens"]
    but = make_doc(*description, ELSEWHERE,
                   ("p", "Hjemmesiden har information til borgerne, men der er endnu ikke et mål for, hvor mange "
                         "der skal bruge den."))
    assert audit(but).element(element).status == "covered"
    # a lack standing before "men" still names its part
    before = make_doc(*description, ELSEWHERE,
                      ("p", "Der findes endnu ikke information til borgerne på andre sprog, men den kommer i 2026."))
    assert audit(before).element(element).status == "weak"


def test_not_laid_down_is_a_lack_and_endeavouring_is_no_routine() -> None:
    element, description, _, part = CAPS["information to citizens"]
    doc = make_doc(*description, ELSEWHERE,
                   ("p", "Der er ikke fastsat, hvordan information til borgerne skal gives på andre sprog."))
    assert part in audit(doc).element(element).lacking
    feedback = "organisering.tilbageloeb-paa-sager"
    firm_text = ("Koordinatoren giver den, der har rejst bekymringen, en tilbagemelding senest fem hverdage efter "
                 "mødet i infohuset.")
    firm = make_doc(("h", 1, "Tilbagemelding"), ("p", firm_text))
    # an endeavour without a deadline is no routine (with one, the deadline is the routine: see the cue's unless)
    vague = make_doc(("h", 1, "Tilbagemelding"),
                     ("p", "Koordinatoren bestræber sig på at give den, der har rejst bekymringen, en tilbagemelding "
                           "efter mødet i infohuset, og skriver det i fagsystemet."))
    assert audit(firm).element(feedback).status == "covered"
    assert audit(vague).element(feedback).status == "weak"
