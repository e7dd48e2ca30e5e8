"""The order the worker prepares files in, so that a dear preparation (the Thai Act) overlaps the embedding of cheap
files instead of trailing after them with the embedder idle, and the embedder gets its first chunks early.

Preparation (worker) then embedding (main process) is a two-machine flow shop, so Johnson's rule orders it: files
that prepare faster than they embed first, quickest preparation first; then the others, longest embedding first.
The estimates must cost next to nothing in the ingesting process, so they read no text layer beyond a PDF's first
page: pages, with Thai pages dearer to prepare (pypdf extraction, SARA AM repair, Thai sentence split). Scanned
pages are not known before parsing; their OCR runs wherever the file falls. Twins (same sha256) keep their
discovery order, so the report names the same file as the duplicate whatever the schedule.
"""

from __future__ import annotations

from pathlib import Path
from typing import Protocol, TypeVar

# seconds per page on the 2-core target (reference corpus, worker beside the embedder)
PREPARE_PAGE_S = 0.02
PREPARE_THAI_PAGE_S = 0.15
EMBED_PAGE_S = 0.06
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
    pages, thai = _pdf_pages(path)
    return pages * (PREPARE_THAI_PAGE_S if thai else PREPARE_PAGE_S), pages * EMBED_PAGE_S


def _pdf_pages(path: Path) -> tuple[int, bool]:
    """Page count and whether the first page is Thai."""
    import pypdfium2 as pdfium

    from assistant.textnorm import detect_language

    try:
        pdf = pdfium.PdfDocument(path)
    except Exception:  # damaged or encrypted: the loader reports it, cheaply
        return 0, False
    try:
        pages = len(pdf)
        if pages == 0:
            return 0, False
        page = pdf[0]
        textpage = page.get_textpage()
        thai = detect_language(textpage.get_text_range()) == "th"
        textpage.close()
        page.close()
        return pages, thai
    except Exception:  # a first page pdfium cannot read: the loader decides what the file is worth
        return 0, False
    finally:
        pdf.close()


def schedule(sources: list[S]) -> list[S]:
    """Johnson's order; files with the same content keep their discovery order (they share the first one's key)."""
    key_of: dict[str, tuple[int, float]] = {}
    keyed = []
    for index, source in enumerate(sources):
        twin = source.sha256 or f"#{index}"
        if twin not in key_of:
            prepare, embed = estimated_seconds(source.path)
            key_of[twin] = (0, prepare) if prepare <= embed else (1, -embed)
        keyed.append((key_of[twin], index, source))
    return [source for _, _, source in sorted(keyed, key=lambda item: item[:2])]
