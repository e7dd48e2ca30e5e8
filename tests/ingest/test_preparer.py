"""The preparing worker process: real files, a really killed worker, a PDF pdfium refuses and pypdf reads."""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path

from assistant.config import Settings
from ingest.pipeline import discover
from ingest import preparer as preparer_module
from ingest.preparer import Preparer
from ingest.report import FileNote, IngestReport
from ingest.schedule import estimates

SLOW_FIRST = "asean-ascn-smart-city-action-plans-2018.pdf"  # 60 pages: the worker is still on it when killed
SMALL = ["bma-foreign-affairs-strategy-plan-2023-2027-excerpt.txt", "mou-abu-dhabi-houston-sister-cities-agreement-2002.md"]


def worker_pids(parent: int) -> list[int]:
    """Live multiprocessing workers whose parent is ``parent`` (the resource tracker is not one)."""
    found = []
    for proc in Path("/proc").iterdir():
        try:
            stat = (proc / "stat").read_text()
            cmdline = (proc / "cmdline").read_bytes()
        except OSError:
            continue
        fields = stat.rsplit(")", 1)[1].split()
        if fields[1] == str(parent) and fields[0] != "Z" and b"spawn_main" in cmdline:
            found.append(int(proc.name))
    return found


def running(pid: int) -> bool:
    """Alive and not a zombie waiting for whoever adopted it."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


def _sources(corpus_dir: Path, names: list[str]) -> list:
    files, _ = discover([corpus_dir / name for name in names])
    return files


def test_results_come_in_order_with_their_chunks(corpus_dir: Path, settings: Settings) -> None:
    with Preparer(_sources(corpus_dir, SMALL), settings) as preparer:
        out = [(source.doc_id, prepared) for source, prepared in preparer]
    assert [doc_id for doc_id, _ in out] == SMALL
    for doc_id, prepared in out:
        assert prepared.failure == "" and prepared.doc is not None and prepared.doc.meta.doc_id == doc_id
        assert prepared.chunks and all(c.doc_id == doc_id for c in prepared.chunks)
        assert prepared.peak_rss_mb > 0 and prepared.cpu_seconds > 0


def test_files_go_ahead_to_the_worker_up_to_a_byte_budget(corpus_dir: Path, settings: Settings,
                                                          monkeypatch) -> None:  # noqa: ANN001
    """Small files all go at once; the file that would pass the budget waits until a result is taken."""
    sources = _sources(corpus_dir, [*SMALL, SLOW_FIRST])
    size = [source.path.stat().st_size for source in sources]
    monkeypatch.setattr(preparer_module, "AHEAD_BYTES", size[1] + size[2])  # all three pass it
    with Preparer(sources, settings) as preparer:
        assert preparer.in_flight == 2
        taken = iter(preparer)
        next(taken)
        assert preparer.in_flight == 2  # the big file went once the first result was taken
        assert [source.doc_id for source, _ in taken] == [SMALL[1], SLOW_FIRST]


def test_one_file_over_the_budget_still_goes(corpus_dir: Path, settings: Settings, monkeypatch) -> None:  # noqa: ANN001
    monkeypatch.setattr(preparer_module, "AHEAD_BYTES", 1)
    with Preparer(_sources(corpus_dir, SMALL), settings) as preparer:
        assert preparer.in_flight == 1
        assert [source.doc_id for source, _ in preparer] == SMALL


def test_a_killed_worker_costs_only_its_file(corpus_dir: Path, settings: Settings) -> None:
    with Preparer(_sources(corpus_dir, [SLOW_FIRST, *SMALL]), settings) as preparer:
        pids = worker_pids(os.getpid())
        assert len(pids) == 1
        os.kill(pids[0], signal.SIGKILL)
        out = [(source.doc_id, prepared) for source, prepared in preparer]
        assert preparer.restarts == 1
    assert [doc_id for doc_id, _ in out] == [SLOW_FIRST, *SMALL]
    first = out[0][1]
    assert "died" in first.failure and "\n" not in first.failure and first.doc is None
    assert all(p.failure == "" and p.chunks for _, p in out[1:])
    assert worker_pids(os.getpid()) == []  # closed: no worker left behind


def test_pdf_that_pdfium_refuses_is_read_by_pypdf_with_a_note(corpus_dir: Path, settings: Settings,
                                                               tmp_path: Path) -> None:
    data = (corpus_dir / "asean-eas-leaders-statement-asean-smart-cities-2018.pdf").read_bytes()
    assert b"/Root" in data
    damaged = tmp_path / "no-root.pdf"
    damaged.write_bytes(data.replace(b"/Root", b"/Rxxx"))  # pypdf finds the catalog by searching; pdfium gives up
    with Preparer(_sources(tmp_path, [damaged.name]), settings) as preparer:
        [(_, prepared)] = list(preparer)
    assert prepared.failure == "" and prepared.chunks
    assert len(prepared.notes) == 1 and "pypdf" in prepared.notes[0] and "pdfium" in prepared.notes[0]
    report = IngestReport(notes=[FileNote(file=damaged.name, note=prepared.notes[0])])
    assert f"note: {damaged.name}: text read with pypdf" in report.summary()


def test_a_closed_worker_exits_cleanly_without_teardown(corpus_dir: Path, settings: Settings) -> None:
    """The worker ends through ``os._exit`` at close: it must still report success and leave nothing behind."""
    with Preparer(_sources(corpus_dir, SMALL), settings) as preparer:
        out = [prepared for _, prepared in preparer]
        processes = list(preparer._pool._processes.values())  # noqa: SLF001 - the worker's exit code is the point
    assert len(processes) == 1 and processes[0].exitcode == 0
    assert all(p.failure == "" and p.chunks for p in out)
    assert worker_pids(os.getpid()) == []


def test_a_started_worker_waits_for_files_and_says_when_all_are_prepared(corpus_dir: Path,
                                                                         settings: Settings) -> None:
    """The worker starts on its first task, the schedule's estimates, before any file is added; ``idle`` tells the
    embedder when the worker's core is free: not while a file is waiting or being prepared."""
    sources = _sources(corpus_dir, [SLOW_FIRST])
    with Preparer([], settings) as preparer:
        assert worker_pids(os.getpid()) == []
        estimated = preparer.estimate([source.path for source in sources])
        assert len(worker_pids(os.getpid())) == 1
        assert estimated.result() == estimates([source.path for source in sources])
        preparer.add(sources)
        assert not preparer.idle.is_set()
        taken = iter(preparer)
        source, prepared = next(taken)
        assert source.doc_id == SLOW_FIRST and prepared.chunks
        assert preparer.idle.wait(5)
        preparer.add(_sources(corpus_dir, SMALL))
        assert preparer.in_flight == 2
        assert [source.doc_id for source, _ in taken] == SMALL
        assert preparer.idle.is_set()


def test_files_held_back_by_the_byte_budget_keep_the_worker_from_idle(corpus_dir: Path, settings: Settings,
                                                                       monkeypatch) -> None:
    monkeypatch.setattr(preparer_module, "AHEAD_BYTES", 1)
    with Preparer(_sources(corpus_dir, SMALL), settings) as preparer:
        taken = iter(preparer)
        deadline = time.monotonic() + 60
        while not preparer.ready() and time.monotonic() < deadline:
            time.sleep(0.05)
        assert preparer.in_flight == 1 and preparer.ready()  # the first file is done; the second waits its turn
        assert not preparer.idle.is_set()
        next(taken)
        next(taken)
        assert preparer.idle.is_set()
