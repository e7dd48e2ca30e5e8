"""The record store (SQLite + FTS5) and the vector store on real Chroma, embedded and as a `chroma run` server."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest

from assistant.config import Settings
from assistant.embedding.embedders import get_embedder
from assistant.errors import StoreUnavailableError
from assistant.models import Chunk, DocumentMeta, Filters, Page
from assistant.store.doc_filters import passes
from assistant.store.records import RecordStore, records_path
from assistant.store.vectors import collection_name, open_vector_store, parse_chroma_url
from tests.conftest import free_port


def _meta(doc_id: str, **kw: object) -> DocumentMeta:
    return DocumentMeta(doc_id=doc_id, source=doc_id, title=kw.pop("title", doc_id), sha256=f"sha-{doc_id}", **kw)


def _chunk(doc_id: str, n: int, text: str, page: int | None = 1) -> Chunk:
    return Chunk(id=f"{doc_id}:{n:04d}", doc_id=doc_id, ordinal=n, text=text, page_start=page, page_end=page)


@pytest.fixture
def records(tmp_path: Path) -> RecordStore:
    store = RecordStore(tmp_path / "index.sqlite")
    store.replace_document(
        _meta("plan.txt", title="Bangkok Foreign Affairs Strategy Plan", kind="plan", date="2022", language="en"),
        [_chunk("plan.txt", 0, "Bangkok will expand sister city cooperation with Fukuoka."),
         _chunk("plan.txt", 1, "Smart city pilots improve flood management and drainage.")],
        [Page(number=None, text="Bangkok will expand sister city cooperation with Fukuoka.")],
    )
    store.replace_document(
        _meta("act.pdf", title="พระราชบัญญัติระเบียบบริหารราชการกรุงเทพมหานคร", kind="law", date="1985-08-01",
              language="th", access="restricted:legal"),
        [_chunk("act.pdf", 0, "กรุงเทพมหานครมีอำนาจหน้าที่ตามมาตรา ๘๙ ในการรักษาความสะอาด", page=12)],
    )
    yield store
    store.close()


def test_lexical_search_ranks_and_filters(records: RecordStore) -> None:
    hits = records.lexical_search("sister city Fukuoka", 5, None)
    assert hits[0][0] == "plan.txt:0000"
    assert hits[0][1] > hits[-1][1] or len(hits) == 1
    assert records.lexical_search("Fukuoka", 5, ["act.pdf"]) == []
    assert records.lexical_search("Fukuoka", 5, []) == []


def test_lexical_search_thai_segmented_and_digits_normalised(records: RecordStore) -> None:
    assert [i for i, _ in records.lexical_search("มาตรา 89", 5, None)] == ["act.pdf:0000"]
    assert [i for i, _ in records.lexical_search("ความสะอาด", 5, None)] == ["act.pdf:0000"]


@pytest.mark.parametrize("query", ['"', 'smart "city', "NEAR(a b)", "a* OR -b", "col:val", "(((", "^", "' OR 1=1 --"])
def test_any_user_text_is_a_valid_query(records: RecordStore, query: str) -> None:
    assert isinstance(records.lexical_search(query, 5, None), list)


def test_english_words_are_stemmed_and_thai_words_kept(records: RecordStore) -> None:
    # 'improved' finds 'improve', 'pilot' finds 'pilots'; the Thai act is still found by its own words
    assert [i for i, _ in records.lexical_search("improved", 5, None)] == ["plan.txt:0001"]
    assert [i for i, _ in records.lexical_search("pilot", 5, None)] == ["plan.txt:0001"]
    assert [i for i, _ in records.lexical_search("อำนาจหน้าที่", 5, None)] == ["act.pdf:0000"]


def test_an_index_made_before_stemming_is_restemmed_on_open(records: RecordStore) -> None:
    path = records.path
    with sqlite3.connect(path) as db:  # the lexical table as earlier versions created it
        db.execute("CREATE TABLE old AS SELECT id, doc_id, body, context FROM chunks_fts")
        db.execute("DROP TABLE chunks_fts")
        db.execute("CREATE VIRTUAL TABLE chunks_fts USING fts5(id UNINDEXED, doc_id UNINDEXED, body, context, "
                   "tokenize = 'ascii')")
        db.execute("INSERT INTO chunks_fts SELECT * FROM old")
        db.execute("DROP TABLE old")
    records.close()
    reopened = RecordStore(path)
    try:
        assert [i for i, _ in reopened.lexical_search("improved", 5, None)] == ["plan.txt:0001"]
        assert [i for i, _ in reopened.lexical_search("มาตรา 89", 5, None)] == ["act.pdf:0000"]
    finally:
        reopened.close()


def test_section_starts_are_the_first_chunk_of_each_documents_named_section(tmp_path: Path) -> None:
    store = RecordStore(tmp_path / "index.sqlite")
    try:
        for doc_id in ("plans.pdf", "report.pdf"):
            chunks = [_chunk(doc_id, n, f"text {n}") for n in range(4)]
            for chunk, heading in zip(chunks, ["Intro", "Bangkok", "Bangkok › OVERVIEW", "Bangkok Metro"],
                                      strict=True):
                chunk.heading = heading
            store.replace_document(_meta(doc_id), chunks)
        assert store.section_starts(["Bangkok"]) == ["plans.pdf:0001", "report.pdf:0001"]
        assert store.section_starts(["Bangkok"], ["report.pdf"]) == ["report.pdf:0001"]
        assert store.section_starts(["OVERVIEW", "Bang"]) == []  # a heading's own name, never a part or a prefix
    finally:
        store.close()


def test_section_starts_on_the_reference_index_are_each_documents_first_chunk_of_the_section(
        indexed_settings: Settings) -> None:
    """Against the chunks read in reading order, for every heading of the reference index and its first part;
    with a filter the first allowed documents are taken, not the first documents then filtered."""
    store = RecordStore(records_path(indexed_settings.data_dir))
    try:
        chunks = store.chunks(list(store.chunk_owners()))  # by document, then ordinal
        names = {h for _, h, _ in store.heading_counts()} | {h.split(" \u203a ")[0] for _, h, _ in store.heading_counts()}
        half = sorted({c.doc_id for c in chunks})[1::2]

        def expected(name: str, allowed: list[str] | None, per_heading: int) -> list[str]:
            firsts: dict[str, str] = {}
            for c in chunks:
                if (c.heading == name or (c.heading or "").startswith(f"{name} \u203a ")) and (
                        allowed is None or c.doc_id in allowed):
                    firsts.setdefault(c.doc_id, c.id)
            return list(firsts.values())[:per_heading]

        assert len(names) > 50
        several = 0
        for name in sorted(names):
            for allowed, per_heading in ((None, 5), (half, 5), (None, 1), (half, 1)):
                assert store.section_starts([name], allowed, per_heading) == expected(name, allowed, per_heading)
            several += len(expected(name, None, 5)) > 1
        assert several > 0  # some name heads sections in more than one document
    finally:
        store.close()


def test_chunks_containing_words_in_order(tmp_path: Path) -> None:
    store = RecordStore(tmp_path / "index.sqlite")
    try:
        texts = ["as set out in Section 14 above", "Section\n  14. Qualifications", "14 members; see Section 2",
                 "a 100% share under clause_14"]
        store.replace_document(_meta("law.txt"), [_chunk("law.txt", n, t) for n, t in enumerate(texts)])
        assert [c.id for c in store.chunks_containing("law.txt", ["Section", "14"])] == ["law.txt:0000",
                                                                                      "law.txt:0001"]
        assert [c.id for c in store.chunks_containing("law.txt", ["14", "Section"])] == ["law.txt:0002"]
        assert [c.id for c in store.chunks_containing("law.txt", ["0%", "clause_"])] == ["law.txt:0003"]
        assert store.chunks_containing("law.txt", ["%", "_2"]) == [] and store.chunks_containing("x", ["14"]) == []
    finally:
        store.close()


def test_title_tokens_are_searchable(records: RecordStore) -> None:
    assert records.lexical_search("strategy", 5, None)[0][0].startswith("plan.txt:")


def test_replace_is_atomic_and_delete_removes_everything(records: RecordStore) -> None:
    before = records.chunk_ids()
    bad = [_chunk("plan.txt", 0, "new text"), _chunk("plan.txt", 0, "same id twice")]
    with pytest.raises(sqlite3.IntegrityError):
        records.replace_document(_meta("plan.txt", title="changed"), bad)
    assert records.chunk_ids() == before
    assert records.document("plan.txt").title == "Bangkok Foreign Affairs Strategy Plan"
    records.delete_document("plan.txt")
    assert records.document("plan.txt") is None
    assert records.chunk_ids() == {"act.pdf:0000"}
    assert records.lexical_search("Fukuoka", 5, None) == []
    assert records.page_text("plan.txt", 1) is None


def test_chunks_keep_order_and_drop_unknown(records: RecordStore) -> None:
    got = records.chunks(["plan.txt:0001", "nope:0000", "act.pdf:0000", "plan.txt:0000"])
    assert [c.id for c in got] == ["plan.txt:0001", "act.pdf:0000", "plan.txt:0000"]
    assert got[1].page_start == 12 and got[1].doc_id == "act.pdf"


def test_filters_and_access(records: RecordStore) -> None:
    def matching(filters: Filters | None, allowed_access: Callable[[str], bool] | None = None) -> list[str]:
        return [m.doc_id for m in records.documents() if passes(m, filters, allowed_access)]

    assert matching(None) == ["act.pdf", "plan.txt"]
    assert matching(Filters(kinds=["law"])) == ["act.pdf"]
    assert matching(Filters(language="en")) == ["plan.txt"]
    assert matching(Filters(date_from="2000")) == ["plan.txt"]
    assert matching(Filters(date_to="1985-08")) == ["act.pdf"]
    assert matching(None, lambda access: access == "public") == ["plan.txt"]


def test_pages_meta_and_hashes(records: RecordStore) -> None:
    assert records.page_text("plan.txt", 1).startswith("Bangkok will expand")
    assert "มาตรา" in records.page_text("act.pdf", 12)  # no stored pages: falls back to the page's chunks
    assert records.document_hashes() == {"plan.txt": "sha-plan.txt", "act.pdf": "sha-act.pdf"}
    assert records.document("plan.txt").ingested_at.startswith("20")
    assert records.get_meta("k") is None
    records.set_meta("k", "v1")
    records.set_meta("k", "v2")
    assert records.get_meta("k") == "v2"


def test_records_survive_reopen(records: RecordStore) -> None:
    path = records.path
    records.close()
    again = RecordStore(path)
    assert again.chunk_ids() == {"plan.txt:0000", "plan.txt:0001", "act.pdf:0000"}
    assert again.lexical_search("drainage", 3, None)[0][0] == "plan.txt:0001"
    again.close()


@pytest.fixture(params=["embedded", "server"])
def vector_settings(request: pytest.FixtureRequest, tmp_path: Path) -> Settings:
    if request.param == "server":
        url = request.getfixturevalue("chroma_server")
        return Settings(data_dir=tmp_path / "data", chroma_url=url, collection_prefix=f"t{free_port()}")
    return Settings(data_dir=tmp_path / "data")


@pytest.mark.slow
def test_vector_store_round_trip(vector_settings: Settings) -> None:
    embedder = get_embedder("use")
    store = open_vector_store(vector_settings, embedder)
    texts = ["sister city agreement between Houston and Abu Dhabi", "flood drainage tunnels", "road budget"]
    vectors = embedder.embed(texts)
    store.add(["a:0", "b:0", "c:0"], vectors, [{"doc_id": "a", "page": None}, {"doc_id": "b", "page": 3},
                                                {"doc_id": "c", "page": 1}])
    store.add(["a:0"], vectors[:1], [{"doc_id": "a"}])  # upsert: the same id never duplicates
    assert store.ids() == {"a:0", "b:0", "c:0"}
    question = embedder.embed(["เมืองพี่เมืองน้องฮิวสตัน"])[0]
    hits = store.query(question, 3, None)
    assert hits[0][0] == "a:0" and hits[0][1] > hits[1][1] > -1
    assert [i for i, _ in store.query(question, 3, ["b", "c"])][0] in {"b:0", "c:0"}
    assert {i for i, _ in store.query(question, 3, ["b", "c"])} == {"b:0", "c:0"}
    assert store.query(question, 3, []) == []
    np.testing.assert_allclose(store.embeddings(["c:0", "a:0"]), vectors[[2, 0]], atol=1e-6)
    assert abs(store.query(vectors[1], 1, None)[0][1] - 1.0) < 1e-4  # cosine similarity, not distance
    store.delete(["a:0"])
    assert store.ids() == {"b:0", "c:0"}
    again = open_vector_store(vector_settings, embedder)  # persisted, same collection
    assert again.ids() == {"b:0", "c:0"}
    assert again.name == collection_name(vector_settings.collection_prefix, "use-m3-512-spm")


def test_collections_are_per_embedder() -> None:
    assert collection_name("chunks", "use-m3-512-spm") != collection_name("chunks", "minilm-l6-384")
    assert collection_name("chunks", "st-My Model!-384") == "chunks-st-My-Model--384"


def test_chroma_url_parsing() -> None:
    assert parse_chroma_url("http://chroma.local:8123") == ("chroma.local", 8123, False)
    assert parse_chroma_url("https://chroma.local") == ("chroma.local", 443, True)
    with pytest.raises(StoreUnavailableError):
        parse_chroma_url("ftp://x")


@pytest.mark.slow
def test_unreachable_server_is_a_domain_error(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path, chroma_url=f"http://127.0.0.1:{free_port()}")
    with pytest.raises(StoreUnavailableError, match="unavailable"):
        open_vector_store(settings, get_embedder("use"))
