"""Exchange rates (人民币汇率中间价): one set by hand, listed, or read from a CFETS history file.

A rate is CNY for `per_units` units of a currency (100 for JPY), as the rebate converts with
it. CFETS quotes most currencies as x CNY per unit (`USD/CNY`, `100JPY/CNY`) but some as
CNY 1 = x foreign (`CNY/MYR`, DOMAIN.md §3.2a); those are stored as the quote's inverse,
1/x rounded to the column's scale, so every stored rate reads the same way.

The history download has a date column and one column per pair; `---` marks a day without a
quote. Importing is all or nothing by default (every bad cell listed, nothing written);
the same file again changes nothing; a different value for a stored (currency, day) replaces
it and is counted as updated.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop_app.core import audit, codes
from desktop_app.core.errors import FieldProblem, ValidationFailed
from desktop_app.core.importers.common import ImportRejected, ImportSummary, RowError
from desktop_app.core.jobs import Job
from desktop_app.core.models import ExchangeRate
from desktop_app.core.models.base import FxRate
from desktop_app.core.services.import_runs import record_run

SCALE = FxRate.scale  # decimal places a stored rate keeps
PER_HUNDRED = frozenset({"JPY"})  # CFETS quotes these per 100 units
MISSING = ("---", "--", "-", "")
DATE_ALIASES = ("日期", "Date", "交易日期", "Trade date", "日期Date")
_PAIR = re.compile(r"^\s*(?:(100)\s*)?([A-Za-z]{3})\s*/\s*(?:(100)\s*)?([A-Za-z]{3})\s*$")
_ISO = re.compile(r"^[A-Z]{3}$")


@dataclass(frozen=True)
class RateRow:
    """One stored rate, detached from the session (for lists and the window)."""

    id: int
    currency: str
    rate_date: dt.date
    rate: Decimal
    per_units: int
    source: str

    @property
    def cny_per_unit(self) -> Decimal:
        return self.rate / self.per_units


@dataclass(frozen=True)
class Pair:
    """What one column of the history file holds: a currency, per how many units, inverted."""

    currency: str
    per_units: int
    inverted: bool  # quoted as CNY 1 = x foreign


# ---------------------------------------------------------------- one rate


def known_currency(session: Session, code: str) -> str | None:
    """None when `code` is a currency of the customs table (other than CNY), else why not."""
    if not _ISO.match(code):
        return "not an ISO currency code (three capital letters, e.g. USD)"
    if code == "CNY":
        return "CNY is the base currency: it has no rate"
    if codes.active_version(session, "currencies") is None:
        return None  # no table loaded: the ISO form is all that can be checked
    if not codes.is_valid(session, "currencies", code):
        return "not in the currency code table (币制)"
    return None


def parse_rate(value: Any) -> tuple[Decimal | None, str | None]:
    """A rate from text or Decimal: (rate, None) or (None, reason)."""
    if isinstance(value, float):
        return None, "a rate must be exact text or Decimal, not a float"
    try:
        rate = value if isinstance(value, Decimal) else Decimal(str(value).strip().replace(",", ""))
    except InvalidOperation:
        return None, "not a number"
    if not rate.is_finite() or rate <= 0:
        return None, "a rate must be more than 0"
    unit = Decimal(1).scaleb(-SCALE)
    if rate != rate.quantize(unit, rounding=ROUND_HALF_UP):
        return None, f"more than {SCALE} decimal places"
    return rate.quantize(unit), None


def set_rate(
    session: Session,
    currency: str,
    day: dt.date | str,
    rate: Any,
    per_units: int | None = None,
    *,
    source: str = "manual",
) -> ExchangeRate:
    """Store (or replace) the CNY rate of `currency` on `day`: CNY for `per_units` units
    (default 100 for JPY, else 1). ValidationFailed lists every bad field; nothing changes."""
    code = (currency or "").strip().upper()
    problems: list[FieldProblem] = []
    reason = known_currency(session, code)
    if reason:
        problems.append(FieldProblem("currency", reason, currency))
    day_value = _day(day, problems)
    value, reason = parse_rate(rate)
    if reason:
        problems.append(FieldProblem("rate", reason, rate))
    per = per_units if per_units is not None else (100 if code in PER_HUNDRED else 1)
    if per not in (1, 100):
        problems.append(FieldProblem("per_units", "a rate is per 1 or per 100 units", per_units))
    if problems:
        raise ValidationFailed(problems)
    assert day_value is not None and value is not None
    stored = session.scalar(
        select(ExchangeRate).where(
            ExchangeRate.currency == code, ExchangeRate.rate_date == day_value
        )
    )
    if stored is None:
        stored = ExchangeRate(
            currency=code, rate_date=day_value, rate=value, per_units=per, source=source
        )
        session.add(stored)
    else:
        stored.rate, stored.per_units, stored.source = value, per, source
    session.flush()
    return stored


def _day(value: dt.date | str, problems: list[FieldProblem]) -> dt.date | None:
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value).strip())
    except ValueError:
        problems.append(FieldProblem("day", "not a date: write YYYY-MM-DD", value))
        return None


def list_rates(
    session: Session,
    currency: str | None = None,
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
    limit: int | None = None,
) -> list[RateRow]:
    """Stored rates, newest day first then by currency."""
    query = select(ExchangeRate)
    if currency:
        query = query.where(ExchangeRate.currency == currency.strip().upper())
    if date_from:
        query = query.where(ExchangeRate.rate_date >= date_from)
    if date_to:
        query = query.where(ExchangeRate.rate_date <= date_to)
    query = query.order_by(ExchangeRate.rate_date.desc(), ExchangeRate.currency)
    if limit:
        query = query.limit(limit)
    return [
        RateRow(r.id, r.currency, r.rate_date, r.rate, r.per_units, r.source)
        for r in session.scalars(query)
    ]


def currencies_with_rates(session: Session) -> list[str]:
    query = select(ExchangeRate.currency).distinct().order_by(ExchangeRate.currency)
    return list(session.scalars(query))


# ---------------------------------------------------------------- the CFETS history file


def parse_pair(label: str) -> Pair | None:
    """`USD/CNY` → USD per 1; `100JPY/CNY` → JPY per 100; `CNY/MYR` → MYR inverted."""
    found = _PAIR.match(label)
    if not found:
        return None
    left_100, left, right_100, right = found.groups()
    left, right = left.upper(), right.upper()
    if right == "CNY" and left != "CNY" and not right_100:
        return Pair(left, 100 if left_100 else 1, False)
    if left == "CNY" and right != "CNY" and not left_100:
        return Pair(right, 100 if right_100 else 1, True)
    return None


def inverse(quote: Decimal, per_units: int = 1) -> Decimal:
    """CNY per `per_units` units from a CNY 1 = `quote` foreign quote: the quote's inverse
    (per_units / quote), rounded half up to the stored scale."""
    return (Decimal(per_units) / quote).quantize(Decimal(1).scaleb(-SCALE), rounding=ROUND_HALF_UP)


@dataclass
class _Read:
    cells: dict[tuple[str, dt.date], tuple[Decimal, int, int]] = field(default_factory=dict)
    errors: list[RowError] = field(default_factory=list)
    missing: int = 0


def load_fx_rates(
    session: Session, path: str | Path, *, skip_bad: bool = False, job: Job | None = None
) -> ImportSummary:
    """Read a CFETS central-parity history (xlsx/csv) into exchange_rate, in the caller's
    transaction. ImportRejected lists every bad cell (file, row, column, value, reason)."""
    job = job or Job()
    path = Path(path)
    summary = ImportSummary(file=path.name, kind="fx-rates")
    table, pairs = _open(session, path)
    read = _read(table, pairs, summary, job)
    summary.errors = read.errors
    if summary.errors and not skip_bad:
        raise ImportRejected(summary)
    _write(session, path, summary, read)
    summary.details["missing_quotes"] = read.missing
    summary.details["currencies"] = sorted({c for c, _ in read.cells})
    return summary


def _open(session: Session, path: Path) -> tuple[Any, dict[str, Pair]]:
    from desktop_app.core.importers.tabular import read_table

    aliases: dict[str, tuple[str, ...]] = {"date": DATE_ALIASES}
    for entry in codes.entries(session, "currencies") or ():
        if entry.code != "CNY":
            for label in (f"{entry.code}/CNY", f"100{entry.code}/CNY", f"CNY/{entry.code}"):
                aliases[label] = ()
    for code in ("USD", "EUR", "JPY", "HKD", "GBP", "MYR"):  # when no code table is loaded
        for label in (f"{code}/CNY", f"100{code}/CNY", f"CNY/{code}"):
            aliases.setdefault(label, ())
    table = read_table(path, aliases=aliases)
    table.require(("date",), kind="fx-rates")
    pairs = {name: p for name in table.fields if (p := parse_pair(name)) is not None}
    if not pairs:
        error = RowError(
            table.header_row,
            "",
            "",
            "no currency pair columns (USD/CNY, 100JPY/CNY, CNY/MYR …) next to the date",
        )
        raise ImportRejected(ImportSummary(file=path.name, kind="fx-rates", errors=[error]))
    return table, pairs


def _read(table: Any, pairs: dict[str, Pair], summary: ImportSummary, job: Job) -> _Read:
    from desktop_app.core.services.purchase_invoices import parse_day

    read = _Read()
    for number, row in table.rows():
        summary.rows += 1
        if summary.rows % 200 == 0:
            job.report(summary.rows, 0, f"{summary.file}: {summary.rows} rows read")
        text = row.get("date").strip()
        day, reason = parse_day(row.raw("date") if not isinstance(row.raw("date"), str) else text)
        if reason or day is None:
            read.errors.append(RowError(number, table.column("date"), text, reason or "no date"))
            continue
        for name, pair in pairs.items():
            _read_cell(table, read, number, day, name, pair, row.get(name).strip())
    return read


def _read_cell(
    table: Any, read: _Read, number: int, day: dt.date, name: str, pair: Pair, text: str
) -> None:
    if text in MISSING:
        read.missing += 1
        return
    value, reason = _quote(text, pair)
    if reason or value is None:
        read.errors.append(RowError(number, table.column(name), text, reason or "not a rate"))
        return
    key = (pair.currency, day)
    if key in read.cells and read.cells[key][0] != value:
        where = read.cells[key][2]
        reason = f"row {where} gives another {pair.currency} rate for {day.isoformat()}"
        read.errors.append(RowError(number, table.column(name), text, reason))
        return
    read.cells[key] = (value, pair.per_units, number)


def _quote(text: str, pair: Pair) -> tuple[Decimal | None, str | None]:
    try:
        quote = Decimal(text.replace(",", ""))
    except InvalidOperation:
        return None, "not a rate (a number, or --- for no quote)"
    if not quote.is_finite() or quote <= 0:
        return None, "a rate must be more than 0"
    if pair.inverted:
        return inverse(quote, pair.per_units), None
    return parse_rate(quote)


def _write(session: Session, path: Path, summary: ImportSummary, read: _Read) -> None:
    currencies = sorted({c for c, _ in read.cells})
    stored: dict[tuple[str, dt.date], ExchangeRate] = {}
    if read.cells:
        days = [d for _, d in read.cells]
        query = select(ExchangeRate).where(
            ExchangeRate.currency.in_(currencies),
            ExchangeRate.rate_date.between(min(days), max(days)),
        )
        stored = {(r.currency, r.rate_date): r for r in session.scalars(query)}
    new = []
    for (currency, day), (rate, per, _row) in sorted(read.cells.items()):
        old = stored.get((currency, day))
        if old is None:
            new.append(
                {
                    "currency": currency,
                    "rate_date": day,
                    "rate": rate,
                    "per_units": per,
                    "source": "cfets",
                }
            )
        elif (old.rate, old.per_units) != (rate, per):
            old.rate, old.per_units, old.source = rate, per, "cfets"
            summary.updated += 1
        else:
            summary.skipped += 1
    if new:
        session.execute(ExchangeRate.__table__.insert(), new)
        audit.record(
            session,
            "bulk_insert",
            "exchange_rate",
            None,
            after={"file": path.name, "inserted": len(new), "currencies": currencies},
        )
    summary.inserted = len(new)
    record_run(
        session,
        "fx-rates",
        path,
        summary,
        written=summary.inserted + summary.updated,
        skipped=summary.skipped,
    )
    session.flush()
