"""Sentence cutting and question cues on real text shapes of corpus/ (pure functions, no index), and a made-up
document where a dateline answers."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.answer.question.intent import cues_of
from assistant.answer.question.values import satisfies
from assistant.answer.units import _split
from assistant.config import Settings
from ingest.readers.loaders import load_document
from tests.conftest import uncatalogued

FRAMEWORK_CHUNK = (
    "Strategic Outcomes\n\n4 A smart city in ASEAN harnesses technological and digital solutions.\n\n"
    "5 At a strategic level, a smart city in ASEAN should achieve a balance between three interdependent "
    "objectives.\n\n6 Competitive Economy."
)
LETTERHEAD = (
    "REAFFIRMATION OF SISTER CITIES DECLARATION adopted by\nTHE HONORABLE RICHARD M. DALEY\nMAYOR OF CHICAGO and\n"
    "JUNE 5, 1995\nOn this the tenth anniversary of the signing of a sister city agreement, the mayors met."
)


def test_headings_and_paragraph_numbers_are_layout_not_sentence_text() -> None:
    parts = _split(FRAMEWORK_CHUNK, "en")
    assert parts[0] == "Strategic Outcomes"
    assert parts[1].startswith("A smart city in ASEAN")
    assert parts[2].startswith("At a strategic level")
    assert parts[3] == "Competitive Economy."


def test_a_heading_glued_to_a_numbered_paragraph_is_cut_off() -> None:
    parts = _split("Rationale 2 Most of ASEAN's growth has been driven by urban centres.", "en")
    assert parts == ["Most of ASEAN's growth has been driven by urban centres."]


def test_letterhead_lines_do_not_swallow_the_sentence_after_them() -> None:
    parts = _split(LETTERHEAD, "en")
    assert "THE HONORABLE RICHARD M. DALEY" in parts
    assert parts[-1].startswith("On this the tenth anniversary")


def test_a_letter_o_bullet_is_a_mark_not_a_word() -> None:
    """PDFs set sub-bullets as a letter 'o': the mark goes, as '-' does; an 'o' inside a sentence stays."""
    parts = _split("Plans:\no Orvane will draft a river plan.\no An area of 12 acres is set aside.\nThe o ring held.",
                   "en")
    assert parts == ["Plans:", "Orvane will draft a river plan.", "An area of 12 acres is set aside.", "The o ring held."]


def test_bullets_and_list_items_are_separate_pieces() -> None:
    parts = _split("The plan will:\n• build hubs;\n• train staff.\n- Built infrastructure\n- Quality Environment", "en")
    assert parts == ["The plan will:", "build hubs;", "train staff.", "Built infrastructure", "Quality Environment"]


def test_a_short_thai_clause_stays_whole() -> None:
    line = "(๑๑) เงินกู้จากต่างประเทศ องค์การต่างประเทศ หรือองค์การระหว่างประเทศ ซึ่งได้รับความเห็นชอบจากสภากรุงเทพมหานคร"
    assert _split(line, "th") == [line[5:]]


def test_question_cues_in_english_and_thai() -> None:
    assert cues_of("Who signed the MOU, and when?") == ["person", "date"]
    assert cues_of("ผู้ว่าฯ อยู่ในตำแหน่งได้วาระละกี่ปี") == ["number"]
    assert satisfies("person", "Thedder Rudolph W. Giuliani Signed in March of 2001")
    assert satisfies("person", "It was chaired by Ajarin Pattanapanchai, Permanent Secretary, Ministry of ...")
    assert not satisfies("person", "executed by the Mayor of Long Beach")
    assert satisfies("date", "Dated: September 19, 2000")
    assert cues_of("On which dates did the delegates meet?") == ["date"]  # the plural asks for dates too
    assert cues_of("How did the share of housing projects change?") == ["number"]  # a share is a figure
    assert cues_of("What share of its budget did the office spend?") == ["number"]  # a part of an amount, a ratio
    assert cues_of("How much of its budget did the office spend?") == ["money"]
    assert cues_of("Which projects did the city share with its partners?") == []


def test_markdown_metadata_block_is_metadata_not_text(tmp_path: Path) -> None:
    path = uncatalogued("mou-new-york-london-sister-city-partnership-mou-2001.md", tmp_path / "docs")
    doc = load_document(path, path.parent, Settings(data_dir=tmp_path / "data"))
    text = "\n".join(p.text for p in doc.pages)
    assert doc.meta.title.startswith("The New York City")
    assert doc.meta.kind == "mou"
    for label in ("- Kind:", "- Source document:", "- Text provenance:", "## OCR text", "# The New York"):
        assert label not in text
    assert text.lstrip().startswith("THE CITY OF NEW YORK")


def test_a_list_flattened_onto_one_line_is_cut_into_its_items() -> None:
    line = ("STRATEGIC TARGETS - Green Growth: raise green jobs to 4% - Green Mobility: a 60: 40 modal share "
            "SUPPORT REQUIRED - Political support - Support from the citizens")
    assert _split(line, "en") == ["STRATEGIC TARGETS", "Green Growth: raise green jobs to 4%",
                                  "Green Mobility: a 60: 40 modal share", "SUPPORT REQUIRED", "Political support",
                                  "Support from the citizens"]


def test_a_dash_or_an_acronym_inside_a_sentence_does_not_cut_it() -> None:
    sentence = "The ASCN was set up in 2018 - a year of note - by the AMS under UN SDG 11."
    assert _split(sentence, "en") == [sentence]


def test_ocr_debris_is_not_wordlike_while_thai_text_with_english_names_is() -> None:
    from assistant.answer.features import wordlike

    assert wordlike("Pilot Cities ภ์ Ane. . ๐ @ fit inet \\ oy") < 0.75
    assert wordlike("มาตรา ๔๖ ผู้มีสิทธิสมัครรับเลือกตั้ง Bangkok") == 1.0
    assert wordlike("Industry & Innovation – 12% of projects (ASCN).") == 1.0


def test_a_year_range_is_not_a_flattened_list() -> None:
    sentence = "It sets the direction for the next 5 years (2023 - 2027), after the plan for (2020 - 2022) - Phase One."
    assert _split(sentence, "en")[0].startswith("It sets the direction for the next 5 years (2023 - 2027), after")


def test_a_timeline_read_as_one_line_is_cut_into_its_dated_rows() -> None:
    timeline = ("Milestones of the harbour plan March 2021 Survey of the piers June 2021 Public hearing in each town "
                "September 2021 Council vote on the budget December 2021 Works begin")
    assert _split(timeline, "en") == ["Milestones of the harbour plan", "March 2021 Survey of the piers",
                                      "June 2021 Public hearing in each town", "September 2021 Council vote on the budget",
                                      "December 2021 Works begin"]
    prose = "The plan was adopted in May 2018, revised in July 2019, and again in June 2020 and in May 2021."
    assert _split(prose, "en") == [prose]


def test_contact_details_end_at_their_address() -> None:
    """A city profile laid out in boxes reads as one line; the contact box ends at its e-mail address, and the
    vision after it is a statement of its own, not the tail of a contact line."""
    profile = ("Chief Smart City Officer Name: Ms Ilse Varga Designation: Director of Planning Email: ilse.varga@"
               "orvane.example.org Smart City Action Plan VISION To be a green port city where every district is a "
               "short walk from the river.")
    assert _split(profile, "en") == [
        "Chief Smart City Officer Name: Ms Ilse Varga Designation: Director of Planning Email: "
        "ilse.varga@orvane.example.org",
        "Smart City Action Plan VISION To be a green port city where every district is a short walk from the river."]
    prose = "Questions go to the desk at info@orvane.example.org or by phone, and are answered within a week."
    assert _split(prose, "en") == [prose]


def test_a_short_line_that_announces_a_list_is_no_fragment() -> None:
    from assistant.answer.units import _pieces

    text = "Points agreed\n\nThe Committee agreed:\n(a) to extend the staff exchange to nurses;\n(b) to study drainage."
    pieces = {p.text: p.short for p in _pieces("units-lead", text, "en")}
    assert pieces["The Committee agreed:"] is False  # it leads the items after it
    assert pieces["Points agreed"] is True  # a heading alone states nothing


def test_a_labelled_field_of_figures_is_a_candidate_and_a_row_of_marks_is_not() -> None:
    """Minutes open with 'Date: ...' and a project sheet with 'Budget: ...': under half their characters are letters,
    yet they state the date and the sum asked for. A line of stray figures and marks states nothing."""
    from assistant.answer.units import _pieces

    text = "Date: Thursday, 18 September 2025, 10:00-12:15\n\nBudget: 38,500,000 baht\n\n. , 12 / 3 . -"
    texts = [p.text for p in _pieces("units-fields", text, "en")]
    assert "Date: Thursday, 18 September 2025, 10:00-12:15" in texts
    assert "Budget: 38,500,000 baht" in texts
    assert not any(t.startswith(".") for t in texts)


def test_a_dateline_under_a_title_is_read_with_the_title() -> None:
    """'Dunmore, 20-22 May 2026' alone on the line under a title is under half letters, so on its own it read as
    debris; it says when and where the event the title names takes place."""
    text = ('Second Tarlow Harbour Forum: "Ports for People"\n\nDunmore, 20-22 May 2026\n\n'
            "Prepared by the Protocol Unit.")
    assert _split(text, "en")[:2] == ['Second Tarlow Harbour Forum: "Ports for People" Dunmore, 20-22 May 2026',
                                      "Prepared by the Protocol Unit."]
    # a place and a date inside a sentence, or a date with other words, is no dateline
    assert _split("Corvin Port, 3 June 2025 saw record cargo.\n\nTarlow, 2026", "en") == [
        "Corvin Port, 3 June 2025 saw record cargo.", "Tarlow, 2026"]


def test_a_letters_date_keeps_its_day() -> None:
    """A number opening a paragraph is layout ('5 At a strategic level'); a day before its month is the date."""
    parts = _split("CITY OF TARLOW\nOffice of the Mayor\n\n6 March 2026\n\nDear Governor Corvin,", "en")
    assert any(p.endswith("6 March 2026") for p in parts), parts


def test_a_question_on_an_event_is_answered_by_the_dateline_under_its_title(
        tmp_path_factory: pytest.TempPathFactory) -> None:
    from tests.conftest import made_up_service

    note = ('Second Tarlow Harbour Forum: "Ports for People"\n\nDunmore, 20-22 May 2026\n\n'
            "Prepared by the Protocol Unit of Dunmore City Hall, November 2025.\n\n"
            "The Tarlow Harbour Forum was founded in 2023. The First Forum was held in Corvin in 2024, and its "
            "mayors accepted Dunmore's offer to host the Second Forum in 2026.\n")
    service = made_up_service(tmp_path_factory, "dateline", {"forum-concept-note.md": note})
    # asked in Thai with the edition's number, which the note writes as a word ("Second"): not a name it lacks
    answer = service.ask("การประชุม Tarlow Harbour Forum ครั้งที่ 2 จัดขึ้นเมื่อใด")
    assert answer.found and "20-22 May 2026" in answer.answer, answer.answer
    # an edition it never names
    assert not service.ask("การประชุม Tarlow Harbour Forum ครั้งที่ 4 จัดขึ้นเมื่อใด").found
