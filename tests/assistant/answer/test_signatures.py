"""An agreement's signature block ('For the City of X' / name / title, 'Done at X on <date>') answers who signed it
and when, though it never says 'signed'. Made-up documents, so no gold question or corpus entity is named."""

from __future__ import annotations

import pytest

from assistant.service import AssistantService
from tests.conftest import made_up_service

_MOU = """# Memorandum of Understanding on Friendship City Cooperation between the City of Arlow and the City of Benmore

The City of Arlow, Republic of Tarsk, and the City of Benmore, Kingdom of Ostra (hereinafter "the Parties"),

Desiring to strengthen the friendly relations between the peoples of the two cities,

Have agreed as follows:

Article 1. The Parties shall promote exchanges in urban planning, public health, culture and tourism.

Article 2. The Parties shall set up a joint working group which shall meet twice a year.

Article 3. This Memorandum shall enter into force on the date of its signature.

Done at Arlow on 14 May 2019, in two originals in the English language.

For the City of Arlow
Helga Marrow
Mayor of Arlow

For the City of Benmore
Tomas Elvey
Governor of Benmore
"""

_REPORT = """# Benmore International Relations Annual Report

In 2023 the Department of External Relations of Benmore handled 48 foreign delegations, up from 31 in 2022. The
exchange programme with Arlow sent 14 nursing students to Arlow General Hospital for a three-month placement.
"""


@pytest.fixture(scope="module")
def service(tmp_path_factory: pytest.TempPathFactory) -> AssistantService:
    return made_up_service(tmp_path_factory, "signatures", {"mou-arlow-benmore.md": _MOU,
                                                            "benmore-report-2023.md": _REPORT})


def test_who_signed_is_answered_by_the_signature_block(service: AssistantService) -> None:
    answer = service.ask("Who signed the Arlow-Benmore memorandum?", mode="extractive")
    assert answer.found, answer.answer
    assert "Helga Marrow" in answer.answer and "Tomas Elvey" in answer.answer, answer.answer


def test_when_it_was_signed_is_answered_by_the_signing_formula(service: AssistantService) -> None:
    answer = service.ask("When was the Arlow-Benmore memorandum signed?", mode="extractive")
    assert answer.found, answer.answer
    assert answer.answer.startswith("14 May 2019 [1]."), answer.answer
