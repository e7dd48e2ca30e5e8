"""Bounded input: rate limit, body size (declared and streamed), question length, unknown keys, timeouts; every
refusal is problem+json with a clear message and never a 500."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from assistant.config import Settings
from assistant.service import AssistantService
from tests.api.conftest import PUBLIC_QUESTION, Keys

pytestmark = pytest.mark.slow


def _client(settings: Settings, service: AssistantService, **changes: object) -> TestClient:
    return TestClient(create_app(settings.model_copy(update=changes), service=service))


def _is_problem(response, status: int) -> dict:  # noqa: ANN001
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/problem+json")
    body = response.json()
    assert body["status"] == status and body["detail"]
    assert "Traceback" not in response.text
    return body


def test_rate_limit_answers_429_with_retry_after(restricted_settings: Settings, restricted_service: AssistantService, api_keys: tuple) -> None:
    keys: Keys = api_keys[1]
    client = _client(restricted_settings, restricted_service, rate_limit_per_minute=3)
    codes = [client.get("/api/v1/documents", headers=Keys.header(keys.staff)).status_code for _ in range(3)]
    assert codes == [200, 200, 200]
    refused = client.get("/api/v1/documents", headers=Keys.header(keys.staff))
    _is_problem(refused, 429)
    assert int(refused.headers["Retry-After"]) >= 1
    # the limit is per key: another key is still served
    assert client.get("/api/v1/documents", headers=Keys.header(keys.legal)).status_code == 200
    metrics = client.get("/metrics").text
    assert "assistant_rate_limited_total 1.0" in metrics


def test_oversized_body_is_413_before_parsing(restricted_settings: Settings, restricted_service: AssistantService, api_keys: tuple) -> None:
    keys: Keys = api_keys[1]
    client = _client(restricted_settings, restricted_service, max_body_bytes=2000)
    big = {"question": "x" * 5000}
    body = _is_problem(client.post("/api/v1/ask", json=big, headers=Keys.header(keys.staff)), 413)
    assert "2000 bytes" in body["detail"]

    def chunked() -> Iterator[bytes]:  # no Content-Length: the bytes are counted as they arrive
        yield b'{"question": "'
        for _ in range(10):
            yield b"y" * 500
        yield b'"}'

    streamed = client.post("/api/v1/ask", content=chunked(), headers={**Keys.header(keys.staff), "Content-Type": "application/json"})
    _is_problem(streamed, 413)


def test_question_longer_than_the_setting_is_422(restricted_settings: Settings, restricted_service: AssistantService, api_keys: tuple) -> None:
    keys: Keys = api_keys[1]
    client = _client(restricted_settings, restricted_service)
    long_question = "sister city " * 200  # 2400 characters > max_question_chars (2000)
    body = _is_problem(client.post("/api/v1/ask", json={"question": long_question}, headers=Keys.header(keys.staff)), 422)
    assert "2000" in body["detail"]


@pytest.mark.parametrize(
    ("payload", "mentions"),
    [
        ({"question": PUBLIC_QUESTION, "colour": "blue"}, "colour"),
        ({"question": PUBLIC_QUESTION, "filters": {"kind": ["mou"]}}, "kind"),
        ({"question": PUBLIC_QUESTION, "top_k": 0}, "top_k"),
        ({"question": PUBLIC_QUESTION, "mode": "poetry"}, "mode"),
        ({"question": ""}, "question"),
        ({}, "question"),
        ({"question": PUBLIC_QUESTION, "filters": {"date_from": "2020-13-45"}}, "date_from"),
        ({"question": PUBLIC_QUESTION, "filters": {"date_to": "2023-02-30"}}, "date_to"),
        ({"question": PUBLIC_QUESTION, "filters": {"date_from": "2030", "date_to": "2000-05"}}, "date_from"),
    ],
    ids=["unknown-key", "unknown-filter", "top-k", "mode", "empty", "missing", "no-such-month", "no-such-day", "dates-reversed"],
)
def test_invalid_ask_bodies_are_422_naming_the_field(
    restricted_client: TestClient, api_keys: tuple, payload: dict, mentions: str
) -> None:
    keys: Keys = api_keys[1]
    body = _is_problem(restricted_client.post("/api/v1/ask", json=payload, headers=Keys.header(keys.staff)), 422)
    assert mentions in body["detail"]


def test_unknown_keys_in_chat_are_422(restricted_client: TestClient, api_keys: tuple) -> None:
    keys: Keys = api_keys[1]
    payload = {"messages": [{"role": "user", "content": PUBLIC_QUESTION, "name": "x"}], "stream": True}
    body = _is_problem(restricted_client.post("/api/v1/chat", json=payload, headers=Keys.header(keys.staff)), 422)
    assert "name" in body["detail"]


def test_wrong_keys_from_one_address_are_limited(restricted_settings: Settings, restricted_service: AssistantService,
                                                 api_keys: tuple) -> None:
    keys: Keys = api_keys[1]
    app = create_app(restricted_settings.model_copy(update={"failed_key_limit": 3, "failed_key_window_s": 60}),
                     service=restricted_service)
    guesser = TestClient(app, client=("192.0.2.7", 40000))
    for _ in range(4):  # no key at all is not a guess: it never counts
        _is_problem(guesser.get("/api/v1/documents"), 401)
    for n in range(3):
        _is_problem(guesser.get("/api/v1/documents", headers=Keys.header(f"bma_guess{n}_secret")), 401)
    for headers in (Keys.header("bma_guess9_secret"), Keys.header(keys.staff), {}):  # then the address waits, even
        refused = guesser.get("/api/v1/documents", headers=headers)                # with a key that is right
        body = _is_problem(refused, 429)
        assert "wrong API keys" in body["detail"] and 1 <= int(refused.headers["Retry-After"]) <= 60
    assert guesser.get("/healthz").status_code == 200  # probes are not behind keys
    other = TestClient(app, client=("192.0.2.8", 40000))  # the limit is per address: another one is served
    assert other.get("/api/v1/documents", headers=Keys.header(keys.staff)).status_code == 200


@pytest.mark.parametrize(
    ("path", "payload", "mentions"),
    [
        ("/api/v1/ask", {"question": PUBLIC_QUESTION, "top_k": True}, "top_k"),
        ("/api/v1/ask", {"question": PUBLIC_QUESTION, "top_k": "3"}, "top_k"),
        ("/api/v1/chat", {"messages": [{"role": "user", "content": PUBLIC_QUESTION}], "stream": "yes"}, "stream"),
        ("/api/v1/chat", {"messages": [{"role": "user", "content": PUBLIC_QUESTION}], "top_k": True}, "top_k"),
        ("/v1/chat/completions", {"messages": [{"role": "user", "content": PUBLIC_QUESTION}], "stream": "yes"}, "stream"),
        ("/v1/chat/completions", {"messages": [{"role": "user", "content": PUBLIC_QUESTION}], "stream": 1}, "stream"),
    ],
    ids=["ask-top-k-true", "ask-top-k-string", "chat-stream-yes", "chat-top-k-true", "openai-stream-yes", "openai-stream-1"],
)
def test_switches_and_counts_take_only_their_json_type(
    restricted_client: TestClient, api_keys: tuple, path: str, payload: dict, mentions: str
) -> None:
    """'"yes"' is not true and 'true' is not 1: a client's mistake is a 422, never a guess."""
    keys: Keys = api_keys[1]
    body = _is_problem(restricted_client.post(path, json=payload, headers=Keys.header(keys.staff)), 422)
    assert mentions in body["detail"]


def test_malformed_json_is_422_not_500(restricted_client: TestClient, api_keys: tuple) -> None:
    keys: Keys = api_keys[1]
    response = restricted_client.post(
        "/api/v1/ask", content=b'{"question": ', headers={**Keys.header(keys.staff), "Content-Type": "application/json"}
    )
    _is_problem(response, 422)


def test_request_over_the_time_limit_is_504(restricted_settings: Settings, restricted_service: AssistantService, api_keys: tuple) -> None:
    keys: Keys = api_keys[1]
    client = _client(restricted_settings, restricted_service, request_timeout_s=0.0005)
    body = _is_problem(client.post("/api/v1/ask", json={"question": "Which cities are sister cities of Bangkok, and since when?"}, headers=Keys.header(keys.staff)), 504)
    assert "longer than" in body["detail"]


def test_unknown_route_and_method_are_problems(restricted_client: TestClient) -> None:
    _is_problem(restricted_client.get("/api/v1/nothing-here"), 404)
    _is_problem(restricted_client.put("/api/v1/ask", json={}), 405)


def test_malformed_json_says_so_with_its_position(restricted_client: TestClient, api_keys: tuple) -> None:
    response = restricted_client.post(
        "/api/v1/ask", content=b'{"question": "x",}', headers={**Keys.header(api_keys[1].staff), "Content-Type": "application/json"}
    )
    body = _is_problem(response, 422)
    assert body["detail"].startswith("the body is not valid JSON"), body["detail"]
    assert "17" in body["detail"]  # where the parser stopped


def test_every_error_on_openai_routes_carries_the_openai_error_member(
    restricted_settings: Settings, restricted_service: AssistantService, api_keys: tuple
) -> None:
    """OpenAI clients read error.message: the framework's 404/405 and the middleware's 413 must carry it too."""
    client = _client(restricted_settings, restricted_service, max_body_bytes=2000)
    staff = Keys.header(api_keys[1].staff)
    big = {"messages": [{"role": "user", "content": "x" * 5000}]}
    for response, status in [
        (client.get("/v1/chat/completions", headers=staff), 405),
        (client.get("/v1/no-such-route", headers=staff), 404),
        (client.post("/v1/chat/completions", json=big, headers=staff), 413),
    ]:
        body = _is_problem(response, status)
        assert body["error"]["message"] == body["detail"] and body["error"]["code"] == status, body
    assert "error" not in _is_problem(client.get("/api/v1/no-such-route", headers=staff), 404)


@pytest.mark.parametrize("stream", [False, True])
def test_openai_n_other_than_one_is_refused_not_answered_with_one_choice(restricted_client: TestClient, api_keys: tuple, stream: bool) -> None:
    staff = Keys.header(api_keys[1].staff)
    request = {"model": "bma-assistant", "messages": [{"role": "user", "content": PUBLIC_QUESTION}], "stream": stream}
    for n in (2, 0, -1):
        body = _is_problem(restricted_client.post("/v1/chat/completions", json={**request, "n": n}, headers=staff), 422)
        assert body["detail"].startswith("n: ") and "one answer" in body["detail"], body["detail"]
        assert body["error"]["message"] == body["detail"] and body["error"]["code"] == 422, body
    for n in (1, None):
        answered = restricted_client.post("/v1/chat/completions", json={**request, "n": n}, headers=staff)
        assert answered.status_code == 200, answered.text
        if stream:
            assert answered.text.rstrip().endswith("data: [DONE]"), answered.text[-200:]
        else:
            assert len(answered.json()["choices"]) == 1


INVISIBLE_QUESTIONS = ["\u0000\u0000", "\u200b\u200b", " \u200b\t\u0000\ufeff\u2060 ", "\u00ad"]
QUESTION_BODIES = {
    "ask": ("/api/v1/ask", lambda q: {"question": q}),
    "chat": ("/api/v1/chat", lambda q: {"messages": [{"role": "user", "content": q}]}),
    "chat-stream": ("/api/v1/chat", lambda q: {"messages": [{"role": "user", "content": q}], "stream": True}),
    "openai": ("/v1/chat/completions", lambda q: {"messages": [{"role": "user", "content": q}]}),
    "openai-stream": ("/v1/chat/completions", lambda q: {"messages": [{"role": "user", "content": q}], "stream": True}),
    "openai-parts": ("/v1/chat/completions", lambda q: {"messages": [{"role": "user", "content": [{"type": "text", "text": q}]}]}),
    "briefing": ("/api/v1/briefings", lambda q: {"topic": q}),
}


@pytest.mark.parametrize("endpoint", sorted(QUESTION_BODIES))
def test_a_question_of_only_invisible_characters_is_refused_as_empty(restricted_client: TestClient, api_keys: tuple, endpoint: str) -> None:
    staff = Keys.header(api_keys[1].staff)
    url, body = QUESTION_BODIES[endpoint]
    for question in INVISIBLE_QUESTIONS:
        problem = _is_problem(restricted_client.post(url, json=body(question), headers=staff), 422)
        assert "empty" in problem["detail"], (repr(question), problem["detail"])
    answered = restricted_client.post(url, json=body(f"\u200b{PUBLIC_QUESTION}\u0000"), headers=staff)
    assert answered.status_code == 200, answered.text


@pytest.mark.parametrize("url", ["/api/v1/chat", "/v1/chat/completions"])
def test_an_empty_last_message_does_not_answer_the_previous_question_again(restricted_client: TestClient, api_keys: tuple, url: str) -> None:
    messages = [{"role": "user", "content": PUBLIC_QUESTION}, {"role": "assistant", "content": "Every March [1]."},
                {"role": "user", "content": "\u200b "}]
    problem = _is_problem(restricted_client.post(url, json={"messages": messages}, headers=Keys.header(api_keys[1].staff)), 422)
    assert "empty" in problem["detail"], problem["detail"]
