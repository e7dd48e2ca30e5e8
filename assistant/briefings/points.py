"""What makes a briefing point: a complete sentence that stands alone, said once, and few enough for one page.

Pure functions over text, so each rule can be tried on the sentences that broke it.
"""

from __future__ import annotations

import re

from assistant.briefings.models import BriefingBullet, BriefingSection
from assistant.text.normalise import detect_language

_LETTER_RUN = re.compile(r"(?:(?<!\S)\S(?!\S)\s+){3,}")  # "ห ท ว ล น": OCR debris of a logo or stamp
_DOT_LEADER = re.compile(r"(?:\s*\.){3,}\s*$")
_MIN_WORDS = 8
_MAX_WORDS = 45  # a longer "sentence" is a run-on of OCR text or a table read as prose
_MIN_THAI_CHARS = 30
_MAX_THAI_CHARS = 260
_THAI_CHARS_PER_WORD = 5
# Words of bullets that fit one A4 page at the export's type size, with the headings and the sources list.
PAGE_WORDS = {"normal": 380, "short": 260}
# A sentence that opens on a word pointing back at an earlier sentence ("It will be completed...") cannot stand alone
# in a bullet: the reader does not have the sentence it points at. Grammar words of the language, not names.
_DANGLING_EN = frozenset({
    "it", "its", "it's", "they", "them", "their", "this", "these", "those", "he", "she", "his", "her", "such",
    "which", "both", "also", "and", "but", "or", "nor", "however", "moreover", "furthermore", "additionally",
    "therefore", "thus", "hence", "then", "there", "here"
})
_DANGLING_TH = ("ซึ่ง", "และ", "หรือ", "โดย", "ทั้งนี้", "ดังกล่าว", "เขา", "มัน", "จึง", "แต่")
_SENTENCE_END = re.compile(r"[.!?][\"'”’)\]]*$")


_STRAY_THAI_BULLET = re.compile(r"(?:(?<=\s)|^)[๐-๙](?=\s+[A-Z])")  # OCR read a "•" as ๑ in English text


def tidy(text: str) -> str:
    if detect_language(text) == "en":
        text = re.sub(r"\s{2,}", " ", _STRAY_THAI_BULLET.sub("", text))
    return _DOT_LEADER.sub(".", text).strip()


def bullet_worthy(text: str) -> bool:
    """A bullet is a complete sentence that names what it is about. Headings ("21 Partnership and Funding."), OCR
    debris, lead-ins that stop at a colon and sentences that lean on the one before read badly as a bullet."""
    text = text.strip()
    if _LETTER_RUN.search(text + " ") or text.endswith((":", ";", ",", "-", "–")):
        return False
    if detect_language(text) == "th":
        return _MIN_THAI_CHARS <= len(text) <= _MAX_THAI_CHARS and not text.startswith(_DANGLING_TH)
    words = text.split()
    first = words[0].strip("\"'“‘(,;:").lower() if words else ""
    return (_MIN_WORDS <= len(words) <= _MAX_WORDS and bool(_SENTENCE_END.search(text)) and first not in _DANGLING_EN
            and not words[0][:1].islower())


def _words(text: str) -> int:
    return len(text) // _THAI_CHARS_PER_WORD if detect_language(text) == "th" else len(text.split())


def without_repeats(sections: list[BriefingSection], summary: list[BriefingBullet], keep: int,
             budget: int) -> list[BriefingSection]:
    """Sections less the points the summary already makes, at most ``keep`` each; then, while the whole is longer
    than one page holds, the longest section loses its last point (down to two); a section left empty goes."""
    said = {" ".join(b.text.lower().split()) for b in summary}
    kept = []
    for section in sections:
        bullets = [b for b in section.bullets if " ".join(b.text.lower().split()) not in said]
        if section.key != "gaps":
            bullets = bullets[:keep]
        if bullets:
            kept.append(section.model_copy(update={"bullets": bullets}))
    total = sum(_words(b.text) for b in summary) + sum(_words(b.text) for s in kept for b in s.bullets)
    while total > budget:
        long = [s for s in kept if s.key != "gaps" and len(s.bullets) > 2]
        if not long:
            break
        section = max(long, key=lambda s: (len(s.bullets), sum(_words(b.text) for b in s.bullets)))
        total -= _words(section.bullets[-1].text)
        section.bullets = section.bullets[:-1]
    return kept
