"""POST /api/v1/ask: one question, one cited answer."""

from __future__ import annotations

from fastapi import APIRouter

from api.deps import ContextDep, PrincipalDep
from api.problems import problem_responses
from api.schemas import AskRequest
from assistant.models import Answer

router = APIRouter(prefix="/api/v1", tags=["questions"])


@router.post("/ask", response_model=Answer, responses=problem_responses(503))
def ask(body: AskRequest, principal: PrincipalDep, ctx: ContextDep) -> Answer:
    """Answer from the documents the caller may see, every claim cited as [n]; `found: false` when they do not hold it.

    A plain ``def``: FastAPI runs it in the thread pool, so embedding and search never block the event loop."""
    answer = ctx.service.ask(body.question, filters=body.filters, top_k=body.top_k, mode=body.mode, principal=principal)
    ctx.answered(principal, body.question, answer, "ask")
    return answer
