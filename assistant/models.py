"""Typed records that cross module boundaries: File -> Page -> Chunk -> Passage -> Answer with Citations.

A citation is built from the retrieved passage and travels with it; it is never parsed back out of prose.
"""

from __future__ import annotations

from datetime import date as calendar_date
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

Kind = Literal["plan", "mou", "asean", "law", "guide", "other"]
Access = str  # "public", "internal", or "restricted:<group>[,<group>...]"


class Page(BaseModel):
    """One page of a document (a whole text file is page 1 with ``number=None`` shown to users)."""

    number: int | None = Field(None, description="1-based PDF page index; None for formats without pages.")
    label: str | None = Field(None, description="The page label printed on the page, when the PDF has one.")
    text: str = Field(description="Cleaned display text.")


class DocumentMeta(BaseModel):
    # Frozen: the record store hands the same parsed metadata to every question (copying the whole table for each
    # question grew with the documents), so no caller may change it.
    model_config = ConfigDict(frozen=True)

    doc_id: str = Field(description="Stable id: the file name relative to the ingested folder.")
    source: str = Field(description="The document's file name.")
    title: str
    kind: Kind = "other"
    date: str | None = Field(None, description="ISO date (YYYY or YYYY-MM or YYYY-MM-DD) of issue or signature.")
    parties: list[str] = Field(default_factory=list)
    language: str = Field("en", description="'th' or 'en', detected from the share of Thai script.")
    access: Access = "public"
    sha256: str = ""
    pages: int = 0
    ingested_at: str | None = Field(None, description="ISO time the document was last ingested (filled by the record store).")


class Document(BaseModel):
    meta: DocumentMeta
    pages: list[Page]
    unreadable_pages: list[int] = Field(default_factory=list, description="Pages with no text layer that OCR could not read.")
    ocr_pages: list[int] = Field(default_factory=list)
    ocr_seconds: float = 0.0


class Chunk(BaseModel):
    id: str
    doc_id: str
    text: str = Field(description="Display text, exactly as cited.")
    page_start: int | None = None
    page_end: int | None = None
    heading: str | None = None
    ordinal: int = Field(0, description="Position of the chunk in its document.")

    def embedding_text(self, title: str) -> str:
        """Title and heading give the embedder context that the bare passage lacks."""
        parts = [title]
        if self.heading:
            parts.append(self.heading)
        parts.append(self.text)
        return "\n".join(parts)


class Filters(BaseModel):
    model_config = {"extra": "forbid"}

    kinds: list[Kind] | None = None
    doc_ids: list[str] | None = None
    language: Literal["th", "en"] | None = None
    date_from: str | None = Field(None, pattern=r"^\d{4}(-\d{2}(-\d{2})?)?$")
    date_to: str | None = Field(None, pattern=r"^\d{4}(-\d{2}(-\d{2})?)?$")

    @field_validator("date_from", "date_to")
    @classmethod
    def _real_date(cls, value: str | None) -> str | None:
        """'2020-13' would compare as text and silently match nothing (or everything): it is refused instead."""
        if value is not None:
            year, month, day = (value.split("-") + ["01", "01"])[:3]
            try:
                calendar_date(int(year), int(month), int(day))
            except ValueError:
                raise ValueError(f"{value!r} is not a date") from None
        return value

    @model_validator(mode="after")
    def _ordered(self) -> Filters:
        if self.date_from and self.date_to:
            n = min(len(self.date_from), len(self.date_to))
            if self.date_from[:n] > self.date_to[:n]:
                raise ValueError(f"date_from {self.date_from} is after date_to {self.date_to}")
        return self


class Passage(BaseModel):
    """A retrieved chunk with its document metadata and fused score."""

    chunk: Chunk
    meta: DocumentMeta
    score: float
    dense_score: float | None = None
    lexical_score: float | None = None
    also_in: list[DocumentMeta] = Field(default_factory=list, description="Near-duplicate copies collapsed into this passage.")
    duplicates: list[Chunk] = Field(default_factory=list, description="The collapsed copies themselves (their pages keep them citable).")
    neighbours: list[Chunk] = Field(default_factory=list, description="The chunks just before and after it in its document (by ordinal): an answer or a list cut at a chunk edge continues there.")
    referenced: list[Chunk] = Field(default_factory=list, description="The chunks that open the sections it refers to ('under section 14'), in its document.")
    opening: Chunk | None = Field(None, description="The first chunk of its document, where its title, date and place stand (none when it is that chunk): a briefing on the document opens with them.")

    def sibling(self, chunk: Chunk, score: float | None = None) -> Passage:
        """Another chunk of this passage's document as a passage of its own: a neighbour an answer reads on into, a
        referenced section, a footnote. It brings no neighbours, references or collapsed copies of its own."""
        return self.model_copy(update={"chunk": chunk, "neighbours": [], "referenced": [], "opening": None,
                                       "also_in": [], "duplicates": [],
                                       "score": self.score if score is None else score})


class SourceRef(BaseModel):
    """Another document that prints the same passage (a collapsed near-duplicate)."""

    source: str
    title: str
    page: int | None = None


class Citation(BaseModel):
    n: int
    source: str
    doc_id: str | None = Field(None, description="Document id, for links to the original file and page text.")
    title: str
    kind: Kind
    page: int | None
    text: str
    score: float
    also_in: list[SourceRef] = Field(default_factory=list, description="Near-duplicate copies of this passage in other documents.")
    highlights: list[tuple[int, int]] = Field(
        default_factory=list,
        description="Character spans [start, end) of `text` that hold the sentences supporting the answer, in order.")


class Answer(BaseModel):
    answer: str
    found: bool
    mode: Literal["extractive", "llm"]
    citations: list[Citation] = Field(default_factory=list)
    related: list[Citation] = Field(default_factory=list, description="Closest passages offered when found is false.")
    question: str = Field(description="The question as searched (after any rewrite).")
    fallback_reason: str | None = Field(None, description="Why LLM mode fell back to extractive mode.")
    agreements: list[str] = Field(default_factory=list, description="For a question about the set of agreements: the ids of the register records the answer counted.")
    language: str = "en"
