"""Starting the desktop app: check for a display, build the services, run the window.

Qt widgets are imported only after `find_display_problem` has passed, because Qt
aborts the process when its platform plugin cannot start.

Python's cyclic garbage collector runs on whichever thread happens to allocate, but
Qt widgets must be destroyed on the GUI thread. A widget in a reference cycle that
is collected on the model or question thread can hang or crash the process (with
PySide6 6.11, collecting closed windows on another thread hung). So while the window
runs, automatic collection is off and a GUI-thread timer collects instead.
"""

from __future__ import annotations

import gc
import logging
import sys

from retail_assistant.core.errors import RetailAssistantError
from retail_assistant.gui.platform_check import find_display_problem
from retail_assistant.settings import Settings

__all__ = ["GC_INTERVAL_MS", "launch", "open_window_for_check"]

log = logging.getLogger(__name__)

GC_INTERVAL_MS = 10_000
"""How often the GUI thread collects cyclic garbage while the window runs."""


def launch(settings: Settings) -> int:
    """Open the window on the shop of `settings`, run it until it closes, and return the exit status."""
    problem = find_display_problem()
    if problem is not None:
        print(problem.message, file=sys.stderr)
        return problem.exit_status

    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from retail_assistant.bootstrap import build_services
    from retail_assistant.gui.first_run import needs_first_run, run_first_run
    from retail_assistant.gui.i18n import Translations
    from retail_assistant.gui.main_window import show_main_window

    _route_qt_messages_to_log()
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv[:1] or ["retail-assistant"])
    app.setApplicationName("Retail Assistant")
    app.setDesktopFileName("retail-assistant")

    translations = Translations(app)
    translations.apply(settings.language)
    # The offscreen platform shows no screen to answer, so tests and scripted runs go straight to the window.
    if app.platformName() != "offscreen" and needs_first_run(settings):
        settings = run_first_run(settings, translations, has_shop=settings.database_path.exists())
    try:
        _open_shop(settings)
    except RetailAssistantError as error:
        # No window, no threads: say what is wrong where a person who double-clicked will see it.
        log.error("cannot open the shop: %s", error)
        print(f"error: {error}", file=sys.stderr)
        if app.platformName() != "offscreen":
            # Offscreen nobody could close the dialog, and stderr already has the message.
            from PySide6.QtCore import QCoreApplication
            from PySide6.QtWidgets import QMessageBox

            title = QCoreApplication.translate("Launch", "Retail Assistant cannot open the shop")
            QMessageBox.critical(None, title, str(error))
        translations.remove()
        return 1
    services = build_services(settings, start_model=False)
    collector = QTimer()
    collector.timeout.connect(gc.collect)
    gc.disable()
    try:
        collector.start(GC_INTERVAL_MS)
        window = show_main_window(services, translations)
        log.info("window shown for the shop in %s", settings.home)
        status = app.exec()
        window.chat_panel.shut_down()
        del window
    finally:
        collector.stop()
        services.close()
        translations.remove()
        # Free the window and its cycles here, on the GUI thread, before collection may run anywhere.
        gc.collect()
        gc.enable()
    log.info("window closed with status %d", status)
    return status


def open_window_for_check(settings: Settings) -> str:
    """Open the main window on the shop of `settings`, check it shows, close it; return what was seen.

    Raises RuntimeError naming the problem when the window cannot be shown.
    """
    problem = find_display_problem()
    if problem is not None:
        raise RuntimeError(problem.message)

    from PySide6.QtWidgets import QApplication

    from retail_assistant.bootstrap import build_services
    from retail_assistant.gui.i18n import Translations
    from retail_assistant.gui.main_window import show_main_window

    _open_shop(settings)
    _route_qt_messages_to_log()
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(["retail-assistant"])
    translations = Translations(app)
    translations.apply(settings.language)
    services = build_services(settings, start_model=False)
    try:
        window = show_main_window(services, translations)
        app.processEvents()
        shown = window.isVisible()
        size = window.size()
        platform = app.platformName()
        window.chat_panel.shut_down()
        window.close()
        app.processEvents()
        del window
    finally:
        services.close()
        translations.remove()
        gc.collect()
    if not shown:
        raise RuntimeError(f"the main window did not show on the {platform} platform")
    return f"main window shown ({size.width()}x{size.height()}) on the {platform} platform"


def _open_shop(settings: Settings) -> None:
    """Create the demo shop on first run and check that the shop database opens.

    Raises StoreError (or InputError) before any window or thread exists, so a damaged
    database is reported instead of tearing down a half-built window.
    """
    from retail_assistant.adapters.store import open_database
    from retail_assistant.bootstrap import ensure_shop

    ensure_shop(settings)
    open_database(settings.database_path).conn.close()


def _route_qt_messages_to_log() -> None:
    """Send Qt's own warnings to the log file instead of the terminal."""
    from PySide6.QtCore import QtMsgType, qInstallMessageHandler

    qt_log = logging.getLogger("qt")
    levels = {
        QtMsgType.QtDebugMsg: logging.DEBUG,
        QtMsgType.QtInfoMsg: logging.INFO,
        QtMsgType.QtWarningMsg: logging.WARNING,
        QtMsgType.QtCriticalMsg: logging.ERROR,
        QtMsgType.QtFatalMsg: logging.CRITICAL,
    }

    def handle(kind: QtMsgType, context: object, message: str) -> None:
        qt_log.log(levels.get(kind, logging.WARNING), "%s", message)

    qInstallMessageHandler(handle)
