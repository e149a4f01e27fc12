"""When to retry a cloud call and how long to wait first.

Waits grow exponentially with full jitter (a uniform draw between zero and the exponential
bound), so many clients that failed together do not retry together. A wait the endpoint requests
with Retry-After (seconds or an HTTP date) or retry-after-ms (OpenAI, Azure) replaces the
draw; when that wait is longer than the cap, the call fails at once with the wait attached, so
the caller can queue the task rather than hold the user for it.
"""

from __future__ import annotations

import math
import random
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import timezone
from email.utils import parsedate_to_datetime

__all__ = ["RetryPolicy", "parse_retry_after"]


@dataclass(frozen=True)
class RetryPolicy:
    """How many times to retry and how long to wait, in seconds."""

    max_retries: int = 3
    base: float = 0.5
    cap: float = 20.0

    def delay(self, retry_number: int, *, requested: float | None, rng: random.Random) -> float | None:
        """Return the wait before retry `retry_number` (1 for the first), or None to stop retrying.

        `requested` is the wait the endpoint asked for; None is returned when it exceeds the cap
        or when no retries are left.
        """
        if retry_number > self.max_retries:
            return None
        if requested is not None:
            if requested > self.cap:
                return None
            return max(requested, 0.0)

        bound = min(self.cap, self.base * 2 ** (retry_number - 1))
        return rng.uniform(0.0, bound)


def parse_retry_after(headers: Mapping[str, str], *, now: float) -> float | None:
    """Return the wait in seconds that response headers ask for, or None when they name none.

    `retry-after-ms` wins over `Retry-After` because it is more precise. `Retry-After` may be a
    number of seconds or an HTTP date, which is compared with `now` (seconds since the epoch).
    """
    milliseconds = _number(headers.get("retry-after-ms"))
    if milliseconds is not None:
        return milliseconds / 1000.0

    value = headers.get("retry-after")
    if value is None:
        return None
    seconds = _number(value)
    if seconds is not None:
        return seconds

    try:
        moment = parsedate_to_datetime(value.strip())
    except (TypeError, ValueError, IndexError):
        return None
    if moment.tzinfo is None:
        # An HTTP date is always GMT, so a date written without a zone is read as GMT too.
        moment = moment.replace(tzinfo=timezone.utc)
    return max(0.0, moment.timestamp() - now)


def _number(value: str | None) -> float | None:
    if value is None:
        return None
    try:
        number = float(value.strip())
    except ValueError:
        return None
    if not math.isfinite(number) or number < 0:
        return None
    return number
