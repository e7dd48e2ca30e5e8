"""Footnotes: 'So far, 6 basic smart city services1 have been deployed' names the services only in footnote 1, at the
foot of the page. When a sentence the answer keeps carries a footnote mark, the note joins the answer after it, read
from the chunks that follow on the same page (the passage's neighbours), and cited there.
"""

from __future__ import annotations

import re

from assistant.answer.units import Sentence, chunk_sentences
from assistant.models import Chunk, Passage

# a mark is a digit glued to a word's end ('services1', 'growth.1'): a number of its own is spaced ('6 services')
_MARK = re.compile(r"(?<=[a-z.,;)”’])([1-9])(?=[\s,.;:)]|$)")
_NOTES_MAX = 2


def unmarked(word: str) -> str:
    """The word without a footnote mark glued to it: 'services1' -> 'services'."""
    return _MARK.sub("", word)


def marks(text: str) -> list[int]:
    """The footnote marks a sentence carries, in order."""
    return list(dict.fromkeys(int(m.group(1)) for m in _MARK.finditer(text)))


def _note_at(chunk: Chunk, mark: int) -> int | None:
    """Where in the chunk the note of ``mark`` opens: a line (or a sentence after the previous note) that begins with
    the number and a capital, 'The 6 services are: ...'."""
    found = re.search(rf"(?:^|\n|[.;]\s+){mark}\s+(?=[A-Z“\"(])", chunk.text)
    return found.end() if found else None


def _same_page(passage: Passage, chunk: Chunk) -> bool:
    """A chunk from here to the end of the passage's page; in a document without pages, any of the few after it."""
    own = passage.chunk
    if chunk.ordinal < own.ordinal:
        return False
    if own.page_start is None or chunk.page_start is None:
        return own.page_start is None and chunk.page_start is None
    return chunk.page_start <= (own.page_end or own.page_start)


def _notes_of(sentence: Sentence, passages: list[Passage], language: str, taken: set[str]) -> list[Sentence]:
    """The notes a sentence's marks point to, found in its chunk or the chunks after it on the same page."""
    passage = passages[sentence.rank]
    notes: list[Sentence] = []
    for mark in marks(sentence.text)[:_NOTES_MAX]:
        for chunk in [passage.chunk, *passage.neighbours]:
            if chunk.doc_id != passage.chunk.doc_id or not _same_page(passage, chunk):
                continue
            at = _note_at(chunk, mark)
            if at is None:
                continue
            rank = next((n for n, p in enumerate(passages) if p.chunk.id == chunk.id), None)
            if rank is None:
                rank = len(passages)
                passages.append(passage.sibling(chunk))
            opening = chunk.text[at:].split()[:4]
            note = next((s for s in chunk_sentences(chunk, passage.meta.language, rank, language)
                         if opening and s.text.split()[:len(opening)] == opening), None)
            if note is not None and note.key not in taken:
                taken.add(note.key)
                notes.append(note)
            break
    return notes


def with_footnotes(chosen: list[Sentence], passages: list[Passage], language: str) -> list[Sentence]:
    """``chosen`` with the notes each sentence's marks point to, right after it. A note's chunk joins ``passages``
    (so that it can be cited) when it is not there yet."""
    taken = {c.key for c in chosen}
    out: list[Sentence] = []
    for sentence in chosen:
        out.append(sentence)
        out += _notes_of(sentence, passages, language, taken)
    return out
