"""/healthz and /readyz on a port of their own (``ASSISTANT_PROBE_PORT``), answered by threads that never wait for
the web server's event loop.

Measured (docs/benchmarks.md "Health probes under load"): when 600 connections arrive at once, the event loop spends
50-110 ms accepting and routing them in one pass, and a probe on the main port that arrives then waits for it. This
listener's thread waits in ``accept`` without holding the GIL, and each connection's thread needs it only for the
millisecond a probe takes.
Liveness still speaks for the loop: the loop stamps a heartbeat every ``BEAT_S``, and a heartbeat older than the
listener's ``stall_s`` answers 503, so a process whose loop is stuck is restarted all the same.
"""

from __future__ import annotations

import asyncio
import json
import logging
import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from api.readiness import Readiness

log = logging.getLogger(__name__)

BEAT_S = 1.0
LOOP_STALL_S = 30.0  # no request runs its work on the loop: a loop this late is stuck, not busy
_CLIENT_TIMEOUT_S = 5.0  # a client that connects and sends nothing is dropped after this (its thread ends)


class LoopHeartbeat:
    """The time the event loop last ran: stamped by a task on the loop, read by the probe listener's thread."""

    def __init__(self) -> None:
        self.last = time.monotonic()
        self.loop: asyncio.AbstractEventLoop | None = None

    async def run(self) -> None:
        self.loop = asyncio.get_running_loop()
        while True:
            self.last = time.monotonic()
            await asyncio.sleep(BEAT_S)

    def age(self) -> float:
        return time.monotonic() - self.last


class _Server(ThreadingHTTPServer):
    """A thread per connection (daemon threads): a client that connects and sends nothing holds only its own."""

    allow_reuse_port = True  # each worker process of `serve --workers N` answers probes for itself on the one port
    readiness: Readiness
    heartbeat: LoopHeartbeat
    stall_s: float


class _Handler(BaseHTTPRequestHandler):
    server: _Server
    timeout = _CLIENT_TIMEOUT_S
    server_version, sys_version = "assistant-probes", ""  # no Python version for a scanner to read

    def do_GET(self) -> None:  # noqa: N802 (the stdlib's name)
        self._answer(body=True)

    def do_HEAD(self) -> None:  # noqa: N802
        self._answer(body=False)

    def _answer(self, *, body: bool) -> None:
        path = self.path.split("?", 1)[0]
        if path == "/healthz":
            stalled = self.server.heartbeat.age()
            if stalled > self.server.stall_s:
                status, payload = 503, {"status": "not ready", "checks": {"event_loop": f"stalled {stalled:.0f} s"}}
            else:
                status, payload = 200, {"status": "ok", "checks": {}}
        elif path == "/readyz":  # no counts: this port takes no key, and counts include restricted documents
            checks = self.server.readiness.checks(counts=False)
            ready = self.server.readiness.ok(checks)
            status, payload = (200 if ready else 503), {"status": "ok" if ready else "not ready", "checks": checks}
        else:
            status, payload = 404, {"detail": "not found: this port answers /healthz and /readyz only"}
        data = json.dumps(payload).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Connection", "close")
        self.end_headers()
        if body:
            self.wfile.write(data)

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 (the stdlib's name)
        """Probes every few seconds would fill the log; failures show in their status."""


class ProbeListener:
    """The probe port: bound by ``start`` (an error there names the address), closed by ``close``."""

    def __init__(self, readiness: Readiness, heartbeat: LoopHeartbeat, host: str, port: int,
                 stall_s: float = LOOP_STALL_S) -> None:
        self.readiness, self.heartbeat, self.host, self.port, self.stall_s = readiness, heartbeat, host, port, stall_s
        self._server: _Server | None = None
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        host = self.host.strip("[]")
        server_class = type("_Server6", (_Server,), {"address_family": socket.AF_INET6}) if ":" in host else _Server
        try:
            server = server_class((host, self.port), _Handler)
        except OSError as exc:
            raise RuntimeError(f"cannot listen for probes on {self.host}:{self.port} "
                               f"(ASSISTANT_PROBE_PORT): {exc.strerror or exc}") from exc
        server.readiness, server.heartbeat, server.stall_s = self.readiness, self.heartbeat, self.stall_s
        self._server = server
        self._thread = threading.Thread(target=server.serve_forever, name="probe-listener", daemon=True)
        self._thread.start()
        log.info("probes answered on %s:%d as well", self.host, self.port)

    def close(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None
