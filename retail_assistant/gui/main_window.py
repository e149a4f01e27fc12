"""The main window: the Assistant, Inventory, Cloud queue and Cloud log tabs, the menus and the status bar.

Besides the question worker, two background threads serve the window. One makes the
network calls (the cloud probe and the queue runs), the other reads the store (the queue
and the cloud log, the CSV export), so a slow cloud never delays a table, nor the reverse.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator

from PySide6.QtCore import QEvent, QLocale, QTimer, Slot
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu, QTabWidget, QWidget

from retail_assistant.adapters.cloud_gateway import CloudGatewayService
from retail_assistant.bootstrap import Services, rebuild_cloud
from retail_assistant.core.answer_events import Answer, AnswerEvent
from retail_assistant.core.cancel import CancelToken
from retail_assistant.core.errors import RetailAssistantError
from retail_assistant.core.routing import Route
from retail_assistant.gui.chat_panel import ChatPanel
from retail_assistant.gui.cloud_log_view import CloudLogView
from retail_assistant.gui.cloud_settings import CloudSettingsDialog
from retail_assistant.gui.errors import describe_error
from retail_assistant.gui.i18n import Translations, resolve_language
from retail_assistant.gui.inventory_tab import InventoryTab, ProductTableModel
from retail_assistant.gui.pricing_view import PricingView
from retail_assistant.gui.model_status import ModelStatusLabel
from retail_assistant.gui.online_status import CHECK_INTERVAL_MS, CloudMonitor, CloudStatus, OnlineStatusLabel
from retail_assistant.gui.queue_view import QueueView
from retail_assistant.gui.workers import AskQueue, TaskRunner
from retail_assistant.queue_runner import QueueRun, run_queue
from retail_assistant.settings import Settings, save_settings

__all__ = ["DEFAULT_SIZE", "MainWindow", "show_main_window"]

log = logging.getLogger(__name__)

DEFAULT_SIZE = (1000, 700)
"""The window's first size in pixels: room for an answer and the inventory's seven columns."""

_MESSAGE_MS = 8000
_LOCAL_ONLY = "local_only"
_AUTOMATIC = "automatic"

# Language names are written in their own language, so anyone can find theirs.
_LANGUAGE_NAMES = {"en": "English", "es": "Español"}


class _CurrentAssistant:
    """Calls the assistant the services hold at call time, so one rebuilt by the cloud settings takes the next question.

    An AskFunction for the question worker.
    """

    def __init__(self, services: Services) -> None:
        self._services = services

    def __call__(
        self, question: str, *, route: Route | None = None, cancel: CancelToken | None = None
    ) -> Iterator[AnswerEvent]:
        return self._services.assistant.ask(question, route=route, cancel=cancel)


class MainWindow(QMainWindow):
    """The app's one window, built over the running services of one shop.

    `check_interval_ms` is how often the cloud is probed.
    """

    def __init__(
        self,
        services: Services,
        translations: Translations,
        parent: QWidget | None = None,
        *,
        check_interval_ms: int = CHECK_INTERVAL_MS,
    ) -> None:
        super().__init__(parent)
        self._services = services
        self._translations = translations
        self._retired_clouds: list[CloudGatewayService] = []
        self._queue_running = False
        self.cloud_settings_dialog: CloudSettingsDialog | None = None

        self._network_tasks = TaskRunner("cloud-worker", close_connection=services.catalog.close, parent=self)
        self._store_tasks = TaskRunner("store-worker", close_connection=services.catalog.close, parent=self)

        # The tabs get functions over the translations and the services, never a bound method of
        # the window: with PySide6 6.11, collecting a cycle between a tab's model and the window
        # crashed in QWidget::destroy.
        def language() -> str:
            return translations.language

        def current_settings() -> Settings:
            return services.settings

        ask_queue = AskQueue(_CurrentAssistant(services), close_connection=services.catalog.close, parent=self)
        self.chat_panel = ChatPanel(ask_queue, language=language, parent=self)
        inventory_model = ProductTableModel(services.catalog.repository, parent=self)
        self.inventory_tab = InventoryTab(
            inventory_model, language=language, catalog_version=services.catalog.version, parent=self
        )
        translations_ = translations
        # A plain function, not a bound method of the window: a window method held by a
        # tab's model made garbage collection crash in QWidget::destroy (PySide6 6.11).
        self.pricing_view = PricingView(
            services.settings.database_path, parent=self, language=lambda: translations_.language
        )
        self.pricing_view.prices_changed.connect(self.inventory_tab.reload)
        self.queue_view: QueueView | None = None
        if services.queue is not None:
            queue = services.queue
            self.queue_view = QueueView(lambda: queue, self._store_tasks, parent=self)
        self.cloud_log_view: CloudLogView | None = None
        if services.cloud_log is not None:
            cloud_log = services.cloud_log
            self.cloud_log_view = CloudLogView(
                lambda: cloud_log, self._store_tasks, settings=current_settings, language=language, parent=self,
            )
        self.tabs = QTabWidget(self)
        self._build_tabs()
        self.setCentralWidget(self.tabs)

        self.model_status = ModelStatusLabel(services.model, self)
        self.online_status = OnlineStatusLabel(self)
        self.statusBar().addWidget(self.model_status, stretch=1)
        self.statusBar().addPermanentWidget(self.online_status)

        self.cloud_monitor = CloudMonitor(
            self._network_tasks,
            cloud=lambda: services.cloud,
            policy=lambda: services.settings.cloud_policy,
            interval_ms=check_interval_ms,
            parent=self,
        )
        self.cloud_monitor.status_changed.connect(self._on_cloud_status)
        self.cloud_monitor.came_online.connect(self._on_came_online)
        self.chat_panel.answer_finished.connect(self._on_answer_finished)
        if self.queue_view is not None:
            self.queue_view.run_requested.connect(self.run_cloud_queue)

        self._build_menus()
        self.retranslate()
        self._update_cloud_controls()
        self.chat_panel.setFocus()

    def language(self) -> str:
        """Return the language the window is shown in: "en" or "es"."""
        return self._translations.language

    def retranslate(self) -> None:
        """Set every text of the window itself in the current language; each tab does its own."""
        self.setWindowTitle(self.tr("Retail Assistant: questions about your shop"))
        self.tabs.setTabText(self.tabs.indexOf(self.chat_panel), self.tr("Assistant"))
        self.tabs.setTabText(self.tabs.indexOf(self.inventory_tab), self.tr("Inventory"))
        self.tabs.setTabText(self.tabs.indexOf(self.pricing_view), self.tr("Pricing"))
        if self.queue_view is not None:
            self.tabs.setTabText(self.tabs.indexOf(self.queue_view), self.tr("Cloud queue"))
        if self.cloud_log_view is not None:
            self.tabs.setTabText(self.tabs.indexOf(self.cloud_log_view), self.tr("Cloud log"))

        self._file_menu.setTitle(self.tr("&File"))
        self._quit_action.setText(self.tr("&Quit"))
        self._import_action.setText(self.tr("&Import a file…"))
        self._settings_menu.setTitle(self.tr("&Settings"))
        self._cloud_settings_action.setText(self.tr("&Cloud…"))
        self._language_menu.setTitle(self.tr("&Language"))
        self._language_actions["auto"].setText(self.tr("System language"))

    def open_import_wizard(self) -> None:
        """Open the import wizard; the inventory reloads after an import or its undo."""
        from retail_assistant.gui.import_wizard import ImportWizard

        wizard = ImportWizard(self._services.settings.database_path, self)
        wizard.finished.connect(lambda _result: self.inventory_tab.reload())
        wizard.open()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.cloud_monitor.stop()
        if self.cloud_settings_dialog is not None:
            self.cloud_settings_dialog.reject()
        self.chat_panel.shut_down()
        self.pricing_view.shut_down()
        self._network_tasks.shut_down()
        self._store_tasks.shut_down()
        # Every thread that could stream from them has stopped, so the replaced gateways can close;
        # Services.close closes the current one.
        for cloud in self._retired_clouds:
            cloud.close()
        self._retired_clouds.clear()
        super().closeEvent(event)

    # -- language --------------------------------------------------------------------------

    def choose_language(self, setting: str) -> None:
        """Switch the window to `setting` ("auto", "en" or "es") now and keep it for the next start."""
        try:
            self._services.settings = save_settings(self._services.settings, language=setting)
        except (OSError, RetailAssistantError) as error:
            log.error("cannot save the language setting %r: %s", setting, error)
            self.statusBar().showMessage(
                self.tr("The language is changed for this session only: {error}").format(error=error), _MESSAGE_MS
            )

        shown = self._translations.apply(setting)
        wanted = resolve_language(setting, QLocale.system().name())
        if shown != wanted:
            self.statusBar().showMessage(
                self.tr("The translation for {language} is not installed; run 'make' to build it.").format(
                    language=_LANGUAGE_NAMES[wanted]
                ),
                _MESSAGE_MS,
            )
        self._check_language_action(setting)

    # -- cloud -----------------------------------------------------------------------------

    def open_cloud_settings(self) -> CloudSettingsDialog:
        """Open the cloud settings dialog (window-modal, without blocking) and return it."""
        if self.cloud_settings_dialog is not None:
            if self.cloud_settings_dialog.isVisible():
                self.cloud_settings_dialog.raise_()
                return self.cloud_settings_dialog
            self.cloud_settings_dialog.deleteLater()

        dialog = CloudSettingsDialog(self._services.settings, parent=self)
        dialog.settings_saved.connect(self._on_cloud_settings_saved)
        self.cloud_settings_dialog = dialog
        dialog.open()
        return dialog

    @Slot()
    def run_cloud_queue(self) -> bool:
        """Send the waiting writing tasks to the cloud on the network thread; return whether a run started.

        Nothing is sent while the shop's policy is local only, while no cloud is set up, or
        while a run is already going.
        """
        services = self._services
        cloud = services.cloud
        if self._queue_running or services.queue is None or cloud is None or not cloud.configured:
            return False
        if services.settings.cloud_policy == _LOCAL_ONLY:
            return False

        self._queue_running = True
        if self.queue_view is not None:
            self.queue_view.set_running(True)
        assistant, queue = services.assistant, services.queue
        self._network_tasks.submit(
            lambda: run_queue(assistant, queue, reachable=cloud.check),
            on_done=self._on_queue_ran,
            on_error=self._on_queue_failed,
        )
        return True

    @property
    def queue_running(self) -> bool:
        """Whether the queued tasks are being sent."""
        return self._queue_running

    def _on_cloud_settings_saved(self, saved: Settings) -> None:
        self._services.settings = saved
        try:
            previous = rebuild_cloud(self._services)
        except RetailAssistantError as error:
            log.error("the cloud settings were saved but the cloud cannot be built: %s", error)
            self.statusBar().showMessage(
                self.tr("The cloud settings were saved, but the cloud cannot be used: {error}").format(
                    error=describe_error(error).detail), _MESSAGE_MS)
            return

        if previous is not None:
            self._retired_clouds.append(previous)
        self.statusBar().showMessage(self.tr("The cloud settings are saved."), _MESSAGE_MS)
        self._update_cloud_controls()
        self.cloud_monitor.restart()
        if self.cloud_log_view is not None:
            self.cloud_log_view.refresh()

    def _update_cloud_controls(self) -> None:
        cloud = self._services.cloud
        usable = cloud is not None and cloud.configured and self._services.settings.cloud_policy != _LOCAL_ONLY
        self.chat_panel.set_cloud_available(usable)
        if self.queue_view is not None:
            self.queue_view.set_cloud_ready(usable)

    @Slot(object)
    def _on_cloud_status(self, status: CloudStatus) -> None:
        self.online_status.show_status(status)

    @Slot()
    def _on_came_online(self) -> None:
        # Tasks wait only under the automatic policy; "ask first" sends them on Run now only.
        if self._services.settings.cloud_policy == _AUTOMATIC:
            self.run_cloud_queue()

    @Slot(object)
    def _on_answer_finished(self, answer: Answer) -> None:
        self.cloud_monitor.observe()
        if self.queue_view is not None:
            self.queue_view.refresh()
        if self.cloud_log_view is not None:
            self.cloud_log_view.refresh()

    def _on_queue_ran(self, result: QueueRun) -> None:
        self._queue_running = False
        if result.done == result.failed == result.still_pending == 0:
            # The queue was empty, as after most reconnections: nothing to report.
            self._after_queue_run("")
            return
        message = self.tr("Queued tasks: {done} answered by the cloud, {pending} still waiting, {failed} failed")
        message = message.format(done=result.done, pending=result.still_pending, failed=result.failed)
        self._after_queue_run(message)

    def _on_queue_failed(self, error: Exception) -> None:
        self._queue_running = False
        self._after_queue_run(self.tr("The queued tasks were not sent: {error}").format(
            error=describe_error(error).detail))

    def _after_queue_run(self, message: str) -> None:
        if message:
            self.statusBar().showMessage(message, _MESSAGE_MS)
        self.cloud_monitor.observe()
        if self.queue_view is not None:
            self.queue_view.set_running(False, message)
            self.queue_view.refresh()
        if self.cloud_log_view is not None:
            self.cloud_log_view.refresh()

    # -- building --------------------------------------------------------------------------

    def _build_tabs(self) -> None:
        # The shop's own work first, then the records of what went to the cloud.
        self.tabs.addTab(self.chat_panel, "")
        self.tabs.addTab(self.inventory_tab, "")
        self.tabs.addTab(self.pricing_view, "")
        if self.queue_view is not None:
            self.tabs.addTab(self.queue_view, "")
        if self.cloud_log_view is not None:
            self.tabs.addTab(self.cloud_log_view, "")

    def _build_menus(self) -> None:
        self._file_menu = QMenu(self)
        self._quit_action = QAction(self)
        self._quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        self._quit_action.triggered.connect(self.close)
        self._import_action = QAction(self)
        self._import_action.triggered.connect(self.open_import_wizard)
        self._file_menu.addAction(self._import_action)
        self._file_menu.addAction(self._quit_action)
        self.menuBar().addMenu(self._file_menu)

        self._settings_menu = QMenu(self)
        self._cloud_settings_action = QAction(self)
        self._cloud_settings_action.triggered.connect(self.open_cloud_settings)
        self._settings_menu.addAction(self._cloud_settings_action)
        self.menuBar().addMenu(self._settings_menu)

        self._language_menu = QMenu(self)
        group = QActionGroup(self)
        group.setExclusive(True)
        self._language_actions: dict[str, QAction] = {}
        for setting in ("auto", "en", "es"):
            action = QAction(_LANGUAGE_NAMES.get(setting, ""), self)
            action.setCheckable(True)
            action.setData(setting)
            group.addAction(action)
            self._language_menu.addAction(action)
            self._language_actions[setting] = action
        self._language_menu.insertSeparator(self._language_actions["en"])
        group.triggered.connect(self._on_language_triggered)
        self.menuBar().addMenu(self._language_menu)
        self._check_language_action(self._services.settings.language)

    def _check_language_action(self, setting: str) -> None:
        action = self._language_actions.get(setting)
        if action is not None:
            action.setChecked(True)

    @Slot(QAction)
    def _on_language_triggered(self, action: QAction) -> None:
        self.choose_language(str(action.data()))


def show_main_window(services: Services, translations: Translations, **options: int) -> MainWindow:
    """Show the main window, then start loading the model and checking the cloud once it is on screen.

    A large model file can take many seconds to load, and the load runs on the model's
    own thread, so the window is usable before the model is ready. `options` go to MainWindow.
    """
    window = MainWindow(services, translations, **options)
    window.resize(*DEFAULT_SIZE)
    window.show()
    QTimer.singleShot(0, services.model.start)
    QTimer.singleShot(0, window.cloud_monitor.start)
    return window
