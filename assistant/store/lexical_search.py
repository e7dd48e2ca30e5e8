"""BM25 search over the chunks: FTS5 finds and tokenizes, our own posting lists (``lexical_postings``) score.

The FTS5 table holds ``assistant.text.normalise.tokenize`` output joined by spaces (Thai segmented by newmm, digits
and case normalised); FTS5's ``ascii`` tokenizer then only splits on those spaces and ASCII punctuation, keeping
Thai tokens (whose vowel marks unicode61 would treat as separators) intact; ``porter`` stems English words. Queries
go through the same function. Every score is that of ``bm25(chunks_fts, 0, 0, 1.0, 0.5)``, whichever side computes
it: the posting lists wherever each query token is one FTS5 term, FTS5 itself otherwise ('3.5' is the phrase
'3 5', whose words must be neighbours).
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable

import numpy as np

from assistant.store import lexical_postings as postings
from assistant.store.lexical_postings import BODY_WEIGHT, CONTEXT_WEIGHT, PostingsCache, PostingsView
from assistant.store.lexical_tokens import bounded, fts_query, rarest, tokens

# Porter stems the English tokens ('adopted' finds 'adopt'); Thai tokens pass through it unchanged.
LEXICAL_TABLE = """CREATE VIRTUAL TABLE IF NOT EXISTS chunks_fts USING fts5(
    id UNINDEXED, doc_id UNINDEXED, body, context, tokenize = 'porter ascii')"""
SCHEMA = LEXICAL_TABLE + ";" + postings.SCHEMA
_MATCH_COUNTS_KEPT = 50_000  # tokens whose chunk count is remembered until the next commit (FTS5 side)

Hits = list[tuple[str, float]]


class LexicalIndex:
    """The FTS5 table and the posting lists beside it, written in the record store's transactions."""

    def __init__(self, db: sqlite3.Connection, lock: threading.RLock, max_matches: int,
                 generation: Callable[[], tuple[int, int]], total_chunks: Callable[[], int]) -> None:
        """``max_matches``: see ``search``; 0 ranks every match. ``generation``: changes with every commit."""
        self._db, self._lock, self.max_matches = db, lock, max_matches
        self._generation, self._total_chunks = generation, total_chunks
        self._cache = PostingsCache()
        self._match_counts: tuple[tuple[int, int], int, dict[str, int]] = ((-1, -1), 0, {})

    # --- writing (inside the record store's transaction) ----------------------------------------------
    def add(self, db: sqlite3.Connection, rows: list[tuple[str, str, str, str]]) -> None:
        """One document's (chunk id, doc id, body, context) rows, after ``remove`` of its old ones."""
        if not rows:
            return
        last = db.execute("SELECT rowid FROM chunks_fts ORDER BY rowid DESC LIMIT 1").fetchone()
        first = (last[0] if last else 0) + 1
        db.executemany("INSERT INTO chunks_fts (rowid, id, doc_id, body, context) VALUES (?, ?, ?, ?, ?)",
                       [(first + n, *row) for n, row in enumerate(rows)])
        postings.add_document(db, rows[0][1], [(first + n, body, ctx) for n, (_, _, body, ctx) in enumerate(rows)])

    @staticmethod
    def remove(db: sqlite3.Connection, doc_id: str) -> None:
        db.execute("DELETE FROM chunks_fts WHERE doc_id = ?", (doc_id,))
        postings.remove_document(db, doc_id)

    # --- searching --------------------------------------------------------------------------------------
    def search(self, query: str, k: int, doc_ids: list[str] | None = None) -> Hits:
        """BM25 over normalised tokens; scores are negated bm25() so that higher is better.

        Ranking every chunk that holds any token grows with the documents. Above ``max_matches`` matches, only the
        chunks holding the query's rarer tokens are scored (``rarest``), each still on every token of the query
        that BM25 credits: the scores are the exact ones, only which chunks compete changes. Where those chunks are
        fewer than ``k`` (in the allowed documents), every match is ranked after all."""
        words = list(dict.fromkeys(tokens(query)))
        if k <= 0 or not words or doc_ids == []:
            return []
        with self._lock:
            terms = self._terms_of(words)
            if terms is None:
                return self._fts_search(words, k, doc_ids)
            self._db.execute("BEGIN")  # one snapshot: the figures, the posting lists and the ids agree
            try:
                view = self._cache.view(self._db)  # None until the posting lists are built (``lexical_build``)
                if view is not None:
                    ranked = self._postings_search(view, words, terms, k, None if doc_ids is None else set(doc_ids))
                    ids = dict(self._db.execute(f"SELECT rowid, id FROM chunks_fts WHERE rowid IN "
                                                f"({','.join('?' * len(ranked))})", [r for r, _ in ranked]))
            finally:
                self._db.execute("COMMIT")
            if view is None:
                return self._fts_search(words, k, doc_ids)
        return [(ids[r], s) for r, s in ranked]

    def _postings_search(self, view: PostingsView, words: list[str], terms: dict[str, str], k: int,
                         allowed: set[str] | None) -> list[tuple[int, float]]:
        if self.max_matches:
            counts = {w: view.df(terms[w]) for w in words}
            rare = rarest(counts, self.max_matches, k)
            if rare is not None:
                # FTS5's IDF is 1e-6 for a token in half the chunks or more: leaving it out changes no score.
                common = [w for w in counts if w not in rare and 2 * counts[w] < view.rows]
                ranked = _top(view, [terms[w] for w in rare + common], [terms[w] for w in rare], k, allowed)
                if len(ranked) >= k:
                    return ranked
        return _top(view, [terms[w] for w in words], [terms[w] for w in words], k, allowed)

    def _terms_of(self, words: list[str]) -> dict[str, str] | None:
        """Each token's FTS5 term (its porter stem); None where a token is not one FTS5 token ('3.5' is two)."""
        split = {w: postings.pieces(w) for w in words}
        if any(len(p) != 1 for p in split.values()):
            return None
        stem = postings.stems(self._db, [p[0] for p in split.values()])
        return {w: stem[p[0]] for w, p in split.items()}

    def mentions(self, query: str, doc_ids: list[str] | None = None, prefix: bool = False) -> bool:
        """Whether any chunk matches a token of ``query`` (``prefix``: a word that begins with it, 'chair' in
        'chairmanship'): ``search`` without ranking every match first."""
        words = tokens(query)
        return bool(words) and doc_ids != [] and bool(self._matching("SELECT 1", fts_query(words, prefix), doc_ids,
                                                                      " LIMIT 1", []))

    # --- FTS5's own ranking, for queries holding a phrase of several terms --------------------------------
    def _fts_search(self, words: list[str], k: int, doc_ids: list[str] | None) -> Hits:
        if self.max_matches:
            total_chunks, counts = self._match_counts_of(words)
            rare = rarest(counts, self.max_matches, k)
            if rare is not None:
                common = [w for w in counts if w not in rare and 2 * counts[w] < total_chunks]
                rows = self._ranked(bounded(rare, common), k, doc_ids)
                if len(rows) >= k:
                    return rows
        return self._ranked([fts_query(words)], k, doc_ids)

    def _ranked(self, expressions: list[str], k: int, doc_ids: list[str] | None) -> Hits:
        """The best ``k`` chunks over FTS5 queries that match disjoint sets of chunks (see ``bounded``)."""
        select = f"SELECT id, -bm25(chunks_fts, 0, 0, {BODY_WEIGHT}, {CONTEXT_WEIGHT}) AS score"
        rows = [(i, float(s)) for expression in expressions
                for i, s in self._matching(select, expression, doc_ids, " ORDER BY score DESC LIMIT ?", [k])]
        return sorted(rows, key=lambda row: -row[1])[:k] if len(expressions) > 1 else rows

    def _match_counts_of(self, words: list[str]) -> tuple[int, dict[str, int]]:
        """The number of chunks, and how many hold each token (in query order): counted once per token until the
        next commit."""
        generation = self._generation()
        if self._match_counts[0] != generation or len(self._match_counts[2]) > _MATCH_COUNTS_KEPT:
            self._match_counts = (generation, self._total_chunks(), {})
        _, total, counts = self._match_counts
        for word in words:
            if word not in counts:
                counts[word] = int(self._rows("SELECT count(*) FROM chunks_fts WHERE chunks_fts MATCH ?",
                                              (fts_query([word]),))[0][0])
        return total, {word: counts[word] for word in words}

    def _matching(self, select: str, expression: str, doc_ids: list[str] | None, tail: str,
                  tail_params: list) -> list[tuple]:
        sql = f"{select} FROM chunks_fts WHERE chunks_fts MATCH ?"
        params: list = [expression]
        if doc_ids is not None:
            sql += f" AND doc_id IN ({','.join('?' * len(doc_ids))})"
            params.extend(doc_ids)
        return self._rows(sql + tail, params + tail_params)

    def _rows(self, sql: str, params: tuple | list = ()) -> list[tuple]:
        with self._lock:
            return self._db.execute(sql, params).fetchall()


def _top(view: PostingsView, phrases: list[str], matching: list[str], k: int,
         allowed: set[str] | None) -> list[tuple[int, float]]:
    """The best ``k`` (row, score) of the rows holding a ``matching`` term, scored on ``phrases`` (in FTS5's order:
    its sum runs over the query's phrases in turn); equal scores by row."""
    rows, lengths = view.matching(matching, allowed)
    if not len(rows):
        return []
    scores = view.score(phrases, rows, lengths)
    if len(rows) > k:
        keep = np.argpartition(-scores, k - 1)[:k]
        cut = scores[keep].min()
        keep = np.flatnonzero(scores >= cut)  # every tie at the cut competes for the last places
        rows, scores = rows[keep], scores[keep]
    order = np.lexsort((rows, -scores))[:k]
    return [(int(rows[i]), float(scores[i])) for i in order]
