"""Deadlines (期限): rebate due dates on a calendar, beside the list of open and overdue ones."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QDate, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QTextCharFormat
from PySide6.QtWidgets import (
    QCalendarWidget,
    QCheckBox,
    QDateEdit,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QTableWidget,
    QWidget,
)
from sqlalchemy.orm import Session

from desktop_app.core.jobs import Job
from desktop_app.core.services import deadlines, holidays
from desktop_app.core.services.deadlines import Deadline
from desktop_app.ui.context import AppContext
from desktop_app.ui.events import Changes
from desktop_app.ui.widgets.filter_bar import ChoiceFilter, FilterBar
from desktop_app.ui.widgets.list_screen import page_layout
from desktop_app.ui.widgets.list_table import fill, list_table
from desktop_app.ui.widgets.screen import PageHeader, Screen
from desktop_app.ui.widgets.table_export import install_table_actions

SOON_DAYS = 7  # due within a week: amber
KIND_LABELS = {
    "rebate_claim": QT_TRANSLATE_NOOP("DeadlinesScreen", "Rebate claim"),
    "claim_limit": QT_TRANSLATE_NOOP("DeadlinesScreen", "36-month limit"),
    "document_filing": QT_TRANSLATE_NOOP("DeadlinesScreen", "Document filing"),
    "settlement_9810": QT_TRANSLATE_NOOP("DeadlinesScreen", "9810 settlement"),
    "fx_collection": QT_TRANSLATE_NOOP("DeadlinesScreen", "FX collection"),
}
STATUS_LABELS = {
    "due": QT_TRANSLATE_NOOP("DeadlinesScreen", "Due"),
    "overdue": QT_TRANSLATE_NOOP("DeadlinesScreen", "Overdue"),
    "done": QT_TRANSLATE_NOOP("DeadlinesScreen", "Done"),
}
OVERDUE, SOON, LATER, DONE = "#c62828", "#b26a00", "#1f5fa8", "#5f8f5f"
HOLIDAY_GREY, BANNER = "#9aa3ad", "background: #fff3cd; color: #7a4f00; padding: 6px 10px;"


def _tr(text: str) -> str:
    return QCoreApplication.translate("DeadlinesScreen", text)


@dataclass(frozen=True)
class DeadlinesData:
    """What the screen shows, read on the worker thread."""

    deadlines: list[Deadline]
    missing_years: list[int]
    days_off: dict[dt.date, tuple[str, str]] = field(default_factory=dict)  # day → (kind, name)


def load_deadlines(
    session: Session,
    job: Job,
    first: dt.date,
    last: dt.date,
    kinds: Sequence[str] | None,
    include_done: bool,
) -> DeadlinesData:
    found = deadlines.between(session, first, last, kinds=kinds, include_done=include_done)
    days_off = {
        entry.day: (entry.kind, entry.name)
        for year in range(first.year - 1, last.year + 2)
        for entry in holidays.list_days(session, year)
    }
    return DeadlinesData(found.deadlines, found.missing_years, days_off)


def _qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


class DueRange(QWidget):
    """From and To of the due dates shown; `reset()` goes back to the default span."""

    changed = Signal()

    def __init__(self, today: dt.date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.today = today
        self.first = self._edit()
        self.last = self._edit()
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(QLabel(self.tr("Due from")))
        layout.addWidget(self.first)
        layout.addWidget(QLabel(self.tr("to")))
        layout.addWidget(self.last)
        self.reset()

    def _edit(self) -> QDateEdit:
        edit = QDateEdit(calendarPopup=True, displayFormat="yyyy-MM-dd")
        edit.dateChanged.connect(lambda _d: self.changed.emit())
        return edit

    def reset(self) -> None:
        """A quarter back (what is overdue) and a year ahead."""
        self.set_range(deadlines.add_months(self.today, -3), deadlines.add_months(self.today, 12))

    def set_range(self, first: dt.date, last: dt.date) -> None:
        self.blockSignals(True)
        try:
            self.first.setDate(_qdate(first))
            self.last.setDate(_qdate(last))
        finally:
            self.blockSignals(False)
        self.changed.emit()

    def range(self) -> tuple[dt.date, dt.date]:
        return self.first.date().toPython(), self.last.date().toPython()


class DeadlinesScreen(Screen):
    KEY = "deadlines"
    WATCHES = ("rebate", "declarations", "settings")

    def __init__(
        self, ctx: AppContext, parent: QWidget | None = None, *, today: dt.date | None = None
    ) -> None:
        super().__init__(ctx, parent)
        self.today = today or dt.date.today()
        self.data: DeadlinesData | None = None
        self.shown: list[Deadline] = []
        self.marked: dict[dt.date, str] = {}  # due day → colour on the calendar
        self._generation = 0
        self.header = PageHeader(self.title(), self.tr("Loading…"))
        self.banner = self._build_banner()
        self.filters = self._build_filters()
        self.calendar = self._build_calendar()
        self.table = self._build_table()
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.calendar)
        splitter.addWidget(self.table)
        splitter.setStretchFactor(1, 1)
        splitter.setChildrenCollapsible(False)
        self.legend = QLabel(objectName="hint")
        self.legend.setText(
            self.tr(
                "Bold dates have deadlines: red overdue, amber within {0} days, blue later. "
                "Grey days are weekends and holidays. A due date on a holiday moves to the next "
                "working day."
            ).format(SOON_DAYS)
        )
        self.legend.setWordWrap(True)
        page_layout(
            self, self.header, self.banner, self.filters, splitter, self.legend, stretch=splitter
        )

    def title(self) -> str:
        return self.tr("Deadlines")

    # -- building ------------------------------------------------------------------
    def _build_banner(self) -> QFrame:
        frame = QFrame(objectName="deadlineBanner")
        frame.setStyleSheet(f"QFrame#deadlineBanner {{ {BANNER} border-radius: 4px; }}")
        self.banner_label = QLabel()
        self.banner_label.setWordWrap(True)
        self.banner_label.setStyleSheet("color: #7a4f00; background: transparent;")
        button = QPushButton(self.tr("Holidays…"))
        button.setToolTip(self.tr("Settings → Holidays: seed, import or enter a year's days"))
        button.clicked.connect(lambda: self.navigate.emit("settings"))
        line = QHBoxLayout(frame)
        line.setContentsMargins(8, 4, 8, 4)
        line.addWidget(self.banner_label, 1)
        line.addWidget(button)
        frame.hide()
        return frame

    def _build_filters(self) -> FilterBar:
        bar = FilterBar()
        self.kind_filter = ChoiceFilter(self.tr("All kinds"))
        self.kind_filter.set_choices([(_tr(label), key) for key, label in KIND_LABELS.items()])
        self.range_filter = DueRange(self.today)
        self.done_filter = QCheckBox(self.tr("Show met deadlines"))
        self.done_filter.setToolTip(
            self.tr("Also list deadlines already met: claimed, filed, collected or settled")
        )
        for widget in (self.kind_filter, self.range_filter, self.done_filter):
            bar.add(widget)
        bar.finish()
        bar.changed.connect(self.reload)
        return bar

    def _build_calendar(self) -> QCalendarWidget:
        calendar = QCalendarWidget()
        calendar.setGridVisible(False)
        calendar.setVerticalHeaderFormat(QCalendarWidget.VerticalHeaderFormat.NoVerticalHeader)
        calendar.setFirstDayOfWeek(Qt.DayOfWeek.Monday)
        calendar.setSelectedDate(_qdate(self.today))
        calendar.setMinimumWidth(340)
        calendar.clicked.connect(self._day_clicked)
        return calendar

    def _build_table(self) -> QTableWidget:
        table = list_table(
            [
                self.tr("Due date"),
                self.tr("Days left"),
                self.tr("Status"),
                self.tr("Deadline"),
                self.tr("Declaration"),
                self.tr("Customs no."),
                self.tr("Counted from"),
                self.tr("Note"),
            ]
        )
        table.setWordWrap(False)  # long notes are elided; the whole text is the tooltip
        table.itemSelectionChanged.connect(self._row_selected)
        install_table_actions(table, self.title, self.ctx)
        return table

    # -- data ----------------------------------------------------------------------
    def refresh(self, changes: Changes | None = None) -> None:
        self.reload()

    def reload(self) -> None:
        first, last = self.range_filter.range()
        if last < first:
            self.header.set_subtitle(self.tr("The range ends before it starts."))
            return
        kind = self.kind_filter.value()
        include_done = self.done_filter.isChecked()
        self._generation += 1
        generation = self._generation

        def shown(data: DeadlinesData) -> None:
            if generation == self._generation:  # a later filter change wins
                self.show_data(data)

        self.header.set_subtitle(self.tr("Loading…"))
        self.ctx.tasks.query(
            lambda session, job: load_deadlines(
                session, job, first, last, [kind] if kind else None, include_done
            ),
            parent=self,
            on_success=shown,
        )

    def show_data(self, data: DeadlinesData) -> None:
        self.data = data
        self.shown = list(data.deadlines)
        self._show_banner(data.missing_years)
        self._mark_calendar(data)
        fill(self.table, [self._cells(d) for d in self.shown], right_aligned={1})
        for row, item in enumerate(self.shown):
            colour = self._colour(item)
            for column in range(self.table.columnCount()):
                cell = self.table.item(row, column)
                if colour in (OVERDUE, SOON):
                    cell.setForeground(QBrush(QColor(colour)))
                cell.setToolTip("\n".join((item.source, item.note, *item.warnings)).strip())
        overdue = sum(d.status(self.today) == "overdue" for d in self.shown)
        soon = sum(self._colour(d) == SOON for d in self.shown)
        self.header.set_subtitle(
            self.tr("{0} deadlines: {1} overdue, {2} due within {3} days").format(
                len(self.shown), overdue, soon, SOON_DAYS
            )
        )

    def _show_banner(self, years: list[int]) -> None:
        lines = [
            self.tr(
                "{0} has no holiday data: due dates may be off by holidays — Settings → Holidays"
            ).format(year)
            for year in years
        ]
        self.banner_label.setText("\n".join(lines))
        self.banner.setVisible(bool(lines))

    def _colour(self, item: Deadline) -> str:
        status = item.status(self.today)
        if status == "done":
            return DONE
        if status == "overdue":
            return OVERDUE
        return SOON if item.days_left(self.today) <= SOON_DAYS else LATER

    def _cells(self, item: Deadline) -> list[str]:
        note = item.note
        if item.warnings:
            note = self.tr("Not checked against holidays (no holiday data)")
        elif item.adjusted:
            note = self.tr("Moved off a holiday from {0}").format(item.rule_date.isoformat())
        return [
            item.due_date.isoformat(),
            str(item.days_left(self.today)),
            _tr(STATUS_LABELS[item.status(self.today)]),
            _tr(KIND_LABELS.get(item.kind, item.kind)),
            item.declaration_ref,
            item.customs_no,
            item.anchor_date.isoformat() if item.anchor_date else "",
            note,
        ]

    # -- calendar ------------------------------------------------------------------
    def _mark_calendar(self, data: DeadlinesData) -> None:
        calendar = self.calendar
        calendar.setDateTextFormat(QDate(), QTextCharFormat())  # clears every date
        grey = QTextCharFormat()
        grey.setForeground(QBrush(QColor(HOLIDAY_GREY)))
        for weekday in (Qt.DayOfWeek.Saturday, Qt.DayOfWeek.Sunday):
            calendar.setWeekdayTextFormat(weekday, grey)
        for day, (kind, name) in data.days_off.items():
            text = QTextCharFormat()
            if kind == "holiday":
                text.setForeground(QBrush(QColor(HOLIDAY_GREY)))
            else:  # a 调休 weekend is a working day: plain black
                text.setForeground(QBrush(QColor("#1f2d3d")))
            text.setToolTip(name)
            calendar.setDateTextFormat(_qdate(day), text)
        self.marked = {}
        rank = {OVERDUE: 0, SOON: 1, LATER: 2, DONE: 3}
        for item in data.deadlines:
            colour = self._colour(item)
            current = self.marked.get(item.due_date)
            if current is None or rank[colour] < rank[current]:
                self.marked[item.due_date] = colour
        for day, colour in self.marked.items():
            text = calendar.dateTextFormat(_qdate(day))
            text.setFontWeight(QFont.Weight.Bold)
            text.setForeground(QBrush(QColor("white")))
            text.setBackground(QBrush(QColor(colour)))
            count = sum(d.due_date == day for d in data.deadlines)
            text.setToolTip(self.tr("{0} deadlines").format(count))
            calendar.setDateTextFormat(_qdate(day), text)

    def _day_clicked(self, day: QDate) -> None:
        """Select the first deadline due that day."""
        wanted = day.toPython()
        for row, item in enumerate(self.shown):
            if item.due_date == wanted:
                self.table.selectRow(row)
                return
        self.table.clearSelection()

    def _row_selected(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if rows and rows[0].row() < len(self.shown):
            due = self.shown[rows[0].row()].due_date
            self.calendar.blockSignals(True)
            self.calendar.setSelectedDate(_qdate(due))
            self.calendar.blockSignals(False)

    def focus_search(self) -> None:
        self.table.setFocus()
