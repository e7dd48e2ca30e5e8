"""A list question that names a group ('Which of Norwick's projects ...') gets that group's rows of a table or list,
not the first rows in reading order. Made-up documents, so no gold question or corpus entity is named."""

from __future__ import annotations

import pytest

from assistant.answer.context import with_antecedents, with_items
from assistant.answer.units import chunk_sentences
from assistant.models import Chunk, DocumentMeta, Passage
from assistant.service import AssistantService
from tests.conftest import made_up_service

_ROWS = [
    ("Velmora", "Harbour Sensor Grid", "Quality Environment"),
    ("Velmora", "Open Permit Portal", "Civic & Social"),
    ("Tarsin", "River Bus Ticketing", "Built Infrastructure"),
    ("Tarsin", "School Meal Tracker", "Civic & Social"),
    ("Tarsin", "Flood Siren Network", "Safety & Security"),
    ("Norwick", "Street Light Dimming", "Quality Environment"),
    ("Norwick", "Market Stall Payments", "Industry & Innovation"),
    ("Orlam", "Clinic Queue Display", "Health & Well-being"),
    ("Orlam", "Bridge Strain Monitor", "Safety & Security"),
    ("Orlam", "Tourist Wayfinding Kiosks", "Industry & Innovation"),
]


@pytest.fixture(scope="module")
def service(tmp_path_factory: pytest.TempPathFactory) -> AssistantService:
    rows = "\n".join(f"{n}. {city} {project} {area}" for n, (city, project, area) in enumerate(_ROWS, start=1))
    return made_up_service(tmp_path_factory, "rows", {
        "network-review.md":
            "# Review of the Lakeside Cities Network\n\n"
            "The network's members report their projects to the secretariat once a year. This review lists what "
            "each member city finished during the review period.\n\n"
            f"## Appendix\n\nList of completed network projects, by city:\n\n{rows}\n",
    })


def _items(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.startswith("- ")]


@pytest.mark.parametrize("city", ["Norwick", "Tarsin", "Orlam"])
def test_a_list_question_naming_a_group_gets_that_groups_rows(service: AssistantService, city: str) -> None:
    answer = service.ask(f"Which of {city}'s projects are listed as completed in the appendix?", mode="extractive")
    assert answer.found, answer.answer
    items = _items(answer.answer)
    wanted = [project for c, project, _ in _ROWS if c == city]
    assert all(any(project in item for item in items) for project in wanted), answer.answer
    others = [project for c, project, _ in _ROWS if c != city]
    assert not any(project in answer.answer for project in others), answer.answer


def test_a_list_question_naming_no_group_gets_the_rows_in_order(service: AssistantService) -> None:
    answer = service.ask("Which projects are listed as completed in the appendix?", mode="extractive")
    assert answer.found, answer.answer
    items = _items(answer.answer)
    assert len(items) >= 3, answer.answer
    assert _ROWS[0][1] in items[0], answer.answer



def _passage(text: str) -> Passage:
    meta = DocumentMeta(doc_id="note.md", source="note.md", title="Note on the ports of the coast")
    return Passage(chunk=Chunk(id="note.md#0", doc_id="note.md", text=text), meta=meta, score=1.0)


_NOTE = ("HARBOUR COUNCIL OF THE COAST\n\nThis note sets out the plan of the Harbour Council (HC).\n"
         "It was agreed by the members.\n"
         "Most of the region's growth will come from its ports, with 12 million more people expected to move to the "
         "port towns by 2040 and mid-sized ports forecast to carry 35% of the region's trade.\n"
         "However, this growth is not without its costs for the towns along the water.\n")


def test_a_list_lead_never_drops_the_sentence_that_answers() -> None:
    # 'figures do' makes it a list question; a letterhead followed by short lines looks like a list's lead, and the
    # rows naming 'HC' like the group asked: the best sentence is no row, and stays
    passage = _passage(_NOTE)
    sentences = chunk_sentences(passage.chunk, "en", 0, "en")
    best = next(s for s in sentences if "12 million" in s.text)
    chosen = [best, *(s for s in sentences if s.text.startswith(("HARBOUR", "This note")))]
    out = with_items("What growth figures do the HC documents cite?", chosen, sentences, [passage], "en", 9)
    assert best in out, [s.text for s in out]
    assert not out[0].text.startswith("HARBOUR"), [s.text for s in out]  # a letterhead leads nothing


def test_a_letterhead_is_no_antecedent() -> None:
    sentences = chunk_sentences(_passage("HARBOUR COUNCIL OF THE COAST\n\nIt was founded by the port towns.\n").chunk,
                                "en", 0, "en")
    founded = next(s for s in sentences if s.text.startswith("It was"))
    assert with_antecedents([founded], sentences) == [founded]
