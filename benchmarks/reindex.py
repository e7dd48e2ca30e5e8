"""What `assistant reindex-vectors` costs: an embedded Chroma collection of N synthetic unit vectors (512-d, random:
the graph's build time depends on their number and width, not their meaning) made with Chroma's default graph, as an
earlier version made it, then rebuilt with the current graph from the stored vectors, in a temporary folder.

Usage: .venv/bin/python benchmarks/reindex.py [--vectors 96339]

Prints the seconds to fill the old collection (what an ingest's store step pays), the seconds of the rebuild (copy,
check, swap), vectors per second, and this process's peak RSS.
"""

from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from assistant.config import Settings
from assistant.store.vectors import collection_name, open_client
from ingest.reindex import reindex_vectors

EMBEDDER_ID, DIM, BATCH = "synthetic-512", 512, 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--vectors", type=int, default=96_339, help="how many vectors (the scale index held 96,339)")
    args = parser.parse_args()
    rng = np.random.default_rng(7)
    with tempfile.TemporaryDirectory(prefix="reindex-bench-") as folder:
        settings = Settings(data_dir=Path(folder))
        client, _ = open_client(settings)
        old = client.create_collection(collection_name(settings.collection_prefix, EMBEDDER_ID),
                                       embedding_function=None, metadata={"embedder": EMBEDDER_ID, "dim": DIM},
                                       configuration={"hnsw": {"space": "cosine", "ef_search": settings.hnsw_ef_search}})
        start = time.perf_counter()
        for s in range(0, args.vectors, BATCH):
            n = min(BATCH, args.vectors - s)
            vectors = rng.standard_normal((n, DIM)).astype(np.float32)
            vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
            old.add(ids=[f"doc{(s + i) // 50}:{(s + i) % 50:04d}" for i in range(n)], embeddings=vectors,
                    metadatas=[{"doc_id": f"doc{(s + i) // 50}"} for i in range(n)])
        filled = time.perf_counter() - start
        del old, client
        start = time.perf_counter()
        report = reindex_vectors(settings, EMBEDDER_ID)
        rebuilt = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"vectors {report.vectors}; graph {report.graph_before} -> {report.graph_after}")
    print(f"fill (old graph): {filled:.1f} s; rebuild: {rebuilt:.1f} s ({report.vectors / rebuilt:.0f} vectors/s); "
          f"peak RSS {peak:.0f} MB")


if __name__ == "__main__":
    main()
