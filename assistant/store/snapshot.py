"""A consistent copy of the record store for another replica, made with SQLite's online backup.

The backup reads the source inside one read transaction (WAL: the service keeps answering and an ingest keeps
writing meanwhile) and writes the copy into the destination database in one write transaction, so a replica already
serving that copy sees the old records or the new ones, never a mix, and notices the change the way it notices an
ingest (``PRAGMA data_version``): no restart needed.

The copy is marked as a replica's (``REPLICA_KEY``, a record-store meta key, so the mark travels with the file):
nothing writes its index (``refuse_on_replica``). The mark names the ingest host's folder, carried over when a
replica's copy is copied again (another machine's: snapshot, move the folder, snapshot into the live one). When the
ingest host is retired, ``promote`` takes the mark off one replica's copy, which becomes the new host's.
"""

from __future__ import annotations

import json
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

from assistant.data_folder import INGEST_LOCK
from assistant.errors import ConflictError, InvalidRequestError, ReplicaFolderError, StoreUnavailableError
from assistant.store.records import records_path

REPLICA_KEY = "replica_of"  # JSON: ingest_host (its data folder), copied_from, at


def snapshot_records(source_dir: Path, dest_dir: Path) -> Path:
    """Copies ``source_dir``'s record store into ``dest_dir`` (made if missing); returns the copy's path."""
    source, dest = records_path(source_dir), records_path(dest_dir)
    if not source.is_file():
        raise StoreUnavailableError(f"no record store at {source}", hint="run `assistant ingest` first")
    if dest_dir.resolve() == source_dir.resolve():
        raise InvalidRequestError("the snapshot's folder is the data folder itself; name another folder")
    if (dest_dir / INGEST_LOCK).exists() and replica_mark(dest_dir) is None:  # an ingest host's, not an earlier copy
        raise ConflictError(f"{dest_dir} holds an index of its own, not one made by `assistant snapshot`; "
                            "nothing was changed",
                            hint="name an empty folder or a replica's folder; to retire that index, move it away first")
    dest_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
    reader = sqlite3.connect(f"{source.as_uri()}?mode=ro", uri=True, timeout=30)
    writer = sqlite3.connect(str(dest), timeout=30)
    try:
        reader.backup(writer)  # all pages in one step: one read transaction on the source, one write on the copy
        writer.execute("PRAGMA journal_mode=WAL")  # as RecordStore opens it: readers never wait for the next copy
        mark = {"ingest_host": (_marked(writer) or {}).get("ingest_host", str(source_dir.resolve())),
                "copied_from": str(source_dir.resolve()), "at": datetime.now(UTC).isoformat(timespec="seconds")}
        with writer:  # a transaction of its own, just after the copy's
            writer.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", (REPLICA_KEY, json.dumps(mark)))
    except sqlite3.Error as exc:
        raise StoreUnavailableError(f"could not copy {source} to {dest}: {exc}",
                                    hint="check the free space and permissions of the snapshot's folder") from exc
    finally:
        writer.close()
        reader.close()
    return dest


def _marked(db: sqlite3.Connection) -> dict[str, str] | None:
    try:
        row = db.execute("SELECT value FROM meta WHERE key = ?", (REPLICA_KEY,)).fetchone()
    except sqlite3.OperationalError as exc:
        if "no such table" in str(exc):  # an empty or foreign file: no mark
            return None
        raise
    return json.loads(row[0]) if row else None


def replica_mark(data_dir: Path) -> dict[str, str] | None:
    """The mark of a folder made by ``snapshot_records``; None for an ingest host's folder (or one not made yet)."""
    path = records_path(data_dir)
    if not path.is_file():
        return None
    db = sqlite3.connect(str(path), timeout=30)
    try:
        return _marked(db)
    finally:
        db.close()


def refuse_on_replica(data_dir: Path) -> None:
    """Every writer of an index asks this first (``ingest.locking.ingest_lock``): on a replica's folder, an ingest,
    upload, delete or vector rebuild would change the shared Chroma server's vectors without the ingest host's lock
    (so meet its ingest half way), and its records would be replaced by the next snapshot."""
    mark = replica_mark(data_dir)
    if mark is None:
        return
    raise ReplicaFolderError(
        f"{data_dir} is a replica's data folder (`assistant snapshot` of {mark['copied_from']} at {mark['at']}); "
        "its index is written only on the ingest host, nothing was changed",
        hint=f"run this with ASSISTANT_DATA_DIR={mark['ingest_host']} on the ingest host, then run `assistant "
             f"snapshot {data_dir}` there again to bring this replica up to date (if that host is retired, "
             "`assistant promote` here makes this folder the ingest host's)")


def promote(data_dir: Path) -> dict[str, str]:
    """Takes the replica mark off ``data_dir``: its index is then written there, as an ingest host's. Returns the mark
    taken off. A folder without a mark is refused, and left as it was."""
    mark = replica_mark(data_dir)
    if mark is None:
        raise ConflictError(f"{data_dir} is not a replica's data folder (no `assistant snapshot` mark); nothing was "
                            "changed",
                            hint="set ASSISTANT_DATA_DIR to the data folder of a replica made by `assistant snapshot`")
    db = sqlite3.connect(str(records_path(data_dir)), timeout=30)
    try:
        with db:
            db.execute("DELETE FROM meta WHERE key = ?", (REPLICA_KEY,))
    except sqlite3.Error as exc:
        raise StoreUnavailableError(f"could not write {records_path(data_dir)}: {exc}",
                                    hint="check the permissions of the data folder") from exc
    finally:
        db.close()
    return mark
