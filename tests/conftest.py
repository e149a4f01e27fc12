"""Shared fixtures: the real default model, loaded once per test session."""

from __future__ import annotations

from pathlib import Path

import pytest

from retail_assistant.paths import models_dir
from retail_assistant.settings import DEFAULT_MODEL_FILE

DEFAULT_MODEL = models_dir() / DEFAULT_MODEL_FILE


@pytest.fixture(scope="session")
def default_model_path() -> Path:
    """The default GGUF placed by `make setup`; tests fail, not skip, when it is missing."""
    assert DEFAULT_MODEL.is_file(), f"{DEFAULT_MODEL} is missing; run 'make setup' first"
    return DEFAULT_MODEL


@pytest.fixture(scope="session")
def local_model(default_model_path):
    """The real default model, loaded once and shared by the tests of one session."""
    from retail_assistant.adapters.llm import LocalModel

    model = LocalModel.load(default_model_path, n_ctx=1024, n_threads=2)
    yield model
    model.close()
