"""A small read-only table of whole rows (versions, code tables): one selected row at a time."""

from __future__ import annotations

from collections.abc import Collection, Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QTableWidget, QTableWidgetItem


def read_only_table(headers: list[str]) -> QTableWidget:
    """No editing, whole rows selected, alternating rows without a grid, titles on the left."""
    table = QTableWidget(0, len(headers))
    table.setHorizontalHeaderLabels(headers)
    table.verticalHeader().hide()
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setAlternatingRowColors(True)
    table.setShowGrid(False)
    header = table.horizontalHeader()
    header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    return table


def list_table(headers: list[str]) -> QTableWidget:
    table = read_only_table(headers)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.horizontalHeader().setStretchLastSection(True)
    return table


COLUMN_PADDING = 28  # contents-tight columns run Chinese titles into the next column


def fill(
    table: QTableWidget,
    rows: Sequence[Sequence[str]],
    *,
    right_aligned: Collection[int] = (),
    bold_rows: Collection[int] = (),
) -> None:
    """Replace the table's rows with these texts and fit every column but the last."""
    table.setRowCount(len(rows))
    for index, cells in enumerate(rows):
        for column, text in enumerate(cells):
            item = QTableWidgetItem(text)
            if column in right_aligned:
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            if index in bold_rows:
                font = item.font()
                font.setBold(True)
                item.setFont(font)
            table.setItem(index, column, item)
    for column in range(table.columnCount() - 1):  # the last one stretches
        table.resizeColumnToContents(column)
        table.setColumnWidth(column, table.columnWidth(column) + COLUMN_PADDING)
