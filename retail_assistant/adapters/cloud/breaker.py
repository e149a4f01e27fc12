"""A circuit breaker that stops calling the cloud while it keeps failing.

After `failure_threshold` failures in a row the breaker opens: calls are rejected at once for
a cool-down, so the caller falls back to the local model without first waiting for timeouts.
When the cool-down ends the breaker is half-open and admits one trial call. A success closes
it; a failure opens it again with a cool-down twice as long, up to `max_cooldown`, so a line
that stays down is probed less and less often.

Only failures that say the endpoint is unhealthy count (no connection, timeouts, server
errors, rate limits, broken replies). A rejected key or an exhausted quota does not open the
breaker, because the endpoint answered and waiting does not fix either.
"""

from __future__ import annotations

import enum
import threading
import time
from collections.abc import Callable

__all__ = ["BreakerState", "CircuitBreaker"]


class BreakerState(enum.Enum):
    """Whether calls go through (closed), are rejected (open), or one trial may go (half-open)."""

    CLOSED = "closed"
    OPEN = "open"
    HALF_OPEN = "half_open"


class CircuitBreaker:
    """A thread-safe circuit breaker; `clock` returns seconds and is replaceable in tests."""

    def __init__(
        self,
        *,
        failure_threshold: int = 3,
        cooldown: float = 30.0,
        max_cooldown: float = 300.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        if failure_threshold < 1:
            raise ValueError(f"failure_threshold must be 1 or more, not {failure_threshold}")
        if cooldown <= 0 or max_cooldown < cooldown:
            raise ValueError(f"need 0 < cooldown <= max_cooldown, not {cooldown} and {max_cooldown}")
        self.failure_threshold = failure_threshold
        self.base_cooldown = cooldown
        self.max_cooldown = max_cooldown
        self._clock = clock
        self._lock = threading.Lock()
        self._failures = 0
        self._opened_at: float | None = None
        self._cooldown = cooldown
        self._trial_running = False

    @property
    def state(self) -> BreakerState:
        """The state now; an open breaker whose cool-down has passed reads as half-open."""
        with self._lock:
            return self._state_locked()

    @property
    def available(self) -> bool:
        """Whether `acquire` would admit a call now."""
        with self._lock:
            state = self._state_locked()
            return state is BreakerState.CLOSED or (state is BreakerState.HALF_OPEN and not self._trial_running)

    @property
    def consecutive_failures(self) -> int:
        """The failures counted since the last success."""
        with self._lock:
            return self._failures

    @property
    def cooldown(self) -> float:
        """The length in seconds of the current or next open period."""
        with self._lock:
            return self._cooldown

    def retry_in(self) -> float:
        """Return the seconds until an open breaker admits a trial call (0 when it would now)."""
        with self._lock:
            if self._opened_at is None:
                return 0.0
            return max(0.0, self._opened_at + self._cooldown - self._clock())

    def acquire(self) -> bool:
        """Admit a call, or return False when the breaker rejects it.

        A caller that was admitted reports how the call ended with exactly one of
        `record_success`, `record_failure` or `release`.
        """
        with self._lock:
            state = self._state_locked()
            if state is BreakerState.CLOSED:
                return True
            if state is BreakerState.HALF_OPEN and not self._trial_running:
                self._trial_running = True
                return True
            return False

    def record_success(self) -> None:
        """Close the breaker and reset the failure count and the cool-down."""
        with self._lock:
            self._failures = 0
            self._opened_at = None
            self._cooldown = self.base_cooldown
            self._trial_running = False

    def record_failure(self) -> None:
        """Count a failure; open the breaker at the threshold, or again after a failed trial."""
        with self._lock:
            now = self._clock()
            state = self._state_locked()
            self._failures += 1

            if state is BreakerState.HALF_OPEN:
                # The trial failed: open again for longer.
                self._cooldown = min(self._cooldown * 2, self.max_cooldown)
                self._opened_at = now
            elif state is BreakerState.CLOSED and self._failures >= self.failure_threshold:
                self._opened_at = now
            self._trial_running = False

    def release(self) -> None:
        """End an admitted call that gives no evidence about the endpoint's health, such as a cancelled one."""
        with self._lock:
            self._trial_running = False

    def _state_locked(self) -> BreakerState:
        if self._opened_at is None:
            return BreakerState.CLOSED
        if self._clock() - self._opened_at < self._cooldown:
            return BreakerState.OPEN
        return BreakerState.HALF_OPEN
