"""Which year or which edition a text names: 'in 2022', 'พ.ศ. ๒๕๖๕', 'the Sixth Annual Meeting', 'ครั้งที่ ๙'.

A question about one year or one meeting of a series is not answered by a sentence about another; these read both
the question and the candidate sentences (and their documents' titles and dates) the same way.
"""

from __future__ import annotations

import re
from functools import lru_cache

from assistant.text.calendar import common_era
from assistant.text.normalise import thai_digits_to_arabic

_ASKED_YEAR = re.compile(r"(?<![\d–-])(19\d\d|20\d\d|25\d\d)(?![\d–-])")  # not one end of a span ('2023-2027')
# 'by 2027', 'ภายใน 2570': a year a target is set for, which a document written before it can state; 'since 2024',
# 'since the 2024 flood', 'ตั้งแต่ปี 2567': where a span begins, which the sentence reporting on the span need not name
_NO_OCCASION_BEFORE = re.compile(r"(\b(by|until|till|through|since(\s+the)?|(targets?|goals?)(\s+(for|of|in))?)"
                                 r"|ภายใน|เป้าหมาย|ถึง|ตั้งแต่)\s*(ปี\s*|พ\.ศ\.\s*)?$", re.IGNORECASE)
_ORDINALS = ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth", "eleventh",
             "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth", "eighteenth",
             "nineteenth", "twentieth")
# Gatherings held one after another: 'its sixth meeting' names which of a series, as 'the Sixth Meeting' does
_GATHERINGS = ("meeting", "session", "summit", "forum", "conference", "congress", "assembly", "festival", "workshop")
# An edition names which of a series: 'the Sixth Annual Meeting', 'the 35th ASEAN Summit', 'its sixth meeting',
# 'การประชุมครั้งที่ ๙'. Only before a name or a gathering: 'its first phase' counts nothing.
_EDITION = re.compile(rf"\b(?:(\d{{1,3}})(?:st|nd|rd|th)|((?i:{'|'.join(_ORDINALS)})))\s+"
                      rf"(?=[A-Z]|(?:annual\s+|joint\s+)?(?:{'|'.join(_GATHERINGS)})s?\b)|ครั้งที่\s*(\d{{1,3}})\b")


@lru_cache(maxsize=4096)  # read for every candidate sentence, and the question's once per sentence
def editions_of(text: str) -> frozenset[int]:
    """Which of a series a text names, as numbers ('Fifth Annual Meeting' is 5)."""
    out = set()
    for m in _EDITION.finditer(thai_digits_to_arabic(text)):
        digits = m.group(1) or m.group(3)
        out.add(int(digits) if digits else _ORDINALS.index(m.group(2).lower()) + 1)
    return frozenset(out)


def edition_words(text: str) -> set[str]:
    """The ordinals a text names an edition with ('third' of 'the third Joint Committee meeting'), lower case."""
    return {m.group(2).lower() for m in _EDITION.finditer(text) if m.group(2)}


@lru_cache(maxsize=4096)
def years_of(text: str) -> frozenset[int]:
    """Single years a text names, Common Era, in either digits ('พ.ศ. ๒๕๖๕' is 2022)."""
    return frozenset(common_era(int(y)) for y in _ASKED_YEAR.findall(thai_digits_to_arabic(text)))


@lru_cache(maxsize=256)
def asked_years(question: str) -> frozenset[int]:
    """The years a question asks about as a time something happened, not as a target it was set for nor as the start
    of a span it asks about."""
    question = thai_digits_to_arabic(question)
    return frozenset(common_era(int(m.group(1))) for m in _ASKED_YEAR.finditer(question)
                     if not _NO_OCCASION_BEFORE.search(question[: m.start()]))


_SPAN_END = r"(?:[A-Za-z]+\s+)?((?:19|20)\d\d)"  # a year, after its month or not
_FROM_TO = re.compile(rf"\bfrom\s+{_SPAN_END}\s+(?:to|until|till|through)\s+{_SPAN_END}\b", re.IGNORECASE)


@lru_cache(maxsize=256)  # read through ``years_met`` once per sentence stating the asked value
def asked_span(question: str) -> tuple[int, int] | None:
    """The years a question asks over, first and last ('from 2018 to 2025', 'from March 2020 to June 2025'): a
    sentence of any year between answers it, not only one naming either end."""
    found = _FROM_TO.search(question)
    return (int(found.group(1)), int(found.group(2))) if found else None


def years_met(question: str, named: frozenset[int] | set[int]) -> frozenset[int]:
    """The question's asked years that a text naming ``named`` speaks of: those it names, or all of them when it names
    a year of the span asked over."""
    asked, span = asked_years(question), asked_span(question)
    if span and any(span[0] <= year <= span[1] for year in named):
        return asked
    return asked & frozenset(named)


def of_other_edition(text: str, question: str) -> bool:
    """Does the text name another of a series than the question asks about, and not that one ('The Seventh Meeting
    will be held ...' for a question on the Sixth)? Then it is about something else, whatever words it shares."""
    asked = editions_of(question)
    named = editions_of(text) if asked else set()
    return bool(named) and not named & asked


def of_other_year(text: str, question: str, document: str = "") -> bool:
    """Does the text name only other years than the question asks about ('The Office received 35 delegations in
    fiscal year 2022' for a question on 2024)? Then its values are those years'. Not where its ``document`` (title
    and date) names an asked year: 'the 2018 statement' is asked of, and it recalls other years. A text naming no
    year may be about any."""
    asked = asked_years(question)
    named = years_of(text) if asked else set()
    if not named:
        return False
    # two years asked may bound a span ('from 2018 to 2025'): a year between them is not another
    return not any(min(asked) <= year <= max(asked) for year in named | years_of(document))


# 'What was agreed at the Seventh Meeting?' asks what happened; 'The Seventh Meeting will be held in 2026' only
# announces it, as an agreement does its first meeting, and 'a budget request of 60.4 million baht for fiscal year
# 2026, which is under review' only plans that year's budget. English only: the tense is read off English verbs.
_ASKS_WHAT_HAPPENED = re.compile(r"\b(was|were|did|had)\b", re.IGNORECASE)
_ASKING_CLAUSE = re.compile(r"^\s*(?:who|what|which|where|when|how)((?:\s+[a-z]+){1,4})")  # 'How much is allocated'
_PLANNED = re.compile(r"\b(will|shall|(?:is|are)\s+to|to\s+be|plans?\s+to|planned|aims?\s+to|targets?|request(?:s|ed)?|"
                      r"propos(?:ed|al|es)|expected|estimated|under\s+review)\b", re.IGNORECASE)
_ASKS_AHEAD = re.compile(rf"{_PLANNED.pattern}|\b(next|upcoming|scheduled|due|going\s+to)\b", re.IGNORECASE)


@lru_cache(maxsize=256)  # read once per question, not once per sentence that plans a year or an edition
def _asks_what_happened(question: str) -> bool:
    """'What was agreed ...', 'What did ... decide', 'Who chaired ...', 'How much is allocated ...': a past tense or a
    participle, nothing ahead or planned asked."""
    from assistant.text.irregular import base_form

    if _ASKS_AHEAD.search(question):
        return False
    clause = _ASKING_CLAUSE.match(question.lower())
    words = clause.group(1).split() if clause else []
    past = any(w.endswith("ed") or base_form(w) is not None for w in words)
    return past or bool(_ASKS_WHAT_HAPPENED.search(question))


def reported(named: frozenset[int], text: str, question: str) -> frozenset[int]:
    """The years or editions (``named`` by ``text``) that ``text`` reports on, for ``question``: all of them,
    unless the question asks what happened and the text only announces or plans it ('The Fourth Meeting will be
    held in 2027', 'a budget request ... for fiscal year 2026'): what is to come has no outcome to report yet."""
    if named and _PLANNED.search(text) and _asks_what_happened(question):
        return frozenset()
    return named


def editions_reported(text: str, question: str) -> frozenset[int]:
    """The editions ``text`` reports on, for ``question`` (``reported``)."""
    return reported(editions_of(text), text, question)


def years_reported(text: str, question: str) -> frozenset[int]:
    """The years ``text`` reports on, for ``question`` (``reported``)."""
    return reported(years_of(text), text, question)
