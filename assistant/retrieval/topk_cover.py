"""What a good top k must hold besides the best fused scores, and the swaps that make it hold it.

A question spanning years needs a passage for each year; a question naming a distinctive heading in full (a city's
profile, a chapter) needs a passage from that section, even where fusion ranked it just below the top k.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

from assistant.models import Chunk, DocumentMeta, Passage
from assistant.retrieval.support import content_terms

_YEAR_IN_TEXT = re.compile(r"(?<![\d.])(?:19|20)\d\d(?!\d|\.\d|%)")  # a sentence may end on a year
_DISTINCTIVE_SHARE, _DISTINCTIVE_MIN = 0.1, 3
_CAPITALISED_RUN = re.compile(r"[A-Z][\w&-]*(?:\s+[A-Z][\w&-]*)*")
_NAME_WORDS = 3  # 'Bangkok', 'Kota Kinabalu', 'Bandar Seri Begawan'


@lru_cache(maxsize=4096)
def heading_terms(heading: str | None) -> frozenset[str]:
    return frozenset(content_terms(heading)) if heading else frozenset()


Want = Callable[[Chunk, DocumentMeta], bool]


def _dated(meta: DocumentMeta, year: str) -> bool:
    return year in meta.title or (meta.date or "").startswith(year)


def wants_of(query: str, candidates: list[Chunk], metas: dict[str, DocumentMeta] | None = None) -> list[Want]:
    """What a good top k must hold besides the best scores: a passage for each year of a question spanning years
    ("in 2019 and in 2025"), from that year's document where one is dated or titled so ("between the 2018 plan and
    the 2019 report": a later report recalling 2019 is not it), and one from each section whose distinctive heading
    the question names in full ("Bangkok's action plan": the 'Bangkok' profile, whose 'OVERVIEW' never says
    'Bangkok')."""
    wants: list[Want] = []
    years = list(dict.fromkeys(m.group(0) for m in _YEAR_IN_TEXT.finditer(query)))
    if len(years) >= 2:
        held = {c.doc_id for c in candidates}
        docs = [m for doc_id, m in (metas or {}).items() if doc_id in held]
        for year in years:
            if any(_dated(m, year) for m in docs):
                wants.append(lambda c, m, y=year: _dated(m, y))
            else:
                wants.append(lambda c, m, y=year: y in c.text or _dated(m, y))
    q_terms = set(content_terms(query))
    distinctive = _distinctive_parts(candidates)
    named = {part for c in candidates for part in heading_parts(c.heading)
             if part in distinctive and heading_terms(part) and heading_terms(part) <= q_terms}
    wants += [lambda c, m, p=part: p in heading_parts(c.heading) for part in sorted(named)]
    return wants


def named_headings(query: str) -> list[str]:
    """Runs of capitalised words in the question and their parts, as a section heading would spell them: a city's
    profile is headed by its name, and its first chunk may share no other word with the question."""
    names: list[str] = []
    for run in _CAPITALISED_RUN.findall(query):
        words = run.split()
        names += [" ".join(words[i:j]) for i in range(len(words))
                  for j in range(i + 1, min(len(words), i + _NAME_WORDS) + 1)]
    return list(dict.fromkeys(names))


def missing(wants: list[Want], top: list[tuple[Chunk, DocumentMeta]],
             ordered: list[tuple[Chunk, DocumentMeta]]) -> list[str]:
    """Ids of the first candidate (in ``ordered``) for each want the top lacks, from the document the top ranks
    best where several have it (the 'Bangkok' of the action plans the question is about, not of another report)."""
    extra: list[str] = []
    docs = {c.doc_id: n for n, (c, _) in reversed(list(enumerate(top)))}  # each document's best rank
    for want in wants:
        if any(want(c, m) for c, m in top):
            continue
        fits = [c for c, m in ordered if want(c, m)]
        best = min(fits, key=lambda c: docs.get(c.doc_id, len(top))).id if fits else None
        if best is not None and best not in extra:
            extra.append(best)
    return extra


def cover(wants: list[Want], kept: list[Passage], rest: list[Passage]) -> list[Passage]:
    """Each missing want's passage takes the place of the last passage that no other want needs; ranks above it
    stay put, so this fills gaps without reordering what fusion found."""
    kept = list(kept)
    for want in wants:
        if not kept or any(want(p.chunk, p.meta) for p in kept):
            continue
        best = next((p for p in rest if want(p.chunk, p.meta)), None)
        if best is None:
            continue
        for index in range(len(kept) - 1, 0, -1):
            needed = any(w(kept[index].chunk, kept[index].meta)
                         and sum(w(p.chunk, p.meta) for p in kept) == 1 for w in wants)
            if not needed and kept[index] not in rest:
                kept[index] = best
                break
    return kept


def heading_parts(heading: str | None) -> list[str]:
    """'Bangkok › Smart City Projects' -> ['Bangkok', 'Smart City Projects'] (as ingest.chunking joins them)."""
    return heading.split(" › ") if heading else []


def _distinctive_parts(chunks: list[Chunk]) -> set[str]:
    """Heading parts that head few of the candidates ('Bangkok', 'Core Elements'), unlike a label repeated in every
    profile ('OVERVIEW', 'SUPPORT REQUIRED')."""
    counts: dict[str, int] = {}
    for chunk in chunks:
        for part in set(heading_parts(chunk.heading)):
            counts[part] = counts.get(part, 0) + 1
    limit = max(_DISTINCTIVE_MIN, _DISTINCTIVE_SHARE * len(chunks))
    return {part for part, n in counts.items() if n <= limit}
