"""Jobs on disk: one small JSON file per job in ``data_dir/jobs/``, so that a restart neither forgets a job's id nor
loses an upload that was waiting in the queue.

Each queue holds an owner lock (an OS file lock, released by the OS when its process ends, however it ends). A job
whose owner's lock can be taken belongs to a process that is gone: the next queue to start adopts it. So several
service processes may share a data folder, and a process restarted under the same pid is still told apart."""

from __future__ import annotations

import logging
import os
import re
import time
import uuid
from datetime import UTC, datetime
from pathlib import Path
from typing import Literal

from filelock import FileLock, Timeout
from pydantic import BaseModel, Field

from assistant.config import Settings
from ingest.jobs.uploads import StagedUpload, staging_dir

log = logging.getLogger(__name__)

_ID = re.compile(r"^[0-9a-f]{32}$")
# A staged upload is written a moment before its job: younger than this, a file no job names may be that moment.
ORPHAN_AGE_S = 60.0


Action = Literal["ingest", "delete"]
Status = Literal["queued", "running", "done", "failed", "cancelled"]
FINISHED: frozenset[str] = frozenset({"done", "failed", "cancelled"})


class Job(BaseModel):
    id: str
    action: Action
    status: Status = "queued"
    doc_id: str
    upload: StagedUpload | None = None
    message: str = ""
    created: str
    finished: str | None = None
    owner: str = ""  # the queue that runs it (see JobFiles)
    peak_memory_mb: float | None = None  # of the job's processes together, sampled (see ingest.jobs.worker)
    order: int = Field(default_factory=time.time_ns)  # submission order, kept across a restart (``created`` is in s)


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def jobs_dir(settings: Settings) -> Path:
    return settings.resolved_data_dir() / "jobs"


class JobFiles:
    """Reads and writes job records; ``owner`` is the token of the queue that holds (and alone runs) them."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.folder = jobs_dir(settings)
        self.owner = uuid.uuid4().hex
        self._lock: FileLock | None = None

    def hold(self) -> None:
        """Take this queue's owner lock, for as long as the process (or ``release``) lasts."""
        self.folder.mkdir(parents=True, exist_ok=True)
        self._lock = FileLock(str(self._owner_lock(self.owner)))
        self._lock.acquire()

    def release(self) -> None:
        if self._lock is not None:
            self._lock.release()
            Path(self._lock.lock_file).unlink(missing_ok=True)
            self._lock = None

    def _owner_lock(self, owner: str) -> Path:
        return self.folder / f".owner-{owner}.lock"

    def owner_gone(self, owner: str) -> bool:
        """True when no live process holds the owner's lock (taking it for an instant proves it)."""
        if owner == self.owner:
            return False
        if not owner or not _ID.match(owner):
            return True
        path = self._owner_lock(owner)
        probe = FileLock(str(path), timeout=0)
        try:
            probe.acquire()
        except Timeout:
            return False
        probe.release()
        path.unlink(missing_ok=True)
        return True

    def path(self, job_id: str) -> Path | None:
        return self.folder / f"{job_id}.json" if _ID.match(job_id) else None

    def save(self, job: Job) -> None:
        """Atomic: a job file is either the old record or the new one, never half of one."""
        path = self.path(job.id)
        assert path is not None
        self.folder.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.name}.{os.getpid()}.part")
        tmp.write_text(job.model_dump_json(), encoding="utf-8")
        os.replace(tmp, path)

    def load(self, job_id: str) -> Job | None:
        path = self.path(job_id)
        if path is None or not path.is_file():
            return None
        try:
            return Job.model_validate_json(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            log.warning("job file %s is unreadable; ignored", path)
            return None

    def all(self) -> list[Job]:
        if not self.folder.is_dir():
            return []
        jobs = [self.load(p.stem) for p in self.folder.glob("*.json")]
        return sorted((j for j in jobs if j is not None), key=lambda j: j.order)

    def remove(self, job_id: str) -> None:
        path = self.path(job_id)
        if path is not None:
            path.unlink(missing_ok=True)

    def remove_orphans(self, named: set[Path]) -> list[Path]:
        """Staged uploads that no waiting job names (their job was lost before this version kept jobs on disk, or
        they were left by a stop in between): deleted, and returned for the log."""
        folder = staging_dir(self.settings)
        if not folder.is_dir():
            return []
        now = time.time()
        removed = []
        for path in folder.iterdir():
            if path.is_file() and path not in named and now - path.stat().st_mtime > ORPHAN_AGE_S:
                path.unlink(missing_ok=True)
                removed.append(path)
        return removed
