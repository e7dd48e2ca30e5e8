"""A consistent copy of the record store for another replica, made with SQLite's online backup.

The backup reads the source inside one read transaction (WAL: the service keeps answering and an ingest keeps
writing meanwhile) and writes the copy into the destination database in one write transaction, so a replica already
serving that copy sees the old records or the new ones, never a mix, and notices the change the way it notices an
ingest (``PRAGMA data_version``): no restart needed.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from assistant.errors import InvalidRequestError, StoreUnavailableError
from assistant.store.records import records_path


def snapshot_records(source_dir: Path, dest_dir: Path) -> Path:
    """Copies ``source_dir``'s record store into ``dest_dir`` (made if missing); returns the copy's path."""
    source, dest = records_path(source_dir), records_path(dest_dir)
    if not source.is_file():
        raise StoreUnavailableError(f"no record store at {source}", hint="run `assistant ingest` first")
    if dest_dir.resolve() == source_dir.resolve():
        raise InvalidRequestError("the snapshot's folder is the data folder itself; name another folder")
    dest_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
    reader = sqlite3.connect(f"{source.as_uri()}?mode=ro", uri=True, timeout=30)
    writer = sqlite3.connect(str(dest), timeout=30)
    try:
        reader.backup(writer)  # all pages in one step: one read transaction on the source, one write on the copy
        writer.execute("PRAGMA journal_mode=WAL")  # as RecordStore opens it: readers never wait for the next copy
    except sqlite3.Error as exc:
        raise StoreUnavailableError(f"could not copy {source} to {dest}: {exc}",
                                    hint="check the free space and permissions of the snapshot's folder") from exc
    finally:
        writer.close()
        reader.close()
    return dest
