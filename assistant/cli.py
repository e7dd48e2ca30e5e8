"""The ``assistant`` command. Each command group lives in ``assistant/commands/`` and registers itself here."""

from __future__ import annotations

import typer

from assistant.commands import register_all

app = typer.Typer(
    help="BMA International Affairs Assistant: ingest documents, ask cited questions, serve the intranet API.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)
register_all(app)


@app.callback()
def _private_files() -> None:
    from assistant.data_folder import keep_private

    keep_private()  # the index, audit log and uploads any command writes are the owner's alone (0700 / 0600)


if __name__ == "__main__":  # pragma: no cover
    app()
