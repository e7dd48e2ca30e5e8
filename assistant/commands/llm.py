"""`assistant llm`: assemble, verify and serve the bundled Qwen2.5-Coder-1.5B-Instruct on loopback until Ctrl-C."""

from __future__ import annotations

import signal
import threading
import time
from typing import Annotated

import typer

from assistant.commands.errors import user_errors
from assistant.config import get_settings


def llm(
    port: Annotated[int | None, typer.Option(help="Port on 127.0.0.1 (default ASSISTANT_LLM_PORT)")] = None,
) -> None:
    """Start the local OpenAI-compatible LLM server (install it first with scripts/install-llm.sh)."""
    from assistant.llm.local_server import LocalLLMServer, resolve_model

    settings = get_settings()
    with user_errors():
        started = time.monotonic()
        typer.echo("Checking the model (sha256)...", err=True)
        model = resolve_model(settings)  # assemble + verify first: a bad file fails before llama.cpp sees it
        server = LocalLLMServer(model, port or settings.llm_port, settings).start()
    typer.echo(f"Ready in {time.monotonic() - started:.1f} s. Use:", err=True)
    typer.echo(f"ASSISTANT_LLM_BASE_URL={server.base_url}")
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    try:
        while not stop.wait(0.5):
            pass
    except KeyboardInterrupt:
        pass
    finally:
        server.stop()
        typer.echo("LLM server stopped.", err=True)


def register(app: typer.Typer) -> None:
    app.command("llm")(llm)
