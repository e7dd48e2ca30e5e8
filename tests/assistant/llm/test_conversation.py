"""Follow-up questions become standalone: by rule without an LLM, by the real local LLM with one."""

from __future__ import annotations

from assistant.config import Settings
from assistant.llm.conversation import is_follow_up, rewrite_question
from assistant.llm.client import LLMClient

EN_HISTORY = [
    {"role": "user", "content": "When was the Abu Dhabi - Houston sister cities agreement signed?"},
    {"role": "assistant", "content": "It was signed on 26 October 2002 [1]."},
]
TH_HISTORY = [
    {"role": "user", "content": "พระราชบัญญัติระเบียบบริหารราชการกรุงเทพมหานครกำหนดวาระของผู้ว่าราชการไว้กี่ปี"},
    {"role": "assistant", "content": "สี่ปี [1]"},
]


def test_english_follow_up_gets_the_previous_subject() -> None:
    rewritten = rewrite_question(EN_HISTORY, "and who signed it?", None)
    assert rewritten.startswith("and who signed it?")
    assert "Abu Dhabi" in rewritten and "Houston" in rewritten and "agreement" in rewritten
    assert "When" not in rewritten  # question words of the old question are not key phrases


def test_thai_follow_up_gets_the_previous_subject() -> None:
    rewritten = rewrite_question(TH_HISTORY, "แล้วมันประกาศใช้เมื่อไร", None)
    assert rewritten.startswith("แล้วมันประกาศใช้เมื่อไร")
    assert "พระราชบัญญัติระเบียบบริหารราชการกรุงเทพมหานคร" in rewritten
    assert "กี่" not in rewritten.split("(", 1)[1]


def test_standalone_question_is_left_alone() -> None:
    question = "What are the three strategies of the 5-year foreign affairs plan?"
    assert rewrite_question(EN_HISTORY, question, None) == question
    assert not is_follow_up(question)


def test_no_history_means_no_rewrite() -> None:
    assert rewrite_question([], "and who signed it?", None) == "and who signed it?"


def test_follow_up_of_a_follow_up_keeps_the_original_subject() -> None:
    history = EN_HISTORY + [{"role": "user", "content": "and who signed it?"}, {"role": "assistant", "content": "..."}]
    assert "Houston" in rewrite_question(history, "and in which languages?", None)


def test_unreachable_llm_falls_back_to_the_rule() -> None:
    from tests.conftest import free_port

    client = LLMClient(Settings(llm_base_url=f"http://127.0.0.1:{free_port()}/v1", llm_timeout_s=5))
    assert "Houston" in rewrite_question(EN_HISTORY, "and who signed it?", client)


def test_llm_rewrite_is_standalone(local_llm: str) -> None:
    client = LLMClient(Settings(llm_base_url=local_llm, llm_timeout_s=120, request_timeout_s=600))
    rewritten = rewrite_question(EN_HISTORY, "and who signed it?", client)
    assert "Houston" in rewritten or "Abu Dhabi" in rewritten
    assert "sign" in rewritten.lower()
    assert "\n" not in rewritten
