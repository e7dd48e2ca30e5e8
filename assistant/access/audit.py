"""Audit log: one JSON line per read of document content (an answer, a briefing, a page's text, an original file),
one file per UTC day under ``data_dir/audit/``, pruned after ``audit_retention_days`` so the log never grows without
bound. The day's file stays open (one write and flush per line, no open or mkdir per request) and is reopened when
the UTC day changes or the file was removed.

A streamed answer is audited by ``StreamAudit``: once, at its final answer, or, when its client leaves before the
end, as an incomplete read naming the documents the answer was being drawn from."""

from __future__ import annotations

import os
import threading
from datetime import UTC, date, datetime, timedelta
from collections.abc import Iterable
from pathlib import Path
from typing import TextIO

from pydantic import BaseModel, Field

from assistant.access.principal import Principal
from assistant.config import Settings
from assistant.models import Answer, Citation, Passage


class AuditRecord(BaseModel):
    time: str
    key_id: str
    endpoint: str
    question: str = Field(description="The question, or the briefing's topic; empty for a page or a file.")
    mode: str = Field(description="Answer mode; 'briefing-<mode>' for a briefing; 'read' for a page or a file.")
    found: bool
    sources: list[str] = Field(default_factory=list, description="Cited sources with page, e.g. 'plan.txt' or 'x.pdf p. 4'.")
    complete: bool = Field(True, description="False: a streamed answer its client left before the end; `sources` "
                                             "are then the passages it was being drawn from.")


def source_label(doc_id: str, page: int | None) -> str:
    return doc_id if page is None else f"{doc_id} p. {page}"


def cited_sources(citations: Iterable[Citation]) -> list[str]:
    return [source_label(c.source, c.page) for c in citations]


def passage_sources(passages: Iterable[Passage]) -> list[str]:
    return list(dict.fromkeys(source_label(p.chunk.doc_id, p.chunk.page_start) for p in passages))


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
        return self._write(principal, endpoint=endpoint, question=question, mode=answer.mode, found=answer.found,
                           sources=cited_sources(answer.citations))

    def record_read(self, principal: Principal, endpoint: str, sources: list[str], *, subject: str = "",
                    mode: str = "read") -> AuditRecord:
        """A read of document content that is not an answer: a briefing, a page's text, an original file."""
        return self._write(principal, endpoint=endpoint, question=subject, mode=mode, found=bool(sources),
                           sources=sources)

    def record_incomplete(self, principal: Principal, question: str, endpoint: str, sources: list[str]) -> AuditRecord:
        return self._write(principal, endpoint=endpoint, question=question, mode="incomplete", found=bool(sources),
                           sources=sources, complete=False)

    def _write(self, principal: Principal, **fields: object) -> AuditRecord:
        now = datetime.now(UTC)
        entry = AuditRecord(time=now.isoformat(timespec="milliseconds"), key_id=principal.key_id, **fields)
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


class StreamAudit:
    """Audits one streamed answer exactly once. ``retrieved`` is called by the core as soon as it knows what the answer
    is drawn from (before any text is streamed); ``close`` runs when the stream ends, however it ends."""

    def __init__(self, log: AuditLog, principal: Principal, endpoint: str) -> None:
        self.log = log
        self.principal = principal
        self.endpoint = endpoint
        self._question = ""
        self._sources: list[str] = []
        self._done = False

    def retrieved(self, question: str, sources: list[str]) -> None:
        self._question, self._sources = question, sources

    def answered(self, answer: Answer) -> None:
        if not self._done:
            self._done = True
            self.log.record(self.principal, answer.question, answer, self.endpoint)

    def close(self) -> None:
        """The client left before the final answer: what it may have read is recorded all the same."""
        if not self._done and self._question:
            self._done = True
            self.log.record_incomplete(self.principal, self._question, self.endpoint, self._sources)
