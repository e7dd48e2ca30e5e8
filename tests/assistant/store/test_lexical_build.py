"""The first open of an index made before the posting lists builds them in short transactions, so that another
process opening the index meanwhile neither waits for the whole build nor fails with SQLite's "database is locked".

Real processes on a real SQLite file: each opens the index with the real ``RecordStore``; the one told to ``step``
stops after each commit until the test lets it go on, which pins the interleaving without a clock. Batches are made
small (a few chunks) so that a made-up index of 40 documents takes many of them.
"""

from __future__ import annotations

import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from assistant.store.records import RecordStore
from tests.assistant.store.test_lexical_postings import _assert_same, _filled, _fts5
from tests.conftest import REPO

DOCUMENTS = 40
OPEN = """
import contextlib, logging, sys
from pathlib import Path
from assistant.errors import StoreLockedError
from assistant.store import lexical_build, records

logging.basicConfig(level=logging.INFO, format="%(message)s", stream=sys.stdout)
path, batch, busy, mode = sys.argv[1], int(sys.argv[2]), float(sys.argv[3]), sys.argv[4]
lexical_build.BATCH_CHUNKS = batch
records._BUSY_S = busy
if mode == "step":
    plain = records.RecordStore._transaction

    @contextlib.contextmanager
    def stepped(self):
        with plain(self) as db:
            yield db
        print("committed", flush=True)
        sys.stdin.readline()

    records.RecordStore._transaction = stepped
try:
    records.RecordStore(Path(path)).close()
except StoreLockedError as exc:
    print(f"locked: {exc.message} | {exc.hint}", flush=True)
    sys.exit(3)
print("opened", flush=True)
"""


def _opening(path: Path, mode: str = "run", busy: float = 30, batch: int = 8) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-c", OPEN, str(path), str(batch), str(busy), mode], cwd=REPO,
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


@pytest.fixture
def old_index(tmp_path: Path) -> Path:
    """Made-up documents in an index as versions before the posting lists left it."""
    path = tmp_path / "index.sqlite"
    _filled(path, seed=11, documents=DOCUMENTS)
    db = sqlite3.connect(path)
    db.executescript("DROP TABLE lexical_postings; DROP TABLE lexical_docs; DROP TABLE lexical_state;")
    db.close()
    return path


def _built(path: Path) -> tuple[int, bool]:
    """(documents with posting lists, whether the lists are marked complete), as committed now."""
    db = sqlite3.connect(path)
    try:
        docs = db.execute("SELECT count(*) FROM lexical_docs").fetchone()[0]
        return docs, bool(db.execute("SELECT 1 FROM lexical_state WHERE key = 'built'").fetchone())
    finally:
        db.close()


def _finished(proc: subprocess.Popen[str]) -> str:
    out, err = proc.communicate(timeout=120)
    assert proc.returncode == 0, out + err
    assert out.rstrip().endswith("opened"), out
    return out


def test_another_process_opens_while_the_first_is_part_way_and_a_killed_build_loses_nothing(old_index: Path) -> None:
    first = _opening(old_index, mode="step")
    try:
        assert first.stdout is not None and first.stdout.readline() == "committed\n"  # its first batch, then it stops
        part, complete = _built(old_index)
        assert 0 < part < DOCUMENTS and not complete  # committed on its own, not with the rest
        second = _opening(old_index)  # opens while the first is part way: builds the rest, waits for nothing
        out = _finished(second)
        assert f"posting lists: {DOCUMENTS - part} document(s) built by this process" in out, out
        assert _built(old_index) == (DOCUMENTS, True)
    finally:
        first.send_signal(signal.SIGKILL)  # never let go on: killed part way
        first.wait(timeout=60)
    store = RecordStore(old_index)
    try:
        _assert_same(store, old_index)  # FTS5's exact bm25() ranking, from the lists two processes built
        for n in range(0, DOCUMENTS, 3):  # removals meet no other document's postings (each batch's included)
            store.delete_document(f"doc{n:02d}")
        _assert_same(store, old_index)
        for n in range(DOCUMENTS):  # each title's own word is in one batch only
            exact = _fts5(old_index, f"doc{n:02d}")
            assert bool(exact) == (n % 3 != 0)
            assert dict(store.lexical_search(f"doc{n:02d}", 100)) == pytest.approx(exact, rel=1e-12)
    finally:
        store.close()


def test_two_processes_opening_at_once_both_open_and_agree(old_index: Path) -> None:
    opening = [_opening(old_index), _opening(old_index)]
    for proc in opening:
        _finished(proc)
    assert _built(old_index) == (DOCUMENTS, True)
    store = RecordStore(old_index)
    try:
        _assert_same(store, old_index)
    finally:
        store.close()


def test_a_store_locked_past_the_wait_is_a_clear_error(old_index: Path) -> None:
    holder = sqlite3.connect(old_index, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # another process's write that does not end
    try:
        blocked = _opening(old_index, busy=0.5)
        out, err = blocked.communicate(timeout=120)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert blocked.returncode == 3, out + err
    assert "stayed locked by another process" in out and "upgraded once" in out
    assert "database is locked" not in out + err and "Traceback" not in err
    store = RecordStore(old_index)  # once the lock is let go, the next open builds the lists: nothing was lost
    try:
        _assert_same(store, old_index)
    finally:
        store.close()
