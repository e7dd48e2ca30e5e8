"""An upload replaces the file of its name only if it ingests: under the ingest lock its job swaps the staged bytes
(and their access, in the uploads folder's catalog) in, ingests them, and puts the previous file and catalog entry
back when ingestion fails. A broken re-upload so leaves the indexed version as it was: its access, its download, and
the uploads folder that the next ingest reads; the catalog describes only what is indexed."""

from __future__ import annotations

import json
import os
import tomllib
from pathlib import Path

from pydantic import BaseModel

from assistant.config import Settings
from assistant.errors import UnreadableFileError
from ingest.uploads import StagedUpload, uploads_dir
from ingest.catalog import catalog_path


class Swap(BaseModel):
    """What a swap changed, to undo it: the previous file is kept under ``backup`` until the job succeeded."""

    target: Path
    backup: Path | None = None
    entry: dict | None = None  # the previous catalog entry of the name (None: it had none)


def catalog_entry(folder: Path, name: str) -> dict | None:
    return _read_catalog(folder).get(name)


def set_catalog_entry(folder: Path, name: str, entry: dict | None) -> None:
    """Uploads share one catalog; entries are JSON-quoted, which TOML basic strings accept. ``None`` drops the entry.
    Written atomically: a torn catalog would fail every later ingest of the uploads folder."""
    path = catalog_path(folder)
    entries = _read_catalog(folder)
    if entries.get(name) == entry:
        return
    if entry is None:
        entries.pop(name, None)
    else:
        entries[name] = entry
    lines = []
    for file, fields in sorted(entries.items()):
        lines.append(f"[{json.dumps(file)}]")
        lines += [f"{key} = {json.dumps(value)}" for key, value in fields.items()]
        lines.append("")
    tmp = path.with_name(f".{path.name}.{os.getpid()}.part")
    tmp.write_text("\n".join(lines), encoding="utf-8")
    os.replace(tmp, path)


def _read_catalog(folder: Path) -> dict[str, dict]:
    path = catalog_path(folder)
    return tomllib.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}


def swap_in(upload: StagedUpload, settings: Settings) -> Swap:
    """The target always exists (old or new bytes): the previous file is hard-linked aside before the atomic replace."""
    folder = uploads_dir(settings)
    target = folder / upload.name
    backup = None
    if target.is_file():
        backup = upload.path.with_name(f"{upload.path.name}.previous")
        backup.unlink(missing_ok=True)
        os.link(target, backup)
    entry = catalog_entry(folder, upload.name)
    swap = Swap(target=target, backup=backup, entry=entry)
    try:
        if upload.access is not None:  # without one, a re-upload keeps the access its name has
            set_catalog_entry(folder, upload.name, {**(entry or {}), "access": upload.access})
        os.replace(upload.path, target)
    except BaseException:
        put_back(swap)
        raise
    return swap


def put_back(swap: Swap) -> str:
    """Undo a swap whose ingestion failed; returns what to add to the job's message."""
    set_catalog_entry(swap.target.parent, swap.target.name, swap.entry)
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
