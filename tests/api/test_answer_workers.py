"""The answer threads (api.answer_workers), on a real event loop and real threads: what a request that gives up
leaves running."""

from __future__ import annotations

import asyncio
import threading

import anyio
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


def test_a_running_call_is_waited_for_inside_a_cancelled_anyio_scope() -> None:
    """Starlette cancels a stream whose client left through an anyio task group, which cancels again at every await
    until the scope is left: the running call must still end before the caller's clean-up (the stream's close)."""
    ran: list[str] = []
    started = threading.Event()

    def blocking() -> None:
        started.set()
        threading.Event().wait(0.3)  # the caller is cancelled meanwhile
        ran.append("finished")

    async def scenario() -> None:
        workers = AnswerWorkers(threads=1)

        async def call() -> None:
            await workers.run(blocking)

        async with anyio.create_task_group() as group:
            group.start_soon(call)
            while not started.is_set():
                await asyncio.sleep(0.01)
            group.cancel_scope.cancel()
        assert ran == ["finished"]  # the group ended only once the call had
        workers.close()

    asyncio.run(scenario())


def test_an_app_started_again_after_its_shutdown_gets_new_threads() -> None:
    """Tests run one app's lifespan more than once: the threads its shutdown stopped must not be handed calls."""
    async def scenario() -> int:
        workers = AnswerWorkers(threads=2)
        workers.start()
        workers.close()
        try:
            return await asyncio.wait_for(workers.run(lambda: 42), 60)
        finally:
            workers.close()

    assert asyncio.run(scenario()) == 42
