"""An upload replaces the file of its name only if it ingests: under the ingest lock its job swaps the staged bytes
(and their access, in the uploads folder's catalog) in, ingests them, and puts the previous file and catalog entry
back when ingestion fails. So a re-upload that fails leaves the indexed version exactly as it was: its access, its
download, and the uploads folder that the next ingest reads; the catalog describes only what is indexed. The swap is
written down before it changes anything, so that a job process killed anywhere in between is put right (``settle``)."""

from __future__ import annotations

import json
import os
import tomllib
from pathlib import Path

from pydantic import BaseModel

from assistant.config import Settings
from assistant.errors import UnreadableFileError
from assistant.hashing import file_sha256
from assistant.models import DocumentMeta
from ingest.catalog import catalog_path
from ingest.jobs.uploads import StagedUpload, uploads_dir


class Swap(BaseModel):
    """What a swap changes, to undo it: the previous file is kept under ``backup`` until the job succeeded. It is
    also written next to the staged file before anything changes (``record_path``), so that whoever outlives a job
    process killed half-way (its parent, or the next start) can put everything back (``settle``)."""

    target: Path
    backup: Path | None = None
    entry: dict | None = None  # the previous catalog entry of the name (None: it had none)
    indexed: str | None = None  # the fingerprint the index held for the name before: a commit changes it


def record_path(upload: StagedUpload) -> Path:
    return upload.path.with_name(f"{upload.path.name}.swap.json")


def backup_path(upload: StagedUpload) -> Path:
    return upload.path.with_name(f"{upload.path.name}.previous")


def companions(upload: StagedUpload) -> set[Path]:
    """Every file of the staging folder that belongs to this upload's job."""
    return {upload.path, record_path(upload), backup_path(upload)}


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
    _write(path, "\n".join(lines))


def _write(path: Path, text: str) -> None:
    tmp = path.with_name(f".{path.name}.{os.getpid()}.part")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)


def _read_catalog(folder: Path) -> dict[str, dict]:
    path = catalog_path(folder)
    return tomllib.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}


def swap_in(upload: StagedUpload, settings: Settings) -> Swap:
    """The target always exists (old or new bytes): the previous file is hard-linked aside before the atomic replace."""
    folder = uploads_dir(settings)
    target = folder / upload.name
    backup = backup_path(upload) if target.is_file() else None
    entry = catalog_entry(folder, upload.name)
    swap = Swap(target=target, backup=backup, entry=entry, indexed=_fingerprint(upload.name, settings))
    _write(record_path(upload), swap.model_dump_json())  # first: a process killed from here on can be undone
    try:
        if backup is not None:
            backup.unlink(missing_ok=True)
            os.link(target, backup)
        if upload.access is not None:  # without one, a re-upload keeps the access its name has
            set_catalog_entry(folder, upload.name, {**(entry or {}), "access": upload.access})
        os.replace(upload.path, target)
    except BaseException:
        put_back(swap)
        raise
    return swap


def put_back(swap: Swap) -> str:
    """Undo a swap whose ingestion failed (or whose process was killed); returns what to add to the job's message."""
    set_catalog_entry(swap.target.parent, swap.target.name, swap.entry)
    if swap.backup is None:
        swap.target.unlink(missing_ok=True)  # left there, it would fail every later ingest of the uploads folder
        return "; the uploaded file was removed: fix it and upload it again"
    if swap.backup.is_file():  # absent: the target never changed, or was put back already
        os.replace(swap.backup, swap.target)
    return "; the previous version stays as it was"


def keep(swap: Swap) -> None:
    if swap.backup is not None:
        swap.backup.unlink(missing_ok=True)


def settle(upload: StagedUpload, settings: Settings) -> tuple[bool, str]:
    """After the process of this upload's job was killed (a limit, a cancel, a stopped service), under the ingest
    lock: the uploads folder and its catalog are made to match the index again. Returns whether the index holds the
    new version, and what happened, for the job's message. The staged file, if still there, is the caller's."""
    saved = record_path(upload)
    swap = Swap.model_validate_json(saved.read_text(encoding="utf-8")) if saved.is_file() else None  # atomic
    try:
        if upload.path.is_file():  # never moved in: at most the backup link and the catalog entry changed
            if swap is not None:
                set_catalog_entry(swap.target.parent, swap.target.name, swap.entry)
                if swap.backup is not None:
                    swap.backup.unlink(missing_ok=True)
            return False, "nothing of it was stored"
        if swap is None:  # left by a version that kept no record: the index's file hash decides
            return _settle_unrecorded(upload, settings)
        if _fingerprint(upload.name, settings) != swap.indexed:
            keep(swap)
            return True, "after the new version was indexed: it stays"
        put_back(swap)
        return False, "the previous version stays as it was" if swap.backup else "nothing of it was kept"
    finally:
        saved.unlink(missing_ok=True)


def _settle_unrecorded(upload: StagedUpload, settings: Settings) -> tuple[bool, str]:
    target = uploads_dir(settings) / upload.name
    backup = backup_path(upload)
    meta = _document(upload.name, settings)
    if meta is not None and target.is_file() and meta.sha256 == file_sha256(target):
        backup.unlink(missing_ok=True)
        return True, "after the new version was indexed: it stays"
    if backup.is_file():
        os.replace(backup, target)
        return False, "the previous version stays as it was"
    target.unlink(missing_ok=True)  # an unindexed file would fail every later ingest of the uploads folder
    return False, "nothing of it was kept"


def _document(name: str, settings: Settings) -> DocumentMeta | None:
    from assistant.factory import build_records

    records = build_records(settings)
    try:
        return records.document(name)
    finally:
        records.close()


def _fingerprint(name: str, settings: Settings) -> str | None:
    from assistant.factory import build_records

    records = build_records(settings)
    try:
        return records.document_fingerprints().get(name)
    finally:
        records.close()


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
        record_path(upload).unlink(missing_ok=True)
    return report.summary()
