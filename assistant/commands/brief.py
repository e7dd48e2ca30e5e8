"""`assistant brief "topic"`: an executive briefing printed as Markdown or JSON, or written to a DOCX/MD/HTML/PDF file."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Literal, get_args

import typer

from assistant.commands.errors import user_errors
from assistant.config import get_settings
from assistant.models import Kind


def _kinds(values: list[str] | None) -> list[Kind] | None:
    from assistant.errors import InvalidRequestError

    if not values:
        return None
    allowed = get_args(Kind)
    unknown = [v for v in values if v not in allowed]
    if unknown:
        raise InvalidRequestError(f"unknown kind {unknown[0]!r}; use one of {', '.join(allowed)}")
    return list(dict.fromkeys(values))  # type: ignore[arg-type]


def brief(
    topic: Annotated[str, typer.Argument(help="What the briefing is about, in Thai or English.")],
    kind: Annotated[list[str] | None, typer.Option("--kind", help="Only documents of this kind (plan, mou, asean, law, guide, other); repeatable.")] = None,
    length: Annotated[Literal["short", "normal"], typer.Option("--length", help="'short' halves the bullets per section.")] = "normal",
    output: Annotated[Path | None, typer.Option("-o", "--output", help="Write to this file; .docx, .md, .html or .pdf picks the format.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the briefing as JSON.")] = False,
    mode: Annotated[Literal["extractive", "llm"] | None, typer.Option("--mode", help="extractive or llm; default llm when ASSISTANT_LLM_BASE_URL is set.")] = None,
) -> None:
    """Make a one-page cited briefing: summary, plan, agreements, ASEAN, figures and gaps."""
    from assistant.briefings.export import export_briefing, format_for_path, to_markdown
    from assistant.service import AssistantService

    settings = get_settings()
    with user_errors():
        fmt = format_for_path(output) if output else None  # refuse a bad suffix before any work
        briefing = AssistantService(settings).brief(topic, kinds=_kinds(kind), length=length, mode=mode)
        if output is not None and fmt is not None:
            output.write_bytes(export_briefing(briefing, fmt, settings))
            typer.echo(f"Wrote {output} ({len(briefing.citations)} sources)", err=as_json)
    if as_json:
        typer.echo(briefing.model_dump_json(indent=2))
    elif output is None:
        sys.stdout.write(to_markdown(briefing).decode("utf-8"))


def register(app: typer.Typer) -> None:
    app.command("brief")(brief)
