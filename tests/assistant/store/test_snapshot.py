"""`assistant snapshot` writes only where a copy belongs: an empty folder or a replica's. Real ingests, real SQLite."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.config import Settings
from assistant.errors import ConflictError
from assistant.store.records import records_path
from assistant.store.snapshot import replica_mark, snapshot_records
from ingest.pipeline import ingest_paths


def _host(tmp_path: Path, name: str, text: str) -> Path:
    docs, data = tmp_path / f"{name}-docs", tmp_path / name
    docs.mkdir()
    (docs / f"{name}.md").write_text(f"# {name}\n\n{text}\n", encoding="utf-8")
    assert ingest_paths([docs], Settings(data_dir=data), progress=False).files == 1
    return data


def test_a_snapshot_never_overwrites_another_ingest_hosts_index(tmp_path: Path) -> None:
    host = _host(tmp_path, "host", "The harbour board of Tarrow meets every spring.")
    other = _host(tmp_path, "other", "The river council of Lindqvist meets every autumn.")
    before = records_path(other).read_bytes()
    with pytest.raises(ConflictError, match="index of its own"):
        snapshot_records(host, other)
    assert records_path(other).read_bytes() == before
    assert replica_mark(other) is None

    replica = tmp_path / "replica"
    snapshot_records(host, replica)  # an empty folder
    snapshot_records(host, replica)  # a replica's folder, copied again
    assert replica_mark(replica)["ingest_host"] == str(host.resolve())


def test_promote_makes_a_replicas_folder_a_hosts_and_refuses_any_other(tmp_path: Path) -> None:
    """Failover: the replica's copy loses its mark and takes writers; a host's folder, or one promoted already, is
    refused and left as it was."""
    from assistant.store.snapshot import promote, refuse_on_replica

    host = _host(tmp_path, "host", "The harbour board of Tarrow meets every spring.")
    replica = tmp_path / "replica"
    snapshot_records(host, replica)
    assert promote(replica)["ingest_host"] == str(host.resolve())
    assert replica_mark(replica) is None
    refuse_on_replica(replica)  # writers are let in
    for folder in (replica, host):
        before = records_path(folder).read_bytes()
        with pytest.raises(ConflictError, match="not a replica's data folder"):
            promote(folder)
        assert records_path(folder).read_bytes() == before
