"""Plain ASGI middleware for what must happen before any route runs: metrics around everything, a request
timeout, and the body limit (checked on Content-Length and on the bytes actually received, before parsing)."""

from __future__ import annotations

import asyncio
import json
import time

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.metrics import Metrics
from api.problems import PROBLEM, openai_error, problem_body

UPLOAD_PATHS = ("/api/v1/documents",)
_MULTIPART_SLACK = 64 * 1024


async def send_problem(scope: Scope, send: Send, status: int, detail: str, headers: dict[str, str] | None = None) -> None:
    body = json.dumps(problem_body(status, detail, error=openai_error(scope["path"], status, detail))).encode()
    raw = [(b"content-type", PROBLEM.encode()), (b"content-length", str(len(body)).encode())]
    raw += [(k.lower().encode(), v.encode()) for k, v in (headers or {}).items()]
    await send({"type": "http.response.start", "status": status, "headers": raw})
    await send({"type": "http.response.body", "body": body})


class BodyLimitMiddleware:
    """Reads the body up to the limit and replays it; one byte over and the app never sees the request."""

    def __init__(self, app: ASGIApp, max_body_bytes: int, max_upload_bytes: int) -> None:
        self.app = app
        self.max_body = max_body_bytes
        self.max_upload = max_upload_bytes + _MULTIPART_SLACK

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] in ("GET", "HEAD", "OPTIONS", "DELETE"):
            await self.app(scope, receive, send)
            return
        is_upload = scope["method"] == "POST" and scope["path"].rstrip("/") in UPLOAD_PATHS
        limit = self.max_upload if is_upload else self.max_body
        too_big = f"the request body is larger than the limit of {limit} bytes"
        headers = dict(scope.get("headers") or [])
        declared = headers.get(b"content-length")
        if declared is not None:
            try:
                if int(declared) > limit:
                    await send_problem(scope, send, 413, too_big)
                    return
            except ValueError:
                await send_problem(scope, send, 400, "the Content-Length header is not a number")
                return
        chunks: list[bytes] = []
        size = 0
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                return
            size += len(message.get("body", b""))
            if size > limit:
                await send_problem(scope, send, 413, too_big)
                return
            chunks.append(message.get("body", b""))
            if not message.get("more_body", False):
                break
        body = b"".join(chunks)
        replayed = False

        async def replay() -> Message:
            nonlocal replayed
            if not replayed:
                replayed = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()

        await self.app(scope, replay, send)


class TimeoutMiddleware:
    """504 when no response has started within the limit; a stream that has started is left to finish."""

    def __init__(self, app: ASGIApp, timeout_s: float) -> None:
        self.app = app
        self.timeout_s = timeout_s

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        deadline = asyncio.timeout(self.timeout_s)  # cancels this very task: no extra task or waiter per request

        async def tracking_send(message: Message) -> None:
            if message["type"] == "http.response.start":
                deadline.reschedule(None)  # started in time: the rest of the response may take as long as it needs
            await send(message)

        try:
            async with deadline:
                await self.app(scope, receive, tracking_send)
        except TimeoutError:
            if not deadline.expired():
                raise  # the app's own TimeoutError, not our limit
            await send_problem(scope, send, 504, f"the request took longer than {self.timeout_s:g} s and was stopped")


class MetricsMiddleware:
    """Counts and times every request under its route template (not the raw path, which would explode labels)."""

    def __init__(self, app: ASGIApp, metrics: Metrics) -> None:
        self.app = app
        self.metrics = metrics

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        status = 500
        begin = time.perf_counter()

        async def recording_send(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        self.metrics.in_flight.inc()
        try:
            await self.app(scope, receive, recording_send)
        finally:
            self.metrics.in_flight.dec()
            route = getattr(scope.get("route"), "path", "other")  # the router records the matched route here
            self.metrics.requests.labels(scope["method"], route, str(status)).inc()
            self.metrics.latency.labels(scope["method"], route).observe(time.perf_counter() - begin)


class ServedByMiddleware:
    """Names the process that answered in ``X-Served-By``: a random id drawn when the app is built, never its pid or
    host, so that behind one port (``serve --workers``) or a load balancer an operator can tell the processes apart."""

    def __init__(self, app: ASGIApp, instance: str) -> None:
        self.app = app
        self.header = (b"x-served-by", instance.encode())

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def named_send(message: Message) -> None:
            if message["type"] == "http.response.start":
                message = {**message, "headers": [*message.get("headers", []), self.header]}
            await send(message)

        await self.app(scope, receive, named_send)
