"""Files prepared (read, OCR, clean, chunk) in one worker process while the ingesting process embeds and writes.

Why a process and not a thread: loading and cleaning are pure Python, and a thread beside the embedder made every
numpy call wait for the GIL (embedding took 5x its own time on 2 cores). One worker keeps the split simple on the
2-core target: preparation on one core, embedding and store writes on the other.

Files go to the worker up to ``AHEAD_BYTES`` of them ahead of the file being embedded (at least one file), so memory
holds a bounded amount of prepared text. The bound is in bytes, not files: three files ahead left the worker idle
behind a row of small files while the embedder caught up, and then the embedder idle (~2 s on the reference corpus)
while the worker prepared the Thai Act that the schedule puts after them. A worker that dies (killed, out of memory,
a crash in a C parser) costs the file it was on, which is reported with a one-line reason; a fresh worker takes the
files after it. The worker exits when its parent dies, so a SIGKILLed ingest leaves no orphan behind.
"""

from __future__ import annotations

import atexit
import multiprocessing
import os
import resource
import sys
import threading
import time
from collections import deque
from collections.abc import Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

from pydantic import BaseModel, Field

from assistant.config import Settings
from assistant.errors import AssistantError
from assistant.models import Chunk, Document

AHEAD_BYTES = 32 * 1024 * 1024  # file bytes handed to the worker before their results are taken


class Prepared(BaseModel):
    """One file's outcome, picklable: the document and its chunks, or the one-line reason it failed."""

    doc: Document | None = None
    chunks: list[Chunk] = Field(default_factory=list)
    lexical: list[tuple[str, str]] = Field(default_factory=list, description="Lexical index tokens per chunk, "
                                           "segmented here so that Thai segmentation does not slow the embedder.")
    failure: str = ""
    notes: list[str] = Field(default_factory=list, description="Visible fallbacks taken while reading the file.")
    parse_seconds: float = 0.0
    clean_seconds: float = 0.0
    cpu_seconds: float = Field(0.0, description="CPU time of the worker process on this file (OCR runs in a child).")
    peak_rss_mb: float = Field(0.0, description="Peak resident memory of the worker process so far.")


def prepare_file(path: Path, root: Path, settings: Settings) -> Prepared:
    """Runs in the worker; never raises for a bad file, since exceptions of parsers need not pickle."""
    from assistant.store.lexical_tokens import lexical_rows
    from ingest.documents import prepare_document
    from ingest.readers.loaders import LoadTimes

    times = LoadTimes()
    cpu = time.process_time()
    try:
        doc, chunks = prepare_document(path, root, settings, times)
        started = time.perf_counter()
        lexical = lexical_rows(doc.meta.title, chunks)
        times.clean += time.perf_counter() - started
        out = Prepared(doc=doc, chunks=chunks, lexical=lexical, notes=times.notes)
    except AssistantError as exc:
        out = Prepared(failure=exc.message)
    except Exception as exc:  # a parser bug on one file must not stop the others
        out = Prepared(failure=one_line(exc))
    out.parse_seconds, out.clean_seconds = times.parse, times.clean
    out.cpu_seconds = time.process_time() - cpu
    out.peak_rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return out


def warm_up() -> None:
    """The worker's one-time costs, paid before its first file instead of inside it: importing the parsers and
    LangChain's splitter (~0.3 s) and loading the English word list that cleaning judges words by (~0.4 s)."""
    import langchain_text_splitters  # noqa: F401 - the import is the point

    import ingest.documents  # noqa: F401
    from assistant.store import lexical_tokens  # noqa: F401
    from assistant.text.vocabulary import is_word

    is_word("warm")


def one_line(exc: BaseException) -> str:
    return (f"{type(exc).__name__}: {exc}".splitlines() or [type(exc).__name__])[0][:300]


def _init_worker(parent: int) -> None:
    """Worker initializer: a SIGKILLed parent cannot shut the pool down, so the worker watches for it; and a worker
    told to stop skips the interpreter's teardown, which the parent's ``close`` would otherwise wait for."""

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(1)

    threading.Thread(target=watch, daemon=True, name="parent-watch").start()
    atexit.register(_exit_now)  # atexit runs after multiprocessing's own exit steps; handlers added later run first


def _exit_now() -> None:
    """Freeing the modules and objects of a finished worker (Thai dictionaries, parsers) took ~0.7 s of an ingest's
    wall time on the 2-core target and served no purpose: the worker holds no files, and its results are sent."""
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(0)


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:  # gone since discovery: the worker reports it
        return 0


class Preparer:
    """Yields ``(item, Prepared)`` in the order given, preparing up to ``AHEAD_BYTES`` ahead in a worker process."""

    def __init__(self, items: list, settings: Settings) -> None:  # items: objects with .path and .root
        self._todo: deque = deque()
        self._settings = settings
        self._pending: deque[tuple[object, Future, int]] = deque()  # item, its result, its file's bytes
        self._pool: ProcessPoolExecutor | None = None
        self.restarts = 0
        self.idle = threading.Event()  # set once every file added so far is prepared: the worker's core is free
        self._lock = threading.RLock()  # the pool's thread reads what _fill changes (see _note_done)
        if items:
            self.add(items)

    def estimate(self, paths: list[Path]) -> Future:
        """Each file's (prepare, embed) seconds for ``ingest.schedule``, estimated in the worker: the ingesting
        process imports Chroma and loads the model meanwhile, and the worker's start-up (``warm_up``) overlaps
        that too. This starts the worker, whose first task it is."""
        from ingest.schedule import estimates

        if self._pool is not None:
            return self._pool.submit(estimates, paths)
        return self._start(estimates, paths)

    def add(self, items: list) -> None:
        """More files, prepared after those added before."""
        with self._lock:
            self._todo.extend(items)
            self.idle.clear()
        if self._pool is None and self._todo:
            self._start()
        try:
            self._fill()
        except BrokenProcessPool:  # the worker died before any file (during the estimates or its warm-up)
            self._restart()
            self._fill()

    def _start(self, *first: object) -> Future | None:
        """Starts the worker (a pool starts its process on the first task, not before); ``first``, a function and
        its arguments, runs before the worker's warm-up, and its future is returned."""
        # spawn: the parent may already hold model threads and open stores, which fork would copy half-way
        self._pool = ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn"),
                                         initializer=_init_worker, initargs=(os.getpid(),))
        future = self._pool.submit(*first) if first else None
        self._pool.submit(warm_up)
        return future

    def _fill(self) -> None:
        with self._lock:
            ahead = sum(size for _, _, size in self._pending)
            while self._todo:
                size = _size(self._todo[0].path)
                if self._pending and ahead + size > AHEAD_BYTES:
                    return
                item = self._todo[0]
                future = self._pool.submit(prepare_file, item.path, item.root, self._settings)  # may raise: keep it
                self._todo.popleft()
                ahead += size
                self._pending.append((item, future, size))
                future.add_done_callback(self._note_done)
            if not self._pending:
                self.idle.set()

    def _note_done(self, _: Future) -> None:
        """Runs in the pool's thread as each file is done (or at once, in ``_fill``, for a file already done)."""
        with self._lock:
            if not self._todo and all(future.done() for _, future, _ in self._pending):
                self.idle.set()

    @property
    def in_flight(self) -> int:
        """Files handed to the worker whose results are not taken yet."""
        return len(self._pending)

    def ready(self) -> bool:
        """Whether the next result can be taken without waiting."""
        return bool(self._pending) and self._pending[0][1].done()

    def __iter__(self) -> Iterator[tuple[object, Prepared]]:
        while self._pending:
            with self._lock:
                item, future, _ = self._pending.popleft()
            try:
                result = future.result()
            except BrokenProcessPool:  # the worker died on this file; the files queued behind it go to a new one
                result = Prepared(failure="the preparing process died on this file (killed, out of memory or a "
                                          "crash in a parser)")
                self._restart()
            self._fill()
            yield item, result

    def _restart(self) -> None:
        with self._lock:
            self._todo.extendleft(reversed([item for item, _, _ in self._pending]))
            self._pending.clear()
            self.idle.clear()
        self._pool.shutdown(wait=True, cancel_futures=True)
        self.restarts += 1
        self._start()

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None

    def __enter__(self) -> Preparer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
