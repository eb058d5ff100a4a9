"""The base of every screen: a page header, and refreshing only when its data changed."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from desktop_app.ui.context import AppContext
from desktop_app.ui.events import Changes


class Screen(QWidget):
    """Subclasses set WATCHES (the Changes areas they show) and implement refresh().

    refresh(changes) gets what changed, or None for "everything" (first show, F5). A
    hidden screen only collects the changes and refreshes when next shown, so a mutation
    never makes every screen query the database at once.
    """

    KEY = ""  # names the screen for navigation and its icon (resources/icons/<KEY>.svg)
    WATCHES: tuple[str, ...] = ()
    navigate = Signal(str)  # ask the window to show another screen, by KEY

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._pending: Changes | None = None
        self._stale = True
        ctx.events.changed.connect(self.on_changes)

    def title(self) -> str:
        raise NotImplementedError

    def refresh(self, changes: Changes | None = None) -> None:
        raise NotImplementedError

    def on_changes(self, changes: Changes) -> None:
        if not changes.touches(*self.WATCHES):
            return
        if self.isVisible():
            self.refresh(changes)
        elif not self._stale:
            self._pending = changes if self._pending is None else self._pending | changes

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self._stale, self._pending = False, None
            self.refresh(None)
        elif self._pending is not None:
            pending, self._pending = self._pending, None
            self.refresh(pending)


class PageHeader(QWidget):
    """The screen's title in large type, with an optional line of explanation."""

    def __init__(self, title: str, subtitle: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 8)
        layout.setSpacing(2)
        self.title_label = QLabel(title, objectName="pageTitle")
        self.subtitle_label = QLabel(subtitle, objectName="pageSubtitle")
        self.subtitle_label.setWordWrap(True)
        self.subtitle_label.setVisible(bool(subtitle))
        layout.addWidget(self.title_label)
        layout.addWidget(self.subtitle_label)

    def set_subtitle(self, text: str) -> None:
        self.subtitle_label.setText(text)
        self.subtitle_label.setVisible(bool(text))
