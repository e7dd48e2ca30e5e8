"""Posting lists of our own beside FTS5, so that BM25 is scored in numpy with FTS5's own formula and figures.

FTS5's bm25() pays, for every question, a pass over every matching chunk of every word for its IDF and a B-tree read
per scored chunk for its length: about 12 ms a question at 96,339 chunks (docs/benchmarks.md, "Scale"). Here each
word's chunks, with how often the word is in each (body 1, context 0.5 a time, as ``bm25()`` weighs them) and the
chunk's length, are written at ingest and read once per process into memory, then kept up to date by reading only
what later commits added. The terms are FTS5's own (its porter tokenizer run on a scratch table), so the scores are
those of ``bm25(chunks_fts, 0, 0, 1.0, 0.5)``.

Storage: one segment per (term, document) as written; a document's number is never reused, so a removed document's
postings are dropped by its number (at once where it has its own segment, when read where compacted). Every
``_COMPACT_EVERY`` documents, the terms of many segments are merged into one (segment 0), so that a word found in
every document is one read, not 1,400.
"""

from __future__ import annotations

import math
import sqlite3
from dataclasses import dataclass, field

import numpy as np

BODY_WEIGHT, CONTEXT_WEIGHT = 1.0, 0.5  # bm25()'s column weights, shared with the FTS5 query
_K1, _B = 1.2, 0.75  # FTS5's constants
_POSTING = np.dtype([("row", "<i8"), ("doc", "<i4"), ("length", "<i4"), ("freq", "<f4")])  # halves: exact in f4
_COMPACT_EVERY, _COMPACT_SEGMENTS = 32, 8
_CACHED_POSTINGS = 8_000_000  # 20 bytes each: 160 MB; past it the cache starts again

SCHEMA = """
CREATE TABLE IF NOT EXISTS lexical_docs (
    doc_id TEXT PRIMARY KEY, num INTEGER NOT NULL UNIQUE, chunks INTEGER NOT NULL, tokens INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS lexical_postings (
    term TEXT NOT NULL, seg INTEGER NOT NULL, data BLOB NOT NULL, PRIMARY KEY (term, seg)) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS lexical_postings_seg ON lexical_postings(seg);
CREATE TABLE IF NOT EXISTS lexical_state (key TEXT PRIMARY KEY, value INTEGER NOT NULL);
"""
# Not executescript: it would commit the caller's transaction first.
_SCRATCH = ("CREATE VIRTUAL TABLE IF NOT EXISTS temp.lexical_scratch USING fts5(body, context, "
            "tokenize = 'porter ascii', content = '')",
            "CREATE VIRTUAL TABLE IF NOT EXISTS temp.lexical_scratch_terms USING fts5vocab(lexical_scratch, instance)")


def _state(db: sqlite3.Connection) -> dict[str, int]:
    return dict(db.execute("SELECT key, value FROM lexical_state").fetchall())


def _bump(db: sqlite3.Connection, key: str, by: int = 1) -> int:
    db.execute("INSERT INTO lexical_state (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = value + ?",
               (key, by, by))
    return int(db.execute("SELECT value FROM lexical_state WHERE key = ?", (key,)).fetchone()[0])


def fts_terms(db: sqlite3.Connection, rows: list[tuple[int, str, str]]) -> list[tuple[str, int, str, int]]:
    """(term, row, column, times) for (row, body, context) rows, as FTS5's tokenizer makes them."""
    for statement in _SCRATCH:
        db.execute(statement)
    db.execute("INSERT INTO temp.lexical_scratch (lexical_scratch) VALUES ('delete-all')")
    db.executemany("INSERT INTO temp.lexical_scratch (rowid, body, context) VALUES (?, ?, ?)", rows)
    return db.execute("SELECT term, doc, col, count(*) FROM temp.lexical_scratch_terms GROUP BY term, doc, col"
                      ).fetchall()


def add_document(db: sqlite3.Connection, doc_id: str, rows: list[tuple[int, str, str]], *,
                 compacting: bool = True) -> None:
    """Inside the caller's transaction: ``rows`` are the document's FTS5 rows (rowid, body, context)."""
    remove_document(db, doc_id)
    if not rows:
        return
    num = _bump(db, "seq")
    lengths: dict[int, int] = {}
    by_term: dict[str, dict[int, float]] = {}
    for term, row, column, times in fts_terms(db, rows):
        lengths[row] = lengths.get(row, 0) + times
        held = by_term.setdefault(term, {})
        held[row] = held.get(row, 0.0) + times * (BODY_WEIGHT if column == "body" else CONTEXT_WEIGHT)
    segments = []
    for term, held in by_term.items():
        data = np.empty(len(held), _POSTING)
        data["row"] = list(held)
        data["doc"] = num
        data["length"] = [lengths[r] for r in held]
        data["freq"] = list(held.values())
        data.sort(order="row")
        segments.append((term, num, data.tobytes()))
    db.executemany("INSERT INTO lexical_postings (term, seg, data) VALUES (?, ?, ?)", segments)
    db.execute("INSERT INTO lexical_docs (doc_id, num, chunks, tokens) VALUES (?, ?, ?, ?)",
               (doc_id, num, len(rows), sum(lengths.values())))
    if _bump(db, "pending") >= _COMPACT_EVERY and compacting:
        compact(db, _COMPACT_SEGMENTS)


def remove_document(db: sqlite3.Connection, doc_id: str) -> None:
    found = db.execute("SELECT num FROM lexical_docs WHERE doc_id = ?", (doc_id,)).fetchone()
    if found:
        db.execute("DELETE FROM lexical_docs WHERE doc_id = ?", (doc_id,))
        db.execute("DELETE FROM lexical_postings WHERE seg = ?", (found[0],))
        _bump(db, "removed")


def compact(db: sqlite3.Connection, more_than: int) -> None:
    """Merges the segments of each term that has more than ``more_than`` into one, without removed documents'."""
    live = _live(db)
    terms = [t for (t,) in db.execute("SELECT term FROM lexical_postings GROUP BY term HAVING count(*) > ?",
                                      (more_than,)).fetchall()]
    for term in terms:
        merged = _merge([d for (d,) in db.execute("SELECT data FROM lexical_postings WHERE term = ?", (term,))], live)
        db.execute("DELETE FROM lexical_postings WHERE term = ?", (term,))
        if len(merged):
            db.execute("INSERT INTO lexical_postings (term, seg, data) VALUES (?, 0, ?)", (term, merged.tobytes()))
    db.execute("INSERT OR REPLACE INTO lexical_state (key, value) VALUES ('pending', 0)")
    _bump(db, "epoch")  # readers holding merged terms read them afresh


def _live(db: sqlite3.Connection) -> np.ndarray:
    nums = np.array([n for (n,) in db.execute("SELECT num FROM lexical_docs")], dtype=np.int64)
    live = np.zeros(int(nums.max(initial=0)) + 1, dtype=bool)
    live[nums] = True
    return live


def _merge(blobs: list[bytes], live: np.ndarray) -> np.ndarray:
    data = np.concatenate([np.frombuffer(b, _POSTING) for b in blobs]) if blobs else np.empty(0, _POSTING)
    data = data[(data["doc"] < len(live)) & live[np.minimum(data["doc"], len(live) - 1)]]
    return np.sort(data, order="row", kind="stable")


def is_built(db: sqlite3.Connection) -> bool:
    return bool(_state(db).get("built"))


def mark_built(db: sqlite3.Connection) -> None:
    db.execute("INSERT OR REPLACE INTO lexical_state (key, value) VALUES ('built', 1)")


@dataclass
class _Term:
    data: np.ndarray
    seen: int  # the last document number read
    removed: int  # the removal count it was filtered at


@dataclass
class PostingsView:
    """One read snapshot: the figures BM25 needs, and each term's live postings, read through the cache."""

    rows: int
    tokens: int
    nums: dict[str, int]
    db: sqlite3.Connection
    cache: PostingsCache
    terms: dict[str, np.ndarray] = field(default_factory=dict)

    def postings(self, term: str) -> np.ndarray:
        if term not in self.terms:
            self.terms[term] = self.cache.term(self.db, term)
        return self.terms[term]

    def df(self, term: str) -> int:
        return len(self.postings(term))

    def idf(self, term: str) -> float:
        """FTS5's IDF: log((N - n + 0.5) / (n + 0.5)), and 1e-6 where that is not positive."""
        n = self.df(term)
        idf = math.log((self.rows - n + 0.5) / (n + 0.5))
        return idf if idf > 0.0 else 1e-6

    def score(self, phrases: list[str], candidates: np.ndarray, lengths: np.ndarray) -> np.ndarray:
        """bm25() of each candidate row (sorted) for these phrases, in FTS5's order of operations, negated."""
        avgdl = float(self.tokens) / float(max(self.rows, 1))
        norm = _K1 * (1 - _B + _B * lengths.astype(np.float64) / avgdl)
        score = np.zeros(len(candidates))
        for term in phrases:
            data = self.postings(term)
            at = np.searchsorted(data["row"], candidates)
            inside = at < len(data)
            at[~inside] = 0
            freq = np.zeros(len(candidates))
            if len(data):
                hit = inside & (data["row"][at] == candidates)
                freq[hit] = data["freq"][at[hit]]
            score += self.idf(term) * ((freq * (_K1 + 1.0)) / (freq + norm))
        return score

    def matching(self, terms: list[str], allowed: set[str] | None) -> tuple[np.ndarray, np.ndarray]:
        """The rows holding any of ``terms`` (sorted, once each) in the allowed documents, and their lengths."""
        parts = [self.postings(t) for t in dict.fromkeys(terms)]
        data = np.concatenate(parts) if parts else np.empty(0, _POSTING)
        if allowed is not None:
            data = data[np.isin(data["doc"], [self.nums[d] for d in allowed if d in self.nums])]
        rows, first = np.unique(data["row"], return_index=True)
        return rows, data["length"][first]


class PostingsCache:
    """Each term's live postings, read once and then only what later commits added (or afresh after a merge)."""

    def __init__(self) -> None:
        self._terms: dict[str, _Term] = {}
        self._held = 0
        self._state: dict[str, int] = {"never": 1}
        self._live = np.zeros(1, dtype=bool)
        self._figures: tuple[int, int, dict[str, int]] = (0, 0, {})

    def view(self, db: sqlite3.Connection) -> PostingsView:
        """Inside the caller's read transaction, so that every figure comes from one snapshot."""
        state = _state(db)
        if state.get("epoch") != self._state.get("epoch") or self._held > _CACHED_POSTINGS:
            self._terms, self._held = {}, 0
        if state != self._state:
            self._live = _live(db)
            rows, tokens = db.execute("SELECT coalesce(sum(chunks), 0), coalesce(sum(tokens), 0) FROM lexical_docs"
                                      ).fetchone()
            self._figures = (int(rows), int(tokens), dict(db.execute("SELECT doc_id, num FROM lexical_docs")))
        self._state = state
        return PostingsView(*self._figures, db, self)

    def term(self, db: sqlite3.Connection, term: str) -> np.ndarray:
        seq, removed = self._state.get("seq", 0), self._state.get("removed", 0)
        held = self._terms.get(term)
        if held is None or held.seen < seq:
            since = -1 if held is None else held.seen
            blobs = [d for (d,) in db.execute("SELECT data FROM lexical_postings WHERE term = ? AND seg > ?",
                                              (term, since))]
            before = 0 if held is None else len(held.data)
            data = _merge(blobs + ([] if held is None else [held.data.tobytes()]), self._live)
            held = _Term(data, seq, removed)
            self._terms[term] = held
            self._held += len(data) - before
        elif held.removed != removed:
            held.data, held.removed = _merge([held.data.tobytes()], self._live), removed
        return held.data
