"""The exact in-memory dense index over real SQLite records, real embedded Chroma and the real USE embedder."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from assistant.config import Settings
from assistant.embedding.embedders import get_embedder
from assistant.models import Chunk, DocumentMeta
from assistant.store.dense_index import ChromaSearch, DenseIndex, Snapshot
from assistant.store.records import RecordStore
from assistant.store.vectors import open_vector_store

TEXTS = {
    "plan.txt": ["Bangkok will expand sister city cooperation with Fukuoka.", "Flood drainage tunnels under the city."],
    "act.pdf": ["กรุงเทพมหานครมีอำนาจหน้าที่รักษาความสะอาด", "The road budget for the fiscal year."],
}


def _add(records: RecordStore, vectors, embedder, doc_id: str, texts: list[str]) -> list[str]:  # noqa: ANN001
    chunks = [Chunk(id=f"{doc_id}:{n:04d}", doc_id=doc_id, ordinal=n, text=t) for n, t in enumerate(texts)]
    vectors.add([c.id for c in chunks], embedder.embed(texts), [{"doc_id": doc_id} for _ in chunks])
    records.replace_document(DocumentMeta(doc_id=doc_id, source=doc_id, title=doc_id, sha256=f"sha-{doc_id}"), chunks)
    return [c.id for c in chunks]


@pytest.fixture
def stores(tmp_path: Path):  # noqa: ANN201 - (records, vectors, embedder) over TEXTS
    settings = Settings(data_dir=tmp_path / "data")
    embedder = get_embedder("use")
    records = RecordStore(tmp_path / "data" / "index.sqlite")
    vectors = open_vector_store(settings, embedder)
    for doc_id, texts in TEXTS.items():
        _add(records, vectors, embedder, doc_id, texts)
    yield records, vectors, embedder
    records.close()


@pytest.mark.slow
def test_exact_top_k_filters_and_sees_every_change(tmp_path: Path, stores) -> None:  # noqa: ANN001
    records, vectors, embedder = stores
    index = DenseIndex(records, vectors, max_rows=50_000)
    question = embedder.embed(["sister city Fukuoka"])[0]

    snap = index.snapshot()
    hits = snap.query(question, 10)
    ids = [i for i, _ in hits]
    stored = vectors.vectors_of(ids)
    expected = sorted(ids, key=lambda i: -float(stored[i] @ question))
    assert ids == expected and ids[0] == "plan.txt:0000" and len(ids) == 4  # exact order, k capped at the size
    assert [s for _, s in hits] == pytest.approx([float(stored[i] @ question) for i in ids], abs=1e-6)
    assert [i for i, _ in snap.query(question, 1)] == ["plan.txt:0000"]
    assert {i for i, _ in snap.query(question, 10, ["act.pdf"])} == {"act.pdf:0000", "act.pdf:0001"}
    assert snap.query(question, 10, []) == [] and snap.query(question, 0) == []
    assert snap.cosines(question, ["act.pdf:0001"]) == pytest.approx({"act.pdf:0001": float(stored["act.pdf:0001"] @ question)})
    assert snap.cosines(question, ["act.pdf:0001", "nowhere:0000"]) == {}  # a chunk without a vector: none ranked
    assert index.snapshot() is snap  # nothing changed: no reload

    records.delete_document("plan.txt")  # records first, vectors later (as ingest does): the copy follows records
    assert {i for i, _ in index.snapshot().query(question, 10)} == {"act.pdf:0000", "act.pdf:0001"}
    other = RecordStore(tmp_path / "data" / "index.sqlite")  # another connection (another process) writes
    _add(other, vectors, embedder, "new.md", ["Fukuoka and Bangkok renew their sister city agreement."])
    assert index.snapshot().query(question, 1)[0][0] == "new.md:0000"
    assert np.isclose(index.snapshot().query(embedder.embed(["road budget"])[0], 1)[0][1],
                      float(vectors.vectors_of(["act.pdf:0001"])["act.pdf:0001"] @ embedder.embed(["road budget"])[0]))
    other.close()


@pytest.mark.slow
def test_above_the_exact_limit_chroma_searches_and_agrees(stores) -> None:  # noqa: ANN001
    records, vectors, embedder = stores
    question = embedder.embed(["sister city Fukuoka"])[0]
    exact = DenseIndex(records, vectors, max_rows=4).snapshot()
    chroma = DenseIndex(records, vectors, max_rows=3).snapshot()  # one chunk more than the limit allows
    assert isinstance(exact, Snapshot) and isinstance(chroma, ChromaSearch)
    assert [i for i, _ in chroma.query(question, 4)] == [i for i, _ in exact.query(question, 4)]
    assert [s for _, s in chroma.query(question, 4)] == pytest.approx([s for _, s in exact.query(question, 4)], abs=1e-4)
    assert {i for i, _ in chroma.query(question, 10, ["act.pdf"])} == {"act.pdf:0000", "act.pdf:0001"}
    ids = ["plan.txt:0001", "act.pdf:0001"]
    assert chroma.cosines(question, ids) == pytest.approx(exact.cosines(question, ids), abs=1e-5)
    assert chroma.cosines(question, [*ids, "nowhere:0000"]) == {}


def test_mentions_is_lexical_search_without_ranking(tmp_path: Path) -> None:
    records = RecordStore(tmp_path / "index.sqlite")
    chunk = Chunk(id="plan.txt:0000", doc_id="plan.txt", ordinal=0, text="Sister city cooperation with Fukuoka.")
    records.replace_document(DocumentMeta(doc_id="plan.txt", source="plan.txt", title="Plan", sha256="s"), [chunk])
    for query, doc_ids in [("Fukuoka", None), ("Fukuoka", ["plan.txt"]), ("Osaka", None), ("Fukuoka", ["x"]),
                           ("Fukuoka", []), ("", None), ("cooperating", None)]:
        assert records.mentions(query, doc_ids) == bool(records.lexical_search(query, 1, doc_ids)), query
    assert records.mentions("Fukuoka") and not records.mentions("Osaka")
    records.close()
