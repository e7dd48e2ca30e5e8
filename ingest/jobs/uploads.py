"""Uploaded documents: checked by content (a '.pdf' that is really HTML is refused before anything is stored),
then staged under a hidden name in ``data_dir/uploads/`` until their ingest job swaps them in (see
``ingest.jobs.swap``)."""

from __future__ import annotations

import io
import re
import uuid
import zipfile
from collections.abc import Callable
from pathlib import Path

from pydantic import BaseModel

from assistant.access.principal import validate_access
from assistant.config import Settings
from assistant.errors import (
    ConflictError,
    InvalidRequestError,
    PayloadTooLargeError,
    UnreadableFileError,
)
from ingest.catalog import CATALOG_NAME

_SAFE_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._ -]{0,150}$")
_HTML = re.compile(rb"^\s*(<!doctype html|<html|<head|<body|<\?xml)", re.IGNORECASE)


def _is_pdf(data: bytes) -> bool:
    return b"%PDF-" in data[:1024]


def _is_docx(data: bytes) -> bool:
    if not data.startswith(b"PK\x03\x04"):
        return False
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return "word/document.xml" in archive.namelist()
    except zipfile.BadZipFile:
        return False


def _is_text(data: bytes) -> bool:
    """Whatever encodings folder ingestion reads (a Thai Windows-874 note was refused here and accepted there)."""
    from ingest.readers.text_decoding import decode_text

    if _HTML.match(data[:512]):
        return False
    try:
        return bool(decode_text(data, "upload").strip())
    except UnreadableFileError:
        return False


CHECKS: dict[str, tuple[Callable[[bytes], bool], str]] = {
    ".pdf": (_is_pdf, "a PDF (it does not start with %PDF-)"),
    ".docx": (_is_docx, "a Word .docx file (it is not a zip holding word/document.xml)"),
    ".txt": (_is_text, "plain text (UTF-8, UTF-16, Windows-874 or Windows-1252)"),
    ".md": (_is_text, "Markdown text (UTF-8, UTF-16, Windows-874 or Windows-1252)"),
}


def describe(data: bytes) -> str:
    """What the bytes look like, for a refusal a user can act on."""
    if _HTML.match(data[:512]):
        return "an HTML page"
    if _is_pdf(data):
        return "a PDF"
    if data.startswith(b"PK\x03\x04"):
        return "a zip archive"
    return "binary data" if b"\x00" in data[:8192] else "text"


def check_upload(filename: str, data: bytes, settings: Settings) -> str:
    """Returns the safe file name, or raises with the reason the content does not match the name."""
    name = Path(filename.replace("\\", "/")).name.strip()
    if not _SAFE_NAME.match(name) or name.startswith(".") or name == CATALOG_NAME:
        raise InvalidRequestError(f"the file name {filename!r} is not allowed", hint="use letters, digits, '.', '-', '_' and spaces")
    limit = int(settings.max_upload_mb * 1024 * 1024)
    if len(data) > limit:
        raise PayloadTooLargeError(f"{name} is {len(data)} bytes; the upload limit is {settings.max_upload_mb:g} MB")
    suffix = Path(name).suffix.lower()
    if suffix not in CHECKS:
        raise UnreadableFileError(f"{name}: unsupported file type {suffix or '(none)'}", hint="upload .pdf, .docx, .txt or .md")
    # the loaders' own checks first, so upload and ingest refuse alike
    from ingest.readers.loaders import CONTAINERS, sniff
    from ingest.readers.zip_bounds import check_zip_bounds

    sniff(data, suffix, name)
    if suffix in CONTAINERS:
        check_zip_bounds(data, name, settings)
    check, expected = CHECKS[suffix]
    if not data or not check(data):
        found = "empty" if not data else describe(data)
        raise UnreadableFileError(f"{name} is not {expected}: its content is {found}")
    return name


def uploads_dir(settings: Settings) -> Path:
    return settings.resolved_data_dir() / "uploads"


def staging_dir(settings: Settings) -> Path:
    """Hidden, so an ingest of the uploads folder never reads an upload that is not indexed yet."""
    return uploads_dir(settings) / ".staging"


class StagedUpload(BaseModel):
    """An accepted upload waiting for its job: its bytes under a name of its own, so that a second upload of the
    same name before the job runs cannot change what this job ingests."""

    name: str
    path: Path
    access: str | None = None


def save_upload(filename: str, data: bytes, settings: Settings, access: str | None = None,
                roots: dict[str, str] | None = None) -> StagedUpload:
    """Check, then stage; nothing indexed or in the uploads folder changes until the job ingests it.

    ``roots`` (document id -> folder it was ingested from): an upload may replace an earlier upload, never a
    document of another folder that has the same id (ingestion refuses that too; this says so before queueing)."""
    name = check_upload(filename, data, settings)
    root = (roots or {}).get(name)
    if root is not None and Path(root).resolve() != uploads_dir(settings).resolve():
        raise ConflictError(f"a document {name!r} from another folder is already indexed; an upload would replace it",
                            hint="rename the file before uploading it")
    if access is not None:
        try:
            validate_access(access)
        except ValueError as exc:
            raise InvalidRequestError(str(exc)) from None
    folder = staging_dir(settings)
    folder.mkdir(parents=True, exist_ok=True)
    staged = folder / f"{uuid.uuid4().hex}-{name}"
    staged.write_bytes(data)
    return StagedUpload(name=name, path=staged, access=access)
