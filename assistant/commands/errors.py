"""Turns domain errors into one-line messages and exit status 2, never a traceback."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

import typer

from assistant.errors import AssistantError


@contextlib.contextmanager
def user_errors() -> Iterator[None]:
    try:
        yield
    except AssistantError as exc:
        typer.echo(f"Error: {exc}", err=True)
        raise typer.Exit(2) from None


def register(app: typer.Typer) -> None:  # not a command group
    return None
