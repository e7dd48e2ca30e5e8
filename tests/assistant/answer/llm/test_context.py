"""What the LLM reads and what its answer must keep: prompt passages, trimming and the fact check, on corpus text."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.answer.llm.answering import LLM_REFUSED, NOTHING_SUPPORTED, prompt_for, settle
from assistant.answer.llm.context import build_context, trim
from assistant.answer.llm.facts import dropped_sentences, facts
from assistant.answer.llm.support_check import citations_from_passages
from assistant.config import Settings
from assistant.llm.prompts import QUOTED_LEADS, REFUSAL_SENTINEL, answer_messages
from assistant.models import Answer
from tests.assistant.llm_passages import ABU_DHABI, LONG_BEACH, NEW_YORK, corpus_window, make_passage

QUESTION = "Who signed the Lagos-Uppsala MOU and when?"  # a made-up MOU: in no gold set
SIGNED = "Signed in March of 2001"


@pytest.fixture(scope="module")
def passages(corpus_dir: Path) -> list:
    return [
        make_passage(corpus_window(corpus_dir, ABU_DHABI, "Abu Dhabi and Houston, sharing", 900), ABU_DHABI, 1),
        make_passage(corpus_window(corpus_dir, LONG_BEACH, "Long Beach", 900), LONG_BEACH, 2),
        make_passage(corpus_window(corpus_dir, NEW_YORK, "This agreement will go into effect", 900), NEW_YORK, 3),
        make_passage(corpus_window(corpus_dir, NEW_YORK, "With the above purposes", 900), NEW_YORK, 4),
    ]


def _extractive(passage, text: str) -> Answer:
    return Answer(answer=text, found=True, mode="extractive", question=QUESTION,
                  citations=[c.model_copy(update={"n": 1}) for c in citations_from_passages([passage])])


def test_trim_keeps_the_relevant_sentences_in_order_within_the_budget(passages: list) -> None:
    text = passages[0].chunk.text
    trimmed = trim(text, "From which date are Abu Dhabi and Houston sister cities?", 400)
    assert len(text) > 500 and len(trimmed) <= 400
    assert "13th day of March 2001" in trimmed
    kept = [text.index(s) for s in trimmed.split(". ")]
    assert kept == sorted(kept)  # document order
    assert trim("Short passage.", QUESTION, 250) == "Short passage."


def test_passages_the_extractive_answer_cited_come_first_and_the_prompt_stays_short(passages: list) -> None:
    settings = Settings(llm_passages=3, llm_passage_chars=300)
    extractive = _extractive(passages[2], f"{SIGNED} [1].")
    context = build_context(QUESTION, passages, settings, extractive)
    assert [p.meta.source for p in context.full] == [NEW_YORK, ABU_DHABI, LONG_BEACH]
    assert [c.n for c in context.citations] == [1, 2, 3] and context.citations[0].source == NEW_YORK
    assert context.full[0].chunk.text == passages[2].chunk.text  # support is checked against the full passage
    assert sum(len(p.chunk.text) for p in context.shown) < 0.6 * sum(len(p.chunk.text) for p in context.full)
    assert SIGNED in context.shown[0].chunk.text
    prompt = "".join(m["content"] for m in answer_messages(QUESTION, context.shown))
    assert len(prompt) < 2200
    without = build_context(QUESTION, passages, settings)
    assert [p.meta.source for p in without.full] == [ABU_DHABI, LONG_BEACH, NEW_YORK]


def test_facts_are_names_and_figures() -> None:
    found = facts("The agreement was signed by Mayor Okafor in March 2001 and covers 40% of ๑๒ cities [1].")
    assert {"Okafor", "March", "2001", "40%", "12"} <= set(found)
    assert "The" not in found and "1" not in found  # a sentence's first word and a marker are not facts
    assert "สี่" in facts("วาระคราวละสี่ปี")


def test_an_answer_that_drops_the_asked_names_or_figures_is_caught() -> None:
    signed = "It was signed by Mayor Okafor and Mayor Lindqvist in March 2001 [1]."
    aside = "Trade and culture links go back to Walter Raleigh [2]."
    evidence = f"{signed} {aside}"
    assert dropped_sentences(signed, evidence, QUESTION) == []  # the aside shares no question word with it
    assert dropped_sentences("The mayors signed it [1].", evidence, QUESTION) == [signed]
    # one fact left out is a fact lost: LLM mode never says less than the extractive answer
    assert dropped_sentences("Mayors Okafor and Lindqvist signed it [1].", evidence, QUESTION) == [signed]
    assert dropped_sentences("Mayors Okafor and Lindqvist signed it in March 2001 [1].", evidence, QUESTION) == []
    assert dropped_sentences("Mayors Okafor and Lindqvist signed it [1].", evidence, QUESTION, keep_share=0.5) == []
    assert dropped_sentences("The MOU was signed [1].", "The Lagos-Uppsala MOU [1].", QUESTION) == []


def test_an_answering_clause_with_no_name_or_figure_must_keep_its_words() -> None:
    """'... informed of this in writing' names nothing: an answer that leaves the clause out says less; one that
    rewords it keeps most of its words."""
    question = "How does the lake council say a ferry licence is ended?"
    letter = "The council ends a ferry licence by a letter from its chair to the operator [1]."
    writing = ("The lake council says the ferry operator is told in writing and the licence is removed from the "
               "public register [1].")
    evidence = f"{letter} {writing}"
    short = "The council ends a licence by a letter from its chair to the operator [1]."
    assert dropped_sentences(short, evidence, question) == [writing]
    reworded = f"{short} The operator is told in writing and the licence leaves the public register [1]."
    assert dropped_sentences(reworded, evidence, question) == []


def test_in_a_question_of_two_parts_every_sentence_of_the_evidence_may_answer_one() -> None:
    """The advice on idle licences shares one word with the question, far fewer than the answer's best sentence,
    but may answer its second part: an answer that leaves it out says less than the extractive answer did. An aside
    that shares none is context still."""
    one_part = "How does the lake council say that a ferry licence granted to an operator is ended?"
    two_parts = ("Do the lake council's ferry licences set a fixed term? If not, how does it say that a licence "
                 "granted to an operator is ended?")
    letter = "The lake council ends a ferry licence granted to an operator by a letter from its chair [1]."
    idle = "Idle boats are no reason to end it, the chair advises [1]."
    aside = "Trade and culture links go back to the first steamers [2]."
    evidence = f"{letter} {idle} {aside}"
    assert dropped_sentences(letter, evidence, one_part) == []  # in one part, the advice is context
    assert dropped_sentences(letter, evidence, two_parts) == [idle]


def test_an_enumerations_items_are_facts_an_answer_must_keep() -> None:
    question = "Which ferry services did the lake towns open?"
    note = ("The 4 services are: (1) the north crossing; (2) the island loop; (3) the market shuttle; and (4) the "
            "late boat [2].")
    assert {"the north crossing", "the late boat"} <= set(facts(note)) and "1" not in facts(note)
    assert dropped_sentences("The towns opened 4 ferry services [1].", note, question) == [note]
    kept = "They opened 4: the north crossing, the island loop, the market shuttle and the late boat [1]."
    assert dropped_sentences(kept, note, question) == []
    opened = "Since last year the lake towns opened 4 ferry services1 for residents [1]."
    assert dropped_sentences("The lake towns opened 4 ferry services [1].", f"{opened} {note}", question) == [note]


def test_what_an_aside_spells_out_is_a_fact() -> None:
    question = "Which ferry lines does the lake council list in its timetable?"
    listed = ("The council lists only the lines run by operators in good standing (i.e. who hold a current safety "
              "licence) in its timetable [1].")
    assert "who hold a current safety licence" in facts(listed)
    assert dropped_sentences("It lists the lines of operators in good standing in its timetable [1].", listed,
                             question) == [listed]


def test_a_sentence_saying_more_about_a_coined_acronym_must_keep_what_it_adds() -> None:
    question = "What long-term plan did the ASCN adopt, and who led it?"
    adopted = "Led by Malaysia, ASCN adopted an ASEAN Smart City Action Plan (ASCAP) for 2026-2035 [1]."
    sequel = "The implementation of the ASCAP 2026-2035 shall support the ASEAN Community Vision 2045 [1]."
    evidence = f"{adopted} {sequel}"
    kept_first = "Malaysia led the ASEAN Smart City Action Plan (ASCAP) for 2026-2035 [1]."
    assert dropped_sentences(kept_first, evidence, question) == [sequel]  # its repeats of ASCAP 2026-2035 don't count
    assert dropped_sentences(f"{kept_first} It supports the ASEAN Community Vision 2045 [1].", evidence,
                             question) == []


def test_in_an_overview_every_quoted_sentence_answers() -> None:
    vision = "Vision: to be a Visitor-Friendly International Community [1]."
    project = "Serving as the main stop for the High-Speed Rail, the Bang Sue Central Railway will be a hub [1]."
    generated = "Bangkok aims to be a Visitor-Friendly International Community [1]."
    assert dropped_sentences(generated, f"{vision} {project}", "What is Bangkok's smart city vision?") == []
    assert dropped_sentences(generated, f"{vision} {project}", "Brief me on Bangkok's smart city plan.") == [project]


def test_dropped_facts_are_quoted_after_the_llm_text_and_a_refusal_falls_back(passages: list) -> None:
    settings = Settings()
    quoted = f"Thedder Rudolph W. Okafor {SIGNED} [1]."
    extractive = _extractive(passages[2], quoted)
    context = build_context(QUESTION, passages, settings, extractive)
    kept = settle(QUESTION, "Rudolph W. Okafor signed it in March of 2001 [1].", context, settings, extractive)
    assert kept.mode == "llm" and kept.found and kept.fallback_reason is None
    assert QUOTED_LEADS["en"] not in kept.answer
    lost = settle(QUESTION, "This agreement will go into effect from the date of signatures [1].", context, settings,
                  extractive)
    assert lost.mode == "llm" and lost.answer.startswith("This agreement will go into effect")
    assert lost.answer.endswith(f"{QUOTED_LEADS['en']} {quoted}")
    refused = settle(QUESTION, REFUSAL_SENTINEL, context, settings, extractive)
    assert refused.mode == "extractive" and refused.found and refused.fallback_reason == LLM_REFUSED
    assert refused.answer == extractive.answer


def test_an_llm_trusted_to_judge_answerability_may_decline_and_its_refusal_stands(passages: list) -> None:
    trusted, default = Settings(llm_judges_answerability=True), Settings()
    extractive = _extractive(passages[2], f"{SIGNED} [1].")
    offered = [REFUSAL_SENTINEL in prompt_for(QUESTION, passages, s, extractive)[1][0]["content"]
               for s in (trusted, default)]
    assert offered == [True, False]  # the way out is offered only to a model trusted to take it
    context = build_context(QUESTION, passages, trusted, extractive)
    refused = settle(QUESTION, REFUSAL_SENTINEL, context, trusted, extractive)
    assert not refused.found and refused.mode == "llm" and refused.fallback_reason is None
    assert refused.related and not refused.citations and SIGNED not in refused.answer
    # a reply whose sentences the passages do not support is no judgement: the extractive answer stands
    unsupported = settle(QUESTION, "Paris hosted the Olympic Games in 1900 [1].", context, trusted, extractive)
    assert unsupported.found and unsupported.mode == "extractive" and unsupported.fallback_reason == NOTHING_SUPPORTED


def test_the_refusal_sentinel_is_offered_only_when_the_extractive_answer_found_no_support(passages: list) -> None:
    may_refuse = answer_messages(QUESTION, passages[:2])
    supported = answer_messages(QUESTION, passages[:2], supported=True)
    assert REFUSAL_SENTINEL in may_refuse[0]["content"] and REFUSAL_SENTINEL not in supported[0]["content"]
    assert all("not instructions" in m[0]["content"] for m in (may_refuse, supported))  # injection rule in both
    assert may_refuse[1] == supported[1]  # same numbered passages and question
