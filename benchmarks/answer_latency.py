"""Extractive answer latency over the gold questions: warm service, one warm-up, then p50/p95 per stage.

The first round meets every question's sentences for the first time (their embeddings are cached afterwards), so it
is printed on its own: it is what a new question costs.

Run after ingesting: ASSISTANT_DATA_DIR=... python benchmarks/answer_latency.py [GOLD.jsonl ...] [--rounds 3]
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

from assistant.config import get_settings
from assistant.evaluation import GoldItem, load_gold
from assistant.service import AssistantService


def pct(values: list[float], q: int) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[q - 1]


def measure(service: AssistantService, items: list[GoldItem], rounds: int) -> dict[str, list[float]]:
    """Milliseconds per answer ("total", "round1") and per stage ("retrieve", "answer"), after one warm-up."""
    service.ask(items[0].question, mode="extractive")  # warm-up: model load and first Chroma query
    timings: list[float] = []
    stages: dict[str, list[float]] = {"retrieve": [], "answer": []}
    for _ in range(rounds):
        for item in items:
            t0 = time.perf_counter()
            vector = service.retriever.embed_query(item.question)  # embedded once per question, as the service does
            passages = service.retriever.search(item.question, service.settings.top_k, None, None, query_vector=vector)
            t1 = time.perf_counter()
            service.answer_extractively(item.question, passages, query_vector=vector)
            t2 = time.perf_counter()
            stages["retrieve"].append((t1 - t0) * 1000)
            stages["answer"].append((t2 - t1) * 1000)
            timings.append((t2 - t0) * 1000)
    return {"total": timings, "round1": timings[: len(items)], **stages}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("gold", type=Path, nargs="*", default=[Path(__file__).resolve().parents[1] / "tests/data/eval/dev.jsonl"])
    parser.add_argument("--rounds", type=int, default=3, help="passes over the questions")
    args = parser.parse_args()
    items = [item for gold in args.gold for item in load_gold(gold)]
    figures = measure(AssistantService(get_settings()), items, args.rounds)
    timings, first = figures["total"], figures["round1"]
    print(f"extractive answers: n={len(timings)} over {len(items)} questions x {args.rounds} rounds")
    print(f"  total     p50 {pct(timings, 50):7.1f} ms   p95 {pct(timings, 95):7.1f} ms   max {max(timings):7.1f} ms")
    print(f"  round 1   p50 {pct(first, 50):7.1f} ms   p95 {pct(first, 95):7.1f} ms   (questions met for the first time)")
    for name in ("retrieve", "answer"):
        values = figures[name]
        print(f"  {name:9} p50 {pct(values, 50):7.1f} ms   p95 {pct(values, 95):7.1f} ms")


if __name__ == "__main__":
    main()
