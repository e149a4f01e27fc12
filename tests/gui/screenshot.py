"""Save a screenshot of the main window after a few answers, for the README.

Run from the repository root: `python -m tests.gui.screenshot docs/screenshot.png`.
It needs no display (Qt draws offscreen), builds the demo shop in a temporary
folder, asks the `QUESTIONS` of the chosen language with the real default model loaded, and saves the window.
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import argparse  # noqa: E402 - after the platform is chosen
import sys  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402
from collections.abc import Callable, Sequence  # noqa: E402
from datetime import date  # noqa: E402
from pathlib import Path  # noqa: E402

from PySide6.QtWidgets import QApplication  # noqa: E402

from retail_assistant.adapters.llm import ModelState  # noqa: E402
from retail_assistant.bootstrap import build_services  # noqa: E402
from retail_assistant.demo import create_demo_shop  # noqa: E402
from retail_assistant.gui.i18n import Translations  # noqa: E402
from retail_assistant.gui.main_window import DEFAULT_SIZE, show_main_window  # noqa: E402
from retail_assistant.gui.transcript import EntryState  # noqa: E402
from retail_assistant.settings import load_settings  # noqa: E402

QUESTIONS = {
    "en": (
        "How many jars of rosemary honey are left?",
        "What is the price of the aged Manchego cheese wedge?",
        "¿Cuánto cuesta la ventresca de atún?",
    ),
    "es": (
        "¿Cuántos tarros de miel de romero quedan?",
        "¿Cuánto cuesta la cuña de queso manchego curado?",
        "How much is the tuna belly in olive oil?",
    ),
}
"""Questions per window language; each set also asks one in the other language."""
DEMO_DAY = date(2025, 6, 2)
TIMEOUT_SECONDS = 60.0


def main(argv: Sequence[str] | None = None) -> int:
    """Parse the output path, take the screenshot and return the exit status."""
    parser = argparse.ArgumentParser(description="Save a screenshot of the main window after a few answers.")
    parser.add_argument("output", type=Path, help="the PNG file to write")
    parser.add_argument("--language", choices=sorted(QUESTIONS), default="en",
                        help="the window's language and the questions asked (default: en)")
    options = parser.parse_args(argv)

    app = QApplication.instance() or QApplication(sys.argv[:1])
    with tempfile.TemporaryDirectory() as folder:
        home = Path(folder)
        create_demo_shop(home / "shop.sqlite", today=DEMO_DAY)
        settings = load_settings(home=home, overrides={"language": options.language})
        translations = Translations(app)
        translations.apply(settings.language)
        services = build_services(settings, start_model=False)
        window = show_main_window(services, translations)
        try:
            panel = window.chat_panel
            for question in QUESTIONS[options.language]:
                panel.question_box.setText(question)
                panel.ask()
            transcript = panel.transcript
            done = (EntryState.FINISHED, EntryState.STOPPED, EntryState.FAILED)
            finished = _wait(lambda: all(transcript.entry_state(entry) in done for entry in transcript.entry_ids())
                             and window.model_status.state is ModelState.READY)
            if not finished:
                print(f"error: the answers did not finish within {TIMEOUT_SECONDS:.0f} s", file=sys.stderr)
                return 1

            window.resize(*DEFAULT_SIZE)
            transcript.verticalScrollBar().setValue(0)
            app.processEvents()
            options.output.parent.mkdir(parents=True, exist_ok=True)
            if not window.grab().save(str(options.output)):
                print(f"error: cannot write {options.output}", file=sys.stderr)
                return 1
        finally:
            window.close()
            services.close()
            translations.remove()
    print(f"saved {options.output}")
    return 0


def _wait(condition: Callable[[], bool]) -> bool:
    deadline = time.monotonic() + TIMEOUT_SECONDS
    while time.monotonic() < deadline:
        QApplication.processEvents()
        if condition():
            return True
        time.sleep(0.02)
    return False


if __name__ == "__main__":
    raise SystemExit(main())
