"""Liveness and readiness answer while the service is saturated with questions: every answer slot held and more
questions waiting than the thread pool has threads. The questions are held back deterministically (the test holds
the slots), so the probes are proven to answer while those questions are still in flight, not merely fast."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import ExitStack

import httpx
import pytest

from api.app import create_app
from assistant.config import Settings
from assistant.service import AssistantService
from tests.api.conftest import PUBLIC_QUESTION, Keys, served

pytestmark = pytest.mark.slow

QUESTIONS = 60  # more than the 40 answer threads (api.answer_workers): 20 wait in their queue


@pytest.fixture
def server(restricted_settings: Settings, restricted_service: AssistantService) -> Iterator[tuple[str, AssistantService]]:
    with served(create_app(restricted_settings, service=restricted_service)) as url:
        yield url, restricted_service


def test_health_and_readiness_answer_while_questions_are_queued(server: tuple[str, AssistantService],
                                                                api_keys: tuple) -> None:
    url, service = server
    slots = service.answer_slots
    assert slots is not None, "the test needs ASSISTANT_ANSWER_CONCURRENCY > 0"
    headers = Keys.header(api_keys[1].staff)
    statuses: list[int] = []

    def ask() -> None:
        statuses.append(httpx.post(f"{url}/api/v1/ask", json={"question": PUBLIC_QUESTION}, headers=headers,
                                   timeout=300).status_code)

    askers = [threading.Thread(target=ask, daemon=True) for _ in range(QUESTIONS)]
    with ExitStack() as held:
        for _ in range(service.settings.answer_concurrency):
            held.enter_context(slots.slot())  # no question can be answered until these are released
        for asker in askers:
            asker.start()
        deadline = time.monotonic() + 120
        while slots.waiting < 40:  # every answer thread is taken by a waiting question
            assert time.monotonic() < deadline, f"only {slots.waiting} questions reached the queue"
            time.sleep(0.05)
        health = httpx.get(f"{url}/healthz", timeout=30)
        ready = httpx.get(f"{url}/readyz", timeout=30)
        assert health.status_code == 200 and ready.status_code == 200, ready.text
        assert statuses == [], "questions finished before the probes were asked"  # they were still in flight
    for asker in askers:
        asker.join(timeout=300)
    assert statuses == [200] * QUESTIONS


def test_the_served_app_warms_up_by_answering_and_freezes_the_loaded_heap(restricted_settings: Settings) -> None:
    """`assistant serve`'s app (settle_heap) loads every part a question uses before it reports ready, then freezes the
    heap, so that full collections under load no longer walk the loaded service (docs/architecture.md "Probes")."""
    import gc

    assert gc.get_freeze_count() == 0
    service = AssistantService(restricted_settings)  # its own: the shared one would already be loaded
    app = create_app(restricted_settings, service=service, settle_heap=True)
    try:
        app.state.ctx.readiness.warm_up()
        assert app.state.ctx.readiness.checks()["models"] == "ok"
        assert {"records", "retriever", "embedder"} <= set(vars(service))  # built by the warm-up question
        frozen = gc.get_freeze_count()
        assert frozen > 10_000  # the loaded service, not a handful of objects
        assert all(o is not service.records for o in gc.get_objects())  # out of the lists a collection walks
    finally:
        gc.unfreeze()  # this test process builds many apps: leave its collector as it was
        service.close()
    plain = AssistantService(restricted_settings)
    create_app(restricted_settings, service=plain).state.ctx.readiness.warm_up()
    assert gc.get_freeze_count() == 0  # every other app (tests build many) leaves the heap alone
    plain.close()
