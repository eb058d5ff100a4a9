"""The Deadlines screen: marked calendar dates, colours, filters and the missing-year banner."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QDate
from PySide6.QtGui import QColor, QFont

from desktop_app.core.services import holidays as h
from desktop_app.ui.screens import deadlines as screen_module
from desktop_app.ui.screens.deadlines import DeadlinesScreen
from tests.ui.standalone import show, wait_idle
from tests.unit.test_deadlines import claim, declaration
from tests.unit.test_deadlines_9810 import pre_rebate

D = dt.date
TODAY = D(2026, 4, 27)


@pytest.fixture
def filled(db):
    """Holidays for 2025–2026; an export whose documents are overdue, 2025 exports due 30 April,
    a 9810 pre-rebate to settle, and a 2026 export due in 2027 (no holiday data)."""
    with db.transaction("test") as session:
        h.seed_from_package(session, years=[2025, 2026])
        late = declaration(session, "D-LATE", D(2025, 12, 20))
        late.customs_no = "530020250123456789"
        claim(session, late, dt.datetime(2026, 2, 5, 2, 0, tzinfo=dt.UTC))
        declaration(session, "D-2025", D(2025, 8, 1))
        yt = declaration(session, "D-YT", D(2025, 3, 10))
        pre_rebate(session, yt, dt.datetime(2025, 5, 20, 2, 0, tzinfo=dt.UTC), batch_no=2)
        declaration(session, "D-2026", D(2026, 3, 16))
    return db


def make(qtbot, ctx) -> DeadlinesScreen:
    screen = show(qtbot, DeadlinesScreen(ctx, today=TODAY), 1280, 760)
    wait_idle(qtbot, ctx)
    return screen


def rows(screen: DeadlinesScreen) -> list[tuple[str, str, str]]:
    table = screen.table
    return [
        (table.item(r, 0).text(), table.item(r, 3).text(), table.item(r, 4).text())
        for r in range(table.rowCount())
    ]


def test_lists_overdue_and_due_with_colours(qtbot, ctx, filled) -> None:
    screen = make(qtbot, ctx)
    listed = rows(screen)
    assert listed[0] == ("2026-02-24", "Document filing", "D-LATE")
    assert ("2026-04-30", "9810 settlement", "D-YT") in listed
    assert all(kind != "Rebate claim" or ref != "D-LATE" for _, kind, ref in listed)  # met
    assert screen.table.item(0, 2).text() == "Overdue"
    assert screen.table.item(0, 0).foreground().color() == QColor(screen_module.OVERDUE)
    soon = next(r for r, row in enumerate(listed) if row[2] == "D-YT")
    assert screen.table.item(soon, 1).text() == "3"
    assert screen.table.item(soon, 0).foreground().color() == QColor(screen_module.SOON)
    assert "overdue" in screen.header.subtitle_label.text()


def test_calendar_marks_due_dates_and_greys_holidays(qtbot, ctx, filled) -> None:
    screen = make(qtbot, ctx)
    cal = screen.calendar
    overdue = cal.dateTextFormat(QDate(2026, 2, 24))
    assert overdue.fontWeight() == QFont.Weight.Bold
    assert overdue.background().color() == QColor(screen_module.OVERDUE)
    soon = cal.dateTextFormat(QDate(2026, 4, 30))
    assert soon.background().color() == QColor(screen_module.SOON)
    holiday = cal.dateTextFormat(QDate(2026, 10, 1))
    assert holiday.foreground().color() == QColor(screen_module.HOLIDAY_GREY)
    assert holiday.toolTip() == "国庆节"
    workday = cal.dateTextFormat(QDate(2026, 2, 14))  # 调休 Saturday
    assert workday.foreground().color() != QColor(screen_module.HOLIDAY_GREY)
    cal.clicked.emit(QDate(2026, 4, 30))
    selected = screen.table.selectionModel().selectedRows()
    assert selected and screen.shown[selected[0].row()].due_date == D(2026, 4, 30)


def test_banner_names_a_year_without_holiday_data(qtbot, ctx, filled) -> None:
    screen = make(qtbot, ctx)
    # the default range runs a year ahead: into 2027
    assert screen.banner.isVisible()
    assert screen.banner_label.text() == (
        "2027 has no holiday data: due dates may be off by holidays — Settings → Holidays"
    )
    screen.range_filter.set_range(D(2026, 1, 1), D(2026, 12, 31))
    wait_idle(qtbot, ctx)
    assert not screen.banner.isVisible()
    with qtbot.waitSignal(screen.navigate) as asked:
        screen.banner.findChild(type(screen.filters.clear_button)).click()
    assert asked.args == ["settings"]


def test_filters_kind_and_met_deadlines(qtbot, ctx, filled) -> None:
    screen = make(qtbot, ctx)
    screen.kind_filter.set_value("settlement_9810")
    wait_idle(qtbot, ctx)
    assert rows(screen) == [("2026-04-30", "9810 settlement", "D-YT")]
    screen.kind_filter.set_value("rebate_claim")
    wait_idle(qtbot, ctx)
    assert "D-LATE" not in {ref for *_, ref in rows(screen)}
    screen.done_filter.setChecked(True)
    wait_idle(qtbot, ctx)
    met = [r for r in range(screen.table.rowCount()) if screen.table.item(r, 4).text() == "D-LATE"]
    assert met and screen.table.item(met[0], 2).text() == "Done"


def test_a_holiday_entered_elsewhere_refreshes_the_screen(qtbot, ctx, filled) -> None:
    from desktop_app.ui.events import Changes

    screen = make(qtbot, ctx)
    with filled.transaction("test") as session:
        h.add_holiday(session, D(2027, 1, 1), "元旦")
    ctx.events.emit_changes(Changes(settings=True))
    wait_idle(qtbot, ctx)
    assert not screen.banner.isVisible()


def test_screenshot(qtbot, ctx, filled) -> None:
    screen = make(qtbot, ctx)
    screen.calendar.setCurrentPage(2026, 4)
    screen.grab().save("/tmp/shots/f_deadlines.png")
