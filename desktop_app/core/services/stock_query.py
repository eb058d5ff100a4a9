"""Reading stock positions: stored balances, the ledger as of a past date, totals for status."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.orm import Session

from desktop_app.core.models import Sku, StockBalance, StockMove, Warehouse

ZERO = Decimal(0)
FEN = Decimal("0.01")
COST_UNIT = Decimal("0.0001")


@dataclass
class PositionRow:
    sku_id: int
    sku_code: str
    sku_name: str
    warehouse_id: int
    warehouse_code: str
    on_hand: Decimal
    in_transit: Decimal
    reserved: Decimal
    available: Decimal
    value: Decimal
    unit_cost: Decimal  # value per unit on hand, 4 places; 0 when nothing is on hand


def positions(
    session: Session,
    *,
    warehouse_id: int | None = None,
    sku_id: int | None = None,
    as_of: dt.date | None = None,
) -> list[PositionRow]:
    """Positions by SKU code and warehouse code.

    as_of None: the stored balances (every position that ever had a row). A date: the
    ledger as of the end of that day — moves dated on or before it, back-dated ones
    included — computed as the stored balance less the moves dated after it (the balance
    equals the ledger, which `check` verifies), so recent dates stay fast on a long ledger.
    Only positions with units or value then are listed; in transit and reserved are not
    kept historically and are 0.
    """
    b = StockBalance
    query = (
        select(b.sku_id, Sku.code, Sku.name_cn, b.warehouse_id, Warehouse.code,
               b.on_hand, b.in_transit, b.reserved, b.value)
        .join(Sku, Sku.id == b.sku_id)
        .join(Warehouse, Warehouse.id == b.warehouse_id)
        .order_by(Sku.code, Warehouse.code)
    )  # fmt: skip
    if warehouse_id is not None:
        query = query.where(b.warehouse_id == warehouse_id)
    if sku_id is not None:
        query = query.where(b.sku_id == sku_id)
    if as_of is None:
        return [_row(*r) for r in session.execute(query)]
    where = [StockMove.warehouse_id == warehouse_id] if warehouse_id is not None else []
    if sku_id is not None:
        where.append(StockMove.sku_id == sku_id)
    later = moves_after(session, as_of, *where)
    rows = []
    for sku, code, name, wh, wh_code, on_hand, _transit, _reserved, value in session.execute(query):
        qty, val = later.get((sku, wh), (ZERO, ZERO))
        if on_hand != qty or value != val:
            rows.append(_row(sku, code, name, wh, wh_code, on_hand - qty, ZERO, ZERO, value - val))
    return rows


def stock_totals(session: Session) -> dict[str, str | int]:
    """Units on hand and in transit and the value on hand (CNY) over every position.

    Units are whole numbers unless some position holds a fraction; then its exact text.
    """
    on_hand, in_transit, value = session.execute(
        select(
            func.coalesce(func.sum(StockBalance.on_hand), ZERO),
            func.coalesce(func.sum(StockBalance.in_transit), ZERO),
            func.coalesce(func.sum(StockBalance.value), ZERO),
        )
    ).one()
    return {
        "on_hand_units": _units(on_hand),
        "in_transit_units": _units(in_transit),
        "value_cny": str(Decimal(value).quantize(FEN)),
    }


def moves_after(
    session: Session, day: dt.date, *where: ColumnElement[bool]
) -> dict[tuple[int, int], tuple[Decimal, Decimal]]:
    """Units and value of the moves dated after `day` (and matching `where`), by (SKU,
    warehouse): what a stored balance holds beyond the ledger at the end of that day."""
    m = StockMove
    query = (
        select(m.sku_id, m.warehouse_id, func.sum(m.quantity), func.sum(m.value))
        .where(m.move_date > day, *where)
        .group_by(m.sku_id, m.warehouse_id)
    )
    return {(s, w): (q, v) for s, w, q, v in session.execute(query)}


def unit_cost(value: Decimal, on_hand: Decimal) -> Decimal:
    """Value per unit on hand, to 4 places; 0 with nothing on hand."""
    return (value / on_hand).quantize(COST_UNIT, ROUND_HALF_UP) if on_hand > 0 else ZERO


def _row(
    sku_id: int,
    sku_code: str,
    sku_name: str,
    warehouse_id: int,
    warehouse_code: str,
    on_hand: Decimal,
    in_transit: Decimal,
    reserved: Decimal,
    value: Decimal,
) -> PositionRow:
    return PositionRow(
        sku_id, sku_code, sku_name, warehouse_id, warehouse_code,
        on_hand, in_transit, reserved, on_hand - reserved, value, unit_cost(value, on_hand),
    )  # fmt: skip


def _units(quantity: Decimal) -> str | int:
    quantity = Decimal(quantity)
    if quantity == quantity.to_integral_value():
        return int(quantity)
    return str(quantity.normalize())
