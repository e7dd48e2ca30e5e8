"""The one-document index the job tests start from: a ferry note uploaded and ingested through the real queue, and
the second version that replaces it."""

from __future__ import annotations

from pathlib import Path

from assistant.config import Settings
from ingest.jobs.queue import JobQueue
from ingest.jobs.uploads import save_upload

FIRST = b"Harbour ferry note.\n\nThe harbour ferry pilot carried 48,000 passengers in its first year of service.\n"
SECOND = b"Harbour ferry note.\n\nThe harbour ferry pilot carried 51,000 passengers in its second year of service.\n"


def indexed(tmp_path: Path) -> Settings:
    """A data folder holding the first version of ferry.txt, access 'internal'."""
    settings = Settings(data_dir=tmp_path / "data")
    queue = JobQueue(settings)
    try:
        first = queue.submit("ingest", "ferry.txt", save_upload("ferry.txt", FIRST, settings, access="internal"))
        assert queue.wait(first.id, 120).status == "done"
    finally:
        queue.close()
    return settings
