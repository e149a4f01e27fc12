"""The pricing view: price recommendations to accept or reject, apply, undo and export.

Computing recommendations reads a year of sales and runs the demand model, and applying
or undoing writes to the database, so all three run on one worker QThread, one request
at a time. The worker calls the pricing service, which opens its own SQLite connection
per call, and hands plain values back through queued signals. It never touches a widget.
Nothing changes a price until a person accepts recommendations and presses "Apply
accepted".
"""

from __future__ import annotations

import enum
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QThread,
    Signal,
    Slot,
)
from PySide6.QtGui import QBrush, QCloseEvent, QColor, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from retail_assistant import pricing_service
from retail_assistant.core.errors import InputError, PricingError, RetailAssistantError, StoreError
from retail_assistant.core.pricing import Recommendation
from retail_assistant.core.pricing_rules import PricingRules
from retail_assistant.core.pricing_wording import explanation, format_change, format_money, reason_texts

__all__ = ["Column", "Decision", "PricingView", "RecommendationFilter", "RecommendationTableModel"]

log = logging.getLogger(__name__)

_SHUTDOWN_TIMEOUT_MS = 10_000
_NUMERIC = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
_TEXT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
_REJECTED_COLOUR = QColor(128, 128, 128)

AnyIndex = QModelIndex | QPersistentModelIndex


class Column(enum.IntEnum):
    """The table's columns, in order."""

    ACCEPT = 0
    SKU = 1
    NAME = 2
    CURRENT = 3
    NEW = 4
    CHANGE = 5
    PROFIT_CURRENT = 6
    PROFIT_NEW = 7
    STATUS = 8
    REASON = 9


class Decision(enum.Enum):
    """A person's decision on one recommendation."""

    PENDING = "pending"
    ACCEPTED = "accepted"
    REJECTED = "rejected"
    APPLIED = "applied"


class RecommendationFilter(enum.Enum):
    """The recommendations the table shows."""

    ALL = "all"
    EXPIRING = "expiring"
    SLOW_MOVERS = "slow_movers"

    def matches(self, recommendation: Recommendation) -> bool:
        """Return whether the filter shows `recommendation`."""
        if self is RecommendationFilter.EXPIRING:
            return recommendation.expires_on is not None
        if self is RecommendationFilter.SLOW_MOVERS:
            return recommendation.slow_mover
        return True


@dataclass
class _Row:
    recommendation: Recommendation
    decision: Decision = Decision.PENDING


class RecommendationTableModel(QAbstractTableModel):
    """Recommendations with the person's decision on each, filtered for display."""

    decisions_changed = Signal()

    def __init__(self, *, language: Callable[[], str], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._language = language
        self._rows: list[_Row] = []
        self._visible: list[int] = []
        self._filter = RecommendationFilter.ALL

    def set_recommendations(self, recommendations: Sequence[Recommendation]) -> None:
        """Show new recommendations, all pending."""
        self.beginResetModel()
        self._rows = [_Row(recommendation) for recommendation in recommendations]
        self._visible = self._matching()
        self.endResetModel()
        self.decisions_changed.emit()

    def set_filter(self, chosen: RecommendationFilter) -> None:
        """Show only the recommendations `chosen` matches; decisions on hidden rows are kept."""
        self.beginResetModel()
        self._filter = chosen
        self._visible = self._matching()
        self.endResetModel()

    @property
    def filter(self) -> RecommendationFilter:
        """The filter in use."""
        return self._filter

    def recommendation(self, row: int) -> Recommendation:
        """Return the recommendation shown in `row`."""
        return self._rows[self._visible[row]].recommendation

    def decision(self, row: int) -> Decision:
        """Return the decision on the recommendation shown in `row`."""
        return self._rows[self._visible[row]].decision

    def set_decision(self, rows: Sequence[int], decision: Decision) -> None:
        """Accept or reject the recommendations shown in `rows`; applied and unchanged ones stay as they are."""
        for row in rows:
            item = self._rows[self._visible[row]]
            if item.decision is Decision.APPLIED or not item.recommendation.changed:
                continue
            item.decision = decision
            self.dataChanged.emit(self.index(row, 0), self.index(row, len(Column) - 1))
        self.decisions_changed.emit()

    def accepted(self) -> list[Recommendation]:
        """Return every accepted recommendation, shown or not."""
        return [row.recommendation for row in self._rows if row.decision is Decision.ACCEPTED]

    def visible_recommendations(self) -> list[Recommendation]:
        """Return the recommendations the filter shows, in order."""
        return [self._rows[index].recommendation for index in self._visible]

    def mark(self, skus: Sequence[str], decision: Decision) -> None:
        """Set the decision of the recommendations of `skus` (after applying or undoing)."""
        wanted = set(skus)
        for item in self._rows:
            if item.recommendation.sku in wanted:
                item.decision = decision
        if self._visible:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._visible) - 1, len(Column) - 1))
        self.decisions_changed.emit()

    def refresh_language(self) -> None:
        """Redraw names, money and reasons in the current language."""
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(Column) - 1)
        if self._visible:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._visible) - 1, len(Column) - 1))

    # -- QAbstractTableModel ---------------------------------------------------------------

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's own default
        return 0 if parent.isValid() else len(self._visible)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's own default
        return 0 if parent.isValid() else len(Column)

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if not index.isValid() or index.column() != Column.ACCEPT:
            return base
        item = self._rows[self._visible[index.row()]]
        if item.decision is Decision.APPLIED or not item.recommendation.changed:
            return base
        return base | Qt.ItemFlag.ItemIsUserCheckable

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or index.row() >= len(self._visible):
            return None
        item = self._rows[self._visible[index.row()]]
        column = Column(index.column())

        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(item, column)
        if role == Qt.ItemDataRole.CheckStateRole and column is Column.ACCEPT and item.recommendation.changed:
            accepted = item.decision in (Decision.ACCEPTED, Decision.APPLIED)
            return Qt.CheckState.Checked if accepted else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _NUMERIC if column in (Column.CURRENT, Column.NEW, Column.CHANGE, Column.PROFIT_CURRENT,
                                          Column.PROFIT_NEW) else _TEXT
        if role == Qt.ItemDataRole.ForegroundRole and item.decision is Decision.REJECTED:
            return QBrush(_REJECTED_COLOUR)
        if role == Qt.ItemDataRole.ToolTipRole and column in (Column.REASON, Column.NAME):
            return explanation(item.recommendation, self._language())
        return None

    def setData(self, index: AnyIndex, value: object, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.CheckStateRole or not index.isValid() or index.column() != Column.ACCEPT:
            return False
        if not self.flags(index) & Qt.ItemFlag.ItemIsUserCheckable:
            return False
        state = value if isinstance(value, Qt.CheckState) else Qt.CheckState(int(value))  # type: ignore[arg-type]
        checked = state == Qt.CheckState.Checked
        self.set_decision([index.row()], Decision.ACCEPTED if checked else Decision.PENDING)
        return True

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        headers = {
            Column.ACCEPT: self.tr("Accept"),
            Column.SKU: self.tr("SKU"),
            Column.NAME: self.tr("Product"),
            Column.CURRENT: self.tr("Current price"),
            Column.NEW: self.tr("New price"),
            Column.CHANGE: self.tr("Change"),
            Column.PROFIT_CURRENT: self.tr("Profit now"),
            Column.PROFIT_NEW: self.tr("Profit at new price"),
            Column.STATUS: self.tr("Status"),
            Column.REASON: self.tr("Main reason"),
        }
        return headers.get(Column(section)) if 0 <= section < len(Column) else None

    # -- helpers ---------------------------------------------------------------------------

    def _matching(self) -> list[int]:
        return [index for index, row in enumerate(self._rows) if self._filter.matches(row.recommendation)]

    def _display(self, item: _Row, column: Column) -> str:
        language = self._language()
        recommendation = item.recommendation
        if column is Column.ACCEPT:
            return ""
        if column is Column.SKU:
            return recommendation.sku
        if column is Column.NAME:
            return recommendation.name(language)
        if column is Column.CURRENT:
            return recommendation.current_price.format(language)
        if column is Column.NEW:
            return recommendation.new_price.format(language)
        if column is Column.CHANGE:
            return format_change(recommendation.change_share, language)
        if column is Column.PROFIT_CURRENT:
            return format_money(recommendation.expected_profit_current, language)
        if column is Column.PROFIT_NEW:
            return format_money(recommendation.expected_profit_new, language)
        if column is Column.STATUS:
            return self._status(item)
        reasons = reason_texts(recommendation, language)
        return reasons[0] if reasons else ""

    def _status(self, item: _Row) -> str:
        if item.decision is Decision.APPLIED:
            return self.tr("Applied")
        if item.decision is Decision.ACCEPTED:
            return self.tr("Accepted")
        if item.decision is Decision.REJECTED:
            return self.tr("Rejected")
        if not item.recommendation.changed:
            return self.tr("No change")
        if item.recommendation.clearance:
            return self.tr("Clearance")
        return ""


class _PricingWorker(QObject):
    """The worker-thread side: runs one pricing request at a time and never touches a widget."""

    finished = Signal(str, object)
    failed = Signal(str, object)

    def __init__(self, db_path: Path, rules: PricingRules, today: Callable[[], date | None]) -> None:
        super().__init__()
        self._db_path = db_path
        self._rules = rules
        self._today = today

    @Slot()
    def recommend(self) -> None:
        self._run("recommend", lambda: pricing_service.recommend(self._db_path, rules=self._rules, today=self._today()))

    @Slot(object)
    def apply(self, recommendations: list[Recommendation]) -> None:
        self._run("apply", lambda: pricing_service.apply(self._db_path, recommendations, today=self._today()))

    @Slot(object)
    def undo(self, batch_id: int | None) -> None:
        def undo_last() -> object:
            wanted = batch_id
            if wanted is None:
                latest = pricing_service.last_batch(self._db_path)
                if latest is None:
                    raise InputError("no applied price changes to undo")
                wanted = latest.batch_id
            return pricing_service.undo(self._db_path, wanted, today=self._today())

        self._run("undo", undo_last)

    def _run(self, kind: str, work: Callable[[], object]) -> None:
        try:
            result = work()
        except RetailAssistantError as error:
            log.warning("pricing %s failed: %s", kind, error)
            self.failed.emit(kind, error)
            return
        except Exception as error:  # noqa: BLE001 - a bug must not leave the view waiting forever
            log.exception("unexpected error in pricing %s", kind)
            self.failed.emit(kind, error)
            return
        self.finished.emit(kind, result)


class PricingView(QWidget):
    """Recommendations with filters, accept and reject, apply, undo and CSV export."""

    busy_changed = Signal(bool)
    prices_changed = Signal()
    """Prices in the database changed (applied or undone): other views should read them again."""
    request_done = Signal(str)
    """A worker request ("recommend", "apply" or "undo") finished, successfully or not."""

    _recommend_requested = Signal()
    _apply_requested = Signal(object)
    _undo_requested = Signal(object)

    def __init__(
        self,
        db_path: Path,
        parent: QWidget | None = None,
        *,
        language: Callable[[], str] | None = None,
        rules: PricingRules | None = None,
        today: date | None = None,
    ) -> None:
        super().__init__(parent)
        self._db_path = Path(db_path)
        self._language = language or (lambda: "en")
        self._busy = False
        self._loaded = False
        self._closed = False
        self._last_batch_id: int | None = None
        self._message = ""

        self.model = RecommendationTableModel(language=self._language, parent=self)
        self.filter_box = QComboBox(self)
        self.refresh_button = QPushButton(self)
        self.accept_button = QPushButton(self)
        self.reject_button = QPushButton(self)
        self.apply_button = QPushButton(self)
        self.undo_button = QPushButton(self)
        self.export_button = QPushButton(self)
        self.status_label = QLabel(self)
        self.status_label.setWordWrap(True)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)

        top = QHBoxLayout()
        top.addWidget(self.filter_box)
        top.addWidget(self.refresh_button)
        top.addStretch(1)
        top.addWidget(self.accept_button)
        top.addWidget(self.reject_button)
        top.addWidget(self.apply_button)
        top.addWidget(self.undo_button)
        top.addWidget(self.export_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, stretch=1)
        layout.addWidget(self.status_label)

        self._thread = QThread(self)
        self._thread.setObjectName("pricing-worker")
        self._worker = _PricingWorker(self._db_path, rules or PricingRules(), lambda: today)
        self._worker.moveToThread(self._thread)
        queued = Qt.ConnectionType.QueuedConnection
        self._recommend_requested.connect(self._worker.recommend, queued)
        self._apply_requested.connect(self._worker.apply, queued)
        self._undo_requested.connect(self._worker.undo, queued)
        self._worker.finished.connect(self._on_finished, queued)
        self._worker.failed.connect(self._on_failed, queued)
        self._thread.finished.connect(self._worker.deleteLater)
        self._thread.start()
        # A QThread destroyed while running aborts the process, so the worker stops with the app.
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.shut_down)

        self.filter_box.currentIndexChanged.connect(self._on_filter_chosen)
        self.refresh_button.clicked.connect(self.refresh)
        self.accept_button.clicked.connect(lambda: self.model.set_decision(self._selected_rows(), Decision.ACCEPTED))
        self.reject_button.clicked.connect(lambda: self.model.set_decision(self._selected_rows(), Decision.REJECTED))
        self.apply_button.clicked.connect(self.apply_accepted)
        self.undo_button.clicked.connect(self.undo_last)
        self.export_button.clicked.connect(self._choose_export_file)
        self.model.decisions_changed.connect(self._update_buttons)

        self.retranslate()

    @property
    def busy(self) -> bool:
        """Whether a worker request is running."""
        return self._busy

    def retranslate(self) -> None:
        """Set every text of the view in the current language."""
        current = self.filter_box.currentIndex()
        self.filter_box.blockSignals(True)
        self.filter_box.clear()
        self.filter_box.addItem(self.tr("All products"), RecommendationFilter.ALL)
        self.filter_box.addItem(self.tr("Expiring soon"), RecommendationFilter.EXPIRING)
        self.filter_box.addItem(self.tr("Slow movers"), RecommendationFilter.SLOW_MOVERS)
        self.filter_box.setCurrentIndex(max(current, 0))
        self.filter_box.blockSignals(False)

        self.refresh_button.setText(self.tr("Refresh"))
        self.accept_button.setText(self.tr("Accept selected"))
        self.reject_button.setText(self.tr("Reject selected"))
        self.apply_button.setText(self.tr("Apply accepted"))
        self.undo_button.setText(self.tr("Undo last"))
        self.export_button.setText(self.tr("Export CSV…"))
        self.apply_button.setToolTip(self.tr("Change the shelf prices of the accepted recommendations"))
        self.undo_button.setToolTip(self.tr("Restore the prices changed by the last apply"))
        self.model.refresh_language()
        self._show_status()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.shut_down()
        super().closeEvent(event)

    def showEvent(self, event: QShowEvent) -> None:
        # Recommendations are computed the first time the view is shown, not at start-up.
        if not self._loaded and not self._busy:
            self.refresh()
        super().showEvent(event)

    def refresh(self) -> None:
        """Compute the recommendations again, off the GUI thread."""
        if self._busy or self._closed:
            return
        self._loaded = True
        self._set_busy(True, self.tr("Computing price recommendations…"))
        self._recommend_requested.emit()

    def apply_accepted(self) -> None:
        """Apply the accepted recommendations in one batch, off the GUI thread."""
        accepted = [recommendation for recommendation in self.model.accepted() if recommendation.changed]
        if self._busy or self._closed:
            return
        if not accepted:
            self._set_message(self.tr("Accept at least one recommendation that changes a price first."))
            return
        self._set_busy(True, self.tr("Applying {count} price changes…").format(count=len(accepted)))
        self._apply_requested.emit(accepted)

    def undo_last(self) -> None:
        """Undo the last applied batch, off the GUI thread."""
        if self._busy or self._closed:
            return
        self._set_busy(True, self.tr("Undoing the last price changes…"))
        self._undo_requested.emit(self._last_batch_id)

    def export_to(self, path: Path) -> Path:
        """Write the recommendations the filter shows to a CSV file at `path` and return it."""
        written = pricing_service.export_csv(self.model.visible_recommendations(), path, language=self._language())
        self._set_message(self.tr("Exported {count} recommendations to {path}").format(
            count=self.model.rowCount(), path=str(written)))
        return written

    def shut_down(self, timeout_ms: int = _SHUTDOWN_TIMEOUT_MS) -> bool:
        """Stop the worker thread after its current request; return whether it ended in time."""
        if self._closed:
            return True
        self._closed = True
        self._thread.quit()
        if self._thread.wait(timeout_ms):
            return True
        log.error("the pricing worker did not stop within %d ms", timeout_ms)
        return False

    # -- slots -----------------------------------------------------------------------------

    @Slot(str, object)
    def _on_finished(self, kind: str, result: object) -> None:
        if self._closed:
            return
        if kind == "recommend":
            recommendations: list[Recommendation] = result  # type: ignore[assignment]
            self.model.set_recommendations(recommendations)
            self._fit_columns()
            changes = sum(1 for recommendation in recommendations if recommendation.changed)
            self._set_busy(False, self.tr("{count} products priced, {changes} price changes recommended. "
                                          "Prices include VAT.").format(count=len(recommendations), changes=changes))
        elif kind == "apply":
            batch: pricing_service.AppliedBatch = result  # type: ignore[assignment]
            self._last_batch_id = batch.batch_id
            self.model.mark([change.sku for change in batch.changes], Decision.APPLIED)
            self._set_busy(False, self.tr("Applied {count} price changes. Undo last restores them.").format(
                count=len(batch.changes)))
            self.prices_changed.emit()
        else:
            batch = result  # type: ignore[assignment]
            self._last_batch_id = None
            self.model.mark([change.sku for change in batch.changes], Decision.PENDING)
            self._set_busy(False, self.tr("Undone: {count} prices restored.").format(count=len(batch.changes)))
            self.prices_changed.emit()
        self.request_done.emit(kind)

    @Slot(str, object)
    def _on_failed(self, kind: str, error: Exception) -> None:
        if self._closed:
            return
        self._set_busy(False, self._describe_failure(kind, error))
        self.request_done.emit(kind)

    @Slot(int)
    def _on_filter_chosen(self, index: int) -> None:
        chosen = self.filter_box.itemData(index)
        if isinstance(chosen, RecommendationFilter):
            self.model.set_filter(chosen)

    def _choose_export_file(self) -> None:
        suggested = str(Path.home() / f"price-recommendations-{date.today().isoformat()}.csv")
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export recommendations"), suggested,
                                              self.tr("CSV files (*.csv)"))
        if not path:
            return
        try:
            self.export_to(Path(path))
        except RetailAssistantError as error:
            self._set_message(self.tr("Cannot export: {error}").format(error=str(error)))

    # -- helpers ---------------------------------------------------------------------------

    def _describe_failure(self, kind: str, error: Exception) -> str:
        """Return the message shown for a failed request: a translated summary and the error's own text."""
        detail = str(error) or type(error).__name__
        if isinstance(error, PricingError):
            summary = self.tr("The pricing model cannot run")
        elif isinstance(error, StoreError):
            summary = self.tr("The shop database cannot be read or written")
        elif isinstance(error, InputError) and kind == "apply":
            summary = self.tr("Nothing was applied")
        elif isinstance(error, InputError) and kind == "undo":
            summary = self.tr("Nothing was undone")
        elif isinstance(error, RetailAssistantError):
            summary = self.tr("Pricing failed")
        else:
            summary = self.tr("Pricing failed: unexpected error (the log file has the details)")
            detail = f"{type(error).__name__}: {detail}"
        return f"{summary}: {detail}"

    def _selected_rows(self) -> list[int]:
        return sorted({index.row() for index in self.table.selectionModel().selectedRows()})

    def _set_busy(self, busy: bool, message: str) -> None:
        self._busy = busy
        self._message = message
        self._show_status()
        self._update_buttons()
        self.busy_changed.emit(busy)

    def _set_message(self, message: str) -> None:
        self._message = message
        self._show_status()

    def _show_status(self) -> None:
        self.status_label.setText(self._message)

    def _update_buttons(self) -> None:
        idle = not self._busy
        has_rows = self.model.rowCount() > 0
        self.refresh_button.setEnabled(idle)
        self.accept_button.setEnabled(idle and has_rows)
        self.reject_button.setEnabled(idle and has_rows)
        self.apply_button.setEnabled(idle and bool(self.model.accepted()))
        self.undo_button.setEnabled(idle)
        self.export_button.setEnabled(idle and has_rows)

    def _fit_columns(self) -> None:
        for column in Column:
            if column is not Column.REASON:
                self.table.resizeColumnToContents(column)

