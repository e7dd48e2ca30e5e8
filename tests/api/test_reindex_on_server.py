"""`assistant reindex-vectors` on a Chroma server while the service answers: two workers on the ingest host's data
folder and a replica on its own snapshot of the records, all three searching Chroma's graph itself (exact search off,
so every question reads the collection). Questions asked during and after the rebuild all answer with the citations
they had before; afterwards one collection holds the name, and it is a new one (the old one was deleted, so a process
still reading it would fail).

Real parts: `chroma run`, `assistant ingest`, `assistant snapshot`, `assistant serve` and `assistant reindex-vectors`
in processes of their own on loopback ports, the real embedder, HTTP between them."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
from pathlib import Path

import chromadb
import httpx
import pytest
from chromadb.config import Settings as ChromaSettings

from assistant.store.vectors import parse_chroma_url
from tests.api.test_replicas import DOCUMENTS, QUESTIONS, Serving, _ask_all_workers, _cited, _cli, _env
from tests.conftest import REPO, free_port

pytestmark = pytest.mark.slow


def _collections(url: str, prefix: str) -> dict[str, str]:
    host, port, _ = parse_chroma_url(url)
    client = chromadb.HttpClient(host=host, port=port, settings=ChromaSettings(anonymized_telemetry=False))
    return {c.name: str(c.id) for c in client.list_collections() if c.name.startswith(prefix)}


def _asking(urls: list[str], stop: threading.Event, answers: list[tuple[str, int, str]]) -> None:
    """Every question at every server in turn until ``stop``; (question, status, body) of each."""
    with httpx.Client(timeout=120) as http:
        while not stop.is_set():
            for url in urls:
                for question in QUESTIONS:
                    response = http.post(f"{url}/api/v1/ask", json={"question": question, "mode": "extractive"})
                    answers.append((question, response.status_code, response.text))


def test_a_rebuild_on_a_chroma_server_leaves_workers_and_a_replica_answering(tmp_path: Path,
                                                                             chroma_server: str) -> None:
    docs, data, replica_data = tmp_path / "docs", tmp_path / "data", tmp_path / "replica"
    docs.mkdir()
    for name, text in DOCUMENTS.items():
        (docs / name).write_text(text, encoding="utf-8")
    prefix = f"rebuild{free_port()}"
    env = {**_env(data, chroma_server, prefix), "ASSISTANT_EXACT_SEARCH_MAX_CHUNKS": "0"}
    _cli(env, "ingest", str(docs))
    _cli(env, "snapshot", str(replica_data))
    (before,) = _collections(chroma_server, prefix).items()

    workers = Serving(env, tmp_path / "workers.log", workers=2)
    replica = Serving({**env, "ASSISTANT_DATA_DIR": str(replica_data)}, tmp_path / "replica.log", workers=1)
    try:
        expected = {}
        for question in QUESTIONS:
            by_worker = _ask_all_workers(workers.url, question)
            expected[question] = _cited(next(iter(by_worker.values())))
            assert expected[question] and all(_cited(a) == expected[question] for a in by_worker.values())
        answers: list[tuple[str, int, str]] = []
        stop = threading.Event()
        asking = [threading.Thread(target=_asking, args=([workers.url, replica.url], stop, answers)) for _ in range(3)]
        for thread in asking:
            thread.start()
        try:
            done = subprocess.run([sys.executable, "-m", "assistant.cli", "reindex-vectors", "--force", "--json"],
                                  env=env, cwd=REPO, capture_output=True, text=True, timeout=600, check=False)
        finally:
            stop.set()
            for thread in asking:
                thread.join()
        assert done.returncode == 0, done.stderr[-2000:]
        report = json.loads(done.stdout)
        assert report["rebuilt"] and report["vectors"] >= len(DOCUMENTS)

        after = _collections(chroma_server, prefix)
        assert list(after) == [before[0]] and after[before[0]] != before[1]  # a new collection under the name
        for question in QUESTIONS:  # after the old collection was deleted: each worker, then the replica
            by_worker = _ask_all_workers(workers.url, question)
            assert all(_cited(a) == expected[question] for a in by_worker.values()), by_worker
            response = httpx.post(f"{replica.url}/api/v1/ask", json={"question": question, "mode": "extractive"},
                                  timeout=120)
            assert response.status_code == 200, response.text
            assert _cited(response.json()) == expected[question]
        failed = [(q, status, body[:300]) for q, status, body in answers if status != 200]
        assert not failed, failed
        assert all(_cited(json.loads(body)) == expected[q] for q, _, body in answers)
    finally:
        replica.close()
        workers.close()
