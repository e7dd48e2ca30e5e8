"""Files -> documents -> chunks -> (vectors, records), incrementally and crash-safe.

Why our own SQLite record manager rather than LangChain's ``index()`` with a SQL record manager: the lexical
(FTS5) index must change in the same transaction as the records, which ``index()`` cannot join, and an unchanged
file must be skipped *before* it is parsed (``index()`` hashes documents after loading, so every run would parse
and OCR the whole corpus). Our records key each document by a fingerprint of its file hash, its catalog entry and
the chunking settings, so an unchanged corpus is re-checked by hashing files alone.

Crash safety, since Chroma cannot join the SQLite transaction: for each document we (1) upsert vectors for its new
chunk ids, (2) commit records + lexical rows in one transaction, (3) delete vectors of the chunk ids it no longer
has. Ids are content-addressed (``sha256[:16]:ordinal``), so a rerun after SIGKILL upserts the same ids instead of
duplicating them, and ``reconcile`` at the start of a run removes stray vectors and embeds missing ones. A
``vectors_synced`` marker, cleared before writing and set after a clean finish, lets an unchanged re-ingest skip
Chroma (and the embedder) entirely.
"""

from __future__ import annotations

import hashlib
import json
import sys
import time
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from assistant.config import Settings
from assistant.errors import AssistantError, StoreUnavailableError, UnreadableFileError
from assistant.hashing import file_sha256
from assistant.factory import build_embedder, build_records, build_vectors
from ingest.locking import ingest_lock
from ingest.report import FailedFile, IngestReport, UnreadablePages

PIPELINE_VERSION = "3"  # bump when cleaning/chunking changes so that every file is processed again
SYNCED_KEY = "vectors_synced"
CATALOG_NAMES = frozenset({"catalog.toml"})


@dataclass
class SourceFile:
    path: Path
    root: Path
    doc_id: str
    fingerprint: str = ""
    sha256: str = ""


def discover(paths: list[Path]) -> tuple[list[SourceFile], list[Path]]:
    """Files to consider and the folders whose vanished files count as removed; hidden files are ignored."""
    files: list[SourceFile] = []
    folders: list[Path] = []
    for given in paths:
        path = given.expanduser().resolve()
        if path.is_dir():
            folders.append(path)
            for item in sorted(path.rglob("*")):
                rel = item.relative_to(path)
                if item.is_file() and not any(p.startswith(".") for p in rel.parts) and item.name not in CATALOG_NAMES:
                    files.append(SourceFile(item, path, rel.as_posix()))
        elif path.is_file():
            files.append(SourceFile(path, path.parent, path.name))
        else:
            raise UnreadableFileError(f"{given} does not exist")
    return files, folders


class _Catalogs:
    """Catalog entries take part in the fingerprint: editing a title re-ingests that file."""

    def __init__(self, catalog_file: Path | None) -> None:
        self._catalog_file = catalog_file  # ASSISTANT_CATALOG_FILE replaces every folder's own catalog
        self._by_folder: dict[Path, dict[str, dict] | None] = {}

    def entry(self, path: Path) -> str:
        folder = path.parent
        if folder not in self._by_folder:
            self._by_folder[folder] = self._read(folder, self._catalog_file)
        catalog = self._by_folder[folder]
        if catalog is None:  # broken catalog: never "unchanged"; the loader then reports it per file
            return f"broken-catalog-{time.time_ns()}"
        return json.dumps(catalog.get(path.name, {}), sort_keys=True, default=str)

    @staticmethod
    def _read(folder: Path, catalog_file: Path | None) -> dict[str, dict] | None:
        from ingest.catalog import catalog_path, read_catalog

        if not catalog_path(folder, catalog_file).is_file():
            return {}
        try:
            return read_catalog(folder, catalog_file)
        except AssistantError:
            return None


def fingerprint(source: SourceFile, settings: Settings, catalogs: _Catalogs) -> str:
    parts = [source.sha256, catalogs.entry(source.path), str(settings.chunk_size), str(settings.chunk_overlap),
             str(settings.ocr), PIPELINE_VERSION]
    return hashlib.sha256("|".join(parts).encode()).hexdigest()


def ingest_paths(paths: list[Path], settings: Settings, progress: bool = False) -> IngestReport:
    """Ingest files and folders; one bad file is reported and skipped, store failures raise."""
    started = time.perf_counter()
    with ingest_lock(settings):
        report = _run(paths, settings, progress)
    report.seconds = round(time.perf_counter() - started, 3)
    return report


def _run(paths: list[Path], settings: Settings, progress: bool) -> IngestReport:
    records = build_records(settings)
    embedder = build_embedder(settings)
    report = IngestReport(embedder=embedder.id)
    sources, folders = discover(paths)
    known = records.document_fingerprints()
    roots = records.document_roots()
    hashes = records.document_hashes()
    catalogs = _Catalogs(settings.catalog_file)
    limit = settings.max_file_mb * 1024 * 1024

    todo: list[SourceFile] = []
    for source in sources:
        if source.path.stat().st_size <= limit:  # the loader refuses larger files without our hashing them
            source.sha256 = file_sha256(source.path)
            source.fingerprint = fingerprint(source, settings, catalogs)
        if source.fingerprint and known.get(source.doc_id) == source.fingerprint:
            report.skipped += 1
        else:
            todo.append(source)
    present = {s.doc_id for s in sources}
    folder_names = {str(f) for f in folders}
    removed = sorted(d for d, root in roots.items() if root in folder_names and d not in present)

    vectors = None
    if todo or removed or records.get_meta(SYNCED_KEY) != _synced_value(settings, embedder.id):
        vectors = build_vectors(settings, embedder)
        records.delete_meta(SYNCED_KEY)
        report.reembedded, report.embed_seconds = _reconcile(records, vectors, embedder, settings, todo, removed)
        for doc_id in removed:
            stale = sorted(records.chunk_ids_of(doc_id))
            records.delete_document(doc_id)
            vectors.delete(stale)
            report.removed.append(doc_id)
        live = {d: h for d, h in hashes.items() if d not in set(removed)}
        _ingest_files(todo, records, vectors, embedder, settings, report, live, progress)
        records.set_embedder(embedder.id)
        records.set_meta(SYNCED_KEY, _synced_value(settings, embedder.id))
    report.embed_seconds = round(report.embed_seconds, 3)
    report.ocr_seconds = round(report.ocr_seconds, 3)
    records.close()
    return report


def _synced_value(settings: Settings, embedder_id: str) -> str:
    return f"{settings.chroma_url or 'embedded'}|{settings.collection_prefix}|{embedder_id}"


def _reconcile(records, vectors, embedder, settings, todo, removed) -> tuple[int, float]:  # noqa: ANN001
    from ingest.reconcile import reconcile

    skip = {s.doc_id for s in todo} | set(removed)
    return reconcile(records, vectors, embedder, settings.embed_batch_size, skip)


def _ingest_files(todo, records, vectors, embedder, settings, report, hashes, progress) -> None:  # noqa: ANN001, PLR0913
    from tqdm import tqdm

    from ingest.documents import prepare_document

    owners = {sha: doc for doc, sha in hashes.items()}  # removed documents are already gone from `hashes`
    bar = tqdm(total=len(todo), disable=not progress, file=sys.stderr, unit="file", leave=False)
    # Parsing/OCR of the next file overlaps embedding of this one (numpy and tesseract release the GIL);
    # writes stay sequential in this thread, so the crash-safety order is unchanged.
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="prepare") as pool:
        pending = [pool.submit(prepare_document, s.path, s.root, settings) for s in todo[:1]]
        for index, source in enumerate(todo):
            if index + 1 < len(todo):
                nxt = todo[index + 1]
                pending.append(pool.submit(prepare_document, nxt.path, nxt.root, settings))
            bar.set_postfix_str(source.doc_id[-40:], refresh=False)
            _ingest_one(source, pending.pop(0), records, vectors, embedder, settings, report, owners)
            bar.update()
    bar.close()


def _ingest_one(source: SourceFile, future: Future, records, vectors, embedder, settings: Settings,  # noqa: ANN001
                report: IngestReport, owners: dict[str, str]) -> None:
    """Vectors first, records second, stale vectors last: a crash between steps leaves only what reconcile repairs."""
    from ingest.reconcile import embed_chunks, vector_metadata

    label = source.path.name if source.root == source.path.parent else source.doc_id
    try:
        doc, chunks = future.result()
    except StoreUnavailableError:
        raise
    except AssistantError as exc:
        report.failed.append(FailedFile(file=label, reason=exc.message))
        return
    except Exception as exc:  # a parser bug on one file must not stop the others
        report.failed.append(FailedFile(file=label, reason=f"{type(exc).__name__}: {exc}".splitlines()[0][:300]))
        return
    twin = owners.get(doc.meta.sha256)
    if twin is not None and twin != source.doc_id:
        report.failed.append(FailedFile(file=label, reason=f"same content as {twin}; indexed once"))
        return
    owners[doc.meta.sha256] = source.doc_id
    t0 = time.perf_counter()
    embeddings = embed_chunks(embedder, chunks, {doc.meta.doc_id: doc.meta.title}, settings.embed_batch_size)
    report.embed_seconds += time.perf_counter() - t0
    old = records.chunk_ids_of(doc.meta.doc_id)
    vectors.add([c.id for c in chunks], embeddings, [vector_metadata(c) for c in chunks])
    records.replace_document(doc.meta, chunks, doc.pages, embedder_id=embedder.id, fingerprint=source.fingerprint,
                             root=str(source.root))
    stale = sorted(old - {c.id for c in chunks})
    if stale:
        vectors.delete(stale)
    report.files += 1
    report.pages += len(doc.pages)
    report.chunks += len(chunks)
    report.ocr_seconds += doc.ocr_seconds
    if doc.unreadable_pages:
        report.unreadable_pages.append(UnreadablePages(file=label, pages=sorted(doc.unreadable_pages)))
