"""More embedding threads once the preparing worker is idle: raised between batches, then put back."""

from __future__ import annotations

import threading

from assistant.embedding.embedders import UseEmbedder
from assistant.models import Chunk
from ingest.embed_threads import IdleCoreThreads
from ingest.reconcile import embed_chunks


def _chunks(count: int) -> list[Chunk]:
    return [Chunk(id=f"doc:{i:04d}", doc_id="doc", text=f"Sister city agreement clause {i}.", page_start=1,
                  page_end=1, heading=None, ordinal=i) for i in range(count)]


def test_threads_rise_between_batches_once_the_worker_is_idle_and_are_put_back() -> None:
    embedder = UseEmbedder(threads=1)  # a fresh instance: the process-wide one is shared by other tests
    idle = threading.Event()
    threads = IdleCoreThreads(embedder, idle, 2)
    seen: list[int] = []

    def before_batch() -> None:
        threads()
        seen.append(embedder.threads)
        if len(seen) == 2:
            idle.set()  # the worker finishes during the second batch

    vectors = embed_chunks(embedder, _chunks(5), {"doc": "Agreement"}, batch_size=2, before_batch=before_batch)
    assert vectors.shape == (5, 512)
    assert seen == [1, 1, 2]
    threads.restore()
    assert embedder.threads == 1


def test_an_embedder_on_more_threads_already_is_left_alone() -> None:
    embedder = UseEmbedder(threads=4)
    idle = threading.Event()
    idle.set()
    threads = IdleCoreThreads(embedder, idle, 2)
    threads()
    assert embedder.threads == 4
    threads.restore()
    assert embedder.threads == 4
