"""The real ``openai`` client against /v1 on a real uvicorn server: plain and streaming, citations in the text
and in the extra ``citations`` field."""

from __future__ import annotations

import openai
import pytest

pytestmark = pytest.mark.slow

PLAN = "bma-foreign-affairs-strategy-plan-2023-2027-excerpt.txt"
QUESTION = "What is the vision of the 5-year foreign affairs strategy plan?"  # not a gold question


@pytest.fixture(scope="module")
def client(corpus_server: str) -> openai.OpenAI:
    return openai.OpenAI(base_url=f"{corpus_server}/v1", api_key="unused-without-keys", max_retries=0, timeout=120)


def test_models_are_listed(client: openai.OpenAI) -> None:
    ids = {m.id for m in client.models.list()}
    assert {"bma-assistant", "bma-assistant-extractive"} <= ids


def test_plain_completion_carries_citations(client: openai.OpenAI) -> None:
    completion = client.chat.completions.create(
        model="bma-assistant-extractive", messages=[{"role": "user", "content": QUESTION}]
    )
    content = completion.choices[0].message.content or ""
    assert "[1]" in content
    assert "Sources:" in content and PLAN in content
    citations = (completion.model_extra or {})["citations"]
    assert citations and citations[0]["n"] == 1
    assert PLAN in {c["source"] for c in citations}
    assert "2027" in content


def test_streaming_completion_ends_with_sources_and_citations(client: openai.OpenAI) -> None:
    stream = client.chat.completions.create(
        model="bma-assistant-extractive", messages=[{"role": "user", "content": QUESTION}], stream=True
    )
    chunks = list(stream)
    text = "".join(c.choices[0].delta.content or "" for c in chunks if c.choices)
    assert "2027" in text and "Sources:" in text
    assert chunks[-1].choices[0].finish_reason == "stop"
    assert PLAN in {c["source"] for c in (chunks[-1].model_extra or {})["citations"]}
    assert len(chunks) > 3  # token by token, not one blob


def test_unknown_model_is_a_clear_error(client: openai.OpenAI) -> None:
    with pytest.raises(openai.NotFoundError) as raised:
        client.chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": QUESTION}])
    assert "gpt-4o" in str(raised.value)
