"""The reachability probe against scripted loopback servers."""

from __future__ import annotations

import time

from retail_assistant.adapters.cloud import CloudSettings, ProbeStatus, probe_endpoint

from .conftest import fast_settings
from .servers import ScriptedServer, drop, stall, status

MODELS = {"object": "list", "data": [{"id": "test-model", "object": "model"}]}


def test_listing_models_is_ok():
    with ScriptedServer(status(200, MODELS)) as server:
        result = probe_endpoint(fast_settings(server.base_url))

    assert result.status is ProbeStatus.OK
    assert result.reachable
    assert result.http_status == 200
    assert server.requests[0].method == "GET"
    assert server.requests[0].path == "/v1/models"
    assert server.requests[0].headers["authorization"] == "Bearer sk-test-SECRET-0123456789"


def test_rejected_key_is_reachable_with_reason():
    with ScriptedServer(status(401, {"error": {"message": "Incorrect API key provided: sk-test-S***789"}})) as server:
        result = probe_endpoint(fast_settings(server.base_url))

    assert result.status is ProbeStatus.REJECTED
    assert result.reachable
    assert "API key" in result.reason
    assert "sk-test" not in result.reason


def test_server_error_is_unreachable():
    with ScriptedServer(status(503, b"down")) as server:
        result = probe_endpoint(fast_settings(server.base_url))

    assert result.status is ProbeStatus.UNREACHABLE
    assert not result.reachable


def test_closed_port_is_unreachable_fast():
    with ScriptedServer(drop()) as server:
        base_url = server.base_url
    started = time.monotonic()

    result = probe_endpoint(fast_settings(base_url))

    assert result.status is ProbeStatus.UNREACHABLE
    assert base_url in result.reason
    assert time.monotonic() - started < 1.0


def test_stalled_server_is_unreachable_within_timeout():
    with ScriptedServer(stall(10)) as server:
        started = time.monotonic()

        result = probe_endpoint(fast_settings(server.base_url), timeout=0.3)
        elapsed = time.monotonic() - started

    assert result.status is ProbeStatus.UNREACHABLE
    assert elapsed < 1.0


def test_unconfigured_probe_sends_nothing():
    result = probe_endpoint(CloudSettings())

    assert result.status is ProbeStatus.NOT_CONFIGURED
    assert not result.reachable
