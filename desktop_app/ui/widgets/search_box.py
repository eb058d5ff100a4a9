"""A search field that searches as you type: debounced, Esc clears, Enter searches at once."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import QLineEdit, QWidget

DEBOUNCE_MS = 200  # a pause in typing, not every keystroke, starts a query


class SearchBox(QLineEdit):
    search_changed = Signal(str)  # the trimmed text, after a pause in typing

    def __init__(self, placeholder: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setPlaceholderText(placeholder)
        self.setClearButtonEnabled(True)
        self.setMinimumWidth(200)
        self._sent = ""
        self._timer = QTimer(self, singleShot=True, interval=DEBOUNCE_MS)
        self._timer.timeout.connect(self.flush)
        self.textChanged.connect(lambda _text: self._timer.start())
        self.returnPressed.connect(self.flush)

    def query(self) -> str:
        return self.text().strip()

    def flush(self) -> None:
        """Search now for what is typed (if it differs from the last search)."""
        self._timer.stop()
        if self.query() != self._sent:
            self._sent = self.query()
            self.search_changed.emit(self._sent)

    def focus_all(self) -> None:
        """Ctrl+F: into the field with its text selected, ready to type over."""
        self.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.selectAll()

    def clear_now(self) -> None:
        """Esc: empty the field and search for everything at once."""
        if self.text():
            self.clear()
            self.flush()

    def attach_shortcuts(self, screen: QWidget) -> None:
        """Ctrl+F and Esc anywhere on `screen` reach this field."""
        context = Qt.ShortcutContext.WidgetWithChildrenShortcut
        find = QShortcut(QKeySequence.StandardKey.Find, screen, context=context)
        find.activated.connect(self.focus_all)
        clear = QShortcut(QKeySequence(Qt.Key.Key_Escape), screen, context=context)
        clear.activated.connect(self.clear_now)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape and self.text():
            self.clear_now()
            event.accept()
            return
        super().keyPressEvent(event)
