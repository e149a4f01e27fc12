"""Starting the app: the display check before Qt, and a whole run of the event loop."""

from __future__ import annotations

import subprocess
import sys

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from retail_assistant.adapters.llm import ModelState
from retail_assistant.gui.launch import launch
from retail_assistant.gui.main_window import MainWindow
from retail_assistant.gui.platform_check import EXAMPLE_COMMAND

linux_only = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the display check is for Linux")


def test_launch_module_imports_no_qt():
    code = (
        "import sys, retail_assistant.gui.launch, retail_assistant.gui.platform_check\n"
        "assert not [name for name in sys.modules if name.startswith('PySide6')], 'Qt was imported'\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


@linux_only
def test_no_display_prints_one_line(monkeypatch, capsys, settings):
    for name in ("QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY"):
        monkeypatch.delenv(name, raising=False)

    assert launch(settings) == 0

    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.count("\n") == 1
    assert EXAMPLE_COMMAND in captured.err


def test_launch_runs_until_window_closes(qapp, settings):
    seen: dict[str, object] = {}

    def close_when_ready(attempts_left: int = 300) -> None:
        windows = [widget for widget in QApplication.topLevelWidgets()
                   if isinstance(widget, MainWindow) and widget.isVisible()]
        ready = bool(windows) and windows[0].model_status.state is ModelState.READY
        if ready or attempts_left == 0:
            seen["ready"] = ready
            seen["title"] = windows[0].windowTitle() if windows else None
            for window in windows:
                window.close()
            return
        QTimer.singleShot(100, lambda: close_when_ready(attempts_left - 1))

    QTimer.singleShot(0, close_when_ready)
    assert launch(settings) == 0
    assert seen == {"ready": True, "title": "Retail Assistant: questions about your shop"}
