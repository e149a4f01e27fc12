"""Fixtures for the pricing tests: offscreen Qt, one demo shop per session copied per test, the committed model.

QT_QPA_PLATFORM is set before any Qt module is imported, so the view's test runs
without a display.
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import gc  # noqa: E402 - after the platform is chosen
import sqlite3  # noqa: E402
from collections.abc import Iterator  # noqa: E402
from datetime import date  # noqa: E402
from pathlib import Path  # noqa: E402

import pytest  # noqa: E402

from retail_assistant.adapters.pricing.onnx_model import DemandModel  # noqa: E402
from retail_assistant.demo import create_demo_shop  # noqa: E402

DEMO_DAY = date(2025, 6, 2)
"""A fixed day for the demo shop, so every run sees the same stock and expiry dates."""


@pytest.fixture(autouse=True)
def _collect_garbage_on_main_thread() -> Iterator[None]:
    # The cyclic collector may run on the pricing worker thread and free a widget of an
    # earlier test there, which Qt does not allow. Only the main thread collects.
    gc.disable()
    yield
    gc.collect()
    gc.enable()


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A demo shop created once per session, to be copied, never written."""
    path = tmp_path_factory.mktemp("pricing-demo") / "shop.sqlite"
    create_demo_shop(path, today=DEMO_DAY)
    return path


@pytest.fixture
def shop(tmp_path: Path, demo_template: Path) -> Path:
    """A fresh copy of the demo shop for one test."""
    target = tmp_path / "shop.sqlite"
    origin = sqlite3.connect(demo_template)
    copy = sqlite3.connect(target)
    try:
        origin.backup(copy)
    finally:
        copy.close()
        origin.close()
    return target


@pytest.fixture(scope="session")
def model() -> DemandModel:
    """The committed pricing model, loaded once."""
    return DemandModel.load()
