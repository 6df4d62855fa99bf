"""The facets check: what a covered element must show, and what a stated lack takes away."""

from __future__ import annotations

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


ORGANISATION = "organisering.organisering"
ORG = [("h", 1, "Organisering"),
       ("p", "På det politiske niveau har byrådet vedtaget planen, og Børne- og Ungeudvalget følger arbejdet."),
       ("p", "På det strategiske niveau har styregruppen med direktøren for Børn og Unge ansvaret og mødes fire "
             "gange om året."),
       ("p", "På det udførende niveau er arbejdet organiseret omkring koordinatoren og SSP-konsulenterne, som "
             "deltager i infohuset sammen med politiet."),
       ("p", "Organiseringen omfatter også PSP-samarbejdet med psykiatrien og politiet for de voksne.")]


def test_a_stated_lack_of_the_organisation_diagram_caps_the_organisation_at_weak() -> None:
    assert audit(make_doc(*ORG)).element(ORGANISATION).status == "covered"  # silence on the diagram is no lack
    for statement in ("Der er endnu ikke udarbejdet et samlet organisationsdiagram for området.",
                      "Et organisationsdiagram vil blive udarbejdet i løbet af 2026."):
        verdict = audit(make_doc(*ORG, ("p", statement))).element(ORGANISATION)
        assert verdict.status == "weak", statement
        assert "organisationsdiagram" in verdict.lacking and "organisationsdiagram mangler" in verdict.reason


def test_a_lack_of_something_else_leaves_the_organisation_covered() -> None:
    doc = make_doc(*ORG, ("p", "Der er endnu ikke en fælles skabelon for referater fra møderne."))
    assert audit(doc).element(ORGANISATION).status == "covered"


def test_a_registration_practice_stated_unsettled_caps_the_case_flow_at_weak() -> None:
    doc = make_doc(("h", 1, "Sagsflow og registrering"), *STEPS, ("p", PRACTICE),
                   ("p", "En fælles praksis for registrering på tværs af afdelingerne er endnu ikke fastlagt."))
    verdict = audit(doc).element(FLOW)
    assert verdict.status == "weak"
    assert "fastlagt registreringspraksis" in verdict.lacking


DRIFT = "organisering.drift-af-infohus"
RUNNING = [("h", 1, "Drift af infohuset"),
           ("p", "Koordinatoren i SSP-sekretariatet indkalder til infohusets møder hver anden uge, udsender "
                 "dagsorden og skriver referat.")]


def test_running_the_infohus_stated_not_placed_caps_it_at_weak() -> None:
    assert audit(make_doc(*RUNNING)).element(DRIFT).status == "covered"
    unsettled = ("p", "Hvem der har ansvaret for driften på længere sigt, er endnu ikke afklaret.")
    assert audit(make_doc(*RUNNING, unsettled)).element(DRIFT).status == "weak"


def test_a_lack_inherited_from_a_heading_does_not_cap() -> None:
    # "Det vi mangler" governs the sentence under it, but the sentence does not itself say the running is
    # unsettled: its own words name the running, the lack is the heading's
    doc = make_doc(*RUNNING, ("h", 1, "Det vi mangler"),
                   ("p", "Driften af infohuset skal kobles til kommunens øvrige mødekalender."))
    assert audit(doc).element(DRIFT).status == "covered"


APPROVED = "organisering.godkendte-arbejdsgange"
WORKFLOW = [("h", 1, "Godkendte arbejdsgange"),
            ("p", "Arbejdsgangen for håndtering af bekymringshenvendelser er godkendt af styregruppen i marts 2024."),
            ("p", "Styregruppen godkender ændringer i arbejdsgangen, når den revideres hvert andet år.")]


def test_a_workflow_stated_not_yet_approved_is_weak() -> None:
    assert audit(make_doc(*WORKFLOW)).element(APPROVED).status == "covered"
    # stated elsewhere in the plan, so that it is not the share of intentions in one place that decides
    pending = [("h", 1, "Voksenområdet"),
               ("p", "Arbejdsgangen for bekymringshenvendelser om voksne er endnu ikke godkendt af direktionen.")]
    assert audit(make_doc(*WORKFLOW, *pending)).element(APPROVED).status == "weak"


EMERGENCY = "strategi.beredskabsorganisering"
ACUTE = [("h", 1, "Beredskab ved akutte hændelser"),
         ("p", "Ved en akut hændelse indkalder kommunaldirektøren krisestaben, som træffer beslutning om kommunens "
               "handlinger over for borgere og medarbejdere."),
         ("p", "Krisestaben arbejder efter kommunens generelle beredskabsplan og koordinerer med politiets stab.")]


def test_an_emergency_plan_that_does_not_yet_mention_extremism_caps_the_emergency_organisation() -> None:
    assert audit(make_doc(*ACUTE)).element(EMERGENCY).status == "covered"
    doc = make_doc(*ACUTE, ("h", 1, "Udviklingsområder"),
                   ("p", "Kommunens beredskabsplan nævner endnu ikke ekstremisme og radikalisering."))
    verdict = audit(doc).element(EMERGENCY)
    assert verdict.status == "weak" and "kobling til kommunens generelle beredskabsplan" in verdict.lacking


INTERFACES = "organisering.snitflader"
ACTORS = [("h", 1, "Snitflader til det opbyggende arbejde"),
          ("p", "Idrætsforeningerne og den boligsociale helhedsplan deltager fast i SSP-lokalgruppen, som mødes hver "
                "måned."),
          ("p", "Ungdomsuddannelserne har hver en fast kontaktperson i Ungeenheden.")]


def test_actors_whose_involvement_is_stated_unsettled_cover_the_interfaces_weakly() -> None:
    assert audit(make_doc(*ACTORS)).element(INTERFACES).status == "covered"
    doc = make_doc(*ACTORS, ("h", 1, "Udviklingsområder"),
                   ("p", "Hvordan trossamfundene og kulturlivet skal inddrages, er endnu ikke afklaret."))
    assert audit(doc).element(INTERFACES).status == "weak"


DOCUMENTATION = "organisering.dokumentation"
RECORDS = [("h", 1, "Dokumentation af sagerne"),
           ("p", "Koordinatoren skriver et notat i fagsystemet efter hvert møde i infohuset med vurderingen og de "
                 "aftalte skridt, senest to hverdage efter mødet."),
           ("p", "Notatet journaliseres på borgerens sag, og lederen af Familieafdelingen godkender afslutningsnotatet.")]


def test_documentation_stated_unsettled_elsewhere_caps_it_at_weak() -> None:
    assert audit(make_doc(*RECORDS)).element(DOCUMENTATION).status == "covered"
    doc = make_doc(*RECORDS, ("h", 1, "Udviklingsområder"),
                   ("p", "Det skal afklares, hvordan udredningen dokumenteres, når den ikke fører til en sag."))
    assert audit(doc).element(DOCUMENTATION).status == "weak"


TRAINING = "organisering.opkvalificering-og-information"
COURSES = [("h", 1, "Opkvalificering"),
           ("p", "Nøglepersonerne på skolerne deltager hvert år i en temadag om radikalisering, som koordinatoren "
                 "holder sammen med Nationalt Center for Forebyggelse af Ekstremisme."),
           ("p", "Nye medarbejdere i Familieafdelingen får et kursus i bekymringstegn i deres første halve år.")]


def test_training_without_the_plan_the_municipality_says_it_lacks_is_weak() -> None:
    assert audit(make_doc(*COURSES)).element(TRAINING).status == "covered"
    doc = make_doc(*COURSES, ("h", 1, "Udviklingsområder"),
                   ("p", "Der er endnu ingen samlet plan for opkvalificering af frontpersonalet."))
    assert audit(doc).element(TRAINING).status == "weak"
