"""What a question asks for, in English and Thai: the kinds of value it asks for (``values``: a person, a date, a
number), the words naming what is asked (its focus), how many parts it has, and the answer's shape (fact, list,
overview).

Word overlap with the question cannot tell "This agreement will go into effect..." from the line that names the
signatories; the question word can.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from assistant.answer.question.occasions import asked_years, edition_words
from assistant.answer.question.parts import ASKING_EN, ASKING_TH, COUNTING_TH, asking_at, compared, questions_in
from assistant.answer.question.values import CUES, WHICH_ONE, names_signing, values_of, words_of
from assistant.retrieval.support import content_term

_OVERVIEW = re.compile(r"\b(brief me|briefing|overview|summari[sz]e|summary|tell me about|describe)\b|สรุป|ภาพรวม",
                       re.IGNORECASE)


_OVERVIEW_WORDS = ("brief", "briefing", "overview", "summarise", "summarize", "summary", "describe", "สรุป", "ภาพรวม")


@lru_cache(maxsize=1)
def overview_terms() -> frozenset[str]:
    """The words that ask for an overview, stemmed as matching has them: they ask, they name nothing."""
    from assistant.retrieval.support import stem

    return frozenset(stem(w) for w in _OVERVIEW_WORDS)


def asks_overview(question: str) -> bool:
    """'Brief me on Bangkok's action plan': the answer is what its section says, not the sentences that repeat
    the question's words."""
    return bool(_OVERVIEW.search(question))


# 'what share of its budget', 'what percentage of the cost': a part of an amount is a ratio, not an amount
_SHARE = re.compile(r"\b(share|percentage|proportion|per ?cent)\s+of\b|สัดส่วน|ร้อยละ", re.IGNORECASE)


def asks_share(question: str) -> bool:
    """'What share of its budget ...', 'what percentage of ...': the answer is a percentage."""
    return _SHARE.search(question) is not None


def cues_of(question: str) -> list[str]:
    """The kinds of value asked for. An amount of money is a number, so 'how much money' asks for money alone: a bare
    number next to the focus answers 'how many', not 'how much money'. A word for money beside another asking word
    is what the question is about, not what it asks: 'who pays the costs', 'when was the budget approved', 'what share
    of the budget' (a ratio)."""
    cues = [name for name, (asks, _) in CUES.items() if asks.search(question)]
    if "money" in cues and ({"person", "date", "frequency"} & set(cues) or asks_share(question)):
        return [c for c in cues if c != "money"]
    return [c for c in cues if c != "number"] if "money" in cues else cues


def asks_who_signed(intent: Intent) -> bool:
    """'Who signed the agreement?', 'ใครลงนาม': a person asked, next to a word of signing."""
    return "person" in intent.cues and names_signing(intent.given)


def question_words(question: str) -> frozenset[str]:
    """The question's own words, lower case: a value spelled only with these restates the question."""
    return words_of(question)


_COUNT_WORDS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
                "สอง": 2, "สาม": 3, "สี่": 4, "ห้า": 5, "หก": 6}
ITEMS_MAX = 8  # the most items a list answer lists when the question does not say how many


def expected_items(question: str) -> int | None:
    """'Which three objectives ...', 'its 2 divisions': the question says how many items it wants ('the 5th
    meeting', 'ครั้งที่ 5' name which one, not how many)."""
    for word in re.findall(r"\w+", WHICH_ONE.sub(" ", question.lower())):
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
    from assistant.answer.question.listing import is_list_question
    from assistant.text.normalise import detect_language

    return Intent(language=detect_language(question), cues=tuple(cues_of(question)),
                  listing=is_list_question(question), overview=asks_overview(question),
                  items=expected_items(question), parts=max(1, len(_asking_words(question)),
                                                            len(asked_years(question)), questions_in(question),
                                                            compared(question)),
                  given=question_words(question))


_AUXILIARIES = frozenset(["is", "are", "was", "were", "be", "been", "do", "does", "did", "has", "have", "had", "will", "would", "can", "could", "should", "must", "many", "much", "often", "long"])
_HAVE_TH = frozenset(["มี", "ได้รับ"])  # have, receive: in a count, what follows them is what is counted
# between, of, in, with, that, to, for, from, under: what follows names whose
_LINKS_TH = frozenset(["ระหว่าง", "ของ", "ใน", "กับ", "ที่", "แก่", "สำหรับ", "จาก", "ตาม"])
_CLAUSE_END = frozenset(",;?")
_OFFICE_WORDS = frozenset(["position", "post", "job", "title", "designation"])
# Verbs that only say something happens or goes on ('when does the forum take place', 'how long will it last'):
# documents say when or how long without them ('24-25 February 2026', 'in force for five years').
_EVENT_WORDS = frozenset(["happen", "happens", "happened", "occur", "occurs", "occurred", "last", "lasts", "lasted"])
_MEASURES = frozenset(["long", "big", "large", "far", "old", "tall", "wide", "high", "deep"])  # after 'how'
_TAKE = frozenset(["take", "takes", "took", "taken", "taking"])  # before 'place' only: 'took courses' says what
_FOCUS_EN, _FOCUS_TH = 4, 2
# Words that only say a year is a fiscal or calendar one ('in fiscal year 2024', 'งบประมาณปี ๒๕๗๐'): they name the
# occasion, which the year check judges, not what is asked. Only beside a year; 'how many years' asks for years.
_YEAR_WORDS = frozenset({"fiscal", "financial", "calendar", "year", "fy", "ปี", "ปีงบประมาณ", "พ.ศ.", "ค.ศ.", "พ.ศ", "ค.ศ"})
_YEAR_NUMBER = re.compile(r"^(?:fy)?(?:19|20|25)\d\d$|^[๒][๕][๐-๙][๐-๙]$", re.IGNORECASE)
_EN_WORD = re.compile(r"[A-Za-z][A-Za-z’'-]*|\d[\w,.]*|[,;?]")
_POSSESSIVE = re.compile(r"['’]s?$")


def _asking_words(question: str) -> list[str]:
    """Each asking word ('who', 'when', 'กี่') opens one part of the question."""
    from assistant.text.normalise import tokenize

    english = [w.lower() for w in _EN_WORD.findall(question) if w.lower() in ASKING_EN]
    tokens = tokenize(question)
    return english + [t for n, t in enumerate(tokens) if t in ASKING_TH and asking_at(tokens, n)]


@lru_cache(maxsize=1)
def asking_terms() -> frozenset[str]:
    """The asking words and their helpers ('how', 'often', 'long', 'many'), stemmed as matching has them: they ask,
    they name nothing the question is about."""
    from assistant.retrieval.support import stem

    return frozenset(stem(w) for w in ASKING_EN | _AUXILIARIES)


def focus_terms(question: str) -> list[str]:
    """``focus_words``, spelled as matching compares them (stemmed)."""
    from assistant.retrieval.support import stem

    return list(dict.fromkeys(stem(t) for t in focus_words(question)))


_THAI_BEFORE_NAME = re.compile(r"([\u0e00-\u0e7f]+)\s*(?=[A-Z])")


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
    editions = edition_words(question)  # which of a series ('the third meeting') is judged as a year is, not matched
    for n, word in enumerate(words):
        if word.lower() not in ASKING_EN or _asks_a_measure_of(words, n):
            continue
        clause: list[str] = []
        for m, later in enumerate(words[n + 1:], start=n + 1):
            if later in _CLAUSE_END or later.lower() in ASKING_EN:
                break
            lower = later.lower()
            if (later[:1].isupper() or later[:1].isdigit() or lower in _AUXILIARIES or is_stopword(lower)
                    or m in dating or lower in editions or lower in _EVENT_WORDS or words[m - 1].lower() == "how"
                    or _takes_place(words, m)):
                continue  # 'how big', 'how far': the asking word's own; 'take place', 'last': only that it happens
            clause.append(lower)
        focus += clause[:_FOCUS_EN]
    tokens = [t for t in tokenize(question) if t.strip() and any(ch.isalnum() for ch in t)]
    dating = _dating(tokens)
    # a Thai word written before a Latin name names its kind ('การประชุม Tarlow Forum', the meeting Tarlow Forum):
    # part of the name, as a capitalised English word is, not what is asked
    kinds = {cut[-1] for run in _THAI_BEFORE_NAME.findall(question) if (cut := tokenize(run))}
    for n, token in enumerate(tokens):
        if token in ASKING_TH:
            start, end = _thai_object(tokens[:n], counting=token in COUNTING_TH)
            before = [t for m, t in enumerate(tokens[:n]) if start <= m < end and t not in kinds
                      and not t.isascii() and not is_stopword(t) and t not in ASKING_TH and m not in dating]
            focus += before[-_FOCUS_TH:]
    return list(dict.fromkeys(focus))


def _thai_object(tokens: list[str], *, counting: bool) -> tuple[int, int]:
    """Where, in the words before a Thai asking word, what is asked stands. Counted after a verb of having ('X มี
    *ประชากร*กี่คน', how many people does X have): the words before the verb name whose, not what. When the asking
    word follows the verb at once ('*สาขาความร่วมมือ*ระหว่าง A กับ B มีอะไรบ้าง', which fields of cooperation do A
    and B have), what is asked opens the question, and from a linking word on ('ระหว่าง', between) the words name
    whose. Other asking words keep the words before them ('... ได้หรือไม่ มีเงื่อนไขอย่างไร': the verb may open a
    second question, and the first one's words are what it is about)."""
    verbs = [m for m, t in enumerate(tokens) if t in _HAVE_TH]
    if not verbs:
        return 0, len(tokens)
    if any(t.strip() and not t.isascii() and t not in ASKING_TH for t in tokens[verbs[-1] + 1:]):
        return (verbs[-1] + 1 if counting else 0), len(tokens)
    links = [m for m, t in enumerate(tokens[: verbs[-1]]) if m and t in _LINKS_TH]
    return 0, links[0] if links else verbs[-1]


def _asks_a_measure_of(words: list[str], n: int) -> bool:
    """'How long will the memorandum last?', 'how big is Orvane?': a measure of what follows the helper verb, which
    is what the question is about, not what it asks; the measure is the asking word's own ('how long')."""
    nxt = [w.lower() for w in words[n + 1: n + 3]]
    return words[n].lower() == "how" and len(nxt) == 2 and nxt[0] in _MEASURES and nxt[1] in _AUXILIARIES


def _takes_place(words: list[str], n: int) -> bool:
    """Is the word at ``n`` one of 'take place' ('when does the forum take place')?"""
    here, after = words[n].lower(), words[n + 1].lower() if n + 1 < len(words) else ""
    return (here in _TAKE and after == "place") or (here == "place" and n > 0 and words[n - 1].lower() in _TAKE)


def weighed_terms(question: str) -> list[str]:
    """The question's content terms, less the words that only date a year ('fiscal year' of 'in fiscal year 2025',
    'FY2025'): the year itself is the occasion's word, and three words for one would outweigh what is asked about.
    Nor the words that ask for an overview ('summarise', 'สรุป'), as 'brief me' is not: they name nothing, and a
    document in the other language never holds them."""
    from assistant.text.normalise import tokenize

    tokens = [t for t in tokenize(question) if t.strip()]
    dating = _dating(tokens)
    terms = [content_term(token) for token in tokens]
    asking = overview_terms() if asks_overview(question) else frozenset()
    # a word asked elsewhere stays
    kept = {t for n, t in enumerate(terms) if n not in dating and t is not None and t not in asking}
    return list(dict.fromkeys(t for t in terms if t in kept))


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
