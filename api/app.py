"""The app factory: ``create_app(settings)`` builds a fresh app and its context; nothing is created at import time."""

from __future__ import annotations

import asyncio
import importlib
import logging
import secrets
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import APIRouter, FastAPI

from api.answer_workers import AnswerWorkers
from api.context import AppContext
from api.metrics import Metrics
from api.middleware import BodyLimitMiddleware, MetricsMiddleware, ServedByMiddleware, TimeoutMiddleware
from api.probe_listener import ProbeListener
from api.problems import install_problem_handlers
from assistant.data_folder import private_data_dir
from api.ratelimit import FailedKeyLimiter, RateLimiter
from assistant.access.audit import AuditLog
from assistant.config import Settings
from ingest.jobs.queue import Job, JobQueue
from assistant.access.keys import KeyStore
from api.readiness import Readiness
from assistant.service import AssistantService

log = logging.getLogger(__name__)

# Router modules, mounted in this order: the API first, then the staff page and the API reference pages.
ROUTERS: tuple[str, ...] = (
    "api.routers.health",
    "api.routers.ask",
    "api.routers.chat",
    "api.routers.documents",
    "api.routers.overview",
    "api.routers.openai_compat",
    "api.routers.briefings",
    "api.routers.agreements",
    "api.routers.web",
    "api.routers.docs_pages",
)


def _routers() -> list[APIRouter]:
    return [importlib.import_module(name).router for name in ROUTERS]


def build_context(settings: Settings, service: AssistantService | None = None, settle_heap: bool = False) -> AppContext:
    private_data_dir(settings)  # before anything of the service writes there
    metrics = Metrics()
    service = service or AssistantService(settings, embed_in_child=settings.query_embed_process)

    def job_finished(job: Job) -> None:
        metrics.jobs.labels(action=job.action, status=job.status).inc()

    jobs = JobQueue(settings, on_done=job_finished)
    jobs.resume()  # jobs a stopped service left waiting run now; their ids answer either way
    keys = KeyStore(settings.api_keys_file)
    keys.keys()  # the keys the service starts with: from here on it refuses every caller should they all go
    return AppContext(
        settings=settings,
        service=service,
        keys=keys,
        audit=AuditLog(settings),
        jobs=jobs,
        limiter=RateLimiter(settings.rate_limit_per_minute),
        key_failures=FailedKeyLimiter(settings.failed_key_limit, settings.failed_key_window_s),
        metrics=metrics,
        readiness=Readiness(service, settle=settle_heap),
        answer_workers=AnswerWorkers(),
    )


def create_app(settings: Settings, service: AssistantService | None = None, *, settle_heap: bool = False) -> FastAPI:
    """``service`` lets several apps share one loaded index (tests); by default each app builds its own.
    ``settle_heap``: the app is its process's only one (``assistant serve``), so warm-up may freeze the heap
    (``Readiness._settle``); a process that builds many apps (tests) must not, or their garbage would never go."""
    ctx = build_context(settings, service, settle_heap)

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        if not ctx.keys.configured:
            log.warning("no API keys configured: every caller is the local administrator; bind to loopback only")
        ctx.readiness.start()
        ctx.answer_workers.start()
        beat = asyncio.create_task(ctx.heartbeat.run())
        probes = None
        if settings.probe_port is not None:
            probes = ProbeListener(ctx.readiness, ctx.heartbeat, settings.host, settings.probe_port)
            probes.start()
        yield
        if probes is not None:
            probes.close()
        beat.cancel()
        ctx.answer_workers.close()
        ctx.jobs.close()
        ctx.audit.close()
        ctx.service.close()

    app = FastAPI(
        title="BMA International Affairs Assistant",
        version="1.0",
        description="Citation-first answers over the International Affairs Office's documents. "
        "Authenticate with `Authorization: Bearer <key>` or `X-API-Key: <key>`. Errors are `application/problem+json`.",
        lifespan=lifespan,
        docs_url=None,  # api.routers.docs_pages serves both pages with local assets instead of a CDN's
        redoc_url=None,
    )
    app.state.ctx = ctx
    install_problem_handlers(app)
    for router in _routers():
        app.include_router(router)
    # added innermost first: metrics see every response, including a 413 or a 504
    app.add_middleware(BodyLimitMiddleware, max_body_bytes=settings.max_body_bytes,
                       max_upload_bytes=int(settings.max_upload_mb * 1024 * 1024))
    app.add_middleware(TimeoutMiddleware, timeout_s=settings.request_timeout_s)
    app.add_middleware(MetricsMiddleware, metrics=ctx.metrics)
    app.add_middleware(ServedByMiddleware, instance=secrets.token_hex(4))
    return app


def app_from_env() -> FastAPI:
    """Zero-argument factory for ``uvicorn --factory api.app:app_from_env`` (several workers on a Chroma server)."""
    from assistant.config import get_settings

    return create_app(get_settings(), settle_heap=True)
