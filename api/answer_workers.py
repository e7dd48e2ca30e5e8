"""The threads that answer questions, fed so that the event loop never waits on a lock they hold.

Measured (docs/benchmarks.md "Health probes under load"): with 600 questions sent at once, the event loop's thread,
which also answers /healthz, spent 70-160 ms blocked in lock acquisitions. Handing work to a thread pool
(``ThreadPoolExecutor.submit``, anyio's pool) takes a lock or semaphore that the pool's threads take too, and starting
a thread waits for it to run: whenever the lock was held, the loop gave up the GIL and waited to get it back from a
thread busy answering. Here each thread has an inbox of its own, a ``queue.SimpleQueue`` that only it reads, so the
loop's put is a list append under the GIL that never waits; results come back through ``call_soon_threadsafe``; the
threads start with the app, not in a burst. The bookkeeping stays on the loop: the thread that finished last takes
the next call (its memory still warm, as in anyio's pool), and a question beyond the threads waits in a deque on the
loop, as an item, not as a thread. Every route that answers (ask, chat, OpenAI, briefings, their streams) runs here.

Lowering these threads' OS priority (``os.setpriority`` per thread) was measured too and did not shorten the probes'
tail: a thread holding the GIL that is preempted for its lower priority holds up the loop all the same."""

from __future__ import annotations

import asyncio
import contextvars
import functools
import queue
import threading
from collections import deque
from collections.abc import Callable
from typing import Any, ParamSpec, TypeVar

import anyio

P = ParamSpec("P")
T = TypeVar("T")

# As many as the shared pool these routes used before: an LLM-mode question holds its thread while the LLM writes,
# without an answer slot (service.answer_slots bounds the CPU-bound part), so fewer would queue LLM questions.
THREADS = 40
_STOP = object()


class _Call:
    __slots__ = ("claim", "fn", "future", "loop")

    def __init__(self, fn: Callable[[], Any], future: asyncio.Future, loop: asyncio.AbstractEventLoop) -> None:
        self.fn, self.future, self.loop = fn, future, loop
        self.claim = [True]  # taken once, by a worker starting the call or by its caller giving up: list.pop is atomic

    def take(self) -> bool:
        try:
            return self.claim.pop()
        except IndexError:
            return False


class _Worker:
    __slots__ = ("inbox", "retired")

    def __init__(self) -> None:
        self.inbox: queue.SimpleQueue[_Call | object] = queue.SimpleQueue()  # one reader: a put never waits
        self.retired = False  # told to stop (the app's shutdown): never handed another call


class AnswerWorkers:
    def __init__(self, threads: int = THREADS) -> None:
        self._threads_wanted = threads
        self._workers: list[_Worker] = []
        # read and written on the event loop only:
        self._idle: list[_Worker] = []  # the last one to finish takes the next call (warm, as anyio's pool)
        self._backlog: deque[_Call] = deque()  # calls beyond the threads, in arrival order

    async def run(self, fn: Callable[P, T], *args: P.args, **kwargs: P.kwargs) -> T:
        """``fn(*args, **kwargs)`` on an answer thread, with the caller's context variables (as Starlette's pool).
        Cancelled (a 504, a client gone) before its turn, the call never runs; once running, it is waited for before
        the cancellation goes on, as with Starlette's pool, so the caller's clean-up never races it (a stream's
        ``close`` while its generator is still running on the thread would fail)."""
        loop = asyncio.get_running_loop()
        future: asyncio.Future[T] = loop.create_future()
        call = _Call(functools.partial(contextvars.copy_context().run, fn, *args, **kwargs), future, loop)
        if self._idle:
            self._idle.pop().inbox.put(call)
        elif len(self._workers) < self._threads_wanted:  # an app used without its start-up (tests)
            self._start_worker().inbox.put(call)
        else:
            self._backlog.append(call)
        try:
            return await asyncio.shield(future)
        except asyncio.CancelledError:
            if not call.take():  # a worker runs it already: let it finish first, shielded from anyio's cancel scopes
                with anyio.CancelScope(shield=True):  # (Starlette's), which cancel again at every await until left
                    await asyncio.wait([future])
            raise

    def start(self) -> None:
        """Starts every thread now (the app's start-up): ``Thread.start`` waits for the new thread to run, which in a
        burst of questions costs the loop a wait for the GIL per thread (40 starts took 70-130 ms of the loop)."""
        while len(self._workers) < self._threads_wanted:
            self._idle.append(self._start_worker())

    def _start_worker(self) -> _Worker:
        worker = _Worker()
        self._workers.append(worker)
        threading.Thread(target=self._work, args=(worker,), name=f"answer-{len(self._workers)}", daemon=True).start()
        return worker

    def _work(self, worker: _Worker) -> None:
        while (call := worker.inbox.get()) is not _STOP:
            assert isinstance(call, _Call)
            outcome: tuple[Any, BaseException | None] | None = None  # None: its caller gave up before its turn
            if call.take():
                try:
                    outcome = (call.fn(), None)
                except BaseException as exc:  # noqa: BLE001 - handed to the awaiting request, raised there
                    outcome = (None, exc)
            try:
                call.loop.call_soon_threadsafe(self._finished, worker, call.future, outcome)
            except RuntimeError:  # its loop is closed, nobody waits for this; a later call starts another thread
                worker.retired = True
                self._workers.remove(worker)  # atomic under the GIL, as the loop's len() of it
                return

    def _finished(self, worker: _Worker, future: asyncio.Future,
                  outcome: tuple[Any, BaseException | None] | None) -> None:
        """On the loop: the result to its caller, and the worker to the next call that still wants one."""
        if outcome is not None and not future.cancelled():
            result, exc = outcome
            if exc is not None:
                future.set_exception(exc)
            else:
                future.set_result(result)
        if worker.retired:
            return
        while self._backlog:
            call = self._backlog.popleft()
            if call.claim:  # not given up while it waited
                worker.inbox.put(call)
                return
        self._idle.append(worker)

    def close(self) -> None:
        """Stops the threads (each after its current call); an app started again (tests run its lifespan more than
        once) starts new ones."""
        for worker in self._workers:
            worker.retired = True
            worker.inbox.put(_STOP)
        self._workers, self._idle = [], []
