"""The posting lists kept beside FTS5 give FTS5's own bm25() ranking, through every kind of write, on real SQLite.

A made-up index of 40 documents (past the point where segments are merged), written by one connection while
another keeps searching with what it read before: each answer is compared with FTS5's exact ranking
(``bm25()`` over every match) asked of the same file at the same moment.
"""

from __future__ import annotations

import random
import sqlite3
from pathlib import Path

import pytest

from assistant.models import Chunk, DocumentMeta
from assistant.store.lexical_tokens import fts_query, tokens
from assistant.store.records import RecordStore

WORDS = ["harbour", "harbours", "ledger", "ledgers", "filing", "filed", "canal", "ferry", "lantern", "orchard",
         "quarry", "meadow", "tariff", "tariffs", "vessel", "granary", "beacon", "pavilion", "saffron", "willow",
         "จดหมาย", "สะพาน", "ตลาด", "2031", "17"]
QUERIES = ["harbour ledgers", "filing tariff vessel", "canal ferry lantern orchard quarry", "saffron",
           "สะพาน ตลาด beacon", "2031 harbour", "willow 3.5 pavilion", "meadow granary", "nothing-here zzz"]


def _text(rng: random.Random) -> str:
    return " ".join(rng.choice(WORDS[: rng.randint(3, len(WORDS))]) for _ in range(rng.randint(3, 40)))


def _write(store: RecordStore, doc_id: str, rng: random.Random, chunks: int | None = None) -> None:
    texts = [_text(rng) for _ in range(chunks if chunks is not None else rng.randint(1, 6))]
    if doc_id.endswith("7"):
        texts.append("willow 3.5 pavilion")  # '3.5' is the FTS5 phrase '3 5'
    store.replace_document(
        DocumentMeta(doc_id=doc_id, source=doc_id, title=f"{doc_id} {rng.choice(WORDS)}", sha256=str(rng.random())),
        [Chunk(id=f"{doc_id}:{n:04d}", doc_id=doc_id, ordinal=n, text=t, page_start=1, page_end=1, heading=None)
         for n, t in enumerate(texts)])


def _fts5(path: Path, query: str, doc_ids: list[str] | None = None) -> dict[str, float]:
    """FTS5's exact ranking: every chunk holding any token, scored by bm25() (the same weights)."""
    db = sqlite3.connect(path)
    try:
        sql = "SELECT id, -bm25(chunks_fts, 0, 0, 1.0, 0.5) FROM chunks_fts WHERE chunks_fts MATCH ?"
        params: list = [fts_query(tokens(query))]
        if doc_ids is not None:
            sql += f" AND doc_id IN ({','.join('?' * len(doc_ids))})"
            params += doc_ids
        return dict(db.execute(sql, params).fetchall())
    finally:
        db.close()


def _assert_same(store: RecordStore, path: Path, doc_ids: list[str] | None = None) -> None:
    for query in QUERIES:
        exact = _fts5(path, query, doc_ids)
        everything = store.lexical_search(query, 10_000, doc_ids)
        assert dict(everything) == pytest.approx(exact, rel=1e-12, abs=1e-12), query
        assert [s for _, s in everything] == sorted(exact.values(), reverse=True)
        top = store.lexical_search(query, 5, doc_ids)
        assert [s for _, s in top] == pytest.approx(sorted(exact.values(), reverse=True)[:5], rel=1e-12)


def _filled(path: Path, seed: int, documents: int, chunks: int | None = None) -> random.Random:
    """An index of ``documents`` made-up documents at ``path``; the generator, to write more alike."""
    rng = random.Random(seed)
    store = RecordStore(path)
    for n in range(documents):
        _write(store, f"doc{n:02d}", rng, chunks=chunks)
    store.close()
    return rng


def test_postings_follow_every_replace_and_delete(tmp_path: Path) -> None:
    path = tmp_path / "index.sqlite"
    rng = random.Random(3)
    writer, reader = RecordStore(path), RecordStore(path)
    try:
        for n in range(12):
            _write(writer, f"doc{n:02d}", rng)
        _assert_same(reader, path)  # the reader now holds the terms it read
        for n in range(12, 40):  # past the merge of segments (every 32 documents)
            _write(writer, f"doc{n:02d}", rng)
        _assert_same(reader, path)
        for n in (2, 17, 38):  # removed, nothing added: what the reader holds must lose them
            writer.delete_document(f"doc{n:02d}")
        _assert_same(reader, path)
        for n in (0, 5, 13, 33):
            _write(writer, f"doc{n:02d}", rng)  # replaced: new text, and a new number for the document
        _write(writer, "doc39", rng, chunks=0)  # a document left with no chunks
        _assert_same(reader, path)
        kept = [f"doc{n:02d}" for n in range(0, 40, 3)]
        _assert_same(reader, path, kept)
        for n in range(40, 75):  # a second merge, after the removals
            _write(writer, f"doc{n:02d}", rng)
        writer.delete_document("doc41")
        _assert_same(reader, path)
        fresh = RecordStore(path)
        _assert_same(fresh, path)
        fresh.close()
    finally:
        writer.close()
        reader.close()


def test_an_index_made_before_the_postings_gets_them_on_open(tmp_path: Path) -> None:
    path = tmp_path / "index.sqlite"
    rng = _filled(path, seed=5, documents=20)
    db = sqlite3.connect(path)
    db.executescript("DROP TABLE lexical_postings; DROP TABLE lexical_docs; DROP TABLE lexical_state;")
    db.close()
    reopened = RecordStore(path)
    try:
        _assert_same(reopened, path)
        _write(reopened, "doc03", rng)
        reopened.delete_document("doc11")
        _assert_same(reopened, path)
    finally:
        reopened.close()


def test_bounded_search_gives_fts5s_bounded_answer(tmp_path: Path) -> None:
    """Above the budget, the posting lists choose and score the same chunks as FTS5's two bounded queries."""
    path = tmp_path / "index.sqlite"
    _filled(path, seed=11, documents=30, chunks=8)
    bounded = RecordStore(path, bm25_max_matches=40)
    try:
        for query in QUERIES:
            words = list(dict.fromkeys(tokens(query)))
            fts = bounded.lexical._fts_search(words, 5, None)  # FTS5's own bounded ranking
            assert [s for _, s in bounded.lexical_search(query, 5)] == pytest.approx([s for _, s in fts], rel=1e-12)
    finally:
        bounded.close()
