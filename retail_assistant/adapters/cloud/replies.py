"""Reading one HTTP response of a Chat Completions call into text pieces.

A reader turns a response into the pieces of the reply (yielded as they arrive) and, when the
response is not a good reply, into a Failure that the client may retry. Three shapes occur:
an error status with a JSON error body; the event stream that `stream: true` requests; and,
from a server that ignores `stream: true`, the whole reply as one JSON object.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Generator, Sequence
from dataclasses import dataclass, field

import httpx

from retail_assistant.adapters.cloud.faults import (
    Failure,
    failure_from_deadline,
    failure_from_early_end,
    failure_from_malformed,
    failure_from_provider_error,
    failure_from_status,
    failure_from_transport,
)
from retail_assistant.adapters.cloud.protocol import DONE, Usage, parse_chunk, parse_usage
from retail_assistant.adapters.cloud.settings import CloudSettings
from retail_assistant.adapters.cloud.sse import ServerSentEvent, SSEParser, SSEProtocolError
from retail_assistant.core.cancel import CancelToken
from retail_assistant.core.chat import ChatMessage

__all__ = ["CallState", "ReplyReader"]

_MAX_ERROR_BODY_BYTES = 64 * 1024
_MAX_JSON_REPLY_BYTES = 4 * 1024 * 1024
# Content types read as an event stream; a missing type and text/plain come from minimal servers.
_STREAM_TYPES = frozenset({"text/event-stream", "text/plain", ""})


@dataclass
class CallState:
    """The mutable state of one call while it runs; times are from the client's clock."""

    messages: Sequence[ChatMessage]
    started: float
    deadline_at: float
    attempts: int = 0
    status: int | None = None
    pieces: list[str] = field(default_factory=list)
    first_text_at: float | None = None
    usage: Usage | None = None
    finish_reason: str | None = None
    done: bool = False
    cancelled: bool = False
    failure: Failure | None = None

    @property
    def text(self) -> str:
        """The reply's text received so far."""
        return "".join(self.pieces)


class ReplyReader:
    """The reader of responses for one endpoint; `clock` is monotonic, `wall_clock` epoch seconds."""

    def __init__(
        self,
        settings: CloudSettings,
        *,
        clock: Callable[[], float],
        wall_clock: Callable[[], float],
    ) -> None:
        self._settings = settings
        self._clock = clock
        self._wall_clock = wall_clock

    def read(
        self, call: CallState, response: httpx.Response, cancel: CancelToken
    ) -> Generator[str, None, Failure | None]:
        """Yield the reply's text pieces from `response`; return None, or a Failure for an unusable reply.

        Updates `call` (status, usage, finish reason, the pieces) as it reads. Returns early,
        with `call.cancelled` set, when `cancel` is set.
        """
        settings = self._settings
        call.status = response.status_code
        if response.status_code != 200:
            return failure_from_status(
                response.status_code,
                self._read_error_body(response),
                response.headers,
                endpoint=settings.endpoint,
                model=settings.model,
                api_key=settings.api_key,
                now=self._wall_clock(),
            )

        content_type = response.headers.get("content-type", "").partition(";")[0].strip().lower()
        if content_type == "application/json":
            return (yield from self._read_json_reply(call, response))
        if content_type not in _STREAM_TYPES:
            # For example a Wi-Fi login page that responds to every address with HTML.
            return failure_from_malformed(
                f"content type {content_type!r} instead of an event stream", endpoint=settings.endpoint
            )
        return (yield from self._read_stream(call, response, cancel))

    def transport_failure(self, error: httpx.HTTPError | httpx.InvalidURL | httpx.StreamError) -> Failure:
        """Describe an httpx exception with this endpoint's name and time limits."""
        settings = self._settings
        return failure_from_transport(
            error,
            endpoint=settings.endpoint,
            connect_timeout=settings.connect_timeout,
            read_timeout=settings.read_timeout,
        )

    def _read_stream(
        self, call: CallState, response: httpx.Response, cancel: CancelToken
    ) -> Generator[str, None, Failure | None]:
        settings = self._settings
        parser = SSEParser()
        try:
            # NOTE: Stop and the deadline are checked between network reads, so a read that
            # stalls delays them by up to the read timeout.
            for raw in response.iter_bytes():
                for event in parser.feed(raw):
                    failure = yield from self._take_event(call, event)
                    if failure is not None or call.done:
                        return failure
                    if cancel.cancelled:
                        call.cancelled = True
                        return None
                if cancel.cancelled:
                    call.cancelled = True
                    return None
                if self._clock() >= call.deadline_at:
                    return failure_from_deadline(settings.deadline, endpoint=settings.endpoint)
            for event in parser.close():
                failure = yield from self._take_event(call, event)
                if failure is not None or call.done:
                    return failure
        except (httpx.HTTPError, httpx.StreamError) as error:
            return self.transport_failure(error)
        except SSEProtocolError as error:
            return failure_from_malformed(str(error), endpoint=settings.endpoint)

        # Some servers end the stream after the finishing chunk without sending [DONE].
        if call.finish_reason is not None:
            return None
        return failure_from_early_end(endpoint=settings.endpoint)

    def _take_event(self, call: CallState, event: ServerSentEvent) -> Generator[str, None, Failure | None]:
        settings = self._settings
        if event.data.strip() == DONE:
            call.done = True
            return None
        try:
            chunk = parse_chunk(event.data, event_type=event.event)
        except ValueError as error:
            return failure_from_malformed(str(error), endpoint=settings.endpoint)

        if chunk.error is not None:
            return failure_from_provider_error(chunk.error, endpoint=settings.endpoint, api_key=settings.api_key)
        if chunk.usage is not None:
            call.usage = chunk.usage
        if chunk.finish_reason is not None:
            call.finish_reason = chunk.finish_reason
        if chunk.text:
            if call.first_text_at is None:
                call.first_text_at = self._clock()
            call.pieces.append(chunk.text)
            yield chunk.text
        return None

    def _read_json_reply(self, call: CallState, response: httpx.Response) -> Generator[str, None, Failure | None]:
        settings = self._settings
        try:
            body = _read_limited(response, _MAX_JSON_REPLY_BYTES)
        except (httpx.HTTPError, httpx.StreamError) as error:
            return self.transport_failure(error)

        try:
            payload = json.loads(body)
            choice = payload["choices"][0]
            content = choice["message"]["content"] or ""
        except (ValueError, KeyError, IndexError, TypeError):
            provider_failure = self._provider_error_in(body)
            if provider_failure is not None:
                return provider_failure
            return failure_from_malformed("a JSON reply without choices[0].message.content", endpoint=settings.endpoint)
        if not isinstance(content, str):
            return failure_from_malformed("a JSON reply whose message content is not text", endpoint=settings.endpoint)

        call.usage = parse_usage(payload.get("usage"))
        call.finish_reason = choice.get("finish_reason") or "stop"
        call.done = True
        if content:
            call.first_text_at = self._clock()
            call.pieces.append(content)
            yield content
        return None

    def _provider_error_in(self, body: bytes) -> Failure | None:
        settings = self._settings
        try:
            chunk = parse_chunk(body.decode("utf-8", errors="replace"))
        except ValueError:
            return None
        if chunk.error is None:
            return None
        return failure_from_provider_error(chunk.error, endpoint=settings.endpoint, api_key=settings.api_key)

    @staticmethod
    def _read_error_body(response: httpx.Response) -> bytes:
        try:
            return _read_limited(response, _MAX_ERROR_BODY_BYTES)
        except (httpx.HTTPError, httpx.StreamError):
            # The status code alone still identifies the failure.
            return b""


def _read_limited(response: httpx.Response, limit: int) -> bytes:
    parts: list[bytes] = []
    size = 0
    for raw in response.iter_bytes():
        parts.append(raw)
        size += len(raw)
        if size >= limit:
            break
    return b"".join(parts)[:limit]
