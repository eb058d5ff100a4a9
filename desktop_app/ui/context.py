"""What every screen is handed: the database, the task runner, change events and UI state."""

from __future__ import annotations

from dataclasses import dataclass

from desktop_app.core.db import Database
from desktop_app.ui.events import AppEvents
from desktop_app.ui.tasks import TaskRunner
from desktop_app.ui.ui_state import UiState


@dataclass
class AppContext:
    """Passed explicitly to screens instead of a global main-window object."""

    db: Database
    tasks: TaskRunner
    events: AppEvents
    state: UiState
