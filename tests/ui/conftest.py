"""Fixtures for window tests: an isolated UI state file, a main window or a context for a screen
shown on its own, no blocking boxes."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop_app.ui import app as ui_app
from desktop_app.ui.ui_state import UiState
from desktop_app.ui.widgets import messages
from tests.ui.standalone import make_context

WINDOW_SIZE = (1280, 800)


@pytest.fixture
def ui_state(tmp_path: Path) -> UiState:
    """QSettings in a temporary file, never the real user profile."""
    return UiState(tmp_path / "ui-state.ini")


@pytest.fixture(autouse=True)
def blocking_boxes(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str, str]]:
    """Start-up and close-time boxes would block the test: record them instead."""
    shown: list[tuple[str, str, str]] = []

    def record(kind: str):
        def box(parent, title, text, details=""):
            shown.append((kind, title, text))

        return box

    monkeypatch.setattr(messages, "warning_now", record("warning"))
    monkeypatch.setattr(messages, "error_now", record("error"))
    return shown


@pytest.fixture
def english(qapp) -> Iterator[None]:
    """Source strings (English): what most assertions compare against."""
    ui_app.install_translators(qapp, "en")
    yield


@pytest.fixture
def chinese(qapp) -> Iterator[None]:
    ui_app.install_translators(qapp, "zh_CN")
    yield
    ui_app.install_translators(qapp, "en")


@pytest.fixture
def ctx(db, ui_state, english):
    """The context of a screen or dialog shown on its own; its task pool stops after the test."""
    context = make_context(db, ui_state)
    yield context
    context.tasks.shutdown()


def wait_idle(qtbot, window, timeout: int = 10_000) -> None:
    qtbot.waitUntil(lambda: not window.tasks.busy, timeout=timeout)


@pytest.fixture
def window(qtbot, db, ui_state, english):
    from desktop_app.core import codes
    from desktop_app.ui.main_window import MainWindow

    with db.transaction("test") as session:
        codes.ensure_builtin(session)
    win = MainWindow(db, ui_state, actor="test")
    qtbot.addWidget(win)
    win.resize(*WINDOW_SIZE)
    win.show()
    qtbot.waitExposed(win)
    wait_idle(qtbot, win)
    yield win
    if win.isVisible():
        win.close()
    win.tasks.shutdown()
