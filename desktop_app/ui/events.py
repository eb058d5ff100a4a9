"""Typed change events: after a mutation, screens learn which areas changed and refresh those."""

from __future__ import annotations

from dataclasses import dataclass, fields

from PySide6.QtCore import QObject, Signal


@dataclass(frozen=True)
class Changes:
    """Which areas of the data a finished operation may have changed."""

    company: bool = False
    settings: bool = False
    code_tables: bool = False
    skus: bool = False
    orders: bool = False
    stock: bool = False
    declarations: bool = False
    rebate: bool = False
    backup: bool = False

    @classmethod
    def everything(cls) -> Changes:
        return cls(**{f.name: True for f in fields(cls)})

    def touches(self, *areas: str) -> bool:
        """True if any of the named areas changed."""
        return any(getattr(self, area) for area in areas)

    def areas(self) -> list[str]:
        return [f.name for f in fields(self) if getattr(self, f.name)]

    def __or__(self, other: Changes) -> Changes:
        return Changes(
            **{f.name: getattr(self, f.name) or getattr(other, f.name) for f in fields(self)}
        )


class AppEvents(QObject):
    """The one place screens hear about changes; owned by the main window, passed explicitly."""

    changed = Signal(object)  # Changes
    notice = Signal(str)  # a quiet one-line note for the status bar

    def emit_changes(self, changes: Changes) -> None:
        if changes.areas():
            self.changed.emit(changes)

    def notify(self, text: str) -> None:
        self.notice.emit(text)
