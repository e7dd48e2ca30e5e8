"""`assistant serve`: the intranet API under uvicorn, one worker (the embedded store has one writer)."""

from __future__ import annotations

import ipaddress
import os
from typing import Annotated

import typer

from assistant.commands.errors import user_errors
from assistant.config import get_settings
from assistant.access.keys import KeyStore


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def serve(
    host: Annotated[str | None, typer.Option(help="Address to bind (default ASSISTANT_HOST, 127.0.0.1).")] = None,
    port: Annotated[int | None, typer.Option(help="Port (default ASSISTANT_PORT, 8000).")] = None,
    workers: Annotated[int, typer.Option(min=1, max=64, help="Processes; more than 1 needs ASSISTANT_CHROMA_URL.")] = 1,
    log_level: Annotated[str, typer.Option(help="uvicorn log level.")] = "info",
) -> None:
    """Serve the API on the index under ASSISTANT_DATA_DIR. Without API keys only loopback may be bound."""
    settings = get_settings()
    host = host or settings.host
    port = port or settings.port
    with user_errors():
        keyed = KeyStore(settings.api_keys_file).configured
    if not keyed and not is_loopback(host):
        typer.echo(
            f"Error: refusing to bind {host} without API keys; create one with `assistant keys add --role admin` "
            "and set ASSISTANT_API_KEYS_FILE, or bind 127.0.0.1",
            err=True,
        )
        raise typer.Exit(2)
    if workers > 1 and settings.chroma_url is None:
        typer.echo(
            "Error: the embedded Chroma store has one writer; run `chroma run` and set ASSISTANT_CHROMA_URL "
            "to serve with several workers",
            err=True,
        )
        raise typer.Exit(2)
    if settings.probe_port == port:
        typer.echo(f"Error: ASSISTANT_PROBE_PORT ({port}) must differ from the port served", err=True)
        raise typer.Exit(2)
    if not keyed:
        typer.echo(f"No API keys configured: serving on loopback only ({host}:{port}); every caller acts as admin.", err=True)

    import uvicorn

    from api.app import create_app

    shown = "127.0.0.1" if host in ("0.0.0.0", "::") else host  # a wildcard bind answers on loopback too
    url = f"http://[{shown.strip('[]')}]:{port}" if ":" in shown else f"http://{shown}:{port}"
    typer.echo(f"The assistant: {url}/  (API reference: {url}/docs; Ctrl+C stops it)")

    if settings.probe_port is not None:
        typer.echo(f"Probes (/healthz, /readyz) also on port {settings.probe_port}.")
    if workers > 1:  # each worker process builds its own app from the environment, bound address included
        os.environ.update(ASSISTANT_HOST=host, ASSISTANT_PORT=str(port))
        uvicorn.run("api.app:app_from_env", factory=True, host=host, port=port, workers=workers, log_level=log_level)
        return
    with user_errors():
        app = create_app(settings.model_copy(update={"host": host, "port": port}), settle_heap=True)
    uvicorn.run(app, host=host, port=port, workers=1, log_level=log_level, timeout_graceful_shutdown=10)


def register(app: typer.Typer) -> None:
    app.command("serve")(serve)
