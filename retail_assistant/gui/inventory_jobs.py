"""Running one piece of slow work (an import, an export, an undo) off the GUI thread.

The work runs on a Python thread of its own and opens its own SQLite connection
there, because a connection must stay on the thread that opened it. The result or
the exception comes back through a queued Qt signal, so the slots run on the GUI
thread. The work never touches a widget.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

from PySide6.QtCore import QObject, Signal

from retail_assistant.core.errors import RetailAssistantError

__all__ = ["BackgroundJob"]

log = logging.getLogger(__name__)


class BackgroundJob(QObject):
    """One call of `work` on a worker thread; `finished` carries its result, `failed` its exception.

    A started job keeps itself alive until its signal has been delivered, so the
    window that started it may close first; Qt drops the signal for receivers that
    are gone. The work itself is not interrupted: an import either commits or rolls
    back, and a thread cut short at exit leaves SQLite to roll back on the next open.
    """

    finished = Signal(object)
    failed = Signal(object)
    _ended = Signal()

    _started: set[BackgroundJob] = set()

    def __init__(self, work: Callable[[], object], *, name: str) -> None:
        super().__init__()
        self._work = work
        self._thread = threading.Thread(target=self._run, name=name, daemon=True)
        # Queued signals arrive in the order they were sent, so this runs after the
        # result's slots, and the thread holds no reference to the job by then.
        self._ended.connect(self._release)

    def start(self) -> None:
        """Start the work; the signals arrive on the thread that created this object."""
        BackgroundJob._started.add(self)
        self._thread.start()

    def _release(self) -> None:
        self._thread.join()
        BackgroundJob._started.discard(self)

    @property
    def running(self) -> bool:
        """Whether the work has started and not yet ended."""
        return self._thread.is_alive()

    def wait(self, timeout: float) -> bool:
        """Block until the work ends or `timeout` seconds pass; return whether it ended."""
        self._thread.join(timeout)
        return not self._thread.is_alive()

    def _run(self) -> None:
        try:
            result = self._work()
        except RetailAssistantError as error:
            log.warning("%s failed: %s", self._thread.name, error)
            self.failed.emit(error)
        except Exception as error:  # noqa: BLE001 - a bug must reach the window, not vanish with the thread
            log.exception("unexpected error in %s", self._thread.name)
            self.failed.emit(error)
        else:
            self.finished.emit(result)
        self._ended.emit()
