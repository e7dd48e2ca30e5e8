"""What a restart does with the jobs a stopped service left behind, case by case, on a real index and real files:
an upload stopped after its file was swapped in is settled so that the uploads folder matches the index again, and
a waiting upload whose staged file is gone fails with the reason. (The whole restart, through real `assistant
serve` processes, is tests/api/test_job_restart.py.)"""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest

from assistant.config import Settings
from assistant.hashing import file_sha256
from ingest.jobs.queue import STOPPED, JobQueue
from ingest.jobs.store import Job, JobFiles, now
from ingest.jobs.swap import swap_in
from ingest.jobs.uploads import save_upload, uploads_dir

pytestmark = pytest.mark.slow

FIRST = b"Harbour ferry note.\n\nThe harbour ferry pilot carried 48,000 passengers in its first year of service.\n"
SECOND = b"Harbour ferry note.\n\nThe harbour ferry pilot carried 51,000 passengers in its second year of service.\n"


def _left_by_a_stopped_service(settings: Settings, upload, status: str) -> Job:
    """A job record as a killed process leaves it: its owner's lock is gone with the process."""
    job = Job(id=uuid.uuid4().hex, action="ingest", status=status, doc_id=upload.name, upload=upload, created=now(),
              owner=uuid.uuid4().hex)
    JobFiles(settings).save(job)
    return job


def test_an_upload_stopped_after_its_swap_leaves_the_indexed_version(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path / "data")
    queue = JobQueue(settings)
    first = queue.submit("ingest", "ferry.txt", save_upload("ferry.txt", FIRST, settings))
    assert queue.wait(first.id, 120).status == "done"
    queue.close()
    target = uploads_dir(settings) / "ferry.txt"
    indexed = file_sha256(target)

    replacement = save_upload("ferry.txt", SECOND, settings)
    swap_in(replacement, settings)  # the new bytes are in place, the old ones aside: then the process was killed
    assert file_sha256(target) != indexed
    stopped = _left_by_a_stopped_service(settings, replacement, "running")
    lost = _left_by_a_stopped_service(settings, save_upload("lost.txt", FIRST, settings), "queued")
    lost.upload.path.unlink()  # type: ignore[union-attr]

    restarted = JobQueue(settings)
    restarted.resume()
    settled = restarted.get(stopped.id)
    assert settled.status == "failed" and settled.message.startswith(STOPPED), settled
    assert "previous version stays" in settled.message
    assert file_sha256(target) == indexed  # the file the index holds, downloadable again
    assert not any(p.name.endswith(".previous") for p in replacement.path.parent.iterdir())
    gone = restarted.get(lost.id)
    assert gone.status == "failed" and "upload it again" in gone.message
    restarted.close()
