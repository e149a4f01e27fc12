"""The Inventory tab: pages read on demand, a debounced search, formatted columns, editing, undo, export."""

from __future__ import annotations

import csv
import io
import sqlite3
import time
from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QLineEdit

from retail_assistant.adapters.importing import import_file
from retail_assistant.adapters.store import ProductRepository, open_database
from retail_assistant.adapters.store.products import ProductQuery
from retail_assistant.gui.inventory_tab import PAGE_SIZE, Column, InventoryTab, ProductTableModel
from retail_assistant.gui.main_window import MainWindow


def show_inventory(qtbot, window: MainWindow) -> ProductTableModel:
    window.tabs.setCurrentWidget(window.inventory_tab)
    qtbot.waitExposed(window.inventory_tab.table)
    return window.inventory_tab.model


def cell(model: ProductTableModel, row: int, column: Column, role=Qt.ItemDataRole.DisplayRole):
    return model.data(model.index(row, column), role)


def test_first_page_only_then_more(qtbot, open_window, settings):
    model = show_inventory(qtbot, open_window(settings))

    assert model.total > PAGE_SIZE
    assert model.rowCount() == PAGE_SIZE
    assert model.canFetchMore(QModelIndex())

    model.fetchMore(QModelIndex())
    assert model.rowCount() == min(2 * PAGE_SIZE, model.total)


def test_scrolling_to_the_end_fetches_more(qtbot, open_window, settings):
    window = open_window(settings)
    model = show_inventory(qtbot, window)

    window.inventory_tab.table.scrollToBottom()
    qtbot.waitUntil(lambda: model.rowCount() > PAGE_SIZE, timeout=5000)


def test_count_label_shows_loaded_and_total(qtbot, open_window, settings):
    window = open_window(settings)
    model = show_inventory(qtbot, window)

    assert window.inventory_tab.count_label.text() == f"Products shown: {PAGE_SIZE} of {model.total}"


def test_search_filters_after_typing_stops(qtbot, open_window, settings):
    window = open_window(settings)
    model = show_inventory(qtbot, window)
    resets: list[None] = []
    model.modelReset.connect(lambda: resets.append(None))

    qtbot.keyClicks(window.inventory_tab.search_box, "honey")
    qtbot.waitUntil(lambda: model.search == "honey", timeout=5000)

    # Five key presses, one query.
    assert len(resets) == 1
    db = open_database(settings.database_path)
    try:
        expected = ProductRepository(db).count_matching("honey")
    finally:
        db.conn.close()
    assert 0 < expected < PAGE_SIZE
    assert model.rowCount() == expected
    for row in range(model.rowCount()):
        product = model.product(row)
        assert "honey" in (product.name_en + product.name_es + product.sku + (product.barcode or "")).lower()


def test_search_by_sku_and_barcode(qtbot, open_window, settings):
    window = open_window(settings)
    model = show_inventory(qtbot, window)
    first = model.product(0)

    model.set_search(first.sku)
    assert first.sku in [model.product(row).sku for row in range(model.rowCount())]
    if first.barcode:
        model.set_search(first.barcode)
        assert [model.product(row).sku for row in range(model.rowCount())] == [first.sku]


def test_search_without_match_is_empty(qtbot, open_window, settings):
    window = open_window(settings)
    model = show_inventory(qtbot, window)

    model.set_search("no product is called this")

    assert model.rowCount() == 0
    assert not model.canFetchMore(QModelIndex())
    assert window.inventory_tab.count_label.text() == "Products shown: 0 of 0"


def test_columns_are_formatted(qtbot, open_window, settings):
    model = show_inventory(qtbot, open_window(settings))
    product = model.product(0)

    assert cell(model, 0, Column.SKU) == product.sku
    assert cell(model, 0, Column.NAME) == product.name_en
    assert cell(model, 0, Column.PRICE) == product.price.format("en")
    assert cell(model, 0, Column.STOCK).startswith(product.stock.format("en") + " ")
    assert cell(model, 0, Column.VAT).endswith(" %")
    right = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
    for column in (Column.STOCK, Column.PRICE, Column.VAT):
        assert cell(model, 0, column, Qt.ItemDataRole.TextAlignmentRole) == right
    assert cell(model, 0, Column.NAME, Qt.ItemDataRole.TextAlignmentRole) != right


def test_spanish_names_and_numbers(qtbot, open_window, settings):
    model = show_inventory(qtbot, open_window(settings))
    model.set_language("es")
    product = model.product(0)

    assert cell(model, 0, Column.NAME) == product.name_es
    assert cell(model, 0, Column.PRICE) == product.price.format("es")
    assert cell(model, 0, Column.NAME, Qt.ItemDataRole.ToolTipRole) == product.name_en


def test_unreadable_database_is_reported(qtbot, open_window, settings):
    window = open_window(settings)
    model = show_inventory(qtbot, window)

    # Another program drops the table under the window. The tab shows the error instead of crashing.
    db = sqlite3.connect(settings.database_path)
    db.execute("PRAGMA foreign_keys = OFF")
    db.execute("DROP TABLE products")
    db.commit()
    db.close()
    window.inventory_tab.search_box.setText("ham")
    qtbot.waitUntil(lambda: model.search == "ham", timeout=5000)

    assert model.rowCount() == 0
    assert window.inventory_tab.count_label.text().startswith("Cannot read the products: ")


# Editing, undo, filters, sorting and export


def stored(settings, sku: str, column: str):
    db = open_database(settings.database_path)
    try:
        return db.execute(f"SELECT {column} FROM products WHERE sku = ?", [sku]).fetchone()[0]
    finally:
        db.conn.close()


def edit(model: ProductTableModel, row: int, column: Column, text: str) -> bool:
    return model.setData(model.index(row, column), text, Qt.ItemDataRole.EditRole)


def test_editable_columns_flagged(qtbot, open_window, settings):
    model = show_inventory(qtbot, open_window(settings))

    editable = [
        column for column in Column if model.flags(model.index(0, column)) & Qt.ItemFlag.ItemIsEditable
    ]

    assert editable == [Column.NAME, Column.BARCODE, Column.STOCK, Column.PRICE, Column.VAT, Column.COST]


def test_price_edit_saved_exactly(qtbot, open_window, settings):
    model = show_inventory(qtbot, open_window(settings))
    sku = model.product(0).sku
    before = stored(settings, sku, "updated_at")

    assert edit(model, 0, Column.PRICE, "€1,234.56")

    assert stored(settings, sku, "price_cents") == 123456
    assert stored(settings, sku, "updated_at") >= before
    assert cell(model, 0, Column.PRICE) == "€1234.56"
    assert model.can_undo


def test_spanish_decimal_comma_edit(qtbot, open_window, settings):
    model = show_inventory(qtbot, open_window(settings))
    model.set_language("es")
    sku = model.product(0).sku

    assert edit(model, 0, Column.STOCK, "2,5")
    assert edit(model, 0, Column.COST, "3,10 €")

    assert stored(settings, sku, "stock_milli") == 2500
    assert stored(settings, sku, "cost_cents") == 310


def test_invalid_edit_rejected_with_message(qtbot, open_window, settings):
    window = open_window(settings)
    model = show_inventory(qtbot, window)
    sku = model.product(0).sku
    price = stored(settings, sku, "price_cents")

    with qtbot.waitSignal(model.edit_rejected) as rejected:
        assert not edit(model, 0, Column.PRICE, "12.505")

    assert "whole cents" in rejected.args[0]
    assert window.inventory_tab.message_label.text() == rejected.args[0]
    assert stored(settings, sku, "price_cents") == price
    assert not model.can_undo


def test_bad_barcode_and_empty_name_rejected(qtbot, open_window, settings):
    model = show_inventory(qtbot, open_window(settings))
    messages: list[str] = []
    model.edit_rejected.connect(messages.append)

    assert not edit(model, 0, Column.BARCODE, "8437001234562")
    assert not edit(model, 0, Column.BARCODE, "8.41E+12")
    assert not edit(model, 0, Column.NAME, "   ")
    assert not edit(model, 0, Column.VAT, "121")

    assert len(messages) == 4
    assert "should be 1" in messages[0]
    assert "scientific notation" in messages[1]


def test_undo_and_redo_restore_values(qtbot, open_window, settings):
    window = open_window(settings)
    model = show_inventory(qtbot, window)
    tab = window.inventory_tab
    sku = model.product(0).sku
    price, stock = stored(settings, sku, "price_cents"), stored(settings, sku, "stock_milli")
    edit(model, 0, Column.PRICE, "9.99")
    edit(model, 0, Column.STOCK, "-3")

    assert tab.undo_button.isEnabled()
    tab.undo_button.click()
    assert stored(settings, sku, "stock_milli") == stock
    assert stored(settings, sku, "price_cents") == 999
    tab.undo_button.click()
    assert stored(settings, sku, "price_cents") == price
    assert not tab.undo_button.isEnabled()

    tab.redo_button.click()
    assert stored(settings, sku, "price_cents") == 999
    assert cell(model, 0, Column.PRICE) == "€9.99"


def test_undo_after_outside_change_keeps_it(qtbot, open_window, settings):
    model = show_inventory(qtbot, open_window(settings))
    sku = model.product(0).sku
    edit(model, 0, Column.PRICE, "9.99")
    db = sqlite3.connect(settings.database_path)
    db.execute("UPDATE products SET price_cents = 1111 WHERE sku = ?", [sku])
    db.commit()
    db.close()

    with qtbot.waitSignal(model.edit_rejected) as rejected:
        assert not model.undo()

    assert "changed elsewhere" in rejected.args[0]
    assert stored(settings, sku, "price_cents") == 1111
    assert cell(model, 0, Column.PRICE) == "€11.11"
    assert not model.can_undo


def test_edit_through_the_view_editor(qtbot, open_window, settings):
    window = open_window(settings)
    model = show_inventory(qtbot, window)
    table = window.inventory_tab.table
    sku = model.product(0).sku
    index = model.index(0, Column.STOCK)

    table.setCurrentIndex(index)
    table.edit(index)
    editor = table.focusWidget()
    assert isinstance(editor, QLineEdit)
    editor.selectAll()
    qtbot.keyClicks(editor, "42")
    qtbot.keyClick(editor, Qt.Key.Key_Return)

    qtbot.waitUntil(lambda: stored(settings, sku, "stock_milli") == 42_000, timeout=5000)


def test_header_click_sorts_in_sql(qtbot, open_window, settings):
    window = open_window(settings)
    model = show_inventory(qtbot, window)
    header = window.inventory_tab.table.horizontalHeader()

    header.setSortIndicator(Column.PRICE, Qt.SortOrder.DescendingOrder)
    model.fetchMore(QModelIndex())

    prices = [model.product(row).price.cents for row in range(model.rowCount())]
    assert model.query.sort == "price"
    assert model.rowCount() == min(2 * PAGE_SIZE, model.total)
    assert prices == sorted(prices, reverse=True)
    db = open_database(settings.database_path)
    try:
        top = db.execute("SELECT max(price_cents) FROM products").fetchone()[0]
    finally:
        db.conn.close()
    assert prices[0] == top


def test_category_and_low_stock_filters(qtbot, open_window, settings):
    window = open_window(settings)
    model = show_inventory(qtbot, window)
    tab = window.inventory_tab
    category_id, category_name = model.categories()[0]

    tab.category_box.setCurrentIndex(tab.category_box.findData(category_id))
    tab.category_box.activated.emit(tab.category_box.currentIndex())
    names = {model.product(row).category for row in range(model.rowCount())}
    assert names == {category_name}

    tab.low_stock_spin.setValue(3)
    tab.low_stock_box.setChecked(True)
    assert all(model.product(row).stock.milli < 3000 for row in range(model.rowCount()))
    assert model.query.stock_below_milli == 3000
    assert model.query.category_id == category_id


def test_export_writes_reimportable_csv(qtbot, open_window, settings, tmp_path):
    window = open_window(settings)
    model = show_inventory(qtbot, window)
    tab = window.inventory_tab
    target = tmp_path / "inventory.csv"

    with qtbot.waitSignal(tab.export_finished, timeout=20_000) as finished:
        tab.export_to(target)

    assert finished.args[0] == model.total
    rows = list(csv.reader(io.StringIO(target.read_text(encoding="utf-8-sig"))))
    assert rows[0] == ["sku", "name_en", "name_es", "category", "barcode", "stock", "price", "vat", "cost", "unit",
                       "supplier"]
    assert len(rows) == model.total + 1
    assert "Exported" in tab.message_label.text()
    db = open_database(settings.database_path)
    try:
        report = import_file(db, target, dry_run=True)
    finally:
        db.conn.close()
    assert report.rejected == ()
    assert report.unchanged == model.total


def test_spanish_edit_messages(qtbot, open_window, settings):
    window = open_window(replace(settings, language="es"))
    model = show_inventory(qtbot, window)

    with qtbot.waitSignal(model.edit_rejected) as rejected:
        edit(model, 0, Column.PRICE, "abc")

    assert rejected.args[0] == "abc no es un número; escríbelo así: 12,50."


# A shop of 100,000 products


LARGE_SHOP = 100_000


@pytest.fixture(scope="module")
def large_shop(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("large-shop") / "shop.sqlite"
    db = open_database(path)
    try:
        with db.conn:
            db.conn.executemany(
                "INSERT INTO products (sku, name_en, name_es, price_cents, stock_milli, source) "
                "VALUES (?, ?, ?, ?, ?, 'test')",
                (
                    (f"P{n:06d}", f"Product {n:06d}", f"Producto {n:06d}", 100 + n % 5000, (n % 90) * 1000)
                    for n in range(LARGE_SHOP)
                ),
            )
    finally:
        db.conn.close()
    return path


def test_scrolling_large_shop_loads_pages_only(qtbot, large_shop):
    db = open_database(large_shop)
    model = ProductTableModel(lambda: ProductRepository(db))
    tab = InventoryTab(model, language=lambda: "en")
    qtbot.addWidget(tab)
    tab.resize(900, 600)
    tab.show()
    qtbot.waitExposed(tab)
    started = time.perf_counter()

    for _ in range(10):
        tab.table.scrollToBottom()
        qtbot.wait(10)

    assert model.total == LARGE_SHOP
    assert PAGE_SIZE < model.rowCount() <= 11 * PAGE_SIZE
    assert model.rowCount() < LARGE_SHOP / 40
    assert time.perf_counter() - started < 10
    names = [model.product(row).name_en for row in range(model.rowCount())]
    assert names == sorted(names)
    model.close()
    db.conn.close()


def test_deep_pages_follow_on_in_large_shop(qtbot, large_shop):
    db = open_database(large_shop)
    model = ProductTableModel(lambda: ProductRepository(db))
    model.set_query(ProductQuery(sort="price", descending=True))

    for _ in range(30):
        model.fetchMore(QModelIndex())

    skus = [model.product(row).sku for row in range(model.rowCount())]
    expected = [row[0] for row in db.execute(
        "SELECT sku FROM products ORDER BY price_cents DESC, sku DESC LIMIT ?", [model.rowCount()]
    )]
    assert skus == expected
    assert model.rowCount() == 31 * PAGE_SIZE
    db.conn.close()
