"""The cloud as the assistant sees it: routing state, streaming, and the cloud log.

It wraps the HTTP client (timeouts, retries, circuit breaker) with what the shop
decides: the policy, the monthly budget and whether business data may leave. The
online state comes from call outcomes and, when none is recent, from a cheap probe of
the endpoint, so a question never waits on a dead line for longer than the probe's
timeout. Every call is written to the cloud log with its reason and what was sent.
"""

from __future__ import annotations

import contextlib
import json
import logging
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from datetime import datetime, timezone

import httpx

from retail_assistant.adapters.cloud.client import CloudClient
from retail_assistant.adapters.cloud.records import CallRecord
from retail_assistant.adapters.cloud.settings import CloudSettings
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
        cloud_settings: CloudSettings,
        cloud_log: SqliteCloudLog,
        *,
        policy: Policy = Policy.AUTOMATIC,
        allow_business_data: bool = False,
        monthly_budget_cents: int | None = None,
        warning_share: float = 0.8,
        clock: Callable[[], float] = time.monotonic,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        # The client reports each finished call on the thread that ran it, so the record
        # is matched with that call's reason and messages through a thread-local context.
        self.client = CloudClient(cloud_settings, on_call=self._record_call, transport=transport)
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
        self._context.reason = reason
        self._context.sent = json.dumps([{"role": m.role, "content": m.content} for m in messages], ensure_ascii=False)
        started = False
        # closing() finishes the client's call (and its record) before this generator ends,
        # also when the reader stops early.
        with contextlib.closing(self.client.stream(messages, options, cancel=cancel)) as pieces:
            try:
                for piece in pieces:
                    started = True
                    yield piece
            except CloudError as error:
                if isinstance(error, _OFFLINE_ERRORS) and not started:
                    self.online.set(False, str(error))
                raise
        self.online.set(True, "the last call succeeded")

    def close(self) -> None:
        """Close the client's connections."""
        self.client.close()

    def _record_call(self, call: CallRecord) -> None:
        record = CloudCall(
            at=datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
            reason=getattr(self._context, "reason", "unknown"),
            endpoint=call.endpoint,
            model=call.model,
            sent_json=getattr(self._context, "sent", "[]"),
            outcome=call.outcome.value,
            error=call.error,
            prompt_tokens=call.prompt_tokens,
            completion_tokens=call.completion_tokens,
            cost_micros=call.cost_micros or 0,
            latency_ms=round(call.latency * 1000),
        )
        try:
            self._log.record(record)
        except Exception:  # noqa: BLE001 - a full disk must not lose the answer already shown
            log.exception("cannot write the cloud log record of a %s call", call.outcome.value)
