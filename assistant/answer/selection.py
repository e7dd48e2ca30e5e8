"""Which sentences answer the question: ranked by the fitted model, kept while they stay close to the best one.

The one place that chooses the answer's sentences. A list question also gets the items that follow its lead
sentence (read on into the next chunks), and a sentence that opens with 'It' or 'This' brings the one before it.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from assistant.answer.context import shape, with_antecedents, with_items, with_referenced
from assistant.answer.features import PROSE_WORDS, Analysis
from assistant.answer.footnotes import with_footnotes
from assistant.answer.model import AnswerModel
from assistant.answer.question import Intent, asks_who_signed, values_of
from assistant.answer.signatures import with_cosigners
from assistant.answer.table_rows import with_total
from assistant.answer.units import Sentence, says_list_follows
from assistant.models import Passage
from assistant.retrieval.support import content_terms, has, is_stopword, stem
from assistant.retrieval.topk_cover import heading_parts

_NEAR = 0.8  # token-set Jaccard above which two sentences say the same thing


@dataclass
class Chosen:
    sentences: list[Sentence]
    passages: list[Passage]  # what the sentences' ranks index: the analysed passages, plus chunks a list read on into


def probabilities(analysis: Analysis, model: AnswerModel) -> np.ndarray:
    """The ranker's probability that each candidate states (part of) the answer; kept on the sentences as score."""
    if not analysis.sentences:
        return np.zeros(0)
    probs = model.ranker.probability(analysis.matrix)
    for s, p in zip(analysis.sentences, probs, strict=True):
        s.score = float(p)
    return probs


def _near(a: Sentence, b: Sentence) -> bool:
    if not a.terms or not b.terms:
        return False
    return len(a.terms & b.terms) / len(a.terms | b.terms) >= _NEAR


_READABLE = 0.75  # below this share of clean tokens a line is OCR debris ('Pilot Cities ภ์ Ane. . ๐ @ fit inet')


def eligible(s: Sentence) -> bool:
    """A fragment, a letterhead ('ABU DHABI MUNICIPALITY & TOWN PLANNING'), OCR debris or a question (a Q&A
    sheet's 'Q: Is the agreement binding?') states nothing."""
    return (not s.short and shape(s.text) != "caps" and s.wordlike >= _READABLE
            and not s.text.rstrip().endswith(("?", "？")))


def _fits(s: Sentence, chosen: list[Sentence]) -> bool:
    if any(s is c or _near(s, c) for c in chosen):
        return False
    return not (s.cross_lingual and any(not c.cross_lingual for c in chosen))  # own language matched: the other is a guess


def _covered(s: Sentence, analysis: Analysis) -> set[str]:
    """The question words a sentence speaks to, its document's title and year included: of 'the 2018 plan and the
    2019 report', a sentence from the 2019 report covers '2019' though it does not repeat it."""
    head = analysis.heads.get(s.rank)
    return {t for t in analysis.weights if has(s.context or s.unit, t) or (head is not None and has(head, t))}


def _gain(s: Sentence, analysis: Analysis, covered: set[str]) -> float:
    """Share of the question's weight this sentence adds to what the answer covers already."""
    total = sum(analysis.weights.values()) or 1.0
    return sum(analysis.weights[t] for t in _covered(s, analysis) - covered) / total


_LABELS = frozenset({"article", "section", "chapter", "part", "annex", "appendix", "clause", "no"})
_LABEL_TERMS = _LABELS | {stem(w) for w in _LABELS}  # as content_terms spells them ('articl')
_HEADING_WORDS = 8


def _names_section(heading: str | None, asked: set[str], focus: set[str]) -> bool:
    """The section's own heading ('Article 2 - Areas of Cooperation', 'Objectives', 'วัตถุประสงค์') is made of the
    question's words, numbering and labels aside, and names what is asked, not only what it is about ('Singapore')."""
    words = {t for t in content_terms(heading or "") if not t.isdigit() and t not in _LABEL_TERMS}
    return bool(words & focus) and words <= asked


def _sections(sentences: list[Sentence], passages: list[Passage]) -> list[str | None]:
    """The heading each sentence stands under: the last heading line before it in its chunk (a short section merged
    into the one before keeps its heading as a line), else the chunk's own. One pass in reading order."""
    out: list[str | None] = [None] * len(sentences)
    current: dict[int, str | None] = {}
    for n in sorted(range(len(sentences)), key=lambda n: (sentences[n].rank, sentences[n].position)):
        s = sentences[n]
        if s.rank not in current:
            parts = heading_parts(passages[s.rank].chunk.heading)
            current[s.rank] = parts[-1] if parts else None
        out[n] = current[s.rank]
        if _heading_line(s):
            current[s.rank] = s.text
    return out


def _heading_line(s: Sentence) -> bool:
    """A short line or one in title case that ends no sentence ('Article 2 - Areas of Cooperation'), and no broken
    line of a title either ('AND THE CITY OF', whose last word leads on to the next line)."""
    words = s.text.split()
    return ((s.short or shape(s.text) != "plain") and len(words) <= _HEADING_WORDS
            and not s.text.rstrip().endswith((".", ";", ":", "?", "!")) and not is_stopword(words[-1].lower()))


def _asked_section_first(analysis: Analysis, order: list[int]) -> list[int]:
    """A list question naming a section's heading ('What are the objectives of ...?') is answered by that section's
    items: its likeliest sentence leads, though sentences naming the subject more often score higher elsewhere. So
    does a sentence announcing a list that names what is asked ('... cooperate in the following fields:' for 'What
    are the fields of cooperation?', 'The Committee agreed:' for 'What did the Committee agree?')."""
    asked, focus = set(content_terms(analysis.question)), set(analysis.focus)
    sections = _sections(analysis.sentences, analysis.passages)
    head = analysis.focus[0] if analysis.focus else None
    named = [i for i in order if _names_section(sections[i], asked, focus) or (
        head is not None and says_list_follows(analysis.sentences[i].text) and has(analysis.sentences[i].unit, head))]
    if not named or named[0] == order[0]:
        return order
    return [named[0]] + [i for i in order if i != named[0]]


_POINTS_MIN = 3  # an overview's fewest points


def _prose_first(analysis: Analysis, order: list[int]) -> list[int]:
    """An overview's points are statements: sentences of some length that end as sentences do, not a title, a
    caption or a table row ('Annual Report, Fiscal Year 2025', 'Budget by programme (million baht)'), where
    enough of them are at hand."""
    prose = [i for i in order if shape(analysis.sentences[i].text) == "plain"
             and len(analysis.sentences[i].text.split()) >= PROSE_WORDS
             and analysis.sentences[i].text.rstrip().endswith((".", ";", "!"))]
    return prose if len(prose) >= _POINTS_MIN else order


_VALUE_KINDS = ("number", "date", "money", "person")


def _value_kinds(s: Sentence, intent: Intent) -> set[str]:
    """The kinds of value a sentence states: a briefing wants its figures, dates and people."""
    return {kind for kind in _VALUE_KINDS if values_of(kind, s.text, intent.given)}


def select(analysis: Analysis, probs: np.ndarray, model: AnswerModel) -> Chosen:
    passages = list(analysis.passages)
    order = [i for i in np.argsort(-probs, kind="stable") if eligible(analysis.sentences[i])]
    if not order:
        return Chosen([], passages)
    if analysis.intent.listing:
        order = _asked_section_first(analysis, order)
    if analysis.intent.overview:
        order = _prose_first(analysis, order)
    intent, sel = analysis.intent, model.selection
    limit = sel.limits.get(intent.kind, 2) + min(intent.parts, sel.max_parts) - 1
    best = float(probs[order[0]])
    bar = max(sel.floor, sel.ratio * best)
    likely = [i for i in order if probs[i] >= sel.floor]
    chosen: list[Sentence] = [analysis.sentences[order[0]]]
    covered = _covered(chosen[0], analysis)
    # an overview's points: the kinds of value each states, read once (the picks come from these)
    kinds = {i: _value_kinds(analysis.sentences[i], intent) for i in [order[0], *likely]} if intent.overview else {}
    have = set(kinds.get(order[0], set()))
    while len(chosen) < limit:
        # the next pick: likely, and saying what the answer does not say yet (another part of the question). Of a
        # question in parts, a sentence below the bar may still answer a part nothing chosen speaks to.
        room = sel.fact_chars - sum(len(c.text) for c in chosen) if intent.kind == "fact" else None
        gain = {i: _gain(analysis.sentences[i], analysis, covered) for i in likely}
        gains = [(float(probs[i]) + sel.novelty * gain[i] + sel.values * len(kinds.get(i, set()) - have), -i)
                 for i in likely
                 if (probs[i] >= bar or (intent.parts > 1 and gain[i] > 0)) and _fits(analysis.sentences[i], chosen)
                 and (room is None or len(analysis.sentences[i].text) <= room)]
        if not gains:
            break
        pick = -max(gains)[1]
        have |= kinds.get(pick, set())
        chosen.append(analysis.sentences[pick])
        covered |= _covered(analysis.sentences[pick], analysis)
    best_sentence = chosen[0]
    chosen = with_antecedents(chosen, analysis.sentences)
    # a sentence that announces a list ('The programme included:') says nothing without its items, whatever asked;
    # one from another document than the best sentence's is a side note, not the answer
    doc = passages[best_sentence.rank].chunk.doc_id
    if intent.listing or any(says_list_follows(c.text) and passages[c.rank].chunk.doc_id == doc for c in chosen):
        chosen = with_items(analysis.question, chosen, analysis.sentences, passages, intent.language, limit + 6,
                            prose=intent.listing)
    if {"number", "money"} & set(intent.cues) and not intent.listing:
        chosen = with_total(analysis.question, chosen, analysis.sentences)
    if asks_who_signed(intent):
        chosen = with_cosigners(chosen, analysis.sentences, passages)
    chosen = with_referenced(best_sentence, chosen, analysis.sentences, passages)
    return Chosen(with_footnotes(chosen, passages, intent.language), passages)
