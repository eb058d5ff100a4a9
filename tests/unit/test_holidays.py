"""The holiday table: seeding from chinese-calendar, editing, importing, working-day arithmetic."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from openpyxl import Workbook
from sqlalchemy import func, select

from desktop_app.core.errors import BadInput
from desktop_app.core.importers.common import ImportRejected
from desktop_app.core.models import HolidayDay
from desktop_app.core.models.system import AuditEvent
from desktop_app.core.services import holidays as h

D = dt.date


@pytest.fixture
def seeded(session):
    h.seed_from_package(session, years=[2025, 2026])
    return session


def test_seed_fills_2026_with_chinese_names_and_keeps_user_edits(session) -> None:
    h.add_holiday(session, D(2026, 2, 16), "公司年假")
    result = h.seed_from_package(session, years=[2026])
    assert result.years == [2026]
    assert result.kept == 1
    assert result.inserted == 33 + 6 - 1  # 33 holidays, 6 working weekends in 2026
    days = {e.day: e for e in h.list_days(session, 2026)}
    assert days[D(2026, 2, 17)] == h.HolidayEntry(D(2026, 2, 17), "holiday", "春节")
    assert days[D(2026, 10, 1)].name == "国庆节"
    assert days[D(2026, 2, 16)].name == "公司年假"  # not overwritten
    assert days[D(2026, 2, 14)].kind == "workday"  # Saturday before Spring Festival
    again = h.seed_from_package(session, years=[2026])
    assert again.inserted == 0
    assert session.scalar(
        select(func.count()).select_from(AuditEvent).where(AuditEvent.action == "seed")
    )


def test_seed_all_years_of_the_package(session) -> None:
    result = h.seed_from_package(session)
    assert result.years[0] == 2004 and result.years[-1] == 2026
    assert h.years_without_data(session, 2025, 2028) == [2027, 2028]


@pytest.mark.parametrize(
    ("day", "working"),
    [
        (D(2026, 2, 13), True),  # Friday before Spring Festival
        (D(2026, 2, 14), True),  # Saturday, 调休 working day
        (D(2026, 2, 16), False),  # Monday, Spring Festival
        (D(2026, 2, 23), False),  # last day of the holiday
        (D(2026, 2, 24), True),
        (D(2026, 2, 28), True),  # Saturday, 调休
        (D(2026, 3, 1), False),  # plain Sunday
        (D(2026, 10, 7), False),  # National Day
        (D(2026, 10, 10), True),  # Saturday, 调休
        (D(2026, 10, 11), False),
    ],
)
def test_is_working_day_2026(seeded, day: dt.date, working: bool) -> None:
    assert h.is_working_day(seeded, day) is working


def test_add_working_days_across_spring_festival_and_national_day(seeded) -> None:
    assert h.add_working_days(seeded, D(2026, 2, 12), 1) == D(2026, 2, 13)
    assert h.add_working_days(seeded, D(2026, 2, 13), 1) == D(2026, 2, 14)  # 调休 Saturday
    assert h.add_working_days(seeded, D(2026, 2, 14), 1) == D(2026, 2, 24)
    assert h.add_working_days(seeded, D(2026, 2, 24), -1) == D(2026, 2, 14)
    assert h.add_working_days(seeded, D(2026, 9, 30), 1) == D(2026, 10, 8)
    assert h.add_working_days(seeded, D(2026, 10, 9), 1) == D(2026, 10, 10)
    assert h.add_working_days(seeded, D(2026, 10, 5), 0) == D(2026, 10, 5)
    assert h.next_working_day(seeded, D(2026, 10, 3)) == D(2026, 10, 8)


def test_working_days_between(seeded) -> None:
    assert h.working_days_between(seeded, D(2026, 2, 13), D(2026, 2, 24)) == 2
    assert h.working_days_between(seeded, D(2026, 2, 24), D(2026, 2, 13)) == -2
    assert h.working_days_between(seeded, D(2026, 9, 30), D(2026, 10, 9)) == 2
    assert h.working_days_between(seeded, D(2026, 5, 6), D(2026, 5, 6)) == 0


def test_year_without_data_raises_a_visible_error(seeded) -> None:
    with pytest.raises(h.NoHolidayData) as caught:
        h.is_working_day(seeded, D(2027, 1, 4))
    assert caught.value.years == (2027,)
    assert "no holiday data for 2027" in str(caught.value)
    assert isinstance(caught.value, BadInput)
    with pytest.raises(h.NoHolidayData):
        h.add_working_days(seeded, D(2026, 12, 30), 5)  # runs into 2027
    with pytest.raises(h.NoHolidayData):
        h.working_days_between(seeded, D(2026, 12, 1), D(2027, 1, 10))


def test_edit_days(seeded) -> None:
    h.add_holiday(seeded, D(2026, 3, 2), "公司停工")
    assert not h.is_working_day(seeded, D(2026, 3, 2))
    assert h.remove_day(seeded, D(2026, 3, 2)) is True
    assert h.remove_day(seeded, D(2026, 3, 2)) is False
    assert h.is_working_day(seeded, D(2026, 3, 2))
    h.mark_workday(seeded, D(2026, 3, 7), "调休")
    assert h.is_working_day(seeded, D(2026, 3, 7))
    h.set_day(seeded, D(2026, 3, 7), "holiday", "改为休息")
    assert not h.is_working_day(seeded, D(2026, 3, 7))
    with pytest.raises(BadInput, match="Saturday or Sunday"):
        h.mark_workday(seeded, D(2026, 3, 4))
    with pytest.raises(BadInput, match="kind"):
        h.set_day(seeded, D(2026, 3, 4), "half-day")


def test_entering_a_year_by_hand_gives_it_data(seeded) -> None:
    h.add_holiday(seeded, D(2027, 1, 1), "元旦")
    assert h.is_working_day(seeded, D(2027, 1, 4))
    assert h.years_without_data(seeded, 2026, 2027) == []


def _csv(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "holidays.csv"
    path.write_text(text, encoding="utf-8")
    return path


def test_import_csv_with_chinese_headers(session, tmp_path: Path) -> None:
    path = _csv(
        tmp_path,
        "日期,类型,名称\n2027-01-01,休,元旦\n2027-02-06,班,春节\n2027-02-07,holiday,春节\n",
    )
    summary = h.import_holidays(session, path)
    assert (summary.rows, summary.inserted, summary.updated) == (3, 3, 0)
    assert h.list_days(session, 2027)[1] == h.HolidayEntry(D(2027, 2, 6), "workday", "春节")
    assert h.is_working_day(session, D(2027, 2, 6))  # a Saturday made a working day
    again = h.import_holidays(session, _csv(tmp_path, "date,kind,name\n2027-01-01,休,New Year\n"))
    assert (again.inserted, again.updated) == (0, 1)


def test_import_xlsx_with_date_cells(session, tmp_path: Path) -> None:
    book = Workbook()
    sheet = book.active
    sheet.append(["Date", "Kind", "Name"])
    sheet.append([dt.datetime(2027, 10, 1), "holiday", "国庆节"])
    sheet.append([dt.datetime(2027, 10, 9), "workday", "国庆节"])
    path = tmp_path / "h.xlsx"
    book.save(path)
    summary = h.import_holidays(session, path)
    assert summary.inserted == 2
    assert not h.is_working_day(session, D(2027, 10, 1))


def test_import_is_all_or_nothing_and_lists_every_bad_row(session, tmp_path: Path) -> None:
    path = _csv(
        tmp_path,
        "日期,类型,名称\n"
        "2027-01-01,休,元旦\n"
        "2027-13-01,休,bad date\n"
        "2027-02-08,maybe,bad kind\n"
        "2027-02-10,班,a Wednesday\n"
        "2027-01-01,休,twice\n",
    )
    with pytest.raises(ImportRejected) as caught:
        h.import_holidays(session, path)
    rows = [e.row for e in caught.value.summary.errors]
    assert rows == [3, 4, 5, 6]
    assert "Saturday or Sunday" in str(caught.value)
    assert session.scalar(select(func.count()).select_from(HolidayDay)) == 0


def test_import_replacing_years(seeded, tmp_path: Path) -> None:
    path = _csv(tmp_path, "date,kind\n2026-10-01,holiday\n")
    summary = h.import_holidays(seeded, path, replace_years=True)
    assert summary.details["cleared"] == 39
    assert [e.day for e in h.list_days(seeded, 2026)] == [D(2026, 10, 1)]
    assert h.list_days(seeded, 2025)  # other years untouched


def test_import_without_kind_column_is_refused(session, tmp_path: Path) -> None:
    with pytest.raises(ImportRejected, match="kind"):
        h.import_holidays(session, _csv(tmp_path, "date,name\n2027-01-01,元旦\n"))


def test_seed_refuses_a_year_the_package_does_not_know(session) -> None:
    assert h.package_years().start == 2004 and 2026 in h.package_years()
    with pytest.raises(BadInput, match="covers 2004–2026, not 2027"):
        h.seed_from_package(session, years=[2026, 2027])
    assert h.years_with_data(session) == []  # nothing written, 2026 included
