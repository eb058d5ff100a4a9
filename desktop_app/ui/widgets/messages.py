"""Message boxes: window-modal and non-blocking while the app runs, blocking at start and close."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget


def _box(
    parent: QWidget | None, icon: QMessageBox.Icon, title: str, text: str, details: str = ""
) -> QMessageBox:
    box = QMessageBox(icon, title, text, QMessageBox.StandardButton.Ok, parent)
    box.setTextFormat(Qt.TextFormat.PlainText)  # file names and user values are not HTML
    if details:
        box.setDetailedText(details)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    return box


def info(parent: QWidget | None, title: str, text: str) -> QMessageBox:
    box = _box(parent, QMessageBox.Icon.Information, title, text)
    box.open()
    return box


def warning(parent: QWidget | None, title: str, text: str) -> QMessageBox:
    """A problem the user can fix (bad input); does not block the event loop."""
    box = _box(parent, QMessageBox.Icon.Warning, title, text)
    box.open()
    return box


def error(parent: QWidget | None, title: str, text: str, details: str = "") -> QMessageBox:
    """An unexpected failure, with the traceback under "Show Details…"."""
    box = _box(parent, QMessageBox.Icon.Critical, title, text, details)
    box.open()
    return box


def warning_now(parent: QWidget | None, title: str, text: str) -> None:
    """Blocking: for moments without a running event loop (start-up, closing)."""
    _box(parent, QMessageBox.Icon.Warning, title, text).exec()


def error_now(parent: QWidget | None, title: str, text: str, details: str = "") -> None:
    _box(parent, QMessageBox.Icon.Critical, title, text, details).exec()
