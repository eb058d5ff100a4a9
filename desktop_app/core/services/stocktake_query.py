"""Read side of the Stocktakes screen: each stocktake with its line, count and difference totals."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import and_, case, func, select
from sqlalchemy.orm import Session

from desktop_app.core.models import Stocktake, StocktakeLine, Warehouse


@dataclass(frozen=True)
class StocktakeRow:
    id: int
    ref: str
    warehouse_id: int
    warehouse: str
    count_date: dt.date
    status: str
    lines: int
    counted: int
    differences: int  # counted lines whose count differs from the sheet's expected
    posted_at: dt.datetime | None


def stocktake_rows(session: Session, status: str = "") -> list[StocktakeRow]:
    """Every stocktake, newest count first (a company counts a few times a year)."""
    counted = StocktakeLine.counted_quantity.is_not(None)
    differs = and_(counted, StocktakeLine.counted_quantity != StocktakeLine.expected_quantity)
    totals = (
        select(
            StocktakeLine.stocktake_id.label("id"),
            func.count().label("lines"),
            func.sum(case((counted, 1), else_=0)).label("counted"),
            func.sum(case((differs, 1), else_=0)).label("differences"),
        )
        .group_by(StocktakeLine.stocktake_id)
        .subquery()
    )
    query = (
        select(Stocktake, Warehouse.code, totals.c.lines, totals.c.counted, totals.c.differences)
        .join(Warehouse, Warehouse.id == Stocktake.warehouse_id)
        .outerjoin(totals, totals.c.id == Stocktake.id)
        .order_by(Stocktake.count_date.desc(), Stocktake.id.desc())
    )
    if status:
        query = query.where(Stocktake.status == status)
    return [
        StocktakeRow(
            t.id,
            t.ref,
            t.warehouse_id,
            code,
            t.count_date,
            t.status,
            int(lines or 0),
            int(counted or 0),
            int(differences or 0),
            t.posted_at,
        )
        for t, code, lines, counted, differences in session.execute(query)
    ]
