"""The cloud model: streamed Chat Completions from any OpenAI-compatible endpoint over httpx.

`CloudClient` implements the TextGenerator port, so the router can hand a task to it or to
the local model alike. One call posts the conversation with `stream: true`, parses the
Server-Sent Events as bytes arrive and yields the text pieces.

Retries happen only before the first piece of text: a connection error, HTTP 408, 429 or
5xx is retried with exponential backoff and full jitter (see retry.py), up to the configured
count and inside the call's deadline. Once text was yielded, a failure raises
CloudStreamInterrupted with the text so far and nothing is resent, because a second request
would produce a different reply that could not be joined to the first.

Each call ends with one CallRecord (outcome, status, latency, tokens, cost), kept as
`last_call`, passed to `on_call`, and logged as one INFO line that never contains the key or
any message text.
"""

from __future__ import annotations

import logging
import math
import random
import threading
import time
from collections.abc import Callable, Generator, Iterator, Sequence
from typing import Any
from urllib.parse import urlsplit

import httpx

from retail_assistant.adapters.cloud.breaker import CircuitBreaker
from retail_assistant.adapters.cloud.connection import build_http_client
from retail_assistant.adapters.cloud.faults import Failure, failure_from_deadline, interrupted
from retail_assistant.adapters.cloud.probe import ProbeResult, probe_with_client
from retail_assistant.adapters.cloud.protocol import build_request_body
from retail_assistant.adapters.cloud.records import CallOutcome, CallRecord, estimate_usage
from retail_assistant.adapters.cloud.replies import CallState, ReplyReader
from retail_assistant.adapters.cloud.retry import RetryPolicy
from retail_assistant.adapters.cloud.settings import CloudSettings
from retail_assistant.core.cancel import CancelToken
from retail_assistant.core.chat import ChatMessage, GenerationOptions
from retail_assistant.core.errors import CloudBadResponse, CloudError, CloudStreamInterrupted, CloudUnavailable

__all__ = ["CloudClient"]

log = logging.getLogger(__name__)

CallListener = Callable[[CallRecord], None]

_CANCEL_POLL_SECONDS = 0.05
_LOOPBACK_HOSTS = frozenset({"localhost", "127.0.0.1", "::1"})


class CloudClient:
    """A TextGenerator backed by an OpenAI-compatible Chat Completions endpoint.

    Tests replace the network with `transport`. They may also replace `clock` (monotonic
    seconds), `wall_clock` (seconds since the epoch, for Retry-After dates), `sleep` (the wait
    before a retry) and `rng` (the jitter). The default wait ends early when Stop is pressed.
    Several threads may call at once, and each call runs on the thread that iterates it.
    Raises InputError when the settings' CA file cannot be loaded.
    """

    def __init__(
        self,
        settings: CloudSettings,
        *,
        transport: httpx.BaseTransport | None = None,
        breaker: CircuitBreaker | None = None,
        on_call: CallListener | None = None,
        clock: Callable[[], float] = time.monotonic,
        wall_clock: Callable[[], float] = time.time,
        sleep: Callable[[float], None] | None = None,
        rng: random.Random | None = None,
    ) -> None:
        self.settings = settings
        self.breaker = breaker or CircuitBreaker(
            failure_threshold=settings.breaker_failures,
            cooldown=settings.breaker_cooldown,
            max_cooldown=settings.breaker_max_cooldown,
            clock=clock,
        )
        self._http = build_http_client(settings, transport=transport)
        self._reader = ReplyReader(settings, clock=clock, wall_clock=wall_clock)
        self._retry = RetryPolicy(max_retries=settings.max_retries, base=settings.backoff_base, cap=settings.max_retry_wait)
        self._on_call = on_call
        self._clock = clock
        self._wall_clock = wall_clock
        self._sleep = sleep
        self._rng = rng or random.Random()
        self._lock = threading.Lock()
        self._last_call: CallRecord | None = None
        self._include_usage = bool(settings.include_usage)

        host = urlsplit(settings.base_url).hostname or ""
        if settings.api_key and settings.base_url.startswith("http://") and host not in _LOOPBACK_HOSTS:
            log.warning("the cloud API key is sent unencrypted to %s; use an https:// address", settings.endpoint)

    @property
    def configured(self) -> bool:
        """Whether the settings name an endpoint, a model and any key the provider needs."""
        return self.settings.configured

    @property
    def ready(self) -> bool:
        """Whether a call would be sent now: configured, and the circuit breaker admits calls."""
        return self.settings.configured and self.breaker.available

    @property
    def last_call(self) -> CallRecord | None:
        """The record of the most recently finished call, from any thread."""
        with self._lock:
            return self._last_call

    def stream(
        self,
        messages: Sequence[ChatMessage],
        options: GenerationOptions,
        *,
        cancel: CancelToken | None = None,
    ) -> Iterator[str]:
        """Yield the reply's text pieces until the end, the token limit or Stop.

        Raises a CloudError subclass on failure: CloudUnavailable without sending anything when
        the cloud is not configured or the breaker is open, and CloudStreamInterrupted, holding
        the text so far, when the reply breaks off after text was yielded.
        """
        cancel = cancel or CancelToken()
        started = self._clock()
        call = CallState(messages=messages, started=started, deadline_at=started + self.settings.deadline)

        rejection = self._rejection()
        if rejection is not None:
            self._finish(call, CallOutcome.REJECTED, rejection)
            raise rejection

        outcome = CallOutcome.FAILED
        error: CloudError | None = None
        try:
            yield from self._attempts(call, options, cancel)
            outcome = CallOutcome.CANCELLED if call.cancelled else CallOutcome.COMPLETED
        except GeneratorExit:
            outcome = CallOutcome.CANCELLED
            raise
        except CloudError as caught:
            error = caught
            outcome = CallOutcome.INTERRUPTED if isinstance(caught, CloudStreamInterrupted) else CallOutcome.FAILED
            raise
        finally:
            self._settle_breaker(call, outcome)
            self._finish(call, outcome, error)

    def complete(
        self,
        messages: Sequence[ChatMessage],
        options: GenerationOptions,
        *,
        cancel: CancelToken | None = None,
    ) -> str:
        """Return the whole reply: the join of what `stream` yields."""
        return "".join(self.stream(messages, options, cancel=cancel))

    def probe(self, *, timeout: float | None = None) -> ProbeResult:
        """Check that the endpoint responds, with the client's own connection settings."""
        return probe_with_client(self._http, self.settings, timeout=timeout or self.settings.probe_timeout, clock=self._clock)

    def close(self) -> None:
        """Close the connection pool."""
        self._http.close()

    def __enter__(self) -> CloudClient:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def _rejection(self) -> CloudUnavailable | None:
        settings = self.settings
        if not settings.configured:
            return CloudUnavailable(
                "the cloud model is not set up; enter its base URL, model and API key in the cloud settings",
                endpoint=settings.endpoint,
            )
        if self.breaker.acquire():
            return None

        failures = self.breaker.consecutive_failures
        wait = self.breaker.retry_in()
        if wait > 0:
            pause = f"so it is not used for the next {math.ceil(wait)} s"
        else:
            pause = "so only one trial call goes to it until that call succeeds"
        return CloudUnavailable(
            f"the cloud service at {settings.endpoint} failed {failures} times in a row, {pause}; answers are made "
            "on this computer meanwhile",
            endpoint=settings.endpoint,
        )

    def _attempts(self, call: CallState, options: GenerationOptions, cancel: CancelToken) -> Generator[str, None, None]:
        settings = self.settings
        body = build_request_body(settings.model, call.messages, options, include_usage=self._include_usage)
        headers = {"Accept": "text/event-stream"}
        if settings.api_key:
            headers["Authorization"] = f"Bearer {settings.api_key}"

        retry_number = 0
        while True:
            call.attempts += 1
            failure = yield from self._attempt(call, body, headers, cancel)
            if failure is None:
                return
            call.failure = failure

            if call.pieces:
                raise interrupted(failure, partial_text=call.text, endpoint=settings.endpoint)
            if "stream_options" in body and _rejects_stream_options(failure):
                # Some servers reject the option (Groq did in 2024): ask again without it, at once.
                log.warning("the cloud service at %s rejects stream_options; asking without it", settings.endpoint)
                self._include_usage = False
                body = {name: value for name, value in body.items() if name != "stream_options"}
                continue
            if not failure.retryable:
                raise failure.error

            retry_number += 1
            delay = self._retry.delay(retry_number, requested=failure.retry_after, rng=self._rng)
            if delay is None or self._clock() + delay >= call.deadline_at:
                raise failure.error
            log.warning(
                "cloud call to %s failed (%s); retry %d of %d in %.1f s",
                settings.endpoint,
                failure.reason,
                retry_number,
                self._retry.max_retries,
                delay,
            )
            self._wait(delay, cancel)
            if cancel.cancelled:
                call.cancelled = True
                return

    def _attempt(
        self, call: CallState, body: dict[str, Any], headers: dict[str, str], cancel: CancelToken
    ) -> Generator[str, None, Failure | None]:
        settings = self.settings
        call.status = None
        remaining = call.deadline_at - self._clock()
        if remaining <= 0:
            return failure_from_deadline(settings.deadline, endpoint=settings.endpoint)

        # The per-request timeouts never reach past the deadline.
        timeout = httpx.Timeout(
            connect=min(settings.connect_timeout, remaining),
            read=min(settings.read_timeout, remaining),
            write=min(settings.read_timeout, remaining),
            pool=min(settings.connect_timeout, remaining),
        )
        try:
            request = self._http.build_request("POST", settings.chat_url, json=body, headers=headers, timeout=timeout)
            response = self._http.send(request, stream=True)
        except (httpx.HTTPError, httpx.InvalidURL, httpx.StreamError) as error:
            return self._reader.transport_failure(error)

        try:
            return (yield from self._reader.read(call, response, cancel))
        finally:
            _close_quietly(response)

    def _wait(self, seconds: float, cancel: CancelToken) -> None:
        if self._sleep is not None:
            self._sleep(seconds)
            return
        end = time.monotonic() + seconds
        while not cancel.cancelled:
            left = end - time.monotonic()
            if left <= 0:
                return
            time.sleep(min(left, _CANCEL_POLL_SECONDS))

    def _settle_breaker(self, call: CallState, outcome: CallOutcome) -> None:
        if outcome is CallOutcome.COMPLETED:
            self.breaker.record_success()
        elif call.failure is not None and outcome in (CallOutcome.FAILED, CallOutcome.INTERRUPTED):
            if call.failure.endpoint_unhealthy:
                self.breaker.record_failure()
            else:
                # The endpoint responded, so the fault is in the key, the quota or the request.
                self.breaker.record_success()
        else:
            self.breaker.release()

    def _finish(self, call: CallState, outcome: CallOutcome, error: CloudError | None) -> None:
        settings = self.settings
        usage = call.usage
        if usage is None and call.status == 200 and (call.pieces or outcome is CallOutcome.COMPLETED):
            usage = estimate_usage(call.messages, call.text)

        price = settings.price_for(settings.model)
        cost = None
        if usage is not None and price is not None:
            cost = price.cost_micros(usage.prompt_tokens, usage.completion_tokens)

        record = CallRecord(
            endpoint=settings.endpoint,
            model=settings.model,
            outcome=outcome,
            status=call.status,
            latency=self._clock() - call.started,
            attempts=call.attempts,
            first_text_latency=None if call.first_text_at is None else call.first_text_at - call.started,
            prompt_tokens=None if usage is None else usage.prompt_tokens,
            completion_tokens=None if usage is None else usage.completion_tokens,
            usage_estimated=usage is not None and usage.estimated,
            cost_micros=cost,
            currency=None if price is None else price.currency,
            finish_reason=call.finish_reason,
            error_type=None if error is None else type(error).__name__,
            error=None if error is None else str(error),
        )
        self._log(record)
        with self._lock:
            self._last_call = record
        if self._on_call is not None:
            try:
                self._on_call(record)
            except Exception:  # noqa: BLE001 - a listener's bug must not turn a reply into a failure
                log.exception("cloud call listener failed")

    @staticmethod
    def _log(record: CallRecord) -> None:
        tokens = "unknown"
        if record.prompt_tokens is not None:
            tokens = f"{record.prompt_tokens}+{record.completion_tokens}"
            if record.usage_estimated:
                tokens += " (estimated)"
        log.info(
            "cloud call %s: %s model %s, HTTP %s, %.2f s, %d attempt(s), tokens %s%s",
            record.outcome.value,
            record.endpoint,
            record.model,
            record.status if record.status is not None else "-",
            record.latency,
            record.attempts,
            tokens,
            f", {record.error_type}" if record.error_type else "",
        )


def _rejects_stream_options(failure: Failure) -> bool:
    error = failure.error
    return isinstance(error, CloudBadResponse) and error.status in (400, 422) and "stream_options" in str(error)


def _close_quietly(response: httpx.Response) -> None:
    try:
        response.close()
    except (httpx.HTTPError, httpx.StreamError) as error:
        log.debug("closing a cloud response failed: %s", type(error).__name__)
