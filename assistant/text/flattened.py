"""Lists a PDF flattened into one line ('TARGETS - Green Growth: ... - Green Mobility: ... o Sub-item ...'): where
their items begin. Answers read each item alone, and the chunker cuts a run too long for one chunk between items
rather than inside a clause (a chunk that begins mid-sentence loses that sentence to every answer)."""

from __future__ import annotations

import itertools
import re

_DASH_ITEM = re.compile(r"(?<!\d)\s+[-–]\s+(?=[A-Z“\"(])")  # not a range: '(2023 - 2027)' stays whole
_O_ITEM = re.compile(r"\s+o\s+(?=[A-Z0-9])")
_MARK_AT_START = re.compile(r"^\s+(?:[-–]|o)\s+")
_FLATTENED = 2  # marks it takes to be a list rather than a dash in a sentence


def item_starts(text: str) -> list[int]:
    """Offsets of the item marks, of each kind of mark the text holds at least twice."""
    starts: list[int] = []
    for mark in (_DASH_ITEM, _O_ITEM):
        found = [m.start() for m in mark.finditer(text)]
        if len(found) >= _FLATTENED:
            starts += found
    return sorted(starts)


def split_items(text: str) -> list[str]:
    """The text before the first item, then each item without its mark."""
    bounds = [0, *item_starts(text), len(text)]
    return [_MARK_AT_START.sub("", text[a:b]) for a, b in itertools.pairwise(bounds)]
