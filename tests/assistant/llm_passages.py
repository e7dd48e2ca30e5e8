"""Hand-built passages of real corpus text for the LLM tests (no index needed: the LLM side is under test)."""

from __future__ import annotations

import re
from pathlib import Path

from assistant.models import Chunk, DocumentMeta, Passage


def corpus_window(corpus: Path, file_name: str, anchor: str, size: int = 900) -> str:
    """``size`` characters of the document starting a little before ``anchor`` (whitespace collapsed)."""
    text = re.sub(r"\s+", " ", (corpus / file_name).read_text(encoding="utf-8"))
    at = text.find(anchor)
    assert at >= 0, f"{anchor!r} is not in {file_name}: the corpus changed"
    start = max(0, at - 80)
    return text[start : start + size]


def make_passage(text: str, source: str, n: int, page: int | None = None, title: str | None = None) -> Passage:
    meta = DocumentMeta(doc_id=source, source=source, title=title or source, kind="mou")
    chunk = Chunk(id=f"test:{n:04d}", doc_id=source, text=text, page_start=page, page_end=page, ordinal=n)
    return Passage(chunk=chunk, meta=meta, score=1.0 / n)


ABU_DHABI = "mou-abu-dhabi-houston-sister-cities-agreement-2002.md"
NEW_YORK = "mou-new-york-london-sister-city-partnership-mou-2001.md"
LONG_BEACH = "mou-long-beach-manta-sister-city-agreement-2000.md"
