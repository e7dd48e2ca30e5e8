"""Posting lists of our own beside FTS5, so that BM25 is scored in numpy with FTS5's own formula and figures.

FTS5's bm25() pays, for every question, a pass over every matching chunk of every word for its IDF and a B-tree read
per scored chunk for its length: about 12 ms a question at 96,339 chunks (docs/benchmarks.md, "Scale"). Here each
word's chunks, with how often the word is in each (body 1, context 0.5 a time, as ``bm25()`` weighs them) and the
chunk's length, are written at ingest and read once per process into memory, then kept up to date by reading only
what later commits added. The terms are FTS5's own (its porter tokenizer run on a scratch table), so the scores are
those of ``bm25(chunks_fts, 0, 0, 1.0, 0.5)``.

Storage: one segment per (term, document) as written; a document's number is never reused, so a removed document's
postings are dropped by its number (at once where it has its own segment, when read where merged). From time to
time (``add_document``) the terms of many segments are merged into one (segment 0), so that a word found in every
document is one read, not 1,400.
"""

from __future__ import annotations

import itertools
import math
import re
import sqlite3
import threading
from collections.abc import Iterable
from dataclasses import dataclass, field

import numpy as np

BODY_WEIGHT, CONTEXT_WEIGHT = 1.0, 0.5  # bm25()'s column weights, shared with the FTS5 query
_K1, _B = 1.2, 0.75  # FTS5's constants
_POSTING = np.dtype([("row", "<i8"), ("doc", "<i4"), ("length", "<i4"), ("freq", "<f4")])  # halves: exact in f4
_COMPACT_EVERY, _COMPACT_SEGMENTS = 32, 8
_SEPARATORS = re.compile(r"[\x00-/:-@\[-`{-\x7f]+")
_ASCII_FOLD = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")
_STEMS: dict[str, str] = {}  # token -> FTS5 term, for this process (FTS5's porter does not change within one)
_STEMS_KEPT = 500_000
_STEMS_LOCK = threading.Lock()
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
_SCRATCH = (("CREATE VIRTUAL TABLE IF NOT EXISTS temp.lexical_scratch USING fts5(body, context, "
             "tokenize = 'porter ascii', content = '')"),
            "CREATE VIRTUAL TABLE IF NOT EXISTS temp.lexical_scratch_terms USING fts5vocab(lexical_scratch, instance)")


def _state(db: sqlite3.Connection) -> dict[str, int]:
    return dict(db.execute("SELECT key, value FROM lexical_state").fetchall())


def _bump(db: sqlite3.Connection, key: str, by: int = 1) -> int:
    db.execute("INSERT INTO lexical_state (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = value + ?",
               (key, by, by))
    return int(db.execute("SELECT value FROM lexical_state WHERE key = ?", (key,)).fetchone()[0])


def pieces(text: str) -> list[str]:
    """FTS5's ``ascii`` tokenizer: every ASCII character but a letter or digit separates, A-Z fold to a-z."""
    return [p for p in _SEPARATORS.split(text.translate(_ASCII_FOLD)) if p]


def stems(db: sqlite3.Connection, pieces: Iterable[str]) -> dict[str, str]:
    """Each token's FTS5 term: ``porter`` run by FTS5 itself, on a scratch table, once per token per process."""
    pieces = set(pieces)
    with _STEMS_LOCK:  # shared by every store of the process
        if len(_STEMS) > _STEMS_KEPT:
            _STEMS.clear()
        unknown = [p for p in pieces if p not in _STEMS]
        if unknown:
            for statement in _SCRATCH:
                db.execute(statement)
            db.execute("INSERT INTO temp.lexical_scratch (lexical_scratch) VALUES ('delete-all')")
            db.executemany("INSERT INTO temp.lexical_scratch (rowid, body) VALUES (?, ?)", enumerate(unknown, 1))
            for row, term in db.execute("SELECT doc, term FROM temp.lexical_scratch_terms"):
                _STEMS[unknown[row - 1]] = term
        return {p: _STEMS[p] for p in pieces}


def _postings_of(db: sqlite3.Connection, num: int, rows: list[tuple[int, str, str]]
                 ) -> tuple[list[tuple[str, bytes]], int]:
    """A document's segment for each of its terms, and how many tokens it holds (every column)."""
    split = [(row, pieces(body), pieces(context)) for row, body, context in rows]
    stem = stems(db, (p for _, body, context in split for p in (*body, *context)))
    entries: list[tuple[str, int, float, int]] = []
    tokens = 0
    for row, body, context in split:
        length = len(body) + len(context)
        tokens += length
        freq = dict.fromkeys(map(stem.__getitem__, body), 0.0)
        for term in map(stem.__getitem__, body):
            freq[term] += BODY_WEIGHT
        for term in map(stem.__getitem__, context):
            freq[term] = freq.get(term, 0.0) + CONTEXT_WEIGHT
        entries += [(term, row, f, length) for term, f in freq.items()]
    if not entries:
        return [], tokens
    entries.sort()
    data = np.empty(len(entries), _POSTING)
    data["row"], data["doc"] = [e[1] for e in entries], num
    data["freq"], data["length"] = [e[2] for e in entries], [e[3] for e in entries]
    cuts = [n for n in range(len(entries)) if n == 0 or entries[n][0] != entries[n - 1][0]] + [len(entries)]
    return [(entries[a][0], data[a:b].tobytes()) for a, b in itertools.pairwise(cuts)], tokens


def _numbered(db: sqlite3.Connection, doc_id: str, rows: list[tuple[int, str, str]]) -> tuple[int, list]:
    num = _bump(db, "seq")
    segments, tokens = _postings_of(db, num, rows)
    db.execute("INSERT INTO lexical_docs (doc_id, num, chunks, tokens) VALUES (?, ?, ?, ?)",
               (doc_id, num, len(rows), tokens))
    return num, segments


def add_document(db: sqlite3.Connection, doc_id: str, rows: list[tuple[int, str, str]]) -> None:
    """Inside the caller's transaction: ``rows`` are the document's FTS5 rows (rowid, body, context). The terms of
    many segments are merged each time the documents added since the last merge reach a quarter of all (32 at
    least), so that merging rewrites each posting a bounded number of times (about 4) as the index grows."""
    remove_document(db, doc_id)
    if not rows:
        return
    num, segments = _numbered(db, doc_id, rows)
    db.executemany("INSERT INTO lexical_postings (term, seg, data) VALUES (?, ?, ?)",
                   [(term, num, data) for term, data in segments])
    documents = int(db.execute("SELECT count(*) FROM lexical_docs").fetchone()[0])
    if _bump(db, "pending") >= max(_COMPACT_EVERY, documents // 4):
        compact(db, _COMPACT_SEGMENTS)


def add_built(db: sqlite3.Connection, documents: list[tuple[str, list[tuple[int, str, str]]]]) -> None:
    """Inside the caller's transaction: documents of an index made before the posting lists (``lexical_build``), one
    segment per term for the lot, numbered as the last of them, so that a built index is a few segments per term.
    Left in document order: every read of segments (``_merge``) sorts by row."""
    merged: dict[str, list[bytes]] = {}
    last = 0
    for doc_id, rows in documents:
        last, segments = _numbered(db, doc_id, rows)
        for term, data in segments:
            merged.setdefault(term, []).append(data)
    db.executemany("INSERT INTO lexical_postings (term, seg, data) VALUES (?, ?, ?)",
                   ((term, last, b"".join(blobs)) for term, blobs in merged.items()))


def mark_built(db: sqlite3.Connection) -> None:
    """Searches use the posting lists from the commit of this on."""
    _bump(db, "epoch")
    db.execute("INSERT OR REPLACE INTO lexical_state (key, value) VALUES ('built', 1)")


def remove_document(db: sqlite3.Connection, doc_id: str) -> None:
    found = db.execute("SELECT num FROM lexical_docs WHERE doc_id = ?", (doc_id,)).fetchone()
    if found:
        db.execute("DELETE FROM lexical_docs WHERE doc_id = ?", (doc_id,))
        db.execute("DELETE FROM lexical_postings WHERE seg = ?", (found[0],))
        _bump(db, "removed")


def compact(db: sqlite3.Connection, more_than: int) -> None:
    """Merges the segments of each term that has more than ``more_than`` into one, without removed documents'."""
    merge_terms(db, [t for (t,) in db.execute("SELECT term FROM lexical_postings GROUP BY term HAVING count(*) > ?",
                                              (more_than,)).fetchall()])
    db.execute("INSERT OR REPLACE INTO lexical_state (key, value) VALUES ('pending', 0)")
    _bump(db, "epoch")  # readers holding merged terms read them afresh


def merge_terms(db: sqlite3.Connection, terms: list[str]) -> None:
    live = _live(db)
    for term in terms:
        merged = _merge([d for (d,) in db.execute("SELECT data FROM lexical_postings WHERE term = ?", (term,))], live)
        db.execute("DELETE FROM lexical_postings WHERE term = ?", (term,))
        if len(merged):
            db.execute("INSERT INTO lexical_postings (term, seg, data) VALUES (?, 0, ?)", (term, merged.tobytes()))


def _live(db: sqlite3.Connection) -> np.ndarray:
    nums = np.array([n for (n,) in db.execute("SELECT num FROM lexical_docs")], dtype=np.int64)
    live = np.zeros(int(nums.max(initial=0)) + 1, dtype=bool)
    live[nums] = True
    return live


def _merge(blobs: list[bytes], live: np.ndarray) -> np.ndarray:
    data = np.frombuffer(b"".join(blobs), _POSTING)
    data = data[(data["doc"] < len(live)) & live[np.minimum(data["doc"], len(live) - 1)]]
    return data[np.argsort(data["row"], kind="stable")]


def is_built(db: sqlite3.Connection) -> bool:
    return bool(_state(db).get("built"))


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
        """bm25() of each candidate row for these phrases, in FTS5's order of operations, negated. Each phrase's
        postings are placed through a table from row to candidate: no search, no sort."""
        avgdl = float(self.tokens) / float(max(self.rows, 1))
        norm = _K1 * (1 - _B + _B * lengths.astype(np.float64) / avgdl)
        lists = [self.postings(term) for term in phrases]
        top = max([int(candidates[-1]), *(int(data["row"][-1]) for data in lists if len(data))])
        where = np.full(top + 1, -1, dtype=np.int64)
        where[candidates] = np.arange(len(candidates))
        score = np.zeros(len(candidates))
        for term, data in zip(phrases, lists):
            at = where[data["row"]]
            held = at >= 0
            freq = np.zeros(len(candidates))
            freq[at[held]] = data["freq"][held]
            score += self.idf(term) * ((freq * (_K1 + 1.0)) / (freq + norm))
        return score

    def matching(self, terms: list[str], allowed: set[str] | None) -> tuple[np.ndarray, np.ndarray]:
        """The rows holding any of ``terms`` (ascending, once each) in the allowed documents, and their lengths."""
        lists = [data for data in (self.postings(t) for t in dict.fromkeys(terms)) if len(data)]
        if not lists:
            return np.empty(0, np.int64), np.empty(0, np.int64)
        length = np.zeros(max(int(data["row"][-1]) for data in lists) + 1, dtype=np.int64)
        keep = None
        if allowed is not None:
            keep = np.zeros(max(self.nums.values(), default=0) + 1, dtype=bool)
            keep[[self.nums[d] for d in allowed if d in self.nums]] = True
        for data in lists:
            if keep is not None:
                data = data[keep[data["doc"]]]
            length[data["row"]] = data["length"]
        rows = np.flatnonzero(length)  # every chunk that matches holds at least that token
        return rows, length[rows]


class PostingsCache:
    """Each term's live postings, read once and then only what later commits added (or afresh after a merge)."""

    def __init__(self) -> None:
        self._terms: dict[str, _Term] = {}
        self._held = 0
        self._state: dict[str, int] = {"never": 1}
        self._live = np.zeros(1, dtype=bool)
        self._figures: tuple[int, int, dict[str, int]] = (0, 0, {})

    def view(self, db: sqlite3.Connection) -> PostingsView | None:
        """Inside the caller's read transaction, so that every figure comes from one snapshot; None while the lists
        of an index made before them are being built."""
        state = _state(db)
        if not state.get("built"):
            return None
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
