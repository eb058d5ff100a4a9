"""Where resources, migrations and user data live: source tree, installed wheel, or PyInstaller."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from platformdirs import user_data_path

from desktop_app import APP_NAME, APP_ORG

_PACKAGE_DIR = Path(__file__).resolve().parent


def _bundle_root() -> Path:
    """The folder that holds resources/ and migrations/ for this way of running."""
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:  # PyInstaller one-folder or one-file build
        return Path(frozen)
    if (_PACKAGE_DIR / "resources").is_dir():  # installed wheel: data travels inside the package
        return _PACKAGE_DIR
    return _PACKAGE_DIR.parent  # source tree (also editable installs)


def resources_dir() -> Path:
    return _bundle_root() / "resources"


def migrations_dir() -> Path:
    return _bundle_root() / "migrations"


def resource(*parts: str) -> Path:
    return resources_dir().joinpath(*parts)


def user_data_dir() -> Path:
    """The per-user data folder; EXPORTDESK_HOME overrides it (portable installs, tests)."""
    override = os.environ.get("EXPORTDESK_HOME")
    path = Path(override) if override else user_data_path(APP_NAME, APP_ORG, roaming=False)
    path.mkdir(parents=True, exist_ok=True)
    return path


def default_database_path() -> Path:
    return user_data_dir() / "exportdesk.sqlite"


def backups_dir() -> Path:
    return _subdir("backups")


def attachments_dir() -> Path:
    return _subdir("attachments")


def logs_dir() -> Path:
    return _subdir("logs")


def _subdir(name: str) -> Path:
    path = user_data_dir() / name
    path.mkdir(parents=True, exist_ok=True)
    return path
