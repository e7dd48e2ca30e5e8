"""Tables as text a reader (and the answer engine) can quote: one line per row, each value after its heading.

A row read alone still says what each value is ('Region: Europe; Type of visit: Study visit; FY2024 (visits): 8.'),
and a group named only on its first row ('Asia' above three visit types) is carried down to the rows under it. Word
tables (``docx_text``) and Markdown pipe tables in text and Markdown files are written the same way.
"""

from __future__ import annotations

import re

_HEADER_CELL_CHARS = 60  # a header cell is a label, not a paragraph
_PIPE_ROW = re.compile(r"^\s*\|.*\|\s*$")
_RULE_CELL = re.compile(r"^\s*:?-{3,}:?\s*$")  # '---', ':---:' under a Markdown header row


def table_lines(rows: list[list[str]], header: bool | None = None) -> list[str]:
    """One line per row. With a header row (every cell a short label, unless ``header`` says whether the first row
    is one), each value is written after its heading; without one, the cells are joined with ' | '. Empty leading
    cells take the value above them."""
    rows = [r for r in rows if any(r)]
    if not rows:
        return []
    filled = [rows[0]]
    for row in rows[1:]:
        above = filled[-1]
        lead = next((n for n, cell in enumerate(row) if cell), len(row))
        filled.append([above[n] if n < lead and n < len(above) else cell for n, cell in enumerate(row)])
    first = filled[0]
    has_header = (len(filled) > 1 and len(first) > 1 and all(first)
                  and all(len(cell) <= _HEADER_CELL_CHARS for cell in first)) if header is None else header
    if not has_header:
        return [" | ".join(row) for row in filled]
    out = []
    for row in filled[1:]:
        pairs = [f"{name}: {value}" for name, value in zip(first, row, strict=False) if value]
        out.append("; ".join(pairs) + ".")
    return out


def _cells(line: str) -> list[str]:
    return [" ".join(cell.split()) for cell in line.strip().strip("|").split("|")]


def markdown_tables(text: str) -> str:
    """Text with each Markdown pipe table (a header row, a '|---|' rule, rows) rewritten as ``table_lines``, each
    row a paragraph of its own, as a list item is. Pipes that are not such a table are left as they are."""
    lines = text.split("\n")
    out: list[str] = []
    n = 0
    while n < len(lines):
        end = n
        while end < len(lines) and _PIPE_ROW.match(lines[end]):
            end += 1
        block = lines[n:end]
        if len(block) >= 3 and all(_RULE_CELL.match(cell) for cell in _cells(block[1])):
            rows = [_cells(line) for line in [block[0], *block[2:]]]
            out.append("")
            for row in table_lines(rows):
                out.extend([row, ""])
            n = end
        else:
            out.extend(block or [lines[n]])
            n = max(end, n + 1)
    return "\n".join(out)
