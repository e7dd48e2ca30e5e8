"""Settling on restart while another process holds the index: the upload a stopped service was running is settled
only under the ingest lock, so while another writer (a CLI ingest) holds it, the worker waits and tries again; the
start does not wait, jobs behind it wait their turn, a close meanwhile leaves everything for the next start, and a
cancel is refused until the settlement says what the index holds. The lock is held by a process of its own, through
the same ``ingest_lock`` the CLI's ingest takes."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from assistant.config import Settings
from assistant.errors import ConflictError
from ingest.jobs.queue import JobQueue
from ingest.jobs.store import Job, JobFiles, now
from ingest.jobs.swap import record_path, swap_in
from ingest.jobs.uploads import StagedUpload, save_upload, uploads_dir
from tests.ingest.jobs.ferry import SECOND
from tests.ingest.jobs.ferry import indexed as ferry_indexed

pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parents[3]
HOLDER = """import sys
from assistant.config import Settings
from ingest.locking import ingest_lock
with ingest_lock(Settings(data_dir=sys.argv[1])):
    print("held", flush=True)
    sys.stdin.read()  # until the test closes its end
"""


@contextmanager
def another_process_holding_the_index(settings: Settings) -> Iterator[None]:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    holder = subprocess.Popen([sys.executable, "-c", HOLDER, str(settings.resolved_data_dir())], cwd=REPO, env=env,
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        yield
    finally:
        assert holder.stdin is not None
        holder.stdin.close()
        holder.wait(timeout=60)


def _left_running_by_a_stopped_service(settings: Settings, upload: StagedUpload) -> Job:
    """A job record as a killed process leaves it: 'running', its owner's lock gone with the process."""
    job = Job(id=uuid.uuid4().hex, action="ingest", status="running", doc_id=upload.name, upload=upload, created=now(),
              owner=uuid.uuid4().hex)
    JobFiles(settings).save(job)
    return job


def _wait_for_log(caplog: pytest.LogCaptureFixture, text: str) -> None:
    deadline = time.monotonic() + 120
    while not any(text in r.getMessage() for r in caplog.records):
        assert time.monotonic() < deadline, f"never logged: {text!r}"
        time.sleep(0.1)


def test_settling_waits_for_another_process_and_a_close_meanwhile_leaves_it_to_the_next_start(
        tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    from ingest.pipeline import ingest_holding_lock

    settings = ferry_indexed(tmp_path)
    replacement = save_upload("ferry.txt", SECOND, settings, access="public")
    swap = swap_in(replacement, settings)
    ingest_holding_lock([swap.target], settings.model_copy(update={"catalog_file": None}))  # committed; then killed
    stopped = _left_running_by_a_stopped_service(settings, replacement)
    with another_process_holding_the_index(settings):
        first = JobQueue(settings)
        with caplog.at_level(logging.WARNING, logger="ingest.jobs.queue"):
            first.resume()  # returns at once, though the settlement cannot start
            behind = first.submit("delete", "ferry.txt")
            _wait_for_log(caplog, f"job {stopped.id} (ingest ferry.txt): settling it waits for another ingestion")
        assert first.get(stopped.id).status == "running"
        assert first.get(behind.id).status == "queued"  # in its turn, after the settlement
        assert record_path(replacement).is_file()  # nothing settled behind the other writer's back
        first.close()  # while the other process still holds the index
        assert first._worker is not None and not first._worker.is_alive()  # it stopped trying; it did not settle
        assert JobFiles(settings).load(stopped.id).status == "running"  # type: ignore[union-attr]
        assert JobFiles(settings).load(behind.id).status == "queued"  # type: ignore[union-attr]
    second = JobQueue(settings)
    second.resume()
    settled = second.wait(stopped.id, 120)
    deleted = second.wait(behind.id, 120)
    second.close()
    assert settled.status == "done" and settled.message.startswith("completed on restart"), settled
    assert deleted.status == "done", deleted  # then the delete, in submission order
    assert not (uploads_dir(settings) / "ferry.txt").exists()


def test_a_cancel_while_settling_is_refused_and_the_upload_then_runs_again(tmp_path: Path) -> None:
    settings = ferry_indexed(tmp_path)
    replacement = save_upload("ferry.txt", SECOND, settings)  # staged; the service stopped before the swap
    stopped = _left_running_by_a_stopped_service(settings, replacement)
    with another_process_holding_the_index(settings):
        queue = JobQueue(settings)
        queue.resume()
        with pytest.raises(ConflictError, match="is being settled"):
            queue.cancel(stopped.id)
        assert queue.get(stopped.id).status == "running"
        assert replacement.path.is_file()  # the staged upload is kept for the run that follows
    ran = queue.wait(stopped.id, 120)  # settled as never swapped in: queued, then run
    try:
        assert ran.status == "done", ran
        assert (uploads_dir(settings) / "ferry.txt").read_bytes() == SECOND
        with pytest.raises(ConflictError, match="is done"):  # settled, it is an ordinary finished job
            queue.cancel(stopped.id)
    finally:
        queue.close()
