"""What running each upload job in a process of its own costs: the same one-note uploads, run as the service did
before (the job's code called in this process, the embedding model kept loaded between jobs) and through the job
queue (one child process per job: Python start, imports, model load), on a small index in a temporary folder.

Usage: .venv/bin/python benchmarks/jobs.py [--jobs 5]

Prints, per way, the median and max seconds of one job and the median the child adds: jobs one at a time (each
submitted when the one before finished: the child starts cold), then a burst (all submitted at once: while one job
runs, the next one's process starts and loads the model, see ingest.jobs.queue), as seconds per job over the burst.
Delete jobs are timed one at a time. The first in-process job, which loads the model, is left out: a long-running
service had paid that once.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from assistant.config import Settings  # noqa: E402
from ingest.jobs.actions import HANDLERS  # noqa: E402
from ingest.jobs.queue import JobQueue  # noqa: E402
from ingest.jobs.store import Job, now  # noqa: E402
from ingest.jobs.uploads import save_upload  # noqa: E402
from ingest.pipeline import ingest_paths  # noqa: E402


def _note(n: int) -> bytes:
    return f"Pier note {n}.\n\nThe pier number {n} of the river ferry opens at {n % 12 + 1} in the morning.\n".encode()


def in_process(settings: Settings, action: str, doc_id: str, data: bytes | None) -> float:
    upload = save_upload(doc_id, data, settings) if data is not None else None
    job = Job(id=uuid.uuid4().hex, action=action, doc_id=doc_id, upload=upload, created=now())  # type: ignore[arg-type]
    started = time.perf_counter()
    HANDLERS[action](settings, job)
    return time.perf_counter() - started


def in_child(queue: JobQueue, action: str, doc_id: str, data: bytes | None) -> tuple[float, float]:
    upload = save_upload(doc_id, data, queue.settings) if data is not None else None
    started = time.perf_counter()
    job = queue.wait(queue.submit(action, doc_id, upload).id, 600)  # type: ignore[arg-type]
    if job.status != "done":
        raise SystemExit(f"job failed: {job.message}")
    return time.perf_counter() - started, job.peak_memory_mb or 0.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--jobs", type=int, default=5, help="Uploads per way.")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-jobs-") as tmp:
        docs = Path(tmp) / "docs"
        docs.mkdir()
        (docs / "seed.txt").write_text("Seed note.\n\nThe seed note keeps the index from being empty.\n")
        settings = Settings(data_dir=Path(tmp) / "data")
        ingest_paths([docs], settings)

        local = [in_process(settings, "ingest", f"local-{n}.txt", _note(n)) for n in range(args.jobs + 1)]
        local_delete = [in_process(settings, "delete", f"local-{n}.txt", None) for n in range(args.jobs)]
        queue = JobQueue(settings)
        try:
            child = [in_child(queue, "ingest", f"child-{n}.txt", _note(100 + n)) for n in range(args.jobs)]
            child_delete = [in_child(queue, "delete", f"child-{n}.txt", None) for n in range(args.jobs)]
            staged = [save_upload(f"burst-{n}.txt", _note(200 + n), settings) for n in range(args.jobs)]
            started = time.perf_counter()
            ids = [queue.submit("ingest", upload.name, upload).id for upload in staged]
            burst = [queue.wait(job_id, 600) for job_id in ids]
            burst_per_job = (time.perf_counter() - started) / args.jobs
            local_started = time.perf_counter()
            for n in range(args.jobs):
                in_process(settings, "ingest", f"local-burst-{n}.txt", _note(300 + n))
            local_burst_per_job = (time.perf_counter() - local_started) / args.jobs
        finally:
            queue.close()

    def row(name: str, seconds: list[float]) -> None:
        print(f"{name:<44} median {statistics.median(seconds):6.2f} s   max {max(seconds):6.2f} s")

    print(f"{args.jobs} one-note upload jobs and {args.jobs} delete jobs per way")
    row("upload, in the service's process (warm model)", local[1:])
    row("upload, in a child process", [s for s, _ in child])
    row("delete, in the service's process", local_delete)
    row("delete, in a child process", [s for s, _ in child_delete])
    print(f"added per upload job (median): {statistics.median(s for s, _ in child) - statistics.median(local[1:]):.2f} s;"
          f" per delete job: {statistics.median(s for s, _ in child_delete) - statistics.median(local_delete):.2f} s")
    if any(job.status != "done" for job in burst):
        raise SystemExit(f"a job of the burst failed: {[job.message for job in burst]}")
    print(f"burst of {args.jobs} uploads: {burst_per_job:.2f} s per job in child processes, "
          f"{local_burst_per_job:.2f} s in the service's process: {burst_per_job - local_burst_per_job:.2f} s added")
    print(f"peak memory of a job's processes (sampled): upload {max(m for _, m in child):.0f} MB, "
          f"delete {max(m for _, m in child_delete):.0f} MB")


if __name__ == "__main__":
    main()
