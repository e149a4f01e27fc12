"""Streams in the shapes different providers send, served over a loopback socket.

The files under tests/data/cloud are written by hand after each provider's documented chunk
format. llamacpp_server.txt follows a capture of llama-cpp-python 0.3.36's server, with CRLF
line ends swapped in and a ping comment added.
"""

from __future__ import annotations

import pytest

from retail_assistant.adapters.cloud import CallOutcome
from retail_assistant.core.chat import ChatMessage, GenerationOptions

from .conftest import DATA, fast_settings
from .servers import ScriptedServer, sse

MESSAGES = [ChatMessage("system", "You write for a small shop."), ChatMessage("user", "Write a line about honey.")]
OPTIONS = GenerationOptions(max_tokens=64, temperature=0.3)

# file, expected text, expected (prompt, completion) tokens or None when the stream has no usage,
# and the finish reason.
RECORDINGS = [
    ("openai_usage.txt", "Fresh honey from local hives.", (31, 6), "stop"),
    ("azure_empty_first_choices.txt", "Dear supplier, please send 12 jars.", None, "stop"),
    ("ollama_usage.txt", "¡Hola! Queso manchego curado a 18,50 €.", (26, 9), "stop"),
    ("llamacpp_server.txt", "Just another day at the shop", None, "length"),
    ("mistral_usage_in_last_chunk.txt", "Pan de masa madre", (14, 4), "stop"),
    ("groq_x_groq_usage.txt", "Open today until 8 pm.", (40, 5), "stop"),
    ("crlf_keepalive.txt", "Caña de azúcar 🍯", (7, 4), "stop"),
]


@pytest.mark.parametrize(("name", "text", "usage", "finish"), RECORDINGS)
def test_recorded_stream_text_and_usage(make_client, name, text, usage, finish):
    body = (DATA / name).read_bytes()
    with ScriptedServer(sse(body, pieces=[7])) as server:
        client = make_client(fast_settings(server.base_url))

        reply = "".join(client.stream(MESSAGES, OPTIONS))

    record = client.last_call
    assert reply == text
    assert record.outcome is CallOutcome.COMPLETED
    assert record.finish_reason == finish
    if usage is None:
        assert record.usage_estimated
        assert record.completion_tokens > 0
    else:
        assert not record.usage_estimated
        assert (record.prompt_tokens, record.completion_tokens) == usage


@pytest.mark.parametrize(("name", "text", "usage", "finish"), RECORDINGS)
def test_recorded_stream_one_byte_reads(make_client, name, text, usage, finish):
    body = (DATA / name).read_bytes()
    with ScriptedServer(sse(body, pieces=[1])) as server:
        client = make_client(fast_settings(server.base_url))

        reply = "".join(client.stream(MESSAGES, OPTIONS))

    assert reply == text


def test_crlf_recording_kept_its_line_ends():
    # Guards the fixture itself: a checkout that rewrote CRLF would make the test above hollow.
    body = (DATA / "crlf_keepalive.txt").read_bytes()

    assert b"\r\n\r\n" in body
    assert b": OPENROUTER PROCESSING" in body
