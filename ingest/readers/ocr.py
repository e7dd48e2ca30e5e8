"""OCR for PDF pages that are only images (the toolkit's scanned agreements): render with pypdfium2, read with
Tesseract. Without Tesseract the caller reports those pages as unreadable instead of silently skipping them."""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import time
from collections import deque
from concurrent.futures import Future, ThreadPoolExecutor
from functools import lru_cache

from pydantic import BaseModel, Field

RENDER_DPI = 300  # Tesseract's accuracy drops sharply below ~200 dpi on typewritten scans
RENDER_SCALE = RENDER_DPI / 72
MIN_DPI = 100  # a page that fits the pixel bound only below this is skipped: OCR at lower resolution reads nothing
MIN_IMAGE_SHARE = 0.2  # an image covering less of the page is a logo, not a scanned page
PAGE_TIMEOUT_S = 300  # one page; a hung Tesseract fails its file instead of the whole ingest


class OcrResult(BaseModel):
    texts: dict[int, str] = Field(default_factory=dict, description="1-based page number -> OCR text.")
    failed: list[int] = Field(default_factory=list, description="Scanned pages whose OCR found no text.")
    skipped: dict[int, str] = Field(default_factory=dict, description="Scanned pages not read, with the bound that "
                                                                       "stopped them (page size, pages per document).")
    reduced: dict[int, int] = Field(default_factory=dict, description="Pages rendered below 300 dpi to fit the pixel "
                                                                       "bound: page -> dpi used.")
    seconds: float = 0.0


@lru_cache(maxsize=1)
def tesseract_available() -> bool:
    if shutil.which("tesseract") is None:
        return False
    try:
        import pytesseract

        pytesseract.get_tesseract_version()
    except Exception:  # a broken install is the same as none
        return False
    return True


@lru_cache(maxsize=4)
def installed_languages() -> frozenset[str]:
    import pytesseract

    try:
        return frozenset(pytesseract.get_languages(config=""))
    except Exception:
        return frozenset()


def usable_languages(requested: str) -> str:
    """Only the requested languages that are installed, so a missing Thai pack degrades to English, not a crash."""
    have = installed_languages()
    chosen = [lang for lang in requested.split("+") if lang and lang in have]
    return "+".join(chosen) or "eng"


def image_pages(data: bytes, numbers: list[int]) -> set[int]:
    """Of the given pages, those carrying a page-sized image (a blank page has nothing to read)."""
    import pypdfium2 as pdfium

    found: set[int] = set()
    pdf = pdfium.PdfDocument(data)
    try:
        for number in numbers:
            page = pdf[number - 1]
            if has_page_image(page):
                found.add(number)
            page.close()
    finally:
        pdf.close()
    return found


def has_page_image(page) -> bool:  # noqa: ANN001 - pypdfium2 PdfPage
    import pypdfium2.raw as pdfium_c

    page_area = max(page.get_width() * page.get_height(), 1.0)
    for obj in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE], max_depth=2):
        left, bottom, right, top = obj.get_bounds()
        if (right - left) * (top - bottom) >= MIN_IMAGE_SHARE * page_area:
            return True
    return False


def render_dpi(width_pt: float, height_pt: float, max_pixels: int) -> int:
    """300 dpi, or the highest resolution at which the page stays within ``max_pixels`` (a PDF page may be 200
    inches square: at 300 dpi that is 3.6 billion pixels)."""
    fit = (max_pixels / max(width_pt * height_pt, 1.0)) ** 0.5 * 72
    return int(min(RENDER_DPI, fit))


def ocr_pdf_pages(data: bytes, numbers: list[int], languages: str, threads: int = 1, parallel: int = 1,
                  max_pixels: int = 2**63, max_pages: int = 2**31) -> OcrResult:
    """OCR the scanned pages among ``numbers``; pages without a page-sized image are blank and skipped.

    Bounded: a page is rendered with at most ``max_pixels`` pixels (below 300 dpi if it must; skipped if even
    100 dpi would exceed it), and only the first ``max_pages`` scanned pages are read; ``skipped`` says why.
    Up to ``parallel`` Tesseract processes read pages at once while the next page renders here (pages are
    independent); at most ``parallel + 1`` rendered pages are held in memory.
    """
    import pypdfium2 as pdfium

    started = time.perf_counter()
    targets = sorted(image_pages(data, numbers))
    result = OcrResult()
    for number in targets[max_pages:]:
        result.skipped[number] = f"over the limit of {max_pages} OCR pages per document"
    targets = targets[:max_pages]
    if not targets:
        return result
    lang = usable_languages(languages)
    pdf = pdfium.PdfDocument(data)
    pending: deque[tuple[int, Future[str]]] = deque()
    try:
        with ThreadPoolExecutor(max_workers=parallel, thread_name_prefix="tesseract") as pool:
            for number in targets:
                page = pdf[number - 1]
                width, height = page.get_size()
                dpi = render_dpi(width, height, max_pixels)
                if dpi < MIN_DPI:
                    page.close()
                    result.skipped[number] = (f"{width:.0f} x {height:.0f} pt is too large to render within "
                                              f"{max_pixels:,} pixels at {MIN_DPI} dpi")
                    continue
                if dpi < RENDER_DPI:
                    result.reduced[number] = dpi
                image = page.render(scale=dpi / 72, grayscale=True).to_pil()
                page.close()
                pending.append((number, pool.submit(read_image, image, lang, threads)))
                while len(pending) > parallel:
                    _collect(*pending.popleft(), result)
            while pending:
                _collect(*pending.popleft(), result)
    finally:
        pdf.close()
    result.failed.sort()
    result.seconds = time.perf_counter() - started
    return result


def _collect(number: int, future: Future[str], result: OcrResult) -> None:
    text = future.result()
    if sum(ch.isalpha() for ch in text) >= 20:
        result.texts[number] = text
    else:
        result.failed.append(number)


def read_image(image, lang: str, threads: int) -> str:  # noqa: ANN001 - PIL image
    """Tesseract on one page image, with its OpenMP threads capped: by default it starts one per core, which on 2
    cores fights the embedder running beside it."""
    buffer = io.BytesIO()
    image.save(buffer, format="PPM")  # uncompressed: encoding a 300 dpi PNG costs more than writing raw bytes
    env = {**os.environ, "OMP_THREAD_LIMIT": str(threads)}
    done = subprocess.run(["tesseract", "stdin", "stdout", "-l", lang, "--psm", "3"],  # noqa: S607
                          input=buffer.getvalue(), capture_output=True, env=env, timeout=PAGE_TIMEOUT_S, check=False)
    if done.returncode != 0:
        message = done.stderr.decode(errors="replace").strip().splitlines()
        raise RuntimeError(f"tesseract failed: {message[-1] if message else f'exit {done.returncode}'}")
    return done.stdout.decode("utf-8", errors="replace")
