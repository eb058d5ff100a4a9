"""Declarative base, exact decimal column types and shared mixins for every model."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from sqlalchemy import BigInteger, CheckConstraint, DateTime, MetaData, String, TypeDecorator, func
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class ScaledDecimal(TypeDecorator[Decimal]):
    """A Decimal stored exactly as an integer count of 10^-scale units (fen for money).

    SQLite has no decimal type (Numeric is stored as a float there), so every exact
    quantity is kept as a 64-bit integer: SUM() in SQL stays exact on SQLite and PostgreSQL.
    A value with more decimal places than the column holds is refused, never rounded.
    """

    impl = BigInteger
    cache_ok = True

    def __init__(self, scale: int) -> None:
        super().__init__()
        self.scale = scale
        self._unit = Decimal(1).scaleb(-scale)

    def process_bind_param(self, value: Any, dialect: Any) -> int | None:
        if value is None:
            return None
        if isinstance(value, float):
            raise TypeError(f"float {value!r} refused for an exact column; use Decimal")
        value = Decimal(value)
        scaled = value.scaleb(self.scale)
        if scaled != scaled.to_integral_value():
            raise ValueError(f"{value} has more than {self.scale} decimal places")
        return int(scaled)

    def process_result_value(self, value: Any, dialect: Any) -> Decimal | None:
        if value is None:
            return None
        return (Decimal(int(value)) * self._unit).quantize(self._unit)

    def coerce_compared_value(self, op: Any, value: Any) -> ScaledDecimal:
        return self

    def __repr__(self) -> str:
        return f"ScaledDecimal({self.scale})"


# Named precisions used across the model.
Money = ScaledDecimal(2)  # amounts in a currency, to the fen / cent
UnitPrice = ScaledDecimal(4)  # unit prices and unit costs
Quantity = ScaledDecimal(5)  # quantities: the rebate forms allow 5 decimal places
Weight = ScaledDecimal(3)  # kilograms to the gram
Percent = ScaledDecimal(2)  # 13.00 means 13 %
FxRate = ScaledDecimal(6)  # CNY per unit (or per 100 units) of a currency


class UTCDateTime(TypeDecorator[dt.datetime]):
    """Timezone-aware UTC datetimes on every backend (SQLite stores naive text)."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: Any, dialect: Any) -> dt.datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime refused; pass an aware datetime")
        return value.astimezone(dt.UTC).replace(tzinfo=None)

    def process_result_value(self, value: Any, dialect: Any) -> dt.datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=dt.UTC)


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class IdMixin:
    id: Mapped[int] = mapped_column(primary_key=True)


class TimestampMixin:
    created_at: Mapped[dt.datetime] = mapped_column(
        UTCDateTime, default=utcnow, server_default=func.current_timestamp()
    )
    updated_at: Mapped[dt.datetime] = mapped_column(
        UTCDateTime, default=utcnow, onupdate=utcnow, server_default=func.current_timestamp()
    )


def code_column(length: int, **kw: Any) -> Mapped[str]:
    """A code kept as text (leading zeros matter: 0110, 035)."""
    return mapped_column(String(length), **kw)


def one_of(column: str, values: tuple[str, ...], name: str | None = None) -> CheckConstraint:
    """CHECK that a text column holds one of the given values."""
    quoted = ", ".join(f"'{v}'" for v in values)
    return CheckConstraint(f"{column} IN ({quoted})", name=name or f"{column}_valid")


def non_negative(*columns: str) -> list[CheckConstraint]:
    return [CheckConstraint(f"{c} >= 0", name=f"{c}_non_negative") for c in columns]
