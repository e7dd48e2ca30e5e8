"""The API's documentation pages on an offline intranet: `/docs` (Swagger UI) and `/redoc` load every script,
style sheet and icon from the service itself, never from a CDN."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

pytestmark = pytest.mark.slow

ASSET = re.compile(r"""(?:src|href|spec-url)\s*=\s*["']([^"']+)["']|url\s*:\s*["']([^"']+)["']|(https?://[^\s"'<>)]+)""")


def _references(html: str) -> list[str]:
    return [next(g for g in match.groups() if g) for match in ASSET.finditer(html)]


@pytest.mark.parametrize(("page", "title"), [("/docs", "Swagger UI"), ("/redoc", "ReDoc")])
def test_docs_pages_load_their_assets_from_the_service(restricted_client: TestClient, page: str, title: str) -> None:
    response = restricted_client.get(page)
    assert response.status_code == 200, response.text
    assert title in response.text
    references = _references(response.text)
    assert "/openapi.json" in references
    external = [ref for ref in references if "//" in ref]
    assert external == [], f"{page} loads from other hosts: {external}"
    assets = [ref for ref in references if ref.endswith((".js", ".css", ".png"))]
    assert any(a.endswith(".js") for a in assets), references
    for asset in assets:
        served = restricted_client.get(asset)
        assert served.status_code == 200, (asset, served.status_code)
        assert len(served.content) > 1000, asset
        kind = {"js": "javascript", "css": "text/css", "png": "image/png"}[asset.rsplit(".", 1)[1]]
        assert kind in served.headers["content-type"], (asset, served.headers["content-type"])


def test_docs_assets_outside_the_bundle_are_404(restricted_client: TestClient) -> None:
    js = next(ref for ref in _references(restricted_client.get("/docs").text) if ref.endswith(".js"))
    folder = js.rsplit("/", 1)[0]
    assert restricted_client.get(f"{folder}/no-such-file.js").status_code == 404
