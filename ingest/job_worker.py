"""Each upload or delete job in a child process of its own, so that it can be bounded and stopped.

A thread cannot be stopped, so a job that ran inside the service (a .docx inflating to gigabytes, a scan without end)
held the queue and the service's memory until it finished. The child is ``python -m ingest.job_worker`` (as the
question embedder, not multiprocessing: a spawned child would re-import whatever script started the service), in a
session of its own, so that one signal to its process group ends it and what it started (the file-preparing worker,
Tesseract). The parent watches it:

- wall time (``job_timeout_s``), from the child's start, waiting for the ingest lock included;
- memory (``job_memory_mb``): the resident memory of the child and everything it started, sampled several times a
  second. Not ``RLIMIT_AS``: that bounds address space, which the embedding runtime and glibc reserve far beyond what
  they use (thread stacks, malloc arenas per thread, mapped weights), so a limit low enough to matter fails normal
  jobs; it also binds each process alone, while a job's memory is its processes together; and a refused allocation
  surfaces as a ``MemoryError`` in whatever library asked, or a crash, rather than one clear message.

On a limit, a cancel or the service's stop, the group is killed (SIGKILL: a job is safe to kill at any point, see
``ingest.job_actions``); the ingest lock, an OS file lock, goes with the process.
"""

from __future__ import annotations

import json
import logging
import os
import signal
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import psutil

from assistant.config import Settings
from ingest.job_store import Job

log = logging.getLogger(__name__)

Reason = Literal["timeout", "memory", "cancel", "stop"]
SAMPLE_S = 0.2  # memory sampling period: a job allocating fast may pass its limit by what it allocates in this time
_REPO = Path(__file__).resolve().parents[1]


@dataclass
class Outcome:
    """What became of a job's process: its own result, or why it was killed; and its peak memory."""

    status: Literal["done", "failed"]
    message: str
    killed: Reason | None = None
    peak_mb: float = 0.0
    reported: bool = True  # False: killed or died without a result, so what it changed must be settled


def _tree_rss(process: psutil.Process) -> int:
    try:
        family = [process, *process.children(recursive=True)]
    except psutil.Error:
        return 0
    total = 0
    for member in family:
        try:
            total += member.memory_info().rss
        except psutil.Error:  # ended between the listing and the reading
            pass
    return total


class JobProcess:
    """One job's process: ``run`` starts and watches it until it ends; ``stop`` (from any thread) kills it."""

    def __init__(self, settings: Settings, job: Job) -> None:
        self.settings = settings
        self.job = job
        self._reason: Reason | None = None
        self._wake = threading.Event()

    def stop(self, reason: Reason) -> None:
        if self._reason is None:
            self._reason = reason
        self._wake.set()

    def run(self) -> Outcome:
        if self._reason is not None:  # stopped before it started
            return Outcome("failed", "", killed=self._reason, reported=False)
        settings = self.settings.model_copy(update={"data_dir": self.settings.resolved_data_dir()})
        payload = json.dumps({"settings": settings.model_dump(mode="json"), "job": self.job.model_dump(mode="json")})
        env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(_REPO), *filter(None, [os.environ.get("PYTHONPATH")])])}
        child = subprocess.Popen([sys.executable, "-m", "ingest.job_worker", str(os.getpid())],
                                 stdin=subprocess.PIPE, stdout=subprocess.PIPE, env=env, start_new_session=True)
        started = time.monotonic()
        peak = 0
        try:
            try:
                child.stdin.write(payload.encode())  # type: ignore[union-attr]
                child.stdin.close()  # type: ignore[union-attr]
            except OSError:
                pass  # it died at once; its exit says why
            watched = psutil.Process(child.pid)
            while child.poll() is None:
                peak = max(peak, _tree_rss(watched))
                if time.monotonic() - started > self.settings.job_timeout_s:
                    self.stop("timeout")
                elif peak > self.settings.job_memory_mb * 1024 * 1024:
                    self.stop("memory")
                if self._reason is not None:
                    _kill(child)
                    break
                self._wake.wait(SAMPLE_S)
        except BaseException:
            _kill(child)
            raise
        finally:
            child.wait()
        peak_mb = round(peak / 1024 / 1024, 1)
        if self._reason is not None:
            return Outcome("failed", "", killed=self._reason, peak_mb=peak_mb, reported=False)
        return _result(child, peak_mb)


def _kill(child: subprocess.Popen) -> None:
    try:
        os.killpg(child.pid, signal.SIGKILL)  # its session's group: the child and what it started
    except ProcessLookupError:
        pass


def _result(child: subprocess.Popen, peak_mb: float) -> Outcome:
    raw = child.stdout.read() if child.stdout is not None else b""
    try:
        result = json.loads(raw)
        return Outcome(result["status"], result["message"], peak_mb=peak_mb)
    except (ValueError, KeyError, TypeError):
        code = child.returncode
        how = f"signal {signal.Signals(-code).name}" if code < 0 else f"exit code {code}"
        return Outcome("failed", f"the job's process ended without a result ({how}; the system may have run out of "
                                 "memory)", peak_mb=peak_mb, reported=False)


def _watch_parent(parent: int) -> None:
    """A parent killed without a word cannot stop its jobs: the child ends with it (the next start settles it)."""
    while os.getppid() == parent:
        time.sleep(0.5)
    os.killpg(0, signal.SIGKILL)


def main(parent: int) -> None:
    """The child: settings and job as JSON on stdin, one JSON result on stdout; whatever a library prints to stdout
    goes to stderr, with the log."""
    from assistant.errors import AssistantError
    from ingest.job_actions import HANDLERS

    result_out = os.fdopen(os.dup(1), "w")
    os.dup2(2, 1)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    threading.Thread(target=_watch_parent, args=(parent,), daemon=True, name="parent-watch").start()
    payload = json.loads(sys.stdin.read())
    settings = Settings.model_validate(payload["settings"])
    job = Job.model_validate(payload["job"])
    try:
        result = {"status": "done", "message": HANDLERS[job.action](settings, job)}
    except AssistantError as exc:
        result = {"status": "failed", "message": str(exc)}
    except Exception as exc:  # the parent records the job as failed; the traceback goes to the log
        log.exception("ingest job %s failed", job.id)
        result = {"status": "failed", "message": f"internal error: {type(exc).__name__}"}
    result_out.write(json.dumps(result))
    result_out.flush()
    sys.stderr.flush()
    os._exit(0)  # nothing left to tear down: freeing the loaded model and parsers only costs time


if __name__ == "__main__":
    main(int(sys.argv[1]))
