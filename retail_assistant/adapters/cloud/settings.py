"""Settings of the cloud endpoint, and presets for the providers we know.

Every listed provider speaks the OpenAI Chat Completions protocol under a base URL that ends
in /v1, so one client serves them all. A preset only fills in the base URL, a default model
and the quirks of that provider. The settings are validated when they are built, so a client
never starts from an address it cannot use.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from types import MappingProxyType
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from retail_assistant.core.errors import InputError

__all__ = ["PRESETS", "CloudSettings", "ModelPrice", "ProviderPreset", "check_api_key", "redact_url"]

CUSTOM = "custom"


@dataclass(frozen=True)
class ProviderPreset:
    """A provider's default base URL and model, and how its API differs from OpenAI's."""

    name: str
    label: str
    base_url: str
    model: str
    needs_key: bool = True
    runs_locally: bool = False
    """A server on this computer or the shop's network: its calls cost nothing."""
    include_usage: bool = True
    """Whether the request may ask for usage with `stream_options`; Mistral rejects the field."""


PRESETS: Mapping[str, ProviderPreset] = MappingProxyType(
    {
        preset.name: preset
        for preset in (
            ProviderPreset("openai", "OpenAI", "https://api.openai.com/v1", "gpt-4o-mini"),
            ProviderPreset(
                "mistral", "Mistral", "https://api.mistral.ai/v1", "mistral-small-latest", include_usage=False
            ),
            # The v1 API of Azure OpenAI, which takes the key as a Bearer token like OpenAI's own
            # client sends it. The model is the name of a deployment in the resource.
            ProviderPreset("azure", "Azure OpenAI", "https://<resource>.openai.azure.com/openai/v1", "gpt-4o-mini"),
            # Groq rejected stream_options with HTTP 400 in 2024 and sends usage under "x_groq" anyway.
            ProviderPreset("groq", "Groq", "https://api.groq.com/openai/v1", "llama-3.1-8b-instant", include_usage=False),
            # vLLM serves the model it was started with, so its name has to be entered.
            ProviderPreset("vllm", "vLLM (self-hosted)", "http://127.0.0.1:8000/v1", "", needs_key=False, runs_locally=True),
            ProviderPreset("ollama", "Ollama", "http://127.0.0.1:11434/v1", "llama3.2", needs_key=False, runs_locally=True),
            ProviderPreset(
                "llamacpp", "llama.cpp server", "http://127.0.0.1:8080/v1", "default", needs_key=False, runs_locally=True
            ),
        )
    }
)


@dataclass(frozen=True)
class ModelPrice:
    """The price of a model per million input (prompt) and output (completion) tokens."""

    input_per_million: Decimal
    output_per_million: Decimal
    currency: str = "USD"

    def __post_init__(self) -> None:
        for name in ("input_per_million", "output_per_million"):
            value = getattr(self, name)
            if not isinstance(value, Decimal):
                value = Decimal(str(value))
                object.__setattr__(self, name, value)
            if not value.is_finite() or value < 0:
                raise InputError(f"invalid cloud price {name} {value}; use a number of 0 or more")

    def cost_micros(self, prompt_tokens: int, completion_tokens: int) -> int:
        """Return the cost in millionths of the currency unit, rounded half up.

        A price per million tokens times a token count is exactly the cost in millionths.
        """
        micros = self.input_per_million * prompt_tokens + self.output_per_million * completion_tokens
        return int(micros.quantize(Decimal(1), rounding=ROUND_HALF_UP))


_FREE = ModelPrice(Decimal(0), Decimal(0))

# (lowest, highest) accepted value of each numeric setting.
_RANGES: dict[str, tuple[float, float]] = {
    "connect_timeout": (0.1, 120.0),
    "read_timeout": (0.1, 600.0),
    "deadline": (0.5, 3600.0),
    "max_retries": (0, 10),
    "max_retry_wait": (0.0, 600.0),
    "backoff_base": (0.0, 60.0),
    "breaker_failures": (1, 100),
    "breaker_cooldown": (0.1, 3600.0),
    "breaker_max_cooldown": (0.1, 86_400.0),
    "probe_timeout": (0.1, 60.0),
}


@dataclass(frozen=True, repr=False)
class CloudSettings:
    """The cloud endpoint and how to call it. An empty base URL or model means "not set up".

    Times are in seconds. `read_timeout` bounds the wait for the response headers and the gap
    between two chunks of the stream; `deadline` bounds a whole call, retries included.
    """

    base_url: str = ""
    model: str = ""
    preset: str = CUSTOM
    api_key: str | None = None
    connect_timeout: float = 5.0
    read_timeout: float = 30.0
    deadline: float = 120.0
    max_retries: int = 3
    max_retry_wait: float = 20.0
    """The maximum wait before a retry; a longer Retry-After fails the call at once instead."""
    backoff_base: float = 0.5
    breaker_failures: int = 3
    breaker_cooldown: float = 30.0
    breaker_max_cooldown: float = 300.0
    probe_timeout: float = 1.5
    proxy_url: str | None = None
    ca_file: Path | None = None
    """A PEM file of the certificate authorities to trust instead of the default store."""
    prices: Mapping[str, ModelPrice] = field(default_factory=dict, hash=False)
    include_usage: bool | None = None
    """Whether to ask for usage with `stream_options`; None takes the preset's choice (True for custom)."""

    def __post_init__(self) -> None:
        set_field = object.__setattr__
        set_field(self, "base_url", _check_base_url(self.base_url))
        set_field(self, "model", self.model.strip())
        if self.preset != CUSTOM and self.preset not in PRESETS:
            raise InputError(f"unknown cloud preset {self.preset!r}; use one of {', '.join([*PRESETS, CUSTOM])}")
        set_field(self, "api_key", check_api_key(self.api_key))
        for name, (low, high) in _RANGES.items():
            set_field(self, name, _check_number(name, getattr(self, name), low, high))
        if self.breaker_max_cooldown < self.breaker_cooldown:
            raise InputError("invalid cloud breaker_max_cooldown: it must be at least breaker_cooldown")
        set_field(self, "proxy_url", _check_proxy_url(self.proxy_url))
        set_field(self, "ca_file", _check_ca_file(self.ca_file))
        set_field(self, "prices", MappingProxyType(dict(self.prices)))
        if self.include_usage is None:
            preset = PRESETS.get(self.preset)
            set_field(self, "include_usage", preset.include_usage if preset is not None else True)

    @classmethod
    def from_preset(cls, name: str, **changes: Any) -> CloudSettings:
        """Build settings from a provider preset; `changes` override any field, such as the model."""
        preset = PRESETS.get(name)
        if preset is None:
            raise InputError(f"unknown cloud preset {name!r}; use one of {', '.join(PRESETS)}")
        values: dict[str, Any] = {"preset": name, "base_url": preset.base_url, "model": preset.model}
        values.update(changes)
        return cls(**values)

    def with_api_key(self, api_key: str | None) -> CloudSettings:
        """Return a copy that sends `api_key` (None sends no Authorization header)."""
        return replace(self, api_key=api_key)

    @property
    def configured(self) -> bool:
        """Whether a call can be attempted: a base URL, a model, and a key where the preset needs one."""
        if not self.base_url or not self.model:
            return False
        preset = PRESETS.get(self.preset)
        if preset is not None and preset.needs_key and not self.api_key:
            return False
        return True

    @property
    def endpoint(self) -> str:
        """The base URL, safe to show and log."""
        return self.base_url

    @property
    def chat_url(self) -> str:
        """The Chat Completions URL."""
        return f"{self.base_url}/chat/completions"

    @property
    def models_url(self) -> str:
        """The URL that lists the endpoint's models, used to check that it is reachable."""
        return f"{self.base_url}/models"

    def price_for(self, model: str) -> ModelPrice | None:
        """Return the configured price of `model`, zero for a locally run preset, or None when unknown."""
        price = self.prices.get(model)
        if price is not None:
            return price
        preset = PRESETS.get(self.preset)
        if preset is not None and preset.runs_locally:
            return _FREE
        return None

    def __repr__(self) -> str:
        shown = []
        for item in fields(self):
            value = getattr(self, item.name)
            if item.name == "api_key":
                value = None if value is None else "<hidden>"
            elif item.name == "proxy_url" and value is not None:
                value = redact_url(value)
            elif item.name == "prices":
                value = dict(value)
            shown.append(f"{item.name}={value!r}")
        return f"CloudSettings({', '.join(shown)})"


def redact_url(url: str) -> str:
    """Return `url` with any user name and password replaced by "***"."""
    parts = urlsplit(url)
    if "@" not in parts.netloc:
        return url
    host = parts.netloc.rsplit("@", 1)[1]
    return urlunsplit(parts._replace(netloc=f"***@{host}"))


def _check_base_url(url: str) -> str:
    url = url.strip().rstrip("/")
    if not url:
        return ""

    example = "for example https://api.openai.com/v1"
    if "<" in url or ">" in url:
        raise InputError(f"invalid cloud base URL {url!r}: replace the part in <angle brackets> with your own value")
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise InputError(f"invalid cloud base URL {url!r}: it must start with http:// or https://, {example}")
    if "@" in parts.netloc:
        raise InputError(
            f"invalid cloud base URL {redact_url(url)!r}: remove the user name and password from the address "
            "and enter the API key in its own field"
        )
    if parts.query or parts.fragment:
        raise InputError(f"invalid cloud base URL {url!r}: remove the part after '?' or '#', {example}")
    if not parts.path.endswith("/v1"):
        raise InputError(f"invalid cloud base URL {url!r}: it must end with /v1, {example}")
    return url


def check_api_key(key: str | None) -> str | None:
    """Return `key` without surrounding blanks, or None when it is empty.

    Raises InputError, without repeating the key, when it cannot go into an HTTP header.
    """
    if key is None:
        return None
    key = key.strip()
    if not key:
        return None
    # A key goes into an HTTP header, where a space, a line break or a non-ASCII character
    # means a paste went wrong. The message never repeats the key.
    if not key.isascii() or any(character.isspace() or not character.isprintable() for character in key):
        raise InputError("the cloud API key contains spaces, line breaks or non-ASCII characters; paste it again")
    return key


def _check_number(name: str, value: Any, low: float, high: float) -> Any:
    is_count = isinstance(low, int) and isinstance(high, int)
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise InputError(f"invalid cloud {name} {value!r}; use a number from {low} to {high}")
    if is_count and not float(value).is_integer():
        raise InputError(f"invalid cloud {name} {value!r}; use a whole number from {low} to {high}")
    if not math.isfinite(value) or not low <= value <= high:
        raise InputError(f"invalid cloud {name} {value!r}; use a number from {low} to {high}")
    return int(value) if is_count else float(value)


def _check_proxy_url(url: str | None) -> str | None:
    if url is None or not url.strip():
        return None
    url = url.strip()
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise InputError(
            f"invalid proxy URL {redact_url(url)!r}: it must start with http:// or https://, "
            "for example http://proxy.example:3128"
        )
    return url


def _check_ca_file(path: Path | str | None) -> Path | None:
    if path is None or not str(path).strip():
        return None
    path = Path(path).expanduser()
    if not path.is_file():
        raise InputError(f"the CA certificate file {path} does not exist; choose an existing PEM file or clear the setting")
    return path
