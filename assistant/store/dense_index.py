"""Dense search: exact cosine over an in-memory copy of the vectors stored in Chroma, or Chroma's own query.

At this corpus's size Chroma's HNSW query costs a few milliseconds of CPU a question, most of it in the client's
Python layers that hold the GIL, and is approximate (it misses one of the true top 30 now and then, differently in
each process); a matrix product over every stored vector costs a tenth of that and is exact. Chroma stays the store
of the vectors (embedded or a shared server), and above ``exact_search_max_chunks`` its HNSW query does the search.
The copy is rebuilt whenever the record store changes (any process, any connection): chunks and documents change in
one transaction, and ingest writes vectors before it commits them, so a rebuilt copy holds every chunk that has a
vector and nothing the record store no longer knows. A change committed by another connection (a CLI ingest, an
upload job) reopens Chroma first, since an embedded instance does not see another's writes. A rebuild that fails
(Chroma being rewritten by another process) keeps the last consistent copy answering; the next question tries again,
and ``failure`` says why for readiness.
"""

from __future__ import annotations

import logging
import threading
from typing import NamedTuple

import numpy as np

from assistant.errors import StoreUnavailableError
from assistant.store.records import RecordStore
from assistant.store.vectors import VectorStore

log = logging.getLogger(__name__)


class Snapshot(NamedTuple):
    """One consistent view: a question ranks and scores against the same vectors throughout."""

    generation: tuple[int, int]
    ids: list[str]
    doc_ids: np.ndarray  # one document id per row
    matrix: np.ndarray  # float32, one L2-normalised vector per row
    row_of: dict[str, int]

    def query(self, embedding: np.ndarray, k: int, doc_ids: list[str] | None = None) -> list[tuple[str, float]]:
        """Cosine similarity, best first (ties in storage order), from the documents in ``doc_ids`` (None: all)."""
        if k <= 0 or doc_ids == [] or not self.ids:
            return []
        sims = self.matrix @ np.asarray(embedding, dtype=np.float32)
        rows = np.arange(len(self.ids)) if doc_ids is None else np.flatnonzero(np.isin(self.doc_ids, doc_ids))
        if len(rows) > k:
            rows = rows[np.argpartition(-sims[rows], k - 1)[:k]]
        rows = rows[np.lexsort((rows, -sims[rows]))]
        return [(self.ids[r], float(sims[r])) for r in rows]

    def cosines(self, embedding: np.ndarray, ids: list[str]) -> dict[str, float]:
        """Cosine of the given chunks' vectors; none at all when one lacks a vector (index being rebuilt)."""
        rows = [self.row_of[i] for i in ids if i in self.row_of]
        if not rows or len(rows) != len(ids):
            return {}
        sims = self.matrix[rows] @ np.asarray(embedding, dtype=np.float32)
        return {self.ids[r]: float(s) for r, s in zip(rows, sims, strict=True)}


class ChromaSearch(NamedTuple):
    """Above the exact-search limit: Chroma's HNSW query, and cosines from the vectors Chroma stores."""

    generation: tuple[int, int]
    vectors: VectorStore

    def query(self, embedding: np.ndarray, k: int, doc_ids: list[str] | None = None) -> list[tuple[str, float]]:
        return self.vectors.query(embedding, k, doc_ids)

    def cosines(self, embedding: np.ndarray, ids: list[str]) -> dict[str, float]:
        """None at all when one lacks a vector (index being rebuilt)."""
        if not ids:
            return {}
        found = self.vectors.embeddings(ids)
        if len(found) != len(ids):
            return {}
        sims = np.asarray(found, dtype=np.float32) @ np.asarray(embedding, dtype=np.float32)
        return {i: float(s) for i, s in zip(ids, sims, strict=True)}


Search = Snapshot | ChromaSearch


class DenseIndex:
    def __init__(self, records: RecordStore, vectors: VectorStore, max_rows: int) -> None:
        self.records = records
        self.vectors = vectors
        self.max_rows = max_rows
        self._snapshot: Search | None = None
        self._lock = threading.Lock()
        self.failure: str | None = None  # why the last rebuild failed, while the previous copy answers

    def snapshot(self) -> Search:
        """The current search; one cheap check of the record store's generation, a reload only after a change."""
        generation = self.records.generation()
        snap = self._snapshot
        if snap is not None and snap.generation == generation:
            return snap
        with self._lock:
            snap = self._snapshot
            if snap is None or snap.generation != generation:
                snap = self._reload(generation, snap)
        return snap

    def _reload(self, generation: tuple[int, int], previous: Search | None) -> Search:
        try:
            if previous is not None and previous.generation[1] != generation[1]:
                self.vectors.reopen()  # another connection committed, perhaps another process
            snap = self._load(generation)  # the vector reads retry once on a reopened Chroma themselves
        except StoreUnavailableError as exc:
            self.failure = exc.message
            if previous is None:
                raise
            log.warning("dense index kept at its last consistent copy: %s", exc.message)
            return previous
        self._snapshot, self.failure = snap, None
        return snap

    def _load(self, generation: tuple[int, int]) -> Search:
        """Read after the generation was: a change during the load leaves a newer generation, so the next question
        loads again."""
        if self.records.total_chunks() > self.max_rows:
            return ChromaSearch(generation, self.vectors)
        owners = self.records.chunk_owners()
        found = self.vectors.vectors_of(list(owners))
        ids = [i for i in owners if i in found]
        rows = np.stack([found[i] for i in ids]) if ids else np.zeros((0, 0), dtype=np.float32)
        return Snapshot(generation, ids, np.asarray([owners[i] for i in ids], dtype=object),
                        np.ascontiguousarray(rows, dtype=np.float32), {i: n for n, i in enumerate(ids)})
