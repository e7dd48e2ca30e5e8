"""The one place where objects are built from ``Settings``: embedder, record store, vector store."""

from __future__ import annotations

from typing import TYPE_CHECKING

from assistant.config import Settings
from assistant.embedding.embedders import Embedder, get_embedder
from assistant.store.records import RecordStore, records_path

if TYPE_CHECKING:
    from assistant.store.vectors import VectorStore


def build_embedder(settings: Settings) -> Embedder:
    return get_embedder(settings.embedder, threads=settings.embed_threads or None)


def build_query_embedder(settings: Settings) -> Embedder:
    """The same model in a child process of its own (the long-running service's questions)."""
    from assistant.embedding.process import ProcessEmbedder

    return ProcessEmbedder(settings.embedder, threads=settings.embed_threads or None)


def build_records(settings: Settings) -> RecordStore:
    return RecordStore(records_path(settings.resolved_data_dir()), bm25_max_matches=settings.bm25_max_matches)


def build_vectors(settings: Settings, embedder: Embedder) -> VectorStore:
    """Imported late: chromadb takes seconds to import and an unchanged re-ingest never needs it."""
    from assistant.store.vectors import open_vector_store

    return open_vector_store(settings, embedder)
