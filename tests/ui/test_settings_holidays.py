"""Settings → Holidays: a year's days, seeding, adding, changing, removing and importing."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import QDate

from desktop_app.core.services import holidays as h
from desktop_app.ui.events import Changes
from desktop_app.ui.screens.settings_holidays import HolidaysPanel
from tests.ui.standalone import show, wait_idle

D = dt.date


@pytest.fixture
def panel(qtbot, ctx) -> HolidaysPanel:
    widget = show(qtbot, HolidaysPanel(ctx), 1000, 640)
    widget.year.setValue(2026)
    widget.reload()  # what the Settings screen does when the tab is first shown
    wait_idle(qtbot, ctx)
    return widget


def days(db, year: int) -> dict[dt.date, h.HolidayEntry]:
    with db.sessions() as session:
        return {e.day: e for e in h.list_days(session, year)}


def texts(panel: HolidaysPanel, column: int) -> list[str]:
    return [panel.table.item(r, column).text() for r in range(panel.table.rowCount())]


def row_of(panel: HolidaysPanel, day: dt.date) -> int:
    return texts(panel, 0).index(day.isoformat())


def test_empty_year_warns_then_seed_fills_it(qtbot, ctx, panel) -> None:
    assert panel.table.rowCount() == 0
    assert panel.summary.text() == "2026 has no holiday data: due dates may be off by holidays"
    with qtbot.waitSignal(ctx.events.changed) as changed:
        panel.seed_button.click()
        wait_idle(qtbot, ctx)
    assert changed.args[0] == Changes(settings=True)
    wait_idle(qtbot, ctx)
    assert panel.table.rowCount() == 39
    assert panel.summary.text() == "33 holidays, 6 working weekends"
    assert "Added" in panel.message.text() and "kept" in panel.message.text()
    row = row_of(panel, D(2026, 2, 14))
    assert panel.table.item(row, 2).text() == "Working weekend (班)"
    assert panel.table.item(row, 3).text() == "春节"


def test_select_and_change_a_day(qtbot, ctx, panel, db) -> None:
    with db.transaction("test") as session:
        h.seed_from_package(session, years=[2026])
    panel.reload()
    wait_idle(qtbot, ctx)
    panel.table.selectRow(row_of(panel, D(2026, 10, 7)))
    assert panel.date_edit.date() == QDate(2026, 10, 7)
    assert panel.name_edit.text() == "国庆节"
    assert panel.change_button.isEnabled()
    panel.name_edit.setText("国庆节、中秋节")
    panel.change_button.click()
    wait_idle(qtbot, ctx)
    assert days(db, 2026)[D(2026, 10, 7)].name == "国庆节、中秋节"
    assert panel.message.text() == "Saved 2026-10-07."
    # a new date for the selected day: the old one goes in the same transaction
    panel.table.selectRow(row_of(panel, D(2026, 10, 7)))
    panel.date_edit.setDate(QDate(2026, 10, 8))
    panel.change_button.click()
    wait_idle(qtbot, ctx)
    stored = days(db, 2026)
    assert D(2026, 10, 7) not in stored and stored[D(2026, 10, 8)].kind == "holiday"


def test_add_for_a_new_year_and_remove(qtbot, ctx, panel, db) -> None:
    panel.date_edit.setDate(QDate(2027, 1, 1))
    panel.name_edit.setText("元旦")
    panel.add_button.click()
    wait_idle(qtbot, ctx)
    assert panel.year.value() == 2027
    assert texts(panel, 0) == ["2027-01-01"]
    assert panel.summary.text() == "1 holidays, 0 working weekends"
    panel.table.selectRow(0)
    panel.remove_button.click()
    wait_idle(qtbot, ctx)
    assert days(db, 2027) == {}
    assert panel.message.text() == "Removed 2027-01-01."


def test_a_refused_day_shows_the_reason_and_writes_nothing(qtbot, ctx, panel, db) -> None:
    panel.date_edit.setDate(QDate(2026, 3, 4))  # a Wednesday
    panel.kind_box.setCurrentIndex(panel.kind_box.findData("workday"))
    panel.add_button.click()
    wait_idle(qtbot, ctx)
    assert "Saturday or Sunday" in panel.message.text()
    assert days(db, 2026) == {}


def test_import_a_file(qtbot, ctx, panel, db, tmp_path: Path) -> None:
    path = tmp_path / "2027.csv"
    path.write_text("日期,类型,名称\n2027-02-06,班,春节\n2027-02-08,休,春节\n", encoding="utf-8")
    panel.year.setValue(2027)
    panel.import_file(path)
    wait_idle(qtbot, ctx)
    assert set(days(db, 2027)) == {D(2027, 2, 6), D(2027, 2, 8)}
    assert panel.message.text() == "2027.csv: 2 days added, 0 changed."
    assert panel.table.rowCount() == 2
    path.write_text("日期,类型\n2027-02-09,maybe\n", encoding="utf-8")
    panel.import_file(path)
    wait_idle(qtbot, ctx)
    assert "nothing imported: row 2, column 类型 ('maybe')" in panel.message.text()
    assert set(days(db, 2027)) == {D(2027, 2, 6), D(2027, 2, 8)}


def test_screenshot(qtbot, ctx, panel, db) -> None:
    with db.transaction("test") as session:
        h.seed_from_package(session, years=[2026])
    panel.reload()
    wait_idle(qtbot, ctx)
    panel.table.selectRow(row_of(panel, D(2026, 2, 14)))
    panel.grab().save("/tmp/shots/f_settings_holidays.png")
    panel.year.setValue(2027)
    wait_idle(qtbot, ctx)
    panel.grab().save("/tmp/shots/f_settings_holidays_2027.png")
