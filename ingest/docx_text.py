"""A Word file's text in reading order: headings as '#' lines, paragraphs, and each table where it stands.

A table row is written with its column headings ('Project: Riverside cycle highway; Status: Ongoing'), so a row read
alone still says what each value is; a group named only on its first row ('Zero-emission buses' above two projects)
is carried down to the rows under it, so each row names its group.
"""

from __future__ import annotations

import re
from typing import Any

_HEADER_CELL_CHARS = 60  # a header cell is a label, not a paragraph


def docx_lines(document: Any) -> list[str]:
    """Lines of a ``docx.Document``: blank lines between blocks, as the chunker expects of text."""
    from docx.table import Table

    lines: list[str] = []
    for block in document.iter_inner_content():
        if isinstance(block, Table):
            for row in table_lines(_rows(block)):
                lines.extend([row, ""])  # each row a paragraph of its own, as a list item is
            continue
        style = (block.style.name if block.style is not None else "") or ""
        level = re.match(r"Heading (\d)", style)
        text = block.text.strip()
        if not text:
            lines.append("")
        elif level or style == "Title":
            lines.extend(["", "#" * (int(level.group(1)) if level else 1) + " " + text, ""])
        else:
            lines.extend([text, ""])
    return lines


def _rows(table: Any) -> list[list[str]]:
    """Cell texts per row; a cell merged across columns is one cell, not its text repeated."""
    rows = []
    for row in table.rows:
        cells, seen = [], set()
        for cell in row.cells:
            if id(cell._tc) not in seen:
                seen.add(id(cell._tc))
                cells.append(" ".join(cell.text.split()))
        rows.append(cells)
    return rows


def table_lines(rows: list[list[str]]) -> list[str]:
    """One line per row. With a header row (every cell a short label), each value is written after its heading;
    without one, the cells are joined with ' | '. Empty leading cells take the value above them."""
    rows = [r for r in rows if any(r)]
    if not rows:
        return []
    filled = [rows[0]]
    for row in rows[1:]:
        above = filled[-1]
        lead = next((n for n, cell in enumerate(row) if cell), len(row))
        filled.append([above[n] if n < lead and n < len(above) else cell for n, cell in enumerate(row)])
    header = filled[0]
    has_header = (len(filled) > 1 and len(header) > 1 and all(header)
                  and all(len(cell) <= _HEADER_CELL_CHARS for cell in header))
    if not has_header:
        return [" | ".join(row) for row in filled]
    out = []
    for row in filled[1:]:
        pairs = [f"{name}: {value}" for name, value in zip(header, row) if value]
        out.append("; ".join(pairs) + ".")
    return out
