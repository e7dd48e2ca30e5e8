"""Liveness, readiness and Prometheus metrics; unauthenticated (they reveal no document) for probes and scrapers.

Probes never wait behind questions: liveness answers on the event loop itself, and readiness's checks (a SQLite read,
a Chroma count) run on threads of their own (``AppContext.probe_threads``), not in the thread pool that questions,
possibly hundreds of them waiting for an answer slot, fill."""

from __future__ import annotations

from typing import Annotated

from anyio import to_thread
from fastapi import APIRouter, Request, Response, Security
from fastapi.responses import JSONResponse
from fastapi.security import HTTPAuthorizationCredentials
from prometheus_client import CONTENT_TYPE_LATEST

from api.deps import ContextDep, bearer_scheme, header_scheme, identify, presented_key
from api.schemas import Health
from assistant.errors import AssistantError

router = APIRouter(tags=["operations"])


@router.get("/healthz", response_model=Health)
async def healthz() -> Health:
    """Liveness: 200 while the process answers requests, however many questions are in flight."""
    return Health(status="ok")


@router.get("/readyz", response_model=Health, responses={503: {"model": Health, "description": "Not ready yet"}})
async def readyz(
    ctx: ContextDep,
    request: Request,
    bearer: Annotated[HTTPAuthorizationCredentials | None, Security(bearer_scheme)],
    header_key: Annotated[str | None, Security(header_scheme)],
) -> JSONResponse:
    """Readiness: 200 once the embedding model is loaded and both stores answer (the vector index as questions would
    search it); otherwise 503, with each check. No key is needed; the counts of documents and chunks are shown
    only to an admin key (or to everyone while the service has no keys), since they include restricted documents."""
    try:
        counts = identify(ctx, request, presented_key(bearer, header_key)).role == "admin"
    except AssistantError:  # no key, a wrong one, or a broken key file: the probe still answers, without counts
        counts = False
    checks = await to_thread.run_sync(lambda: ctx.readiness.checks(counts=counts), limiter=ctx.probe_threads)
    ready = ctx.readiness.ok(checks)
    body = Health(status="ok" if ready else "not ready", checks=checks)
    return JSONResponse(body.model_dump(), status_code=200 if ready else 503)


@router.get("/metrics", response_class=Response, responses={200: {"content": {CONTENT_TYPE_LATEST: {"schema": {"type": "string"}}}}})
def metrics(ctx: ContextDep) -> Response:
    """Prometheus metrics: requests and their latency, answers by mode and outcome, refusals, LLM fallbacks, jobs."""
    ctx.metrics.jobs_pending.set(ctx.jobs.pending())
    return Response(ctx.metrics.render(), media_type=CONTENT_TYPE_LATEST)
