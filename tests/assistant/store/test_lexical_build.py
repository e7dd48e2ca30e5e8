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
from tests.assistant.store.test_lexical_postings import QUERIES, _assert_same, _filled, _fts5
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


@pytest.fixture
def unstemmed_index(tmp_path: Path) -> Path:
    """The same made-up documents in an index as versions before stemming (2026-11-26) left it: an FTS5 table
    tokenized without ``porter`` and no posting lists (the way test_store.py makes one)."""
    path = tmp_path / "unstemmed" / "index.sqlite"
    path.parent.mkdir()
    _filled(path, seed=11, documents=DOCUMENTS)
    db = sqlite3.connect(path)
    db.executescript("""
        CREATE TABLE old AS SELECT rowid AS r, id, doc_id, body, context FROM chunks_fts;
        DROP TABLE chunks_fts;
        CREATE VIRTUAL TABLE chunks_fts USING fts5(id UNINDEXED, doc_id UNINDEXED, body, context, tokenize = 'ascii');
        INSERT INTO chunks_fts (rowid, id, doc_id, body, context) SELECT r, id, doc_id, body, context FROM old;
        DROP TABLE old; DROP TABLE lexical_postings; DROP TABLE lexical_docs; DROP TABLE lexical_state;""")
    db.close()
    return path


def _restem_state(path: Path) -> tuple[int, bool, bool]:
    """(rows in the stemmed table, whether the unstemmed one is still set aside, whether chunks_fts is stemmed)."""
    db = sqlite3.connect(path)
    try:
        tables = dict(db.execute("SELECT name, sql FROM sqlite_master WHERE name IN ('chunks_fts', "
                                 "'chunks_fts_unstemmed')"))
        stemmed = "porter" in tables["chunks_fts"]
        rows = db.execute("SELECT count(*) FROM chunks_fts").fetchone()[0] if stemmed else 0
        return rows, "chunks_fts_unstemmed" in tables, stemmed
    finally:
        db.close()


def _rows(path: Path) -> list[tuple]:
    db = sqlite3.connect(path)
    try:
        return db.execute("SELECT rowid, id, doc_id, body, context FROM chunks_fts ORDER BY rowid").fetchall()
    finally:
        db.close()


def test_restemming_commits_batch_by_batch_and_a_killed_one_resumes_without_lost_or_doubled_rows(
        unstemmed_index: Path, tmp_path: Path) -> None:
    clean = tmp_path / "clean.sqlite"
    _filled(clean, seed=11, documents=DOCUMENTS)  # the same documents, stemmed from the start
    total = len(_rows(clean))
    first = _opening(unstemmed_index, mode="step")
    try:
        assert first.stdout is not None and first.stdin is not None
        assert first.stdout.readline() == "committed\n"  # the old table set aside, an empty stemmed one in its place
        assert _restem_state(unstemmed_index) == (0, True, True)
        first.stdin.write("\n")
        first.stdin.flush()
        assert first.stdout.readline() == "committed\n"  # then one batch copied, committed on its own
        copied, aside, stemmed = _restem_state(unstemmed_index)
        assert stemmed and aside and 0 < copied < total
    finally:
        first.send_signal(signal.SIGKILL)  # killed part way through the copy
        first.wait(timeout=60)
    second = _opening(unstemmed_index, mode="step")
    try:
        assert second.stdout is not None and second.stdout.readline() == "committed\n"  # resumes: one more batch
        resumed, aside, _ = _restem_state(unstemmed_index)
        assert copied < resumed < total and aside
        third = _opening(unstemmed_index)  # opens while the second is between batches: copies the rest, then builds
        out = _finished(third)
        assert f"re-stemming: {total - resumed} row(s) copied by this process" in out, out
        assert _restem_state(unstemmed_index) == (total, False, True)
    finally:
        second.send_signal(signal.SIGKILL)
        second.wait(timeout=60)
    assert _rows(unstemmed_index) == _rows(clean)  # every row once, under its own rowid
    store, reference = RecordStore(unstemmed_index), RecordStore(clean)
    try:
        _assert_same(store, unstemmed_index)  # the posting lists agree with FTS5's ranking of the stemmed table
        for query in QUERIES + ["filed harbours", "tariff ledger"]:  # stems: 'filed' finds 'filing', as a clean build
            found = store.lexical_search(query, 10_000)
            assert found == [(i, pytest.approx(s, rel=1e-12)) for i, s in reference.lexical_search(query, 10_000)]
        assert store.lexical_search("filed", 10_000) and {i for i, _ in store.lexical_search("filed", 10_000)} == {
            i for i, _ in store.lexical_search("filing", 10_000)}
    finally:
        store.close()
        reference.close()
