"""Hybrid retrieval: dense (Chroma) and BM25 (SQLite FTS5) rankings fused, then near-duplicates collapsed.

Access and metadata filters become a list of allowed document ids before either index is asked, so a forbidden
document can never come back, not even as a near-duplicate source.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from functools import lru_cache
from typing import Literal

import numpy as np

from assistant.config import Settings
from assistant.embedding.embedders import Embedder
from assistant.models import Chunk, DocumentMeta, Filters, Passage
from assistant.store.dense_index import DenseIndex, Search
from assistant.store.doc_filters import passes
from assistant.store.records import RecordStore
from assistant.retrieval.references import attach_referenced
from assistant.retrieval.support import content_terms, terms
from assistant.retrieval.topk_cover import cover, heading_terms, missing, named_headings, wants_of

RetrievalMode = Literal["bm25", "dense", "hybrid"]


def fuse(rankings: list[tuple[list[str], float]], rrf_k: int) -> dict[str, float]:
    """Weighted reciprocal rank fusion: ranks, not raw scores, so BM25 and cosine need no common scale."""
    fused: dict[str, float] = {}
    for ids, weight in rankings:
        for rank, chunk_id in enumerate(ids, start=1):
            fused[chunk_id] = fused.get(chunk_id, 0.0) + weight / (rrf_k + rank)
    return fused


_CONTAINMENT = 0.8  # a short copy inside a longer chunk (chunk edges differ between documents)
_CONTAINMENT_MIN_TOKENS = 15
_SHORT_QUERY_TOKENS = 3  # "มาตรา 89", "ASCN twinning": too short for an embedding to carry meaning
_SHORT_QUERY_DENSE_SHARE = 0.0  # ...so BM25 alone ranks them (RRF with k=60 is too flat for a tie-break share)
_YEAR = re.compile(r"(19|20)\d\d")
_NEIGHBOUR_OFFSETS = (-1, 1, 2, 3)  # one chunk back (a sentence cut at the start), three on (a list that goes on)
_YEAR_BONUS = 0.05  # a small nudge: a year in the question names the document's year more often than not
_SHORT_QUERY_CONVEX_SHARE = 0.2  # scores keep their scale, so the cosine can still break BM25 ties
_CONTENTS_DOTS = 0.3  # a contents page: dot leaders are a third of its characters (prose: about 1%)
_CONTENTS_FACTOR = 0.2  # it names every section, so it matches every question about its report and answers none


def _same_text(a: frozenset[str], b: frozenset[str], jaccard: float) -> bool:
    if not a or not b:
        return False
    shared = len(a & b)
    if shared / (len(a) + len(b) - shared) >= jaccard:  # the union's size without building the union
        return True
    smaller = min(len(a), len(b))
    return smaller >= _CONTAINMENT_MIN_TOKENS and shared / smaller >= _CONTAINMENT


def _is_contents(text: str) -> bool:
    return bool(text) and text.count(".") >= _CONTENTS_DOTS * len(text)


def _lexical_query(query: str) -> str:
    """Stop words out: OR-ed into BM25 they let long questions match every chunk a little. A nationality brings
    its country's name ('Thai cities' -> 'Thailand'), an irregular verb its other forms ('spend' -> 'spent'), which
    the index's stemmer does not join, and a year the other era's number ('2567' -> '2024')."""
    from assistant.retrieval.support import country_of, is_stopword
    from assistant.text.calendar import other_era_word
    from assistant.text.irregular import base_form, past_forms
    from assistant.text.normalise import tokenize

    kept = [t for t in tokenize(query) if not is_stopword(t)]
    bases = [base for t in kept if (base := base_form(t))]
    kept += [form for t in kept for form in country_of(t)] + bases
    kept += [form for t in kept for form in past_forms(t) if form not in kept]
    kept += [year for t in kept if (year := other_era_word(t))]
    return " ".join(kept) if kept else query


def _readable_share(q_terms: set[str], language: str) -> float:
    """The share of the question's words that BM25 can match in a document of the other language: those in that
    language's script, and numbers ('Tarlow' and '3' in a Thai question, nothing of an English one in Thai text)."""
    if not q_terms:
        return 0.0
    from assistant.text.normalise import detect_language

    return sum(t.isdigit() or detect_language(t) == language for t in q_terms) / len(q_terms)


def _language_of(query: str) -> str:
    from assistant.text.normalise import detect_language

    return detect_language(query)


class Retriever:
    """Turns a question into ranked passages; knows nothing about answers."""

    def __init__(self, settings: Settings, records: RecordStore, vectors: object | None, embedder: Embedder | None):
        self.settings = settings
        self.records = records
        self.vectors = vectors
        self.embedder = embedder
        self.dense_index = (None if vectors is None
                            else DenseIndex(records, vectors, settings.exact_search_max_chunks))  # type: ignore[arg-type]

    def embed_query(self, query: str) -> np.ndarray:
        """One model call; not cached across questions (a repeated question costs what a new one does), so callers
        that need it twice (retrieval, then answering) embed once and pass ``query_vector`` on."""
        from assistant.text.normalise import repair_sara_am

        assert self.embedder is not None
        return self.embedder.embed([repair_sara_am(query)])[0]

    def unknown_names(self, query: str, allowed_access: Callable[[str], bool] | None = None,
                      documents: list[DocumentMeta] | None = None) -> list[str]:
        """Names and numbers of the question that no visible document contains: a sign it asks about elsewhere.
        ``documents``: the document table as the caller's search read it (one read per question)."""
        from assistant.retrieval.support import names_in

        return self.unknown_words(names_in(query), allowed_access, documents)

    def unknown_words(self, words: list[str], allowed_access: Callable[[str], bool] | None = None,
                      documents: list[DocumentMeta] | None = None) -> list[str]:
        """The words that no visible document contains, in any form the index stems to, spelled out ('กทม'
        is written 'กรุงเทพมหานคร' in the law) or begun by its stem ('chaired' in 'chairmanship', as the answer
        engine's matching has it), or in another form of an irregular verb ('spend', 'spent')."""
        from assistant.retrieval.support import PREFIX_MIN, spelled_out, stem
        from assistant.text.calendar import other_era_word
        from assistant.text.irregular import base_form, past_forms

        if not words:
            return []
        doc_ids, _ = self._scope(None, allowed_access, documents)
        unknown = []
        for word in words:
            stemmed = stem(word.lower())
            other = other_era_word(word)  # 'พ.ศ. 2567' is 2024
            base = base_form(word.lower()) or word.lower()  # 'spend' is known where the documents say 'spent'
            forms = dict.fromkeys([word, stemmed, *spelled_out(stemmed), *([other] if other else []),
                                   base, *past_forms(base)])
            if not any(self.records.mentions(form, doc_ids) for form in forms) and not (
                    len(stemmed) >= PREFIX_MIN and stemmed.isascii() and self.records.mentions(stemmed, doc_ids,
                                                                                              prefix=True)):
                unknown.append(word)
        return unknown

    def _scope(self, filters: Filters | None, allowed_access: Callable[[str], bool] | None,
               every: list[DocumentMeta] | None = None) -> tuple[list[str] | None, dict[str, DocumentMeta]]:
        """The documents a search may use, and their ids: None where that is every document, which then needs no
        doc_id test per match in either index (each holds only what the record store holds)."""
        every = self.records.documents() if every is None else every
        if allowed_access is not None:  # decided once per access level, not once per document (1,400 a question)
            allowed_access = functools.cache(allowed_access)
        if filters is None:
            visible = {m.doc_id: m for m in every if allowed_access is None or allowed_access(m.access)}
        else:
            visible = {m.doc_id: m for m in every if passes(m, filters, allowed_access)}
        return (None if len(visible) == len(every) else list(visible)), visible

    def search(
        self,
        query: str,
        k: int | None = None,
        filters: Filters | None = None,
        allowed_access: Callable[[str], bool] | None = None,
        *,
        mode: RetrievalMode = "hybrid",
        query_vector: np.ndarray | None = None,
        documents: list[DocumentMeta] | None = None,
    ) -> list[Passage]:
        """``documents``: the document table, when the caller read it already for this question."""
        k = k or self.settings.top_k
        doc_ids, metas = self._scope(filters, allowed_access, documents)
        if not metas:
            return []
        n = max(self.settings.candidates, k)
        dense: dict[str, float] = {}
        lexical: dict[str, float] = {}
        index: Search | None = None
        use_dense = mode in ("dense", "hybrid") and self.vectors is not None and self.embedder is not None
        if mode in ("bm25", "hybrid"):
            lexical = dict(self.records.lexical_search(_lexical_query(query), n, doc_ids))
        vector = query_vector if query_vector is not None or not use_dense else self.embed_query(query)
        if use_dense:
            index = self.dense_index.snapshot()  # type: ignore[union-attr]
            dense = dict(index.query(vector, n, doc_ids))
        short = len(self._query_tokens(query)) <= _SHORT_QUERY_TOKENS
        headed = self.records.section_starts(named_headings(query), doc_ids) if mode == "hybrid" else []
        chunks = self.records.chunks(list(dict.fromkeys([*lexical, *dense, *headed])))
        if mode == "hybrid" and use_dense and self.settings.fusion == "convex":
            fused = self._convex(query, vector, lexical, dense, chunks, metas, short, index)
        else:
            rankings: list[tuple[list[str], float]] = []
            if lexical or mode == "bm25":
                rankings.append((list(lexical), self.settings.lexical_weight if mode == "hybrid" else 1.0))
            if use_dense:
                weight = self.settings.dense_weight if mode == "hybrid" else 1.0
                rankings.append((list(dense), weight * (_SHORT_QUERY_DENSE_SHARE if short and lexical else 1.0)))
            fused = fuse(rankings, self.settings.rrf_k)
            if mode == "hybrid" and dense:
                self._impute_lexical(query, fused, list(dense), set(lexical), chunks, metas)
        # Collapsing may merge several candidates, so look a little deeper than k.
        by_id = {c.id: c for c in chunks}
        for chunk_id in fused:
            if chunk_id in by_id and _is_contents(by_id[chunk_id].text):
                fused[chunk_id] *= _CONTENTS_FACTOR
        everything = [i for i in sorted(fused, key=lambda i: -fused[i]) if i in by_id and by_id[i].doc_id in metas]
        ranked = everything[: max(3 * k, k + 10)]
        wants = wants_of(query, [by_id[i] for i in everything], metas)
        # a year or a name is a word: the passage that names what the top lacks is BM25's to find first
        by_words = [i for i in [*sorted(lexical, key=lambda i: -lexical[i]), *everything] if i in everything]
        extra = missing(wants, [(by_id[i], metas[by_id[i].doc_id]) for i in ranked[:k]],
                         [(by_id[i], metas[by_id[i].doc_id]) for i in by_words])
        ranked += [i for i in extra if i not in ranked]
        passages = [
            Passage(chunk=by_id[i], meta=metas[by_id[i].doc_id], score=fused[i], dense_score=dense.get(i),
                    lexical_score=lexical.get(i))
            for i in ranked
        ]
        if index is not None:
            self._fill_dense_scores(index, vector, passages)
        collapsed = self.collapse(passages)
        kept = cover(wants, collapsed[:k], [p for i in extra for p in collapsed[k:] if p.chunk.id == i])
        self._attach_neighbours(kept)
        attach_referenced(self.records, kept)
        return kept

    def _attach_neighbours(self, passages: list[Passage]) -> None:
        """One lookup for all: the chunks around each passage, where a sentence or a list cut at its edge goes on,
        and its document's first chunk, where a briefing on the document finds its date and place."""
        wanted: dict[str, list[Passage]] = {}
        openings: dict[str, list[Passage]] = {}
        for p in passages:
            for offset in _NEIGHBOUR_OFFSETS:
                if p.chunk.ordinal + offset >= 0:
                    wanted.setdefault(_sibling_id(p.chunk, offset), []).append(p)
            if p.chunk.ordinal > 0:
                openings.setdefault(_sibling_id(p.chunk, -p.chunk.ordinal), []).append(p)
        for chunk in self.records.chunks(list(dict.fromkeys([*wanted, *openings]))):
            for p in wanted.get(chunk.id, []):
                p.neighbours.append(chunk)
            for p in openings.get(chunk.id, []):
                p.opening = chunk
        for p in passages:
            p.neighbours.sort(key=lambda c: c.ordinal)

    def _convex(self, query: str, vector: np.ndarray, lexical: dict[str, float], dense: dict[str, float],
                chunks: list[Chunk], metas: dict[str, DocumentMeta], short: bool, index: Search | None,
                ) -> dict[str, float]:
        """Scores, not ranks: a clear BM25 winner that the embedding misses keeps its lead (RRF flattened it).

        Both are min-max scaled per query (BM25 between its weakest and best candidate, the cosine likewise);
        BM25-only hits get their true cosine from the stored vectors. Where BM25 cannot read a passage (a Thai
        question, an English passage) its dense score stands in for the lexical one.
        """
        cosines = dict(dense)
        if index is not None:
            cosines.update(index.cosines(vector, [c.id for c in chunks if c.id not in dense]))
        top_lex = max(lexical.values(), default=0.0)
        low_lex = min(lexical.values(), default=0.0)
        floor = min(dense.values(), default=0.0)
        span = max(max(cosines.values(), default=0.0) - floor, 1e-6)
        share = self.settings.dense_share * (_SHORT_QUERY_CONVEX_SHARE if short and lexical else 1.0)
        language = _language_of(query)
        q_terms = set(content_terms(query))
        readable = {lang: _readable_share(q_terms, lang) for lang in ("th", "en") if lang != language}
        fused: dict[str, float] = {}
        for chunk_id, chunk in {c.id: c for c in chunks}.items():
            sem = max(0.0, (cosines.get(chunk_id, floor) - floor) / span)
            if top_lex > low_lex:
                lex = max(0.0, lexical.get(chunk_id, 0.0) - low_lex) / (top_lex - low_lex)
            else:  # one BM25 hit (or several of one score): each is BM25's best, not its weakest
                lex = float(chunk_id in lexical)
            meta = metas.get(chunk.doc_id)
            if meta is not None and meta.language in readable:  # BM25 read only the question's words in its script
                lex = readable[meta.language] * lex + (1 - readable[meta.language]) * sem
            score = (1 - share) * lex + share * sem
            if q_terms and meta is not None:
                score += self._title_bonus(q_terms, chunk, meta)
            fused[chunk_id] = score
        return fused

    def _title_bonus(self, q_terms: set[str], chunk: Chunk, meta: DocumentMeta) -> float:
        """A question naming a document's year ("the 2025 report") or a heading's words points at that text."""
        bonus = 0.0
        if heading_terms(chunk.heading) & q_terms:
            bonus += self.settings.heading_bonus
        years = {t for t in q_terms if _YEAR.fullmatch(t)}
        if years and years & (heading_terms(meta.title) | {(meta.date or "")[:4]}):
            bonus += _YEAR_BONUS
        return bonus

    @staticmethod
    def _query_tokens(query: str) -> list[str]:
        from assistant.text.normalise import tokenize

        return [t for t in tokenize(query) if t.strip()]

    def _impute_lexical(self, query: str, fused: dict[str, float], dense_ranked: list[str], lexical: set[str],
                        chunks: list[Chunk], metas: dict[str, DocumentMeta]) -> None:
        """BM25 cannot match a Thai question to an English passage (or the reverse); there the dense rank stands in
        for the lexical one, so that a document in the other language is not outvoted for being unreadable to BM25."""
        language = _language_of(query)
        doc_of = {c.id: c.doc_id for c in chunks}
        for rank, chunk_id in enumerate(dense_ranked, start=1):
            meta = metas.get(doc_of.get(chunk_id, ""))
            if meta is not None and meta.language != language and chunk_id not in lexical:
                fused[chunk_id] += self.settings.lexical_weight / (self.settings.rrf_k + rank)

    @staticmethod
    def _fill_dense_scores(index: Search, vector: np.ndarray, passages: list[Passage]) -> None:
        """Lexical-only candidates get their cosine too: refusal compares like with like."""
        sims = index.cosines(vector, [p.chunk.id for p in passages if p.dense_score is None])
        for passage in passages:
            if passage.dense_score is None and passage.chunk.id in sims:
                passage.dense_score = sims[passage.chunk.id]

    def collapse(self, passages: list[Passage]) -> list[Passage]:
        """Keep the best-ranked copy of a repeated paragraph; the others become its ``also_in`` sources."""
        kept: list[tuple[Passage, frozenset[str]]] = []
        for passage in passages:
            tokens = _token_set(passage.chunk.id, passage.chunk.text)
            twin = next((p for p, t in kept if _same_text(tokens, t, self.settings.duplicate_similarity)), None)
            if twin is None:
                kept.append((passage, tokens))
                continue
            _absorb(twin, passage.chunk, passage.meta)
        return [p for p, _ in kept]


@lru_cache(maxsize=8192)
def _token_set(chunk_id: str, text: str) -> frozenset[str]:
    """Keyed by id and text: a re-ingested chunk with new text gets new tokens."""
    del chunk_id
    return frozenset(terms(text))


def _sibling_id(chunk: Chunk, offset: int) -> str:
    """Chunk ids are '<sha256[:16]>:<ordinal:04d>' (see ``ingest.chunking``)."""
    return f"{chunk.id.rsplit(':', 1)[0]}:{chunk.ordinal + offset:04d}"


def _absorb(keeper: Passage, chunk: Chunk, meta: DocumentMeta) -> None:
    keeper.duplicates.append(chunk)
    known = {keeper.meta.doc_id, *(m.doc_id for m in keeper.also_in)}
    if meta.doc_id not in known:
        keeper.also_in.append(meta)
