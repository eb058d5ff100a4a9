"""Settings → Holidays (节假日): the holiday table a year at a time — add, change, remove, seed
from the built-in chinese-calendar data or import the State Council notice from a file."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from desktop_app.core.errors import BadInput
from desktop_app.core.jobs import Job
from desktop_app.core.services import holidays
from desktop_app.core.services.holidays import HolidayEntry
from desktop_app.ui.context import AppContext
from desktop_app.ui.events import Changes
from desktop_app.ui.reasons import describe_error
from desktop_app.ui.tasks import SessionOp
from desktop_app.ui.widgets.list_table import fill, list_table

FIRST_YEAR, LAST_YEAR = 2000, 2100
PROBLEM = "color: #c0392b;"
DONE = "color: #2e7d32;"


@dataclass(frozen=True)
class YearData:
    year: int
    days: list[HolidayEntry]
    seed_years: tuple[int, int]  # what the built-in data covers


def load_year(session: Session, job: Job, year: int) -> YearData:
    known = holidays.package_years()
    return YearData(year, holidays.list_days(session, year), (known.start, known.stop - 1))


def save_day(
    session: Session, old_day: dt.date | None, day: dt.date, kind: str, name: str
) -> HolidayEntry:
    """Add a day, or change one (its date too: the old date is removed) in one transaction."""
    if old_day is not None and old_day != day:
        holidays.remove_day(session, old_day)
    return holidays.set_day(session, day, kind, name)


def remove_day(session: Session, day: dt.date) -> dt.date:
    if not holidays.remove_day(session, day):
        raise BadInput(f"holiday {day.isoformat()}: not in the holiday table")
    return day


class HolidaysPanel(QWidget):
    """The days of one year, an editor for one day, and seeding and importing."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.data: YearData | None = None
        intro = QLabel(
            self.tr(
                "Deadlines are counted on mainland working days. List every public holiday "
                "and every weekend made a working day (调休) here; a year without any entry "
                "shows a warning on the Deadlines screen instead of a guess."
            )
        )
        intro.setWordWrap(True)
        self.year = QSpinBox(minimum=FIRST_YEAR, maximum=LAST_YEAR)
        self.year.setValue(dt.date.today().year)
        self.year.valueChanged.connect(lambda _y: self.reload())
        self.summary = QLabel()
        self.table = list_table(
            [self.tr("Date"), self.tr("Weekday"), self.tr("Kind"), self.tr("Name")]
        )
        self.table.itemSelectionChanged.connect(self._selected)
        self.message = QLabel()
        self.message.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.addWidget(intro)
        layout.addLayout(self._year_bar())
        layout.addWidget(self.table, 1)
        layout.addLayout(self._editor())
        layout.addWidget(self.message)

    def _year_bar(self) -> QVBoxLayout:
        self.seed_button = QPushButton(self.tr("Seed from built-in data"))
        self.seed_button.setToolTip(
            self.tr("Add the holidays of chinese-calendar; days you entered are kept")
        )
        self.seed_button.clicked.connect(self.seed)
        self.import_button = QPushButton(self.tr("Import file…"))
        self.import_button.setToolTip(
            self.tr("A CSV or Excel file with the columns 日期 (date), 类型 (休/班) and 名称")
        )
        self.import_button.clicked.connect(self.choose_and_import)
        self.replace_check = QCheckBox(self.tr("Replace the years in the file"))
        bar = QHBoxLayout()
        bar.addWidget(QLabel(self.tr("Year")))
        bar.addWidget(self.year)
        bar.addWidget(self.summary, 1)
        actions = QHBoxLayout()  # a second row keeps the tab narrow enough for small screens
        actions.addWidget(self.seed_button)
        actions.addWidget(self.import_button)
        actions.addWidget(self.replace_check)
        actions.addStretch(1)
        column = QVBoxLayout()
        column.addLayout(bar)
        column.addLayout(actions)
        return column

    def _editor(self) -> QVBoxLayout:
        self.date_edit = QDateEdit(calendarPopup=True, displayFormat="yyyy-MM-dd")
        self.date_edit.setDate(QDate.currentDate())
        self.kind_box = QComboBox()
        self.kind_box.addItem(self.tr("Holiday (休)"), "holiday")
        self.kind_box.addItem(self.tr("Working weekend (班)"), "workday")
        self.name_edit = QLineEdit(placeholderText=self.tr("Name, e.g. 春节"))
        self.name_edit.setMaxLength(holidays.NAME_MAX)
        self.add_button = QPushButton(self.tr("Add"))
        self.add_button.clicked.connect(lambda: self.save(None))
        self.change_button = QPushButton(self.tr("Save changes"))
        self.change_button.clicked.connect(lambda: self.save(self.selected_day()))
        self.remove_button = QPushButton(self.tr("Remove"))
        self.remove_button.clicked.connect(self.remove)
        line = QHBoxLayout()
        for widget in (self.date_edit, self.kind_box):
            line.addWidget(widget)
        line.addWidget(self.name_edit, 1)
        buttons = QHBoxLayout()
        for widget in (self.add_button, self.change_button, self.remove_button):
            buttons.addWidget(widget)
        buttons.addStretch(1)
        column = QVBoxLayout()
        column.addLayout(line)
        column.addLayout(buttons)
        self._selected()
        return column

    # -- data ----------------------------------------------------------------------
    def reload(self) -> None:
        year = self.year.value()
        self.ctx.tasks.query(
            lambda session, job: load_year(session, job, year),
            parent=self,
            on_success=self.show_year,
        )

    def show_year(self, data: YearData) -> None:
        if data.year != self.year.value():
            return  # the user has moved on to another year
        selected = self.selected_day()
        self.data = data
        fill(self.table, [self._cells(e) for e in data.days])
        holidays_count = sum(e.kind == "holiday" for e in data.days)
        if data.days:
            self.summary.setStyleSheet("")
            self.summary.setText(
                self.tr("{0} holidays, {1} working weekends").format(
                    holidays_count, len(data.days) - holidays_count
                )
            )
        else:
            self.summary.setStyleSheet(PROBLEM)
            self.summary.setText(
                self.tr("{0} has no holiday data: due dates may be off by holidays").format(
                    data.year
                )
            )
        first, last = data.seed_years
        self.seed_button.setToolTip(
            self.tr("Add the holidays of {0}–{1} from chinese-calendar; days you entered are kept")
            .format(first, last)
        )  # fmt: skip
        if selected is not None:
            self.select(selected)

    def _cells(self, entry: HolidayEntry) -> list[str]:
        weekday = QDate(entry.day.year, entry.day.month, entry.day.day).dayOfWeek()
        kind = (
            self.tr("Holiday (休)") if entry.kind == "holiday" else self.tr("Working weekend (班)")
        )
        return [entry.day.isoformat(), self.locale().dayName(weekday), kind, entry.name]

    def selected_day(self) -> dt.date | None:
        rows = self.table.selectionModel().selectedRows()
        if self.data is None or not rows or rows[0].row() >= len(self.data.days):
            return None
        return self.data.days[rows[0].row()].day

    def select(self, day: dt.date) -> None:
        for index, entry in enumerate(self.data.days if self.data else []):
            if entry.day == day:
                self.table.selectRow(index)

    def _selected(self) -> None:
        day = self.selected_day()
        self.change_button.setEnabled(day is not None)
        self.remove_button.setEnabled(day is not None)
        if day is None or self.data is None:
            return
        entry = next(e for e in self.data.days if e.day == day)
        self.date_edit.setDate(QDate(day.year, day.month, day.day))
        self.kind_box.setCurrentIndex(self.kind_box.findData(entry.kind))
        self.name_edit.setText(entry.name)

    # -- writing -------------------------------------------------------------------
    def _write(self, work: SessionOp[Any], done_text: Callable[[Any], str]) -> None:
        self.message.clear()

        def succeeded(result: Any) -> None:
            self._say(done_text(result), DONE)
            self.reload()

        self.ctx.tasks.write(
            work,
            parent=self,
            changes=Changes(settings=True),
            label=self.tr("Saving the holiday table…"),
            on_success=succeeded,
            on_failure=self._failed,
        )

    def save(self, old_day: dt.date | None) -> None:
        day = self.date_edit.date().toPython()
        kind, name = self.kind_box.currentData(), self.name_edit.text()
        self.year.blockSignals(True)
        self.year.setValue(day.year)  # show the year the day goes into
        self.year.blockSignals(False)
        self._write(
            lambda session, job: save_day(session, old_day, day, kind, name),
            lambda entry: self.tr("Saved {0}.").format(entry.day.isoformat()),
        )

    def remove(self) -> None:
        day = self.selected_day()
        if day is not None:
            self._write(
                lambda session, job: remove_day(session, day),
                lambda removed: self.tr("Removed {0}.").format(removed.isoformat()),
            )

    def seed(self) -> None:
        self._write(
            lambda session, job: holidays.seed_from_package(session),
            lambda result: self.tr(
                "Added {0} days from the built-in data; {1} days already here were kept."
            ).format(result.inserted, result.kept),
        )

    def choose_and_import(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self,
            self.tr("Import holidays"),
            "",
            self.tr("Holiday lists (*.csv *.xlsx);;All files (*)"),
        )
        if path:
            self.import_file(Path(path))

    def import_file(self, path: Path) -> None:
        replace = self.replace_check.isChecked()
        self._write(
            lambda session, job: holidays.import_holidays(session, path, replace_years=replace),
            lambda summary: self.tr("{0}: {1} days added, {2} changed.").format(
                path.name, summary.inserted, summary.updated
            ),
        )

    def _failed(self, error: BaseException) -> None:
        if isinstance(error, BadInput):
            self._say(describe_error(error), PROBLEM)
        else:
            self.ctx.tasks.report_failure(self, error)

    def _say(self, text: str, style: str) -> None:
        self.message.setStyleSheet(style)
        self.message.setText(text)
