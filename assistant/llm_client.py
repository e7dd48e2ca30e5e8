"""A thin OpenAI-compatible chat client: any server (local llama.cpp, vLLM, a hosted API) behind one interface.

Every transport or API failure becomes ``LLMUnavailableError`` so callers have one thing to catch and can
fall back to extractive answers.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
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
        self.model = settings.llm_model
        self.max_tokens = settings.llm_max_tokens
        self._client = openai.OpenAI(
            base_url=settings.llm_base_url,
            api_key=settings.llm_api_key,
            timeout=settings.llm_timeout_s,
            max_retries=0,  # a retry would double the wait before the extractive fallback
        )

    def complete(self, messages: list[dict[str, str]], max_tokens: int | None = None) -> str:
        start = time.perf_counter()
        try:
            response = self._client.chat.completions.create(
                model=self.model,
                messages=_checked(messages),  # type: ignore[arg-type]
                max_tokens=max_tokens or self.max_tokens,
                temperature=0.0,
            )
        except openai.OpenAIError as exc:
            raise LLMUnavailableError(f"the LLM request failed: {_describe(exc)}") from exc
        finally:
            _waited[0] += time.perf_counter() - start
        if not response.choices:
            raise LLMUnavailableError("the LLM returned no choices")
        return response.choices[0].message.content or ""

    def stream(self, messages: list[dict[str, str]], max_tokens: int | None = None) -> Iterator[str]:
        """Yield text deltas as the server emits them; errors mid-stream also become ``LLMUnavailableError``."""
        start = time.perf_counter()
        try:
            chunks = self._client.chat.completions.create(
                model=self.model,
                messages=_checked(messages),  # type: ignore[arg-type]
                max_tokens=max_tokens or self.max_tokens,
                temperature=0.0,
                stream=True,
            )
            for chunk in chunks:
                if chunk.choices and chunk.choices[0].delta.content:
                    yield chunk.choices[0].delta.content
        except openai.OpenAIError as exc:
            raise LLMUnavailableError(f"the LLM request failed: {_describe(exc)}") from exc
        finally:
            _waited[0] += time.perf_counter() - start


def _describe(exc: openai.OpenAIError) -> str:
    if isinstance(exc, openai.APITimeoutError):
        return "timed out"
    if isinstance(exc, openai.APIConnectionError):
        return "could not connect"
    if isinstance(exc, openai.APIStatusError):
        return f"HTTP {exc.status_code}"
    return type(exc).__name__


def client_from_settings(settings: Settings) -> LLMClient | None:
    """None when no LLM is configured, so callers pick extractive mode without try/except."""
    return None if settings.llm_base_url is None else LLMClient(settings)
