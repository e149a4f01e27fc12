"""Retry waits: Retry-After parsing and exponential backoff with full jitter."""

from __future__ import annotations

import random
from email.utils import formatdate

import pytest

from retail_assistant.adapters.cloud.retry import RetryPolicy, parse_retry_after

NOW = 1_800_000_000.0


@pytest.mark.parametrize(
    ("headers", "expected"),
    [
        ({"retry-after": "7"}, 7.0),
        ({"retry-after": " 2.5 "}, 2.5),
        ({"retry-after": formatdate(NOW + 12, usegmt=True)}, 12.0),
        ({"retry-after": formatdate(NOW - 60, usegmt=True)}, 0.0),
        ({"retry-after-ms": "250"}, 0.25),
        ({"retry-after-ms": "250", "retry-after": "9"}, 0.25),
        ({"retry-after-ms": "soon", "retry-after": "9"}, 9.0),
        ({"retry-after": "-3"}, None),
        ({"retry-after": "tomorrow"}, None),
        ({"retry-after": "nan"}, None),
        ({}, None),
    ],
)
def test_parse_retry_after_forms(headers, expected):
    assert parse_retry_after(headers, now=NOW) == expected


def test_backoff_bounds_double_up_to_cap():
    policy = RetryPolicy(max_retries=6, base=0.5, cap=3.0)
    rng = random.Random(1)

    for retry_number, bound in [(1, 0.5), (2, 1.0), (3, 2.0), (4, 3.0), (5, 3.0), (6, 3.0)]:
        waits = [policy.delay(retry_number, requested=None, rng=rng) for _ in range(200)]
        assert min(waits) >= 0.0
        assert max(waits) <= bound
        # Full jitter spreads waits over the whole range, not around the bound.
        assert min(waits) < bound * 0.1
        assert max(waits) > bound * 0.9


def test_no_wait_after_last_retry():
    policy = RetryPolicy(max_retries=2)

    assert policy.delay(3, requested=None, rng=random.Random(0)) is None


def test_requested_wait_replaces_jitter():
    policy = RetryPolicy(max_retries=3, cap=20.0)

    assert policy.delay(1, requested=4.0, rng=random.Random(0)) == 4.0


def test_requested_wait_above_cap_stops():
    policy = RetryPolicy(max_retries=3, cap=20.0)

    assert policy.delay(1, requested=21.0, rng=random.Random(0)) is None
