"""A CLI ingest on the data folder a running service answers from: questions keep being answered while it adds,
changes and removes documents, and the service answers from the new documents without a restart. The same while
`assistant reindex-vectors` rebuilds the vector collection and swaps it in.

Real parts: the `assistant ingest` command in its own process, a uvicorn server on a loopback port, embedded Chroma
shared by the two processes through its files, the real embedder."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import pytest

from api.app import create_app
from assistant.config import Settings
from tests.conftest import REPO, free_port

pytestmark = pytest.mark.slow

# Invented facts, so that every answer can only come from these files.
STEADY = "Ferry timetable note.\n\nThe Velmora river ferry leaves the Quorran pier every forty minutes from dawn.\n"
DOOMED = "Garden grant note.\n\nThe Tessaline garden grant pays for rooftop herb beds on district schools.\n"
ADDED = "Lighthouse fund note.\n\nThe Orvanto lighthouse restoration fund was approved at 7.5 million baht in 2031.\n"
CHANGED = STEADY + "\nSince the renovation the Velmora river ferry also carries bicycles free of charge.\n"
QUESTIONS = ("How often does the Velmora river ferry leave the Quorran pier?",
             "What does the Tessaline garden grant pay for?")


@dataclass
class Asker:
    """Asks questions in a loop from a thread and keeps every outcome with its start and end time."""

    url: str
    outcomes: list[tuple[float, float, str]] = field(default_factory=list)  # (start, end, status or error)
    stop: threading.Event = field(default_factory=threading.Event)

    def run(self) -> None:
        with httpx.Client(base_url=self.url, timeout=120) as client:
            n = 0
            while not self.stop.is_set():
                start = time.monotonic()
                try:
                    response = client.post("/api/v1/ask", json={"question": QUESTIONS[n % len(QUESTIONS)]})
                    outcome = str(response.status_code) if response.status_code == 200 else response.text[:300]
                except httpx.HTTPError as exc:
                    outcome = f"{type(exc).__name__}: {exc}"
                self.outcomes.append((start, time.monotonic(), outcome))
                n += 1


@pytest.fixture(params=[50_000, 0], ids=["exact-search", "chroma-search"])
def served(tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[tuple[str, Path, Path]]:
    """The service searches an in-memory copy of the vectors, or (above exact_search_max_chunks) Chroma itself."""
    import uvicorn

    docs, data = tmp_path / "docs", tmp_path / "data"
    docs.mkdir()
    (docs / "ferry.txt").write_text(STEADY, encoding="utf-8")
    (docs / "garden.txt").write_text(DOOMED, encoding="utf-8")
    _ingest(docs, data)
    settings = Settings(data_dir=data, rate_limit_per_minute=1_000_000, query_embed_process=False,
                        exact_search_max_chunks=request.param)
    app = create_app(settings)
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120
    while not (server.started and app.state.ctx.readiness.wait(0.2)):
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("the service did not start")
    yield url, docs, data
    server.should_exit = True
    thread.join(timeout=20)


def _ingest(docs: Path, data: Path) -> tuple[float, float]:
    return _command(data, "ingest", str(docs))


def _command(data: Path, *args: str) -> tuple[float, float]:
    env = {**os.environ, "ASSISTANT_DATA_DIR": str(data), "PYTHONPATH": str(REPO)}
    env.pop("ASSISTANT_CATALOG_FILE", None)  # each folder's own catalog (none here)
    start = time.monotonic()
    done = subprocess.run([sys.executable, "-m", "assistant.cli", *args], env=env, cwd=REPO,
                          capture_output=True, text=True, timeout=600, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    return start, time.monotonic()


def _ask(url: str, question: str) -> dict:
    response = httpx.post(f"{url}/api/v1/ask", json={"question": question}, timeout=120)
    assert response.status_code == 200, response.text
    return response.json()


def test_questions_are_answered_during_and_after_cli_ingests(served: tuple[str, Path, Path]) -> None:
    url, docs, data = served
    asker = Asker(url)
    thread = threading.Thread(target=asker.run, daemon=True)
    thread.start()
    windows = []
    try:
        (docs / "lighthouse.txt").write_text(ADDED, encoding="utf-8")
        windows.append(_ingest(docs, data))
        added = _ask(url, "How much was the Orvanto lighthouse restoration fund?")
        assert added["found"] and added["citations"][0]["source"] == "lighthouse.txt", added
        assert "7.5 million" in added["answer"]

        (docs / "ferry.txt").write_text(CHANGED, encoding="utf-8")
        windows.append(_ingest(docs, data))
        changed = _ask(url, "Does the Velmora river ferry carry bicycles?")
        assert any(c["source"] == "ferry.txt" and "bicycles" in c["text"] for c in changed["citations"]), changed

        (docs / "garden.txt").unlink()
        windows.append(_ingest(docs, data))
        removed = _ask(url, QUESTIONS[1])
        assert all(c["source"] != "garden.txt" for c in removed["citations"]), removed
    finally:
        asker.stop.set()
        thread.join(timeout=120)
    failures = [o for _, _, o in asker.outcomes if o != "200"]
    assert failures == [], f"{len(failures)} of {len(asker.outcomes)} questions failed: {failures[:3]}"
    for start, end in windows:  # each ingest ran while questions were being answered
        assert any(start <= s and e <= end for s, e, _ in asker.outcomes), "no question was answered during an ingest"
    ready = httpx.get(f"{url}/readyz", timeout=30)
    assert ready.status_code == 200 and "(2 documents)" in ready.json()["checks"]["records"], ready.text


def test_questions_are_answered_during_and_after_vector_rebuilds(served: tuple[str, Path, Path]) -> None:
    url, _, data = served
    asker = Asker(url)
    thread = threading.Thread(target=asker.run, daemon=True)
    thread.start()
    try:
        windows = [_command(data, "reindex-vectors", "--force") for _ in range(3)]  # each swaps a new collection in
        after = _ask(url, QUESTIONS[0])
        assert after["found"] and after["citations"][0]["source"] == "ferry.txt", after
    finally:
        asker.stop.set()
        thread.join(timeout=120)
    failures = [o for _, _, o in asker.outcomes if o != "200"]
    assert failures == [], f"{len(failures)} of {len(asker.outcomes)} questions failed: {failures[:3]}"
    for start, end in windows:
        assert any(start <= s and e <= end for s, e, _ in asker.outcomes), "no question was answered during a rebuild"
    ready = httpx.get(f"{url}/readyz", timeout=30)
    assert ready.status_code == 200, ready.text


def test_readiness_reports_a_vector_store_it_cannot_read(tmp_path: Path) -> None:
    """The folder Chroma lives in replaced by a file: /readyz says so (503) while the last consistent copy of the
    index still answers; restored, the service is ready again."""
    from fastapi.testclient import TestClient

    from assistant.store.records import RecordStore, records_path

    docs, data = tmp_path / "docs", tmp_path / "data"
    docs.mkdir()
    (docs / "ferry.txt").write_text(STEADY, encoding="utf-8")
    _ingest(docs, data)
    app = create_app(Settings(data_dir=data, query_embed_process=False))
    with TestClient(app) as client:
        assert app.state.ctx.readiness.wait(120)
        assert client.get("/readyz").status_code == 200
        chroma = data / "chroma"
        chroma.rename(data / "chroma.moved")
        chroma.write_text("not a folder")
        writer = RecordStore(records_path(data))
        writer.set_meta("touched-by", "another connection")  # a commit the service sees as a change
        writer.close()
        ready = client.get("/readyz")
        assert ready.status_code == 503 and ready.json()["checks"]["vectors"].startswith("failed"), ready.text
        assert _ask_client(client, QUESTIONS[0])["found"]
        chroma.unlink()
        (data / "chroma.moved").rename(chroma)
        assert client.get("/readyz").status_code == 200


def _ask_client(client: object, question: str) -> dict:
    response = client.post("/api/v1/ask", json={"question": question})  # type: ignore[attr-defined]
    assert response.status_code == 200, response.text
    return response.json()
