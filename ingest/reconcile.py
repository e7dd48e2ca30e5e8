"""Repairs disagreement between the records and the vector collection, whatever a crash or a model change left.

Records are the truth: vectors the records do not know are deleted, record chunks without a vector are embedded
again from their stored text. A new embedder means a new, empty collection, so this is also how a model change
re-embeds everything without mixing vectors of two models.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable

import numpy as np

from assistant.embedding.embedders import Embedder
from assistant.models import Chunk
from assistant.store.records import RecordStore
from assistant.store.vectors import VectorStore


def vector_metadata(chunk: Chunk) -> dict[str, object]:
    return {"doc_id": chunk.doc_id, "ordinal": chunk.ordinal, "page": chunk.page_start}


def embed_chunks(embedder: Embedder, chunks: list[Chunk], titles: dict[str, str], batch_size: int,
                 before_batch: Callable[[], object] = lambda: None) -> np.ndarray:
    """``before_batch`` may retune the embedder between batches (see ``ingest.embed_threads``)."""
    texts = [c.embedding_text(titles.get(c.doc_id, "")) for c in chunks]
    parts = []
    for start in range(0, len(texts), batch_size):
        before_batch()
        parts.append(embedder.embed(texts[start : start + batch_size]))
    return np.concatenate(parts) if parts else np.zeros((0, embedder.dim), dtype=np.float32)


def reconcile(
    records: RecordStore, vectors: VectorStore, embedder: Embedder, batch_size: int, skip_docs: Iterable[str] = ()
) -> tuple[int, float]:
    """Returns (chunks embedded again, seconds spent embedding); chunks of ``skip_docs`` are about to be replaced."""
    record_ids = records.chunk_ids()
    vector_ids = vectors.ids()
    stray = sorted(vector_ids - record_ids)
    if stray:
        vectors.delete(stray)
    skip = set(skip_docs)
    missing = [c for c in records.chunks(sorted(record_ids - vector_ids)) if c.doc_id not in skip]
    if not missing:
        return 0, 0.0
    titles = {m.doc_id: m.title for m in records.documents(list({c.doc_id for c in missing}))}
    seconds = 0.0
    for start in range(0, len(missing), 512):
        batch = missing[start : start + 512]
        t0 = time.perf_counter()
        embeddings = embed_chunks(embedder, batch, titles, batch_size)
        seconds += time.perf_counter() - t0
        vectors.add([c.id for c in batch], embeddings, [vector_metadata(c) for c in batch])
    return len(missing), seconds
