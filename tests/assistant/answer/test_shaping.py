"""The answer's shape: the value as a lead when one can be read off, and highlights that find sentences in passages."""

from __future__ import annotations

from assistant.answer.question.intent import intent_of
from assistant.answer.selection import Chosen
from assistant.answer.shaping import answer_order, lead_value, span_of, with_marker
from assistant.answer.units import Sentence
from assistant.retrieval.support import unit_of


def test_a_count_is_read_off_when_one_number_counts_the_thing_asked() -> None:
    question = "How many pilot cities joined the network?"
    assert lead_value(question, intent_of(question), "In 2018, 26 pilot cities were named.") == "26 pilot cities"
    # two counts of the same thing: which one answers is not for a pattern to say
    two = "It grew from 65 projects in 2021 to 77 projects this year."
    assert lead_value("How many projects are there?", intent_of("How many projects are there?"), two) is None
    # a year is not a count
    assert lead_value(question, intent_of(question), "The 2018 cities met in Singapore.") is None


def test_a_count_is_read_off_whole_a_part_of_a_whole_and_not_from_a_year_before_a_comma() -> None:
    question = "How many of the plan's activities were completed?"
    # the whole alone ('12 activities') answers how many there were, not how many were completed
    assert lead_value(question, intent_of(question),
                      "By March, 9 of the 12 activities had been completed.") == "9 of the 12 activities"
    question = "How many people visited the Tarnby lantern fair?"
    # '2025,' is a year, and the words after its comma count nothing
    assert lead_value(question, intent_of(question),
                      "The fair ran in June 2025, and the lantern fair drew 56,000 people.") == "56,000 people"
    assert lead_value(question, intent_of(question), "It ran in 2025, and the fair closed early.") is None


def test_a_date_is_read_off_only_when_the_sentence_states_one() -> None:
    question = "When was the framework endorsed?"
    intent = intent_of(question)
    assert lead_value(question, intent, "It was endorsed on 8 July 2018 in Singapore.") == "8 July 2018"
    assert lead_value(question, intent, "Drafted in May 2018, it was endorsed on 8 July 2018.") is None
    # a range of days is one date: its last day alone would be wrong
    assert lead_value(question, intent, "Date: 14-16 October 2027; Venue: Lorsk Hall") == "14-16 October 2027"
    assert lead_value(question, intent, "It meets from 3 to 5 June 2029.") == "3 to 5 June 2029"
    assert lead_value("Which cities were endorsed?", intent_of("Which cities were endorsed?"),
                      "It was endorsed on 8 July 2018.") is None  # not a fact question about a date


def test_span_of_finds_a_rewrapped_sentence_in_its_passage() -> None:
    passage = "Title line\n\nThe ASCN was set up\nin 2018 by the AMS.  Next sentence."
    start, end = span_of(passage, "The ASCN was set up in 2018 by the AMS.")
    assert passage[start:end] == "The ASCN was set up\nin 2018 by the AMS."
    assert span_of(passage, "Not in the passage.") is None


def test_the_marker_goes_before_the_final_stop() -> None:
    assert with_marker("Signed in 2001.", 2) == "Signed in 2001 [2]."
    assert with_marker("The items are:", 1) == "The items are [1]:"
    assert with_marker("The plan needs a waste expert. . . .", 3) == "The plan needs a waste expert [3]."  # a dot leader
    assert with_marker("It was delayed...", 1) == "It was delayed [1]..."  # an ellipsis is no leader
    assert with_marker("No stop", 3) == "No stop [3]"


def _sentence(text: str, position: int, score: float, antecedent: int | None = None) -> Sentence:
    return Sentence(text=text, rank=0, position=position, unit=unit_of(text), cross_lingual=False, score=score,
                    antecedent=antecedent)


def test_a_one_part_answer_opens_with_its_best_sentence() -> None:
    """The direct answer first, what stands beside it after; a sentence that leans on the one before it ('It ...')
    keeps that one in front. A question in parts is answered in reading order."""
    visitors = _sentence("The website had 210,000 visitors.", 0, 0.6)
    solar = _sentence("The solar panels produced 380 megawatt-hours.", 1, 0.99)
    chosen = Chosen([visitors, solar], [])
    assert answer_order(chosen, intent_of("How much electricity did the solar panels produce?")) == [solar, visitors]
    assert answer_order(chosen, intent_of("How many visitors came, and how much power was made?")) == [visitors, solar]
    panels = _sentence("The academy has solar panels.", 1, 0.5)
    made = _sentence("They produced 380 megawatt-hours.", 2, 0.99, antecedent=1)
    chosen = Chosen([visitors, panels, made], [])
    assert answer_order(chosen, intent_of("How much electricity did the panels produce?")) == [panels, made, visitors]


def test_the_opening_selection_chose_leads_even_when_another_sentence_scores_higher() -> None:
    """Selection decides the opening (for 'who', a sentence naming someone); shaping keeps it and reads its lead
    value from it, rather than deciding again by score."""
    met = _sentence("The councils of Dravik and Holme met in Dravik in 2027.", 0, 0.9)
    signed = _sentence("The accord was signed on 2 May 2027 by Mayor Ilse Varga.", 1, 0.7)
    question = "When was the Dravik-Holme accord signed?"
    chosen = Chosen([met, signed], [], opening=signed)
    assert answer_order(chosen, intent_of(question))[0] is signed
    assert answer_order(Chosen([met, signed], []), intent_of(question))[0] is met  # no opening chosen: the score
