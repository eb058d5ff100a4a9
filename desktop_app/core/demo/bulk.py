"""Driver-level bulk inserts that store values exactly as the model's column types would."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from decimal import Decimal
from itertools import chain
from typing import Any

from sqlalchemy import Column, Connection, Table
from sqlalchemy.engine import Dialect

from desktop_app.core.models.base import ScaledDecimal

SECONDS_PER_DAY = 86_400
_MARKS = {"qmark": "?", "format": "%s", "pyformat": "%s"}


def stored_factor(column: Column[Any], places: int) -> int:
    """What to multiply an integer count of 10^-places units by to get the stored integer.

    The hot loops count cents as ints; the column type (ScaledDecimal) stays the one
    place that says how a value is stored, and is asked here to confirm the factor.
    """
    kind = column.type
    if not isinstance(kind, ScaledDecimal):
        raise TypeError(f"{column} is not an exact decimal column")
    if places > kind.scale:
        raise ValueError(f"{column} keeps {kind.scale} decimal places, not {places}")
    factor = 10 ** (kind.scale - places)
    probe = 12_345
    if kind.process_bind_param(Decimal(probe).scaleb(-places), None) != probe * factor:
        raise AssertionError(f"{column} no longer stores value × 10^scale")
    return factor


def bind(column: Column[Any], dialect: Dialect) -> Callable[[Any], Any]:
    """The column type's full bind conversion (TypeDecorator, then the dialect's own)."""
    processor = column.type.dialect_impl(dialect).bind_processor(dialect)
    return processor or (lambda value: value)


def instant_encoder(
    column: Column[Any], dialect: Dialect, epoch: dt.datetime, days: int
) -> Callable[[int], Any]:
    """Whole seconds after `epoch` (UTC) → the value the column stores for that instant.

    On SQLite that is text; formatting a million datetimes one by one is slow, so the
    text is put together from per-day and per-second-of-day pieces, after checking the
    pieces against the column's own conversion. Other dialects get datetimes.
    """
    process = bind(column, dialect)

    def exact(seconds: int) -> Any:
        return process(epoch + dt.timedelta(seconds=seconds))

    if not isinstance(exact(0), str):
        return exact
    prefixes = [exact(d * SECONDS_PER_DAY)[:11] for d in range(days + 1)]
    times = [
        f"{s // 3600:02d}:{s // 60 % 60:02d}:{s % 60:02d}.000000" for s in range(SECONDS_PER_DAY)
    ]

    def fast(seconds: int) -> str:
        return prefixes[seconds // SECONDS_PER_DAY] + times[seconds % SECONDS_PER_DAY]

    probes = (0, 1, 3_661, SECONDS_PER_DAY * days // 2 + 45_296, SECONDS_PER_DAY * (days + 1) - 1)
    if all(fast(s) == exact(s) for s in probes):
        return fast
    return exact


GROUP_ROWS = 32
MAX_PARAMETERS = 999


class BulkInsert:
    """INSERT of ready-made positional rows through the DB-API executemany.

    Rows must already hold stored values (scaled integers, encoded instants): nothing
    is converted on the way, which is what makes this as fast as the bare driver.
    """

    def __init__(self, connection: Connection, table: Table, columns: Sequence[str]) -> None:
        missing = [name for name in columns if name not in table.c]
        if missing:
            raise KeyError(f"{table.name} has no column {', '.join(missing)}")
        mark = _MARKS.get(connection.dialect.paramstyle)
        if mark is None:
            raise NotImplementedError(f"paramstyle {connection.dialect.paramstyle} not supported")
        quote = connection.dialect.identifier_preparer
        names = ", ".join(quote.quote(name) for name in columns)
        marks = f"({', '.join([mark] * len(columns))})"
        self.sql = f"INSERT INTO {quote.format_table(table)} ({names}) VALUES {marks}"
        # Several rows per statement: a third less time per row for wide rows, since the
        # statement is stepped once per group (within SQLite's oldest 999-parameter limit).
        self.group = max(1, min(GROUP_ROWS, MAX_PARAMETERS // len(columns)))
        self.group_sql = f"{self.sql}{f', {marks}' * (self.group - 1)}"
        self.connection = connection
        self.table = table
        self.rows = 0

    def write(self, rows: list[tuple[Any, ...]]) -> None:
        if not rows:
            return
        group = self.group
        whole = len(rows) - len(rows) % group
        if group > 1 and whole:
            flat = chain.from_iterable
            groups = [tuple(flat(rows[i : i + group])) for i in range(0, whole, group)]
            self.connection.exec_driver_sql(self.group_sql, groups)
        else:
            whole = 0
        if whole < len(rows):
            self.connection.exec_driver_sql(self.sql, rows[whole:])
        self.rows += len(rows)


def sync_id_sequence(connection: Connection, table: Table) -> None:
    """After explicit ids: PostgreSQL's id sequence does not move by itself (SQLite's does)."""
    if connection.dialect.name != "postgresql":
        return
    name = connection.dialect.identifier_preparer.format_table(table)
    connection.exec_driver_sql(
        f"SELECT setval(pg_get_serial_sequence('{name}', 'id'), (SELECT max(id) FROM {name}))"
    )
