"""Audit log: one JSON line per question, one file per UTC day under ``data_dir/audit/``, pruned after
``audit_retention_days`` so the log never grows without bound."""

from __future__ import annotations

import threading
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from pydantic import BaseModel, Field

from assistant.access import Principal
from assistant.config import Settings
from assistant.models import Answer


class AuditRecord(BaseModel):
    time: str
    key_id: str
    endpoint: str
    question: str
    mode: str
    found: bool
    sources: list[str] = Field(default_factory=list, description="Cited sources with page, e.g. 'plan.txt' or 'x.pdf p. 4'.")


class AuditLog:
    def __init__(self, settings: Settings) -> None:
        self.folder = settings.resolved_data_dir() / "audit"
        self.retention = timedelta(days=settings.audit_retention_days)
        self._lock = threading.Lock()
        self._pruned_on: date | None = None

    def path_for(self, day: date) -> Path:
        return self.folder / f"audit-{day.isoformat()}.jsonl"

    def record(self, principal: Principal, question: str, answer: Answer, endpoint: str) -> AuditRecord:
        now = datetime.now(UTC)
        entry = AuditRecord(
            time=now.isoformat(timespec="milliseconds"),
            key_id=principal.key_id,
            endpoint=endpoint,
            question=question,
            mode=answer.mode,
            found=answer.found,
            sources=[c.source if c.page is None else f"{c.source} p. {c.page}" for c in answer.citations],
        )
        line = entry.model_dump_json() + "\n"
        with self._lock:
            self.folder.mkdir(parents=True, exist_ok=True)
            with self.path_for(now.date()).open("a", encoding="utf-8") as fh:
                fh.write(line)
            if self._pruned_on != now.date():
                self._prune(now.date())
                self._pruned_on = now.date()
        return entry

    def _prune(self, today: date) -> None:
        oldest = today - self.retention
        for path in self.folder.glob("audit-*.jsonl"):
            try:
                day = date.fromisoformat(path.stem.removeprefix("audit-"))
            except ValueError:
                continue
            if day < oldest:
                path.unlink(missing_ok=True)

    def read(self, day: date | None = None) -> list[AuditRecord]:
        path = self.path_for(day or datetime.now(UTC).date())
        if not path.exists():
            return []
        return [AuditRecord.model_validate_json(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
