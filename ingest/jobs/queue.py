"""Background ingestion for the service: one worker thread runs the jobs in submission order, each in a process of its
own (``ingest.jobs.worker``) that holds the ingest lock, so uploads and deletions queue behind each other, a job can be
bounded and cancelled while it runs, and queries keep being answered from the committed index."""

from __future__ import annotations

import logging
import queue
import threading
import uuid
from collections.abc import Callable
from datetime import UTC, datetime

from assistant.config import Settings
from assistant.errors import ConflictError, NotFoundError, StoreLockedError
from ingest.jobs.actions import STOPPED, killed_status, settle_stopped
from ingest.jobs.store import FINISHED, Action, Job, JobFiles, Status
from ingest.jobs.store import now as _now
from ingest.jobs.swap import companions
from ingest.jobs.uploads import StagedUpload
from ingest.jobs.worker import JobProcess, Outcome

log = logging.getLogger(__name__)

__all__ = ["FINISHED", "Action", "Job", "JobQueue", "StagedUpload", "Status"]
_KEEP_FINISHED = 1000
SETTLE_TRY_S = 2.0  # a settlement waiting for another ingestion tries the lock again after this, unless closing
CANCEL_WAIT_S = 60.0  # a cancel answers once the job is settled, unless putting back waits for another ingestion


class JobQueue:
    """Jobs run in submission order; ``on_done`` lets the service drop caches once a job changed the index.

    Every job is also a file (``ingest.jobs.store``), so its id answers after a restart; ``resume`` (at start)
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
        self._running: JobProcess | None = None  # the job whose process runs now
        self._spare: JobProcess | None = None
        self._closing = False  # the next job's process, started while this one runs and others wait
        self._settling: set[str] = set()  # running uploads adopted by ``resume``, settled by the worker first

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
        """Adopt the jobs of queues whose process is gone: waiting ones run again; a running delete, safe to repeat,
        runs again; a running upload is settled first (``ingest.jobs.actions.settle_stopped``), in its turn by the
        worker, under the ingest lock: the start does not wait for a CLI ingest that holds it. Settled, the upload
        runs again if its file was not swapped in yet, and is done (its new version is served) or failed (nothing of
        it kept) if it was. Staged uploads no waiting job names are removed. Each step is logged."""
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
            if job.status == "running" and job.upload is not None:
                with self._lock:
                    self._settling.add(job.id)
                self._enqueue(job.model_copy(update={"owner": self.files.owner}))  # 'running' until it is settled
                requeued.append(job)
                continue
            if job.status == "running" and swapped:
                settled.append(self._fail(job, STOPPED))
                continue
            self._enqueue(job.model_copy(update={"status": "queued", "owner": self.files.owner}))
            requeued.append(job)
        if requeued:
            log.warning("resumed %d job(s) left waiting by a stopped service: %s", len(requeued),
                        ", ".join(f"{j.action} {j.doc_id} ({j.id})" for j in requeued))
        for job in settled:
            log.warning("job %s (%s %s) failed: %s", job.id, job.action, job.doc_id, job.message)
        named = {path for j in self.files.all() if j.upload is not None and j.status not in FINISHED
                 for path in companions(j.upload)}
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
        """A queued job is dropped (its staged upload with it). A running one has its process killed and whatever it
        changed put back (``ingest.jobs.actions``); the job it returns is settled by then, unless putting back waits
        for another ingestion. A finished job cannot be cancelled."""
        with self._lock:
            job = self._jobs.get(job_id)
            if job is None:
                if self.files.load(job_id) is not None:
                    raise ConflictError(f"job {job_id} belongs to another service process; cancel it there")
                raise NotFoundError(f"no job {job_id!r}")
            if job_id in self._settling:
                raise ConflictError(f"job {job_id} stopped with the service while it ran and is being settled; "
                                    "its status tells the outcome")
            running = self._running if self._running is not None and self._running.job.id == job_id else None
            if running is None and job.status != "queued":
                raise ConflictError(f"job {job_id} is {job.status}; only a queued or running job can be cancelled")
            if running is None:
                job = job.model_copy(update={"status": "cancelled", "message": "cancelled before it ran",
                                             "finished": _now()})
                self._jobs[job_id] = job
                self.files.save(job)
        if running is not None:
            running.stop("cancel")
            return self.wait(job_id, CANCEL_WAIT_S)
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
        """Jobs still waiting stay on disk, for the next start to resume; a running one is killed, and stays
        'running' on disk for the next start to settle, as after a crash."""
        with self._lock:
            self._closing = True
            if self._running is not None:
                self._running.stop("stop")
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
        """Job processes are started in this thread alone: each dies when the thread that started it ends
        (``ingest.jobs.worker``), so a process started ahead must not outlive it."""
        try:
            self._run_jobs()
        finally:
            self._discard_spare()

    def _run_jobs(self) -> None:
        while (job_id := self._next()) is not None:
            if job_id in self._settling and not self._settle_stopped(job_id):
                continue
            if not self._waiting(job_id):
                continue  # cancelled (or trimmed) while it waited
            process, self._spare = self._spare or JobProcess(self.settings), None
            with self._lock:  # a cancel cannot slip in between the check and the start
                if not self._waiting(job_id):
                    self._spare = process
                    continue
                job = self._jobs[job_id] = self._jobs[job_id].model_copy(update={"status": "running"})
                self.files.save(job)
                process.job, self._running = job, process
            try:
                outcome = process.run(job, tick=self._start_spare)
            except Exception as exc:  # a worker that dies would silently stop all later jobs
                log.exception("ingest job %s could not run", job_id)
                outcome = Outcome("failed", f"internal error: {type(exc).__name__}", reported=False)
            if outcome.killed == "stop":
                with self._lock:
                    self._running = None
                continue  # the service stops: the job stays 'running' on disk, for the next start to settle
            status, message = (outcome.status, outcome.message) if outcome.reported else killed_status(
                self.settings, job, outcome)
            with self._lock:
                self._running = None
            self._finished(self._set(job_id, status=status, message=message, finished=_now(),
                                     peak_memory_mb=outcome.peak_mb))

    def _finished(self, job: Job) -> None:
        if job.status == "failed":
            log.warning("job %s (%s %s) failed: %s", job.id, job.action, job.doc_id, job.message)
        if self.on_done is not None:
            try:
                self.on_done(job)
            except Exception:
                log.exception("job callback failed")

    def _settle_stopped(self, job_id: str) -> bool:
        """A running upload adopted by ``resume``; True when it never swapped in and runs now. While another ingestion
        holds the lock this waits, as every job would; a queue closed meanwhile leaves it 'running' on disk, for the
        next start to settle."""
        waited = False
        while not self._closing and (job := self._jobs.get(job_id)) is not None:
            try:
                status, message = settle_stopped(self.settings, job, SETTLE_TRY_S)
            except StoreLockedError:
                if not waited:
                    log.warning("job %s (%s %s): settling it waits for another ingestion", job.id, job.action,
                                job.doc_id)
                waited = True
                continue
            except Exception as exc:  # a store that cannot be read now; a worker thread that died would stop all jobs
                log.exception("job %s could not be settled", job_id)
                status, message = "failed", f"{STOPPED}; its outcome could not be checked ({type(exc).__name__}: {exc})"
            with self._lock:
                self._settling.discard(job_id)
            if status == "queued":
                self._set(job_id, status="queued")
                return True
            self._finished(self._set(job_id, status=status, message=message, finished=_now()))
            return False
        return False

    def _waiting(self, job_id: str) -> bool:
        return not self._closing and job_id in self._jobs and self._jobs[job_id].status == "queued"

    def _next(self) -> str | None:
        """The next job's id, None once closed; a process started ahead is not kept while the queue is empty (it
        holds the model)."""
        if self._queue.empty() or self._closing:
            self._discard_spare()
        job_id = None if self._closing else self._queue.get()
        if job_id is None:
            self._discard_spare()
        return job_id

    def _discard_spare(self) -> None:
        if self._spare is not None:
            self._spare.discard()
            self._spare = None

    def _start_spare(self) -> None:
        """While a job runs and others wait, the next one's process starts and loads the model: ~2.5 s less a job
        in a burst of uploads (benchmarks/jobs.py)."""
        if self._spare is not None or self._closing:
            return
        with self._queue.mutex:
            waiting = list(self._queue.queue)
        with self._lock:
            actions = [self._jobs[i].action for i in waiting if i in self._jobs and self._jobs[i].status == "queued"]
        if actions:
            self._spare = JobProcess(self.settings, ahead=actions[0])

    def _trim(self) -> None:
        finished = [j for j in self._jobs.values() if j.status in FINISHED]
        for job in finished[: max(0, len(finished) - _KEEP_FINISHED)]:
            del self._jobs[job.id]
            self.files.remove(job.id)
