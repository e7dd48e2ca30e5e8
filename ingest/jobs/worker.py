"""Each upload or delete job in a child process of its own, so that it can be bounded and stopped.

A thread cannot be stopped, so a job that ran inside the service (a .docx inflating to gigabytes, a scan without end)
held the queue and the service's memory until it finished. The child is ``python -m ingest.jobs.worker`` (as the
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
``ingest.jobs.actions``); the ingest lock, an OS file lock, goes with the process.
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
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import psutil

from assistant.config import Settings
from ingest.jobs.store import Job

log = logging.getLogger(__name__)

Reason = Literal["timeout", "memory", "cancel", "stop"]
SAMPLE_S = 0.2  # memory sampling period: a job allocating fast may pass its limit by what it allocates in this time
_REPO = Path(__file__).resolve().parents[2]  # the repository root (this is ingest/jobs/worker.py)
_PR_SET_PDEATHSIG = 1  # <linux/prctl.h>


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
    """One job's process. Started ahead of its job, it loads the heavy modules and the embedding model while it waits
    (the queue starts the next one while a job runs and others wait, see ``ingest.jobs.queue``); ``run`` hands it the
    job and watches it until it ends; ``stop`` (from any thread) kills it. Its store connections open only once it has
    the job, so it sees the index as committed then."""

    def __init__(self, settings: Settings, ahead: str | None = None) -> None:
        """``ahead``: the action of the job this process is started ahead for, to warm up what that needs."""
        self.settings = settings
        self.job: Job | None = None
        self._reason: Reason | None = None
        self._wake = threading.Event()
        env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(_REPO), *filter(None, [os.environ.get("PYTHONPATH")])])}
        self._child: subprocess.Popen | None = None
        self._unstarted = ""
        try:
            self._child = subprocess.Popen([sys.executable, "-m", "ingest.jobs.worker", str(os.getpid()),
                                            ahead or "now"], stdin=subprocess.PIPE,
                                           stdout=subprocess.PIPE, env=env, start_new_session=True)
        except OSError as exc:  # no memory or process slot left: the job fails with the reason
            self._unstarted = f"no process could be started for the job ({exc})"
            return
        resolved = settings.model_copy(update={"data_dir": settings.resolved_data_dir()})
        self._send(resolved.model_dump_json())

    def _send(self, line: str) -> None:
        assert self._child is not None
        try:
            self._child.stdin.write(line.encode() + b"\n")  # type: ignore[union-attr]
            self._child.stdin.flush()  # type: ignore[union-attr]
        except OSError:
            pass  # it died; its exit says why

    def stop(self, reason: Reason) -> None:
        if self._reason is None:
            self._reason = reason
        self._wake.set()

    def discard(self) -> None:
        """A process started ahead for a job that never came (cancelled, or the service stops)."""
        if self._child is not None:
            _kill(self._child)
            self._child.wait()

    def run(self, job: Job, tick: Callable[[], object] = lambda: None) -> Outcome:
        """``tick`` is called while the job runs, several times a second (the queue starts the next process there)."""
        self.job = job
        child = self._child
        if child is None:
            return Outcome("failed", self._unstarted)
        if self._reason is not None:  # stopped before it started
            self.discard()
            return Outcome("failed", "", killed=self._reason, reported=False)
        self._send(job.model_dump_json())
        child.stdin.close()  # type: ignore[union-attr]
        started = time.monotonic()
        peak = 0
        try:
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
                tick()
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


def _die_with_parent(parent: int) -> None:
    """A parent killed without a word cannot stop its jobs: the child ends with it, and the next start settles the
    job. On Linux the kernel kills it as its parent dies: polling alone left it up to one period alive, in which it
    could take the ingest lock that the dead service's job was waiting for and swap its upload in, so the next start
    found the job half done and failed it instead of running it again. The kernel signal comes when the parent's
    spawning thread ends (the queue's worker thread, which outlives its job processes); the poll stays, to end what
    the child started (its process group) and where there is no such signal."""
    if sys.platform.startswith("linux"):
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        if libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) != 0:
            log.warning("the job process cannot be tied to the service's life (errno %d)", ctypes.get_errno())
    if os.getppid() != parent:  # gone before the tie was made
        os.killpg(0, signal.SIGKILL)
    threading.Thread(target=_watch_parent, args=(parent,), daemon=True, name="parent-watch").start()


def _watch_parent(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(0.5)
    os.killpg(0, signal.SIGKILL)


def _warm_up(settings: Settings, action: str) -> None:
    """While the process waits for its job: what that job needs and takes seconds to load (the model only for an
    ingest: a delete's memory stays its own). No store is opened."""
    import chromadb  # noqa: F401 - the import is the point

    import ingest.pipeline  # noqa: F401
    from assistant.factory import build_embedder

    if action == "ingest":
        build_embedder(settings).load()


def main(parent: int, ahead: str) -> None:
    """The child: settings, then (once the parent has a job for it) the job, each one JSON line on stdin; one JSON
    result on stdout. Whatever a library prints to stdout goes to stderr, with the log. Started for a job at hand,
    it warms nothing up: the ingestion loads the model while it imports Chroma, and a delete needs no model."""
    from assistant.errors import AssistantError
    from ingest.jobs.actions import HANDLERS

    result_out = os.fdopen(os.dup(1), "w")
    os.dup2(2, 1)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    _die_with_parent(parent)
    settings = Settings.model_validate_json(sys.stdin.readline())
    try:
        if ahead != "now":
            _warm_up(settings, ahead)
    except Exception:  # the job meets the same failure and reports it
        log.debug("warm-up failed", exc_info=True)
    line = sys.stdin.readline()
    if not line:
        os._exit(0)  # discarded before it had a job
    job = Job.model_validate_json(line)
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
    main(int(sys.argv[1]), sys.argv[2])
