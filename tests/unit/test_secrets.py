"""Secrets go to the keyring (an in-memory one here); failures are reported, never bypassed."""

import keyring
import pytest
from keyring.backend import KeyringBackend
from keyring.errors import KeyringLocked, PasswordDeleteError

from desktop_app.core import secrets
from desktop_app.core.db import to_url


class MemoryKeyring(KeyringBackend):
    priority = 1

    def __init__(self):
        super().__init__()
        self.store: dict[tuple[str, str], str] = {}

    def get_password(self, service, username):
        return self.store.get((service, username))

    def set_password(self, service, username, password):
        self.store[(service, username)] = password

    def delete_password(self, service, username):
        if self.store.pop((service, username), None) is None:
            raise PasswordDeleteError(username)


class LockedKeyring(MemoryKeyring):
    def get_password(self, service, username):
        raise KeyringLocked("locked")


@pytest.fixture
def memory_keyring():
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


def test_round_trip_and_delete(memory_keyring):
    secrets.set_password("db:clerk@office/exportdesk", "s3cret")
    assert secrets.get_password("db:clerk@office/exportdesk") == "s3cret"
    secrets.delete_password("db:clerk@office/exportdesk")
    secrets.delete_password("db:clerk@office/exportdesk")  # deleting twice is fine
    assert secrets.get_password("db:clerk@office/exportdesk") is None


def test_server_url_takes_its_password_from_the_keyring(memory_keyring):
    account = secrets.database_account("clerk", "office", "exportdesk")
    secrets.set_password(account, "pw")
    url = to_url("postgresql+psycopg://clerk@office/exportdesk")
    assert url.password == "pw"
    assert to_url("postgresql+psycopg://clerk:given@office/exportdesk").password == "given"


def test_a_locked_keyring_is_reported_not_bypassed():
    previous = keyring.get_keyring()
    keyring.set_keyring(LockedKeyring())
    try:
        with pytest.raises(secrets.SecretStoreUnavailable, match="cannot be read"):
            secrets.get_password("x")
    finally:
        keyring.set_keyring(previous)


def test_no_keyring_still_opens_a_server_url_without_a_password():
    previous = keyring.get_keyring()
    keyring.set_keyring(LockedKeyring())
    try:
        url = to_url("postgresql+psycopg://clerk@office/exportdesk")
    finally:
        keyring.set_keyring(previous)
    assert url.password is None and url.username == "clerk"
