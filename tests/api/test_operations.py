"""Operations: health and readiness, Prometheus metrics, the audit log, key management and the serve guard."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from assistant.access.audit import AuditLog
from assistant.cli import app as cli
from assistant.config import Settings
from assistant.access.keys import KeyStore
from tests.api.conftest import PUBLIC_QUESTION, Keys

runner = CliRunner()


@pytest.mark.slow
def test_health_and_readiness(restricted_client: TestClient) -> None:
    assert restricted_client.get("/healthz").json() == {"status": "ok", "checks": {}}
    ready = restricted_client.get("/readyz")
    assert ready.status_code == 200, ready.text
    checks = ready.json()["checks"]
    assert checks["models"] == "ok" and checks["records"].startswith("ok") and checks["vectors"].startswith("ok")


@pytest.mark.slow
def test_readiness_counts_documents_only_for_a_key_that_sees_them_all(restricted_client: TestClient,
                                                                      api_keys: tuple) -> None:
    """The counts include restricted documents: a probe without a key (or with a staff or wrong one) gets no
    counts, an admin key gets them."""
    keys: Keys = api_keys[1]
    for headers in ({}, Keys.header(keys.staff), Keys.header(keys.legal), Keys.header("bma_nosuch_secret")):
        ready = restricted_client.get("/readyz", headers=headers)
        assert ready.status_code == 200 and ready.json()["checks"] == {"models": "ok", "records": "ok", "vectors": "ok"}
    checks = restricted_client.get("/readyz", headers=Keys.header(keys.admin)).json()["checks"]
    assert checks["records"] == "ok (2 documents)" and checks["vectors"].startswith("ok (") and "chunks" in checks["vectors"]


@pytest.mark.slow
def test_metrics_count_requests_answers_and_refusals(restricted_client: TestClient, api_keys: tuple) -> None:
    headers = Keys.header(api_keys[1].staff)
    restricted_client.post("/api/v1/ask", json={"question": PUBLIC_QUESTION}, headers=headers)
    restricted_client.post("/api/v1/ask", json={"question": "What is the population of Reykjavik in 1850?"}, headers=headers)
    text = restricted_client.get("/metrics").text
    assert 'assistant_http_requests_total{method="POST",route="/api/v1/ask",status="200"}' in text
    assert 'assistant_http_request_seconds_bucket{le="0.3",method="POST",route="/api/v1/ask"}' in text
    assert 'assistant_answers_total{found="true",mode="extractive"}' in text
    assert "assistant_refusals_total" in text and "assistant_ingest_jobs_pending" in text


@pytest.mark.slow
def test_every_question_is_audited(restricted_client: TestClient, restricted_settings: Settings, api_keys: tuple) -> None:
    from assistant.access.keys import KeyStore

    key = api_keys[1].legal
    key_id = KeyStore(restricted_settings.api_keys_file).authenticate(key).key_id
    restricted_client.post("/api/v1/ask", json={"question": PUBLIC_QUESTION}, headers=Keys.header(key))
    records = [r for r in AuditLog(restricted_settings).read() if r.key_id == key_id and r.question == PUBLIC_QUESTION]
    assert records, "no audit line for the question"
    last = records[-1]
    assert last.mode == "extractive" and last.found and "open-note.txt" in last.sources


def test_audit_files_older_than_retention_are_pruned(tmp_path: Path) -> None:
    from assistant.access.principal import LOCAL_ADMIN
    from assistant.models import Answer

    settings = Settings(data_dir=tmp_path, audit_retention_days=7)
    log = AuditLog(settings)
    log.folder.mkdir(parents=True)
    old, recent = log.folder / "audit-2000-01-01.jsonl", log.folder / "audit-2999-01-01.jsonl"
    old.write_text("{}\n")
    recent.write_text("{}\n")
    log.record(LOCAL_ADMIN, "q", Answer(answer="a", found=False, mode="extractive", question="q"), "ask")
    assert not old.exists() and recent.exists()
    assert log.read()[0].question == "q"


def test_keys_add_prints_the_key_once_and_stores_only_its_hash(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from assistant.config import get_settings

    path = tmp_path / "keys.json"
    monkeypatch.setenv("ASSISTANT_API_KEYS_FILE", str(path))
    get_settings.cache_clear()
    result = runner.invoke(cli, ["keys", "add", "--role", "staff", "--groups", "legal,protocol"])
    assert result.exit_code == 0, result.output
    key = next(line.split(": ", 1)[1] for line in result.stdout.splitlines() if line.startswith("key: "))
    assert key not in path.read_text()
    stored = json.loads(path.read_text())["keys"][0]
    assert stored["role"] == "staff" and stored["groups"] == ["legal", "protocol"]
    principal = KeyStore(path).authenticate(key)
    assert principal.role == "staff" and principal.groups == {"legal", "protocol"}
    listed = runner.invoke(cli, ["keys", "list"])
    assert stored["id"] in listed.stdout and key not in listed.stdout
    assert runner.invoke(cli, ["keys", "add", "--role", "root"]).exit_code == 2


def test_serve_refuses_a_network_address_without_keys(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from assistant.config import get_settings

    monkeypatch.delenv("ASSISTANT_API_KEYS_FILE", raising=False)
    get_settings.cache_clear()
    result = runner.invoke(cli, ["serve", "--host", "0.0.0.0", "--port", "9"])
    assert result.exit_code == 2
    assert "without API keys" in result.output


def test_is_loopback() -> None:
    from assistant.commands.serve import is_loopback

    assert is_loopback("127.0.0.1") and is_loopback("::1") and is_loopback("localhost")
    assert not is_loopback("0.0.0.0") and not is_loopback("10.1.2.3") and not is_loopback("example.org")
