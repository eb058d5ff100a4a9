"""A titled card of read-only "label: value" rows, with room for buttons under them."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFormLayout, QGroupBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from desktop_app.ui.widgets.elided_label import ElidedLabel


class InfoCard(QGroupBox):
    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(title, parent)
        self.values: dict[str, QLabel] = {}
        self.form = QFormLayout()
        self.form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        self.form.setHorizontalSpacing(16)
        self.form.setVerticalSpacing(10)
        self.buttons = QHBoxLayout()
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addSpacing(8)
        layout.addLayout(self.buttons)
        self.buttons.addStretch(1)

    def add_row(self, key: str, label: str, *, elide: bool = False) -> QLabel:
        value = ElidedLabel() if elide else QLabel()
        if not elide:
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.values[key] = value
        self.form.addRow(label, value)
        return value

    def set_value(self, key: str, text: str, *, warn: bool = False) -> None:
        label = self.values[key]
        label.setText(text)
        label.setStyleSheet("color: #b9770e;" if warn else "")

    def add_button(self, button: QWidget) -> None:
        self.buttons.insertWidget(self.buttons.count() - 1, button)
