"""The circuit breaker, driven by a fake clock."""

from __future__ import annotations

import threading

import pytest

from retail_assistant.adapters.cloud import BreakerState, CircuitBreaker


class FakeClock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


def open_breaker(clock: FakeClock, **options) -> CircuitBreaker:
    breaker = CircuitBreaker(failure_threshold=3, cooldown=30.0, clock=clock, **options)
    for _ in range(3):
        assert breaker.acquire()
        breaker.record_failure()
    return breaker


def test_new_breaker_is_closed(clock):
    breaker = CircuitBreaker(clock=clock)

    assert breaker.state is BreakerState.CLOSED
    assert breaker.available
    assert breaker.acquire()


def test_opens_after_threshold_failures(clock):
    breaker = CircuitBreaker(failure_threshold=3, clock=clock)

    breaker.record_failure()
    breaker.record_failure()
    assert breaker.state is BreakerState.CLOSED
    breaker.record_failure()

    assert breaker.state is BreakerState.OPEN
    assert not breaker.available


def test_success_resets_failure_count(clock):
    breaker = CircuitBreaker(failure_threshold=3, clock=clock)

    breaker.record_failure()
    breaker.record_failure()
    breaker.record_success()
    breaker.record_failure()

    assert breaker.state is BreakerState.CLOSED
    assert breaker.consecutive_failures == 1


def test_open_breaker_rejects_fast(clock):
    breaker = open_breaker(clock)

    clock.now += 29.9

    assert not breaker.acquire()
    assert breaker.retry_in() == pytest.approx(0.1)


def test_half_open_after_cooldown_admits_one_trial(clock):
    breaker = open_breaker(clock)

    clock.now += 30.0

    assert breaker.state is BreakerState.HALF_OPEN
    assert breaker.available
    assert breaker.acquire()
    assert not breaker.available
    assert not breaker.acquire()


def test_successful_trial_closes(clock):
    breaker = open_breaker(clock)
    clock.now += 30.0
    breaker.acquire()

    breaker.record_success()

    assert breaker.state is BreakerState.CLOSED
    assert breaker.cooldown == 30.0


def test_failed_trial_reopens_for_longer(clock):
    breaker = open_breaker(clock, max_cooldown=100.0)

    cooldowns = []
    for _ in range(3):
        clock.now += breaker.cooldown
        assert breaker.acquire()
        breaker.record_failure()
        cooldowns.append(breaker.cooldown)

    assert cooldowns == [60.0, 100.0, 100.0]
    assert breaker.state is BreakerState.OPEN
    clock.now += 99.0
    assert breaker.state is BreakerState.OPEN


def test_released_trial_frees_the_slot(clock):
    breaker = open_breaker(clock)
    clock.now += 30.0
    breaker.acquire()

    breaker.release()

    assert breaker.state is BreakerState.HALF_OPEN
    assert breaker.acquire()


def test_invalid_threshold_is_rejected():
    with pytest.raises(ValueError):
        CircuitBreaker(failure_threshold=0)


def test_concurrent_half_open_admits_exactly_one(clock):
    breaker = open_breaker(clock)
    clock.now += 30.0
    admitted = []
    start = threading.Barrier(8)

    def try_acquire() -> None:
        start.wait(5)
        admitted.append(breaker.acquire())

    threads = [threading.Thread(target=try_acquire) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(5)

    assert admitted.count(True) == 1
    assert len(admitted) == 8


def test_concurrent_failures_are_all_counted(clock):
    breaker = CircuitBreaker(failure_threshold=1000, clock=clock)

    def fail_many() -> None:
        for _ in range(100):
            breaker.record_failure()

    threads = [threading.Thread(target=fail_many) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(5)

    assert breaker.consecutive_failures == 800
