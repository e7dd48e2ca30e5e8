"""Per-key token bucket: a burst of up to one minute's allowance, refilled continuously."""

from __future__ import annotations

import math
import threading
import time

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
