"""PDF text layer with pdfium (C, ~15x faster than pypdf on this corpus), shaped like pypdf's output for cleaning.

pdfium drops the empty lines that mark paragraphs and joins a hyphenated line break into one line with U+FFFE, so
both are put back from the glyph positions: a line whose baseline sits further below the previous one than
``PARAGRAPH_PITCH`` times the page's usual line pitch (or above it: a new column) starts after a blank line.
Thai text needs its spaces back too, and browser-made PDFs draw some of its glyphs twice: ``ingest.readers.pdf_thai``.
"""

from __future__ import annotations

import ctypes
from collections.abc import Callable
from functools import partial
from itertools import pairwise

from assistant.text.normalise import detect_language
from ingest.readers.pdf_tables import TABLE_REACH, TableRows, cells_of, run_end, table_text
from ingest.readers.pdf_thai import thai_lines

PARAGRAPH_PITCH = 1.3
_SOFT_HYPHEN = "\ufffe"
LINE_END_SLACK = 8.0  # points: a line ending further than this short of the page's longest one ends a phrase
INDENT = 20.0  # points: a line starting further right than the page's leftmost one starts a paragraph
LANGUAGE_SAMPLE_LETTERS = 2000  # letters of raw text that tell a PDF's language


def _baseline(textpage, index: int) -> float:
    import pypdfium2.raw as pdfium_c

    x, y = ctypes.c_double(), ctypes.c_double()
    pdfium_c.FPDFText_GetCharOrigin(textpage.raw, index, ctypes.byref(x), ctypes.byref(y))
    return y.value


def _visual_lines(textpage) -> list[tuple[str, float, int, int]]:
    """(text, baseline, first glyph, glyph count) per printed line; a hyphenated break pdfium merged is split again,
    hyphen kept."""
    lines: list[tuple[str, float, int, int]] = []
    index = 0
    for line in textpage.get_text_range().split("\r\n"):
        start = index
        index += len(line) + 2
        pieces = line.split(_SOFT_HYPHEN)
        offset = start
        for number, piece in enumerate(pieces):
            first = next((i for i, ch in enumerate(piece) if not ch.isspace()), None)
            if first is not None:
                text = piece + ("-" if number < len(pieces) - 1 else "")
                lines.append((text, _baseline(textpage, offset + first), offset, len(piece)))
            offset += len(piece) + 1
    return lines


def thai_page_text(textpage) -> str:
    """Lines as pypdf writes them for cleaning (measured on the BMA Act: 1,029 of its 1,030 lines the same, the
    other without pypdf's stray space in "ร่ าง"), in 0.5 s against pypdf's 2.4 s. pypdf ends a line with a space
    where a phrase ends there; pdfium keeps that space only where the PDF has a glyph for it, so it is put back where
    the line ends short of the page's longest line or the next line is indented. The Act's 36 other phrase ends at a
    full line (of 1,030 lines) lose their space; cleaning then joins the two lines without one, as it joins a wrapped
    word."""
    lines: list[tuple[str, float, float, float]] = []
    for line in thai_lines(textpage):
        text = line.text()
        # a line of spaces stands where the line before it did
        lines.append((text, line.base, line.left, line.right) if text.strip() or not lines else (text, *lines[-1][1:]))
    if not lines:
        return ""
    longest = max(right for _, _, _, right in lines)
    leftmost = min(left for _, _, left, _ in lines)
    out: list[str] = []
    for number, (text, baseline, _, right) in enumerate(lines):
        following = lines[number + 1] if number + 1 < len(lines) else None
        ends_phrase = right < longest - LINE_END_SLACK or (following is not None and following[2] > leftmost + INDENT)
        out.append(text + " " if ends_phrase and not text.endswith(" ") else text)
    return "\n".join(_paragraphs([(text, baseline, False) for text, (_, baseline, _, _) in zip(out, lines)]))


def page_text(textpage, tables: TableRows | None = None) -> str:
    """The page's lines in paragraphs, a table's rows each a paragraph of its own (``ingest.readers.pdf_tables``);
    ``tables`` carries a table's header on to the next page of the same document."""
    lines = _visual_lines(textpage)
    # a table has figures or dates row after row: only lines near one are measured for cells (most prose is not)
    near = {m for n, (text, _, _, _) in enumerate(lines) if any(ch.isdigit() for ch in text)
            for m in range(n - TABLE_REACH, n + TABLE_REACH + 1)}
    cells = [cells_of(textpage, start, text[:count], baseline) if n in near else []
             for n, (text, baseline, start, count) in enumerate(lines)]
    laid: list[tuple[str, float, bool]] = []
    n = 0
    while n < len(lines):
        end = run_end(cells, n)
        rows = table_text(cells[n:end], tables if tables is not None else TableRows()) if end > n else None
        if rows is not None:
            laid += [(row, lines[n][1], True) for row in rows]
            n = end
        else:  # no table here; perhaps one from the next line on (after a title line across it)
            laid.append((lines[n][0], lines[n][1], False))
            n += 1
    return "\n".join(_paragraphs(laid))


def _paragraphs(lines: list[tuple[str, float, bool]]) -> list[str]:
    """The lines, with an empty one before each that starts a paragraph or a column, and around each that stands
    alone (a table's row)."""
    pitches = sorted(above[1] - below[1] for above, below in pairwise(lines) if above[1] > below[1])
    usual = pitches[len(pitches) // 2] if pitches else 0.0
    out: list[str] = []
    for number, (text, baseline, alone) in enumerate(lines):
        if number:
            pitch = lines[number - 1][1] - baseline
            if alone or lines[number - 1][2] or pitch > PARAGRAPH_PITCH * usual or pitch < 0:
                out.append("")
        out.append(text)
    return out


def pdfium_page_texts(data: bytes) -> list[str]:
    """One text per page, Thai documents with their spaces restored; raises whatever pdfium raises for a damaged
    file (the caller words the reason).

    Each page is loaded once: loading is most of pdfium's cost (reading the English PDFs of the reference corpus
    twice, once to tell the language and once to lay them out, cost 0.8 s). The language is told from the raw text
    of the first pages, which stay open until ``LANGUAGE_SAMPLE_LETTERS`` letters have been read, so memory holds a
    few pages whatever the length of the file."""
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(data)
    texts: list[str] = []
    pending: list[tuple[object, object]] = []  # (page, textpage) opened and not laid out yet
    sample: list[str] = []
    letters = 0
    reader: Callable[[object], str] | None = None
    try:
        for page in pdf:
            pending.append((page, page.get_textpage()))
            if reader is None:
                sample.append(pending[-1][1].get_text_range())
                letters += sum(ch.isalpha() for ch in sample[-1])
                if letters < LANGUAGE_SAMPLE_LETTERS:
                    continue
                reader = _reader_for(sample)
            _lay_out(reader, pending, texts)
        if pending:  # a short file: the sample is all of it
            _lay_out(_reader_for(sample), pending, texts)
        return texts
    finally:
        for page, textpage in pending:  # pdfium failed on a page: the ones still open
            textpage.close()
            page.close()
        pdf.close()


def _reader_for(sample: list[str]) -> Callable[[object], str]:
    if detect_language("\n".join(sample)) == "th":
        return thai_page_text
    return partial(page_text, tables=TableRows())  # one per document: a table's header runs on to its next page


def _lay_out(reader: Callable[[object], str], pending: list[tuple[object, object]], texts: list[str]) -> None:
    """The open pages in order onto ``texts``, each closed as soon as it is read."""
    while pending:
        page, textpage = pending.pop(0)
        try:
            texts.append(reader(textpage))
        finally:
            textpage.close()
            page.close()
