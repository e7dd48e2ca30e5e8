"""First-come, first-served admission to the CPU-bound part of answering (retrieval + extractive answer).

One Python process runs that part on one core at a time (the GIL). Sixteen questions let in together share the
core round-robin, so each takes ~16 times its own cost and a long one becomes the tail; admitted in arrival order, a
question waits for those ahead of it and then runs at full speed: the same throughput, a much shorter tail.
"""

from __future__ import annotations

import threading
from collections import deque
from collections.abc import Iterator
from contextlib import contextmanager


class AnswerSlots:
    """A counting semaphore that admits waiters strictly in arrival order (``threading.Semaphore`` does not)."""

    def __init__(self, slots: int) -> None:
        self._free = slots
        self._waiting: deque[threading.Event] = deque()
        self._lock = threading.Lock()

    @contextmanager
    def slot(self) -> Iterator[None]:
        turn: threading.Event | None = None
        with self._lock:
            if self._free > 0 and not self._waiting:
                self._free -= 1
            else:
                turn = threading.Event()
                self._waiting.append(turn)
        if turn is not None:
            turn.wait()  # the leaving holder hands its slot over directly, so nobody can overtake
        try:
            yield
        finally:
            with self._lock:
                if self._waiting:
                    self._waiting.popleft().set()
                else:
                    self._free += 1

    @property
    def waiting(self) -> int:
        return len(self._waiting)
