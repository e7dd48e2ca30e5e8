"""A folder that comes up empty (a share not mounted, a sync tool that emptied it for a moment) must not wipe the
documents ingested from it; real files, real embedded Chroma, the real CLI for the exit status and the flag."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from assistant.config import Settings
from assistant.factory import build_records
from ingest.pipeline import ingest_paths
from tests.ingest.test_pipeline import SMALL, _cli, _copy, _state

pytestmark = pytest.mark.slow

MOUS = SMALL[2:4]


def _doc_ids(settings: Settings) -> set[str]:
    records = build_records(settings)
    try:
        return {m.doc_id for m in records.documents()}
    finally:
        records.close()


def test_partial_removal_works_then_an_empty_folder_keeps_everything(corpus_dir: Path, tmp_path: Path,
                                                                     settings: Settings) -> None:
    folder = _copy(corpus_dir, tmp_path / "share", [*MOUS, SMALL[1]])
    assert ingest_paths([folder], settings).files == 3
    (folder / SMALL[1]).unlink()
    partial = ingest_paths([folder], settings)  # some files gone, others left: removed as before
    assert (partial.removed, partial.failed, partial.skipped) == ([SMALL[1]], [], 2)
    before = _state(settings)

    for name in MOUS:
        (folder / name).unlink()
    (folder / ".DS_Store").write_bytes(b"\x00")  # what an emptied mount point or synced folder may still hold
    report = ingest_paths([folder], settings)
    assert report.removed == [] and not report.ok
    assert [f.file for f in report.failed] == [str(folder)]
    reason = report.failed[0].reason
    assert "\n" not in reason and "2 document(s)" in reason and f"--allow-empty {folder}" in reason
    assert _doc_ids(settings) == set(MOUS) and _state(settings) == before

    emptied = ingest_paths([folder], settings, allow_empty=True)
    assert (sorted(emptied.removed), emptied.failed) == (sorted(MOUS), [])
    assert _doc_ids(settings) == set()
    records_ids, vector_ids, count = _state(settings)
    assert records_ids == vector_ids == set() and count == 0


def test_an_empty_folder_beside_a_full_one_keeps_only_its_own(corpus_dir: Path, tmp_path: Path,
                                                              settings: Settings) -> None:
    full = _copy(corpus_dir, tmp_path / "full", MOUS[:1])
    share = _copy(corpus_dir, tmp_path / "share", MOUS[1:])
    assert ingest_paths([full], settings).files == 1
    assert ingest_paths([share], settings).files == 1
    (full / MOUS[0]).unlink()
    _copy(corpus_dir, full, [SMALL[1]])
    (share / MOUS[1]).unlink()
    report = ingest_paths([full, share], settings)
    assert (report.files, report.removed) == (1, [MOUS[0]])
    assert [f.file for f in report.failed] == [str(share)] and "1 document(s)" in report.failed[0].reason
    assert _doc_ids(settings) == {SMALL[1], MOUS[1]}


def test_cli_fails_on_an_emptied_folder_and_allow_empty_empties_it(corpus_dir: Path, tmp_path: Path) -> None:
    folder = _copy(corpus_dir, tmp_path / "share", MOUS)
    data = tmp_path / "data"
    first = _cli(["ingest", str(folder), "--json"], data)
    out, err = first.communicate(timeout=300)
    assert first.returncode == 0, err
    for name in MOUS:
        (folder / name).unlink()

    guarded = _cli(["ingest", str(folder)], data)
    out, err = guarded.communicate(timeout=300)
    assert guarded.returncode == 1 and "Traceback" not in err, err
    failed = [line for line in out.splitlines() if line.strip().startswith("failed:")]
    assert len(failed) == 1 and str(folder) in failed[0] and "2 document(s)" in failed[0]
    assert "0 removed" in out
    assert _doc_ids(Settings(data_dir=data)) == set(MOUS)

    emptied = _cli(["ingest", str(folder), "--allow-empty", "--json"], data)
    out, err = emptied.communicate(timeout=300)
    assert emptied.returncode == 0, err
    assert sorted(json.loads(out)["removed"]) == sorted(MOUS)
    assert _doc_ids(Settings(data_dir=data)) == set()
