"""The import wizard offscreen: preview with columns and rejected rows, remapping, import, undo."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QComboBox, QWizard

from retail_assistant.adapters.importing import ImportReport, UndoReport
from retail_assistant.adapters.store import open_database
from retail_assistant.gui.import_wizard import ImportWizard

CORPUS = Path(__file__).resolve().parents[1] / "data" / "import_corpus"
TIMEOUT_MS = 20_000


@pytest.fixture
def shop(tmp_path: Path) -> Path:
    path = tmp_path / "shop.sqlite"
    open_database(path).conn.close()
    return path


@pytest.fixture
def wizard(qtbot, shop: Path) -> ImportWizard:
    dialog = ImportWizard(shop)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def count(shop: Path, table: str) -> int:
    db = open_database(shop)
    try:
        return db.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
    finally:
        db.conn.close()


def preview(qtbot, wizard: ImportWizard, name: str, *, kind: str = "products") -> object:
    wizard.path_edit.setText(str(CORPUS / name))
    wizard.kind_box.setCurrentIndex(wizard.kind_box.findData(kind))
    assert wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    with qtbot.waitSignal(wizard.preview_finished, timeout=TIMEOUT_MS) as finished:
        wizard.next()
    return finished.args[0]


def column_row(wizard: ImportWizard, label: str) -> int:
    table = wizard.columns_table
    return next(row for row in range(table.rowCount()) if table.item(row, 0).text() == label)


def test_next_needs_an_existing_file(wizard: ImportWizard, tmp_path: Path) -> None:
    wizard.path_edit.setText(str(tmp_path / "missing.csv"))
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()

    wizard.path_edit.setText(str(CORPUS / "spanish_excel_products.csv"))
    assert wizard.button(QWizard.WizardButton.NextButton).isEnabled()


def test_preview_shows_columns_and_samples(qtbot, wizard: ImportWizard, shop: Path) -> None:
    report = preview(qtbot, wizard, "spanish_excel_products.csv")

    assert isinstance(report, ImportReport)
    assert report.dry_run
    assert "cp1252" in wizard.summary_label.text()
    assert "semicolon" in wizard.summary_label.text()
    row = column_row(wizard, "PVP")
    field_box = wizard.columns_table.cellWidget(row, 1)
    assert isinstance(field_box, QComboBox)
    assert field_box.currentData() == "price"
    assert "decimal comma" in wizard.columns_table.item(row, 3).text()
    assert "'1.234,56 €' → 1234.56" in wizard.columns_table.item(row, 4).text()
    assert wizard.flagged_table.rowCount() == 1
    assert wizard.flagged_table.item(0, 0).text() == "5"
    assert count(shop, "products") == 0


def test_preview_lists_rejected_rows(qtbot, wizard: ImportWizard) -> None:
    preview(qtbot, wizard, "check_digits.csv")

    rows = [wizard.rejected_table.item(row, 0).text() for row in range(wizard.rejected_table.rowCount())]
    assert rows == ["6", "7", "8", "9"]
    assert "should be 7" in wizard.rejected_table.item(0, 1).text()
    assert wizard.rejected_label.text() == "Rejected rows: 4"


def test_remapping_reads_the_file_again(qtbot, wizard: ImportWizard) -> None:
    first = preview(qtbot, wizard, "ambiguous_thousands.csv")
    assert len(first.rejected) == 2
    row = column_row(wizard, "Stock")
    option_box = wizard.columns_table.cellWidget(row, 2)
    assert isinstance(option_box, QComboBox)

    option_box.setCurrentIndex(option_box.findData("point"))
    assert wizard.reread_button.isEnabled()
    assert "Stock=stock:point" in wizard.mapping_entries()
    with qtbot.waitSignal(wizard.preview_finished, timeout=TIMEOUT_MS) as finished:
        wizard.reread_button.click()

    assert finished.args[0].rejected == ()
    assert wizard.rejected_table.rowCount() == 0


def test_unreadable_file_blocks_import(qtbot, wizard: ImportWizard) -> None:
    error = preview(qtbot, wizard, "old_excel.xls")

    assert not isinstance(error, ImportReport)
    assert "cannot be imported" in wizard.summary_label.text()
    assert ".xls" in wizard.summary_label.text()
    assert not wizard.button(QWizard.WizardButton.CommitButton).isEnabled()


def test_import_then_undo(qtbot, wizard: ImportWizard, shop: Path) -> None:
    preview(qtbot, wizard, "spanish_excel_products.csv")

    with qtbot.waitSignal(wizard.imported, timeout=TIMEOUT_MS) as imported:
        wizard.next()
    assert isinstance(imported.args[0], ImportReport)
    assert count(shop, "products") == 4
    assert "import number 1" in wizard.result_label.text()
    assert wizard.button(QWizard.WizardButton.FinishButton).isEnabled()

    with qtbot.waitSignal(wizard.undone, timeout=TIMEOUT_MS) as undone:
        wizard.undo_button.click()
    assert isinstance(undone.args[0], UndoReport)
    assert count(shop, "products") == 0
    assert "Undid import number 1" in wizard.result_label.text()


def test_sales_file_previewed_and_imported(qtbot, wizard: ImportWizard, shop: Path) -> None:
    db = open_database(shop)
    try:
        from retail_assistant.adapters.importing import import_file

        import_file(db, CORPUS / "base_products.csv")
    finally:
        db.conn.close()

    report = preview(qtbot, wizard, "square_item_sales.csv", kind="sales")
    assert report.format == "square"
    assert "3 sales lines to add" in wizard.summary_label.text()
    with qtbot.waitSignal(wizard.imported, timeout=TIMEOUT_MS):
        wizard.next()

    assert count(shop, "sales") == 3


def test_undo_without_import_reports_it(qtbot, wizard: ImportWizard) -> None:
    with qtbot.waitSignal(wizard.undone, timeout=TIMEOUT_MS) as undone:
        wizard.undo_last_button.click()

    assert not isinstance(undone.args[0], UndoReport)
    assert "no import to undo" in wizard.file_status.text()
