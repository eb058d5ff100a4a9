"""A screen or dialog shown on its own in a window test (no main window): its context, showing
it, and waiting for its background work."""

from __future__ import annotations

from typing import TypeVar

from PySide6.QtWidgets import QApplication, QWidget

from desktop_app.core.db import Database
from desktop_app.ui.context import AppContext
from desktop_app.ui.events import AppEvents
from desktop_app.ui.tasks import TaskRunner
from desktop_app.ui.ui_state import UiState

W = TypeVar("W", bound=QWidget)


def make_context(db: Database, state: UiState) -> AppContext:
    events = AppEvents()
    return AppContext(db, TaskRunner(db, events, actor="test"), events, state)


def show(qtbot, widget: W, width: int, height: int) -> W:
    """The widget at that size, shown and exposed, closed by qtbot after the test."""
    qtbot.addWidget(widget)
    widget.resize(width, height)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def wait_idle(qtbot, ctx: AppContext, timeout: int = 10_000) -> None:
    qtbot.waitUntil(lambda: not ctx.tasks.busy, timeout=timeout)


def settle(qtbot, ctx: AppContext, model) -> None:
    """The screen's queries are done and its whole id list is in."""
    wait_idle(qtbot, ctx)
    qtbot.waitUntil(lambda: model.complete and not model.loading)
    wait_idle(qtbot, ctx)


def top_level(kind: type[QWidget]) -> list[QWidget]:
    """Visible top-level windows of a kind (message boxes, dialogs)."""
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, kind) and w.isVisible()]
