"""The original file of any document, for download: found from the folder it was ingested from, and served only
while it still has the content that was indexed."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from assistant.access.principal import Principal
from assistant.errors import NotFoundError
from assistant.hashing import file_sha256
from assistant.models import DocumentMeta

if TYPE_CHECKING:
    from assistant.service import AssistantService


def document_file(meta: DocumentMeta, root: str | None) -> Path:
    """The original file, only if it still has the content that was indexed (a changed file is not that document)."""
    if root is None:
        raise NotFoundError(f"the original file of {meta.source} is not known")
    path = (Path(root) / meta.doc_id).resolve()
    if not path.is_relative_to(Path(root).resolve()) or not path.is_file():
        raise NotFoundError(f"the original file of {meta.source} is no longer available")
    if meta.sha256 and file_sha256(path) != meta.sha256:
        raise NotFoundError(f"the original file of {meta.source} has changed since it was indexed")
    return path


def original_file(service: AssistantService, doc_id: str, principal: Principal) -> Path:
    """Access is checked first: a document the caller may not see has no file either."""
    meta = service.document(doc_id, principal)
    return document_file(meta, service.records.document_roots().get(meta.doc_id))
