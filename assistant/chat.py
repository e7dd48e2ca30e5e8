"""Multi-turn chat on top of the single-question service: the conversation becomes one standalone question
(``assistant.llm.conversation.rewrite_question``), which is then answered with the caller's access.

Streaming yields text deltas and then exactly one final ``Answer``, which supersedes the streamed text."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING, Literal

from pydantic import BaseModel, Field

from assistant.access.principal import LOCAL_ADMIN, Principal
from assistant.config import Mode
from assistant.errors import InvalidRequestError
from assistant.models import Answer, Filters

if TYPE_CHECKING:
    from assistant.service import AssistantService

_PIECES = re.compile(r"\S+\s*|\s+")


class ChatTurn(BaseModel):
    role: Literal["system", "developer", "user", "assistant", "tool"]
    content: str = Field(default="")


def standalone_question(turns: list[ChatTurn], service: AssistantService) -> str:
    """The last user message, made self-contained from the history (by the LLM when one is configured).

    It is checked as a question before any rewrite: an empty last message must not become the previous question."""
    if not turns or turns[-1].role != "user":
        raise InvalidRequestError("the last message must be a non-empty user message")
    question = service.validate_question(turns[-1].content)
    history = [{"role": t.role, "content": t.content} for t in turns[:-1] if t.role in ("user", "assistant")]
    if not history:
        return question
    from assistant.llm.conversation import rewrite_question
    from assistant.llm.client import client_from_settings

    return rewrite_question(history, question, client_from_settings(service.settings)) or question


def chat(
    service: AssistantService,
    turns: list[ChatTurn],
    *,
    filters: Filters | None = None,
    top_k: int | None = None,
    mode: Mode | None = None,
    principal: Principal = LOCAL_ADMIN,
) -> Answer:
    question = standalone_question(turns, service)
    return service.ask(question, filters=filters, top_k=top_k, mode=mode, principal=principal)


def split_tokens(text: str) -> list[str]:
    """Word-sized pieces that join back to exactly ``text``."""
    return _PIECES.findall(text)


def stream_chat(
    service: AssistantService,
    turns: list[ChatTurn],
    *,
    filters: Filters | None = None,
    top_k: int | None = None,
    mode: Mode | None = None,
    principal: Principal = LOCAL_ADMIN,
) -> Iterator[str | Answer]:
    """LLM mode streams as the model writes; extractive answers are whole at once and are sent in word pieces."""
    question = standalone_question(turns, service)
    chosen = mode or service.settings.default_mode
    if chosen == "llm":
        yield from service.stream_ask(question, filters=filters, top_k=top_k, mode="llm", principal=principal)
        return
    answer = service.ask(question, filters=filters, top_k=top_k, mode="extractive", principal=principal)
    yield from split_tokens(answer.answer)
    yield answer
