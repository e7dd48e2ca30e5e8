"""A restart loses no upload: jobs are files in the data folder, so uploads still waiting when the service was killed
run after the next start, their ids keep answering, and staged files no job names are removed with a log line.
Real `assistant serve` processes (killed with SIGKILL), real uploads over HTTP, a real ingest lock held to keep the
jobs waiting."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import psutil
import pytest
from filelock import FileLock

from tests.conftest import REPO, free_port, stop_process, wait_for_server
from tests.ingest.test_private_data import open_to_others

pytestmark = pytest.mark.slow

NOTES = {
    "ferry-note.txt": "Harbour ferry note.\n\nThe harbour ferry pilot carried 48,000 passengers in its first year.\n",
    "garden-note.txt": "Rooftop garden note.\n\nThe rooftop garden scheme planted 310 trees on school roofs in 2024.\n",
    "library-note.txt": "Night library note.\n\nThe night library opened 12 reading rooms that stay open until midnight.\n",
}


@contextmanager
def _service(data: Path, log: Path) -> Iterator[tuple[str, subprocess.Popen[bytes]]]:
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("ASSISTANT_")}
    env.update(ASSISTANT_DATA_DIR=str(data), ASSISTANT_LOCK_TIMEOUT_S="600", PYTHONPATH=str(REPO))
    with log.open("ab") as out:
        proc = subprocess.Popen([sys.executable, "-m", "assistant.cli", "serve", "--port", str(port),
                                 "--log-level", "warning"], cwd=REPO, env=env, stdout=out, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        wait_for_server(proc, log, f"{url}/readyz", "assistant serve", timeout=180)
        yield url, proc
    finally:
        if proc.poll() is None:
            stop_process(proc, timeout=20)


def _job(url: str, job_id: str) -> dict:
    response = httpx.get(f"{url}/api/v1/jobs/{job_id}", timeout=30)
    assert response.status_code == 200, response.text
    return response.json()


def _until(url: str, job_id: str, statuses: set[str], timeout_s: float = 120) -> dict:
    deadline = time.monotonic() + timeout_s
    while (job := _job(url, job_id))["status"] not in statuses:
        assert time.monotonic() < deadline, job
        time.sleep(0.2)
    return job


def _waiting_for_the_lock(service: subprocess.Popen[bytes]) -> None:
    """Until the running job's process polls the held ingest lock, asleep between tries (its main thread in a
    nanosleep, sample after sample), not still loading its modules: killed then, the service leaves a job that waits
    behind another writer, and that writer's release must not let the job run on without its service."""
    deadline = time.monotonic() + 120
    asleep = 0
    while asleep < 10:
        assert time.monotonic() < deadline, "the job's process never reached the ingest lock"
        workers = [c for c in psutil.Process(service.pid).children() if c.cmdline()[-1:] == ["now"]]
        try:
            asleep = asleep + 1 if workers and "nanosleep" in Path(f"/proc/{workers[0].pid}/wchan").read_text() else 0
        except OSError:
            asleep = 0
        time.sleep(0.02)


def test_uploads_waiting_at_a_kill_run_after_the_restart(tmp_path: Path) -> None:
    data, log = tmp_path / "data", tmp_path / "serve.log"
    with _service(data, log) as (url, proc):
        # another writer (a CLI ingest, whose files are 0600 too) holds the index: the jobs wait behind it
        lock = FileLock(str(data / "ingest.lock"), mode=0o600)
        lock.acquire(timeout=30)
        ids = []
        for name, text in NOTES.items():
            response = httpx.post(f"{url}/api/v1/documents", files={"file": (name, text.encode(), "text/plain")},
                                  timeout=60)
            assert response.status_code == 202, response.text
            ids.append(response.json()["id"])
        _until(url, ids[0], {"running"})
        _waiting_for_the_lock(proc)
        assert [_job(url, i)["status"] for i in ids[1:]] == ["queued", "queued"]
        proc.kill()  # SIGKILL, not a stop: nothing of the service runs on the way out
        proc.wait(timeout=30)
    staging = data / "uploads" / ".staging"
    assert len([p for p in staging.iterdir() if p.is_file()]) == 3  # the three uploads, still staged
    orphan = staging / "0123456789abcdef-left-behind.txt"
    orphan.write_text("staged by a service version that kept its jobs in memory only", encoding="utf-8")
    os.utime(orphan, (time.time() - 7200, time.time() - 7200))
    lock.release()

    with _service(data, log) as (url, _):
        jobs = [_until(url, job_id, {"done", "failed", "cancelled"}) for job_id in ids]
        assert [j["status"] for j in jobs] == ["done", "done", "done"], jobs
        listed = httpx.get(f"{url}/api/v1/documents", timeout=30).json()["documents"]
        assert {d["doc_id"] for d in listed} == set(NOTES)
        answer = httpx.post(f"{url}/api/v1/ask", json={"question": "How many trees did the rooftop garden scheme plant?"},
                            timeout=120).json()
        assert answer["found"] and "310" in answer["answer"], answer
        assert httpx.get(f"{url}/api/v1/jobs/{'f' * 32}", timeout=30).status_code == 404  # unknown ids stay unknown
    assert [p.name for p in staging.iterdir()] == []
    text = log.read_text(errors="replace")
    resumed = ", ".join(f"ingest {name} ({job_id})" for name, job_id in zip(NOTES, ids, strict=True))
    assert f"resumed 3 job(s) left waiting by a stopped service: {resumed}" in text  # in the order they came
    assert "removed the staged upload 0123456789abcdef-left-behind.txt" in text
    assert open_to_others(data) == []  # index, uploads, job files and audit log: the owner's alone
