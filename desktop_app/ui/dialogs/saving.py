"""Saving from an edit dialog: the write runs in the background, and the dialog closes or shows
the core's problems on its fields."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import SignalInstance
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QWidget

from desktop_app.core.errors import FieldProblem, ValidationFailed
from desktop_app.ui.context import AppContext
from desktop_app.ui.events import Changes
from desktop_app.ui.tasks import SessionOp


def save_and_close(
    dialog: QDialog,
    ctx: AppContext,
    work: SessionOp[Any],
    *,
    buttons: QWidget,
    changes: Changes,
    label: str,
    saved: SignalInstance,
    show_problems: Callable[[list[FieldProblem]], None],
) -> None:
    """Run `work` in one transaction with `buttons` disabled. When it commits, emit `saved` with
    its result and accept the dialog; when the core refuses it, enable `buttons` again and hand
    the field problems to `show_problems` (any other failure gets the standard message), so the
    user can fix them and save again."""

    def succeeded(result: Any) -> None:
        saved.emit(result)
        dialog.accept()

    def failed(error: BaseException) -> None:
        buttons.setEnabled(True)
        if isinstance(error, ValidationFailed):
            show_problems(error.problems)
        else:
            ctx.tasks.report_failure(dialog, error)

    buttons.setEnabled(False)
    ctx.tasks.write(
        work, parent=dialog, changes=changes, label=label, on_success=succeeded, on_failure=failed
    )


def save_buttons(dialog: QDialog, save: Callable[[], None]) -> QDialogButtonBox:
    """Save, which calls `save`, and Cancel (or Esc), which rejects the dialog."""
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
    )
    buttons.accepted.connect(save)
    buttons.rejected.connect(dialog.reject)
    return buttons
