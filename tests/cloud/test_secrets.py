"""API key storage: the OS keyring when usable, the environment otherwise, never a file."""

from __future__ import annotations

import keyring.errors
import pytest
from keyring.backend import KeyringBackend
from keyring.compat import properties
from keyring.backends import chainer, fail, null

from retail_assistant.adapters.cloud import (
    ENVIRONMENT_VARIABLE,
    KeySource,
    delete_api_key,
    keyring_status,
    load_api_key,
    store_api_key,
)
from retail_assistant.adapters.cloud.secrets import SERVICE
from retail_assistant.core.errors import CloudKeyStoreError, InputError

ENDPOINT = "https://api.openai.com/v1"
KEY = "sk-proj-SECRET-abcdef0123456789"


class MemoryKeyring(KeyringBackend):
    """A working keyring in memory. Its priority raises, so keyring never picks it on its own."""

    @properties.classproperty
    def priority(cls) -> float:
        raise RuntimeError("test backend; pass it explicitly")

    def __init__(self) -> None:
        super().__init__()
        self.passwords: dict[tuple[str, str], str] = {}

    def get_password(self, service, username):
        return self.passwords.get((service, username))

    def set_password(self, service, username, password):
        self.passwords[(service, username)] = password

    def delete_password(self, service, username):
        if (service, username) not in self.passwords:
            raise keyring.errors.PasswordDeleteError("not found")
        del self.passwords[(service, username)]


class LockedKeyring(MemoryKeyring):
    """A keyring whose every operation fails, as a locked wallet does."""

    def get_password(self, service, username):
        raise keyring.errors.KeyringLocked("locked")

    set_password = get_password


def test_fail_backend_is_not_usable():
    status = keyring_status(fail.Keyring())

    assert not status.usable
    assert "fail.Keyring" in status.backend
    assert "no usable keyring" in status.message


def test_null_backend_is_not_usable():
    assert not keyring_status(null.Keyring()).usable


def test_empty_chainer_is_not_usable(monkeypatch):
    monkeypatch.setattr(chainer.ChainerBackend, "backends", [], raising=False)

    assert not keyring_status(chainer.ChainerBackend()).usable


def test_default_backend_status_does_not_raise():
    # On a bare Linux box or CI this is keyring's fail backend; on a desktop, a real one.
    status = keyring_status()

    assert isinstance(status.usable, bool)
    assert status.backend


def test_without_keyring_key_comes_from_environment():
    loaded = load_api_key(ENDPOINT, environ={ENVIRONMENT_VARIABLE: KEY}, backend=fail.Keyring())

    assert loaded.value == KEY
    assert loaded.source is KeySource.ENVIRONMENT
    assert not loaded.keyring.usable


def test_without_keyring_or_environment_says_so():
    loaded = load_api_key(ENDPOINT, environ={}, backend=fail.Keyring())

    assert loaded.value is None
    assert loaded.source is KeySource.NONE
    assert ENVIRONMENT_VARIABLE in loaded.message
    assert "no usable keyring" in loaded.message


def test_store_without_keyring_raises_and_writes_nothing(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)

    with pytest.raises(CloudKeyStoreError) as caught:
        store_api_key(ENDPOINT, KEY, backend=fail.Keyring())

    assert ENVIRONMENT_VARIABLE in str(caught.value)
    assert KEY not in str(caught.value)
    assert list(tmp_path.iterdir()) == []


def test_store_and_load_from_keyring():
    backend = MemoryKeyring()

    store_api_key(ENDPOINT, KEY, backend=backend)
    loaded = load_api_key(ENDPOINT, environ={}, backend=backend)

    assert backend.passwords == {(SERVICE, ENDPOINT): KEY}
    assert loaded.value == KEY
    assert loaded.source is KeySource.KEYRING


def test_key_is_per_endpoint():
    backend = MemoryKeyring()
    store_api_key(ENDPOINT, KEY, backend=backend)

    loaded = load_api_key("https://api.groq.com/openai/v1", environ={}, backend=backend)

    assert loaded.value is None


def test_environment_wins_over_keyring():
    backend = MemoryKeyring()
    store_api_key(ENDPOINT, KEY, backend=backend)

    loaded = load_api_key(ENDPOINT, environ={ENVIRONMENT_VARIABLE: "sk-from-env-123456"}, backend=backend)

    assert loaded.value == "sk-from-env-123456"
    assert loaded.source is KeySource.ENVIRONMENT


def test_delete_removes_stored_key():
    backend = MemoryKeyring()
    store_api_key(ENDPOINT, KEY, backend=backend)

    assert delete_api_key(ENDPOINT, backend=backend)
    assert not delete_api_key(ENDPOINT, backend=backend)
    assert backend.passwords == {}


def test_locked_keyring_load_reports_it():
    loaded = load_api_key(ENDPOINT, environ={}, backend=LockedKeyring())

    assert loaded.value is None
    assert not loaded.keyring.usable
    assert "KeyringLocked" in loaded.keyring.message


def test_locked_keyring_store_raises():
    with pytest.raises(CloudKeyStoreError) as caught:
        store_api_key(ENDPOINT, KEY, backend=LockedKeyring())

    assert KEY not in str(caught.value)


def test_empty_key_is_input_error():
    with pytest.raises(InputError):
        store_api_key(ENDPOINT, "  ", backend=MemoryKeyring())


def test_repr_of_loaded_key_hides_it():
    loaded = load_api_key(ENDPOINT, environ={ENVIRONMENT_VARIABLE: KEY}, backend=fail.Keyring())

    assert KEY not in repr(loaded)
    assert KEY not in str(loaded)
