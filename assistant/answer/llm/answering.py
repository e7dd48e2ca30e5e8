"""LLM mode: the model writes the answer from numbered passages, then every sentence is checked against the
passage it cites before the answer leaves. The model is trusted for wording, never for facts or citations.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from assistant.answer.citations import related_citations
from assistant.answer.llm.context import PromptContext, build_context
from assistant.answer.llm.facts import dropped_sentences
from assistant.answer.llm.support_check import (
    check_support,
    citations_from_passages,
    markers_in,
    split_answer_sentences,
)
from assistant.config import Settings
from assistant.llm.client import ChatClient
from assistant.llm.prompts import REFUSAL_SENTINEL, answer_messages, quoted_lead, refusal_for
from assistant.models import Answer, Citation, Passage


def _language(question: str) -> str:
    from assistant.text.normalise import detect_language

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


def finish_answer(
    question: str, generated: str, passages: Sequence[Passage], settings: Settings,
    citations: list[Citation] | None = None,
) -> Answer:
    """Turn raw model output into an Answer: sentinel -> refusal, otherwise validated markers and sentences.

    ``passages`` are the ones the prompt numbered, in full; ``citations`` theirs (built from them when absent)."""
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
        citations=citations if citations is not None else citations_from_passages(passages),
        question=question,
        language=language,
    )


def prompt_for(question: str, passages: Sequence[Passage], settings: Settings,
               extractive: Answer | None) -> tuple[PromptContext, list[dict[str, str]]]:
    """What the LLM reads, and the messages that ask it. Once the extractive engine found support, the model is
    not offered the refusal sentinel unless it is trusted to judge answerability."""
    context = build_context(question, passages, settings, extractive)
    supported = extractive is not None and extractive.found and not settings.llm_judges_answerability
    return context, answer_messages(question, context.shown, supported=supported)


LLM_REFUSED = "the LLM found no answer in passages that the extractive answer quotes from"
NOTHING_SUPPORTED = "no sentence of the LLM's answer was supported by the passage it cited"


def as_fallback(extractive: Answer, reason: str) -> Answer:
    """The extractive answer in place of the LLM's, with the reason (never a silent substitution)."""
    return extractive.model_copy(update={"mode": "extractive", "fallback_reason": reason})


def settle(question: str, generated: str, context: PromptContext, settings: Settings,
           extractive: Answer | None = None) -> Answer:
    """The validated LLM answer. With an extractive answer at hand: that one instead (saying why) when nothing the
    LLM wrote survived the support check, or when it refused and is not trusted to judge answerability
    (``ASSISTANT_LLM_JUDGES_ANSWERABILITY``); and the extractive sentences whose names or figures the LLM dropped
    are quoted after its text, under a lead that says they are quoted from the passages."""
    answer = finish_answer(question, generated, context.full, settings, context.citations)
    if extractive is None or not extractive.found:
        return answer
    if not answer.found:
        refused = generated.strip().startswith(REFUSAL_SENTINEL)
        if refused and settings.llm_judges_answerability:
            return answer  # the LLM judged the passages not to answer, and is trusted to
        return as_fallback(extractive, LLM_REFUSED if refused else NOTHING_SUPPORTED)
    dropped = [context.renumber(s) for s in dropped_sentences(answer.answer, extractive.answer, question)]
    dropped = [s for s in dropped if markers_in(s)]
    if not dropped:
        return answer
    return answer.model_copy(update={"answer": f"{answer.answer}\n\n{quoted_lead(answer.language)} {' '.join(dropped)}"})


def answer_tokens(settings: Settings) -> int:
    """A short answer's budget, never above the general LLM cap."""
    return min(settings.llm_answer_tokens, settings.llm_max_tokens)


def answer_with_llm(
    question: str, passages: Sequence[Passage], settings: Settings, client: ChatClient,
    extractive: Answer | None = None,
) -> Answer:
    """Raises ``LLMUnavailableError`` on any LLM failure; ``answer_modes`` turns that into the extractive fallback.

    ``extractive`` (the extractive answer to the same question) puts the passages it cited first in the prompt."""
    if not passages:
        return _refusal(question, passages, _language(question))
    context, messages = prompt_for(question, passages, settings, extractive)
    generated = client.complete(messages, max_tokens=answer_tokens(settings))
    return settle(question, _finished(generated, client), context, settings, extractive)


def stream_answer_with_llm(
    question: str, passages: Sequence[Passage], settings: Settings, client: ChatClient,
    extractive: Answer | None = None,
) -> Iterator[str | Answer]:
    """Yield text deltas as the model emits them, then the validated Answer (which replaces the streamed text)."""
    if not passages:
        yield _refusal(question, passages, _language(question))
        return
    context, messages = prompt_for(question, passages, settings, extractive)
    parts: list[str] = []

    def recorded() -> Iterator[str]:
        for delta in client.stream(messages, max_tokens=answer_tokens(settings)):
            parts.append(delta)
            yield delta

    yield from _without_sentinel(recorded())
    yield settle(question, _finished("".join(parts), client), context, settings, extractive)


def _without_sentinel(deltas: Iterator[str]) -> Iterator[str]:
    """The model's text deltas, less a refusal: text that may still become the sentinel is held back until it cannot,
    so a chat never shows ``NOT_IN_DOCUMENTS`` before the refusal that replaces it."""
    held = ""
    for delta in deltas:
        held += delta
        opening = held.lstrip()
        if opening.startswith(REFUSAL_SENTINEL) or REFUSAL_SENTINEL.startswith(opening):
            continue  # the sentinel, or still its beginning
        yield held
        yield from deltas
        return


def _finished(generated: str, client: ChatClient) -> str:
    """A reply cut off by the token cap loses its last, unfinished sentence: that half sentence would pass the
    support check on its words while missing its point ('... ให้ถือว่า' without what is deemed)."""
    if getattr(client, "finish_reason", None) != "length":
        return generated
    sentences = split_answer_sentences(generated)
    if len(sentences) < 2:
        return generated
    cut = generated.rfind(sentences[-1].strip()[:_PROBE])
    return generated[:cut].rstrip() if cut > 0 else generated


_PROBE = 24
