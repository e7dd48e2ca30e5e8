"""`assistant reindex-vectors` on a real index: the Markdown and text documents of corpus/ ingested with the real
embedder into a real embedded Chroma whose collection was made with Chroma's default graph, as an earlier version
made it. The rebuild gives the current graph and keeps every id, vector and metadata; dense search answers the same,
through the store a running service opened before the swap too; what a failed or killed rebuild leaves is put right
and loses nothing; bad input is refused with nothing changed."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from filelock import FileLock
from typer.testing import CliRunner

from assistant.cli import app as cli
from assistant.config import Settings, get_settings
from assistant.embedding.embedders import Embedder
from assistant.errors import StoreLockedError, StoreUnavailableError
from assistant.factory import build_embedder, build_records
from assistant.store.dense_index import ChromaSearch, DenseIndex, Snapshot
from assistant.store.vectors import HNSW_GRAPH, collection_name, open_client, open_vector_store
from ingest.pipeline import ingest_paths
from ingest.reindex import VECTOR_TOLERANCE, reindex_vectors
from tests.conftest import CORPUS_DIR

pytestmark = pytest.mark.slow

QUESTIONS = ["cooperation between two cities in education and culture", "goals of the city's foreign affairs",
             "when does the agreement come into force", "exchange of officials and experts"]
DEFAULT_GRAPH = {"max_neighbors": 16, "ef_construction": 100}  # Chroma's, which earlier versions used


@pytest.fixture(scope="module")
def embedder() -> Embedder:
    return build_embedder(Settings())


@pytest.fixture
def old_index(tmp_path: Path, embedder: Embedder) -> Settings:
    settings = Settings(data_dir=tmp_path / "data")
    docs = tmp_path / "docs"
    docs.mkdir()
    for path in sorted([*CORPUS_DIR.glob("*.md"), *CORPUS_DIR.glob("*.txt")]):
        shutil.copy(path, docs / path.name)
    client, _ = open_client(settings)
    # as made before: Chroma's graph; the search effort set already, so that opening the store does not write to it
    # while this instance is alive (two instances of one process writing may meet a locked database)
    client.create_collection(collection_name(settings.collection_prefix, embedder.id), embedding_function=None,
                             metadata={"embedder": embedder.id, "dim": embedder.dim},
                             configuration={"hnsw": {"space": "cosine", "ef_search": settings.hnsw_ef_search}})
    report = ingest_paths([docs], settings)
    assert report.ok and report.chunks > 20, report.summary()
    assert _graph(settings, embedder) == DEFAULT_GRAPH
    return settings


def _collection(settings: Settings, embedder: Embedder, suffix: str = "") -> Any:
    client, _ = open_client(settings)  # a fresh instance: what is stored now
    return client.get_collection(collection_name(settings.collection_prefix, embedder.id) + suffix)


def _graph(settings: Settings, embedder: Embedder) -> dict[str, int]:
    hnsw = _collection(settings, embedder).configuration_json["hnsw"]
    return {key: hnsw[key] for key in HNSW_GRAPH}


def _stored(settings: Settings, embedder: Embedder) -> dict[str, tuple[np.ndarray, dict]]:
    got = _collection(settings, embedder).get(include=["embeddings", "metadatas"])
    return {i: (np.asarray(e, dtype=np.float32), m) for i, e, m in zip(got["ids"], got["embeddings"],
                                                                          got["metadatas"], strict=True)}


def _same_vectors(before: dict, after: dict) -> None:
    assert before.keys() == after.keys()
    for i, (vector, meta) in before.items():
        assert after[i][1] == meta
        assert np.allclose(after[i][0], vector, rtol=0, atol=VECTOR_TOLERANCE), i


def _answers(index: DenseIndex, embedder: Embedder) -> list[list[str]]:
    return [[i for i, _ in index.snapshot().query(q, 10)] for q in embedder.embed(QUESTIONS)]


def test_the_rebuild_gives_the_current_graph_and_the_same_vectors_and_answers(old_index: Settings,
                                                                               embedder: Embedder) -> None:
    settings = old_index
    records = build_records(settings)
    try:
        exact = DenseIndex(records, open_vector_store(settings, embedder), max_rows=50_000)  # as a running service
        hnsw = DenseIndex(records, open_vector_store(settings, embedder), max_rows=0)  # Chroma's graph answers
        assert isinstance(exact.snapshot(), Snapshot) and isinstance(hnsw.snapshot(), ChromaSearch)
        before, exact_before, hnsw_before = _stored(settings, embedder), _answers(exact, embedder), _answers(hnsw, embedder)

        report = reindex_vectors(settings, embedder.id)
        assert report.rebuilt and report.graph_before == DEFAULT_GRAPH and report.graph_after == HNSW_GRAPH
        assert report.vectors == len(before)
        assert _graph(settings, embedder) == HNSW_GRAPH
        _same_vectors(before, _stored(settings, embedder))
        client, _ = open_client(settings)
        assert [c.name for c in client.list_collections()] == [report.collection]  # no copy or old one left

        assert _answers(exact, embedder) == exact_before  # the stores opened before the swap answer after it
        assert _answers(hnsw, embedder) == hnsw_before
        fresh = DenseIndex(records, open_vector_store(settings, embedder), max_rows=50_000)
        assert _answers(fresh, embedder) == exact_before
        assert isinstance(hnsw.snapshot(), ChromaSearch) and hnsw.failure is None
        assert hnsw.vectors._col.id == _collection(settings, embedder).id  # it searches the new graph now
    finally:
        records.close()
    again = reindex_vectors(settings, embedder.id)
    assert not again.rebuilt and "nothing to do" in again.summary()


def test_a_rebuild_killed_between_its_renames_is_put_right_and_loses_nothing(old_index: Settings,
                                                                             embedder: Embedder) -> None:
    settings = old_index
    before = _stored(settings, embedder)
    name = collection_name(settings.collection_prefix, embedder.id)
    client, _ = open_client(settings)
    client.get_collection(name).modify(name=f"{name}.previous")  # set aside; killed before the copy took the name
    client.create_collection(f"{name}.rebuild", embedding_function=None)  # the copy it left
    open_vector_store(settings, embedder)  # a process that opened the store then made an empty one of the name
    assert _collection(settings, embedder).count() == 0

    report = reindex_vectors(settings, embedder.id)
    assert report.rebuilt and report.vectors == len(before) and _graph(settings, embedder) == HNSW_GRAPH
    _same_vectors(before, _stored(settings, embedder))
    assert [c.name for c in open_client(settings)[0].list_collections()] == [name]


def test_bad_input_and_a_busy_index_are_refused_with_nothing_changed(old_index: Settings, embedder: Embedder,
                                                                     tmp_path: Path) -> None:
    settings = old_index
    before = _stored(settings, embedder)
    with pytest.raises(StoreUnavailableError, match="is unavailable"):  # a Chroma server that does not answer
        reindex_vectors(settings.model_copy(update={"chroma_url": "http://127.0.0.1:9"}), embedder.id)
    with pytest.raises(StoreUnavailableError, match="no vectors of the embedder"):
        reindex_vectors(settings, "another-model-384")
    ingesting = FileLock(str(settings.resolved_data_dir() / "ingest.lock"), mode=0o600)  # another writer
    with ingesting, pytest.raises(StoreLockedError):
        reindex_vectors(settings, embedder.id)
    assert _graph(settings, embedder) == DEFAULT_GRAPH
    _same_vectors(before, _stored(settings, embedder))

    empty = Settings(data_dir=tmp_path / "empty")
    get_settings.cache_clear()
    result = CliRunner().invoke(cli, ["reindex-vectors"], env={"ASSISTANT_DATA_DIR": str(empty.data_dir)})
    assert result.exit_code == 2 and "Error: no vectors of the embedder" in result.output, result.output
    assert "Traceback" not in result.output
    get_settings.cache_clear()
    result = CliRunner().invoke(cli, ["reindex-vectors", "--json"], env={"ASSISTANT_DATA_DIR": str(settings.data_dir)})
    assert result.exit_code == 0 and '"rebuilt": true' in result.output, result.output
    assert _graph(settings, embedder) == HNSW_GRAPH
