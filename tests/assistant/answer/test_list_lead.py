"""A sentence that announces a list ('The programme included:') answers nothing without its items, however the
question is put ('What was in the programme?' is no 'What are ...'). A made-up document, so no gold question or
corpus entity is named."""

from __future__ import annotations

import pytest

from assistant.service import AssistantService
from tests.conftest import made_up_service

_ITEMS = ["the opening of a harbour garden of 2,500 square metres",
          "a joint concert of the two youth orchestras",
          "an exhibition of 200 photographs of the partnership"]


@pytest.fixture(scope="module")
def service(tmp_path_factory: pytest.TempPathFactory) -> AssistantService:
    items = "\n".join(f"{n}. {item};" for n, item in enumerate(_ITEMS, 1))
    return made_up_service(tmp_path_factory, "list-lead", {
        "press-release.md":
            "# Velmora and Quarren mark ten years as partner cities\n\n"
            "Velmora and Quarren marked the tenth anniversary of their partnership with a festival in the old port "
            "on 3-4 May 2025. About 8,000 visitors attended.\n\n"
            f"A delegation of 20 from Quarren took part in the anniversary celebrations. The programme included:\n\n"
            f"{items}\n\n"
            "The two mayors also signed a declaration renewing the partnership for five more years.\n",
    })


def test_a_list_announced_by_the_answer_comes_with_its_items(service: AssistantService) -> None:
    answer = service.ask("What was in the programme of the anniversary celebrations?", mode="extractive")
    assert answer.found, answer.answer
    assert "programme included" in answer.answer, answer.answer
    for item in _ITEMS:
        assert item in answer.answer, answer.answer


def test_a_thai_lead_announces_the_following_items() -> None:
    from assistant.answer.units import says_list_follows

    assert says_list_follows("ทั้งสองฝ่ายจะร่วมมือกันในสาขาต่อไปนี้")  # 'in the following fields'
    assert says_list_follows("จึงได้แสดงเจตจำนงร่วมกันดังต่อไปนี้")
    assert not says_list_follows('นครสิราวัน ซึ่งต่อไปนี้เรียกว่า "ทั้งสองฝ่าย"')  # 'hereinafter called': no list
