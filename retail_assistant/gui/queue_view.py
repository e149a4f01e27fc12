"""The "Cloud queue" tab: the writing tasks waiting for the cloud, and what became of them.

The tasks are read on a TaskRunner's worker thread and shown as plain QueuedTask values.
A detail pane shows the whole question, the provisional answer made on this computer and
the cloud's final answer of the selected task. "Run now" emits `run_requested`, on which
the window sends the pending tasks. "Remove" deletes the selected tasks that are done or
failed, never one that still waits, so nothing queued is lost by a click.
"""

from __future__ import annotations

import enum
import logging
from collections.abc import Callable, Sequence

from PySide6.QtCore import (
    QAbstractTableModel,
    QDateTime,
    QEvent,
    QItemSelectionModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
    Slot,
)
from PySide6.QtGui import QColor, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from retail_assistant.adapters.store.cloud_queue import QueuedTask, SqliteCloudQueue
from retail_assistant.gui.errors import describe_error
from retail_assistant.gui.workers import TaskRunner

__all__ = ["QueueColumn", "QueueTableModel", "QueueView", "local_time"]

log = logging.getLogger(__name__)

_FINISHED = ("done", "failed")
_FAILED_COLOR = QColor("#b42318")
_MUTED_COLOR = QColor("#57606a")

AnyIndex = QModelIndex | QPersistentModelIndex


class QueueColumn(enum.IntEnum):
    """The table's columns, in order."""

    STATUS = 0
    CREATED = 1
    QUESTION = 2
    PROVISIONAL = 3
    ANSWER = 4


def local_time(timestamp: str) -> str:
    """Return a stored UTC time ("2025-06-02T10:00:00Z") as local time ("2025-06-02 12:00").

    A time that cannot be read is returned unchanged.
    """
    moment = QDateTime.fromString(timestamp, Qt.DateFormat.ISODate)
    if not moment.isValid():
        return timestamp
    return moment.toLocalTime().toString("yyyy-MM-dd HH:mm")


def _one_line(text: str | None) -> str:
    return " ".join((text or "").split())


class QueueTableModel(QAbstractTableModel):
    """The queued tasks as a table, replaced whole on each refresh."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._tasks: list[QueuedTask] = []

    def set_tasks(self, tasks: Sequence[QueuedTask]) -> None:
        """Show `tasks`, oldest first."""
        self.beginResetModel()
        self._tasks = list(tasks)
        self.endResetModel()

    def task(self, row: int) -> QueuedTask:
        """Return the task shown in `row`."""
        return self._tasks[row]

    def tasks(self) -> list[QueuedTask]:
        """Return every task shown."""
        return list(self._tasks)

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._tasks)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(QueueColumn)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        titles = {
            QueueColumn.STATUS: self.tr("Status"),
            QueueColumn.CREATED: self.tr("Created"),
            QueueColumn.QUESTION: self.tr("Question"),
            QueueColumn.PROVISIONAL: self.tr("Provisional answer"),
            QueueColumn.ANSWER: self.tr("Cloud answer"),
        }
        return titles.get(QueueColumn(section)) if 0 <= section < len(QueueColumn) else None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._tasks):
            return None
        task = self._tasks[index.row()]
        column = QueueColumn(index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(task, column)
        if role == Qt.ItemDataRole.ToolTipRole and column is QueueColumn.STATUS and task.error:
            return task.error
        if role == Qt.ItemDataRole.ForegroundRole and column is QueueColumn.STATUS:
            if task.status == "failed":
                return _FAILED_COLOR
            if task.status == "done":
                return _MUTED_COLOR
        return None

    def status_text(self, status: str) -> str:
        """Return a task status as shop staff read it."""
        names = {
            "pending": self.tr("waiting"),
            "running": self.tr("sending"),
            "done": self.tr("done"),
            "failed": self.tr("failed"),
        }
        return names.get(status, status)

    def _display(self, task: QueuedTask, column: QueueColumn) -> str:
        if column is QueueColumn.STATUS:
            return self.status_text(task.status)
        if column is QueueColumn.CREATED:
            return local_time(task.created_at)
        if column is QueueColumn.QUESTION:
            return _one_line(task.question)
        if column is QueueColumn.PROVISIONAL:
            return _one_line(task.provisional_answer)
        return _one_line(task.answer)


class QueueView(QWidget):
    """The table of queued tasks, a detail pane, and the Run now and Remove buttons.

    `queue` returns the shop's SqliteCloudQueue; `runner` reads and removes tasks off the
    GUI thread. `run_requested` is emitted when "Run now" is clicked.
    """

    run_requested = Signal()

    def __init__(
        self,
        queue: Callable[[], SqliteCloudQueue],
        runner: TaskRunner,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._queue = queue
        self._runner = runner
        self._loading = False
        self._stale = True
        self._running = False
        self._can_run = False

        self.model = QueueTableModel(self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        self.table.setColumnWidth(QueueColumn.STATUS, 90)
        self.table.setColumnWidth(QueueColumn.CREATED, 130)
        self.table.setColumnWidth(QueueColumn.QUESTION, 260)
        self.table.setColumnWidth(QueueColumn.PROVISIONAL, 220)

        self.detail = QPlainTextEdit(self)
        self.detail.setReadOnly(True)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(self.table)
        splitter.addWidget(self.detail)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)

        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.run_button = QPushButton(self)
        self.remove_button = QPushButton(self)
        buttons = QHBoxLayout()
        buttons.addWidget(self.summary, stretch=1)
        buttons.addWidget(self.run_button)
        buttons.addWidget(self.remove_button)

        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(splitter, stretch=1)

        self.run_button.clicked.connect(self.run_requested)
        self.remove_button.clicked.connect(self.remove_selected)
        self.table.selectionModel().selectionChanged.connect(self._on_selection_changed)

        self._message = ""
        self._load_error = ""
        self.retranslate()
        self._update_buttons()

    def retranslate(self) -> None:
        """Set every text of the view in the current language."""
        self.run_button.setText(self.tr("Run now"))
        self.run_button.setToolTip(self.tr("Send the waiting tasks to the cloud now"))
        self.remove_button.setText(self.tr("Remove"))
        self.remove_button.setToolTip(self.tr("Remove the selected tasks that are done or failed"))
        self.detail.setPlaceholderText(self.tr("Select a task to read its question and answers in full."))
        self.model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(QueueColumn) - 1)
        self._show_summary()
        self._show_detail()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self.refresh()

    @property
    def loading(self) -> bool:
        """Whether a read of the tasks is running."""
        return self._loading

    def set_cloud_ready(self, ready: bool) -> None:
        """Enable "Run now" only while a cloud service is set up."""
        self._can_run = ready
        self._update_buttons()

    def set_running(self, running: bool, message: str = "") -> None:
        """Show that the window is sending the tasks (Run now is then disabled), or what the last run did."""
        self._running = running
        self._message = message
        self._show_summary()
        self._update_buttons()

    def refresh(self) -> None:
        """Read the tasks again on the worker thread; a hidden view only notes that it must read them when shown."""
        if not self.isVisible():
            self._stale = True
            return
        if self._loading:
            self._stale = True
            return
        self._stale = False
        self._loading = True
        queue = self._queue()
        self._runner.submit(queue.tasks, on_done=self._on_loaded, on_error=self._on_failed)

    @Slot()
    def remove_selected(self) -> None:
        """Delete the selected tasks that are done or failed, on the worker thread, then read the list again."""
        ids = [task.id for task in self._selected_tasks() if task.status in _FINISHED]
        if not ids:
            return
        queue = self._queue()
        self.remove_button.setEnabled(False)
        self._runner.submit(lambda: queue.remove(ids), on_done=self._on_removed, on_error=self._on_remove_failed)

    def _selected_tasks(self) -> list[QueuedTask]:
        rows = sorted({index.row() for index in self.table.selectionModel().selectedRows()})
        return [self.model.task(row) for row in rows]

    def _on_loaded(self, tasks: list[QueuedTask]) -> None:
        self._loading = False
        self._load_error = ""
        selected = {task.id for task in self._selected_tasks()}
        self.model.set_tasks(tasks)
        selection = self.table.selectionModel()
        flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
        for row, task in enumerate(tasks):
            if task.id in selected:
                selection.select(self.model.index(row, 0), flags)
        self._show_summary()
        self._show_detail()
        self._update_buttons()
        if self._stale:
            self.refresh()

    def _on_removed(self, count: int) -> None:
        log.info("removed %d finished cloud queue tasks", count)
        self.refresh()

    def _on_failed(self, error: Exception) -> None:
        self._loading = False
        self._load_error = self.tr("Cannot read the queue: {error}").format(error=describe_error(error).detail)
        self._show_summary()
        self._update_buttons()

    def _on_remove_failed(self, error: Exception) -> None:
        self._message = self.tr("Cannot remove the tasks: {error}").format(error=describe_error(error).detail)
        self.refresh()

    @Slot()
    def _on_selection_changed(self) -> None:
        self._show_detail()
        self._update_buttons()

    def _update_buttons(self) -> None:
        waiting = any(task.status == "pending" for task in self.model.tasks())
        self.run_button.setEnabled(self._can_run and waiting and not self._running)
        self.remove_button.setEnabled(any(task.status in _FINISHED for task in self._selected_tasks()))

    def _show_summary(self) -> None:
        tasks = self.model.tasks()
        waiting = sum(task.status in ("pending", "running") for task in tasks)
        text = self.tr("Waiting for the cloud: {waiting} of {total} tasks").format(waiting=waiting, total=len(tasks))
        if self._running:
            text += " · " + self.tr("sending the waiting tasks to the cloud…")
        elif self._load_error:
            text += " · " + self._load_error
        elif self._message:
            text += " · " + self._message
        self.summary.setText(text)

    def _show_detail(self) -> None:
        selected = self._selected_tasks()
        if len(selected) != 1:
            self.detail.clear()
            return
        task = selected[0]
        parts = [
            self.tr("Question ({status}, asked {created}):").format(
                status=self.model.status_text(task.status), created=local_time(task.created_at)),
            task.question,
            "",
            self.tr("Provisional answer, made on this computer:"),
            task.provisional_answer or self.tr("(none)"),
            "",
            self.tr("Cloud answer:"),
            task.answer or self.tr("(not yet)"),
        ]
        if task.error:
            parts += ["", self.tr("Last error:"), task.error]
        self.detail.setPlainText("\n".join(parts))
