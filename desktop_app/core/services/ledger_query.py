"""Read side of the Ledger screen: stock moves as ordered ids, rows by id with their references.

The ledger is append-only and a million moves long, so the lazy table holds only ids
(`move_ids`) and reads the rows it shows (`move_rows`), each page with the references
its moves point at (shipment ref, platform order id, stocktake ref) and the reversals
pointing back at them. The default order is the posting order, newest first: the
primary key, so the first page is instant; each move's quantity and value after it are
the position's running figures in that same order (stock.post_move).
"""

from __future__ import annotations

import datetime as dt
from array import array
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlalchemy import ColumnElement, select
from sqlalchemy.orm import Session

from desktop_app.core import settings
from desktop_app.core.models import Order, OrderLine, Shipment, Sku, StockMove, Stocktake, Warehouse
from desktop_app.core.models.stock import MOVE_KINDS
from desktop_app.core.services.id_lists import fetch_ids, like_any, pages

DEFAULT_SORT = ("id", False)  # the last posted first
SEARCHED = (Sku.code, Sku.name_cn, Sku.name_en)
KINDS = MOVE_KINDS


@dataclass(frozen=True)
class LedgerFilters:
    """What the filter bar narrows the moves to; None and "" mean "any"."""

    sku_id: int | None = None
    warehouse_id: int | None = None
    kind: str = ""
    first_day: dt.date | None = None  # inclusive
    last_day: dt.date | None = None  # inclusive


@dataclass(frozen=True)
class MoveRow:
    """One line of the ledger table."""

    id: int
    move_date: dt.date
    kind: str
    sku_id: int
    sku_code: str
    sku_name: str
    warehouse_id: int
    warehouse_code: str
    quantity: Decimal
    unit_cost: Decimal
    value: Decimal
    qty_after: Decimal
    value_after: Decimal
    ref_type: str
    ref_id: int | None
    reference: str  # shipment ref, platform order id, stocktake ref; else type and id
    note: str
    actor: str
    reverses: int | None  # the move this one reverses
    reversed_by: int | None  # the move that reversed this one

    @property
    def reversible(self) -> bool:
        return self.kind != "reversal" and self.reversed_by is None


SORT_COLUMNS: dict[str, Any] = {
    "id": lambda: StockMove.id,
    "move_date": lambda: StockMove.move_date,
    "kind": lambda: StockMove.kind,
    "sku": lambda: Sku.code,
    "warehouse": lambda: Warehouse.code,
    "quantity": lambda: StockMove.quantity,
    "unit_cost": lambda: StockMove.unit_cost,
    "value": lambda: StockMove.value,
    "qty_after": lambda: StockMove.qty_after,
    "value_after": lambda: StockMove.value_after,
}


def move_ids(
    session: Session,
    text: str = "",
    filters: LedgerFilters = LedgerFilters(),
    sort: tuple[str, bool] = DEFAULT_SORT,
    *,
    limit: int | None = None,
) -> array[int]:
    """Ids of the moves matching `text` (words in the SKU code or names) and `filters`.

    `sort` is (column, ascending) with a column of SORT_COLUMNS; ties fall back to the id,
    so a first page (`limit`) is the start of the whole list.
    """
    key, ascending = sort
    if key not in SORT_COLUMNS:
        raise ValueError(f"cannot sort stock moves by {key!r}")
    m = StockMove
    stmt = select(m.id).where(*_conditions(text, filters))
    if key == "sku":
        stmt = stmt.join(Sku, Sku.id == m.sku_id)
    elif key == "warehouse":
        stmt = stmt.join(Warehouse, Warehouse.id == m.warehouse_id)
    column = SORT_COLUMNS[key]()
    tie = m.id
    if key == "id" and (text.split() or filters.sku_id is not None):
        # A few SKUs' moves come fastest through the position index, then sorted; walking
        # the primary key would read the whole ledger to find them. "+ 0" hides the key.
        column = tie = m.id + 0
    if ascending:
        stmt = stmt.order_by(column.asc(), tie.asc())
    else:
        stmt = stmt.order_by(column.desc(), tie.desc())
    if limit is not None:
        stmt = stmt.limit(limit)
    return fetch_ids(session, stmt)


def _conditions(text: str, f: LedgerFilters) -> list[ColumnElement[bool]]:
    m = StockMove
    conditions = [
        m.sku_id.in_(select(Sku.id).where(like_any(SEARCHED, word))) for word in text.split()
    ]
    if f.sku_id is not None:
        conditions.append(m.sku_id == f.sku_id)
    if f.warehouse_id is not None:
        conditions.append(m.warehouse_id == f.warehouse_id)
    if f.kind:
        conditions.append(m.kind == f.kind)
    if f.first_day is not None:
        conditions.append(m.move_date >= f.first_day)
    if f.last_day is not None:
        conditions.append(m.move_date <= f.last_day)
    return conditions


def move_rows(session: Session, ids: Sequence[int]) -> list[MoveRow]:
    """The table rows of `ids`, in the same order; ids not in the ledger are left out."""
    found: dict[int, MoveRow] = {}
    for page in pages(ids):
        # Plain column tuples, not ORM objects: the identity map would keep every move seen.
        stmt = (
            select(*StockMove.__table__.c, Sku.code.label("sku_code"),
                   Sku.name_cn.label("sku_name"), Warehouse.code.label("warehouse_code"))
            .join(Sku, Sku.id == StockMove.sku_id)
            .join(Warehouse, Warehouse.id == StockMove.warehouse_id)
            .where(StockMove.id.in_(page))
        )  # fmt: skip
        moves = list(session.execute(stmt))
        reversed_by = _reversals(session, page)
        refs = references(session, [(m.ref_type, m.ref_id) for m in moves])
        for move in moves:
            reference = refs.get((move.ref_type, move.ref_id), "")
            found[move.id] = _to_row(move, reference, reversed_by.get(move.id))
    return [found[i] for i in ids if i in found]


def _reversals(session: Session, ids: Sequence[int]) -> dict[int, int]:
    m = StockMove
    stmt = select(m.reverses_move_id, m.id).where(m.reverses_move_id.in_(ids))
    return {original: reversal for original, reversal in session.execute(stmt)}


def references(
    session: Session, refs: Iterable[tuple[str, int | None]]
) -> dict[tuple[str, int | None], str]:
    """What (ref_type, ref_id) pairs name: shipment and stocktake refs, platform order ids.

    Other types (or a record deleted since) read "type #id"; no reference reads "".
    """
    wanted: dict[str, set[int]] = {}
    for ref_type, ref_id in refs:
        if ref_type and ref_id is not None:
            wanted.setdefault(ref_type, set()).add(ref_id)
    found: dict[tuple[str, int | None], str] = {}
    for ref_type, ref_ids in wanted.items():
        names = _names(session, ref_type, sorted(ref_ids))
        for ref_id in ref_ids:
            found[ref_type, ref_id] = names.get(ref_id) or f"{ref_type} #{ref_id}"
    return found


def _names(session: Session, ref_type: str, ids: list[int]) -> dict[int, str]:
    if ref_type == "shipment":
        stmt: Any = select(Shipment.id, Shipment.ref).where(Shipment.id.in_(ids))
    elif ref_type == "stocktake":
        stmt = select(Stocktake.id, Stocktake.ref).where(Stocktake.id.in_(ids))
    elif ref_type == "order_line":
        stmt = (
            select(OrderLine.id, Order.platform_order_id)
            .join(Order, Order.id == OrderLine.order_id)
            .where(OrderLine.id.in_(ids))
        )
    else:
        return {}
    return {i: name for i, name in session.execute(stmt)}


def _to_row(move: Any, reference: str, reversed_by: int | None) -> MoveRow:
    return MoveRow(
        id=move.id, move_date=move.move_date, kind=move.kind, sku_id=move.sku_id,
        sku_code=move.sku_code, sku_name=move.sku_name, warehouse_id=move.warehouse_id,
        warehouse_code=move.warehouse_code,
        quantity=move.quantity, unit_cost=move.unit_cost, value=move.value,
        qty_after=move.qty_after, value_after=move.value_after, ref_type=move.ref_type,
        ref_id=move.ref_id, reference=reference, note=move.note, actor=move.actor,
        reverses=move.reverses_move_id, reversed_by=reversed_by,
    )  # fmt: skip


@dataclass(frozen=True)
class ReversalPlan:
    """What the reverse dialog offers for one move."""

    move: MoveRow
    default_date: dt.date  # the original's date, or the first day after the period lock
    period_lock: dt.date | None
    refusal: str  # why it cannot be reversed ("" when it can)


def reversal_plan(session: Session, move_id: int) -> ReversalPlan | None:
    """The move and the date its reversal would take by default; None if there is no such move."""
    rows = move_rows(session, [move_id])
    if not rows:
        return None
    move = rows[0]
    text = settings.get(session, "stock.period_lock")
    lock = dt.date.fromisoformat(text) if text else None
    day = move.move_date
    if lock is not None and day <= lock:
        day = lock + dt.timedelta(days=1)
    refusal = ""
    if move.kind == "reversal":
        refusal = f"move {move.id} is itself a reversal; post a new move instead"
    elif move.reversed_by is not None:
        refusal = f"move {move.id} was already reversed by move {move.reversed_by}"
    return ReversalPlan(move, day, lock, refusal)


def warehouse_choices(session: Session) -> list[tuple[int, str, str]]:
    """(id, code, name) of every warehouse, by code."""
    stmt = select(Warehouse.id, Warehouse.code, Warehouse.name).order_by(Warehouse.code)
    return [(i, c, n) for i, c, n in session.execute(stmt)]
