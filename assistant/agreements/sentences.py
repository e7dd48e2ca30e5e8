"""A page cut into the units an agreement's fields are cited by: sentences of its prose, and the lines of its heading
and signature blocks kept together (an OCR'd agreement prints its parties as a stack of short capitalised lines).
Each unit is an exact slice of the page, so that a citation can be found and highlighted where it stands."""

from __future__ import annotations

import re
from dataclasses import dataclass

_SENTENCE_END = re.compile(r"(?<=[.;!?])\s+(?=[\"'“(]?[A-Z0-9\u0E00-\u0E7F])|(?<=[\u0E00-\u0E7F])\s{2,}")
_INITIAL = re.compile(r"(?:\b[A-Z]|\bNo|\bMr|\bMrs|\bDr|\bIng|\bSt|\bN\.Y|\bU\.S|\bU\.A|[A-Z]\.[A-Z]|[\u0E00-\u0E7F])\.$")  # initials, titles, Thai abbreviations (พ.ศ.)


@dataclass(frozen=True)
class Unit:
    start: int
    end: int
    text: str
    page: int  # 1-based index into the document's pages


def _caps(line: str) -> bool:
    letters = [c for c in line if c.isalpha() and c.isascii()]
    return bool(letters) and all(c.isupper() for c in letters)


def _breaks_after(line: str, following: str) -> bool:
    """A unit ends at this line break: after a finished sentence, at a blank line, or where a heading block (all
    capitals) meets prose or prose meets a heading block."""
    if not line.strip() or not following.strip():
        return True
    if re.search(r"[.;!?:]\s*$", line) and not _INITIAL.search(line.rstrip()):
        return True
    return _caps(line) != _caps(following) and max(len(line), len(following)) > 25


def units_of(text: str, page: int) -> list[Unit]:
    """The page's units in order; together they cover every non-blank character of the page."""
    blocks: list[tuple[int, int]] = []
    lines = text.split("\n")
    offset, start = 0, 0
    for i, line in enumerate(lines):
        end = offset + len(line)
        following = lines[i + 1] if i + 1 < len(lines) else ""
        if i + 1 == len(lines) or _breaks_after(line, following):
            blocks.append((start, end))
            start = end + 1
        offset = end + 1
    units: list[Unit] = []
    for b_start, b_end in blocks:
        piece_start = b_start
        block = text[b_start:b_end]
        for m in _SENTENCE_END.finditer(block):
            head = block[: m.start()]
            if _INITIAL.search(head.rstrip()):
                continue
            _add(units, text, piece_start, b_start + m.start(), page)
            piece_start = b_start + m.end()
        _add(units, text, piece_start, b_end, page)
    return units


def _add(units: list[Unit], text: str, start: int, end: int, page: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        units.append(Unit(start, end, text[start:end], page))
