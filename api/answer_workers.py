"""The threads that answer questions, fed so that the event loop never waits on a lock they hold.

Measured (docs/benchmarks.md "Health probes under load"): with 600 questions sent at once, the event loop's thread,
which also answers /healthz, spent 70-160 ms blocked in lock acquisitions. Handing work to a thread pool
(``ThreadPoolExecutor.submit``, anyio's pool) takes a lock or semaphore that the pool's threads take too, and starting
a thread waits for it to run: whenever the lock was held, the loop gave up the GIL and waited to get it back from a
thread busy answering. Here the loop only appends to a ``queue.SimpleQueue`` (a list append under the GIL; it never
blocks), gets each result back through ``call_soon_threadsafe``, and the threads are started with the app, not in a
burst. A question beyond the threads waits in that queue as an item, not as a thread. Every route that answers (ask,
chat, OpenAI, briefings, their streams) runs here.

Lowering these threads' OS priority (``os.setpriority`` per thread) was measured too and did not shorten the probes'
tail: a thread holding the GIL that is preempted for its lower priority holds up the loop all the same."""

from __future__ import annotations

import asyncio
import contextvars
import functools
import queue
import threading
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


class AnswerWorkers:
    def __init__(self, threads: int = THREADS) -> None:
        self._threads_wanted = threads
        self._queue: queue.SimpleQueue[_Call | object] = queue.SimpleQueue()
        self._threads: list[threading.Thread] = []
        self._idle = 0  # read and written on the event loop only: threads started minus calls in flight

    async def run(self, fn: Callable[P, T], *args: P.args, **kwargs: P.kwargs) -> T:
        """``fn(*args, **kwargs)`` on an answer thread, with the caller's context variables (as Starlette's pool).
        Cancelled (a 504, a client gone) before its turn, the call never runs; once running, it is waited for before
        the cancellation goes on, as with Starlette's pool, so the caller's clean-up never races it (a stream's
        ``close`` while its generator is still running on the thread would fail)."""
        loop = asyncio.get_running_loop()
        future: asyncio.Future[T] = loop.create_future()
        call = _Call(functools.partial(contextvars.copy_context().run, fn, *args, **kwargs), future, loop)
        if self._idle == 0 and len(self._threads) < self._threads_wanted:  # an app used without its start-up (tests)
            self._start_thread()
        self._idle -= 1
        self._queue.put(call)
        try:
            return await asyncio.shield(future)
        except asyncio.CancelledError:
            if not call.take():  # a worker runs it already: let it finish first, shielded from anyio's cancel scopes
                with anyio.CancelScope(shield=True):  # (Starlette's), which cancel again at every await until left
                    await asyncio.wait([future])
            raise
        finally:
            self._idle += 1

    def start(self) -> None:
        """Starts every thread now (the app's start-up): ``Thread.start`` waits for the new thread to run, which in a
        burst of questions costs the loop a wait for the GIL per thread (40 starts took 70-130 ms of the loop)."""
        while len(self._threads) < self._threads_wanted:
            self._start_thread()

    def _start_thread(self) -> None:
        thread = threading.Thread(target=self._work, name=f"answer-{len(self._threads)}", daemon=True)
        self._threads.append(thread)
        self._idle += 1
        thread.start()

    def _work(self) -> None:
        while (call := self._queue.get()) is not _STOP:
            assert isinstance(call, _Call)
            if not call.take():  # its caller gave up before its turn
                continue
            try:
                outcome: tuple[Any, BaseException | None] = (call.fn(), None)
            except BaseException as exc:  # noqa: BLE001 - handed to the awaiting request, raised there
                outcome = (None, exc)
            try:
                call.loop.call_soon_threadsafe(_settle, call.future, *outcome)
            except RuntimeError:  # the loop is closed: the app stopped, nobody waits for this any more
                pass

    def close(self) -> None:
        for _ in self._threads:
            self._queue.put(_STOP)


def _settle(future: asyncio.Future, result: Any, exc: BaseException | None) -> None:
    if future.cancelled():
        return
    if exc is not None:
        future.set_exception(exc)
    else:
        future.set_result(result)
