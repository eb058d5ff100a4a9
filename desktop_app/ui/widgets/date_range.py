"""A date range filter: presets (last 7 days, this month …) or two dates chosen by hand."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import QComboBox, QDateEdit, QHBoxLayout, QLabel, QWidget

PRESETS = ("any", "today", "7d", "30d", "this_month", "last_month", "this_year", "custom")


def preset_range(preset: str, today: dt.date) -> tuple[dt.date | None, dt.date | None]:
    """The inclusive (first, last) days of a preset; (None, None) for any time."""
    if preset == "today":
        return today, today
    if preset in ("7d", "30d"):
        return today - dt.timedelta(days=int(preset[:-1]) - 1), today
    if preset == "this_month":
        return today.replace(day=1), today
    if preset == "last_month":
        last = today.replace(day=1) - dt.timedelta(days=1)
        return last.replace(day=1), last
    if preset == "this_year":
        return today.replace(month=1, day=1), today
    return None, None


class DateRange(QWidget):
    """`range()` gives inclusive local dates; `changed` fires when they change."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.preset = QComboBox()
        labels = {
            "any": self.tr("Any time"),
            "today": self.tr("Today"),
            "7d": self.tr("Last 7 days"),
            "30d": self.tr("Last 30 days"),
            "this_month": self.tr("This month"),
            "last_month": self.tr("Last month"),
            "this_year": self.tr("This year"),
            "custom": self.tr("Dates…"),
        }
        for key in PRESETS:
            self.preset.addItem(labels[key], key)
        today = QDate.currentDate()
        self.first = self._date_edit(today.addDays(-29))
        self.last = self._date_edit(today)
        self.to_label = QLabel("–")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        for widget in (self.preset, self.first, self.to_label, self.last):
            layout.addWidget(widget)
        self.preset.currentIndexChanged.connect(self._preset_chosen)
        self._show_dates(False)

    def _date_edit(self, date: QDate) -> QDateEdit:
        edit = QDateEdit(date)
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("yyyy-MM-dd")
        edit.dateChanged.connect(lambda _d: self.changed.emit())
        return edit

    def _show_dates(self, shown: bool) -> None:
        for widget in (self.first, self.to_label, self.last):
            widget.setVisible(shown)

    def _preset_chosen(self, _index: int) -> None:
        self._show_dates(self.preset.currentData() == "custom")
        self.changed.emit()

    def set_preset(self, key: str) -> None:
        self.preset.setCurrentIndex(PRESETS.index(key))

    def range(self, today: dt.date | None = None) -> tuple[dt.date | None, dt.date | None]:
        key = self.preset.currentData()
        if key == "custom":
            first, last = self.first.date().toPython(), self.last.date().toPython()
            return (first, last) if first <= last else (last, first)
        return preset_range(key, today or dt.date.today())

    def reset(self) -> None:
        self.preset.setCurrentIndex(0)


def local_day_bounds(
    first: dt.date | None, last: dt.date | None
) -> tuple[dt.datetime | None, dt.datetime | None]:
    """Inclusive local days as [start, end) instants, the way order times are compared."""
    zone = dt.datetime.now().astimezone().tzinfo
    start = None if first is None else dt.datetime.combine(first, dt.time(), zone)
    end = (
        None if last is None else dt.datetime.combine(last + dt.timedelta(days=1), dt.time(), zone)
    )
    return start, end
