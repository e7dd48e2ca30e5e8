"""Chroma's HNSW settings on a real embedded Chroma: a new collection's graph, and the search effort of any collection,
one made before the setting existed included."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from assistant.config import Settings
from assistant.store.vectors import collection_name, open_vector_store


@dataclass
class _Shape:
    """What the vector store reads of an embedder: its id and width (no model needed to open a collection)."""

    id: str = "shape-4"
    dim: int = 4


def _hnsw(settings: Settings) -> dict[str, Any]:
    import chromadb
    from chromadb.api.shared_system_client import SharedSystemClient
    from chromadb.config import Settings as ChromaSettings

    SharedSystemClient.clear_system_cache()  # a fresh look at what is stored, not this process's cached instance
    client = chromadb.PersistentClient(path=str(settings.data_dir / "chroma"),
                                       settings=ChromaSettings(anonymized_telemetry=False))
    return client.get_collection(collection_name(settings.collection_prefix, _Shape.id)).configuration_json["hnsw"]


def test_a_new_collection_gets_the_graph_and_search_settings(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path, hnsw_ef_search=123)
    open_vector_store(settings, _Shape())  # type: ignore[arg-type]
    hnsw = _hnsw(settings)
    assert (hnsw["space"], hnsw["max_neighbors"], hnsw["ef_construction"], hnsw["ef_search"]) == ("cosine", 32, 200, 123)

    open_vector_store(Settings(data_dir=tmp_path, hnsw_ef_search=456), _Shape())  # type: ignore[arg-type]
    assert (_hnsw(settings)["ef_search"], _hnsw(settings)["max_neighbors"]) == (456, 32)


def test_an_older_collection_gets_the_search_setting_and_keeps_cosine(tmp_path: Path) -> None:
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    settings = Settings(data_dir=tmp_path, hnsw_ef_search=321)
    client = chromadb.PersistentClient(path=str(tmp_path / "chroma"), settings=ChromaSettings(anonymized_telemetry=False))
    client.create_collection(collection_name(settings.collection_prefix, _Shape.id), embedding_function=None,
                             metadata={"hnsw:space": "cosine", "embedder": _Shape.id, "dim": _Shape.dim})  # as made before
    store = open_vector_store(settings, _Shape())  # type: ignore[arg-type]
    hnsw = _hnsw(settings)
    assert (hnsw["space"], hnsw["max_neighbors"], hnsw["ef_search"]) == ("cosine", 16, 321)
    store.add(["a:0", "b:0"], np.array([[1, 0, 0, 0], [1, 1, 0, 0]], dtype=np.float32), [{"doc_id": "a"}, {"doc_id": "b"}])
    hits = store.query(np.array([2, 0, 0, 0], dtype=np.float32), 2)
    assert hits[0][0] == "a:0" and abs(hits[0][1] - 1.0) < 1e-5 and abs(hits[1][1] - 2 ** -0.5) < 1e-5  # cosine
