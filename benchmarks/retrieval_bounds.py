"""What the two bounded searches cost and lose on a big index (one that `benchmarks/scale.py --keep` left):

- BM25 (``ASSISTANT_BM25_MAX_MATCHES``): per budget, the lexical search's p50/p95 and how much of the exact top 30
  it keeps, the gold questions as queries (as the retriever asks them: stop words out);
- Chroma's HNSW graph: per ``M:EF_CONSTRUCTION`` given, a scratch collection built from the index's stored vectors
  (the index itself is not touched), then recall@10 against exact search and query latency per ef_search, for the
  gold questions and for 200 stored chunks as queries (themselves left out).

    .venv/bin/python benchmarks/retrieval_bounds.py /tmp/keep/big --budgets 4000,8000,16000,24000 --graphs 16:100,32:200
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from assistant.config import Settings
from assistant.evaluation import load_gold
from assistant.factory import build_embedder, build_records, build_vectors
from assistant.retrieval.retriever import _lexical_query
from assistant.store.records import RecordStore, records_path
from benchmarks.answer_latency import pct

GOLD = sorted((REPO / "tests" / "data" / "eval").glob("*.jsonl"))
K_LEXICAL = 30


def questions() -> list[str]:
    return [item.question for gold in GOLD for item in load_gold(gold)]


def bm25(data_dir: Path, budgets: list[int], rounds: int) -> None:
    queries = [_lexical_query(q) for q in questions()]
    stores = {b: RecordStore(records_path(data_dir), bm25_max_matches=b) for b in [0, *budgets]}
    times: dict[int, list[float]] = {b: [] for b in stores}
    kept: dict[int, list[float]] = {b: [] for b in budgets}
    for _ in range(rounds):  # budgets interleaved per question, so that load from other work falls on all alike
        for query in queries:
            found = {}
            for budget, store in stores.items():
                t0 = time.perf_counter()
                found[budget] = {i for i, _ in store.lexical_search(query, K_LEXICAL)}
                times[budget].append((time.perf_counter() - t0) * 1000)
            for budget in budgets:
                kept[budget].append(len(found[budget] & found[0]) / max(1, len(found[0])))
    print(f"BM25 over {stores[0].total_chunks()} chunks, {len(queries)} gold questions x {rounds}, top {K_LEXICAL}:")
    for budget, values in times.items():
        share = "" if budget == 0 else (f"  keeps {statistics.fmean(kept[budget]):.3f} of the exact top {K_LEXICAL} "
                                        f"(min {min(kept[budget]):.2f})")
        print(f"  {'exact' if budget == 0 else f'budget {budget}':<14} p50 {pct(values, 50):6.1f} ms  "
              f"p95 {pct(values, 95):6.1f} ms{share}")
    for store in stores.values():
        store.close()


def _chroma(path: Path) -> Any:  # chromadb does not export its client type stably
    import chromadb
    from chromadb.api.shared_system_client import SharedSystemClient
    from chromadb.config import Settings as ChromaSettings

    SharedSystemClient.clear_system_cache()  # a fresh instance reads the collection's stored configuration
    return chromadb.PersistentClient(path=str(path), settings=ChromaSettings(anonymized_telemetry=False))


def hnsw(data_dir: Path, graphs: list[tuple[int, int]], efs: list[int]) -> None:
    settings = Settings(data_dir=data_dir)
    embedder = build_embedder(settings)
    records = build_records(settings)
    owners = records.chunk_owners()
    records.close()
    stored = build_vectors(settings, embedder).vectors_of(list(owners))
    ids = [i for i in owners if i in stored]
    matrix = np.stack([stored[i] for i in ids]).astype(np.float32)
    matrix /= np.linalg.norm(matrix, axis=1, keepdims=True)
    del stored
    sample = np.random.default_rng(0).choice(len(ids), 200, replace=False)
    queries = [("gold", v, None) for v in embedder.embed(questions())] + [("chunk", matrix[r], ids[r]) for r in sample]
    truth = []
    for _, vector, itself in queries:
        top = np.argsort(-(matrix @ np.asarray(vector, dtype=np.float32)))[:11]
        truth.append({ids[t] for t in top if ids[t] != itself} if itself else {ids[t] for t in top[:10]})
    print(f"HNSW against exact over {len(ids)} vectors: {sum(k == 'gold' for k, _, _ in queries)} gold questions, "
          f"200 stored chunks")
    work = Path(tempfile.mkdtemp(prefix="hnsw-bench-"))
    try:
        for m, efc in graphs:
            path = work / f"m{m}-efc{efc}"
            col = _chroma(path).create_collection("scratch", embedding_function=None, configuration={
                "hnsw": {"space": "cosine", "max_neighbors": m, "ef_construction": efc, "ef_search": efs[0]}})
            t0 = time.perf_counter()
            for s in range(0, len(ids), 1000):
                col.upsert(ids=ids[s : s + 1000], embeddings=matrix[s : s + 1000])
            col.query(query_embeddings=matrix[:1], n_results=10)  # the graph is complete once a query has loaded it
            build = time.perf_counter() - t0
            disk = sum(f.stat().st_size for f in path.rglob("*") if f.is_file()) / 2**20
            for ef in efs:
                col.modify(configuration={"hnsw": {"ef_search": ef}})
                col = _chroma(path).get_collection("scratch")
                col.query(query_embeddings=matrix[:1], n_results=10)
                recall: dict[str, list[float]] = {"gold": [], "chunk": []}
                took = []
                for (kind, vector, itself), true in zip(queries, truth, strict=True):
                    t0 = time.perf_counter()
                    res = col.query(query_embeddings=np.asarray(vector, dtype=np.float32).reshape(1, -1),
                                    n_results=11, include=[])
                    took.append((time.perf_counter() - t0) * 1000)
                    got = [i for i in res["ids"][0] if i != itself][:10]
                    recall[kind].append(len(set(got) & true) / 10)
                print(f"  M {m:3d}  ef_construction {efc:4d}  ef_search {ef:4d}: recall@10 gold "
                      f"{statistics.fmean(recall['gold']):.3f} (min {min(recall['gold']):.1f}), chunks "
                      f"{statistics.fmean(recall['chunk']):.3f}; query p50 {pct(took, 50):.2f} ms "
                      f"p95 {pct(took, 95):.2f} ms; built in {build:.0f} s, {disk:.0f} MiB on disk")
    finally:
        shutil.rmtree(work, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data_dir", type=Path, help="a data folder holding a big index (scale.py --keep DIR: DIR/big)")
    parser.add_argument("--budgets", default="4000,8000,16000,24000", help="BM25 budgets to compare with exact")
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--graphs", default="16:100,32:200", help="HNSW graphs to build, M:EF_CONSTRUCTION,...")
    parser.add_argument("--ef-search", default="100,200,400,800", help="search efforts to measure on each graph")
    args = parser.parse_args()
    if args.budgets:
        bm25(args.data_dir, [int(b) for b in args.budgets.split(",")], args.rounds)
    if args.graphs:
        hnsw(args.data_dir, [tuple(map(int, g.split(":"))) for g in args.graphs.split(",")],  # type: ignore[misc]
             [int(e) for e in args.ef_search.split(",")])


if __name__ == "__main__":
    main()
