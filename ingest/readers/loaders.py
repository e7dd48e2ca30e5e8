"""File -> Document: a registry of loaders keyed by suffix, with content sniffing so that a bad file fails with a
one-line reason instead of a traceback. Heavy parsers are imported inside their loader."""

from __future__ import annotations

import hashlib
import io
import re
import time
from collections.abc import Callable
from pathlib import Path

from pydantic import BaseModel, Field

from assistant.config import Settings
from assistant.errors import UnreadableFileError
from assistant.models import Document, Page
from ingest.cleaning import clean_pages
from ingest.readers.frontmatter import read_front_matter
from ingest.metadata import build_meta
from ingest.readers.ocr import ocr_pdf_pages, tesseract_available
from ingest.readers.tables import markdown_tables
from ingest.titles import opening_heading
from ingest.readers.text_decoding import decode_text
from ingest.readers.zip_bounds import check_zip_bounds

MIN_TEXT_LAYER_LETTERS = 40  # fewer letters than this (a running header at most) means a scanned page


class RawDocument(BaseModel):
    """What a loader read, before cleaning: pages plus whatever metadata the file states about itself."""

    pages: list[Page]
    hints: dict[str, object] = Field(default_factory=dict)
    scanned_pages: list[int] = Field(default_factory=list, description="Pages that are images without a text layer.")
    notes: list[str] = Field(default_factory=list, description="Fallbacks the loader took, for the ingest report.")


Loader = Callable[[bytes, str], RawDocument]


def _load_pdf(data: bytes, name: str) -> RawDocument:
    from pypdf import PdfReader

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise UnreadableFileError(f"{name}: encrypted PDF (a password is needed to read it)")
        count = len(reader.pages)
    except UnreadableFileError:
        raise
    except Exception as exc:  # pypdf raises many types for damaged files
        raise UnreadableFileError(f"{name}: corrupt PDF ({_short(exc)})") from exc
    if count == 0:
        raise UnreadableFileError(f"{name}: PDF has no pages")
    try:
        labels = list(reader.page_labels)
    except Exception:  # a broken /PageLabels tree must not cost the text
        labels = [str(i + 1) for i in range(count)]
    notes: list[str] = []
    texts = _page_texts(data, reader, notes)
    pages = [Page(number=index + 1, label=labels[index] if index < len(labels) else None, text=text)
             for index, text in enumerate(texts)]
    hints: dict[str, object] = {}
    info = reader.metadata or {}
    title = str(info.get("/Title") or "").strip()
    if title and not re.search(r"\.(docx?|pdf|pptx?)$|^untitled$|^microsoft word", title, re.I):
        hints["title"] = title
    created = re.match(r"D:(\d{4})", str(info.get("/CreationDate") or ""))
    if created:
        hints["pdf_year"] = created.group(1)
    scanned = [p.number for p in pages if len(re.findall(r"[^\W\d_]", p.text)) < MIN_TEXT_LAYER_LETTERS]
    return RawDocument(pages=pages, hints=hints, scanned_pages=[n for n in scanned if n is not None], notes=notes)


def _page_texts(data: bytes, reader, notes: list[str]) -> list[str]:  # noqa: ANN001 - pypdf PdfReader
    """pdfium's text layer (see ingest.readers.pdftext); pypdf's, with a note, where pdfium fails."""
    from ingest.readers.pdftext import pdfium_page_texts

    try:
        texts = pdfium_page_texts(data)
    except Exception as exc:  # pdfium refused a file pypdf opened: pypdf's text is still text, said so in the report
        notes.append(f"text read with pypdf because pdfium could not open the file ({_short(exc)})")
        texts = []
    if texts and len(texts) != len(reader.pages):
        notes.append(f"text read with pypdf because pdfium saw {len(texts)} page(s), pypdf {len(reader.pages)}")
    if len(texts) == len(reader.pages):
        return texts
    out: list[str] = []
    for page in reader.pages:
        try:
            out.append(page.extract_text() or "")
        except Exception:  # one damaged page is reported empty, the others still load
            out.append("")
    return out


def _load_docx(data: bytes, name: str) -> RawDocument:
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    from ingest.readers.docx_text import docx_lines

    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, Exception) as exc:  # damaged zips raise many types
        raise UnreadableFileError(f"{name}: corrupt Word file ({_short(exc)})") from exc
    lines = docx_lines(document)
    hints: dict[str, object] = {}
    props = document.core_properties
    if props.title and props.title.strip():
        hints["title"] = props.title.strip()
    elif opening := opening_heading(lines):
        # the title names the file, as a Markdown file's '# ' line does: metadata, not a sentence answers quote
        hints["title"], lines = opening[0], lines[opening[1] + 1:]
    return RawDocument(pages=[Page(number=None, text="\n".join(lines))], hints=hints)


_TITLE_LINES, _TITLE_CHARS = 5, 200  # a text file's opening block this short is its title, not a paragraph
_STAMP_CHARS = 15


def _load_txt(data: bytes, name: str) -> RawDocument:
    """The opening block of a text file, when short and not a sentence, is its title ('CHAIRMAN'S STATEMENT' /
    'FIFTH ANNUAL MEETING OF ...'); it stays in the text too."""
    text = decode_text(data, name)
    opening = text.strip().split("\n\n", 1)[0].splitlines()
    title = " ".join(line.strip() for line in opening if line.strip())
    hints: dict[str, object] = {}
    # one short word ('DRAFT', 'CONFIDENTIAL') is a stamp, not a title; Thai runs its words together
    if (opening and len(opening) <= _TITLE_LINES and _STAMP_CHARS < len(title) <= _TITLE_CHARS
            and not title.endswith((".", ":"))):
        hints["title"] = title
    return RawDocument(pages=[Page(number=None, text=markdown_tables(text))], hints=hints)


# '## OCR text (page 5)', '## Transcript': a label of where the text came from, not part of the document's text.
_MD_TRANSCRIPT_HEADING_RE = re.compile(r"^#{1,6}\s*(ocr|transcri\w*|text)\b[^\n]{0,40}$", re.IGNORECASE)
_MD_FIELD_RE = re.compile(r"^[-*]\s+([A-Za-z][A-Za-z ]{0,30}):\s*(.*)$")


def _load_md(data: bytes, name: str) -> RawDocument:
    """YAML front matter, a '# ' title and a leading block of '- Key: value' lines (as in the MOU files) are
    metadata; the front matter's fields win over the block's."""
    text = decode_text(data, name)
    hints: dict[str, object] = {}
    lines = text.splitlines()
    front = read_front_matter(lines)
    index = front.end if front else 0
    if opening := opening_heading(lines[index:]):
        hints["title"], index = opening[0], index + opening[1] + 1
    while index < len(lines) and not lines[index].strip():
        index += 1
    fields: dict[str, str] = {}
    while index < len(lines) and (match := _MD_FIELD_RE.match(lines[index].strip())):
        if match.group(2).strip():  # '- Parties:' left empty is still part of the block, not passage text
            fields[match.group(1).strip().lower()] = match.group(2).strip()
        index += 1
    if front:
        fields |= front.fields
        hints |= {"title": fields.pop("title")} if "title" in fields else {}
        hints |= {"access_line": "front matter 'access:'"} if "access" in front.fields else {}
    if fields:
        hints["fields"] = fields
    # Title and fields ('- Source document: ...', '- Text provenance: ...') describe the file: they become metadata,
    # not passage text, or answers would quote them.
    body = "\n".join(line for line in lines[index:] if not _MD_TRANSCRIPT_HEADING_RE.match(line.strip()))
    if not body.strip():
        raise UnreadableFileError(f"{name}: only a title and metadata, no text")
    return RawDocument(pages=[Page(number=None, text=markdown_tables(body))], hints=hints,
                       notes=front.notes if front else [])


LOADERS: dict[str, Loader] = {".pdf": _load_pdf, ".docx": _load_docx, ".txt": _load_txt, ".md": _load_md}
SUPPORTED_SUFFIXES: frozenset[str] = frozenset(LOADERS)
CONTAINERS: frozenset[str] = frozenset({".docx"})  # zip files: bounded before parsing (ingest.readers.zip_bounds)

_HTML_RE = re.compile(rb"^\s*(<!doctype html|<html|<head|<body|<\?xml[^>]*>\s*<html)", re.I)
# Magic numbers the binary formats must start with; text formats only need to decode.
_MAGIC: dict[str, tuple[bytes, str]] = {".pdf": (b"%PDF-", "PDF"), ".docx": (b"PK\x03\x04", "Word (.docx)")}


def sniff(data: bytes, suffix: str, name: str) -> None:
    if not data.strip():
        raise UnreadableFileError(f"{name}: empty file")
    if suffix not in _MAGIC:
        return
    magic, label = _MAGIC[suffix]
    head = data[:1024]
    if _HTML_RE.match(head):
        raise UnreadableFileError(f"{name}: HTML page saved with a {suffix} name, not a {label} file")
    if magic not in head:
        raise UnreadableFileError(f"{name}: not a {label} file (unrecognised content)")


def _short(exc: Exception) -> str:
    message = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return message[:120]


def read_raw(path: Path, settings: Settings) -> tuple[RawDocument, str]:
    """Checks before parsing (suffix, size, content), then the loader; returns the raw document and its sha256."""
    name = path.name
    suffix = path.suffix.lower()
    if suffix not in LOADERS:
        supported = ", ".join(sorted(SUPPORTED_SUFFIXES))
        raise UnreadableFileError(f"{name}: unsupported file type {suffix or '(none)'!r} (supported: {supported})")
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise UnreadableFileError(f"{name}: cannot read ({exc.strerror})") from exc
    if size == 0:
        raise UnreadableFileError(f"{name}: empty file (0 bytes)")
    if size > settings.max_file_mb * 1024 * 1024:
        raise UnreadableFileError(f"{name}: {size / 1048576:.1f} MB is over the {settings.max_file_mb:g} MB limit")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise UnreadableFileError(f"{name}: cannot read ({exc.strerror})") from exc
    sniff(data, suffix, name)
    if suffix in CONTAINERS:
        check_zip_bounds(data, name, settings)  # before the loader unpacks anything
    raw = LOADERS[suffix](data, name)
    if suffix == ".pdf":
        raw.hints["_bytes"] = data  # OCR renders from the same bytes; never leaves this module
    return raw, hashlib.sha256(data).hexdigest()


class LoadTimes(BaseModel):
    """Seconds per phase of one load, so ingestion can report where its time goes (OCR is on the Document), and
    the loader's notes, which the Document has no place for."""

    parse: float = 0.0
    clean: float = 0.0
    notes: list[str] = Field(default_factory=list)


def load_document(path: Path, root: Path, settings: Settings, times: LoadTimes | None = None) -> Document:
    """Read, OCR scanned pages, clean, and attach metadata (catalog first, then what the file says about itself)."""
    times = times if times is not None else LoadTimes()
    started = time.perf_counter()
    raw, sha256 = read_raw(path, settings)
    times.parse += time.perf_counter() - started
    times.notes += raw.notes
    data = raw.hints.pop("_bytes", None)
    pages = list(raw.pages)
    ocr_done: list[int] = []
    unreadable: list[int] = []
    seconds = 0.0
    if raw.scanned_pages and isinstance(data, bytes):
        if settings.ocr and tesseract_available():
            result = ocr_pdf_pages(data, raw.scanned_pages, settings.ocr_languages, settings.ocr_threads,
                                   settings.ocr_parallel_pages, max_pixels=int(settings.ocr_max_page_megapixels * 1e6),
                                   max_pages=settings.ocr_max_pages)
            seconds = result.seconds
            for page in pages:
                if page.number in result.texts:
                    page.text = f"{page.text}\n{result.texts[page.number]}"
            ocr_done = sorted(result.texts)
            unreadable = sorted([*result.failed, *result.skipped])
            times.notes += [f"page {n} not OCR'd: {why}" for n, why in sorted(result.skipped.items())]
            times.notes += [f"page {n} OCR'd at {dpi} dpi to stay within ASSISTANT_OCR_MAX_PAGE_MEGAPIXELS"
                            for n, dpi in sorted(result.reduced.items())]
        else:
            unreadable = sorted(_pages_with_images(data, raw.scanned_pages))
    started = time.perf_counter()
    meta = build_meta(path, root, settings, raw.hints, pages, sha256)
    cleaned = clean_pages(pages, meta.language)
    times.clean += time.perf_counter() - started
    if not any(page.text.strip() for page in cleaned):
        raise UnreadableFileError(_no_text(path.name, unreadable, settings))
    return Document(meta=meta, pages=cleaned, unreadable_pages=unreadable, ocr_pages=ocr_done, ocr_seconds=seconds)


def _no_text(name: str, unreadable: list[int], settings: Settings) -> str:
    """A document without any text would be listed as indexed while no question can ever find it."""
    if not unreadable:
        return f"{name}: no text in the file"
    why = "OCR is off (ASSISTANT_OCR)" if not settings.ocr else (
        "Tesseract is not installed" if not tesseract_available() else "OCR found no text on them")
    return f"{name}: no text: page(s) {', '.join(map(str, unreadable))} are images and {why}"


def _pages_with_images(data: bytes, numbers: list[int]) -> set[int]:
    from ingest.readers.ocr import image_pages

    return image_pages(data, numbers)
