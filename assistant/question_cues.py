"""What kind of answer a question asks for (a person, a date, a number), in English and Thai.

Word overlap with the question cannot tell "This agreement will go into effect..." from the line that names the
signatories; the question word can. A cue only adds a small bonus to a sentence that already matches the topic.
"""

from __future__ import annotations

import re

_MONTHS = (r"January|February|March|April|May|June|July|August|September|October|November|December|"
           r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec")
# a title next to a capitalised word: 'Mayor Livingstone', 'Neill Mayor', 'Pattanapanchai, Permanent Secretary'
_TITLES = (r"Mayor|Minister|Governor|Chairman|Chairperson|Chair|President|Director|Director-General"
           r"|Permanent Secretary|Secretary|Ambassador|Officer")
_TH_MONTHS = "มกราคม|กุมภาพันธ์|มีนาคม|เมษายน|พฤษภาคม|มิถุนายน|กรกฎาคม|สิงหาคม|กันยายน|ตุลาคม|พฤศจิกายน|ธันวาคม"

# cue -> (question pattern, answer-sentence pattern); a registry, so a new kind of question is one more entry.
CUES: dict[str, tuple[re.Pattern[str], re.Pattern[str]]] = {
    "person": (
        re.compile(r"\b(who|whom|whose)\b|ใคร|ผู้ใด", re.IGNORECASE),
        re.compile(rf"\b(Mr|Mrs|Ms|Dr|H\.E|Hon|Prof)\b\.?\s+[A-Z]|\b({_TITLES})\s+[A-Z][a-z]+"
                   rf"|\b[A-Z][a-z]+,?\s+({_TITLES})\b|\b[A-Z][a-z]+\s+(?:[A-Z]\.\s+)+[A-Z][a-z]+"
                   r"|นาย|นาง|ผู้ว่าราชการ|รัฐมนตรี|ปลัด"),
    ),
    "date": (
        re.compile(r"\b(when|(what|which|on which|on what) (dates?|years?|day)|since)\b|เมื่อไร|เมื่อไหร่|เมื่อใด|วันที่ใด|ปีใด",
                   re.IGNORECASE),
        re.compile(rf"\b(\d{{1,2}}\s+({_MONTHS})|({_MONTHS})\s+(of\s+)?\d{{1,4}}|(19|20)\d\d)\b|พ\.ศ\.|{_TH_MONTHS}"),
    ),
    "number": (
        re.compile(r"\b(how many|how much|(share|percentage|proportion|number) of|what (share|percentage|proportion)"
                   r"|figures?)\b"
                   r"|กี่|เท่าใด|เท่าไร|เท่าไหร่|จำนวน", re.IGNORECASE),
        re.compile(r"\d|%|percent|ร้อยละ|หนึ่ง|สอง|สาม|สี่|ห้า|หก|เจ็ด|แปด|เก้า|สิบ"),
    ),
}
CUE_BONUS = 0.12  # about one rare question word's worth of coverage: it breaks ties, it cannot carry an answer


_OVERVIEW = re.compile(r"\b(brief me|briefing|overview|summari[sz]e|summary|tell me about|describe)\b|สรุป|ภาพรวม",
                       re.IGNORECASE)


def asks_overview(question: str) -> bool:
    """'Brief me on Bangkok's action plan': the answer is what its section says, not the sentences that repeat
    the question's words."""
    return bool(_OVERVIEW.search(question))


def cues_of(question: str) -> list[str]:
    return [name for name, (asks, _) in CUES.items() if asks.search(question)]


def satisfies(cue: str, sentence: str) -> bool:
    return bool(CUES[cue][1].search(sentence))


def cue_bonus(cues: list[str], sentence: str) -> float:
    """The bonus of a sentence that holds the kinds of answer the question asks for."""
    if not cues:
        return 0.0
    found = sum(1 for name in cues if CUES[name][1].search(sentence))
    return CUE_BONUS * found / len(cues)
