"""Turning a model's token pieces into clean text, one piece at a time.

Two problems sit between the tokens and the screen. A character's UTF-8 bytes may be
split across tokens ("ñ" is two bytes, an emoji four), so pieces are decoded with an
incremental decoder that holds back an unfinished character instead of showing
garbage. And a model may write a chat-template marker as plain text, so the filter
holds back any tail that could be the start of one and ends the reply at a marker.
"""

from __future__ import annotations

import codecs

__all__ = ["DEFAULT_STOP_STRINGS", "StopFilter", "Utf8Pieces", "neutralise_markers"]

DEFAULT_STOP_STRINGS = (
    "<|im_end|>",
    "<|im_start|>",
    "<|endoftext|>",
    "<|eot_id|>",
    "<|end|>",
    "</s>",
    "<s>",
)
"""Markers of the common chat templates; none may reach the user."""


def neutralise_markers(text: str) -> str:
    """Return `text` with chat-template markers defused, so data cannot open or close a turn.

    The prompt is tokenized with special tokens enabled, so a product name containing
    "<|im_end|>" would otherwise end the user's turn. The marker's angle bracket
    becomes a look-alike that the tokenizer reads as ordinary text.
    """
    for marker in DEFAULT_STOP_STRINGS:
        if marker in text:
            text = text.replace(marker, "\u2039" + marker[1:])
    return text


class Utf8Pieces:
    """An incremental UTF-8 decoder for token bytes."""

    def __init__(self) -> None:
        # errors="replace" only replaces bytes that can never become a character;
        # an unfinished sequence waits in the decoder for the next piece.
        self._decoder = codecs.getincrementaldecoder("utf-8")(errors="replace")

    def feed(self, piece: bytes) -> str:
        """Return the text completed by `piece` (possibly empty)."""
        return self._decoder.decode(piece)

    def finish(self) -> str:
        """Return what is left at the end; an unfinished character becomes U+FFFD."""
        return self._decoder.decode(b"", final=True)


class StopFilter:
    """Passes text through until a stop string, holding back possible prefixes of one."""

    def __init__(self, stop_strings: tuple[str, ...] = DEFAULT_STOP_STRINGS) -> None:
        self._stops = tuple(stop for stop in stop_strings if stop)
        self._pending = ""
        self.stopped = False

    def feed(self, text: str) -> str:
        """Return the part of `text` that is safe to show now."""
        if self.stopped:
            return ""
        self._pending += text

        cut = min((self._pending.find(stop) for stop in self._stops if stop in self._pending), default=-1)
        if cut >= 0:
            self.stopped = True
            safe, self._pending = self._pending[:cut], ""
            return safe

        hold = self._longest_stop_prefix_at_end()
        safe = self._pending[: len(self._pending) - hold]
        self._pending = self._pending[len(safe):]
        return safe

    def finish(self) -> str:
        """Return the held-back text at the end of the reply."""
        if self.stopped:
            return ""
        rest, self._pending = self._pending, ""
        return rest

    def _longest_stop_prefix_at_end(self) -> int:
        longest = 0
        for stop in self._stops:
            for size in range(min(len(stop) - 1, len(self._pending)), longest, -1):
                if self._pending.endswith(stop[:size]):
                    longest = size
                    break
        return longest
