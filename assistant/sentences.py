"""Candidate sentences for extractive answers: whole, readable sentences cut from the retrieved passages.

A chunk starts and ends wherever the chunker cut it, so its edges may be fragments; those never reach an answer.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from assistant.models import Passage
from assistant.support import Unit, unit_of

_MIN_TERMS = 4
_MAX_CHARS = 600
_LIST_EN = re.compile(
    r"\b(list|name|enumerate|what are|which are|(two|three|four|five|six|seven|eight|nine|ten|several|main|key|core)"
    r"\s+(\w+\s+)?\w+s\b|\w+(?<!s)s\s+(did|do|does|are|were|have|has))\b",
    re.IGNORECASE,
)
_LIST_TH = re.compile(r"(บ้าง|ประการ|ได้แก่)")
_GARBAGE = re.compile(r"[A-Za-z]{25,}")  # OCR of Thai as Latin letters: one endless "word"


@dataclass
class Sentence:
    text: str
    rank: int  # rank of the passage it came from
    position: int  # order within the passage
    unit: Unit
    cross_lingual: bool
    dense: float = 0.0
    coverage: float = 0.0
    score: float = 0.0
    key: str = field(default="")
    short: bool = False  # too short to answer alone; may still follow a chosen sentence as a list item

    def __post_init__(self) -> None:
        self.key = self.unit.flat

    @property
    def terms(self) -> set[str]:
        return self.unit.tokens


def is_list_question(question: str) -> bool:
    """Questions that ask for several items may get a longer answer."""
    return bool(_LIST_EN.search(question) or _LIST_TH.search(question))


def _clean(text: str) -> str:
    """One line per sentence: hard wraps and bullet glyphs are layout, not content."""
    text = text.replace("\uf0b7", " ").replace("•", " ")
    return re.sub(r"\s+", " ", text).strip()


def _readable(text: str, first: bool, last: bool, language: str) -> bool:
    if len(text) > _MAX_CHARS or _GARBAGE.search(text):
        return False
    if language != "th":
        if first and text[:1].islower():
            return False  # the chunk began mid-sentence
        if last and not re.search(r"[.!?:;)\"'”]$", text) and len(text) > 40 and text[-1:].islower():
            return False  # the chunk ended mid-sentence
    letters = sum(ch.isalpha() for ch in text)
    return letters >= 0.5 * len(text)


def _split(text: str, language: str) -> list[str]:
    from assistant.textnorm import split_sentences

    return [_clean(s) for s in split_sentences(text, language) if _clean(s)]


def candidate_sentences(passages: list[Passage], question_language: str) -> list[Sentence]:
    out: list[Sentence] = []
    for rank, passage in enumerate(passages):
        language = passage.meta.language
        parts = _split(passage.chunk.text, language)
        for position, text in enumerate(parts):
            if not _readable(text, position == 0, position == len(parts) - 1, language):
                continue
            unit = unit_of(text)
            short = len(unit.tokens) < _MIN_TERMS and len(unit.flat) < 20
            if not unit.tokens:
                continue
            out.append(Sentence(text=text, rank=rank, position=position, unit=unit,
                                cross_lingual=language != question_language, short=short))
    return out
