"""The answer threads (api.answer_workers), on a real event loop and real threads: what a request that gives up
leaves running."""

from __future__ import annotations

import asyncio
import threading

import pytest

from api.answer_workers import AnswerWorkers


def test_a_call_given_up_before_its_turn_never_runs_and_one_already_running_is_waited_for() -> None:
    ran: list[str] = []
    started, release = threading.Event(), threading.Event()

    def blocking(name: str) -> str:
        started.set()
        release.wait(60)
        ran.append(name)
        return name

    async def scenario() -> None:
        workers = AnswerWorkers(threads=1)
        first = asyncio.create_task(workers.run(blocking, "first"))
        second = asyncio.create_task(workers.run(ran.append, "second"))
        while not started.is_set():  # both submitted; the one thread is held by the first
            await asyncio.sleep(0.01)
        first.cancel()
        second.cancel()
        for _ in range(20):
            await asyncio.sleep(0)
        assert not first.done()  # running: the request's clean-up waits for it, as Starlette's pool does
        assert second.done() and second.cancelled()  # not started: given up at once
        release.set()
        with pytest.raises(asyncio.CancelledError):
            await first
        assert ran == ["first"]  # it had finished before the cancellation went on
        assert await workers.run(ran.append, "third") is None
        assert ran == ["first", "third"]  # the thread skipped the second and took the next
        workers.close()

    asyncio.run(scenario())
