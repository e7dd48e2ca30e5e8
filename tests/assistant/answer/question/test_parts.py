"""The parts of a question asked in one sentence, and the words each part asks about alone."""

from __future__ import annotations

from assistant.answer.question.parts import Part, parts_of


def test_an_english_part_runs_from_its_asking_word_to_the_next() -> None:
    parts = part_terms("How many seats does the council of Corvin have, and for how many years does it sit?")
    assert len(parts) == 2, parts
    assert {"seat"} <= parts[0] and "year" not in parts[0], parts
    assert {"year", "sit"} <= parts[1] and "council" not in parts[1], parts  # words of both parts are no part's own


def test_a_thai_part_ends_at_its_asking_word_and_the_unit_counted_after_it() -> None:
    parts = part_terms("สภาเมืองมีสมาชิกกี่คน และสภาเมืองมีวาระคราวละกี่ปี")
    assert len(parts) == 2, parts
    assert "สมาชิก" in parts[0] and "คน" in parts[0], parts
    assert "วาระ" in parts[1] and "ปี" in parts[1], parts
    assert "สภา" not in parts[0] | parts[1], parts


def test_a_question_of_one_part_has_no_parts() -> None:
    assert parts_of("How many seats does the council of Corvin have?") == []
    assert parts_of("สภาเมืองมีสมาชิกกี่คน") == []


def part_terms(question: str) -> list[frozenset[str]]:
    return [part.own for part in parts_of(question)]


def test_a_part_keeps_its_words_as_asked() -> None:
    parts = parts_of("How often does the board of Tarlow meet, and who pays for the meetings?")
    assert [p.text for p in parts] == ["how often does the board of tarlow meet and", "who pays for the meetings"]
    assert isinstance(parts[1], Part) and parts[1].own == {"pay"}, parts


def test_a_thai_part_keeps_the_spaces_of_a_latin_name_it_holds() -> None:
    parts = parts_of("โครงการ Harbour Skills Fellowship มีผู้ผ่านการอบรมกี่คน "
                     "และมีผู้กำลังเรียนที่ Norvale University กี่คน")
    assert len(parts) == 2, parts
    assert "harbour skills fellowship" in parts[0].text and "ผู้ผ่าน" in parts[0].text, parts[0].text
    assert "norvale university" in parts[1].text, parts[1].text
    assert "มีผู้ผ่านการอบรมกี่คน" in parts[0].text, parts[0].text  # Thai words still run together
