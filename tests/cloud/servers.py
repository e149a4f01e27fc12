"""A scripted HTTP server on 127.0.0.1 for fault injection, written on raw sockets.

Each accepted connection reads one request and hands the socket to the next responder of the
script (the last one repeats), so a test can respond with a status, stream events in chosen
pieces, cut the connection mid-stream or stall. Every wait is bounded and ends when the
server closes, so a test never hangs on it.
"""

from __future__ import annotations

import json
import socket
import socketserver
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass

Responder = Callable[[socket.socket, threading.Event], None]

_MAX_STALL_SECONDS = 30.0


@dataclass(frozen=True)
class RecordedRequest:
    """One request the server received."""

    method: str
    path: str
    headers: dict[str, str]
    body: bytes

    def json(self) -> dict:
        return json.loads(self.body)


class _TCPServer(socketserver.ThreadingTCPServer):
    allow_reuse_address = True
    daemon_threads = True


class ScriptedServer:
    """A loopback server that serves connection N with responder N (the last one repeats)."""

    def __init__(self, *responders: Responder) -> None:
        if not responders:
            raise ValueError("give at least one responder")
        self._responders = list(responders)
        self.requests: list[RecordedRequest] = []
        self.connections = 0
        self._lock = threading.Lock()
        self._closing = threading.Event()
        server = self

        class Handler(socketserver.BaseRequestHandler):
            def handle(self) -> None:
                server._serve(self.request)

        self._tcp = _TCPServer(("127.0.0.1", 0), Handler)
        self._thread = threading.Thread(target=self._tcp.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)

    @property
    def port(self) -> int:
        return self._tcp.server_address[1]

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/v1"

    def __enter__(self) -> ScriptedServer:
        self._thread.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def close(self) -> None:
        self._closing.set()
        self._tcp.shutdown()
        self._tcp.server_close()
        self._thread.join(5)

    def _serve(self, connection: socket.socket) -> None:
        connection.settimeout(5)
        connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        with self._lock:
            index = self.connections
            self.connections += 1
        request = _read_request(connection)
        if request is None:
            return
        with self._lock:
            self.requests.append(request)
        responder = self._responders[min(index, len(self._responders) - 1)]
        try:
            responder(connection, self._closing)
        except OSError:
            pass  # The client went away first, as some tests intend.
        finally:
            try:
                connection.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass


def _read_request(connection: socket.socket) -> RecordedRequest | None:
    data = b""
    try:
        while b"\r\n\r\n" not in data:
            piece = connection.recv(65536)
            if not piece:
                return None
            data += piece
        head, _, body = data.partition(b"\r\n\r\n")
        lines = head.decode("latin-1").split("\r\n")
        method, path, _ = lines[0].split(" ", 2)
        headers = {}
        for line in lines[1:]:
            name, _, value = line.partition(":")
            headers[name.strip().lower()] = value.strip()
        length = int(headers.get("content-length", "0"))
        while len(body) < length:
            piece = connection.recv(65536)
            if not piece:
                break
            body += piece
    except (OSError, ValueError):
        return None
    return RecordedRequest(method, path, headers, body)


# Responders -------------------------------------------------------------------------------


def drop() -> Responder:
    """Close the connection without sending anything."""

    def respond(connection: socket.socket, closing: threading.Event) -> None:
        return None

    return respond


def stall(seconds: float, *, after: bytes = b"") -> Responder:
    """Send `after` (for example headers and a first chunk), then send nothing for `seconds`."""

    def respond(connection: socket.socket, closing: threading.Event) -> None:
        if after:
            connection.sendall(after)
        closing.wait(min(seconds, _MAX_STALL_SECONDS))

    return respond


def status(code: int, body: bytes | dict = b"", *, headers: dict[str, str] | None = None) -> Responder:
    """Respond with `code`, a JSON or raw body and extra headers."""
    payload = json.dumps(body).encode() if isinstance(body, dict) else body
    content_type = "application/json" if isinstance(body, dict) else "text/plain"

    def respond(connection: socket.socket, closing: threading.Event) -> None:
        head = [f"HTTP/1.1 {code} Status", f"Content-Type: {content_type}", f"Content-Length: {len(payload)}"]
        head += [f"{name}: {value}" for name, value in (headers or {}).items()]
        head.append("Connection: close")
        connection.sendall(("\r\n".join(head) + "\r\n\r\n").encode("latin-1") + payload)

    return respond


def stream_head(content_type: str = "text/event-stream") -> bytes:
    """The head of a chunked 200 response."""
    return (
        "HTTP/1.1 200 OK\r\n"
        f"Content-Type: {content_type}\r\n"
        "Transfer-Encoding: chunked\r\n"
        "Cache-Control: no-store\r\n"
        "Connection: close\r\n\r\n"
    ).encode("latin-1")


def http_chunk(data: bytes) -> bytes:
    """`data` framed as one HTTP/1.1 chunk."""
    return f"{len(data):x}\r\n".encode() + data + b"\r\n"


def sse(
    body: bytes,
    *,
    pieces: Iterable[int] | None = None,
    pause: float = 0.0,
    cut_after: int | None = None,
    stall_after: int | None = None,
    content_type: str = "text/event-stream",
) -> Responder:
    """Stream `body` in HTTP chunks of the given sizes (all at once by default).

    `cut_after` closes the connection after that many body bytes, without the final chunk;
    `stall_after` stops sending after that many bytes until the server closes.
    """

    def respond(connection: socket.socket, closing: threading.Event) -> None:
        connection.sendall(stream_head(content_type))
        sizes = list(pieces) if pieces is not None else [len(body)]
        sent = 0
        for size in _repeat_last(sizes):
            if sent >= len(body):
                break
            end = min(len(body), sent + size)
            if cut_after is not None and end > cut_after:
                end = cut_after
            if stall_after is not None and end > stall_after:
                end = stall_after
            if end > sent:
                connection.sendall(http_chunk(body[sent:end]))
                sent = end
            if cut_after is not None and sent >= cut_after:
                return
            if stall_after is not None and sent >= stall_after:
                closing.wait(_MAX_STALL_SECONDS)
                return
            if pause:
                time.sleep(pause)
        connection.sendall(b"0\r\n\r\n")

    return respond


def _repeat_last(sizes: list[int]) -> Iterable[int]:
    yield from sizes
    while True:
        yield sizes[-1]


# Stream bodies ----------------------------------------------------------------------------


def chunk_event(content: str | None = None, *, finish: str | None = None, role: bool = False) -> bytes:
    """One OpenAI-style chunk event."""
    delta: dict = {}
    if role:
        delta["role"] = "assistant"
    if content is not None:
        delta["content"] = content
    payload = {
        "id": "chatcmpl-test",
        "object": "chat.completion.chunk",
        "model": "test-model",
        "choices": [{"index": 0, "delta": delta, "finish_reason": finish}],
    }
    return b"data: " + json.dumps(payload).encode() + b"\n\n"


def usage_event(prompt: int, completion: int) -> bytes:
    """An OpenAI-style usage chunk: empty choices, usage set."""
    payload = {
        "id": "chatcmpl-test",
        "object": "chat.completion.chunk",
        "choices": [],
        "usage": {"prompt_tokens": prompt, "completion_tokens": completion, "total_tokens": prompt + completion},
    }
    return b"data: " + json.dumps(payload).encode() + b"\n\n"


def reply_stream(*pieces: str, usage: tuple[int, int] | None = (12, 3), done: bool = True) -> bytes:
    """A whole OpenAI-style stream: a role chunk, one chunk per piece, a finish chunk, usage, [DONE]."""
    body = chunk_event(role=True, content="")
    for piece in pieces:
        body += chunk_event(piece)
    body += chunk_event(finish="stop")
    if usage is not None:
        body += usage_event(*usage)
    if done:
        body += b"data: [DONE]\n\n"
    return body
