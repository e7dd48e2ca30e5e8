"""A replica's data folder, made by `assistant snapshot`, has no writer: `assistant ingest` and `assistant
reindex-vectors` run on it are refused with what to do instead, exit non-zero and change nothing, neither the
replica's records nor the vectors on the shared Chroma server. The ingest host's folder is never marked: the remedy
the error names (ingest there, snapshot again) works.

Real parts: `chroma run`, the real embedder, every command through the CLI in a process of its own."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

import chromadb
import pytest

from assistant.store.records import RecordStore, records_path
from tests.conftest import REPO, free_port

pytestmark = pytest.mark.slow

FIRST = ("vault.txt", "Seed vault note.\n\nThe Quarrin seed vault keeps 12,000 rice varieties in cold rooms.\n")
ADDED = ("bridge.txt", "Footbridge upkeep note.\n\nThe Ostrel footbridge is repainted every seven years.\n")


def _cli(data: Path, chroma_url: str, prefix: str, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "ASSISTANT_DATA_DIR": str(data), "ASSISTANT_CHROMA_URL": chroma_url,
           "ASSISTANT_COLLECTION_PREFIX": prefix}
    return subprocess.run([sys.executable, "-m", "assistant.cli", *args], env=env, cwd=REPO, capture_output=True,
                          text=True, timeout=600, check=False)


def _folder_state(folder: Path) -> dict[str, str]:
    """Every file of the folder by name, with the sha256 of its bytes."""
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir()) if p.is_file()}


def _vectors(chroma_url: str, prefix: str) -> dict[str, tuple[str, int]]:
    """Each collection of the prefix: (its id, its vector count); a rebuild makes a new id."""
    host, port = chroma_url.removeprefix("http://").split(":")
    client = chromadb.HttpClient(host=host, port=int(port),
                                 settings=chromadb.Settings(anonymized_telemetry=False))
    return {c.name: (str(c.id), c.count()) for c in client.list_collections() if c.name.startswith(prefix)}


def _documents(data: Path) -> list[str]:
    store = RecordStore(records_path(data))
    try:
        return [m.doc_id for m in store.documents()]
    finally:
        store.close()


def test_ingest_and_reindex_vectors_refuse_a_replicas_folder_and_change_nothing(tmp_path: Path,
                                                                                chroma_server: str) -> None:
    docs, host, replica = tmp_path / "docs", tmp_path / "host", tmp_path / "replica"
    docs.mkdir()
    (docs / FIRST[0]).write_text(FIRST[1], encoding="utf-8")
    prefix = f"replicawrites{free_port()}"
    assert _cli(host, chroma_server, prefix, "ingest", str(docs)).returncode == 0
    made = _cli(host, chroma_server, prefix, "snapshot", str(replica))
    assert made.returncode == 0, made.stderr
    (docs / ADDED[0]).write_text(ADDED[1], encoding="utf-8")  # a new document: what an ingest would write
    files, vectors = _folder_state(replica), _vectors(chroma_server, prefix)
    assert len(vectors) == 1 and next(iter(vectors.values()))[1] > 0

    for command in (["ingest", str(docs)], ["reindex-vectors", "--force"]):
        refused = _cli(replica, chroma_server, prefix, *command)
        assert refused.returncode == 2, (command, refused.stdout, refused.stderr)
        error = refused.stderr
        assert "replica's data folder" in error and str(replica) in error and "Traceback" not in error, error
        assert f"ASSISTANT_DATA_DIR={host}" in error and f"assistant snapshot {replica}" in error, error
        assert _folder_state(replica) == files, command  # not a byte of the replica's folder changed
        assert _vectors(chroma_server, prefix) == vectors, command  # nor the shared vectors
    assert _documents(replica) == [FIRST[0]]

    # the remedy the error names: the ingest host's folder is no replica, and a fresh snapshot brings the new document
    assert _cli(host, chroma_server, prefix, "ingest", str(docs)).returncode == 0
    again = _cli(host, chroma_server, prefix, "snapshot", str(replica))
    assert again.returncode == 0, again.stderr
    assert _documents(replica) == sorted([FIRST[0], ADDED[0]])
    assert _cli(replica, chroma_server, prefix, "ingest", str(docs)).returncode == 2  # still a replica's folder

    # a replica's copy copied on (to another machine's live folder) is one too, naming the same ingest host
    onward = tmp_path / "onward"
    assert _cli(replica, chroma_server, prefix, "snapshot", str(onward)).returncode == 0
    refused = _cli(onward, chroma_server, prefix, "reindex-vectors")
    assert refused.returncode == 2 and f"ASSISTANT_DATA_DIR={host}" in refused.stderr, refused.stderr


def test_promote_makes_a_replica_the_ingest_host_after_asking(tmp_path: Path, chroma_server: str) -> None:
    """Failover: `assistant promote` asks first (no answer, nothing changes), then, told the old host is retired, the
    replica's folder takes `assistant ingest` over the shared vectors. A host's own folder is refused."""
    docs, host, replica = tmp_path / "docs", tmp_path / "host", tmp_path / "replica"
    docs.mkdir()
    (docs / FIRST[0]).write_text(FIRST[1], encoding="utf-8")
    prefix = f"promote{free_port()}"
    assert _cli(host, chroma_server, prefix, "ingest", str(docs)).returncode == 0
    assert _cli(host, chroma_server, prefix, "snapshot", str(replica)).returncode == 0
    files = _folder_state(replica)

    unanswered = _cli(replica, chroma_server, prefix, "promote")  # stdin is not a terminal: no yes
    assert unanswered.returncode != 0 and _folder_state(replica) == files, unanswered.stdout
    refused = _cli(host, chroma_server, prefix, "promote", "--yes")
    assert refused.returncode == 2 and "not a replica's data folder" in refused.stderr, refused.stderr

    promoted = _cli(replica, chroma_server, prefix, "promote", "--yes")
    assert promoted.returncode == 0 and str(host) in promoted.stdout, promoted.stderr
    (docs / ADDED[0]).write_text(ADDED[1], encoding="utf-8")
    ingested = _cli(replica, chroma_server, prefix, "ingest", str(docs))
    assert ingested.returncode == 0, ingested.stderr
    assert _documents(replica) == sorted([FIRST[0], ADDED[0]])
