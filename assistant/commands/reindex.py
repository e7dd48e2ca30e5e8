"""`assistant reindex-vectors`: rebuild the vector index's search graph from the stored vectors, without re-embedding."""

from __future__ import annotations

import json
from dataclasses import asdict
from typing import Annotated

import typer

from assistant.commands.errors import user_errors
from assistant.config import get_settings


def reindex_vectors(
    embedder: Annotated[str | None, typer.Option("--embedder", help="'use', 'minilm' or a model directory; default "
                                                  "ASSISTANT_EMBEDDER.")] = None,
    force: Annotated[bool, typer.Option("--force", help="Rebuild even a graph that has the current settings.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print the report as JSON.")] = False,
) -> None:
    """Rebuild the Chroma collection with the current search-graph settings from the vectors it stores (no
    re-embedding): an index made by an earlier version keeps its sparser graph otherwise, and finds fewer of the true
    nearest passages above ASSISTANT_EXACT_SEARCH_MAX_CHUNKS.

    Safe while the service answers: the new collection is checked against the old one and swapped in by name, and the
    service moves to it at its next question, on a Chroma server (ASSISTANT_CHROMA_URL) too: run it there on the host
    that runs `assistant ingest` (a replica's folder, made by `assistant snapshot`, refuses it). Waits for no ingestion: refused while one runs (an upload job included)."""
    from assistant.factory import build_embedder
    from ingest.reindex import reindex_vectors as rebuild

    with user_errors():
        settings = get_settings()
        if embedder:
            settings = settings.model_copy(update={"embedder": embedder})
        report = rebuild(settings, build_embedder(settings).id, force=force)
    typer.echo(json.dumps(asdict(report), indent=2) if as_json else report.summary())


def register(app: typer.Typer) -> None:
    app.command("reindex-vectors")(reindex_vectors)
