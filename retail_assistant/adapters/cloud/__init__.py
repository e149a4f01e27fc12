"""The cloud model: any OpenAI-compatible Chat Completions endpoint, streamed over httpx."""

from retail_assistant.adapters.cloud.breaker import BreakerState, CircuitBreaker
from retail_assistant.adapters.cloud.client import CloudClient
from retail_assistant.adapters.cloud.probe import ProbeResult, ProbeStatus, probe_endpoint
from retail_assistant.adapters.cloud.records import CallOutcome, CallRecord
from retail_assistant.adapters.cloud.secrets import (
    ENVIRONMENT_VARIABLE,
    ApiKey,
    KeyringStatus,
    KeySource,
    delete_api_key,
    keyring_status,
    load_api_key,
    store_api_key,
)
from retail_assistant.adapters.cloud.settings import PRESETS, CloudSettings, ModelPrice, ProviderPreset

__all__ = [
    "ENVIRONMENT_VARIABLE",
    "PRESETS",
    "ApiKey",
    "BreakerState",
    "CallOutcome",
    "CallRecord",
    "CircuitBreaker",
    "CloudClient",
    "CloudSettings",
    "KeySource",
    "KeyringStatus",
    "ModelPrice",
    "ProbeResult",
    "ProbeStatus",
    "ProviderPreset",
    "delete_api_key",
    "keyring_status",
    "load_api_key",
    "probe_endpoint",
    "store_api_key",
]
