"""Small helpers shared by the benchmark scripts: a scratch folder, a timer, the result line, and
a screen shown without the main window."""

from __future__ import annotations

import os
import sqlite3
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

# Benchmarks must not touch the user's real data folder.
os.environ.setdefault("EXPORTDESK_HOME", tempfile.mkdtemp(prefix="exportdesk-bench-home-"))


@contextmanager
def scratch_dir(prefix: str = "exportdesk-bench-") -> Iterator[Path]:
    with tempfile.TemporaryDirectory(prefix=prefix) as name:
        yield Path(name)


class Stopwatch:
    """Accumulates the time spent inside `with watch:` blocks."""

    def __init__(self) -> None:
        self.seconds = 0.0
        self._started = 0.0

    def __enter__(self) -> Stopwatch:
        self._started = time.perf_counter()
        return self

    def __exit__(self, *exc: object) -> None:
        self.seconds += time.perf_counter() - self._started


def bare_sqlite(path: Path) -> sqlite3.Connection:
    """A plain sqlite3 connection with the pragmas ExportDesk itself uses (see core/db.py)."""
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA foreign_keys=ON")
    conn.execute("PRAGMA busy_timeout=10000")
    conn.execute("PRAGMA synchronous=NORMAL")
    return conn


def result_line(name: str, ours: float, bare: float, unit: str) -> str:
    """`name: ours X unit, bare Y unit, ratio X/Y` — the one line every benchmark prints."""
    ratio = ours / bare if bare else float("nan")
    return f"{name}: ours {ours:.0f} {unit}, bare {bare:.0f} {unit}, ratio {ratio:.2f}"


class ScreenBench:
    """The app's context (database, task runner, events) without the main window, and a list
    screen timed from its creation to its first painted rows and from a search to its rows."""

    TIMEOUT_S = 120.0
    # Sleep until an event comes, like the app's event loop: a busy loop holds the GIL the
    # worker thread needs between its SQLite calls.
    WAIT_FOR_EVENTS = True

    def __init__(self, path: Path, home: Path) -> None:
        from PySide6.QtWidgets import QApplication

        from desktop_app.core.db import open_database
        from desktop_app.ui import app as ui_app
        from desktop_app.ui.context import AppContext
        from desktop_app.ui.events import AppEvents
        from desktop_app.ui.tasks import TaskRunner
        from desktop_app.ui.ui_state import UiState

        self.qt = QApplication.instance() or QApplication(sys.argv[:1])
        ui_app.prepare_application(self.qt, "zh_CN")
        self.db = open_database(path)
        events = AppEvents()
        self.tasks = TaskRunner(self.db, events)
        self.ctx = AppContext(self.db, self.tasks, events, UiState(home / "ui.ini"))

    def wait(self, done: Callable[[], bool]) -> None:
        from PySide6.QtCore import QEventLoop

        flags = QEventLoop.ProcessEventsFlag
        how = flags.WaitForMoreEvents if self.WAIT_FOR_EVENTS else flags.AllEvents
        deadline = time.perf_counter() + self.TIMEOUT_S
        while not done():
            if time.perf_counter() > deadline:
                raise TimeoutError("the screen did not get there in time")
            self.qt.processEvents(how)

    def idle(self) -> None:
        self.wait(lambda: not self.tasks.busy)

    def open_screen(self, screen_class: Callable[[Any], Any]) -> tuple[float, Any]:
        """Seconds from creating the screen to its table having painted the first rows."""
        started = time.perf_counter()
        screen = screen_class(self.ctx)
        screen.resize(1080, 760)
        screen.show()
        self.wait(lambda: screen.model.rowCount() > 0)
        screen.table.viewport().repaint()  # paints the visible rows, synchronously
        return time.perf_counter() - started, screen

    def search(self, screen: Any, text: str, found: Callable[[Any], bool]) -> float:
        """Seconds from the search being submitted (no typing pause) until `found(model)`, with
        the rows painted."""
        started = time.perf_counter()
        screen.search.setText(text)
        screen.search.flush()
        model = screen.model
        self.wait(lambda: found(model))
        screen.table.viewport().repaint()
        return time.perf_counter() - started

    def close(self, screen: Any) -> None:
        self.idle()
        screen.close()
        screen.deleteLater()
        self.qt.processEvents()

    def shutdown(self) -> None:
        self.tasks.shutdown()
        self.db.dispose()
