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
import shlex
import sys
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from assistant.config import Settings
from assistant.errors import UnreadableFileError
from assistant.factory import build_embedder, build_records, build_vectors
from assistant.hashing import file_sha256
from ingest.catalog import RunCatalogs, entry_for
from ingest.embed_threads import IdleCoreThreads
from ingest.identity import claims, discoverable, emptied_folders
from ingest.locking import ingest_lock
from ingest.preparer import Prepared, Preparer
from ingest.schedule import schedule
from ingest.report import FailedFile, FileNote, IngestReport, UnreadablePages

PIPELINE_VERSION = "18"  # bump when cleaning/chunking changes so that every file is processed again
SYNCED_KEY = "vectors_synced"
EMBED_GROUP_CHUNKS = 2048  # chunks prepared before one embedding call: large batches, bounded memory


@dataclass
class SourceFile:
    path: Path
    root: Path
    doc_id: str
    fingerprint: str = ""
    sha256: str = ""


def discover(paths: list[Path]) -> tuple[list[SourceFile], list[Path]]:
    """Files to consider and the folders whose vanished files count as removed; hidden files are ignored, and a file
    reached through two overlapping arguments (a folder and its subfolder) is taken once, as the first found it."""
    files: list[SourceFile] = []
    folders: list[Path] = []
    for given in paths:
        path = given.expanduser().resolve()
        if path.is_dir():
            folders.append(path)
            for item in sorted(path.rglob("*")):
                rel = item.relative_to(path)
                if item.is_file() and discoverable(rel):
                    files.append(SourceFile(item, path, rel.as_posix()))
        elif path.is_file():
            files.append(SourceFile(path, path.parent, path.name))
        else:
            raise UnreadableFileError(f"{given} does not exist")
    unique: dict[Path, SourceFile] = {}
    for source in files:
        unique.setdefault(source.path, source)
    return list(unique.values()), folders


def fingerprint(source: SourceFile, settings: Settings, catalogs: RunCatalogs) -> str:
    parts = [source.sha256, catalogs.entry(source.root, source.doc_id, source.path.name), str(settings.chunk_size),
             str(settings.chunk_overlap), str(settings.ocr), PIPELINE_VERSION]
    return hashlib.sha256("|".join(parts).encode()).hexdigest()


def ingest_paths(paths: list[Path], settings: Settings, progress: bool = False,
                 allow_empty: bool = False) -> IngestReport:
    """Ingest files and folders; one bad file is reported and skipped, store failures raise. A folder that holds no
    document any more while documents were ingested from it fails and keeps them, unless ``allow_empty``."""
    with ingest_lock(settings):
        return ingest_holding_lock(paths, settings, progress, allow_empty)


def ingest_holding_lock(paths: list[Path], settings: Settings, progress: bool = False,
                        allow_empty: bool = False) -> IngestReport:
    """``ingest_paths`` for a caller that holds ``ingest_lock`` to change files around the run (an upload swapped in,
    and put back if it fails: another writer must not see the folder in between)."""
    started = time.perf_counter()
    report = _run(paths, settings, progress, allow_empty)
    report.seconds = round(time.perf_counter() - started, 3)
    return report


def _run(paths: list[Path], settings: Settings, progress: bool, allow_empty: bool) -> IngestReport:
    records = build_records(settings)
    report = IngestReport()
    sources, folders = discover(paths)
    known = records.document_fingerprints()
    roots = records.document_roots()
    hashes = records.document_hashes()
    catalogs = RunCatalogs(settings.catalog_file)
    limit = settings.max_file_mb * 1024 * 1024

    emptied = {} if allow_empty else emptied_folders([s.path for s in sources], roots, folders)
    report.failed += [FailedFile(file=str(folder), reason=_emptied_reason(folder, kept))
                      for folder, kept in emptied.items()]
    claimed = claims([(s.path, s.root, s.doc_id) for s in sources], roots, folders, keep=list(emptied))
    todo: list[SourceFile] = []
    moved: dict[str, str] = {}
    for source in sources:
        if str(source.path) in claimed.refused:
            report.failed.append(FailedFile(file=_label(source), reason=claimed.refused[str(source.path)]))
            continue
        try:
            if source.path.stat().st_size <= limit:  # the loader refuses larger files without our hashing them
                source.sha256 = file_sha256(source.path)
                source.fingerprint = fingerprint(source, settings, catalogs)
        except OSError as exc:  # unreadable, or gone since discovery: that file fails, the run goes on
            report.failed.append(FailedFile(file=_label(source), reason=f"cannot read ({exc.strerror or exc})"))
            continue
        if source.fingerprint and known.get(source.doc_id) == source.fingerprint:
            report.skipped += 1
            if roots.get(source.doc_id) != str(source.root):
                moved[source.doc_id] = str(source.root)
        else:
            todo.append(source)
    removed = claimed.removed
    report.notes += catalogs.unmatched(folders, [(s.root, s.doc_id, s.path.name) for s in sources])
    if moved:
        records.set_roots(moved)

    embedder = build_embedder(settings)
    report.embedder = embedder.id
    if todo or removed or records.get_meta(SYNCED_KEY) != _synced_value(settings, embedder.id):
        _index(records, embedder, settings, report, todo, removed, hashes, progress)
    _refresh_register(records, settings, report, sources, catalogs)
    _in_discovery_order(report, [_label(s) for s in sources])
    for phase in ("parse_seconds", "ocr_seconds", "clean_seconds", "embed_seconds", "store_seconds",
                  "prepare_cpu_seconds", "prepare_peak_rss_mb"):
        setattr(report, phase, round(getattr(report, phase), 3))
    records.close()
    return report


def _refresh_register(records, settings: Settings, report: IngestReport, sources: list[SourceFile],  # noqa: ANN001
                      catalogs: RunCatalogs) -> None:
    """The agreements register follows the index: read from what was just stored, with the catalog's corrections."""
    from assistant.agreements.register import refresh_register

    where = {s.doc_id: s for s in sources}

    def override_for(doc_id: str) -> dict | None:
        source = where.get(doc_id)
        catalog = catalogs.of(source.root) if source else None
        return entry_for(catalog, doc_id, source.path.name).get("agreement") if source and catalog else None

    refreshed = refresh_register(records, settings.resolved_data_dir(), override_for)
    report.register_seconds, report.agreements = refreshed.seconds, refreshed.records


def _emptied_reason(folder: Path, kept: int) -> str:
    return (f"no documents found, so the {kept} document(s) indexed from this folder are kept (a share not "
            f"mounted, or a folder emptied for a moment?); to remove them, run: "
            f"assistant ingest --allow-empty {shlex.quote(str(folder))}")


def _index(records, embedder, settings, report, todo, removed, hashes, progress) -> None:  # noqa: ANN001, PLR0913
    """The model loads in a thread from the start, overlapping Chroma's import (unzipping the weights releases the
    GIL), while the worker starts, estimates what each file costs for the schedule and warms up: the first embed
    waits for the slowest of them."""
    with ThreadPoolExecutor(1, thread_name_prefix="embedder-load") as pool:
        loading = pool.submit(_timed, embedder.load)
        with Preparer([], settings) as preparer:
            estimates = preparer.estimate([source.path for source in todo]) if todo else None
            vectors = build_vectors(settings, embedder)
            if estimates is not None:
                preparer.add(schedule(todo, None if estimates.exception() else estimates.result()))
            records.delete_meta(SYNCED_KEY)
            report.embed_seconds += loading.result()
            report.reembedded, seconds = _reconcile(records, vectors, embedder, settings, todo, removed)
            report.embed_seconds += seconds
            for doc_id in removed:
                stale = sorted(records.chunk_ids_of(doc_id))
                records.delete_document(doc_id)
                vectors.delete(stale)
                report.removed.append(doc_id)
            gone = set(removed)
            live = {d: h for d, h in hashes.items() if d not in gone}
            threads = IdleCoreThreads(embedder, preparer.idle, settings.embed_idle_threads)
            try:
                _ingest_files(preparer, len(todo), records, vectors, embedder, settings, report, live, progress,
                              threads)
            finally:
                threads.restore()
            records.set_embedder(embedder.id)
            records.set_meta(SYNCED_KEY, _synced_value(settings, embedder.id))


def _timed(action: Callable[[], object]) -> float:
    started = time.perf_counter()
    action()
    return time.perf_counter() - started


def _synced_value(settings: Settings, embedder_id: str) -> str:
    return f"{settings.chroma_url or 'embedded'}|{settings.collection_prefix}|{embedder_id}"


def _reconcile(records, vectors, embedder, settings, todo, removed) -> tuple[int, float]:  # noqa: ANN001
    from ingest.reconcile import reconcile

    skip = {s.doc_id for s in todo} | set(removed)
    return reconcile(records, vectors, embedder, settings.embed_batch_size, skip)


def _ingest_files(preparer: Preparer, count: int, records, vectors, embedder, settings, report, hashes, progress,  # noqa: ANN001, PLR0913
                  threads: IdleCoreThreads) -> None:
    """Embed and write what the worker process prepared, while it prepares the next files (see ingest.preparer).

    Prepared documents wait in a group until ``EMBED_GROUP_CHUNKS`` chunks are ready or the next file is not, so
    batches cross file boundaries when the worker is ahead and the embedder never idles when it is behind.
    """
    from tqdm import tqdm

    owners = {sha: doc for doc, sha in hashes.items()}  # removed documents are already gone from `hashes`
    bar = tqdm(total=count, disable=not progress, file=sys.stderr, unit="file", leave=False)
    group: list[tuple[SourceFile, Prepared]] = []
    for source, prepared in preparer:
        bar.set_postfix_str(source.doc_id[-40:], refresh=False)
        if _accept(source, prepared, report, owners):
            group.append((source, prepared))
        if sum(len(p.chunks) for _, p in group) >= EMBED_GROUP_CHUNKS or not preparer.ready():
            _embed_and_write(group, records, vectors, embedder, settings, report, threads)
            group = []
        bar.update()
    _embed_and_write(group, records, vectors, embedder, settings, report, threads)
    bar.close()


def _in_discovery_order(report: IngestReport, labels: list[str]) -> None:
    """Per-file entries listed as the files were found, whatever order the schedule prepared them in."""
    rank = {label: index for index, label in enumerate(labels)}
    for entries in (report.failed, report.notes, report.unreadable_pages):
        entries.sort(key=lambda entry: rank.get(entry.file, len(rank)))


def _label(source: SourceFile) -> str:
    return source.path.name if source.root == source.path.parent else source.doc_id


def _accept(source: SourceFile, prepared: Prepared, report: IngestReport, owners: dict[str, str]) -> bool:
    """Counts the worker's phases; a failed or duplicate file is reported (a bad file never stops the others)."""
    report.parse_seconds += prepared.parse_seconds
    report.clean_seconds += prepared.clean_seconds
    report.prepare_cpu_seconds += prepared.cpu_seconds
    report.prepare_peak_rss_mb = max(report.prepare_peak_rss_mb, prepared.peak_rss_mb)
    report.notes += [FileNote(file=_label(source), note=note) for note in prepared.notes]
    if prepared.failure or prepared.doc is None:
        # loaders name the file in their message; the report line names it already
        reason = (prepared.failure or "nothing prepared").removeprefix(f"{source.path.name}: ")
        report.failed.append(FailedFile(file=_label(source), reason=reason))
        return False
    doc = prepared.doc
    report.ocr_seconds += doc.ocr_seconds
    twin = owners.get(doc.meta.sha256)
    if twin is not None and twin != source.doc_id:
        report.failed.append(FailedFile(file=_label(source), reason=f"same content as {twin}; indexed once"))
        return False
    owners[doc.meta.sha256] = source.doc_id
    return True


def _embed_and_write(group: list[tuple[SourceFile, Prepared]], records, vectors, embedder,  # noqa: ANN001
                     settings: Settings, report: IngestReport, threads: IdleCoreThreads) -> None:
    """Vectors of the whole group first (one Chroma call: each costs ~20 ms besides its vectors), then per document
    its records and then its stale vectors, so a crash between steps leaves only what reconcile repairs."""
    from ingest.reconcile import embed_chunks, vector_metadata

    if not group:
        return
    titles = {p.doc.meta.doc_id: p.doc.meta.title for _, p in group}
    t0 = time.perf_counter()
    every = [c for _, p in group for c in p.chunks]
    embeddings = embed_chunks(embedder, every, titles, settings.embed_batch_size, before_batch=threads)
    report.embed_seconds += time.perf_counter() - t0
    t0 = time.perf_counter()
    vectors.add([c.id for c in every], embeddings, [vector_metadata(c) for c in every])
    for source, prepared in group:
        doc, chunks = prepared.doc, prepared.chunks
        old = records.chunk_ids_of(doc.meta.doc_id)
        records.replace_document(doc.meta, chunks, doc.pages, embedder_id=embedder.id, fingerprint=source.fingerprint,
                                 root=str(source.root), lexical=prepared.lexical)
        stale = sorted(old - {c.id for c in chunks})
        if stale:
            vectors.delete(stale)
        report.files += 1
        report.pages += len(doc.pages)
        report.chunks += len(chunks)
        if doc.unreadable_pages:
            report.unreadable_pages.append(UnreadablePages(file=_label(source), pages=sorted(doc.unreadable_pages)))
    report.store_seconds += time.perf_counter() - t0
