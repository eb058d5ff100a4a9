"""Settings → Code tables (代码表): the customs code table editions in use, and imports."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QLocale
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from desktop_app.core import codes
from desktop_app.core.jobs import Job
from desktop_app.core.models.reference import CodeTableVersion
from desktop_app.ui.context import AppContext
from desktop_app.ui.events import Changes
from desktop_app.ui.widgets.list_table import fill, list_table

COLUMNS = ("table", "version", "rows", "loaded", "source")


@dataclass(frozen=True)
class CodeTableRow:
    """One code table and its active edition (None when never loaded)."""

    table_name: str
    title_cn: str
    title_en: str
    version: str | None = None
    row_count: int = 0
    loaded_at: dt.datetime | None = None
    source: str = ""


def code_table_rows(session: Session, job: Job) -> list[CodeTableRow]:
    """Runs on the worker thread: plain rows, one per known table, in TABLES order."""
    active: dict[str, CodeTableVersion] = {
        v.table_name: v for v in codes.list_versions(session) if v.active
    }
    rows = []
    for name, (title_cn, title_en) in codes.TABLES.items():
        version = active.get(name)
        if version is None:
            rows.append(CodeTableRow(name, title_cn, title_en))
            continue
        source = version.source.split(" sha256:")[0]  # the digest is for the audit, not the eye
        rows.append(
            CodeTableRow(
                name,
                title_cn,
                title_en,
                version.version,
                version.row_count,
                version.loaded_at,
                source,
            )
        )
    return rows


class CodeTablesPanel(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.rows: list[CodeTableRow] = []
        intro = QLabel(
            self.tr(
                "ExportDesk ships the common customs code tables. When customs publishes a new "
                "edition, import the official file here (CSV or Excel); the previous edition "
                "is kept."
            )
        )
        intro.setWordWrap(True)
        self.table = self._build_table()
        self.import_button = QPushButton(self.tr("Import official table…"))
        self.import_button.setEnabled(False)
        self.import_button.clicked.connect(self.choose_and_import)
        self.table.itemSelectionChanged.connect(
            lambda: self.import_button.setEnabled(self.selected() is not None)
        )
        hint = QLabel(self.tr("Select the table to update, then import its file."))
        hint.setObjectName("hint")
        bar = QHBoxLayout()
        bar.addWidget(hint, 1)
        bar.addWidget(self.import_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addLayout(bar)

    def _build_table(self) -> QTableWidget:
        table = list_table(
            [
                self.tr("Code table"),
                self.tr("Edition in use"),
                self.tr("Entries"),
                self.tr("Loaded"),
                self.tr("Source"),
            ]
        )
        table.doubleClicked.connect(lambda _index: self.choose_and_import())
        return table

    # -- data ----------------------------------------------------------------------
    def reload(self) -> None:
        self.ctx.tasks.query(code_table_rows, parent=self, on_success=self.show_rows)

    def show_rows(self, rows: list[CodeTableRow]) -> None:
        selected = self.selected()
        self.rows = rows
        chinese = self.ctx.state.language().startswith("zh")
        locale = QLocale()
        cells = [
            [
                row.title_cn if chinese else row.title_en,
                row.version or self.tr("Not loaded"),
                locale.toString(row.row_count) if row.version else "",
                row.loaded_at.astimezone().strftime("%Y-%m-%d %H:%M") if row.loaded_at else "",
                self.tr("Built in") if row.source == codes.BUILTIN_SOURCE else row.source,
            ]
            for row in rows
        ]
        fill(self.table, cells, right_aligned={COLUMNS.index("rows")})
        if selected is not None:
            self.select(selected.table_name)

    def selected(self) -> CodeTableRow | None:
        rows = self.table.selectionModel().selectedRows()
        return self.rows[rows[0].row()] if rows and rows[0].row() < len(self.rows) else None

    def select(self, table_name: str) -> None:
        for index, row in enumerate(self.rows):
            if row.table_name == table_name:
                self.table.selectRow(index)

    # -- import --------------------------------------------------------------------
    def choose_and_import(self) -> None:
        row = self.selected()
        if row is None:
            return
        path, _filter = QFileDialog.getOpenFileName(
            self,
            self.tr("Import the official file for {0}").format(self._title(row)),
            "",
            self.tr("Code tables (*.csv *.xlsx);;All files (*)"),
        )
        if path:
            self.import_file(row.table_name, Path(path))

    def import_file(self, table_name: str, path: Path) -> None:
        self.ctx.tasks.write(
            lambda session, job: (
                codes.import_table_file(session, table_name, path, job=job).version
            ),
            parent=self,
            changes=Changes(code_tables=True),
            label=self.tr("Importing {0}…").format(path.name),
            on_success=lambda version: self.ctx.events.notify(
                self.tr("Imported {0}: edition {1} is now in use.").format(path.name, version)
            ),
        )

    def _title(self, row: CodeTableRow) -> str:
        return row.title_cn if self.ctx.state.language().startswith("zh") else row.title_en
