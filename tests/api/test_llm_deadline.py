"""LLM mode through HTTP while the one local LLM is busy: every question is answered in time, never a 504."""

from __future__ import annotations

import time
from concurrent.futures import ThreadPoolExecutor

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from assistant.config import Settings

pytestmark = [pytest.mark.slow, pytest.mark.llm]

QUESTIONS = [
    "What common interests do Abu Dhabi and Houston cite as the basis of their partnership?",
    "What does the City Relations Promotion Division look after?",
    "When did the mayors of Chicago and Shenyang reaffirm their sister cities declaration?",
    "What is the role of the International Affairs Office?",
]


def test_questions_queued_behind_a_busy_llm_get_the_extractive_answer_within_the_timeout(
        indexed_settings: Settings, local_llm: str) -> None:
    settings = indexed_settings.model_copy(update={"llm_base_url": local_llm, "llm_timeout_s": 2.0,
                                                   "request_timeout_s": 8.0, "llm_answer_tokens": 200})
    app = create_app(settings)
    with TestClient(app) as client:
        assert app.state.ctx.readiness.wait(120)

        def ask(question: str) -> tuple[int, dict, float]:
            started = time.monotonic()
            response = client.post("/api/v1/ask", json={"question": question, "mode": "llm"})
            return response.status_code, response.json(), time.monotonic() - started

        with ThreadPoolExecutor(len(QUESTIONS)) as pool:
            results = list(pool.map(ask, QUESTIONS))
    assert [status for status, _, _ in results] == [200] * len(QUESTIONS), results
    for _, body, seconds in results:
        assert body["found"], body
        assert seconds < settings.request_timeout_s
        if body["mode"] == "extractive":
            assert body["fallback_reason"], body
    # one server slot, four questions, two seconds each: most wait past their deadline and fall back
    assert any("within 2 s" in (body["fallback_reason"] or "") for _, body, _ in results), results
