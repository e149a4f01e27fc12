"""The cloud API key: kept in the operating system's keyring, or taken from the environment.

The key is stored with the `keyring` library under the service "retail-assistant" and the
endpoint's base URL as the user name, so a key entered for one provider is never sent to
another. The environment variable RETAIL_ASSISTANT_CLOUD_API_KEY wins over the keyring.

Where no keyring backend is usable (a bare Linux box or CI, where `keyring` falls back to its
fail or null backend, or to a chainer with nothing to chain), loading reports that in its result
and takes the key from the environment only, and storing raises CloudKeyStoreError. The key
is never written to a plain file.
"""

from __future__ import annotations

import enum
import logging
import os
from collections.abc import Mapping
from dataclasses import dataclass

import keyring
import keyring.backend
from keyring.backends import chainer, fail, null

from retail_assistant.adapters.cloud.settings import check_api_key
from retail_assistant.core.errors import CloudKeyStoreError, InputError

__all__ = [
    "ENVIRONMENT_VARIABLE",
    "SERVICE",
    "ApiKey",
    "KeySource",
    "KeyringStatus",
    "delete_api_key",
    "keyring_status",
    "load_api_key",
    "store_api_key",
]

log = logging.getLogger(__name__)

SERVICE = "retail-assistant"
ENVIRONMENT_VARIABLE = "RETAIL_ASSISTANT_CLOUD_API_KEY"


class KeySource(enum.Enum):
    """The origin of the API key in use."""

    ENVIRONMENT = "environment"
    KEYRING = "keyring"
    NONE = "none"


@dataclass(frozen=True)
class KeyringStatus:
    """Whether the keyring can hold the key; `backend` is the backend's class, `message` a sentence to show."""

    usable: bool
    backend: str
    message: str


@dataclass(frozen=True, repr=False)
class ApiKey:
    """The API key found for an endpoint (None when there is none), where it came from, and the keyring's state."""

    value: str | None
    source: KeySource
    keyring: KeyringStatus

    @property
    def message(self) -> str:
        """A sentence for the settings window saying where the key comes from, or how to set one."""
        if self.source is KeySource.ENVIRONMENT:
            return f"the API key comes from the environment variable {ENVIRONMENT_VARIABLE}"
        if self.source is KeySource.KEYRING:
            return "the API key comes from this computer's keyring"
        if not self.keyring.usable:
            return f"{self.keyring.message}; set the API key in the environment variable {ENVIRONMENT_VARIABLE}"
        return "no API key is set; enter one in the cloud settings"

    def __repr__(self) -> str:
        shown = None if self.value is None else "<hidden>"
        return f"ApiKey(value={shown!r}, source={self.source}, keyring={self.keyring!r})"


def keyring_status(backend: keyring.backend.KeyringBackend | None = None) -> KeyringStatus:
    """Return whether `backend` (the keyring library's current backend by default) can store keys."""
    backend = backend if backend is not None else keyring.get_keyring()
    name = f"{type(backend).__module__}.{type(backend).__qualname__}"

    unusable = isinstance(backend, (fail.Keyring, null.Keyring))
    if isinstance(backend, chainer.ChainerBackend) and not backend.backends:
        unusable = True
    if unusable:
        return KeyringStatus(False, name, f"this computer has no usable keyring ({name})")
    return KeyringStatus(True, name, f"API keys are kept in this computer's keyring ({name})")


def load_api_key(
    endpoint: str,
    *,
    environ: Mapping[str, str] | None = None,
    backend: keyring.backend.KeyringBackend | None = None,
) -> ApiKey:
    """Return the API key for `endpoint`: from the environment if set there, else from the keyring.

    Never raises for a missing or broken keyring, because the result's `keyring` reports it.
    Raises InputError when the environment holds a key that cannot be sent in a header.
    """
    environ = os.environ if environ is None else environ
    backend = backend if backend is not None else keyring.get_keyring()
    status = keyring_status(backend)

    from_environment = check_api_key(environ.get(ENVIRONMENT_VARIABLE))
    if from_environment is not None:
        return ApiKey(from_environment, KeySource.ENVIRONMENT, status)
    if not status.usable:
        return ApiKey(None, KeySource.NONE, status)

    try:
        stored = backend.get_password(SERVICE, _account(endpoint))
    except Exception as error:  # noqa: BLE001 - backends raise their own errors (D-Bus, locked wallet)
        log.warning("cannot read the API key from the keyring %s: %s", status.backend, type(error).__name__)
        broken = KeyringStatus(False, status.backend, f"the keyring cannot be read ({type(error).__name__})")
        return ApiKey(None, KeySource.NONE, broken)

    try:
        value = check_api_key(stored)
    except InputError:
        log.warning("ignoring an API key in the keyring that cannot be sent in a header; enter it again")
        value = None
    if value is None:
        return ApiKey(None, KeySource.NONE, status)
    return ApiKey(value, KeySource.KEYRING, status)


def store_api_key(endpoint: str, key: str, *, backend: keyring.backend.KeyringBackend | None = None) -> None:
    """Store `key` for `endpoint` in the keyring.

    Raises InputError for an empty or malformed key, and CloudKeyStoreError when the keyring
    is missing or refuses the key.
    """
    value = check_api_key(key)
    if value is None:
        raise InputError("the cloud API key is empty; paste the key from the provider's website")
    backend = backend if backend is not None else keyring.get_keyring()
    status = _require_usable(backend)
    try:
        backend.set_password(SERVICE, _account(endpoint), value)
    except Exception as error:  # noqa: BLE001 - backends raise their own errors (D-Bus, locked wallet)
        raise CloudKeyStoreError(
            f"the keyring {status.backend} did not store the API key ({type(error).__name__}); unlock the keyring "
            f"and try again, or set the environment variable {ENVIRONMENT_VARIABLE}",
            endpoint=endpoint,
        ) from None
    log.info("stored the cloud API key for %s in the keyring %s", endpoint, status.backend)


def delete_api_key(endpoint: str, *, backend: keyring.backend.KeyringBackend | None = None) -> bool:
    """Delete the key stored for `endpoint`; return whether there was one.

    Raises CloudKeyStoreError when the keyring is missing or refuses the deletion.
    """
    backend = backend if backend is not None else keyring.get_keyring()
    status = _require_usable(backend)
    account = _account(endpoint)
    try:
        if backend.get_password(SERVICE, account) is None:
            return False
        backend.delete_password(SERVICE, account)
    except Exception as error:  # noqa: BLE001 - backends raise their own errors (D-Bus, locked wallet)
        raise CloudKeyStoreError(
            f"the keyring {status.backend} did not delete the API key ({type(error).__name__}); unlock the keyring "
            "and try again",
            endpoint=endpoint,
        ) from None
    log.info("deleted the cloud API key for %s from the keyring %s", endpoint, status.backend)
    return True


def _require_usable(backend: keyring.backend.KeyringBackend) -> KeyringStatus:
    status = keyring_status(backend)
    if not status.usable:
        raise CloudKeyStoreError(
            f"{status.message}, so the API key cannot be saved; set the environment variable "
            f"{ENVIRONMENT_VARIABLE} instead, or install a keyring service (for example GNOME Keyring or KWallet)"
        )
    return status


def _account(endpoint: str) -> str:
    account = endpoint.strip().rstrip("/")
    if not account:
        raise InputError("the cloud base URL is empty; enter it before the API key")
    return account
