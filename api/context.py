"""What one app instance holds: built by ``create_app`` from Settings, never at import time."""

from __future__ import annotations

from dataclasses import dataclass

from api.metrics import Metrics
from api.ratelimit import RateLimiter
from assistant.access.principal import Principal
from assistant.access.audit import AuditLog
from assistant.config import Settings
from ingest.jobs import JobQueue
from assistant.access.keys import KeyStore
from assistant.models import Answer
from api.readiness import Readiness
from assistant.service import AssistantService


@dataclass
class AppContext:
    settings: Settings
    service: AssistantService
    keys: KeyStore
    audit: AuditLog
    jobs: JobQueue
    limiter: RateLimiter
    metrics: Metrics
    readiness: Readiness

    def answered(self, principal: Principal, question: str, answer: Answer, endpoint: str) -> None:
        """Every answered question is counted and audited, whichever endpoint asked it."""
        self.metrics.answered(answer)
        self.audit.record(principal, question, answer, endpoint)
