"""`assistant fit-answers GOLD.jsonl ...`: fit the extractive answer model on gold questions over the current index."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from assistant.commands.errors import user_errors
from assistant.config import get_settings


def fit_command(
    gold: Annotated[list[Path], typer.Argument(help="Gold question files (dev.jsonl format) to fit on, all together.")],
    out: Annotated[Path | None, typer.Option("--out", "-o", help="Where to write the model; default: the shipped "
                                             "assistant/answer/model.json.")] = None,
) -> None:
    """Fit the sentence ranker, the refusal classifier and the answer's operating points on gold questions (the index
    must hold their documents). Score the result honestly with `assistant eval ... --configs final-cv`."""
    from importlib.resources import files

    from assistant.answer.fitting import fit
    from assistant.evaluation import examples_of, load_gold
    from assistant.service import AssistantService

    with user_errors():
        service = AssistantService(get_settings())
        items = [item for path in gold for item in load_gold(path)]
        model = fit(examples_of(service, items), fitted_on=[p.name for p in gold])
    target = out or Path(str(files("assistant.answer").joinpath("model.json")))
    target.write_text(model.model_dump_json(indent=1) + "\n", encoding="utf-8")
    typer.echo(f"fitted on {len(items)} questions; refusal threshold {model.refusal_threshold:.3f}; "
               f"selection {model.selection.model_dump()}; written to {target}")


def register(app: typer.Typer) -> None:
    app.command("fit-answers")(fit_command)
