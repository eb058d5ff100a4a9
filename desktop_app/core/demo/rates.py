"""Demo CFETS central parity rates (人民币汇率中间价) on working days: a small random walk."""

from __future__ import annotations

import datetime as dt
import random
from decimal import ROUND_HALF_UP, Decimal

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from desktop_app.core import audit
from desktop_app.core.models import ExchangeRate, HolidayDay

SOURCE = "CFETS 中间价 (demo)"
# (currency, start in 1/10000, per units, quoted as CNY 1 = x foreign, daily spread in 1/10000)
CURRENCIES = (
    ("USD", 71_050, 1, False, 30),
    ("EUR", 82_300, 1, False, 250),
    ("JPY", 46_800, 100, False, 120),
    ("GBP", 94_500, 1, False, 300),
    ("SGD", 54_800, 1, False, 150),
    ("MYR", 5_950, 1, True, 30),
    ("PHP", 80_500, 1, True, 300),
)
# Mainland public holidays (国务院办公厅 notices) when no parity is published; a database's
# own holiday table, when filled, is honoured as well.
HOLIDAYS = {
    2025: ("01-01", "01-28:02-04", "04-04:04-06", "05-01:05-05", "05-31:06-02", "10-01:10-08"),
    2026: ("01-01:01-03", "02-15:02-23", "04-04:04-06", "05-01:05-05", "06-19:06-21",
           "09-25:09-27", "10-01:10-07"),
}  # fmt: skip
FIXED_HOLIDAYS = ("01-01", "05-01:05-03", "10-01:10-07")  # years not listed above
SIX_PLACES = Decimal("0.000001")


def holidays(year: int) -> set[dt.date]:
    days = set()
    for span in HOLIDAYS.get(year, FIXED_HOLIDAYS):
        first, _, last = span.partition(":")
        day = dt.date.fromisoformat(f"{year}-{first}")
        end = dt.date.fromisoformat(f"{year}-{last or first}")
        while day <= end:
            days.add(day)
            day += dt.timedelta(days=1)
    return days


def working_days(session: Session, first: dt.date, last: dt.date) -> list[dt.date]:
    listed = dict(
        session.execute(
            select(HolidayDay.day, HolidayDay.kind).where(HolidayDay.day.between(first, last))
        ).all()
    )
    off = set().union(*(holidays(y) for y in range(first.year, last.year + 1)))
    days, day = [], first
    while day <= last:
        kind = listed.get(day)
        if kind == "workday" or (kind is None and day.weekday() < 5 and day not in off):
            days.append(day)
        day += dt.timedelta(days=1)
    return days


def write_rates(session: Session, seed: int, today: dt.date) -> int:
    """Rates for the 12 months up to today; days a currency already has are left alone."""
    first = today - dt.timedelta(days=365)
    days = working_days(session, first, today)
    have = set(
        session.execute(
            select(ExchangeRate.currency, ExchangeRate.rate_date).where(
                ExchangeRate.rate_date.between(first, today)
            )
        ).all()
    )
    rng = random.Random(seed * 7 + 3)
    rows = []
    for currency, start, per_units, inverted, spread in CURRENCIES:
        for day, rate in zip(days, _walk(rng, start, spread, inverted, len(days)), strict=True):
            if (currency, day) not in have:
                rows.append({"currency": currency, "rate_date": day, "rate": rate,
                             "per_units": per_units, "source": SOURCE})  # fmt: skip
    if rows:
        session.connection().execute(insert(ExchangeRate.__table__), rows)
        audit.record(session, "bulk_insert", ExchangeRate.__tablename__, after={
            "source": "demo", "seed": seed, "rows": len(rows),
            "currencies": [c[0] for c in CURRENCIES], "from": days[0], "to": days[-1],
        })  # fmt: skip
    return len(rows)


def _walk(rng: random.Random, start: int, spread: int, inverted: bool, count: int) -> list[Decimal]:
    """CNY per unit (or per 100), 4 places as published; inverted quotes turned into 6 places."""
    value, rates = start, []
    for _ in range(count):
        value += rng.randint(-spread, spread) + (start - value) // 25  # drifts back towards start
        quoted = Decimal(value).scaleb(-4)
        rates.append((1 / quoted).quantize(SIX_PLACES, ROUND_HALF_UP) if inverted else quoted)
    return rates
