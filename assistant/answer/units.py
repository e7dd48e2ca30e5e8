"""Candidate sentences for extractive answers: whole, readable sentences cut from the retrieved passages.

A chunk starts and ends wherever the chunker cut it, so its edges may be fragments; those never reach an answer.
Layout is content here: a heading line, a list item and a numbered paragraph are separate pieces of text, so the
text is cut into blocks at line structure first and only then into sentences.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field
from functools import lru_cache

from assistant.answer.signatures import signer_of
from assistant.answer.table_rows import table_row
from assistant.models import Chunk, Passage
from assistant.retrieval.support import Unit, unit_of
from assistant.text.calendar import MONTHS_EN
from assistant.text.flattened import split_items

_MIN_TERMS = 4
_MAX_CHARS = 600
_SPLIT_CHARS = 320  # a run-on "sentence" longer than this is cut at its semicolons
_GARBAGE = re.compile(r"[A-Za-z]{25,}")  # OCR of Thai as Latin letters: one endless "word"
_BULLET = re.compile(r"\s*[\uf0b7•●▪■◦]\s*")
_ITEM_LINE = re.compile(r"^\s*(?:[-*\uf0b7•●▪■◦o]\s+|\(?[a-z0-9ivx]{1,4}[.)]\s+)")
_END = re.compile(r"[.!?:;)\"'”]$")
_MONTH = f"(?:{'|'.join(m.capitalize() for m in MONTHS_EN)})"
# '5 At a strategic level...', '(iv) promoting...', '- Built infrastructure': the number or mark is layout; a day
# before its month ('6 March 2026') is not.
_LEAD_NUMBER = re.compile(r"^(?:#{1,6}\s+|[-*]\s+|o\s+(?=[A-Z])|\(?(?:\d{1,3}|[a-z]|[ivx]{1,4})[.)]\s+"
                          rf"|\d{{1,3}}\s+(?=[A-Z“\"(])(?!{_MONTH}\b))")
# 'Rationale 2 Most of ASEAN's growth...': a heading glued to a numbered paragraph.
_GLUED_HEADING = re.compile(r"^((?:[A-Z][a-z’'&/-]*\s+){0,3}[A-Z][a-z’'&/-]*)\s+[1-9]\d?\s+(?=[A-Z“\"(][a-z]*\s+[a-z])")
_HEADING_LINE_CHARS = 70
ITEM_CHARS = 120
_THAI_LINE_CHARS = 240  # a list item: a name or a short line, not a paragraph
_MARK_ONLY = re.compile(r"^\(?(?:\d{1,3}|[a-z]|[ivx]{1,4})[.)]?$")


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
    context: Unit | None = None  # 'It was chaired by ...': matched together with the sentence it refers back to
    wordlike: float = 1.0  # share of its Latin-script tokens that are words (OCR debris is not)
    antecedent: int | None = None  # position of that sentence

    def __post_init__(self) -> None:
        self.key = self.unit.flat

    @property
    def terms(self) -> set[str]:
        return self.unit.tokens


def _clean(text: str) -> str:
    """One line per sentence: hard wraps are layout; leading paragraph numbers, list marks and a Markdown heading's
    '#' marks too."""
    text = re.sub(r"\s+", " ", text).strip()
    glued = _GLUED_HEADING.match(text)
    if glued:
        text = text[glued.end():]
    return _LEAD_NUMBER.sub("", text, count=1).strip()


def _blocks(text: str) -> list[str]:
    """Paragraphs, with heading lines and list items each a block of their own; hard-wrapped lines are rejoined."""
    blocks: list[str] = []
    for paragraph in re.split(r"\n\s*\n", text):
        current: list[str] = []
        for line in paragraph.split("\n"):
            stripped = line.strip()
            if not stripped:
                continue
            if _shouting(stripped):  # letterhead and signature blocks: 'THE HONORABLE ...', 'MAYOR OF CHICAGO'
                if current:
                    blocks.append(" ".join(current))
                    current = []
                blocks.append(stripped)
                continue
            item = bool(_ITEM_LINE.match(stripped))
            heading = len(stripped) <= _HEADING_LINE_CHARS and not _END.search(stripped) and not stripped[:1].islower()
            if current and (item or heading and _ends_item(current)):
                blocks.append(" ".join(current))
                current = []
            current.append(stripped)
            if heading and not item and len(current) == 1 and _looks_heading(stripped):
                blocks.append(stripped)
                current = []
        if current:
            blocks.append(" ".join(current))
    out: list[str] = []
    for block in blocks:
        out.extend(p for piece in _BULLET.split(block) for p in _unflatten(piece) if p.strip())
    return out


_CAPS_LABEL = re.compile(r"(?:^|(?<=\s))((?:[A-Z][A-Z&/]{2,}\s+){0,3}[A-Z][A-Z&/]{2,})(?:\s+(?=[A-Z0-9][a-z0-9])|\s*$)")
_LABEL_LETTERS = 7  # 'OVERVIEW', 'SUPPORT REQUIRED'; an acronym in a sentence ('ASEAN', 'UN SDG') is shorter


def _unflatten(block: str) -> list[str]:
    """Items and their all-capitals labels ('SUPPORT REQUIRED', 'OVERVIEW') each become a piece of their own."""
    out: list[str] = []
    for piece in split_items(block):
        at = 0
        for match in _CAPS_LABEL.finditer(piece):
            if sum(ch.isalpha() for ch in match.group(1)) < _LABEL_LETTERS:
                continue
            out += [piece[at:match.start()], match.group(1)]
            at = match.end()
        out.append(piece[at:])
    return [p.strip() for p in out if p.strip()]


def _shouting(line: str) -> bool:
    letters = [ch for ch in line if ch.isalpha()]
    return len(letters) >= 2 and all(ch.isupper() for ch in letters if ch.isascii())


def _ends_item(lines: list[str]) -> bool:
    return bool(_ITEM_LINE.match(lines[0])) or bool(_END.search(lines[-1]))


def _looks_heading(line: str) -> bool:
    """'Strategic Outcomes', 'FOCUS AREAS', 'Core Elements': short, title-cased, no sentence punctuation."""
    words = line.split()
    return len(words) <= 6 and sum(w[:1].isupper() or not w[:1].isalpha() for w in words) >= len(words) - 1


_ROW_DATE = re.compile(rf"\s+(?=(?:{'|'.join(MONTHS_EN).title()})\s+(?:19|20)\d\d\b)")
# a preposition leads to a date inside a sentence ('adopted in May 2018'); a timeline's row opens with its date
_LEADS_TO_DATE = frozenset(["in", "on", "by", "of", "to", "at", "and", "for", "from", "since", "until", "after",
                            "before", "between", "during"])
_TIMELINE_ROWS = 4  # a head and three dated rows


def _timeline_rows(sentence: str) -> list[str]:
    """The sentence cut before each month and year that no preposition leads to."""
    cuts = [m.start() for m in _ROW_DATE.finditer(sentence)
            if sentence[: m.start()].rsplit(None, 1)[-1].lower() not in _LEADS_TO_DATE]
    bounds = [0, *cuts, len(sentence)]
    return [p for a, b in itertools.pairwise(bounds) if (p := sentence[a:b].strip())]


def _cut_long(sentence: str) -> list[str]:
    """A timeline table read as one line ('... May 2018 5-day workshop in Singapore July 2018 First Annual Meeting
    ...') is cut before each month and year that opens a row; a line of boxes after each e-mail address that ends a
    contact box; a run-on sentence at its semicolons."""
    rows = _timeline_rows(sentence)
    if len(rows) >= _TIMELINE_ROWS:
        return rows
    ends = [m.end() for m in _ADDRESS_THEN_CAPITAL.finditer(sentence)]
    if ends:  # contact details end at their address: what follows ('... Email: a@b.org VISION To be ...') is new
        return [p.strip() for start, end in zip([0, *ends], [*ends, len(sentence)], strict=True)
                for p in _cut_long(sentence[start:end]) if p.strip()]
    if len(sentence) <= _SPLIT_CHARS:
        return [sentence]
    parts = [p.strip() for p in re.split(r"(?<=;)\s+(?=[A-Z“\"(])", sentence) if p.strip()]
    return parts if len(parts) > 1 else [sentence]


_ADDRESS_THEN_CAPITAL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+(?=\s+[A-Z])")  # an e-mail address, then more
_FIELD = re.compile(r"^[^\W\d_][^\W_]*(?: [^\W\d_]+){0,3}\s?:\s+\S")  # 'Date: ...', 'Total budget: ...'


def _readable(text: str, first: bool, last: bool, language: str) -> bool:
    if len(text) > _MAX_CHARS or _GARBAGE.search(text):
        return False
    if language != "th":
        if first and text[:1].islower():
            return False  # the chunk began mid-sentence
        last_word = text.rsplit(None, 1)[-1]
        if last and not _END.search(text) and len(text) > 40 and last_word[:1].islower():
            return False  # the chunk ended mid-sentence
    letters = sum(ch.isalpha() for ch in text)
    if letters >= 0.5 * len(text) or table_row(text):  # a table's row of figures is no debris
        return True
    # a labelled field of figures ('Date: Thursday, 18 September 2025, 10:00-12:15') is under half letters
    return bool(_FIELD.match(text)) and sum(ch.isalnum() for ch in text) >= 0.5 * len(text)


def _split(text: str, language: str) -> list[str]:
    from assistant.text.normalise import is_thai, split_sentences

    out: list[str] = []
    for block in _blocks(text):
        # pythainlp is slow and only Thai needs it; an English line in a Thai document takes the regex splitter.
        thai = language == "th" and is_thai(block)
        # a short Thai line (a clause of a law: "(๑๑) เงินกู้จากต่างประเทศ ... ซึ่งได้รับความเห็นชอบจาก...") is one
        # statement; the Thai splitter would cut it at every space
        pieces = [block] if thai and len(block) <= _THAI_LINE_CHARS else split_sentences(block, "th" if thai else "en")
        for piece in pieces:
            if _MARK_ONLY.match(piece):
                continue  # '1.' cut off its paragraph by the sentence splitter
            for part in _cut_long(_clean(piece)):
                if not part:
                    continue
                # one signature ('Jane Roe Mayor of X' names who signed as what); a title and the dateline under it
                # ('Third Tarlow Forum Dunmore, 20-22 May 2026': when and where it takes place)
                if out and (signer_of(out[-1], part) or _DATELINE.match(part)):
                    out[-1] = f"{out[-1]} {part}"
                else:
                    out.append(part)
    return out


@dataclass(frozen=True)
class _Piece:
    text: str
    position: int
    unit: Unit
    short: bool
    context: Unit | None = None
    antecedent: int | None = None


_PLACE = r"[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*)*"
_DAYS = r"\d{1,2}(?:\s*[-–]\s*\d{1,2})?"
# a line of a place and a date alone, under a title: 'Dunmore, 20-22 May 2026', 'Tarlow, Velland, 3 June 2025'
_DATELINE = re.compile(rf"^(?:{_PLACE},\s*)*(?:{_DAYS}\s+{_MONTH}|{_MONTH}\s+{_DAYS},?)\s+\d{{4}}\.?$")
_ANAPHOR = re.compile(r"^(It|This|That|These|Those|They|He|She|Its|Their|His|Her|Such|The latter|The former)\b")


@lru_cache(maxsize=4096)
def _pieces(chunk_id: str, text: str, language: str) -> tuple[_Piece, ...]:
    """Splitting and tokenising a chunk is the same work for every question: done once per chunk text."""
    del chunk_id  # part of the key only: two chunks with one text share nothing else
    parts = _split(text, language)
    out = []
    for position, sentence in enumerate(parts):
        if not _readable(sentence, position == 0, position == len(parts) - 1, language):
            continue
        unit = unit_of(sentence)
        if not unit.tokens:
            continue
        context = antecedent = None
        if out and out[-1].position == position - 1 and _ANAPHOR.match(sentence):
            prev = out[-1].unit
            context, antecedent = Unit(tokens=prev.tokens | unit.tokens, flat=prev.flat + unit.flat), position - 1
        # short is a fragment; a short line that announces a list ('The Committee agreed:') leads one
        short = len(unit.tokens) < _MIN_TERMS and len(unit.flat) < 20 and not says_list_follows(sentence)
        out.append(_Piece(sentence, position, unit, short, context, antecedent))
    return tuple(out)


def candidate_sentences(passages: list[Passage], question_language: str) -> list[Sentence]:
    out: list[Sentence] = []
    for rank, passage in enumerate(passages):
        out.extend(chunk_sentences(passage.chunk, passage.meta.language, rank, question_language))
    return out


def chunk_sentences(chunk: Chunk, language: str, rank: int, question_language: str) -> list[Sentence]:
    return [Sentence(text=piece.text, rank=rank, position=piece.position, unit=piece.unit,
                     cross_lingual=language != question_language, short=piece.short, context=piece.context,
                     antecedent=piece.antecedent)
            for piece in _pieces(chunk.id, chunk.text, language)]


# How a list is announced: a colon, or in Thai 'as follows', 'namely', or a law's 'when' before its numbered conditions.
_LIST_LEAD = re.compile(r"(?::|ต่อไปนี้|ดังนี้|ได้แก่|เมื่อ)\s*$")


def says_list_follows(text: str) -> bool:
    """'The core elements will be:', 'กรุงเทพมหานครอาจ ... ถือหุ้นในบริษัทได้ เมื่อ'."""
    return bool(_LIST_LEAD.search(text))


def introduces_list(sentence: Sentence, following: list[Sentence]) -> bool:
    """'... three interdependent objectives:' or a line followed by short items."""
    if says_list_follows(sentence.text):
        return True
    nxt = following[:2]
    return len(nxt) == 2 and all(len(s.text) <= ITEM_CHARS for s in nxt)
