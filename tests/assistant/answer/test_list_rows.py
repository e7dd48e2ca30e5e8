"""A list question that names a group ('Which of Norwick's projects ...') gets that group's rows of a table or list,
not the first rows in reading order. Made-up documents, so no gold question or corpus entity is named."""

from __future__ import annotations

import pytest

from assistant.config import Settings
from assistant.service import AssistantService

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
    from ingest.pipeline import ingest_paths

    folder = tmp_path_factory.mktemp("rows-corpus")
    rows = "\n".join(f"{n}. {city} {project} {area}" for n, (city, project, area) in enumerate(_ROWS, start=1))
    (folder / "network-review.md").write_text(
        "# Review of the Lakeside Cities Network\n\n"
        "The network's members report their projects to the secretariat once a year. This review lists what each "
        "member city finished during the review period.\n\n"
        f"## Appendix\n\nList of completed network projects, by city:\n\n{rows}\n",
        encoding="utf-8")
    settings = Settings(data_dir=tmp_path_factory.mktemp("rows") / "data")
    assert ingest_paths([folder], settings, progress=False).files == 1
    return AssistantService(settings)


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
