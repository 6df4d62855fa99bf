"""Verdicts follow the rubric: substance covers, intent/lack/passing mention is weak, a name is missing."""

from __future__ import annotations

from concept_audit.audit import audit
from tests.plan_builder import make_doc

BEREDSKAB = "strategi.beredskabsorganisering"
SUBSTANCE = [
    ("h", 2, "Beredskabsorganisering"),
    ("p", "I en akut situation indkalder direktøren for Børn og Unge akutgruppen inden for to timer."),
    ("p", "Akutgruppen er en del af kommunens generelle beredskabsplan, og direktøren kan aktivere krisestaben."),
    ("p", "Akutgruppen består af SSP-lederen, en socialrådgiver og politiets kontaktperson."),
]


def status(*items: tuple, element: str = BEREDSKAB) -> str:
    return audit(make_doc(*items)).element(element).status


def test_substantive_section_is_covered_with_evidence() -> None:
    verdict = audit(make_doc(("h", 1, "Strategi"), *SUBSTANCE)).element(BEREDSKAB)
    assert verdict.status == "covered"
    assert verdict.evidence and all(e.section and e.block >= 0 for e in verdict.evidence)
    assert not verdict.lacking and verdict.help_questions == []


def test_only_an_intention_is_weak() -> None:
    assert status(("h", 2, "Beredskab"),
                  ("p", "Et akutberedskab vil blive etableret i 2026, og det forventes koblet til "
                        "kommunens generelle beredskabsplan.")) == "weak"


def test_a_stated_lack_is_weak_and_reported() -> None:
    verdict = audit(make_doc(("h", 2, "Beredskab"),
                             ("p", "Kommunen har endnu ikke et særskilt beredskab for ekstremisme."),
                             ("p", "Det er ikke afklaret, hvordan akutte sager kobles til beredskabsplanen."))).element(BEREDSKAB)
    assert verdict.status == "weak"
    assert verdict.details.get("cues") and verdict.help_questions


def test_a_lack_elsewhere_does_not_undo_a_substantive_section() -> None:
    doc = [("h", 1, "Strategi"), *SUBSTANCE, ("h", 1, "Udviklingsområder"),
           ("p", "Vi har endnu ikke action cards for akutte situationer i dagtilbud.")]
    assert status(*doc) == "covered"


def test_passing_mention_without_who_or_how_is_weak() -> None:
    assert status(("h", 1, "Strategi"),
                  ("p", "Akutte situationer håndteres i samarbejde med relevante parter."),
                  ("p", "Ved akutte sager handler kommunen hurtigt.")) == "weak"


def test_name_in_a_keyword_list_or_contents_is_missing() -> None:
    doc = [("h", 1, "Indhold"), ("li", "Beredskabsorganisering"), ("h", 1, "Indledning"),
           ("p", "Planen omfatter emnerne vision, beredskab, roller og ansvar, evaluering, dokumentation og "
                 "samarbejde med politiet."),
           ("p", "Kommunen arbejder med trivsel i skolerne.")]
    verdict = audit(make_doc(*doc)).element(BEREDSKAB)
    assert verdict.status == "missing"


def test_nothing_at_all_is_missing() -> None:
    assert status(("p", "Kommunen arbejder med trivsel i skolerne.")) == "missing"


POLITI = "strategi.samarbejde-med-politiet"


def test_facets_far_from_the_topic_do_not_cover() -> None:
    # a mention of the police, and a responsible/procedure sentence about something else three
    # paragraphs later under the same (unrelated) heading: the facets are not about the police
    doc = [("h", 1, "Tryghed i kommunen"),
           ("p", "Kommunen har et godt samarbejde med politiet."),
           ("p", "Skolerne arbejder med trivsel."),
           ("p", "Elevrådet mødes i frikvarteret."),
           ("p", "Skolelederen er ansvarlig for trivselsplanen, som revideres efter en fast procedure.")]
    # the vague sentence about the police is a passing mention (weak), never a description (covered)
    assert status(*doc, element=POLITI) == "weak"


def test_facets_are_not_pooled_from_scattered_mentions_under_one_heading() -> None:
    # two passing mentions far apart, each with half of what is asked: not one description
    doc = [("h", 1, "Tryghed i kommunen"),
           ("p", "Politiet deltager i skolernes trivselsdag, og skolelederen er ansvarlig for dagen."),
           ("p", "Skolerne arbejder med trivsel."),
           ("p", "Elevrådet mødes i frikvarteret."),
           ("p", "Klubberne holder åbent om aftenen."),
           ("p", "Politiet holder oplæg for forældre efter en fast procedure.")]
    assert status(*doc, element=POLITI) == "weak"


def test_facets_in_the_topic_paragraph_cover() -> None:
    doc = [("h", 1, "Tryghed i kommunen"),
           ("p", "Kommunen har et fast samarbejde med politiet. SSP-koordinatoren kontakter politiets "
                 "forebyggelseskonsulent inden for to dage, når en sag er akut, og er ansvarlig for opfølgningen.")]
    assert status(*doc, element=POLITI) == "covered"


def test_a_heading_naming_several_elements_does_not_vouch_for_its_content() -> None:
    # "Infohus" names both the infohus' organisation and its operation; who runs it must be said where
    # the infohus is spoken of, not inferred from another sentence in the section
    doc = [("h", 1, "Infohus"),
           ("p", "Infohuset mødes hver måned."),
           ("p", "Skolerne arbejder med trivsel."),
           ("p", "Elevrådet har et sekretariat, og formanden er ansvarlig for dagsordenen.")]
    assert status(*doc, element="organisering.drift-af-infohus") != "covered"
    doc[3] = ("p", "Infohusets sekretariat ligger i SSP-enheden, og SSP-koordinatoren indkalder til møderne "
                   "og er ansvarlig for dagsordenen.")
    assert status(*doc, element="organisering.drift-af-infohus") == "covered"


def test_a_reading_guide_naming_many_topics_is_not_content() -> None:
    # long clauses, so not a run of short phrases, but it names the topics of most of the plan
    guide = ("I planen kan du læse om, hvem der har ansvaret politisk og i forvaltningen, hvordan vi følger op "
             "på og evaluerer indsatserne, hvad der sker i en akut situation, hvordan vi samarbejder med politiet, "
             "hvordan infohuset er bygget op, hvordan en bekymringshenvendelse bliver registreret og dokumenteret, "
             "hvilke nøgletal vi følger, hvordan vi opkvalificerer medarbejderne, og hvordan vi informerer "
             "borgere og pressen.")
    report = audit(make_doc(("h", 1, "Indledning"), ("p", guide)))
    assert report.element("indsatser.kommunikation-og-koordinering").status == "missing"
    assert report.element(POLITI).status == "missing"


def test_a_responsibility_table_touching_many_elements_is_content() -> None:
    # a row whose cells describe in several sentences names the topics of many elements (organisation,
    # follow-up, approval, roles) because it is rich, not because it is an overview of the plan
    doc = [("h", 1, "Ansvar"), ("h", 2, "Ledelsesansvar"),
           ("p", "Ansvaret er placeret på tre niveauer:"),
           ("table", [["Niveau", "Hvem", "Ansvar"],
                      ["Politisk", "Byrådet og udvalget", "Byrådet vedtager handlingsplanen. Udvalget er ansvarligt "
                       "fagudvalg, godkender indsatserne og modtager årlig status."],
                      ["Strategisk", "Direktøren og styregruppen", "Direktøren er formand for styregruppen. "
                       "Styregruppen prioriterer ressourcer, godkender arbejdsgange, følger op på indsatserne "
                       "og organiserer samarbejdet med infohuset."],
                      ["Udførende", "SSP-lederen og koordinatoren", "SSP-lederen har det daglige ansvar. "
                       "Koordinatoren driver infohuset."]])]
    assert status(*doc, element="strategi.roller-og-ansvar") == "covered"


def test_one_passing_mention_under_another_heading_is_weak() -> None:
    # the rubric: a passing mention is weak; only names in lists or contents are missing
    doc = [("h", 1, "Samarbejde"), ("p", "Kommunen samarbejder med skolerne om trivsel."),
           ("p", "Ved en akut hændelse handler vi hurtigt."), ("p", "Skolerne arbejder med demokrati.")]
    assert status(*doc) == "weak"
    assert status(("h", 1, "Samarbejde"), ("p", "Kommunen samarbejder med skolerne om trivsel.")) == "missing"


def test_police_routine_without_the_acute_path_is_only_part_of_what_is_asked() -> None:
    # the concept asks for the procedure with the police "også om akutte indsatser"
    routine = [("h", 1, "Samarbejdet med politiet"),
               ("p", "SSP-koordinatoren og politiets forebyggelsesbetjent mødes fast hver måned."),
               ("p", "Koordinatoren er ansvarlig for dagsordenen, og sager vurderes i fællesskab.")]
    assert status(*routine, element=POLITI) == "weak"
    acute = [*routine, ("p", "I akutte sager kontakter politiets vagtchef den døgnvagthavende socialrådgiver, "
                             "som orienterer koordinatoren samme dag.")]
    assert status(*acute, element=POLITI) == "covered"


def test_a_parent_section_of_intentions_does_not_cover_through_its_subsections() -> None:
    # the topic sentences stand in the sub-sections; the parent, named for the element, holds the same
    # passages and must weigh their intentions as the sub-sections do
    element = "organisering.opkvalificering-og-information"
    doc = [("h", 2, "Ressourcer og kompetencer"),
           ("h", 3, "Opkvalificering af nøglepersoner"),
           ("p", "Nøglepersoner skal løbende opkvalificeres."),
           ("p", "Behovet for kurser vil blive afdækket i 2026."),
           ("h", 3, "Information til frontpersonale"),
           ("p", "Der forventes udarbejdet en pjece til medarbejderne."),
           ("p", "Indtil pjecen foreligger, kan medarbejdere kontakte SSP-koordinatoren.")]
    assert status(*doc, element=element) == "weak"


KOMMUNIKATION = "organisering.kommunikation"


def test_information_to_citizens_and_staff_may_stand_in_two_sections() -> None:
    # the template splits the element (3.2.1 citizens, 2.2.2 staff): each part described is the whole
    doc = [("h", 2, "Information til borgerne"),
           ("p", "Kommunens hjemmeside har en side om bekymring for radikalisering, hvor borgere kan se, hvem de kan kontakte."),
           ("p", "Kommunikationsafdelingen opdaterer siden hvert år i januar."),
           ("h", 2, "Information til medarbejdere"),
           ("p", "Alle medarbejdere finder planen og telefonlisten på intranettet."),
           ("p", "SSP-koordinatoren opdaterer intranetsiden hvert halve år og orienterer på personalemøder.")]
    assert status(*doc, element=KOMMUNIKATION) == "covered"


def test_a_part_the_plan_says_it_lacks_is_not_made_up_from_elsewhere() -> None:
    # staff information is described; the plan says citizens have no page, and a school's contact line
    # for parents elsewhere does not stand in for the information to citizens it lacks
    staff = [("h", 2, "Information til medarbejdere"),
             ("p", "Alle medarbejdere finder planen og telefonlisten på intranettet."),
             ("p", "SSP-koordinatoren opdaterer intranetsiden hvert halve år og orienterer på personalemøder.")]
    school = [("h", 2, "Skolerne"),
              ("p", "Forældre kan henvende sig til skolens SSP-kontaktperson, som står på skolens hjemmeside."),
              ("p", "Skolelederen opdaterer hjemmesiden hvert år i august.")]
    assert status(*staff, *school, element=KOMMUNIKATION) == "covered"
    lack = [("h", 2, "Information til borgerne"), ("p", "Der er i dag ingen side på hjemmesiden til borgerne om ekstremisme.")]
    assert status(*staff, *lack, *school, element=KOMMUNIKATION) == "weak"


def test_passing_mentions_in_two_places_do_not_add_up() -> None:
    doc = [("h", 2, "Borgere"), ("p", "Borgere kan læse mere på hjemmesiden."),
           ("h", 2, "Medarbejdere"), ("p", "Medarbejdere kan finde planen på intranettet.")]
    assert status(*doc, element=KOMMUNIKATION) == "weak"


def test_a_plain_order_intention_is_an_intention() -> None:
    doc = [("h", 2, "Kommunikation"),
           ("p", "Vi vil lave en side på kommunens hjemmeside, hvor borgere kan læse om bekymringer."),
           ("p", "Medarbejderne skal også kunne finde planen på intranettet, som kommunikationsafdelingen opdaterer.")]
    assert status(*doc, element=KOMMUNIKATION) == "weak"


def test_what_a_workflow_handles_may_stand_in_its_heading() -> None:
    element = "organisering.godkendte-arbejdsgange"
    doc = [("h", 2, "Håndtering af bekymringshenvendelser"),
           ("p", "Arbejdsgangen nedenfor er godkendt af styregruppen den 4. marts 2025."),
           ("p", "Ændringer i arbejdsgangen skal godkendes af styregruppen.")]
    assert status(*doc, element=element) == "covered"
    # the same sentences under a heading that says nothing of concerns describe some other routine
    other = [("h", 2, "Indkøb"), *doc[1:]]
    assert status(*other, element=element) != "covered"
    # a sub-section on approval inside the chapter on concerns: the chapter heading says what is approved
    nested = [("h", 1, "Håndtering af bekymringer"), ("h", 2, "Godkendelse af arbejdsgange"), *doc[1:]]
    assert status(*nested, element=element) == "covered"


def test_putting_a_plan_or_a_case_before_a_body_is_not_management_information() -> None:
    element = "organisering.ledelsesinformation"
    assert status(("h", 2, "Politisk behandling"),
                  ("p", "Planen forelægges udvalget til godkendelse i november 2025."),
                  ("p", "Sager forelægges infohuset efter koordinatorens vurdering."), element=element) == "missing"
    assert status(("h", 2, "Opfølgning"),
                  ("p", "I januar forelægges en samlet status med antal henvendelser for Børne- og Ungeudvalget."),
                  element=element) != "missing"


ORGANISERING = "organisering.organisering"
LEVELS_TABLE = ("table", [["Niveau", "Opbyggende", "Foregribende", "Indgribende"],
                          ["Politisk", "Børne- og Familieudvalget", "Børne- og Familieudvalget", "Byrådet"],
                          ["Strategisk", "Direktionen", "Direktionen", "Direktør for Børn og Familie"],
                          ["Udførende", "Skoler og klubber", "Lokalt infohus og familieafdelingen",
                           "Regionalt infohus og politiet"]])


def test_a_sentence_presenting_a_table_is_continued_by_its_rows() -> None:
    # the topic sentence says what the table shows; its rows (political, executive) carry no topic word
    doc = [("h", 2, "Overblik"),
           ("p", "Kommunens arbejde er organiseret på tre niveauer. Tabellen viser, hvor ansvaret ligger."),
           LEVELS_TABLE,
           ("h", 2, "Andet"), ("p", "Skolerne arbejder med demokrati.")]
    assert status(*doc, element=ORGANISERING) == "covered"
    # without the sentence pointing to it, the table under an unrelated heading is not this discussion
    doc[1] = ("p", "Kommunens arbejde er organiseret på tre niveauer. Det er beskrevet i bilaget.")
    assert status(*doc, element=ORGANISERING) != "covered"


def test_short_table_rows_naming_several_topics_are_content_not_an_enumeration() -> None:
    # a row such as "Udførende | skoler | lokalt infohus | regionalt infohus og politiet" is a run of names,
    # but in a table that is how cells describe: it must not be set aside as a list of topics
    doc = [("h", 2, "Organisering af indsatsen"),
           ("p", "Indsatsen er organiseret i tre lag:"),
           ("table", [["Niveau", "Internt i kommunen", "Sammen med eksterne parter"],
                      ["Politisk", "Byrådet, Børne- og Familieudvalget", "Den politiske styregruppe i kredsrådet"],
                      ["Strategisk", "Styregruppen", "Politiets lokalpolitileder deltager i styregruppen"],
                      ["Udførende", "SSP-enheden, Familierådgivningen, skoler, klubber, jobcentret",
                       "Infohuset (kommune og politi), det regionale infohus, PSP og KSP"]])]
    assert status(*doc, element=ORGANISERING) == "covered"


def test_a_section_whose_only_text_is_an_overview_points_to_its_heading() -> None:
    # the one sentence under "Håndtering af pressen" touches so many topics that it is set aside as an
    # overview; the section still locates the element, and the reason names the section itself
    doc = [("h", 1, "Beredskab"), ("h", 2, "Håndtering af pressen"),
           ("p", "Henvendelser fra pressen om akutte sager, bekymringshenvendelser, tilbagemelding, dokumentation, "
                 "evaluering, nøgletal og opfølgning går til kommunikationsafdelingen.")]
    verdict = audit(make_doc(*doc)).element("indsatser.kommunikation-og-koordinering")
    assert verdict.status == "weak" and "«Håndtering af pressen»" in verdict.reason


def test_parts_under_a_heading_owned_by_another_element_are_not_pooled() -> None:
    # information to staff sent out by the press office during an incident is press handling (its own
    # element); with a website line elsewhere it does not add up to information to citizens and staff
    doc = [("h", 1, "Forord"), ("p", "Planen er vedtaget af byrådet."),
           ("h", 1, "Information til borgerne"),
           ("p", "På kommunens hjemmeside kan borgere læse om SSP-samarbejdet og se, hvem de kan kontakte."),
           ("p", "Siden omtaler også forældrenetværket."),
           ("h", 1, "Pressehåndtering"),
           ("p", "Ved en alvorlig hændelse sørger kommunikationsafdelingen for, at information til medarbejdere på "
                 "de berørte skoler sendes ud samme dag."),
           ("p", "Medarbejderne får besked via intranettet, inden kommunen udtaler sig.")]
    assert status(*doc, element=KOMMUNIKATION) == "weak"


def test_a_paragraph_ending_in_a_lead_in_is_continued_by_its_list() -> None:
    # the topic sentence opens the paragraph; its last sentence ("Derfor har vi:") introduces the list
    doc = [("h", 1, "Det praktiske"),
           ("p", "Borgere, der er bekymrede for en nabo, skal nemt kunne finde ud af, hvor de kan henvende sig. "
                 "Derfor har vi:"),
           ("li", "en side på kommunens hjemmeside med telefonnummer til koordinatoren"),
           ("li", "opslag på beboerportalerne én gang om året"),
           ("p", "For medarbejdere ligger der på intranettet en side med kontaktoplysninger og en kort vejledning."),
           ("h", 1, "Andet"), ("p", "Skolerne arbejder med demokrati.")]
    assert status(*doc, element=KOMMUNIKATION) == "covered"


def test_a_heading_that_is_one_elements_name_is_not_shared_with_a_compound_part() -> None:
    # "Samarbejdsaftale" is the agreement element's name; "samarbejde" (internal collaboration) is found
    # in it only as part of the compound, so the section vouches for the agreement alone
    doc = [("h", 1, "Infohuset"), ("p", "Kommunen og politiet driver sammen det lokale infohus."),
           ("h", 2, "Samarbejdsaftale"),
           ("p", "Samarbejdet i infohuset er beskrevet i en skriftlig samarbejdsaftale med politiet fra 2024."),
           ("p", "Den fastlægger parternes roller, mødekadencen og informationsudvekslingen.")]
    assert status(*doc, element="organisering.infohus-samarbejdsaftale") == "covered"


def test_a_table_of_functions_describes_roles_by_function() -> None:
    # the concept asks for roles tied to functions, not persons: a table headed "Funktion" is that
    doc = [("h", 1, "Roller og ansvar"),
           ("p", "Opgaverne er fordelt på funktioner:"),
           ("table", [["Funktion", "Placering", "Opgaver"],
                      ["SSP-koordinator", "SSP-enheden", "Tovholder for lokalgrupperne og kontakt til skolerne"],
                      ["Infohuskoordinator", "Familieafdelingen", "Modtager bekymringer og indkalder infohuset"],
                      ["Ressourceperson", "Jobcentret", "Rådgiver kolleger og deltager i infohuset"]])]
    assert status(*doc, element="organisering.roller-og-ansvar") == "covered"


def test_a_column_of_partners_names_them_without_describing_their_involvement() -> None:
    # "Eksterne parter:" heads a column of each row's partners; it locates them, it is not the subject
    element = "organisering.snitflader"
    rows = [("h", 1, "Organisering"),
            ("table", [["Niveau", "Internt", "Eksterne parter"],
                       ["Opbyggende", "Skoler og klubber", "Idrætsforeninger og boligsociale medarbejdere, fast kontaktperson"],
                       ["Foregribende", "SSP-teamet", "Nærpolitiet, fast kontakt hver uge"]])]
    assert status(*rows, element=element) == "weak"


PRESS = "indsatser.kommunikation-og-koordinering"


def test_a_word_that_also_means_something_else_does_not_anchor_a_description() -> None:
    # "medierne" as an object of distrust, with a responsible word and a "når ... skal" beside it: not even a
    # mention of press handling
    milieu = [("h", 1, "Fænomener"), ("h", 2, "Antiautoritære miljøer"),
              ("p", "Miljøet deler en dyb mistillid til kommunen og til medierne. Når mistilliden vokser, skal "
                    "bestemte personer efter deres mening stilles til ansvar.")]
    assert status(*milieu, element=PRESS) == "missing"
    # the press itself named in passing is a mention
    passing = [("h", 1, "Fænomener"), ("p", "Sagen fra 2023 fik stor opmærksomhed i pressen og i medierne.")]
    assert status(*passing, element=PRESS) == "weak"
    # the same routine said of the press is a description of press handling
    press = [("h", 1, "Organisering"), ("h", 2, "Akutte situationer"),
             ("p", "Henvendelser fra pressen går altid til kommunikationschefen, som er ansvarlig for "
                   "kommunens udmeldinger."),
             ("p", "Når en sag når medierne, skal direktøren og politiet aftale, hvem der udtaler sig.")]
    assert status(*press, element=PRESS) == "covered"


def test_a_guideline_for_something_else_is_no_mention_of_approved_routines() -> None:
    # the concept asks for approved routines for reports of concern; guidelines on bullying or threats are
    # other routines, not even a mention
    element = "organisering.godkendte-arbejdsgange"
    other = [("h", 1, "Sammenhæng med andre politikker"),
             ("p", "Planen hænger sammen med kommunens retningslinjer for håndtering af vold og trusler mod "
                   "medarbejdere.")]
    assert status(*other, element=element) == "missing"
    # a routine pointed to under a heading about concerns is a mention, though the sentence names none
    pointed = [("h", 1, "Organisering"), ("h", 2, "Når en medarbejder er bekymret"),
               ("p", "Situationen er akut. Proceduren i afsnit 5 følges.")]
    assert status(*pointed, element=element) == "weak"
    # and so is a lack of approval said in the sentence after the routine is named
    unapproved = [("h", 1, "Organisering"), ("h", 2, "Fra mavefornemmelse til handling"),
                  ("p", "Arbejdsgangen her er den, vi bruger i praksis. Den er ikke formelt godkendt af "
                        "styregruppen endnu.")]
    assert status(*unapproved, element=element) == "weak"


def test_a_status_taken_of_the_plans_interventions_is_follow_up_on_them() -> None:
    # "status på alle indsatser" under a heading the element's names do not match: the plural makes it the
    # plan's interventions, and the cadence, the body and what is followed make it a follow-up
    element = "strategi.opfoelgning-paa-indsatser"
    plan = [("h", 1, "Styring"), ("h", 2, "Hvordan vi holder kursen"),
            ("li", "Hvert halvår gennemgår chefgruppen status på alle indsatserne ud fra et statusark, som "
                   "koordinatoren udfylder."),
            ("li", "Hvert år i maj får udvalget en statusrapport om fremdriften på målene.")]
    assert status(*plan, element=element) == "covered"
    # one person's intervention is a case, not the plan's
    case = [("h", 1, "Sagsbehandling"), ("h", 2, "Mentorforløb"),
            ("p", "Hver tredje måned gør mentoren status på den unges indsats sammen med sagsbehandleren.")]
    assert status(*case, element=element) != "covered"


def test_the_worry_itself_introduces_the_steps_of_handling_it() -> None:
    # "bliver bekymret for" opens the routine for reports, as "en bekymring for" does; the steps it
    # introduces continue it, the last naming where the case is handled
    element = "organisering.haandtering-af-henvendelser"
    plan = [("h", 1, "Organisering"), ("h", 2, "Sagsgang og journalisering"),
            ("p", "Når en lærer bliver bekymret for, at en elev søger mod et ekstremt miljø, er fremgangsmåden:"),
            ("li", "Læreren taler med sin skoleleder samme dag."),
            ("li", "Skolelederen kontakter forebyggelseskonsulenten, som vender tilbage inden for 2 hverdage."),
            ("li", "Konsulenten tager sagen op på det ugentlige møde i InfoHuset, hvor det aftales, hvem der handler.")]
    assert status(*plan, element=element) == "covered"


def test_an_infohus_team_named_with_its_functions_gives_its_members() -> None:
    # the composition of the infohus may be given as the functions a team is made of, or as a column of
    # who takes part, without the words "består af" or "deltagere"
    element = "organisering.infohus-organisering"
    team = [("h", 1, "Organisering"), ("h", 2, "InfoHus Nordby"),
            ("p", "Styregruppen for Tryghed er styregruppe for InfoHuset og fastlægger rammerne for dets arbejde."),
            ("p", "Driftsgruppen: forebyggelseskoordinatoren (formand), en sagsbehandler fra Familieafdelingen, "
                  "en vejleder fra Jobcentret og en betjent fra lokalpolitiet. Gruppen mødes hver anden uge.")]
    assert status(*team, element=element) == "covered"
    column = [("h", 1, "Organisering"), ("h", 2, "InfoHus Nordby"),
              ("p", "InfoHuset refererer til Styregruppen for Tryghed og mødes hver anden uge."),
              ("table", [["Deltager", "Rolle"], ["Forebyggelseskoordinatoren", "Tovholder og indkalder"],
                         ["Betjent fra lokalpolitiet", "Bidrager med politiets oplysninger"]])]
    assert status(*column, element=element) == "covered"
    # a column of functions in a table of tasks is a division of work, not a composition
    roles = [("h", 1, "Hvem gør hvad"),
             ("p", "Planen supplerer samarbejdet i InfoHuset."),
             ("table", [["Funktion", "Opgave"], ["Kontaktperson til InfoHuset", "Vurderer sagen og indkalder"]])]
    assert status(*roles, element=element) != "covered"


def test_runs_of_topic_sentences_under_one_shared_heading_add_up() -> None:
    # a heading that names two elements does not vouch for what stands under it, but the runs of topic
    # sentences under it discuss the element together, however long the list between them
    element = "strategi.roller-og-ansvar"
    members = [("li", f"Chef for {area}") for area in ("Skole", "Social", "Beskæftigelse", "Sundhed", "Kultur")]
    section = [("h", 1, "Ansvar og samarbejde"),
               ("p", "Børne- og Ungeudvalget har det politiske ansvar for planen og vedtager den."),
               ("p", "Styregruppen har det strategiske ansvar og prioriterer indsatserne. Den består af:"), *members,
               ("p", "Gruppen mødes fire gange om året."),
               ("p", "SSP-koordinatoren har det daglige ansvar for at koordinere indsatsen og modtage bekymringer.")]
    assert status(*section, element=element) == "covered"
    # under a sub-heading of its own, the executive part is another discussion
    split = [*section[:-1], ("h", 2, "Hverdagen"), section[-1]]
    assert status(*split, element=element) == "weak"
