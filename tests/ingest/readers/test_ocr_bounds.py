"""OCR is bounded: a page too large to render within ASSISTANT_OCR_MAX_PAGE_MEGAPIXELS at 100 dpi is skipped, pages
past ASSISTANT_OCR_MAX_PAGES are not read, a page just too large is read at a lower resolution, and the ingest
report says which pages were skipped and why. Real PDFs (drawn with Pillow), real Tesseract."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from assistant.config import Settings
from ingest.readers.ocr import ocr_pdf_pages, render_dpi, tesseract_available
from tests.conftest import skip_unless_ci

LINE = "The Orvanto harbour board meets every Tuesday"


def _page(width_px: int, height_px: int, dpi: float, text: str = "") -> bytes:
    """One scanned page (an image, no text layer) of width_px / dpi inches."""
    from PIL import Image, ImageDraw, ImageFont

    image = Image.new("L", (width_px, height_px), 255)
    if text:
        draw = ImageDraw.Draw(image)
        font = ImageFont.load_default(size=48)
        for row in range(4):
            draw.text((80, 120 + row * 110), text, fill=0, font=font)
    else:
        ImageDraw.Draw(image).rectangle((10, 10, width_px - 10, height_px - 10), outline=0, width=3)
    out = io.BytesIO()
    image.save(out, format="PDF", resolution=dpi)
    return out.getvalue()


def _pdf(*pages: bytes) -> bytes:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    for data in pages:
        writer.append(PdfReader(io.BytesIO(data)))
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


LETTER = (1700, 2200, 200)  # 8.5 x 11 inches at 200 dpi


def test_render_resolution_fits_the_pixel_bound() -> None:
    assert render_dpi(595, 842, 25_000_000) == 300  # A4
    assert 170 <= render_dpi(2000, 2000, 25_000_000) <= 190
    assert render_dpi(4000, 4000, 25_000_000) < 100  # the attack's page


@pytest.fixture
def tesseract() -> None:
    if not tesseract_available():
        skip_unless_ci("Tesseract is not installed")


def test_oversized_and_surplus_pages_are_skipped_and_reported(tesseract: None, tmp_path: Path) -> None:
    from ingest.pipeline import ingest_paths

    docs = tmp_path / "docs"
    docs.mkdir()
    huge = _page(556, 556, 10)  # 4003 x 4003 pt
    (docs / "scan.pdf").write_bytes(_pdf(_page(*LETTER, LINE), huge, _page(*LETTER, LINE)))
    settings = Settings(data_dir=tmp_path / "data", ocr_max_pages=2)
    report = ingest_paths([docs], settings, progress=False)
    assert report.files == 1, report.summary()
    notes = [n.note for n in report.notes if n.file.endswith("scan.pdf")]
    assert any(n.startswith("page 2 not OCR'd: 4003 x 4003 pt is too large") for n in notes), notes
    assert any(n.startswith("page 3 not OCR'd: over the limit of 2 OCR pages") for n in notes), notes
    unreadable = [u.pages for u in report.unreadable_pages if u.file.endswith("scan.pdf")]
    assert unreadable == [[2, 3]]
    assert "not OCR'd" in report.summary()


def test_a_page_over_the_bound_is_read_at_a_lower_resolution(tesseract: None) -> None:
    data = _pdf(_page(*LETTER, LINE))
    result = ocr_pdf_pages(data, [1], "eng", max_pixels=4_000_000)
    assert 190 <= result.reduced[1] < 300
    assert "harbour" in result.texts[1].lower()
