"""Rebuild the Chroma collection's HNSW graph from the vectors it stores, without re-embedding anything.

A collection's graph (neighbours per node, build effort) is fixed when the collection is made, so an index made before
the current graph settings (``assistant.store.vectors.HNSW_GRAPH``) keeps its sparser graph; re-ingesting would
re-embed every chunk (23 minutes at 1,400 documents). Instead, under the ingest lock (no ingest or upload job writes
meanwhile), the stored ids, vectors and metadata are copied into a new collection made with the current settings,
checked to be the same, and swapped in by renaming: the old collection goes aside under ``<name>.previous``, the new
one takes the name, and the old one is deleted last. Until the swap nothing the service reads has changed; a service
that holds the old collection keeps answering from it and moves to the new one at its next question, told by a write
to the record store (the way it notices an ingest), or by its read failing once the old one is deleted.

On a Chroma server the same holds for every process that reads the collection: a handle holds its collection by id,
so a worker keeps answering from the old one through both renames, and looks the name up again when the record store
tells it (workers on this data folder) or when its read of the deleted old one fails (a replica on a snapshot of the
records); see ``VectorStore.reopen``. Run it where `assistant ingest` runs: its ingest lock is what keeps writers out.

What a failure or a kill leaves is put right by the next run (``_recover``): a copy not swapped in yet is dropped; an
old collection set aside without a new one under the name is put back. Nothing stored is lost at any point.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import numpy as np

from assistant.config import Settings
from assistant.errors import StoreUnavailableError
from assistant.store.vectors import HNSW_GRAPH, collection_name, hnsw_configuration, open_client, unavailable

log = logging.getLogger(__name__)

BATCH = 1000
REBUILT_KEY = "vectors_rebuilt"  # record-store meta: its write tells running services to reopen Chroma
VECTOR_TOLERANCE = 1e-6  # per component, of a copied vector (see ``_check_same``)
RETRY = "run `assistant reindex-vectors` again; the index answers from the old collection meanwhile"


@dataclass(frozen=True)
class ReindexReport:
    collection: str
    vectors: int
    graph_before: dict[str, int]
    graph_after: dict[str, int]
    rebuilt: bool  # False: the graph was current already, nothing changed

    def summary(self) -> str:
        before = _graph_text(self.graph_before)
        if not self.rebuilt:
            return f"{self.collection}: {self.vectors} vectors, graph already {before}; nothing to do."
        return (f"{self.collection}: {self.vectors} vectors rebuilt from the stored vectors, graph {before} -> "
                f"{_graph_text(self.graph_after)}; the service moves to it at its next question.")


def _graph_text(graph: dict[str, int]) -> str:
    return f"max_neighbors {graph.get('max_neighbors')}, ef_construction {graph.get('ef_construction')}"


def _graph(collection: Any) -> dict[str, int]:
    hnsw = (collection.configuration_json or {}).get("hnsw") or {}
    return {key: hnsw.get(key) for key in HNSW_GRAPH}


def reindex_vectors(settings: Settings, embedder_id: str, force: bool = False) -> ReindexReport:
    """Rebuild the collection of ``embedder_id`` with the current graph settings; ``force`` rebuilds a current one."""
    from assistant.factory import build_records
    from ingest.locking import ingest_lock

    name = collection_name(settings.collection_prefix, embedder_id)
    with ingest_lock(settings):
        client, where = open_client(settings)
        with unavailable(where):
            _recover(client, name)
            old = _get(client, name)
            if old is None:
                raise StoreUnavailableError(f"no vectors of the embedder {embedder_id!r} in {where}",
                                            hint="run `assistant ingest` first, with the same ASSISTANT_EMBEDDER")
            before, target = _graph(old), dict(HNSW_GRAPH)
            count = old.count()
            if before == target and not force:
                return ReindexReport(name, count, before, before, rebuilt=False)
            new = _copy(client, old, f"{name}.rebuild", settings)
            _swap(client, old, new, name)
        records = build_records(settings)
        try:
            records.set_meta(REBUILT_KEY, datetime.now(UTC).isoformat(timespec="seconds"))
        finally:
            records.close()
        with unavailable(where):
            client.delete_collection(f"{name}.previous")
        return ReindexReport(name, count, before, _graph(new), rebuilt=True)


def _get(client: Any, name: str) -> Any | None:
    from chromadb.errors import NotFoundError

    try:
        return client.get_collection(name, embedding_function=None)
    except NotFoundError:
        return None
    except Exception as exc:  # chromadb 1.x says "does not exist" through other error types on some paths
        if "does not exist" in str(exc):
            return None
        raise


def _recover(client: Any, name: str) -> None:
    """What an earlier run left when it failed or was killed: an old collection set aside goes back under the name
    unless a complete new one holds it (then only the old one's delete was left); a copy not swapped in is dropped.
    An empty collection under the name, with the old one aside, is one some process made in the moment the name was
    free: the old one wins."""
    previous, current = _get(client, f"{name}.previous"), _get(client, name)
    if previous is not None:
        if current is None or (current.count() == 0 and previous.count() > 0):
            if current is not None:
                client.delete_collection(name)
            previous.modify(name=name)
            log.warning("put the collection %s back, set aside by a rebuild that did not finish", name)
        else:
            client.delete_collection(f"{name}.previous")
    if _get(client, f"{name}.rebuild") is not None:
        client.delete_collection(f"{name}.rebuild")


def _copy(client: Any, old: Any, name: str, settings: Settings) -> Any:
    """The new collection, holding the same ids, vectors and metadata as ``old``; dropped if anything fails."""
    metadata = {k: v for k, v in (old.metadata or {}).items() if not k.startswith("hnsw:")}  # now in configuration
    new = client.create_collection(name, embedding_function=None, metadata=metadata or None,
                                   configuration=hnsw_configuration(settings))  # type: ignore[arg-type]
    try:
        offset = 0
        while True:
            got = old.get(include=["embeddings", "metadatas"], limit=BATCH, offset=offset)
            if not got["ids"]:
                break
            new.add(ids=got["ids"], embeddings=np.asarray(got["embeddings"], dtype=np.float32),
                    metadatas=got["metadatas"])
            offset += len(got["ids"])
        _check_same(old, new)
    except BaseException:
        client.delete_collection(name)
        raise
    return new


def _check_same(old: Any, new: Any) -> None:
    """Every id with the same vector and metadata, and nothing else: the swap never serves a partial copy. The same
    vector to float32 rounding: a cosine collection normalises what it stores, which moves a unit vector's components
    by a unit in the last place (3.7e-9)."""
    if old.count() != new.count():
        raise StoreUnavailableError(f"the rebuilt collection holds {new.count()} vectors, the old one {old.count()}; "
                                    "nothing was changed", hint=RETRY)
    offset = 0
    while True:
        got = old.get(include=["embeddings", "metadatas"], limit=BATCH, offset=offset)
        if not got["ids"]:
            return
        copy = new.get(ids=got["ids"], include=["embeddings", "metadatas"])
        theirs = dict(zip(copy["ids"], zip(copy["embeddings"], copy["metadatas"], strict=True), strict=True))
        for i, vector, meta in zip(got["ids"], got["embeddings"], got["metadatas"], strict=True):
            if i not in theirs or theirs[i][1] != meta or not np.allclose(
                    np.asarray(theirs[i][0], dtype=np.float32), np.asarray(vector, dtype=np.float32), rtol=0,
                    atol=VECTOR_TOLERANCE):
                raise StoreUnavailableError(f"the rebuilt collection differs from the old one at {i!r}; nothing was "
                                            "changed", hint=RETRY)
        offset += len(got["ids"])


def _swap(client: Any, old: Any, new: Any, name: str) -> None:
    """Two renames. If the second fails (another process opening the store in the moment between them made an empty
    collection of the name), the old collection goes back under the name and the copy is dropped; if even that
    fails, the next run does it."""
    old.modify(name=f"{name}.previous")
    try:
        new.modify(name=name)
    except Exception as exc:
        _recover(client, name)
        raise StoreUnavailableError(f"the rebuilt collection could not take the name {name} ({exc}); the old one is "
                                    "back in place and nothing was changed", hint=RETRY) from exc
