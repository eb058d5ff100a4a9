"""Window geometry, view state and the UI language: the one module that touches QSettings.

The file lives in the user data folder (not the registry), so a portable install on a USB
stick (EXPORTDESK_HOME) carries its window layout and language along, and tests stay isolated.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings
from PySide6.QtWidgets import QMainWindow

from desktop_app.paths import user_data_dir

LANGUAGES = {"zh_CN": "中文", "en": "English"}
DEFAULT_LANGUAGE = "zh_CN"  # the clerks read Chinese first
STATE_FILE = "ui-state.ini"
DEFAULT_SIZE = (1280, 800)


class UiState:
    """Typed access to the few UI preferences we remember between runs."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or user_data_dir() / STATE_FILE
        self._store = QSettings(str(self.path), QSettings.Format.IniFormat)

    def language(self) -> str:
        code = str(self._store.value("ui/language", DEFAULT_LANGUAGE))
        return code if code in LANGUAGES else DEFAULT_LANGUAGE

    def set_language(self, code: str) -> None:
        if code not in LANGUAGES:
            raise ValueError(f"unknown UI language {code!r}")
        self._store.setValue("ui/language", code)
        self._store.sync()

    def restore_window(self, window: QMainWindow) -> None:
        """Geometry and dock/toolbar state from the last run, or the default size."""
        geometry = self._store.value("window/geometry")
        if not isinstance(geometry, QByteArray) or not window.restoreGeometry(geometry):
            window.resize(*DEFAULT_SIZE)
        state = self._store.value("window/state")
        if isinstance(state, QByteArray):
            window.restoreState(state)

    def save_window(self, window: QMainWindow) -> None:
        self._store.setValue("window/geometry", window.saveGeometry())
        self._store.setValue("window/state", window.saveState())
        self._store.sync()

    def view(self, key: str, default: int = 0) -> int:
        """A small piece of view state (current screen, current tab) by name."""
        value = self._store.value(f"view/{key}", default)
        try:
            return int(value)
        except (TypeError, ValueError):
            return default

    def set_view(self, key: str, value: int) -> None:
        self._store.setValue(f"view/{key}", int(value))

    def view_text(self, key: str, default: str = "") -> str:
        """A piece of view state that is text: a sort ("ordered_at desc"), a list of columns."""
        value = self._store.value(f"view/{key}", default)
        return value if isinstance(value, str) else default

    def set_view_text(self, key: str, value: str) -> None:
        self._store.setValue(f"view/{key}", str(value))

    def view_list(self, key: str) -> list[str] | None:
        """A list of names (e.g. the hidden columns of a table); None when never saved."""
        if not self._store.contains(f"view/{key}"):
            return None
        text = self.view_text(key)
        return [part for part in text.split(",") if part]

    def set_view_list(self, key: str, values: list[str]) -> None:
        self.set_view_text(key, ",".join(values))
