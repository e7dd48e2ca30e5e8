"""Scale figures on a synthetic corpus of N times the reference one (benchmarks/scale_corpus.py), beside corpus/.

    .venv/bin/python benchmarks/scale.py /tmp/scale-corpus --scale 10     # quick: ~140 documents, ~7,000 chunks
    .venv/bin/python benchmarks/scale.py /tmp/scale-corpus                # 100x: ~1,400 documents, ~70,000 chunks

The folder (outside the repository) receives the generated files; the indexes go to a temporary folder (``--keep``
keeps them). Printed, in order, as each phase ends:
- ingest of corpus/ (the 14-document index) and of corpus/ + the synthetic files (the big index: the corpus's
  documents are copied over, so this run ingests the synthetic ones): wall, chunks/s, peak RSS of the ingesting
  process (a subprocess each, model load included) and of its preparing worker;
- incremental re-ingest after 1% of the synthetic files changed;
- extractive answer latency over the gold questions on both indexes in this process (benchmarks/answer_latency.py),
  with the ratio big / small (goal: p50 and p95 <= 2x);
- closed-loop throughput and server RSS of `assistant serve` on both (benchmarks/load.py; goal RSS <= 1.5 GB);
- dense search on the big index: exact (every vector in memory, as below ASSISTANT_EXACT_SEARCH_MAX_CHUNKS) and
  Chroma's HNSW query (above it): recall@10 and @30 of HNSW against exact, and the latency of both.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import math
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from assistant.config import Settings
from assistant.evaluation import load_gold
from assistant.factory import build_embedder, build_records, build_vectors
from assistant.service import AssistantService
from assistant.store.dense_index import ChromaSearch, DenseIndex
from benchmarks.answer_latency import measure as measure_latency
from benchmarks.answer_latency import pct
from benchmarks.load import free_port, percentile, run_load, server_rss_mib, start_server, stop, wait_ready
from benchmarks.scale_corpus import generate, rewrite
from ingest.pipeline import ingest_paths

GOLD = sorted((REPO / "tests" / "data" / "eval").glob("*.jsonl"))


def say(line: str) -> None:
    print(line, flush=True)


def ingest_only(data_dir: Path, paths: list[Path]) -> None:
    """Subprocess side: one ingest, its figures as JSON (peak RSS of this process alone)."""
    t0 = time.perf_counter()
    report = ingest_paths(paths, Settings(data_dir=data_dir))
    print(json.dumps({"wall": time.perf_counter() - t0, "files": report.files, "skipped": report.skipped,
                      "chunks": report.chunks, "failed": len(report.failed), "embed": report.embed_seconds,
                      "store": report.store_seconds, "register": report.register_seconds,
                      "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                      "worker_rss_mb": report.prepare_peak_rss_mb,
                      "failures": [f"{f.file}: {f.reason}" for f in report.failed[:5]]}))


def ingest(data_dir: Path, paths: list[Path], label: str) -> dict:
    run = subprocess.run([sys.executable, __file__, "--ingest-only", str(data_dir), *map(str, paths)],
                         capture_output=True, text=True, check=False, cwd=REPO)
    if run.returncode != 0:
        raise SystemExit(f"{label}: ingest failed\n{run.stderr[-3000:]}")
    fig = json.loads(run.stdout.splitlines()[-1])
    say(f"{label:<34} wall {fig['wall']:8.1f} s  files {fig['files']:5d} (skipped {fig['skipped']})  "
        f"chunks {fig['chunks']:6d}  {fig['chunks'] / fig['wall']:6.1f} chunks/s  embed {fig['embed']:.1f} s  "
        f"store {fig['store']:.1f} s  register {fig['register']:.1f} s  peak RSS {fig['rss_mb']:.0f} MB "
        f"(worker {fig['worker_rss_mb']:.0f} MB)  failed {fig['failed']}")
    for failure in fig["failures"]:
        say(f"    failed: {failure}")
    return fig


def latency(data_dir: Path, rounds: int, label: str) -> dict[str, list[float]]:
    items = [item for gold in GOLD for item in load_gold(gold)]
    service = AssistantService(Settings(data_dir=data_dir))
    try:
        figures = measure_latency(service, items, rounds)
    finally:
        service.close()
    say(f"answers {label:<26} p50 {pct(figures['total'], 50):6.1f} ms  p95 {pct(figures['total'], 95):6.1f} ms  "
        f"retrieve p50/p95 {pct(figures['retrieve'], 50):.1f}/{pct(figures['retrieve'], 95):.1f}  "
        f"answer p50/p95 {pct(figures['answer'], 50):.1f}/{pct(figures['answer'], 95):.1f}  "
        f"(n={len(figures['total'])})")
    return figures


def load(data_dir: Path, seconds: float, clients: int, label: str) -> None:
    port = free_port()
    proc = start_server(data_dir, port)
    url = f"http://127.0.0.1:{port}"
    try:
        wait_ready(url, 600, proc)
        result = asyncio.run(run_load(url, clients, seconds, None, None))
        rss = server_rss_mib(proc.pid)
    finally:
        stop(proc)
    p50, p95 = (1000 * percentile(result.latencies, q) for q in (0.5, 0.95))
    say(f"load {label:<29} {result.rate:6.1f} req/s closed ({clients} clients, {seconds:g} s)  p50 {p50:.0f} ms  "
        f"p95 {p95:.0f} ms  errors {len(result.errors)}  server RSS {rss:.0f} MiB (goal <= 1536)")


def dense(data_dir: Path) -> None:
    """HNSW against exact search, on the same stored vectors, with the gold questions as queries."""
    settings = Settings(data_dir=data_dir)
    embedder = build_embedder(settings)
    records = build_records(settings)
    vectors = build_vectors(settings, embedder)
    t0 = time.perf_counter()
    exact = DenseIndex(records, vectors, max_rows=10**9)._load(records.generation())
    load_s = time.perf_counter() - t0
    approx = ChromaSearch(records.generation(), vectors)
    questions = [item.question for gold in GOLD for item in load_gold(gold)]
    queries = embedder.embed(questions)
    approx.query(queries[0], 10)  # Chroma loads its HNSW segment on the first query
    recall: dict[int, list[float]] = {10: [], 30: []}
    times: dict[str, list[float]] = {"exact": [], "hnsw": []}
    for vector in queries:
        for k, hits in recall.items():
            t0 = time.perf_counter()
            truth = {i for i, _ in exact.query(vector, k)}
            t1 = time.perf_counter()
            found = {i for i, _ in approx.query(vector, k)}
            t2 = time.perf_counter()
            hits.append(len(truth & found) / k)
            if k == 10:
                times["exact"].append((t1 - t0) * 1000)
                times["hnsw"].append((t2 - t1) * 1000)
    records.close()
    say(f"dense search over {len(exact.ids)} vectors, {len(queries)} gold questions: exact copy loaded in "
        f"{load_s:.1f} s ({exact.matrix.nbytes / 2**20:.0f} MiB)")
    for name, values in times.items():
        say(f"  {name:<6} k=10 p50 {pct(values, 50):6.2f} ms  p95 {pct(values, 95):6.2f} ms")
    say(f"  HNSW recall@10 {statistics.fmean(recall[10]):.3f} (min {min(recall[10]):.1f})  "
        f"recall@30 {statistics.fmean(recall[30]):.3f} (min {min(recall[30]):.2f})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path, nargs="?", help="where the synthetic corpus is written (not in the repo)")
    parser.add_argument("--scale", type=int, default=100, help="documents = scale x the reference corpus's")
    parser.add_argument("--corpus", type=Path, default=REPO / "corpus")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--rounds", type=int, default=2, help="passes over the gold questions per index")
    parser.add_argument("--load-seconds", type=float, default=15.0, help="length of each closed-loop run")
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--keep", type=Path, help="build the indexes here and keep them")
    parser.add_argument("--measure-only", action="store_true",
                        help="skip generating and ingesting: measure answers, load and dense search on the indexes "
                             "an earlier run left in --keep (to compare code changes on the same indexes)")
    parser.add_argument("--no-dense", action="store_true", help="leave out the exact / HNSW comparison")
    parser.add_argument("--ingest-only", type=Path, metavar="DATA_DIR", help="internal: one ingest, print JSON")
    args, rest = parser.parse_known_args()
    if args.ingest_only:
        ingest_only(args.ingest_only, [Path(p) for p in ([args.folder] if args.folder else []) + rest])
        return
    if args.measure_only:
        if args.keep is None or not (args.keep / "big").is_dir():
            parser.error("--measure-only needs --keep with the indexes of an earlier run")
        measure(args.keep / "small", args.keep / "big", args)
        return
    if args.folder is None:
        parser.error("the folder for the synthetic corpus is required")
    folder = args.folder.resolve()
    if folder.is_relative_to(REPO):
        raise SystemExit(f"{folder}: generate the synthetic corpus outside the repository")
    if folder.exists() and any(folder.iterdir()):
        raise SystemExit(f"{folder}: not empty; give a new folder")
    corpus = args.corpus.resolve()
    reference = sum(1 for p in corpus.iterdir() if p.name != "catalog.toml")
    count = reference * args.scale - reference  # the index holds the corpus too
    say(f"scale {args.scale}: {count} synthetic documents + the {reference} of {corpus.name}/ "
        f"(machine: {Path('/proc/cpuinfo').read_text().count('processor')} cores)")

    work = args.keep or Path(tempfile.mkdtemp(prefix="scale-idx-"))
    small, big = work / "small", work / "big"
    try:
        t0 = time.perf_counter()
        files = generate(corpus, folder, count, args.seed)
        size = sum(f.stat().st_size for f in files)
        say(f"generated {len(files)} files, {size / 2**20:.0f} MiB, in {time.perf_counter() - t0:.1f} s")
        ingest(small, [corpus], "ingest corpus/ (14-document index)")
        shutil.copytree(small, big)
        ingest(big, [corpus, folder], "ingest synthetic files (big index)")
        changed = files[:: 100][: max(1, math.ceil(len(files) / 100))]
        rewrite(changed, corpus, args.seed + 1)
        ingest(big, [corpus, folder], f"re-ingest, {len(changed)} files changed")
        measure(small, big, args)
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)


def measure(small: Path, big: Path, args: argparse.Namespace) -> None:
    """Answer latency, load and dense search on the two indexes."""
    figures = [latency(small, args.rounds, "14 documents"), latency(big, args.rounds, f"scale {args.scale}")]
    a, b = figures
    say(f"answers big / small: p50 {pct(b['total'], 50) / pct(a['total'], 50):.2f}x  "
        f"p95 {pct(b['total'], 95) / pct(a['total'], 95):.2f}x  (goal <= 2x each)")
    for label, data_dir in (("14 documents", small), (f"scale {args.scale}", big)):
        load(data_dir, args.load_seconds, args.clients, label)
    if not args.no_dense:
        dense(big)


if __name__ == "__main__":
    main()
