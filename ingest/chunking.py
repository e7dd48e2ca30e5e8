"""Document -> Chunks by structure: sections under headings, then paragraphs and sentences packed up to
``chunk_size`` characters with sentence overlap. A chunk's text is an exact slice of one section of one document,
so its pages are known from character offsets."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from assistant.config import Settings
from assistant.models import Chunk, Document
from assistant.textnorm import split_sentences

# Heading patterns and their level (1 = chapter, 2 = part, 3 = section). First match wins.
HEADING_PATTERNS: list[tuple[re.Pattern[str], int]] = [
    (re.compile(r"^#\s+\S.{0,150}$"), 1),
    (re.compile(r"^##+\s+\S.{0,150}$"), 2),
    (re.compile(r"^หมวด\s*[๐-๙0-9]+(?:\s.{0,120})?$"), 1),
    (re.compile(r"^ส่วนที่\s*[๐-๙0-9]+(?:\s.{0,120})?$"), 2),
    (re.compile(r"^บทเฉพาะกาล\s*$"), 1),
    (re.compile(r"^มาตรา\s*[๐-๙0-9]+(?:/[๐-๙0-9]+)?(?:\s*ทวิ|\s*ตรี)?"), 3),
    (re.compile(r"^(?:Chapter|Part|Section|Annex|Appendix)\s+[0-9IVXLC]+\b.{0,100}$", re.I), 1),
]
_SECTION_LABEL_RE = re.compile(r"^(มาตรา\s*[๐-๙0-9]+(?:/[๐-๙0-9]+)?(?:\s*ทวิ|\s*ตรี)?)")
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


def heading_level(paragraph: str) -> int | None:
    first = paragraph.split("\n", 1)[0].strip()
    for pattern, level in HEADING_PATTERNS:
        if pattern.match(first):
            return level
    # an English heading: one short Title Case line standing alone, without a full stop
    if "\n" not in paragraph.strip() and _TITLE_LINE_RE.match(first) and not first.endswith("."):
        words = first.split()
        capitals = sum(1 for w in words if w[:1].isupper() or not w[:1].isalpha())
        if len(words) <= 8 and capitals >= 0.6 * len(words):
            return 2
    return None


def _heading_text(paragraph: str, level: int) -> str:
    lines = [line.strip() for line in paragraph.split("\n") if line.strip()]
    if level == 3:
        label = _SECTION_LABEL_RE.match(lines[0])
        return label.group(1) if label else lines[0][:80]
    text = lines[0].lstrip("#").strip()
    if re.fullmatch(r"(หมวด|ส่วนที่)\s*[๐-๙0-9]+", text) and len(lines) > 1:
        text = f"{text} {lines[1]}"  # "หมวด ๑" with its title on the next line
    return text[:120]


def split_sections(doc: Document) -> list[_Section]:
    """Paragraphs grouped under the nearest heading; the heading path reads "chapter › section"."""
    stack: dict[int, str] = {}
    sections: list[_Section] = [_Section(heading=None)]
    for page in doc.pages:
        for paragraph in (p.strip() for p in page.text.split("\n\n")):
            if not paragraph:
                continue
            level = heading_level(paragraph)
            if level is not None:
                stack = {k: v for k, v in stack.items() if k < level}
                stack[level] = _heading_text(paragraph, level)
                sections.append(_Section(heading=" › ".join(stack[k] for k in sorted(stack))))
            sections[-1].add(paragraph, page.number)
    return [s for s in sections if s.text.strip()]


def _units(section: _Section, language: str, limit: int) -> list[tuple[int, int]]:
    """(start, end) offsets of sentences; a sentence longer than the limit is cut by LangChain's splitter."""
    from langchain_text_splitters import RecursiveCharacterTextSplitter

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
            splitter = RecursiveCharacterTextSplitter(
                chunk_size=limit, chunk_overlap=0, separators=["\n", "; ", ", ", " ", ""], keep_separator="end"
            )
            inner = 0
            for piece in splitter.split_text(sentence):
                p_start = sentence.find(piece, inner)
                inner = p_start + len(piece)
                spans.append((start + s_start + p_start, start + s_start + inner))
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


def chunk_document(doc: Document, settings: Settings) -> list[Chunk]:
    """Chunks never cross a document; tiny sections (a heading alone) merge into the next one."""
    size, overlap = settings.chunk_size, min(settings.chunk_overlap, settings.chunk_size // 2)
    merged: list[_Section] = []
    carry: _Section | None = None
    for section in split_sections(doc):
        if carry is not None:
            heading_only = "\n\n" not in carry.text and heading_level(carry.text) in (1, 2)
            joined = _Section(heading=section.heading if heading_only or not carry.heading else carry.heading)
            joined.text, joined.page_starts, joined.page_numbers = carry.text, carry.page_starts, carry.page_numbers
            offset = len(joined.text) + 2
            joined.text += "\n\n" + section.text
            for start, number in zip(section.page_starts, section.page_numbers):
                if joined.page_numbers[-1] != number:
                    joined.page_starts.append(offset + start)
                    joined.page_numbers.append(number)
            section, carry = joined, None
        if len(section.text) < size // 5:
            carry = section
            continue
        merged.append(section)
    if carry is not None:
        merged.append(carry)
    chunks: list[Chunk] = []
    for section in merged:
        for start, end, _ in _pack(_units(section, doc.meta.language, size), size, overlap):
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
