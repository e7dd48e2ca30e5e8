"""Johnson's order on the real corpus: quick English files first, the Thai Act after them; twins stay in order."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from assistant.config import Settings
from assistant.hashing import file_sha256
from ingest.pipeline import discover, ingest_paths
from ingest.schedule import estimated_seconds, schedule
from tests.conftest import CORPUS_DIR as CORPUS

THAI_ACT = "th-bma-act-be2528-1985-consolidated.pdf"
SCANNED = "sci-partnership-agreement-toolkit-2012.pdf"  # typed pages, then scanned agreements
SCANNED_LAST_PAGE = "asean-ascn-concept-note-2018.pdf"


def _sources(folder: Path) -> list:
    sources, _ = discover([folder])
    for source in sources:
        source.sha256 = file_sha256(source.path)
    return sources


def test_thai_pdf_is_slower_to_prepare_than_to_embed_and_english_the_other_way() -> None:
    prepare, embed = estimated_seconds(CORPUS / THAI_ACT)
    assert prepare > embed > 0
    prepare, embed = estimated_seconds(CORPUS / "asean-ascn-me-report-2022.pdf")
    assert 0 < prepare < embed


def test_scanned_annexes_make_preparation_slowest() -> None:
    prepare, embed = estimated_seconds(CORPUS / SCANNED)
    assert prepare > estimated_seconds(CORPUS / THAI_ACT)[0]
    assert prepare > 10 * embed


def test_schedule_is_a_permutation_text_pdfs_then_the_thai_act_then_scans() -> None:
    sources = _sources(CORPUS)
    ordered = [s.path.name for s in schedule(sources)]
    assert sorted(ordered) == sorted(s.path.name for s in sources)
    text_pdfs = [n for n in ordered if n.endswith(".pdf") and n not in (THAI_ACT, SCANNED, SCANNED_LAST_PAGE)]
    assert all(ordered.index(THAI_ACT) > ordered.index(n) for n in text_pdfs)
    assert ordered.index(SCANNED) > ordered.index(THAI_ACT)
    assert ordered.index("asean-ascn-framework-2018.pdf") < ordered.index("asean-ascn-smart-city-action-plans-2018.pdf")


def test_twins_keep_their_discovery_order(tmp_path: Path) -> None:
    for name in ("b-copy.pdf", "a-original.pdf"):
        shutil.copy(CORPUS / "asean-ascn-framework-2018.pdf", tmp_path / name)
    shutil.copy(CORPUS / THAI_ACT, tmp_path / "c-thai.pdf")
    (tmp_path / "broken.pdf").write_bytes(b"%PDF-1.4 not really")
    ordered = [s.path.name for s in schedule(_sources(tmp_path))]
    assert ordered.index("a-original.pdf") == ordered.index("b-copy.pdf") - 1
    assert ordered[-1] == "c-thai.pdf"


@pytest.mark.slow
def test_report_lists_failures_in_discovery_order_whatever_the_schedule(tmp_path: Path) -> None:
    folder = tmp_path / "docs"
    folder.mkdir()
    shutil.copy(CORPUS / THAI_ACT, folder / "x-act.pdf")
    shutil.copy(CORPUS / THAI_ACT, folder / "y-act-copy.pdf")  # a twin: prepared late (Thai), then refused
    (folder / "z-empty.md").write_text("# Only a title\n")  # refused, and prepared first (cheapest)
    assert [s.path.name for s in schedule(_sources(folder))] == ["z-empty.md", "x-act.pdf", "y-act-copy.pdf"]
    report = ingest_paths([folder], Settings(data_dir=tmp_path / "data"))
    assert report.files == 1
    assert [f.file for f in report.failed] == ["y-act-copy.pdf", "z-empty.md"]
    assert "same content as x-act.pdf" in report.failed[0].reason
