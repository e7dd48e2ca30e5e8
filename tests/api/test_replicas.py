"""Past one machine: a `chroma run` server holds the vectors, two API processes behind one port share one data folder,
and a replica on its own snapshot of the records (`assistant snapshot`) answers the same questions with the same
citations. A CLI ingest of a new document is then answered by both workers, and by the replica after a fresh snapshot,
which it picks up without a restart.

Real parts: `chroma run`, `assistant ingest`, `assistant snapshot` and `assistant serve` (one with `--workers 2`)
in processes of their own on loopback ports, the real embedder, HTTP between them."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest

from tests.conftest import REPO, free_port, stop_process, wait_for_server

pytestmark = pytest.mark.slow

# Invented facts, so that every answer can only come from these files.
DOCUMENTS = {
    "lamps.txt": "Harbour lighting note.\n\nThe Velmora harbour lighting programme replaces 420 street lamps with "
                 "solar lamps before 2031.\n",
    "seeds.txt": "Seed vault note.\n\nThe Quarrin seed vault keeps 12,000 rice varieties in cold rooms at minus "
                 "eighteen degrees.\n",
}
QUESTIONS = ("How many street lamps does the Velmora harbour lighting programme replace?",
             "How many rice varieties does the Quarrin seed vault keep?")
ADDED = ("bridge.txt", "Footbridge upkeep note.\n\nThe Ostrel footbridge is repainted every seven years.\n")
ADDED_QUESTION = "How often is the Ostrel footbridge repainted?"


def _env(data: Path, chroma_url: str, prefix: str) -> dict[str, str]:
    return {**os.environ, "ASSISTANT_DATA_DIR": str(data), "ASSISTANT_CHROMA_URL": chroma_url,
            "ASSISTANT_COLLECTION_PREFIX": prefix, "ASSISTANT_API_KEYS_FILE": "", "ASSISTANT_LLM_BASE_URL": "",
            "ASSISTANT_RATE_LIMIT_PER_MINUTE": "1000000"}


def _cli(env: dict[str, str], *args: str) -> str:
    done = subprocess.run([sys.executable, "-m", "assistant.cli", *args], env=env, cwd=REPO,
                          capture_output=True, text=True, timeout=600, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


class Serving:
    """`assistant serve` in its own process; stopped (with its workers) when the test ends."""

    def __init__(self, env: dict[str, str], log: Path, workers: int) -> None:
        self.url = f"http://127.0.0.1:{free_port()}"
        self._log = log.open("wb")
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "assistant.cli", "serve", "--host", "127.0.0.1",
             "--port", self.url.rsplit(":", 1)[1], "--workers", str(workers), "--log-level", "warning"],
            env=env, cwd=REPO, stdout=self._log, stderr=subprocess.STDOUT)
        wait_for_server(self.proc, log, f"{self.url}/readyz", "assistant serve", timeout=180)

    def close(self) -> None:
        stop_process(self.proc, timeout=30)
        self._log.close()


@pytest.fixture
def cluster(tmp_path: Path, chroma_server: str) -> Iterator[tuple[dict[str, str], Path, Path, Serving]]:
    """Documents ingested into the shared Chroma with the records in ``data``; two workers serving ``data``."""
    docs, data = tmp_path / "docs", tmp_path / "data"
    docs.mkdir()
    for name, text in DOCUMENTS.items():
        (docs / name).write_text(text, encoding="utf-8")
    env = _env(data, chroma_server, f"replicas{free_port()}")
    _cli(env, "ingest", str(docs))
    env["ASSISTANT_PROBE_PORT"] = str(free_port())  # both workers answer probes on it (one port, reused)
    workers = Serving(env, tmp_path / "workers.log", workers=2)
    try:
        yield env, docs, tmp_path, workers
    finally:
        workers.close()


def _ask(url: str, question: str) -> tuple[str, dict]:
    """(the answering process's X-Served-By, the answer), on a fresh connection each time."""
    response = httpx.post(f"{url}/api/v1/ask", json={"question": question, "mode": "extractive"}, timeout=120)
    assert response.status_code == 200, response.text
    return response.headers["x-served-by"], response.json()


def _cited(answer: dict) -> list[tuple[str, int | None, str]]:
    return [(c["source"], c["page"], c["text"]) for c in answer["citations"]]


def _ask_all_workers(url: str, question: str) -> dict[str, dict]:
    """Asks in concurrent rounds until two processes have answered; their answers by X-Served-By."""
    answers: dict[str, dict] = {}
    with ThreadPoolExecutor(8) as pool:
        for _ in range(10):
            answers.update(pool.map(lambda _: _ask(url, question), range(8)))
            if len(answers) >= 2:
                return answers
    pytest.fail(f"only {sorted(answers)} answered {question!r} in 80 requests to two workers")


def test_two_workers_and_a_snapshot_replica_answer_alike(
        cluster: tuple[dict[str, str], Path, Path, Serving]) -> None:
    env, docs, tmp_path, workers = cluster
    replica_data = tmp_path / "replica"
    assert "2 document(s)" in _cli(env, "snapshot", str(replica_data))
    replica = Serving({**env, "ASSISTANT_DATA_DIR": str(replica_data), "ASSISTANT_PROBE_PORT": ""},
                      tmp_path / "replica.log", workers=1)
    try:
        probes = f"http://127.0.0.1:{env['ASSISTANT_PROBE_PORT']}"
        assert all(httpx.get(f"{probes}/readyz", timeout=10).status_code == 200 for _ in range(8))
        for question, name in zip(QUESTIONS, DOCUMENTS, strict=True):
            by_worker = _ask_all_workers(workers.url, question)
            assert len(by_worker) == 2
            expected = _cited(next(iter(by_worker.values())))
            assert all(a["found"] for a in by_worker.values()), by_worker
            assert expected and {c[0] for c in expected} == {name}
            assert all(_cited(a) == expected for a in by_worker.values())  # both workers, the same citations
            served_by, answer = _ask(replica.url, question)
            assert served_by not in by_worker  # its own process, on its own copy of the records
            assert answer["found"] and _cited(answer) == expected

        (docs / ADDED[0]).write_text(ADDED[1], encoding="utf-8")
        _cli(env, "ingest", str(docs))
        by_worker = _ask_all_workers(workers.url, ADDED_QUESTION)
        assert all(a["found"] and {c[0] for c in _cited(a)} == {ADDED[0]} for a in by_worker.values()), by_worker
        _, stale = _ask(replica.url, ADDED_QUESTION)  # its copy predates the ingest: the new vectors have no record
        assert ADDED[0] not in {c[0] for c in _cited(stale)}

        assert "3 document(s)" in _cli(env, "snapshot", str(replica_data))  # into the copy the replica is serving
        _, fresh = _ask(replica.url, ADDED_QUESTION)
        assert fresh["found"] and _cited(fresh) == _cited(next(iter(by_worker.values())))
    finally:
        replica.close()


def test_snapshot_refuses_without_a_chroma_server(tmp_path: Path) -> None:
    env = {**os.environ, "ASSISTANT_DATA_DIR": str(tmp_path / "data"), "ASSISTANT_CHROMA_URL": ""}
    done = subprocess.run([sys.executable, "-m", "assistant.cli", "snapshot", str(tmp_path / "copy")],
                          env=env, cwd=REPO, capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 2 and "Chroma server" in done.stderr and "Traceback" not in done.stderr
    assert not (tmp_path / "copy").exists()
