"""One file to its chunks, composing the text side (loaders, cleaning, OCR, chunking) for the pipeline."""

from __future__ import annotations

import time
from pathlib import Path

from assistant.config import Settings
from assistant.models import Chunk, Document
from ingest.readers.loaders import LoadTimes


def prepare_document(path: Path, root: Path, settings: Settings,
                     times: LoadTimes | None = None) -> tuple[Document, list[Chunk]]:
    """Raises ``UnreadableFileError`` (one-line reason) for a file that cannot be ingested; chunking counts as clean."""
    from ingest.chunking import chunk_document
    from ingest.readers.loaders import load_document

    times = times if times is not None else LoadTimes()
    doc = load_document(path, root, settings, times)
    started = time.perf_counter()
    chunks = chunk_document(doc, settings)
    times.clean += time.perf_counter() - started
    return doc, chunks
