from __future__ import annotations

from pathlib import Path

from concept_audit.extract import load_document

MD = """---
title: Handlingsplan 2025
date: 2025-03-01
---
# 1. Strategi
Kommunen vil forebygge.

## 1.2 Vision
Byrådet har vedtaget visionen.[^1]

- punkt et
  - underpunkt
1. nummereret

| Forum | Hyppighed |
|---|---|
| Styregruppe | kvartalsvis |

> **Faktaboks** Ring til Info-huset.

[^1]: Vedtaget 1. marts.
"""


def test_markdown_blocks_and_paths(tmp_path: Path) -> None:
    path = tmp_path / "plan.md"
    path.write_text(MD, encoding="utf-8")
    doc = load_document(path)
    assert doc.format == "md"
    assert doc.title == "Handlingsplan 2025"
    assert doc.date == "2025-03-01"
    kinds = [b.kind for b in doc.blocks]
    assert kinds == ["heading", "paragraph", "heading", "paragraph", "footnote", "list_item", "list_item",
                     "list_item", "table", "paragraph"]  # the note right after the paragraph referring to it
    vision = doc.blocks[3]
    assert vision.section == ["1. Strategi", "1.2 Vision"]
    assert vision.text == "Byrådet har vedtaget visionen.[1]"
    assert doc.blocks[2].level == 2 and doc.blocks[2].numbering == "1.2"
    assert [b.depth for b in doc.blocks if b.kind == "list_item"] == [0, 1, 0]
    table = doc.blocks[8]
    assert table.rows == [["Forum", "Hyppighed"], ["Styregruppe", "kvartalsvis"]]
    assert table.header_rows == 1
    box = doc.blocks[9]
    assert box.container == "box" and "Info-huset" in box.text
    assert doc.blocks[4].text == "[1] Vedtaget 1. marts." and doc.blocks[4].section == ["1. Strategi", "1.2 Vision"]


def test_plain_text_numbered_headings(tmp_path: Path) -> None:
    path = tmp_path / "plan.txt"
    path.write_text("1. Strategi\n\nTekst om strategi.\n\n2.1 Organisering\n\n- SSP\n- PSP\n", encoding="utf-8")
    doc = load_document(path)
    headings = [(b.text, b.level) for b in doc.headings]
    assert headings == [("1. Strategi", 1), ("2.1 Organisering", 2)]
    assert [b.text for b in doc.blocks if b.kind == "list_item"] == ["SSP", "PSP"]


BOLD_HEADINGS = """# Beredskabsplan

**Action cards for ledere og medarbejdere**

# 4. Action cards

**Action card 1 – Umiddelbar fare**

1. Ring 112.

**Action card 2 – Alvorlig bekymring uden umiddelbar fare**

**Faktaboks:** Info-huset holder møde hver måned.

**Ansvarlig:**

**Tabel 1. Mødefora**

**Status: Arbejdsgangen er på plads**

**Kontaktpersonen ringer altid til politiet samme dag.**

**Hvem gør hvad?**

## 4.1 Organisering

**Kontakt til politiet**

**4.1.1 Sagsgang**

**Efter mødet**

> **Faktaboks om Info-huset**
"""


def test_markdown_bold_paragraph_is_a_heading_one_level_below(tmp_path: Path) -> None:
    path = tmp_path / "plan.md"
    path.write_text(BOLD_HEADINGS, encoding="utf-8")
    doc = load_document(path)
    assert [(h.text, h.level) for h in doc.headings] == [
        ("Beredskabsplan", 1), ("Action cards for ledere og medarbejdere", 2), ("4. Action cards", 1),
        ("Action card 1 – Umiddelbar fare", 2), ("Action card 2 – Alvorlig bekymring uden umiddelbar fare", 2),
        ("Hvem gør hvad?", 2), ("4.1 Organisering", 2), ("Kontakt til politiet", 3), ("4.1.1 Sagsgang", 3),
        ("Efter mødet", 4)]
    assert [b.text for b in doc.blocks if b.kind == "list_item"] == ["Ring 112."]
    assert doc.blocks[4].section == ["4. Action cards", "Action card 1 – Umiddelbar fare"]
    # A bold lead-in with text after it, a label, a caption, a field with its value, a bold sentence, a box
    # title: not headings.
    for start in ("Faktaboks: Info-huset", "Ansvarlig:", "Tabel 1.", "Status:", "Kontaktpersonen ringer", "Faktaboks om"):
        block = next(b for b in doc.blocks if b.text.startswith(start))
        assert block.kind == "paragraph", start


def test_markdown_and_hand_formatted_docx_have_the_same_outline(tmp_path: Path) -> None:
    import docx

    source = ("# 1. Strategi\n\nKommunen arbejder med forebyggelse i tæt samarbejde med politiet og skolerne.\n\n"
              "**Mentorforløb**\n\n**Status: I gang**\n\nEn mentor mødes med den unge hver uge i et halvt år.\n\n"
              "**Forældrecoaching (foregribende)**\n\nForældre får støtte af en coach.\n\n"
              "# 2. Organisering\n\n**Hvem gør hvad?**\n\nOpgaverne hænger ved funktionen.\n")
    md = tmp_path / "plan.md"
    md.write_text(source, encoding="utf-8")
    word = docx.Document()
    for block in source.strip().split("\n\n"):
        if block.startswith("# "):
            word.add_paragraph(block[2:], style="Heading 1")
        elif block.startswith("**"):
            word.add_paragraph().add_run(block.strip("*")).bold = True
        else:
            word.add_paragraph(block)
    word.save(str(tmp_path / "plan.docx"))

    outline = [[(h.text, h.level, h.section) for h in load_document(tmp_path / name).headings]
               for name in ("plan.md", "plan.docx")]
    assert outline[0] == outline[1]
    assert [t for t, _, _ in outline[0]] == ["1. Strategi", "Mentorforløb", "Forældrecoaching (foregribende)",
                                             "2. Organisering", "Hvem gør hvad?"]


def test_markdown_numbered_items_are_ordered_and_bullets_not(tmp_path: Path) -> None:
    path = tmp_path / "plan.md"
    path.write_text("# Action card\n\nGør sådan:\n\n1. Ring 112.\n2) Bring dig i sikkerhed.\n   - også andre\n"
                    "10. Orienter lederen,\n  så snart det er sikkert.\n\n- punkt\n* stjerne\n+ plus\n• prik\n"
                    "- 2025 er året, planen gælder fra\n\n> 1. trin i en faktaboks\n", encoding="utf-8")
    doc = load_document(path)
    items = [(b.text, b.depth, b.ordered) for b in doc.blocks if b.kind == "list_item"]
    assert items == [("Ring 112.", 0, True), ("Bring dig i sikkerhed.", 0, True), ("også andre", 1, False),
                     ("Orienter lederen, så snart det er sikkert.", 0, True), ("punkt", 0, False),
                     ("stjerne", 0, False), ("plus", 0, False), ("prik", 0, False),
                     ("2025 er året, planen gælder fra", 0, False), ("trin i en faktaboks", 0, True)]
    assert all(b.ordered is None for b in doc.blocks if b.kind != "list_item")


def test_plain_text_list_items_are_ordered_by_their_marker(tmp_path: Path) -> None:
    path = tmp_path / "plan.txt"
    path.write_text("Sådan gør du, når du er bekymret for en borger:\n1) Tal med din leder samme dag om sagen\n"
                    "2) Kontakt Infohuset samme dag om sagen\n- husk underretning\n", encoding="utf-8")
    doc = load_document(path)
    assert [(b.text, b.ordered) for b in doc.blocks if b.kind == "list_item"] == [
        ("Tal med din leder samme dag om sagen", True), ("Kontakt Infohuset samme dag om sagen", True),
        ("husk underretning", False)]
