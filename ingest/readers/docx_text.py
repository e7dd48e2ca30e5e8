"""A Word file's text in reading order: headings as '#' lines, paragraphs, and each table where it stands.

A table row is written with its column headings ('Project: Riverside cycle highway; Status: Ongoing'), and a group
named only on its first row is carried down to the rows under it (``tables``).

python-docx reads only the paragraphs and tables directly in the body, and a paragraph's runs directly in it: the
text of a content control (a cover page's title and date, a form's filled-in fields: ``w:sdt``) and of a text box
would be lost without a word. So the body is walked here: content controls are read where they stand, and a text
box's paragraphs follow the paragraph that anchors it (once: Word stores a box twice, for new and old readers).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from docx.enum.style import WD_STYLE_TYPE
from docx.oxml.ns import qn

from ingest.readers.tables import table_lines


def docx_lines(document: Any) -> list[str]:
    """Lines of a ``docx.Document``: blank lines between blocks, as the chunker expects of text."""
    lines: list[str] = []
    for block in _blocks(document.element.body):
        if block.tag == qn("w:tbl"):
            for row in table_lines(_rows(block, document)):
                lines.extend([row, ""])  # each row a paragraph of its own, as a list item is
            continue
        style = _style_name(document, block)
        level = re.match(r"Heading (\d)", style)
        text = paragraph_text(block).strip()
        if not text:
            lines.append("")
        elif level or style == "Title":
            lines.extend(["", "#" * (int(level.group(1)) if level else 1) + " " + text, ""])
        else:
            lines.extend([text, ""])
        for box in _text_boxes(block):
            for inner in _blocks(box):
                boxed = paragraph_text(inner).strip() if inner.tag == qn("w:p") else ""
                if boxed:
                    lines.extend([boxed, ""])
    return lines


def _blocks(parent: Any) -> Iterator[Any]:
    """Paragraph and table elements in reading order, those inside content controls (and custom XML) included."""
    for child in parent.iterchildren():
        if child.tag in (qn("w:p"), qn("w:tbl")):
            yield child
        elif child.tag == qn("w:sdt"):
            content = child.find(qn("w:sdtContent"))
            if content is not None:
                yield from _blocks(content)
        elif child.tag == qn("w:customXml"):
            yield from _blocks(child)


def paragraph_text(paragraph: Any) -> str:
    """A paragraph element's text, that of its inline content controls and hyperlinks included, a text box's not
    (``docx_lines`` reads that after it): tabs and line breaks are spaces."""
    out: list[str] = []
    for node in paragraph.iter(qn("w:t"), qn("w:tab"), qn("w:ptab"), qn("w:br"), qn("w:cr"), qn("w:noBreakHyphen")):
        if _inside_box(node, paragraph):
            continue
        out.append(node.text or "" if node.tag == qn("w:t") else "-" if node.tag == qn("w:noBreakHyphen") else " ")
    return "".join(out)


def _inside_box(node: Any, paragraph: Any) -> bool:
    """Does ``node`` sit in a text box anchored inside ``paragraph`` (not in one the paragraph itself sits in)?"""
    for ancestor in node.iterancestors():
        if ancestor is paragraph:
            return False
        if ancestor.tag == qn("w:txbxContent"):
            return True
    return False


def _text_boxes(paragraph: Any) -> list[Any]:
    """The text boxes anchored in a paragraph, each once: the copy kept for old readers (``mc:Fallback``) is not
    read again."""
    return [box for box in paragraph.iter(qn("w:txbxContent"))
            if not any(a.tag.endswith("}Fallback") for a in box.iterancestors())
            and not _inside_box(box, paragraph)]


def _style_name(document: Any, paragraph: Any) -> str:
    style_id = paragraph.find(f"{qn('w:pPr')}/{qn('w:pStyle')}")
    if style_id is None:
        return ""
    try:
        return document.styles.get_by_id(style_id.get(qn("w:val")), WD_STYLE_TYPE.PARAGRAPH).name or ""
    except (KeyError, ValueError):
        return ""


def _rows(table: Any, document: Any) -> list[list[str]]:
    """Cell texts per row (python-docx's cells: one per merged cell, a vertically merged one on each of its rows)."""
    from docx.table import Table

    rows = []
    for row in Table(table, document._body).rows:
        cells, seen = [], set()
        for cell in row.cells:
            if id(cell._tc) not in seen:
                seen.add(id(cell._tc))
                paragraphs = [paragraph_text(p) for p in _blocks(cell._tc) if p.tag == qn("w:p")]
                cells.append(" ".join(" ".join(paragraphs).split()))
        rows.append(cells)
    return rows
