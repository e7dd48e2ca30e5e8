"""The register on disk: ``agreements.json`` in the data directory, beside the index it was read from.

Rebuilt at the end of every ingest run (under the ingest lock, so one writer): a document whose fingerprint is
unchanged keeps its records, a changed one is read again from the stored pages and chunks, a removed one loses its
records. The file is replaced atomically (written beside, then renamed), so a reader sees the old register or the new
one, never half of one; a reader reloads it when its modification time changes.
"""

from __future__ import annotations

import json
import os
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from pydantic import BaseModel, Field

from assistant.agreements.extract import extract
from assistant.agreements.model import Agreement
from assistant.agreements.overrides import apply_override

if TYPE_CHECKING:
    from assistant.store.records import RecordStore

REGISTER_NAME = "agreements.json"
EXTRACTOR_VERSION = "3"  # bump when extraction changes, so that every document is read again


class _Entry(BaseModel):
    fingerprint: str
    records: list[Agreement] = Field(default_factory=list)


class _File(BaseModel):
    extractor: str = EXTRACTOR_VERSION
    documents: dict[str, _Entry] = Field(default_factory=dict)


class RefreshReport(BaseModel):
    documents_read: int = 0
    records: int = 0
    seconds: float = 0.0


def register_path(data_dir: Path) -> Path:
    return data_dir / REGISTER_NAME


def refresh_register(records: RecordStore, data_dir: Path,
                     override_for: Callable[[str], dict | None] = lambda _doc_id: None) -> RefreshReport:
    """Bring the register in line with the record store. ``override_for(doc_id)``: the catalog's ``agreement``
    table for a document (it is part of the document's fingerprint, so a changed correction is applied)."""
    started = time.perf_counter()
    path = register_path(data_dir)
    old = _read(path)
    reusable = old.documents if old.extractor == EXTRACTOR_VERSION else {}
    fingerprints = records.document_fingerprints()
    report = RefreshReport()
    fresh = _File()
    for meta in records.documents():
        fingerprint = fingerprints.get(meta.doc_id, "")
        kept = reusable.get(meta.doc_id)
        if kept is not None and kept.fingerprint == fingerprint:
            fresh.documents[meta.doc_id] = kept
            continue
        chunks = records.chunks(sorted(records.chunk_ids_of(meta.doc_id)))
        pages = [records.page_text(meta.doc_id, n) or "" for n in range(1, meta.pages + 1)]
        paged = any(c.page_start is not None for c in chunks)
        found = apply_override(extract(meta, pages, chunks, paged), override_for(meta.doc_id))
        report.documents_read += 1
        fresh.documents[meta.doc_id] = _Entry(fingerprint=fingerprint, records=found)
    if fresh != old or not path.exists():
        _write(path, fresh)
    report.records = sum(len(e.records) for e in fresh.documents.values())
    report.seconds = round(time.perf_counter() - started, 3)
    return report


def copy_register(records: RecordStore, source_dir: Path, dest_dir: Path) -> RefreshReport:
    """The register of ``source_dir`` brought in line with ``records``, a copy of that folder's record store (see
    ``assistant snapshot``): documents whose fingerprint matches keep their records, catalog corrections included;
    one the copy holds in another state (a snapshot taken during an ingest) is read again from the copy, without the
    catalog's correction, and counted in ``documents_read``."""
    _write(register_path(dest_dir), _read(register_path(source_dir)))
    return refresh_register(records, dest_dir)


def _read(path: Path) -> _File:
    try:
        return _File.model_validate_json(path.read_bytes())
    except (OSError, ValueError):
        return _File(extractor="")  # missing or unreadable: rebuilt from the record store


def _write(path: Path, content: _File) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=".agreements-", suffix=".json", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(json.dumps(content.model_dump(mode="json"), ensure_ascii=False, indent=1))
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


class Register:
    """The register as the query side reads it: every record, reloaded when the file changes."""

    def __init__(self, data_dir: Path) -> None:
        self._path = register_path(data_dir)
        self._lock = threading.Lock()
        self._stamp: tuple[int, int] | None = None
        self._records: list[Agreement] = []

    def records(self) -> list[Agreement]:
        try:
            stat = self._path.stat()
            stamp = (stat.st_mtime_ns, stat.st_size)
        except OSError:
            return []
        with self._lock:
            if stamp != self._stamp:
                content = _read(self._path)
                self._records = [r for entry in content.documents.values() for r in entry.records]
                self._stamp = stamp
            return list(self._records)
