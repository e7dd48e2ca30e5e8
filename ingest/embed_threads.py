"""More embedding threads for the rest of an ingest once the preparing worker has prepared every file.

The embedder runs on one BLAS thread beside the worker, which keeps the other core busy; from the worker's last file
on that core is free. Measured on the 2-core target, otherwise idle: the reference corpus's chunks embed 1.7-2x as
fast on two threads (each encoding part of a batch, see ``assistant.embedding.embedders.UseEmbedder``) as on one.
"""

from __future__ import annotations

import threading

from assistant.embedding.embedders import Embedder, Threaded


class IdleCoreThreads:
    """Called before each embedding batch; raises the embedder's threads once ``idle`` is set, and ``restore``
    puts them back (the embedder is shared within the process, see ``assistant.embedding.embedders.get_embedder``)."""

    def __init__(self, embedder: Embedder, idle: threading.Event, threads: int) -> None:
        self._embedder = embedder if isinstance(embedder, Threaded) else None
        self._idle, self._threads = idle, threads
        self._before: int | None = None

    def __call__(self) -> None:
        if self._embedder is None or self._before is not None or not self._idle.is_set():
            return
        if self._threads > self._embedder.threads:
            self._before = self._embedder.threads
            self._embedder.threads = self._threads

    def restore(self) -> None:
        if self._embedder is not None and self._before is not None:
            self._embedder.threads = self._before
            self._before = None
