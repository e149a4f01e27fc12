"""The whole window over the real services and the real default model."""

from __future__ import annotations

import json
import threading
from pathlib import Path

from PySide6.QtCore import Qt

from retail_assistant.adapters.llm import LocalModel, ModelState
from retail_assistant.adapters.store import ProductRepository, open_database
from retail_assistant.core.catalog import Product
from retail_assistant.gui.main_window import MainWindow
from retail_assistant.gui.transcript import EntryState
from retail_assistant.settings import load_settings

ANSWER_TIMEOUT_MS = 60_000


def shop_product(home: Path, name_en: str = "Rosemary honey 500 g") -> Product:
    """Return the product named `name_en`, or the first one in stock, as the database has it now."""
    db = open_database(home / "shop.sqlite")
    try:
        products = ProductRepository(db).all()
    finally:
        db.conn.close()
    named = [product for product in products if product.name_en == name_en]
    return named[0] if named else next(product for product in products if product.stock.milli > 0)


def ask(qtbot, window: MainWindow, question: str) -> int:
    panel = window.chat_panel
    qtbot.keyClicks(panel.question_box, question)
    qtbot.mouseClick(panel.ask_button, Qt.MouseButton.LeftButton)
    return panel.transcript.entry_ids()[-1]


def wait_done(qtbot, window: MainWindow, entry: int) -> None:
    transcript = window.chat_panel.transcript
    done = (EntryState.FINISHED, EntryState.STOPPED, EntryState.FAILED)
    qtbot.waitUntil(lambda: transcript.entry_state(entry) in done, timeout=ANSWER_TIMEOUT_MS)


def test_stock_question_gets_exact_number(qtbot, open_window, settings, home):
    product = shop_product(home)
    window = open_window(settings)

    entry = ask(qtbot, window, f"How many {product.name_en} are in stock?")
    wait_done(qtbot, window, entry)
    qtbot.waitUntil(lambda: window.model_status.state is ModelState.READY, timeout=ANSWER_TIMEOUT_MS)

    transcript = window.chat_panel.transcript
    expected = product.stock.format("en")
    assert transcript.entry_state(entry) is EntryState.FINISHED
    assert expected in transcript.entry_answer(entry)
    assert expected in transcript.toPlainText()
    assert transcript.entry_badge(entry) == "local"
    assert transcript.entry_label(entry).startswith("local data question")
    assert not window.chat_panel.stop_button.isEnabled()


def test_reworded_answer_keeps_exact_number(qtbot, open_window, home):
    settings = load_settings(home=home, overrides={"language": "en", "phrase_data_answers": True})
    product = shop_product(home)
    window = open_window(settings)

    entry = ask(qtbot, window, f"How many {product.name_en} are in stock?")
    wait_done(qtbot, window, entry)

    transcript = window.chat_panel.transcript
    assert transcript.entry_state(entry) is EntryState.FINISHED
    assert product.stock.format("en") in transcript.entry_answer(entry)
    assert transcript.entry_label(entry).startswith("local data question")


def test_window_shows_before_model_loads(qtbot, open_window, home):
    settings = load_settings(home=home, overrides={"language": "en", "phrase_data_answers": False})
    release = threading.Event()

    def slow_loader(path: Path) -> LocalModel:
        release.wait(30)
        return LocalModel.load(path, n_ctx=settings.n_ctx, n_threads=settings.n_threads)

    try:
        window = open_window(settings, loader=slow_loader)
        assert window.isVisible()
        qtbot.waitUntil(lambda: window.model_status.state is ModelState.LOADING, timeout=5000)
        assert window.model_status.text().startswith("Local model: loading")

        # A data question does not wait for the model.
        product = shop_product(home)
        entry = ask(qtbot, window, f"How many {product.name_en} are in stock?")
        wait_done(qtbot, window, entry)
        assert product.stock.format("en") in window.chat_panel.transcript.entry_answer(entry)
        assert window.model_status.state is ModelState.LOADING
    finally:
        release.set()

    qtbot.waitUntil(lambda: window.model_status.state is ModelState.READY, timeout=ANSWER_TIMEOUT_MS)
    assert window.model_status.text() == f"Local model: ready ({settings.model_path.name})"


def test_stop_ends_a_long_answer(qtbot, open_window, settings):
    window = open_window(settings)
    panel = window.chat_panel

    entry = ask(qtbot, window, "Write a long story about a cheese shop")
    qtbot.waitUntil(lambda: panel.transcript.entry_answer(entry) != "", timeout=ANSWER_TIMEOUT_MS)
    assert panel.stop_button.isEnabled()
    qtbot.mouseClick(panel.stop_button, Qt.MouseButton.LeftButton)

    qtbot.waitUntil(lambda: panel.transcript.entry_state(entry) is not EntryState.ANSWERING, timeout=5000)
    assert panel.transcript.entry_state(entry) is EntryState.STOPPED
    assert panel.transcript.entry_label(entry).endswith("· stopped")
    assert panel.transcript.entry_answer(entry) != ""
    qtbot.waitUntil(lambda: not panel.stop_button.isEnabled(), timeout=5000)


def test_missing_model_still_answers_stock(qtbot, open_window, home):
    missing = home / "no-such-model.gguf"
    settings = load_settings(
        home=home, overrides={"language": "en", "model_path": missing, "phrase_data_answers": True}
    )
    product = shop_product(home)
    window = open_window(settings)

    qtbot.waitUntil(lambda: window.model_status.state is ModelState.FAILED, timeout=10_000)
    status = window.model_status.text()
    assert status.startswith("Local model not available")
    assert str(missing) in status
    assert str(missing) in window.model_status.toolTip()

    entry = ask(qtbot, window, f"How many {product.name_en} are in stock?")
    wait_done(qtbot, window, entry)
    transcript = window.chat_panel.transcript
    assert transcript.entry_state(entry) is EntryState.FINISHED
    assert product.stock.format("en") in transcript.entry_answer(entry)

    chat = ask(qtbot, window, "Write a poem about cheese")
    wait_done(qtbot, window, chat)
    assert transcript.entry_label(chat) == "local general chat: the local model is not available"
    assert str(missing) in transcript.entry_answer(chat)


def test_spanish_window_and_language_menu(qtbot, open_window, home):
    (home / "settings.json").write_text(json.dumps({"language": "es"}), encoding="utf-8")
    settings = load_settings(home=home)
    window = open_window(settings)

    assert window.language() == "es"
    assert window.windowTitle() == "Retail Assistant: preguntas sobre tu tienda"
    assert window.tabs.tabText(0) == "Asistente"
    assert window.tabs.tabText(1) == "Inventario"
    qtbot.waitUntil(lambda: window.online_status.text() == "Nube: sin configurar", timeout=5000)
    assert window.chat_panel.ask_button.text() == "Preguntar"

    menu_action(window, "&Idioma", "English").trigger()
    qtbot.waitUntil(lambda: window.tabs.tabText(1) == "Inventory", timeout=5000)
    assert window.windowTitle() == "Retail Assistant: questions about your shop"
    assert window.tabs.tabText(0) == "Assistant"
    assert window.chat_panel.ask_button.text() == "Ask"
    assert json.loads((home / "settings.json").read_text(encoding="utf-8"))["language"] == "en"

    menu_action(window, "&Language", "Español").trigger()
    qtbot.waitUntil(lambda: window.tabs.tabText(1) == "Inventario", timeout=5000)
    assert window.inventory_tab.model.headerData(4, Qt.Orientation.Horizontal) == "Existencias"
    assert json.loads((home / "settings.json").read_text(encoding="utf-8"))["language"] == "es"


def menu_action(window: MainWindow, menu_title: str, action_text: str):
    for menu_action in window.menuBar().actions():
        if menu_action.text() != menu_title:
            continue
        for action in menu_action.menu().actions():
            if action.text() == action_text:
                return action
    raise AssertionError(f"no action {action_text!r} in a menu {menu_title!r}")


def test_file_menu_opens_import_wizard(qtbot, open_window, settings):
    from retail_assistant.gui.import_wizard import ImportWizard

    window = open_window(settings)
    window.open_import_wizard()
    wizards = window.findChildren(ImportWizard)
    assert len(wizards) == 1
    wizards[0].reject()
