"""One file to its chunks, composing the text side (loaders, cleaning, OCR, chunking) for the pipeline."""

from __future__ import annotations

from pathlib import Path

from assistant.config import Settings
from assistant.models import Chunk, Document


def prepare_document(path: Path, root: Path, settings: Settings) -> tuple[Document, list[Chunk]]:
    """Raises ``UnreadableFileError`` (one-line reason) for a file that cannot be ingested."""
    from ingest.chunking import chunk_document
    from ingest.loaders import load_document

    doc = load_document(path, root, settings)
    return doc, chunk_document(doc, settings)
