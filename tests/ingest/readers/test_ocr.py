"""The toolkit's scanned agreements (pp. 4-7) become searchable through Tesseract, or are named unreadable."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.config import Settings
from tests.conftest import skip_unless_ci
from ingest.readers.loaders import load_document
from ingest.readers.ocr import ocr_pdf_pages, tesseract_available

TOOLKIT = "sci-partnership-agreement-toolkit-2012.pdf"


def test_without_ocr_scanned_pages_are_reported(corpus_dir: Path, tmp_path: Path) -> None:
    doc = load_document(corpus_dir / TOOLKIT, corpus_dir, Settings(data_dir=tmp_path, ocr=False))
    assert doc.unreadable_pages == [4, 5, 6, 7] and doc.ocr_pages == []
    assert doc.pages[3].text == ""  # the running header was all the text layer had


@pytest.mark.slow
def test_ocr_reads_the_scanned_agreements(corpus_dir: Path, tmp_path: Path) -> None:
    if not tesseract_available():
        skip_unless_ci("tesseract is not installed (apt-get install tesseract-ocr tesseract-ocr-eng tesseract-ocr-tha)")
    doc = load_document(corpus_dir / TOOLKIT, corpus_dir, Settings(data_dir=tmp_path, ocr_languages="eng"))
    assert doc.ocr_pages == [4, 5, 6, 7] and doc.unreadable_pages == []
    assert doc.ocr_seconds > 0
    assert "Abu Dhabi" in doc.pages[3].text and "Houston" in doc.pages[3].text
    assert "London" in doc.pages[4].text
    assert "Long Beach" in doc.pages[5].text
    assert "Chicago" in doc.pages[6].text


@pytest.mark.slow
def test_parallel_pages_read_the_same_text_as_one_at_a_time(corpus_dir: Path) -> None:
    if not tesseract_available():
        skip_unless_ci("tesseract is not installed (apt-get install tesseract-ocr tesseract-ocr-eng tesseract-ocr-tha)")
    data = (corpus_dir / TOOLKIT).read_bytes()
    one = ocr_pdf_pages(data, [1, 4, 5], "eng", threads=1, parallel=1)  # page 1 has no page-sized image: skipped
    two = ocr_pdf_pages(data, [1, 4, 5], "eng", threads=1, parallel=2)
    assert sorted(one.texts) == [4, 5] and one.texts == two.texts and one.failed == two.failed == []
