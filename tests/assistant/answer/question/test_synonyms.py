"""A question in other words than the documents': the passages' own word for what is asked ('inhabitants' for
'population') answers it, and a question about something no passage word means is still refused. Made-up
documents, so no gold question or corpus entity is named."""

from __future__ import annotations

import pytest

from assistant.service import AssistantService
from tests.conftest import made_up_service

_PROFILE = """# Dravenmoor at a glance

Dravenmoor, a port city of 412,000 inhabitants, lies on the northern coast of Velland.
City Hall has 1,240 employees in eleven departments.
The harbour handled 3.1 million tonnes of cargo in 2024.
"""


_PERMITS = """# Parking permits in Dravenmoor

Residents may apply for a parking permit at any district office.
A permit is valid for one year and may be renewed online.
"""


@pytest.fixture(scope="module")
def service(tmp_path_factory: pytest.TempPathFactory) -> AssistantService:
    return made_up_service(tmp_path_factory, "synonyms", {"dravenmoor-profile.md": _PROFILE,
                                                          "dravenmoor-permits.md": _PERMITS})


@pytest.mark.parametrize(("question", "value"), [("What is the population of Dravenmoor?", "412,000"),
                                                 ("How many staff work at Dravenmoor City Hall?", "1,240")])
def test_the_documents_own_word_answers(service: AssistantService, question: str, value: str) -> None:
    answer = service.ask(question)
    assert answer.found and value in answer.answer, answer.answer


def test_a_word_used_elsewhere_is_answered_by_the_values_own_word(service: AssistantService) -> None:
    """'residents' is a word of the permits notice, which states no count of them; the profile counts the city's
    people as 'inhabitants'."""
    answer = service.ask("How many residents does Dravenmoor have?")
    assert answer.found and "412,000" in answer.answer, answer.answer


def test_no_synonym_no_answer(service: AssistantService) -> None:
    answer = service.ask("What is the unemployment rate of Dravenmoor?")
    assert not answer.found, answer.answer


def test_verbs_are_not_looked_up() -> None:
    from assistant.answer.question.synonyms import _named_thing

    assert _named_thing("population", "What is the population of Dravenmoor?")
    assert _named_thing("position", "What is Jonas Marr's position?")
    assert not _named_thing("receive", "What budget did the committee receive?")
