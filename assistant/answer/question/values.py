"""The kinds of value a question asks for and a sentence states, in English and Thai: a person, a date, a number, a
frequency, an amount of money, an office. One registry (``CUES``): a new kind of question is one more entry."""

from __future__ import annotations

import re
from functools import lru_cache

from assistant.answer.signatures import OFFICE_TITLES
from assistant.text.calendar import MONTHS_EN, MONTHS_TH

MONTHS = "|".join([m.capitalize() for m in MONTHS_EN] + [m[:3].capitalize() for m in MONTHS_EN if len(m) > 3]
                  + ["Sept"])
_TH_MONTHS = "|".join(MONTHS_TH)
_CLOCK = r"\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|noon|midnight"

# The party a clause binds, as its subject: 'Each City shall bear the costs' answers who pays, not who signed.
_BOUND_PARTY = (r"^(?:Each|Either|Both|All|The)\s+(?:[A-Z][\w-]*\s+){0,3}[A-Z][\w-]*"
                r"(?=\s+(?:shall|will|must|may|should|(?:is|are) responsible)\b)")
_BOUND = re.compile(_BOUND_PARTY)
_SIGNING_EN, _SIGNING_TH = "sign", "ลงนาม"  # 'signed', 'signatory', 'signature'; 'ผู้ลงนาม'

# cue -> (question pattern, answer-sentence pattern); a registry, so a new kind of question is one more entry.
CUES: dict[str, tuple[re.Pattern[str], re.Pattern[str]]] = {
    "person": (
        re.compile(r"\b(who|whom|whose)\b|ใคร|ผู้ใด", re.IGNORECASE),
        re.compile(rf"\b(Mr|Mrs|Ms|Dr|H\.E|Hon|Prof)\b\.?\s+[A-Z]|\b({OFFICE_TITLES})\s+[A-Z][a-z]+"
                   rf"|\b[A-Z][a-z]+,?\s+({OFFICE_TITLES})\b|\b[A-Z][a-z]+\s+(?:[A-Z]\.\s+)+[A-Z][a-z]+"
                   r"|(?<!มิถุ)นาย|นาง|ดร\.|ผู้ว่าราชการ|รัฐมนตรี|ปลัด|" + _BOUND_PARTY),  # ดร.: Dr
    ),
    "date": (
        # ('since when' asks a date; 'how much since the 2024 flood' does not)
        re.compile(r"\b(when|(what|which|on which|on what) (dates?|years?|day))\b|เมื่อไร|เมื่อไหร่|เมื่อใด|ปีใด"
                   # on which day, year, month: 'วันที่เท่าไร' (the day's number) asks a date, not a count
                   r"|วันที่\s*(ใด|ไหน|เท่าใด|เท่าไร|เท่าไหร่)|(วัน|ปี|เดือน)(ไหน|อะไร)", re.IGNORECASE),
        re.compile(rf"\b(\d{{1,2}}\s+({MONTHS})|({MONTHS})\s+(of\s+)?\d{{1,4}}|(19|20)\d\d)\b|พ\.ศ\.\s*[\d๐-๙]{{4}}|{_TH_MONTHS}"
                   # or a time of day: 'opens at six', '9.30 a.m.', '14:00 hrs', 'เวลา ๙ นาฬิกา'
                   rf"|\b\d{{1,2}}:\d\d\b|\b\d{{1,2}}([.:]\d\d)?\s*[ap]\.?m\b|\bat\s+({_CLOCK})\b|\b({_CLOCK})\s+o.clock\b"
                   r"|นาฬิกา|(?<!ระยะ)เวลา\s*\d"),  # 'ระยะเวลา ๓ ปี' is a length of time
    ),
    "number": (
        re.compile(r"\b(how (many|much|long|big|large|far|old|tall|wide|high|deep)\b"  # 'how big': a size, a number
                   r"|(share|percentage|proportion|number) of|what (share|percentage|proportion)"
                   r"|figures?|rates?|percentages?|populations?|ratio)\b"  # 'the recycling rate' is a number too
                   r"|กี่|(?<!วันที่)(?<!วันที่ )(เท่าใด|เท่าไร|เท่าไหร่)|จำนวน", re.IGNORECASE),
        re.compile(r"\d|%|percent|ร้อยละ|หนึ่ง|สอง|สาม|สี่|ห้า|หก|เจ็ด|แปด|เก้า|สิบ"
                   # 'up to five engineers': a count in words ('one' is as often 'one of the' as a count)
                   r"|\b(?i:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty"
                   r"|fifty|sixty|seventy|eighty|ninety|hundred|thousand)\b"),
    ),
    "frequency": (
        re.compile(r"\bhow (often|frequently)\b|\b(what|which) (frequency|intervals?)\b|บ่อยแค่ไหน|บ่อยเพียงใด|กี่ครั้ง",
                   re.IGNORECASE),
        re.compile(r"\b(once|twice|thrice|(\w+|\d+) times)\s+(a|an|per|each|every)\b|\b(annually|yearly|monthly|weekly"
                   r"|daily|hourly|quarterly|biennially|biannually|fortnightly)\b|\bevery\s+(\w+\s+)?(years?|months?"
                   r"|quarters?|weeks?|fortnights?|days?|hours?|minutes?|terms?|semesters?)\b"
                   r"|\b(each|per)\s+(year|quarter|month|week|day|hour|term|semester)\b"
                   r"|(ปี|เดือน|สัปดาห์|วัน|ไตรมาส)ละ|ทุก\s*([\d๐-๙]+\s*)?\S{0,4}?\s*(ปี|เดือน|สัปดาห์|วัน|ไตรมาส|ชั่วโมง|นาที)",
                   re.IGNORECASE),
    ),
    "money": (
        re.compile(r"\b(costs?|budgets?|money|funding|prices?|spent|spend|invest(ed|ment)?|allocated)\b"
                   r"|(?<![\w-])(pays?|paid|fees?|worth)(?![\w-])"  # not 'a pay-as-you-throw scheme'
                   r"|(งบประมาณ|วงเงิน|ค่าใช้จ่าย|ราคา)\S*\s*(เท่าใด|เท่าไร|เท่าไหร่)", re.IGNORECASE),
        # an amount of money: a currency sign or name, or millions of something
        re.compile(r"[$€£฿¥]|\b(USD|US|SGD|THB|EUR|AUD|JPY|KRW|RM|dollars?|baht|euros?|yen|ringgit)\b"
                   r"|\d\s*(million|billion|mn|bn)\b|บาท|ล้าน"),
    ),
    # 'What is Ms. Roe's position?', 'What post does he hold?': an office held, written beside the name
    "office": (
        re.compile(r"\bwhat\s+(is|was)\s+[^?]*?['’]s?\s+(position|post|job title|designation)\b"
                   r"|\b(what|which)\s+(position|post)\s+(does|did|do|has|had|is|was)\b|ตำแหน่งอะไร|ตำแหน่งใด",
                   re.IGNORECASE),
        re.compile(rf"\b(?:(?:First|Deputy|Vice|Lord|Executive|Acting|Chief)\s+)?(?:{OFFICE_TITLES}|Head|Counsellor"
                   r"|Adviser|Advisor|Manager|Coordinator|Representative|Spokesperson)\b(?:\s+(?:of|for)\b)?"
                   r"|ผู้อำนวยการ|หัวหน้า|ผู้ว่าราชการ|รองผู้ว่าราชการ|ปลัด|นายกเทศมนตรี"),
    ),
}


# 'Who' is answered by a body or a country as often as by a person: 'developed by Huawei and Roland Berger', 'led by
# Malaysia'. Next to the question's focus words, a name in mid-sentence (capitalised after a lower-case word) is one.
# 'When' is answered by a time told from an event as often as by a date, in an agreement or a law: 'ninety days after
# its publication', 'from the date of signature', 'upon signature'.
_BODIES = {"person": re.compile(r"(?<=[a-z0-9,;)] )[A-Z][a-z]+(?:[ -](?:(?:of|for|and|&|de) )?[A-Z][\w.’'-]*)*"),
           "date": re.compile(r"\b(?:on|from|upon|after|following)\s+(?:the\s+)?(?:date|day)\s+(?:of|on|after)\b"
                              r"|\b\w+\s+(?:days?|weeks?|months?|years?)\s+(?:after|from|following)\b"
                              r"|\bupon\s+(?:its\s+)?(?:signature|signing|publication|adoption|approval)\b",
                              re.IGNORECASE)}

# A number after a label names which one, not how many: a place in the text ('Article 3', 'Annex 2', 'มาตรา ๑๑๙'),
# a row ('No.: 2', 'Day: 4', 'ลำดับ: ๒') or one of a series ('Phase 2', 'ครั้งที่ 5', 'the 5th'). A question's item
# count (``intent.expected_items``) and a sentence's counts read past it alike.
WHICH_ONE = re.compile(r"(?:ครั้งที่|ฉบับที่|ข้อที่|ข้อ|มาตรา|หมวด|ส่วนที่|ลำดับที่|ลำดับ)\s*:?\s*\d+"
                       r"|\b(?i:no|nr|articles?|sections?|chapters?|clauses?|paragraphs?|parts?|annex(?:es)?|appendix"
                       r"|appendices|tables?|phases?|stages?|steps?|rounds?|items?|rows?|days?)\b\.?\s*:?\s*\d+"
                       r"|\d+(?:st|nd|rd|th)\b")
# A year, a date's day or a list's mark ('(๒)') is a number too, but not a count either: 'the 3rd batch ... from 22
# to 25 May 2025' does not say how many took part.
_NOT_A_COUNT = re.compile(r"(?<!\d)(?<!\d[,.])(1[89]\d\d|20\d\d|25\d\d)(?!\d|[,.]\d|%)"
                          rf"|\b\d{{1,2}}(\s*(-|–|to|and)\s*\d{{1,2}})?\s+({MONTHS})\b|\b({MONTHS})\s+\d{{1,2}}\b"
                          rf"|\d{{1,2}}\s*({_TH_MONTHS})|\(\d{{1,2}}\)|{WHICH_ONE.pattern}")


def values_of(cue: str, sentence: str, given: frozenset[str] = frozenset(), *, loose: bool = False) -> list[int]:
    """Where the sentence states a value of the asked kind (character offsets); ``loose`` also counts a body or a
    country for 'who'. A value made only of the question's own words (``given``, lower case) is what the question
    is about, not its answer: 'Houston' for 'who signed the Houston agreement'."""
    patterns = [CUES[cue][1]] + ([_BODIES[cue]] if loose and cue in _BODIES else [])
    signing = cue == "person" and names_signing(given)
    found = sorted(m.start() for pattern in patterns for m in pattern.finditer(sentence)
                   if (not given or not _restates(m.group(0), given))
                   and not (signing and _BOUND.match(sentence[m.start():])))
    if cue != "number" or not found:
        return found
    skip = [m.span() for m in _NOT_A_COUNT.finditer(sentence)]
    return [v for v in found if not any(a <= v < b for a, b in skip)]


_WORD = re.compile(r"\w+")
_THAI = re.compile(r"[\u0e00-\u0e7f]")


def _restates(value: str, given: frozenset[str]) -> bool:
    """Every word of the value is one of the question's; a Thai word may sit inside a longer one, as the segmenter
    cuts a phrase one way in the question and another in the sentence ('ผู้ว่าราชการ' in 'ผู้ว่าราชการจังหวัด')."""
    return all(w in given or (_THAI.search(w) is not None and any(w in g for g in given)) for w in words_of(value))


@lru_cache(maxsize=4096)
def words_of(text: str) -> frozenset[str]:
    """Lower-case words; Thai, written without spaces, cut by the Thai word segmenter ('ผู้ว่าราชการ' is one word,
    where a regex sees 'ผ', 'ว' and 'าราชการ')."""
    if not _THAI.search(text):
        return frozenset(_WORD.findall(text.lower()))
    from assistant.text.normalise import tokenize

    return frozenset(w for t in tokenize(text.lower()) for w in ([t] if _THAI.search(t) else _WORD.findall(t)))


def names_signing(given: frozenset[str]) -> bool:
    # Thai writes the verb inside its compounds: 'ผู้ลงนาม' (the signatory)
    return any(w.startswith(_SIGNING_EN) or _SIGNING_TH in w for w in given)


def satisfies(cue: str, sentence: str, given: frozenset[str] = frozenset()) -> bool:
    return bool(values_of(cue, sentence, given))
