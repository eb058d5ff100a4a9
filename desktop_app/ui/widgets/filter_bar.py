"""A bar of filters above a table: labelled choice boxes and check boxes, with "Clear filters"."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QWidget,
)

from desktop_app.ui.widgets.flow_layout import FlowLayout

ANY = None  # the value of a choice box's first entry: no filter
MIN_CHARS = 11


class ChoiceFilter(QComboBox):
    """A choice box whose entries carry values; the first entry ("All …") means no filter."""

    value_changed = Signal()

    def __init__(self, any_label: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.any_label = any_label
        # Narrow boxes, full-width popups: the bar wraps instead of widening the window.
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.setMinimumContentsLength(MIN_CHARS)
        self.set_choices([])
        self.currentIndexChanged.connect(lambda _i: self.value_changed.emit())

    def set_choices(self, choices: Sequence[tuple[str, Any]]) -> None:
        """Replace the entries (label, value), keeping the chosen value if it is still offered."""
        current = self.value()
        self.blockSignals(True)
        try:
            self.clear()
            self.addItem(self.any_label, ANY)
            for label, value in choices:
                self.addItem(label, value)
            found = self.findData(current) if current is not ANY else 0
            self.setCurrentIndex(max(found, 0))
        finally:
            self.blockSignals(False)
        if current is not ANY and self.value() != current:
            self.value_changed.emit()

    def value(self) -> Any:
        return self.currentData()

    def set_value(self, value: Any) -> None:
        self.setCurrentIndex(max(self.findData(value), 0) if value is not ANY else 0)

    def reset(self) -> None:
        self.setCurrentIndex(0)


class FilterBar(QWidget):
    """Filters left to right, wrapping when narrow; `changed` fires once per user change."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._resettable: list[QWidget] = []
        self._flow = FlowLayout(self)
        self.clear_button = QPushButton(self.tr("Clear filters"))
        self.clear_button.clicked.connect(self.reset)

    def add(self, widget: QWidget, label: str = "") -> QWidget:
        """Add a filter (ChoiceFilter, QCheckBox or any widget with a `changed` signal)."""
        self._flow.addWidget(_labelled(widget, label) if label else widget)
        self._resettable.append(widget)
        if isinstance(widget, ChoiceFilter):
            widget.value_changed.connect(self.changed)
        elif isinstance(widget, QCheckBox):
            widget.toggled.connect(lambda _on: self.changed.emit())
        else:
            widget.changed.connect(self.changed)  # type: ignore[attr-defined]
        return widget

    def finish(self) -> None:
        """The clear button comes last."""
        self._flow.addWidget(self.clear_button)

    def reset(self) -> None:
        """Every filter back to "any", announced as one change."""
        self.blockSignals(True)
        try:
            for widget in self._resettable:
                if isinstance(widget, QCheckBox):
                    widget.setChecked(False)
                else:
                    widget.reset()  # type: ignore[attr-defined]
        finally:
            self.blockSignals(False)
        self.changed.emit()


def _labelled(widget: QWidget, label: str) -> QWidget:
    """A label and its filter, kept on one line when the bar wraps."""
    holder = QWidget()
    line = QHBoxLayout(holder)
    line.setContentsMargins(0, 0, 0, 0)
    line.setSpacing(4)
    line.addWidget(QLabel(label))
    line.addWidget(widget)
    return holder
