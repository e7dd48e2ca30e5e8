"""The posting lists of an index made before them (``lexical_postings``), built at its first open in short batches.

One transaction over the whole index held SQLite's write lock for as long as the build took (12-14 s at 96,339
chunks on 2 cores), and any other process opening the index meanwhile waited for that lock, failing at SQLite's 30 s
timeout on a larger or busier index. Here each batch of documents is its own transaction (under 1 s at that
size): another process that opens the index meanwhile joins in between two batches (it skips the documents already
built) and no writer waits long; then each term's batch segments are merged into one, a thousand terms at a time,
so that the result is the one a single pass gave. Searches use FTS5's own ranking until the last transaction marks
the lists built; a build that is killed is resumed by the next open, from the documents it had not reached.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager

from assistant.store import lexical_postings as postings

log = logging.getLogger(__name__)

BATCH_CHUNKS = 4000  # chunks per transaction: under 1 s of work on 2 cores (docs/benchmarks.md)
MERGE_TERMS = 1000  # terms whose batch segments are merged per transaction
_IN = 500  # ids per IN (...) list

Transaction = Callable[[], AbstractContextManager[sqlite3.Connection]]


def build_postings(db: sqlite3.Connection, transaction: Transaction) -> int:
    """Builds what is missing, batch by batch; returns the number of documents this call built. ``db`` reads (no
    lock: WAL readers never wait), ``transaction()`` writes one batch."""
    if postings.is_built(db):
        return 0
    built = 0
    for batch in _batches(_rows_by_document(db), BATCH_CHUNKS):
        with transaction() as tx:
            if postings.is_built(tx):
                return built
            built += _build(tx, batch)
        log.info("posting lists: %d document(s) built by this process", built)
    # Each term's batch segments become one (segment 0), as one pass made them: a word in every document is one read,
    # and a batch segment, numbered as a document, must not meet that document's removal (``remove_document``).
    for terms in _parts(_unmerged(db), MERGE_TERMS):
        with transaction() as tx:
            if postings.is_built(tx):
                return built
            postings.merge_terms(tx, terms)
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


def _parts(items: list[str], size: int) -> Iterator[list[str]]:
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
