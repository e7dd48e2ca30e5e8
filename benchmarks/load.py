"""Load test of POST /api/v1/ask (extractive) with concurrent clients; prints requests/s, latency percentiles,
errors and the server's RSS afterwards.

    .venv/bin/python benchmarks/load.py --data-dir data            # starts `assistant serve` on that index
    .venv/bin/python benchmarks/load.py --url http://127.0.0.1:8000 --key bma_...   # targets a running server

Goals (issue 4): >= 30 req/s with 16 clients, p95 <= 300 ms, 0 errors, server RSS <= 1 GB.
Questions cycle through ../shared/eval/dev.jsonl. Loopback only: the tool refuses any other host.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlparse

import httpx
import psutil

REPO = Path(__file__).resolve().parents[1]
DEV_SET = REPO.parent / "shared" / "eval" / "dev.jsonl"
FALLBACK_QUESTIONS = ["What are the three strategies of the 5-year foreign affairs plan?"]


def questions() -> list[str]:
    if not DEV_SET.is_file():
        return FALLBACK_QUESTIONS
    return [json.loads(line)["question"] for line in DEV_SET.read_text(encoding="utf-8").splitlines() if line.strip()]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def start_server(data_dir: Path, port: int) -> subprocess.Popen:
    env = {
        **os.environ,
        "ASSISTANT_DATA_DIR": str(data_dir),
        "ASSISTANT_RATE_LIMIT_PER_MINUTE": "1000000",  # the benchmark measures throughput, not the limiter
        "ASSISTANT_API_KEYS_FILE": "",
    }
    return subprocess.Popen(  # noqa: S603
        [sys.executable, "-m", "assistant.cli", "serve", "--host", "127.0.0.1", "--port", str(port), "--log-level", "warning"],
        env=env, cwd=REPO,
    )


def wait_ready(url: str, timeout_s: float, proc: subprocess.Popen | None) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if proc is not None and proc.poll() is not None:
            raise SystemExit(f"the server exited with {proc.returncode}")
        try:
            if httpx.get(f"{url}/readyz", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.5)
    raise SystemExit(f"{url}/readyz did not answer 200 within {timeout_s:g} s")


async def client_loop(
    client: httpx.AsyncClient, qs: list[str], offset: int, stop_at: float, latencies: list[float], errors: list[str], limit: int
) -> None:
    i = offset
    while time.monotonic() < stop_at and len(latencies) + len(errors) < limit:
        question = qs[i % len(qs)]
        i += 1
        begin = time.perf_counter()
        try:
            response = await client.post("/api/v1/ask", json={"question": question, "mode": "extractive"})
            if response.status_code == 200:
                latencies.append(time.perf_counter() - begin)
            else:
                errors.append(f"{response.status_code}: {response.text[:120]}")
        except httpx.HTTPError as exc:
            errors.append(f"{type(exc).__name__}: {exc}")


async def run_load(url: str, clients: int, seconds: float, key: str | None, max_requests: int) -> tuple[list[float], list[str], float]:
    headers = {"Authorization": f"Bearer {key}"} if key else {}
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    qs = questions()
    async with httpx.AsyncClient(base_url=url, headers=headers, limits=limits, timeout=60) as client:
        for q in qs:  # one warm pass: model and caches loaded, as on a server that has been up a while
            await client.post("/api/v1/ask", json={"question": q, "mode": "extractive"})
        latencies: list[float] = []
        errors: list[str] = []
        begin = time.monotonic()
        stop_at = begin + seconds
        await asyncio.gather(*(client_loop(client, qs, n * 3, stop_at, latencies, errors, max_requests) for n in range(clients)))
        elapsed = time.monotonic() - begin
    return latencies, errors, elapsed


def percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", help="target a running server (loopback only); default: start one")
    parser.add_argument("--data-dir", type=Path, default=REPO / "data", help="index for the server this tool starts")
    parser.add_argument("--pid", type=int, help="server process id for RSS when --url is given")
    parser.add_argument("--key", help="API key, when the server has keys")
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--seconds", type=float, default=20.0)
    parser.add_argument("--max-requests", type=int, default=20_000)
    args = parser.parse_args()

    proc = None
    url = args.url
    if url is None:
        port = free_port()
        url = f"http://127.0.0.1:{port}"
        proc = start_server(args.data_dir, port)
    host = urlparse(url).hostname or ""
    if host not in ("127.0.0.1", "localhost", "::1"):
        raise SystemExit("load tests run against loopback only")
    try:
        wait_ready(url, 300, proc)
        latencies, errors, elapsed = asyncio.run(run_load(url, args.clients, args.seconds, args.key, args.max_requests))
        pid = proc.pid if proc is not None else args.pid
        rss = psutil.Process(pid).memory_info().rss / 2**20 if pid else float("nan")
    finally:
        if proc is not None:
            proc.terminate()
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                proc.kill()
    rate = len(latencies) / elapsed if elapsed else 0.0
    print(f"clients: {args.clients}  duration: {elapsed:.1f} s  questions: {len(questions())} distinct")
    print(f"requests: {len(latencies)} ok, {len(errors)} errors  throughput: {rate:.1f} req/s")
    if latencies:
        print(f"latency ms: p50 {1000 * percentile(latencies, 0.5):.0f}  p95 {1000 * percentile(latencies, 0.95):.0f}  "
              f"p99 {1000 * percentile(latencies, 0.99):.0f}  mean {1000 * statistics.fmean(latencies):.0f}")
    print(f"server RSS after load: {rss:.0f} MiB")
    for error in sorted(set(errors))[:5]:
        print(f"  error: {error}")
    goals = rate >= 30 and percentile(latencies, 0.95) <= 0.3 and not errors and rss <= 1024
    print("goals (>= 30 req/s, p95 <= 300 ms, 0 errors, RSS <= 1 GiB):", "met" if goals else "NOT met")


if __name__ == "__main__":
    main()
