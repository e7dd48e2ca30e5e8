"""`assistant ingest` and `assistant documents`: build the index and show what it holds."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer

from assistant.commands.errors import user_errors
from assistant.config import get_settings


def ingest(
    paths: Annotated[list[Path] | None, typer.Argument(help="Files or folders; default ASSISTANT_CORPUS_DIR.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the report as JSON.")] = False,
    embedder: Annotated[str | None, typer.Option("--embedder", help="'use', 'minilm' or a model directory.")] = None,
    allow_empty: Annotated[bool, typer.Option(
        "--allow-empty", help="Let a folder that holds no documents any more remove every document indexed from it "
        "(without it such a folder fails and its documents are kept).")] = False,
) -> None:
    """Ingest documents incrementally; exit 1 when any file failed (the others are still ingested)."""
    from ingest.pipeline import ingest_paths

    with user_errors():
        settings = get_settings()
        if embedder:
            settings = settings.model_copy(update={"embedder": embedder})
        targets = paths or [settings.corpus_dir]
        progress = sys.stderr.isatty() and not as_json
        report = ingest_paths(list(targets), settings, progress=progress, allow_empty=allow_empty)
    typer.echo(report.model_dump_json(indent=2) if as_json else report.summary())
    if not report.ok:
        raise typer.Exit(1)


def documents(as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False) -> None:
    """List the indexed documents."""
    from assistant.factory import build_records

    with user_errors():
        records = build_records(get_settings())
        metas = records.documents()
        counts = {m.doc_id: records.chunk_count(m.doc_id) for m in metas}
        records.close()
    if as_json:
        typer.echo(json.dumps([{**m.model_dump(), "chunks": counts[m.doc_id]} for m in metas], ensure_ascii=False,
                              indent=2))
        return
    if not metas:
        typer.echo("No documents indexed; run `assistant ingest`.")
    for m in metas:
        typer.echo(f"{m.doc_id}\t{m.kind}\t{m.date or '-'}\t{m.language}\t{m.access}\t{counts[m.doc_id]} chunks\t{m.title}")


def register(app: typer.Typer) -> None:
    app.command("ingest")(ingest)
    app.command("documents")(documents)
