"""Running questions off the GUI thread, one at a time, in the order they were asked.

`Assistant.ask` may wait for the local model for seconds, so it runs on one worker
QThread. The GUI thread keeps a queue of questions and hands the worker the next
one only when the previous answer has finished, which keeps the transcript in the
order the questions were typed. The worker sends back plain data through queued
signals (the route first, the finished answer last), but it does not signal each
text piece: pieces go into a locked buffer that a GUI timer empties every
`FLUSH_INTERVAL_MS`, so a fast model costs one repaint per interval, not one per token.

`TaskRunner` runs other slow calls (a cloud probe, a queue run, a large query) one after
another on a worker thread of its own, and calls back on the GUI thread with the result.
"""

from __future__ import annotations

import logging
import threading
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QObject, Qt, QThread, QTimer, Signal, Slot

from retail_assistant.core.assistant import Answer, AnswerEvent, AnswerStarted, AnswerText
from retail_assistant.core.cancel import CancelToken
from retail_assistant.core.errors import RetailAssistantError
from retail_assistant.core.routing import Route

__all__ = ["FLUSH_INTERVAL_MS", "AskFunction", "AskQueue", "TaskRunner", "TextBuffer"]

log = logging.getLogger(__name__)

FLUSH_INTERVAL_MS = 50
"""How often streamed text is moved to the screen; 20 repaints a second look continuous."""

_SHUTDOWN_TIMEOUT_MS = 10_000

AskFunction = Callable[..., Iterator[AnswerEvent]]
"""`Assistant.ask`, or anything called as ask(question, route=route, cancel=token) that yields the same events.

`route` is None for the automatic choice, or the Route the user forced for this question.
"""


class TextBuffer:
    """Text pieces appended by the worker thread and taken, all at once, by the GUI thread."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._pieces: list[str] = []

    def append(self, text: str) -> None:
        """Add a piece at the end."""
        with self._lock:
            self._pieces.append(text)

    def take(self) -> str:
        """Remove and return everything appended since the last call."""
        with self._lock:
            text = "".join(self._pieces)
            self._pieces.clear()
        return text


@dataclass
class _Job:
    job_id: int
    question: str
    route: Route | None = None
    cancel: CancelToken = field(default_factory=CancelToken)
    buffer: TextBuffer = field(default_factory=TextBuffer)


class _AskRunner(QObject):
    """The worker-thread side: runs one question at a time and never touches a widget."""

    started = Signal(int, object)
    finished = Signal(int, object)
    failed = Signal(int, object)

    def __init__(self, ask: AskFunction, close_connection: Callable[[], None]) -> None:
        super().__init__()
        self._ask = ask
        self._close_connection = close_connection

    @Slot(int, str, object, object, object)
    def run(self, job_id: int, question: str, route: Route | None, cancel: CancelToken, buffer: TextBuffer) -> None:
        try:
            for event in self._ask(question, route=route, cancel=cancel):
                if isinstance(event, AnswerText):
                    buffer.append(event.text)
                elif isinstance(event, AnswerStarted):
                    self.started.emit(job_id, event)
                elif isinstance(event, Answer):
                    self.finished.emit(job_id, event)
                    return
        except RetailAssistantError as error:
            log.warning("question %d was not answered: %s", job_id, error)
            self.failed.emit(job_id, error)
            return
        except Exception as error:  # noqa: BLE001 - a bug must not leave the window waiting forever
            log.exception("unexpected error while answering question %d", job_id)
            self.failed.emit(job_id, error)
            return
        self.failed.emit(job_id, RuntimeError("the answer ended without a result"))

    @Slot()
    def shut_down(self) -> None:
        # The assistant opened this thread's own SQLite connection; only this thread may close it.
        self._close_connection()
        thread = QThread.currentThread()
        if thread is not None:
            thread.quit()


class AskQueue(QObject):
    """The GUI-thread side: a queue of questions answered one after another on a worker thread.

    Signals carry the caller's job id. `job_started` fires when a question leaves the
    queue, `answer_started` with the AnswerStarted event, `text_arrived` with batched
    text, then either `answer_finished` with the Answer or `answer_failed` with the
    exception. `busy_changed` reports whether an answer is running.
    """

    job_started = Signal(int)
    answer_started = Signal(int, object)
    text_arrived = Signal(int, str)
    answer_finished = Signal(int, object)
    answer_failed = Signal(int, object)
    busy_changed = Signal(bool)

    _run_requested = Signal(int, str, object, object, object)
    _shutdown_requested = Signal()

    def __init__(
        self,
        ask: AskFunction,
        *,
        close_connection: Callable[[], None] = lambda: None,
        flush_interval_ms: int = FLUSH_INTERVAL_MS,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._pending: deque[_Job] = deque()
        self._current: _Job | None = None
        self._closed = False

        self._thread = QThread(self)
        self._thread.setObjectName("ask-worker")
        self._runner = _AskRunner(ask, close_connection)
        self._runner.moveToThread(self._thread)

        queued = Qt.ConnectionType.QueuedConnection
        self._run_requested.connect(self._runner.run, queued)
        self._shutdown_requested.connect(self._runner.shut_down, queued)
        self._runner.started.connect(self._on_started, queued)
        self._runner.finished.connect(self._on_finished, queued)
        self._runner.failed.connect(self._on_failed, queued)

        self._flush_timer = QTimer(self)
        self._flush_timer.setInterval(flush_interval_ms)
        self._flush_timer.timeout.connect(self._flush)
        self._thread.start()

    @property
    def busy(self) -> bool:
        """Whether an answer is running."""
        return self._current is not None

    @property
    def pending(self) -> int:
        """The number of questions waiting behind the running one."""
        return len(self._pending)

    def submit(self, job_id: int, question: str, *, route: Route | None = None) -> None:
        """Queue `question` under `job_id`; it runs when every earlier question has finished.

        `route` forces local or cloud for this question; None leaves the choice to the router.
        """
        if self._closed:
            raise RuntimeError("the question queue is shut down")
        self._pending.append(_Job(job_id, question, route))
        self._start_next()

    def stop(self) -> bool:
        """Stop the running answer at its next token; return whether one was running.

        Questions still waiting in the queue are kept and run afterwards.
        """
        if self._current is None:
            return False
        self._current.cancel.cancel()
        return True

    def shut_down(self, timeout_ms: int = _SHUTDOWN_TIMEOUT_MS) -> bool:
        """Cancel everything, stop the worker thread and return whether it ended in time."""
        if self._closed:
            return True
        self._closed = True
        self._flush_timer.stop()
        for job in self._pending:
            job.cancel.cancel()
        self._pending.clear()
        if self._current is not None:
            self._current.cancel.cancel()

        self._shutdown_requested.emit()
        if self._thread.wait(timeout_ms):
            return True
        # NOTE: a model that is still loading ignores Stop, so the thread can outlive
        # this timeout; Qt then reports the running thread when the window is destroyed.
        log.error("the question worker did not stop within %d ms", timeout_ms)
        return False

    def _start_next(self) -> None:
        if self._current is not None or self._closed:
            return
        if not self._pending:
            self._flush_timer.stop()
            self.busy_changed.emit(False)
            return

        job = self._pending.popleft()
        self._current = job
        self.job_started.emit(job.job_id)
        self.busy_changed.emit(True)
        self._flush_timer.start()
        self._run_requested.emit(job.job_id, job.question, job.route, job.cancel, job.buffer)

    def _flush(self) -> None:
        job = self._current
        if job is None:
            return
        text = job.buffer.take()
        if text:
            self.text_arrived.emit(job.job_id, text)

    @Slot(int, object)
    def _on_started(self, job_id: int, event: AnswerStarted) -> None:
        if self._is_current(job_id):
            self.answer_started.emit(job_id, event)

    @Slot(int, object)
    def _on_finished(self, job_id: int, answer: Answer) -> None:
        if not self._is_current(job_id):
            return
        self._flush()
        self._current = None
        self.answer_finished.emit(job_id, answer)
        self._start_next()

    @Slot(int, object)
    def _on_failed(self, job_id: int, error: Exception) -> None:
        if not self._is_current(job_id):
            return
        self._flush()
        self._current = None
        self.answer_failed.emit(job_id, error)
        self._start_next()

    def _is_current(self, job_id: int) -> bool:
        # After shut_down, late signals from the worker find no current job and are dropped.
        return self._current is not None and self._current.job_id == job_id and not self._closed


TaskCallback = Callable[[Any], None]
ErrorCallback = Callable[[Exception], None]


class _TaskWorker(QObject):
    """The worker-thread side of a TaskRunner: calls each function and reports how it ended."""

    finished = Signal(int, object)
    failed = Signal(int, object)

    def __init__(self, close_connection: Callable[[], None], stopping: threading.Event) -> None:
        super().__init__()
        self._close_connection = close_connection
        self._stopping = stopping

    @Slot(int, object)
    def run(self, task_id: int, function: Callable[[], Any]) -> None:
        if self._stopping.is_set():
            # Submitted before the shut-down: dropped, because no caller waits for the result any more.
            return
        try:
            result = function()
        except RetailAssistantError as error:
            log.warning("background task %d failed: %s", task_id, error)
            self.failed.emit(task_id, error)
            return
        except Exception as error:  # noqa: BLE001 - a bug must not leave the window waiting forever
            log.exception("unexpected error in background task %d", task_id)
            self.failed.emit(task_id, error)
            return
        self.finished.emit(task_id, result)

    @Slot()
    def shut_down(self) -> None:
        # Tasks open this thread's own SQLite connection; only this thread may close it.
        self._close_connection()
        thread = QThread.currentThread()
        if thread is not None:
            thread.quit()


class TaskRunner(QObject):
    """Runs functions one after another on a worker thread of its own; results come back on the GUI thread.

    `submit` takes a function of no arguments. It runs on the worker thread, so it must
    neither touch nor hold a widget: give it the services and plain values only. Its
    result goes to `on_done`, or its exception to `on_error`, both called on the GUI thread.
    """

    _run_requested = Signal(int, object)
    _shutdown_requested = Signal()

    def __init__(
        self,
        name: str,
        *,
        close_connection: Callable[[], None] = lambda: None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._callbacks: dict[int, tuple[TaskCallback | None, ErrorCallback | None]] = {}
        self._next_id = 1
        self._closed = False
        self._stopping = threading.Event()

        self._thread = QThread(self)
        self._thread.setObjectName(name)
        self._worker = _TaskWorker(close_connection, self._stopping)
        self._worker.moveToThread(self._thread)

        queued = Qt.ConnectionType.QueuedConnection
        self._run_requested.connect(self._worker.run, queued)
        self._shutdown_requested.connect(self._worker.shut_down, queued)
        self._worker.finished.connect(self._on_finished, queued)
        self._worker.failed.connect(self._on_failed, queued)
        self._thread.start()

    def submit(
        self,
        function: Callable[[], Any],
        *,
        on_done: TaskCallback | None = None,
        on_error: ErrorCallback | None = None,
    ) -> int:
        """Queue `function` behind the tasks already submitted and return its task id."""
        if self._closed:
            raise RuntimeError("the background tasks are shut down")
        task_id = self._next_id
        self._next_id += 1
        self._callbacks[task_id] = (on_done, on_error)
        self._run_requested.emit(task_id, function)
        return task_id

    def shut_down(self, timeout_ms: int = _SHUTDOWN_TIMEOUT_MS) -> bool:
        """Drop the waiting tasks, stop the thread after the running one and return whether it ended in time."""
        if self._closed:
            return True
        self._closed = True
        self._stopping.set()
        self._callbacks.clear()
        self._shutdown_requested.emit()
        if self._thread.wait(timeout_ms):
            return True
        # NOTE: a running task cannot be interrupted. A queue run finishes its current cloud
        # call first (bounded by the cloud client's deadline), so the thread can outlive this timeout.
        log.error("the background thread %s did not stop within %d ms", self._thread.objectName(), timeout_ms)
        return False

    @Slot(int, object)
    def _on_finished(self, task_id: int, result: object) -> None:
        callbacks = self._callbacks.pop(task_id, None)
        if callbacks is None or self._closed:
            return
        on_done, _ = callbacks
        if on_done is not None:
            on_done(result)

    @Slot(int, object)
    def _on_failed(self, task_id: int, error: Exception) -> None:
        callbacks = self._callbacks.pop(task_id, None)
        if callbacks is None or self._closed:
            return
        _, on_error = callbacks
        if on_error is not None:
            on_error(error)
