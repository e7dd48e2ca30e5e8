"""A service that started with keys fails closed: once every key is revoked, the key file is deleted, emptied or
broken, each request is refused (401, or 503 for a broken file) instead of being served as the local administrator;
a key added again through the CLI works at once. Real key file, real CLI, real app over a real index."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from assistant.config import Settings
from assistant.access.keys import KeyStore
from assistant.service import AssistantService
from tests.api.conftest import Keys
from tests.conftest import REPO

pytestmark = pytest.mark.slow

MEMO_FILE = "/api/v1/documents/legal-memo.txt/file"


def _cli(keys_file: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {"ASSISTANT_API_KEYS_FILE": str(keys_file), "PATH": "/usr/bin:/bin", "PYTHONPATH": str(REPO)}
    return subprocess.run([sys.executable, "-m", "assistant.cli", "keys", *args], capture_output=True, text=True,
                          env=env, cwd=REPO, timeout=120, check=False)


@pytest.fixture
def keyed(tmp_path: Path, restricted_settings: Settings, restricted_service: AssistantService
          ) -> Iterator[tuple[TestClient, Path, str, str]]:
    """An app over the restricted index with one admin key of its own (the session's key file stays untouched)."""
    keys_file = tmp_path / "keys.json"
    record, key = KeyStore(keys_file).add("admin", [])
    settings = restricted_settings.model_copy(update={"api_keys_file": keys_file})
    with TestClient(create_app(settings, service=restricted_service)) as client:
        yield client, keys_file, record.id, key


def _refused_everywhere(client: TestClient, key: str, status: int = 401) -> None:
    for headers in ({}, Keys.header(key), Keys.header("bma_0000000_not-a-key")):
        for response in (client.get("/api/v1/documents", headers=headers), client.get(MEMO_FILE, headers=headers),
                         client.delete("/api/v1/documents/open-note.txt", headers=headers),
                         client.post("/api/v1/ask", json={"question": "Who signed the memo?"}, headers=headers)):
            assert response.status_code == status, (headers, response.request.url, response.text)
            assert "Pimchanok" not in response.text


def test_revoking_the_last_key_refuses_every_request(keyed: tuple[TestClient, Path, str, str]) -> None:
    client, keys_file, key_id, key = keyed
    assert client.get(MEMO_FILE, headers=Keys.header(key)).status_code == 200
    assert client.get("/api/v1/documents").status_code == 401

    revoked = _cli(keys_file, "revoke", key_id)
    assert revoked.returncode == 0, revoked.stderr
    assert json.loads(keys_file.read_text()) == {"keys": []}
    _refused_everywhere(client, key)

    added = _cli(keys_file, "add", "--role", "staff")
    assert added.returncode == 0, added.stderr
    new_key = next(line.split(": ", 1)[1] for line in added.stdout.splitlines() if line.startswith("key: "))
    assert client.get("/api/v1/documents", headers=Keys.header(new_key)).status_code == 200
    assert client.get("/api/v1/documents").status_code == 401


@pytest.mark.parametrize("damage", ["deleted", "empty-list", "empty-file", "not-json", "wrong-shape"])
def test_a_removed_or_broken_key_file_refuses_every_request(keyed: tuple[TestClient, Path, str, str],
                                                            damage: str) -> None:
    client, keys_file, _, key = keyed
    assert client.get("/api/v1/documents", headers=Keys.header(key)).status_code == 200
    if damage == "deleted":
        keys_file.unlink()
    else:
        keys_file.write_text({"empty-list": '{"keys": []}', "empty-file": "", "not-json": "{keys",
                              "wrong-shape": '{"keys": [{"id": "x", "role": "boss"}]}'}[damage])
    broken = damage in ("empty-file", "not-json", "wrong-shape")
    _refused_everywhere(client, key, status=503 if broken else 401)
    if broken:
        response = client.get("/api/v1/documents", headers=Keys.header(key))
        assert response.status_code == 503 and "key file" in response.json()["detail"]
        assert str(keys_file.parent) not in response.text and "keys.json" not in response.text  # no server path


def test_a_service_started_without_keys_stays_the_local_administrator(tmp_path: Path, restricted_settings: Settings,
                                                                      restricted_service: AssistantService) -> None:
    """The positive control: keyless start (loopback only, enforced by `assistant serve`) is still open."""
    settings = restricted_settings.model_copy(update={"api_keys_file": tmp_path / "absent.json"})
    with TestClient(create_app(settings, service=restricted_service)) as client:
        assert client.get(MEMO_FILE).status_code == 200
