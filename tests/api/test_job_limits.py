"""Upload and delete jobs run in processes of their own with a time and a memory limit: a job over either is killed and
fails with a message naming the limit, the index answers exactly as before (document list and an answer, compared
whole), the uploads folder still serves the version the index holds, nothing is left staged, and the next queued job
runs. Real HTTP through the app, real files, the real embedder and Chroma; the job processes are real and killed."""

from __future__ import annotations

import random
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from assistant.config import Settings
from assistant.service import AssistantService

pytestmark = pytest.mark.slow

FIRST = "Harbour ferry note.\n\nThe Velmora harbour ferry carried 48,000 passengers in its first year.\n"
SECOND = "Harbour ferry note.\n\nThe Velmora harbour ferry carried 51,000 passengers in its second year.\n"
QUESTION = "How many passengers did the Velmora harbour ferry carry?"


def large_text(megabytes: float) -> bytes:
    """Varied text (no two paragraphs alike), so that every chunk is embedded: minutes of work on any machine."""
    rnd = random.Random(7)
    words = [f"term{rnd.randrange(10**6)}" for _ in range(5000)]
    paragraphs, size = [], 0
    while size < megabytes * 1e6:
        paragraphs.append(" ".join(rnd.choice(words) for _ in range(120)) + ".")
        size += len(paragraphs[-1]) + 2
    return ("Harbour ferry note.\n\n" + "\n\n".join(paragraphs)).encode()


def upload(client: TestClient, name: str, data: bytes) -> dict:
    response = client.post("/api/v1/documents", files={"file": (name, data, "text/plain")})
    assert response.status_code == 202, response.text
    return response.json()


def job(client: TestClient, job_id: str) -> dict:
    response = client.get(f"/api/v1/jobs/{job_id}")
    assert response.status_code == 200, response.text
    return response.json()


def until(client: TestClient, job_id: str, statuses: set[str], timeout_s: float = 300) -> dict:
    deadline = time.monotonic() + timeout_s
    while (found := job(client, job_id))["status"] not in statuses:
        assert time.monotonic() < deadline, found
        time.sleep(0.1)
    return found


def index_state(client: TestClient) -> tuple[dict, str, list[tuple]]:
    """What the index answers about the ferry note: its metadata (hash and ingest time included), and the answer to
    a question about it with every citation's document, page and passage. (The seed note, deleted by the job queued
    behind, is left out, and so are scores: a document fewer moves every score.)"""
    documents = client.get("/api/v1/documents")
    answer = client.post("/api/v1/ask", json={"question": QUESTION})
    assert documents.status_code == 200 and answer.status_code == 200, (documents.text, answer.text)
    ferry = [d for d in documents.json()["documents"] if d["doc_id"] == "ferry-note.txt"]
    assert len(ferry) == 1, documents.text
    body = answer.json()
    return ferry[0], body["answer"], [(c["source"], c["page"], c["text"]) for c in body["citations"]]


def documents(client: TestClient) -> list[str]:
    return [d["doc_id"] for d in client.get("/api/v1/documents").json()["documents"]]


def staged(settings: Settings) -> list[str]:
    folder = settings.resolved_data_dir() / "uploads" / ".staging"
    return sorted(p.name for p in folder.iterdir()) if folder.is_dir() else []


@contextmanager
def indexed(tmp_path: Path, **limits: float) -> Iterator[tuple[TestClient, Settings]]:
    """An index holding a seed note and the uploaded ferry note (first version), served by an app whose jobs run
    under ``limits``; the first version is uploaded under the default limits."""
    from ingest.pipeline import ingest_paths

    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "seed.txt").write_text("Seed note.\n\nThe seed note keeps the index from being empty.\n")
    settings = Settings(data_dir=tmp_path / "data", query_embed_process=False, max_upload_mb=20)
    ingest_paths([docs], settings, progress=False)
    service = AssistantService(settings)
    with TestClient(create_app(settings, service=service)) as client:
        assert until(client, upload(client, "ferry-note.txt", FIRST.encode())["id"], {"done", "failed"})["status"] \
            == "done"
    limited = settings.model_copy(update=limits)
    with TestClient(create_app(limited, service=service)) as client:
        yield client, limited


def test_a_job_over_its_time_limit_fails_and_the_index_answers_as_before(tmp_path: Path) -> None:
    with indexed(tmp_path, job_timeout_s=30) as (client, settings):
        before = index_state(client)
        assert "48,000" in before[1] and documents(client) == ["ferry-note.txt", "seed.txt"], before
        slow = upload(client, "ferry-note.txt", large_text(8))  # a replacement that cannot be embedded in time
        after_it = client.delete("/api/v1/documents/seed.txt")
        assert after_it.status_code == 202, after_it.text
        after_it = after_it.json()
        until(client, slow["id"], {"running"})
        while job(client, slow["id"])["status"] == "running":
            assert index_state(client) == before  # answered meanwhile, from the index as it was
            time.sleep(0.5)
        failed = job(client, slow["id"])
        assert failed["status"] == "failed", failed
        assert "time limit" in failed["message"] and "ASSISTANT_JOB_TIMEOUT_S" in failed["message"], failed
        assert "previous version stays" in failed["message"], failed
        assert index_state(client) == before
        download = client.get("/api/v1/documents/ferry-note.txt/file")
        assert download.status_code == 200 and download.content == FIRST.encode()
        assert until(client, after_it["id"], {"done", "failed"})["status"] == "done"  # the queue went on
        assert documents(client) == ["ferry-note.txt"] and index_state(client) == before
        assert staged(settings) == []


def test_a_job_over_its_memory_limit_fails_and_the_index_answers_as_before(tmp_path: Path) -> None:
    """200 MB is below what an upload's process needs (the embedding model alone) and above what a delete's needs."""
    with indexed(tmp_path, job_memory_mb=200) as (client, settings):
        before = index_state(client)
        heavy = upload(client, "ferry-note.txt", SECOND.encode())
        after_it = client.delete("/api/v1/documents/seed.txt").json()
        failed = until(client, heavy["id"], {"done", "failed"})
        assert failed["status"] == "failed", failed
        assert "memory limit" in failed["message"] and "ASSISTANT_JOB_MEMORY_MB" in failed["message"], failed
        assert failed["peak_memory_mb"] > 200, failed
        assert index_state(client) == before
        assert client.get("/api/v1/documents/ferry-note.txt/file").content == FIRST.encode()
        done = until(client, after_it["id"], {"done", "failed"})
        assert done["status"] == "done" and done["peak_memory_mb"] <= 200, done
        assert documents(client) == ["ferry-note.txt"] and index_state(client) == before
        assert staged(settings) == []
