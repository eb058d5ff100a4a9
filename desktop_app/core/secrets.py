"""Passwords (e.g. a PostgreSQL seat's) in the operating system's keyring; never in plain text."""

from __future__ import annotations

import keyring
import keyring.errors

from desktop_app.core.errors import ExportDeskError

SERVICE = "ExportDesk"


class SecretStoreUnavailable(ExportDeskError):
    """No usable keyring; the caller must ask the user instead of storing the secret elsewhere."""

    code = "secret_store_unavailable"


def get_password(account: str) -> str | None:
    try:
        return keyring.get_password(SERVICE, account)
    except keyring.errors.KeyringError as exc:
        raise SecretStoreUnavailable(f"the system keyring cannot be read: {exc}") from exc


def set_password(account: str, password: str) -> None:
    try:
        keyring.set_password(SERVICE, account, password)
    except keyring.errors.KeyringError as exc:
        raise SecretStoreUnavailable(f"the system keyring cannot store a password: {exc}") from exc


def delete_password(account: str) -> None:
    try:
        keyring.delete_password(SERVICE, account)
    except keyring.errors.PasswordDeleteError:
        return  # nothing stored: already the wanted state
    except keyring.errors.KeyringError as exc:
        raise SecretStoreUnavailable(f"the system keyring cannot delete a password: {exc}") from exc


def database_account(username: str, host: str, database: str) -> str:
    """The keyring account name under which a database password is kept."""
    return f"db:{username}@{host}/{database}"
