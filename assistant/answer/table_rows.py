"""Table rows as ingestion writes them ('Region: Europe; FY2024 (visits): 8.'): telling one from a sentence, the
group its first cell names, and the total row a count over the whole table is answered by."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from assistant.retrieval.support import has, terms, unit_of

if TYPE_CHECKING:
    from assistant.answer.units import Sentence

# A table row as ingestion writes it: 'Day: 3; Date: 12 June 2024; Site visited: Brunnfeld plant; Host: ...'.
_ROW_FIELD = re.compile(r"(?:^|; )([^:;]{1,40}): ")


def table_row(text: str) -> tuple[str, ...]:
    """The column headings of a table row, or () for any other sentence."""
    labels = tuple(_ROW_FIELD.findall(text))
    return labels if len(labels) >= 2 and text.startswith(labels[0]) else ()


_TOTAL = re.compile(r"^(total|all|overall|sum|grand total|รวม|ทั้งหมด)\b", re.IGNORECASE)


def with_total(question: str, chosen: list[Sentence], sentences: list[Sentence]) -> list[Sentence]:
    """'How many delegations came in 2024?' over a table of delegations by region names no region: its total row
    answers, so it joins the answer (a question naming a group keeps that group's row)."""
    asked = unit_of(question)
    for best in (c for c in chosen if table_row(c.text)):
        first = table_row(best.text)[0]
        table = [s for s in sentences if s.rank == best.rank and table_row(s.text)[:1] == (first,)]
        if any(all(has(asked, t) for t in terms(first_value(r.text))) for r in table):
            return chosen
        total = next((r for r in table if _TOTAL.match(first_value(r.text))), None)
        if total is not None:
            return [total, *[c for c in chosen if c is not total]]
    return chosen


def first_value(row: str) -> str:
    """The first cell of a table row: the group its row belongs to ('Area: Zero-emission buses; ...')."""
    return row.split(": ", 1)[1].split(";", 1)[0] if ": " in row else ""
