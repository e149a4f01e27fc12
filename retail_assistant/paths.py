"""Where things are: read-only resources and the user's data folder.

Resources (translations, prompts, the default model) are read through `resource_path`
and `models_dir`, which work both from the source tree and from a PyInstaller bundle.
Nothing is ever written there; user data goes under `data_home`.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import platformdirs

__all__ = ["HOME_ENV", "data_home", "models_dir", "resource_path"]

HOME_ENV = "RETAIL_ASSISTANT_HOME"
_APP_NAME = "retail-assistant"


def _bundle_root() -> Path:
    # PyInstaller unpacks (or lays out) the bundle under sys._MEIPASS.
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        return Path(frozen_root)
    return Path(__file__).resolve().parent.parent


def resource_path(*parts: str) -> Path:
    """Return the path of a read-only resource under `resources/`."""
    return _bundle_root().joinpath("resources", *parts)


def models_dir() -> Path:
    """Return the folder where the bundled or set-up model files are."""
    return _bundle_root() / "models"


def data_home(explicit: Path | None = None) -> Path:
    """Return the shop's data folder: `explicit`, else $RETAIL_ASSISTANT_HOME, else the user data folder."""
    if explicit is not None:
        return explicit.expanduser()
    from_env = os.environ.get(HOME_ENV)
    if from_env:
        return Path(from_env).expanduser()
    return Path(platformdirs.user_data_dir(_APP_NAME, appauthor=False))
