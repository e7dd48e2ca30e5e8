"""What a restart does with the jobs a stopped service left behind, case by case, on a real index and real files,
through a real queue and its worker: an upload stopped after its file was swapped in is settled so that the uploads
folder matches the index again, and its status what the index holds (done when its new version was committed, failed
when nothing of it was kept); settling waits for another writer that holds the index, without holding up the start;
a waiting upload whose staged file is gone fails with the reason. (The whole restart, through real `assistant
serve` processes, is tests/api/test_job_restart.py.)"""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest
from filelock import FileLock

from assistant.config import Settings
from assistant.factory import build_records
from assistant.hashing import file_sha256
from ingest.jobs.queue import STOPPED, JobQueue
from ingest.jobs.store import Job, JobFiles, now
from ingest.jobs.swap import catalog_entry, record_path, swap_in
from ingest.jobs.uploads import save_upload, uploads_dir
from tests.ingest.jobs.ferry import FIRST, SECOND
from tests.ingest.jobs.ferry import indexed as ferry_indexed

pytestmark = pytest.mark.slow


def _left_by_a_stopped_service(settings: Settings, upload, status: str) -> Job:
    """A job record as a killed process leaves it: its owner's lock is gone with the process."""
    job = Job(id=uuid.uuid4().hex, action="ingest", status=status, doc_id=upload.name, upload=upload, created=now(),
              owner=uuid.uuid4().hex)
    JobFiles(settings).save(job)
    return job


def test_an_upload_stopped_after_its_swap_leaves_the_indexed_version(tmp_path: Path) -> None:
    settings = ferry_indexed(tmp_path)
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
    settled = restarted.wait(stopped.id, 120)
    assert settled.status == "failed" and settled.message.startswith(STOPPED), settled
    assert "previous version stays" in settled.message
    assert file_sha256(target) == indexed  # the file the index holds, downloadable again
    assert not any(p.name.endswith(".previous") for p in replacement.path.parent.iterdir())
    gone = restarted.get(lost.id)
    assert gone.status == "failed" and "upload it again" in gone.message
    restarted.close()


def test_an_upload_stopped_after_its_commit_is_done_on_restart_once_another_writer_lets_go(tmp_path: Path) -> None:
    from ingest.pipeline import ingest_holding_lock

    settings = ferry_indexed(tmp_path)
    target = uploads_dir(settings) / "ferry.txt"
    replacement = save_upload("ferry.txt", SECOND, settings, access="public")
    swap = swap_in(replacement, settings)
    ingest_holding_lock([swap.target], settings.model_copy(update={"catalog_file": None}))  # committed; then killed
    stopped = _left_by_a_stopped_service(settings, replacement, "running")

    writer = FileLock(str(settings.resolved_data_dir() / "ingest.lock"), mode=0o600)  # a CLI ingest holds the index
    writer.acquire(timeout=30)
    try:
        restarted = JobQueue(settings)
        restarted.resume()  # returns: the start does not wait for the other writer
        assert restarted.wait(stopped.id, 5).status == "running"
        assert record_path(replacement).is_file()  # nothing settled behind the other writer's back
        assert any(p.name.endswith(".previous") for p in replacement.path.parent.iterdir())
    finally:
        writer.release()
    settled = restarted.wait(stopped.id, 120)
    restarted.close()
    assert settled.status == "done", settled
    assert settled.message.startswith("completed on restart") and "new version was indexed" in settled.message
    records = build_records(settings)
    try:
        meta = records.document("ferry.txt")
    finally:
        records.close()
    assert meta is not None and meta.sha256 == file_sha256(target) and target.read_bytes() == SECOND
    assert meta.access == "public" and catalog_entry(uploads_dir(settings), "ferry.txt") == {"access": "public"}
    assert sorted(p.name for p in replacement.path.parent.iterdir()) == []  # no backup, record or staged file
    assert JobFiles(settings).load(stopped.id) == settled  # what a later start reads
