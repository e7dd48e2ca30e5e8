"""What the refusal decision reads: one row of numbers per question, on how well the analysed passages support an
answer at all (``refusal`` decides; ``fitting`` weighs the row).

Each number holds for any document: how likely the best sentences are, how much of the question no sentence holds,
whether a sentence states the asked kind of value next to the asked words, for the asked year or edition, about
what the question is about.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from typing import TYPE_CHECKING

import numpy as np

from assistant.answer.features import SENTENCE_FEATURES
from assistant.answer.question.intent import asking_terms, focus_words, typed_focus
from assistant.answer.question.occasions import (asked_span, asked_years, editions_of, editions_reported, years_met,
                                                 years_of, years_reported)
from assistant.answer.question.owners import counted_nouns, owned_by_another
from assistant.answer.question.thresholds import within_thresholds
from assistant.answer.question.values import values_of
from assistant.answer.table_rows import table_row
from assistant.answer.units import Sentence
from assistant.retrieval.support import Unit, has, name_terms, stem, unit_of
from assistant.text.normalise import thai_digits_to_arabic

if TYPE_CHECKING:
    from assistant.answer.features import Analysis

# Order matters: it is the column order of the fitted refusal weights in model.json.
QUESTION_FEATURES = ("top", "second", "lexical_best", "missing", "unknown", "dense_top", "cue_unmet",
                     "focus_best", "focus_found", "focus_dense", "typed_best", "focus_unknown", "after_sources",
                     "typed_occasion", "subject_typed")
# How each question feature may move answerability: more support can only make an answer more likely, a missing word
# or an unknown name less. The refusal classifier keeps these signs (``fitting``), so a question unlike any it was
# fitted on cannot be let through by a weight the data happened to flip. Sign 0: the input of a floor only (the gold
# questions hold too few of its cases to weigh it).
SUPPORT_SIGNS = {"top": 1, "second": 1, "lexical_best": 1, "missing": -1, "unknown": -1, "dense_top": 1,
                 "cue_unmet": -1, "focus_best": 1, "focus_found": 1, "focus_dense": 1, "typed_best": 1,
                 "focus_unknown": -1, "after_sources": -1, "typed_occasion": 1, "subject_typed": 0}
_YEAR_TERM = re.compile(r"(19|20|25)\d\d")  # a year asked is judged by ``_typed_occasion``
OPENING_LINES = 3  # a document's title block and the line that says whose it is, not the body that follows
_SUBJECT_REACH = 3  # sentences before the value's that may name what it is about ('Rayong has ...', '...', 'It ...')
_COL = {name: n for n, name in enumerate(SENTENCE_FEATURES)}


def question_row(a: Analysis, probabilities: np.ndarray) -> np.ndarray:
    """The refusal classifier's inputs, in ``QUESTION_FEATURES`` order, given the ranker's probability for each
    candidate."""
    own = [i for i, s in enumerate(a.sentences) if s.rank < a.retrieved]
    ranked = sorted((float(probabilities[i]) for i in own), reverse=True) or [0.0]
    lexical_best = max((float(a.matrix[i, _COL["lexical"]]) for i in own), default=0.0)
    units = [a.sentences[i].unit for i in own]
    total = sum(a.weights.values()) or 1.0
    missing = sum(w for t, w in a.weights.items() if not any(has(u, t) for u in units)) / total
    known = [p.dense_score for p in a.passages[: min(3, a.retrieved)] if p.dense_score is not None]
    # passages retrieved without an embedding (BM25 only) are judged by their best sentence's similarity
    dense_top = max(known) if known else max((float(a.matrix[i, _COL["dense"]]) for i in own), default=0.0)
    best = sorted(own, key=lambda i: -probabilities[i])[:3]
    # 'who' is answered by a body or a country as often as by a person (the loose reading)
    unmet = bool(a.intent.cues) and not any(
        values_of(c, a.sentences[i].text, a.intent.given, loose=True) for i in best for c in a.intent.cues)
    focus_best = max((float(a.matrix[i, _COL["focus"]]) for i in best), default=0.0)
    same = [a.sentences[i].unit for i in own if not a.sentences[i].cross_lingual]
    found = (sum(1 for t in a.focus if any(has(u, t) for u in same)) / len(a.focus)
             if a.focus and same else 1.0)
    focus_dense = max((float(a.matrix[i, _COL["focus_dense"]]) for i in own), default=0.0)
    return np.array([ranked[0], ranked[1] if len(ranked) > 1 else 0.0, lexical_best, missing,
                     float(bool(_unknown_names(a))), dense_top, float(unmet), focus_best, found,
                     focus_dense, max((float(a.matrix[i, _COL["typed_focus"]]) for i in own), default=0.0),
                     min(1.0, len(a.unknown_focus) / len(a.focus)) if a.focus else 0.0,
                     float(after_sources(a)), _typed_occasion(a, own, probabilities),
                     _subject_typed(a, own, best, probabilities)])


def _unknown_names(a: Analysis) -> list[str]:
    """The question's names no document holds, less the figures of an amount that the passages' thresholds rule
    on ('a grant worth 15 million baht' is asked of a rule for grants over two million, which never names 15) and
    the number of an edition asked ('ครั้งที่ 2', the 2nd, of a Forum its documents call the Second) or a span's end
    ('from 2019 to 2024', of which a report on 2022 speaks), which ``_typed_occasion`` judges."""
    ruled = within_thresholds(a.question, [s.text for s in a.sentences]) is not None
    judged = {str(n) for n in [*editions_of(a.question), *(asked_span(a.question) or ())]}
    return [n for n in a.unknown_names if not (n[:1].isdigit() and (ruled or thai_digits_to_arabic(n) in judged))]


def _subject_typed(a: Analysis, own: list[int], best: list[int], probabilities: np.ndarray) -> float:
    """How much of what the question is about (its words other than the focus: 'Tellin', 'the RCN Secretariat')
    stands with a sentence that states the asked value ('users' and a number): in the sentence, the few before it,
    its section heading, or its document's title and opening lines (whose report it is). A sentence with the value
    about another town, and one about the town without the value, do not add up to an answer; nor do the asked
    year's value in one and the town's in another, nor a count of the town's buses for its passengers. The best such
    sentence's share; none where the likeliest count of the asked things counts another name's."""
    focus = set(a.focus)
    subject = {t: w for t, w in a.weights.items()
               if t not in focus and t not in asking_terms() and not _YEAR_TERM.fullmatch(t)}
    total = sum(subject.values())
    col = _COL["typed_focus" if a.intent.cues else "focus"]
    # words cannot tell across languages: only values stated in the question's language are judged, and not at all
    # when one of the best sentences states it in the other
    stating = [i for i in own if a.matrix[i, col] > 0 and not a.sentences[i].cross_lingual]
    foreign = any(a.matrix[i, col] > 0 and a.sentences[i].cross_lingual for i in best)
    if not focus or not total or not stating or foreign or a.intent.listing:
        return 1.0  # a list's lead states it, and the items after it, however many, name what it is about
    counted = _counted(a)
    if _counted_for_another(a, stating, probabilities, counted):
        return 0.0
    # of 'how many passengers did Corvin's buses carry', a sentence counting buses states no count of passengers
    stating = _counting(a, stating, counted[:1]) or stating
    share = 0.0
    ranks = chunk_ranks(a)
    asked = set(name_terms(a.question))
    # the words capitalised inside a sentence somewhere: read only if a sentence opens with a capital to judge
    names = functools.cache(lambda: {t for i in own for t in name_terms(a.sentences[i].text)})
    years = asked_years(a.question)
    openings = functools.cache(lambda rank: _opening_of(a, rank, ranks))
    for i in stating:
        s = a.sentences[i]
        if _opens_with_another(s.text, asked, names, a.intent.cues):
            continue
        if years and not years_met(a.question, _occasions_named(a, s, ranks)[0]):
            continue  # the value of another year: the subject in one sentence, the year in another add up to nothing
        # a sentence before that names the question's name among others ('... with Varnholt, Palo Serra and Ikumi')
        # says nothing of the one this sentence names instead ('The exchange with Palo Serra was postponed to 2024')
        others = set(name_terms(s.text)) - asked
        before = [p for p in sentences_before(a, s, _SUBJECT_REACH, ranks)
                  if not (any(has(p.unit, t) for t in asked) and any(has(p.unit, t) for t in others))]
        around = [s.context or s.unit, a.heads[s.rank], openings(s.rank), *(p.unit for p in before)]
        share = max(share, sum(w for t, w in subject.items() if any(has(u, t) for u in around)) / total)
    return share


def _opening_of(a: Analysis, rank: int, ranks: dict[tuple[str, int], int]) -> Unit:
    """The first lines of the document a passage is from: whose report or statistics it is ('Dravenmoor City
    Council, External Relations Unit.' under the title 'Annex C: Statistics'). A chunk read around a retrieved one
    carries no opening of its own; its document's first chunk may be among the passages."""
    passage = a.passages[rank]
    first = passage.chunk if passage.chunk.ordinal == 0 else passage.opening
    if first is None and (passage.chunk.doc_id, 0) in ranks:
        first = a.passages[ranks[(passage.chunk.doc_id, 0)]].chunk
    lines: list[str] = []
    for line in (first.text.splitlines() if first else []):
        if line.startswith("#") or len(lines) == OPENING_LINES:
            break  # the first section's heading: what follows is that section's, not the whole document's
        lines += [line] if line.strip() else []
    return unit_of(" ".join(lines))


_OPENING_NAME = re.compile(r"^((?:[A-Z][a-z’'-]+\s+){1,3})(?=[a-z])")  # 'Dunmore has', 'Port Corvin is'
_MEASURED = frozenset({"number", "money"})


def _opens_with_another(text: str, asked: set[str], names: Callable[[], set[str]], cues: tuple[str, ...]) -> bool:
    """'Dunmore has 52,000 inhabitants' for 'What is the population of Corvin?': a measure whose sentence
    opens with a name of its own, none of the question's, is that name's. A name is a word the passages capitalise
    inside a sentence too (``names()``), not any first word ('Households have paid ...'). Only figures: a person or a
    date opening the sentence may be the value itself ('Jana Holm has been Mayor since 2021')."""
    from assistant.retrieval.support import is_stopword, terms

    opening = _OPENING_NAME.match(text)
    if not asked or not cues or not set(cues) <= _MEASURED or not opening:
        return False
    if is_stopword(opening.group(1).split()[0].lower()):
        return False  # 'The Finance Department advises ...': a body's name after 'The' may be what answers
    own = set(terms(opening.group(1)))
    return not own & asked and not any(t in asked for t in terms(text)) and own <= names()


def _counted_for_another(a: Analysis, stating: list[int], probabilities: np.ndarray, nouns: list[str]) -> bool:
    """The likeliest sentence stating the asked count next to the counted things (``nouns``: ``_counted``) counts
    another of the question's names' ('24 Corvin students' for 'How many Dunmore students ...'): the roles the other
    way round."""
    counting = _counting(a, stating, nouns)
    if not counting:
        return False
    likeliest = max(counting, key=lambda i: probabilities[i])
    return owned_by_another(a.sentences[likeliest].text, a.question, _english_focus(a))


def _english_focus(a: Analysis) -> list[str]:
    return focus_words(a.question) if a.intent.language == "en" else []


def _counted(a: Analysis) -> list[str]:
    """The things a 'how many' question counts, as matching spells them, in the question's order."""
    return [stem(n) for n in counted_nouns(a.question, _english_focus(a))]


def _counting(a: Analysis, stating: list[int], nouns: list[str]) -> list[int]:
    """The sentences of ``stating`` that state the asked count next to one of ``nouns``."""
    return [i for i in stating if nouns and typed_focus(a.sentences[i].text, a.intent.cues, nouns, a.intent.given)]


def chunk_ranks(a: Analysis) -> dict[tuple[str, int], int]:
    """Each analysed chunk's rank by document and ordinal: what ``sentences_before`` reads back through."""
    return {(p.chunk.doc_id, p.chunk.ordinal): rank for rank, p in enumerate(a.passages)}


def sentences_before(a: Analysis, sentence: Sentence, n: int, ranks: dict[tuple[str, int], int]) -> list[Sentence]:
    """The ``n`` sentences before this one in reading order, into the chunk before when that one was read too
    (``ranks``: each analysed chunk's rank by document and ordinal)."""
    out: list[Sentence] = []
    rank: int | None = sentence.rank
    position = sentence.position
    while len(out) < n and rank is not None:
        earlier = sorted((x for x in a.sentences if x.rank == rank and x.position < position), key=lambda x: -x.position)
        out += earlier[: n - len(out)]
        chunk = a.passages[rank].chunk
        rank, position = ranks.get((chunk.doc_id, chunk.ordinal - 1)), 1 << 30
    return out


def _typed_occasion(a: Analysis, own: list[int], probabilities: np.ndarray) -> float:
    """Does a sentence that states the asked kind of value also name the year or the edition asked ('the budget in
    2022' answered by '... budget for 2023 was ...' does not; nor is 'the Sixth Meeting' chaired by who chaired the
    Fifth)? Its document's title, date and heading count ('the 2022 report'). 1.0 when the question names neither."""
    years, editions = asked_years(a.question), editions_of(a.question)
    if not years and not editions:
        return 1.0
    typed = [i for i in sorted(own, key=lambda i: -probabilities[i])[:5] if a.matrix[i, _COL["typed_focus"]] > 0]
    named_years: set[int] = set()
    named_editions: set[int] = set()
    ranks = chunk_ranks(a)
    for i in typed:
        found_years, found_editions = _occasions_named(a, a.sentences[i], ranks)
        named_years |= found_years
        named_editions |= found_editions
    return (len(years_met(a.question, named_years)) + len(editions & named_editions)) / (len(years) + len(editions))


def _occasions_named(a: Analysis, s: Sentence, ranks: dict[tuple[str, int], int]) -> tuple[set[int], set[int]]:
    """The years and editions a sentence reports on: its own, its document's title, date and heading's ('the 2022
    report'), or the one sentence before it names; not a year or an edition it only plans, to a question on what
    happened. A table row whose columns are years reports on those years only."""
    in_years = functools.partial(years_reported, question=a.question)
    in_editions = functools.partial(editions_reported, question=a.question)
    passage = a.passages[s.rank]
    around = f"{passage.meta.title} {(passage.meta.date or '')[:4]} {passage.chunk.heading or ''}"
    before = sentences_before(a, s, 1, ranks)
    years = _year_columns(s.text) or in_years(s.text) | years_of(around) | _told_before(s.text, before, in_years)
    return years, in_editions(s.text) | editions_of(around) | _told_before(s.text, before, in_editions)


def _year_columns(text: str) -> set[int]:
    """The years a table row's columns are headed by ('Indicator: GDP per capita; 2022: 33,700; 2023: 34,800'), when
    two or more are."""
    years = [found for label in table_row(text) if len(found := years_of(label)) == 1]
    return set().union(*years) if len(years) >= 2 else set()


def _told_before(text: str, before: list[Sentence], named: Callable[[str], set[int]]) -> set[int]:
    """The year (or edition) a sentence that names none goes on about: the one the sentence just before it names, if
    it names only one ('The Sixth Forum was held on ...' then 'The Forum brought together 280 participants'). 'In
    2025 we received 142, up from 118 in 2024' then 'We led 27 missions' says neither year; a year named further back
    is as often another subject's."""
    if named(text) or not before:
        return set()
    found = named(before[0].text)
    return found if len(found) == 1 else set()


def after_sources(a: Analysis) -> bool:
    """Does the question ask about a year after every retrieved document was written ('who won the 2022 election'
    over a 1985 Act)? Such a document cannot report it. Years in the documents' titles do not count: they name the
    document ('the 2023-2027 plan'). A document of unknown date may report any year."""
    dated = [p for p in a.passages[: a.retrieved] if p.meta.date]
    if not dated or len(dated) < a.retrieved:
        return False
    named = set().union(*(years_of(p.meta.title) for p in dated))
    latest = max(int(p.meta.date[:4]) for p in dated)
    return any(year > latest for year in asked_years(a.question) - named)
