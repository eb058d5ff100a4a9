"""The 申报要素 editor: declaration elements as a list, written back as pipe-separated text.

The first two elements are always the brand type and the export preference (品牌类型 |
出口享惠情况); they follow the dialog's two choice boxes and cannot be typed over here.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core import declaration_elements as elements
from desktop_app.core.errors import BadInput

LEADING = 2  # brand type, export preference
FIXED = QColor("#7a8594")


class ElementsEditor(QWidget):
    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.table = QTableWidget(0, 1)
        self.table.setHorizontalHeaderLabels([self.tr("Element (label:value, e.g. 材质:TPU)")])
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setMinimumHeight(150)
        self.table.itemChanged.connect(lambda _item: self._edited())
        self.preview = QLabel(objectName="hint")
        self.preview.setWordWrap(True)
        self.preview.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.preview.setTextFormat(Qt.TextFormat.PlainText)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table)
        layout.addLayout(self._buttons())
        layout.addWidget(self.preview)
        self._leading = (0, 0)
        self.set_text("", 0, 0)

    def _buttons(self) -> QHBoxLayout:
        row = QHBoxLayout()
        for text, slot in (
            (self.tr("Add element"), self.add_element),
            (self.tr("Remove"), self.remove_element),
            (self.tr("Move up"), lambda: self.move_element(-1)),
            (self.tr("Move down"), lambda: self.move_element(1)),
        ):
            button = QPushButton(text)
            button.clicked.connect(slot)
            row.addWidget(button)
        row.addStretch(1)
        return row

    # -- content -------------------------------------------------------------------
    def set_text(self, text: str, brand_type: int, preference: int) -> None:
        """Show the elements of `text`; its own leading codes give way to the choice boxes'."""
        parts = elements.parse(text)
        rest = elements.with_leading_codes(parts, brand_type, preference)[LEADING:] if parts else []
        self._leading = (brand_type, preference)
        self.table.blockSignals(True)
        try:
            self.table.setRowCount(0)
            for value in (str(brand_type), str(preference), *rest):
                self._append(value)
        finally:
            self.table.blockSignals(False)
        self._edited()

    def set_leading(self, brand_type: int, preference: int) -> None:
        self._leading = (brand_type, preference)
        self.table.blockSignals(True)
        for row, value in enumerate(self._leading):
            self.table.item(row, 0).setText(str(value))
        self.table.blockSignals(False)
        self._edited()

    def rest(self) -> list[str]:
        """The elements after the two leading codes, as typed."""
        return [self._cell(row) for row in range(LEADING, self.table.rowCount())]

    def text(self) -> str:
        """The pipe-separated text; empty when nothing but the leading codes is there."""
        rest = self.rest()
        if not any(part.strip() for part in rest):
            return ""
        return "|".join([*(str(v) for v in self._leading), *(part.strip() for part in rest)])

    def problem(self) -> str:
        """Why the elements cannot be written (a '|' inside one), or ''."""
        try:
            elements.format(self.rest())
        except BadInput as exc:
            return str(exc)
        return ""

    # -- editing -------------------------------------------------------------------
    def add_element(self) -> None:
        self._append("")
        row = self.table.rowCount() - 1
        self.table.setCurrentCell(row, 0)
        self.table.editItem(self.table.item(row, 0))
        self._edited()

    def remove_element(self) -> None:
        row = self.table.currentRow()
        if row >= LEADING:
            self.table.removeRow(row)
            self._edited()

    def move_element(self, step: int) -> None:
        row = self.table.currentRow()
        target = row + step
        if row < LEADING or not LEADING <= target < self.table.rowCount():
            return
        here, there = self._cell(row), self._cell(target)
        self.table.blockSignals(True)
        self.table.item(row, 0).setText(there)
        self.table.item(target, 0).setText(here)
        self.table.blockSignals(False)
        self.table.setCurrentCell(target, 0)
        self._edited()

    def _append(self, value: str) -> None:
        row = self.table.rowCount()
        self.table.insertRow(row)
        item = QTableWidgetItem(value)
        if row < LEADING:
            item.setFlags(Qt.ItemFlag.ItemIsEnabled)
            item.setForeground(QBrush(FIXED))
            tip = self.tr("Brand type") if row == 0 else self.tr("Export preference")
            item.setToolTip(self.tr("{0}: follows the choice above").format(tip))
        self.table.setItem(row, 0, item)

    def _cell(self, row: int) -> str:
        item = self.table.item(row, 0)
        return item.text() if item is not None else ""

    def _edited(self) -> None:
        text = self.text()
        self.preview.setText(
            self.tr("Written as: {0}").format(text) if text else self.tr("No elements yet")
        )
        self.changed.emit()
