"""Hybrid retrieval: dense (Chroma) and BM25 (SQLite FTS5) rankings fused, then near-duplicates collapsed.

Access and metadata filters become a list of allowed document ids before either index is asked, so a forbidden
document can never come back, not even as a near-duplicate source.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from typing import Literal

import numpy as np

from assistant.config import Settings
from assistant.embedders import Embedder
from assistant.models import Chunk, DocumentMeta, Filters, Passage
from assistant.store.records import RecordStore
from assistant.support import terms

RetrievalMode = Literal["bm25", "dense", "hybrid"]


def fuse(rankings: list[tuple[list[str], float]], rrf_k: int) -> dict[str, float]:
    """Weighted reciprocal rank fusion: ranks, not raw scores, so BM25 and cosine need no common scale."""
    fused: dict[str, float] = {}
    for ids, weight in rankings:
        for rank, chunk_id in enumerate(ids, start=1):
            fused[chunk_id] = fused.get(chunk_id, 0.0) + weight / (rrf_k + rank)
    return fused


def _jaccard(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


class Retriever:
    """Turns a question into ranked passages; knows nothing about answers."""

    def __init__(self, settings: Settings, records: RecordStore, vectors: object | None, embedder: Embedder | None):
        self.settings = settings
        self.records = records
        self.vectors = vectors
        self.embedder = embedder
        self._embed_cached = lru_cache(maxsize=512)(self._embed_query)

    def _embed_query(self, query: str) -> np.ndarray:
        from assistant.textnorm import repair_sara_am

        assert self.embedder is not None
        return self.embedder.embed([repair_sara_am(query)])[0]

    def embed_query(self, query: str) -> np.ndarray:
        """The query vector, cached: answering and refusal reuse it without a second model call."""
        return self._embed_cached(query)

    def unknown_names(self, query: str, allowed_access: Callable[[str], bool] | None = None) -> list[str]:
        """Names and numbers of the question that no visible document contains: a sign it asks about elsewhere."""
        from assistant.support import names_in, stem

        doc_ids = None if allowed_access is None else self.records.doc_ids_matching(None, allowed_access)
        unknown = []
        for name in names_in(query):
            forms = dict.fromkeys([name, stem(name.lower())])
            if not any(self.records.lexical_search(form, 1, doc_ids) for form in forms):
                unknown.append(name)
        return unknown

    def search(
        self,
        query: str,
        k: int | None = None,
        filters: Filters | None = None,
        allowed_access: Callable[[str], bool] | None = None,
        *,
        mode: RetrievalMode = "hybrid",
    ) -> list[Passage]:
        k = k or self.settings.top_k
        doc_ids: list[str] | None = None
        if filters is not None or allowed_access is not None:
            doc_ids = self.records.doc_ids_matching(filters, allowed_access)
            if not doc_ids:
                return []
        n = max(self.settings.candidates, k)
        rankings: list[tuple[list[str], float]] = []
        dense: dict[str, float] = {}
        lexical: dict[str, float] = {}
        use_dense = mode in ("dense", "hybrid") and self.vectors is not None and self.embedder is not None
        if mode in ("bm25", "hybrid"):
            lexical = dict(self.records.lexical_search(query, n, doc_ids))
            rankings.append((list(lexical), self.settings.lexical_weight if mode == "hybrid" else 1.0))
        if use_dense:
            hits = self.vectors.query(self.embed_query(query), n, doc_ids)  # type: ignore[union-attr]
            dense = dict(hits)
            # Measured on the dev set: ranking BM25-only hits by their cosine too lowered hit@5 (0.875 -> 0.79).
            rankings.append((list(dense), self.settings.dense_weight if mode == "hybrid" else 1.0))
        fused = fuse(rankings, self.settings.rrf_k)
        ranked = sorted(fused, key=lambda i: -fused[i])
        # Collapsing may merge several candidates, so look a little deeper than k.
        chunks = self.records.chunks(ranked[: max(3 * k, k + 10)])
        metas = {m.doc_id: m for m in self.records.documents(list({c.doc_id for c in chunks}))}
        passages = [
            Passage(chunk=c, meta=metas[c.doc_id], score=fused[c.id], dense_score=dense.get(c.id),
                    lexical_score=lexical.get(c.id))
            for c in chunks if c.doc_id in metas
        ]
        if use_dense:
            self._fill_dense_scores(query, passages)
        return self.collapse(passages)[:k]

    def _cosines(self, query: str, ids: list[str]) -> dict[str, float]:
        """Cosine of stored vectors: a BM25 hit that missed the dense top-n still gets its true dense rank."""
        if not ids:
            return {}
        vectors = self.vectors.embeddings(ids)  # type: ignore[union-attr]
        if len(vectors) != len(ids):  # a chunk without a vector (index being rebuilt): leave it unranked
            return {}
        sims = np.asarray(vectors, dtype=np.float32) @ self.embed_query(query)
        return {i: float(s) for i, s in zip(ids, sims, strict=True)}

    def _fill_dense_scores(self, query: str, passages: list[Passage]) -> None:
        """Lexical-only candidates get their cosine too: refusal compares like with like."""
        sims = self._cosines(query, [p.chunk.id for p in passages if p.dense_score is None])
        for passage in passages:
            if passage.dense_score is None and passage.chunk.id in sims:
                passage.dense_score = sims[passage.chunk.id]

    def collapse(self, passages: list[Passage]) -> list[Passage]:
        """Keep the best-ranked copy of a repeated paragraph; the others become its ``also_in`` sources."""
        kept: list[tuple[Passage, set[str]]] = []
        for passage in passages:
            tokens = set(terms(passage.chunk.text))
            twin = next(
                (p for p, t in kept if _jaccard(tokens, t) >= self.settings.duplicate_similarity), None
            )
            if twin is None:
                kept.append((passage, tokens))
                continue
            _absorb(twin, passage.chunk, passage.meta)
        return [p for p, _ in kept]


def _absorb(keeper: Passage, chunk: Chunk, meta: DocumentMeta) -> None:
    keeper.duplicates.append(chunk)
    known = {keeper.meta.doc_id, *(m.doc_id for m in keeper.also_in)}
    if meta.doc_id not in known:
        keeper.also_in.append(meta)
