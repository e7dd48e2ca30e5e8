"""POST /api/v1/briefings and its downloads, on the reference corpus and on the access-control index."""

from __future__ import annotations

import io

import pytest
from fastapi.testclient import TestClient

from tests.api.conftest import SECRET_WORDS, Keys

pytestmark = pytest.mark.slow

TOPIC = {"topic": "sister city agreements", "kinds": ["mou", "guide"], "length": "short"}
FERRY = {"topic": "ferry settlement amount"}  # names no secret itself, so an echo of the topic leaks nothing


def test_briefing_json(corpus_client: TestClient) -> None:
    response = corpus_client.post("/api/v1/briefings", json=TOPIC)
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["title"] == "Briefing: sister city agreements"
    assert body["sections"][0]["key"] == "agreements"
    assert {c["kind"] for c in body["citations"]} <= {"mou", "guide"}
    assert all(b["citations"] for b in body["summary"])


@pytest.mark.parametrize(("fmt", "media", "magic"), [
    ("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", b"PK"),
    ("md", "text/markdown; charset=utf-8", b"# Briefing"),
    ("html", "text/html; charset=utf-8", b"<!doctype html>"),
    ("pdf", "application/pdf", b"%PDF"),
])
def test_briefing_download(corpus_client: TestClient, fmt: str, media: str, magic: bytes) -> None:
    response = corpus_client.post(f"/api/v1/briefings/download?format={fmt}", json=TOPIC)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == media
    assert response.content.startswith(magic)
    assert 'filename="briefing-sister-city-agreements-' in response.headers["content-disposition"]
    if fmt == "docx":
        from docx import Document

        paragraphs = [p.text for p in Document(io.BytesIO(response.content)).paragraphs]
        assert "Agreements and partners" in paragraphs and "Sources" in paragraphs


def test_format_in_body_returns_the_file(corpus_client: TestClient) -> None:
    response = corpus_client.post("/api/v1/briefings", json={**TOPIC, "format": "md"})
    assert response.status_code == 200
    assert response.text.startswith("# Briefing: sister city agreements")
    assert "## Sources" in response.text


@pytest.mark.parametrize("body", [{"topic": ""}, {"topic": "x", "colour": "red"}, {"topic": "x", "kinds": ["memo"]},
                                  {"topic": "x", "length": "long"}])
def test_bad_requests_are_422(corpus_client: TestClient, body: dict) -> None:
    response = corpus_client.post("/api/v1/briefings", json=body)
    assert response.status_code == 422
    assert response.headers["content-type"].startswith("application/problem+json")


def test_bad_download_format_is_422(corpus_client: TestClient) -> None:
    assert corpus_client.post("/api/v1/briefings/download?format=exe", json=TOPIC).status_code == 422


def _leaks(text: str) -> list[str]:
    return [w for w in SECRET_WORDS if w.lower() in text.lower()]


@pytest.mark.parametrize("path", ["/api/v1/briefings", "/api/v1/briefings/download?format=md"])
def test_restricted_memo_only_in_briefings_for_its_group(restricted_client: TestClient, api_keys: tuple, path: str) -> None:
    keys: Keys = api_keys[1]
    staff = restricted_client.post(path, json=FERRY, headers=Keys.header(keys.staff))
    assert staff.status_code == 200
    assert _leaks(staff.text) == []
    legal = restricted_client.post(path, json=FERRY, headers=Keys.header(keys.legal))
    assert legal.status_code == 200
    assert _leaks(legal.text), "a member of 'legal' should get the memo in the briefing"


def test_briefing_needs_a_key_when_keys_exist(restricted_client: TestClient) -> None:
    response = restricted_client.post("/api/v1/briefings", json=FERRY)
    assert response.status_code == 401
