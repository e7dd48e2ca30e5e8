"""The briefing record shared by the builder, the exporters, the CLI and the API, so each reads one shape."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

from assistant.models import Citation, Kind

SectionKey = Literal["plan", "agreements", "asean", "law", "figures", "gaps"]
Length = Literal["short", "normal"]


class BriefingBullet(BaseModel):
    text: str = Field(description="One sentence; extractive bullets quote the document, LLM bullets paraphrase it.")
    citations: list[int] = Field(default_factory=list, description="Numbers into Briefing.citations; empty only for gaps.")


class BriefingSection(BaseModel):
    key: SectionKey
    heading: str
    bullets: list[BriefingBullet]


class Briefing(BaseModel):
    topic: str
    title: str
    date: str = Field(description="ISO date the briefing was made.")
    summary: list[BriefingBullet] = Field(description="3-5 bullets, or fewer when the documents hold less.")
    sections: list[BriefingSection]
    citations: list[Citation] = Field(default_factory=list, description="Sources, numbered as cited in the bullets.")
    mode: Literal["extractive", "llm"] = "extractive"
    fallback_reason: str | None = None
    language: Literal["th", "en"] = "en"
    kinds: list[Kind] | None = Field(None, description="Kinds the caller limited the briefing to, if any.")

    def citation(self, n: int) -> Citation | None:
        return next((c for c in self.citations if c.n == n), None)
