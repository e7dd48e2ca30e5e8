"""Questions about an agreement's clauses, over a made-up declaration the engine was never fitted on: who bears a
cost, how many may take part, how often a body meets, who signed and when. Each was refused before its fix."""

from __future__ import annotations

import pytest

from assistant.service import AssistantService
from tests.conftest import made_up_service

_DECLARATION = """# Joint Declaration on Flood Resilience Cooperation between the City of Arlow and the City of Benmore

The City of Arlow, Republic of Tarsk, and the City of Benmore, Kingdom of Ostra (hereinafter "the Cities"),

Have agreed as follows:

## Article 1 – Implementation

A Joint Flood Committee of six members, three appointed by each City, shall prepare a two-year work programme.
The Committee shall meet twice a year. Each City shall bear the travel costs of its own members.
The Cities shall exchange river gauge data every quarter.

## Article 2 – Staff exchange

Each year, up to five engineers from each City may spend between four and eight weeks in the other City's
civil protection department.

## Article 3 – Entry into force

This Declaration shall enter into force on the date of its signature and remain in force for five years.

Done at Arlow on 14 May 2019, in two originals in the English language.

For the City of Arlow

Helga Marrow

Mayor of Arlow

For the City of Benmore

Tomas Elvey

Governor of Benmore
"""


@pytest.fixture(scope="module")
def service(tmp_path_factory: pytest.TempPathFactory) -> AssistantService:
    return made_up_service(tmp_path_factory, "clauses", {"arlow-benmore-declaration.md": _DECLARATION})


@pytest.mark.parametrize(("question", "expected"), [
    ("Who pays the travel costs of Committee members?", "Each City shall bear the travel costs"),
    ("How many engineers can each city send each year?", "up to five engineers"),
    ("How often do the cities exchange river gauge data?", "every quarter"),
    ("Who signed the declaration for Benmore?", "Tomas Elvey"),
    ("When was the Arlow-Benmore declaration signed?", "14 May 2019"),
])
def test_a_clause_question_is_answered_from_the_clause(service: AssistantService, question: str,
                                                        expected: str) -> None:
    answer = service.ask(question, mode="extractive")
    assert answer.found and expected in answer.answer, answer.answer


def test_a_question_the_declaration_does_not_answer_is_still_refused(service: AssistantService) -> None:
    answer = service.ask("Who chairs the Joint Flood Committee?", mode="extractive")
    assert not answer.found, answer.answer
