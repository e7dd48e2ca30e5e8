"""Which questions ask for a list (pure functions, no index)."""

from __future__ import annotations

from assistant.answer.question.listing import is_list_question


def test_a_plural_subject_asks_for_a_list_but_not_in_a_count_or_a_date_range() -> None:
    assert is_list_question("Which Seldaran cities have projects in the appendix?")
    assert is_list_question("What statistics do the reports cite?")
    assert not is_list_question("How many delegates were there in 2019?")
    assert not is_list_question("On which dates did the cities meet in Tarlow?")


def test_who_were_the_members_asks_for_a_list_of_people() -> None:
    assert is_list_question("Who were the members of the delegation to Tarrow?")
    assert is_list_question("Who are the signatories?")
    assert is_list_question("Who attended the meeting from Orsa?")  # a meeting's people
    assert is_list_question("Who took part in the forum?")
    assert not is_list_question("Who chaired the meeting?")
    assert is_list_question("What did the committee agree at its third meeting?")  # its decisions
    assert is_list_question("What was recommended?")
    assert not is_list_question("When did the committee agree to meet?")
    assert not is_list_question("Who was the head of the delegation?")
    assert not is_list_question("Who is responsible for the costs?")


def test_which_or_what_before_a_plural_noun_asks_for_the_things_it_names() -> None:
    assert is_list_question("Which areas of cooperation are listed in the Dunmore agreement?")
    assert is_list_question("What documents has the Mayor of Corvin signed?")
    assert is_list_question("Which towns joined the network in 2023?")
    assert is_list_question("What sections make up the Corvin Office?")
    assert not is_list_question("Which city hosts the secretariat?")  # a verb in 's', then its object
    assert not is_list_question("Which department coordinates the agreement?")
    assert not is_list_question("What is Jonas Tarlow's position?")
    assert not is_list_question("What progress did Orvane report?")
    assert not is_list_question("Which years did the towns meet in Dunmore?")  # dates: one value each
