"""Which answerer writes the answer: a registry of modes, with LLM failures falling back to extractive mode.

The fallback is part of the contract: a caller asking for LLM mode always gets an answer, and ``fallback_reason``
says when it came from the extractive answerer instead.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence

from assistant.config import Mode, Settings
from assistant.errors import InvalidRequestError, LLMUnavailableError
from assistant.llm_answering import answer_with_llm, as_fallback, stream_answer_with_llm
from assistant.llm_client import ChatClient, LLMClient
from assistant.models import Answer, Passage

Answerer = Callable[[str, list[Passage], Settings], Answer]
# Every mode gets the extractive answerer too: it is the fallback, and the service passes one wired to its index.
ModeAnswerer = Callable[[str, list[Passage], Settings, Answerer], Answer]
StreamingAnswerer = Callable[[str, list[Passage], Settings, Answerer], Iterator[str | Answer]]


def answer_extractively(question: str, passages: list[Passage], settings: Settings) -> Answer:
    from assistant.answering import answer_extractively as extract  # lazy: it loads its own resources

    return extract(question, passages, settings)


def _extractive(question: str, passages: list[Passage], settings: Settings, extractive: Answerer) -> Answer:
    return extractive(question, passages, settings)


def _client(settings: Settings) -> ChatClient:
    return LLMClient(settings)  # raises LLMUnavailableError when no base URL is configured


def _llm(question: str, passages: list[Passage], settings: Settings, extractive: Answerer) -> Answer:
    """The extractive answer comes first: its cited passages lead the prompt, and it is the fallback."""
    evidence = extractive(question, passages, settings)
    try:
        return answer_with_llm(question, passages, settings, _client(settings), evidence)
    except LLMUnavailableError as exc:
        return as_fallback(evidence, exc.message)


def _stream_extractive(
    question: str, passages: list[Passage], settings: Settings, extractive: Answerer
) -> Iterator[str | Answer]:
    answer = extractive(question, passages, settings)
    yield answer.answer
    yield answer


def _stream_llm(
    question: str, passages: list[Passage], settings: Settings, extractive: Answerer
) -> Iterator[str | Answer]:
    """Tokens pass through as the LLM emits them; if it fails, even mid-stream, the final Answer is extractive."""
    evidence = extractive(question, passages, settings)
    try:
        yield from stream_answer_with_llm(question, passages, settings, _client(settings), evidence)
    except LLMUnavailableError as exc:
        yield as_fallback(evidence, exc.message)


ANSWERERS: dict[str, ModeAnswerer] = {"extractive": _extractive, "llm": _llm}
STREAMING_ANSWERERS: dict[str, StreamingAnswerer] = {"extractive": _stream_extractive, "llm": _stream_llm}


def _pick(registry: dict[str, Callable], mode: str | None, settings: Settings) -> Callable:
    chosen = mode or settings.default_mode
    if chosen not in registry:
        raise InvalidRequestError(f"unknown answer mode {chosen!r}; use one of {', '.join(sorted(registry))}")
    return registry[chosen]


def answer(
    question: str,
    passages: Sequence[Passage],
    mode: Mode | None,
    settings: Settings,
    extractive: Answerer = answer_extractively,
) -> Answer:
    return _pick(ANSWERERS, mode, settings)(question, list(passages), settings, extractive)


def stream_answer(
    question: str,
    passages: Sequence[Passage],
    mode: Mode | None,
    settings: Settings,
    extractive: Answerer = answer_extractively,
) -> Iterator[str | Answer]:
    """Text deltas, then exactly one final Answer (validated; it supersedes the streamed text)."""
    return _pick(STREAMING_ANSWERERS, mode, settings)(question, list(passages), settings, extractive)
