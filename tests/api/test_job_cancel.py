"""`DELETE /api/v1/jobs/{id}` cancels a queued upload job: it never runs, its staged file is gone, and the job says
so; a running job answers 409. The worker is held deterministically by holding the real ingest lock."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from assistant.config import Settings
from assistant.service import AssistantService
from ingest.locking import ingest_lock
from tests.api.conftest import Keys

pytestmark = pytest.mark.slow


def _upload(client: TestClient, name: str, text: str, headers: dict[str, str]) -> dict:
    response = client.post("/api/v1/documents", files={"file": (name, text.encode(), "text/plain")}, headers=headers)
    assert response.status_code == 202, response.text
    return response.json()


def _status(client: TestClient, job: dict, headers: dict[str, str]) -> str:
    return client.get(f"/api/v1/jobs/{job['id']}", headers=headers).json()["status"]


def test_a_queued_job_is_cancelled_and_a_running_one_is_not(tmp_path: Path, restricted_settings: Settings,
                                                             api_keys: tuple) -> None:
    from ingest.pipeline import ingest_paths

    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "seed.txt").write_text("Seed note.\n\nThe seed note keeps the index from being empty.\n")
    settings = Settings(data_dir=tmp_path / "data", api_keys_file=restricted_settings.api_keys_file,
                        lock_timeout_s=300, query_embed_process=False)
    ingest_paths([docs], settings, progress=False)
    admin = Keys.header(api_keys[1].admin)
    with TestClient(create_app(settings, service=AssistantService(settings))) as client:
        with ingest_lock(settings):  # the worker's first job waits for this lock: it is running, the next queued
            first = _upload(client, "first-note.txt", "First note.\n\nThe Orvanto pier opens at six.\n", admin)
            second = _upload(client, "second-note.txt", "Second note.\n\nThe Quorran ferry leaves at seven.\n", admin)
            deadline = time.monotonic() + 60
            while _status(client, first, admin) != "running":
                assert time.monotonic() < deadline, "the first job never started"
                time.sleep(0.05)
            staged = list((settings.resolved_data_dir() / "uploads" / ".staging").iterdir())
            assert len(staged) == 2
            cancelled = client.delete(f"/api/v1/jobs/{second['id']}", headers=admin)
            assert cancelled.status_code == 200 and cancelled.json()["status"] == "cancelled", cancelled.text
            running = client.delete(f"/api/v1/jobs/{first['id']}", headers=admin)
            assert running.status_code == 409 and "running" in running.json()["detail"]
            staff = client.delete(f"/api/v1/jobs/{first['id']}", headers=Keys.header(api_keys[1].staff))
            assert staff.status_code == 403
            assert client.delete("/api/v1/jobs/no-such-job", headers=admin).status_code == 404
        deadline = time.monotonic() + 120
        while _status(client, first, admin) in ("queued", "running"):
            assert time.monotonic() < deadline, "the first job never finished"
            time.sleep(0.1)
        assert _status(client, first, admin) == "done"
        assert _status(client, second, admin) == "cancelled"
        assert client.app.state.ctx.jobs.pending() == 0  # type: ignore[attr-defined]
        docs_now = {d["doc_id"] for d in client.get("/api/v1/documents", headers=admin).json()["documents"]}
        assert "first-note.txt" in docs_now and "second-note.txt" not in docs_now
        assert list((settings.resolved_data_dir() / "uploads" / ".staging").iterdir()) == []
        assert client.delete(f"/api/v1/jobs/{second['id']}", headers=admin).status_code == 409
