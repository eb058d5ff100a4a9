"""Filing documents (单证备案): each cleared declaration's checklist, its files and the index.

The upper list shows declarations with how much of their checklist is filed and the due
date (15 days after the claim); overdue ones are in red. The lower list shows the selected
declaration's documents, each attached file checked against its SHA-256. Every change is
one transaction through the task runner and announces Changes(rebate=True).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QBrush, QDesktopServices
from PySide6.QtWidgets import QFileDialog, QTableWidget, QWidget
from sqlalchemy.orm import Session

from desktop_app.core.jobs import Job
from desktop_app.core.services import filing_docs, filing_query
from desktop_app.core.services.filing_query import DeclarationProgress, ItemRow
from desktop_app.ui.context import AppContext
from desktop_app.ui.dialogs.document_item import AddItemDialog, kind_label
from desktop_app.ui.dialogs.print_preview import PrintPreviewDialog
from desktop_app.ui.dialogs.shipment_receive import DateDialog
from desktop_app.ui.events import Changes
from desktop_app.ui.models.shipment_table import GOOD, MUTED, WARN
from desktop_app.ui.widgets import messages
from desktop_app.ui.widgets.flow_layout import flow
from desktop_app.ui.widgets.list_screen import (
    action_buttons,
    page_layout,
    search_box,
    table_over_detail,
)
from desktop_app.ui.widgets.list_table import fill, list_table
from desktop_app.ui.widgets.screen import PageHeader, Screen
from desktop_app.ui.widgets.table_export import export_button


def _day(value: dt.date | None) -> str:
    return value.isoformat() if value else ""


class DocumentsScreen(Screen):
    KEY = "documents"
    WATCHES = ("rebate", "declarations")

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.rows: list[DeclarationProgress] = []
        self.items: list[ItemRow] = []
        self._current_id: int | None = None
        self.today = dt.date.today()
        self.header = PageHeader(self.title(), self.tr("Loading…"))
        self.search = search_box(self.tr("Search by declaration ref or customs no."), self.reload)
        self.table = list_table([
            self.tr("Declaration"), self.tr("Customs no."), self.tr("Mode"),
            self.tr("Export date"), self.tr("Claimed"), self.tr("Batch"), self.tr("Due"),
            self.tr("Filed"), self.tr("State"),
        ])  # fmt: skip
        self.item_table = list_table([
            self.tr("Document"), self.tr("Number"), self.tr("Date"), self.tr("Status"),
            self.tr("Filed on"), self.tr("File check"), self.tr("Stored file"),
        ])  # fmt: skip
        self.table.currentCellChanged.connect(lambda row, *_: self._declaration_chosen(row))
        self.item_table.currentCellChanged.connect(lambda *_: self._enable_actions())
        self.item_table.cellActivated.connect(lambda *_: self.open_current())
        self._build_layout()

    def title(self) -> str:
        return self.tr("Filing documents")

    def _build_layout(self) -> None:
        self.buttons = action_buttons(
            self,
            (
                ("checklist", self.tr("Create checklist"), self.create_checklist, ""),
                ("attach", self.tr("Attach file…"), self.choose_file, "Ctrl+O"),
                ("open", self.tr("Open"), self.open_current, ""),
                ("verify", self.tr("Verify"), self.verify_current, ""),
                ("filed", self.tr("Mark filed…"), self.mark_filed_current, ""),
                ("add", self.tr("Add item…"), self.add_item, "Ctrl+N"),
                ("print", self.tr("Print index…"), self.print_index, "Ctrl+P"),
            ),
        )
        export = export_button(self.table, self.title, self.ctx)
        tools = flow([*self.buttons.values(), export], stretchy=self.search)
        splitter = table_over_detail(self.table, self.item_table, 2)
        page_layout(self, self.header, tools, splitter, stretch=splitter)
        self.search.attach_shortcuts(self)
        self._enable_actions()

    # -- loading -------------------------------------------------------------------
    def refresh(self, changes: Changes | None = None) -> None:
        self.reload()

    def reload(self) -> None:
        text = self.search.query()
        self.ctx.tasks.query(
            lambda session, job: filing_query.declaration_progress(session, text),
            parent=self,
            on_success=self.show_rows,
        )

    def focus_search(self) -> None:
        self.search.focus_all()

    def show_rows(self, rows: list[DeclarationProgress]) -> None:
        self.today = dt.date.today()
        self.rows = rows
        cells = [[
            r.ref, r.customs_no, r.supervision_mode, _day(r.export_date), _day(r.claimed_on),
            r.batch, _day(r.due_date), f"{r.filed}/{r.total}", self._state(r),
        ] for r in rows]  # fmt: skip
        self.table.blockSignals(True)
        fill(self.table, cells, right_aligned={7})
        for index, r in enumerate(rows):
            colour = WARN if r.overdue(self.today) else GOOD if r.complete else None
            if colour is not None:
                _paint(self.table, index, colour)
        self.table.blockSignals(False)
        overdue = sum(r.overdue(self.today) for r in rows)
        self.header.set_subtitle(self.tr("{0} declarations, {1} with overdue documents")
                                 .format(len(rows), overdue))  # fmt: skip
        ids = [r.id for r in rows]
        row = ids.index(self._current_id) if self._current_id in ids else (0 if ids else -1)
        self.table.setCurrentCell(row, 0) if row >= 0 else None
        self._declaration_chosen(row)

    def _state(self, r: DeclarationProgress) -> str:
        if r.total == 0:
            return self.tr("No checklist")
        if r.complete:
            return self.tr("Complete")
        if r.overdue(self.today):
            return self.tr("Overdue: {0} not filed").format(r.total - r.filed)
        return self.tr("{0} not filed").format(r.total - r.filed)

    def current_declaration(self) -> DeclarationProgress | None:
        row = self.table.currentRow()
        return self.rows[row] if 0 <= row < len(self.rows) else None

    def current_item(self) -> ItemRow | None:
        row = self.item_table.currentRow()
        return self.items[row] if 0 <= row < len(self.items) else None

    def _declaration_chosen(self, row: int) -> None:
        current = self.rows[row] if 0 <= row < len(self.rows) else None
        self._current_id = current.id if current else None
        self.show_items(current.id if current else None)

    def show_items(self, declaration_id: int | None) -> None:
        """The checklist of one declaration, read inline (a few rows; files hashed)."""
        if declaration_id is None:
            self.items = []
        else:
            with self.ctx.db.sessions() as session:
                self.items = filing_query.item_rows(session, declaration_id)
        keep = self.item_table.currentRow()
        checks = {"ok": self.tr("OK"), "changed": self.tr("Changed!"),
                  "missing": self.tr("File missing!"), "": ""}  # fmt: skip
        statuses = {"missing": self.tr("Missing"), "received": self.tr("Received"),
                    "filed": self.tr("Filed")}  # fmt: skip
        cells = [[
            kind_label(i.kind, i.title if i.kind == "other" else ""), i.document_no,
            _day(i.document_date), statuses.get(i.status, i.status), _day(i.filed_date),
            checks[i.check], _short_file(i),
        ] for i in self.items]  # fmt: skip
        self.item_table.blockSignals(True)
        fill(self.item_table, cells)
        declaration = self.current_declaration()
        late = declaration is not None and declaration.overdue(self.today)
        for index, i in enumerate(self.items):
            if i.check in ("changed", "missing") or (late and i.status != "filed"):
                _paint(self.item_table, index, WARN)
            elif i.status == "missing":
                _paint(self.item_table, index, MUTED)
        if self.items:
            self.item_table.setCurrentCell(min(max(keep, 0), len(self.items) - 1), 0)
        self.item_table.blockSignals(False)
        self._enable_actions()

    def _enable_actions(self) -> None:
        declaration, item = self.current_declaration(), self.current_item()
        has_file = item is not None and bool(item.attachment)
        self.buttons["checklist"].setEnabled(declaration is not None)
        self.buttons["add"].setEnabled(declaration is not None)
        self.buttons["print"].setEnabled(declaration is not None)
        self.buttons["attach"].setEnabled(item is not None)
        self.buttons["open"].setEnabled(has_file)
        self.buttons["verify"].setEnabled(has_file)
        self.buttons["filed"].setEnabled(item is not None and item.status != "filed")

    # -- actions -------------------------------------------------------------------
    def create_checklist(self) -> None:
        declaration = self.current_declaration()
        if declaration is None:
            return
        decl_id = declaration.id
        self._write(lambda s, j: filing_docs.ensure_checklist(s, decl_id),
                    self.tr("Checklist of {0} ready.").format(declaration.ref))  # fmt: skip

    def choose_file(self) -> None:
        if self.current_item() is None:
            return
        path, _filter = QFileDialog.getOpenFileName(self, self.tr("Attach a file"))
        if path:
            self.attach_file(Path(path))

    def attach_file(self, path: Path) -> None:
        item = self.current_item()
        if item is None:
            return
        item_id = item.id
        self._write(lambda s, j: filing_docs.attach(s, item_id, path),
                    self.tr("{0} attached.").format(path.name))  # fmt: skip

    def open_current(self) -> None:
        item = self.current_item()
        if item is None or not item.attachment:
            return
        path = self.verify_current()
        if path is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))

    def verify_current(self) -> Path | None:
        """The checked file's path; a message saying what is wrong when it is not intact."""
        item = self.current_item()
        if item is None or not item.attachment:
            return None
        try:
            with self.ctx.db.sessions() as session:
                path = filing_docs.verify(session, item.id)
        except filing_docs.BadInput as exc:
            messages.error(self, self.tr("The file is not intact"), str(exc))
            return None
        self.ctx.events.notify(self.tr("{0}: SHA-256 matches.").format(path.name))
        return path

    def mark_filed_current(self) -> None:
        item = self.current_item()
        if item is None or item.status == "filed":
            return
        declaration = self.current_declaration()
        earliest = declaration.export_date if declaration else None
        text = self.tr("{0} is in the claim's document file from this date.").format(
            kind_label(item.kind, item.title if item.kind == "other" else "")
        )
        dialog = DateDialog(self.tr("Mark filed"), text, self.tr("Mark filed"), earliest, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        item_id = item.id
        dialog.accepted.connect(lambda: self.mark_filed(item_id, dialog.date()))
        self.date_dialog = dialog
        dialog.open()

    def mark_filed(self, item_id: int, day: dt.date) -> None:
        self._write(lambda s, j: filing_docs.mark_filed(s, item_id, day),
                    self.tr("Marked filed."))  # fmt: skip

    def add_item(self) -> AddItemDialog | None:
        declaration = self.current_declaration()
        if declaration is None:
            return None
        dialog = AddItemDialog(declaration.ref, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        decl_id = declaration.id

        def add() -> None:
            kind, title, number, day = dialog.kind(), dialog.title(), dialog.number(), dialog.date()
            self._write(lambda s, j: filing_docs.add_item(s, decl_id, kind, title,
                                                          document_no=number, document_date=day),
                        self.tr("Document added."))  # fmt: skip

        dialog.accepted.connect(add)
        self.add_dialog = dialog
        dialog.open()
        return dialog

    def print_index(self) -> PrintPreviewDialog | None:
        """The index of the claim's whole batch, or of this declaration when not claimed."""
        from desktop_app.core.printing import filing_index

        declaration = self.current_declaration()
        if declaration is None:
            return None
        with self.ctx.db.sessions() as session:
            claim = filing_docs.claims(session, [declaration.id]).get(declaration.id)
        scope: dict[str, Any] = (
            {"batch_id": claim.batch_id} if claim else {"declaration_ids": [declaration.id]}
        )

        def render(session: Session, job: Job, path: Path) -> object:
            return filing_index.print_index(session, path, **scope)

        name = declaration.batch or declaration.ref
        dialog = PrintPreviewDialog(self.ctx, self.tr("Filing index {0}").format(name), render,
                                    file_name=f"filing-index-{name}.pdf", parent=self)  # fmt: skip
        dialog.open()
        dialog.start()
        self.preview_dialog = dialog
        return dialog

    def _write(self, work: Callable[[Session, Job], object], done: str) -> None:
        self.ctx.tasks.write(work, parent=self, changes=Changes(rebate=True),
                             on_success=lambda _r: self.ctx.events.notify(done))  # fmt: skip


def _short_file(item: ItemRow) -> str:
    """The stored file by the start of its SHA-256 (its name in the attachments folder)."""
    if not item.attachment:
        return ""
    return f"{item.sha256[:12]}…{Path(item.attachment).suffix}"


def _paint(table: QTableWidget, row: int, colour: Any) -> None:
    brush = QBrush(colour)
    for column in range(table.columnCount()):
        cell = table.item(row, column)
        if cell is not None:
            cell.setForeground(brush)
