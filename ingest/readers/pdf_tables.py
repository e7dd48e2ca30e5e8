"""Tables in a PDF's text layer, written as rows a reader (and the answer engine) can quote.

pdfium gives a table as lines of words with wide gaps between the cells, so a row read alone ('Unemployment rate
(percent) 5.8 5.1 4.6') no longer says which value is which year, and a group named on its first row only ('Thailand'
above the rows of its cities) is lost to the rows under it. Here cells are found from the glyphs' positions: a gap
wider than ``CELL_GAP`` between two glyphs of a line ends a cell. A run of lines of several cells, with the lines of
cells that wrap (set off to the right of the run's first column), is a table when at least ``MIN_ROWS`` rows and
``MIN_COLUMNS`` columns hold a column of figures or dates. Its columns are the spans the cells cover; its rows are
the printed lines, where a row's wrapped cells put a narrower line pitch inside rows than between them, the lines of
one row together. Each row is written by ``ingest.readers.tables.table_lines`` ('Indicator: Unemployment rate (percent);
2022: 5.8; ...'), as Word and Markdown tables are. Prose, in one column or two, makes no such run and stays as it is.
"""

from __future__ import annotations

import ctypes
import re
from dataclasses import dataclass, field
from itertools import pairwise

from ingest.readers.tables import table_lines

CELL_GAP = 8.0  # points between two glyphs of a line that part two cells; a justified line's spaces are narrower
MIN_ROWS = 3  # rows that make a table
MIN_COLUMNS = 3  # two columns of text are a page layout as often as a table
TABLE_REACH = 2  # printed lines from a line with a digit that may belong to its table (a heading, a wrapped cell)
INSET = 10.0  # points right of the run's first column where a wrapped cell's line stands
SAME_LINE = 2.0  # points between baselines of glyphs printed on one line
WRAP_PITCH = 1.25  # a pitch up to this times the run's narrowest one is a wrapped cell's next line ...
ROW_PITCH = 1.4  # ... where some pitch of the run is this much wider: rows are spaced apart from their lines
_NUMBER = re.compile(r"^[\d.,%()\s+-]*\d[\d.,%()\s+-]*$")  # a figure or a row's number: '5.8', '1,241,000', '83.'
_YEAR = re.compile(r"^(?:FY\s?)?(?:19|20|25)\d\d(?:\s*[-–/]\s*\d{2,4})?$")  # a column heading, not a figure
_DATE = re.compile(r"\b\d{1,2}\s+(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\b")
_VALUE_WORDS = 4  # a figure or a date ('12 June 2025', '1.8 million') is a few words with a digit
_WORD = re.compile(r"\S+")


@dataclass
class Cell:
    text: str
    left: float
    right: float
    baseline: float = 0.0


@dataclass
class TableRows:
    """What the last table read in a document leaves to the next page: a table that runs on repeats no header, or
    repeats it, and its rows still stand under their headings and their groups."""

    header: list[str] = field(default_factory=list)
    last: list[str] = field(default_factory=list)  # its last row: a group named above the page break names rows after
    columns: list[tuple[float, float]] = field(default_factory=list)  # where its columns stand on the page


def cells_of(textpage: object, start: int, text: str, baseline: float) -> list[Cell]:
    """The cells of one printed line (``text``, pdfium's characters from ``start``): its words, split where a gap
    wider than ``CELL_GAP`` parts two. Only each word's first and last glyph are measured: pdfium puts a space between
    words it sees apart."""
    import pypdfium2.raw as pdfium_c

    left, bottom, right, top = (ctypes.c_double() for _ in range(4))

    def box(offset: int) -> tuple[float, float]:
        pdfium_c.FPDFText_GetCharBox(textpage.raw, start + offset, ctypes.byref(left),  # type: ignore[attr-defined]
                                     ctypes.byref(right), ctypes.byref(bottom), ctypes.byref(top))
        return left.value, right.value

    cells: list[Cell] = []
    for word in _WORD.finditer(text):
        first, _ = box(word.start())
        _, last = box(word.end() - 1)
        if cells and first - cells[-1].right <= CELL_GAP:
            cells[-1].text += " " + word.group()
            cells[-1].right = max(cells[-1].right, last)
        else:
            cells.append(Cell(word.group(), first, max(first, last), baseline))
    # a dot leader ('CHONBURI ........ 48' in a table of contents) holds no value
    return [c for c in cells if any(ch.isalnum() for ch in c.text)]


def run_end(lines: list[list[Cell]], start: int) -> int:
    """Where the run of table lines from ``start`` ends: lines of several cells, and the lines of wrapped cells
    between them (one cell or more, right of the run's first column). ``start`` itself when no run starts there."""
    if len(lines[start]) < 2:
        return start
    first = min(c.left for c in lines[start])
    end = start
    while end < len(lines) and (len(lines[end]) > 1 or (lines[end] and lines[end][0].left > first + INSET)):
        first = min(first, *(c.left for c in lines[end]))
        end += 1
    return end


def _printed_rows(run: list[list[Cell]]) -> list[list[Cell]]:
    """The run's cells by printed line, top to bottom, whatever order pdfium read them in; the lines of one row
    together where rows are spaced wider than the lines of their wrapped cells."""
    cells = sorted((c for line in run for c in line), key=lambda c: (-c.baseline, c.left))
    lines: list[list[Cell]] = []
    for cell in cells:
        if lines and abs(lines[-1][0].baseline - cell.baseline) <= SAME_LINE:
            lines[-1].append(cell)
        else:
            lines.append([cell])
    pitches = [above[0].baseline - below[0].baseline for above, below in pairwise(lines)]
    if not pitches or max(pitches) < ROW_PITCH * min(pitches):
        return lines
    narrow = min(pitches)
    rows = [lines[0]]
    for line, pitch in zip(lines[1:], pitches, strict=True):
        if pitch <= WRAP_PITCH * narrow:
            rows[-1] = rows[-1] + line
        else:
            rows.append(line)
    return rows


def _columns(rows: list[list[Cell]]) -> list[tuple[float, float]]:
    """Spans covered by the cells of the widest printed lines, overlapping spans merged: a heading centred over its
    column falls inside it. A line with a cell left empty (a group named above it) or a title across the table does
    not draw the columns."""
    lines = [[c for c in row if abs(c.baseline - b) <= SAME_LINE] for row in rows for b in {c.baseline for c in row}]
    widest = max(len(line) for line in lines)
    spans = sorted((c.left, c.right) for line in lines if len(line) == widest for c in line)
    merged: list[list[float]] = []
    for left, right in spans:
        if merged and left <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], right)
        else:
            merged.append([left, right])
    return [(a, b) for a, b in merged]


def _overlap(cell: Cell, column: tuple[float, float]) -> float:
    return min(cell.right, column[1]) - max(cell.left, column[0])


def _placed(row: list[Cell], columns: list[tuple[float, float]]) -> list[str] | None:
    """The row's text per column, a wrapped cell's lines joined; None where a cell covers more than one column (a
    title across the table)."""
    out = [""] * len(columns)
    for cell in row:  # top to bottom, as _printed_rows sorted them
        if sum(_overlap(cell, column) > 0 for column in columns) > 1:
            return None
        n = max(range(len(columns)), key=lambda k: _overlap(cell, columns[k]))
        out[n] = f"{out[n]} {cell.text}".strip()
    return out


def _figure(cell: str) -> bool:
    return any(ch.isdigit() for ch in cell) and len(cell.split()) <= _VALUE_WORDS


def _is_header(row: list[str]) -> bool:
    """Every cell a label: words, a year or both ('Indicator | 2022 | Boats (2025)'); no figure, no row number
    ('83.') and no date ('12 June 2025')."""
    return all(cell and (not _NUMBER.match(cell) or _YEAR.match(cell)) and not _DATE.search(cell) for cell in row)


def _carried_down(rows: list[list[str]], first: int) -> list[list[str]]:
    """A group named on its first row only ('Thailand', then its cities' rows with that cell empty) names the rows
    under it too: an empty cell before the row's first word ('92. | | Bangkok', a row's number is no word) takes the
    value above, where its column holds words. A 'Total | | 159' row keeps its empty cells."""
    for row_number in range(first + 1, len(rows)):
        row = rows[row_number]
        lead = next((n for n, cell in enumerate(row) if cell and not _NUMBER.match(cell)), len(row))
        for n in range(lead):
            above = rows[row_number - 1][n]
            column = [r[n] for r in rows[first:row_number] if r[n]]
            if not row[n] and above and not any(_figure(v) for v in column):
                row[n] = above
    return rows


def _is_table(rows: list[list[str]]) -> bool:
    """Some column holds figures or dates in most rows: a page laid out in three columns of prose does not."""
    body = rows[1:] if _is_header(rows[0]) else rows
    return any(sum(_figure(r[n]) for r in body) * 2 >= len(body) for n in range(len(rows[0])))


def table_text(run: list[list[Cell]], memory: TableRows) -> list[str] | None:
    """A run of table lines (``run_end``) as table rows, or None where it is no table. Fewer than ``MIN_ROWS`` rows
    are a table only where they stand in the columns of the table before (its last rows, run on to this page)."""
    printed = _printed_rows(run)
    short = len(printed) < MIN_ROWS
    columns = memory.columns if short else _columns(printed)
    if len(columns) < MIN_COLUMNS:
        return None
    placed = [_placed(row, columns) for row in printed]
    if any(row is None for row in placed):
        return None
    rows = [row for row in placed if row is not None]
    if short and not all(any(_overlap(c, col) > 0 for col in columns) for row in printed for c in row):
        return None
    if not short and not _is_table(rows):
        return None
    carried = 0
    runs_on = len(memory.last) == len(columns)
    if _is_header(rows[0]) and rows[0] == memory.header and runs_on:  # the page before's table, its header repeated
        rows, carried = [rows[0], memory.last, *rows[1:]], 1
    elif _is_header(rows[0]) and not short:
        memory.header = rows[0]
    elif len(memory.header) == len(columns) and runs_on:  # the page before's table, run on without its header
        rows, carried = [memory.header, memory.last, *rows], 1
    elif short:
        return None
    else:
        memory.header = []
    rows = _carried_down(rows, 1 if memory.header else 0)
    memory.last, memory.columns = rows[-1], columns
    return table_lines(rows[:1] + rows[1 + carried:], header=bool(memory.header))
