"""What an index made by an earlier version lacks, added at its first open in short batches: English stemming in the
FTS5 table (2026-11-26), then the posting lists beside it (``lexical_postings``).

One transaction over the whole index held SQLite's write lock for as long as the work took (12-14 s at 96,339
chunks on 2 cores for the posting lists), and any other process opening the index meanwhile waited for that lock,
failing at SQLite's 30 s timeout on a larger or busier index. Here each batch is its own transaction (under 1 s at
that size): another process that opens the index meanwhile joins in between two batches (it skips what is done) and
no writer waits long. Re-stemming sets the old table aside and copies its rows into a stemmed one by rowid, a
batch at a time (FTS5 has no rename of a tokenizer); the posting lists are built a batch of documents at a time,
then each term's batch segments are merged into one, so that the result is the one a single pass gave. Searches use
FTS5's own ranking until the last transaction marks the lists built; work that is killed is resumed by the next
open, from the rows or documents it had not reached.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Callable, Iterable, Iterator
from contextlib import AbstractContextManager
from typing import TypeVar

from assistant.store import lexical_postings as postings
from assistant.store.lexical_search import LEXICAL_TABLE

log = logging.getLogger(__name__)

BATCH_CHUNKS = 4000  # chunks per transaction: under 1 s of work on 2 cores (docs/benchmarks.md)
MERGE_TERMS = 1000  # terms whose batch segments are merged per transaction
_IN = 500  # ids per IN (...) list

UNSTEMMED = "chunks_fts_unstemmed"  # the FTS5 table of an index made before stemming, while it is copied

Transaction = Callable[[], AbstractContextManager[sqlite3.Connection]]
T = TypeVar("T")


def upgrade(db: sqlite3.Connection, transaction: Transaction) -> None:
    """Everything an index made by an earlier version lacks, in order. ``db`` reads (no lock: WAL readers never
    wait), ``transaction()`` writes one batch."""
    restem(db, transaction)
    build_postings(db, transaction)


def _in_batches(transaction: Transaction, batches: Iterable[T], finished: Callable[[sqlite3.Connection], bool],
                work: Callable[[sqlite3.Connection, T], int], note: str = "") -> tuple[int, bool]:
    """``work`` on each batch in a transaction of its own; (what this call did, whether it went on to the end): it
    stops where ``finished`` says, inside a batch's transaction, that another process completed the job."""
    done = 0
    for batch in batches:
        with transaction() as tx:
            if finished(tx):
                return done, False
            done += work(tx, batch)
        if note:
            log.info(note, done)
    return done, True


# --- re-stemming an index made before 2026-11-26 ---------------------------------------------------------------------
def _tokenizer_is_current(db: sqlite3.Connection) -> bool:
    return "porter" in db.execute("SELECT sql FROM sqlite_master WHERE name = 'chunks_fts'").fetchone()[0]


def _restemmed(db: sqlite3.Connection) -> bool:
    return _tokenizer_is_current(db) and not db.execute("SELECT 1 FROM sqlite_master WHERE name = ?",
                                                        (UNSTEMMED,)).fetchone()


def restem(db: sqlite3.Connection, transaction: Transaction) -> int:
    """Re-tokenizes an index made before stemming from its own stored text; returns the rows this call copied. The
    rowids are kept, so posting lists already built stay true. Nothing else writes the stemmed table meanwhile
    (every process finishes this before it writes), so its highest rowid is how far the copy went."""
    if _restemmed(db):
        return 0
    if not _tokenizer_is_current(db):
        with transaction() as tx:
            if not _tokenizer_is_current(tx):  # else another process set it aside meanwhile
                tx.execute(f"ALTER TABLE chunks_fts RENAME TO {UNSTEMMED}")
                tx.execute(LEXICAL_TABLE)
    try:
        rows = [r for (r,) in db.execute(f"SELECT rowid FROM {UNSTEMMED} WHERE rowid > ? ORDER BY rowid",
                                         (_copied_to(db),))]  # what an earlier run copied is not planned again
    except sqlite3.OperationalError:
        if _restemmed(db):  # another process finished and dropped it since the check above
            return 0
        raise
    lasts = [part[-1] for part in _parts(rows, BATCH_CHUNKS)]
    copied, going = _in_batches(transaction, lasts, _restemmed, _copy_up_to,
                                "re-stemming: %d row(s) copied by this process")
    if going:
        with transaction() as tx:
            if not _restemmed(tx):
                copied += _copy_up_to(tx, None)  # nothing, unless another process left rows past this plan's last
                tx.execute(f"DROP TABLE {UNSTEMMED}")
    return copied


def _copied_to(db: sqlite3.Connection) -> int:
    top = db.execute("SELECT rowid FROM chunks_fts ORDER BY rowid DESC LIMIT 1").fetchone()
    return top[0] if top else 0


def _copy_up_to(db: sqlite3.Connection, last: int | None) -> int:
    """Inside the caller's transaction: the set-aside rows past the last one copied, up to rowid ``last`` (None: all),
    so that a batch another process copied meanwhile is not copied again."""
    params = [_copied_to(db)] + ([] if last is None else [last])
    return db.execute(f"INSERT INTO chunks_fts (rowid, id, doc_id, body, context) SELECT rowid, id, doc_id, body, "
                      f"context FROM {UNSTEMMED} WHERE rowid > ?{'' if last is None else ' AND rowid <= ?'} "
                      f"ORDER BY rowid", params).rowcount


# --- the posting lists of an index made before them ------------------------------------------------------------------
def build_postings(db: sqlite3.Connection, transaction: Transaction) -> int:
    """Builds what is missing, batch by batch; returns the number of documents this call built."""
    if postings.is_built(db):
        return 0
    built, going = _in_batches(transaction, _batches(_rows_by_document(db), BATCH_CHUNKS), postings.is_built, _build,
                               "posting lists: %d document(s) built by this process")
    # Each term's batch segments become one (segment 0), as one pass made them: a word in every document is one read,
    # and a batch segment, numbered as a document, must not meet that document's removal (``remove_document``).
    if not going or not _in_batches(transaction, _parts(_unmerged(db), MERGE_TERMS), postings.is_built, _merge)[1]:
        return built
    with transaction() as tx:
        if not postings.is_built(tx):
            # documents no batch saw (another process added them meanwhile): rare, so found by one full scan
            missing = {d for (d,) in tx.execute("SELECT DISTINCT doc_id FROM chunks WHERE doc_id NOT IN "
                                                "(SELECT doc_id FROM lexical_docs)")}
            if missing:
                rows = [r for r in tx.execute("SELECT rowid, doc_id FROM chunks_fts ORDER BY rowid") if r[1] in missing]
                built += _build(tx, {d: [r for r, doc in rows if doc == d] for d in missing})
            postings.merge_terms(tx, _unmerged(tx))  # another process's last batch, committed after the list above
            postings.mark_built(tx)
    return built


def _rows_by_document(db: sqlite3.Connection) -> dict[str, list[int]]:
    """Each document's FTS5 rows, read once without a lock; each batch reads the text afresh under its own."""
    out: dict[str, list[int]] = {}
    for row, doc_id in db.execute("SELECT rowid, doc_id FROM chunks_fts ORDER BY rowid"):
        out.setdefault(doc_id, []).append(row)
    done = {d for (d,) in db.execute("SELECT doc_id FROM lexical_docs")}
    return {d: rows for d, rows in out.items() if d not in done}


def _unmerged(db: sqlite3.Connection) -> list[str]:
    return [t for (t,) in db.execute("SELECT DISTINCT term FROM lexical_postings WHERE seg != 0")]


def _merge(db: sqlite3.Connection, terms: list[str]) -> int:
    postings.merge_terms(db, terms)
    return len(terms)


def _parts(items: list[T], size: int) -> Iterator[list[T]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _batches(rows: dict[str, list[int]], size: int) -> Iterator[dict[str, list[int]]]:
    batch: dict[str, list[int]] = {}
    held = 0
    for doc_id, ids in rows.items():
        batch[doc_id] = ids
        held += len(ids)
        if held >= size:
            yield batch
            batch, held = {}, 0
    if batch:
        yield batch


def _build(db: sqlite3.Connection, batch: dict[str, list[int]]) -> int:
    """Inside the caller's transaction: the postings of the batch's documents that nothing has built meanwhile
    (another process's batch, or an ingest, which writes a document's postings with it); a document removed since
    the plan was read has no rows left and is skipped."""
    done = {d for (d,) in db.execute("SELECT doc_id FROM lexical_docs")}
    wanted = [r for d, ids in batch.items() if d not in done for r in ids]
    rows: dict[str, list[tuple[int, str, str]]] = {}
    for start in range(0, len(wanted), _IN):
        part = wanted[start : start + _IN]
        for row, doc_id, body, context in db.execute(
                f"SELECT rowid, doc_id, body, context FROM chunks_fts WHERE rowid IN ({','.join('?' * len(part))})",
                part):
            if doc_id in batch and doc_id not in done:  # a rowid reused by another document since is not ours
                rows.setdefault(doc_id, []).append((row, body, context))
    postings.add_built(db, [(doc_id, sorted(doc_rows)) for doc_id, doc_rows in rows.items()])
    return len(rows)
