"""A cheap check that the cloud endpoint responds: GET {base_url}/models with a short timeout.

The router uses it to tell "offline" from "online" before offering the cloud, and the settings
window uses it for its "test connection" button. Listing models costs no tokens on any listed
provider. An endpoint counts as reachable when it responds over HTTP with a status below 500,
even 401, because the line is up. The reason then states what is wrong with the key.
"""

from __future__ import annotations

import enum
import time
from collections.abc import Callable
from dataclasses import dataclass

import httpx

from retail_assistant.adapters.cloud.connection import build_http_client
from retail_assistant.adapters.cloud.faults import failure_from_status, failure_from_transport
from retail_assistant.adapters.cloud.settings import CloudSettings

__all__ = ["ProbeResult", "ProbeStatus", "probe_endpoint", "probe_with_client"]

DEFAULT_PROBE_TIMEOUT = 1.5


class ProbeStatus(enum.Enum):
    """The outcome of a probe."""

    OK = "ok"
    """The endpoint listed its models: the address and the key work."""
    REJECTED = "rejected"
    """The endpoint responded but rejected the request: a wrong key, path or model list."""
    UNREACHABLE = "unreachable"
    """No HTTP response in time, or a server error."""
    NOT_CONFIGURED = "not_configured"


@dataclass(frozen=True)
class ProbeResult:
    """One probe's status and timing; `reason` is a sentence a shop worker can read."""

    status: ProbeStatus
    reason: str
    http_status: int | None = None
    latency: float = 0.0

    @property
    def reachable(self) -> bool:
        """Whether the endpoint responded over HTTP with a status below 500."""
        return self.status in (ProbeStatus.OK, ProbeStatus.REJECTED)


def probe_endpoint(
    settings: CloudSettings,
    *,
    timeout: float | None = None,
    transport: httpx.BaseTransport | None = None,
    clock: Callable[[], float] = time.monotonic,
) -> ProbeResult:
    """Check that the endpoint in `settings` responds.

    `timeout` (the settings' probe_timeout by default) bounds each step, connecting and reading,
    in seconds. A refused connection returns at once.
    """
    if not settings.base_url:
        return ProbeResult(ProbeStatus.NOT_CONFIGURED, "the cloud model is not set up; enter its base URL in the cloud settings")
    with build_http_client(settings, transport=transport) as client:
        return probe_with_client(client, settings, timeout=timeout or settings.probe_timeout, clock=clock)


def probe_with_client(
    client: httpx.Client,
    settings: CloudSettings,
    *,
    timeout: float = DEFAULT_PROBE_TIMEOUT,
    clock: Callable[[], float] = time.monotonic,
) -> ProbeResult:
    """Check the endpoint in `settings` through an existing httpx client."""
    endpoint = settings.endpoint
    if not settings.base_url:
        return ProbeResult(ProbeStatus.NOT_CONFIGURED, "the cloud model is not set up; enter its base URL in the cloud settings")

    headers = {"Accept": "application/json"}
    if settings.api_key:
        headers["Authorization"] = f"Bearer {settings.api_key}"

    started = clock()
    try:
        response = client.get(settings.models_url, headers=headers, timeout=httpx.Timeout(timeout))
    except (httpx.HTTPError, httpx.InvalidURL, httpx.StreamError) as error:
        failure = failure_from_transport(error, endpoint=endpoint, connect_timeout=timeout, read_timeout=timeout)
        return ProbeResult(ProbeStatus.UNREACHABLE, str(failure.error), latency=clock() - started)
    latency = clock() - started

    if response.status_code == 200:
        return ProbeResult(ProbeStatus.OK, f"the cloud service at {endpoint} answered", response.status_code, latency)

    failure = failure_from_status(
        response.status_code,
        response.content,
        response.headers,
        endpoint=endpoint,
        model=settings.model,
        api_key=settings.api_key,
        now=time.time(),
    )
    status = ProbeStatus.UNREACHABLE if response.status_code >= 500 else ProbeStatus.REJECTED
    return ProbeResult(status, str(failure.error), response.status_code, latency)
