"""Shape of the /api/v1/chat Server-Sent Events stream: tokens, then citations, then the final answer."""

from __future__ import annotations

import json
from pathlib import Path

import openai
import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from assistant.config import Settings
from assistant.models import Answer
from assistant.service import AssistantService
from tests.api.conftest import PUBLIC_QUESTION, sse_events

pytestmark = pytest.mark.slow

QUESTION = "How is the IAO split internally? Name its two divisions."


def test_chat_stream_is_tokens_then_citations_then_answer(corpus_client: TestClient) -> None:
    response = corpus_client.post("/api/v1/chat", json={"messages": [{"role": "user", "content": QUESTION}], "stream": True})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/event-stream")
    events = sse_events(response.text)
    names = [name for name, _ in events]
    assert names[-2:] == ["citations", "answer"]
    assert set(names[:-2]) == {"token"} and len(names) > 3
    answer = Answer.model_validate_json(events[-1][1])
    tokens = "".join(json.loads(data)["text"] for name, data in events if name == "token")
    assert tokens == answer.answer
    citations = json.loads(events[-2][1])["citations"]
    assert citations == [c.model_dump(mode="json") for c in answer.citations]
    assert answer.found and "City Relations Promotion" in answer.answer


def test_chat_plain_matches_ask(corpus_client: TestClient) -> None:
    plain = corpus_client.post("/api/v1/chat", json={"messages": [{"role": "user", "content": QUESTION}]}).json()
    asked = corpus_client.post("/api/v1/ask", json={"question": QUESTION}).json()
    assert plain["answer"] == asked["answer"]
    assert [c["source"] for c in plain["citations"]] == [c["source"] for c in asked["citations"]]


def test_stream_errors_before_start_are_problems(corpus_client: TestClient) -> None:
    response = corpus_client.post(
        "/api/v1/chat", json={"messages": [{"role": "assistant", "content": "Hello"}], "stream": True}
    )
    assert response.status_code == 422
    assert response.headers["content-type"].startswith("application/problem+json")
    assert "user" in response.json()["detail"]


def test_openai_stream_failing_after_start_raises_in_the_openai_client(
    restricted_settings: Settings, restricted_service: AssistantService, api_keys: tuple, tmp_path: Path
) -> None:
    """A failure once the stream has started (here the audit log cannot be written: its folder is a file) must reach
    an OpenAI client as an error, not as a chunk it parses into an empty delta."""
    (tmp_path / "audit").write_text("not a folder")
    app = create_app(restricted_settings.model_copy(update={"data_dir": tmp_path}), service=restricted_service)
    with TestClient(app) as http:
        client = openai.OpenAI(base_url="http://testserver/v1", api_key=api_keys[1].staff, http_client=http, max_retries=0)
        stream = client.chat.completions.create(model="bma-assistant", stream=True,
                                                messages=[{"role": "user", "content": PUBLIC_QUESTION}])
        with pytest.raises(openai.APIError, match="internal error"):
            for _ in stream:
                pass


def test_openai_stream_events_are_of_the_types_its_schema_documents(corpus_client: TestClient) -> None:
    """An OpenAI-style chunk names no event, so a Server-Sent Events reader (and a client checking the schema) reads
    it as the default type, 'message': the documented types must hold it."""
    response = corpus_client.post("/v1/chat/completions", json={
        "model": "bma-assistant-extractive", "stream": True, "messages": [{"role": "user", "content": QUESTION}]})
    assert response.status_code == 200, response.text
    schema = corpus_client.get("/openapi.json").json()["paths"]["/v1/chat/completions"]["post"]["responses"]["200"][
        "content"]["text/event-stream"]["schema"]
    documented = set(schema["properties"]["event"]["enum"])
    events = sse_events(response.text)
    assert events and events[-1][1] == "[DONE]"
    assert {name or "message" for name, _ in events} <= documented, (documented, events[:2])
