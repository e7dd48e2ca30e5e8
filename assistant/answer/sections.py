"""Sections a list question names: the heading each candidate stands under, and the section that answers.

'What are the objectives of ...?' over a section headed 'Objectives', 'What lessons did the delegation learn?' over
'5. Lessons learned': the section's own items answer, in order, where the likeliest sentences elsewhere only name the
subject more often.
"""

from __future__ import annotations

from collections.abc import Callable

from assistant.answer.context import shape
from assistant.answer.features import Analysis
from assistant.answer.question import ITEMS_MAX, expected_items
from assistant.answer.table_rows import table_row
from assistant.answer.units import Sentence, says_list_follows
from assistant.models import Passage
from assistant.retrieval.support import content_terms, has, is_stopword, stem
from assistant.retrieval.topk_cover import heading_parts

_LABELS = frozenset({"article", "section", "chapter", "part", "annex", "appendix", "clause", "no"})
_LABEL_TERMS = _LABELS | {stem(w) for w in _LABELS}  # as content_terms spells them ('articl')
_HEADING_WORDS = 8


def names_section(heading: str | None, asked: set[str], focus: set[str]) -> bool:
    """The section's own heading ('Article 2 - Areas of Cooperation', 'Objectives', 'วัตถุประสงค์') is made of the
    question's words, numbering and labels aside, and names what is asked, not only what it is about ('Singapore')."""
    words = {t for t in content_terms(heading or "") if not t.isdigit() and t not in _LABEL_TERMS}
    return bool(words & focus) and words <= asked


def sections_of(sentences: list[Sentence], passages: list[Passage]) -> list[str | None]:
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
        if heading_line(s):
            current[s.rank] = s.text
    return out


def heading_line(s: Sentence) -> bool:
    """A short line or one in title case that ends no sentence ('Article 2 - Areas of Cooperation'), and no broken
    line of a title either ('AND THE CITY OF', whose last word leads on to the next line)."""
    words = s.text.split()
    return ((s.short or shape(s.text) != "plain") and len(words) <= _HEADING_WORDS
            and not s.text.rstrip().endswith((".", ";", ":", "?", "!")) and not is_stopword(words[-1].lower()))


def asked_section_first(analysis: Analysis, order: list[int]) -> list[int]:
    """A list question naming a section's heading ('What are the objectives of ...?') is answered by that section's
    items: its likeliest sentence leads, though sentences naming the subject more often score higher elsewhere. So
    does a sentence announcing a list that names what is asked ('... cooperate in the following fields:' for 'What
    are the fields of cooperation?', 'The Committee agreed:' for 'What did the Committee agree?')."""
    asked, focus = set(content_terms(analysis.question)), set(analysis.focus)
    sections = sections_of(analysis.sentences, analysis.passages)
    head = analysis.focus[0] if analysis.focus else None
    named = [i for i in order if names_section(sections[i], asked, focus) or (
        head is not None and says_list_follows(analysis.sentences[i].text) and has(analysis.sentences[i].unit, head))]
    if not named or named[0] == order[0]:
        return order
    return [named[0]] + [i for i in order if i != named[0]]


def _doc_of(analysis: Analysis, i: int) -> str:
    return analysis.passages[analysis.sentences[i].rank].chunk.doc_id


def asked_section(analysis: Analysis, order: list[int], keep: Callable[[Sentence], bool]) -> list[Sentence]:
    """A list question naming a section's heading ('What lessons did the delegation learn?' over '5. Lessons
    learned') is answered by that section, read from its start to the next heading, into the document's next chunk
    when that one was read too: its items in order, not the likeliest item and what follows it. Empty when no
    section of two or more statements is named."""
    asked, focus = set(content_terms(analysis.question)), set(analysis.focus)
    sections = sections_of(analysis.sentences, analysis.passages)
    head = analysis.focus[0] if analysis.focus else None  # what is asked, not what it is about ('lessons')
    first = next((i for i in order if names_section(sections[i], asked, focus)
                  and head in content_terms(sections[i] or "")), None)
    if first is None or _doc_of(analysis, first) != _doc_of(analysis, order[0]):
        return []  # another document's section of that name ('Safety and Security' in a report on the framework)
    heading, start = sections[first], analysis.sentences[first]
    chunk = analysis.passages[start.rank].chunk
    ranks = {(p.chunk.doc_id, p.chunk.ordinal): rank for rank, p in enumerate(analysis.passages)}
    rank_order = {start.rank: 0}
    if (nxt := ranks.get((chunk.doc_id, chunk.ordinal + 1))) is not None:
        rank_order[nxt] = 1
    body = sorted((n for n, s in enumerate(analysis.sentences) if s.rank in rank_order and sections[n] == heading),
                  key=lambda n: (rank_order[analysis.sentences[n].rank], analysis.sentences[n].position))
    items = [analysis.sentences[n] for n in body if keep(analysis.sentences[n])]
    if len(items) < 2 or any(table_row(s.text) for s in items):
        return []  # a table's rows are read by group (``with_items``)
    return items[: expected_items(analysis.question) or ITEMS_MAX]
