"""Stock reports: on hand and valuation at a date, the ledger of a period, stock ageing.

stock-on-hand reuses stock_query.positions (the stored balance less the moves dated after
the day). stock-ledger streams one SELECT, references and kind names resolved in SQL, in
posting order: qty after / value after are each position's running figures in that order
(stock.post_move), so a back-dated move keeps the figures it was posted with.
stock-ageing: see `ageing`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

from sqlalchemy import BigInteger, String, and_, case, cast, func, select, type_coerce
from sqlalchemy.orm import Session, aliased

from desktop_app.core.jobs import Job
from desktop_app.core.models import (
    Order,
    OrderLine,
    Shipment,
    Sku,
    StockCostLayer,
    StockMove,
    Stocktake,
    Warehouse,
)
from desktop_app.core.reports import as_of_day, period, period_text, resolve_warehouse
from desktop_app.core.reports.model import Column, Report, ReportDef, ReportParams, Sheet
from desktop_app.core.services.stock_query import moves_after, positions

ZERO = Decimal(0)
STREAM_ROWS = 2000
KIND_NAMES = {
    "receipt": "采购入库", "shipment_out": "头程发出", "transfer_in": "调拨入库",
    "sale": "销售出库", "customer_return": "客户退货", "adjustment": "库存调整",
    "stocktake_gain": "盘盈", "stocktake_loss": "盘亏", "reversal": "冲销",
}  # fmt: skip
AGE_BUCKETS = ((30, "0–30"), (60, "31–60"), (90, "61–90"), (180, "91–180"), (None, ">180"))

SKU_COLUMNS = [
    Column("sku", "SKU编码", "SKU code", "id"),
    Column("name", "品名", "Name"),
    Column("warehouse", "仓库", "Warehouse", "id"),
]


def _warehouse_params(session: Session, params: ReportParams) -> tuple[int | None, dict[str, str]]:
    warehouse = resolve_warehouse(session, params.warehouse)
    shown = f"{warehouse.code} {warehouse.name}" if warehouse is not None else "全部 All"
    return (warehouse.id if warehouse is not None else None), {"仓库 Warehouse": shown}


# -- stock on hand ---------------------------------------------------------------------


def on_hand(session: Session, params: ReportParams, job: Job | None = None) -> Report:
    """Units, unit cost and value (CNY) per SKU × warehouse at the end of the day, and per
    warehouse; positions with neither units nor value are left out."""
    day = as_of_day(params)
    warehouse_id, shown = _warehouse_params(session, params)
    rows = positions(session, warehouse_id=warehouse_id, as_of=day)
    names = {i: n for i, n in session.execute(select(Warehouse.id, Warehouse.name))}
    detail = Sheet("库存明细", [
        *SKU_COLUMNS,
        Column("on_hand", "在库数量", "On hand", "qty", total=True),
        Column("unit_cost", "单位成本", "Unit cost (CNY)", "price"),
        Column("value", "库存金额(元)", "Value (CNY)", "money", total=True),
    ], [(r.sku_code, r.sku_name, r.warehouse_code, r.on_hand, r.unit_cost, r.value)
        for r in rows])  # fmt: skip
    by_warehouse: dict[int, list[Any]] = {}
    for r in rows:
        line = by_warehouse.setdefault(
            r.warehouse_id, [r.warehouse_code, names.get(r.warehouse_id, ""), 0, ZERO, ZERO]
        )
        line[2] += 1
        line[3] += r.on_hand
        line[4] += r.value
    summary = Sheet("按仓库汇总", [
        Column("warehouse", "仓库", "Warehouse", "id"),
        Column("name", "仓库名称", "Warehouse name"),
        Column("positions", "SKU数", "SKUs", "int", total=True),
        Column("on_hand", "在库数量", "On hand", "qty", total=True),
        Column("value", "库存金额(元)", "Value (CNY)", "money", total=True),
    ], sorted(by_warehouse.values()))  # fmt: skip
    return Report("stock-on-hand", "库存及估值表", "Stock on hand and valuation",
                  {"截至日期 As of": day.isoformat(), **shown}, [detail, summary])  # fmt: skip


# -- the ledger ------------------------------------------------------------------------

LEDGER_COLUMNS = [
    Column("date", "日期", "Date", "date"),
    Column("warehouse", "仓库", "Warehouse", "id"),
    Column("sku", "SKU编码", "SKU code", "id"),
    Column("name", "品名", "Name"),
    Column("kind", "类型", "Kind"),
    Column("quantity", "数量", "Quantity", "qty", total=True),
    Column("unit_cost", "单位成本", "Unit cost (CNY)", "price"),
    Column("value", "金额(元)", "Value (CNY)", "money", total=True),
    Column("qty_after", "结存数量", "Qty after", "qty"),
    Column("value_after", "结存金额(元)", "Value after (CNY)", "money"),
    Column("reference", "单据", "Reference", "id"),
    Column("note", "备注", "Note"),
]


def ledger(session: Session, params: ReportParams, job: Job | None = None) -> Report:
    """Every move dated in the period (optionally at one warehouse), in posting order."""
    first, last = period(params)
    warehouse_id, shown = _warehouse_params(session, params)
    rows = _ledger_rows(session, first, last, warehouse_id)
    return Report("stock-ledger", "库存流水账", "Stock ledger",
                  {"期间 Period": period_text(first, last), **shown},
                  [Sheet("库存流水", LEDGER_COLUMNS, rows)])  # fmt: skip


def _raw(column: Any) -> Any:
    """A scaled column as its stored integer: the Decimal is made once, below, cheaply."""
    return type_coerce(column, BigInteger)


def ledger_statement(first: dt.date, last: dt.date, warehouse_id: int | None) -> Any:
    """One SELECT of the ledger lines: references and kind names resolved by joins and CASE."""
    m = StockMove
    ship, take, line, order = (
        aliased(Shipment),
        aliased(Stocktake),
        aliased(OrderLine),
        aliased(Order),
    )
    fallback = case(
        (and_(m.ref_type != "", m.ref_id.is_not(None)),
         m.ref_type + " #" + cast(m.ref_id, String)),
        else_="",
    )  # fmt: skip
    reference = func.coalesce(ship.ref, take.ref, order.platform_order_id, fallback)
    kind = case(KIND_NAMES, value=m.kind, else_=m.kind)
    stmt = (
        select(m.move_date, Warehouse.code, Sku.code, Sku.name_cn, kind, _raw(m.quantity),
               _raw(m.unit_cost), _raw(m.value), _raw(m.qty_after), _raw(m.value_after),
               reference, m.note)
        .join(Sku, Sku.id == m.sku_id)
        .join(Warehouse, Warehouse.id == m.warehouse_id)
        .outerjoin(ship, and_(m.ref_type == "shipment", ship.id == m.ref_id))
        .outerjoin(take, and_(m.ref_type == "stocktake", take.id == m.ref_id))
        .outerjoin(line, and_(m.ref_type == "order_line", line.id == m.ref_id))
        .outerjoin(order, order.id == line.order_id)
        .where(m.move_date.between(first, last))
        .order_by(m.id)
    )  # fmt: skip
    if warehouse_id is not None:
        stmt = stmt.where(m.warehouse_id == warehouse_id)
    return stmt


def _ledger_rows(
    session: Session, first: dt.date, last: dt.date, warehouse_id: int | None
) -> Iterator[tuple[Any, ...]]:
    # Through the Core connection: the ORM's result layer would add a third to the time.
    stmt = ledger_statement(first, last, warehouse_id).execution_options(yield_per=STREAM_ROWS)
    result = session.connection().execute(stmt)
    number = Decimal
    for day, wh, code, name, kind, qty, cost, value, qty_after, value_after, ref, note in result:
        yield (day, wh, code, name, kind, number(qty).scaleb(-5), number(cost).scaleb(-4),
               number(value).scaleb(-2), number(qty_after).scaleb(-5),
               number(value_after).scaleb(-2), ref, note)  # fmt: skip


# -- ageing ----------------------------------------------------------------------------


def ageing(session: Session, params: ReportParams, job: Job | None = None) -> Report:
    """Units on hand at the end of the day split by how long ago they came in.

    The age of a unit is the days from the date of the move that brought it into its
    warehouse (a receipt, a first-leg transfer in, a return, a gain) to the day asked for.
    Which units remain is FIFO: the oldest leave first. When nothing has moved at a
    position after that day and its FIFO layers (stock_cost_layer, kept under both cost
    methods) hold exactly its units, the layers' own moves give the dates; otherwise (a past
    day, or a position sold short) the newest incoming moves up to that day, less those
    reversed by then, are taken as what remains. Positions with no units (or fewer than
    none) are left out; their value is the on-hand value at that day.
    """
    day = as_of_day(params)
    warehouse_id, shown = _warehouse_params(session, params)
    held = [r for r in positions(session, warehouse_id=warehouse_id, as_of=day) if r.on_hand > 0]
    dates = _inflow_dates(session, day, warehouse_id, held)
    rows = []
    for r in held:
        buckets, oldest = _buckets(day, r.on_hand, dates.get((r.sku_id, r.warehouse_id), []))
        rows.append(
            (r.sku_code, r.sku_name, r.warehouse_code, r.on_hand, r.value, *buckets, oldest)
        )
    columns = [
        *SKU_COLUMNS,
        Column("on_hand", "在库数量", "On hand", "qty", total=True),
        Column("value", "库存金额(元)", "Value (CNY)", "money", total=True),
        *(Column(f"age_{label}", f"{label}天", f"{label} days", "qty", total=True)
          for _limit, label in AGE_BUCKETS),
        Column("oldest", "最早入库日", "Oldest receipt", "date"),
    ]  # fmt: skip
    return Report("stock-ageing", "库龄分析表", "Stock ageing",
                  {"截至日期 As of": day.isoformat(), **shown},
                  [Sheet("库龄", columns, rows)])  # fmt: skip


def _buckets(
    day: dt.date, units: Decimal, inflows: list[tuple[dt.date, Decimal]]
) -> tuple[list[Decimal], dt.date | None]:
    """`units` spread over the age buckets, newest inflows first; what no inflow explains is
    counted as the oldest bucket."""
    buckets = [ZERO] * len(AGE_BUCKETS)
    left, oldest = units, None
    for when, quantity in inflows:  # newest first
        if left <= 0:
            break
        taken = min(quantity, left)
        buckets[_bucket((day - when).days)] += taken
        left -= taken
        oldest = when
    if left > 0:
        buckets[-1] += left
    return buckets, oldest


def _bucket(age: int) -> int:
    for index, (limit, _label) in enumerate(AGE_BUCKETS):
        if limit is None or age <= limit:
            return index
    return len(AGE_BUCKETS) - 1


def _inflow_dates(
    session: Session, day: dt.date, warehouse_id: int | None, held: list[Any]
) -> dict[tuple[int, int], list[tuple[dt.date, Decimal]]]:
    """(date, units) that may remain per position, newest first: layers where they tell,
    else incoming moves."""
    where = [StockMove.warehouse_id == warehouse_id] if warehouse_id is not None else []
    moved_later = moves_after(session, day, *where)
    wanted = {(r.sku_id, r.warehouse_id): r.on_hand for r in held}
    found = _layer_dates(session, warehouse_id)
    told = {
        key: dates for key, dates in found.items()
        if key in wanted and key not in moved_later and sum(q for _d, q in dates) == wanted[key]
    }  # fmt: skip
    rest = set(wanted) - set(told)
    if rest:
        for key, dates in _incoming_dates(session, day, warehouse_id).items():
            if key in rest:
                told[key] = dates
    return told


def _layer_dates(
    session: Session, warehouse_id: int | None
) -> dict[tuple[int, int], list[tuple[dt.date, Decimal]]]:
    layer, m = StockCostLayer, StockMove
    stmt = (
        select(layer.sku_id, layer.warehouse_id, m.move_date, layer.remaining_quantity)
        .join(m, m.id == layer.move_id)
        .where(layer.remaining_quantity > 0)
        .order_by(layer.sku_id, layer.warehouse_id, m.move_date.desc(), layer.move_id.desc())
    )
    if warehouse_id is not None:
        stmt = stmt.where(layer.warehouse_id == warehouse_id)
    out: dict[tuple[int, int], list[tuple[dt.date, Decimal]]] = {}
    for sku, wh, when, quantity in session.execute(stmt):
        out.setdefault((sku, wh), []).append((when, quantity))
    return out


def _incoming_dates(
    session: Session, day: dt.date, warehouse_id: int | None
) -> dict[tuple[int, int], list[tuple[dt.date, Decimal]]]:
    m, reversal = StockMove, aliased(StockMove)
    reversed_by_then = (
        select(reversal.id)
        .where(reversal.reverses_move_id == m.id, reversal.move_date <= day)
        .exists()
    )
    stmt = (
        select(m.sku_id, m.warehouse_id, m.move_date, m.quantity)
        .where(m.quantity > 0, m.kind != "reversal", m.move_date <= day, ~reversed_by_then)
        .order_by(m.sku_id, m.warehouse_id, m.move_date.desc(), m.id.desc())
    )
    if warehouse_id is not None:
        stmt = stmt.where(m.warehouse_id == warehouse_id)
    out: dict[tuple[int, int], list[tuple[dt.date, Decimal]]] = {}
    for sku, wh, when, quantity in session.execute(stmt):
        out.setdefault((sku, wh), []).append((when, quantity))
    return out


DEFINITIONS = (
    ReportDef("stock-on-hand", "库存及估值表", "Stock on hand and valuation",
              ("as_of", "warehouse"), on_hand),
    ReportDef("stock-ledger", "库存流水账", "Stock ledger", ("from", "to", "warehouse"), ledger),
    ReportDef("stock-ageing", "库龄分析表", "Stock ageing", ("as_of", "warehouse"), ageing),
)  # fmt: skip
