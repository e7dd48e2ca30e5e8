"""Latency of /healthz and /readyz while many questions are in flight (issue 18: probes must not queue behind them).

    .venv/bin/python benchmarks/probes.py --url http://127.0.0.1:8000 [--key bma_...] [--questions 300]

Sends ``--questions`` questions at once, then probes both endpoints every ``--interval`` seconds until the last
question returns, and prints each probe's p50/p95/max latency and how many probes ran while questions were pending.
Loopback only: the tool refuses any other host.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import time
from urllib.parse import urlparse

import httpx

QUESTIONS = ["What are the strategies of the foreign affairs plan?", "Which cities are sister cities of Bangkok?",
             "When does the plan end?", "What does the plan say about tourism?"]


async def _probe(client: httpx.AsyncClient, path: str, pending: list[int], out: list[float], interval: float) -> None:
    while pending[0]:
        start = time.perf_counter()
        response = await client.get(path)
        if pending[0]:
            out.append(time.perf_counter() - start)
        if response.status_code != 200:
            print(f"{path}: {response.status_code} {response.text[:200]}")
        await asyncio.sleep(interval)


async def run(url: str, key: str | None, questions: int, interval: float) -> None:
    headers = {"Authorization": f"Bearer {key}"} if key else {}
    limits = httpx.Limits(max_connections=questions + 10)
    async with httpx.AsyncClient(base_url=url, headers=headers, timeout=600, limits=limits) as client:
        pending = [questions]
        statuses: dict[int, int] = {}

        async def ask(n: int) -> None:
            response = await client.post("/api/v1/ask", json={"question": QUESTIONS[n % len(QUESTIONS)]})
            statuses[response.status_code] = statuses.get(response.status_code, 0) + 1
            pending[0] -= 1

        health: list[float] = []
        ready: list[float] = []
        start = time.perf_counter()
        await asyncio.gather(*(ask(n) for n in range(questions)),
                             _probe(client, "/healthz", pending, health, interval),
                             _probe(client, "/readyz", pending, ready, interval))
        elapsed = time.perf_counter() - start
    print(f"{questions} questions in {elapsed:.1f} s, statuses {statuses}")
    for name, values in (("/healthz", health), ("/readyz", ready)):
        if not values:
            print(f"{name}: no probe finished while questions were pending")
            continue
        ms = sorted(v * 1000 for v in values)
        p95 = ms[min(len(ms) - 1, int(0.95 * len(ms)))]
        print(f"{name}: {len(ms)} probes under load, p50 {statistics.median(ms):.1f} ms, p95 {p95:.1f} ms, "
              f"max {ms[-1]:.1f} ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--url", required=True, help="Base URL of a running service on a loopback address.")
    parser.add_argument("--key", help="API key, when the service has keys.")
    parser.add_argument("--questions", type=int, default=300, help="Questions sent at once.")
    parser.add_argument("--interval", type=float, default=0.1, help="Seconds between probes.")
    args = parser.parse_args()
    host = urlparse(args.url).hostname or ""
    if host not in ("127.0.0.1", "localhost", "::1"):
        parser.error("loopback addresses only")
    asyncio.run(run(args.url, args.key, args.questions, args.interval))


if __name__ == "__main__":
    main()
