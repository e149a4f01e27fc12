"""The one settings object, loaded in one place.

Precedence, lowest first: defaults < the settings file in the data folder <
environment variables < command-line flags (passed as `overrides`).
"""

from __future__ import annotations

import json
import logging
import os
from dataclasses import dataclass, fields, replace
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from retail_assistant.core.errors import InputError
from retail_assistant.paths import data_home, models_dir

__all__ = ["DEFAULT_MODEL_FILE", "Settings", "load_settings", "save_settings"]

log = logging.getLogger(__name__)

DEFAULT_MODEL_FILE = "SmolLM2-135M-Instruct.Q4_1.gguf"
SETTINGS_FILE = "settings.json"

# Environment variable -> settings field.
_ENVIRONMENT = {
    "RETAIL_ASSISTANT_MODEL": "model_path",
    "RETAIL_ASSISTANT_LANGUAGE": "language",
    "RETAIL_ASSISTANT_THREADS": "n_threads",
    "RETAIL_ASSISTANT_CLOUD_URL": "cloud_url",
    "RETAIL_ASSISTANT_CLOUD_MODEL": "cloud_model",
    "RETAIL_ASSISTANT_CLOUD_PRESET": "cloud_preset",
    "RETAIL_ASSISTANT_CLOUD_POLICY": "cloud_policy",
}
_POLICIES = ("automatic", "ask_first", "local_only")
_LANGUAGES = ("auto", "en", "es")

# Accepted ranges of the numeric settings. The upper bounds catch typos (an extra zero)
# before llama.cpp tries to allocate memory for them.
_RANGES = {
    "n_ctx": (256, 131_072),
    "n_threads": (1, 256),
    "max_tokens": (1, 8192),
}


@dataclass(frozen=True)
class Settings:
    """Everything the services are built from."""

    home: Path
    model_path: Path
    language: str = "auto"
    n_ctx: int = 2048
    n_threads: int = 2
    max_tokens: int = 256
    phrase_data_answers: bool = False
    """Let the local model reword data answers (numbers checked). Off by default because the
    default 135M model's rewordings often keep the numbers but read badly."""
    cloud_url: str | None = None
    """Base URL of an OpenAI-compatible endpoint, ending in /v1. The API key is never a
    setting: it lives in the system keyring or RETAIL_ASSISTANT_CLOUD_API_KEY."""
    cloud_model: str | None = None
    cloud_preset: str = "custom"
    cloud_policy: str = "automatic"
    cloud_monthly_budget: str | None = None
    """Monthly cloud spending limit in the price currency ("20.00"); None for no limit."""
    cloud_budget_warning: str = "0.8"
    cloud_allow_business_data: bool = False
    cloud_proxy: str | None = None
    cloud_ca_file: str | None = None
    cloud_price_input: str | None = None
    """Price per million input tokens of the cloud model, in the budget's currency."""
    cloud_price_output: str | None = None

    @property
    def database_path(self) -> Path:
        """The shop database file."""
        return self.home / "shop.sqlite"

    @property
    def log_dir(self) -> Path:
        """The folder of the rotating log file."""
        return self.home / "logs"


_DEFAULTS = Settings(home=Path("."), model_path=models_dir() / DEFAULT_MODEL_FILE)


def load_settings(*, home: Path | None = None, overrides: dict[str, Any] | None = None) -> Settings:
    """Load the settings for the shop in `home` (or the default data folder).

    Raises InputError naming the file or variable when a value is invalid.
    """
    folder = data_home(home)
    settings = Settings(home=folder, model_path=models_dir() / DEFAULT_MODEL_FILE)

    settings = _merge(settings, _read_file(folder / SETTINGS_FILE), source=str(folder / SETTINGS_FILE))
    from_env = {field: os.environ[name] for name, field in _ENVIRONMENT.items() if os.environ.get(name)}
    settings = _merge(settings, from_env, source="the environment")
    settings = _merge(settings, overrides or {}, source="the command line")
    return settings


def save_settings(settings: Settings, **changes: Any) -> Settings:
    """Write `changes` into the settings file of `settings.home` and return the new settings."""
    path = settings.home / SETTINGS_FILE
    stored = _read_file(path)
    for key, value in changes.items():
        # None clears a setting: it leaves the file, and the default applies again.
        if value is None:
            stored.pop(key, None)
        else:
            stored[key] = str(value) if isinstance(value, Path) else value
    path.parent.mkdir(parents=True, exist_ok=True)

    # Write a sibling file and rename it, so a crash never leaves half a settings file.
    partial = path.with_suffix(".json.partial")
    partial.write_text(json.dumps(stored, indent=2, sort_keys=True), encoding="utf-8")
    partial.replace(path)
    cleared = {key: getattr(_DEFAULTS, key) for key, value in changes.items() if value is None and key != "home"}
    return replace(_merge(settings, changes, source=str(path)), **cleared)


def _read_file(path: Path) -> dict[str, Any]:
    if not path.exists():
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise InputError(f"cannot read the settings file {path}: {error}; fix or delete it") from error
    if not isinstance(data, dict):
        raise InputError(f"the settings file {path} must contain a JSON object; fix or delete it")
    return data


def _merge(settings: Settings, values: dict[str, Any], *, source: str) -> Settings:
    known = {field.name: field for field in fields(Settings)}
    changes: dict[str, Any] = {}
    for key, value in values.items():
        if key not in known or key == "home":
            log.warning("ignoring unknown setting %r from %s", key, source)
            continue
        if value is None:
            continue
        changes[key] = _convert(key, value, source=source)
    return replace(settings, **changes)


def _convert(key: str, value: Any, *, source: str) -> Any:
    if key == "model_path":
        return Path(str(value)).expanduser()
    if key == "language":
        if value not in _LANGUAGES:
            raise InputError(f"invalid language {value!r} in {source}; use one of {', '.join(_LANGUAGES)}")
        return value
    if key in _RANGES:
        low, high = _RANGES[key]
        try:
            number = int(value)
        except (TypeError, ValueError, OverflowError):
            raise InputError(f"invalid {key} {value!r} in {source}; use a whole number") from None
        if not low <= number <= high:
            raise InputError(f"invalid {key} {value!r} in {source}; use a number from {low} to {high}")
        return number
    if key in ("phrase_data_answers", "cloud_allow_business_data"):
        if isinstance(value, bool):
            return value
        return str(value).lower() in ("1", "true", "yes", "on")
    if key == "cloud_policy":
        if value not in _POLICIES:
            raise InputError(f"invalid cloud_policy {value!r} in {source}; use one of {', '.join(_POLICIES)}")
        return value
    if key in ("cloud_monthly_budget", "cloud_budget_warning", "cloud_price_input", "cloud_price_output"):
        try:
            number = Decimal(str(value))
        except InvalidOperation:
            raise InputError(f"invalid {key} {value!r} in {source}; use a plain number such as 20.00") from None
        if not number.is_finite() or number < 0:
            raise InputError(f"invalid {key} {value!r} in {source}; use a number of 0 or more")
        return str(number)
    return str(value)
