"""Extractive answers: analyse the retrieved passages once, then let the fitted model rank, refuse and select.

Every sentence is copied from a passage, so each citation is right by construction. When the documents do not
answer, the answer is a refusal in the question's language with the closest passages as ``related``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from assistant.answer.citations import refusal_answer
from assistant.answer.features import Analysis, analyse
from assistant.answer.model import AnswerModel, model_at, shipped_model
from assistant.answer.question.intent import intent_of
from assistant.answer.refusal import Verdict, judge
from assistant.answer.selection import Chosen, eligible, probabilities, select
from assistant.answer.shaping import compose
from assistant.answer.units import Sentence
from assistant.config import Settings
from assistant.embedding.embedders import Embedder
from assistant.models import Answer, Passage

PageLookup = Callable[[str, int], str | None]


def analyse_question(question: str, passages: list[Passage], settings: Settings, *,
                     query_vector: np.ndarray | None = None, embedder: Embedder | None = None,
                     unknown_names: list[str] | None = None, unknown_focus: list[str] | None = None) -> Analysis:
    """The costly part (sentences, features, a few embeddings); ``decide`` is cheap, so a model can be swapped."""
    if embedder is None:
        from assistant.factory import build_embedder

        embedder = build_embedder(settings)
    return analyse(question, passages, intent_of(question), query_vector=query_vector, embedder=embedder,
                   unknown_names=unknown_names, unknown_focus=unknown_focus)


@dataclass
class Decision:
    verdict: Verdict
    chosen: Chosen


def decide_selection(analysis: Analysis, model: AnswerModel) -> Decision:
    probs = probabilities(analysis, model)
    return Decision(judge(analysis, probs, model), select(analysis, probs, model))


def decide(analysis: Analysis, model: AnswerModel | None = None, page_lookup: PageLookup | None = None,
           searched: str | None = None) -> Answer:
    model = model or shipped_model()
    decision = decide_selection(analysis, model)
    question, intent = analysis.question, analysis.intent
    if decision.verdict.refused or not decision.chosen.sentences:
        return refusal_answer(question, analysis.passages[: analysis.retrieved], intent.language, page_lookup, searched)
    text, citations = compose(question, intent, decision.chosen, page_lookup)
    return Answer(answer=text, found=True, mode="extractive", citations=citations, question=searched or question,
                  language=intent.language)


@dataclass
class Ranked:
    """Every readable candidate sentence, most likely first, with the refusal decision and whether any sentence in
    the question's language holds one of its words (a briefing's topic is not a question: briefings pick from these)."""

    refused: bool
    matched: bool
    cross_lingual: bool
    sentences: list[Sentence]
    passages: list[Passage]


def rank_sentences(question: str, passages: list[Passage], settings: Settings, *,
                   query_vector: np.ndarray | None = None, embedder: Embedder | None = None) -> Ranked:
    analysis = analyse_question(question, passages, settings, query_vector=query_vector, embedder=embedder)
    model = model_at(settings.answer_model)
    probs = probabilities(analysis, model)
    verdict = judge(analysis, probs, model)
    order = [analysis.sentences[i] for i in np.argsort(-probs, kind="stable") if eligible(analysis.sentences[i])]
    own = [s for s in analysis.sentences if s.rank < analysis.retrieved]
    return Ranked(refused=verdict.refused, matched=any(s.coverage > 0 and not s.cross_lingual for s in own),
                  cross_lingual=bool(own) and all(s.cross_lingual for s in own), sentences=order,
                  passages=analysis.passages)


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
    model: AnswerModel | None = None,
) -> Answer:
    analysis = analyse_question(question, passages, settings, query_vector=query_vector, embedder=embedder,
                                unknown_names=unknown_names)
    return decide(analysis, model or model_at(settings.answer_model), page_lookup, searched)
