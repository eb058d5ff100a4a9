"""What a report is: sheets of typed columns and rows, built from the database without Qt.

A report module builds a Report (rows may stream from the database as a generator); the
writer (reports/writer.py) turns it into a styled workbook. Values are str, int, Decimal,
dt.date, dt.datetime or None — never float, so the totals are exact.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from desktop_app.core.jobs import Job

KINDS = ("text", "id", "int", "qty", "money", "price", "rate", "date", "datetime")
PARAMS = ("from", "to", "as_of", "warehouse", "shop")


@dataclass(frozen=True)
class Column:
    key: str
    title_cn: str
    title_en: str
    # one of KINDS; "id" is text that looks like a number (never converted); "price" is a unit
    # price or cost with up to 4 decimals (money has 2)
    kind: str = "text"
    total: bool = False  # summed exactly into the totals row
    width: int | None = None  # characters; None: fitted from the title and the first rows

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"column {self.key}: kind {self.kind!r} is not one of {KINDS}")


@dataclass
class Sheet:
    name: str  # the sheet tab, at most 31 characters
    columns: list[Column]
    rows: Iterable[Sequence[Any]] = field(default_factory=list)


@dataclass
class Report:
    name: str
    title_cn: str
    title_en: str
    params: dict[str, str]  # shown on the cover sheet: {"期间 Period": "2026-10-01 – 2026-10-31"}
    sheets: list[Sheet]


@dataclass(frozen=True)
class ReportParams:
    """What the user chose; warehouse and shop as typed (code or name)."""

    date_from: dt.date | None = None
    date_to: dt.date | None = None
    as_of: dt.date | None = None
    warehouse: str | None = None
    shop: str | None = None


@dataclass(frozen=True)
class ReportDef:
    name: str  # the command line's name, e.g. "stock-ledger"
    title_cn: str
    title_en: str
    params: tuple[str, ...]  # which of PARAMS it takes
    build: Callable[[Session, ReportParams, Job | None], Report]
