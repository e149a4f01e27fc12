"""The first-run screen: language, demo shop or import, optional cloud, all skippable."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication

from retail_assistant.bootstrap import ensure_shop
from retail_assistant.gui.first_run import FirstRunDialog, import_shop_file, needs_first_run, run_first_run
from retail_assistant.settings import SETTINGS_FILE, Settings, load_settings

SHOPIFY_EXPORT = Path(__file__).parents[1] / "data" / "import" / "shopify_products_export.csv"


@pytest.fixture
def new_home(tmp_path: Path) -> Path:
    """A data folder with neither a settings file nor a shop, as on the first start."""
    return tmp_path / "new-home"


@pytest.fixture
def first_settings(new_home: Path) -> Settings:
    return load_settings(home=new_home, overrides={"language": "en"})


@pytest.fixture
def open_dialog(qtbot, translations):
    def open_dialog(settings: Settings, *, has_shop: bool = False) -> FirstRunDialog:
        dialog = FirstRunDialog(settings, translations, has_shop=has_shop)
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        return dialog

    return open_dialog


def saved_settings(home: Path) -> dict:
    return json.loads((home / SETTINGS_FILE).read_text(encoding="utf-8"))


def product_count(database: Path) -> int:
    connection = sqlite3.connect(database)
    try:
        return connection.execute("SELECT count(*) FROM products").fetchone()[0]
    finally:
        connection.close()


def test_first_run_needed_until_settings_saved(first_settings, new_home, open_dialog, qtbot):
    assert needs_first_run(first_settings)

    dialog = open_dialog(first_settings)
    qtbot.mouseClick(dialog.skip_button, Qt.MouseButton.LeftButton)

    assert not needs_first_run(first_settings)


def test_skip_keeps_demo_shop_and_no_cloud(first_settings, new_home, open_dialog, qtbot):
    dialog = open_dialog(first_settings)
    qtbot.mouseClick(dialog.skip_button, Qt.MouseButton.LeftButton)

    assert dialog.result() == FirstRunDialog.DialogCode.Rejected
    assert saved_settings(new_home) == {"language": "en"}
    assert not (new_home / "shop.sqlite").exists()
    assert dialog.settings.cloud_url is None
    assert ensure_shop(dialog.settings) is True


def test_start_saves_language_and_cloud(first_settings, new_home, open_dialog, qtbot):
    dialog = open_dialog(first_settings)
    dialog.cloud_url_edit.setText("http://127.0.0.1:8080/v1")
    dialog.cloud_model_edit.setText("default")
    qtbot.mouseClick(dialog.start_button, Qt.MouseButton.LeftButton)

    assert dialog.result() == FirstRunDialog.DialogCode.Accepted
    assert saved_settings(new_home) == {
        "language": "en", "cloud_url": "http://127.0.0.1:8080/v1", "cloud_model": "default",
    }
    assert dialog.settings.cloud_url == "http://127.0.0.1:8080/v1"
    assert dialog.settings.cloud_model == "default"
    assert load_settings(home=new_home).cloud_model == "default"


def test_spanish_choice_translates_screen_at_once(first_settings, new_home, open_dialog, translations, qtbot):
    dialog = open_dialog(first_settings)
    dialog.language_box.setCurrentIndex(dialog.language_box.findData("es"))

    assert translations.language == "es"
    # Qt delivers the LanguageChange event through the event loop.
    qtbot.waitUntil(lambda: dialog.windowTitle() == "Te damos la bienvenida a Retail Assistant")
    assert dialog.skip_button.text() == "Omitir"

    qtbot.mouseClick(dialog.start_button, Qt.MouseButton.LeftButton)
    assert saved_settings(new_home) == {"language": "es"}
    assert dialog.settings.language == "es"


def test_invalid_cloud_url_keeps_screen_open(first_settings, new_home, open_dialog, qtbot):
    dialog = open_dialog(first_settings)
    dialog.cloud_url_edit.setText("ftp://shop.example/v1")
    dialog.cloud_model_edit.setText("gpt-4o-mini")
    qtbot.mouseClick(dialog.start_button, Qt.MouseButton.LeftButton)

    assert dialog.isVisible()
    assert dialog.error_label.isVisible()
    assert "ftp://shop.example/v1" in dialog.error_label.text()
    assert not (new_home / SETTINGS_FILE).exists()


def test_cloud_model_without_url_rejected(first_settings, new_home, open_dialog, qtbot):
    dialog = open_dialog(first_settings)
    dialog.cloud_model_edit.setText("gpt-4o-mini")
    qtbot.mouseClick(dialog.start_button, Qt.MouseButton.LeftButton)

    assert dialog.isVisible()
    assert "base URL" in dialog.error_label.text()


def test_import_replaces_demo_shop(first_settings, new_home, open_dialog, qtbot):
    dialog = open_dialog(first_settings)
    dialog.import_choice.setChecked(True)
    dialog.file_edit.setText(str(SHOPIFY_EXPORT))
    qtbot.mouseClick(dialog.start_button, Qt.MouseButton.LeftButton)

    assert dialog.result() == FirstRunDialog.DialogCode.Accepted
    assert dialog.import_summary
    assert product_count(new_home / "shop.sqlite") > 0
    assert ensure_shop(dialog.settings) is False


def test_failed_import_leaves_no_database(first_settings, new_home, open_dialog, qtbot, tmp_path):
    garbage = tmp_path / "not-products.csv"
    garbage.write_text("this is not,a product export\n1,2\n", encoding="utf-8")
    dialog = open_dialog(first_settings)
    dialog.import_choice.setChecked(True)
    dialog.file_edit.setText(str(garbage))
    qtbot.mouseClick(dialog.start_button, Qt.MouseButton.LeftButton)

    assert dialog.isVisible()
    assert dialog.error_label.isVisible()
    assert not list(new_home.glob("shop.sqlite*"))
    assert not (new_home / SETTINGS_FILE).exists()


def test_import_without_file_asks_for_one(first_settings, open_dialog, qtbot):
    dialog = open_dialog(first_settings)
    dialog.import_choice.setChecked(True)
    qtbot.mouseClick(dialog.start_button, Qt.MouseButton.LeftButton)

    assert dialog.isVisible()
    assert "products file" in dialog.error_label.text()


def test_file_row_follows_import_choice(first_settings, open_dialog):
    dialog = open_dialog(first_settings)
    assert not dialog.file_edit.isEnabled()

    dialog.import_choice.setChecked(True)
    assert dialog.file_edit.isEnabled()


def test_existing_shop_hides_products(settings, open_dialog):
    dialog = open_dialog(settings, has_shop=True)

    assert not dialog.demo_choice.isVisible()
    assert not dialog.import_choice.isVisible()


def test_import_of_missing_file_is_input_error(tmp_path):
    from retail_assistant.core.errors import InputError

    with pytest.raises(InputError, match="does not exist"):
        import_shop_file(tmp_path / "shop.sqlite", tmp_path / "gone.csv")
    assert not (tmp_path / "shop.sqlite").exists()


def test_run_first_run_returns_saved_settings(first_settings, new_home, translations, qtbot):
    def skip_when_shown(attempts_left: int = 100) -> None:
        dialogs = [widget for widget in QApplication.topLevelWidgets()
                   if isinstance(widget, FirstRunDialog) and widget.isVisible()]
        if dialogs:
            dialogs[0].skip_button.click()
        elif attempts_left:
            QTimer.singleShot(50, lambda: skip_when_shown(attempts_left - 1))

    QTimer.singleShot(0, skip_when_shown)
    chosen = run_first_run(first_settings, translations, has_shop=False)

    assert chosen.language == "en"
    assert not needs_first_run(chosen)
