"""Latency of /healthz and /readyz while many questions are in flight (issue 18: probes must not queue behind them).

    .venv/bin/python benchmarks/probes.py --url http://127.0.0.1:8000 [--key bma_...] [--questions 300]

Sends ``--questions`` questions at once, then probes both endpoints every ``--interval`` seconds until the last
question returns, and prints each probe's p50/p95/max latency and how many probes ran while questions were pending.

The probes run in a process of their own, one blocking connection per probe as a load balancer's checker makes them:
timed from the event loop that also sends the questions, a probe would include that loop's own delay in handling
hundreds of responses (the figures before 2026-12-05 10:00 UTC did). ``--same-loop`` still measures it that way.
Loopback only: the tool refuses any other host.
"""

from __future__ import annotations

import argparse
import asyncio
import multiprocessing
import statistics
import threading
import time
from multiprocessing.synchronize import Event
from urllib.parse import urlparse

import httpx

QUESTIONS = ["What are the strategies of the foreign affairs plan?", "Which cities are sister cities of Bangkok?",
             "When does the plan end?", "What does the plan say about tourism?"]
PATHS = ("/healthz", "/readyz")


def _probe_loop(url: str, path: str, start: Event, stop: Event, interval: float, out: list[float]) -> None:
    start.wait()
    with httpx.Client(base_url=url, timeout=600) as client:
        while not stop.is_set():
            begin = time.perf_counter()
            response = client.get(path, headers={"Connection": "close"})  # a fresh connection, as a checker's
            if not stop.is_set():
                out.append(time.perf_counter() - begin)
            if response.status_code != 200:
                print(f"{path}: {response.status_code} {response.text[:200]}")
            stop.wait(interval)


def _prober(url: str, start: Event, stop: Event, interval: float, results: multiprocessing.Queue) -> None:
    """Probes both paths, each from its own thread, in a process that does nothing else."""
    out: dict[str, list[float]] = {path: [] for path in PATHS}
    threads = [threading.Thread(target=_probe_loop, args=(url, path, start, stop, interval, out[path]))
               for path in PATHS]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    results.put(out)


async def _same_loop_probe(client: httpx.AsyncClient, path: str, pending: list[int], out: list[float],
                           interval: float) -> None:
    while pending[0]:
        begin = time.perf_counter()
        await client.get(path)
        if pending[0]:
            out.append(time.perf_counter() - begin)
        await asyncio.sleep(interval)


async def run(url: str, key: str | None, questions: int, interval: float, same_loop: bool) -> None:
    headers = {"Authorization": f"Bearer {key}"} if key else {}
    limits = httpx.Limits(max_connections=questions + 10)
    ctx = multiprocessing.get_context("spawn")
    start, stop, results = ctx.Event(), ctx.Event(), ctx.Queue()
    prober = None if same_loop else ctx.Process(target=_prober, args=(url, start, stop, interval, results))
    if prober is not None:
        prober.start()
    out: dict[str, list[float]] = {path: [] for path in PATHS}
    async with httpx.AsyncClient(base_url=url, headers=headers, timeout=600, limits=limits) as client:
        pending = [questions]
        statuses: dict[int, int] = {}

        async def ask(n: int) -> None:
            response = await client.post("/api/v1/ask", json={"question": QUESTIONS[n % len(QUESTIONS)]})
            statuses[response.status_code] = statuses.get(response.status_code, 0) + 1
            pending[0] -= 1

        begin = time.perf_counter()
        start.set()
        probes = [_same_loop_probe(client, path, pending, out[path], interval) for path in PATHS] if same_loop else []
        await asyncio.gather(*(ask(n) for n in range(questions)), *probes)
        stop.set()
        elapsed = time.perf_counter() - begin
    if prober is not None:
        out = results.get(timeout=600)
        prober.join()
    print(f"{questions} questions in {elapsed:.1f} s, statuses {statuses}")
    for path in PATHS:
        values = out[path]
        if not values:
            print(f"{path}: no probe finished while questions were pending")
            continue
        ms = sorted(v * 1000 for v in values)
        p95 = ms[min(len(ms) - 1, int(0.95 * len(ms)))]
        print(f"{path}: {len(ms)} probes under load, p50 {statistics.median(ms):.1f} ms, p95 {p95:.1f} ms, "
              f"max {ms[-1]:.1f} ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--url", required=True, help="Base URL of a running service on a loopback address.")
    parser.add_argument("--key", help="API key, when the service has keys.")
    parser.add_argument("--questions", type=int, default=300, help="Questions sent at once.")
    parser.add_argument("--interval", type=float, default=0.1, help="Seconds between probes.")
    parser.add_argument("--same-loop", action="store_true",
                        help="Probe from the event loop that sends the questions (the old, client-bound figure).")
    args = parser.parse_args()
    host = urlparse(args.url).hostname or ""
    if host not in ("127.0.0.1", "localhost", "::1"):
        parser.error("loopback addresses only")
    asyncio.run(run(args.url, args.key, args.questions, args.interval, args.same_loop))


if __name__ == "__main__":
    main()
