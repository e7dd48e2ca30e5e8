"""Loading real files, and every kind of bad input failing with a one-line reason."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from assistant.config import Settings
from assistant.errors import UnreadableFileError
from ingest.catalog import read_catalog
from ingest.loaders import SUPPORTED_SUFFIXES, load_document
from tests.conftest import SHARED_CATALOG

FRAMEWORK = "asean-ascn-framework-2018.pdf"
MOU = "mou-abu-dhabi-houston-sister-cities-agreement-2002.md"


def _reason(path: Path, settings: Settings) -> str:
    with pytest.raises(UnreadableFileError) as caught:
        load_document(path, path.parent, settings)
    message = str(caught.value)
    assert "\n" not in message and path.name in message
    return message


def test_supported_suffixes() -> None:
    assert SUPPORTED_SUFFIXES == {".pdf", ".docx", ".txt", ".md"}


def test_pdf_has_one_page_per_pdf_page_with_labels(shared_corpus: Path, settings: Settings) -> None:
    doc = load_document(shared_corpus / FRAMEWORK, shared_corpus, settings)
    assert [p.number for p in doc.pages] == [1, 2, 3, 4, 5]
    assert [p.label for p in doc.pages] == ["1", "2", "3", "4", "5"]
    assert doc.meta.doc_id == FRAMEWORK and doc.meta.source == FRAMEWORK and doc.meta.pages == 5
    assert len(doc.meta.sha256) == 64 and doc.meta.language == "en" and doc.meta.kind == "asean"
    assert "Smart Cities Network" in doc.pages[0].text


def test_markdown_header_becomes_metadata(shared_corpus: Path, settings: Settings) -> None:
    doc = load_document(shared_corpus / MOU, shared_corpus, settings)
    meta = doc.meta
    assert meta.title.startswith("An Agreement for the Establishment of Sister Cities Relationship")
    assert meta.kind == "mou"
    assert meta.parties == ["Abu Dhabi Municipality & Town Planning", "City of Houston"]
    assert meta.date == "2002-10-26"
    assert meta.language == "en"
    assert doc.pages[0].number is None and "Houston City Council" in doc.pages[0].text


def test_catalog_overrides_guesses(shared_corpus: Path, tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path / "data", catalog_file=SHARED_CATALOG)
    doc = load_document(shared_corpus / MOU, shared_corpus, settings)
    assert doc.meta.title == "Sister cities agreement, Abu Dhabi - Houston"
    assert doc.meta.parties == ["City of Abu Dhabi", "City of Houston"]
    assert set(read_catalog(shared_corpus, SHARED_CATALOG)) == {p.name for p in shared_corpus.iterdir()}


def test_repository_corpus_catalog_is_valid() -> None:
    folder = Path(__file__).resolve().parents[2] / "corpus"
    catalog = read_catalog(folder)
    assert set(catalog) == {p.name for p in folder.iterdir() if p.name != "catalog.toml"}
    assert all(entry["kind"] == "plan" for entry in catalog.values())


def test_thai_act_metadata_from_the_file_itself(shared_corpus: Path, settings: Settings) -> None:
    doc = load_document(shared_corpus / "th-bma-act-be2528-1985-consolidated.pdf", shared_corpus, settings)
    assert doc.meta.language == "th" and doc.meta.kind == "law" and doc.meta.date == "1985"
    assert doc.meta.pages == 38 and len(doc.pages) == 38


def test_thai_file_name_with_spaces_loads(shared_corpus: Path, settings: Settings, tmp_path: Path) -> None:
    target = tmp_path / "บันทึก ความเข้าใจ กรุงเทพ 2002.md"
    shutil.copy(shared_corpus / MOU, target)
    doc = load_document(target, tmp_path, settings)
    assert doc.meta.doc_id == target.name and doc.meta.source == target.name
    assert doc.meta.kind == "mou"


def test_corrupt_pdf(shared_corpus: Path, settings: Settings, tmp_path: Path) -> None:
    data = (shared_corpus / FRAMEWORK).read_bytes()
    bad = tmp_path / "broken.pdf"
    bad.write_bytes(data[:2000])  # header survives, body and xref are gone
    assert "corrupt PDF" in _reason(bad, settings)


def test_encrypted_pdf(shared_corpus: Path, settings: Settings, tmp_path: Path) -> None:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    for page in PdfReader(shared_corpus / FRAMEWORK).pages:
        writer.add_page(page)
    writer.encrypt(user_password="secret", owner_password="owner")
    locked = tmp_path / "locked.pdf"
    with locked.open("wb") as handle:
        writer.write(handle)
    assert "encrypted" in _reason(locked, settings)


def test_zero_byte_file(settings: Settings, tmp_path: Path) -> None:
    empty = tmp_path / "empty.pdf"
    empty.write_bytes(b"")
    assert "empty" in _reason(empty, settings)


def test_unsupported_extension(settings: Settings, tmp_path: Path) -> None:
    sheet = tmp_path / "budget.xlsx"
    sheet.write_bytes(b"PK\x03\x04 not really")
    assert "unsupported file type '.xlsx'" in _reason(sheet, settings)


def test_html_saved_as_pdf(settings: Settings, tmp_path: Path) -> None:
    page = tmp_path / "download.pdf"
    page.write_text("<!DOCTYPE html><html><body>404 Not Found</body></html>", encoding="utf-8")
    assert "HTML" in _reason(page, settings)


def test_file_over_the_size_limit(shared_corpus: Path, tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path / "data", max_file_mb=0.1)
    big = tmp_path / FRAMEWORK
    shutil.copy(shared_corpus / FRAMEWORK, big)  # 166 KB
    assert "over the 0.1 MB limit" in _reason(big, settings)


def test_docx_headings_and_paragraphs(settings: Settings, tmp_path: Path) -> None:
    import docx

    document = docx.Document()
    document.core_properties.title = "Sister City Guidelines"
    document.add_heading("Purpose", level=1)
    document.add_paragraph("Bangkok signs agreements with cities that share its goals.")
    path = tmp_path / "guidelines.docx"
    document.save(str(path))
    doc = load_document(path, tmp_path, settings)
    assert doc.meta.title == "Sister City Guidelines" and doc.meta.kind == "other"
    assert "# Purpose" in doc.pages[0].text and "share its goals." in doc.pages[0].text
