"""Background ingestion inside the service: one worker thread is the single writer of the embedded store, so uploads
and deletions queue behind each other while queries keep being answered from the committed index."""

from __future__ import annotations

import logging
import queue
import threading
import uuid
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Literal

from pydantic import BaseModel

from assistant.config import Settings
from assistant.errors import AssistantError, NotFoundError
from ingest.upload_swap import ingest_upload, set_catalog_entry
from ingest.uploads import StagedUpload, uploads_dir

log = logging.getLogger(__name__)

Action = Literal["ingest", "delete"]
Status = Literal["queued", "running", "done", "failed"]
_KEEP_FINISHED = 1000


class Job(BaseModel):
    id: str
    action: Action
    status: Status = "queued"
    doc_id: str
    upload: StagedUpload | None = None
    message: str = ""
    created: str
    finished: str | None = None


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


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


class JobQueue:
    """Jobs run in submission order; ``on_done`` lets the service drop caches once a job changed the index."""

    def __init__(self, settings: Settings, on_done: Callable[[Job], None] | None = None) -> None:
        self.settings = settings
        self.on_done = on_done
        self._jobs: dict[str, Job] = {}
        self._lock = threading.Lock()
        self._queue: queue.Queue[str | None] = queue.Queue()
        self._worker: threading.Thread | None = None

    def submit(self, action: Action, doc_id: str, upload: StagedUpload | None = None) -> Job:
        job = Job(id=uuid.uuid4().hex, action=action, doc_id=doc_id, upload=upload, created=_now())
        with self._lock:
            self._jobs[job.id] = job
            self._trim()
            if self._worker is None or not self._worker.is_alive():
                self._worker = threading.Thread(target=self._run, name="ingest-worker", daemon=True)
                self._worker.start()
        self._queue.put(job.id)
        return job.model_copy()

    def get(self, job_id: str) -> Job:
        with self._lock:
            job = self._jobs.get(job_id)
            if job is None:
                raise NotFoundError(f"no job {job_id!r}")
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
            if job.status in ("done", "failed"):
                return job
            deadline.wait(0.05)
        return self.get(job_id)

    def close(self) -> None:
        if self._worker is not None and self._worker.is_alive():
            self._queue.put(None)
            self._worker.join(timeout=30)

    def _set(self, job_id: str, **changes: object) -> Job:
        with self._lock:
            job = self._jobs[job_id].model_copy(update=changes)
            self._jobs[job_id] = job
            return job

    def _run(self) -> None:
        while (job_id := self._queue.get()) is not None:
            job = self._set(job_id, status="running")
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
        finished = [j for j in self._jobs.values() if j.status in ("done", "failed")]
        for job in finished[: max(0, len(finished) - _KEEP_FINISHED)]:
            del self._jobs[job.id]
