"""The cloud client with an httpx MockTransport: requests, records, cost, cancel, breaker, leaks."""

from __future__ import annotations

import inspect
import json
from decimal import Decimal

import httpx
import pytest

from retail_assistant.adapters.cloud import (
    BreakerState,
    CallOutcome,
    CircuitBreaker,
    CloudClient,
    CloudSettings,
    ModelPrice,
)
from retail_assistant.core.cancel import CancelToken
from retail_assistant.core.chat import ChatMessage, GenerationOptions
from retail_assistant.core.errors import (
    CloudAuthError,
    CloudBadResponse,
    CloudConnectionLost,
    CloudError,
    CloudStreamInterrupted,
    CloudTimeout,
    CloudUnavailable,
)
from retail_assistant.core.ports import TextGenerator

from .conftest import fast_settings
from .servers import chunk_event, reply_stream

BASE = "https://cloud.test/v1"
MESSAGES = [ChatMessage("system", "Be brief."), ChatMessage("user", "Describe our honey.")]
OPTIONS = GenerationOptions(max_tokens=40, temperature=0.2, top_p=0.8)


def streaming(body: bytes, *, status: int = 200, requests: list[httpx.Request] | None = None) -> httpx.MockTransport:
    def handle(request: httpx.Request) -> httpx.Response:
        if requests is not None:
            requests.append(request)
        return httpx.Response(status, headers={"content-type": "text/event-stream"}, content=body)

    return httpx.MockTransport(handle)


def failing_with(exception: Exception) -> httpx.MockTransport:
    def handle(request: httpx.Request) -> httpx.Response:
        raise exception

    return httpx.MockTransport(handle)


class BrokenStream(httpx.SyncByteStream):
    """A response body that yields some bytes, then raises a network error."""

    def __init__(self, first: bytes, error: Exception) -> None:
        self.first = first
        self.error = error

    def __iter__(self):
        yield self.first
        raise self.error


def test_client_matches_text_generator(make_client):
    client = make_client(fast_settings(BASE), transport=streaming(b""))
    expected = inspect.signature(TextGenerator.stream)
    actual = inspect.signature(CloudClient.stream)

    assert list(actual.parameters) == list(expected.parameters)
    assert actual.parameters["cancel"].kind is inspect.Parameter.KEYWORD_ONLY
    assert isinstance(CloudClient.ready, property)
    assert client.ready


def test_request_body_and_headers(make_client):
    requests: list[httpx.Request] = []
    client = make_client(fast_settings(BASE), transport=streaming(reply_stream("Hi"), requests=requests))

    "".join(client.stream(MESSAGES, OPTIONS))

    request = requests[0]
    body = json.loads(request.content)
    assert str(request.url) == f"{BASE}/chat/completions"
    assert request.headers["authorization"] == "Bearer sk-test-SECRET-0123456789"
    assert request.headers["accept"] == "text/event-stream"
    assert body["stream"] is True
    assert body["stream_options"] == {"include_usage": True}
    assert body["model"] == "test-model"
    assert body["messages"] == [{"role": "system", "content": "Be brief."}, {"role": "user", "content": "Describe our honey."}]
    assert body["max_tokens"] == 40
    assert body["temperature"] == 0.2
    assert body["top_p"] == 0.8
    assert "top_k" not in body
    assert "seed" not in body


def test_no_key_sends_no_authorization(make_client):
    requests: list[httpx.Request] = []
    client = make_client(fast_settings(BASE, api_key=None), transport=streaming(reply_stream("Hi"), requests=requests))

    "".join(client.stream(MESSAGES, OPTIONS))

    assert "authorization" not in requests[0].headers


def test_mistral_preset_omits_stream_options(make_client):
    requests: list[httpx.Request] = []
    settings = CloudSettings.from_preset("mistral", api_key="k-1234567890")
    client = make_client(settings, transport=streaming(reply_stream("Hola"), requests=requests))

    "".join(client.stream(MESSAGES, OPTIONS))

    assert "stream_options" not in json.loads(requests[0].content)


def test_mistral_named_directly_omits_stream_options(make_client):
    requests: list[httpx.Request] = []
    settings = CloudSettings(
        base_url="https://api.mistral.ai/v1", model="mistral-small-latest", preset="mistral", api_key="k-1234567890"
    )
    client = make_client(settings, transport=streaming(reply_stream("Hola"), requests=requests))

    "".join(client.stream(MESSAGES, OPTIONS))

    assert "stream_options" not in json.loads(requests[0].content)


def test_rejected_stream_options_dropped_once(make_client, sleeps):
    requests: list[httpx.Request] = []

    def handle(request: httpx.Request) -> httpx.Response:
        requests.append(request)
        if "stream_options" in json.loads(request.content):
            message = {"error": {"message": "property 'stream_options' is unsupported", "type": "invalid_request_error"}}
            return httpx.Response(400, json=message)
        return httpx.Response(200, headers={"content-type": "text/event-stream"}, content=reply_stream("Hi"))

    client = make_client(fast_settings(BASE), transport=httpx.MockTransport(handle))

    first = "".join(client.stream(MESSAGES, OPTIONS))
    second = "".join(client.stream(MESSAGES, OPTIONS))

    assert first == "Hi"
    assert second == "Hi"
    assert len(requests) == 3
    assert "stream_options" not in json.loads(requests[2].content)
    assert sleeps.waits == []


def test_record_has_usage_and_cost(make_client):
    calls = []
    prices = {"test-model": ModelPrice(Decimal("0.15"), Decimal("0.60"))}
    client = make_client(
        fast_settings(BASE, prices=prices), transport=streaming(reply_stream("Hi", usage=(10, 5))), on_call=calls.append
    )

    "".join(client.stream(MESSAGES, OPTIONS))

    record = client.last_call
    assert calls == [record]
    assert record.outcome is CallOutcome.COMPLETED
    assert record.status == 200
    assert record.model == "test-model"
    assert record.endpoint == BASE
    assert (record.prompt_tokens, record.completion_tokens) == (10, 5)
    assert not record.usage_estimated
    # 10 x 0.15 + 5 x 0.60 = 4.5 millionths, rounded half up.
    assert record.cost_micros == 5
    assert record.currency == "USD"
    assert record.latency >= 0
    assert record.first_text_latency is not None
    assert record.error is None


def test_missing_usage_is_estimated(make_client):
    client = make_client(fast_settings(BASE), transport=streaming(reply_stream("Twelve chars", usage=None)))

    "".join(client.stream(MESSAGES, OPTIONS))

    record = client.last_call
    assert record.usage_estimated
    assert record.completion_tokens == 3
    assert record.prompt_tokens > 0
    assert record.cost_micros is None


def test_local_preset_costs_nothing(make_client):
    settings = CloudSettings.from_preset("ollama", base_url="http://127.0.0.1:11434/v1")
    client = make_client(settings, transport=streaming(reply_stream("Hi", usage=(100, 50))))

    "".join(client.stream(MESSAGES, OPTIONS))

    assert client.last_call.cost_micros == 0


def test_null_content_and_empty_choices_skipped(make_client):
    body = (
        b'data: {"choices": [], "prompt_filter_results": []}\n\n'
        + b'data: {"choices": [{"index": 0, "delta": {"content": null}, "finish_reason": null}]}\n\n'
        + chunk_event("Hi")
        + b'data: {"choices": [{"index": 0, "delta": {}, "finish_reason": "length"}]}\n\n'
        + b"data: [DONE]\n\n"
    )
    client = make_client(fast_settings(BASE), transport=streaming(body))

    pieces = list(client.stream(MESSAGES, OPTIONS))

    assert pieces == ["Hi"]
    assert client.last_call.finish_reason == "length"


def test_cancel_stops_stream_quietly(make_client):
    cancel = CancelToken()
    body = reply_stream("one", " two", " three")
    client = make_client(fast_settings(BASE), transport=streaming(body))

    pieces = []
    for piece in client.stream(MESSAGES, OPTIONS, cancel=cancel):
        pieces.append(piece)
        cancel.cancel()

    assert pieces == ["one"]
    assert client.last_call.outcome is CallOutcome.CANCELLED
    assert client.breaker.state is BreakerState.CLOSED


def test_closing_generator_records_cancelled(make_client):
    client = make_client(fast_settings(BASE), transport=streaming(reply_stream("one", " two")))

    stream = client.stream(MESSAGES, OPTIONS)
    first = next(stream)
    stream.close()

    assert first == "one"
    assert client.last_call.outcome is CallOutcome.CANCELLED


def test_not_configured_rejects_without_request(make_client):
    requests: list[httpx.Request] = []
    client = make_client(CloudSettings(), transport=streaming(b"", requests=requests))

    with pytest.raises(CloudUnavailable) as caught:
        list(client.stream(MESSAGES, OPTIONS))

    assert "not set up" in str(caught.value)
    assert requests == []
    assert not client.ready
    assert client.last_call.outcome is CallOutcome.REJECTED


def test_preset_without_key_is_not_configured():
    settings = CloudSettings.from_preset("openai")

    assert not settings.configured
    assert settings.with_api_key("sk-abcdef123456").configured


def test_breaker_opens_after_failures_and_rejects(make_client):
    clock = [1000.0]
    requests: list[httpx.Request] = []

    def refuse(request: httpx.Request) -> httpx.Response:
        requests.append(request)
        raise httpx.ConnectError("[Errno 111] Connection refused", request=request)

    settings = fast_settings(BASE, max_retries=0, breaker_failures=3, breaker_cooldown=30)
    client = make_client(settings, transport=httpx.MockTransport(refuse), clock=lambda: clock[0])

    for _ in range(3):
        with pytest.raises(CloudConnectionLost):
            list(client.stream(MESSAGES, OPTIONS))
    assert not client.ready

    with pytest.raises(CloudUnavailable) as caught:
        list(client.stream(MESSAGES, OPTIONS))
    assert len(requests) == 3
    assert "30 s" in str(caught.value)

    clock[0] += 31
    assert client.ready
    with pytest.raises(CloudConnectionLost):
        list(client.stream(MESSAGES, OPTIONS))
    assert len(requests) == 4
    assert client.breaker.cooldown == 60


def test_auth_error_does_not_open_breaker(make_client):
    client = make_client(
        fast_settings(BASE, breaker_failures=1), transport=streaming(b'{"error": {"message": "bad key"}}', status=401)
    )

    with pytest.raises(CloudAuthError):
        list(client.stream(MESSAGES, OPTIONS))

    assert client.breaker.state is BreakerState.CLOSED


def test_shared_breaker_is_used(make_client):
    breaker = CircuitBreaker(failure_threshold=1)
    breaker.record_failure()
    client = make_client(fast_settings(BASE), transport=streaming(reply_stream("Hi")), breaker=breaker)

    assert not client.ready
    with pytest.raises(CloudUnavailable):
        list(client.stream(MESSAGES, OPTIONS))


def test_running_trial_rejects_other_calls(make_client):
    clock = [0.0]
    breaker = CircuitBreaker(failure_threshold=1, cooldown=10, clock=lambda: clock[0])
    breaker.record_failure()
    clock[0] = 10.0
    assert breaker.acquire()
    client = make_client(fast_settings(BASE), transport=streaming(reply_stream("Hi")), breaker=breaker)

    with pytest.raises(CloudUnavailable) as caught:
        list(client.stream(MESSAGES, OPTIONS))

    assert "trial call" in str(caught.value)


def test_listener_error_does_not_break_call(make_client):
    def broken_listener(record):
        raise RuntimeError("listener bug")

    client = make_client(fast_settings(BASE), transport=streaming(reply_stream("Hi")), on_call=broken_listener)

    assert "".join(client.stream(MESSAGES, OPTIONS)) == "Hi"


def test_complete_joins_stream(make_client):
    client = make_client(fast_settings(BASE), transport=streaming(reply_stream("Hello", " there")))

    assert client.complete(MESSAGES, OPTIONS) == "Hello there"


REQUEST = httpx.Request("POST", f"{BASE}/chat/completions")

# Every httpx exception a send can raise, and the project error it must become.
SEND_FAULTS = [
    (httpx.ConnectTimeout("timed out", request=REQUEST), CloudTimeout),
    (httpx.ReadTimeout("timed out", request=REQUEST), CloudTimeout),
    (httpx.WriteTimeout("timed out", request=REQUEST), CloudTimeout),
    (httpx.PoolTimeout("timed out", request=REQUEST), CloudTimeout),
    (httpx.ConnectError("[Errno 111] Connection refused", request=REQUEST), CloudConnectionLost),
    (httpx.ConnectError("[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed", request=REQUEST), CloudConnectionLost),
    (httpx.ReadError("reset", request=REQUEST), CloudConnectionLost),
    (httpx.WriteError("broken pipe", request=REQUEST), CloudConnectionLost),
    (httpx.CloseError("close", request=REQUEST), CloudConnectionLost),
    (httpx.RemoteProtocolError("Server disconnected", request=REQUEST), CloudConnectionLost),
    (httpx.LocalProtocolError("bad header", request=REQUEST), CloudUnavailable),
    (httpx.ProxyError("407", request=REQUEST), CloudConnectionLost),
    (httpx.UnsupportedProtocol("ftp", request=REQUEST), CloudUnavailable),
    (httpx.DecodingError("gzip", request=REQUEST), CloudBadResponse),
    (httpx.TooManyRedirects("loop", request=REQUEST), CloudConnectionLost),
    (httpx.InvalidURL("bad url"), CloudUnavailable),
    (httpx.StreamClosed(), CloudConnectionLost),
]


@pytest.mark.parametrize(("exception", "expected"), SEND_FAULTS, ids=lambda value: type(value).__name__)
def test_send_fault_becomes_cloud_error(make_client, exception, expected):
    client = make_client(fast_settings(BASE, max_retries=1), transport=failing_with(exception))

    with pytest.raises(CloudError) as caught:
        list(client.stream(MESSAGES, OPTIONS))

    assert type(caught.value) is expected
    assert not isinstance(caught.value, httpx.HTTPError)
    assert BASE in str(caught.value)


READ_FAULTS = [
    httpx.ReadTimeout("timed out", request=REQUEST),
    httpx.ReadError("reset", request=REQUEST),
    httpx.RemoteProtocolError("incomplete chunked read", request=REQUEST),
    httpx.DecodingError("gzip", request=REQUEST),
]


@pytest.mark.parametrize("exception", READ_FAULTS, ids=lambda value: type(value).__name__)
def test_read_fault_after_text_interrupts(make_client, exception):
    def handle(request: httpx.Request) -> httpx.Response:
        stream = BrokenStream(chunk_event("Half a "), exception)
        return httpx.Response(200, headers={"content-type": "text/event-stream"}, stream=stream)

    client = make_client(fast_settings(BASE), transport=httpx.MockTransport(handle))

    with pytest.raises(CloudStreamInterrupted) as caught:
        list(client.stream(MESSAGES, OPTIONS))

    assert caught.value.partial_text == "Half a "
    assert not isinstance(caught.value.__cause__, httpx.HTTPError)


@pytest.mark.parametrize("exception", READ_FAULTS, ids=lambda value: type(value).__name__)
def test_read_fault_before_text_is_cloud_error(make_client, exception):
    def handle(request: httpx.Request) -> httpx.Response:
        stream = BrokenStream(chunk_event(role=True, content=""), exception)
        return httpx.Response(200, headers={"content-type": "text/event-stream"}, stream=stream)

    client = make_client(fast_settings(BASE, max_retries=1), transport=httpx.MockTransport(handle))

    with pytest.raises(CloudError) as caught:
        list(client.stream(MESSAGES, OPTIONS))

    assert not isinstance(caught.value, httpx.HTTPError)
    assert not isinstance(caught.value, CloudStreamInterrupted)


def test_error_body_read_fault_keeps_status(make_client):
    def handle(request: httpx.Request) -> httpx.Response:
        return httpx.Response(401, stream=BrokenStream(b'{"err', httpx.ReadError("reset", request=request)))

    client = make_client(fast_settings(BASE), transport=httpx.MockTransport(handle))

    with pytest.raises(CloudAuthError):
        list(client.stream(MESSAGES, OPTIONS))
