"""BM25 with a bound on the chunks it scores (``bm25_max_matches``), on a real SQLite FTS5 index.

The index: 200 chunks, 60 holding each of two common words, three holding a rare one. One rare chunk is long (BM25
discounts it), and one short chunk repeats both common words: exact BM25 ranks that common-words-only chunk above
the long rare one. The bounded search scores only the rare word's chunks, with their exact scores.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.config import Settings
from assistant.evaluation import load_gold
from assistant.factory import build_records
from assistant.models import Chunk, DocumentMeta
from assistant.retrieval.retriever import _lexical_query
from assistant.store.lexical_tokens import bounded, fts_query, rarest, tokens
from assistant.store.records import RecordStore, records_path

RARE, COMMON_A, COMMON_B = "velmora", "quorral", "tessik"
FILLER = "ledger column entry"
GOLD = Path(__file__).resolve().parents[2] / "data" / "eval"


def _chunk(doc_id: str, n: int, text: str) -> Chunk:
    return Chunk(id=f"{doc_id}:{n:04d}", doc_id=doc_id, ordinal=n, text=text, page_start=1, page_end=1)


def _texts() -> dict[str, list[str]]:
    common = [f"{COMMON_A} {FILLER} {n}" if n < 60 else f"{COMMON_B} {FILLER} {n}" for n in range(120)]
    common[0] = f"{COMMON_A} {COMMON_B} " * 4  # short, both common words, several times
    plain = [f"{FILLER} {n}" for n in range(77)]
    rare = [f"{RARE} {COMMON_A} notes", f"{RARE} notes", f"{RARE} " + " ".join(f"{FILLER} {n}" for n in range(60))]
    return {"common.txt": common, "plain.txt": plain, "rare.txt": rare}


@pytest.fixture
def index(tmp_path: Path) -> Path:
    path = tmp_path / "index.sqlite"
    store = RecordStore(path)
    for doc_id, texts in _texts().items():
        store.replace_document(DocumentMeta(doc_id=doc_id, source=doc_id, title=doc_id, sha256=doc_id),
                               [_chunk(doc_id, n, t) for n, t in enumerate(texts)])
    store.close()
    return path


def test_rarest_keeps_the_rare_tokens_within_the_budget() -> None:
    assert rarest({"a": 3, "b": 500, "c": 40}, 100, 2) == ["a", "c"]
    assert rarest({"a": 3, "b": 500, "c": 40}, 1000, 2) is None  # all fit: every match is ranked
    assert rarest({"a": 3, "b": 500, "c": 40}, 0, 2) is None  # 0: no bound
    assert rarest({"a": 1, "b": 500, "c": 600}, 100, 30) == ["a", "b"]  # the rare one alone holds fewer than k
    assert rarest({"a": 1, "b": 500}, 100, 30) is None
    assert rarest({"x": 0, "a": 5, "b": 500}, 4, 5) == ["x", "a"]  # a word no chunk holds costs nothing


def test_bounded_search_ranks_the_rare_words_chunks_with_exact_scores(index: Path) -> None:
    query = f"{COMMON_A} {COMMON_B} {RARE} ledger"  # 'ledger': in most chunks, so BM25 credits it nothing
    exact, bounded = RecordStore(index), RecordStore(index, bm25_max_matches=50)
    try:
        everything = dict(exact.lexical_search(query, 300))
        top3 = [i for i, _ in exact.lexical_search(query, 3)]
        assert "common.txt:0000" in top3 and "rare.txt:0002" not in top3  # the case the bound changes

        hits = bounded.lexical_search(query, 3)
        assert [i for i, _ in hits] == ["rare.txt:0000", "rare.txt:0001", "rare.txt:0002"]
        # scored on the three words; 'ledger' is left out, which moves a score by its IDF of 1e-6 at most
        assert all(score == pytest.approx(everything[i], abs=1e-5) for i, score in hits)
        assert hits[0][0] == top3[0]  # the rare word's chunk that also holds a common word is first either way
    finally:
        exact.close()
        bounded.close()


def test_bounded_search_ranks_every_match_when_the_rare_chunks_are_too_few(index: Path) -> None:
    query = f"{COMMON_A} {COMMON_B} {RARE}"
    exact, bounded = RecordStore(index), RecordStore(index, bm25_max_matches=50)
    try:
        allowed = ["common.txt", "plain.txt"]  # none of the rare word's chunks is allowed
        assert bounded.lexical_search(query, 3, allowed) == exact.lexical_search(query, 3, allowed) != []
    finally:
        exact.close()
        bounded.close()


def test_the_bounded_search_follows_a_deletion(index: Path) -> None:
    """Chunk counts are remembered per token until the next commit, not longer."""
    store = RecordStore(index, bm25_max_matches=50)
    try:
        assert [i for i, _ in store.lexical_search(f"{COMMON_A} {RARE}", 3)][:2] == ["rare.txt:0000", "rare.txt:0001"]
        store.delete_document("rare.txt")
        hits = [i for i, _ in store.lexical_search(f"{COMMON_A} {RARE}", 3)]
        assert len(hits) == 3 and all(i.startswith("common.txt:") for i in hits)
    finally:
        store.close()


def test_the_setting_reaches_the_record_store(tmp_path: Path) -> None:
    store = build_records(Settings(data_dir=tmp_path, bm25_max_matches=7))
    try:
        assert store.bm25_max_matches == 7
    finally:
        store.close()


def test_the_bounded_queries_split_the_rare_words_chunks_in_two(index: Path) -> None:
    """Those that also hold a common word, those that do not: together every rare chunk, each once."""
    store = RecordStore(index)
    try:
        def ids(expression: str) -> set[str]:
            return {i for i, in store._rows("SELECT id FROM chunks_fts WHERE chunks_fts MATCH ?", (expression,))}

        with_common, without = bounded([RARE], [COMMON_A, COMMON_B])
        assert ids(with_common) == {"rare.txt:0000"}
        assert ids(without) == {"rare.txt:0001", "rare.txt:0002"}
        assert bounded([RARE], []) == [fts_query([RARE])]
    finally:
        store.close()


def test_the_best_of_both_halves_is_the_best_of_the_rare_chunks(index: Path) -> None:
    query = f"{COMMON_A} {COMMON_B} {RARE}"  # no word in half the chunks: every score is the exact one
    exact, bounded_store = RecordStore(index), RecordStore(index, bm25_max_matches=50)
    try:
        everything = exact.lexical_search(query, 300)
        rare_first = [(i, s) for i, s in everything if i.startswith("rare.txt:")]
        for k in (1, 2, 3):  # the first from the half with a common word, the next from the other
            hits = bounded_store.lexical_search(query, k)
            assert [i for i, _ in hits] == [i for i, _ in rare_first[:k]]
            assert [s for _, s in hits] == pytest.approx([s for _, s in rare_first[:k]])
    finally:
        exact.close()
        bounded_store.close()


def test_on_the_reference_index_the_bound_keeps_the_exact_scores(indexed_settings: Settings) -> None:
    """Every gold question, as the retriever asks it, under a budget that bounds most of them: the bounded search
    returns the best of the chunks holding a rare word, with the scores exact BM25 gives them; also under a filter."""
    path, budget, k = records_path(indexed_settings.data_dir), 150, 10
    exact, store = RecordStore(path), RecordStore(path, bm25_max_matches=budget)
    questions = [_lexical_query(item.question) for gold in sorted(GOLD.glob("*.jsonl")) for item in load_gold(gold)]
    half = sorted(m.doc_id for m in exact.documents())[::2]
    checked = 0
    try:
        for query in questions:
            words = list(dict.fromkeys(tokens(query)))
            counts = {w: exact._rows("SELECT count(*) FROM chunks_fts WHERE chunks_fts MATCH ?",
                                     (fts_query([w]),))[0][0] for w in words}
            rare = rarest(counts, budget, k)
            if rare is None:
                continue
            holding = {i for i, in exact._rows("SELECT id FROM chunks_fts WHERE chunks_fts MATCH ?",
                                               (fts_query(rare),))}
            for doc_ids in (None, half):
                ranked = [(i, s) for i, s in exact.lexical_search(query, 10_000, doc_ids) if i in holding]
                if len(ranked) < k:
                    continue  # too few: the bounded search ranks every match (tested above)
                hits = store.lexical_search(query, k, doc_ids)
                scores = dict(ranked)
                assert [s for _, s in hits] == pytest.approx([s for _, s in ranked[:k]], abs=1e-5)
                assert all(scores[i] == pytest.approx(s, abs=1e-5) for i, s in hits)
                checked += 1
        assert checked >= 20
    finally:
        exact.close()
        store.close()
