"""Translation of everything that can go wrong in a cloud call into the project's CloudError family.

Each failure is described once here: the error the caller gets, whether a retry may help, the
wait the endpoint requested, and whether it shows the endpoint is unhealthy (which feeds the
circuit breaker). httpx exceptions stop here, so none leaves the adapter.

Messages name the endpoint and what to do next. They never contain the API key: a provider's
own error text is included only for requests it rejected, after removing anything shaped like
a key, and never for authentication errors, whose text may echo part of the key.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass

import httpx

from retail_assistant.adapters.cloud.protocol import ProviderError, parse_error_body
from retail_assistant.adapters.cloud.retry import parse_retry_after
from retail_assistant.core.errors import (
    CloudAuthError,
    CloudBadResponse,
    CloudConnectionLost,
    CloudError,
    CloudQuotaExceeded,
    CloudRateLimited,
    CloudStreamInterrupted,
    CloudTimeout,
    CloudUnavailable,
)

__all__ = [
    "Failure",
    "failure_from_deadline",
    "failure_from_early_end",
    "failure_from_malformed",
    "failure_from_provider_error",
    "failure_from_status",
    "failure_from_transport",
    "interrupted",
    "redact",
]

_QUOTA_CODES = frozenset({"insufficient_quota", "billing_hard_limit_reached", "quota_exceeded"})
_RATE_CODES = frozenset({"rate_limit_exceeded", "rate_limit_error", "rate_limited"})
_AUTH_CODES = frozenset({"invalid_api_key", "authentication_error", "invalid_authentication", "unauthorized"})

# Shapes of provider keys (OpenAI "sk-", Groq "gsk_", and similar), removed from provider text.
_KEY_SHAPE = re.compile(r"\b(?:sk|gsk|key|pk|rk)[-_][A-Za-z0-9_\-*.]{4,}")


@dataclass(frozen=True)
class Failure:
    """One failed attempt: the error to raise, whether to retry, and what it shows about the endpoint.

    `reason` is a short phrase for the message of a CloudStreamInterrupted built from it.
    """

    error: CloudError
    reason: str
    retryable: bool = False
    retry_after: float | None = None
    endpoint_unhealthy: bool = True


def failure_from_status(
    status: int,
    body: bytes,
    headers: Mapping[str, str],
    *,
    endpoint: str,
    model: str,
    api_key: str | None,
    now: float,
) -> Failure:
    """Describe an HTTP response whose status is not 200; `now` is seconds since the epoch."""
    provider = parse_error_body(body)
    detail = _detail(provider, api_key)
    code = _code(provider)
    at = f"the cloud service at {endpoint}"

    if status in (401, 403):
        error = CloudAuthError(
            f"{at} rejected the API key or does not allow it this model (HTTP {status}); "
            "check the key and the model in the cloud settings",
            endpoint=endpoint,
            status=status,
        )
        return Failure(error, "the key was rejected", endpoint_unhealthy=False)

    if status == 402 or code in _QUOTA_CODES:
        error = CloudQuotaExceeded(
            f"{at} says the account has no credit or quota left (HTTP {status}); add credit with the "
            "provider or keep using the local model",
            endpoint=endpoint,
            status=status,
        )
        return Failure(error, "the account has no quota left", endpoint_unhealthy=False)

    if status == 429:
        wait = parse_retry_after(headers, now=now)
        after = f"; try again in {math.ceil(wait)} s" if wait is not None else "; try again in a minute"
        error = CloudRateLimited(
            f"{at} is limiting requests (HTTP 429){after}", endpoint=endpoint, status=status, retry_after=wait
        )
        return Failure(error, "requests are rate-limited", retryable=True, retry_after=wait)

    if status == 408:
        error = CloudTimeout(f"{at} timed out reading the request (HTTP 408); try again", endpoint=endpoint, status=status)
        return Failure(error, "the request timed out", retryable=True, retry_after=parse_retry_after(headers, now=now))

    if status >= 500:
        error = CloudUnavailable(
            f"{at} is failing (HTTP {status}{detail}); answers are made on this computer until it recovers",
            endpoint=endpoint,
            status=status,
        )
        return Failure(error, f"the server failed (HTTP {status})", retryable=True, retry_after=parse_retry_after(headers, now=now))

    if 300 <= status < 400:
        location = headers.get("location", "another address")
        error = CloudBadResponse(
            f"{at} redirects to {location} (HTTP {status}); enter the new address as the base URL in the cloud settings",
            endpoint=endpoint,
            status=status,
        )
        return Failure(error, "the address moved", endpoint_unhealthy=False)

    if status == 404:
        error = CloudBadResponse(
            f"{at} does not know the model {model!r} or the address is wrong (HTTP 404{detail}); "
            "check the base URL and the model in the cloud settings",
            endpoint=endpoint,
            status=status,
        )
        return Failure(error, "the model or address was not found", endpoint_unhealthy=False)

    if 400 <= status < 500:
        error = CloudBadResponse(
            f"{at} rejected the request (HTTP {status}{detail}); check the model and the cloud settings",
            endpoint=endpoint,
            status=status,
        )
        return Failure(error, f"the request was rejected (HTTP {status})", endpoint_unhealthy=False)

    error = CloudBadResponse(
        f"{at} answered with the unexpected HTTP status {status}; check the base URL in the cloud settings",
        endpoint=endpoint,
        status=status,
    )
    return Failure(error, f"unexpected HTTP status {status}")


def failure_from_provider_error(error: ProviderError, *, endpoint: str, api_key: str | None) -> Failure:
    """Describe an error object that arrived inside a stream that began with HTTP 200."""
    code = _code(error)
    at = f"the cloud service at {endpoint}"
    if code in _AUTH_CODES:
        auth = CloudAuthError(
            f"{at} rejected the API key during the reply; check the key in the cloud settings", endpoint=endpoint, status=200
        )
        return Failure(auth, "the key was rejected", endpoint_unhealthy=False)
    if code in _QUOTA_CODES:
        quota = CloudQuotaExceeded(
            f"{at} says the account has no credit or quota left; add credit with the provider or keep using the local model",
            endpoint=endpoint,
            status=200,
        )
        return Failure(quota, "the account has no quota left", endpoint_unhealthy=False)
    if code in _RATE_CODES:
        limited = CloudRateLimited(f"{at} is limiting requests; try again in a minute", endpoint=endpoint, status=200)
        return Failure(limited, "requests are rate-limited")

    detail = _detail(error, api_key)
    bad = CloudBadResponse(f"{at} reported an error during the reply{detail or ''}; try again later", endpoint=endpoint, status=200)
    return Failure(bad, "the service reported an error")


def failure_from_transport(
    error: httpx.HTTPError | httpx.InvalidURL | httpx.StreamError,
    *,
    endpoint: str,
    connect_timeout: float,
    read_timeout: float,
) -> Failure:
    """Describe an httpx exception raised while connecting, sending or reading."""
    at = f"the cloud service at {endpoint}"

    if isinstance(error, httpx.ConnectTimeout):
        timeout = CloudTimeout(
            f"cannot connect to {at} within {connect_timeout:g} s; check the internet connection", endpoint=endpoint
        )
        return Failure(timeout, "connecting timed out", retryable=True)
    if isinstance(error, httpx.ReadTimeout):
        timeout = CloudTimeout(
            f"{at} sent nothing for {read_timeout:g} s; try again later, or raise the read timeout in the cloud settings",
            endpoint=endpoint,
        )
        return Failure(timeout, f"nothing arrived for {read_timeout:g} s")
    if isinstance(error, httpx.TimeoutException):
        timeout = CloudTimeout(f"the request to {at} timed out; try again later", endpoint=endpoint)
        return Failure(timeout, "the request timed out")

    if isinstance(error, (httpx.UnsupportedProtocol, httpx.InvalidURL, httpx.LocalProtocolError)):
        unusable = CloudUnavailable(
            f"the address of {at} cannot be used ({error}); check the base URL in the cloud settings", endpoint=endpoint
        )
        return Failure(unusable, "the address cannot be used", endpoint_unhealthy=False)

    if isinstance(error, httpx.DecodingError):
        bad = CloudBadResponse(f"{at} sent a reply that cannot be decoded; try again later", endpoint=endpoint)
        return Failure(bad, "the reply could not be decoded")

    cause = _first_line(str(error)) or type(error).__name__
    if isinstance(error, httpx.ConnectError) and "CERTIFICATE_VERIFY_FAILED" in str(error):
        untrusted = CloudConnectionLost(
            f"the certificate of {at} is not trusted ({cause}); if the shop's network inspects TLS, "
            "set its CA certificate file in the cloud settings",
            endpoint=endpoint,
        )
        return Failure(untrusted, "the certificate is not trusted", endpoint_unhealthy=False)
    if isinstance(error, httpx.ProxyError):
        proxy = CloudConnectionLost(f"the proxy failed to reach {at} ({cause}); check the proxy setting", endpoint=endpoint)
        return Failure(proxy, "the proxy failed", retryable=True)
    if isinstance(error, (httpx.TransportError, httpx.StreamError)):
        lost = CloudConnectionLost(
            f"the connection to {at} failed ({cause}); check the internet connection and the base URL",
            endpoint=endpoint,
        )
        return Failure(lost, "the connection was closed", retryable=True)

    lost = CloudConnectionLost(f"the request to {at} failed ({cause}); try again later", endpoint=endpoint)
    return Failure(lost, "the request failed")


def failure_from_malformed(problem: str, *, endpoint: str) -> Failure:
    """Describe a 200 reply that is not the Chat Completions format; `problem` names what is wrong."""
    error = CloudBadResponse(
        f"the cloud service at {endpoint} sent a malformed reply ({problem}); try again later, "
        "or check the base URL in the cloud settings",
        endpoint=endpoint,
        status=200,
    )
    return Failure(error, "the reply was malformed")


def failure_from_deadline(deadline: float, *, endpoint: str) -> Failure:
    """Describe a call that did not finish within its overall `deadline` in seconds."""
    error = CloudTimeout(
        f"the cloud service at {endpoint} did not finish the reply within {deadline:g} s; "
        "try again, or ask for a shorter text",
        endpoint=endpoint,
    )
    return Failure(error, f"the reply took longer than {deadline:g} s")


def failure_from_early_end(*, endpoint: str) -> Failure:
    """Describe a stream that ended cleanly but before its finishing chunk or [DONE]."""
    lost = CloudConnectionLost(
        f"the connection to the cloud service at {endpoint} closed before the reply was complete; try again",
        endpoint=endpoint,
    )
    return Failure(lost, "the connection closed early", retryable=True)


def interrupted(failure: Failure, *, partial_text: str, endpoint: str) -> CloudStreamInterrupted:
    """Return the error for a reply that stopped after `partial_text` arrived, caused by `failure`."""
    error = CloudStreamInterrupted(
        f"the reply from the cloud service at {endpoint} stopped after {len(partial_text)} characters "
        f"({failure.reason}); the text so far is kept, ask again for a complete reply",
        partial_text=partial_text,
        endpoint=endpoint,
        status=failure.error.status,
    )
    error.__cause__ = failure.error
    return error


def redact(text: str, api_key: str | None) -> str:
    """Return `text` without `api_key` and without anything shaped like a provider key."""
    if api_key:
        text = text.replace(api_key, "[hidden]")
    return _KEY_SHAPE.sub("[hidden]", text)


def _detail(error: ProviderError | None, api_key: str | None) -> str:
    if error is None or not error.message:
        return ""
    return f": {redact(error.message, api_key)}"


def _code(error: ProviderError | None) -> str:
    if error is None:
        return ""
    # OpenAI puts the reason in "code" and the class in "type"; others use only one of them.
    for value in (error.code, error.type):
        if value.lower() in _QUOTA_CODES | _RATE_CODES | _AUTH_CODES:
            return value.lower()
    return error.code.lower()


def _first_line(text: str) -> str:
    return text.strip().splitlines()[0][:200] if text.strip() else ""
