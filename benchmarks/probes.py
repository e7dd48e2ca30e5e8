"""Latency of /healthz and /readyz while many questions are in flight (issue 18: probes must not queue behind them).

    .venv/bin/python benchmarks/probes.py --url http://127.0.0.1:8000 [--key bma_...] [--questions 300]
        [--probe-url http://127.0.0.1:8001]

Sends ``--questions`` questions at once, then probes both endpoints every ``--interval`` seconds until the last
question returns, and prints each probe's p50/p95/max latency and how many probes ran while questions were pending.

The probes run in a process of their own, one blocking connection per probe as a load balancer's checker makes them:
timed from the event loop that also sends the questions, a probe would include that loop's own delay in handling
hundreds of responses (the figures before 2026-12-05 10:00 UTC did). ``--same-loop`` still measures it that way.
On a machine the load client shares, the prober itself waits for a core: each probe also records its own thread's
run-queue wait (Linux schedstat), printed as ``prober wait`` and taken out in ``net`` (what the service spent).
Loopback only: the tool refuses any other host.
"""

from __future__ import annotations

import argparse
import asyncio
import multiprocessing
import threading
import time
from multiprocessing.synchronize import Event
from urllib.parse import urlparse

import httpx

QUESTIONS = ["What are the strategies of the foreign affairs plan?", "Which cities are sister cities of Bangkok?",
             "When does the plan end?", "What does the plan say about tourism?"]
PATHS = ("/healthz", "/readyz")


def own_wait() -> float:
    """Seconds this thread has spent runnable but waiting for a core (0 where Linux schedstat is missing)."""
    try:
        with open("/proc/thread-self/schedstat") as f:
            return int(f.read().split()[1]) / 1e9
    except (OSError, ValueError, IndexError):
        return 0.0


def _probe_loop(target: str, start: Event, stop: Event, interval: float, out: list[float], waits: list[float]) -> None:
    url, path = target.rsplit("/", 1)
    path = "/" + path
    start.wait()
    with httpx.Client(base_url=url, timeout=600) as client:
        while not stop.is_set():
            waited = own_wait()
            begin = time.perf_counter()
            response = client.get(path, headers={"Connection": "close"})  # a fresh connection, as a checker's
            if not stop.is_set():
                out.append(time.perf_counter() - begin)
                waits.append(own_wait() - waited)
            if response.status_code != 200:
                print(f"{path}: {response.status_code} {response.text[:200]}")
            stop.wait(interval)


def _prober(targets: list[str], start: Event, stop: Event, interval: float, results: multiprocessing.Queue) -> None:
    """Probes each target URL (a base URL and a path), each from its own thread, in a process that does nothing
    else."""
    out: dict[str, list[float]] = {key: [] for target in targets for key in (target, wait_key(target))}
    threads = [threading.Thread(target=_probe_loop, args=(target, start, stop, interval, out[target],
                                                          out[wait_key(target)])) for target in targets]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    results.put(out)


def wait_key(path: str) -> str:
    return f"{path} prober wait"


def _pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] if ordered else float("nan")


def summary(out: dict[str, list[float]], path: str) -> str:
    """p50/p95/max of one path's probes in ms, with the prober's own wait for a core and what is left (net)."""
    ms = [v * 1000 for v in out.get(path, [])]
    if not ms:
        return f"{path}: no probe finished under load"
    line = (f"{path}: {len(ms)} probes, p50 {_pct(ms, 0.5):.1f} ms, p95 {_pct(ms, 0.95):.1f} ms, "
            f"max {max(ms):.1f} ms, over 100 ms: {sum(v > 100 for v in ms)}")
    waits = [w * 1000 for w in out.get(wait_key(path), [])]
    if len(waits) == len(ms) and any(waits):
        net = [v - w for v, w in zip(ms, waits)]
        line += (f"; prober wait p95 {_pct(waits, 0.95):.1f} max {max(waits):.1f} ms; net p50 {_pct(net, 0.5):.1f} "
                 f"p95 {_pct(net, 0.95):.1f} max {max(net):.1f} ms, over 100 ms: {sum(v > 100 for v in net)}")
    return line


async def _same_loop_probe(client: httpx.AsyncClient, path: str, pending: list[int], out: list[float],
                           interval: float) -> None:
    while pending[0]:
        begin = time.perf_counter()
        await client.get(path)
        if pending[0]:
            out.append(time.perf_counter() - begin)
        await asyncio.sleep(interval)


async def run(url: str, key: str | None, questions: int, interval: float, same_loop: bool,
              probe_url: str | None = None) -> None:
    headers = {"Authorization": f"Bearer {key}"} if key else {}
    limits = httpx.Limits(max_connections=questions + 10)
    ctx = multiprocessing.get_context("spawn")
    start, stop, results = ctx.Event(), ctx.Event(), ctx.Queue()
    targets = [f"{base}{path}" for base in (url, probe_url) if base for path in PATHS]
    prober = None if same_loop else ctx.Process(target=_prober, args=(targets, start, stop, interval, results))
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
    for target in PATHS if same_loop else targets:
        print(summary(out, target))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--url", required=True, help="Base URL of a running service on a loopback address.")
    parser.add_argument("--key", help="API key, when the service has keys.")
    parser.add_argument("--questions", type=int, default=300, help="Questions sent at once.")
    parser.add_argument("--interval", type=float, default=0.1, help="Seconds between probes.")
    parser.add_argument("--same-loop", action="store_true",
                        help="Probe from the event loop that sends the questions (the old, client-bound figure).")
    parser.add_argument("--probe-url", help="Also probe this base URL in the same run: the service's probe port "
                        "(ASSISTANT_PROBE_PORT), e.g. http://127.0.0.1:8001.")
    args = parser.parse_args()
    for url in (args.url, args.probe_url or args.url):
        if (urlparse(url).hostname or "") not in ("127.0.0.1", "localhost", "::1"):
            parser.error("loopback addresses only")
    if args.probe_url and args.same_loop:
        parser.error("--probe-url probes from a process of its own: leave out --same-loop")
    asyncio.run(run(args.url, args.key, args.questions, args.interval, args.same_loop, args.probe_url))


if __name__ == "__main__":
    main()
