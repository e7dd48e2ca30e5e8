"""`assistant ask "question"`: one cited answer from the command line."""

from __future__ import annotations

from typing import Annotated, Literal

import typer

from assistant.commands.errors import user_errors
from assistant.config import get_settings
from assistant.models import Answer, Filters, Kind


def format_answer(answer: Answer) -> str:
    """The answer, then its numbered sources, so that every [n] can be looked up."""
    lines = [answer.answer, ""]
    if answer.fallback_reason:
        lines.insert(0, f"(extractive answer: {answer.fallback_reason})")
    sources = answer.citations if answer.found else answer.related
    if sources:
        lines.append("Sources:" if answer.found else "Related passages:")
    for c in sources:
        page = f" p. {c.page}" if c.page is not None else ""
        also = "".join(f"; also in {r.source}" + (f" p. {r.page}" if r.page else "") for r in c.also_in)
        lines.append(f"[{c.n}] {c.title} — {c.source}{page}{also}")
    return "\n".join(lines).rstrip()


def ask(
    question: Annotated[str, typer.Argument(help="The question, in Thai or English.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print the answer as JSON.")] = False,
    kind: Annotated[list[str] | None, typer.Option("--kind", help="Only documents of this kind (plan, mou, asean, law, guide, other); repeatable.")] = None,
    doc: Annotated[list[str] | None, typer.Option("--doc", help="Only this document id; repeatable.")] = None,
    lang: Annotated[Literal["th", "en"] | None, typer.Option("--lang", help="Only documents in this language.")] = None,
    top_k: Annotated[int | None, typer.Option("--top-k", min=1, max=50, help="Passages to retrieve.")] = None,
    mode: Annotated[Literal["extractive", "llm"] | None, typer.Option("--mode", help="extractive (no LLM) or llm; default llm when ASSISTANT_LLM_BASE_URL is set.")] = None,
) -> None:
    """Answer a question from the indexed documents, citing document and page."""
    from assistant.service import AssistantService

    with user_errors():
        filters = None
        if kind or doc or lang:
            try:
                filters = Filters(kinds=list(kind) if kind else None, doc_ids=doc or None, language=lang)  # type: ignore[arg-type]
            except ValueError as exc:
                from assistant.errors import InvalidRequestError

                raise InvalidRequestError(f"invalid filter: {exc.errors()[0]['msg']}") from None  # type: ignore[attr-defined]
        answer = AssistantService(get_settings()).ask(question, filters=filters, top_k=top_k, mode=mode)
    typer.echo(answer.model_dump_json(indent=2) if as_json else format_answer(answer))


def register(app: typer.Typer) -> None:
    app.command("ask")(ask)


__all__ = ["Kind", "ask", "format_answer", "register"]
