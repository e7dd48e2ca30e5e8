"""A list question answered by a table row is answered by the table's rows, all of them or the group the question
names. Made-up documents with Markdown tables, so no gold question or corpus entity is named."""

from __future__ import annotations

import pytest

from assistant.answer.table_rows import table_row
from assistant.service import AssistantService
from tests.conftest import made_up_service

_REPORT = """# Report of the Study Visit to Velmora on Water Management

The delegation of nine members travelled from 3 to 8 March 2024.

## Programme

| Day | Date | Site visited | Host |
|---|---|---|---|
| 1 | 4 March 2024 | Velmora City Hall, briefing on flood policy | Velmora Water Board |
| 2 | 5 March 2024 | Orsk pumping station | Orsk Utilities |
| 3 | 6 March 2024 | Tidewall flood barrier | Velmora Water Board |
| 4 | 7 March 2024 | Greenbank rain gardens | Greenbank District |

## Projects

| Area | Project | Status |
|---|---|---|
| Flood defence | Raising the Tidewall barrier | Ongoing |
|  | Smart sluice gates | Planned |
| Green streets | Rain gardens in ten schools | Completed |
| Data | Open river-level dashboard | Ongoing |

## Delegations received

| Region | 2023 (delegations) | 2024 (delegations) |
|---|---|---|
| North | 41 | 47 |
| South | 18 | 21 |
| East | 12 | 15 |
| West | 9 | 11 |
| Islands | 4 | 6 |
| Highlands | 3 | 5 |
| Total | 87 | 105 |

## Lessons

Early warning works only when residents trust the alerts, so Velmora publishes every forecast and its error.
"""


@pytest.fixture(scope="module")
def service(tmp_path_factory: pytest.TempPathFactory) -> AssistantService:
    return made_up_service(tmp_path_factory, "table-rows", {"study-visit-velmora.md": _REPORT})


def test_a_table_row_is_told_from_a_sentence() -> None:
    assert table_row("Day: 2; Date: 5 March 2024; Site visited: Orsk pumping station.") == ("Day", "Date", "Site visited")
    assert table_row("The visit cost 1,480,000 baht; it was paid by the city.") == ()


def test_a_list_question_on_a_table_gets_every_row(service: AssistantService) -> None:
    answer = service.ask("Which sites did the delegation visit?", mode="extractive")
    assert answer.found, answer.answer
    for site in ("City Hall", "Orsk pumping station", "Tidewall flood barrier", "Greenbank rain gardens"):
        assert site in answer.answer, answer.answer


def test_a_question_naming_a_group_gets_that_groups_rows(service: AssistantService) -> None:
    answer = service.ask("Which projects are under the flood defence area?", mode="extractive")
    assert answer.found, answer.answer
    assert "Tidewall barrier" in answer.answer and "Smart sluice gates" in answer.answer, answer.answer
    assert "river-level dashboard" not in answer.answer, answer.answer  # another group's row


def test_a_count_over_a_table_naming_no_group_is_its_total(service: AssistantService) -> None:
    answer = service.ask("How many delegations were received in 2024?", mode="extractive")
    assert answer.found, answer.answer
    assert "Total" in answer.answer and "105" in answer.answer, answer.answer  # a row of figures is no debris
    named = service.ask("How many delegations came from the South in 2024?", mode="extractive")
    assert "21" in named.answer, named.answer  # a named group keeps its row


def test_the_total_row_joins_an_answer_chosen_from_other_rows() -> None:
    from assistant.answer.table_rows import with_total
    from assistant.answer.units import chunk_sentences
    from assistant.models import Chunk

    rows = ["Region: North; 2024 (delegations): 47.", "Region: South; 2024 (delegations): 21.",
            "Region: Total; 2024 (delegations): 68."]
    sentences = chunk_sentences(Chunk(id="t", doc_id="t.md", text="\n\n".join(rows)), "en", 0, "en")
    north = [s for s in sentences if "North" in s.text]
    got = with_total("How many delegations came in 2024?", north, sentences)
    assert [s.text for s in got] == [rows[2], rows[0]]
    assert with_total("How many delegations came from the South in 2024?", north, sentences) == north  # named


_ANNEX = "# Annex: river towns projects register\n\n| No. | Town | Project | Status |\n|---|---|---|---|\n" + "".join(
    f"| {n} | {town} | {project} | {status} |\n" for n, (town, project, status) in enumerate([
        ("Orvik", "Floating market pier", "Completed"), ("Lessa", "River bus ticketing", "Ongoing"),
        ("Lessa", "Flood siren network", "Completed"), ("Orvik", "Riverside cycle lane", "Ongoing"),
        ("Tamsk", "Ferry terminal roof", "Planned"), ("Tamsk", "Bank erosion sensors", "Ongoing"),
        ("Orvik", "Lock gate automation", "Planned"), ("Lessa", "Quay lighting", "Completed"),
    ], start=1)) + "\nThe register is updated every quarter by the river towns secretariat.\n"


def test_a_list_read_off_a_table_is_every_row_of_the_asked_town(tmp_path_factory: pytest.TempPathFactory) -> None:
    """The asked town's rows stand apart in the table; each is an item of the list, and no other town's row is."""
    service = made_up_service(tmp_path_factory, "town-rows", {"river-towns-annex.md": _ANNEX})
    answer = service.ask("Which of Orvik's projects are listed in the register?", mode="extractive")
    assert answer.found, answer.answer
    for project in ("Floating market pier", "Riverside cycle lane", "Lock gate automation"):
        assert project in answer.answer, answer.answer
    assert "Lessa" not in answer.answer and "Tamsk" not in answer.answer, answer.answer
