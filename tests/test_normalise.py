"""Normalisation: sentences, table rows as statements, and listings that only name things."""

from __future__ import annotations

from concept_audit.normalise import holds_sentences, index_document, is_enumeration
from tests.plan_builder import make_doc


def listings(*items) -> dict[str, bool]:
    """Each passage's text and whether it is a mere listing, for a plan built from ``items``."""
    return {p.text: p.listing for p in index_document(make_doc(*items)).passages}


def test_sentences_and_section_paths() -> None:
    text = index_document(make_doc(
        ("h", 1, "2. Organisering"), ("h", 2, "2.1 Infohus"),
        ("p", "Infohuset mødes hver måned. Tovholderen indkalder."),
    ))
    sentences = [p for p in text.passages if p.kind == "paragraph"]
    assert [p.text for p in sentences] == ["Infohuset mødes hver måned.", "Tovholderen indkalder."]
    assert sentences[0].section == ["2. Organisering", "2.1 Infohus"]
    outer = text.sections[0]
    assert outer.end == len(text.passages) and outer.own_end == text.sections[1].heading.index


def test_table_rows_read_as_header_cell_statements() -> None:
    text = index_document(make_doc(("table", [["Forum", "Mødes"], ["Styregruppen", "Fire gange om året"]])))
    rows = [p.text for p in text.passages]
    assert rows == ["Forum: Styregruppen; Mødes: Fire gange om året"]
    assert text.passages[0].page == 2


def test_contents_and_short_list_items_are_listings() -> None:
    by_text = listings(
        ("h", 1, "Indholdsfortegnelse"), ("p", "1. Indledning .......... 3"),
        ("h", 1, "1. Indledning"),
        ("li", "Evaluering"),
        ("li", "Tovholderen evaluerer hver sag, når den afsluttes."),
    )
    assert by_text["1. Indledning .......... 3"] is True
    assert by_text["Evaluering"] is True
    assert by_text["Tovholderen evaluerer hver sag, når den afsluttes."] is False


def test_a_list_item_glossing_a_name_with_its_role_is_not_a_listing() -> None:
    # an organisation overview as a nested list: each item names a body and says what it is
    by_text = listings(
        ("h", 1, "Organisering"),
        ("li", "Børne- og Skoleudvalget – politisk ansvar"),
        ("li", "Styregruppen (strategisk niveau)"),
        ("li", "Infohusteamet: sagsbehandling"),
        ("li", "Skolerne"),
        ("li", "Børne- og Skoleudvalget"),
    )
    assert by_text["Børne- og Skoleudvalget – politisk ansvar"] is False
    assert by_text["Styregruppen (strategisk niveau)"] is False
    assert by_text["Infohusteamet: sagsbehandling"] is False
    assert by_text["Skolerne"] is True and by_text["Børne- og Skoleudvalget"] is True


def test_a_bare_label_paragraph_is_a_listing() -> None:
    # an italic or underlined label the extractor did not take for a heading names what follows
    by_text = listings(
        ("h", 1, "Det praktiske"), ("p", "Journalisering"),
        ("p", "Oplysninger journaliseres i fagsystemet."), ("p", "Ring 7010 2030"),
    )
    assert by_text["Journalisering"] is True and by_text["Ring 7010 2030"] is False
    assert by_text["Oplysninger journaliseres i fagsystemet."] is False


def test_a_line_of_keywords_is_a_listing_however_long() -> None:
    by_text = listings(
        ("h", 1, "2.1.3 Eksternt samarbejde"),
        ("p", "Nøgleord: politiet, infohuset, boligforeningerne, idrætsforeninger, trossamfund, ungdomsuddannelserne."),
        ("p", "Idrætsforeningerne deltager i det lokale SSP-netværk to gange om året."),
    )
    assert by_text["Nøgleord: politiet, infohuset, boligforeningerne, idrætsforeninger, trossamfund, ungdomsuddannelserne."]
    assert by_text["Idrætsforeningerne deltager i det lokale SSP-netværk to gange om året."] is False


def test_a_numbered_contents_overview_is_a_listing_but_a_reading_guide_with_prose_heading_is_not() -> None:
    by_text = listings(
        ("h", 1, "3 Planens indhold"),
        ("table", [["Afsnit", "Indhold"], ["Opfølgning", "Opfølgning på planen, ledelsesinformation og revision"]]),
        ("h", 1, "4 Indholdet af samarbejdet"),
        ("p", "Styregruppen mødes fire gange om året."),
    )
    assert by_text["Afsnit: Opfølgning; Indhold: Opfølgning på planen, ledelsesinformation og revision"] is True
    assert by_text["Styregruppen mødes fire gange om året."] is False


def test_enumeration_shape() -> None:
    assert is_enumeration("Planen omfatter de emner, konceptet peger på: vision og formål, beredskab, "
                          "roller og ansvar, evaluering, dokumentation samt nøgletal.")
    assert not is_enumeration("Tovholderen indkalder til møde inden for fem hverdage og skriver referat.")


def test_a_row_of_several_sentences_is_not_an_enumeration() -> None:
    # prose is split into sentences, so only table rows and list items can hold several: their cells
    # describe ("Byrådet vedtager ... Udvalget godkender ..."), however short the phrases between commas
    row = ("Niveau: Politisk; Hvem: Byråd, udvalg; Ansvar: Byrådet vedtager planen. Udvalget godkender "
           "indsatserne, følger op og modtager status.")
    assert holds_sentences(row) and not is_enumeration(row)
    assert not holds_sentences("Planen omfatter vision, beredskab, evaluering og dokumentation.")
