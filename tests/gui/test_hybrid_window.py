"""The whole hybrid route through the window, with llama.cpp's own server on 127.0.0.1 as the cloud.

Set up in the settings dialog, a writing request goes to the cloud, then comes from the
cache; once the server stops, the indicator turns offline at the next check and the next
writing request gets a provisional local answer that waits in the Cloud queue tab. The
window keeps running throughout.
"""

from __future__ import annotations

import time

import pytest
from PySide6.QtCore import Qt

from retail_assistant.adapters.cloud.secrets import SERVICE
from retail_assistant.gui.main_window import MainWindow
from retail_assistant.gui.online_status import CloudLine
from retail_assistant.gui.queue_view import QueueColumn
from retail_assistant.gui.transcript import EntryState
from retail_assistant.settings import load_settings

from tests.gui.cloud_fakes import TickCounter, memory_keyring  # noqa: F401 - a fixture
from tests.gui.test_main_window import menu_action
from tests.integration.test_hybrid_route import SECRET_KEY, WRITING
from tests.llama_server import LlamaServer, free_port

pytestmark = pytest.mark.model

ANSWER_TIMEOUT_MS = 60_000
MAX_TOKENS = 16
"""Short replies keep both models' answers to seconds on a two-core machine."""
OFFLINE_WRITING = "Write a shelf label for our Manchego cheese"


@pytest.fixture
def server(default_model_path):
    running = LlamaServer(default_model_path, free_port(), api_key=SECRET_KEY)
    running.start()
    yield running
    running.stop()


def ask(qtbot, window: MainWindow, question: str) -> int:
    panel = window.chat_panel
    panel.question_box.setText(question)
    qtbot.mouseClick(panel.ask_button, Qt.MouseButton.LeftButton)
    entry = panel.transcript.entry_ids()[-1]
    done = (EntryState.FINISHED, EntryState.STOPPED, EntryState.FAILED)
    qtbot.waitUntil(lambda: panel.transcript.entry_state(entry) in done, timeout=ANSWER_TIMEOUT_MS)
    return entry


def set_up_cloud(qtbot, window: MainWindow, url: str) -> None:
    menu_action(window, "&Settings", "&Cloud…").trigger()
    dialog = window.cloud_settings_dialog
    assert dialog is not None
    dialog.preset_box.setCurrentIndex(dialog.preset_box.findText("llama.cpp server"))
    dialog.url_edit.setText(url)
    dialog.model_edit.setText("smollm2")
    dialog.key_edit.setText(SECRET_KEY)

    qtbot.mouseClick(dialog.test_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.testing, timeout=15_000)
    assert dialog.test_result.text().startswith("Reachable: the service answered")

    with qtbot.waitSignal(dialog.settings_saved, timeout=5000):
        qtbot.mouseClick(dialog.buttons.buttons()[0], Qt.MouseButton.LeftButton)


def test_cloud_cache_then_offline_queue(qtbot, open_window, home, server, memory_keyring):  # noqa: F811
    settings = load_settings(home=home, overrides={"language": "en", "max_tokens": MAX_TOKENS})
    ticks = TickCounter()
    window = open_window(settings)
    transcript = window.chat_panel.transcript

    set_up_cloud(qtbot, window, server.url)
    assert memory_keyring.passwords == {(SERVICE, server.url): SECRET_KEY}
    assert SECRET_KEY not in (home / "settings.json").read_text(encoding="utf-8")
    qtbot.waitUntil(lambda: window.online_status.status.line is CloudLine.ONLINE, timeout=15_000)

    cloud = ask(qtbot, window, WRITING)
    assert transcript.entry_badge(cloud) == "cloud"
    assert transcript.entry_answer(cloud) != ""
    again = ask(qtbot, window, WRITING)
    assert transcript.entry_badge(again) == "cache"
    assert transcript.entry_answer(again) == transcript.entry_answer(cloud)
    assert transcript.entry_label(again).endswith("saved answer from the cloud")

    server.stop()
    stopped_at = time.monotonic()
    window.cloud_monitor.check_now()
    qtbot.waitUntil(lambda: window.online_status.status.line is CloudLine.OFFLINE, timeout=5000)
    assert time.monotonic() - stopped_at < 3.0
    assert window.online_status.text().startswith("Cloud: offline (")

    offline = ask(qtbot, window, OFFLINE_WRITING)
    assert transcript.entry_badge(offline) == "local"
    assert transcript.entry_label(offline).endswith("· provisional — queued for the cloud")

    window.tabs.setCurrentWidget(window.queue_view)
    model = window.queue_view.model
    qtbot.waitUntil(lambda: model.rowCount() == 1, timeout=5000)
    assert model.data(model.index(0, QueueColumn.QUESTION)) == OFFLINE_WRITING
    assert model.data(model.index(0, QueueColumn.STATUS)) == "waiting"
    assert model.data(model.index(0, QueueColumn.PROVISIONAL)) != ""

    window.tabs.setCurrentWidget(window.cloud_log_view)
    qtbot.waitUntil(lambda: window.cloud_log_view.model.rowCount() >= 1, timeout=5000)
    ticks.stop()

    stored = [home / "settings.json", home / "shop.sqlite", *home.glob("shop.sqlite-*")]
    for path in stored:
        assert SECRET_KEY.encode() not in path.read_bytes(), path
    # The GUI thread never stopped for long: no probe, answer or query ran on it.
    assert ticks.longest_gap() < 1.0
