"""A question about a year after every retrieved document was written asks for something those documents cannot
report ('who won the 2021 election' over a 2015 report), while a target set for a later year ('by 2030') is theirs to
state. Made-up documents, so no gold question or corpus entity is named."""

from __future__ import annotations

import pytest

from assistant.answer.answerability import after_sources
from assistant.answer.question.occasions import asked_years
from assistant.service import AssistantService
from tests.conftest import made_up_service


@pytest.fixture(scope="module")
def service(tmp_path_factory: pytest.TempPathFactory) -> AssistantService:
    return made_up_service(tmp_path_factory, "dated", {
        "harbour-council-review.md":
            "# Harbour Council annual review\n\n"
            "The Harbour Council election of 2014 was won by Mara Okonjo, who took 61% of the votes cast.\n\n"
            "The council aims to plant 5,000 street trees by 2030 under its green streets programme.\n\n"
            "Council meetings are held on the first Monday of each month in the old customs house.\n",
        "catalog.toml":
            '["harbour-council-review.md"]\ntitle = "Harbour Council annual review"\nkind = "other"\ndate = "2015-06"\n',
    })


def test_a_year_is_asked_as_a_time_unless_it_is_a_target_or_a_span() -> None:
    assert asked_years("Who won the 2021 election?") == {2021}
    assert asked_years("ผู้ชนะการเลือกตั้งปี พ.ศ. 2564 คือใคร") == {2021}  # Buddhist Era
    assert asked_years("ผู้ชนะการเลือกตั้งปี พ.ศ. ๒๕๖๔ คือใคร") == {2021}  # in Thai digits
    assert asked_years("How many trees will be planted by 2030?") == set()
    assert asked_years("What is the target for 2030?") == set()
    assert asked_years("What does the 2023-2027 plan say?") == set()


def test_a_question_after_every_source_is_refused_and_one_within_them_answered(service: AssistantService) -> None:
    later = service.analyse("Who won the Harbour Council election of 2021?")
    assert after_sources(later)
    assert not service.ask("Who won the Harbour Council election of 2021?", mode="extractive").found
    within = service.analyse("Who won the Harbour Council election of 2014?")
    assert not after_sources(within)
    answer = service.ask("Who won the Harbour Council election of 2014?", mode="extractive")
    assert answer.found and "Okonjo" in answer.answer, answer.answer


def test_a_target_set_for_a_later_year_is_answered(service: AssistantService) -> None:
    question = "How many street trees does the council aim to plant by 2030?"
    assert not after_sources(service.analyse(question))
    answer = service.ask(question, mode="extractive")
    assert answer.found and "5,000" in answer.answer, answer.answer
