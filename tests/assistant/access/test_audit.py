"""The audit log keeps today's file open: lines are readable at once, and a removed file is opened again."""

from __future__ import annotations

from pathlib import Path

from assistant.access.principal import LOCAL_ADMIN
from assistant.access.audit import AuditLog
from assistant.config import Settings
from assistant.models import Answer


def _answer(question: str) -> Answer:
    return Answer(answer="a", found=False, mode="extractive", question=question)


def test_each_line_is_readable_before_the_log_is_closed(tmp_path: Path) -> None:
    log = AuditLog(Settings(data_dir=tmp_path))
    for n in range(3):
        log.record(LOCAL_ADMIN, f"q{n}", _answer(f"q{n}"), "ask")
        assert [r.question for r in AuditLog(Settings(data_dir=tmp_path)).read()] == [f"q{i}" for i in range(n + 1)]
    log.close()


def test_a_removed_or_rotated_file_is_opened_again(tmp_path: Path) -> None:
    log = AuditLog(Settings(data_dir=tmp_path))
    log.record(LOCAL_ADMIN, "before", _answer("before"), "ask")
    today = next(log.folder.glob("audit-*.jsonl"))
    today.rename(tmp_path / "rotated.jsonl")  # an operator's logrotate
    log.record(LOCAL_ADMIN, "after rotation", _answer("after rotation"), "ask")
    assert [r.question for r in log.read()] == ["after rotation"]
    today.unlink()
    log.record(LOCAL_ADMIN, "after removal", _answer("after removal"), "ask")
    assert [r.question for r in log.read()] == ["after removal"]
    assert (tmp_path / "rotated.jsonl").read_text(encoding="utf-8").count("\n") == 1
    log.close()


def test_a_removed_folder_is_made_again(tmp_path: Path) -> None:
    log = AuditLog(Settings(data_dir=tmp_path))
    log.record(LOCAL_ADMIN, "one", _answer("one"), "ask")
    for path in log.folder.iterdir():
        path.unlink()
    log.folder.rmdir()
    log.record(LOCAL_ADMIN, "two", _answer("two"), "ask")
    assert [r.question for r in log.read()] == ["two"]
    log.close()
