"""LLM mode: the model writes the answer from numbered passages, then every sentence is checked against the
passage it cites before the answer leaves. The model is trusted for wording, never for facts or citations.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from assistant.citation_build import related_citations
from assistant.citations import check_support, citations_from_passages
from assistant.config import Settings
from assistant.llm_client import ChatClient
from assistant.models import Answer, Passage
from assistant.prompts import REFUSAL_SENTINEL, answer_messages, refusal_for


def _language(question: str) -> str:
    from assistant.textnorm import detect_language

    return detect_language(question)


def _refusal(question: str, passages: Sequence[Passage], language: str) -> Answer:
    return Answer(
        answer=refusal_for(language),
        found=False,
        mode="llm",
        citations=[],
        related=related_citations(list(passages)),
        question=question,
        language=language,
    )


def finish_answer(question: str, generated: str, passages: Sequence[Passage], settings: Settings) -> Answer:
    """Turn raw model output into an Answer: sentinel -> refusal, otherwise validated markers and sentences."""
    language = _language(question)
    if generated.strip().startswith(REFUSAL_SENTINEL):
        return _refusal(question, passages, language)
    report = check_support(
        generated.replace(REFUSAL_SENTINEL, ""),
        passages,
        support_threshold=settings.llm_support_threshold,
        attach_threshold=settings.llm_attach_threshold,
    )
    if not report.text or not report.cited:
        return _refusal(question, passages, language)  # nothing the passages support survived the check
    return Answer(
        answer=report.text,
        found=True,
        mode="llm",
        citations=citations_from_passages(passages),
        question=question,
        language=language,
    )


def answer_with_llm(question: str, passages: Sequence[Passage], settings: Settings, client: ChatClient) -> Answer:
    """Raises ``LLMUnavailableError`` on any LLM failure; ``answer_modes`` turns that into the extractive fallback."""
    if not passages:
        return _refusal(question, passages, _language(question))
    generated = client.complete(answer_messages(question, passages), max_tokens=settings.llm_max_tokens)
    return finish_answer(question, generated, passages, settings)


def stream_answer_with_llm(
    question: str, passages: Sequence[Passage], settings: Settings, client: ChatClient
) -> Iterator[str | Answer]:
    """Yield text deltas as the model emits them, then the validated Answer (which replaces the streamed text)."""
    if not passages:
        yield _refusal(question, passages, _language(question))
        return
    parts: list[str] = []
    for delta in client.stream(answer_messages(question, passages), max_tokens=settings.llm_max_tokens):
        parts.append(delta)
        yield delta
    yield finish_answer(question, "".join(parts), passages, settings)
