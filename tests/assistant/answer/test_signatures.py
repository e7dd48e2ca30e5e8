"""Signature blocks: 'who signed' gets every signer of the agreement, not one of them beside a sentence of another
document that names the same city. Made-up documents."""

from __future__ import annotations

import pytest

from assistant.answer.signatures import is_signature
from assistant.service import AssistantService
from tests.conftest import made_up_service

_MOU = """# Memorandum of Understanding between the City of Tarrow and the City of Lindqvist

Article 1. The Parties shall cooperate in urban heat management, cycling and youth exchange.

Article 2. This Memorandum shall take effect on the date of its signature.

""" + "\n\n".join(f"Article {n}. The Parties shall exchange experts in field {n} of the action plan, each city "
                   f"paying the travel of its own staff, and report on the exchanges to the Joint Committee every "
                   f"year." for n in range(3, 12)) + """

Signed in duplicate at Lindqvist on 4 May 2025.

For the City of Tarrow

(signed)
Mr. Oskar Brannvik
Mayor of Tarrow

For the City of Lindqvist

(signed)
Ms. Hedda Solmark
Mayor of Lindqvist
"""
_REPORT = """# Annual report of the Tarrow International Office

Tarrow and Pell signed a sister-city agreement on 3 February 2025, and Lindqvist became a partner in 2025. Tarrow and Ostra signed a friendship
agreement in 2024. The Office received 40 foreign delegations.
"""


@pytest.fixture(scope="module")
def service(tmp_path_factory: pytest.TempPathFactory) -> AssistantService:
    return made_up_service(tmp_path_factory, "signers", {"mou.md": _MOU, "report.md": _REPORT})


def test_who_signed_gets_both_signers_of_the_block(service: AssistantService) -> None:
    answer = service.ask("Who signed the memorandum between Tarrow and Lindqvist?")
    assert answer.found, answer.answer
    assert "Oskar Brannvik" in answer.answer and "Hedda Solmark" in answer.answer, answer.answer


def test_a_signature_line_is_a_name_then_an_office() -> None:
    assert is_signature("Ms. Hedda Solmark Mayor of Lindqvist")
    assert is_signature("Dr. Siri Ekadal Director, International Relations Office")
    assert not is_signature("The Mayor of Lindqvist signed the memorandum.")
    assert not is_signature("Mayor of Lindqvist")
