"""An incremental parser of Server-Sent Events, fed raw bytes as they arrive from the network.

It follows the event stream interpretation of the WHATWG HTML standard
(https://html.spec.whatwg.org/multipage/server-sent-events.html):

- the stream is always UTF-8, whatever charset the Content-Type names, and one leading
  byte order mark is dropped; invalid bytes become U+FFFD;
- a multi-byte character split across two reads is decoded once both halves arrive;
- a line ends in LF, CR or CRLF, also when the CR ends one read and the LF starts the next;
- lines starting with ":" are comments (keep-alives) and are skipped;
- "data" values are joined with LF, and an event is dispatched on a blank line only when it
  has data;
- "event", "id" (ignored when it contains NUL) and "retry" (ASCII digits only) are kept, and
  other fields are ignored;
- an event still incomplete when the stream ends is discarded.

We write our own instead of using httpx-sse 0.4.3 because that version, read in its source and
tried here, decodes with the charset the response header names, keeps a leading byte order
mark (so the first event's "data" field is lost), holds a line ended by CR until the next read
arrives (so an event ending a read with CR CR waits for more bytes), and dispatches events that
have no data. It also reads only from an `httpx.Response`, so its parsing cannot be fed bytes in
a test. This parser takes bytes from any source and has none of these differences.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

__all__ = ["DEFAULT_MAX_EVENT_CHARS", "ServerSentEvent", "SSEParser", "SSEProtocolError"]

DEFAULT_MAX_EVENT_CHARS = 4 * 1024 * 1024
"""Upper bound on the characters of one line or one event's data. A Chat Completions chunk is
a few hundred characters; the bound stops a server that never ends a line from filling memory."""

_LINE_END = re.compile(r"\r\n|\r|\n")
_BYTE_ORDER_MARK = "\ufeff"


class SSEProtocolError(ValueError):
    """Raised when a line or an event grows past the parser's size bound."""


@dataclass(frozen=True)
class ServerSentEvent:
    """One dispatched event: its type ("message" unless an "event" field named another), data,
    the last event id seen on the stream, and the reconnection time in milliseconds that this
    event's "retry" field set, if any."""

    data: str
    event: str = "message"
    id: str = ""
    retry: int | None = None


class SSEParser:
    """A parser that turns byte chunks into events; one instance per stream, not thread-safe."""

    def __init__(self, *, max_event_chars: int = DEFAULT_MAX_EVENT_CHARS) -> None:
        self._decoder = codecs.getincrementaldecoder("utf-8")(errors="replace")
        self._max_event_chars = max_event_chars
        self._at_stream_start = True
        self._after_cr = False
        self._line_parts: list[str] = []
        self._line_length = 0
        self._data: list[str] = []
        self._data_length = 0
        self._event_type = ""
        self._event_retry: int | None = None
        self.last_event_id = ""
        """The last event id buffer, kept across events as the standard requires."""
        self.retry: int | None = None
        """The latest reconnection time in milliseconds that a "retry" field set."""

    @property
    def pending(self) -> bool:
        """Whether an unfinished line or an event without its closing blank line is buffered."""
        return bool(self._line_parts or self._data or self._event_type or self._event_retry is not None)

    def feed(self, chunk: bytes) -> list[ServerSentEvent]:
        """Parse the next bytes of the stream and return the events they complete, in order.

        Raises SSEProtocolError when a line or an event exceeds `max_event_chars`.
        """
        return self._feed_text(self._decoder.decode(chunk))

    def close(self) -> list[ServerSentEvent]:
        """Finish the stream: decode any trailing bytes and return the events they complete.

        A truncated multi-byte character at the very end becomes U+FFFD. An event without its
        closing blank line is discarded, as the standard requires, and `pending` tells whether
        one was.
        """
        return self._feed_text(self._decoder.decode(b"", final=True))

    def _feed_text(self, text: str) -> list[ServerSentEvent]:
        if not text:
            return []

        if self._at_stream_start:
            self._at_stream_start = False
            if text.startswith(_BYTE_ORDER_MARK):
                text = text[1:]

        position = 0
        if self._after_cr:
            # The previous read ended in CR, so an LF here belongs to that line end.
            self._after_cr = False
            if text.startswith("\n"):
                position = 1

        events: list[ServerSentEvent] = []
        while position < len(text):
            match = _LINE_END.search(text, position)
            if match is None:
                self._buffer_partial_line(text[position:])
                break

            line = self._take_line(text[position : match.start()])
            if match.group() == "\r" and match.end() == len(text):
                self._after_cr = True
            position = match.end()

            event = self._process_line(line)
            if event is not None:
                events.append(event)
        return events

    def _buffer_partial_line(self, piece: str) -> None:
        self._line_length += len(piece)
        if self._line_length > self._max_event_chars:
            raise SSEProtocolError(f"an event stream line is longer than {self._max_event_chars} characters")
        self._line_parts.append(piece)

    def _take_line(self, tail: str) -> str:
        if not self._line_parts:
            line = tail
        else:
            line = "".join(self._line_parts) + tail
            self._line_parts.clear()
        self._line_length = 0
        if len(line) > self._max_event_chars:
            raise SSEProtocolError(f"an event stream line is longer than {self._max_event_chars} characters")
        return line

    def _process_line(self, line: str) -> ServerSentEvent | None:
        if not line:
            return self._dispatch()
        if line.startswith(":"):
            return None

        name, colon, value = line.partition(":")
        if colon and value.startswith(" "):
            value = value[1:]

        if name == "data":
            self._data_length += len(value) + 1
            if self._data_length > self._max_event_chars:
                raise SSEProtocolError(f"an event's data is longer than {self._max_event_chars} characters")
            self._data.append(value)
        elif name == "event":
            self._event_type = value
        elif name == "id":
            if "\0" not in value:
                self.last_event_id = value
        elif name == "retry":
            if value and value.isascii() and value.isdigit():
                self.retry = int(value)
                self._event_retry = self.retry
        return None

    def _dispatch(self) -> ServerSentEvent | None:
        data, event_type, retry = self._data, self._event_type, self._event_retry
        self._data = []
        self._data_length = 0
        self._event_type = ""
        self._event_retry = None

        # The standard dispatches nothing for an event without a "data" field.
        if not data:
            return None
        return ServerSentEvent(data="\n".join(data), event=event_type or "message", id=self.last_event_id, retry=retry)
