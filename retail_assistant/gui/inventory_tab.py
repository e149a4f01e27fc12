"""The Inventory tab: the editable product table with search, filters, undo and export to CSV.

The table model (inventory_model.py) reads pages on demand and writes edits. This
module contains the widgets around it. Typing in the search box runs the search
`SEARCH_DELAY_MS` after the last key press. Export runs on a worker thread with its
own connection, because writing 100,000 rows takes seconds.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QEvent, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from retail_assistant.adapters.importing.export import export_products
from retail_assistant.adapters.store import open_database
from retail_assistant.gui.inventory_jobs import BackgroundJob
from retail_assistant.gui.inventory_model import PAGE_SIZE, Column, ProductTableModel

__all__ = ["DEFAULT_LOW_STOCK", "PAGE_SIZE", "SEARCH_DELAY_MS", "Column", "InventoryTab", "ProductTableModel"]

log = logging.getLogger(__name__)

SEARCH_DELAY_MS = 250
"""The search runs this long after the last key press, not on every key."""

DEFAULT_LOW_STOCK = 5
"""The low-stock filter shows products with fewer than this many units, until the user changes it."""

_COLUMN_PADDING = 12
"""Extra pixels per column beyond its contents, so neighbouring values do not touch."""


class InventoryTab(QWidget):
    """The product table with its search box, filters, undo, redo, export and a line of counts."""

    export_finished = Signal(object)
    """The number of products written, or the exception when the export failed."""

    def __init__(
        self,
        model: ProductTableModel,
        *,
        language: Callable[[], str],
        catalog_version: Callable[[], str] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.model = model
        self._language = language
        self._catalog_version = catalog_version
        self._loaded_version: str | None = None
        self._failure: str | None = None
        self._export: BackgroundJob | None = None

        self._build_widgets()
        self._connect()
        self.reload()
        self.retranslate()

    def _build_widgets(self) -> None:
        self.search_box = QLineEdit(self)
        self.search_box.setClearButtonEnabled(True)
        self.category_box = QComboBox(self)
        self.category_box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.low_stock_box = QCheckBox(self)
        self.low_stock_spin = QSpinBox(self)
        self.low_stock_spin.setRange(1, 1_000_000)
        self.low_stock_spin.setValue(DEFAULT_LOW_STOCK)
        self.undo_button = QPushButton(self)
        self.redo_button = QPushButton(self)
        self.export_button = QPushButton(self)
        self.undo_button.setEnabled(False)
        self.redo_button.setEnabled(False)
        self.count_label = QLabel(self)
        self.message_label = QLabel(self)
        self.message_label.setWordWrap(True)

        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(self.table.fontMetrics().height() + 8)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(Column.NAME, QHeaderView.ResizeMode.Stretch)
        # Sorting is done by the model in SQL; the header shows the order.
        header.setSortIndicator(Column.NAME, Qt.SortOrder.AscendingOrder)
        self.table.setSortingEnabled(True)

        filters = QHBoxLayout()
        filters.addWidget(self.search_box, stretch=1)
        filters.addWidget(self.category_box)
        filters.addWidget(self.low_stock_box)
        filters.addWidget(self.low_stock_spin)
        actions = QHBoxLayout()
        actions.addWidget(self.undo_button)
        actions.addWidget(self.redo_button)
        actions.addWidget(self.export_button)
        actions.addStretch(1)
        actions.addWidget(self.count_label)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addLayout(actions)
        layout.addWidget(self.table, stretch=1)
        layout.addWidget(self.message_label)

    def _connect(self) -> None:
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self._run_search)
        self.search_box.textChanged.connect(self._search_timer.start)
        self.category_box.activated.connect(self._apply_filters)
        self.low_stock_box.toggled.connect(self._apply_filters)
        self.low_stock_spin.valueChanged.connect(self._low_stock_changed)
        self.undo_button.clicked.connect(self.undo)
        self.redo_button.clicked.connect(self.redo)
        self.export_button.clicked.connect(self._choose_export_file)

        shortcuts = (
            (QKeySequence.StandardKey.Undo, self.undo),
            (QKeySequence.StandardKey.Redo, self.redo),
        )
        for key, slot in shortcuts:
            shortcut = QShortcut(QKeySequence(key), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)

        self.model.loaded_changed.connect(self._show_count)
        self.model.load_failed.connect(self._show_failure)
        self.model.edit_rejected.connect(self._show_message)
        self.model.history_changed.connect(self._show_history)

    def retranslate(self) -> None:
        """Set every text of the tab in the current language."""
        self.search_box.setPlaceholderText(self.tr("Search by name, SKU or barcode"))
        self.low_stock_box.setText(self.tr("Low stock, below"))
        self.low_stock_spin.setSuffix(self.tr(" units"))
        self.undo_button.setText(self.tr("Undo"))
        self.undo_button.setToolTip(self.tr("Undo the last change made in the table"))
        self.redo_button.setText(self.tr("Redo"))
        self.export_button.setText(self.tr("Export to CSV…"))
        self.export_button.setToolTip(self.tr("Save the products shown, in this order, as a CSV file"))
        self.table.setToolTip(self.tr("Double-click a name, barcode, stock, price, VAT or cost to change it"))
        self.model.set_language(self._language())
        self._fill_categories()
        self._show_count(self.model.rowCount(), self.model.total)
        self._fit_columns()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def showEvent(self, event: QShowEvent) -> None:
        # An import may have changed the products since the table was read.
        if self._catalog_version is not None and self._catalog_version() != self._loaded_version:
            self.reload()
        super().showEvent(event)

    def reload(self) -> None:
        """Read the products and categories again with the current search and filters."""
        self._failure = None
        if self._catalog_version is not None:
            self._loaded_version = self._catalog_version()
        self._fill_categories()
        self.model.set_query(
            replace(
                self.model.query,
                search=self.search_box.text().strip(),
                category_id=self.category_box.currentData(),
                stock_below_milli=self._stock_below(),
            )
        )

    @Slot()
    def undo(self) -> None:
        """Undo the last edit made in the table."""
        self.model.undo()

    @Slot()
    def redo(self) -> None:
        """Redo the last edit undone."""
        self.model.redo()

    def export_to(self, path: Path) -> None:
        """Write the products shown, in the shown order, to the CSV file `path` on a worker thread."""
        if self._export is not None and self._export.running:
            return
        database, query, language = self.model.database_path(), self.model.query, self.model.language

        def work() -> int:
            db = open_database(database)
            try:
                return export_products(db, path, query=query, language=language)
            finally:
                db.conn.close()

        self.export_button.setEnabled(False)
        self._show_message(self.tr("Exporting to {path}…").format(path=path))
        job = BackgroundJob(work, name="inventory-export")
        job.finished.connect(lambda count: self._export_done(path, count))
        job.failed.connect(self._export_failed)
        self._export = job
        job.start()

    @Slot()
    def _choose_export_file(self) -> None:
        name, _ = QFileDialog.getSaveFileName(
            self, self.tr("Export the products"), "products.csv", self.tr("CSV files (*.csv)")
        )
        if name:
            self.export_to(Path(name))

    def _export_done(self, path: Path, count: object) -> None:
        self.export_button.setEnabled(True)
        self._show_message(self.tr("Exported {count} products to {path}.").format(count=count, path=path))
        self.export_finished.emit(count)

    def _export_failed(self, error: object) -> None:
        self.export_button.setEnabled(True)
        self._show_message(self.tr("The export failed: {error}").format(error=error))
        self.export_finished.emit(error)

    @Slot()
    def _run_search(self) -> None:
        self._failure = None
        self.model.set_search(self.search_box.text())
        self.table.scrollToTop()

    @Slot()
    def _apply_filters(self) -> None:
        self._failure = None
        self.model.set_query(
            replace(self.model.query, category_id=self.category_box.currentData(), stock_below_milli=self._stock_below())
        )
        self.table.scrollToTop()

    @Slot(int)
    def _low_stock_changed(self, _value: int) -> None:
        if self.low_stock_box.isChecked():
            self._apply_filters()

    def _stock_below(self) -> int | None:
        return self.low_stock_spin.value() * 1000 if self.low_stock_box.isChecked() else None

    def _fill_categories(self) -> None:
        current = self.category_box.currentData()
        self.category_box.blockSignals(True)
        self.category_box.clear()
        self.category_box.addItem(self.tr("All categories"), None)
        for category_id, name in self.model.categories():
            self.category_box.addItem(name, category_id)
        index = self.category_box.findData(current) if current is not None else 0
        self.category_box.setCurrentIndex(max(index, 0))
        self.category_box.blockSignals(False)

    @Slot(int, int)
    def _show_count(self, shown: int, total: int) -> None:
        if self._failure is not None:
            self.count_label.setText(self.tr("Cannot read the products: {error}").format(error=self._failure))
            return
        self.count_label.setText(self.tr("Products shown: {shown} of {total}").format(shown=shown, total=total))

    @Slot(str)
    def _show_failure(self, message: str) -> None:
        self._failure = message
        self._show_count(self.model.rowCount(), self.model.total)

    @Slot(str)
    def _show_message(self, message: str) -> None:
        self.message_label.setText(message)

    @Slot(bool, bool)
    def _show_history(self, can_undo: bool, can_redo: bool) -> None:
        self.undo_button.setEnabled(can_undo)
        self.redo_button.setEnabled(can_redo)

    def _fit_columns(self) -> None:
        # Size the columns from the rows loaded so far, not on every page, so they do not jump while scrolling.
        for column in Column:
            if column is not Column.NAME:
                self.table.resizeColumnToContents(column)
                self.table.setColumnWidth(column, self.table.columnWidth(column) + _COLUMN_PADDING)
