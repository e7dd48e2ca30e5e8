"""Audit log: one JSON line per question, one file per UTC day under ``data_dir/audit/``, pruned after
``audit_retention_days`` so the log never grows without bound. The day's file stays open (one write and flush per
question, no open or mkdir per request) and is reopened when the UTC day changes or the file was removed."""

from __future__ import annotations

import os
import threading
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import TextIO

from pydantic import BaseModel, Field

from assistant.access.principal import Principal
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
        self._day: date | None = None
        self._file: TextIO | None = None
        self._inode: tuple[int, int] | None = None

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
            handle = self._handle(now.date())
            handle.write(line)
            handle.flush()
            if self._pruned_on != now.date():
                self._prune(now.date())
                self._pruned_on = now.date()
        return entry

    def _handle(self, day: date) -> TextIO:
        """The open file for ``day``; a new day, or a file removed or replaced underneath us, opens it again."""
        if self._file is not None and self._day == day and self._same_file():
            return self._file
        self.close()
        self.folder.mkdir(parents=True, exist_ok=True)
        self._file = self.path_for(day).open("a", encoding="utf-8")
        stat = os.fstat(self._file.fileno())
        self._day, self._inode = day, (stat.st_dev, stat.st_ino)
        return self._file

    def _same_file(self) -> bool:
        """One stat per record (no open, no mkdir): catches an operator's rotation or deletion of today's file."""
        assert self._day is not None
        try:
            stat = os.stat(self.path_for(self._day))
        except FileNotFoundError:
            return False
        return (stat.st_dev, stat.st_ino) == self._inode

    def close(self) -> None:
        if self._file is not None:
            self._file.close()
            self._file = None

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
