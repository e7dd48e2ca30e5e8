"""An amount asked about against a rule's thresholds: the clause whose range holds it answers. Made-up documents,
so no gold question or corpus entity is named."""

from __future__ import annotations

import math

import pytest

from assistant.answer.question.thresholds import asked_amount, range_of, within_thresholds
from tests.conftest import made_up_service

_CLAUSES = [
    "(1) a purchase with a value of not more than five hundred thousand crowns, by the head of the unit;",
    ("(2) a purchase with a value of more than five hundred thousand crowns but not more than ten million crowns, "
     "by the Harbour Board;"),
    "(3) a purchase with a value of more than ten million crowns, by the Mayor on the opinion of the Board.",
    "The Harbour Board meets once a month.",
]


def test_a_clause_reads_as_the_range_its_comparisons_set() -> None:
    assert range_of(_CLAUSES[0]) == (-math.inf, 500_000)
    low, high = range_of(_CLAUSES[1])
    assert 500_000 < low < 500_001 and high == 10_000_000
    assert range_of(_CLAUSES[2])[1] == math.inf
    assert range_of(_CLAUSES[3]) is None
    assert range_of("Moreover 5 million crowns were paid.") is None  # 'over' only as a word
    assert range_of("ต้องได้รับอนุมัติเมื่อมีมูลค่าไม่เกินสองล้านบาท") == (-math.inf, 2_000_000)


@pytest.mark.parametrize(("question", "amount"), [
    ("Who approves a purchase worth 4 million crowns?", 4_000_000),
    ("Who approves a purchase of 750,000 crowns?", 750_000),
    ("Who approves a purchase worth two million crowns?", 2_000_000),
    ("How many purchases were approved in 2024?", None),  # a year is no amount
    ("How many boats does the harbour have?", None),
])
def test_the_amount_a_question_names(question: str, amount: float | None) -> None:
    assert asked_amount(question) == amount


def test_more_than_an_amount_asks_just_past_it() -> None:
    assert 20_000_000 < asked_amount("การจัดซื้อที่มีมูลค่าเกินยี่สิบล้านบาทต้องได้รับอนุมัติจากใคร") < 20_000_100


def test_the_clause_holding_the_amount_leads_and_those_excluding_it_go() -> None:
    assert within_thresholds("Who approves a purchase worth 4 million crowns?", _CLAUSES) == [1, 3]
    assert within_thresholds("Who approves a purchase worth 40 million crowns?", _CLAUSES) == [2, 3]
    assert within_thresholds("Who chairs the Harbour Board?", _CLAUSES) is None


_RULES = """# Harbour Purchasing Rules of the Town of Pellin

Rule 1. These Rules apply to every purchase made by the Harbour Office of Pellin.

Rule 2. A purchase shall be approved:

""" + "\n\n".join(_CLAUSES[:3]) + """

Rule 3. The Harbour Board meets once a month and keeps a register of the purchases it approved.
"""


def test_who_approves_an_amount_is_answered_by_the_clause_that_holds_it(
        tmp_path_factory: pytest.TempPathFactory) -> None:
    service = made_up_service(tmp_path_factory, "thresholds", {"harbour-purchasing-rules.md": _RULES})
    answer = service.ask("Who approves a purchase worth 4 million crowns?", mode="extractive")
    assert answer.found, answer.answer
    first = answer.answer.split("[1]")[0]
    assert "by the Harbour Board" in first and "by the Mayor" not in answer.answer, answer.answer
