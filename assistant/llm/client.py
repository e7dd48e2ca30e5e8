"""A thin OpenAI-compatible chat client: any server (local llama.cpp, vLLM, a hosted API) behind one interface.

Every transport or API failure becomes ``LLMUnavailableError`` so callers have one thing to catch and can
fall back to extractive answers.
"""

from __future__ import annotations

import queue
import threading
import time
from collections.abc import Callable, Iterator
from typing import Protocol

import openai
from pydantic import BaseModel

from assistant.config import Settings
from assistant.errors import LLMUnavailableError


class ChatMessage(BaseModel):
    role: str
    content: str


class ChatClient(Protocol):
    def complete(self, messages: list[dict[str, str]], max_tokens: int | None = None) -> str: ...

    def stream(self, messages: list[dict[str, str]], max_tokens: int | None = None) -> Iterator[str]: ...


_waited = [0.0]  # seconds this process spent waiting on LLM servers: evaluation splits answer time with it


def llm_seconds() -> float:
    """Seconds spent in LLM calls so far in this process; two readings around an answer give its LLM time."""
    return _waited[0]


def _checked(messages: list[dict[str, str]]) -> list[dict[str, str]]:
    return [ChatMessage.model_validate(m).model_dump() for m in messages]


class LLMClient:
    """Built from settings; deterministic sampling (temperature 0) because answers must be reproducible."""

    def __init__(self, settings: Settings) -> None:
        if settings.llm_base_url is None:
            raise LLMUnavailableError("no LLM is configured")
        self.timeout_s = settings.llm_timeout_s
        self.finish_reason: str | None = None  # of the last reply: 'length' when it hit the token cap
        self.model = settings.llm_model
        self.max_tokens = settings.llm_max_tokens
        self._client = openai.OpenAI(
            base_url=settings.llm_base_url,
            api_key=settings.llm_api_key,
            timeout=settings.llm_timeout_s,
            max_retries=0,  # a retry would double the wait before the extractive fallback
        )

    def complete(self, messages: list[dict[str, str]], max_tokens: int | None = None) -> str:
        """The whole reply, within ``llm_timeout_s`` from the call (a busy server's queue included)."""
        return "".join(self.stream(messages, max_tokens))

    def stream(self, messages: list[dict[str, str]], max_tokens: int | None = None) -> Iterator[str]:
        """Yield text deltas as the server emits them; any failure, and running past ``llm_timeout_s`` in all,
        becomes ``LLMUnavailableError``."""
        checked = _checked(messages)
        self.finish_reason = None

        def produce() -> Iterator[str]:
            chunks = self._client.chat.completions.create(
                model=self.model,
                messages=checked,  # type: ignore[arg-type]
                max_tokens=max_tokens or self.max_tokens,
                temperature=0.0,
                stream=True,
            )
            try:
                for chunk in chunks:
                    if chunk.choices and chunk.choices[0].finish_reason:
                        self.finish_reason = chunk.choices[0].finish_reason
                    if chunk.choices and chunk.choices[0].delta.content:
                        yield chunk.choices[0].delta.content
            finally:
                chunks.close()  # a stream abandoned at the deadline stops generating on the server

        start = time.perf_counter()
        try:
            yield from within(produce, self.timeout_s)
        except openai.APITimeoutError as exc:  # the client's own read timeout: the same condition as the deadline
            raise LLMUnavailableError(f"the LLM did not finish within {self.timeout_s:g} s") from exc
        except openai.OpenAIError as exc:
            raise LLMUnavailableError(f"the LLM request failed: {_describe(exc)}") from exc
        finally:
            _waited[0] += time.perf_counter() - start


_END = object()


def within(produce: Callable[[], Iterator[str]], seconds: float) -> Iterator[str]:
    """Pass on what ``produce`` yields until ``seconds`` have gone by since the call, then give up.

    The HTTP client's timeout bounds each read, not the whole reply: a server busy with other questions can keep a
    request waiting, then stream slowly, for far longer. The producer runs on a daemon thread that is told to stop
    and closes its stream when the reader has gone."""
    out: queue.Queue[object] = queue.Queue()
    stop = threading.Event()

    def run() -> None:
        try:
            for item in produce():
                if stop.is_set():
                    break
                out.put(item)
            out.put(_END)
        except BaseException as exc:  # noqa: BLE001 - handed to the reader, which raises it
            out.put(exc)

    threading.Thread(target=run, name="llm-stream", daemon=True).start()
    deadline = time.monotonic() + seconds
    try:
        while True:
            try:
                item = out.get(timeout=max(0.0, deadline - time.monotonic()))
            except queue.Empty:
                raise LLMUnavailableError(f"the LLM did not finish within {seconds:g} s") from None
            if item is _END:
                return
            if isinstance(item, BaseException):
                raise item
            yield item  # type: ignore[misc]
    finally:
        stop.set()


def _describe(exc: openai.OpenAIError) -> str:
    if isinstance(exc, openai.APIConnectionError):
        return "could not connect"
    if isinstance(exc, openai.APIStatusError):
        return f"HTTP {exc.status_code}"
    return type(exc).__name__


def client_from_settings(settings: Settings) -> LLMClient | None:
    """None when no LLM is configured, so callers pick extractive mode without try/except."""
    return None if settings.llm_base_url is None else LLMClient(settings)
