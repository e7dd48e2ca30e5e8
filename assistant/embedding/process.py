"""Question embedding in a child process, for the long-running service.

One service process runs its Python work on one core at a time (the GIL): measured under 16 concurrent clients it
used 1.05 of the 2 cores, and the query embedding (~4.5 ms of numpy per question) was a quarter of that. In a child
process of its own the embedding runs on the other core while the parent parses, ranks, answers and serialises, and
the parent's waiting thread holds no GIL. The child builds the very same embedder (``get_embedder``), so vectors are
identical; it exits when the parent closes the socket or dies. A plain subprocess (``python -m``), not
multiprocessing: a spawned child would re-import whatever script started the parent.
"""

from __future__ import annotations

import logging
import socket
import subprocess
import sys
import threading
from multiprocessing.connection import Connection

import numpy as np

from assistant.embedding.embedders import get_embedder
from assistant.errors import EmbedderUnavailableError

log = logging.getLogger(__name__)

_READY = "ready"


def _serve(conn: Connection, name: str, threads: int | None) -> None:
    """The child's loop: a list of texts in, their vectors (or the error's text) out, until the pipe closes."""
    try:
        embedder = get_embedder(name, threads)
        embedder.load()
        conn.send(_READY)
    except Exception as exc:  # the parent raises it; the child has nothing left to do
        conn.send(f"{type(exc).__name__}: {exc}")
        return
    while True:
        try:
            texts = conn.recv()
        except (EOFError, OSError):
            return
        try:
            conn.send(embedder.embed(texts))
        except Exception as exc:
            conn.send(f"{type(exc).__name__}: {exc}")


class ProcessEmbedder:
    """The ``Embedder`` protocol over a pipe to one child process; calls from several threads take turns."""

    def __init__(self, name: str, threads: int | None = None) -> None:
        local = get_embedder(name, threads)  # id and dim only: building it loads no weights
        self.id: str = local.id
        self.dim: int = local.dim
        self._name, self._threads = name, threads
        self._lock = threading.Lock()
        self._conn: Connection | None = None
        self._child: subprocess.Popen | None = None

    def _start(self) -> Connection:
        ours, theirs = socket.socketpair()
        with theirs:
            command = [sys.executable, "-m", "assistant.embedding.process", str(theirs.fileno()), self._name,
                       str(self._threads or 0)]
            process = subprocess.Popen(command, pass_fds=[theirs.fileno()], stdin=subprocess.DEVNULL)  # noqa: S603
        conn = Connection(ours.detach())
        self._conn, self._child = conn, process
        reply = self._receive(conn)
        if reply != _READY:
            self._drop()
            raise EmbedderUnavailableError(f"the embedding process did not start: {reply}")
        return conn

    def _receive(self, conn: Connection) -> object:
        try:
            return conn.recv()
        except (EOFError, OSError) as exc:
            self._drop()
            raise EmbedderUnavailableError(f"the embedding process stopped ({type(exc).__name__})") from exc

    def _drop(self) -> None:
        """Forget a dead child (reaped, no zombie); the next call starts a new one."""
        if self._conn is not None:
            self._conn.close()
        if self._child is not None and self._child.poll() is None:
            try:
                self._child.wait(5)  # the closed socket ends its loop
            except subprocess.TimeoutExpired:
                log.warning("the embedding process did not exit; killing it")
                self._child.kill()
                self._child.wait(5)
        self._conn = self._child = None

    def load(self) -> None:
        with self._lock:
            if self._conn is None:
                self._start()

    def embed(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        with self._lock:
            conn = self._conn or self._start()
            try:
                conn.send(list(texts))
            except OSError as exc:
                self._drop()
                raise EmbedderUnavailableError(f"the embedding process stopped ({type(exc).__name__})") from exc
            reply = self._receive(conn)
        if isinstance(reply, str):
            raise EmbedderUnavailableError(f"the embedding process failed: {reply}")
        return reply  # type: ignore[return-value]

    @property
    def pid(self) -> int | None:
        return self._child.pid if self._child is not None else None

    def close(self) -> None:
        with self._lock:
            self._drop()


def main(argv: list[str]) -> None:
    fd, name, threads = int(argv[0]), argv[1], int(argv[2])
    _serve(Connection(fd), name, threads or None)


if __name__ == "__main__":
    main(sys.argv[1:])

