"""The "Cloud log" tab: every cloud call with its time, reason, model, outcome, tokens, cost and latency.

The calls and this month's cost are read on a TaskRunner's worker thread. A detail pane
shows what was sent for the selected call, after masking, as the cloud received it.
"Export CSV…" writes the whole log with `SqliteCloudLog.export_csv`, also off the GUI
thread. Costs are stored in millionths of the price currency and shown without a currency
sign, because the log does not record which currency the prices were in.
"""

from __future__ import annotations

import enum
import json
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from PySide6.QtCore import QAbstractTableModel, QEvent, QModelIndex, QObject, QPersistentModelIndex, Qt, Slot
from PySide6.QtGui import QColor, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
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

from retail_assistant.adapters.store.cloud_log import CloudCall, SqliteCloudLog
from retail_assistant.core.money import format_decimal
from retail_assistant.core.routing import Reason
from retail_assistant.gui.errors import describe_error
from retail_assistant.gui.queue_view import local_time
from retail_assistant.gui.workers import TaskRunner
from retail_assistant.settings import Settings

__all__ = ["MAX_CALLS_SHOWN", "CloudLogModel", "CloudLogView", "LogColumn", "LogSnapshot", "read_log"]

log = logging.getLogger(__name__)

MAX_CALLS_SHOWN = 1000
"""The newest calls shown in the table; the CSV export has them all."""

_FAILED_COLOR = QColor("#b42318")
_WARNING_COLOR = QColor("#9a6700")
_MICROS = 6

AnyIndex = QModelIndex | QPersistentModelIndex


class LogColumn(enum.IntEnum):
    """The table's columns, in order."""

    TIME = 0
    REASON = 1
    MODEL = 2
    OUTCOME = 3
    TOKENS = 4
    COST = 5
    LATENCY = 6


_NUMERIC_COLUMNS = (LogColumn.TOKENS, LogColumn.COST, LogColumn.LATENCY)


@dataclass(frozen=True)
class LogSnapshot:
    """The newest calls, newest first, and this calendar month's cost in millionths of the currency."""

    calls: list[CloudCall]
    month_cost_micros: int


def read_log(cloud_log: SqliteCloudLog, *, limit: int = MAX_CALLS_SHOWN) -> LogSnapshot:
    """Read the newest calls and this month's cost; a database query, so run it on a worker."""
    return LogSnapshot(cloud_log.calls(limit=limit), cloud_log.month_cost_micros())


def _amount(micros: int, *, places: int, language: str) -> str:
    return format_decimal(Decimal(micros).scaleb(-_MICROS), places=places, language=language)


class CloudLogModel(QAbstractTableModel):
    """The cloud calls as a table, replaced whole on each refresh."""

    def __init__(self, language: Callable[[], str], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._language = language
        self._calls: list[CloudCall] = []

    def set_calls(self, calls: Sequence[CloudCall]) -> None:
        """Show `calls`, in the order given."""
        self.beginResetModel()
        self._calls = list(calls)
        self.endResetModel()

    def call(self, row: int) -> CloudCall:
        """Return the call shown in `row`."""
        return self._calls[row]

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._calls)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(LogColumn)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(LogColumn):
            return None
        column = LogColumn(section)
        if role == Qt.ItemDataRole.ToolTipRole:
            tips = {
                LogColumn.TOKENS: self.tr("Tokens sent + tokens received; estimated when the service reports none"),
                LogColumn.COST: self.tr("In the currency of the prices in the cloud settings"),
            }
            return tips.get(column)
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        titles = {
            LogColumn.TIME: self.tr("Time"),
            LogColumn.REASON: self.tr("Reason"),
            LogColumn.MODEL: self.tr("Model"),
            LogColumn.OUTCOME: self.tr("Outcome"),
            LogColumn.TOKENS: self.tr("Tokens"),
            LogColumn.COST: self.tr("Cost"),
            LogColumn.LATENCY: self.tr("Latency"),
        }
        return titles[column]

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._calls):
            return None
        call = self._calls[index.row()]
        column = LogColumn(index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(call, column)
        if role == Qt.ItemDataRole.TextAlignmentRole and column in _NUMERIC_COLUMNS:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole and column is LogColumn.OUTCOME and call.outcome != "completed":
            return _FAILED_COLOR
        if role == Qt.ItemDataRole.ToolTipRole and column is LogColumn.OUTCOME and call.error:
            return call.error
        if role == Qt.ItemDataRole.ToolTipRole and column is LogColumn.REASON:
            return self.reason_text(call.reason)
        return None

    def reason_text(self, code: str) -> str:
        """Return a stored routing reason code as shop staff read it; an unknown code unchanged."""
        try:
            return Reason(code).text(self._language())
        except ValueError:
            return code

    def outcome_text(self, outcome: str) -> str:
        """Return a stored call outcome as shop staff read it."""
        names = {
            "completed": self.tr("completed"),
            "cancelled": self.tr("stopped"),
            "interrupted": self.tr("interrupted"),
            "failed": self.tr("failed"),
            "rejected": self.tr("not sent"),
        }
        return names.get(outcome, outcome)

    def _display(self, call: CloudCall, column: LogColumn) -> str:
        language = self._language()
        if column is LogColumn.TIME:
            return local_time(call.at)
        if column is LogColumn.REASON:
            return self.reason_text(call.reason)
        if column is LogColumn.MODEL:
            return call.model
        if column is LogColumn.OUTCOME:
            return self.outcome_text(call.outcome)
        if column is LogColumn.TOKENS:
            if call.prompt_tokens is None:
                return "—"
            return f"{call.prompt_tokens} + {call.completion_tokens or 0}"
        if column is LogColumn.COST:
            return _amount(call.cost_micros, places=_MICROS, language=language)
        if call.latency_ms is None:
            return "—"
        return self.tr("{seconds} s").format(
            seconds=format_decimal(Decimal(call.latency_ms).scaleb(-3), places=2, language=language))


class CloudLogView(QWidget):
    """The table of cloud calls, the month's cost against the budget, a detail pane and "Export CSV…".

    `cloud_log` returns the shop's SqliteCloudLog and `settings` the current settings (for
    the budget); `runner` does the reading and the export off the GUI thread.
    """

    def __init__(
        self,
        cloud_log: Callable[[], SqliteCloudLog],
        runner: TaskRunner,
        *,
        settings: Callable[[], Settings],
        language: Callable[[], str],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._cloud_log = cloud_log
        self._runner = runner
        self._settings = settings
        self._language = language
        self._loading = False
        self._stale = True
        self._month_cost_micros: int | None = None
        self._message = ""

        self.model = CloudLogModel(language, self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        widths = {LogColumn.TIME: 125, LogColumn.REASON: 290, LogColumn.MODEL: 110, LogColumn.OUTCOME: 95,
                  LogColumn.TOKENS: 90, LogColumn.COST: 85}
        for column, width in widths.items():
            self.table.setColumnWidth(column, width)

        self.detail = QPlainTextEdit(self)
        self.detail.setReadOnly(True)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(self.table)
        splitter.addWidget(self.detail)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)

        self.budget_label = QLabel(self)
        self.budget_label.setWordWrap(True)
        self.export_button = QPushButton(self)
        top = QHBoxLayout()
        top.addWidget(self.budget_label, stretch=1)
        top.addWidget(self.export_button)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(splitter, stretch=1)

        self.export_button.clicked.connect(self._on_export_clicked)
        self.table.selectionModel().selectionChanged.connect(self._show_detail)
        self.retranslate()

    def retranslate(self) -> None:
        """Set every text of the view in the current language."""
        self.export_button.setText(self.tr("Export CSV…"))
        self.export_button.setToolTip(self.tr("Write every cloud call to a CSV file"))
        self.detail.setPlaceholderText(self.tr("Select a call to see what was sent to the cloud."))
        self.model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(LogColumn) - 1)
        if self.model.rowCount():
            top_left = self.model.index(0, 0)
            bottom_right = self.model.index(self.model.rowCount() - 1, len(LogColumn) - 1)
            self.model.dataChanged.emit(top_left, bottom_right)
        self._show_budget()
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
        """Whether a read of the log is running."""
        return self._loading

    def refresh(self) -> None:
        """Read the log again on the worker thread; a hidden view only notes that it must read it when shown."""
        if not self.isVisible() or self._loading:
            self._stale = True
            return
        self._stale = False
        self._loading = True
        cloud_log = self._cloud_log()
        self._runner.submit(lambda: read_log(cloud_log), on_done=self._on_loaded, on_error=self._on_load_failed)

    def export_csv(self, path: Path) -> None:
        """Write the whole log to `path` on the worker thread, then show the row count or the error."""
        cloud_log = self._cloud_log()
        self.export_button.setEnabled(False)
        self._runner.submit(
            lambda: cloud_log.export_csv(path),
            on_done=lambda count: self._on_exported(path, count),
            on_error=lambda error: self._on_export_failed(path, error),
        )

    @Slot()
    def _on_export_clicked(self) -> None:
        default = str(self._settings().home / "cloud-log.csv")
        chosen, _ = QFileDialog.getSaveFileName(
            self, self.tr("Export the cloud log"), default, self.tr("CSV files (*.csv)")
        )
        if chosen:
            self.export_csv(Path(chosen))

    def _on_loaded(self, snapshot: LogSnapshot) -> None:
        self._loading = False
        self._month_cost_micros = snapshot.month_cost_micros
        self.model.set_calls(snapshot.calls)
        self._show_budget()
        self._show_detail()
        if self._stale:
            self.refresh()

    def _on_load_failed(self, error: Exception) -> None:
        self._loading = False
        self._message = self.tr("Cannot read the cloud log: {error}").format(error=describe_error(error).detail)
        self._show_budget()

    def _on_exported(self, path: Path, count: int) -> None:
        log.info("exported %d cloud calls to %s", count, path)
        self.export_button.setEnabled(True)
        self._message = self.tr("Wrote {count} calls to {path}").format(count=count, path=path)
        self._show_budget()

    def _on_export_failed(self, path: Path, error: Exception) -> None:
        log.error("cannot export the cloud log to %s: %s", path, error)
        self.export_button.setEnabled(True)
        detail = error.strerror if isinstance(error, OSError) and error.strerror else describe_error(error).detail
        self._message = self.tr("Cannot write {path}: {error}; choose another folder").format(path=path, error=detail)
        self._show_budget()

    def _show_budget(self) -> None:
        language = self._language()
        settings = self._settings()
        if self._month_cost_micros is None:
            text = self.tr("This month's cloud cost: reading…")
        else:
            cost = _amount(self._month_cost_micros, places=4, language=language)
            text = self.tr("This month's cloud cost: {cost}").format(cost=cost)
        color = ""
        if settings.cloud_monthly_budget is None:
            text += " · " + self.tr("no monthly budget set")
        else:
            budget = Decimal(settings.cloud_monthly_budget)
            warning = Decimal(settings.cloud_budget_warning)
            text += " · " + self.tr("monthly budget {budget}, warning at {percent}%").format(
                budget=format_decimal(budget, places=2, language=language),
                percent=format_decimal(warning * 100, places=0, language=language),
            )
            spent = Decimal(self._month_cost_micros or 0).scaleb(-_MICROS)
            if spent >= budget:
                color = _FAILED_COLOR.name()
                text += " · " + self.tr("budget reached: writing tasks are answered on this computer")
            elif spent >= warning * budget:
                color = _WARNING_COLOR.name()
                text += " · " + self.tr("warning level passed")
        if self._message:
            text += "\n" + self._message
        self.budget_label.setText(text)
        self.budget_label.setStyleSheet(f"color: {color};" if color else "")

    @Slot()
    def _show_detail(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if len(rows) != 1:
            self.detail.clear()
            return
        call = self.model.call(rows[0].row())
        parts = [
            self.tr("{time} · {outcome} · {model} at {endpoint}").format(
                time=local_time(call.at), outcome=self.model.outcome_text(call.outcome), model=call.model,
                endpoint=call.endpoint),
            self.tr("Reason: {reason}").format(reason=self.model.reason_text(call.reason)),
        ]
        if call.error:
            parts.append(self.tr("Error: {error}").format(error=call.error))
        parts += ["", self.tr("What was sent (customer data masked):")]
        parts += _sent_lines(call.sent_json)
        self.detail.setPlainText("\n".join(parts))


def _sent_lines(sent_json: str) -> list[str]:
    """Return the sent messages as "role: content" lines; the stored text as it is when it is not a message list."""
    try:
        messages = json.loads(sent_json)
    except json.JSONDecodeError:
        return [sent_json]
    if not isinstance(messages, list):
        return [sent_json]
    lines = []
    for message in messages:
        if isinstance(message, dict):
            lines.append(f"{message.get('role', '?')}: {message.get('content', '')}")
        else:
            lines.append(str(message))
    return lines
