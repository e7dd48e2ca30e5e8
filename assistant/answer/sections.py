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
from assistant.retrieval.support import content_terms, has, is_stopword, name_terms, stem
from assistant.retrieval.topk_cover import heading_parts

# A heading's labels, set aside as its numbers are: English ones and a Thai law's ('มาตรา' section, 'หมวด' chapter,
# 'ส่วนที่' part, 'ข้อ' clause, 'ภาคผนวก' annex)
_LABELS = frozenset({"article", "section", "chapter", "part", "annex", "appendix", "clause", "no",
                     "มาตรา", "หมวด", "ส่วนที่", "ข้อ", "ภาคผนวก"})
_LABEL_TERMS = _LABELS | {stem(w) for w in _LABELS}  # as content_terms spells them ('articl')
_HEADING_WORDS = 8
_SENTENCE_CASE_WORDS = 6
_NAMED_PERSON = re.compile(r"(?:Mr|Mrs|Ms|Dr|Prof|H\.E)\.?\s+[A-Z]")
_ACTION = re.compile(r"\b([a-z]{5,})ations?\b", re.IGNORECASE)  # 'Recommendations' is what 'recommend' asks
_AGENT_EE = re.compile(r"\b([a-z]{4,}[^aeiou\W\d_t])ees?\b", re.IGNORECASE)  # not 'committee', 'fee', 'degree'


def names_section(heading: str | None, asked: set[str], focus: set[str]) -> bool:
    """The section's own heading ('Article 2 - Areas of Cooperation', 'Objectives', 'วัตถุประสงค์') is made of the
    question's words, numbering and labels aside, and names what is asked, not only what it is about ('Singapore')."""
    words = heading_terms(heading, asked)
    return bool(words & focus) and words <= asked


def heading_terms(heading: str | None, asked: set[str] = frozenset()) -> set[str]:
    """A heading's words as the question (``asked``) has them: 'Attendees' is who 'attended' (the '-ee' of the one
    who does it: attendee, employee, trainee), 'Recommendations' what was 'recommended' where the question asks so;
    'Areas of Cooperation' stays 'cooperation'. Numbering and labels aside."""
    out: set[str] = set()
    for word in (heading or "").split():
        terms = content_terms(word)
        verb = content_terms(_ACTION.sub(r"\1", _AGENT_EE.sub(r"\1", word)))
        out |= set(verb) if verb and set(verb) <= asked and not set(terms) <= asked else set(terms)
    return {t for t in out if not t.isdigit() and t not in _LABEL_TERMS}


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
    # what is asked, not what it is about: the thing first ('lessons'), or the deed that ends it ('... recommend?')
    last = content_terms(analysis.question)[-1:]
    heads = {analysis.focus[0], *(t for t in last if t in focus)} if analysis.focus else set()
    first = next((i for i in order if names_section(sections[i], asked, focus)
                  and heads & heading_terms(sections[i], asked)), None)
    if first is None or _doc_of(analysis, first) != _doc_of(analysis, order[0]):
        return []  # another document's section of that name ('Safety and Security' in a report on the framework)
    heading, doc = sections[first], _doc_of(analysis, first)
    at: dict[tuple[int, int], int] = {}  # the document's sentences read, once each, by chunk and position
    for n, s in enumerate(analysis.sentences):
        if analysis.passages[s.rank].chunk.doc_id == doc:
            at.setdefault((analysis.passages[s.rank].chunk.ordinal, s.position), n)
    body = _body(analysis, sections, heading, sorted(at.items()), whole=False)
    # a section that is its chunks' own ('1. Attendees') may run on past short lines that head its groups ('City of
    # Tarlow'): read so when the question names one of them
    own = analysis.passages[analysis.sentences[first].rank].chunk.heading
    parts = heading_parts(own)
    if parts and heading_terms(parts[-1], asked) == heading_terms(heading, asked):
        whole = _once(analysis, _body(analysis, sections, heading, sorted(at.items()), whole=True))
        if _named_group(analysis.question, whole) != whole:
            return _kept(analysis.question, whole, keep)
    return _kept(analysis.question, _once(analysis, body), keep)


def _kept(question: str, read: list[Sentence], keep: Callable[[Sentence], bool]) -> list[Sentence]:
    """The section's items as the answer lists them: the asked group's, those ``keep`` allows, at most as many as
    asked; none when fewer than two statements are left or the section is a table."""
    items = [s for s in _named_group(question, read) if keep(s)]
    if len(items) < 2 or any(table_row(s.text) for s in items):
        return []  # a table's rows are read by group (``with_items``)
    return items[: expected_items(question) or ITEMS_MAX]


def _body(analysis: Analysis, sections: list[str | None], heading: str | None,
          at: list[tuple[tuple[int, int], int]], *, whole: bool) -> list[int]:
    """The section from where it begins to the next heading, while the chunks read follow one another: a chunk that a
    PDF heads with the section before it ('Challenges' over the next section's priorities) is not read on into.
    ``whole``: on to the end of the chunks headed as the section's first is, past the heading lines in them."""
    body: list[int] = []
    own = None
    last = -1
    for (ordinal, _), n in at:
        chunk = analysis.passages[analysis.sentences[n].rank].chunk
        within = whole and bool(body) and chunk.heading == own
        if body and (ordinal - last > 1 or (not within and (sections[n] != heading
                                                              or heading_line(analysis.sentences[n])))):
            break  # the next section's heading line stands under this one
        if sections[n] == heading or within:
            own = own if body else chunk.heading
            body.append(n)
            last = ordinal
    return body


def _once(analysis: Analysis, body: list[int]) -> list[Sentence]:
    """The body's sentences, each once: overlapping chunks repeat a sentence."""
    first_of = {analysis.sentences[n].text: n for n in reversed(body)}
    return [s for n in body if first_of[(s := analysis.sentences[n]).text] == n]


def _group_line(text: str) -> bool:
    """'Orsa side:', 'City of Tarlow': a line announcing its items, or a short name in title case, no person's."""
    if _NAMED_PERSON.match(text):
        return False
    return text.rstrip().endswith(":") or (shape(text) == "title" and len(text.split()) <= _SENTENCE_CASE_WORDS
                                           and not text.rstrip().endswith((".", ";")))


def _named_group(question: str, items: list[Sentence]) -> list[Sentence]:
    """A section in groups, each a line naming the group and its items ('Orsa side:', then its people): a question
    naming one of the groups ('Who attended from Orsa?') gets that group's line and items."""
    groups = [n for n, s in enumerate(items) if _group_line(s.text)]
    names = name_terms(question)
    named = [n for n in groups if any(has(items[n].unit, t) for t in names)]
    if len(groups) < 2 or len(named) != 1:
        return items
    end = next((n for n in groups if n > named[0]), len(items))
    return items[named[0]:end]
