"""The Inventory tab: a read-only product table that loads pages on demand, with a search box.

A shop may have tens of thousands of products, so the table model holds only the
pages the view has requested. Qt calls `canFetchMore` and `fetchMore` as the user
scrolls near the end, and each call reads `PAGE_SIZE` rows through the GUI thread's
own SQLite connection. One page is a small query, fast enough for the GUI thread.
"""

from __future__ import annotations

import enum
import logging
import sqlite3
from collections.abc import Callable
from decimal import Decimal

from PySide6.QtCore import (
    QAbstractTableModel,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
    Slot,
)
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QAbstractItemView, QHBoxLayout, QHeaderView, QLabel, QLineEdit, QTableView, QVBoxLayout, QWidget

from retail_assistant.adapters.store.products import ProductRepository
from retail_assistant.core.answers import unit_label
from retail_assistant.core.catalog import Product
from retail_assistant.core.errors import RetailAssistantError
from retail_assistant.core.money import format_decimal

__all__ = ["PAGE_SIZE", "SEARCH_DELAY_MS", "Column", "InventoryTab", "ProductTableModel"]

log = logging.getLogger(__name__)

PAGE_SIZE = 200
"""Rows read per page: a screenful several times over, and a query of a few milliseconds."""

SEARCH_DELAY_MS = 250
"""The search runs this long after the last key press, not on every key."""

_COLUMN_PADDING = 12
"""Extra pixels per column beyond its contents, so neighbouring values do not touch."""

_NUMERIC = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
_TEXT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter

AnyIndex = QModelIndex | QPersistentModelIndex


class Column(enum.IntEnum):
    """The table's columns, in order."""

    SKU = 0
    NAME = 1
    CATEGORY = 2
    BARCODE = 3
    STOCK = 4
    PRICE = 5
    VAT = 6


class ProductTableModel(QAbstractTableModel):
    """Products matching a search, read from SQLite one page at a time."""

    loaded_changed = Signal(int, int)
    """The number of rows loaded and the number of products that match."""

    load_failed = Signal(str)
    """A page could not be read; the table keeps the rows it has."""

    def __init__(
        self,
        repository: Callable[[], ProductRepository],
        *,
        page_size: int = PAGE_SIZE,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._repository = repository
        self._page_size = page_size
        self._search = ""
        self._rows: list[Product] = []
        self._total = 0
        self._language = "en"

    @property
    def search(self) -> str:
        """The text the rows are filtered by; empty for every product."""
        return self._search

    @property
    def total(self) -> int:
        """The number of products matching the search, loaded or not."""
        return self._total

    def product(self, row: int) -> Product:
        """Return the product shown in `row`."""
        return self._rows[row]

    def set_search(self, text: str) -> None:
        """Show the products whose name, SKU or barcode contains `text`, starting from the first page."""
        self.beginResetModel()
        self._search = text.strip()
        self._rows = []
        try:
            self._total = self._repository().count_matching(self._search)
        except (RetailAssistantError, sqlite3.Error) as error:
            self._total = 0
            self._report_failure(error)
        self.endResetModel()

        # Load the first page now rather than on the view's first request, so the count is right at once.
        if self.canFetchMore(QModelIndex()):
            self.fetchMore(QModelIndex())
        else:
            self.loaded_changed.emit(0, self._total)

    def reload(self) -> None:
        """Read the products again with the same search."""
        self.set_search(self._search)

    def set_language(self, language: str) -> None:
        """Show names, units and numbers in `language`, and the headers in the window's language."""
        self._language = language
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(Column) - 1)
        # Rows are sorted by the name in the shown language, so the pages are read again.
        self.reload()

    # -- QAbstractTableModel ---------------------------------------------------------------

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's own default
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's own default
        return 0 if parent.isValid() else len(Column)

    def canFetchMore(self, parent: AnyIndex) -> bool:
        return not parent.isValid() and len(self._rows) < self._total

    def fetchMore(self, parent: AnyIndex) -> None:
        if not self.canFetchMore(parent):
            return
        offset = len(self._rows)
        try:
            page = self._repository().page(
                search=self._search, offset=offset, limit=self._page_size, language=self._language
            )
        except (RetailAssistantError, sqlite3.Error) as error:
            # Stop fetching rather than retry on every scroll; the search box reloads.
            self._total = offset
            self._report_failure(error)
            return

        if len(page) < min(self._page_size, self._total - offset):
            # Products were deleted since the count: what was read is all there is.
            self._total = offset + len(page)
        if page:
            self.beginInsertRows(QModelIndex(), offset, offset + len(page) - 1)
            self._rows.extend(page)
            self.endInsertRows()
        self.loaded_changed.emit(len(self._rows), self._total)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        product = self._rows[index.row()]
        column = Column(index.column())

        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(product, column)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _NUMERIC if column in (Column.STOCK, Column.PRICE, Column.VAT) else _TEXT
        if role == Qt.ItemDataRole.ToolTipRole and column is Column.NAME:
            other = "en" if self._language == "es" else "es"
            return product.name(other)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _NUMERIC if section in (Column.STOCK, Column.PRICE, Column.VAT) else _TEXT
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        headers = {
            Column.SKU: self.tr("SKU"),
            Column.NAME: self.tr("Name"),
            Column.CATEGORY: self.tr("Category"),
            Column.BARCODE: self.tr("Barcode"),
            Column.STOCK: self.tr("Stock"),
            Column.PRICE: self.tr("Price (VAT incl.)"),
            Column.VAT: self.tr("VAT %"),
        }
        return headers.get(Column(section)) if 0 <= section < len(Column) else None

    # -- helpers ---------------------------------------------------------------------------

    def _display(self, product: Product, column: Column) -> str:
        language = self._language
        if column is Column.SKU:
            return product.sku
        if column is Column.NAME:
            return product.name(language)
        if column is Column.CATEGORY:
            return product.category_name(language)
        if column is Column.BARCODE:
            return product.barcode or ""
        if column is Column.STOCK:
            return f"{product.stock.format(language)} {unit_label(product.unit, product.stock.amount, language)}"
        if column is Column.PRICE:
            return product.price.format(language)
        return _percent(product.vat_rate, language)

    def _report_failure(self, error: Exception) -> None:
        log.error("cannot read products for the inventory table (search %r): %s", self._search, error)
        self.load_failed.emit(str(error))


def _percent(rate: Decimal, language: str) -> str:
    places = 0 if rate == rate.to_integral_value() else 1
    return f"{format_decimal(rate, places=places, language=language)} %"


class InventoryTab(QWidget):
    """The product table with its search box and a line saying how many products are shown."""

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

        self.search_box = QLineEdit(self)
        self.search_box.setClearButtonEnabled(True)
        self.count_label = QLabel(self)
        self.table = QTableView(self)
        self.table.setModel(model)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(self.table.fontMetrics().height() + 8)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(Column.NAME, QHeaderView.ResizeMode.Stretch)

        top = QHBoxLayout()
        top.addWidget(self.search_box, stretch=1)
        top.addWidget(self.count_label)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, stretch=1)

        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self._run_search)
        self.search_box.textChanged.connect(self._search_timer.start)
        model.loaded_changed.connect(self._show_count)
        model.load_failed.connect(self._show_failure)

        self.reload()
        self.retranslate()

    def retranslate(self) -> None:
        """Set every text of the tab in the current language."""
        self.search_box.setPlaceholderText(self.tr("Search by name, SKU or barcode"))
        self.model.set_language(self._language())
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
        """Read the products again with the current search."""
        self._failure = None
        if self._catalog_version is not None:
            self._loaded_version = self._catalog_version()
        self.model.set_search(self.search_box.text())

    @Slot()
    def _run_search(self) -> None:
        self._failure = None
        self.model.set_search(self.search_box.text())
        self.table.scrollToTop()

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

    def _fit_columns(self) -> None:
        # Size the columns from the rows loaded so far, not on every page, so they do not jump while scrolling.
        for column in Column:
            if column is not Column.NAME:
                self.table.resizeColumnToContents(column)
                self.table.setColumnWidth(column, self.table.columnWidth(column) + _COLUMN_PADDING)
