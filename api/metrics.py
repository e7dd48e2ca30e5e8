"""Prometheus metrics in a registry per app, so two apps in one process (tests) never collide."""

from __future__ import annotations

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram, generate_latest

from assistant.models import Answer

LATENCY_BUCKETS = (0.01, 0.025, 0.05, 0.1, 0.2, 0.3, 0.5, 1, 2, 5, 10, 30, 60, 120)


class Metrics:
    def __init__(self) -> None:
        self.registry = CollectorRegistry()
        self.requests = Counter(
            "assistant_http_requests", "HTTP requests by route and status.", ["method", "route", "status"], registry=self.registry
        )
        self.latency = Histogram(
            "assistant_http_request_seconds", "Request latency by route.", ["method", "route"], buckets=LATENCY_BUCKETS, registry=self.registry
        )
        self.in_flight = Gauge("assistant_http_in_flight", "Requests being served.", registry=self.registry)
        self.answers = Counter("assistant_answers", "Answers by mode and outcome.", ["mode", "found"], registry=self.registry)
        self.refusals = Counter("assistant_refusals", "Answers that said the documents do not hold it.", registry=self.registry)
        self.fallbacks = Counter("assistant_llm_fallbacks", "LLM answers that fell back to extractive mode.", registry=self.registry)
        self.jobs = Counter("assistant_ingest_jobs", "Finished ingest/delete jobs by action and status.", ["action", "status"], registry=self.registry)
        self.jobs_pending = Gauge("assistant_ingest_jobs_pending", "Ingest/delete jobs queued or running.", registry=self.registry)
        self.rate_limited = Counter("assistant_rate_limited", "Requests refused by the per-key rate limit.", registry=self.registry)

    def answered(self, answer: Answer) -> None:
        self.answers.labels(mode=answer.mode, found=str(answer.found).lower()).inc()
        if not answer.found:
            self.refusals.inc()
        if answer.fallback_reason:
            self.fallbacks.inc()

    def render(self) -> bytes:
        return generate_latest(self.registry)
