"""The API key never shows in logs, reprs or error messages, whatever the call's fate."""

from __future__ import annotations

import logging

import pytest

from retail_assistant.core.chat import ChatMessage, GenerationOptions
from retail_assistant.core.errors import CloudError

from .conftest import fast_settings
from .servers import ScriptedServer, chunk_event, drop, reply_stream, sse, status

KEY = "sk-test-SECRET-0123456789"
CUSTOMER_TEXT = "Ana García, 612 345 678"
MESSAGES = [ChatMessage("user", f"Write to {CUSTOMER_TEXT} about her order.")]
OPTIONS = GenerationOptions(max_tokens=16)

SCRIPTS = {
    "success": [sse(reply_stream("Dear customer"))],
    "unauthorized": [status(401, {"error": {"message": f"Incorrect API key provided: {KEY}", "code": "invalid_api_key"}})],
    "bad request echoing key": [status(400, {"error": {"message": f"bad header Bearer {KEY}"}})],
    "retried then dropped": [status(500, b"oops"), drop()],
    "interrupted": [sse(chunk_event("Dear") + b"data: {broken\n\n")],
}


@pytest.mark.parametrize("script", SCRIPTS, ids=str)
def test_key_absent_from_logs_and_errors(make_client, caplog, script):
    caplog.set_level(logging.DEBUG)
    error: CloudError | None = None

    with ScriptedServer(*SCRIPTS[script]) as server:
        client = make_client(fast_settings(server.base_url, api_key=KEY, max_retries=1))
        try:
            "".join(client.stream(MESSAGES, OPTIONS))
        except CloudError as caught:
            error = caught

    logged = "\n".join(record.getMessage() for record in caplog.records)
    record = client.last_call
    assert server.requests[0].headers["authorization"] == f"Bearer {KEY}"
    assert KEY not in logged
    assert CUSTOMER_TEXT not in logged
    assert KEY not in repr(record)
    assert any("cloud call" in message.getMessage() for message in caplog.records if message.levelno == logging.INFO)
    if error is not None:
        assert KEY not in str(error)
        assert KEY not in repr(error)


def test_retry_logs_one_warning_each(make_client, caplog):
    caplog.set_level(logging.DEBUG, logger="retail_assistant")

    with ScriptedServer(status(500, b"oops"), status(502, b"oops"), sse(reply_stream("ok"))) as server:
        client = make_client(fast_settings(server.base_url, api_key=KEY))
        "".join(client.stream(MESSAGES, OPTIONS))

    warnings = [record for record in caplog.records if record.levelno == logging.WARNING]
    infos = [record for record in caplog.records if record.levelno == logging.INFO and record.name.endswith("client")]
    assert len(warnings) == 2
    assert all("retry" in record.getMessage() for record in warnings)
    assert len(infos) == 1
    assert "HTTP 200" in infos[0].getMessage()
