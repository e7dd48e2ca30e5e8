"""POST /api/v1/ask: one question, one cited answer."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.concurrency import run_in_threadpool

from api.context import AppContext
from api.deps import ContextDep, PrincipalDep
from api.problems import problem_responses
from api.schemas import AskRequest
from assistant.access.principal import Principal
from assistant.models import Answer

router = APIRouter(prefix="/api/v1", tags=["questions"])


@router.post("/ask", response_model=Answer, responses=problem_responses(503))
async def ask(body: AskRequest, principal: PrincipalDep, ctx: ContextDep) -> Answer:
    """Answer from the documents the caller may see, every claim cited as [n]; `found: false` when they do not hold it.

    Async, with the work in one thread-pool call: embedding, search and the audit write never block the event loop,
    and FastAPI validates and serialises the answer on the loop instead of in a second thread-pool hop."""
    return await run_in_threadpool(_answer, body, principal, ctx)


def _answer(body: AskRequest, principal: Principal, ctx: AppContext) -> Answer:
    answer = ctx.service.ask(body.question, filters=body.filters, top_k=body.top_k, mode=body.mode, principal=principal)
    ctx.answered(principal, body.question, answer, "ask")
    return answer
