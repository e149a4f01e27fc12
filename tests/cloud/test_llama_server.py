"""The client against a real OpenAI-compatible server: llama-cpp-python's, on 127.0.0.1.

The last test stops the session's server, so it stays last in this file.
"""

from __future__ import annotations

import time

import pytest

from retail_assistant.adapters.cloud import CallOutcome, CloudClient, ProbeStatus, probe_endpoint
from retail_assistant.core.chat import ChatMessage, GenerationOptions
from retail_assistant.core.errors import CloudConnectionLost, CloudUnavailable

from .conftest import fast_settings

pytestmark = pytest.mark.model

MESSAGES = [ChatMessage("system", "You are a helpful shop assistant."), ChatMessage("user", "Say hello to a customer.")]
OPTIONS = GenerationOptions(max_tokens=24, temperature=0.0)


def server_settings(server, **changes):
    values = {"model": "smollm2", "api_key": None, "read_timeout": 20.0, "deadline": 40.0, "max_retries": 1}
    values.update(changes)
    return fast_settings(server.base_url, **values)


def test_streamed_reply_has_text_and_usage(llama_server):
    with CloudClient(server_settings(llama_server)) as client:
        pieces = list(client.stream(MESSAGES, OPTIONS))

    record = client.last_call
    assert len(pieces) > 1
    assert "".join(pieces).strip()
    assert record.outcome is CallOutcome.COMPLETED
    assert record.status == 200
    assert record.finish_reason in ("stop", "length")
    # llama-cpp-python's server sends no usage in streams, so the record estimates it.
    assert record.usage_estimated
    assert record.prompt_tokens > 0
    assert record.completion_tokens > 0


def test_stop_mid_reply_ends_call(llama_server):
    with CloudClient(server_settings(llama_server)) as client:
        stream = client.stream(MESSAGES, GenerationOptions(max_tokens=200, temperature=0.0))
        first = next(stream)
        stream.close()

    assert first
    assert client.last_call.outcome is CallOutcome.CANCELLED


def test_probe_says_reachable(llama_server):
    result = probe_endpoint(server_settings(llama_server))

    assert result.status is ProbeStatus.OK
    assert result.reachable


def test_stopped_server_unreachable_and_fails_fast(llama_server, sleeps):
    settings = server_settings(llama_server, max_retries=2, breaker_failures=1)
    client = CloudClient(settings, sleep=sleeps)

    llama_server.stop()
    started = time.monotonic()
    result = probe_endpoint(settings)
    probe_seconds = time.monotonic() - started

    assert result.status is ProbeStatus.UNREACHABLE
    assert probe_seconds < 2.0

    started = time.monotonic()
    with pytest.raises(CloudConnectionLost):
        list(client.stream(MESSAGES, OPTIONS))
    assert time.monotonic() - started < 2.0
    assert len(sleeps.waits) == 2

    with pytest.raises(CloudUnavailable):
        list(client.stream(MESSAGES, OPTIONS))
    assert not client.ready
    client.close()
