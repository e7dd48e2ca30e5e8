"""What a job does to the index (ingest an upload, delete a document), run in the job's own process
(``ingest.jobs.worker``), and how the index is made whole again when that process was killed part-way.

Each action has one commit point, a single SQLite transaction of the record store, and is safe to kill on either
side of it: before, the index is as it was (vectors already written for the new chunks are strays the search never
returns, since it only asks for chunks the records know, and the next ingest's reconcile removes them); after, the
job's change is in, and ``settle_killed`` finishes its file steps."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from assistant.config import Settings
from assistant.errors import NotFoundError
from ingest.jobs.store import Job, Status
from ingest.jobs.swap import ingest_upload, set_catalog_entry, settle
from ingest.jobs.uploads import uploads_dir

if TYPE_CHECKING:
    from ingest.jobs.worker import Outcome

log = logging.getLogger(__name__)

SETTLE_LOCK_WAIT_S = 300.0  # a CLI ingest may hold the index when a job is stopped: wait for it, then put things back
STOPPED = "the service stopped while this job ran"


def _ingest(settings: Settings, job: Job) -> str:
    if job.upload is None:
        raise NotFoundError(f"job {job.id} has no upload to ingest")
    return ingest_upload(job.upload, settings)


def _delete(settings: Settings, job: Job) -> str:
    """The records go first, in one transaction: killed before it, nothing changed; after it, the document is gone
    and its vectors are strays. The sync marker is cleared first, so that the next ingest looks for strays."""
    from assistant.factory import build_embedder, build_records, build_vectors
    from ingest.locking import ingest_lock
    from ingest.pipeline import SYNCED_KEY

    with ingest_lock(settings):
        records = build_records(settings)
        try:
            if records.document(job.doc_id) is None:
                raise NotFoundError(f"no document {job.doc_id!r}")
            ids = sorted(records.chunk_ids_of(job.doc_id))
            root = records.document_roots().get(job.doc_id)
            synced = records.get_meta(SYNCED_KEY)
            records.delete_meta(SYNCED_KEY)
            records.delete_document(job.doc_id)
            if ids:
                build_vectors(settings, build_embedder(settings)).delete(ids)
            if synced is not None:
                records.set_meta(SYNCED_KEY, synced)
            if root is not None and Path(root) == uploads_dir(settings):
                _drop_upload(settings, job.doc_id)
        finally:
            records.close()
    return f"deleted {job.doc_id} ({len(ids)} chunks)"


def _drop_upload(settings: Settings, name: str) -> None:
    """An uploaded original goes with its document, and its access: a new upload of the name starts fresh."""
    (uploads_dir(settings) / name).unlink(missing_ok=True)
    set_catalog_entry(uploads_dir(settings), name, None)


HANDLERS: dict[str, Callable[[Settings, Job], str]] = {"ingest": _ingest, "delete": _delete}


def settle_killed(settings: Settings, job: Job) -> tuple[bool, str]:
    """After the job's process was killed: whether its change reached the index, and what the index holds now.
    Under the ingest lock, so that no other writer sees the uploads folder half put back."""
    from assistant.factory import build_records
    from ingest.locking import ingest_lock

    waiting = settings.model_copy(update={"lock_timeout_s": max(settings.lock_timeout_s, SETTLE_LOCK_WAIT_S)})
    with ingest_lock(waiting):
        if job.action == "ingest":
            if job.upload is None:
                return False, "nothing of it was stored"
            try:
                return settle(job.upload, settings)
            finally:
                job.upload.path.unlink(missing_ok=True)
        records = build_records(settings)
        try:
            present = records.document(job.doc_id) is not None
        finally:
            records.close()
        if present:
            return False, "the document stays"
        if (uploads_dir(settings) / job.doc_id).is_file():
            _drop_upload(settings, job.doc_id)  # not indexed any more: the next ingest of the folder would add it
        return True, "the document was deleted before it stopped"


def killed_status(settings: Settings, job: Job, outcome: Outcome) -> tuple[Status, str]:
    """The status of a job whose process was killed or died without a result: whether its change is in the index
    (``settle_killed``), and why it stopped."""
    why = _why(outcome, settings)
    try:
        changed, note = settle_killed(settings, job)
    except Exception as exc:
        log.exception("job %s: what its process left could not be put back", job.id)
        return "failed", f"{why}; what it left could not be checked ({type(exc).__name__}: {exc})"
    if changed:
        return "done", f"{why}, but it had finished: {note}"
    return ("cancelled" if outcome.killed == "cancel" else "failed"), f"{why}; {note}"


def _why(outcome: Outcome, settings: Settings) -> str:
    if outcome.killed == "timeout":
        return f"stopped after {settings.job_timeout_s:g} s, the time limit of a job (ASSISTANT_JOB_TIMEOUT_S)"
    if outcome.killed == "memory":
        return (f"stopped at {outcome.peak_mb:.0f} MB, over the memory limit of a job "
                f"({settings.job_memory_mb} MB, ASSISTANT_JOB_MEMORY_MB)")
    if outcome.killed == "cancel":
        return "cancelled while it ran"
    return outcome.message


def settle_stopped(settings: Settings, job: Job, wait_s: float) -> tuple[Status, str]:
    """An upload that was running when its service stopped, at the next start, under the ingest lock (another writer,
    a CLI ingest, must not read the uploads folder half put back, nor commit between the check and the put-back).
    Its status then matches the index: "queued" (it never swapped in: it runs again), "done" (its new version was
    committed: it is served) or "failed" (nothing of it kept). Raises ``StoreLockedError`` after ``wait_s`` s of
    another ingestion holding the lock, for the caller to try again, and whatever a store that cannot be read raises."""
    from ingest.locking import ingest_lock

    if job.upload is None:
        return "failed", STOPPED
    with ingest_lock(settings.model_copy(update={"lock_timeout_s": wait_s})):
        swapped = not job.upload.path.is_file()
        kept, note = settle(job.upload, settings)  # unswapped: a half-made swap undone
    if not swapped:
        return "queued", note
    if kept:
        return "done", f"completed on restart: {STOPPED}, {note}"
    return "failed", f"{STOPPED}; {note}: upload the file again"
