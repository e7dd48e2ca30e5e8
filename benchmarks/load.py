"""Load test of POST /api/v1/ask (extractive): a closed-loop saturation run and an open-loop paced run.

    .venv/bin/python benchmarks/load.py --data-dir data            # starts `assistant serve` on that index
    .venv/bin/python benchmarks/load.py --url http://127.0.0.1:8000 --key bma_...   # targets a running server
    .venv/bin/python benchmarks/load.py --data-dir data --workers 2 --chroma-server  # N workers over `chroma run`

closed: ``--clients`` tasks each send the next request as soon as the last returns; throughput is the server's maximum
and latency is clients / throughput by construction (it measures saturation, not a given load).
paced: the same tasks share one schedule of ``--rate`` requests/s; latency is counted from each request's scheduled
send time, so time spent queueing behind a slow server is counted (no coordinated omission).

``--probe``: /healthz and /readyz are probed every 100 ms from a process of their own during each run (as a load
balancer's checker would: a fresh connection each), and their p50/p95/max printed; e.g. ``--clients 300 --probe``
holds 300 questions in flight throughout (issue 18: probes answer within 100 ms under any load).

Goals (issue 4): >= 30 req/s with 16 clients, p95 <= 300 ms, 0 errors, server RSS <= 1 GB.
Questions cycle through tests/data/eval/dev.jsonl. Loopback only: the tool refuses any other host.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import multiprocessing
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

import httpx
import psutil

sys.path.insert(0, str(Path(__file__).resolve().parent))
from probes import PATHS, _prober, summary  # (the probes' own process, shared with benchmarks/probes.py)

REPO = Path(__file__).resolve().parents[1]
DEV_SET = REPO / "tests" / "data" / "eval" / "dev.jsonl"


@dataclass
class RunResult:
    name: str
    latencies: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    elapsed: float = 0.0
    rss_mib: float = float("nan")
    client_cpu_ms: float = float("nan")  # the load generator's own CPU per request, on the cores the server uses
    probes: dict[str, list[float]] = field(default_factory=dict)  # path -> latencies (s) measured during the run

    @property
    def rate(self) -> float:
        return len(self.latencies) / self.elapsed if self.elapsed else 0.0


def questions() -> list[str]:
    return [json.loads(line)["question"] for line in DEV_SET.read_text(encoding="utf-8").splitlines() if line.strip()]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def start_server(data_dir: Path, port: int, workers: int = 1, chroma_url: str | None = None) -> subprocess.Popen:
    env = {
        **os.environ,
        "ASSISTANT_DATA_DIR": str(data_dir),
        "ASSISTANT_RATE_LIMIT_PER_MINUTE": "1000000",  # the benchmark measures throughput, not the limiter
        "ASSISTANT_API_KEYS_FILE": "",
    }
    if chroma_url:
        env["ASSISTANT_CHROMA_URL"] = chroma_url
    command = [sys.executable, "-m", "assistant.cli", "serve", "--host", "127.0.0.1", "--port", str(port),
               "--log-level", "warning", "--workers", str(workers)]
    return subprocess.Popen(command, env=env, cwd=REPO)  # noqa: S603


def start_chroma(data_dir: Path, port: int) -> subprocess.Popen:
    """`chroma run` over the index's own vectors, for several workers (the embedded store has one writer)."""
    chroma = Path(sys.executable).with_name("chroma")
    proc = subprocess.Popen([str(chroma), "run", "--path", str(data_dir / "chroma"), "--port", str(port)],  # noqa: S603
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/api/v2/heartbeat", timeout=2).status_code == 200:
                return proc
        except httpx.HTTPError:
            time.sleep(0.5)
    proc.kill()
    raise SystemExit("chroma run did not answer within 60 s")


def stop(proc: subprocess.Popen | None) -> None:
    if proc is None:
        return
    proc.terminate()
    try:
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        proc.kill()


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


class Connection:
    """One keep-alive HTTP/1.1 connection per client, written by hand: httpx spent ~2.5 ms of CPU per request on
    the 2 cores the server shares, this ~0.3 ms. The server gets the same request bytes either way."""

    def __init__(self, url: str, headers: dict[str, str]) -> None:
        parsed = urlparse(url)
        self.host, self.port = parsed.hostname or "127.0.0.1", parsed.port or 80
        self.head = "".join(f"{k}: {v}\r\n" for k, v in {"Host": parsed.netloc, "Content-Type": "application/json",
                                                              **headers}.items())
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def post(self, path: str, payload: dict) -> tuple[int, bytes]:
        body = json.dumps(payload).encode()
        if self.writer is None:
            self.reader, self.writer = await asyncio.open_connection(self.host, self.port)
        assert self.reader is not None
        self.writer.write(f"POST {path} HTTP/1.1\r\n{self.head}Content-Length: {len(body)}\r\n\r\n".encode() + body)
        try:
            async with asyncio.timeout(60):
                head = (await self.reader.readuntil(b"\r\n\r\n")).decode("latin-1").lower()
                length = int(head.split("content-length:", 1)[1].split("\r\n", 1)[0])  # the API always sends it
                data = await self.reader.readexactly(length)
        except BaseException:
            self.close()
            raise
        if "connection: close" in head:
            self.close()
        return int(head.split(" ", 2)[1]), data

    def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
        self.reader = self.writer = None


async def send_one(conn: Connection, question: str, since: float, result: RunResult) -> None:
    """``since`` is when the request should have gone out: its send time (closed) or its scheduled time (paced)."""
    try:
        status, data = await conn.post("/api/v1/ask", {"question": question, "mode": "extractive"})
        if status == 200:
            result.latencies.append(time.perf_counter() - since)
        else:
            result.errors.append(f"{status}: {data[:120].decode(errors='replace')}")
    except (OSError, asyncio.IncompleteReadError, asyncio.LimitOverrunError, TimeoutError, ValueError,
            IndexError) as exc:
        result.errors.append(f"{type(exc).__name__}: {exc}")


async def closed_client(conn: Connection, qs: list[str], offset: int, stop_at: float, result: RunResult) -> None:
    i = offset
    while time.perf_counter() < stop_at:
        await send_one(conn, qs[i % len(qs)], time.perf_counter(), result)
        i += 1


async def paced_client(conn: Connection, qs: list[str], schedule: list[float], cursor: list[int],
                       result: RunResult) -> None:
    """Takes the next slot of the shared schedule; a slot already past is sent at once and its wait is counted."""
    while cursor[0] < len(schedule):
        n = cursor[0]
        cursor[0] += 1
        delay = schedule[n] - time.perf_counter()
        if delay > 0:
            await asyncio.sleep(delay)
        await send_one(conn, qs[n % len(qs)], schedule[n], result)


async def run_load(url: str, clients: int, seconds: float, key: str | None, rate: float | None,
                   probe: bool = False) -> RunResult:
    headers = {"Authorization": f"Bearer {key}"} if key else {}
    conns = [Connection(url, headers) for _ in range(clients)]
    qs = questions()
    result = RunResult("closed" if rate is None else f"paced {rate:g}/s")
    warm = RunResult("warm")
    for n, q in enumerate(qs):  # one warm pass: model loaded and connections open, as on a server that has been up
        await send_one(conns[n % clients], q, time.perf_counter(), warm)
    prober = None
    if probe:
        ctx = multiprocessing.get_context("spawn")
        start, stop_probes, probe_results = ctx.Event(), ctx.Event(), ctx.Queue()
        prober = ctx.Process(target=_prober, args=(url, start, stop_probes, 0.1, probe_results))
        prober.start()
    cpu = time.process_time()
    begin = time.perf_counter()
    if prober is not None:
        start.set()
    if rate is None:
        tasks = [closed_client(conn, qs, n * 3, begin + seconds, result) for n, conn in enumerate(conns)]
    else:
        schedule = [begin + i / rate for i in range(int(rate * seconds))]
        cursor = [0]
        tasks = [paced_client(conn, qs, schedule, cursor, result) for conn in conns]
    await asyncio.gather(*tasks)
    if prober is not None:
        stop_probes.set()
        result.probes = probe_results.get(timeout=600)
        prober.join()
    result.elapsed = max(time.perf_counter() - begin, seconds)
    result.client_cpu_ms = 1000 * (time.process_time() - cpu) / max(1, len(result.latencies) + len(result.errors))
    for conn in conns:
        conn.close()
    return result


def percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def meets_goals(result: RunResult) -> bool:
    return (result.rate >= 30 and percentile(result.latencies, 0.95) <= 0.3 and not result.errors
            and result.rss_mib <= 1024)


def print_table(results: list[RunResult], clients: int) -> None:
    print(f"clients: {clients}  questions: {len(questions())} distinct (cycled)")
    print(f"{'run':<14}{'seconds':>8}{'ok':>7}{'errors':>7}{'req/s':>8}{'p50 ms':>8}{'p95 ms':>8}{'p99 ms':>8}"
          f"{'mean ms':>8}{'RSS MiB':>9}{'client CPU ms/req':>19}  goals")
    for r in results:
        ms = [1000 * percentile(r.latencies, q) for q in (0.5, 0.95, 0.99)]
        mean = 1000 * statistics.fmean(r.latencies) if r.latencies else float("nan")
        print(f"{r.name:<14}{r.elapsed:>8.1f}{len(r.latencies):>7}{len(r.errors):>7}{r.rate:>8.1f}{ms[0]:>8.0f}"
              f"{ms[1]:>8.0f}{ms[2]:>8.0f}{mean:>8.0f}{r.rss_mib:>9.0f}{r.client_cpu_ms:>19.2f}  {'met' if meets_goals(r) else 'NOT met'}")
        for error in sorted(set(r.errors))[:5]:
            print(f"    error: {error}")
    for r in results:
        for path in PATHS if r.probes else ():
            print(f"{r.name:<14}{summary(r.probes, path)}")
    print("closed = saturation (each client sends when its last answer arrives: max throughput, latency = clients / "
          "throughput); paced = open loop at the given rate, latency from the scheduled send time.")
    print("goals: >= 30 req/s, p95 <= 300 ms, 0 errors, server RSS <= 1 GiB")


def server_rss_mib(pid: int | None) -> float:
    """The server and its worker processes together (``--workers`` forks children)."""
    if not pid:
        return float("nan")
    root = psutil.Process(pid)
    return sum(p.memory_info().rss for p in [root, *root.children(recursive=True)]) / 2**20


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", help="target a running server (loopback only); default: start one")
    parser.add_argument("--data-dir", type=Path, default=REPO / "data", help="index for the server this tool starts")
    parser.add_argument("--pid", type=int, help="server process id for RSS when --url is given")
    parser.add_argument("--key", help="API key, when the server has keys")
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--seconds", type=float, default=30.0, help="length of each run")
    parser.add_argument("--rate", type=float, default=32.0, help="requests/s of the paced run (goal: 30)")
    parser.add_argument("--runs", choices=("both", "closed", "paced"), default="both")
    parser.add_argument("--workers", type=int, default=1, help="server processes; more than 1 needs --chroma-server")
    parser.add_argument("--chroma-server", action="store_true", help="serve vectors from `chroma run` over a copy")
    parser.add_argument("--probe", action="store_true", help="probe /healthz and /readyz during each run")
    args = parser.parse_args()

    proc = chroma = None
    url = args.url
    scratch = None
    if url is None:
        data_dir = args.data_dir
        chroma_url = None
        if args.chroma_server:  # a copy: `chroma run` takes the vectors over, the index itself stays untouched
            scratch = tempfile.TemporaryDirectory(prefix="load-")
            data_dir = Path(scratch.name) / "idx"
            shutil.copytree(args.data_dir, data_dir)
            chroma_port = free_port()
            chroma = start_chroma(data_dir, chroma_port)
            chroma_url = f"http://127.0.0.1:{chroma_port}"
        port = free_port()
        url = f"http://127.0.0.1:{port}"
        proc = start_server(data_dir, port, args.workers, chroma_url)
    host = urlparse(url).hostname or ""
    if host not in ("127.0.0.1", "localhost", "::1"):
        raise SystemExit("load tests run against loopback only")
    rates = {"both": [None, args.rate], "closed": [None], "paced": [args.rate]}[args.runs]
    results = []
    try:
        wait_ready(url, 300, proc)
        for rate in rates:
            result = asyncio.run(run_load(url, args.clients, args.seconds, args.key, rate, args.probe))
            result.rss_mib = server_rss_mib(proc.pid if proc is not None else args.pid)
            results.append(result)
        if chroma is not None:
            print(f"workers: {args.workers} over chroma run; chroma server RSS: {server_rss_mib(chroma.pid):.0f} MiB "
                  "(not counted in the RSS column)")
    finally:
        stop(proc)
        stop(chroma)
        if scratch is not None:
            scratch.cleanup()
    print_table(results, args.clients)


if __name__ == "__main__":
    main()
