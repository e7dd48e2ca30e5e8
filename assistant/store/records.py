"""Documents, chunks and the BM25 lexical index (``lexical_search``) in one SQLite file, so one transaction keeps
them in agreement."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

from assistant.errors import StoreLockedError
from assistant.models import Chunk, DocumentMeta, Page
from assistant.store.lexical_build import upgrade
from assistant.store.lexical_search import SCHEMA as LEXICAL_SCHEMA
from assistant.store.lexical_search import LexicalIndex
from assistant.store.lexical_tokens import lexical_rows

_BUSY_S = 30  # how long a statement waits for another connection's write lock

_SCHEMA = """
CREATE TABLE IF NOT EXISTS documents (
    doc_id TEXT PRIMARY KEY, meta TEXT NOT NULL, sha256 TEXT NOT NULL,
    ingested_at TEXT NOT NULL, embedder_id TEXT NOT NULL DEFAULT '',
    fingerprint TEXT NOT NULL DEFAULT '', root TEXT NOT NULL DEFAULT '');
CREATE TABLE IF NOT EXISTS chunks (
    id TEXT PRIMARY KEY, doc_id TEXT NOT NULL, ordinal INTEGER NOT NULL, text TEXT NOT NULL,
    page_start INTEGER, page_end INTEGER, heading TEXT);
CREATE INDEX IF NOT EXISTS chunks_doc ON chunks(doc_id, ordinal);
CREATE INDEX IF NOT EXISTS chunks_heading ON chunks(heading);
CREATE TABLE IF NOT EXISTS pages (
    doc_id TEXT NOT NULL, number INTEGER NOT NULL, label TEXT, text TEXT NOT NULL, PRIMARY KEY (doc_id, number));
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
""" + LEXICAL_SCHEMA


class RecordStore:
    """The system of record: a chunk exists when this store says so; vectors are a derived index."""

    def __init__(self, path: Path, bm25_max_matches: int = 0) -> None:
        """``bm25_max_matches``: see ``LexicalIndex.search``; 0 ranks every match."""
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self._lock = threading.RLock()
        self._commits = 0  # this connection's own commits, which PRAGMA data_version does not count
        self._parsed_metas: dict[str, tuple[str, str, DocumentMeta]] = {}
        self._documents: tuple[tuple[int, int], tuple[DocumentMeta, ...]] | None = None  # by generation()
        self._db = sqlite3.connect(str(path), check_same_thread=False, timeout=_BUSY_S, isolation_level=None)
        self.lexical = LexicalIndex(self._db, self._lock, bm25_max_matches, self.generation, self.total_chunks)
        try:
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=NORMAL")
            self._db.executescript(_SCHEMA)
            upgrade(self._db, self._transaction)  # an index made by an earlier version, in short transactions
        except sqlite3.OperationalError as exc:
            self._db.close()
            if "locked" not in str(exc):
                raise
            raise StoreLockedError(
                f"the record store {path} stayed locked by another process for {_BUSY_S:g} s",
                hint="an index made by an earlier version is upgraded once, in short batches, and an ingest writes "
                     "one document at a time: something else held it; wait for it and try again") from exc

    @property
    def bm25_max_matches(self) -> int:
        return self.lexical.max_matches

    def close(self) -> None:
        with self._lock:
            self._db.close()

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        with self._lock:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                yield self._db
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
            self._db.execute("COMMIT")
            self._commits += 1

    def generation(self) -> tuple[int, int]:
        """Changes whenever anything was committed, by this store or by any other connection or process."""
        with self._lock:
            return self._commits, int(self._db.execute("PRAGMA data_version").fetchone()[0])

    def _rows(self, sql: str, params: tuple | list = ()) -> list[tuple]:
        with self._lock:
            return self._db.execute(sql, params).fetchall()

    # --- documents -------------------------------------------------------------------------
    @staticmethod
    def _meta(raw: str, ingested_at: str) -> DocumentMeta:
        return DocumentMeta.model_validate_json(raw).model_copy(update={"ingested_at": ingested_at})

    def _parsed(self, doc_id: str, raw: str, ingested_at: str) -> DocumentMeta:
        """Each stored version of a document is parsed once; keyed on the stored text itself, so another process's
        ingest is seen at once. The metadata is frozen, so callers share it."""
        hit = self._parsed_metas.get(doc_id)
        if hit is None or hit[0] != raw or hit[1] != ingested_at:
            hit = (raw, ingested_at, self._meta(raw, ingested_at))
            self._parsed_metas[doc_id] = hit
        return hit[2]

    def documents(self, doc_ids: list[str] | None = None) -> list[DocumentMeta]:
        """Every question reads this table; it is read again only after a commit (by any connection or process):
        reading and copying every row grew with the documents (1,400 of them: 4.6 ms a read)."""
        generation = self.generation()
        cached = self._documents
        if cached is None or cached[0] != generation:
            rows = self._rows("SELECT doc_id, meta, ingested_at FROM documents ORDER BY doc_id")
            for gone in self._parsed_metas.keys() - {d for d, _, _ in rows}:
                self._parsed_metas.pop(gone, None)
            cached = (generation, tuple(self._parsed(d, m, at) for d, m, at in rows))
            self._documents = cached
        if doc_ids is None:
            return list(cached[1])
        wanted = set(doc_ids)
        return [m for m in cached[1] if m.doc_id in wanted]

    def document(self, doc_id: str) -> DocumentMeta | None:
        rows = self._rows("SELECT meta, ingested_at FROM documents WHERE doc_id = ?", (doc_id,))
        return self._parsed(doc_id, *rows[0]) if rows else None

    def document_hashes(self) -> dict[str, str]:
        return dict(self._rows("SELECT doc_id, sha256 FROM documents"))

    def document_embedders(self) -> dict[str, str]:
        return dict(self._rows("SELECT doc_id, embedder_id FROM documents"))

    def document_fingerprints(self) -> dict[str, str]:
        """File hash + catalog entry + chunking settings: what decides whether a file must be processed again."""
        return dict(self._rows("SELECT doc_id, fingerprint FROM documents"))

    def document_roots(self) -> dict[str, str]:
        """The absolute folder each document was ingested from, so a vanished file is noticed per folder."""
        return dict(self._rows("SELECT doc_id, root FROM documents"))

    def set_roots(self, roots: dict[str, str]) -> None:
        """An unchanged file found in another folder (the folder was moved) is followed without re-processing."""
        with self._transaction() as db:
            db.executemany("UPDATE documents SET root = ? WHERE doc_id = ?", [(r, d) for d, r in roots.items()])

    def set_embedder(self, embedder_id: str) -> None:
        with self._transaction() as db:
            db.execute("UPDATE documents SET embedder_id = ?", (embedder_id,))

    def replace_document(
        self,
        meta: DocumentMeta,
        chunks: list[Chunk],
        pages: list[Page] | None = None,
        *,
        embedder_id: str = "",
        fingerprint: str = "",
        root: str = "",
        lexical: list[tuple[str, str]] | None = None,
    ) -> None:
        """Old chunks, lexical rows and pages go and new ones arrive in one transaction; ``lexical`` is
        ``lexical_rows(meta.title, chunks)`` when the caller computed it already."""
        now = datetime.now(UTC).isoformat(timespec="seconds")
        if lexical is None:
            lexical = lexical_rows(meta.title, chunks)
        if len(lexical) != len(chunks):
            raise ValueError("one lexical row per chunk")
        rows = [(c.id, meta.doc_id, body, context) for c, (body, context) in zip(chunks, lexical)]
        with self._transaction() as db:
            self._delete(db, meta.doc_id)
            db.execute(
                "INSERT INTO documents (doc_id, meta, sha256, ingested_at, embedder_id, fingerprint, root) "
                "VALUES (?, ?, ?, ?, ?, ?, ?)",
                (meta.doc_id, meta.model_dump_json(), meta.sha256, now, embedder_id, fingerprint or meta.sha256, root),
            )
            db.executemany(
                "INSERT INTO chunks (id, doc_id, ordinal, text, page_start, page_end, heading) VALUES (?,?,?,?,?,?,?)",
                [(c.id, meta.doc_id, c.ordinal, c.text, c.page_start, c.page_end, c.heading) for c in chunks],
            )
            self.lexical.add(db, rows)
            db.executemany(
                "INSERT INTO pages (doc_id, number, label, text) VALUES (?, ?, ?, ?)",
                [(meta.doc_id, i if p.number is None else p.number, p.label, p.text) for i, p in
                 enumerate(pages or [], start=1)],
            )

    def delete_document(self, doc_id: str) -> None:
        with self._transaction() as db:
            self._delete(db, doc_id)

    def _delete(self, db: sqlite3.Connection, doc_id: str) -> None:
        for table in ("documents", "chunks", "pages"):
            db.execute(f"DELETE FROM {table} WHERE doc_id = ?", (doc_id,))
        self.lexical.remove(db, doc_id)

    # --- chunks ----------------------------------------------------------------------------
    def section_starts(self, headings: list[str], doc_ids: list[str] | None = None, per_heading: int = 5) -> list[str]:
        """Per document, the id of the first chunk of the section headed by each name ('Bangkok', 'Bangkok › ...').

        SQLite picks each document's first chunk (the bare ``id`` comes from the ``min(ordinal)`` row): a name that
        heads sections in many documents no longer brings every chunk under it to Python."""
        allowed = None if doc_ids is None else set(doc_ids)
        limit = per_heading if allowed is None else -1  # with a filter, the first allowed documents are not known
        out: list[str] = []
        for name in headings:
            prefix = f"{name} \u203a "
            rows = self._rows("SELECT doc_id, id, min(ordinal) FROM chunks WHERE heading = ? OR (heading >= ? AND "
                              "heading < ?) GROUP BY doc_id ORDER BY doc_id LIMIT ?",
                              (name, prefix, f"{prefix}\U0010ffff", limit))
            firsts = [i for d, i, _ in rows if allowed is None or d in allowed]
            out += [i for i in firsts[:per_heading] if i not in out]
        return out

    def heading_counts(self) -> list[tuple[str, str, int]]:
        """(doc id, heading path, chunks under it), in reading order: what each document spends its text on."""
        rows = self._rows("SELECT doc_id, heading, count(*) FROM chunks WHERE heading IS NOT NULL AND heading != '' "
                          "GROUP BY doc_id, heading ORDER BY doc_id, min(ordinal)")
        return [(d, h, int(n)) for d, h, n in rows]

    def chunks(self, ids: list[str]) -> list[Chunk]:
        found: dict[str, Chunk] = {}
        for start in range(0, len(ids), 500):
            batch = ids[start : start + 500]
            marks = ",".join("?" * len(batch))
            for row in self._rows(
                f"SELECT id, doc_id, ordinal, text, page_start, page_end, heading FROM chunks WHERE id IN ({marks})",
                batch,
            ):
                found[row[0]] = Chunk(id=row[0], doc_id=row[1], ordinal=row[2], text=row[3], page_start=row[4],
                                      page_end=row[5], heading=row[6])
        return [found[i] for i in ids if i in found]

    def chunks_containing(self, doc_id: str, words: list[str]) -> list[Chunk]:
        """A document's chunks whose text holds ``words`` in this order (substrings, ASCII letters in any case), in
        reading order. All the words, not only the most telling one: a number alone ('14') is in most chunks of a
        long document, and each would be read."""
        escaped = [w.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") for w in words]
        rows = self._rows("SELECT id FROM chunks WHERE doc_id = ? AND text LIKE ? ESCAPE '\\' ORDER BY ordinal",
                          (doc_id, f"%{'%'.join(escaped)}%"))
        return self.chunks([r[0] for r in rows])

    def chunk_owners(self) -> dict[str, str]:
        """Every chunk id with its document id, in storage order."""
        return dict(self._rows("SELECT id, doc_id FROM chunks ORDER BY doc_id, ordinal"))

    def total_chunks(self) -> int:
        return int(self._rows("SELECT count(*) FROM chunks")[0][0])

    def chunk_ids(self) -> set[str]:
        return {r[0] for r in self._rows("SELECT id FROM chunks")}

    def chunk_ids_of(self, doc_id: str) -> set[str]:
        return {r[0] for r in self._rows("SELECT id FROM chunks WHERE doc_id = ?", (doc_id,))}

    def chunk_count(self, doc_id: str) -> int:
        return int(self._rows("SELECT count(*) FROM chunks WHERE doc_id = ?", (doc_id,))[0][0])

    def lexical_search(self, query: str, k: int, doc_ids: list[str] | None = None) -> list[tuple[str, float]]:
        """BM25 over normalised tokens, best first, higher is better: see ``LexicalIndex.search``."""
        return self.lexical.search(query, k, doc_ids)

    def mentions(self, query: str, doc_ids: list[str] | None = None, prefix: bool = False) -> bool:
        """Whether any chunk matches a token of ``query`` (or, ``prefix``, begins with one): ``lexical_search``
        without ranking every match first."""
        return self.lexical.mentions(query, doc_ids, prefix)

    def page_text(self, doc_id: str, page: int) -> str | None:
        rows = self._rows("SELECT text FROM pages WHERE doc_id = ? AND number = ?", (doc_id, page))
        if rows:
            return rows[0][0]
        rows = self._rows(
            "SELECT text FROM chunks WHERE doc_id = ? AND coalesce(page_start, 1) <= ? AND coalesce(page_end, "
            "page_start, 1) >= ? ORDER BY ordinal", (doc_id, page, page))
        return "\n\n".join(r[0] for r in rows) if rows else None

    # --- meta ------------------------------------------------------------------------------
    def get_meta(self, key: str) -> str | None:
        rows = self._rows("SELECT value FROM meta WHERE key = ?", (key,))
        return rows[0][0] if rows else None

    def set_meta(self, key: str, value: str) -> None:
        with self._transaction() as db:
            db.execute("INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                       (key, value))

    def delete_meta(self, key: str) -> None:
        with self._transaction() as db:
            db.execute("DELETE FROM meta WHERE key = ?", (key,))


def records_path(data_dir: Path) -> Path:
    return data_dir / "index.sqlite"


__all__ = ["RecordStore", "records_path"]
