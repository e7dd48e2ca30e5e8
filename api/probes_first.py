"""Health probes ahead of a burst of requests: the event loop starts at most a few other requests per turn.

Measured (docs/benchmarks.md "Health probes under load"): with 600 questions sent at once, the probes over 100 ms
were those that arrived during the burst. The loop runs its ready tasks first come, first served, and each new
question's first step (middleware, routing, body validation, key check) runs uninterrupted up to its hand-over to an
answer thread, ~0.2 ms of the loop's time: a probe arriving behind 600 of them waited for all of them. Here every
request but a probe first waits for its turn, and each turn lets ``per_turn`` of them go on before the loop polls
its sockets again; a probe that arrives meanwhile runs after at most that many, however large the burst. Requests
still start in arrival order, and a burst is taken in within a few milliseconds: nothing waits for an answer here."""

from __future__ import annotations

import asyncio
from collections import deque

from starlette.types import ASGIApp, Receive, Scope, Send

PROBES = frozenset({"/healthz", "/readyz"})


class Turns:
    """Lets waiters go ``per_turn`` at a time, one batch per pass of the event loop, in arrival order."""

    def __init__(self, per_turn: int) -> None:
        self.per_turn = per_turn
        self._waiting: deque[asyncio.Future[None]] = deque()
        self._scheduled = False

    async def turn(self) -> None:
        loop = asyncio.get_running_loop()
        waiter: asyncio.Future[None] = loop.create_future()
        self._waiting.append(waiter)
        if not self._scheduled:
            self._scheduled = True
            loop.call_soon(self._release)
        await waiter

    def _release(self) -> None:
        released = 0
        while self._waiting and released < self.per_turn:
            waiter = self._waiting.popleft()
            if not waiter.done():  # a cancelled request (client gone) takes no place
                waiter.set_result(None)
                released += 1
        if self._waiting:  # the next batch after this pass's ready tasks and a poll of the sockets
            asyncio.get_running_loop().call_soon(self._release)
        else:
            self._scheduled = False

    @property
    def waiting(self) -> int:
        return len(self._waiting)


class ProbesFirstMiddleware:
    """Outermost: a probe goes straight on; any other request waits for its turn (see the module's note)."""

    def __init__(self, app: ASGIApp, per_turn: int = 16) -> None:
        self.app = app
        self.turns = Turns(per_turn)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["path"] not in PROBES:
            await self.turns.turn()
        await self.app(scope, receive, send)
