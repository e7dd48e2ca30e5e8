"""Sections a list question names: the heading each candidate stands under, and the section that answers.

'What are the objectives of ...?' over a section headed 'Objectives', 'What lessons did the delegation learn?' over
'5. Lessons learned': the section's own items answer, in order, where the likeliest sentences elsewhere only name the
subject more often.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from assistant.answer.context import shape
from assistant.answer.features import Analysis
from assistant.answer.question.intent import ITEMS_MAX, expected_items
from assistant.answer.table_rows import table_row
from assistant.answer.units import Sentence, says_list_follows
from assistant.models import Passage
from assistant.retrieval.support import content_terms, has, is_stopword, stem
from assistant.retrieval.topk_cover import heading_parts

_LABELS = frozenset({"article", "section", "chapter", "part", "annex", "appendix", "clause", "no"})
_LABEL_TERMS = _LABELS | {stem(w) for w in _LABELS}  # as content_terms spells them ('articl')
_HEADING_WORDS = 8
_SENTENCE_CASE_WORDS = 6
_NAMED_PERSON = re.compile(r"(?:Mr|Mrs|Ms|Dr|Prof|H\.E)\.?\s+[A-Z]")


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
    """A short line, one in title case ('Article 2 - Areas of Cooperation') or a few words in sentence case
    ('Priorities for fiscal year 2026') that end no sentence, and no broken line of a title either ('AND THE CITY
    OF', whose last word leads on to the next line), nor a person named with a title ('Ms. Wilma Tarsk, Head of the
    Ferry Office'): that is a list's item, in title case as a heading is."""
    words = s.text.split()
    if _NAMED_PERSON.match(s.text):
        return False
    cased = (len(words) <= _SENTENCE_CASE_WORDS and s.text[:1].isupper()
             and sum(not w.isalpha() for w in words) <= 1)
    return ((s.short or shape(s.text) != "plain" or cased) and len(words) <= _HEADING_WORDS
            and not s.text.rstrip().endswith((".", ";", ":", "?", "!")) and not is_stopword(words[-1].lower()))


def asked_section_first(analysis: Analysis, order: list[int], sections: list[str | None]) -> list[int]:
    """A list question naming a section's heading ('What are the objectives of ...?') is answered by that section's
    items: its likeliest sentence leads, though sentences naming the subject more often score higher elsewhere. So
    does a sentence announcing a list that names what is asked ('... cooperate in the following fields:' for 'What
    are the fields of cooperation?', 'The Committee agreed:' for 'What did the Committee agree?')."""
    asked, focus = set(content_terms(analysis.question)), set(analysis.focus)
    head = analysis.focus[0] if analysis.focus else None
    named = [i for i in order if names_section(sections[i], asked, focus) or (
        head is not None and says_list_follows(analysis.sentences[i].text) and has(analysis.sentences[i].unit, head))]
    if not named or named[0] == order[0]:
        return order
    return [named[0]] + [i for i in order if i != named[0]]


def _doc_of(analysis: Analysis, i: int) -> str:
    return analysis.passages[analysis.sentences[i].rank].chunk.doc_id


def asked_section(analysis: Analysis, order: list[int], sections: list[str | None],
                  keep: Callable[[Sentence], bool]) -> list[Sentence]:
    """A list question naming a section's heading ('What lessons did the delegation learn?' over '5. Lessons
    learned') is answered by that section, read from its start to the next heading, on into the document's next
    chunks where they were read too: its items in order, not the likeliest item and what follows it. Empty when no
    section of two or more statements is named."""
    asked, focus = set(content_terms(analysis.question)), set(analysis.focus)
    head = analysis.focus[0] if analysis.focus else None  # what is asked, not what it is about ('lessons')
    first = next((i for i in order if names_section(sections[i], asked, focus)
                  and head in content_terms(sections[i] or "")), None)
    if first is None or _doc_of(analysis, first) != _doc_of(analysis, order[0]):
        return []  # another document's section of that name ('Safety and Security' in a report on the framework)
    heading, doc = sections[first], _doc_of(analysis, first)
    at: dict[tuple[int, int], int] = {}  # the document's sentences read, once each, by chunk and position
    for n, s in enumerate(analysis.sentences):
        if analysis.passages[s.rank].chunk.doc_id == doc:
            at.setdefault((analysis.passages[s.rank].chunk.ordinal, s.position), n)
    # from where the section begins to the next heading, while the chunks read follow one another: a chunk that a PDF
    # heads with the section before it ('Challenges' over the next section's priorities) is not read on into
    body: list[int] = []
    last = -1
    for (ordinal, _), n in sorted(at.items()):
        if body and (sections[n] != heading or ordinal - last > 1 or heading_line(analysis.sentences[n])):
            break  # the next section's heading line stands under this one
        if sections[n] == heading:
            body.append(n)
            last = ordinal
    first_of = {analysis.sentences[n].text: n for n in reversed(body)}  # overlapping chunks repeat a sentence
    items = [s for n in body if keep(s := analysis.sentences[n]) and first_of[s.text] == n]
    if len(items) < 2 or any(table_row(s.text) for s in items):
        return []  # a table's rows are read by group (``with_items``)
    return items[: expected_items(analysis.question) or ITEMS_MAX]
