"""Is the service able to answer: embedder loaded, record store and vector index reachable.

``warm_up`` loads everything once at start (in a thread) so the first question does not pay for model loading;
``readiness`` reports each part without loading anything itself."""

from __future__ import annotations

import gc
import logging
import threading
from typing import TYPE_CHECKING

from assistant.errors import AssistantError

if TYPE_CHECKING:
    from assistant.service import AssistantService

log = logging.getLogger(__name__)


class Readiness:
    def __init__(self, service: AssistantService, *, settle: bool = False) -> None:
        """``settle``: freeze the heap after warm-up (see ``_settle``); only for a process that serves one app, since
        frozen objects that later become garbage in a cycle are never reclaimed (tests build many apps)."""
        self.service = service
        self._settle_heap = settle
        self._warm = threading.Event()
        self._error: str | None = None

    def warm_up(self) -> None:
        try:
            self.service.retriever.embed_query("warm up")
            if self._settle_heap:
                self._settle()
        except AssistantError as exc:
            self._error = exc.message
        except Exception as exc:  # readiness must report, not crash the thread
            log.exception("warm-up failed")
            self._error = f"{type(exc).__name__}: {exc}"
        finally:
            self._warm.set()

    def _settle(self) -> None:
        """Loads what a question builds on first use, then moves every object alive now out of the collector's reach.

        Measured (docs/benchmarks.md "Health probes under load"): under hundreds of questions the request objects
        trigger full collections, and each one walked the ~160,000 long-lived objects of the loaded service for
        100-180 ms with the GIL held, stopping the event loop and every probe with it. ``gc.freeze`` leaves those
        objects to reference counting alone (what they need: they live as long as the process), so a full collection
        walks only the objects made since."""
        try:
            self.service.ask("warm up", mode="extractive")  # an empty index cannot answer; readiness says so apart
        except AssistantError as exc:
            log.info("warm-up question not answered (%s); parts load with the first question", exc.message)
        gc.collect()
        gc.freeze()

    def start(self) -> threading.Thread:
        thread = threading.Thread(target=self.warm_up, name="warm-up", daemon=True)
        thread.start()
        return thread

    def wait(self, timeout_s: float) -> bool:
        return self._warm.wait(timeout_s)

    def checks(self, counts: bool = True) -> dict[str, str]:
        """Each part's state; ``counts`` adds how many documents and chunks the stores hold (all of them, restricted
        ones included, so only for a caller who may see everything)."""
        checks: dict[str, str] = {}
        if not self._warm.is_set():
            checks["models"] = "loading"
        elif self._error:
            checks["models"] = f"failed: {self._error}"
        else:
            checks["models"] = "ok"
        try:
            documents = len(self.service.records.documents())
            checks["records"] = f"ok ({documents} documents)" if counts else "ok"
        except Exception as exc:
            checks["records"] = f"failed: {type(exc).__name__}"
        if self._warm.is_set() and not self._error:
            try:  # what a question would search: rebuilt here after a change, so a store it cannot read shows now
                index = self.service.retriever.dense_index
                if index is not None:
                    index.snapshot()
                count = self.service.retriever.vectors.count()  # type: ignore[union-attr]
                failure = index.failure if index is not None else None
                checks["vectors"] = f"failed: {failure}" if failure else (f"ok ({count} chunks)" if counts else "ok")
            except AssistantError as exc:
                checks["vectors"] = f"failed: {exc.message}"
            except Exception as exc:
                checks["vectors"] = f"failed: {type(exc).__name__}"
        else:
            checks["vectors"] = "waiting for models"
        return checks

    @staticmethod
    def ok(checks: dict[str, str]) -> bool:
        return all(v.startswith("ok") for v in checks.values())
