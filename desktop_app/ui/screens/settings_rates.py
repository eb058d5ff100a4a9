"""Settings → Rate library (退税率文库): loaded editions, importing one, choosing one, lookups."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDate, QLocale, Qt
from PySide6.QtWidgets import (
    QDateEdit,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from desktop_app.core.jobs import Job
from desktop_app.core.services import rate_library
from desktop_app.core.services.rate_library import RateInfo
from desktop_app.ui.context import AppContext
from desktop_app.ui.dialogs.import_result import show_import_failure, show_import_summary
from desktop_app.ui.events import Changes
from desktop_app.ui.widgets.list_table import fill, list_table

COLUMNS = ("version", "rows", "loaded", "source", "active")
RATE_FILES = "*.dbf *.xlsx *.csv"


@dataclass(frozen=True)
class VersionRow:
    """One loaded edition of the rate library."""

    id: int
    version: str
    row_count: int
    loaded_at: dt.datetime
    source: str
    active: bool


def version_rows(session: Session, job: Job) -> list[VersionRow]:
    """Runs on the worker thread: the editions, newest first."""
    rows = [
        VersionRow(
            v.id,
            v.version,
            v.row_count,
            v.loaded_at,
            v.source_file.split(" sha256:")[0],  # the digest is for the audit, not the eye
            v.active,
        )
        for v in rate_library.list_versions(session)
    ]
    return rows[::-1]


def percent(value: Decimal | None) -> str:
    return "" if value is None else f"{value.normalize():f}%"


class RateLibraryPanel(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.rows: list[VersionRow] = []
        intro = QLabel(
            self.tr(
                "The tax office's rate library (退税率文库) gives the levy and rebate rates and "
                "the legal unit of every HS code. Import the cmcode file it publishes (DBF, or "
                "the same columns as Excel or CSV); earlier editions are kept."
            )
        )
        intro.setWordWrap(True)
        self.table = self._build_table()
        self.import_button = QPushButton(self.tr("Import rate library…"))
        self.import_button.clicked.connect(self.choose_and_import)
        self.activate_button = QPushButton(self.tr("Use this version"))
        self.activate_button.setEnabled(False)
        self.activate_button.clicked.connect(self.activate_selected)
        self.table.itemSelectionChanged.connect(self._selection_changed)
        bar = QHBoxLayout()
        bar.addStretch(1)
        bar.addWidget(self.activate_button)
        bar.addWidget(self.import_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addLayout(bar)
        layout.addWidget(self._build_lookup())

    def _build_table(self) -> QTableWidget:
        table = list_table(
            [
                self.tr("Version"),
                self.tr("Entries"),
                self.tr("Loaded"),
                self.tr("Source file"),
                self.tr("In use"),
            ]
        )
        return table

    def _build_lookup(self) -> QGroupBox:
        box = QGroupBox(self.tr("Look up an HS code"))
        self.hs_code = QLineEdit()
        self.hs_code.setPlaceholderText(self.tr("10-digit HS code"))
        self.hs_code.setMaxLength(20)
        self.hs_code.returnPressed.connect(self.look_up)
        self.on_date = QDateEdit(QDate.currentDate())
        self.on_date.setCalendarPopup(True)
        self.on_date.setDisplayFormat("yyyy-MM-dd")
        self.lookup_button = QPushButton(self.tr("Look up"))
        self.lookup_button.clicked.connect(self.look_up)
        self.lookup_result = QLabel()
        self.lookup_result.setWordWrap(True)
        self.lookup_result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("HS code")))
        row.addWidget(self.hs_code, 1)
        row.addWidget(QLabel(self.tr("Export date")))
        row.addWidget(self.on_date)
        row.addWidget(self.lookup_button)
        layout = QVBoxLayout(box)
        layout.addLayout(row)
        layout.addWidget(self.lookup_result)
        return box

    # -- data ----------------------------------------------------------------------
    def reload(self) -> None:
        self.ctx.tasks.query(version_rows, parent=self, on_success=self.show_rows)

    def show_rows(self, rows: list[VersionRow]) -> None:
        selected = self.selected()
        self.rows = rows
        locale = QLocale()
        cells = [
            [
                row.version,
                locale.toString(row.row_count),
                row.loaded_at.astimezone().strftime("%Y-%m-%d %H:%M"),
                row.source,
                self.tr("In use") if row.active else "",
            ]
            for row in rows
        ]
        active = {index for index, row in enumerate(rows) if row.active}
        fill(self.table, cells, right_aligned={COLUMNS.index("rows")}, bold_rows=active)
        if selected is not None:
            self.select(selected.id)
        self._selection_changed()

    def selected(self) -> VersionRow | None:
        rows = self.table.selectionModel().selectedRows()
        return self.rows[rows[0].row()] if rows and rows[0].row() < len(self.rows) else None

    def select(self, version_id: int) -> None:
        for index, row in enumerate(self.rows):
            if row.id == version_id:
                self.table.selectRow(index)

    def _selection_changed(self) -> None:
        row = self.selected()
        self.activate_button.setEnabled(row is not None and not row.active)

    # -- actions -------------------------------------------------------------------
    def choose_and_import(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self,
            self.tr("Import rate library"),
            "",
            self.tr("Rate library ({0});;All files (*)").format(RATE_FILES),
        )
        if path:
            self.import_file(Path(path))

    def import_file(self, path: Path) -> None:
        """Load the file as a new edition and use it; progress and Cancel while it runs."""
        db, actor = self.ctx.db, self.ctx.tasks.actor

        def work(job: Job) -> Any:
            return rate_library.import_rate_library(db, path, job=job, actor=actor)

        def done(summary: Any) -> None:
            self.reload()
            show_import_summary(self, summary)

        def failed(error: BaseException) -> None:
            self.reload()
            show_import_failure(self, self.ctx, error)

        self.ctx.tasks.run(
            work,
            parent=self,
            changes=Changes(skus=True),  # the catalogue checks HS codes against the library
            label=self.tr("Importing {0}…").format(path.name),
            on_success=done,
            on_failure=failed,
        )

    def activate_selected(self) -> None:
        row = self.selected()
        if row is None:
            return
        self.ctx.tasks.write(
            lambda session, job: rate_library.activate(session, row.id).version,
            parent=self,
            changes=Changes(skus=True),
            label=self.tr("Switching the rate library…"),
            on_success=self._activated,
        )

    def _activated(self, version: str) -> None:
        self.ctx.events.notify(self.tr("Rate library {0} is now in use.").format(version))
        self.reload()

    def look_up(self) -> None:
        code = self.hs_code.text().strip()
        if not code:
            self.lookup_result.setText(self.tr("Type an HS code first."))
            return
        on_date = self.on_date.date().toPython()

        def work(session: Session, job: Job) -> RateInfo | None:
            return rate_library.lookup(session, code, on_date)

        self.ctx.tasks.query(
            work, parent=self, on_success=lambda info: self.show_lookup(code, on_date, info)
        )

    def show_lookup(self, code: str, on_date: dt.date, info: RateInfo | None) -> None:
        if info is None:
            text = self.tr("{0} is not in the rate library in use on {1}.").format(
                code, on_date.isoformat()
            )
        else:
            levy = " / ".join(percent(r) for r in info.levy_rates) or self.tr("none")
            text = self.tr(
                "{0} {1}\nLevy rate {2}, rebate rate {3}, legal unit {4} (edition {5})."
            ).format(info.code, info.name, levy, percent(info.rebate_rate), info.unit, info.version)
        self.lookup_result.setText(text)
