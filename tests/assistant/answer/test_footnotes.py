"""A sentence whose footnote mark ('services1') points to a note at the foot of the page is answered with the note
beside it, cited. Made-up documents, so no gold question or corpus entity is named."""

from __future__ import annotations

import pytest

from assistant.answer.footnotes import marks
from assistant.service import AssistantService
from tests.conftest import made_up_service

_FILLER = " ".join(
    f"The towns of the lake met in their {n} working group to agree on common timetables, fares, piers and the "
    f"upkeep of the boats, and to hear what residents asked of them at the public sessions." for n in
    ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth", "eleventh"))


@pytest.fixture(scope="module")
def service(tmp_path_factory: pytest.TempPathFactory) -> AssistantService:
    return made_up_service(tmp_path_factory, "notes", {
        "lake-review.md":
            "# Review of the lakeside towns\n\n## Ferry services\n\n"
            "Since the review began, the lakeside towns have opened 4 basic ferry services1 for residents and "
            f"visitors.\n\n{_FILLER}\n\n"
            "1 The 4 services are: (1) the north crossing; (2) the island loop; (3) the market shuttle; and (4) the "
            "late boat.\n",
    })


def test_marks_are_digits_glued_to_a_word_not_numbers_of_their_own() -> None:
    assert marks("So far, 6 basic services1 and other services2 have been deployed.") == [1, 2]
    assert marks("It is expected to grow by 2030.1") == [1]
    assert marks("So far, 6 basic services and 12 routes run.") == []


def test_a_sentences_footnote_joins_the_answer(service: AssistantService) -> None:
    answer = service.ask("How many basic ferry services have the lakeside towns opened since the review began?",
                         mode="extractive")
    assert answer.found, answer.answer
    assert answer.answer.startswith("4 basic ferry services [1]."), answer.answer  # the mark is no part of the lead
    assert "island loop" in answer.answer and "late boat" in answer.answer, answer.answer
    cited = {c.n: c for c in answer.citations}
    note_marker = answer.answer.split("late boat")[1][:8]  # the note's own citation follows it
    n = int(note_marker.split("[")[1].split("]")[0])
    assert "island loop" in cited[n].text, cited[n].text
