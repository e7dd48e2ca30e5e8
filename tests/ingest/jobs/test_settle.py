"""What the parent does after a job's process was killed just after its commit point, on a real index and real files:
the job's steps are taken here up to that point (as the killed process had), then ``settle_killed`` runs. The change
that reached the index stays, and the uploads folder and its catalog are made to match it. (Kills before the commit
point, through real job processes, are tests/api/test_job_limits.py and test_job_cancel.py.)"""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest

from assistant.factory import build_records
from assistant.hashing import file_sha256
from ingest.jobs.actions import settle_killed
from ingest.jobs.store import Job, now
from ingest.jobs.swap import catalog_entry, record_path, swap_in
from ingest.jobs.uploads import StagedUpload, save_upload, uploads_dir
from tests.ingest.jobs.ferry import FIRST, SECOND
from tests.ingest.jobs.ferry import indexed as ferry_indexed

pytestmark = pytest.mark.slow


def _job(action: str, doc_id: str, upload: StagedUpload | None = None) -> Job:
    return Job(id=uuid.uuid4().hex, action=action, doc_id=doc_id, upload=upload, created=now())  # type: ignore[arg-type]


def test_an_upload_killed_after_its_commit_keeps_the_new_version(tmp_path: Path) -> None:
    from ingest.pipeline import ingest_holding_lock

    settings = ferry_indexed(tmp_path)
    replacement = save_upload("ferry.txt", SECOND, settings, access="public")
    swap = swap_in(replacement, settings)
    ingest_holding_lock([swap.target], settings.model_copy(update={"catalog_file": None}))  # committed; then killed
    changed, note = settle_killed(settings, _job("ingest", "ferry.txt", replacement))
    assert changed and "new version was indexed" in note
    target = uploads_dir(settings) / "ferry.txt"
    records = build_records(settings)
    try:
        meta = records.document("ferry.txt")
    finally:
        records.close()
    assert meta is not None and meta.sha256 == file_sha256(target) and meta.access == "public"
    assert catalog_entry(uploads_dir(settings), "ferry.txt") == {"access": "public"}
    assert sorted(p.name for p in replacement.path.parent.iterdir()) == []  # no backup, record or staged file


def test_an_upload_killed_before_its_commit_puts_the_previous_version_and_access_back(tmp_path: Path) -> None:
    settings = ferry_indexed(tmp_path)
    target = uploads_dir(settings) / "ferry.txt"
    replacement = save_upload("ferry.txt", SECOND, settings, access="public")
    swap_in(replacement, settings)  # swapped, new access in the catalog; killed before the ingest committed
    assert record_path(replacement).is_file() and target.read_bytes() == SECOND
    changed, note = settle_killed(settings, _job("ingest", "ferry.txt", replacement))
    assert not changed and "previous version stays" in note
    assert target.read_bytes() == FIRST
    assert catalog_entry(uploads_dir(settings), "ferry.txt") == {"access": "internal"}
    assert sorted(p.name for p in replacement.path.parent.iterdir()) == []


def test_a_delete_killed_before_its_commit_changes_nothing_and_after_it_finishes_its_file_steps(tmp_path: Path) -> None:
    settings = ferry_indexed(tmp_path)
    changed, note = settle_killed(settings, _job("delete", "ferry.txt"))  # killed before its commit
    assert not changed and note == "the document stays"
    assert (uploads_dir(settings) / "ferry.txt").read_bytes() == FIRST
    records = build_records(settings)
    try:
        records.delete_document("ferry.txt")  # the delete's commit point; killed before its vectors and file went
    finally:
        records.close()
    changed, note = settle_killed(settings, _job("delete", "ferry.txt"))
    assert changed and "deleted" in note
    assert not (uploads_dir(settings) / "ferry.txt").exists()
    assert catalog_entry(uploads_dir(settings), "ferry.txt") is None
