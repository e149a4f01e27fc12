"""Fixtures for the desktop app's tests: offscreen Qt, a demo shop per test, real services.

QT_QPA_PLATFORM is set before any Qt module is imported, so the tests run without a
display. Each test gets its own data folder with a copy of one demo shop created
once per session, and its own settings, so no test sees another's changes.
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import gc  # noqa: E402 - after the platform is chosen
import sqlite3  # noqa: E402
from collections.abc import Callable, Iterator  # noqa: E402
from datetime import date  # noqa: E402
from pathlib import Path  # noqa: E402

import pytest  # noqa: E402

from retail_assistant.adapters.llm import LocalModelWorker  # noqa: E402
from retail_assistant.adapters.store.catalog import SqliteCatalog  # noqa: E402
from retail_assistant.bootstrap import Services, build_services  # noqa: E402
from retail_assistant.core.assistant import Assistant  # noqa: E402
from retail_assistant.demo import create_demo_shop  # noqa: E402
from retail_assistant.gui.i18n import Translations, compile_translations  # noqa: E402
from retail_assistant.gui.main_window import MainWindow, show_main_window  # noqa: E402
from retail_assistant.settings import Settings, load_settings  # noqa: E402

DEMO_DAY = date(2025, 6, 2)
"""A fixed day for the demo shop, so every run sees the same stock."""

_ENVIRONMENT = (
    "RETAIL_ASSISTANT_HOME",
    "RETAIL_ASSISTANT_MODEL",
    "RETAIL_ASSISTANT_LANGUAGE",
    "RETAIL_ASSISTANT_THREADS",
    "RETAIL_ASSISTANT_CLOUD_URL",
    "RETAIL_ASSISTANT_CLOUD_MODEL",
)


@pytest.fixture(autouse=True)
def _clean_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    # A developer's own settings must not leak into the tests.
    for name in _ENVIRONMENT:
        monkeypatch.delenv(name, raising=False)


@pytest.fixture(autouse=True)
def _collect_garbage_on_main_thread() -> Iterator[None]:
    # The cyclic collector may run on a model or question thread and free a closed
    # window there, which Qt does not allow. As in the app, only the main thread collects.
    gc.disable()
    yield
    gc.collect()
    gc.enable()


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A demo shop database created once per session, to be copied, never opened for writing."""
    path = tmp_path_factory.mktemp("demo-template") / "shop.sqlite"
    create_demo_shop(path, today=DEMO_DAY)
    return path


@pytest.fixture
def home(tmp_path: Path, demo_template: Path) -> Path:
    """A data folder holding a fresh copy of the demo shop."""
    folder = tmp_path / "home"
    folder.mkdir()
    _copy_database(demo_template, folder / "shop.sqlite")
    return folder


@pytest.fixture(scope="session")
def translations_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The window's translations compiled from the .ts sources into a temporary folder."""
    folder = tmp_path_factory.mktemp("i18n")
    compile_translations(output_dir=folder)
    return folder


@pytest.fixture
def translations(qapp, translations_folder: Path) -> Iterator[Translations]:
    """The translators of one test, removed afterwards so the next test starts in English."""
    installed = Translations(qapp, directory=translations_folder)
    yield installed
    installed.remove()


@pytest.fixture
def open_window(qtbot, translations: Translations) -> Iterator[Callable[..., MainWindow]]:
    """A function that builds the services, shows the window and closes both after the test."""
    opened: list[tuple[MainWindow, Services]] = []

    def open_window(settings: Settings, *, loader=None) -> MainWindow:
        translations.apply(settings.language)
        services = _services(settings, loader) if loader else build_services(settings, start_model=False)
        window = show_main_window(services, translations)
        opened.append((window, services))
        qtbot.waitExposed(window)
        return window

    yield open_window
    for window, services in opened:
        window.close()
        services.close()


@pytest.fixture
def settings(home: Path) -> Settings:
    """The settings of `home`, loaded as the app loads them, with the window forced to English."""
    return load_settings(home=home, overrides={"language": "en"})


def _services(settings: Settings, loader) -> Services:
    catalog = SqliteCatalog(settings.database_path)
    model = LocalModelWorker(settings.model_path, n_ctx=settings.n_ctx, n_threads=settings.n_threads, loader=loader)
    assistant = Assistant(catalog, model, reword_data_answers=settings.phrase_data_answers)
    return Services(settings=settings, catalog=catalog, model=model, assistant=assistant)


def _copy_database(source: Path, target: Path) -> None:
    # The backup API copies a consistent database even if a WAL file is beside it.
    origin = sqlite3.connect(source)
    copy = sqlite3.connect(target)
    try:
        origin.backup(copy)
    finally:
        copy.close()
        origin.close()
