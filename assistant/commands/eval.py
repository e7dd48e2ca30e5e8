"""`assistant eval GOLD.jsonl`: score the pipeline and its parts side by side on gold questions."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from assistant.commands.errors import user_errors
from assistant.config import Settings, get_settings
from assistant.service import AssistantService

DEFAULT_CONFIGS = "bm25,dense-use,dense-minilm,hybrid,final,final-cv"


def _services(settings: Settings):  # noqa: ANN202 - a small closure factory
    """One service per embedder; an embedder whose vectors are missing gets them from the record store first."""
    cache: dict[str, AssistantService] = {}

    def service_for(embedder: str | None) -> AssistantService:
        name = embedder or settings.embedder
        if name not in cache:
            service = AssistantService(settings.model_copy(update={"embedder": name}))
            if embedder is not None:
                _ensure_vectors(service)
            cache[name] = service
        return cache[name]

    return service_for


def _ensure_vectors(service: AssistantService) -> None:
    from ingest.reconcile import reconcile

    vectors = service.retriever.vectors
    if vectors.count() < len(service.records.chunk_ids()):  # type: ignore[attr-defined]
        typer.echo(f"embedding the index with {service.embedder.id} for this comparison...", err=True)
        reconcile(service.records, vectors, service.embedder, service.settings.embed_batch_size)  # type: ignore[arg-type]


def eval_command(
    gold: Annotated[list[Path], typer.Argument(help="Gold question files, one JSON object a line (dev.jsonl format); several are scored together, with figures per file too.")],
    configs: Annotated[str, typer.Option("--configs", help=f"Comma-separated configurations: {DEFAULT_CONFIGS}.")] = DEFAULT_CONFIGS,
    as_json: Annotated[bool, typer.Option("--json", help="Print the full report, per question, as JSON.")] = False,
) -> None:
    """Score retrieval and answers on gold questions: hit@k, MRR, must-include coverage, pass, refusals, answer
    length and latency, overall, per gold file, per type and per language. `final` answers with the shipped answer
    model; `final-cv` answers each question with a model fitted on the other folds only (5-fold over the gold given),
    the figure to trust when the shipped model was fitted on these same questions."""
    from assistant.evaluation import evaluate, format_table, to_json

    with user_errors():
        names = [c.strip() for c in configs.split(",") if c.strip()]
        report = evaluate(gold, names, _services(get_settings()))
    typer.echo(to_json(report) if as_json else format_table(report))


def register(app: typer.Typer) -> None:
    app.command("eval")(eval_command)
