"""A form's or a minutes' labelled fields ('Date: ...', 'Venue: ...') and an agreement's closing formula ('Done at
... on ...') answer 'when' and 'where' of what the document is about, though they never repeat the question's words;
sentences that date or place something else ('to hold a festival in Tarrow in June 2025', 'closed the meeting at
12:10', a plan to sign) do not. Made-up documents only."""

from __future__ import annotations

import pytest

from assistant.service import AssistantService
from tests.conftest import made_up_service

_MINUTES = """# Minutes of the Fourth Meeting of the Orvik-Tarrow Harbour Board

Date: Monday, 3 March 2025, 10:00-12:10

Venue: Blue Room, 2nd floor, Orvik Town Hall

## 1. Opening

The Chair welcomed the members of the board and recalled that the board has met every year since 2019.

## 2. Decisions

The board agreed to hold a harbour festival in Tarrow in June 2025, with a regatta and a fish market.

The board agreed to dredge the Tarrow channel before the autumn storms, at a cost shared equally by both towns.

## 3. Closing

The Fifth Meeting will be held in Tarrow in 2026. The Chair closed the meeting at 12:10.
"""


_AGREEMENT = """# Harbour Agreement between the Town of Orvik and the Town of Tarrow

## Article 1 - Purpose

The Towns shall cooperate in dredging, pilotage and the training of harbour staff.

## Article 2 - Entry into force

This Agreement shall enter into force on the date of its signature and remain in force for five years.

Done at Orvik Town Hall, Orvik, on 3 May 2025, in two original copies in English.
"""

_REPORT = """# Orvik Harbour Office Annual Report 2024

Talks with Tarrow on a harbour agreement were concluded in December 2024, and the signing of the agreement is
planned for April 2025 in Tarrow. The office trained 40 pilots in 2024.
"""


@pytest.fixture(scope="module")
def service(tmp_path_factory: pytest.TempPathFactory) -> AssistantService:
    return made_up_service(tmp_path_factory, "fields", {"harbour-board-minutes.md": _MINUTES,
                                                        "harbour-agreement.md": _AGREEMENT,
                                                        "harbour-report-2024.md": _REPORT})


def test_when_and_where_of_a_meeting_come_from_its_minutes_fields(service: AssistantService) -> None:
    answer = service.ask("When and where did the Fourth Meeting of the Orvik-Tarrow Harbour Board take place?")
    assert answer.found, answer.answer
    assert answer.answer.startswith("3 March 2025 [1]."), answer.answer
    assert "Orvik Town Hall" in answer.answer, answer.answer


def test_where_alone_opens_with_the_venue_field(service: AssistantService) -> None:
    answer = service.ask("Where was the Fourth Meeting of the Orvik-Tarrow Harbour Board held?")
    assert answer.found and answer.answer.startswith("Venue: Blue Room"), answer.answer


def test_an_agreements_closing_formula_says_when_and_where_it_was_signed(service: AssistantService) -> None:
    """'Done at Orvik Town Hall, Orvik, on 3 May 2025' never says 'signed'; a report's plan to sign does."""
    answer = service.ask("When and where was the harbour agreement between Orvik and Tarrow signed?")
    assert answer.found and answer.answer.startswith("3 May 2025 [1]."), answer.answer
    assert "Orvik Town Hall" in answer.answer, answer.answer


def test_a_signature_block_says_who_signed_without_the_word() -> None:
    from assistant.answer.question.fields import labelled_field
    from assistant.answer.question.intent import intent_of

    who_signed = intent_of("Who signed the Orvik-Tarrow agreement?")
    block = "Jana Holm Mayor, Town of Tarrow, Kingdom of Lunder Dated: 3 March 2025"
    assert "person" in labelled_field(block, who_signed)
    assert not labelled_field(block, intent_of("Who chairs the Orvik-Tarrow harbour board?"))  # no signing asked
    assert not labelled_field("The agreement was prepared by the harbour office of Tarrow.", who_signed)
