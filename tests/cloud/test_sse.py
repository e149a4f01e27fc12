"""The Server-Sent Events parser, fed bytes split at every possible position."""

from __future__ import annotations

import pytest

from retail_assistant.adapters.cloud.sse import ServerSentEvent, SSEParser, SSEProtocolError

# One stream with every case the parser must handle. It has a byte order mark, comments, LF,
# CR and CRLF line ends, multi-line data, a field without a colon, and values with no space or
# two spaces after the colon. It also has event, id and retry fields, an event without data,
# a NUL in an id, an invalid retry, characters of 2, 3 and 4 bytes, and an unterminated event.
STREAM = (
    b"\xef\xbb\xbf: keep-alive\n"
    b"data: first\n\n"
    b"data:no-space\r\n\r\n"
    b"data:  two spaces\r\r"
    b"event: update\nid: 7\nretry: 1500\ndata: line one\ndata: line two\n\n"
    b"event: ignored-without-data\nid: 8\n\n"
    b"data\n\n"
    b"id: bad\x00id\ndata: keeps id 8\n\n"
    b"retry: 12ms\ndata: retry ignored\n\n"
    b": comment between events\r\n"
    + "data: caña 18,50 € 🍯\r\n\r\n".encode()
    + b"unknown: field\ndata: after unknown\n\n"
    + b"data: incomplete at the end"
)

EXPECTED = [
    ServerSentEvent(data="first"),
    ServerSentEvent(data="no-space"),
    ServerSentEvent(data=" two spaces"),
    ServerSentEvent(data="line one\nline two", event="update", id="7", retry=1500),
    ServerSentEvent(data="", id="8"),
    ServerSentEvent(data="keeps id 8", id="8"),
    ServerSentEvent(data="retry ignored", id="8"),
    ServerSentEvent(data="caña 18,50 € 🍯", id="8"),
    ServerSentEvent(data="after unknown", id="8"),
]


def parse_in_pieces(stream: bytes, cuts: list[int]) -> list[ServerSentEvent]:
    parser = SSEParser()
    events: list[ServerSentEvent] = []
    start = 0
    for cut in [*cuts, len(stream)]:
        events += parser.feed(stream[start:cut])
        start = cut
    events += parser.close()
    return events


def test_whole_stream_parses_every_case():
    assert parse_in_pieces(STREAM, []) == EXPECTED


@pytest.mark.parametrize("cut", range(1, len(STREAM)))
def test_split_at_every_byte_same_events(cut):
    assert parse_in_pieces(STREAM, [cut]) == EXPECTED


def test_one_byte_reads_same_events():
    assert parse_in_pieces(STREAM, list(range(1, len(STREAM)))) == EXPECTED


def test_split_at_every_pair_of_positions_same_events():
    # Two cuts catch a character split over three reads and a CR and LF in separate reads.
    sample = "data: añ€🍯\r\n\r\ndata: x\r\r".encode()
    expected = [ServerSentEvent(data="añ€🍯"), ServerSentEvent(data="x")]
    for first in range(1, len(sample)):
        for second in range(first, len(sample)):
            assert parse_in_pieces(sample, [first, second]) == expected, (first, second)


def test_cr_at_end_of_read_dispatches_at_once():
    parser = SSEParser()

    events = parser.feed(b"data: now\r\r")

    assert events == [ServerSentEvent(data="now")]


def test_split_crlf_is_one_line_end():
    parser = SSEParser()

    first = parser.feed(b"data: a\r")
    second = parser.feed(b"\ndata: b\r\n\r\n")

    assert first == []
    assert second == [ServerSentEvent(data="a\nb")]


def test_several_events_in_one_read():
    parser = SSEParser()

    events = parser.feed(b"data: 1\n\ndata: 2\n\ndata: 3\n\n")

    assert [event.data for event in events] == ["1", "2", "3"]


def test_split_multibyte_character_survives():
    encoded = "€".encode()
    parser = SSEParser()

    events = parser.feed(b"data: " + encoded[:1]) + parser.feed(encoded[1:2]) + parser.feed(encoded[2:] + b"\n\n")

    assert events == [ServerSentEvent(data="€")]


def test_invalid_utf8_becomes_replacement_character():
    parser = SSEParser()

    events = parser.feed(b"data: a\xffb\n\n")

    assert events == [ServerSentEvent(data="a\ufffdb")]


def test_close_discards_event_with_truncated_character():
    parser = SSEParser()

    parser.feed(b"data: \xe2\x82")
    events = parser.close()

    assert events == []
    assert parser.pending


def test_byte_order_mark_only_dropped_at_start():
    parser = SSEParser()

    events = parser.feed(b"data: a\n\n" + "\ufeffdata: b\n\n".encode())

    # A mark after the start is part of the field name, which is then unknown.
    assert events == [ServerSentEvent(data="a")]


def test_event_without_blank_line_discarded_at_end():
    parser = SSEParser()

    events = parser.feed(b"data: cut off") + parser.close()

    assert events == []
    assert parser.pending


def test_finished_stream_has_nothing_pending():
    parser = SSEParser()

    parser.feed(b"data: done\n\n")
    parser.close()

    assert not parser.pending


def test_last_event_id_persists_across_events():
    parser = SSEParser()

    events = parser.feed(b"id: 41\ndata: a\n\ndata: b\n\nid\ndata: c\n\n")

    assert [event.id for event in events] == ["41", "41", ""]
    assert parser.last_event_id == ""


def test_retry_field_sets_parser_retry():
    parser = SSEParser()

    parser.feed(b"retry: 3000\n\n")

    assert parser.retry == 3000


def test_overlong_line_is_rejected():
    parser = SSEParser(max_event_chars=100)

    with pytest.raises(SSEProtocolError):
        parser.feed(b"data: " + b"x" * 200)


def test_overlong_event_data_is_rejected():
    parser = SSEParser(max_event_chars=100)

    with pytest.raises(SSEProtocolError):
        parser.feed(b"data: xxxxxxxxxx\n" * 20)
