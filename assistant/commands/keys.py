"""`assistant keys add|list|revoke`: manage the API keys the service accepts."""

from __future__ import annotations

from typing import Annotated

import typer

from assistant.access.principal import Role
from assistant.commands.errors import user_errors
from assistant.config import get_settings
from assistant.access.keys import KeyStore

ROLES: tuple[Role, ...] = ("staff", "executive", "admin")

keys_app = typer.Typer(help="Manage API keys (stored hashed in ASSISTANT_API_KEYS_FILE).", no_args_is_help=True)


def _store() -> KeyStore:
    return KeyStore(get_settings().api_keys_file)


@keys_app.command("add")
def add(
    role: Annotated[str, typer.Option(help="staff, executive or admin")] = "staff",
    groups: Annotated[str, typer.Option(help="Comma-separated groups, e.g. 'legal,protocol'")] = "",
    label: Annotated[str, typer.Option(help="Who the key is for (kept in the file)")] = "",
) -> None:
    """Create a key and print it once; only its hash is kept."""
    if role not in ROLES:
        typer.echo(f"Error: role must be staff, executive or admin, not {role!r}", err=True)
        raise typer.Exit(2)
    with user_errors():
        record, key = _store().add(role, groups.split(","), label)  # type: ignore[arg-type]
    typer.echo(f"id: {record.id}  role: {record.role}  groups: {','.join(record.groups) or '-'}")
    typer.echo(f"key: {key}")
    typer.echo("Store this key now: it is not shown again.", err=True)


@keys_app.command("list")
def list_keys() -> None:
    """Show key ids, roles and groups (never the keys)."""
    with user_errors():
        for k in _store().keys():
            typer.echo(f"{k.id}\t{k.role}\t{','.join(k.groups) or '-'}\t{k.created}\t{k.label}")


@keys_app.command("revoke")
def revoke(key_id: str) -> None:
    """Remove a key by id."""
    with user_errors():
        removed = _store().revoke(key_id)
    if not removed:
        typer.echo(f"Error: no key with id {key_id!r}", err=True)
        raise typer.Exit(2)
    typer.echo(f"revoked {key_id}")


def register(app: typer.Typer) -> None:
    app.add_typer(keys_app, name="keys")
