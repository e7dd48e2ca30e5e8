"""Ingestion end to end on real corpus files, real USE/MiniLM embeddings and real embedded Chroma.

Faults are real too: a SIGKILLed CLI process, two CLI processes on one store, and broken files beside good ones.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from assistant.config import Settings
from assistant.factory import build_embedder, build_records, build_vectors
from ingest.documents import prepare_document
from ingest.pipeline import ingest_paths
from tests.ingest.test_preparer import running, worker_pids

pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parents[2]
SMALL = [
    "asean-eas-leaders-statement-asean-smart-cities-2018.pdf",
    "bma-foreign-affairs-strategy-plan-2023-2027-excerpt.txt",
    "mou-abu-dhabi-houston-sister-cities-agreement-2002.md",
    "mou-long-beach-manta-sister-city-agreement-2000.md",
]
# sorted by name the first document is small and the 60-page PDF follows, so a kill lands mid-run
SLOW = ["asean-ascn-framework-2018.pdf", "asean-ascn-smart-city-action-plans-2018.pdf",
        "mou-chicago-shenyang-sister-cities-reaffirmation-1995.md"]


def _copy(corpus_dir: Path, dest: Path, names: list[str]) -> Path:
    dest.mkdir(parents=True, exist_ok=True)
    for name in names:
        shutil.copy(corpus_dir / name, dest / name)
    return dest


def _state(settings: Settings) -> tuple[set[str], set[str], int]:
    """(record chunk ids, vector ids, vector count) for the configured embedder."""
    records = build_records(settings)
    vectors = build_vectors(settings, build_embedder(settings))
    try:
        return records.chunk_ids(), vectors.ids(), vectors.count()
    finally:
        records.close()


def _expected_ids(folder: Path, settings: Settings) -> set[str]:
    return {c.id for f in sorted(folder.iterdir()) for c in prepare_document(f, folder, settings)[1]}


def _cli(args: list[str], data_dir: Path, **env: str) -> subprocess.Popen:
    environ = {**os.environ, "ASSISTANT_DATA_DIR": str(data_dir), **env}
    return subprocess.Popen([sys.executable, "-m", "assistant.cli", *args], cwd=REPO, env=environ,  # noqa: S603
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _documents_written(data_dir: Path) -> int:
    path = data_dir / "index.sqlite"
    if not path.exists():
        return 0
    try:
        with sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=1) as db:
            return int(db.execute("SELECT count(*) FROM documents").fetchone()[0])
    except sqlite3.OperationalError:
        return 0


def test_incremental_skip_replace_remove(corpus_dir: Path, tmp_path: Path, settings: Settings) -> None:
    folder = _copy(corpus_dir, tmp_path / "docs", SMALL)
    first = ingest_paths([folder], settings)
    assert first.failed == [] and first.files == 4 and first.skipped == 0
    assert first.chunks > 4 and first.pages >= 6
    records_ids, vector_ids, count = _state(settings)
    assert records_ids == vector_ids == _expected_ids(folder, settings) and count == len(vector_ids)

    again = ingest_paths([folder], settings)
    assert (again.files, again.skipped, again.chunks, again.reembedded, again.embed_seconds) == (0, 4, 0, 0, 0.0)
    assert _state(settings)[0] == records_ids

    changed = folder / "mou-long-beach-manta-sister-city-agreement-2000.md"
    records = build_records(settings)
    old_ids = records.chunk_ids_of(changed.name)
    records.close()
    changed.write_text(changed.read_text(encoding="utf-8") + "\n\nArticle 9. Both cities shall exchange "
                       "delegations on coastal fisheries every second year.\n", encoding="utf-8")
    third = ingest_paths([folder], settings)
    assert (third.files, third.skipped) == (1, 3)
    records_ids, vector_ids, _ = _state(settings)
    assert records_ids == vector_ids and not old_ids & records_ids
    records = build_records(settings)
    assert records.lexical_search("coastal fisheries delegations", 1, None)[0][0].startswith(
        records.document(changed.name).sha256[:16])

    gone = folder / "mou-abu-dhabi-houston-sister-cities-agreement-2002.md"
    gone_ids = records.chunk_ids_of(gone.name)
    records.close()
    gone.unlink()
    fourth = ingest_paths([folder], settings)
    assert fourth.removed == [gone.name] and fourth.skipped == 3
    records_ids, vector_ids, count = _state(settings)
    assert records_ids == vector_ids and count == len(vector_ids) and not gone_ids & vector_ids
    records = build_records(settings)
    assert records.document(gone.name) is None
    assert not {hit for hit, _ in records.lexical_search("Abu Dhabi Houston", 20, None)} & gone_ids
    records.close()


def test_changing_the_embedder_re_embeds_from_stored_chunks(corpus_dir: Path, tmp_path: Path,
                                                            settings: Settings) -> None:
    folder = _copy(corpus_dir, tmp_path / "docs", SMALL[1:3])
    ingest_paths([folder], settings)
    use_ids = _state(settings)[1]
    minilm = settings.model_copy(update={"embedder": "minilm"})
    report = ingest_paths([folder], minilm)
    assert report.files == 0 and report.skipped == 2 and report.reembedded == len(use_ids)
    records_ids, vector_ids, count = _state(minilm)
    assert records_ids == vector_ids == use_ids and count == len(use_ids)
    vectors = build_vectors(minilm, build_embedder(minilm))
    assert vectors.embeddings(sorted(vector_ids)[:1]).shape == (1, 384)  # a separate collection, never mixed
    assert ingest_paths([folder], minilm).reembedded == 0


def test_bad_files_are_reported_and_nothing_indexed_is_lost(corpus_dir: Path, tmp_path: Path) -> None:
    folder = _copy(corpus_dir, tmp_path / "docs", SMALL[1:3])
    data = tmp_path / "data"
    good = _cli(["ingest", str(folder), "--json"], data)
    out, err = good.communicate(timeout=300)
    assert good.returncode == 0, err
    before = json.loads(out)
    assert before["files"] == 2 and before["failed"] == []

    import pypdf

    (folder / "corrupt.pdf").write_bytes(b"%PDF-1.7\n" + os.urandom(4000))
    (folder / "empty.txt").write_bytes(b"")
    (folder / "slides.pptx").write_bytes(b"PK\x03\x04 not supported")
    (folder / "page.pdf").write_text("<!DOCTYPE html><html><body>Not found</body></html>")
    (folder / "huge.txt").write_bytes(b"a" * (2 * 1024 * 1024))
    writer = pypdf.PdfWriter()
    writer.append(str(corpus_dir / SMALL[0]))
    writer.encrypt("secret")
    with (folder / "locked.pdf").open("wb") as handle:
        writer.write(handle)
    (folder / "ข้อตกลง เมืองพี่เมืองน้อง.txt").write_text("ข้อตกลงเมืองพี่เมืองน้องระหว่างกรุงเทพมหานครกับเมืองฟุกุโอกะ\n",
                                                      encoding="utf-8")
    plan = folder / SMALL[1]
    plan.write_bytes(b"\x00\xff\x00" * 500)  # a good file replaced by binary garbage keeps its indexed version

    bad = _cli(["ingest", str(folder), "--json"], data, ASSISTANT_MAX_FILE_MB="1")
    out, err = bad.communicate(timeout=300)
    assert bad.returncode == 1, err
    report = json.loads(out)
    reasons = {f["file"]: f["reason"] for f in report["failed"]}
    assert set(reasons) == {"corrupt.pdf", "empty.txt", "slides.pptx", "page.pdf", "huge.txt", "locked.pdf", plan.name}
    assert all(reason and "\n" not in reason for reason in reasons.values())
    assert [f for f, reason in reasons.items() if reason.startswith(f"{f}:")] == []  # the name is said once, in "file"
    assert "encrypted" in reasons["locked.pdf"] and "HTML" in reasons["page.pdf"] and "limit" in reasons["huge.txt"]
    assert "unsupported" in reasons["slides.pptx"] and "empty" in reasons["empty.txt"]
    assert report["files"] == 1 and report["skipped"] == 1  # the Thai-named file went in; the MOU was unchanged

    listing = _cli(["documents", "--json"], data)
    out, err = listing.communicate(timeout=120)
    assert listing.returncode == 0, err
    docs = {d["doc_id"]: d for d in json.loads(out)}
    assert set(docs) == {SMALL[1], SMALL[2], "ข้อตกลง เมืองพี่เมืองน้อง.txt"}
    assert docs[SMALL[1]]["sha256"] == before_sha(corpus_dir / SMALL[1]) and docs[SMALL[1]]["chunks"] > 0
    settings = Settings(data_dir=data)
    records_ids, vector_ids, _ = _state(settings)
    assert records_ids == vector_ids


def before_sha(path: Path) -> str:
    from assistant.hashing import file_sha256

    return file_sha256(path)


def test_sigkill_midway_then_rerun_completes_without_duplicates(corpus_dir: Path, tmp_path: Path) -> None:
    folder = _copy(corpus_dir, tmp_path / "docs", SLOW)
    data = tmp_path / "data"
    proc = _cli(["ingest", str(folder), "--json"], data)
    deadline = time.monotonic() + 240
    while _documents_written(data) < 1 and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
    assert proc.poll() is None, "ingest finished before it could be killed"
    workers = worker_pids(proc.pid)
    assert len(workers) == 1  # the process preparing the next files
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert proc.returncode == -signal.SIGKILL
    gone = time.monotonic() + 10
    while running(workers[0]) and time.monotonic() < gone:
        time.sleep(0.1)
    assert not running(workers[0]), "the worker outlived its killed parent"
    assert 1 <= _documents_written(data) < len(SLOW)

    rerun = _cli(["ingest", str(folder), "--json"], data)
    out, err = rerun.communicate(timeout=300)
    assert rerun.returncode == 0, err
    report = json.loads(out)
    assert report["files"] + report["skipped"] == len(SLOW) and report["skipped"] >= 1
    settings = Settings(data_dir=data)
    records_ids, vector_ids, count = _state(settings)
    assert records_ids == vector_ids == _expected_ids(folder, settings)
    assert count == len(vector_ids)  # no duplicate vectors


def test_second_concurrent_ingest_refuses_clearly(corpus_dir: Path, tmp_path: Path) -> None:
    folder = _copy(corpus_dir, tmp_path / "docs", SLOW)
    data = tmp_path / "data"
    first = _cli(["ingest", str(folder), "--json"], data)
    deadline = time.monotonic() + 120
    while not (data / "index.sqlite").exists() and first.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
    second = _cli(["ingest", str(folder), "--json"], data, ASSISTANT_LOCK_TIMEOUT_S="0")
    out2, err2 = second.communicate(timeout=120)
    assert first.poll() is None, "the first ingest ended before the second tried"
    out1, err1 = first.communicate(timeout=300)
    assert second.returncode == 2 and out2 == ""
    assert "locked by another ingestion" in err2 and "Traceback" not in err2
    assert first.returncode == 0, err1
    assert json.loads(out1)["files"] == len(SLOW)
    records_ids, vector_ids, _ = _state(Settings(data_dir=data))
    assert records_ids == vector_ids and records_ids


def test_catalog_edit_reingests_only_that_file(corpus_dir: Path, tmp_path: Path, settings: Settings) -> None:
    folder = _copy(corpus_dir, tmp_path / "docs", SMALL[2:4])
    catalog = folder / "catalog.toml"
    catalog.write_text(f'["{SMALL[2]}"]\ntitle = "Houston agreement"\n', encoding="utf-8")
    assert ingest_paths([folder], settings).files == 2
    catalog.write_text(f'["{SMALL[2]}"]\ntitle = "Abu Dhabi - Houston sister cities agreement"\n', encoding="utf-8")
    report = ingest_paths([folder], settings)
    assert (report.files, report.skipped, report.failed) == (1, 1, [])
    records = build_records(settings)
    assert records.document(SMALL[2]).title == "Abu Dhabi - Houston sister cities agreement"
    records.close()
    records_ids, vector_ids, _ = _state(settings)
    assert records_ids == vector_ids


def test_same_name_in_another_folder_never_replaces_the_indexed_one(corpus_dir: Path, tmp_path: Path,
                                                                    settings: Settings) -> None:
    first, second = tmp_path / "office-a", tmp_path / "office-b"
    first.mkdir()
    second.mkdir()
    shutil.copy(corpus_dir / SMALL[2], first / "agreement.md")
    shutil.copy(corpus_dir / SMALL[3], second / "agreement.md")
    assert ingest_paths([first], settings).files == 1
    report = ingest_paths([second], settings)
    assert report.files == 0 and [f.file for f in report.failed] == ["agreement.md"]
    assert str(first) in report.failed[0].reason and "rename" in report.failed[0].reason
    records = build_records(settings)
    assert records.document("agreement.md").sha256 == before_sha(first / "agreement.md")
    records.close()
    again = ingest_paths([first], settings)
    assert (again.files, again.skipped, again.failed) == (0, 1, [])


def test_subfolder_then_parent_indexes_each_file_once(corpus_dir: Path, tmp_path: Path,
                                                      settings: Settings) -> None:
    parent = _copy(corpus_dir, tmp_path / "docs", SMALL[2:3])
    sub = _copy(corpus_dir, parent / "sub", SMALL[3:4])
    assert ingest_paths([sub], settings).files == 1
    report = ingest_paths([parent], settings)
    assert report.failed == [] and report.files == 2 and report.removed == [SMALL[3]]
    records = build_records(settings)
    assert {m.doc_id for m in records.documents()} == {SMALL[2], f"sub/{SMALL[3]}"}
    records.close()
    records_ids, vector_ids, count = _state(settings)
    assert records_ids == vector_ids and count == len(vector_ids)

    assert ingest_paths([sub], settings).removed == [f"sub/{SMALL[3]}"]  # the latest ingestion names the file
    (sub / SMALL[3]).unlink()
    gone = ingest_paths([parent], settings)  # a file ingested through a subfolder is missed by its parent too
    assert gone.removed == [SMALL[3]] and gone.failed == []
    records = build_records(settings)
    assert [m.doc_id for m in records.documents()] == [SMALL[2]]
    records.close()
    _copy(corpus_dir, sub, SMALL[3:4])
    both = ingest_paths([parent, sub], settings)  # overlapping arguments: each file once, under the first
    assert (both.files, both.skipped, both.failed, both.removed) == (1, 1, [], [])
    assert ingest_paths([parent, sub], settings).skipped == 2


def test_a_moved_folder_is_followed_without_reprocessing(corpus_dir: Path, tmp_path: Path,
                                                         settings: Settings) -> None:
    old = _copy(corpus_dir, tmp_path / "docs", SMALL[2:4])
    assert ingest_paths([old], settings).files == 2
    new = old.rename(tmp_path / "archive")
    moved = ingest_paths([new], settings)
    assert (moved.files, moved.skipped, moved.removed) == (0, 2, [])
    records = build_records(settings)
    assert set(records.document_roots().values()) == {str(new)}  # downloads and removals follow the new folder
    records.close()
    (new / SMALL[3]).unlink()
    assert ingest_paths([new], settings).removed == [SMALL[3]]


def test_a_file_that_cannot_be_read_is_reported_not_a_traceback(corpus_dir: Path, tmp_path: Path) -> None:
    folder = _copy(corpus_dir, tmp_path / "docs", SMALL[2:3])
    (folder / "minutes.txt").symlink_to("/proc/self/mem")  # a regular file whose reading fails (EIO), even for root
    proc = _cli(["ingest", str(folder), "--json"], tmp_path / "data", ASSISTANT_OCR="false")
    out, err = proc.communicate(timeout=300)
    assert proc.returncode == 1 and "Traceback" not in err, err
    report = json.loads(out)
    assert report["files"] == 1
    assert [(f["file"], "cannot read" in f["reason"]) for f in report["failed"]] == [("minutes.txt", True)]


def test_catalog_edit_reingests_a_file_in_a_subfolder(corpus_dir: Path, tmp_path: Path,
                                                      settings: Settings) -> None:
    folder = _copy(corpus_dir, tmp_path / "docs", SMALL[3:4])
    _copy(corpus_dir, folder / "2002", SMALL[2:3])
    catalog = folder / "catalog.toml"
    catalog.write_text(f'["2002/{SMALL[2]}"]\ntitle = "Houston agreement"\n', encoding="utf-8")
    assert ingest_paths([folder], settings).files == 2
    catalog.write_text(f'["2002/{SMALL[2]}"]\ntitle = "Abu Dhabi - Houston agreement"\naccess = "internal"\n',
                       encoding="utf-8")
    report = ingest_paths([folder], settings)
    assert (report.files, report.skipped, report.failed) == (1, 1, [])
    records = build_records(settings)
    meta = records.document(f"2002/{SMALL[2]}")
    assert (meta.title, meta.access) == ("Abu Dhabi - Houston agreement", "internal")
    records.close()


def test_a_catalog_entry_that_matches_no_file_is_reported(corpus_dir: Path, tmp_path: Path,
                                                          settings: Settings) -> None:
    folder = _copy(corpus_dir, tmp_path / "docs", SMALL[2:3])
    shutil.copy(corpus_dir / SMALL[3], folder / "legal_memo.md")
    (folder / "catalog.toml").write_text('["legal-memo.md"]\naccess = "restricted:legal"\n', encoding="utf-8")
    report = ingest_paths([folder], settings)
    assert report.files == 2 and report.failed == []
    assert [(n.file, "'legal-memo.md'" in n.note and "no file" in n.note) for n in report.notes] == [
        ("catalog.toml", True)]
    assert "note: catalog.toml: " in report.summary()
