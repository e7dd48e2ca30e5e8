"""What a question asks for, in English and Thai: the kind of value (a person, a date, a number), the words naming
what is asked (its focus), how many parts it has, and the answer's shape (fact, list, overview).

Word overlap with the question cannot tell "This agreement will go into effect..." from the line that names the
signatories; the question word can.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from assistant.answer.occasions import asked_years
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
_SIGNING = ("sign", "ลงนาม")  # 'signed', 'signatory', 'signature'

# cue -> (question pattern, answer-sentence pattern); a registry, so a new kind of question is one more entry.
CUES: dict[str, tuple[re.Pattern[str], re.Pattern[str]]] = {
    "person": (
        re.compile(r"\b(who|whom|whose)\b|ใคร|ผู้ใด", re.IGNORECASE),
        re.compile(rf"\b(Mr|Mrs|Ms|Dr|H\.E|Hon|Prof)\b\.?\s+[A-Z]|\b({OFFICE_TITLES})\s+[A-Z][a-z]+"
                   rf"|\b[A-Z][a-z]+,?\s+({OFFICE_TITLES})\b|\b[A-Z][a-z]+\s+(?:[A-Z]\.\s+)+[A-Z][a-z]+"
                   r"|นาย|นาง|ผู้ว่าราชการ|รัฐมนตรี|ปลัด|" + _BOUND_PARTY),
    ),
    "date": (
        re.compile(r"\b(when|(what|which|on which|on what) (dates?|years?|day)|since)\b|เมื่อไร|เมื่อไหร่|เมื่อใด|วันที่ใด|ปีใด",
                   re.IGNORECASE),
        re.compile(rf"\b(\d{{1,2}}\s+({MONTHS})|({MONTHS})\s+(of\s+)?\d{{1,4}}|(19|20)\d\d)\b|พ\.ศ\.\s*[\d๐-๙]{{4}}|{_TH_MONTHS}"
                   # or a time of day: 'opens at six', '9.30 a.m.', '14:00 hrs', 'เวลา ๙ นาฬิกา'
                   rf"|\b\d{{1,2}}:\d\d\b|\b\d{{1,2}}([.:]\d\d)?\s*[ap]\.?m\b|\bat\s+({_CLOCK})\b|\b({_CLOCK})\s+o.clock\b"
                   r"|นาฬิกา|(?<!ระยะ)เวลา\s*\d"),  # 'ระยะเวลา ๓ ปี' is a length of time
    ),
    "number": (
        re.compile(r"\b(how many|how much|(share|percentage|proportion|number) of|what (share|percentage|proportion)"
                   r"|figures?|rates?|percentages?|population|ratio)\b"  # 'the recycling rate' is a number too
                   r"|กี่|เท่าใด|เท่าไร|เท่าไหร่|จำนวน", re.IGNORECASE),
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

_OVERVIEW = re.compile(r"\b(brief me|briefing|overview|summari[sz]e|summary|tell me about|describe)\b|สรุป|ภาพรวม",
                       re.IGNORECASE)


def asks_overview(question: str) -> bool:
    """'Brief me on Bangkok's action plan': the answer is what its section says, not the sentences that repeat
    the question's words."""
    return bool(_OVERVIEW.search(question))


def cues_of(question: str) -> list[str]:
    """The kinds of value asked for. An amount of money is a number, so 'how much money' asks for money alone: a bare
    number next to the focus answers 'how many', not 'how much money'. A word for money beside another asking word
    is what the question is about, not what it asks: 'who pays the costs', 'when was the budget approved'."""
    cues = [name for name, (asks, _) in CUES.items() if asks.search(question)]
    if "money" in cues and {"person", "date", "frequency"} & set(cues):
        return [c for c in cues if c != "money"]
    return [c for c in cues if c != "number"] if "money" in cues else cues


# A year, an ordinal, a date's day or a section number is a number, but not a count: 'the 3rd batch ... from 22 to
# 25 May 2025' does not say how many took part.
_NOT_A_COUNT = re.compile(r"(?<!\d)(?<!\d[,.])(1[89]\d\d|20\d\d|25\d\d)(?!\d|[,.]\d|%)|\d+(st|nd|rd|th)\b"
                          rf"|\b\d{{1,2}}(\s*(-|–|to|and)\s*\d{{1,2}})?\s+({MONTHS})\b|\b({MONTHS})\s+\d{{1,2}}\b"
                          rf"|\d{{1,2}}\s*({_TH_MONTHS})"
                          # a section or list number names a place in the text, not an amount: 'มาตรา ๑๑๙', '(๒)'
                          r"|\b(?i:sections?|articles?|clauses?|chapters?|paragraphs?)\s+\d+|มาตรา\s*\d+|\(\d{1,2}\)")


def values_of(cue: str, sentence: str, given: frozenset[str] = frozenset(), *, loose: bool = False) -> list[int]:
    """Where the sentence states a value of the asked kind (character offsets); ``loose`` also counts a body or a
    country for 'who'. A value made only of the question's own words (``given``, lower case) is what the question
    is about, not its answer: 'Houston' for 'who signed the Houston agreement'."""
    patterns = [CUES[cue][1]] + ([_BODIES[cue]] if loose and cue in _BODIES else [])
    signing = cue == "person" and _names_signing(given)
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


def _names_signing(given: frozenset[str]) -> bool:
    return any(w.startswith(_SIGNING) for w in given)


def asks_who_signed(intent: Intent) -> bool:
    """'Who signed the agreement?', 'ใครลงนาม': a person asked, next to a word of signing."""
    return "person" in intent.cues and _names_signing(intent.given)


def satisfies(cue: str, sentence: str, given: frozenset[str] = frozenset()) -> bool:
    return bool(values_of(cue, sentence, given))


def question_words(question: str) -> frozenset[str]:
    """The question's own words, lower case: a value spelled only with these restates the question."""
    return words_of(question)


_COUNT_WORDS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
                "สอง": 2, "สาม": 3, "สี่": 4, "ห้า": 5, "หก": 6}
ITEMS_MAX = 8  # the most items a list answer lists when the question does not say how many


_ORDINAL_NUMBER = re.compile(r"(ครั้งที่|ฉบับที่|ข้อ|มาตรา|no\.?)\s*\d+|\d+(st|nd|rd|th)\b")


def expected_items(question: str) -> int | None:
    """'Which three objectives ...', 'its 2 divisions': the question says how many items it wants ('the 5th
    meeting', 'ครั้งที่ 5' name which one, not how many)."""
    for word in re.findall(r"\w+", _ORDINAL_NUMBER.sub(" ", question.lower())):
        if word in _COUNT_WORDS:
            return _COUNT_WORDS[word]
        if word.isdecimal() and 2 <= int(word) <= ITEMS_MAX:  # not isdigit: "¹" is a digit int() refuses
            return int(word)
    return None


@dataclass(frozen=True)
class Intent:
    """What the question asks for, read once: every later step (features, selection, shaping) uses this."""

    language: str
    cues: tuple[str, ...]
    listing: bool
    overview: bool
    items: int | None
    parts: int = 1  # 'Who signed it, when, and when did it take effect?' asks three things; 'in 2022 and 2024', two
    given: frozenset[str] = frozenset()  # the question's own words: a value spelled with these only is no answer

    @property
    def kind(self) -> str:
        """'overview', 'list' or 'fact': the shape of the answer."""
        return "overview" if self.overview else "list" if self.listing else "fact"


def intent_of(question: str) -> Intent:
    from assistant.answer.units import is_list_question
    from assistant.text.normalise import detect_language

    return Intent(language=detect_language(question), cues=tuple(cues_of(question)),
                  listing=is_list_question(question), overview=asks_overview(question),
                  items=expected_items(question), parts=max(1, len(_asking_words(question)),
                                                            len(asked_years(question)), _questions_in(question)),
                  given=question_words(question))


_WH_EN = frozenset(["what", "which", "who", "whom", "whose", "when", "where", "how", "why", "give", "name", "list", "describe"])
_AUXILIARIES = frozenset(["is", "are", "was", "were", "be", "been", "do", "does", "did", "has", "have", "had", "will", "would", "can", "could", "should", "must", "many", "much", "often", "long"])
_WH_TH = frozenset(["กี่", "อะไร", "ใคร", "เท่าใด", "เท่าไร", "เท่าไหร่", "ไหน", "อย่างไร", "เมื่อใด", "เมื่อไร", "ใด", "บ้าง"])
_CLAUSE_END = frozenset(",;?")
_OFFICE_WORDS = frozenset(["position", "post", "job", "title", "designation"])
_FOCUS_EN, _FOCUS_TH = 4, 2
# Words that only say a year is a fiscal or calendar one ('in fiscal year 2024', 'งบประมาณปี ๒๕๗๐'): they name the
# occasion, which the year check judges, not what is asked. Only beside a year; 'how many years' asks for years.
_YEAR_WORDS = frozenset({"fiscal", "financial", "calendar", "year", "fy", "ปี", "ปีงบประมาณ", "พ.ศ.", "ค.ศ.", "พ.ศ", "ค.ศ"})
_YEAR_NUMBER = re.compile(r"^(?:fy)?(?:19|20|25)\d\d$|^[๒][๕][๐-๙][๐-๙]$", re.IGNORECASE)
_EN_WORD = re.compile(r"[A-Za-z][A-Za-z’'-]*|\d[\w,.]*|[,;?]")
_POSSESSIVE = re.compile(r"['’]s?$")


def _questions_in(text: str) -> int:
    """Questions asked one after the other ('Do they set a term? If not, how is one ended?') are parts each."""
    return len([q for q in re.split(r"[?？]", text) if re.search(r"\w", q)])


def _asking_words(question: str) -> list[str]:
    """Each asking word ('who', 'when', 'กี่') opens one part of the question."""
    from assistant.text.normalise import tokenize

    english = [w.lower() for w in _EN_WORD.findall(question) if w.lower() in _WH_EN]
    return english + [t for t in tokenize(question) if t in _WH_TH]


@lru_cache(maxsize=1)
def asking_terms() -> frozenset[str]:
    """The asking words and their helpers ('how', 'often', 'long', 'many'), stemmed as matching has them: they ask,
    they name nothing the question is about."""
    from assistant.retrieval.support import stem

    return frozenset(stem(w) for w in _WH_EN | _AUXILIARIES)


def focus_terms(question: str) -> list[str]:
    """``focus_words``, spelled as matching compares them (stemmed)."""
    from assistant.retrieval.support import stem

    return list(dict.fromkeys(stem(t) for t in focus_words(question)))


def focus_words(question: str) -> list[str]:
    """The words naming what is asked, without the names it is asked about: in English the common words of the clause
    after the asking word ('how many *delegates attended* the ASCN Annual Meeting'), in Thai the words before it
    ('มี*บุคลากร*ทั้งหมดกี่คน'). A passage that names the meeting but not its delegates does not answer."""
    from assistant.retrieval.support import is_stopword
    from assistant.text.normalise import tokenize

    focus: list[str] = []
    words = [_POSSESSIVE.sub("", w) for w in _EN_WORD.findall(question)]
    if CUES["office"][0].search(question):  # 'position' asks for an office, as 'when' asks for a date
        words = [w for w in words if w.lower() not in _OFFICE_WORDS]
    dating = _dating(words)
    for n, word in enumerate(words):
        if word.lower() not in _WH_EN:
            continue
        clause: list[str] = []
        for m, later in enumerate(words[n + 1:], start=n + 1):
            if later in _CLAUSE_END or later.lower() in _WH_EN:
                break
            lower = later.lower()
            if later[:1].isupper() or later[:1].isdigit() or lower in _AUXILIARIES or is_stopword(lower) or m in dating:
                continue
            clause.append(lower)
        focus += clause[:_FOCUS_EN]
    tokens = [t for t in tokenize(question) if t.strip() and any(ch.isalnum() for ch in t)]
    dating = _dating(tokens)
    for n, token in enumerate(tokens):
        if token in _WH_TH:
            before = [t for m, t in enumerate(tokens[:n])
                      if not t.isascii() and not is_stopword(t) and t not in _WH_TH and m not in dating]
            focus += before[-_FOCUS_TH:]
    return list(dict.fromkeys(focus))


def _dating(words: list[str]) -> set[int]:
    """Positions of the words that date a year ('fiscal year' before '2024', 'ปี' before '๒๕๗๐')."""
    out: set[int] = set()
    for n, word in enumerate(words):
        if not _YEAR_NUMBER.match(word.strip()):
            continue
        for step in (-1, 1):
            m = n + step
            while 0 <= m < len(words) and words[m].strip().lower() in _YEAR_WORDS | {""}:
                out.add(m)
                m += step
    return out


_NEAR_CHARS = 60  # 'attended by 300 delegates', 'วาระละสี่ปี': the value stands close to what it measures


_SENTENCE_WORD = re.compile(r"[A-Za-z][A-Za-z’'-]*")


# An agreement's closing formula says it was signed without the word of the question: 'Done at X on 14 March 2022'.
# In Thai: 'ทำขึ้น ณ X เมื่อวันที่ ...' ('made at X on ...').
_SIGNING_FORMULA = re.compile(r"\b(?:done|signed|adopted|concluded|executed)\s+(?:at|in)\s+[A-Z]|(?:ทำขึ้น|ลงนาม|ทำ)\s*ณ\s*\S",
                              re.IGNORECASE)
_SIGNING_FOCUS = ("sign", "adopt", "conclud", "execut", "ลงนาม")  # stems: 'signed', 'adopted', 'concluded', ...


def _spots(sentence: str, focus: list[str]) -> list[int]:
    """Where the sentence names a focus word: Thai inside the text; English as a word whose stem is the focus
    term's or one begins the other ('urbanise' for 'urbanisation'), as matching compares them; for 'signed' or
    'adopted', also a signing formula."""
    from assistant.retrieval.support import PREFIX_MIN, stem

    lower = sentence.lower()
    spots = [m.start() for word in focus if not word.isascii() for m in re.finditer(re.escape(word), lower)]
    if any(word in _SIGNING_FOCUS for word in focus):
        spots += [m.start() for m in _SIGNING_FORMULA.finditer(sentence)]
    latin = [word for word in focus if word.isascii()]
    for m in _SENTENCE_WORD.finditer(lower) if latin else ():
        token = stem(m.group(0).strip("’'-"))
        if any(token == word or (min(len(token), len(word)) >= PREFIX_MIN
                                 and (token.startswith(word) or word.startswith(token))) for word in latin):
            spots.append(m.start())
    return spots


def typed_focus(sentence: str, cues: tuple[str, ...], focus: list[str], given: frozenset[str] = frozenset()) -> float:
    """Share of the asked kinds of value that the sentence states next to a focus word: '300 delegates' answers
    'how many delegates', while a sentence naming delegates and some other number does not."""
    if not cues or not focus:
        return 1.0
    spots = _spots(sentence, focus)
    if not spots:
        return 0.0
    found = 0
    for cue in cues:
        values = values_of(cue, sentence, given, loose=True)
        found += any(abs(v - s) <= _NEAR_CHARS for v in values for s in spots)
    return found / len(cues)
