"""POST /api/v1/chat: a conversation, answered whole or as Server-Sent Events.

Stream shape: ``event: token`` (``{"text": ...}``) many times, then one ``event: citations``
(``{"citations": [...]}``), then one ``event: answer`` with the final answer object, whose ``answer`` text is
authoritative (in LLM mode a validated or fallback answer can differ from the streamed tokens)."""

from __future__ import annotations

from collections.abc import Iterator

from fastapi import APIRouter
from fastapi.responses import StreamingResponse

from api.context import AppContext
from api.deps import ContextDep, PrincipalDep
from api.problems import problem_responses
from api.schemas import ChatRequest
from api.sse import event, prime, sse_response
from assistant.access.audit import StreamAudit
from assistant.access.principal import Principal
from assistant.chat import ChatTurn, chat, stream_chat
from assistant.models import Answer

router = APIRouter(prefix="/api/v1", tags=["questions"])

STREAM_DOC = {"text/event-stream": {"schema": {  # one Server-Sent Event
    "type": "object", "required": ["event", "data"], "description": "token*, then citations, then answer (error on failure)",
    "properties": {"event": {"type": "string", "enum": ["token", "citations", "answer", "error"]}, "data": {"type": "string", "description": "JSON"}},
}}}


@router.post("/chat", response_model=Answer, responses={**problem_responses(503), 200: {"content": STREAM_DOC}})
async def post_chat(body: ChatRequest, principal: PrincipalDep, ctx: ContextDep) -> Answer | StreamingResponse:
    """Answer the last question of a conversation, with the same answer object as `/api/v1/ask`.

    A follow-up such as "and when was it signed?" is rewritten into a standalone question, returned as `question`.
    With `stream: true` the reply is Server-Sent Events: `token` events as the text is written, then one `citations`
    event, then one `answer` event with the final answer object, whose text is the one to keep."""
    return await ctx.answer_workers.run(_chat, body, principal, ctx)


def _chat(body: ChatRequest, principal: Principal, ctx: AppContext) -> Answer | StreamingResponse:
    turns = [ChatTurn(role=m.role, content=m.content) for m in body.messages]
    options = {"filters": body.filters, "top_k": body.top_k, "mode": body.mode, "principal": principal}
    if not body.stream:
        answer = chat(ctx.service, turns, **options)
        ctx.answered(principal, answer.question, answer, "chat")
        return answer
    audit = ctx.stream_audit(principal, "chat-stream")
    items = prime(stream_chat(ctx.service, turns, **options, on_retrieved=audit.retrieved))
    return sse_response(_frames(items, ctx, audit), ctx.answer_workers)


def _frames(items: Iterator[str | Answer], ctx: AppContext, audit: StreamAudit) -> Iterator[str]:
    """Closed early when the client disconnects: ``audit.close`` then records what it may have read."""
    try:
        for item in items:
            if isinstance(item, Answer):
                ctx.metrics.answered(item)
                audit.answered(item)
                yield event("citations", {"citations": [c.model_dump() for c in item.citations]})
                yield event("answer", item.model_dump())
                return
            yield event("token", {"text": item})
    finally:
        audit.close()
