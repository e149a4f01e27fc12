"""Fault injection: a scripted loopback server drops, cuts, stalls, limits and breaks replies."""

from __future__ import annotations

import json
import random
import threading
import time
from email.utils import formatdate

import pytest

from retail_assistant.adapters.cloud import CallOutcome, CloudClient
from retail_assistant.core.cancel import CancelToken
from retail_assistant.core.chat import ChatMessage, GenerationOptions
from retail_assistant.core.errors import (
    CloudAuthError,
    CloudBadResponse,
    CloudConnectionLost,
    CloudQuotaExceeded,
    CloudRateLimited,
    CloudStreamInterrupted,
    CloudTimeout,
    CloudUnavailable,
)

from .conftest import fast_settings
from .servers import ScriptedServer, chunk_event, drop, http_chunk, reply_stream, sse, stall, status, stream_head

MESSAGES = [ChatMessage("user", "Write a shelf label for honey.")]
OPTIONS = GenerationOptions(max_tokens=32)
REPLY = reply_stream("Local", " honey", ", 500 g.")
# A byte offset 20 bytes into the event after the one that carries " honey".
INSIDE_THIRD_PIECE = REPLY.index(b"\n\n", REPLY.index(b" honey")) + 2 + 20


def collect(client, pieces: list[str] | None = None) -> str:
    pieces = [] if pieces is None else pieces
    for piece in client.stream(MESSAGES, OPTIONS):
        pieces.append(piece)
    return "".join(pieces)


def test_dropped_before_headers_retries_then_fails(make_client, sleeps):
    with ScriptedServer(drop()) as server:
        client = make_client(fast_settings(server.base_url, max_retries=3))

        with pytest.raises(CloudConnectionLost) as caught:
            collect(client)

    assert len(server.requests) == 4
    assert len(sleeps.waits) == 3
    assert server.base_url in str(caught.value)
    assert client.last_call.attempts == 4
    assert client.last_call.outcome is CallOutcome.FAILED


def test_dropped_once_then_success(make_client, sleeps):
    with ScriptedServer(drop(), sse(REPLY)) as server:
        client = make_client(fast_settings(server.base_url))

        reply = collect(client)

    assert reply == "Local honey, 500 g."
    assert len(server.requests) == 2
    assert len(sleeps.waits) == 1


def test_cut_mid_stream_keeps_partial_text(make_client, sleeps):
    with ScriptedServer(sse(REPLY, pieces=[40], cut_after=INSIDE_THIRD_PIECE), sse(REPLY)) as server:
        client = make_client(fast_settings(server.base_url))
        received: list[str] = []

        with pytest.raises(CloudStreamInterrupted) as caught:
            collect(client, received)

    assert caught.value.partial_text == "Local honey"
    assert "".join(received) == "Local honey"
    assert len(server.requests) == 1
    assert sleeps.waits == []
    assert isinstance(caught.value.__cause__, CloudConnectionLost)
    assert client.last_call.outcome is CallOutcome.INTERRUPTED


def test_stream_ending_without_finish_is_interrupted(make_client):
    unfinished = chunk_event(role=True, content="") + chunk_event("Local") + chunk_event(" honey")
    with ScriptedServer(sse(unfinished)) as server:
        client = make_client(fast_settings(server.base_url))

        with pytest.raises(CloudStreamInterrupted) as caught:
            collect(client)

    assert caught.value.partial_text == "Local honey"
    assert len(server.requests) == 1


def test_stall_before_first_byte_times_out(make_client, sleeps):
    with ScriptedServer(stall(10)) as server:
        client = make_client(fast_settings(server.base_url, read_timeout=0.5))
        started = time.monotonic()

        with pytest.raises(CloudTimeout):
            collect(client)
        elapsed = time.monotonic() - started

    assert elapsed < 1.5
    assert len(server.requests) == 1
    assert sleeps.waits == []


def test_stall_before_any_text_times_out(make_client):
    role_only = chunk_event(role=True, content="")
    with ScriptedServer(stall(10, after=stream_head() + http_chunk(role_only))) as server:
        client = make_client(fast_settings(server.base_url, read_timeout=0.5))
        started = time.monotonic()

        with pytest.raises(CloudTimeout):
            collect(client)
        elapsed = time.monotonic() - started

    assert elapsed < 1.5
    assert len(server.requests) == 1


def test_stall_between_chunks_interrupts(make_client):
    with ScriptedServer(sse(REPLY, pieces=[40], stall_after=INSIDE_THIRD_PIECE)) as server:
        client = make_client(fast_settings(server.base_url, read_timeout=0.5))
        started = time.monotonic()

        with pytest.raises(CloudStreamInterrupted) as caught:
            collect(client)
        elapsed = time.monotonic() - started

    assert elapsed < 1.5
    assert caught.value.partial_text == "Local honey"
    assert isinstance(caught.value.__cause__, CloudTimeout)


def test_deadline_after_text_interrupts(make_client):
    # The first piece arrives after about 0.2 s; the whole reply would take about 2 s.
    slow_reply = chunk_event("Local") + chunk_event(" honey") * 20
    with ScriptedServer(sse(slow_reply, pieces=[64], pause=0.1)) as server:
        client = make_client(fast_settings(server.base_url, deadline=0.6))
        started = time.monotonic()

        with pytest.raises(CloudStreamInterrupted) as caught:
            collect(client)
        elapsed = time.monotonic() - started

    assert elapsed < 1.5
    assert caught.value.partial_text.startswith("Local")
    assert isinstance(caught.value.__cause__, CloudTimeout)


def test_deadline_before_text_times_out(make_client):
    # Keep-alive comments arrive well within the read timeout, but the reply never starts.
    keep_alives = b": keep-alive\n\n" * 200
    with ScriptedServer(sse(keep_alives, pieces=[14], pause=0.05)) as server:
        client = make_client(fast_settings(server.base_url, deadline=0.6, read_timeout=0.5))
        started = time.monotonic()

        with pytest.raises(CloudTimeout) as caught:
            collect(client)
        elapsed = time.monotonic() - started

    assert elapsed < 1.5
    assert "0.6 s" in str(caught.value)


def test_default_wait_ends_on_stop():
    cancel = CancelToken()
    limited = status(503, b"busy", headers={"Retry-After": "5"})
    with ScriptedServer(limited, sse(REPLY)) as server:
        client = CloudClient(fast_settings(server.base_url))
        timer = threading.Timer(0.2, cancel.cancel)
        timer.start()
        started = time.monotonic()

        pieces = list(client.stream(MESSAGES, OPTIONS, cancel=cancel))
        elapsed = time.monotonic() - started
        timer.cancel()
        client.close()

    assert pieces == []
    assert elapsed < 1.0
    assert client.last_call.outcome is CallOutcome.CANCELLED
    assert len(server.requests) == 1


def test_status_of_last_attempt_is_recorded(make_client):
    with ScriptedServer(status(500, b"oops"), drop()) as server:
        client = make_client(fast_settings(server.base_url, max_retries=1))

        with pytest.raises(CloudConnectionLost):
            collect(client)

    assert client.last_call.status is None


def test_retry_after_seconds_is_honoured(make_client, sleeps):
    limited = status(429, {"error": {"message": "Rate limit reached", "type": "requests", "code": "rate_limit_exceeded"}}, headers={"Retry-After": "2"})
    with ScriptedServer(limited, sse(REPLY)) as server:
        client = make_client(fast_settings(server.base_url))

        reply = collect(client)

    assert reply == "Local honey, 500 g."
    assert sleeps.waits == [2.0]
    assert len(server.requests) == 2


def test_retry_after_http_date_is_honoured(make_client, sleeps):
    now = 1_800_000_000.0
    limited = status(429, {"error": {"message": "slow down"}}, headers={"Retry-After": formatdate(now + 5, usegmt=True)})
    with ScriptedServer(limited, sse(REPLY)) as server:
        client = make_client(fast_settings(server.base_url), wall_clock=lambda: now)

        reply = collect(client)

    assert reply == "Local honey, 500 g."
    assert sleeps.waits == [5.0]


def test_retry_after_ms_is_honoured(make_client, sleeps):
    limited = status(429, {"error": {"message": "slow down"}}, headers={"retry-after-ms": "1500", "Retry-After": "9"})
    with ScriptedServer(limited, sse(REPLY)) as server:
        client = make_client(fast_settings(server.base_url))

        reply = collect(client)

    assert reply == "Local honey, 500 g."
    assert sleeps.waits == [1.5]


def test_retry_after_above_cap_fails_at_once(make_client, sleeps):
    limited = status(429, {"error": {"message": "slow down"}}, headers={"Retry-After": "120"})
    with ScriptedServer(limited) as server:
        client = make_client(fast_settings(server.base_url, max_retry_wait=20))

        with pytest.raises(CloudRateLimited) as caught:
            collect(client)

    assert caught.value.retry_after == 120.0
    assert sleeps.waits == []
    assert len(server.requests) == 1


def test_server_error_then_success(make_client, sleeps):
    with ScriptedServer(status(500, {"error": {"message": "boom", "type": "server_error"}}), sse(REPLY)) as server:
        client = make_client(fast_settings(server.base_url), rng=random.Random(7))

        reply = collect(client)

    assert reply == "Local honey, 500 g."
    assert len(sleeps.waits) == 1
    assert 0.0 <= sleeps.waits[0] <= 0.5
    assert client.last_call.attempts == 2


def test_backoff_grows_and_stays_capped(make_client, sleeps):
    with ScriptedServer(status(503, b"unavailable")) as server:
        settings = fast_settings(server.base_url, max_retries=5, backoff_base=1.0, max_retry_wait=4.0)
        client = make_client(settings, rng=random.Random(3))

        with pytest.raises(CloudUnavailable) as caught:
            collect(client)

    bounds = [1.0, 2.0, 4.0, 4.0, 4.0]
    assert len(server.requests) == 6
    assert all(0.0 <= wait <= bound for wait, bound in zip(sleeps.waits, bounds, strict=True))
    assert caught.value.status == 503


def test_request_timeout_408_is_retried(make_client, sleeps):
    with ScriptedServer(status(408, b""), sse(REPLY)) as server:
        client = make_client(fast_settings(server.base_url))

        reply = collect(client)

    assert reply == "Local honey, 500 g."
    assert len(server.requests) == 2


def test_unauthorized_is_final(make_client, sleeps):
    body = {"error": {"message": "Incorrect API key provided: sk-test-S***6789.", "type": "invalid_request_error", "code": "invalid_api_key"}}
    with ScriptedServer(status(401, body)) as server:
        client = make_client(fast_settings(server.base_url))

        with pytest.raises(CloudAuthError) as caught:
            collect(client)

    assert len(server.requests) == 1
    assert sleeps.waits == []
    assert caught.value.status == 401
    assert "sk-test" not in str(caught.value)


def test_forbidden_is_final(make_client):
    with ScriptedServer(status(403, {"error": {"message": "not allowed"}})) as server:
        client = make_client(fast_settings(server.base_url))

        with pytest.raises(CloudAuthError):
            collect(client)

    assert len(server.requests) == 1


def test_insufficient_quota_is_final(make_client, sleeps):
    body = {"error": {"message": "You exceeded your current quota.", "type": "insufficient_quota", "code": "insufficient_quota"}}
    with ScriptedServer(status(429, body, headers={"Retry-After": "1"})) as server:
        client = make_client(fast_settings(server.base_url))

        with pytest.raises(CloudQuotaExceeded):
            collect(client)

    assert len(server.requests) == 1
    assert sleeps.waits == []


def test_payment_required_is_final(make_client):
    with ScriptedServer(status(402, {"error": {"message": "Payment required"}})) as server:
        client = make_client(fast_settings(server.base_url))

        with pytest.raises(CloudQuotaExceeded):
            collect(client)

    assert len(server.requests) == 1


def test_unknown_model_is_final_bad_response(make_client):
    body = {"error": {"message": "The model `gpt-9` does not exist", "type": "invalid_request_error", "code": "model_not_found"}}
    with ScriptedServer(status(404, body)) as server:
        client = make_client(fast_settings(server.base_url))

        with pytest.raises(CloudBadResponse) as caught:
            collect(client)

    assert len(server.requests) == 1
    assert "gpt-9" in str(caught.value)


def test_malformed_json_chunk_is_bad_response(make_client):
    body = chunk_event(role=True, content="") + b"data: {\"choices\": [\n\n" + chunk_event("never")
    with ScriptedServer(sse(body)) as server:
        client = make_client(fast_settings(server.base_url))

        with pytest.raises(CloudBadResponse):
            collect(client)

    assert len(server.requests) == 1


def test_malformed_chunk_after_text_interrupts(make_client):
    body = chunk_event("Local") + b"data: not json\n\n"
    with ScriptedServer(sse(body)) as server:
        client = make_client(fast_settings(server.base_url))

        with pytest.raises(CloudStreamInterrupted) as caught:
            collect(client)

    assert caught.value.partial_text == "Local"
    assert isinstance(caught.value.__cause__, CloudBadResponse)


def test_error_object_in_ok_stream(make_client):
    error = {"error": {"message": "The server had an error while processing your request.", "type": "server_error"}}
    body = chunk_event(role=True, content="") + b"data: " + json.dumps(error).encode() + b"\n\n"
    with ScriptedServer(sse(body)) as server:
        client = make_client(fast_settings(server.base_url))

        with pytest.raises(CloudBadResponse) as caught:
            collect(client)

    assert caught.value.status == 200
    assert "server had an error" in str(caught.value)


def test_quota_error_object_in_ok_stream(make_client):
    error = {"error": {"message": "quota", "type": "insufficient_quota", "code": "insufficient_quota"}}
    with ScriptedServer(sse(b"data: " + json.dumps(error).encode() + b"\n\n")) as server:
        client = make_client(fast_settings(server.base_url))

        with pytest.raises(CloudQuotaExceeded):
            collect(client)


def test_error_event_type_in_ok_stream(make_client):
    body = chunk_event("Local") + b"event: error\ndata: {\"message\": \"overloaded\"}\n\n"
    with ScriptedServer(sse(body)) as server:
        client = make_client(fast_settings(server.base_url))

        with pytest.raises(CloudStreamInterrupted) as caught:
            collect(client)

    assert caught.value.partial_text == "Local"


def test_slow_drip_one_byte_at_a_time(make_client):
    with ScriptedServer(sse(REPLY, pieces=[1], pause=0.0005)) as server:
        client = make_client(fast_settings(server.base_url))

        reply = collect(client)

    assert reply == "Local honey, 500 g."
    assert (client.last_call.prompt_tokens, client.last_call.completion_tokens) == (12, 3)


def test_html_page_is_bad_response(make_client):
    page = b"<html><body>Log in to the shop Wi-Fi</body></html>"
    with ScriptedServer(sse(page, content_type="text/html")) as server:
        client = make_client(fast_settings(server.base_url))

        with pytest.raises(CloudBadResponse) as caught:
            collect(client)

    assert "text/html" in str(caught.value)


def test_plain_json_reply_is_accepted(make_client):
    reply = {
        "choices": [{"index": 0, "message": {"role": "assistant", "content": "Whole reply."}, "finish_reason": "stop"}],
        "usage": {"prompt_tokens": 9, "completion_tokens": 3},
    }
    with ScriptedServer(status(200, reply)) as server:
        client = make_client(fast_settings(server.base_url))

        text = collect(client)

    assert text == "Whole reply."
    assert client.last_call.completion_tokens == 3


def test_connection_refused_fails_quickly(make_client, sleeps):
    with ScriptedServer(drop()) as server:
        base_url = server.base_url
    client = make_client(fast_settings(base_url, max_retries=1))
    started = time.monotonic()

    with pytest.raises(CloudConnectionLost):
        collect(client)

    assert time.monotonic() - started < 1.0
    assert len(sleeps.waits) == 1
