"""The main window: the Assistant and Inventory tabs, the Language menu and the status bar."""

from __future__ import annotations

import logging

from PySide6.QtCore import QEvent, QLocale, QTimer, Slot
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QKeySequence
from PySide6.QtWidgets import QLabel, QMainWindow, QMenu, QTabWidget, QWidget

from retail_assistant.bootstrap import Services
from retail_assistant.core.errors import RetailAssistantError
from retail_assistant.gui.chat_panel import ChatPanel
from retail_assistant.gui.i18n import Translations, resolve_language
from retail_assistant.gui.inventory_tab import InventoryTab, ProductTableModel
from retail_assistant.gui.model_status import ModelStatusLabel
from retail_assistant.gui.workers import AskQueue
from retail_assistant.settings import save_settings

__all__ = ["DEFAULT_SIZE", "MainWindow", "show_main_window"]

log = logging.getLogger(__name__)

DEFAULT_SIZE = (1000, 700)
"""The window's first size in pixels: room for an answer and the inventory's seven columns."""

_MESSAGE_MS = 8000

# Language names are written in their own language, so anyone can find theirs.
_LANGUAGE_NAMES = {"en": "English", "es": "Español"}


class MainWindow(QMainWindow):
    """The app's one window, built over the running services of one shop."""

    def __init__(self, services: Services, translations: Translations, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._services = services
        self._settings = services.settings
        self._translations = translations

        ask_queue = AskQueue(services.assistant.ask, close_connection=services.catalog.close, parent=self)
        self.chat_panel = ChatPanel(ask_queue, language=self.language, parent=self)
        inventory_model = ProductTableModel(services.catalog.repository, parent=self)
        self.inventory_tab = InventoryTab(
            inventory_model, language=self.language, catalog_version=services.catalog.version, parent=self
        )
        self.tabs = QTabWidget(self)
        self.tabs.addTab(self.chat_panel, "")
        self.tabs.addTab(self.inventory_tab, "")
        self.setCentralWidget(self.tabs)

        self.model_status = ModelStatusLabel(services.model, self)
        self.online_status = QLabel(self)
        self.statusBar().addWidget(self.model_status, stretch=1)
        self.statusBar().addPermanentWidget(self.online_status)

        self._build_menus()
        self.retranslate()
        self.chat_panel.setFocus()

    def language(self) -> str:
        """Return the language the window is shown in: "en" or "es"."""
        return self._translations.language

    def retranslate(self) -> None:
        """Set every text of the window itself in the current language; each tab does its own."""
        self.setWindowTitle(self.tr("Retail Assistant: questions about your shop"))
        self.tabs.setTabText(self.tabs.indexOf(self.chat_panel), self.tr("Assistant"))
        self.tabs.setTabText(self.tabs.indexOf(self.inventory_tab), self.tr("Inventory"))
        # NOTE: the cloud route does not exist yet, so the window is always offline.
        self.online_status.setText(self.tr("Offline mode: local only"))
        self.online_status.setToolTip(self.tr("Every answer is computed on this computer; nothing is sent out."))

        self._file_menu.setTitle(self.tr("&File"))
        self._quit_action.setText(self.tr("&Quit"))
        self._language_menu.setTitle(self.tr("&Language"))
        self._language_actions["auto"].setText(self.tr("System language"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.chat_panel.shut_down()
        super().closeEvent(event)

    def choose_language(self, setting: str) -> None:
        """Switch the window to `setting` ("auto", "en" or "es") now and keep it for the next start."""
        try:
            self._settings = save_settings(self._settings, language=setting)
            self._services.settings = self._settings
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

    def _build_menus(self) -> None:
        self._file_menu = QMenu(self)
        self._quit_action = QAction(self)
        self._quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        self._quit_action.triggered.connect(self.close)
        self._file_menu.addAction(self._quit_action)
        self.menuBar().addMenu(self._file_menu)

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
        self._check_language_action(self._settings.language)

    def _check_language_action(self, setting: str) -> None:
        action = self._language_actions.get(setting)
        if action is not None:
            action.setChecked(True)

    @Slot(QAction)
    def _on_language_triggered(self, action: QAction) -> None:
        self.choose_language(str(action.data()))


def show_main_window(services: Services, translations: Translations) -> MainWindow:
    """Show the main window, then start loading the model once the window is on screen.

    A large model file can take many seconds to load, and the load runs on the model's
    own thread, so the window is usable before the model is ready.
    """
    window = MainWindow(services, translations)
    window.resize(*DEFAULT_SIZE)
    window.show()
    QTimer.singleShot(0, services.model.start)
    return window
