"""`assistant snapshot DEST`: a consistent copy of the records for another API replica over the same Chroma server."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from filelock import FileLock, Timeout

from assistant.commands.errors import user_errors
from assistant.config import get_settings


def _ingest_running(data_dir: Path) -> bool:
    """True while another process holds the ingest lock (taken and released at once when it is free)."""
    from assistant.data_folder import INGEST_LOCK

    lock = FileLock(str(data_dir / INGEST_LOCK), timeout=0)
    try:
        lock.acquire()
    except Timeout:
        return True
    lock.release()
    return False


def snapshot(
    dest: Annotated[Path, typer.Argument(help="The replica's data folder (its ASSISTANT_DATA_DIR); made if missing.")],
) -> None:
    """Copy the record store (documents, pages, chunks, lexical index) and the agreements register of
    ASSISTANT_DATA_DIR into DEST, for an API replica that shares the vectors through ASSISTANT_CHROMA_URL.

    Safe while the service answers and an ingest runs: the copy holds what was committed when it began. A replica
    already serving DEST picks the new copy up without a restart. Keys, audit log, jobs and uploads are not copied.
    DEST is marked a replica's folder: `assistant ingest` and `reindex-vectors` there are refused (run them here).
    A DEST holding an ingest host's own index is refused, and left as it was."""
    from assistant.agreements.register import copy_register
    from assistant.store.records import RecordStore
    from assistant.store.snapshot import snapshot_records

    settings = get_settings()
    if settings.chroma_url is None:
        typer.echo("Error: a replica shares the vectors through a Chroma server; run `chroma run`, ingest with "
                   "ASSISTANT_CHROMA_URL set, and snapshot with it set too", err=True)
        raise typer.Exit(2)
    source = settings.resolved_data_dir()
    dest = dest.expanduser().resolve()
    busy = _ingest_running(source)
    with user_errors():
        path = snapshot_records(source, dest)
        records = RecordStore(path)
        try:
            documents = len(records.documents())
            report = copy_register(records, source, dest)
        finally:
            records.close()
    typer.echo(f"Snapshot of {source} in {dest}: {documents} document(s); agreements register: "
               f"{report.records} record(s).")
    if busy or report.documents_read:
        typer.echo("An ingest was running: the copy holds what it had committed. Take another snapshot when it ends.",
                   err=True)


def promote(
    yes: Annotated[bool, typer.Option("--yes", help="Do not ask: the old ingest host is retired for good.")] = False,
) -> None:
    """Make ASSISTANT_DATA_DIR, a replica's folder made by `assistant snapshot`, the ingest host's: `assistant
    ingest`, uploads and deletes then run here. Only when the old ingest host is retired for good: two hosts must
    never write to one Chroma server. The records stay as the last snapshot left them; ingest the documents folder
    here to bring them up to date."""
    from assistant.store.snapshot import promote as take_mark_off
    from assistant.store.snapshot import replica_mark

    data_dir = get_settings().resolved_data_dir()
    with user_errors():
        mark = replica_mark(data_dir)
        if mark is not None and not yes:
            typer.confirm(f"{data_dir} becomes the ingest host in place of {mark['ingest_host']}, which must not "
                          "ingest again. Go on?", abort=True)
        taken = take_mark_off(data_dir)
    typer.echo(f"{data_dir} is now the ingest host's data folder (it was a replica of {taken['ingest_host']}, copied "
               f"{taken['at']}). Retire {taken['ingest_host']}, then run `assistant ingest` here.")


def register(app: typer.Typer) -> None:
    app.command("snapshot")(snapshot)
    app.command("promote")(promote)
