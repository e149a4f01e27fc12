"""The Chat Completions wire format: the request body and the streamed chunks of the reply.

Providers differ in small ways that this module absorbs:

- OpenAI sends usage in a last chunk whose "choices" list is empty, when the request sets
  `stream_options.include_usage`. Mistral sends it in its last chunk unasked and rejects that
  option with HTTP 422. Groq puts it under "x_groq". llama-cpp-python's server never sends it.
- Azure OpenAI's first chunk has an empty "choices" list and carries content filter results.
- "delta.content" may be null or missing (a role-only first chunk, the finishing chunk).
- An error may arrive inside a stream that began with HTTP 200, as {"error": {...}} or as an
  event of type "error".
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from retail_assistant.core.chat import ChatMessage, GenerationOptions

__all__ = [
    "DONE",
    "Chunk",
    "ProviderError",
    "Usage",
    "build_request_body",
    "parse_chunk",
    "parse_error_body",
    "parse_usage",
]

DONE = "[DONE]"
"""The data of the event that ends an OpenAI-style stream."""


@dataclass(frozen=True)
class Usage:
    """Token counts of one call, as the provider reported them or as estimated."""

    prompt_tokens: int
    completion_tokens: int
    estimated: bool = False


@dataclass(frozen=True)
class ProviderError:
    """An error object the provider sent: its message, "type" and "code" fields (either may be empty)."""

    message: str
    type: str = ""
    code: str = ""


@dataclass(frozen=True)
class Chunk:
    """The contribution of one streamed chunk: text, a finish reason, usage, or an error."""

    text: str = ""
    finish_reason: str | None = None
    usage: Usage | None = None
    error: ProviderError | None = None


def build_request_body(
    model: str,
    messages: Sequence[ChatMessage],
    options: GenerationOptions,
    *,
    include_usage: bool,
) -> dict[str, Any]:
    """Build the JSON body of a streamed Chat Completions request.

    Only fields every listed provider accepts are sent: Mistral rejects unknown fields with
    HTTP 422, so the local sampler's top_k, repeat_penalty and seed stay out.
    """
    body: dict[str, Any] = {
        "model": model,
        "messages": [{"role": message.role, "content": message.content} for message in messages],
        "stream": True,
        "max_tokens": options.max_tokens,
        "temperature": options.temperature,
        "top_p": options.top_p,
    }
    if include_usage:
        body["stream_options"] = {"include_usage": True}
    return body


def parse_chunk(data: str, *, event_type: str = "message") -> Chunk:
    """Parse the data of one event of a Chat Completions stream.

    Raises ValueError, with a message that contains none of the data, when the data is not JSON
    or not a chunk object.
    """
    if event_type == "error":
        return Chunk(error=parse_error_body(data.encode("utf-8")) or ProviderError(message=_short(data)))

    try:
        payload = json.loads(data)
    except json.JSONDecodeError as error:
        raise ValueError(f"a stream event is not valid JSON ({error.msg} at character {error.pos})") from None
    if not isinstance(payload, dict):
        raise ValueError(f"a stream event is JSON {type(payload).__name__}, not an object")

    error = _error_in(payload)
    if error is not None:
        return Chunk(error=error)

    usage = parse_usage(payload.get("usage"))
    if usage is None and isinstance(payload.get("x_groq"), dict):
        usage = parse_usage(payload["x_groq"].get("usage"))

    choices = payload.get("choices", [])
    if choices is None:
        choices = []
    if not isinstance(choices, list):
        raise ValueError("a stream event's \"choices\" is not a list")

    # We ask for one choice, so only index 0 counts; a provider may still list others.
    text_parts: list[str] = []
    finish_reason: str | None = None
    for choice in choices:
        if not isinstance(choice, dict):
            raise ValueError("a stream event's choice is not an object")
        if choice.get("index", 0) != 0:
            continue
        delta = choice.get("delta") or {}
        if not isinstance(delta, dict):
            raise ValueError("a stream event's \"delta\" is not an object")
        content = delta.get("content")
        if content is not None and not isinstance(content, str):
            raise ValueError("a stream event's \"delta.content\" is not text")
        if content:
            text_parts.append(content)
        reason = choice.get("finish_reason")
        if isinstance(reason, str) and reason:
            finish_reason = reason

    return Chunk(text="".join(text_parts), finish_reason=finish_reason, usage=usage)


def parse_usage(value: object) -> Usage | None:
    """Return the usage in a "usage" object, or None when it is absent or has no token counts."""
    if not isinstance(value, Mapping):
        return None
    prompt = value.get("prompt_tokens")
    completion = value.get("completion_tokens")
    if not isinstance(prompt, int) or not isinstance(completion, int):
        return None
    if isinstance(prompt, bool) or isinstance(completion, bool) or prompt < 0 or completion < 0:
        return None
    return Usage(prompt_tokens=prompt, completion_tokens=completion)


def parse_error_body(body: bytes) -> ProviderError | None:
    """Return the provider error in a non-200 response body, or None when the body has none."""
    try:
        payload = json.loads(body.decode("utf-8", errors="replace"))
    except json.JSONDecodeError:
        return None
    if not isinstance(payload, dict):
        return None
    return _error_in(payload)


def _error_in(payload: Mapping[str, Any]) -> ProviderError | None:
    error = payload.get("error")
    if error is None:
        # Mistral's validation errors are {"object": "error", "message": ..., "type": ...}.
        if payload.get("object") in ("error", "Error"):
            return ProviderError(
                message=_short(_text(payload.get("message"))),
                type=_text(payload.get("type")),
                code=_text(payload.get("code")),
            )
        return None
    if isinstance(error, str):
        return ProviderError(message=_short(error))
    if isinstance(error, Mapping):
        return ProviderError(
            message=_short(_text(error.get("message"))),
            type=_text(error.get("type")),
            code=_text(error.get("code")),
        )
    return ProviderError(message=_short(_text(error)))


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False)


def _short(text: str, limit: int = 300) -> str:
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    return text[: limit - 1] + "…"
