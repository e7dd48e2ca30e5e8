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


_VISIT = """# Report of the Study Visit of the Town of Kestrel to Varnholm

## 1. Purpose

The visit studied how Varnholm runs its harbour ferries and its night buses.

## 2. Members of the delegation

The delegation of four members was led by Mr. Aldo Brenner, Director of the Transport Department.

1. Mr. Aldo Brenner, Director of the Transport Department (head of delegation)
2. Ms. Wilma Tarsk, Head of the Ferry Office
3. Mr. Emil Corran, Chief Engineer, North Depot
4. Ms. Ilse Marvik, interpreter

## 3. Programme

The delegation visited the ferry terminal on 3 May and the night bus depot on 4 May.
"""


def test_who_were_the_members_gets_every_member(tmp_path_factory: pytest.TempPathFactory) -> None:
    """'Who were the members' asks for people, one per item: the section's list, not the one sentence naming the
    head of the delegation."""
    service = made_up_service(tmp_path_factory, "members-list", {"visit-report.md": _VISIT})
    answer = service.ask("Who were the members of the delegation to Varnholm?", mode="extractive")
    assert answer.found, answer.answer
    for name in ("Aldo Brenner", "Wilma Tarsk", "Emil Corran", "Ilse Marvik"):
        assert name in answer.answer, answer.answer


_CLAUSES = ["Agree to establish a Storm Surge Task Force, composed of one engineer from each member harbour city, to "
            "be operational by March 2027",
            "Adopt the Tarlow Sea Harbour Guidelines annexed to this Joint Statement",
            "Commit to raise the sea walls of every member harbour by at least 80 centimetres by 2035",
            "Task the Secretariat to report on the implementation of this Joint Statement at the Fourth Meeting of "
            "Harbour Mayors, to be held in Dunmore in 2028"]


def test_a_list_of_long_clauses_is_read_from_the_line_that_announces_it(
        tmp_path_factory: pytest.TempPathFactory) -> None:
    """The likeliest clause is the list's second ('Adopt the ... Joint Statement'): the answer is the list from its
    lead, every clause in order, however long ('...;' ends an item of an enumeration)."""
    clauses = "\n\n".join(f"{n}. {clause};" for n, clause in enumerate(_CLAUSES, 1))
    service = made_up_service(tmp_path_factory, "long-clauses", {
        "tarlow-joint-statement-2026.txt":
            "Joint Statement of the Third Meeting of Harbour Mayors of the Tarlow Sea\n\n"
            "We, the Mayors of the harbour cities of the Tarlow Sea, gathered in Orvane on 12 May 2026.\n\n"
            f"Hereby:\n\n{clauses}\n\nAdopted in Orvane on 12 May 2026.\n"})
    answer = service.ask("What did the mayors agree in the Tarlow Sea joint statement?", mode="extractive")
    assert answer.found, answer.answer
    found = [answer.answer.find(clause) for clause in _CLAUSES]
    assert all(f >= 0 for f in found) and found == sorted(found), answer.answer
