"""OpenAI-compatible chat: ``POST /v1/chat/completions`` (plain and streaming) and ``GET /v1/models``, so the
``openai`` client and front ends such as Open WebUI work unchanged.

Citations travel twice: in the text, as a trailing "Sources:" list that any chat UI shows, and as the extra
top-level field ``citations`` (on the completion, and on the last chunk of a stream) for clients that render them.
The model name picks the answer mode (see ``MODELS``)."""

from __future__ import annotations

import time
import uuid
from collections.abc import Iterator

from fastapi import APIRouter
from fastapi.responses import StreamingResponse

from api.context import AppContext
from api.deps import ContextDep, PrincipalDep
from api.problems import problem_responses
from api.schemas import ChatCompletion, ChatCompletionRequest, CompletionChoice, CompletionMessage, ModelCard, ModelList
from api.sse import event, prime, sse_response
from assistant.access.audit import StreamAudit
from assistant.access.principal import Principal
from assistant.chat import ChatTurn, chat, stream_chat
from assistant.config import Mode, Settings
from assistant.errors import NotFoundError
from assistant.models import Answer

router = APIRouter(prefix="/v1", tags=["openai-compatible"])

MODELS: dict[str, Mode | None] = {
    "bma-assistant": None,  # the server's default mode
    "bma-assistant-extractive": "extractive",
    "bma-assistant-llm": "llm",
}
STREAM_DOC = {"text/event-stream": {"schema": {  # one Server-Sent Event
    "type": "object", "required": ["data"], "description": "chat.completion.chunk JSON in data, then data: [DONE]",
    # a chunk names no event, as OpenAI's stream does, so it is of the default type ('message'); a failure is 'error'
    "properties": {"event": {"type": "string", "enum": ["message", "error"]}, "data": {"type": "string"}},
}}}


def available_models(settings: Settings) -> list[str]:
    return [name for name, mode in MODELS.items() if mode != "llm" or not settings.extractive_only]


def sources_text(answer: Answer) -> str:
    if not answer.citations:
        return ""
    lines = [f"[{c.n}] {c.title} ({c.source}{'' if c.page is None else f', p. {c.page}'})" for c in answer.citations]
    return "\n\nSources:\n" + "\n".join(lines)


@router.get("/models", response_model=ModelList, responses=problem_responses())
def list_models(_: PrincipalDep, ctx: ContextDep) -> ModelList:
    """The model names an OpenAI client may ask for: `bma-assistant` answers in the server's default mode,
    `bma-assistant-extractive` always extractively, `bma-assistant-llm` with the LLM (listed only when one is set)."""
    return ModelList(data=[ModelCard(id=name) for name in available_models(ctx.settings)])


@router.post("/chat/completions", response_model=ChatCompletion, responses={**problem_responses(404, 503), 200: {"content": STREAM_DOC}})
async def chat_completions(body: ChatCompletionRequest, principal: PrincipalDep,
                           ctx: ContextDep) -> ChatCompletion | StreamingResponse:
    """An OpenAI-compatible chat completion, plain or streamed, for the `openai` client and chat front ends.

    The reply's text ends with a "Sources:" list; the extra field `citations` carries the same citations as
    `/api/v1/ask`. One answer per question, so `n` must be 1; sampling parameters are accepted and ignored."""
    return await ctx.answer_workers.run(_completion, body, principal, ctx)


def _completion(body: ChatCompletionRequest, principal: Principal, ctx: AppContext) -> ChatCompletion | StreamingResponse:
    if body.model not in available_models(ctx.settings):
        raise NotFoundError(f"the model {body.model!r} does not exist; GET /v1/models lists them")
    mode = MODELS[body.model]
    turns = [ChatTurn(role=m.role, content=m.text()) for m in body.messages]
    completion_id = f"chatcmpl-{uuid.uuid4().hex}"
    if not body.stream:
        answer = chat(ctx.service, turns, mode=mode, principal=principal)
        ctx.answered(principal, answer.question, answer, "openai")
        return ChatCompletion(
            id=completion_id, created=int(time.time()), model=body.model,
            choices=[CompletionChoice(message=CompletionMessage(content=answer.answer + sources_text(answer)))],
            citations=answer.citations, found=answer.found,
        )
    audit = ctx.stream_audit(principal, "openai-stream")
    items = prime(stream_chat(ctx.service, turns, mode=mode, principal=principal, on_retrieved=audit.retrieved))
    return sse_response(_chunks(items, ctx, audit, completion_id, body.model), ctx.answer_workers, openai=True)


def _chunk(completion_id: str, model: str, delta: dict, finish: str | None = None, **extra: object) -> dict:
    return {
        "id": completion_id, "object": "chat.completion.chunk", "created": int(time.time()), "model": model,
        "choices": [{"index": 0, "delta": delta, "finish_reason": finish}], **extra,
    }


def _chunks(items: Iterator[str | Answer], ctx: AppContext, audit: StreamAudit, cid: str, model: str) -> Iterator[str]:
    """Closed early when the client disconnects: ``audit.close`` then records what it may have read."""
    try:
        yield from _completion_chunks(items, ctx, audit, cid, model)
    finally:
        audit.close()


def _completion_chunks(items: Iterator[str | Answer], ctx: AppContext, audit: StreamAudit, cid: str,
                       model: str) -> Iterator[str]:
    yield event(None, _chunk(cid, model, {"role": "assistant", "content": ""}))
    streamed: list[str] = []
    for item in items:
        if isinstance(item, Answer):
            ctx.metrics.answered(item)
            audit.answered(item)
            text = "".join(streamed)
            if not text.strip():
                tail = item.answer
            elif text.strip() != item.answer.strip():
                tail = "\n\n---\n" + item.answer  # the checked answer replaces what the model streamed
            else:
                tail = ""
            tail += sources_text(item)
            if tail:
                yield event(None, _chunk(cid, model, {"content": tail}))
            citations = [c.model_dump() for c in item.citations]
            yield event(None, _chunk(cid, model, {}, "stop", citations=citations, found=item.found))
            break
        streamed.append(item)
        yield event(None, _chunk(cid, model, {"content": item}))
    yield event(None, "[DONE]")
