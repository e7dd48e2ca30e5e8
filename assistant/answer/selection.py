"""Which sentences answer the question: ranked by the fitted model, kept while they stay close to the best one.

The one place that chooses the answer's sentences. A list question naming a section gets that section's items
(``sections``); another gets the items that follow its lead sentence (read on into the next chunks). An overview's
points are statements about what it asks (``points``); a question asking for a kind of value opens with a likely
sentence that states one; and a sentence that opens with 'It' or 'This' brings the one before it.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from assistant.answer.context import shape, with_antecedents, with_items, with_referenced
from assistant.answer.features import SENTENCE_FEATURES, Analysis
from assistant.answer.footnotes import with_footnotes
from assistant.answer.model import AnswerModel
from assistant.answer.points import (
    about_subject,
    is_preamble,
    list_leads,
    named_document,
    named_document_id,
    named_shares,
    opening_fields,
    prose_first,
    value_kinds,
)
from assistant.answer.question.fields import field_kinds, labelled_field
from assistant.answer.question.intent import ITEMS_MAX, asks_who_signed
from assistant.answer.question.occasions import of_other_edition, of_other_year
from assistant.answer.question.thresholds import within_thresholds
from assistant.answer.sections import asked_section, asked_section_first, sections_of
from assistant.answer.signatures import with_cosigners
from assistant.answer.table_rows import table_row, with_matching_rows, with_total
from assistant.answer.units import Sentence, says_list_follows
from assistant.models import Passage
from assistant.retrieval.support import has

_NEAR = 0.8  # token-set Jaccard above which two sentences say the same thing


@dataclass
class Chosen:
    sentences: list[Sentence]
    passages: list[Passage]  # what the sentences' ranks index: the analysed passages, plus chunks a list read on into
    opening: Sentence | None = None  # the sentence the answer opens with: chosen here, so shaping need not re-decide


def probabilities(analysis: Analysis, model: AnswerModel) -> np.ndarray:
    """The ranker's probability that each candidate states (part of) the answer; kept on the sentences as score."""
    if not analysis.sentences:
        return np.zeros(0)
    probs = model.ranker.probability(analysis.matrix)
    for s, p in zip(analysis.sentences, probs, strict=True):
        s.score = float(p)
    return probs


def _of_another_occasion(analysis: Analysis, i: int) -> bool:
    """A sentence about another of a series, or only about other years, than the question asks about (its
    document's title and date may name the year asked: 'the 2018 statement' recalls earlier years)."""
    s = analysis.sentences[i]
    meta = analysis.passages[s.rank].meta
    return (of_other_edition(s.text, analysis.question)
            or of_other_year(s.text, analysis.question, f"{meta.title} {(meta.date or '')[:4]}"))


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


_CUE = SENTENCE_FEATURES.index("cue_match")


def _typed_first(analysis: Analysis, order: list[int], probs: np.ndarray, bar: float) -> list[int]:
    """A question asking for a kind of value ('who signed', 'when', 'how many') opens with a sentence that states
    one, where one is likely enough: 'Tarrow and Ostra signed an agreement' names no signer, however many of the
    question's words it holds. A field labelled as holding that kind ('Date: 22 January 2026', 'Venue: ...' for
    'where') states it of what its document is about: it comes first."""
    likely = [i for i in order if probs[i] >= bar]
    typed = next((i for i in likely if labelled_field(analysis.sentences[i].text, analysis.intent)), None)
    typed = typed if typed is not None else next((i for i in likely if analysis.matrix[i, _CUE] > 0), None)
    if typed is None or typed == order[0]:
        return order
    return [typed] + [i for i in order if i != typed]


def _fields_beside(analysis: Analysis, first: int, likely: list[int]) -> list[Sentence]:
    """An answer opening with a labelled field ('Date: 22 January 2026') takes the likely fields beside it that hold
    the other asked kinds ('Venue: ... City Hall' for 'when and where'): a header answers its parts together."""
    opener = analysis.sentences[first]
    have = labelled_field(opener.text, analysis.intent)
    if not have:
        return []
    wanted = set(field_kinds(analysis.intent)) - have
    out: list[Sentence] = []
    for s in (analysis.sentences[i] for i in likely):
        adds = labelled_field(s.text, analysis.intent) & wanted if s.rank == opener.rank else frozenset()
        if adds:
            out.append(s)
            wanted -= adds
    return out


def _each_part(analysis: Analysis, likely: list[int], chosen: list[Sentence], covered: set[str]) -> list[Sentence]:
    """A question asked in parts ('How many members must a council have, and for how long does it sit?') gets a
    sentence for each part whose own words nothing chosen holds, past the answer's usual length, as an answer
    missing a part is wrong however short: the likeliest that holds one of them or, where none does, the likely
    sentence closest in meaning to the part ('who pays for the meetings': 'The host city shall bear the cost')."""
    added: list[Sentence] = []
    covered = set(covered)  # the question words the chosen sentences hold, as ``select`` keeps them
    for n, part in enumerate(analysis.parts):
        words = part.own & analysis.weights.keys()
        if not words or covered & words:
            continue
        free = [i for i in likely if _fits(analysis.sentences[i], [*chosen, *added])]
        pick = next((i for i in free if _covered(analysis.sentences[i], analysis) & words), None)
        if pick is None:  # no sentence says it in the part's words: the embedded one closest in meaning
            pick = max((i for i in free if analysis.part_dense[i, n] > 0), key=lambda i: analysis.part_dense[i, n],
                       default=None)
        if pick is not None:
            added.append(analysis.sentences[pick])
            covered |= _covered(analysis.sentences[pick], analysis)
    return added


def select(analysis: Analysis, probs: np.ndarray, model: AnswerModel) -> Chosen:
    passages = list(analysis.passages)
    order = [i for i in np.argsort(-probs, kind="stable") if eligible(analysis.sentences[i])]
    if not order:
        return Chosen([], passages)
    # a sentence about another of a series, or another year, than the one asked answers nothing, whatever it shares
    order = [i for i in order if not _of_another_occasion(analysis, i)] or order
    # nor does a clause whose threshold excludes the amount asked about; the one whose range holds it leads
    kept = within_thresholds(analysis.question, [analysis.sentences[i].text for i in order])
    order = [order[n] for n in kept] if kept else order
    sections: list[str | None] = []  # the heading each candidate stands under: a list question may name one
    if analysis.intent.listing:
        sections = sections_of(analysis.sentences, analysis.passages)
        order = asked_section_first(analysis, order, sections)
    named = named_shares(analysis) if analysis.intent.overview else {}
    named_doc = named_document_id(analysis, named) if analysis.intent.overview else None
    # a statement of the document a briefing names is a point, however few of the question's words it repeats (a
    # Thai briefing on an English report, 'Brief me on the annual report' over 'Cargo rose to 4.1 million tonnes')
    own = {i for i in order if passages[analysis.sentences[i].rank].chunk.doc_id == named_doc} if named_doc else set()
    if analysis.intent.overview:
        order = named_document(prose_first(analysis, about_subject(analysis, order)), own)
    intent, sel = analysis.intent, model.selection
    section = asked_section(analysis, order, sections, eligible) if intent.listing and intent.parts == 1 else []
    if section:
        lead = next((c for c in section if says_list_follows(c.text)), None)
        if lead is not None:  # the section announces its list ('The core elements will be:'): its items, read on
            section = with_items(analysis.question, [lead], analysis.sentences, passages, intent.language,
                                 len(section), prose=True)
        return Chosen(with_footnotes(section, passages, intent.language), passages)
    limit = sel.limits.get(intent.kind, 2) + min(intent.parts, sel.max_parts) - 1
    best = float(probs[order[0]])
    # an overview wants breadth: any likely statement about its subject may be a point, not only those near the best
    bar = sel.floor if intent.overview else max(sel.floor, sel.ratio * best)
    likely = [i for i in order if probs[i] >= sel.floor or i in own]
    if intent.kind == "fact":  # a preamble's clause recalls another instrument, so it does not open the answer
        order = sorted(order, key=lambda i: is_preamble(analysis.sentences[i].text))  # stable: a partition
    if field_kinds(intent) and not intent.listing and not intent.overview:
        order = _typed_first(analysis, order, probs, bar)
    # a briefing on what a document records opens with when and where (its opening's fields): one point
    lead = opening_fields(analysis, order[0], named) if intent.overview else []
    limit += max(0, len(lead) - 1)
    first = list(dict.fromkeys([*lead, order[0]]))
    chosen: list[Sentence] = [*(analysis.sentences[i] for i in first), *_fields_beside(analysis, order[0], likely)]
    covered = set().union(*(_covered(c, analysis) for c in chosen))
    # an overview's points: the kinds of value each states, read once (the picks come from these)
    kinds = {i: value_kinds(analysis.sentences[i], intent) for i in [*first, *likely]} if intent.overview else {}
    have = set().union(*(kinds.get(i, set()) for i in first))
    while len(chosen) < limit:
        # the next pick: likely, and saying what the answer does not say yet (another part of the question). Of a
        # question in parts, a sentence below the bar may still answer a part nothing chosen speaks to.
        room = sel.fact_chars - sum(len(c.text) for c in chosen) if intent.kind == "fact" else None
        gain = {i: _gain(analysis.sentences[i], analysis, covered) for i in likely}
        gains = [(float(probs[i]) + sel.novelty * gain[i] + sel.values * len(kinds.get(i, set()) - have), -i)
                 for i in likely
                 if (probs[i] >= bar or i in own or (intent.parts > 1 and gain[i] > 0))
                 and _fits(analysis.sentences[i], chosen)
                 and (room is None or len(analysis.sentences[i].text) <= room)]
        if not gains:
            break
        pick = -max(gains)[1]
        have |= kinds.get(pick, set())
        chosen.append(analysis.sentences[pick])
        covered |= _covered(analysis.sentences[pick], analysis)
    if not intent.overview:
        chosen += _each_part(analysis, likely, chosen, covered)
    best_sentence = analysis.sentences[order[0]]
    if intent.overview:  # a point that is a list's item brings the list: the lead here, its items below
        chosen += list_leads(analysis, chosen)
    chosen = with_antecedents(chosen, analysis.sentences)
    # a sentence that announces a list ('The programme included:') says nothing without its items, whatever asked;
    # one from another document than the best sentence's is a side note, not the answer
    doc = passages[best_sentence.rank].chunk.doc_id
    if intent.listing or any(says_list_follows(c.text) and passages[c.rank].chunk.doc_id == doc for c in chosen):
        # an overview keeps every point it chose beside the list's items, but not a table's rows: the line that
        # announces the table (and its total) is the point, its rows are detail
        picked = chosen
        room = len(chosen) + ITEMS_MAX if intent.overview else limit + 6
        chosen = with_items(analysis.question, chosen, analysis.sentences, passages, intent.language, room,
                            prose=intent.listing)
        if intent.overview:
            chosen = [c for c in chosen if not table_row(c.text) or any(c is p for p in picked)]
    if intent.listing:
        chosen = with_matching_rows(best_sentence, chosen, analysis.sentences, passages, analysis.weights)
    if {"number", "money"} & set(intent.cues) and not intent.listing:
        chosen = with_total(analysis.question, chosen, analysis.sentences)
    if asks_who_signed(intent):
        chosen = with_cosigners(chosen, analysis.sentences, passages)
    chosen = with_referenced(best_sentence, chosen, analysis.sentences, passages)
    if lead:  # the occasion's date and place open the briefing, whatever the lists read in
        opening = [analysis.sentences[i] for i in lead]
        chosen = [*opening, *(c for c in chosen if all(c is not o for o in opening))]
    return Chosen(with_footnotes(chosen, passages, intent.language), passages, best_sentence)
