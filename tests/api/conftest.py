"""API fixtures: real apps over real ingested indexes, real keys, and a real uvicorn server for real clients.

Two indexes: the reference corpus (``indexed_settings`` from tests/conftest.py) and a small one holding a public
note and a memo restricted to the group ``legal``, for access control."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from api.app import create_app
from assistant.config import Settings
from assistant.access.keys import KeyStore
from assistant.service import AssistantService
from tests.conftest import free_port

SECRET_WORDS = ("legal-memo", "Pimchanok", "4.2 million", "council vote", "Legal memorandum")  # none is in the question
SECRET_QUESTION = "How much was the Zanzibar ferry settlement with Harbour Holdings?"
PUBLIC_QUESTION = "When are the annual progress reports on sister city partnerships due?"

OPEN_NOTE = """Bangkok sister city programme note.

The International Affairs Office coordinates the sister city programme of Bangkok. Bangkok signed sister city
agreements with Brisbane in 1997 and with Washington D.C. in 1962. Annual progress reports on each sister city
partnership are due every March and are sent to the Permanent Secretary.
"""
LEGAL_MEMO = """Confidential legal memorandum.

The Zanzibar ferry settlement with Harbour Holdings closed at 4.2 million baht. Counsel Pimchanok Srisuk advised
that the Zanzibar ferry settlement must not be disclosed before the council vote in May.
"""
CATALOG = """["open-note.txt"]
title = "Sister city programme note"
kind = "guide"
access = "public"

["legal-memo.txt"]
title = "Legal memorandum on the Zanzibar ferry settlement"
kind = "other"
access = "restricted:legal"
"""


@dataclass(frozen=True)
class Keys:
    admin: str
    staff: str
    legal: str
    executive: str

    @staticmethod
    def header(key: str) -> dict[str, str]:
        return {"Authorization": f"Bearer {key}"}


@pytest.fixture(scope="session")
def api_keys(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Keys]:
    path = tmp_path_factory.mktemp("keys") / "keys.json"
    store = KeyStore(path)
    keys = Keys(
        admin=store.add("admin", [])[1],
        staff=store.add("staff", [])[1],
        legal=store.add("staff", ["legal"])[1],
        executive=store.add("executive", ["protocol"])[1],
    )
    return path, keys


@pytest.fixture(scope="session")
def restricted_settings(tmp_path_factory: pytest.TempPathFactory, api_keys: tuple[Path, Keys]) -> Settings:
    from ingest.pipeline import ingest_paths

    root = tmp_path_factory.mktemp("restricted")
    docs = root / "docs"
    docs.mkdir()
    (docs / "open-note.txt").write_text(OPEN_NOTE, encoding="utf-8")
    (docs / "legal-memo.txt").write_text(LEGAL_MEMO, encoding="utf-8")
    (docs / "catalog.toml").write_text(CATALOG, encoding="utf-8")
    # the session's shared clients see wrong keys from many tests; the wrong-key limit is tested on apps of its own
    settings = Settings(data_dir=root / "data", api_keys_file=api_keys[0], failed_key_limit=1000)
    report = ingest_paths([docs], settings, progress=False)
    if report.files != 2:
        pytest.fail(f"ingesting the access-control documents failed: {report.summary()}")
    return settings


@pytest.fixture(scope="session")
def restricted_service(restricted_settings: Settings) -> AssistantService:
    return AssistantService(restricted_settings)


@pytest.fixture(scope="session")
def restricted_client(restricted_settings: Settings, restricted_service: AssistantService) -> Iterator[TestClient]:
    app = create_app(restricted_settings, service=restricted_service)
    with TestClient(app) as client:
        assert app.state.ctx.readiness.wait(120)
        yield client


@pytest.fixture(scope="session")
def corpus_app(indexed_settings: Settings) -> FastAPI:
    return create_app(indexed_settings)


@pytest.fixture(scope="session")
def corpus_client(corpus_app: FastAPI) -> Iterator[TestClient]:
    with TestClient(corpus_app) as client:
        assert corpus_app.state.ctx.readiness.wait(120)
        yield client


@pytest.fixture(scope="session")
def corpus_server(corpus_app: FastAPI, corpus_client: TestClient) -> Iterator[str]:
    """The corpus app under a real uvicorn server on a free loopback port, in a thread."""
    import uvicorn

    port = free_port()
    server = uvicorn.Server(uvicorn.Config(corpus_app, host="127.0.0.1", port=port, log_level="warning", lifespan="off"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while True:
        try:
            if httpx.get(f"{url}/healthz", timeout=1).status_code == 200:
                break
        except httpx.HTTPError:
            pass
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("uvicorn did not start")
        time.sleep(0.1)
    yield url
    server.should_exit = True
    thread.join(timeout=10)


def sse_events(text: str) -> list[tuple[str | None, str]]:
    """(event name, data) for each Server-Sent Event of a response body."""
    events = []
    for block in text.replace("\r\n", "\n").split("\n\n"):
        if not block.strip():
            continue
        name, data = None, []
        for line in block.split("\n"):
            if line.startswith("event:"):
                name = line[6:].strip()
            elif line.startswith("data:"):
                data.append(line[5:].strip())
        events.append((name, "\n".join(data)))
    return events


@contextmanager
def served(app: FastAPI) -> Iterator[str]:
    """The app on a real uvicorn server in a thread, ready (models loaded) before the block runs; yields its URL."""
    import uvicorn

    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 120
    while not (server.started and app.state.ctx.readiness.wait(0.2)):
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("the service did not start")
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=20)
