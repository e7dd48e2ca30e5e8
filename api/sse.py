"""Server-Sent Events framing, and pulling the first item of a stream before the response starts so that errors
(empty question, bad filters) still leave as a proper problem+json status instead of a broken stream."""

from __future__ import annotations

import json
import logging
from collections.abc import AsyncIterator, Iterator
from typing import Any, TypeVar

from fastapi.responses import StreamingResponse

from api.answer_workers import AnswerWorkers
from assistant.errors import AssistantError
from api.problems import openai_error_member, problem_body, status_for

T = TypeVar("T")
log = logging.getLogger(__name__)
SSE_HEADERS = {"Cache-Control": "no-cache", "X-Accel-Buffering": "no"}


def event(name: str | None, data: Any) -> str:
    payload = data if isinstance(data, str) else json.dumps(data, ensure_ascii=False)
    head = f"event: {name}\n" if name else ""
    return f"{head}data: {payload}\n\n"


def prime(items: Iterator[T]) -> Iterator[T]:
    """Runs the stream to its first item now (raising here), then yields everything."""
    try:
        first = next(items)
    except StopIteration:
        return iter(())

    def chained() -> Iterator[T]:
        yield first
        yield from items

    return chained()


def _failure(status: int, detail: str, hint: str | None, openai: bool) -> dict[str, Any]:
    """OpenAI clients raise on a streamed ``error`` member; without it they parse the problem as an empty chunk."""
    return problem_body(status, detail, hint, error=openai_error_member(status, detail) if openai else None)


def guarded(frames: Iterator[str], error_event: str | None = "error", openai: bool = False) -> Iterator[str]:
    """A failure after the stream started can only be reported inside it."""
    try:
        yield from frames
    except AssistantError as exc:
        yield event(error_event, _failure(status_for(exc), exc.message, exc.hint or None, openai))
    except Exception:
        log.exception("stream failed after it started")
        yield event(error_event, _failure(500, "the service hit an internal error; it has been logged", None, openai))


_END = object()


async def closing(frames: Iterator[str], workers: AnswerWorkers) -> AsyncIterator[str]:
    """Each frame made on an answer thread, as Starlette would on its pool; unlike Starlette, the frames are closed
    however the response ends. A client's disconnect cancels the response: closing runs the stream's clean-up
    (stopping the LLM, auditing what was sent) at once, instead of whenever the garbage collector reaches the
    abandoned generator."""
    try:
        while (frame := await workers.run(next, frames, _END)) is not _END:
            yield frame  # type: ignore[misc]
    finally:
        frames.close()  # type: ignore[attr-defined]


def sse_response(frames: Iterator[str], workers: AnswerWorkers, openai: bool = False) -> StreamingResponse:
    return StreamingResponse(closing(guarded(frames, openai=openai), workers), media_type="text/event-stream",
                             headers=SSE_HEADERS)
