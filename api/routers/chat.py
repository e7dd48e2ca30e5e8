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
from assistant.access.principal import Principal
from assistant.chat import ChatTurn, chat, stream_chat
from assistant.models import Answer

router = APIRouter(prefix="/api/v1", tags=["questions"])

STREAM_DOC = {"text/event-stream": {"schema": {  # one Server-Sent Event
    "type": "object", "required": ["event", "data"], "description": "token*, then citations, then answer (error on failure)",
    "properties": {"event": {"type": "string", "enum": ["token", "citations", "answer", "error"]}, "data": {"type": "string", "description": "JSON"}},
}}}


@router.post("/chat", response_model=Answer, responses={**problem_responses(503), 200: {"content": STREAM_DOC}})
def post_chat(body: ChatRequest, principal: PrincipalDep, ctx: ContextDep) -> Answer | StreamingResponse:
    turns = [ChatTurn(role=m.role, content=m.content) for m in body.messages]
    options = {"filters": body.filters, "top_k": body.top_k, "mode": body.mode, "principal": principal}
    if not body.stream:
        answer = chat(ctx.service, turns, **options)
        ctx.answered(principal, answer.question, answer, "chat")
        return answer
    items = prime(stream_chat(ctx.service, turns, **options))
    return sse_response(_frames(items, ctx, principal))


def _frames(items: Iterator[str | Answer], ctx: AppContext, principal: Principal) -> Iterator[str]:
    for item in items:
        if isinstance(item, Answer):
            ctx.answered(principal, item.question, item, "chat-stream")
            yield event("citations", {"citations": [c.model_dump() for c in item.citations]})
            yield event("answer", item.model_dump())
            return
        yield event("token", {"text": item})
