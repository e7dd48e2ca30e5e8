"""Citation building and validation of generated text, on passages of real corpus text."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.answer.llm.support_check import (
    check_support,
    citations_from_passages,
    markers_in,
    support,
    validate_markers,
)
from tests.assistant.llm_passages import ABU_DHABI, LONG_BEACH, NEW_YORK, corpus_window, make_passage


@pytest.fixture(scope="module")
def passages(corpus_dir: Path) -> list:
    return [
        make_passage(corpus_window(corpus_dir, ABU_DHABI, "Abu Dhabi and Houston, sharing"), ABU_DHABI, 1),
        make_passage(corpus_window(corpus_dir, NEW_YORK, "With the above purposes"), NEW_YORK, 2, page=5),
        make_passage(corpus_window(corpus_dir, LONG_BEACH, "(1) to promote and expand"), LONG_BEACH, 3),
    ]


def test_citations_number_passages_by_position(passages: list) -> None:
    citations = citations_from_passages(passages)
    assert [c.n for c in citations] == [1, 2, 3]
    assert citations[1].source == NEW_YORK and citations[1].page == 5
    assert citations[0].page is None
    assert citations[2].text == passages[2].chunk.text


def test_marker_pointing_to_no_passage_is_removed() -> None:
    text = "Houston and Abu Dhabi share an interest in energy [1][9]. London joined in 2001 [2, 7]. Nothing [0]."
    cleaned = validate_markers(text, 5)
    assert markers_in(cleaned) == [1, 2]
    assert "[9]" not in cleaned and "[7]" not in cleaned and "[0]" not in cleaned
    assert "energy [1]." in cleaned and "2001 [2]." in cleaned


def test_marker_after_the_full_stop_stays_with_its_sentence(passages: list) -> None:
    report = check_support("Abu Dhabi and Houston share a common interest in energy, technology and medicine. [1]", passages)
    assert report.text == "Abu Dhabi and Houston share a common interest in energy, technology and medicine [1]."


def test_supported_sentence_is_kept_and_unsupported_one_dropped(passages: list) -> None:
    text = (
        "Abu Dhabi and Houston share a common interest in energy, technology and medicine [1]. "
        "The agreement created a joint football league and a shared airline between Tokyo and Paris [1]."
    )
    report = check_support(text, passages)
    assert report.kept == 1 and report.dropped == 1
    assert "energy, technology and medicine [1]" in report.text
    assert "football" not in report.text


def test_sentence_citing_the_wrong_passage_is_recited_to_the_right_one(passages: list) -> None:
    report = check_support("Abu Dhabi and Houston share a common interest in energy, technology and medicine [3].", passages)
    assert report.kept == 1 and markers_in(report.text) == [1]


def test_list_numbers_written_as_markers_do_not_survive_unsupported(passages: list) -> None:
    report = check_support("[2] The cities agreed to build a joint space station on the Moon.", passages)
    assert report.dropped == 1 and report.text == ""


def test_unmarked_supported_sentence_gets_the_best_passage(passages: list) -> None:
    report = check_support("The Mayor of the City of New York and the Mayor of London confirm an official partnership.", passages)
    assert report.markers_added == 1
    assert markers_in(report.text) == [2]


def test_unmarked_unsupported_sentence_is_dropped(passages: list) -> None:
    report = check_support("Overall, this is a remarkable example of modern diplomacy.", passages)
    assert report.kept == 0 and report.dropped == 1


def test_list_answers_keep_their_lines(passages: list) -> None:
    text = (
        "The purposes are:\n"
        "1. to promote and expand mutually beneficial cooperation between the people of Long Beach and San Pablo de Manta [3]\n"
        "2. to foster charitable, scientific, trade and commerce, literary and educational activities [3]"
    )
    report = check_support(text, passages)
    lines = report.text.split("\n")
    assert lines[-2].startswith("1. ") and lines[-1].startswith("2. ")
    assert all(line.endswith("[3]") for line in lines[-2:])


def test_support_is_a_share_of_content_words() -> None:
    passage = "The Sister City partnership between New York City and London will foster solutions."
    assert support("New York City and London have a partnership", passage) == pytest.approx(1.0)
    assert support("Tokyo and Paris signed a treaty", passage) == 0.0
    assert 0.0 < support("New York and Tokyo signed a treaty", passage) < 0.7


def test_thai_sentence_citing_english_passage_is_not_judged_lexically(passages: list) -> None:
    report = check_support("อาบูดาบีและฮิวสตันมีความสนใจร่วมกันด้านพลังงาน เทคโนโลยี และการแพทย์ [1]", passages)
    assert report.kept == 1 and report.unchecked == 1


def test_repeated_sentence_is_said_once(passages: list) -> None:
    sentence = "Abu Dhabi and Houston share a common interest in energy, technology and medicine"
    report = check_support(f"[1] {sentence}.\n{sentence} [1].", passages)
    assert report.text.lower().count("medicine") == 1 and report.kept == 1


def test_a_figure_the_passage_does_not_state_beside_its_word_is_unsupported(corpus_dir: Path) -> None:
    """Word overlap alone keeps a sentence whose every other word is the passage's: a year off by one, or a number
    of the passage put beside another word ('19 agreements' from 'September 19, 2000')."""
    signed = [make_passage(corpus_window(corpus_dir, LONG_BEACH, "This Sister City Agreement shall be officially",
                                         700), LONG_BEACH, 1)]
    text = ("The Long Beach-Manta agreement is dated 19 September 2000 [1]. "
            "The Long Beach-Manta agreement is dated 19 September 2001 [1]. "
            "The Mayor of Long Beach signed 19 agreements with San Pablo de Manta [1].")
    report = check_support(text, signed)
    assert report.kept == 1 and report.dropped == 2
    assert report.text == "The Long Beach-Manta agreement is dated 19 September 2000 [1]."
    assert support("Manta and Long Beach: dated 2000, September 19 [1].", signed[0].chunk.text) == 1.0
