"""Any table out: its rows as shown (visible columns, sort, filter) to xlsx or csv, and copying
a selection as tab-separated text that pastes into Excel.

A lazy table (ui/models/lazy_table.py) caches only the pages on screen, so its export reads
every id of the current query and fetches the rows in chunks on the worker thread, with
progress and Cancel. Small tables (QTableWidget, plain models) are read through the view.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator, Sequence
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QStandardPaths, Qt
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence
from PySide6.QtWidgets import QAbstractItemView, QFileDialog, QMenu, QPushButton, QWidget

from desktop_app.core.jobs import Job
from desktop_app.core.reports.table_file import Value, write_table
from desktop_app.ui.models.lazy_table import LazyTableModel
from desktop_app.ui.widgets import messages

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from desktop_app.ui.context import AppContext

NameHint = Callable[[], str]
CHUNK = 1000  # rows fetched per query when exporting a lazy table
MAX_COPY_ROWS = 100_000  # beyond this, copying through the clipboard is the wrong tool
FOLDER_KEY = "export/folder"
DISPLAY = Qt.ItemDataRole.DisplayRole
NUMBER = re.compile(r"[-−]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?")


# -- what is shown ----------------------------------------------------------------------------
def visible_columns(view: QAbstractItemView) -> list[int]:
    """Logical column numbers in the order the user sees them, hidden ones left out."""
    header = view.horizontalHeader()  # type: ignore[attr-defined]
    logical = (header.logicalIndex(visual) for visual in range(header.count()))
    return [c for c in logical if not header.isSectionHidden(c)]


def header_texts(view: QAbstractItemView, columns: Sequence[int]) -> list[str]:
    model = view.model()
    texts = (model.headerData(c, Qt.Orientation.Horizontal, DISPLAY) for c in columns)
    return ["" if text is None else str(text) for text in texts]


def cell_value(value: Any, right_aligned: bool) -> Value:
    """A number stays a number; a right-aligned text that reads as a plain number becomes one.

    Left-aligned texts (order, customs and invoice numbers, SKU codes) always stay text, and so
    do numbers with leading zeros or more digits than a spreadsheet keeps exactly.
    """
    if value is None or isinstance(value, bool):
        return None if value is None else str(value)
    if isinstance(value, int | Decimal):
        return value
    if isinstance(value, float):
        return Decimal(repr(value))
    text = str(value).strip()
    if not right_aligned or not NUMBER.fullmatch(text):
        return str(value)
    plain = text.replace(",", "").replace("−", "-")
    digits = plain.lstrip("-").split(".")[0]
    if (len(digits) > 1 and digits.startswith("0")) or len(digits) > 15:
        return str(value)
    return Decimal(plain) if "." in plain else int(plain)


def _right_aligned(flags: Any) -> bool:
    if flags is None:
        return False
    value = flags.value if hasattr(flags, "value") else int(flags)
    return bool(int(value) & int(Qt.AlignmentFlag.AlignRight.value))


def view_rows(view: QAbstractItemView, columns: Sequence[int]) -> list[list[Value]]:
    """Every row the view shows (a plain model: in memory already), in its current order."""
    model = view.model()
    rows = []
    for row in range(model.rowCount()):
        if view.isRowHidden(row):  # type: ignore[attr-defined]
            continue
        cells = []
        for column in columns:
            index = model.index(row, column)
            aligned = _right_aligned(model.data(index, Qt.ItemDataRole.TextAlignmentRole))
            cells.append(cell_value(model.data(index, DISPLAY), aligned))
        rows.append(cells)
    return rows


def lazy_rows(
    model: LazyTableModel,
    columns: Sequence[int],
    session: Session,
    ids: Sequence[int],
    job: Job,
) -> Iterator[list[Value]]:
    """The rows of these ids fetched CHUNK at a time, as the model's columns show them."""
    shown = [model.columns[c] for c in columns]
    right = [_right_aligned(c.align) for c in shown]
    total = len(ids)
    for start in range(0, total, CHUNK):
        job.report(start, total, "rows")
        chunk = ids[start : start + CHUNK]
        by_id = {row.id: row for row in model.fetch_rows(session, chunk)}
        for row_id in chunk:
            row = by_id.get(row_id)
            if row is not None:  # deleted since the list was read
                yield [cell_value(c.text(row), r) for c, r in zip(shown, right, strict=True)]
    job.report(total, total, "rows")


# -- files --------------------------------------------------------------------------------------
# -- copying ------------------------------------------------------------------------------------
def selection_tsv(view: QAbstractItemView, with_headers: bool = False) -> str:
    """The selected cells as tab-separated lines (visible columns, in view order)."""
    model, selection = view.model(), view.selectionModel()
    shown = visible_columns(view)
    rows: set[int] = set()
    columns: set[int] = set()
    for span in selection.selection():
        rows.update(r for r in range(span.top(), span.bottom() + 1) if not view.isRowHidden(r))  # type: ignore[attr-defined]
        columns.update(range(span.left(), span.right() + 1))
    wanted = [c for c in shown if c in columns]
    lines = ["\t".join(_clean(h) for h in header_texts(view, wanted))] if with_headers else []
    for row in sorted(rows):
        cells = (model.data(model.index(row, c), DISPLAY) for c in wanted)
        lines.append("\t".join(_clean("" if v is None else str(v)) for v in cells))
    return "\n".join(lines)


def _clean(text: str) -> str:
    """A tab or line break inside a cell would start a new cell or row in Excel."""
    return text.replace("\t", " ").replace("\r\n", " ").replace("\n", " ")


def selected_row_count(view: QAbstractItemView) -> int:
    return sum(s.bottom() - s.top() + 1 for s in view.selectionModel().selection())


# -- the actions on a table ---------------------------------------------------------------------


class TableExport(QObject):
    """Copy, Copy with headers and Export… on one table view (its context menu and Ctrl+C)."""

    def __init__(
        self, view: QAbstractItemView, name_hint: NameHint, ctx: AppContext | None = None
    ) -> None:
        super().__init__(view)
        self.view = view
        self.name_hint = name_hint
        self.ctx = ctx
        self.copy_action = QAction(self.tr("Copy"), view)
        self.copy_action.setShortcut(QKeySequence.StandardKey.Copy)
        self.copy_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.copy_action.triggered.connect(lambda: self.copy(False))
        self.copy_headers_action = QAction(self.tr("Copy with headers"), view)
        self.copy_headers_action.triggered.connect(lambda: self.copy(True))
        self.export_action = QAction(self.tr("Export visible rows…"), view)
        self.export_action.triggered.connect(self.export)
        view.addAction(self.copy_action)  # the shortcut works without opening the menu
        view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        view.customContextMenuRequested.connect(self._show_menu)

    def make_button(self, parent: QWidget | None = None) -> QPushButton:
        button = QPushButton(self.tr("Export…"), parent)
        button.setToolTip(self.tr("Save the rows shown, as filtered and sorted, to Excel or CSV"))
        button.clicked.connect(lambda: self.export())
        return button

    def _show_menu(self, position: Any) -> None:
        chosen = self.view.selectionModel().hasSelection()
        self.copy_action.setEnabled(chosen)
        self.copy_headers_action.setEnabled(chosen)
        menu = QMenu(self.view)
        menu.addActions([self.copy_action, self.copy_headers_action])
        menu.addSeparator()
        menu.addAction(self.export_action)
        menu.popup(self.view.viewport().mapToGlobal(position))

    # -- copy ------------------------------------------------------------------------------
    def copy(self, with_headers: bool = False) -> str:
        """The selection onto the clipboard as tab-separated text; returns the text."""
        if selected_row_count(self.view) > MAX_COPY_ROWS:
            messages.info(
                self.view.window(),
                self.tr("Too many rows to copy"),
                self.tr("Use Export visible rows… to save this many rows to a file."),
            )
            return ""
        text = selection_tsv(self.view, with_headers)
        QGuiApplication.clipboard().setText(text)
        return text

    # -- export ----------------------------------------------------------------------------
    def default_path(self) -> Path:
        state = self.ctx.state if self.ctx else None
        folder = (
            Path(state.view_text(FOLDER_KEY)) if state and state.view_text(FOLDER_KEY) else None
        )
        if folder is None or not folder.is_dir():
            docs = QStandardPaths.writableLocation(
                QStandardPaths.StandardLocation.DocumentsLocation
            )
            folder = Path(docs or Path.home())
        hint = self.name_hint().strip() or self.tr("Table")
        return folder / f"{hint}-{dt.date.today().isoformat()}.xlsx"

    def ask_path(self) -> Path | None:
        """The file to write (the save dialog); None when the user cancels."""
        excel, text = self.tr("Excel workbook (*.xlsx)"), self.tr("CSV, UTF-8 (*.csv)")
        path, chosen = QFileDialog.getSaveFileName(
            self.view.window(),
            self.tr("Export visible rows"),
            str(self.default_path()),
            f"{excel};;{text}",
        )
        if not path:
            return None
        result = Path(path)
        if result.suffix.lower() not in (".xlsx", ".csv"):
            result = result.with_suffix(".csv" if chosen == text else ".xlsx")
        return result

    def export(self, path: Path | None = None) -> None:
        """Every row the table shows (all of a lazy table's query) to `path`, or one asked for."""
        path = path or self.ask_path()
        if path is None:
            return
        if self.ctx is not None:
            self.ctx.state.set_view_text(FOLDER_KEY, str(path.parent))
        columns = visible_columns(self.view)
        headers = header_texts(self.view, columns)
        model = self.view.model()
        label = self.tr("Exporting {0}…").format(path.name)
        if isinstance(model, LazyTableModel):
            self._export_lazy(model, columns, headers, path, label)
            return
        rows = view_rows(self.view, columns)
        tasks = self.ctx.tasks if self.ctx else None
        if tasks is None:
            self._done(path, write_table(path, headers, rows))
            return
        tasks.run(
            lambda job: write_table(path, headers, rows, job),
            parent=self.view.window(),
            label=label,
            on_success=lambda count: self._done(path, count),
        )

    def _export_lazy(
        self,
        model: LazyTableModel,
        columns: list[int],
        headers: list[str],
        path: Path,
        label: str,
    ) -> None:
        known = list(model.ids()) if model.complete else None
        query, sort = model._query, model.sort_key  # the query and sort on screen right now

        def work(session: Session, job: Job) -> int:
            ids = known if known is not None else list(query(session, sort, None))  # type: ignore[misc]
            return write_table(path, headers, lazy_rows(model, columns, session, ids, job), job)

        model.tasks.query(
            work,
            parent=self.view.window(),
            label=label,
            on_success=lambda count: self._done(path, count),
        )

    def _done(self, path: Path, count: int) -> None:
        text = self.tr("{0} rows exported to {1}").format(count, path)
        if self.ctx is not None:
            self.ctx.events.notify(text)
        elif isinstance(self.view.model(), LazyTableModel):
            self.view.model().tasks.events.notify(text)  # type: ignore[attr-defined]
        self.exported = path


def install_table_actions(
    view: QAbstractItemView, name_hint: NameHint, ctx: AppContext | None = None
) -> TableExport:
    """Copy (Ctrl+C), Copy with headers and Export visible rows… in the table's context menu.

    `name_hint()` names the default file (the screen's title, say); `ctx` remembers the last
    folder and runs the export with progress and Cancel.
    """
    existing = getattr(view, "table_export", None)
    if isinstance(existing, TableExport):
        return existing
    actions = TableExport(view, name_hint, ctx)
    view.table_export = actions  # type: ignore[attr-defined]
    return actions


def export_button(
    view: QAbstractItemView,
    name_hint: NameHint,
    ctx: AppContext | None = None,
    parent: QWidget | None = None,
) -> QPushButton:
    """An "Export…" button for a screen's toolbar; installs the table's actions too."""
    return install_table_actions(view, name_hint, ctx).make_button(parent)
