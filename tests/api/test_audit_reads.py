"""Every read of document content is audited with the key id, the endpoint and the documents: briefings, page text,
original files, and streamed answers, including one whose client leaves before the last event."""

from __future__ import annotations

import time
from collections.abc import Iterator

import httpx
import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from assistant.access.audit import AuditLog, AuditRecord
from assistant.config import Settings
from assistant.access.keys import KeyStore
from assistant.service import AssistantService
from tests.api.conftest import SECRET_QUESTION, Keys, served

pytestmark = pytest.mark.slow

MEMO = "legal-memo.txt"


def _new_records(settings: Settings, before: int) -> list[AuditRecord]:
    return AuditLog(settings).read()[before:]


def _key_id(settings: Settings, key: str) -> str:
    return KeyStore(settings.api_keys_file).authenticate(key).key_id


@pytest.mark.parametrize(("endpoint", "call"), [
    ("briefing", lambda c, h: c.post("/api/v1/briefings", json={"topic": "Zanzibar ferry settlement"}, headers=h)),
    ("briefing-download", lambda c, h: c.post("/api/v1/briefings/download?format=md",
                                             json={"topic": "Zanzibar ferry settlement"}, headers=h)),
    ("page-text", lambda c, h: c.get(f"/api/v1/documents/{MEMO}/pages/1", headers=h)),
    ("file", lambda c, h: c.get(f"/api/v1/documents/{MEMO}/file", headers=h)),
])
def test_reads_of_document_content_are_audited(restricted_client: TestClient, restricted_settings: Settings,
                                               api_keys: tuple, endpoint: str, call: object) -> None:
    key = api_keys[1].legal
    before = len(AuditLog(restricted_settings).read())
    response = call(restricted_client, Keys.header(key))  # type: ignore[operator]
    assert response.status_code == 200, response.text
    records = [r for r in _new_records(restricted_settings, before) if r.endpoint == endpoint]
    assert len(records) == 1, records
    assert records[0].key_id == _key_id(restricted_settings, key)
    assert any(s.startswith(MEMO) for s in records[0].sources), records[0]


def test_a_head_request_reads_no_content_and_a_refused_read_is_not_a_read(
        restricted_client: TestClient, restricted_settings: Settings, api_keys: tuple) -> None:
    before = len(AuditLog(restricted_settings).read())
    assert restricted_client.head(f"/api/v1/documents/{MEMO}/file", headers=Keys.header(api_keys[1].legal)).status_code == 200
    assert restricted_client.get(f"/api/v1/documents/{MEMO}/file", headers=Keys.header(api_keys[1].staff)).status_code == 404
    assert _new_records(restricted_settings, before) == []


def test_a_stream_closed_before_its_answer_is_audited_as_incomplete(
        restricted_client: TestClient, restricted_settings: Settings, api_keys: tuple) -> None:
    """What the server does when its client disconnects: the response's frames are closed after the first token."""
    from api.routers.chat import _frames
    from assistant.chat import ChatTurn, stream_chat

    ctx = restricted_client.app.state.ctx  # type: ignore[attr-defined]
    principal = KeyStore(restricted_settings.api_keys_file).authenticate(api_keys[1].legal)
    before = len(AuditLog(restricted_settings).read())
    audit = ctx.stream_audit(principal, "chat-stream")
    items = stream_chat(ctx.service, [ChatTurn(role="user", content=SECRET_QUESTION)], on_retrieved=audit.retrieved)
    frames = _frames(items, ctx, audit)
    assert next(frames).startswith("event: token")
    frames.close()
    records = _new_records(restricted_settings, before)
    assert len(records) == 1 and not records[0].complete, records
    assert records[0].key_id == principal.key_id and records[0].question == SECRET_QUESTION
    assert any(s.startswith(MEMO) for s in records[0].sources), records[0]


@pytest.fixture
def llm_server(restricted_settings: Settings, local_llm: str) -> Iterator[tuple[str, Settings]]:
    settings = restricted_settings.model_copy(update={"llm_base_url": local_llm})
    with served(create_app(settings, service=AssistantService(settings))) as url:
        yield url, settings


def test_a_client_that_disconnects_mid_stream_is_audited(llm_server: tuple[str, Settings], api_keys: tuple) -> None:
    """Real server, real LLM, real disconnect: the client reads one token of the model's answer and hangs up."""
    url, settings = llm_server
    before = len(AuditLog(settings).read())
    body = {"messages": [{"role": "user", "content": SECRET_QUESTION}], "stream": True, "mode": "llm"}
    with httpx.Client(timeout=120) as client, client.stream(
            "POST", f"{url}/api/v1/chat", json=body, headers=Keys.header(api_keys[1].legal)) as response:
        assert response.status_code == 200
        first = next(line for line in response.iter_lines() if line.startswith("event:"))
    assert first == "event: token"
    deadline = time.monotonic() + 120
    while not (records := [r for r in _new_records(settings, before) if r.endpoint == "chat-stream"]):
        assert time.monotonic() < deadline, "the abandoned stream was never audited"
        time.sleep(0.2)
    assert len(records) == 1 and not records[0].complete, records
    assert any(s.startswith(MEMO) for s in records[0].sources), records[0]
