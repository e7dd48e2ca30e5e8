"""What one app instance holds: built by ``create_app`` from Settings, never at import time."""

from __future__ import annotations

from dataclasses import dataclass, field

from anyio import CapacityLimiter

from api.answer_workers import AnswerWorkers
from api.metrics import Metrics
from api.probe_listener import LoopHeartbeat
from api.ratelimit import FailedKeyLimiter, RateLimiter
from assistant.access.principal import Principal
from assistant.access.audit import AuditLog, StreamAudit
from assistant.config import Settings
from ingest.jobs.queue import JobQueue
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
    key_failures: FailedKeyLimiter
    metrics: Metrics
    readiness: Readiness
    answer_workers: AnswerWorkers  # every route that answers runs its work on these threads, fed without a lock
    # threads for health probes alone, so that a thread pool full of questions never delays them
    probe_threads: CapacityLimiter = field(default_factory=lambda: CapacityLimiter(2))
    heartbeat: LoopHeartbeat = field(default_factory=LoopHeartbeat)  # the loop's, read by the probe port's liveness

    def answered(self, principal: Principal, question: str, answer: Answer, endpoint: str) -> None:
        """Every answered question is counted and audited, whichever endpoint asked it."""
        self.metrics.answered(answer)
        self.audit.record(principal, question, answer, endpoint)

    def stream_audit(self, principal: Principal, endpoint: str) -> StreamAudit:
        """A streamed answer's audit: recorded at its end, or as incomplete when the client leaves first."""
        return StreamAudit(self.audit, principal, endpoint)

    def read(self, principal: Principal, endpoint: str, sources: list[str], *, subject: str = "",
             mode: str = "read") -> None:
        """Every other read of document content (briefings, page text, original files) is audited too."""
        self.audit.record_read(principal, endpoint, sources, subject=subject, mode=mode)
