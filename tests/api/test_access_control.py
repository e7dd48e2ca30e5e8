"""A document a key may not see never appears for that key, on any path; the same request with a key in the
document's group does show it, so each refusal is proven against a positive control."""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest
from fastapi.testclient import TestClient
from httpx import Response

from tests.api.conftest import SECRET_QUESTION, SECRET_WORDS, Keys, sse_events

pytestmark = pytest.mark.slow

MEMO = "legal-memo.txt"
Call = Callable[[TestClient, dict[str, str]], Response]

PATHS: dict[str, Call] = {
    "ask": lambda c, h: c.post("/api/v1/ask", json={"question": SECRET_QUESTION}, headers=h),
    "chat": lambda c, h: c.post("/api/v1/chat", json={"messages": [{"role": "user", "content": SECRET_QUESTION}]}, headers=h),
    "chat-stream": lambda c, h: c.post(
        "/api/v1/chat", json={"messages": [{"role": "user", "content": SECRET_QUESTION}], "stream": True}, headers=h
    ),
    "openai": lambda c, h: c.post(
        "/v1/chat/completions", json={"model": "bma-assistant", "messages": [{"role": "user", "content": SECRET_QUESTION}]}, headers=h
    ),
    "openai-stream": lambda c, h: c.post(
        "/v1/chat/completions",
        json={"model": "bma-assistant", "stream": True, "messages": [{"role": "user", "content": SECRET_QUESTION}]},
        headers=h,
    ),
    "document-list": lambda c, h: c.get("/api/v1/documents", headers=h),
    "document-meta": lambda c, h: c.get(f"/api/v1/documents/{MEMO}", headers=h),
    "page-text": lambda c, h: c.get(f"/api/v1/documents/{MEMO}/pages/1", headers=h),
    "file": lambda c, h: c.get(f"/api/v1/documents/{MEMO}/file", headers=h),
}
HIDDEN_IS_404 = {"document-meta", "page-text", "file"}
ABSENT = "no-such-file.txt"


class _Renamed:
    """Sends the same request for a document that does not exist."""

    def __init__(self, client: TestClient) -> None:
        self.client = client

    def get(self, url: str, **kwargs: object) -> Response:
        return self.client.get(url.replace(MEMO, ABSENT), **kwargs)


def _leaks(response: Response) -> list[str]:
    return [w for w in SECRET_WORDS if w.lower() in response.text.lower()]


@pytest.mark.parametrize("path", sorted(PATHS))
def test_staff_without_group_never_sees_restricted_document(restricted_client: TestClient, api_keys: tuple, path: str) -> None:
    keys: Keys = api_keys[1]
    response = PATHS[path](restricted_client, Keys.header(keys.staff))
    if path in HIDDEN_IS_404:  # exactly the answer for a file that does not exist (the id is the caller's own input)
        assert response.status_code == 404
        assert response.headers["content-type"].startswith("application/problem+json")
        absent = PATHS[path](_Renamed(restricted_client), Keys.header(keys.staff))
        assert absent.status_code == 404
        assert response.json()["detail"].replace(MEMO, "X") == absent.json()["detail"].replace(ABSENT, "X")
        assert _leaks(response) == ["legal-memo"]
    else:
        assert response.status_code == 200
        assert _leaks(response) == [], f"{path} leaked the restricted memo"


@pytest.mark.parametrize("path", sorted(PATHS))
def test_key_in_group_sees_restricted_document(restricted_client: TestClient, api_keys: tuple, path: str) -> None:
    keys: Keys = api_keys[1]
    response = PATHS[path](restricted_client, Keys.header(keys.legal))
    assert response.status_code == 200
    assert _leaks(response), f"{path} did not show the memo to a member of 'legal'"


def test_answers_cite_the_memo_for_legal_only(restricted_client: TestClient, api_keys: tuple) -> None:
    keys: Keys = api_keys[1]
    legal = restricted_client.post("/api/v1/ask", json={"question": SECRET_QUESTION}, headers=Keys.header(keys.legal)).json()
    assert legal["found"] is True
    assert MEMO in {c["source"] for c in legal["citations"]}
    staff = restricted_client.post("/api/v1/ask", json={"question": SECRET_QUESTION}, headers=Keys.header(keys.staff)).json()
    cited = {c["source"] for c in staff["citations"] + staff["related"]}
    assert MEMO not in cited


def test_staff_stream_events_never_carry_the_memo(restricted_client: TestClient, api_keys: tuple) -> None:
    keys: Keys = api_keys[1]
    body = {"messages": [{"role": "user", "content": SECRET_QUESTION}], "stream": True}
    events = sse_events(restricted_client.post("/api/v1/chat", json=body, headers=Keys.header(keys.staff)).text)
    answer = json.loads(events[-1][1])
    assert events[-1][0] == "answer"
    assert MEMO not in {c["source"] for c in answer["citations"] + answer["related"]}


def test_admin_sees_everything_and_staff_cannot_administer(restricted_client: TestClient, api_keys: tuple) -> None:
    keys: Keys = api_keys[1]
    listed = restricted_client.get("/api/v1/documents", headers=Keys.header(keys.admin)).json()["documents"]
    assert MEMO in {d["doc_id"] for d in listed}
    for key in (keys.staff, keys.legal, keys.executive):
        denied = restricted_client.delete(f"/api/v1/documents/{MEMO}", headers=Keys.header(key))
        assert denied.status_code == 403
        upload = restricted_client.post("/api/v1/documents", files={"file": ("x.txt", b"hello there", "text/plain")}, headers=Keys.header(key))
        assert upload.status_code == 403
    still = restricted_client.get("/api/v1/documents", headers=Keys.header(keys.admin)).json()["documents"]
    assert MEMO in {d["doc_id"] for d in still}


@pytest.mark.parametrize(
    "headers",
    [{}, {"Authorization": "Bearer bma_nosuch_secret"}, {"X-API-Key": "not-a-key"}, {"Authorization": "Basic Zm9vOmJhcg=="}],
    ids=["none", "unknown-bearer", "bad-header", "basic"],
)
def test_requests_without_a_valid_key_are_refused(restricted_client: TestClient, headers: dict[str, str]) -> None:
    for response in (
        restricted_client.get("/api/v1/documents", headers=headers),
        restricted_client.post("/api/v1/ask", json={"question": SECRET_QUESTION}, headers=headers),
        restricted_client.get("/v1/models", headers=headers),
    ):
        assert response.status_code == 401
        assert response.headers["content-type"].startswith("application/problem+json")
        assert _leaks(response) == []


def test_x_api_key_header_authenticates(restricted_client: TestClient, api_keys: tuple) -> None:
    keys: Keys = api_keys[1]
    response = restricted_client.get("/api/v1/documents", headers={"X-API-Key": keys.legal})
    assert response.status_code == 200
    assert MEMO in {d["doc_id"] for d in response.json()["documents"]}
