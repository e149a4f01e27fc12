"""The pricing view offscreen: compute, filter, accept, apply, undo, export."""

from __future__ import annotations

import csv
import sqlite3
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from retail_assistant.gui.pricing_view import Column, Decision, PricingView, RecommendationFilter

from tests.pricing.conftest import DEMO_DAY

pytestmark = pytest.mark.gui

WAIT_MS = 30_000


def prices(path: Path) -> dict[str, int]:
    connection = sqlite3.connect(path)
    try:
        return dict(connection.execute("SELECT sku, price_cents FROM products"))
    finally:
        connection.close()


@pytest.fixture
def view(qtbot, shop):
    widget = PricingView(shop, today=DEMO_DAY)
    qtbot.addWidget(widget)
    with qtbot.waitSignal(widget.request_done, timeout=WAIT_MS) as done:
        widget.show()
    assert done.args == ["recommend"]
    yield widget
    assert widget.shut_down(5000)


def changed_rows(view: PricingView) -> list[int]:
    return [row for row in range(view.model.rowCount()) if view.model.recommendation(row).changed]


def test_view_lists_every_product(view):
    assert view.model.rowCount() == 344
    assert "344 products priced" in view.status_label.text()
    assert not view.busy


def test_filters_show_expiring_and_slow_movers(view):
    view.filter_box.setCurrentIndex(view.filter_box.findData(RecommendationFilter.EXPIRING))
    expiring = view.model.rowCount()
    assert 0 < expiring < 344
    assert all(view.model.recommendation(row).expires_on is not None for row in range(expiring))

    view.filter_box.setCurrentIndex(view.filter_box.findData(RecommendationFilter.SLOW_MOVERS))
    assert all(view.model.recommendation(row).slow_mover for row in range(view.model.rowCount()))

    view.filter_box.setCurrentIndex(view.filter_box.findData(RecommendationFilter.ALL))
    assert view.model.rowCount() == 344


def test_accept_apply_undo_and_export(qtbot, view, shop, tmp_path):
    before = prices(shop)
    first, second = changed_rows(view)[:2]
    model = view.model
    chosen = [model.recommendation(first), model.recommendation(second)]

    # One row accepted with its checkbox, the other with the button on the selection.
    assert model.setData(model.index(first, Column.ACCEPT), Qt.CheckState.Checked, Qt.ItemDataRole.CheckStateRole)
    view.table.selectRow(second)
    view.accept_button.click()
    assert [recommendation.sku for recommendation in model.accepted()] == [chosen[0].sku, chosen[1].sku]
    assert view.apply_button.isEnabled()

    with qtbot.waitSignal(view.request_done, timeout=WAIT_MS):
        view.apply_button.click()
    after_apply = prices(shop)
    for recommendation in chosen:
        assert after_apply[recommendation.sku] == recommendation.new_price.cents
    assert model.decision(first) is Decision.APPLIED
    assert "Applied 2 price changes" in view.status_label.text()

    with qtbot.waitSignal(view.request_done, timeout=WAIT_MS):
        view.undo_button.click()
    assert prices(shop) == before
    assert model.decision(first) is Decision.PENDING
    assert "2 prices restored" in view.status_label.text()

    exported = view.export_to(tmp_path / "recommendations.csv")
    with exported.open(encoding="utf-8-sig", newline="") as handle:
        table = list(csv.DictReader(handle))
    assert len(table) == 344
    assert {row["sku"] for row in table} >= {recommendation.sku for recommendation in chosen}
    assert table[first]["new_price"] == str(chosen[0].new_price.amount)


def test_rejected_rows_are_not_applied(view):
    rows = changed_rows(view)[:2]
    view.table.selectRow(rows[0])
    view.reject_button.click()

    assert view.model.decision(rows[0]) is Decision.REJECTED
    assert view.model.accepted() == []
    assert not view.apply_button.isEnabled()


def test_apply_without_accepted_rows_says_what_to_do(view):
    view.apply_accepted()

    assert "Accept at least one recommendation" in view.status_label.text()
    assert not view.busy


def test_undo_with_nothing_applied_is_explained(qtbot, view):
    with qtbot.waitSignal(view.request_done, timeout=WAIT_MS):
        view.undo_button.click()

    assert "Nothing was undone" in view.status_label.text()
    assert "no applied price changes" in view.status_label.text()


def test_missing_model_is_shown_not_raised(qtbot, shop, monkeypatch, tmp_path):
    from retail_assistant import pricing_service

    monkeypatch.setattr(pricing_service, "default_model_path", lambda: tmp_path / "gone.onnx")
    widget = PricingView(shop, today=DEMO_DAY)
    qtbot.addWidget(widget)
    with qtbot.waitSignal(widget.request_done, timeout=WAIT_MS):
        widget.show()

    assert "The pricing model cannot run" in widget.status_label.text()
    assert "gone.onnx" in widget.status_label.text()
    assert widget.shut_down(5000)


def test_every_view_string_has_spanish_translation():
    import ast
    import xml.etree.ElementTree as ElementTree

    from retail_assistant.gui import pricing_view
    from retail_assistant.gui.i18n import translations_dir

    tree = ast.parse(Path(pricing_view.__file__).read_text(encoding="utf-8"))
    sources = {
        node.args[0].value
        for node in ast.walk(tree)
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "tr"
        and node.args and isinstance(node.args[0], ast.Constant)
    }
    catalogue = ElementTree.parse(translations_dir() / "retail_assistant_es.ts").getroot()
    translated = {
        message.findtext("source")
        for context in catalogue.iter("context")
        if context.findtext("name") in ("PricingView", "RecommendationTableModel")
        for message in context.iter("message")
        if message.findtext("translation")
    }

    assert sources
    assert sources - translated == set()


def test_view_shows_spanish(qtbot, qapp, shop, tmp_path):
    from PySide6.QtCore import QTranslator

    from retail_assistant.gui.i18n import compile_translations

    compiled = [path for path in compile_translations(output_dir=tmp_path) if path.name == "retail_assistant_es.qm"]
    translator = QTranslator()
    assert translator.load(str(compiled[0]))
    qapp.installTranslator(translator)
    try:
        widget = PricingView(shop, today=DEMO_DAY, language=lambda: "es")
        qtbot.addWidget(widget)
        assert widget.apply_button.text() == "Aplicar aceptados"
        assert widget.model.headerData(Column.NEW, Qt.Orientation.Horizontal) == "Precio nuevo"
        assert widget.shut_down(5000)
    finally:
        qapp.removeTranslator(translator)
