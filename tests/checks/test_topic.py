"""The topic check: terms, and combined groups that must stand together (in a sentence or a clause)."""

from __future__ import annotations

from concept_audit.audit import audit
from tests.plan_builder import make_doc

DRIFT = "organisering.drift-af-infohus"


def test_running_the_infohus_must_be_said_of_the_infohus_in_one_clause() -> None:
    # the secretariat a function is placed in and its contact with the infohus stand in different cells
    row = [("h", 1, "Funktioner"),
           ("table", [["Funktion", "Placering", "Ansvar"],
                      ["Radikaliseringskontaktperson", "SSP-sekretariatet",
                       "Kommunens kontaktpunkt ved bekymring, kontakt til politiet og Infohuset"]])]
    assert audit(make_doc(*row)).element(DRIFT).status == "missing"
    # said of the infohus in one clause, the same words are its operation
    said = [("h", 1, "Infohuset"),
            ("p", "SSP-lederen indkalder til møderne i infohuset og fører referat hver gang.")]
    assert audit(make_doc(*said)).element(DRIFT).status == "covered"


def test_a_clause_ends_where_a_sentence_ends_inside_a_table_cell() -> None:
    # one cell, two sentences: the chair of one body and the infohus of another sentence are not its operation
    row = [("h", 1, "Ansvar"),
           ("table", [["Niveau", "Hvem", "Ansvar"],
                      ["Strategisk", "Direktøren",
                       "Er formand for SSP-styregruppen. Repræsenterer kommunen i styregruppen for Infohuset."]])]
    assert audit(make_doc(*row)).element(DRIFT).status == "missing"


FOLLOWUP = "organisering.opfoelgning-og-noegletal"


def test_a_case_taken_up_again_after_a_set_time_is_follow_up_of_reports() -> None:
    # a re-review of the single case, with no key figures: follow-up is touched on, not described
    doc = [("h", 1, "Arbejdsgang"),
           ("p", "Har infohuset aftalt en indsats, tages sagen op igen efter tre måneder.")]
    assert audit(make_doc(*doc)).element(FOLLOWUP).status == "weak"


FEEDBACK = "organisering.tilbageloeb-paa-sager"


def test_feedback_gathered_to_evaluate_an_activity_is_not_feedback_to_the_reporter() -> None:
    gathered = [("h", 1, "Evaluering"),
                ("p", "Tovholderne indsamler hvert efterår tilbagemeldinger fra deltagere og partnere, og "
                      "koordinatoren samler dem i en fast skabelon.")]
    assert audit(make_doc(*gathered)).element(FEEDBACK).status == "missing"
    given = [("h", 1, "Når sagen er vurderet"),
             ("p", "Koordinatoren giver inden for fem hverdage en tilbagemelding til den, der har henvendt sig.")]
    assert audit(make_doc(*given)).element(FEEDBACK).status == "covered"


APPROVED = "organisering.godkendte-arbejdsgange"


def test_a_handling_guide_is_a_workflow_whose_approval_can_be_stated() -> None:
    doc = [("h", 1, "Ved bekymring"),
           ("p", "Handleguiden ved bekymring for radikalisering blev godkendt i SSP-styregruppen den 3. april 2025 "
                 "og beskriver, hvordan skolerne håndterer bekymringshenvendelser.")]
    assert audit(make_doc(*doc)).element(APPROVED).status == "covered"


DERIVED = "strategi.opfoelgning-paa-bekymringer"


def test_according_to_the_police_is_not_after_the_police_acted() -> None:
    # Danish "efter" is both "after" and "according to": only the first is the follow-up the concept asks for
    according = [("h", 1, "Samarbejdet med politiet"),
                 ("p", "Alvorlige sager løftes til det regionale infohus efter politiets vurdering, og koordinatoren "
                       "deltager efter politiets anvisninger.")]
    assert audit(make_doc(*according)).element(DERIVED).status == "missing"
    after = [("h", 1, "Samarbejdet med politiet"),
             ("p", "Efter politiets ransagning kontakter koordinatoren familien inden for to hverdage.")]
    assert audit(make_doc(*after)).element(DERIVED).status != "missing"


def test_supporting_the_police_s_work_is_not_following_up_on_it() -> None:
    supporting = [("h", 1, "Akutte situationer"),
                  ("p", "Kommunens opgave er at understøtte politiets indsats med den viden, kommunen har.")]
    assert audit(make_doc(*supporting)).element(DERIVED).status == "missing"
    # nor when the sentence goes on to the people affected: the support is during the action, not after it
    during = [("h", 1, "Akutte situationer"),
              ("p", "Kommunen skal støtte op om politiets indsats og sørge for, at de berørte familier får hjælp.")]
    assert audit(make_doc(*during)).element(DERIVED).status == "missing"
    following = [("h", 1, "Akutte situationer"),
                 ("p", "Kommunen følger op på de bekymringer, som politiets indsats giver anledning til.")]
    assert audit(make_doc(*following)).element(DERIVED).status != "missing"


def test_running_the_police_districts_infohus_is_not_running_the_local_one() -> None:
    district = [("h", 1, "Arbejdsgangen"),
                ("p", "Bekymringer går via SSP-sekretariatet videre til Infohuset i politikredsen.")]
    assert audit(make_doc(*district)).element(DRIFT).status == "missing"
    local = [("h", 1, "Arbejdsgangen"),
             ("p", "SSP-sekretariatet indkalder til møderne i infohuset og skriver referat.")]
    assert audit(make_doc(*local)).element(DRIFT).status != "missing"


def test_the_number_of_reports_touches_on_follow_up_and_key_figures() -> None:
    counted = [("h", 1, "Baggrund"), ("p", "I 2024 modtog infohuset 17 henvendelser om mulig radikalisering.")]
    assert audit(make_doc(*counted)).element(FOLLOWUP).status == "weak"
    missed = [("h", 1, "Baggrund"),
              ("p", "Vi har ikke et overblik over, hvor mange henvendelser der kommer, og hvordan de ender.")]
    assert audit(make_doc(*missed)).element(FOLLOWUP).status == "weak"


def test_taking_part_in_the_infohus_cooperation_is_not_running_the_infohus() -> None:
    part = [("h", 1, "Centrale funktioner"),
            ("p", "Koordinatoren repræsenterer kommunen i infohussamarbejdet og står for tilbagemeldinger.")]
    assert audit(make_doc(*part)).element(DRIFT).status == "missing"


def test_belonging_elsewhere_is_not_hearing_back() -> None:
    # "hører hjemme i et andet spor" (belongs in another track) is no feedback to the one who raised it
    belongs = [("h", 1, "Arbejdsgang"),
               ("p", "Koordinatoren vurderer inden for to hverdage sammen med den, der har henvendt sig, om "
                     "bekymringen hører hjemme i et andet spor.")]
    assert audit(make_doc(*belongs)).element(FEEDBACK).status == "missing"
    hears = [("h", 1, "Arbejdsgang"),
             ("p", "Den, der har henvendt sig, hører fra koordinatoren inden for fem hverdage.")]
    assert audit(make_doc(*hears)).element(FEEDBACK).status != "missing"


SNITFLADER = "organisering.snitflader"


def test_cooperating_with_the_police_about_volunteers_is_not_drawing_the_volunteers_in() -> None:
    police = [("h", 1, "Samarbejde med politiet"),
              ("p", "For bekymringer om frivillige gælder en fast procedure for samarbejdet med politiet.")]
    assert audit(make_doc(*police)).element(SNITFLADER).status == "missing"
    drawn_in = [("h", 1, "Det opbyggende arbejde"),
                ("p", "De frivillige foreninger samarbejder fast med SSP om klubaftenerne.")]
    assert audit(make_doc(*drawn_in)).element(SNITFLADER).status != "missing"


def test_which_areas_and_actors_are_drawn_in_is_the_concept_s_own_question() -> None:
    # the sentence that presents the list of partners asks the concept's question, so the list continues it
    listed = [("h", 1, "4.3 Partnere"),
              ("p", "Disse områder og aktører inddrages i det opbyggende arbejde:"),
              ("li", "Idrætsforeningerne: Foreningskonsulenten holder møde med formændene hvert forår."),
              ("li", "Biblioteket: Har debataftener for unge om nyheder og kildekritik."),
              ("li", "Ungdomsuddannelserne: Studievejlederne kender kommunens ressourcepersoner."),
              ("li", "Boligselskabet: Den boligsociale medarbejder deltager fast i SSP-lokalgruppen.")]
    assert audit(make_doc(*listed)).element(SNITFLADER).status == "covered"
    # naming actors without saying they are drawn in is not the subject
    named = [("h", 1, "4.3 Partnere"), ("p", "Der er mange aktører i kommunen, som arbejder med unge.")]
    assert audit(make_doc(*named)).element(SNITFLADER).status == "missing"


def test_figures_made_up_for_a_management_body_are_management_information() -> None:
    element = "organisering.ledelsesinformation"
    figures = [("h", 1, "Opfølgning"),
               ("p", "Sekretariatet opgør hvert halve år disse nøgletal til direktionen:"),
               ("li", "antal bekymringshenvendelser fordelt på alder"),
               ("li", "antal sager, der er afsluttet uden videre indsats"),
               ("li", "antal mentorforløb")]
    assert audit(make_doc(*figures)).element(element).status == "covered"
    # figures for the plan's own readers are not put before anyone
    own = [("h", 1, "Opfølgning"), ("p", "Nøgletallene til planens baggrundsafsnit hentes fra Danmarks Statistik.")]
    assert audit(make_doc(*own)).element(element).status == "missing"


def test_the_pressure_is_not_the_press() -> None:
    pressure = [("h", 1, "Foregribende indsatser"),
                ("p", "Mentoren hjælper den unge med at håndtere presset fra vennerne online og afpresning.")]
    assert audit(make_doc(*pressure)).element("indsatser.kommunikation-og-koordinering").status == "missing"
