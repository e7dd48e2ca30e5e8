"""Citations built from retrieved passages (never parsed back out of prose), and the refusal answer.

A chunk can span two pages; the page cited is the one that prints the quoted sentence, found in the stored
page text, so that "p. N" takes the reader to the sentence and not just near it.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from assistant.models import Answer, Citation, Passage, SourceRef

PageLookup = Callable[[str, int], str | None]
_SPACE = re.compile(r"\s+")
_PROBE_CHARS = 60


def _squash(text: str) -> str:
    """Compare without whitespace: Thai line joins and hard wraps differ between page and chunk text."""
    return _SPACE.sub("", text)


def sentence_page(passage: Passage, sentence: str | None, page_lookup: PageLookup | None) -> int | None:
    chunk = passage.chunk
    start, end = chunk.page_start, chunk.page_end or chunk.page_start
    if start is None or end is None or start == end or not sentence or page_lookup is None:
        return start
    probe = _squash(sentence)[:_PROBE_CHARS]
    for page in range(start, end + 1):
        text = page_lookup(chunk.doc_id, page)
        if text and probe and probe in _squash(text):
            return page
    return start


def _also_in(passage: Passage) -> list[SourceRef]:
    """A near-duplicate is cited from every document that prints it, with the page where it stands there."""
    pages = {c.doc_id: c.page_start for c in reversed(passage.duplicates)}
    return [SourceRef(source=m.source, title=m.title, page=pages.get(m.doc_id)) for m in passage.also_in]


def citation_for(passage: Passage, n: int, sentence: str | None = None,
                 page_lookup: PageLookup | None = None) -> Citation:
    return Citation(
        n=n,
        source=passage.meta.source,
        doc_id=passage.meta.doc_id,
        title=passage.meta.title,
        kind=passage.meta.kind,
        page=sentence_page(passage, sentence, page_lookup),
        text=passage.chunk.text,
        score=round(float(passage.score), 6),
        also_in=_also_in(passage),
    )


def related_citations(passages: list[Passage], limit: int = 3) -> list[Citation]:
    return [citation_for(p, n) for n, p in enumerate(passages[:limit], start=1)]


def refusal_answer(
    question: str,
    passages: list[Passage],
    language: str,
    page_lookup: PageLookup | None = None,
    searched: str | None = None,
) -> Answer:
    """Say plainly that the documents do not cover it, and offer what came closest."""
    from assistant.llm.prompts import refusal_for

    return Answer(answer=refusal_for(language), found=False, mode="extractive", citations=[],
                  related=related_citations(passages), question=searched or question, language=language)
