"""An overview's points ('Brief me on ...', 'สรุป...'): which candidates may be one, and what each adds.

``selection`` picks the points from what these leave, by the fitted ranker; here are only the overview's own
conditions: statements rather than titles or rows, about what the briefing names, and the kinds of value each states.
"""

from __future__ import annotations

from assistant.answer.answerability import chunk_ranks, sentences_before
from assistant.answer.context import shape
from assistant.answer.features import PROSE_WORDS, Analysis
from assistant.answer.question.intent import Intent
from assistant.answer.question.values import values_of
from assistant.answer.table_rows import table_row
from assistant.answer.units import Sentence
from assistant.retrieval.support import has, name_terms
from assistant.text.normalise import detect_language, tokenize

POINTS_MIN = 3  # an overview's fewest points: a condition that leaves fewer is not applied
_REACH = 1  # the sentence before a point may name its subject ('Phuket launched ...', 'The app ...')
_VALUE_KINDS = ("number", "date", "money", "person")


def prose_first(analysis: Analysis, order: list[int]) -> list[int]:
    """An overview's points are statements: sentences of some length that end as sentences do, not a title, a
    caption or a table row ('Annual Report, Fiscal Year 2025', 'Budget by programme (million baht)'), where
    enough of them are at hand."""
    prose = [i for i in order if is_statement(analysis.sentences[i].text)]
    return prose if len(prose) >= POINTS_MIN else order


def is_statement(text: str) -> bool:
    """A sentence of some length that ends as sentences do, and no table row as ingestion writes it ('Day: 4; Date:
    13 June 2024; Host: ...', which ends with a stop too). Thai ends a sentence with a space, not a stop, and writes
    no spaces between words: its words are counted by the word segmenter."""
    if shape(text) != "plain" or table_row(text):
        return False
    if detect_language(text) == "th":
        return len(tokenize(text)) >= PROSE_WORDS
    return len(text.split()) >= PROSE_WORDS and text.rstrip().endswith((".", ";", "!"))


def about_subject(analysis: Analysis, order: list[int]) -> list[int]:
    """An overview's points are about what it asks about: each names (in itself, the sentence before it, its
    section heading or its document's title) every name of the question that some candidates lack ('Phuket' of
    'Phuket's projects across the ASEAN documents'), where enough of them are at hand; else every name but the
    last, and so on."""
    names = name_terms(analysis.question)
    ranks = chunk_ranks(analysis)

    def named(i: int) -> set[str]:
        s = analysis.sentences[i]
        around = [s.context or s.unit, analysis.heads[s.rank],
                  *(b.unit for b in sentences_before(analysis, s, _REACH, ranks))]
        return {n for n in names if any(has(u, n) for u in around)}

    seen = {i: named(i) for i in order}
    telling = [n for n in names if not all(n in got for got in seen.values())]  # a name all share tells nothing
    # where too few candidates name them all, a later name lets go first: a briefing names its subject first and
    # narrows it after ('Phuket's projects across the ASEAN documents')
    while telling:
        about = [i for i in order if all(n in seen[i] for n in telling)]
        if len(about) >= POINTS_MIN:
            return about
        telling.pop()
    return order


def value_kinds(s: Sentence, intent: Intent) -> set[str]:
    """The kinds of value a sentence states: a briefing wants its figures, dates and people."""
    return {kind for kind in _VALUE_KINDS if values_of(kind, s.text, intent.given)}
