"""Reference data: customs code tables, the rate library (退税率文库), FX rates, holidays."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Date,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from desktop_app.core.models.base import (
    Base,
    FxRate,
    IdMixin,
    Percent,
    UTCDateTime,
    one_of,
    utcnow,
)


class CodeTableVersion(IdMixin, Base):
    """One loaded edition of one customs code table (e.g. units, 'builtin-2026.1')."""

    __tablename__ = "code_table_version"
    __table_args__ = (UniqueConstraint("table_name", "version"),)

    table_name: Mapped[str] = mapped_column(String(40))  # supervision_modes, units, countries …
    version: Mapped[str] = mapped_column(String(60))
    source: Mapped[str] = mapped_column(String(300), default="")
    loaded_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    active: Mapped[bool] = mapped_column(Boolean, default=False)
    row_count: Mapped[int] = mapped_column(Integer, default=0)

    entries: Mapped[list[CodeEntry]] = relationship(
        back_populates="version", cascade="all, delete-orphan"
    )


class CodeEntry(IdMixin, Base):
    __tablename__ = "code_entry"
    __table_args__ = (UniqueConstraint("version_id", "code"),)
    __audit__ = False  # loaded in bulk; the version row is audited

    version_id: Mapped[int] = mapped_column(ForeignKey("code_table_version.id", ondelete="CASCADE"))
    code: Mapped[str] = mapped_column(String(20))
    name_cn: Mapped[str] = mapped_column(String(200), default="")
    name_en: Mapped[str] = mapped_column(String(200), default="")
    legacy_code: Mapped[str | None] = mapped_column(String(20))  # pre-2018 numeric codes
    extra_json: Mapped[str | None] = mapped_column(Text)

    version: Mapped[CodeTableVersion] = relationship(back_populates="entries")


class RateLibraryVersion(IdMixin, Base):
    """One edition of the tax office's rate library (退税率文库), e.g. '2026B'."""

    __tablename__ = "rate_library_version"

    version: Mapped[str] = mapped_column(String(30), unique=True)
    source_file: Mapped[str] = mapped_column(String(300), default="")
    loaded_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    active: Mapped[bool] = mapped_column(Boolean, default=False)
    row_count: Mapped[int] = mapped_column(Integer, default=0)


class RateLibraryEntry(IdMixin, Base):
    """cmcode row: (CODE, export date ∈ [ST_DATE, END_DATE]) → levy and rebate rates, unit."""

    __tablename__ = "rate_library_entry"
    __table_args__ = (
        UniqueConstraint("version_id", "code", "start_date"),
        Index("ix_rate_library_entry_lookup", "code", "start_date"),
        CheckConstraint("end_date IS NULL OR end_date >= start_date", name="date_range"),
        CheckConstraint("rebate_rate >= 0", name="rebate_rate_non_negative"),
    )
    __audit__ = False

    version_id: Mapped[int] = mapped_column(
        ForeignKey("rate_library_version.id", ondelete="CASCADE")
    )
    code: Mapped[str] = mapped_column(String(20))  # HS code (10 digits) or library code
    name: Mapped[str] = mapped_column(String(300), default="")
    unit: Mapped[str] = mapped_column(String(20), default="")  # legal unit (name as in the DBF)
    levy_rates: Mapped[str] = mapped_column(String(60), default="")  # ZSSL_SET, e.g. "13" or "9,13"
    rebate_rate: Mapped[Decimal] = mapped_column(Percent)  # TSL, percent
    start_date: Mapped[dt.date] = mapped_column(Date)
    end_date: Mapped[dt.date | None] = mapped_column(Date)
    flag: Mapped[str] = mapped_column(String(10), default="")  # TSFLAG


class ExchangeRate(IdMixin, Base):
    """CFETS central parity (人民币汇率中间价) of one currency on one day.

    `rate` is CNY for `per_units` units of the currency (100 for JPY), already inverted
    for the pairs quoted as CNY 1 = x foreign, so every rate reads the same way.
    """

    __tablename__ = "exchange_rate"
    __table_args__ = (
        UniqueConstraint("currency", "rate_date"),
        CheckConstraint("rate > 0", name="rate_positive"),
        CheckConstraint("per_units IN (1, 100)", name="per_units"),
    )

    currency: Mapped[str] = mapped_column(String(3))
    rate_date: Mapped[dt.date] = mapped_column(Date)
    rate: Mapped[Decimal] = mapped_column(FxRate)
    per_units: Mapped[int] = mapped_column(Integer, default=1)
    source: Mapped[str] = mapped_column(String(60), default="manual")


class HolidayDay(Base):
    """A day off the Monday–Friday rule: a holiday, or a weekend made a working day (调休)."""

    __tablename__ = "holiday_day"
    __table_args__ = (one_of("kind", ("holiday", "workday")),)

    day: Mapped[dt.date] = mapped_column(Date, primary_key=True)
    kind: Mapped[str] = mapped_column(String(10))
    name: Mapped[str] = mapped_column(String(60), default="")
