"""The mainland holiday table (节假日 and 调休 working weekends) and working-day arithmetic on it.

A day is a working day when the table says "workday" (a weekend made a working day, 调休),
or when it is Monday–Friday and the table does not say "holiday". The table is seeded from
the chinese-calendar package (2004–2026), edited by hand, or imported from a file of the
State Council's notice.

A year with no row at all in the table has no holiday data: guessing "weekends only" there
would put due dates on Spring Festival or National Day without anyone noticing. So every
function here that needs such a year raises NoHolidayData (a BadInput naming the years);
callers that must still show something (the deadline calendar) catch it and show its
message as a warning beside the date.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import delete, extract, func, insert, select
from sqlalchemy.orm import Session

from desktop_app.core import audit
from desktop_app.core.errors import BadInput
from desktop_app.core.importers.common import ImportRejected, ImportSummary, RowError
from desktop_app.core.importers.dates import BadDate, parse_date
from desktop_app.core.models.reference import HolidayDay

if TYPE_CHECKING:
    from desktop_app.core.importers.tabular import Row

KINDS = ("holiday", "workday")
NAME_MAX = 60
SEED_SOURCE = "chinese-calendar"
# The package names holidays in English; the table keeps the names a Chinese notice uses.
CHINESE_NAMES = {
    "New Year's Day": "元旦",
    "Spring Festival": "春节",
    "Tomb-sweeping Day": "清明节",
    "Labour Day": "劳动节",
    "Dragon Boat Festival": "端午节",
    "National Day": "国庆节",
    "Mid-autumn Festival": "中秋节",
    "Anti-Fascist 70th Day": "抗战胜利70周年纪念日",
}
ALIASES: dict[str, tuple[str, ...]] = {
    "day": ("date", "day", "日期", "日子"),
    "kind": ("kind", "type", "类型", "类别", "休/班"),
    "name": ("name", "holiday", "名称", "节日", "节假日名称", "说明"),
}
# What people write in the kind column of a notice copied into Excel.
KIND_WORDS = {
    "holiday": "holiday", "休": "holiday", "假": "holiday", "放假": "holiday",
    "节假日": "holiday", "假日": "holiday", "off": "holiday",
    "workday": "workday", "班": "workday", "上班": "workday", "工作日": "workday",
    "调休上班": "workday", "补班": "workday", "work": "workday",
}  # fmt: skip


class NoHolidayData(BadInput):
    """A date needs a year whose holidays are not in the table; nothing was guessed."""

    code = "no_holiday_data"

    def __init__(self, years: Iterable[int]) -> None:
        self.years = tuple(sorted(set(years)))
        listed = ", ".join(str(y) for y in self.years)
        super().__init__(
            f"no holiday data for {listed}: working days cannot be counted there; "
            f"import the State Council holiday notice for {listed} or add its days by hand"
        )


@dataclass(frozen=True)
class HolidayEntry:
    day: dt.date
    kind: str
    name: str


@dataclass
class SeedResult:
    inserted: int = 0
    kept: int = 0  # days already in the table (user edits win over the package)
    years: list[int] = field(default_factory=list)


# ---------------------------------------------------------------- working-day arithmetic


class WorkCalendar:
    """The table read once per year on demand: for code asking about many days."""

    def __init__(self, session: Session) -> None:
        self._session = session
        self._years: dict[int, dict[dt.date, str]] = {}

    def _year(self, year: int) -> dict[dt.date, str]:
        if year not in self._years:
            rows = self._session.execute(
                select(HolidayDay.day, HolidayDay.kind).where(
                    HolidayDay.day.between(dt.date(year, 1, 1), dt.date(year, 12, 31))
                )
            ).all()
            self._years[year] = {day: kind for day, kind in rows}  # {} = no data, asked once
        days = self._years[year]
        if not days:
            raise NoHolidayData([year])
        return days

    def is_working_day(self, day: dt.date) -> bool:
        kind = self._year(day.year).get(day)
        if kind is not None:
            return kind == "workday"
        return day.weekday() < 5

    def next_working_day(self, day: dt.date) -> dt.date:
        """`day` itself when it is a working day, else the first working day after it."""
        while not self.is_working_day(day):
            day += dt.timedelta(days=1)
        return day

    def add_working_days(self, day: dt.date, n: int) -> dt.date:
        """The n-th working day after `day` (before it when n < 0); `day` itself when n == 0."""
        step = dt.timedelta(days=1 if n >= 0 else -1)
        left = abs(n)
        while left:
            day += step
            if self.is_working_day(day):
                left -= 1
        return day

    def working_days_between(self, start: dt.date, end: dt.date) -> int:
        """Working days after `start` up to and including `end`; negative when end < start."""
        if end < start:
            return -self.working_days_between(end, start)
        count, day = 0, start
        while day < end:
            day += dt.timedelta(days=1)
            count += self.is_working_day(day)
        return count


def is_working_day(session: Session, day: dt.date) -> bool:
    """Is `day` a mainland working day? Raises NoHolidayData for a year without data."""
    return WorkCalendar(session).is_working_day(day)


def next_working_day(session: Session, day: dt.date) -> dt.date:
    return WorkCalendar(session).next_working_day(day)


def add_working_days(session: Session, day: dt.date, n: int) -> dt.date:
    """The n-th working day after `day`; raises NoHolidayData for a year without data."""
    return WorkCalendar(session).add_working_days(day, n)


def working_days_between(session: Session, start: dt.date, end: dt.date) -> int:
    """Working days in (start, end]; raises NoHolidayData for a year without data."""
    return WorkCalendar(session).working_days_between(start, end)


def years_with_data(session: Session) -> list[int]:
    year = extract("year", HolidayDay.day)
    return [int(y) for y in session.scalars(select(year).group_by(year).order_by(year))]


def years_without_data(session: Session, first: int, last: int) -> list[int]:
    """The years in [first, last] the table knows nothing about (for a visible warning)."""
    have = set(years_with_data(session))
    return [y for y in range(first, last + 1) if y not in have]


def list_days(session: Session, year: int) -> list[HolidayEntry]:
    rows = session.scalars(
        select(HolidayDay)
        .where(HolidayDay.day.between(dt.date(year, 1, 1), dt.date(year, 12, 31)))
        .order_by(HolidayDay.day)
    )
    return [HolidayEntry(r.day, r.kind, r.name) for r in rows]


# ---------------------------------------------------------------- editing


def set_day(session: Session, day: dt.date, kind: str, name: str = "") -> HolidayEntry:
    """Add or change one day of the table (audited); the caller owns the transaction."""
    reason = _day_problem(day, kind, name)
    if reason:
        raise BadInput(f"holiday {day.isoformat()}: {reason}")
    row = session.get(HolidayDay, day)
    if row is None:
        session.add(HolidayDay(day=day, kind=kind, name=name.strip()))
    else:
        row.kind, row.name = kind, name.strip()
    session.flush()
    return HolidayEntry(day, kind, name.strip())


def add_holiday(session: Session, day: dt.date, name: str = "") -> HolidayEntry:
    return set_day(session, day, "holiday", name)


def mark_workday(session: Session, day: dt.date, name: str = "") -> HolidayEntry:
    """A Saturday or Sunday made a working day (调休上班)."""
    return set_day(session, day, "workday", name)


def remove_day(session: Session, day: dt.date) -> bool:
    """Back to the Monday–Friday rule for `day`; False when the table had no such day."""
    row = session.get(HolidayDay, day)
    if row is None:
        return False
    session.delete(row)
    session.flush()
    return True


def _day_problem(day: dt.date, kind: str, name: str) -> str | None:
    if kind not in KINDS:
        return f"kind {kind!r} is not one of {', '.join(KINDS)}"
    if kind == "workday" and day.weekday() < 5:
        return "a 调休 working day must be a Saturday or Sunday (Monday–Friday already are)"
    if len(name.strip()) > NAME_MAX:
        return f"name longer than {NAME_MAX} characters"
    return None


# ---------------------------------------------------------------- seeding and importing


def package_years() -> range:
    """The years chinese-calendar has data for (2004–2026 in the installed version)."""
    import chinese_calendar

    known = {day.year for day in chinese_calendar.holidays}
    return range(min(known), max(known) + 1)


def seed_from_package(session: Session, years: Iterable[int] | None = None) -> SeedResult:
    """Fill the table from chinese-calendar; days already in the table are kept as they are.

    Asking for a year the package does not know is refused (nothing written): seeding it
    would silently leave the year without data.
    """
    import chinese_calendar

    wanted = set(years) if years is not None else None
    known = package_years()
    beyond = sorted(y for y in wanted or () if y not in known)
    if beyond:
        listed = ", ".join(str(y) for y in beyond)
        raise BadInput(
            f"the built-in holiday data covers {known.start}–{known.stop - 1}, not {listed}: "
            f"import the State Council holiday notice for {listed} or add its days by hand"
        )
    candidates: dict[dt.date, tuple[str, str]] = {}
    for source, kind in (
        (chinese_calendar.holidays, "holiday"),
        (chinese_calendar.workdays, "workday"),
    ):
        for day, english in source.items():
            if kind == "workday" and day.weekday() < 5:
                continue  # the package lists no such day today; the table would refuse it
            if wanted is None or day.year in wanted:
                candidates[day] = (kind, CHINESE_NAMES.get(english, english)[:NAME_MAX])
    existing = set(session.scalars(select(HolidayDay.day).where(HolidayDay.day.in_(candidates))))
    rows = [
        {"day": day, "kind": kind, "name": name}
        for day, (kind, name) in sorted(candidates.items())
        if day not in existing
    ]
    if rows:
        session.execute(insert(HolidayDay), rows)
    result = SeedResult(len(rows), len(existing), sorted({d.year for d in candidates}))
    audit.record(
        session,
        "seed",
        "holiday_day",
        after={"source": SEED_SOURCE, "inserted": result.inserted, "years": result.years},
    )
    session.flush()
    return result


def import_holidays(
    session: Session, path: str | Path, *, replace_years: bool = False
) -> ImportSummary:
    """Import (date, kind, name) rows from xlsx/csv: all or nothing, every bad row listed.

    Days already in the table are updated. With replace_years, every year the file covers
    is cleared first, so a corrected notice replaces the old one instead of adding to it.
    """
    from desktop_app.core.importers.tabular import read_table

    table = read_table(path, aliases=ALIASES, required=("day", "kind"))
    summary = ImportSummary(file=table.source, kind="holidays")
    entries: dict[dt.date, HolidayEntry] = {}
    for number, row in table.rows():
        summary.rows += 1
        entry = _parse_row(number, row, table.column, summary.errors)
        if entry is None:
            continue
        if entry.day in entries:
            summary.errors.append(
                RowError(number, table.column("day"), entry.day.isoformat(), "date listed twice")
            )
            continue
        entries[entry.day] = entry
    if summary.errors:
        raise ImportRejected(summary)
    if not entries:
        raise BadInput(f"{table.source}: no holiday rows found")
    _write_entries(session, list(entries.values()), replace_years, summary)
    return summary


def _parse_row(
    number: int, row: Row, column: Callable[[str], str], errors: list[RowError]
) -> HolidayEntry | None:
    text, kind_text, name = row.get("day", ""), row.get("kind", ""), row.get("name", "")
    before = len(errors)
    try:
        day = parse_date(text, day_first=False)
    except BadDate as exc:
        errors.append(RowError(number, column("day"), text, f"not a date ({exc})"))
        day = None
    kind = KIND_WORDS.get(kind_text.strip().lower())
    if kind is None:
        errors.append(
            RowError(number, column("kind"), kind_text, "kind must be holiday (休) or workday (班)")
        )
    if day is not None and kind is not None:
        reason = _day_problem(day, kind, name)
        if reason:
            errors.append(RowError(number, column("kind"), kind_text, reason))
    if len(errors) > before or day is None or kind is None:
        return None
    return HolidayEntry(day, kind, name.strip())


def _write_entries(
    session: Session, entries: list[HolidayEntry], replace_years: bool, summary: ImportSummary
) -> None:
    years = sorted({e.day.year for e in entries})
    if replace_years:
        year = extract("year", HolidayDay.day)
        cleared = session.scalar(
            select(func.count()).select_from(HolidayDay).where(year.in_(years))
        )
        session.execute(delete(HolidayDay).where(year.in_(years)))
        summary.details["cleared"] = int(cleared or 0)
    existing = {
        r.day: r
        for r in session.scalars(
            select(HolidayDay).where(HolidayDay.day.in_([e.day for e in entries]))
        )
    }
    new = [{"day": e.day, "kind": e.kind, "name": e.name} for e in entries if e.day not in existing]
    for entry in entries:
        row = existing.get(entry.day)
        if row is not None and (row.kind, row.name) != (entry.kind, entry.name):
            row.kind, row.name = entry.kind, entry.name
            summary.updated += 1
    if new:
        session.execute(insert(HolidayDay), new)
    summary.inserted = len(new)
    summary.skipped = len(entries) - len(new) - summary.updated
    summary.details["years"] = years
    audit.record(
        session,
        "import",
        "holiday_day",
        after={
            "file": summary.file,
            "inserted": summary.inserted,
            "updated": summary.updated,
            "years": years,
        },
    )
    session.flush()
