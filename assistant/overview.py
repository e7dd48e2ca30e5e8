"""What the assistant holds, for a first-time user: documents by kind and example questions drawn from the indexed
documents' own titles and section headings, so the examples fit whatever corpus is loaded (nothing is hard-coded).

A heading is a good topic when it names something (letters, a few words) and the document spends several chunks
on it; numbering ("2|", "Chapter 3", "หมวด ๒") and structural headings (contents, appendix) are not topics.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable

from pydantic import BaseModel, Field

from assistant.models import DocumentMeta, Kind
from assistant.text.normalise import detect_language

Language = str  # "en" or "th"

EXAMPLES_MAX = 6
_PATH_SEP = " \u203a "
_NUMBERING = re.compile(
    r"^(?:(?:chapter|part|section|article|annex|หมวด|ส่วนที่|มาตรา|ข้อ)\s*)?[\d๐-๙IVXivx]+[.|:)\s-]*\s*", re.IGNORECASE)
_DIGIT = re.compile(r"[\d๐-๙]")
_LETTERS = re.compile(r"[A-Za-z\u0e00-\u0e7f]")
# Headings that organise a document rather than say what it is about (generic words of document structure).
_STRUCTURAL = frozenset({
    "overview", "introduction", "appendix", "appendices", "annex", "contents", "acknowledgements",
    "acknowledgments", "foreword", "preface", "glossary", "references", "bibliography", "abbreviations",
    "acronyms", "summary", "background", "conclusion", "conclusions", "vision", "scope", "back", "table",
    "figure", "exhibit", "list", "notes"
})
_MAX_WORDS = 6
_MAX_THAI_CHARS = 40
TEMPLATES: dict[str, dict[str, str]] = {
    "en": {"heading": "What does the {title} say about {topic}?", "title": "What are the main points of the {title}?"},
    "th": {"heading": "{title} กล่าวถึง {topic} ไว้อย่างไร", "title": "{title} มีสาระสำคัญอะไรบ้าง"},
}


class ExampleQuestion(BaseModel):
    question: str
    doc_id: str = Field(description="The document the question was drawn from.")


class Overview(BaseModel):
    """The start screen's content: what is indexed, and questions it can answer."""

    documents: int = Field(description="Documents the caller may see.")
    kinds: dict[str, int] = Field(description="Documents per kind (plan, mou, asean, law, guide, other).")
    examples: list[ExampleQuestion] = Field(description="4-6 example questions in the requested language.")
    language: str = Field(description="Language of the example questions: 'en' or 'th'.")


def short_title(title: str) -> str:
    """The title without its parenthesised translation or trailing qualifiers: 'Act B.E. 2528 (...), consolidated'."""
    cut = re.split(r"\s\(|,\s|:\s", title, maxsplit=1)[0].strip()
    cut = cut if len(cut) >= 4 else title.strip()
    return re.sub(r"^the\s+", "", cut, flags=re.IGNORECASE)  # the templates supply the article


def topic_of(segment: str) -> str | None:
    """A heading segment as a topic, or None when it is numbering, structure, a label ending in ':' or too long."""
    text = _NUMBERING.sub("", segment.strip()).strip(" .-–|")
    if not text or text.endswith(":") or _DIGIT.search(text) or len(_LETTERS.findall(text)) < 4:
        return None
    words = text.split()
    if detect_language(text) == "th":
        if len(text) > _MAX_THAI_CHARS:
            return None
    elif len(words) > _MAX_WORDS or len(words) < 1:
        return None
    if text.isupper() or any(w.lower().strip("&,") in _STRUCTURAL for w in words):
        return None  # all capitals: a letterhead or a banner more often than a section
    return text


def best_topics(headings: Iterable[tuple[str, str, int]]) -> dict[str, list[str]]:
    """Per document, its topics by the number of chunks under them (a segment counts for every path it heads)."""
    weight: dict[str, Counter[str]] = defaultdict(Counter)
    for doc_id, path, count in headings:
        for segment in path.split(_PATH_SEP):
            topic = topic_of(segment)
            if topic:
                weight[doc_id][topic] += count
    return {doc: [t for t, n in counts.most_common() if n >= 2] for doc, counts in weight.items()}


def example_questions(docs: list[DocumentMeta], headings: Iterable[tuple[str, str, int]], language: Language,
                      limit: int = EXAMPLES_MAX) -> list[ExampleQuestion]:
    """One question per document, taking kinds in turn so the examples span what is held; documents in the
    interface language come first within a kind."""
    topics = best_topics(headings)
    templates = TEMPLATES.get(language, TEMPLATES["en"])
    by_kind: dict[Kind, list[DocumentMeta]] = defaultdict(list)
    for meta in sorted(docs, key=lambda m: (m.language != language, -len(topics.get(m.doc_id, [])), m.doc_id)):
        by_kind[meta.kind].append(meta)
    order = sorted(by_kind, key=lambda k: -len(by_kind[k]))
    out: list[ExampleQuestion] = []
    seen_titles: set[str] = set()
    while len(out) < limit and any(by_kind[k] for k in order):
        for kind in order:
            if not by_kind[kind] or len(out) >= limit:
                continue
            meta = by_kind[kind].pop(0)
            title = short_title(meta.title)
            if title.lower() in seen_titles:
                continue
            seen_titles.add(title.lower())
            found = [t for t in topics.get(meta.doc_id, []) if t.lower() not in title.lower()]
            text = (templates["heading"].format(title=title, topic=found[0]) if found
                    else templates["title"].format(title=title))
            out.append(ExampleQuestion(question=text, doc_id=meta.doc_id))
    return out


def build_overview(docs: list[DocumentMeta], headings: Iterable[tuple[str, str, int]], language: Language) -> Overview:
    visible = {m.doc_id for m in docs}
    kinds = Counter(m.kind for m in docs)
    examples = example_questions(docs, [h for h in headings if h[0] in visible], language)
    return Overview(documents=len(docs), kinds=dict(kinds.most_common()), examples=examples, language=language)
