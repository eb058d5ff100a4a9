"""The progress / cancel protocol for long work, without Qt (used by the CLI and ui/tasks.py)."""

from __future__ import annotations

import threading
from collections.abc import Callable

from desktop_app.core.errors import Cancelled

Progress = Callable[[int, int, str], None]
"""progress(done, total, message); total 0 means unknown."""


def no_progress(done: int, total: int, message: str) -> None:
    return None


class Job:
    """What a long core function receives: report progress, and stop when asked."""

    def __init__(self, progress: Progress | None = None, cancel: threading.Event | None = None):
        self._progress = progress or no_progress
        self.cancel_event = cancel or threading.Event()

    def report(self, done: int, total: int = 0, message: str = "") -> None:
        self.check()
        self._progress(done, total, message)

    def check(self) -> None:
        """Raise Cancelled if the user asked to stop; the caller's transaction then rolls back."""
        if self.cancel_event.is_set():
            raise Cancelled("cancelled by the user")
