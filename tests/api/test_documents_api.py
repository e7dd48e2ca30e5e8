"""The document endpoints as a citation viewer uses them: a citation names the document id that its page text and
file are served under, and any page number a client sends is an answer, never a 500."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from tests.api.conftest import PUBLIC_QUESTION, Keys

pytestmark = pytest.mark.slow


def test_citations_carry_the_document_id_their_page_and_file_are_served_under(restricted_client: TestClient, api_keys: tuple) -> None:
    staff = Keys.header(api_keys[1].staff)
    answer = restricted_client.post("/api/v1/ask", json={"question": PUBLIC_QUESTION}, headers=staff).json()
    assert answer["found"], answer
    for citation in answer["citations"]:
        assert citation["doc_id"], citation
        page = restricted_client.get(f"/api/v1/documents/{citation['doc_id']}/pages/{citation['page'] or 1}", headers=staff)
        assert page.status_code == 200, page.text
        assert citation["text"][:40] in page.json()["text"]
        assert restricted_client.get(f"/api/v1/documents/{citation['doc_id']}/file", headers=staff).status_code == 200


@pytest.mark.parametrize("page", ["0", "-1", "9223372036854775808", "99999999999999999999999"])
def test_page_numbers_out_of_range_are_404(restricted_client: TestClient, api_keys: tuple, page: str) -> None:
    response = restricted_client.get(f"/api/v1/documents/open-note.txt/pages/{page}", headers=Keys.header(api_keys[1].staff))
    assert response.status_code == 404, response.text
    assert response.headers["content-type"].startswith("application/problem+json")
    assert f"no page {page}" in response.json()["detail"]


def test_head_of_a_file_gives_the_download_headers_with_the_same_access(restricted_client: TestClient, api_keys: tuple) -> None:
    """`curl -I` on a download: the GET's headers, no body; a hidden or absent document is 404, no key is 401."""
    keys: Keys = api_keys[1]
    url = "/api/v1/documents/{}/file"
    got = restricted_client.get(url.format("open-note.txt"), headers=Keys.header(keys.staff))
    head = restricted_client.head(url.format("open-note.txt"), headers=Keys.header(keys.staff))
    assert head.status_code == 200, head.text
    assert head.content == b""
    for name in ("content-length", "content-type", "content-disposition", "etag", "last-modified"):
        assert head.headers[name] == got.headers[name], name
    assert int(head.headers["content-length"]) == len(got.content) > 0
    assert restricted_client.head(url.format("legal-memo.txt"), headers=Keys.header(keys.staff)).status_code == 404
    assert restricted_client.head(url.format("legal-memo.txt"), headers=Keys.header(keys.legal)).status_code == 200
    assert restricted_client.head(url.format("no-such-file.txt"), headers=Keys.header(keys.legal)).status_code == 404
    assert restricted_client.head(url.format("open-note.txt")).status_code == 401
