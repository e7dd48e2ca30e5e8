"""The one place that decides which answerer writes the answer, and what happens when the LLM cannot.

The extractive answer is always computed first (tens of milliseconds): its refusal decision holds in both modes,
so the LLM is never asked to answer from passages that do not hold the answer, and it is what a caller gets, with
``fallback_reason``, whenever the LLM fails, times out, declines or writes nothing its citations support. LLM mode
is therefore never worse than extractive mode and never slower than ``ASSISTANT_LLM_TIMEOUT_S`` past it. Only a
model trusted to judge answerability (``ASSISTANT_LLM_JUDGES_ANSWERABILITY``) may refuse what extractive mode
answers: then its decline is the reply (``llm.answering.settle``).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from assistant.answer.llm.answering import as_fallback, stream_answer_with_llm
from assistant.config import Mode, Settings
from assistant.errors import InvalidRequestError, LLMUnavailableError
from assistant.llm.client import LLMClient
from assistant.models import Answer, Passage

NOT_ASKED = "no passage supports an answer, so the LLM was not asked"
MODES = ("extractive", "llm")


def stream_answer(question: str, passages: Sequence[Passage], mode: Mode | str | None, settings: Settings,
                  extractive: Answer) -> Iterator[str | Answer]:
    """Text deltas (LLM mode only), then exactly one final Answer, which supersedes the streamed text."""
    chosen = mode or settings.default_mode
    if chosen not in MODES:
        raise InvalidRequestError(f"unknown answer mode {chosen!r}; use one of {', '.join(MODES)}")
    if chosen == "extractive":
        yield extractive
        return
    if not extractive.found:
        yield extractive.model_copy(update={"fallback_reason": NOT_ASKED})
        return
    try:
        yield from stream_answer_with_llm(question, list(passages), settings, LLMClient(settings), extractive)
    except LLMUnavailableError as exc:
        yield as_fallback(extractive, exc.message)


def answer(question: str, passages: Sequence[Passage], mode: Mode | str | None, settings: Settings,
           extractive: Answer) -> Answer:
    final = None
    for item in stream_answer(question, passages, mode, settings, extractive):
        if isinstance(item, Answer):
            final = item
    assert final is not None  # stream_answer always ends with exactly one Answer
    return final
