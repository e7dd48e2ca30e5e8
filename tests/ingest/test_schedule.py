"""Johnson's order on the real corpus: quick English files first, the Thai Act after them; twins stay in order."""

from __future__ import annotations

import shutil
from pathlib import Path

from ingest.pipeline import discover
from ingest.schedule import estimated_seconds, schedule
from assistant.hashing import file_sha256

CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpus"
THAI_ACT = "th-bma-act-be2528-1985-consolidated.pdf"


def _sources(folder: Path) -> list:
    sources, _ = discover([folder])
    for source in sources:
        source.sha256 = file_sha256(source.path)
    return sources


def test_thai_pdf_is_dearer_to_prepare_than_to_embed_and_english_the_other_way() -> None:
    prepare, embed = estimated_seconds(CORPUS / THAI_ACT)
    assert prepare > embed > 0
    prepare, embed = estimated_seconds(CORPUS / "asean-ascn-me-report-2022.pdf")
    assert 0 < prepare < embed


def test_schedule_is_a_permutation_with_the_thai_act_after_the_english_pdfs() -> None:
    sources = _sources(CORPUS)
    ordered = [s.path.name for s in schedule(sources)]
    assert sorted(ordered) == sorted(s.path.name for s in sources)
    english_pdfs = [n for n in ordered if n.endswith(".pdf") and n != THAI_ACT]
    assert all(ordered.index(THAI_ACT) > ordered.index(n) for n in english_pdfs)
    assert ordered.index("asean-ascn-framework-2018.pdf") < ordered.index("asean-ascn-smart-city-action-plans-2018.pdf")


def test_twins_keep_their_discovery_order(tmp_path: Path) -> None:
    for name in ("b-copy.pdf", "a-original.pdf"):
        shutil.copy(CORPUS / "asean-ascn-framework-2018.pdf", tmp_path / name)
    shutil.copy(CORPUS / THAI_ACT, tmp_path / "c-thai.pdf")
    (tmp_path / "broken.pdf").write_bytes(b"%PDF-1.4 not really")
    ordered = [s.path.name for s in schedule(_sources(tmp_path))]
    assert ordered.index("a-original.pdf") == ordered.index("b-copy.pdf") - 1
    assert ordered[-1] == "c-thai.pdf"
