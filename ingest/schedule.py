"""The order the worker prepares files in, so that a file that is slow to prepare (the Thai Act) overlaps the embedding
of quick ones instead of trailing after them with the embedder idle, and the embedder gets its first chunks early.

Preparation (worker) then embedding (main process) is a two-machine flow shop, so Johnson's rule orders it: files
that prepare faster than they embed first, quickest preparation first; then the others, longest embedding first.
The estimates must cost next to nothing in the ingesting process, so they read only a PDF's first and last pages:
the page count, whether the text is Thai (slower to prepare: spaces restored, SARA AM repair, Thai sentence split),
and the share of those two pages that are scans to OCR (scanned annexes sit at the end of a report). A file with
scans therefore prepares last, while the embedder works through everything before it. Twins (same sha256) keep
their discovery order, so the report names the same file as the duplicate whatever the schedule.
"""

from __future__ import annotations

from pathlib import Path
from typing import Protocol, TypeVar

# seconds per page on the 2-core target (reference corpus, worker beside the embedder)
PREPARE_PAGE_S = 0.02
PREPARE_THAI_PAGE_S = 0.05  # spaces restored, SARA AM repair, Thai sentence split (the Act: 1.8 s for 38 pages)
OCR_PAGE_S = 3.5  # render + Tesseract, one thread
EMBED_PAGE_S = 0.035
TEXT_BYTES_PER_PAGE = 3000  # plain text and Markdown: one "page" per this many bytes


class _Source(Protocol):
    path: Path
    sha256: str


S = TypeVar("S", bound=_Source)


def estimated_seconds(path: Path) -> tuple[float, float]:
    """(prepare, embed) seconds, roughly; an unreadable file costs nothing (it fails fast)."""
    if path.suffix.lower() != ".pdf":
        try:
            pages = path.stat().st_size / TEXT_BYTES_PER_PAGE
        except OSError:
            return 0.0, 0.0
        return pages * PREPARE_PAGE_S, pages * EMBED_PAGE_S
    pages, thai, scanned_share = _pdf_sample(path)
    text_pages = pages * (1 - scanned_share)
    prepare = text_pages * (PREPARE_THAI_PAGE_S if thai else PREPARE_PAGE_S) + pages * scanned_share * OCR_PAGE_S
    return prepare, text_pages * EMBED_PAGE_S


def _pdf_sample(path: Path) -> tuple[int, bool, float]:
    """Page count, whether the first page is Thai, and the share of the first and last pages that need OCR."""
    import pypdfium2 as pdfium

    from assistant.text.normalise import detect_language
    from ingest.readers.loaders import MIN_TEXT_LAYER_LETTERS
    from ingest.readers.ocr import has_page_image

    try:
        pdf = pdfium.PdfDocument(path)
    except Exception:  # damaged or encrypted: the loader reports it, cheaply
        return 0, False, 0.0
    try:
        pages = len(pdf)
        texts: list[str] = []
        scanned = 0
        for index in sorted({0, pages - 1} if pages else set()):
            page = pdf[index]
            textpage = page.get_textpage()
            texts.append(textpage.get_text_range())
            textpage.close()
            letters = sum(ch.isalpha() for ch in texts[-1])
            scanned += letters < MIN_TEXT_LAYER_LETTERS and has_page_image(page)
            page.close()
        thai = detect_language("\n".join(texts)) == "th"
        return pages, thai, scanned / len(texts) if texts else 0.0
    except Exception:  # pages pdfium cannot read: the loader decides what the file is worth
        return 0, False, 0.0
    finally:
        pdf.close()


def estimates(paths: list[Path]) -> list[tuple[float, float]]:
    """``estimated_seconds`` of each file (run in the preparing worker, see ``ingest.preparer``)."""
    return [estimated_seconds(path) for path in paths]


def schedule(sources: list[S], seconds: list[tuple[float, float]] | None = None) -> list[S]:
    """Johnson's order, from ``seconds`` (``estimates`` of the sources' paths) or estimates made here; files with the
    same content keep their discovery order (they share the first one's key)."""
    key_of: dict[str, tuple[int, float]] = {}
    keyed = []
    for index, source in enumerate(sources):
        twin = source.sha256 or f"#{index}"
        if twin not in key_of:
            prepare, embed = seconds[index] if seconds is not None else estimated_seconds(source.path)
            key_of[twin] = (0, prepare) if prepare <= embed else (1, -embed)
        keyed.append((key_of[twin], index, source))
    return [source for _, _, source in sorted(keyed, key=lambda item: item[:2])]
