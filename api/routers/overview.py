"""GET /api/v1/overview: what the assistant holds and example questions, for the start screen."""

from __future__ import annotations

from typing import Literal

from fastapi import APIRouter, Query
from fastapi.concurrency import run_in_threadpool

from api.deps import ContextDep, PrincipalDep
from assistant.overview import Overview

router = APIRouter(prefix="/api/v1", tags=["documents"])


@router.get("/overview", response_model=Overview)
async def get_overview(principal: PrincipalDep, ctx: ContextDep,
                       lang: Literal["en", "th"] = Query("en", description="Language of the example questions.")) -> Overview:
    """Documents the caller may see, counted by kind, and 4-6 example questions drawn from their titles and headings."""
    return await run_in_threadpool(ctx.service.overview, lang, principal)
