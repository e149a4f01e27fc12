"""The Inventory tab: pages read on demand, a debounced search, formatted columns."""

from __future__ import annotations

import sqlite3

from PySide6.QtCore import QModelIndex, Qt

from retail_assistant.adapters.store import ProductRepository, open_database
from retail_assistant.gui.inventory_tab import PAGE_SIZE, Column, ProductTableModel
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
