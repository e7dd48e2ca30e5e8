"""Document -> Chunks by structure: sections under headings, then paragraphs and sentences packed up to
``chunk_size`` characters with sentence overlap. A chunk's text is an exact slice of one section of one document,
so its pages are known from character offsets."""

from __future__ import annotations

import bisect
import itertools
import re
from dataclasses import dataclass, field

from assistant.config import Settings
from assistant.models import Chunk, Document
from assistant.text.flattened import item_starts
from assistant.text.normalise import split_sentences

_NUMBERED_PIPE = re.compile(r"^[1-9][0-9]?\|\s*[A-Z]")
_CONNECTORS = frozenset({"and", "of", "the", "for", "in", "on", "to", "&"})
# Heading patterns and their level (1 = chapter, 2 = part, 3 = section). First match wins.
HEADING_PATTERNS: list[tuple[re.Pattern[str], int]] = [
    (re.compile(r"^#\s+\S.{0,150}$"), 1),
    (re.compile(r"^##+\s+\S.{0,150}$"), 2),
    (re.compile(r"^หมวด\s*[๐-๙0-9]+(?:\s.{0,120})?$"), 1),
    (re.compile(r"^ส่วนที่\s*[๐-๙0-9]+(?:\s.{0,120})?$"), 2),
    (re.compile(r"^บทเฉพาะกาล\s*$"), 1),
    (re.compile(r"^มาตรา\s*[๐-๙0-9]+(?:/[๐-๙0-9]+)?(?:\s*ทวิ|\s*ตรี)?"), 3),
    (re.compile(r"^(?:Chapter|Part|Section|Annex|Appendix)\s+[0-9IVXLC]+\b.{0,100}$", re.I), 1),
    (re.compile(r"^(?:Annex|Annexes|Appendix|Appendices)$", re.I), 1),
    # an agreement's 'Article 2 - Areas of Cooperation' over its text, when no blank line parts them (not 'Article 2.
    # The Parties shall ...', an article with no title)
    (re.compile(r"^(?:Article|Clause)\s+[0-9IVXLC]+\s*[-–:]\s*[A-Z][^.]{0,100}$"), 2),
    (_NUMBERED_PIPE, 1),  # '1| Introduction' (the M&E reports), at times glued to its first paragraph
    (re.compile(r"^[A-H]\.\s+[A-Z][a-z]+\s.{0,150}$"), 3),  # 'A. List of ... Projects' under 'Appendix'
]
_MARKDOWN_HEADING = re.compile(r"^#{1,6}\s+\S")
_SECTION_LABEL_RE = re.compile(r"^(มาตรา\s*[๐-๙0-9]+(?:/[๐-๙0-9]+)?(?:\s*ทวิ|\s*ตรี)?)")
_PROFILE_REPEATS = 3
_NAME_LINE_RE = re.compile(r"^[A-Z][a-z]+(?: [A-Z][a-z]+){0,3}$")
_TITLE_LINE_RE = re.compile(r"^[A-Z0-9][A-Za-z0-9&,’'()/:\- ]{2,70}$")


@dataclass
class _Section:
    heading: str | None
    text: str = ""
    page_starts: list[int] = field(default_factory=list)  # offset where each page's text begins
    page_numbers: list[int | None] = field(default_factory=list)

    def add(self, text: str, page: int | None) -> None:
        if self.text:
            self.text += "\n\n"
        if not self.page_numbers or self.page_numbers[-1] != page:
            self.page_starts.append(len(self.text))
            self.page_numbers.append(page)
        self.text += text

    def page_at(self, offset: int) -> int | None:
        index = max(bisect.bisect_right(self.page_starts, offset) - 1, 0)
        return self.page_numbers[index] if self.page_numbers else None


def heading_level(paragraph: str, profile_subtitles: frozenset[str] = frozenset(), marked: bool = False) -> int | None:
    """``marked``: the document marks its headings ('#' lines of Markdown, a Word file's heading styles), so a short
    Title Case line is no heading: 'Mara Veltrin' over 'Mayor of Tavrin' is a signature."""
    first = paragraph.split("\n", 1)[0].strip()
    for pattern, level in HEADING_PATTERNS:
        if pattern.match(first):
            return level
    if marked:
        return None
    # an English heading: one short Title Case line standing alone, without a full stop
    if "\n" not in paragraph.strip() and _title_line(first):
        return 2
    if profile_subtitles and _profile_subtitle(paragraph) in profile_subtitles:
        return 1
    return None


def _profile_subtitle(paragraph: str) -> str | None:
    """'Bangkok' / 'About the City' / ...: a name over a title line; the subtitle, when the paragraph starts so."""
    lines = [line.strip() for line in paragraph.strip().split("\n")]
    if len(lines) >= 3 and _NAME_LINE_RE.match(lines[0]) and _title_line(lines[1]):
        return lines[1]
    return None


def profile_subtitles(paragraphs: list[str]) -> frozenset[str]:
    """Subtitles that open several paragraphs: a series of profiles ('Bangkok' / 'About the City', 'Chonburi' /
    'About the City'), whose names are the entities the generic headings after them ('OVERVIEW') are about."""
    names: dict[str, set[str]] = {}
    for paragraph in paragraphs:
        if (subtitle := _profile_subtitle(paragraph)) is not None:
            names.setdefault(subtitle, set()).add(paragraph.strip().split("\n", 1)[0].strip())
    # a series names a different entity each time; one title repeated over a subtitle ('Smart City Action Plan' /
    # 'VISION' on every city's page) is a page layout, not a profile
    return frozenset(s for s, n in names.items() if len(n) >= _PROFILE_REPEATS)


def _title_line(line: str) -> bool:
    if not _TITLE_LINE_RE.match(line) or line.endswith("."):
        return False
    words = line.split()
    capitals = sum(1 for w in words if w[:1].isupper() or not w[:1].isalpha())
    return len(words) <= 8 and capitals >= 0.6 * len(words)


def _heading_text(paragraph: str, level: int) -> str:
    lines = [line.strip() for line in paragraph.split("\n") if line.strip()]
    if level == 3:
        label = _SECTION_LABEL_RE.match(lines[0])
        return label.group(1) if label else lines[0][:80]
    if _NUMBERED_PIPE.match(lines[0]):
        return _title_run(lines[0])
    text = lines[0].lstrip("#").strip()
    if re.fullmatch(r"(หมวด|ส่วนที่)\s*[๐-๙0-9]+", text) and len(lines) > 1:
        text = f"{text} {lines[1]}"  # "หมวด ๑" with its title on the next line
    return text[:120]


def _title_run(line: str) -> str:
    """'3| Observations and Recommendations Besides advancing ...': the heading ends where a sentence begins
    (a capitalised word followed by a lower-case one that is no connector, or an article)."""
    words = line.split()
    end = len(words)
    for i in range(1, len(words)):
        nxt = words[i + 1] if i + 1 < len(words) else ""
        starts_sentence = words[i] in ("The", "A", "An") or (
            nxt[:1].islower() and nxt not in _CONNECTORS and words[i][:1].isupper())
        if starts_sentence or not (words[i][:1].isupper() or words[i] in _CONNECTORS):
            end = i
            break
    return " ".join(words[:end])[:120]


def split_sections(doc: Document) -> list[_Section]:
    """Paragraphs grouped under the nearest heading; the heading path reads "chapter › section"."""
    stack: dict[int, str] = {}
    sections: list[_Section] = [_Section(heading=None)]
    paragraphs = [(page.number, p.strip()) for page in doc.pages for p in page.text.split("\n\n") if p.strip()]
    profiles = profile_subtitles([p for _, p in paragraphs])
    marked = any(_MARKDOWN_HEADING.match(p) for _, p in paragraphs)
    for number, paragraph in paragraphs:
        level = heading_level(paragraph, profiles, marked)
        if level is not None:
            stack = {k: v for k, v in stack.items() if k < level}
            stack[level] = _heading_text(paragraph, level)
            sections.append(_Section(heading=" › ".join(stack[k] for k in sorted(stack))))
        sections[-1].add(paragraph, number)
    return [s for s in sections if s.text.strip()]


def _units(section: _Section, language: str, limit: int) -> list[tuple[int, int]]:
    """(start, end) offsets of sentences; a sentence longer than the limit is cut between the items of a flattened
    list, then by LangChain's splitter."""
    spans: list[tuple[int, int]] = []
    text = section.text
    cursor = 0
    for paragraph in text.split("\n\n"):
        start = text.index(paragraph, cursor)
        cursor = start + len(paragraph)
        local = 0
        for sentence in split_sentences(paragraph, language):
            s_start = paragraph.find(sentence, local)
            if s_start < 0:  # a splitter that rewrote whitespace: fall back to the whole rest
                s_start, sentence = local, paragraph[local:]
            local = s_start + len(sentence)
            if len(sentence) <= limit:
                spans.append((start + s_start, start + local))
                continue
            # a list flattened into one run is cut between its items, only an item still too long inside it
            bounds = [0, *item_starts(sentence), len(sentence)]
            for i_start, i_end in itertools.pairwise(bounds):
                spans += _cut(sentence[i_start:i_end], start + s_start + i_start, limit)
    return spans


def _cut(text: str, offset: int, limit: int) -> list[tuple[int, int]]:
    """(start, end) offsets of a text's pieces of at most ``limit`` characters, by LangChain's splitter."""
    from langchain_text_splitters import RecursiveCharacterTextSplitter

    if len(text) <= limit:
        return [(offset, offset + len(text))]
    splitter = RecursiveCharacterTextSplitter(
        chunk_size=limit, chunk_overlap=0, separators=["\n", "; ", ", ", " ", ""], keep_separator="end"
    )
    spans: list[tuple[int, int]] = []
    inner = 0
    for piece in splitter.split_text(text):
        p_start = text.find(piece, inner)
        inner = p_start + len(piece)
        spans.append((offset + p_start, offset + inner))
    return spans


def _pack(units: list[tuple[int, int]], size: int, overlap: int) -> list[tuple[int, int, int]]:
    """Greedy packing of consecutive units up to ``size`` chars; the next chunk restarts up to ``overlap`` chars back."""
    windows: list[tuple[int, int, int]] = []
    i = 0
    while i < len(units):
        j = i
        while j + 1 < len(units) and units[j + 1][1] - units[i][0] <= size:
            j += 1
        windows.append((units[i][0], units[j][1], j))
        if j + 1 >= len(units):
            break
        k = j + 1
        while k - 1 > i and units[j][1] - units[k - 1][0] <= overlap:
            k -= 1
        i = k
    return windows


def _join(first: _Section, second: _Section, heading: str | None) -> _Section:
    joined = _Section(heading=heading)
    joined.text, joined.page_starts = first.text, list(first.page_starts)
    joined.page_numbers = list(first.page_numbers)
    offset = len(joined.text) + 2
    joined.text += "\n\n" + second.text
    for start, number in zip(second.page_starts, second.page_numbers):
        if joined.page_numbers[-1] != number:
            joined.page_starts.append(offset + start)
            joined.page_numbers.append(number)
    return joined


def _part(heading: str | None) -> str | None:
    return heading.split(" › ", 1)[0] if heading else None


def chunk_document(doc: Document, settings: Settings) -> list[Chunk]:
    """Chunks never cross a document; tiny sections merge: a heading alone into what it heads, a short tail
    into the part it ends (not into the next city's profile or chapter)."""
    size, overlap = settings.chunk_size, min(settings.chunk_overlap, settings.chunk_size // 2)
    merged: list[_Section] = []
    carry: _Section | None = None
    for section in split_sections(doc):
        if carry is not None:
            heading_only = "\n\n" not in carry.text and heading_level(carry.text) in (1, 2)
            if not heading_only and merged and carry.heading and _part(carry.heading) != _part(section.heading) \
                    and _part(merged[-1].heading) == _part(carry.heading):
                merged[-1] = _join(merged[-1], carry, merged[-1].heading)
            else:
                heading = section.heading if heading_only or not carry.heading else carry.heading
                section = _join(carry, section, heading)
            carry = None
        if len(section.text) < size // 5:
            carry = section
            continue
        merged.append(section)
    if carry is not None:
        merged.append(carry)
    chunks: list[Chunk] = []
    for section in merged:
        # a section within the size is one chunk whatever its sentences: finding Thai sentences is slow, and needless
        # here (PyThaiNLP's CRF took 0.7 s of the BMA Act's 3.6 s)
        units = [(0, len(section.text))] if len(section.text) <= size else _units(section, doc.meta.language, size)
        for start, end, _ in _pack(units, size, overlap):
            text = section.text[start:end].strip()
            if not text:
                continue
            ordinal = len(chunks)
            chunks.append(
                Chunk(
                    id=f"{doc.meta.sha256[:16]}:{ordinal:04d}",
                    doc_id=doc.meta.doc_id,
                    text=text,
                    page_start=section.page_at(start),
                    page_end=section.page_at(max(end - 1, start)),
                    heading=section.heading,
                    ordinal=ordinal,
                )
            )
    return chunks
