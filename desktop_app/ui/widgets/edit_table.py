"""A small table edited in place (shipment lines, cartons, costs): text cells or cell widgets,
read by column key, with a problem shown on the cell it belongs to (red, reason as tooltip)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

PROBLEM = QColor("#fde2df")
RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
Cell = str | QWidget
PADDING = 24  # pixels beyond the widest text: Chinese titles otherwise touch the next one


class EditTable(QTableWidget):
    """Columns are named by key; `right` keys are right-aligned, `locked` ones read-only,
    `stretch` takes the spare width and `chars` gives columns a least width in digits."""

    def __init__(
        self,
        columns: Sequence[tuple[str, str]],
        *,
        right: Sequence[str] = (),
        locked: Sequence[str] = (),
        stretch: str | None = None,
        chars: Mapping[str, int] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(0, len(columns), parent)
        self.keys = [key for key, _title in columns]
        self.right = set(right)
        self.locked = set(locked)
        self.stretch = stretch
        self.chars = dict(chars or {})  # the least width of a column, in digits
        self.setHorizontalHeaderLabels([title for _key, title in columns])
        self.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 14)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setWordWrap(False)
        header = self.horizontalHeader()
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(stretch is None)
        if stretch is not None:
            header.setSectionResizeMode(self.column(stretch), QHeaderView.ResizeMode.Stretch)
        self.fit_columns()

    def fit_columns(self) -> None:
        """Fit each column but the stretching one to its title and cells, with room to spare
        (resizeColumnsToContents would also shrink the stretching one)."""
        for key in self.keys:
            if key != self.stretch:
                column = self.column(key)
                self.resizeColumnToContents(column)
                least = self.fontMetrics().horizontalAdvance("0" * self.chars.get(key, 0))
                self.setColumnWidth(column, max(self.columnWidth(column) + PADDING, least))

    def column(self, key: str) -> int:
        return self.keys.index(key)

    def set_read_only(self, read_only: bool) -> None:
        self.setEditTriggers(
            QAbstractItemView.EditTrigger.NoEditTriggers
            if read_only
            else QAbstractItemView.EditTrigger.AllEditTriggers
        )
        for row in range(self.rowCount()):
            for key in self.keys:
                widget = self.cellWidget(row, self.column(key))
                if widget is not None:
                    widget.setEnabled(not read_only)

    # -- rows --------------------------------------------------------------------------
    def add_row(self, cells: Mapping[str, Cell]) -> int:
        """Append a row: a str is an item's text, a widget sits in its cell."""
        row = self.rowCount()
        self.insertRow(row)
        for key in self.keys:
            self.set_cell(row, key, cells.get(key, ""))
        return row

    def set_cell(self, row: int, key: str, cell: Cell) -> None:
        column = self.column(key)
        if isinstance(cell, QWidget):
            self.setCellWidget(row, column, cell)
            cell.setProperty("row_key", key)
            return
        item = QTableWidgetItem(cell)
        if key in self.right:
            item.setTextAlignment(RIGHT)
        if key in self.locked:
            item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
        self.setItem(row, column, item)

    def text(self, row: int, key: str) -> str:
        """The cell's text (a combo's current text, a line edit's text), stripped."""
        column = self.column(key)
        widget = self.cellWidget(row, column)
        if isinstance(widget, QComboBox):
            return widget.currentText().strip()
        if isinstance(widget, QLineEdit):
            return widget.text().strip()
        item = self.item(row, column)
        return item.text().strip() if item is not None else ""

    def set_text(self, row: int, key: str, text: str) -> None:
        item = self.item(row, self.column(key))
        if item is None:
            self.set_cell(row, key, text)
        else:
            item.setText(text)

    def widget(self, row: int, key: str) -> QWidget | None:
        return self.cellWidget(row, self.column(key))

    def row_of(self, widget: QWidget) -> int:
        """The row a cell widget sits in now (rows move when others are removed)."""
        for row in range(self.rowCount()):
            for column in range(self.columnCount()):
                if self.cellWidget(row, column) is widget:
                    return row
        return -1

    def remove_current(self) -> int:
        """Remove the current row; returns its index, or -1 when none is current."""
        row = self.currentRow()
        if row >= 0:
            self.removeRow(row)
        return row

    # -- problems ----------------------------------------------------------------------
    def mark(self, row: int, key: str | None, reason: str) -> None:
        """Show a problem on a cell (or on every cell of the row when key is None)."""
        keys = self.keys if key is None or key not in self.keys else [key]
        for name in keys:
            column = self.column(name)
            widget = self.cellWidget(row, column)
            if widget is not None:
                widget.setStyleSheet(f"background: {PROBLEM.name()};")
                widget.setToolTip(reason)
                continue
            item = self.item(row, column)
            if item is None:
                self.set_cell(row, name, "")
                item = self.item(row, column)
            item.setBackground(QBrush(PROBLEM))
            item.setToolTip(reason)

    def is_marked(self, row: int, key: str) -> bool:
        column = self.column(key)
        widget = self.cellWidget(row, column)
        if widget is not None:
            return bool(widget.toolTip())
        item = self.item(row, column)
        return item is not None and bool(item.toolTip())

    def clear_marks(self) -> None:
        for row in range(self.rowCount()):
            for column in range(self.columnCount()):
                widget = self.cellWidget(row, column)
                if widget is not None:
                    widget.setStyleSheet("")
                    widget.setToolTip("")
                item = self.item(row, column)
                if item is not None:
                    item.setBackground(QBrush())
                    item.setToolTip("")


def side_by_side(first: QWidget, second: QWidget) -> QWidget:
    """Two widgets on one line, the second widening."""
    holder = QWidget()
    row = QHBoxLayout(holder)
    row.setContentsMargins(0, 0, 0, 0)
    row.addWidget(first)
    row.addWidget(second, 1)
    return holder


def table_page(table: EditTable, buttons: list[QPushButton], hint: str) -> QWidget:
    """A table with a bar of buttons and a hint above it; Insert presses the first button."""
    page = QWidget()
    bar = QHBoxLayout()
    for button in buttons:
        bar.addWidget(button)
    note = QLabel(hint, objectName="hint")
    bar.addWidget(note, 1)
    layout = QVBoxLayout(page)
    layout.addLayout(bar)
    layout.addWidget(table, 1)
    shortcut = QShortcut(QKeySequence(Qt.Key.Key_Insert), table)
    shortcut.activated.connect(buttons[0].click)
    return page
