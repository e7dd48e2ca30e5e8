"""Whose the counted things are: a count of another name's things, the roles the other way round, answers nothing."""

from __future__ import annotations

import pytest

from assistant.answer.question.intent import focus_words
from assistant.answer.question.owners import counted_nouns, owned_by_another, owners


@pytest.mark.parametrize(
    ("question", "sentence", "another"),
    [
        # the name before the noun: the roles swapped between the question and the sentence
        ("How many Tarlow students studied in Vennick last year?",
         "Last year 52 Vennick exchange students studied at the University of Tarlow.", True),
        ("How many Vennick students studied in Tarlow last year?",
         "Last year 52 Vennick exchange students studied at the University of Tarlow.", False),
        # 'from' after the noun
        ("How many bursaries will Corby give to students from Aldmere?",
         "Aldmere Polytechnic will give 8 bursaries a year to students from Corby.", True),
        ("How many bursaries will Aldmere give to students from Corby?",
         "Aldmere Polytechnic will give 8 bursaries a year to students from Corby.", False),
        # another place altogether is not the question's other name: the subject check judges it
        ("How many Tarlow students studied in Vennick last year?", "Mirelle has 96,000 students.", False),
    ],
)
def test_a_count_of_another_of_the_questions_names_things(question: str, sentence: str, another: bool) -> None:
    assert owned_by_another(sentence, question, focus_words(question)) is another


def test_only_the_plural_things_a_how_many_question_counts_have_owners() -> None:
    # a share's whole is no swapped owner: 'the overall Orvane projects' holds the asked ones
    question = "How did the share of Water Resilience projects in the Orvane portfolio change?"
    assert counted_nouns(question, focus_words(question)) == []
    assert not owned_by_another("Water Resilience accounts for 12% of the overall Orvane projects.", question,
                                focus_words(question))
    # a verb is no counted thing: its subject is not an owner ('Corby signed')
    assert counted_nouns("How many times did Corby sign?", ["times", "sign"]) == ["times"]


def test_adjectives_may_stand_between_the_name_and_its_noun_but_not_a_function_word() -> None:
    assert owners("18 Tarlow secondary students came.", ["students"]) == [frozenset({"tarlow"})]
    assert owners("Tarlow sent the students home.", ["students"]) == []
