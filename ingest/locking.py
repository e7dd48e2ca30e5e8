"""One writer per data directory: a second ingest waits ``lock_timeout_s`` and then refuses, never interleaves. A
replica's data folder (made by `assistant snapshot`) has no writer at all: its writes belong on the ingest host.

The lock is an OS file lock, so a SIGKILLed ingest releases it with its process.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from filelock import FileLock, Timeout

from assistant.config import Settings
from assistant.errors import StoreLockedError


@contextmanager
def ingest_lock(settings: Settings) -> Iterator[None]:
    from assistant.data_folder import INGEST_LOCK, private_data_dir
    from assistant.store.snapshot import refuse_on_replica

    data_dir = private_data_dir(settings)  # every writer of the index passes here
    refuse_on_replica(data_dir)
    path = data_dir / INGEST_LOCK
    lock = FileLock(str(path), timeout=settings.lock_timeout_s)
    try:
        lock.acquire()
    except Timeout:
        raise StoreLockedError(
            f"the index in {data_dir} is locked by another ingestion (waited {settings.lock_timeout_s:g}s)"
        ) from None
    try:
        yield
    finally:
        lock.release()
