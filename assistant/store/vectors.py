"""Chroma as a derived vector index: one collection per embedder id, ids shared with the record store.

We always hand Chroma our own embeddings, so no embedding function (and no model download) is ever involved.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar
from urllib.parse import urlparse

import numpy as np

from assistant.config import Settings
from assistant.embedding.embedders import Embedder
from assistant.errors import StoreUnavailableError

_VECTOR_CACHE_SIZE = 20_000  # ~40 MB of 512-d float32
_BATCH = 1000
# Neighbours per node and build effort of a new collection's HNSW graph. At 96,000 chunks and ef_search 800, Chroma's
# defaults (16, 100) found 94% of the true top 10 for the gold questions, these 98%, for twice the build time (81 s
# against the embedder's 21 minutes) and 5% more disk (docs/benchmarks.md "Scale").
HNSW_GRAPH = {"max_neighbors": 32, "ef_construction": 200}  # `assistant reindex-vectors` rebuilds an older graph
_OPEN_LOCK = threading.Lock()
T = TypeVar("T")


def collection_name(prefix: str, embedder_id: str) -> str:
    """Chroma accepts [A-Za-z0-9._-], starting and ending alphanumeric."""
    name = re.sub(r"[^A-Za-z0-9._-]", "-", f"{prefix}-{embedder_id}").strip("-._")
    return name[:200]


def parse_chroma_url(url: str) -> tuple[str, int, bool]:
    parsed = urlparse(url if "://" in url else f"http://{url}")
    if parsed.scheme not in ("http", "https") or not parsed.hostname:
        raise StoreUnavailableError(f"ASSISTANT_CHROMA_URL {url!r} is not an http(s) URL")
    ssl = parsed.scheme == "https"
    return parsed.hostname, parsed.port or (443 if ssl else 8000), ssl


@contextmanager
def unavailable(where: str) -> Iterator[None]:
    """Network and server failures become one domain error; programming errors pass through."""
    try:
        yield
    except (ConnectionError, OSError, TimeoutError) as exc:
        raise StoreUnavailableError(f"Chroma at {where} is unavailable: {exc}") from exc
    except Exception as exc:  # chromadb wraps httpx errors in its own types, which it does not export stably
        if type(exc).__module__.startswith(("httpx", "httpcore", "chromadb.errors")) or "connect" in str(exc).lower():
            raise StoreUnavailableError(f"Chroma at {where} is unavailable: {exc}") from exc
        raise


class VectorStore:
    """``reopen`` finds the collection of this store's name again. Embedded, it builds a new Chroma instance over the
    same files: the only way to see what another process (a CLI ingest) wrote since this one loaded its vector segment
    (see ``open_client``). On a Chroma server, which is always current, it follows the name to another collection
    when `assistant reindex-vectors` swapped one in (a handle holds its collection by id); None keeps the handle."""

    def __init__(self, collection: Any, where: str, reopen: Callable[[], Any | None] | None = None) -> None:
        self._col = collection
        self.where = where
        self.name: str = collection.name
        self._reopen = reopen
        # Chunk ids are content-addressed and a collection holds one embedder's vectors, so an id's vector never
        # changes: caching it is always right, and it saves a Chroma round trip on most questions.
        self._vector_cache: dict[str, np.ndarray] = {}

    def reopen(self) -> None:
        """Reads the collection that holds the name now."""
        if self._reopen is not None:
            with unavailable(self.where):
                col = self._reopen()
            if col is not None:
                self._col = col

    def _read(self, read: Callable[[Any], T]) -> T:
        """A read that fails is retried once on a reopened instance: an embedded instance that another process wrote
        behind answers 'Error finding id' for the ids it has not loaded (chromadb 1.x), a fresh one reads them; a
        server answers 'does not exist' for a collection a rebuild replaced and deleted, the name leads to the new."""
        try:
            with unavailable(self.where):
                return read(self._col)
        except StoreUnavailableError:
            if self._reopen is None:
                raise
        self.reopen()
        with unavailable(self.where):
            return read(self._col)

    def add(self, ids: list[str], embeddings: np.ndarray, metadatas: list[dict[str, Any]]) -> None:
        clean = [{k: v for k, v in m.items() if v is not None} or {"_": 0} for m in metadatas]
        with unavailable(self.where):
            for s in range(0, len(ids), _BATCH):
                self._col.upsert(ids=ids[s : s + _BATCH], embeddings=np.asarray(embeddings[s : s + _BATCH],
                                 dtype=np.float32), metadatas=clean[s : s + _BATCH])

    def delete(self, ids: list[str]) -> None:
        with unavailable(self.where):
            for s in range(0, len(ids), _BATCH):
                self._col.delete(ids=ids[s : s + _BATCH])

    def ids(self) -> set[str]:
        def read(col: Any) -> set[str]:
            out: set[str] = set()
            offset = 0
            while True:
                got = col.get(include=[], limit=5000, offset=offset)["ids"]
                out.update(got)
                if len(got) < 5000:
                    return out
                offset += len(got)

        return self._read(read)

    def count(self) -> int:
        return self._read(lambda col: int(col.count()))

    def query(self, embedding: np.ndarray, k: int, doc_ids: list[str] | None = None) -> list[tuple[str, float]]:
        """Cosine similarity (1 - cosine distance), best first, from the documents in ``doc_ids`` (None: all).

        Chroma's metadata pre-filter costs several times the search itself, so the unfiltered top k comes first:
        when every hit is in an allowed document it is exactly the filtered top k (an allowed vector outside it ranks
        below all of them); only otherwise is the filtered query run. Chroma caps k at the collection size itself.
        """
        if k <= 0 or doc_ids == []:
            return []
        vector = np.asarray(embedding, dtype=np.float32).reshape(1, -1)

        def read(col: Any) -> list[tuple[str, float]]:
            if doc_ids is None:
                return _pairs(col.query(query_embeddings=vector, n_results=k, include=["distances"]))
            res = col.query(query_embeddings=vector, n_results=k, include=["distances", "metadatas"])
            allowed = set(doc_ids)
            if all((m or {}).get("doc_id") in allowed for m in res["metadatas"][0]):
                return _pairs(res)
            where = {"doc_id": doc_ids[0]} if len(doc_ids) == 1 else {"doc_id": {"$in": list(doc_ids)}}
            return _pairs(col.query(query_embeddings=vector, n_results=k, where=where, include=["distances"]))

        return self._read(read)

    def vectors_of(self, ids: list[str]) -> dict[str, np.ndarray]:
        """The stored vector of each id that has one, fetched in batches and not cached (``embeddings`` caches)."""
        def read(col: Any) -> dict[str, np.ndarray]:
            out: dict[str, np.ndarray] = {}
            for s in range(0, len(ids), _BATCH):
                res = col.get(ids=ids[s : s + _BATCH], include=["embeddings"])
                out.update((i, np.asarray(e, dtype=np.float32)) for i, e in zip(res["ids"], res["embeddings"], strict=True))
            return out

        return self._read(read)

    def embeddings(self, ids: list[str]) -> np.ndarray:
        missing = [i for i in dict.fromkeys(ids) if i not in self._vector_cache]
        if missing:
            found = self.vectors_of(missing)
            if len(self._vector_cache) + len(found) > _VECTOR_CACHE_SIZE:
                self._vector_cache.clear()
            self._vector_cache.update(found)
        rows = [self._vector_cache[i] for i in ids if i in self._vector_cache]
        return np.asarray(rows, dtype=np.float32).reshape(len(rows), -1)


def _pairs(res: dict[str, Any]) -> list[tuple[str, float]]:
    return [(i, 1.0 - float(d)) for i, d in zip(res["ids"][0], res["distances"][0], strict=True)]


def open_client(settings: Settings) -> tuple[Any, str]:
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    chroma_settings = ChromaSettings(anonymized_telemetry=False)
    if settings.chroma_url:
        host, port, ssl = parse_chroma_url(settings.chroma_url)
        where = settings.chroma_url
        with unavailable(where):
            client = chromadb.HttpClient(host=host, port=port, ssl=ssl, settings=chroma_settings)
            client.heartbeat()
        return client, where
    path = settings.resolved_data_dir() / "chroma"
    from chromadb.api.shared_system_client import SharedSystemClient

    with _OPEN_LOCK, unavailable(str(path)):
        path.mkdir(parents=True, exist_ok=True)
        # chromadb shares one instance per path in a process and that instance keeps the vector segment it loaded,
        # blind to what another process writes later. Each store opens an instance of its own instead (dropped from
        # the shared table, not stopped: a store opened before keeps working on its own); ``reopen`` relies on it.
        SharedSystemClient._identifier_to_system.pop(str(path), None)
        SharedSystemClient._identifier_to_refcount.pop(str(path), None)
        return chromadb.PersistentClient(path=str(path), settings=chroma_settings), str(path)


def hnsw_configuration(settings: Settings) -> dict[str, Any]:
    """What a collection made now gets: cosine space, the current graph, the configured search effort."""
    return {"hnsw": {"space": "cosine", **HNSW_GRAPH, "ef_search": settings.hnsw_ef_search}}


def open_vector_store(settings: Settings, embedder: Embedder) -> VectorStore:
    name = collection_name(settings.collection_prefix, embedder.id)
    metadata = {"embedder": embedder.id, "dim": embedder.dim}
    configuration = hnsw_configuration(settings)

    def collection() -> tuple[Any, Any, str]:
        client, where = open_client(settings)
        with unavailable(where):
            col = client.get_or_create_collection(name=name, embedding_function=None, metadata=metadata,
                                                  configuration=configuration)  # type: ignore[arg-type]
            # The graph of a collection is fixed when it is made; how far a search looks is not, so an older
            # collection gets the current setting too.
            if (col.configuration_json.get("hnsw") or {}).get("ef_search") != settings.hnsw_ef_search:
                col.modify(configuration={"hnsw": {"ef_search": settings.hnsw_ef_search}})
            return client, col, where

    client, col, where = collection()
    if not settings.chroma_url:
        return VectorStore(col, where, reopen=lambda: collection()[1])
    return VectorStore(col, where, reopen=lambda: _named(client, name))


def _named(client: Any, name: str) -> Any | None:
    """The server's collection of ``name``; None in the moment between a rebuild's two renames, when no collection
    holds it (the handle in use, renamed aside, still answers by id). Never made here: a collection made in that
    moment would be an empty one under the name."""
    from chromadb.errors import NotFoundError

    try:
        return client.get_collection(name, embedding_function=None)
    except NotFoundError:
        return None
