"""An upload replaces the file of its name only if it ingests: under the ingest lock its job swaps the staged bytes
in, ingests them, and puts the previous file back when ingestion fails. A broken re-upload so leaves the indexed
version as it was: its download, and the uploads folder that the next ingest reads."""

from __future__ import annotations

import os
from pathlib import Path

from pydantic import BaseModel

from assistant.config import Settings
from assistant.errors import UnreadableFileError
from assistant.uploads import StagedUpload, uploads_dir


class Swap(BaseModel):
    """What a swap changed, to undo it: the previous file is kept under ``backup`` until the job succeeded."""

    target: Path
    backup: Path | None = None


def swap_in(upload: StagedUpload, settings: Settings) -> Swap:
    """The target always exists (old or new bytes): the previous file is hard-linked aside before the atomic replace."""
    target = uploads_dir(settings) / upload.name
    backup = None
    if target.is_file():
        backup = upload.path.with_name(f"{upload.path.name}.previous")
        backup.unlink(missing_ok=True)
        os.link(target, backup)
    os.replace(upload.path, target)
    return Swap(target=target, backup=backup)


def put_back(swap: Swap) -> str:
    """Undo a swap whose ingestion failed; returns what to add to the job's message."""
    if swap.backup is None:
        swap.target.unlink(missing_ok=True)  # left there, it would fail every later ingest of the uploads folder
        return "; the uploaded file was removed: fix it and upload it again"
    os.replace(swap.backup, swap.target)
    return "; the previous version stays as it was"


def keep(swap: Swap) -> None:
    if swap.backup is not None:
        swap.backup.unlink(missing_ok=True)


def ingest_upload(upload: StagedUpload, settings: Settings) -> str:
    """Swap, ingest, then keep or put back, all under one hold of the ingest lock so that no other writer (another
    service process, `assistant ingest`) sees the uploads folder in between."""
    from ingest.locking import ingest_lock
    from ingest.pipeline import ingest_holding_lock  # the heavy ingestion stack loads on the first job, not at start

    # uploads carry their metadata in the uploads folder's own catalog, not in a configured corpus catalog
    own = settings.model_copy(update={"catalog_file": None})
    try:
        with ingest_lock(settings):
            swap = swap_in(upload, settings)
            try:
                report = ingest_holding_lock([swap.target], own, progress=False)
            except BaseException:
                put_back(swap)
                raise
            if report.failed:
                failure = report.failed[0]
                raise UnreadableFileError(f"{failure.file}: {failure.reason}{put_back(swap)}")
            keep(swap)
    finally:
        upload.path.unlink(missing_ok=True)  # a job that never swapped (store locked) leaves no staged bytes behind
    return report.summary()
