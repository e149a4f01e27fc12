"""A cancellation flag shared between the thread that asks and the thread that works."""

from __future__ import annotations

import threading

__all__ = ["CancelToken"]


class CancelToken:
    """A flag the user sets with Stop and a generation loop checks between tokens."""

    def __init__(self) -> None:
        self._event = threading.Event()

    def cancel(self) -> None:
        """Ask the work to stop at its next check."""
        self._event.set()

    @property
    def cancelled(self) -> bool:
        """Whether Stop was pressed."""
        return self._event.is_set()
