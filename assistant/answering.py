"""Extractive answers: the sentences of the retrieved passages that answer the question, each with its [n].

Every sentence is copied from a passage, so each citation is right by construction. When nothing retrieved
supports an answer, the answer is a refusal in the question's language with the closest passages as ``related``.
"""

from __future__ import annotations

import re
from collections import OrderedDict
from collections.abc import Callable

import numpy as np
from pydantic import BaseModel

from assistant.answer_context import expand, shape, with_antecedents, with_cues, with_items, with_sequels
from assistant.config import Settings
from assistant.embedders import Embedder
from assistant.models import Answer, Passage
from assistant.question_cues import asks_overview, cue_bonus, cues_of
from assistant.sentences import Sentence, candidate_sentences, is_list_question
from assistant.support import SupportScore, Unit, content_terms, coverage, has, support_score, term_weights, unit_of
from assistant.topk_cover import heading_parts, named_headings

PageLookup = Callable[[str, int], str | None]
_RANK_PRIOR = 0.08  # a small nudge towards better-ranked passages; coverage decides
_SECTION_FOCUS = 0.5  # above any sentence outside the section: an overview answers from the section first
_PROSE_WORDS = 8
_KEEP_RATIO = 0.5  # a sentence joins the answer when it scores at least this share of the best one
_END_PUNCT = re.compile(r"([.!?。]+)\s*$")


class Selection(BaseModel):
    """Chosen sentences and the support measurements the refusal decision used."""

    model_config = {"arbitrary_types_allowed": True}

    sentences: list[Sentence]
    support: SupportScore
    # the passages the sentences' ranks index: the retrieved ones, plus any chunk a list was finished from
    passages: list[Passage] = []


_SENTENCE_VECTORS: OrderedDict[tuple[str, str], np.ndarray] = OrderedDict()
_SENTENCE_VECTORS_MAX = 20_000


def _sentence_vectors(embedder: Embedder, texts: list[str]) -> np.ndarray:
    """Embeddings of sentences, cached by model and text: the same passages come back for many questions."""
    model = getattr(embedder, "id", type(embedder).__name__)
    missing = list(dict.fromkeys(t for t in texts if (model, t) not in _SENTENCE_VECTORS))
    if missing:
        for text, vector in zip(missing, embedder.embed(missing), strict=True):
            _SENTENCE_VECTORS[(model, text)] = vector
        while len(_SENTENCE_VECTORS) > _SENTENCE_VECTORS_MAX:
            _SENTENCE_VECTORS.popitem(last=False)
    rows = []
    for text in texts:
        _SENTENCE_VECTORS.move_to_end((model, text))
        rows.append(_SENTENCE_VECTORS[(model, text)])
    return np.vstack(rows)


def _dense_similarities(
    question: str, sentences: list[Sentence], settings: Settings, query_vector: np.ndarray | None,
    embedder: Embedder | None,
) -> None:
    """Only sentences in another language than the question get embedded: word overlap cannot see them."""
    foreign = [s for s in sentences if s.cross_lingual]
    if not foreign:
        return
    if embedder is None:
        from assistant.factory import build_embedder

        embedder = build_embedder(settings)
    if query_vector is None:
        query_vector = embedder.embed([question])[0]
    sims = _sentence_vectors(embedder, [s.text for s in foreign]) @ query_vector
    for sentence, sim in zip(foreign, sims, strict=False):
        sentence.dense = float(sim)


def _dense_to_coverage(sim: float) -> float:
    """Map a USE cosine onto the coverage scale: ~0.2 is unrelated text, ~0.7 a paraphrase."""
    return max(0.0, min(1.0, (sim - 0.2) / 0.5))


def select_sentences(
    question: str,
    passages: list[Passage],
    settings: Settings,
    *,
    query_vector: np.ndarray | None = None,
    embedder: Embedder | None = None,
    unknown_names: list[str] | None = None,
) -> Selection:
    language = _language(question)
    retrieved = len(passages)
    named = frozenset(named_headings(question))
    passages = expand(passages, named)
    sentences = candidate_sentences(passages, language)
    _with_section_names(named, sentences, passages)
    q_terms = content_terms(question)
    weights = term_weights(q_terms, [s.unit for s in sentences if s.rank < retrieved])
    _dense_similarities(question, sentences, settings, query_vector, embedder)
    cues = cues_of(question)
    for s in sentences:
        lexical = coverage(s.context or s.unit, weights)
        s.coverage = max(lexical, _dense_to_coverage(s.dense)) if s.cross_lingual else lexical
        # the kind of answer asked for (a name, a date, a number) counts only where the topic already matches
        s.score = s.coverage + _RANK_PRIOR / (1 + s.rank) + (cue_bonus(cues, s.text) if s.coverage > 0 else 0.0)
    if asks_overview(question):
        _focus_named_sections(named, sentences, passages)
    listing = is_list_question(question)
    limit = settings.max_answer_sentences * (2 if listing else 1)
    chosen = _greedy([s for s in sentences if not s.short], weights, limit)
    chosen = with_cues(chosen, sentences, cues)
    chosen = with_antecedents(chosen, sentences)
    chosen = with_sequels(chosen, sentences)
    if listing and chosen:
        chosen = with_items(question, chosen, sentences, passages, language, limit)
    # support is judged on what retrieval found, so that refusal does not depend on the neighbours read around it
    own = [s for s in sentences if s.rank < retrieved]
    missing = [t for t in q_terms if not any(has(s.unit, t) for s in own)]
    dense = max((p.dense_score or 0.0) for p in passages[:3]) if passages else 0.0
    best = max((s.coverage for s in own), default=0.0)
    cross = bool(passages) and passages[0].meta.language != language
    return Selection(sentences=chosen, support=support_score(best, dense, missing, cross, unknown_names),
                     passages=passages)


def _with_section_names(named: frozenset[str], sentences: list[Sentence], passages: list[Passage]) -> None:
    """A sentence in a section headed by a name the question names ('Bangkok' › ...) is about that name, though
    it seldom repeats it: the name counts as matched there."""
    for s in sentences if named else []:
        parts = [part for part in heading_parts(passages[s.rank].chunk.heading) if part in named]
        if parts:
            base, extra = s.context or s.unit, unit_of(" ".join(parts))
            s.context = Unit(tokens=base.tokens | extra.tokens, flat=base.flat + extra.flat)


def _focus_named_sections(named: frozenset[str], sentences: list[Sentence], passages: list[Passage]) -> None:
    """An overview of a named section ('Brief me on Bangkok's action plan') is drawn from that section first:
    its sentences seldom repeat the question's words, while the documents' generic lines about action plans do."""
    for s in sentences:
        prose = shape(s.text) == "plain" and len(s.text.split()) >= _PROSE_WORDS  # not 'Smart City Project 1'
        section = heading_parts(passages[s.rank].chunk.heading)[:1]
        if prose and section and section[0] in named and s.coverage > 0:
            s.score += _SECTION_FOCUS


def _greedy(sentences: list[Sentence], weights: dict[str, float], limit: int) -> list[Sentence]:
    """Best sentence first, then those that cover question words not yet covered; repeats are skipped."""
    if not sentences:
        return []
    ranked = sorted(sentences, key=lambda s: -s.score)
    best = ranked[0].score
    if best <= 0:
        return []
    chosen: list[Sentence] = []
    covered: set[str] = set()
    seen: set[str] = set()
    for s in ranked:
        if len(chosen) >= limit:
            break
        key = s.key
        if key in seen or any(_near(s, c) for c in chosen):
            continue
        if shape(s.text) == "caps":
            continue  # a letterhead or running header ('ABU DHABI MUNICIPALITY & TOWN PLANNING') states nothing
        if s.cross_lingual and any(not c.cross_lingual for c in chosen):
            continue  # question words matched a sentence in its own language; the other language's is a guess
        gain = coverage(s.context or s.unit, {t: w for t, w in weights.items() if t not in covered})
        if s.score < _KEEP_RATIO * best and gain <= 0.0:
            continue
        if s.score < 0.25 * best:
            continue
        chosen.append(s)
        seen.add(key)
        covered |= {t for t in weights if has(s.context or s.unit, t)}
    return chosen


def _near(a: Sentence, b: Sentence) -> bool:
    if not a.terms or not b.terms:
        return False
    return len(a.terms & b.terms) / len(a.terms | b.terms) >= 0.8


def _language(text: str) -> str:
    from assistant.textnorm import detect_language

    return detect_language(text)


def _with_marker(text: str, n: int) -> str:
    """'... signed in 2001 [2].' reads better than '... signed in 2001. [2]'."""
    text = text.strip()
    match = _END_PUNCT.search(text)
    if match:
        return f"{text[: match.start()].rstrip()} [{n}]{match.group(1)}"
    return f"{text} [{n}]"


def compose(
    selection: Selection, passages: list[Passage], page_lookup: PageLookup | None = None
) -> tuple[str, list]:
    """Order sentences by the passage they come from, then as they stand in it; number sources.

    Passages come in the order the selection first draws on them: best sentence first, except that a list's
    items, read on into later chunks, follow the sentence that introduces them."""
    from assistant.citation_build import citation_for

    passages = selection.passages or passages
    ranks = list(dict.fromkeys(s.rank for s in selection.sentences))
    numbers = {rank: n for n, rank in enumerate(ranks, start=1)}
    lines = []
    for rank in ranks:
        for s in sorted((s for s in selection.sentences if s.rank == rank), key=lambda s: s.position):
            lines.append(_with_marker(s.text, numbers[rank]))
    citations = []
    for rank in ranks:
        first = min((s for s in selection.sentences if s.rank == rank), key=lambda s: -s.score)
        citations.append(citation_for(passages[rank], numbers[rank], first.text, page_lookup))
    return " ".join(lines), citations


def answer_extractively(
    question: str,
    passages: list[Passage],
    settings: Settings,
    *,
    query_vector: np.ndarray | None = None,
    embedder: Embedder | None = None,
    page_lookup: PageLookup | None = None,
    searched: str | None = None,
    unknown_names: list[str] | None = None,
) -> Answer:
    from assistant.citation_build import refusal_answer

    language = _language(question)
    selection = select_sentences(question, passages, settings, query_vector=query_vector, embedder=embedder,
                                 unknown_names=unknown_names)
    if not selection.sentences or selection.support.score < settings.refusal_threshold:
        return refusal_answer(question, passages, language, page_lookup, searched)
    text, citations = compose(selection, passages, page_lookup)
    return Answer(answer=text, found=True, mode="extractive", citations=citations, question=searched or question,
                  language=language)
