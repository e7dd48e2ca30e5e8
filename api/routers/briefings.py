"""Executive briefings over HTTP: the briefing as JSON, or as a file (DOCX, Markdown, printable HTML, PDF)."""

from __future__ import annotations

from typing import Literal

from fastapi import APIRouter, Query, Response
from pydantic import BaseModel, ConfigDict, Field

from api.deps import ContextDep, PrincipalDep
from api.problems import problem_responses
from assistant.access.audit import cited_sources
from assistant.access.principal import Principal
from assistant.briefings.export import MEDIA_TYPES, export_briefing, file_name
from assistant.briefings.models import Briefing
from assistant.models import Kind

router = APIRouter(prefix="/api/v1", tags=["briefings"])

FileFormat = Literal["docx", "md", "html", "pdf"]
FILE_CONTENT = {MEDIA_TYPES[f]: {"schema": {"type": "string", "format": "binary"}} for f in ("docx", "md", "html", "pdf")}


class BriefingRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    topic: str = Field(min_length=1, max_length=2000, description="What the briefing is about, in English or Thai.")
    kinds: list[Kind] | None = Field(None, max_length=6, description="Limit the briefing to these document kinds.")
    length: Literal["short", "normal"] = Field("normal", description="'short' halves the bullets per section.")
    mode: Literal["extractive", "llm"] | None = Field(None, description="Default: llm when configured, else extractive.")
    format: Literal["json"] | FileFormat = Field("json", description="'json' returns the briefing; others a file.")
    language: Literal["en", "th"] | None = Field(None, description="Language of the headings (the reader's); default: the topic's.")


def _build(body: BriefingRequest, principal: Principal, ctx: ContextDep, endpoint: str) -> Briefing:
    briefing = ctx.service.brief(body.topic, kinds=body.kinds, length=body.length, mode=body.mode, principal=principal,
                                 language=body.language)
    ctx.read(principal, endpoint, cited_sources(briefing.citations), subject=body.topic,
             mode=f"briefing-{briefing.mode}")
    return briefing


def _file(briefing: Briefing, fmt: str, ctx: ContextDep) -> Response:
    content = export_briefing(briefing, fmt, ctx.settings)  # ExportUnavailableError -> 503 in the one handler
    disposition = f'attachment; filename="{file_name(briefing, fmt)}"'
    return Response(content, media_type=MEDIA_TYPES[fmt], headers={"Content-Disposition": disposition})


@router.post("/briefings", response_model=Briefing,
             responses={**problem_responses(503), 200: {"content": {"application/json": {}, **FILE_CONTENT}}})
async def post_briefing(body: BriefingRequest, principal: PrincipalDep, ctx: ContextDep) -> Briefing | Response:
    """A cited briefing on the topic from the documents the caller may see; sections without material are left out."""
    return await ctx.answer_workers.run(_briefing, body, principal, ctx)


def _briefing(body: BriefingRequest, principal: Principal, ctx: ContextDep) -> Briefing | Response:
    briefing = _build(body, principal, ctx, "briefing")
    if body.format == "json":
        return briefing
    return _file(briefing, body.format, ctx)


@router.post("/briefings/download", response_class=Response,
             responses={**problem_responses(503), 200: {"content": FILE_CONTENT}})
async def download_briefing(body: BriefingRequest, principal: PrincipalDep, ctx: ContextDep,
                            format: FileFormat = Query("docx", description="File format.")) -> Response:  # noqa: A002
    """The same briefing as a file to save, print or forward; each format ends with its sources list."""
    return await ctx.answer_workers.run(lambda: _file(_build(body, principal, ctx, "briefing-download"), format, ctx))
