"""Request limits: a per-key token bucket (a burst of up to one minute's allowance, refilled continuously), and a
per-address count of wrong keys, so that nobody can try keys as fast as the server answers."""

from __future__ import annotations

import math
import threading
import time
from collections import deque

from assistant.errors import RateLimitedError


class RateLimiter:
    def __init__(self, per_minute: int) -> None:
        self.capacity = float(per_minute)
        self.rate = per_minute / 60.0
        self._buckets: dict[str, tuple[float, float]] = {}
        self._lock = threading.Lock()

    def check(self, key_id: str) -> None:
        """Take one token or raise with the seconds until one is available."""
        now = time.monotonic()
        with self._lock:
            tokens, last = self._buckets.get(key_id, (self.capacity, now))
            tokens = min(self.capacity, tokens + (now - last) * self.rate)
            if tokens < 1.0:
                self._buckets[key_id] = (tokens, now)
                wait = max(1, math.ceil((1.0 - tokens) / self.rate))
                raise RateLimitedError(f"rate limit of {int(self.capacity)} requests per minute reached", retry_after_s=wait)
            self._buckets[key_id] = (tokens - 1.0, now)


class FailedKeyLimiter:
    """Counts wrong API keys per client address in a sliding window; an address over the limit is refused (429)
    before its key is even looked at, until its oldest counted failure leaves the window."""

    _PRUNE_AT = 10_000  # addresses remembered before expired ones are dropped (many addresses must not grow memory)

    def __init__(self, limit: int, window_s: float) -> None:
        self.limit = limit
        self.window_s = window_s
        self._failures: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    def _recent(self, address: str, now: float) -> deque[float]:
        failures = self._failures.get(address, deque())
        while failures and failures[0] <= now - self.window_s:
            failures.popleft()
        return failures

    def check(self, address: str) -> None:
        """Raise with the seconds until the address may try again, when it has used up its wrong keys."""
        now = time.monotonic()
        with self._lock:
            failures = self._recent(address, now)
            if len(failures) >= self.limit:
                wait = max(1, math.ceil(failures[0] + self.window_s - now))
                raise RateLimitedError(
                    f"too many wrong API keys from this address ({self.limit} in {self.window_s:g} s)",
                    retry_after_s=wait, hint="check the key you are sending, then retry after the time given")

    def failed(self, address: str) -> None:
        now = time.monotonic()
        with self._lock:
            if len(self._failures) >= self._PRUNE_AT:
                self._failures = {a: f for a in list(self._failures) if (f := self._recent(a, now))}
            failures = self._recent(address, now)
            failures.append(now)
            self._failures[address] = failures
