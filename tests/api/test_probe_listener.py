"""The probe port (``ASSISTANT_PROBE_PORT``): /healthz and /readyz answered by a thread of their own, so that a probe
never waits behind the web server's event loop, while liveness still fails when that loop is stuck."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator

import httpx
import pytest
from typer.testing import CliRunner

from api.app import create_app
from api.probe_listener import ProbeListener
from assistant.cli import app as cli
from assistant.config import Settings
from assistant.service import AssistantService
from tests.api.conftest import PUBLIC_QUESTION, Keys, served
from tests.conftest import free_port

pytestmark = pytest.mark.slow


@pytest.fixture
def probed(restricted_settings: Settings, restricted_service: AssistantService) -> Iterator[tuple[str, str, object]]:
    """The app served with a probe port: its URL, the probe port's URL and the app's context."""
    port = free_port()
    settings = restricted_settings.model_copy(update={"probe_port": port})
    app = create_app(settings, service=restricted_service)
    with served(app) as url:
        yield url, f"http://127.0.0.1:{port}", app.state.ctx


def test_the_probe_port_answers_health_and_readiness_and_nothing_else(probed: tuple, api_keys: tuple) -> None:
    url, probes, _ = probed
    assert httpx.get(f"{probes}/healthz").json() == {"status": "ok", "checks": {}}
    ready = httpx.get(f"{probes}/readyz")
    assert ready.status_code == 200 and ready.json()["status"] == "ok"
    assert ready.json()["checks"] == {"models": "ok", "records": "ok", "vectors": "ok"}  # no counts without a key
    head = httpx.head(f"{probes}/healthz")
    assert head.status_code == 200 and head.content == b""
    # no key is asked there, so nothing but the probes may answer: not a question, not the documents
    headers = Keys.header(api_keys[1].admin)
    assert httpx.post(f"{probes}/api/v1/ask", json={"question": PUBLIC_QUESTION}, headers=headers).status_code == 501
    assert httpx.get(f"{probes}/api/v1/documents", headers=headers).status_code == 404
    assert "Python" not in head.headers["server"]
    assert httpx.get(f"{url}/healthz").status_code == 200  # the main port keeps its own probes


def test_a_client_that_connects_and_sends_nothing_holds_up_no_probe(probed: tuple) -> None:
    _, probes, _ = probed
    port = int(probes.rsplit(":", 1)[1])
    with socket.create_connection(("127.0.0.1", port)):  # held open, silent, for the whole check
        # well within the 5 s a silent client is given: a listener serving one connection at a time would wait it out
        assert httpx.get(f"{probes}/healthz", timeout=2).status_code == 200
        assert httpx.get(f"{probes}/readyz", timeout=2).status_code == 200


def test_a_probe_is_answered_while_the_event_loop_is_busy_and_fails_once_it_is_stuck(probed: tuple) -> None:
    url, probes, ctx = probed
    # a second listener on the same app, with a short stall allowance, stands for a loop stuck for 30 s
    strict = ProbeListener(ctx.readiness, ctx.heartbeat, "127.0.0.1", free_port(), stall_s=1.0)
    strict.start()
    blocked = threading.Event()
    released = threading.Event()

    def block() -> None:  # runs on the event loop: nothing else on it runs meanwhile
        blocked.set()
        released.wait(10)

    try:
        ctx.heartbeat.loop.call_soon_threadsafe(block)
        assert blocked.wait(5)
        with pytest.raises(httpx.ReadTimeout):
            httpx.get(f"{url}/healthz", timeout=0.5)  # the main port's probe waits for the loop
        busy = httpx.get(f"{probes}/healthz", timeout=5)
        assert busy.status_code == 200, busy.text  # the probe port answers: the loop is busy, not stuck yet
        time.sleep(1.5)  # the loop has now missed its heartbeat for longer than the strict allowance
        stuck = httpx.get(f"http://127.0.0.1:{strict.port}/healthz", timeout=5)
        assert stuck.status_code == 503 and "event_loop" in stuck.json()["checks"], stuck.text
        assert httpx.get(f"{probes}/healthz", timeout=5).status_code == 200  # 30 s allowance: not stuck
    finally:
        released.set()
        deadline = time.monotonic() + 10
        while ctx.heartbeat.age() > 0.5 and time.monotonic() < deadline:
            time.sleep(0.05)
        recovered = httpx.get(f"http://127.0.0.1:{strict.port}/healthz", timeout=5).status_code
        strict.close()
    assert recovered == 200  # the loop runs again: alive


def test_a_probe_port_in_use_or_equal_to_the_served_port_is_refused(restricted_settings: Settings,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    from assistant.config import get_settings

    with pytest.raises(ValueError, match="ASSISTANT_PROBE_PORT"):
        Settings(port=8100, probe_port=8100)
    monkeypatch.setenv("ASSISTANT_PROBE_PORT", "8100")
    get_settings.cache_clear()
    try:
        result = CliRunner().invoke(cli, ["serve", "--port", "8100"])
    finally:
        get_settings.cache_clear()
    assert result.exit_code == 2 and "ASSISTANT_PROBE_PORT" in result.output
    with socket.socket() as other:  # another program's listener (the service's own workers share the port)
        other.bind(("127.0.0.1", 0))
        other.listen()
        port = other.getsockname()[1]
        with pytest.raises(RuntimeError, match=f"cannot listen for probes on 127.0.0.1:{port}"):
            ProbeListener(None, None, "127.0.0.1", port).start()  # type: ignore[arg-type]
