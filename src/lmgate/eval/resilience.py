"""Retries, backoff and adaptive concurrency, in one place for every HTTP provider.

A call is retried on 429, 5xx, timeouts and connection errors with exponential backoff and full
jitter (AWS Architecture Blog, "Exponential Backoff And Jitter"), never sooner than a 429's
`Retry-After` asks. Concurrency adapts like TCP congestion control: a 429 halves the number of
requests allowed in flight, and each run of successes as long as the current limit grows it by
one again, never above the configured ceiling. After the last retry the error is raised to the
runner, which records it on the item and goes on.
"""

from __future__ import annotations

import random
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from lmgate.eval.providers.base import ProviderCallError

T = TypeVar("T")
MAX_RETRY_AFTER_S = 120.0  # a server asking for longer is treated as down, not waited for


@dataclass(frozen=True)
class RetryPolicy:
    retries: int = 3
    base_delay: float = 0.25
    max_delay: float = 20.0

    def delay(self, attempt: int, rng: Callable[[], float], retry_after: float | None) -> float:
        backoff = min(self.max_delay, self.base_delay * 2 ** attempt) * (0.5 + rng() / 2)
        if retry_after is not None:
            return max(backoff if retry_after <= 0 else 0.0, min(retry_after, MAX_RETRY_AFTER_S))
        return backoff


class AdaptiveLimit:
    """A semaphore whose size halves on throttling and grows back by one per window of successes."""

    def __init__(self, ceiling: int) -> None:
        self.ceiling = max(1, ceiling)
        self.limit = self.ceiling
        self.in_flight = 0
        self.throttled = 0
        self._streak = 0
        self._cond = threading.Condition()

    def __enter__(self) -> AdaptiveLimit:
        with self._cond:
            while self.in_flight >= self.limit:
                self._cond.wait()
            self.in_flight += 1
        return self

    def __exit__(self, *exc) -> None:
        with self._cond:
            self.in_flight -= 1
            self._cond.notify()

    def on_throttle(self) -> None:
        with self._cond:
            self.throttled += 1
            self.limit = max(1, self.limit // 2)
            self._streak = 0

    def on_success(self) -> None:
        if self.limit >= self.ceiling:
            return  # the common case costs no lock
        with self._cond:
            self._streak += 1
            if self._streak >= self.limit:  # one full window of successes: one more slot
                self._streak = 0
                self.limit = min(self.ceiling, self.limit + 1)
                self._cond.notify()


def call_with_retries(send: Callable[[], T], *, policy: RetryPolicy, limit: AdaptiveLimit | None = None,
                      sleep: Callable[[float], None] = time.sleep,
                      rng: Callable[[], float] = random.random) -> T:
    """Run `send()` (which raises ProviderCallError) under the limit, retrying retryable failures."""
    attempt = 0
    while True:
        try:
            if limit is None:
                result = send()
            else:
                with limit:
                    result = send()
        except ProviderCallError as exc:
            if exc.status == 429 and limit is not None:
                limit.on_throttle()
            if not exc.retryable or attempt >= policy.retries:
                if attempt:
                    exc.reason = f"{exc.reason} (after {attempt + 1} attempts)"
                    exc.args = (exc.reason,)
                raise
            sleep(policy.delay(attempt, rng, exc.retry_after))
            attempt += 1
            continue
        if limit is not None:
            limit.on_success()
        return result


def parse_retry_after(value: str | None) -> float | None:
    """Seconds from a Retry-After header: delta-seconds or an HTTP date (RFC 9110 §10.2.3)."""
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        from email.utils import parsedate_to_datetime

        try:
            return max(0.0, parsedate_to_datetime(value).timestamp() - time.time())
        except (TypeError, ValueError):
            return None
