"""Executive briefings: a topic becomes a short, sectioned, cited document an executive can read in a minute.

Each section retrieves on its own with a kind filter (and the caller's access), so a section never borrows from a
document kind it does not describe and never shows a document the caller may not see. Bullets are sentences chosen
by the extractive answerer's selection; with an LLM configured they are rewritten and validated like answers.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal, Protocol

import numpy as np

from assistant.access.principal import LOCAL_ADMIN, Principal
from assistant.answer.citations import citation_for
from assistant.answer.extractive import rank_sentences
from assistant.answer.units import Sentence
from assistant.briefings.models import Briefing, BriefingBullet, BriefingSection, Length, SectionKey
from assistant.briefings.points import PAGE_WORDS, bullet_worthy, tidy, without_repeats
from assistant.config import Settings
from assistant.embedding.embedders import Embedder
from assistant.errors import InvalidRequestError
from assistant.models import Citation, Filters, Kind, Passage
from assistant.retrieval.support import content_terms, terms
from assistant.text.normalise import detect_language, is_blank
from assistant.text.quoting import quoted

PageLookup = Callable[[str, int], str | None]
_PASSAGES_PER_SECTION = 8
_FIGURE = re.compile(
    r"\d{2,}|\d+(?:\.\d+)?\s*%|[๐-๙]{2,}|\b(?:January|February|March|April|(?-i:May)|June|July|August|September|October|"
    r"November|December|million|billion|percent)\b|พ\.ศ\.|ร้อยละ|ล้าน",
    re.IGNORECASE,
)
# Section and clause numbers are references, not figures: "มาตรา ๖๔", "Section 5", "(๑๐)".
_REFERENCE = re.compile(r"(?:มาตรา|ข้อ|section|article|clause|chapter)\s*[\d๐-๙]+|\([\d๐-๙]+\)", re.IGNORECASE)


def _has_figure(text: str) -> bool:
    return bool(_FIGURE.search(_REFERENCE.sub(" ", text)))


class PassageSearch(Protocol):
    """What a briefing needs from retrieval: `assistant.retrieval.retriever.Retriever` satisfies it."""

    embedder: Embedder | None

    def search(self, query: str, k: int | None = None, filters: Filters | None = None,
               allowed_access: Callable[[str], bool] | None = None) -> list[Passage]: ...

    def embed_query(self, query: str) -> np.ndarray: ...


@dataclass(frozen=True)
class SectionSpec:
    key: SectionKey
    heading: dict[str, str]
    kinds: tuple[Kind, ...] | None  # None: every kind the caller asked for
    keep: Callable[[str], bool] = lambda text: True


SECTIONS: tuple[SectionSpec, ...] = (
    SectionSpec("plan", {"en": "What our plan says", "th": "แผนของเราว่าอย่างไร"}, ("plan",)),
    SectionSpec("agreements", {"en": "Agreements and partners", "th": "ข้อตกลงและหุ้นส่วน"}, ("mou", "guide")),
    SectionSpec("asean", {"en": "ASEAN frameworks and commitments", "th": "กรอบและพันธกรณีอาเซียน"}, ("asean",)),
    SectionSpec("law", {"en": "What the law says", "th": "กฎหมายกำหนดไว้อย่างไร"}, ("law",)),
    SectionSpec("figures", {"en": "Figures and dates", "th": "ตัวเลขและวันที่"}, None, keep=_has_figure),
)
GAPS_HEADING = {"en": "Gaps: what the documents do not say", "th": "ช่องว่าง: สิ่งที่เอกสารไม่ได้กล่าวถึง"}
TITLE = {"en": "Briefing: {topic}", "th": "สรุปประเด็น: {topic}"}
KIND_NAMES = {
    "en": {"plan": "plan", "mou": "agreement (MOU)", "guide": "guide", "asean": "ASEAN", "law": "law", "other": "other"},
    "th": {"plan": "แผน", "mou": "บันทึกความเข้าใจ (MOU)", "guide": "คู่มือ", "asean": "อาเซียน", "law": "กฎหมาย",
           "other": "อื่น ๆ"},
}
GAP_TEXT = {
    "kind": {"en": "No {kind} document covers this topic.",
             "th": "ไม่มีเอกสารประเภท {kind} ที่กล่าวถึงหัวข้อนี้"},
    "term": {"en": "No passage found mentions “{term}”.", "th": "ไม่พบข้อความที่กล่าวถึง “{term}”"},
}


class Numbering:
    """One number per passage and page: two sentences quoted from the same passage page share their [n], and the
    citation's text (what the viewer shows) always holds the sentence."""

    def __init__(self, page_lookup: PageLookup | None) -> None:
        self.page_lookup = page_lookup
        self.citations: list[Citation] = []
        self._index: dict[tuple[str, int | None], int] = {}  # (chunk id, page) -> n

    def cite(self, passage: Passage, sentence: str) -> int:
        citation = citation_for(passage, len(self.citations) + 1, sentence, self.page_lookup)
        key = (passage.chunk.id, citation.page)
        if key not in self._index:
            self.citations.append(citation.model_copy(update={"doc_id": passage.meta.doc_id}))
            self._index[key] = citation.n
        n = self._index[key]
        cited = self.citations[n - 1]
        start = cited.text.find(sentence)
        if start >= 0 and (start, start + len(sentence)) not in cited.highlights:  # the viewer marks the quoted sentence
            cited.highlights = sorted([*cited.highlights, (start, start + len(sentence))])
        return n


@dataclass
class Picked:
    """A chosen sentence with what ordering and the summary need."""

    sentence: Sentence
    passage: Passage
    section: SectionKey


def _kinds_for(spec: SectionSpec, requested: list[Kind] | None) -> list[Kind] | None:
    if spec.kinds is None:
        return list(requested) if requested else None
    if requested is None:
        return list(spec.kinds)
    return [k for k in spec.kinds if k in requested]


def _pick(topic: str, spec: SectionSpec, passages: list[Passage], settings: Settings, limit: int,
          used: set[str], query_vector: np.ndarray | None, embedder: Embedder | None) -> list[Picked]:
    """The answer engine's own ranking and refusal: a section whose passages do not answer the topic stays empty."""
    if not passages:
        return []
    ranked = rank_sentences(topic, passages, settings, query_vector=query_vector, embedder=embedder)
    on_topic = not ranked.refused if ranked.cross_lingual else ranked.matched  # across languages words cannot match
    if not on_topic:
        return []
    picked: list[Picked] = []
    for sentence in ranked.sentences:
        same = " ".join(tidy(sentence.text).lower().split())  # the same words quoted from another copy
        if sentence.key in used or same in used or not spec.keep(sentence.text) or not bullet_worthy(tidy(sentence.text)):
            continue
        picked.append(Picked(sentence, ranked.passages[sentence.rank], spec.key))
        used.update((sentence.key, same))
        if len(picked) >= limit:
            break
    return picked


def _ordered(picked: list[Picked]) -> list[Picked]:
    """Grouped by passage (best passage first), then in reading order inside it: sentences keep their context."""
    best: dict[int, float] = {}
    for p in picked:
        best[p.sentence.rank] = max(best.get(p.sentence.rank, 0.0), p.sentence.score)
    return sorted(picked, key=lambda p: (-best[p.sentence.rank], p.sentence.rank, p.sentence.position))


def _gaps(topic: str, language: str, requested: list[Kind] | None, empty_kinds: list[Kind],
          found: list[Passage], retrieved: list[Passage]) -> list[BriefingBullet]:
    bullets = [BriefingBullet(text=GAP_TEXT["kind"][language].format(kind=KIND_NAMES[language][k])) for k in empty_kinds]
    covered: set[str] = set()
    for passage in retrieved:
        covered.update(terms(passage.chunk.text))
    missing = [t for t in content_terms(topic) if t not in covered]
    if detect_language(topic) == "en":  # across languages a missing word proves nothing: the documents are in the other one
        bullets += [BriefingBullet(text=GAP_TEXT["term"][language].format(term=t)) for t in missing]
    if requested:
        named = {k for spec in SECTIONS if spec.kinds for k in spec.kinds}
        for kind in requested:
            if kind not in named and not any(p.meta.kind == kind for p in found):
                bullets.append(BriefingBullet(text=GAP_TEXT["kind"][language].format(kind=KIND_NAMES[language][kind])))
    return bullets


def _extractive_bullets(topic: str, picked: list[Picked], numbering: Numbering) -> list[BriefingBullet]:
    return [BriefingBullet(text=tidy(quoted(p.sentence.text)), citations=[numbering.cite(p.passage, p.sentence.text)])
            for p in picked]


BulletWriter = Callable[[str, list[Picked], Numbering], list[BriefingBullet]]


def build_briefing(
    topic: str,
    *,
    retriever: PassageSearch,
    settings: Settings,
    kinds: list[Kind] | None = None,
    length: Length = "normal",
    principal: Principal = LOCAL_ADMIN,
    page_lookup: PageLookup | None = None,
    writer: BulletWriter | None = None,
    today: dt.date | None = None,
    language: Literal["th", "en"] | None = None,
) -> Briefing:
    """Extractive by default; ``writer`` (see `assistant.briefings.llm`) rewrites each section's chosen sentences.
    ``language`` sets the headings (the reader's interface); by default the topic's language does.

    One page: each section picks one point more than it keeps, the summary takes every section's strongest point,
    and that point then leaves its section, so no point is printed twice."""
    topic = " ".join(topic.split())
    if is_blank(topic):
        raise InvalidRequestError("the briefing topic is empty")
    if len(topic) > settings.max_question_chars:
        raise InvalidRequestError(f"the topic is longer than {settings.max_question_chars} characters")
    language = language or detect_language(topic)
    keep = max(1, settings.briefing_bullets // 2) if length == "short" else max(1, settings.briefing_bullets - 1)
    limit = keep + 1
    embedder = getattr(retriever, "embedder", None)
    query_vector = retriever.embed_query(topic) if embedder is not None else None
    numbering = Numbering(page_lookup)
    write = writer or _extractive_bullets
    used: set[str] = set()
    sections: list[BriefingSection] = []
    firsts: list[tuple[float, BriefingBullet]] = []
    found: list[Passage] = []
    retrieved: list[Passage] = []
    empty_kinds: list[Kind] = []
    for spec in SECTIONS:
        section_kinds = _kinds_for(spec, kinds)
        if section_kinds == []:
            continue  # the caller left this section's kinds out
        filters = Filters(kinds=section_kinds) if section_kinds else None
        passages = retriever.search(topic, _PASSAGES_PER_SECTION, filters, principal.can_see)
        retrieved += passages
        picked = _ordered(_pick(topic, spec, passages, settings, limit, used, query_vector, embedder))
        found += [p.passage for p in picked]
        if not picked:
            if spec.kinds is not None:
                empty_kinds += [k for k in section_kinds or [] if k not in empty_kinds]
            continue
        bullets = write(topic, picked, numbering) or _extractive_bullets(topic, picked, numbering)
        sections.append(BriefingSection(key=spec.key, heading=spec.heading[language], bullets=bullets))
        strength = [p.sentence.score for p in picked]
        firsts += list(zip(sorted(strength, reverse=True), _by_strength(bullets, picked), strict=False))
    if not found:
        return Briefing(topic=topic, title=TITLE[language].format(topic=topic),
                        date=(today or dt.date.today()).isoformat(), summary=[], sections=[], citations=[],
                        mode="extractive", language=language, kinds=kinds)
    gaps = _gaps(topic, language, kinds, empty_kinds, found, retrieved)
    if gaps:
        sections.append(BriefingSection(key="gaps", heading=GAPS_HEADING[language], bullets=gaps))
    summary = _summary(sections, firsts, 3 if length == "short" else 4)
    sections = without_repeats(sections, summary, keep, PAGE_WORDS[length])
    return Briefing(
        topic=topic, title=TITLE[language].format(topic=topic), date=(today or dt.date.today()).isoformat(),
        summary=summary, sections=sections,
        citations=numbering.citations, mode="llm" if writer else "extractive", language=language, kinds=kinds,
    )


def _by_strength(bullets: list[BriefingBullet], picked: list[Picked]) -> list[BriefingBullet]:
    """Bullets in the order of their sentence's score (LLM bullets follow the order the sentences came in)."""
    if len(bullets) != len(picked):
        return bullets
    order = sorted(range(len(picked)), key=lambda i: -picked[i].sentence.score)
    return [bullets[i] for i in order]


def _summary(sections: list[BriefingSection], ranked: list[tuple[float, BriefingBullet]],
             size: int) -> list[BriefingBullet]:
    """Each section's strongest bullet first, so the summary spans the sections; then the next strongest."""
    strength = {id(b): score for score, b in ranked}
    firsts = [max(s.bullets, key=lambda b: strength.get(id(b), 0.0)) for s in sections if s.key != "gaps"]
    firsts.sort(key=lambda b: -strength.get(id(b), 0.0))
    rest = [b for _, b in sorted(ranked, key=lambda sb: -sb[0]) if all(b is not f for f in firsts)]
    return [b.model_copy() for b in (firsts + rest)[:size]]
