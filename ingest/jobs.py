"""Background ingestion inside the service: one worker thread is the single writer of the embedded store, so uploads
and deletions queue behind each other while queries keep being answered from the committed index."""

from __future__ import annotations

import logging
import os
import queue
import threading
import uuid
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from assistant.config import Settings
from assistant.errors import AssistantError, ConflictError, NotFoundError
from assistant.hashing import file_sha256
from ingest.job_store import FINISHED, Action, Job, JobFiles, Status
from ingest.job_store import now as _now
from ingest.upload_swap import ingest_upload, set_catalog_entry
from ingest.uploads import StagedUpload, uploads_dir

log = logging.getLogger(__name__)

__all__ = ["FINISHED", "Action", "Job", "JobQueue", "StagedUpload", "Status"]
_KEEP_FINISHED = 1000
STOPPED = "the service stopped while this job ran"


def _ingest(settings: Settings, job: Job) -> str:
    if job.upload is None:
        raise NotFoundError(f"job {job.id} has no upload to ingest")
    return ingest_upload(job.upload, settings)


def _delete(settings: Settings, job: Job) -> str:
    """Chunks leave the vector index first: a crash in between leaves records whose vectors the next ingest repairs."""
    from assistant.factory import build_embedder, build_records, build_vectors
    from ingest.locking import ingest_lock

    with ingest_lock(settings):
        records = build_records(settings)
        try:
            if records.document(job.doc_id) is None:
                raise NotFoundError(f"no document {job.doc_id!r}")
            ids = sorted(records.chunk_ids_of(job.doc_id))
            root = records.document_roots().get(job.doc_id)
            if ids:
                build_vectors(settings, build_embedder(settings)).delete(ids)
            records.delete_document(job.doc_id)
            if root is not None and Path(root) == uploads_dir(settings):
                (Path(root) / job.doc_id).unlink(missing_ok=True)  # an uploaded original goes with its document
                set_catalog_entry(Path(root), job.doc_id, None)  # and its access: a new upload of the name starts fresh
        finally:
            records.close()
    return f"deleted {job.doc_id} ({len(ids)} chunks)"


HANDLERS: dict[Action, Callable[[Settings, Job], str]] = {"ingest": _ingest, "delete": _delete}


def _settle_swap(settings: Settings, job: Job) -> str:
    """An upload job that stopped after its file was swapped in: the uploads folder is made to match the index again
    (the version the index holds stays; the other one goes), and the message says which version that is."""
    from assistant.factory import build_records

    assert job.upload is not None
    target = uploads_dir(settings) / job.upload.name
    backup = job.upload.path.with_name(f"{job.upload.path.name}.previous")
    records = build_records(settings)
    try:
        meta = records.document(job.doc_id)
    finally:
        records.close()
    if meta is not None and target.is_file() and meta.sha256 == file_sha256(target):
        backup.unlink(missing_ok=True)
        return f"{STOPPED}, after the new version was indexed: it stays"
    if backup.is_file():
        os.replace(backup, target)
        return f"{STOPPED}; the previous version stays as it was: upload the file again"
    target.unlink(missing_ok=True)  # an unindexed file would fail every later ingest of the uploads folder
    return f"{STOPPED}; nothing of it was kept: upload the file again"


class JobQueue:
    """Jobs run in submission order; ``on_done`` lets the service drop caches once a job changed the index.

    Every job is also a file (``ingest.job_store``), so its id answers after a restart; ``resume`` (at start)
    re-queues the waiting jobs of a queue that is gone and settles the one it was running."""

    def __init__(self, settings: Settings, on_done: Callable[[Job], None] | None = None) -> None:
        self.settings = settings
        self.on_done = on_done
        self.files = JobFiles(settings)
        self.files.hold()
        self._jobs: dict[str, Job] = {}
        self._lock = threading.Lock()
        self._queue: queue.Queue[str | None] = queue.Queue()
        self._worker: threading.Thread | None = None

    def submit(self, action: Action, doc_id: str, upload: StagedUpload | None = None) -> Job:
        job = Job(id=uuid.uuid4().hex, action=action, doc_id=doc_id, upload=upload, created=_now(),
                  owner=self.files.owner)
        self._enqueue(job)
        return job.model_copy()

    def _enqueue(self, job: Job) -> None:
        self.files.save(job)
        with self._lock:
            self._jobs[job.id] = job
            self._trim()
            if self._worker is None or not self._worker.is_alive():
                self._worker = threading.Thread(target=self._run, name="ingest-worker", daemon=True)
                self._worker.start()
        self._queue.put(job.id)

    def resume(self) -> None:
        """Adopt the jobs of queues whose process is gone: waiting ones run again; a running upload whose file was
        not swapped in yet runs again, one that was is settled and failed with the reason; a running delete, safe
        to repeat, runs again. Staged uploads no waiting job names are removed. Each step is logged."""
        requeued, settled = [], []
        for job in self.files.all():
            if job.status in FINISHED:
                with self._lock:
                    self._jobs.setdefault(job.id, job)  # its id keeps answering
                continue
            if not self.files.owner_gone(job.owner):
                continue  # another live process runs it
            swapped = job.action == "ingest" and (job.upload is None or not job.upload.path.is_file())
            if job.status == "queued" and swapped:
                settled.append(self._fail(job, "its uploaded file was lost while the service was stopped: upload "
                                               "it again"))
                continue
            if job.status == "running" and swapped:
                try:
                    message = _settle_swap(self.settings, job) if job.upload is not None else STOPPED
                except Exception as exc:  # a store that cannot be read now: say so, never block the start
                    message = f"{STOPPED}; its outcome could not be checked ({type(exc).__name__})"
                settled.append(self._fail(job, message))
                continue
            self._enqueue(job.model_copy(update={"status": "queued", "owner": self.files.owner}))
            requeued.append(job)
        if requeued:
            log.warning("resumed %d job(s) left waiting by a stopped service: %s", len(requeued),
                        ", ".join(f"{j.action} {j.doc_id} ({j.id})" for j in requeued))
        for job in settled:
            log.warning("job %s (%s %s) failed: %s", job.id, job.action, job.doc_id, job.message)
        named = {j.upload.path for j in self.files.all() if j.upload is not None and j.status not in FINISHED}
        for path in self.files.remove_orphans(named):
            log.warning("removed the staged upload %s: no waiting job names it", path.name)

    def _fail(self, job: Job, message: str) -> Job:
        job = job.model_copy(update={"status": "failed", "message": message, "finished": _now(),
                                     "owner": self.files.owner})
        self.files.save(job)
        with self._lock:
            self._jobs[job.id] = job
        return job

    def get(self, job_id: str) -> Job:
        """A job of this queue, or one another service process on the same data folder holds."""
        with self._lock:
            job = self._jobs.get(job_id)
        if job is None:
            job = self.files.load(job_id)
        if job is None:
            raise NotFoundError(f"no job {job_id!r}")
        return job.model_copy()

    def cancel(self, job_id: str) -> Job:
        """A queued job is dropped (its staged upload with it); one already running or finished cannot be."""
        with self._lock:
            job = self._jobs.get(job_id)
            if job is None:
                if self.files.load(job_id) is not None:
                    raise ConflictError(f"job {job_id} belongs to another service process; cancel it there")
                raise NotFoundError(f"no job {job_id!r}")
            if job.status != "queued":
                raise ConflictError(f"job {job_id} is {job.status}; only a queued job can be cancelled")
            job = job.model_copy(update={"status": "cancelled", "message": "cancelled before it ran",
                                         "finished": _now()})
            self._jobs[job_id] = job
            self.files.save(job)
        if job.upload is not None:
            job.upload.path.unlink(missing_ok=True)
        return job.model_copy()

    def pending(self) -> int:
        with self._lock:
            return sum(1 for j in self._jobs.values() if j.status in ("queued", "running"))

    def wait(self, job_id: str, timeout_s: float) -> Job:
        """For the CLI and tests: block until the job finished or the timeout passed."""
        deadline = threading.Event()
        end = datetime.now(UTC).timestamp() + timeout_s
        while datetime.now(UTC).timestamp() < end:
            job = self.get(job_id)
            if job.status in FINISHED:
                return job
            deadline.wait(0.05)
        return self.get(job_id)

    def close(self) -> None:
        """Jobs still waiting stay on disk, for the next start to resume."""
        if self._worker is not None and self._worker.is_alive():
            self._queue.put(None)
            self._worker.join(timeout=30)
        self.files.release()

    def _set(self, job_id: str, **changes: object) -> Job:
        with self._lock:
            job = self._jobs[job_id].model_copy(update=changes)
            self._jobs[job_id] = job
            self.files.save(job)
            return job

    def _run(self) -> None:
        while (job_id := self._queue.get()) is not None:
            with self._lock:  # taken under the lock: a cancel cannot slip in between the check and the start
                if job_id not in self._jobs or self._jobs[job_id].status != "queued":
                    continue  # cancelled (or trimmed) while it waited
                job = self._jobs[job_id] = self._jobs[job_id].model_copy(update={"status": "running"})
                self.files.save(job)
            try:
                message = HANDLERS[job.action](self.settings, job)
                job = self._set(job_id, status="done", message=message, finished=_now())
            except AssistantError as exc:
                job = self._set(job_id, status="failed", message=str(exc), finished=_now())
            except Exception as exc:  # a worker that dies would silently stop all later jobs
                log.exception("ingest job %s failed", job_id)
                job = self._set(job_id, status="failed", message=f"internal error: {type(exc).__name__}", finished=_now())
            if self.on_done is not None:
                try:
                    self.on_done(job)
                except Exception:
                    log.exception("job callback failed")

    def _trim(self) -> None:
        finished = [j for j in self._jobs.values() if j.status in FINISHED]
        for job in finished[: max(0, len(finished) - _KEEP_FINISHED)]:
            del self._jobs[job.id]
            self.files.remove(job.id)
