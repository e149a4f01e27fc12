"""The cloud as the assistant sees it: routing state, streaming, and the cloud log.

It wraps the HTTP client (timeouts, retries, circuit breaker) with what the shop
decides: the policy, the monthly budget and whether business data may leave. The
online state comes from call outcomes and, when none is recent, from a cheap probe of
the endpoint, so a question never waits on a dead line for longer than the probe's
timeout. Every call is written to the cloud log with its reason and what was sent.
"""

from __future__ import annotations

import json
import logging
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from datetime import datetime, timezone

from retail_assistant.adapters.cloud.client import CloudClient
from retail_assistant.adapters.cloud.records import CallOutcome, CallRecord
from retail_assistant.adapters.store.cloud_log import CloudCall, SqliteCloudLog
from retail_assistant.core.cancel import CancelToken
from retail_assistant.core.chat import ChatMessage, GenerationOptions
from retail_assistant.core.errors import CloudConnectionLost, CloudError, CloudTimeout, CloudUnavailable
from retail_assistant.core.routing import CloudState, Policy

__all__ = ["CloudGatewayService", "OnlineState"]

log = logging.getLogger(__name__)

STATE_MAX_AGE = 30.0
"""Seconds an observed online state is trusted before the endpoint is probed again."""

_OFFLINE_ERRORS = (CloudConnectionLost, CloudTimeout, CloudUnavailable)


class OnlineState:
    """The last thing known about the line: reachable or not, when, and why."""

    def __init__(self, clock: Callable[[], float]) -> None:
        self._clock = clock
        self._lock = threading.Lock()
        self._reachable: bool | None = None
        self._at = float("-inf")
        self.reason = "not checked yet"

    def set(self, reachable: bool, reason: str) -> None:
        """Record an observation."""
        with self._lock:
            self._reachable, self._at, self.reason = reachable, self._clock(), reason

    def fresh(self, max_age: float) -> bool | None:
        """Return the last observation when younger than `max_age` seconds, else None."""
        with self._lock:
            if self._reachable is None or self._clock() - self._at > max_age:
                return None
            return self._reachable

    @property
    def last(self) -> bool | None:
        """The last observation, however old (None before any)."""
        return self._reachable


class CloudGatewayService:
    """The `CloudGateway` port over a CloudClient, the shop's rules and the cloud log."""

    def __init__(
        self,
        client: CloudClient,
        cloud_log: SqliteCloudLog,
        *,
        policy: Policy = Policy.AUTOMATIC,
        allow_business_data: bool = False,
        monthly_budget_cents: int | None = None,
        warning_share: float = 0.8,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.client = client
        self._log = cloud_log
        self._policy = policy
        self._allow_business_data = allow_business_data
        self._budget = monthly_budget_cents
        self._warning_share = warning_share
        self.online = OnlineState(clock)
        self._context = threading.local()

    @property
    def model(self) -> str:
        return self.client.settings.model

    @property
    def endpoint(self) -> str:
        """The endpoint, safe to show."""
        return self.client.settings.endpoint

    @property
    def configured(self) -> bool:
        """Whether an endpoint and model are set (and a key where the provider needs one)."""
        return self.client.configured

    def state(self) -> CloudState:
        if not self.client.configured:
            return CloudState(configured=False, reachable=False, policy=self._policy)
        return CloudState(
            configured=True,
            reachable=self.reachable(),
            policy=self._policy,
            allow_business_data=self._allow_business_data,
            monthly_budget_cents=self._budget,
            month_spent_cents=self._log.month_cost_micros() // 10_000,
            warning_share=self._warning_share,
        )

    def reachable(self, *, max_age: float = STATE_MAX_AGE) -> bool:
        """Return whether the cloud can be reached now, probing when nothing recent is known."""
        if not self.client.ready:
            return False
        known = self.online.fresh(max_age)
        if known is not None:
            return known
        return self.check()

    def check(self) -> bool:
        """Probe the endpoint now and record the result; return whether it is reachable."""
        result = self.client.probe()
        self.online.set(result.reachable, result.reason)
        log.info("cloud probe of %s: %s (%s)", self.endpoint, result.status.value, result.reason)
        return result.reachable

    def stream(
        self,
        messages: Sequence[ChatMessage],
        options: GenerationOptions,
        *,
        cancel: CancelToken | None = None,
        reason: str,
    ) -> Iterator[str]:
        sent = json.dumps([{"role": m.role, "content": m.content} for m in messages], ensure_ascii=False)
        started = False
        try:
            for piece in self.client.stream(messages, options, cancel=cancel):
                started = True
                yield piece
        except GeneratorExit:
            # The reader stopped (Stop, or a closed window): the call still counts.
            self._record(reason, sent, self.client.last_call, None)
            raise
        except CloudError as error:
            if isinstance(error, _OFFLINE_ERRORS) and not started:
                self.online.set(False, str(error))
            self._record(reason, sent, self.client.last_call, error)
            raise
        self.online.set(True, "the last call succeeded")
        self._record(reason, sent, self.client.last_call, None)

    def _record(self, reason: str, sent: str, call: CallRecord | None, error: CloudError | None) -> None:
        if call is None:
            return
        record = CloudCall(
            at=datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
            reason=reason,
            endpoint=call.endpoint,
            model=call.model,
            sent_json=sent,
            outcome=call.outcome.value,
            error=str(error) if error is not None else call.error,
            prompt_tokens=call.prompt_tokens,
            completion_tokens=call.completion_tokens,
            cost_micros=call.cost_micros or 0,
            latency_ms=round(call.latency * 1000),
        )
        try:
            self._log.record(record)
        except Exception:  # noqa: BLE001 - a full disk must not lose the answer already shown
            log.exception("cannot write the cloud log record of a %s call", call.outcome.value)
        if call.outcome is CallOutcome.REJECTED:
            log.info("cloud call not sent: %s", call.error)
