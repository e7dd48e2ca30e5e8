"""Thai text from pdfium's glyphs: spaces put back from the gaps between glyph clusters, and the doubled clusters
of browser-made PDFs taken out.

pdfium writes no space where the PDF only moved the pen between phrases, so a gap between two clusters wider than
``THAI_PHRASE_GAP`` of the font size is a space. A cluster is a spacing character with the marks above and below it
(category Mn): some PDFs box the marks on their consonant, others (Chromium's, and so Google Docs' and every
browser's "Save as PDF") split one shaped glyph's width among its characters, so only the cluster's outer edges are
measured. Those PDFs also map a stacked mark's glyph back to its whole cluster ('รั้' drawn a second time over the
first, a little higher), which pdfium reads as a one-cluster line of its own and cuts the real line there: a cluster
that repeats one just read, at the same place, is dropped, and a line that carries on the previous one on its
baseline is joined back to it.
"""

from __future__ import annotations

import ctypes
import statistics
import unicodedata
from dataclasses import dataclass, field
from itertools import pairwise

THAI_PHRASE_GAP = 0.2  # a gap between two clusters wider than this share of the font size is a space
_SAME_PLACE = 0.5  # a repeated cluster covering this share of the earlier one's width is the same glyph again
_SAME_LINE = 0.25  # of the font size: a line whose baseline is this close to the previous one's carries it on
_LOOK_BACK = 24  # clusters read before a repeat is looked for among
_BESIDE = 0.05  # of the font size: a mark whose box starts this close to its consonant's end is boxed beside it
_SARA_AM = "\u0e33"


@dataclass
class _Cluster:
    text: str
    left: float
    right: float
    base: float
    size: float
    slack: float = 0.0  # of the font size: the gap after it that is still no space (see ``_clusters``)


@dataclass
class Line:
    """A printed line, its clusters in reading order."""

    clusters: list[_Cluster] = field(default_factory=list)

    @property
    def left(self) -> float:
        return min((c.left for c in self.clusters if c.text.strip()), default=0.0)

    @property
    def right(self) -> float:
        return max((c.right for c in self.clusters if c.text.strip()), default=0.0)

    @property
    def base(self) -> float:
        return next((c.base for c in self.clusters if c.text.strip()), 0.0)

    def text(self) -> str:
        out: list[str] = []
        previous: _Cluster | None = None
        for c in self.clusters:
            if not c.text.strip():
                if out and not out[-1].isspace():
                    out.append(" ")
                continue
            if previous is not None and out and not out[-1].isspace() and (
                    c.left - previous.right > (THAI_PHRASE_GAP + previous.slack) * c.size):
                out.append(" ")
            out.append(c.text)
            previous = c
        return "".join(out)


def _repeats(cluster: _Cluster, earlier: list[_Cluster]) -> bool:
    """The same cluster drawn again where one was just drawn: same text, overlapping most of its width, within a
    font size of its baseline."""
    for other in earlier[-_LOOK_BACK:]:
        if other.text != cluster.text or not cluster.text.strip() or abs(other.base - cluster.base) > other.size:
            continue
        overlap = min(other.right, cluster.right) - max(other.left, cluster.left)
        if overlap >= _SAME_PLACE * min(other.right - other.left, cluster.right - cluster.left):
            return True
    return False


def _clusters(textpage) -> list[list[_Cluster]]:
    """pdfium's lines (cut at its line breaks), each a list of clusters in reading order.

    Where most marks are boxed beside their consonant rather than on it, the page's glyphs were split (see the
    module's docstring): a cluster then ends where its last mark does, the spaces pdfium made up are dropped (the gaps
    decide), and SARA AM, whose second half has no character of its own, is given the page's usual gap after it."""
    import pypdfium2.raw as pdfium_c

    raw = textpage.raw
    left, right, bottom, top = (ctypes.c_double() for _ in range(4))
    box = [ctypes.byref(v) for v in (left, right, bottom, top)]
    x, y = ctypes.c_double(), ctypes.c_double()
    glyphs: list[tuple[str, float, float, float, float, bool]] = []  # char, left, right, baseline, size, made up
    for index in range(textpage.count_chars()):
        char = chr(pdfium_c.FPDFText_GetUnicode(raw, index))
        pdfium_c.FPDFText_GetCharBox(raw, index, *box)
        pdfium_c.FPDFText_GetCharOrigin(raw, index, ctypes.byref(x), ctypes.byref(y))
        glyphs.append((char, left.value, right.value, y.value, pdfium_c.FPDFText_GetFontSize(raw, index),
                       bool(pdfium_c.FPDFText_IsGenerated(raw, index))))
    marks = [(g, before) for before, g in pairwise(glyphs)
             if unicodedata.category(g[0]) == "Mn" and before[0].strip()]
    split = sum(g[1] >= before[2] - _BESIDE * g[4] for g, before in marks) > len(marks) / 2
    lines: list[list[_Cluster]] = [[]]
    for char, left_edge, right_edge, base, size, made_up in glyphs:
        if char in "\r\n":
            if char == "\n":
                lines.append([])
            continue
        char = "-" if char == "\ufffe" else char  # pdfium's mark for a hyphen it joined a line break over
        current = lines[-1]
        if char.isspace():
            if not (split and made_up):
                current.append(_Cluster(" ", 0.0, 0.0, 0.0, 0.0))
            continue
        if (char == _SARA_AM or unicodedata.category(char) == "Mn") and current and current[-1].text.strip():
            cluster = current[-1]
            cluster.text += char
            if split or char == _SARA_AM:  # SARA AM spaces: its box is its own, split or not
                cluster.right = max(cluster.right, right_edge)
            continue
        current.append(_Cluster(char, left_edge, right_edge, base, size))
    lines = [line for line in lines if line]
    if split:
        _sara_am_slack(lines)
    return lines


def _sara_am_slack(lines: list[list[_Cluster]]) -> None:
    """The gap a SARA AM leaves where its unboxed half stands varies with the font: the page's usual gap after one
    (most stand inside a word: 'สำนัก', 'จำนวน') is no space."""
    ending = [(a, b) for line in lines for a, b in pairwise(c for c in line if c.text.strip())
              if a.text.endswith(_SARA_AM) and a.size > 0]
    if not ending:
        return
    slack = max(0.0, statistics.median((b.left - a.right) / a.size for a, b in ending))
    for a, _ in ending:
        a.slack = slack


def thai_lines(textpage) -> list[Line]:
    """The printed lines, repeated clusters dropped and split lines joined (see the module's docstring)."""
    out: list[Line] = []
    for clusters in _clusters(textpage):
        line = Line()
        earlier = out[-1].clusters if out else []
        for cluster in clusters:
            if not _repeats(cluster, earlier + line.clusters):
                line.clusters.append(cluster)
        if not line.clusters:
            continue
        previous = next((o for o in reversed(out) if o.text().strip()), None)
        size = next((c.size for c in line.clusters if c.text.strip()), 0.0)
        if size and previous is not None and abs(line.base - previous.base) <= _SAME_LINE * size and (
                line.left >= previous.right - THAI_PHRASE_GAP * size):
            previous.clusters += line.clusters
        else:
            out.append(line)
    return out
