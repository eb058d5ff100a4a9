"""Settings → General (常规设置): backups, stock rules and the UI language."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from desktop_app.core import settings
from desktop_app.core.errors import BadInput, FieldProblem, ValidationFailed
from desktop_app.core.jobs import Job
from desktop_app.ui.context import AppContext
from desktop_app.ui.events import Changes
from desktop_app.ui.reasons import translate_reason
from desktop_app.ui.ui_state import LANGUAGES
from desktop_app.ui.widgets.field import FieldBox, field_group
from desktop_app.ui.widgets.scroll import scrolled

BACKUP_KEYS = ("backup.folder", "backup.keep", "backup.on_close")
STOCK_KEYS = ("stock.cost_method", "stock.negative", "stock.period_lock")


def load_settings(session: Session, job: Job) -> dict[str, Any]:
    return settings.get_all(session)


def save_settings(session: Session, values: dict[str, Any]) -> dict[str, Any]:
    """Check every value first, then store them all (one transaction, all or nothing)."""
    problems = []
    for key, value in values.items():
        try:
            settings.validate(key, value)
        except BadInput as exc:
            problems.append(FieldProblem(key, str(exc).split(": ", 1)[-1], value))
    folder = values.get("backup.folder")
    if folder and not Path(folder).expanduser().is_dir():
        problems.append(FieldProblem("backup.folder", "folder does not exist", folder))
    if problems:
        raise ValidationFailed(problems)
    for key, value in values.items():
        settings.put(session, key, value)
    return settings.get_all(session)


def write_settings(
    panel: QWidget,
    ctx: AppContext,
    values: dict[str, Any],
    *,
    boxes: dict[str, FieldBox],
    note: QLabel,
    changes: Changes,
    label: str,
    texts: tuple[str, str],
    shown: Callable[[dict[str, Any]], None],
) -> None:
    """Save `values` in the background. Once stored, `shown` gets every setting and the note
    says texts[0] in green; if the core refuses them, each problem goes on its field and the
    note says texts[1] in red."""
    saved_text, refused_text = texts

    def saved(stored: dict[str, Any]) -> None:
        shown(stored)
        note.setStyleSheet("color: #1e7b34;")
        note.setText(saved_text)

    def refused(error: BaseException) -> None:
        if not isinstance(error, ValidationFailed):
            ctx.tasks.report_failure(panel, error)
            return
        for problem in error.problems:
            if problem.field in boxes:
                boxes[problem.field].set_problem(translate_reason(problem.reason))
        note.setStyleSheet("color: #c0392b;")
        note.setText(refused_text)

    note.clear()
    ctx.tasks.write(
        lambda session, job: save_settings(session, values),
        parent=panel,
        changes=changes,
        label=label,
        on_success=saved,
        on_failure=refused,
    )


class GeneralPanel(QWidget):
    """Editors for the domain settings in core.settings.REGISTRY, and the language."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.boxes: dict[str, FieldBox] = {}
        self.save_button = QPushButton(self.tr("Save"))
        self.save_button.clicked.connect(self.save)
        self.status_note = QLabel()
        columns = QHBoxLayout()
        columns.setSpacing(16)
        left = QVBoxLayout()
        left.addWidget(self._backup_group())
        left.addStretch(1)
        right = QVBoxLayout()
        right.addWidget(self._stock_group())
        right.addWidget(self._language_group())
        right.addStretch(1)
        columns.addLayout(left, 1)
        columns.addLayout(right, 1)
        bar = QHBoxLayout()
        bar.addWidget(self.status_note, 1)
        bar.addWidget(self.save_button)
        body = QWidget()
        body.setLayout(columns)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.addWidget(scrolled(body), 1)
        layout.addLayout(bar)

    # -- building ------------------------------------------------------------------
    def _form_group(self, title: str, rows: list[tuple[str, str, QWidget, str]]) -> QGroupBox:
        return field_group(title, rows, self.boxes)

    def _backup_group(self) -> QGroupBox:
        self.folder_edit = QLineEdit()
        self.folder_edit.setPlaceholderText(self.tr("The user data folder"))
        choose = QPushButton(self.tr("Choose…"))
        choose.clicked.connect(self.choose_folder)
        folder_row = QWidget()
        row = QHBoxLayout(folder_row)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.folder_edit, 1)
        row.addWidget(choose)
        self.folder_row = folder_row
        self.keep_spin = QSpinBox(minimum=1, maximum=1000)
        self.keep_spin.setSuffix(self.tr(" copies"))
        self.on_close_check = QCheckBox(self.tr("Back up when closing (at most once a day)"))
        rows = [
            (
                "backup.folder",
                self.tr("Backup folder"),
                folder_row,
                self.tr("Any folder, for example on a USB stick; plug it in before closing."),
            ),
            (
                "backup.keep",
                self.tr("Keep"),
                self.keep_spin,
                self.tr("Older automatic backups are deleted."),
            ),
            ("backup.on_close", self.tr("Automatic"), self.on_close_check, ""),
        ]
        return self._form_group(self.tr("Backup"), rows)

    def _stock_group(self) -> QGroupBox:
        self.cost_combo = self._choices(
            "stock.cost_method",
            {
                "moving_average": self.tr("Moving weighted average"),
                "fifo": self.tr("First in, first out"),
            },
        )
        self.negative_combo = self._choices(
            "stock.negative",
            {
                "block": self.tr("Refuse moves that go below zero"),
                "warn": self.tr("Allow, with a warning"),
            },
        )
        self.lock_check = QCheckBox(self.tr("Lock moves dated on or before"))
        self.lock_date = QDateEdit(calendarPopup=True, displayFormat="yyyy-MM-dd")
        self.lock_date.setDate(QDate.currentDate().addMonths(-1))
        self.lock_date.setEnabled(False)
        self.lock_check.toggled.connect(self.lock_date.setEnabled)
        lock_row = QWidget()
        row = QHBoxLayout(lock_row)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.lock_check)
        row.addWidget(self.lock_date)
        row.addStretch(1)
        rows = [
            ("stock.cost_method", self.tr("Cost method"), self.cost_combo, ""),
            ("stock.negative", self.tr("Negative stock"), self.negative_combo, ""),
            (
                "stock.period_lock",
                self.tr("Period lock"),
                lock_row,
                self.tr("Closed periods cannot be changed by back-dated entries."),
            ),
        ]
        return self._form_group(self.tr("Stock"), rows)

    def _choices(self, key: str, names: dict[str, str]) -> QComboBox:
        combo = QComboBox()
        for code in settings.REGISTRY[key].choices:
            combo.addItem(names.get(code, code), code)
        return combo

    def _language_group(self) -> QGroupBox:
        self.language_combo = QComboBox()
        for code, name in LANGUAGES.items():
            self.language_combo.addItem(name, code)
        self.language_combo.setCurrentIndex(self.language_combo.findData(self.ctx.state.language()))
        self.language_combo.currentIndexChanged.connect(self._language_chosen)
        rows = [
            (
                "ui.language",
                self.tr("Language"),
                self.language_combo,
                self.tr("Takes effect the next time ExportDesk starts."),
            )
        ]
        return self._form_group(self.tr("Display"), rows)

    # -- values --------------------------------------------------------------------
    def values(self) -> dict[str, Any]:
        locked = self.lock_check.isChecked()
        return {
            "backup.folder": self.folder_edit.text().strip(),
            "backup.keep": self.keep_spin.value(),
            "backup.on_close": self.on_close_check.isChecked(),
            "stock.cost_method": self.cost_combo.currentData(),
            "stock.negative": self.negative_combo.currentData(),
            "stock.period_lock": self.lock_date.date().toString("yyyy-MM-dd") if locked else "",
        }

    def set_values(self, values: dict[str, Any]) -> None:
        self.folder_edit.setText(values["backup.folder"])
        self.keep_spin.setValue(values["backup.keep"])
        self.on_close_check.setChecked(values["backup.on_close"])
        self.cost_combo.setCurrentIndex(self.cost_combo.findData(values["stock.cost_method"]))
        self.negative_combo.setCurrentIndex(self.negative_combo.findData(values["stock.negative"]))
        lock = values["stock.period_lock"]
        self.lock_check.setChecked(bool(lock))
        if lock:
            day = dt.date.fromisoformat(lock)
            self.lock_date.setDate(QDate(day.year, day.month, day.day))
        for box in self.boxes.values():
            box.clear_problem()

    # -- actions -------------------------------------------------------------------
    def choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(
            self, self.tr("Choose the backup folder"), self.folder_edit.text()
        )
        if folder:
            self.folder_edit.setText(folder)

    def _language_chosen(self) -> None:
        self.ctx.state.set_language(self.language_combo.currentData())
        self.boxes["ui.language"].set_ok(
            self.tr("Saved. Takes effect the next time ExportDesk starts.")
        )

    def reload(self) -> None:
        self.ctx.tasks.query(load_settings, parent=self, on_success=self.set_values)

    def save(self) -> None:
        write_settings(
            self,
            self.ctx,
            self.values(),
            boxes=self.boxes,
            note=self.status_note,
            changes=Changes(settings=True),
            label=self.tr("Saving settings…"),
            texts=(
                self.tr("Saved."),
                self.tr("Not saved: please correct the fields marked in red."),
            ),
            shown=self.set_values,
        )
