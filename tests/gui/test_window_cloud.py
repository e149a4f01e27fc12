"""The cloud parts of the main window: the tabs, saving the cloud settings, and the queue sent when the line is back."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from PySide6.QtWidgets import QDialogButtonBox

from retail_assistant.adapters.cloud_gateway import OnlineState
from retail_assistant.adapters.llm import LocalModelWorker
from retail_assistant.adapters.store.answer_cache import SqliteAnswerCache
from retail_assistant.adapters.store.catalog import SqliteCatalog
from retail_assistant.adapters.store.cloud_log import SqliteCloudLog
from retail_assistant.adapters.store.cloud_queue import SqliteCloudQueue
from retail_assistant.bootstrap import Services
from retail_assistant.core.assistant import Assistant
from retail_assistant.gui.main_window import MainWindow, show_main_window
from retail_assistant.gui.online_status import CloudLine
from retail_assistant.gui.queue_view import QueueColumn

from tests.core.fakes import FakeCloud, ScriptedGenerator
from tests.gui.cloud_fakes import memory_keyring  # noqa: F401 - a fixture
from tests.gui.test_main_window import menu_action
from tests.llama_server import free_port


class ProbedFakeCloud(FakeCloud):
    """FakeCloud with the probe and online state the window's indicator reads."""

    configured = True
    endpoint = "http://127.0.0.1:9/v1"

    def __init__(self, **options) -> None:
        super().__init__(**options)
        self.online = OnlineState(lambda: 0.0)

    def check(self) -> bool:
        self.online.set(self.reachable, "the fake was probed")
        return self.reachable

    def close(self) -> None:
        """Close nothing: the fake keeps no connection."""


@pytest.fixture
def fake_cloud_window(qtbot, translations, settings) -> Iterator[Callable[..., MainWindow]]:
    """A function that opens the window over real SQLite services whose cloud and local model are fakes."""
    opened: list[tuple[MainWindow, Services]] = []

    def open_window(cloud: ProbedFakeCloud) -> MainWindow:
        catalog = SqliteCatalog(settings.database_path)
        connections = catalog.connections
        queue = SqliteCloudQueue(connections)
        cache = SqliteAnswerCache(connections)
        # A missing model file: the worker fails at once, and the fake generator answers instead.
        model = LocalModelWorker(settings.home / "no-model.gguf", n_ctx=512, n_threads=1)
        assistant = Assistant(catalog, ScriptedGenerator(["Local", " draft"]), cloud=cloud, cache=cache, queue=queue)
        services = Services(settings=settings, catalog=catalog, model=model, assistant=assistant, cache=cache,
                            queue=queue, cloud=cloud, cloud_log=SqliteCloudLog(connections))
        window = show_main_window(services, translations)
        opened.append((window, services))
        qtbot.waitExposed(window)
        return window

    yield open_window
    for window, services in opened:
        window.close()
        services.close()


def test_cloud_tabs_and_menu(qtbot, open_window, settings):
    window = open_window(settings)

    assert window.tabs.tabText(2) == "Pricing"
    assert window.tabs.tabText(3) == "Cloud queue"
    assert window.tabs.tabText(4) == "Cloud log"
    assert menu_action(window, "&Settings", "&Cloud…") is not None
    qtbot.waitUntil(lambda: window.online_status.text() == "Cloud: not set up", timeout=5000)
    assert not window.chat_panel.route_box.model().item(2).isEnabled()


def test_saving_settings_rebuilds_cloud(qtbot, open_window, settings, memory_keyring):  # noqa: F811
    window = open_window(settings)
    services = window._services
    old_assistant = services.assistant
    url = f"http://127.0.0.1:{free_port()}/v1"  # nothing listens there

    menu_action(window, "&Settings", "&Cloud…").trigger()
    dialog = window.cloud_settings_dialog
    assert dialog is not None and dialog.isVisible()
    dialog.url_edit.setText(url)
    dialog.model_edit.setText("smollm2")
    with qtbot.waitSignal(dialog.settings_saved, timeout=2000):
        dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()

    assert services.cloud is not None
    assert services.cloud.endpoint == url
    assert services.assistant is not old_assistant
    assert services.settings.cloud_url == url
    assert window.chat_panel.route_box.model().item(2).isEnabled()
    qtbot.waitUntil(lambda: window.online_status.status.line is CloudLine.OFFLINE, timeout=5000)
    assert window.online_status.text().startswith("Cloud: offline (")
    assert url in window.online_status.toolTip()


def test_line_back_sends_queue(qtbot, fake_cloud_window):
    cloud = ProbedFakeCloud(pieces=("Cloud", " label"), reachable=False)
    window = fake_cloud_window(cloud)
    services = window._services
    qtbot.waitUntil(lambda: window.online_status.status.line is CloudLine.OFFLINE, timeout=5000)

    # Offline, a writing task gets a local answer and waits in the queue.
    window.chat_panel.question_box.setText("Write a shelf label for our Manchego")
    window.chat_panel.ask()
    entry = window.chat_panel.transcript.entry_ids()[-1]
    qtbot.waitUntil(lambda: window.chat_panel.transcript.entry_label(entry).endswith("queued for the cloud"),
                    timeout=5000)
    assert [task.status for task in services.queue.tasks()] == ["pending"]

    window.tabs.setCurrentWidget(window.queue_view)
    qtbot.waitUntil(lambda: window.queue_view.model.rowCount() == 1, timeout=5000)
    cloud.reachable = True
    window.cloud_monitor.check_now()

    qtbot.waitUntil(lambda: window.online_status.text() == "Cloud: online", timeout=5000)
    qtbot.waitUntil(lambda: window.queue_view.model.data(window.queue_view.model.index(0, QueueColumn.STATUS))
                    == "done", timeout=5000)
    assert window.queue_view.model.data(window.queue_view.model.index(0, QueueColumn.ANSWER)) == "Cloud label"
    assert "1 answered by the cloud" in window.queue_view.summary.text()
    assert cloud.reasons == ["forced_cloud"]


def test_local_only_policy_never_runs_queue(qtbot, fake_cloud_window, settings):
    from dataclasses import replace

    cloud = ProbedFakeCloud()
    window = fake_cloud_window(cloud)
    window._services.settings = replace(settings, cloud_policy="local_only")

    assert not window.run_cloud_queue()
    window.cloud_monitor.check_now()
    qtbot.waitUntil(lambda: window.online_status.text() == "Cloud: local only", timeout=5000)
    assert cloud.sent == []
