"""The inventory's table model: products read from SQLite a page at a time, sorted and filtered by SQL, editable.

A shop may have a hundred thousand products, so the model keeps only the pages the
view has asked for. Qt calls `canFetchMore` and `fetchMore` as the user scrolls near
the end. Each call reads the `PAGE_SIZE` rows that follow the last row read in the
current order (keyset paging), so a deep page costs what the first does: a few
tens of milliseconds on the GUI thread's own connection. Sorting and filtering
change the SQL and start again from the first page.

An edit is parsed exactly (see inventory_edit.py), then written by a compare-and-set
UPDATE on the model's own connection. If the stored value is no longer the one shown
(an import changed it), nothing is written and the row is read again. That
connection waits at most WRITE_BUSY_TIMEOUT_MS for another writer, so an edit made
during an import fails with a message instead of freezing the window. Each edit
can be undone and redone, with the same compare-and-set.
"""

from __future__ import annotations

import enum
import logging
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass, replace
from decimal import Decimal
from pathlib import Path

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt, Signal

from retail_assistant.adapters.store import open_database
from retail_assistant.adapters.store.products import ProductQuery, ProductRepository
from retail_assistant.core.answers import unit_label
from retail_assistant.core.catalog import Product
from retail_assistant.core.errors import RetailAssistantError
from retail_assistant.core.money import format_decimal
from retail_assistant.gui.inventory_edit import EditRejected, parse_cell

__all__ = ["PAGE_SIZE", "WRITE_BUSY_TIMEOUT_MS", "Column", "ProductTableModel"]

log = logging.getLogger(__name__)

PAGE_SIZE = 200
"""Rows read per page: a screenful several times over, and a query of a few milliseconds."""

WRITE_BUSY_TIMEOUT_MS = 250
"""How long an edit waits for another writer (an import) before it is reported as not saved."""

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
    COST = 7


_SORT_KEYS = {
    Column.SKU: "sku",
    Column.NAME: "name",
    Column.CATEGORY: "category",
    Column.BARCODE: "barcode",
    Column.STOCK: "stock",
    Column.PRICE: "price",
    Column.VAT: "vat",
    Column.COST: "cost",
}
_EDIT_KINDS = {
    Column.NAME: "name",
    Column.BARCODE: "barcode",
    Column.STOCK: "stock",
    Column.PRICE: "price",
    Column.VAT: "vat",
    Column.COST: "cost",
}
_NUMERIC_COLUMNS = (Column.STOCK, Column.PRICE, Column.VAT, Column.COST)


class _Outcome(enum.Enum):
    SAVED = "saved"
    CONFLICT = "conflict"
    """The stored value was not the one expected, so nothing was written."""
    BUSY = "busy"
    """Another connection held the write lock for longer than WRITE_BUSY_TIMEOUT_MS."""


@dataclass(frozen=True)
class _Edit:
    """One change made in the table: the product, the database column and its values before and after."""

    sku: str
    column: str
    before: object
    after: object


class ProductTableModel(QAbstractTableModel):
    """Products matching a query, read from SQLite one page at a time, with editing and undo."""

    loaded_changed = Signal(int, int)
    """The number of rows loaded and the number of products that match."""

    load_failed = Signal(str)
    """A page could not be read; the table keeps the rows it has."""

    edit_rejected = Signal(str)
    """An edit, undo or redo was not saved; the argument is the translated reason."""

    history_changed = Signal(bool, bool)
    """Whether there is an edit to undo, and one to redo."""

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
        self._query = ProductQuery()
        self._rows: list[Product] = []
        self._row_of: dict[str, int] = {}
        self._cursor: Product | None = None
        self._total = 0
        self._language = "en"
        self._undo: list[_Edit] = []
        self._redo: list[_Edit] = []
        self._writer: ProductRepository | None = None

    # -- state ------------------------------------------------------------------------------

    @property
    def search(self) -> str:
        """The text the rows are filtered by; empty for every product."""
        return self._query.search

    @property
    def query(self) -> ProductQuery:
        """The search, filters and order the rows are read with."""
        return self._query

    @property
    def language(self) -> str:
        """The language names, units and numbers are shown in."""
        return self._language

    @property
    def total(self) -> int:
        """The number of products matching the query, loaded or not."""
        return self._total

    @property
    def can_undo(self) -> bool:
        """Whether there is an edit to undo."""
        return bool(self._undo)

    @property
    def can_redo(self) -> bool:
        """Whether there is an undone edit to redo."""
        return bool(self._redo)

    def product(self, row: int) -> Product:
        """Return the product shown in `row`."""
        return self._rows[row]

    def database_path(self) -> Path:
        """Return the path of the shop database the products are read from."""
        rows = self._repository().database.execute("PRAGMA database_list").fetchall()
        return Path(next(row[2] for row in rows if row[1] == "main"))

    # -- queries ----------------------------------------------------------------------------

    def set_search(self, text: str) -> None:
        """Show the products whose name, SKU or barcode contains `text`, starting from the first page."""
        self.set_query(replace(self._query, search=text.strip()))

    def set_category(self, category_id: str | None) -> None:
        """Show only the products of the category `category_id`, or of every category for None."""
        self.set_query(replace(self._query, category_id=category_id))

    def set_stock_below(self, milli: int | None) -> None:
        """Show only products whose stock is below `milli` thousandths (low stock), or any stock for None."""
        self.set_query(replace(self._query, stock_below_milli=milli))

    def set_query(self, query: ProductQuery) -> None:
        """Read the products of `query` again, from the first page."""
        self.beginResetModel()
        self._query = query
        self._rows = []
        self._row_of = {}
        self._cursor = None
        try:
            self._total = self._repository().query_count(query)
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
        """Read the products again with the same query."""
        self.set_query(self._query)

    def set_language(self, language: str) -> None:
        """Show names, units and numbers in `language`, and the headers in the window's language."""
        self._language = language
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(Column) - 1)
        # Rows are sorted by the name in the shown language, so the pages are read again.
        self.reload()

    def categories(self) -> list[tuple[str, str]]:
        """Return (id, name in the shown language) of every category, or [] when they cannot be read."""
        try:
            rows = self._repository().categories()
        except (RetailAssistantError, sqlite3.Error) as error:
            self._report_failure(error)
            return []
        return [(row_id, name_es if self._language == "es" else name_en) for row_id, name_en, name_es in rows]

    # -- QAbstractTableModel ----------------------------------------------------------------

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
            page = self._repository().query_page(
                self._query, after=self._cursor, limit=self._page_size, language=self._language
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
            for number, product in enumerate(page, start=offset):
                self._row_of[product.sku] = number
            self._rows.extend(page)
            self._cursor = page[-1]
            self.endInsertRows()
        self.loaded_changed.emit(len(self._rows), self._total)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        key = _SORT_KEYS.get(Column(column)) if 0 <= column < len(Column) else None
        if key is None:
            return
        descending = order == Qt.SortOrder.DescendingOrder
        if (key, descending) == (self._query.sort, self._query.descending):
            return
        self.set_query(replace(self._query, sort=key, descending=descending))

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        flags = super().flags(index)
        if index.isValid() and Column(index.column()) in _EDIT_KINDS:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        product = self._rows[index.row()]
        column = Column(index.column())

        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(product, column)
        if role == Qt.ItemDataRole.EditRole:
            return self._editable_text(product, column)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _NUMERIC if column in _NUMERIC_COLUMNS else _TEXT
        if role == Qt.ItemDataRole.ToolTipRole and column is Column.NAME:
            other = "en" if self._language == "es" else "es"
            return product.name(other)
        return None

    def setData(self, index: AnyIndex, value: object, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid() or index.row() >= len(self._rows):
            return False
        column = Column(index.column())
        kind = _EDIT_KINDS.get(column)
        if kind is None:
            return False
        product = self._rows[index.row()]
        try:
            after = parse_cell(kind, str(value), language=self._language)
        except EditRejected as rejection:
            self.edit_rejected.emit(str(rejection))
            return False

        database_column = self._database_column(column)
        before = _stored_value(product, database_column)
        if after == before:
            return False
        edit = _Edit(product.sku, database_column, before, after)
        if self._write(edit.sku, database_column, expected=before, value=after) is not _Outcome.SAVED:
            return False
        self._undo.append(edit)
        self._redo.clear()
        self._history_changed()
        return True

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _NUMERIC if section in _NUMERIC_COLUMNS else _TEXT
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
            Column.COST: self.tr("Cost (excl. VAT)"),
        }
        return headers.get(Column(section)) if 0 <= section < len(Column) else None

    # -- undo -------------------------------------------------------------------------------

    def undo(self) -> bool:
        """Put back the value the last edit replaced; return whether it was saved.

        An edit whose cell was changed elsewhere since cannot be undone, so it is
        dropped. An edit that meets a busy database stays on the stack to try again.
        """
        if not self._undo:
            return False
        edit = self._undo.pop()
        outcome = self._write(edit.sku, edit.column, expected=edit.after, value=edit.before)
        if outcome is _Outcome.SAVED:
            self._redo.append(edit)
        elif outcome is _Outcome.BUSY:
            self._undo.append(edit)
        self._history_changed()
        return outcome is _Outcome.SAVED

    def redo(self) -> bool:
        """Make the last undone edit again; return whether it was saved."""
        if not self._redo:
            return False
        edit = self._redo.pop()
        outcome = self._write(edit.sku, edit.column, expected=edit.before, value=edit.after)
        if outcome is _Outcome.SAVED:
            self._undo.append(edit)
        elif outcome is _Outcome.BUSY:
            self._redo.append(edit)
        self._history_changed()
        return outcome is _Outcome.SAVED

    def close(self) -> None:
        """Close the connection edits are written through, if one was opened."""
        if self._writer is not None:
            self._writer.database.conn.close()
            self._writer = None

    # -- helpers ----------------------------------------------------------------------------

    def _write(self, sku: str, column: str, *, expected: object, value: object) -> _Outcome:
        """Write one value with compare-and-set, read the row again and report a failure to the user."""
        try:
            saved = self._write_connection().set_field(sku, column, expected=expected, value=value)
        except RetailAssistantError as error:
            log.warning("edit of %s.%s not saved: %s", sku, column, error)
            self.edit_rejected.emit(
                self.tr("Not saved: the shop database is busy (an import may be running); try again.")
            )
            return _Outcome.BUSY

        if not saved:
            self.edit_rejected.emit(
                self.tr("Not saved: {sku} was changed elsewhere since it was shown; the table shows it now.").format(
                    sku=sku
                )
            )
        self._refresh(sku)
        return _Outcome.SAVED if saved else _Outcome.CONFLICT

    def _write_connection(self) -> ProductRepository:
        if self._writer is None:
            db = open_database(self.database_path())
            db.execute(f"PRAGMA busy_timeout = {WRITE_BUSY_TIMEOUT_MS}")
            self._writer = ProductRepository(db)
        return self._writer

    def _refresh(self, sku: str) -> None:
        row = self._row_of.get(sku)
        if row is None:
            return
        try:
            product = self._repository().get(sku)
        except (RetailAssistantError, sqlite3.Error) as error:
            self._report_failure(error)
            return
        if product is None:
            return
        self._rows[row] = product
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(Column) - 1))

    def _history_changed(self) -> None:
        self.history_changed.emit(bool(self._undo), bool(self._redo))

    def _database_column(self, column: Column) -> str:
        if column is Column.NAME:
            return "name_es" if self._language == "es" else "name_en"
        return {
            Column.BARCODE: "barcode",
            Column.STOCK: "stock_milli",
            Column.PRICE: "price_cents",
            Column.VAT: "vat_rate_bp",
            Column.COST: "cost_cents",
        }[column]

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
        if column is Column.COST:
            return product.cost.format(language) if product.cost is not None else ""
        return _percent(product.vat_rate, language)

    def _editable_text(self, product: Product, column: Column) -> str:
        language = self._language
        if column is Column.NAME:
            return product.name_es if language == "es" else product.name_en
        if column is Column.STOCK:
            return product.stock.format(language)
        if column is Column.PRICE:
            return format_decimal(product.price.amount, places=2, language=language)
        if column is Column.COST:
            return "" if product.cost is None else format_decimal(product.cost.amount, places=2, language=language)
        if column is Column.VAT:
            rate = product.vat_rate.normalize()
            return format_decimal(rate, places=max(0, -rate.as_tuple().exponent), language=language)
        return self._display(product, column)

    def _report_failure(self, error: Exception) -> None:
        log.error("cannot read products for the inventory table (%s): %s", self._query, error)
        self.load_failed.emit(str(error))


def _stored_value(product: Product, column: str) -> object:
    """Return the database value of `column` for `product`, as `set_field` compares it."""
    values: dict[str, object] = {
        "name_en": product.name_en,
        "name_es": product.name_es,
        "barcode": product.barcode,
        "stock_milli": product.stock.milli,
        "price_cents": product.price.cents,
        "vat_rate_bp": int(product.vat_rate.scaleb(2)),
        "cost_cents": product.cost.cents if product.cost is not None else None,
    }
    return values[column]


def _percent(rate: Decimal, language: str) -> str:
    places = 0 if rate == rate.to_integral_value() else 1
    return f"{format_decimal(rate, places=places, language=language)} %"
