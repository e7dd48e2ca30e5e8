"""POST /api/v1/ask: one question, one cited answer."""

from __future__ import annotations

from fastapi import APIRouter

from api.context import AppContext
from api.deps import ContextDep, PrincipalDep
from api.problems import problem_responses
from api.schemas import AskRequest
from assistant.access.principal import Principal
from assistant.models import Answer

router = APIRouter(prefix="/api/v1", tags=["questions"])


@router.post("/ask", response_model=Answer, responses=problem_responses(503))
async def ask(body: AskRequest, principal: PrincipalDep, ctx: ContextDep) -> Answer:
    """Answer one question, in English or Thai, from the documents the caller may see.

    Every claim in `answer` is marked [n]; citation n gives the document, page and passage it came from, and
    `highlights` mark the sentences the answer used. When the documents do not hold the answer, `found` is false,
    the answer says so, and `related` lists the closest passages. `filters` narrow the search to document kinds,
    documents, a language or a date range; `mode` asks for an extractive or an LLM-written answer (default: LLM when
    one is configured).
    \f
    Async, with the work in one call on an answer thread (api.answer_workers): embedding, search and the audit write
    never block the event loop, and FastAPI validates and serialises the answer on the loop instead of in a second
    thread-pool hop."""
    return await ctx.answer_workers.run(_answer, body, principal, ctx)


def _answer(body: AskRequest, principal: Principal, ctx: AppContext) -> Answer:
    answer = ctx.service.ask(body.question, filters=body.filters, top_k=body.top_k, mode=body.mode, principal=principal)
    ctx.answered(principal, body.question, answer, "ask")
    return answer
