"""Table rows as ingestion writes them ('Region: Europe; FY2024 (visits): 8.'): telling one from a sentence, the
group its first cell names, and the total row a count over the whole table is answered by."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from assistant.retrieval.support import Unit, has, terms, unit_of

if TYPE_CHECKING:
    from assistant.answer.units import Sentence
    from assistant.models import Passage

ROWS_MAX = 12  # a list read off a table: more rows than this is the table itself, for the citation to show

# A table row as ingestion writes it: 'Day: 3; Date: 12 June 2024; Site visited: Brunnfeld plant; Host: ...'.
_ROW_FIELD = re.compile(r"(?:^|; )([^:;]{1,40}): ")


def table_row(text: str) -> tuple[str, ...]:
    """The column headings of a table row, or () for any other sentence."""
    labels = tuple(_ROW_FIELD.findall(text))
    return labels if len(labels) >= 2 and text.startswith(labels[0]) else ()


_TOTAL = re.compile(r"^(total|all|overall|sum|grand total|รวม|ทั้งหมด)\b", re.IGNORECASE)


def table_of(row: Sentence, ordered: list[Sentence]) -> list[Sentence]:
    """The rows of ``row``'s table: the unbroken run of rows under the same first heading around it, in ``ordered``
    (sentences in reading order)."""
    first = table_row(row.text)[:1]
    at = next((n for n, s in enumerate(ordered) if s is row or s.key == row.key), None)
    if at is None:
        return [row]
    start = at
    while start > 0 and table_row(ordered[start - 1].text)[:1] == first:
        start -= 1
    end = at + 1
    while end < len(ordered) and table_row(ordered[end].text)[:1] == first:
        end += 1
    return ordered[start:end]


def names_group(question: Unit, row: str) -> bool:
    """Does the question name the group in the row's first cell ('the zero-emission buses area')?"""
    return all(has(question, t) for t in terms(first_value(row)))


def with_total(question: str, chosen: list[Sentence], sentences: list[Sentence]) -> list[Sentence]:
    """'How many delegations came in 2024?' over a table of delegations by region names no region: its total row
    answers, so it joins the answer (a question naming a group keeps that group's row)."""
    asked = unit_of(question)
    for best in (c for c in chosen if table_row(c.text)):
        table = table_of(best, [s for s in sentences if s.rank == best.rank])
        if any(names_group(asked, r.text) for r in table):
            return chosen
        total = next((r for r in table if _TOTAL.match(first_value(r.text))), None)
        if total is not None:
            return [total, *[c for c in chosen if c is not total]]
    return chosen


def first_value(row: str) -> str:
    """The first cell of a table row: the group its row belongs to ('Area: Zero-emission buses; ...')."""
    return row.split(": ", 1)[1].split(";", 1)[0] if ": " in row else ""


def _cells(row: str) -> dict[str, str]:
    return dict(pair.split(": ", 1) for pair in row.rstrip(".").split("; ") if ": " in pair)


def _one_group(rows: list[Sentence], keys: list[str]) -> bool:
    """The asked words name a group: one value, the same in every row, holds them all ('Country: Singapore'); not
    words that turn up in different cells ('Host: Tarlow Waste Authority', 'Host: Tarlow Council')."""
    cells = [_cells(r.text) for r in rows]
    return any(len({c.get(name) for c in cells}) == 1 and all(has(unit_of(cells[0][name]), t) for t in keys)
               for name in cells[0])


def with_matching_rows(best: Sentence, chosen: list[Sentence], sentences: list[Sentence], passages: list[Passage],
                       asked: dict[str, float]) -> list[Sentence]:
    """A list read off a table ('Which of X's projects are listed ...') is every row of that table in the group the
    asked words its best row holds name ('Country: X'), in the passages of its document read, in reading order; not
    the few rows the ranker put first. The words of the table's headings ('Project') hold in every row and choose
    none."""
    headings = table_row(best.text)
    if not headings:
        return chosen
    labels = unit_of(" ".join(headings))
    keys = [t for t in asked if has(best.unit, t) and not has(labels, t)]
    if not keys:
        return chosen
    doc = passages[best.rank].chunk.doc_id
    table = [s for s in sentences if table_row(s.text) == headings and passages[s.rank].chunk.doc_id == doc]
    rows = [s for s in table if all(has(s.unit, t) for t in keys)]
    # the run of read chunks holding this table around the best row's: another table of the same headings later in
    # the document (completed projects after ongoing ones) is another list
    held = {passages[s.rank].chunk.ordinal for s in table}
    low = high = passages[best.rank].chunk.ordinal
    while low - 1 in held:
        low -= 1
    while high + 1 in held:
        high += 1
    rows = sorted((s for s in rows if low <= passages[s.rank].chunk.ordinal <= high),
                  key=lambda s: (passages[s.rank].chunk.ordinal, s.position))
    unique: list[Sentence] = []
    for row in rows:  # a row that two overlapping chunks both hold counts once, where it is first read
        if all(row.key != u.key for u in unique):
            unique.append(row)
    if len(unique) <= 1 or len(unique) > ROWS_MAX or not _one_group(unique, keys):
        return chosen
    kept = [c for c in chosen if not table_row(c.text) or c.key not in {r.key for r in unique}]
    at = next((n for n, c in enumerate(kept) if table_row(c.text)), len(kept))
    return kept[:at] + unique + [c for c in kept[at:] if not table_row(c.text)]
