"""A Word file's text in reading order: headings as '#' lines, paragraphs, and each table where it stands.

A table row is written with its column headings ('Project: Riverside cycle highway; Status: Ongoing'), and a group
named only on its first row is carried down to the rows under it (``tables``).
"""

from __future__ import annotations

import re
from typing import Any

from ingest.tables import table_lines


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
