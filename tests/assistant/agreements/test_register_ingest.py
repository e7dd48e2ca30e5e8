"""The register follows ingestion: written atomically beside the index, a removed document loses its records, a
catalog correction beats the text and cites the catalog, and a broken correction loses nothing stored."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.agreements.overrides import CATALOG_SENTENCE
from assistant.agreements.register import Register, register_path
from assistant.config import Settings
from ingest.pipeline import ingest_paths

AGREEMENT = """# Sister city agreement, Varn - Oresby

SISTER CITY AGREEMENT
between the City of Varn, Northland and the City of Oresby, Southland

The two cities hereby agree to promote exchanges in culture and tourism.
Signed on the 2nd day of April 2010.
"""
SECOND = """# Memorandum of understanding, Varn - Tessel

MEMORANDUM OF UNDERSTANDING
between the City of Varn and the City of Tessel

The two cities hereby agree to cooperate in education. Done on 9 June 2015.
"""
CATALOG = """["mou-varn-oresby.md"]
kind = "mou"

["mou-varn-tessel.md"]
kind = "mou"
"""


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "mou-varn-oresby.md").write_text(AGREEMENT, encoding="utf-8")
    (docs / "mou-varn-tessel.md").write_text(SECOND, encoding="utf-8")
    (docs / "catalog.toml").write_text(CATALOG, encoding="utf-8")
    return docs


def _ids(settings: Settings) -> dict[str, str | None]:
    return {r.id: r.signed for r in Register(settings.resolved_data_dir()).records()}


def test_removed_documents_drop_their_records(folder: Path, settings: Settings) -> None:
    report = ingest_paths([folder], settings)
    assert report.agreements == 2 and register_path(settings.resolved_data_dir()).is_file()
    assert _ids(settings) == {"mou-varn-oresby.md": "2010-04-02", "mou-varn-tessel.md": "2015-06-09"}
    (folder / "mou-varn-tessel.md").unlink()
    report = ingest_paths([folder], settings)
    assert report.removed == ["mou-varn-tessel.md"]
    assert _ids(settings) == {"mou-varn-oresby.md": "2010-04-02"}
    assert not list(settings.resolved_data_dir().glob(".agreements-*"))  # no temporary file left behind


def test_the_catalog_corrects_a_field_and_is_cited(folder: Path, settings: Settings) -> None:
    ingest_paths([folder], settings)
    (folder / "catalog.toml").write_text(CATALOG.replace('["mou-varn-tessel.md"]', '["mou-varn-oresby.md".agreement]\n'
                                         'signed = "2010-04-03"\nparties = [{name = "City of Varn", country = "Northland"},'
                                         ' {name = "City of Oresby", country = "Southland"}]\n\n["mou-varn-tessel.md"]'),
                                         encoding="utf-8")
    report = ingest_paths([folder], settings)
    assert report.files == 1  # only the corrected document is read again
    record = next(r for r in Register(settings.resolved_data_dir()).records() if r.id == "mou-varn-oresby.md")
    assert record.signed == "2010-04-03"
    assert [p.country for p in record.parties] == ["Northland", "Southland"]
    assert [(c.source, c.sentence, c.value) for c in record.cited("signed")] == [
        ("catalog", CATALOG_SENTENCE, "2010-04-03")]
    assert record.areas == ["culture", "tourism"] and record.cited("areas")[0].source == "text"


def test_a_broken_correction_fails_that_file_and_keeps_the_register(folder: Path, settings: Settings) -> None:
    ingest_paths([folder], settings)
    before = _ids(settings)
    (folder / "catalog.toml").write_text(CATALOG + '\n["mou-varn-oresby.md".agreement]\nsigned = "April 2010"\n',
                                         encoding="utf-8")
    report = ingest_paths([folder], settings)
    assert report.failed and "signed" in report.failed[0].reason
    assert _ids(settings) == before
