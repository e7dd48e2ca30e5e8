"""`DELETE /api/v1/jobs/{id}` cancels a job. A queued one never runs and its staged file is gone. A running one has
its process killed part-way through ingesting a replacement: the index answers exactly as before, the uploads folder
serves the version the index holds, nothing stays staged, and the queue goes on. A finished job cannot be cancelled.
Real HTTP through the app, real files, the real embedder and Chroma."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from assistant.config import Settings
from assistant.service import AssistantService
from tests.api.conftest import Keys
from tests.api.test_job_limits import FIRST, index_state, large_text, staged, until

pytestmark = pytest.mark.slow


def _upload(client: TestClient, name: str, data: bytes, headers: dict[str, str]) -> dict:
    response = client.post("/api/v1/documents", files={"file": (name, data, "text/plain")}, headers=headers)
    assert response.status_code == 202, response.text
    return response.json()


def test_a_running_job_is_killed_and_a_queued_one_dropped(tmp_path: Path, restricted_settings: Settings,
                                                          api_keys: tuple) -> None:
    settings = Settings(data_dir=tmp_path / "data", api_keys_file=restricted_settings.api_keys_file,
                        query_embed_process=False, max_upload_mb=20)
    admin = Keys.header(api_keys[1].admin)
    with TestClient(create_app(settings, service=AssistantService(settings)), headers=admin) as client:
        first = _upload(client, "ferry-note.txt", FIRST.encode(), admin)
        assert until(client, first["id"], {"done", "failed"})["status"] == "done"
        before = index_state(client)

        running = _upload(client, "ferry-note.txt", large_text(8), admin)  # a replacement: minutes to embed
        queued = _upload(client, "second-note.txt", b"Second note.\n\nThe Quorran ferry leaves at seven.\n", admin)
        deadline = time.monotonic() + 120
        while not any(name.endswith(".swap.json") for name in staged(settings)):
            assert time.monotonic() < deadline, "the replacement was never swapped in"
            time.sleep(0.05)  # swapped in: its process holds the index and is ingesting the new version
        assert index_state(client) == before  # answered meanwhile, from the index as it was

        cancelled = client.delete(f"/api/v1/jobs/{queued['id']}", headers=admin)
        assert cancelled.status_code == 200 and cancelled.json()["status"] == "cancelled", cancelled.text
        assert client.delete(f"/api/v1/jobs/{running['id']}", headers=Keys.header(api_keys[1].staff)).status_code \
            == 403
        killed = client.delete(f"/api/v1/jobs/{running['id']}", headers=admin)
        assert killed.status_code == 200, killed.text
        assert killed.json()["status"] == "cancelled", killed.json()
        assert "previous version stays" in killed.json()["message"], killed.json()
        assert client.delete("/api/v1/jobs/no-such-job", headers=admin).status_code == 404

        assert index_state(client) == before
        assert client.get("/api/v1/documents/ferry-note.txt/file", headers=admin).content == FIRST.encode()
        assert staged(settings) == []
        assert until(client, queued["id"], {"done", "failed", "cancelled"})["status"] == "cancelled"

        after = _upload(client, "third-note.txt", b"Third note.\n\nThe Orvanto pier opens at six.\n", admin)
        assert until(client, after["id"], {"done", "failed"})["status"] == "done"  # the queue went on
        listed = {d["doc_id"] for d in client.get("/api/v1/documents", headers=admin).json()["documents"]}
        assert listed == {"ferry-note.txt", "third-note.txt"}
        answer = client.post("/api/v1/ask", json={"question": "When does the Orvanto pier open?"}, headers=admin).json()
        assert answer["found"] and answer["citations"][0]["source"] == "third-note.txt", answer
        assert index_state(client) == before
        assert client.app.state.ctx.jobs.pending() == 0  # type: ignore[attr-defined]
        assert client.delete(f"/api/v1/jobs/{running['id']}", headers=admin).status_code == 409  # finished
