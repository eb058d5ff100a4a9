"""Read side of the Stock screen: positions (SKU × warehouse) as ordered ids, rows by id, totals.

A position (stock_balance is keyed by SKU and warehouse) gets an id for the lazy table:
sku_id × 2^20 + warehouse_id. `stock_ids` lists them in one SQL query; `stock_rows` reads
a page with the velocity of the last 30 days, days of cover and the low-stock flag of
replenishment.plan, so the table and the suggestion list agree. Valuation at a past date
is the stored balance less the moves dated after it, as in stock_query.positions.
Written for 100,000 SKUs × 5 warehouses and a million moves: only the filters that need
every position's figures at a date, or its velocity, aggregate the ledger.
"""

from __future__ import annotations

import datetime as dt
from array import array
from collections.abc import Sequence
from dataclasses import dataclass, replace
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from sqlalchemy import (
    BigInteger,
    ColumnElement,
    Select,
    and_,
    case,
    cast,
    exists,
    func,
    not_,
    or_,
    select,
    type_coerce,
)
from sqlalchemy.orm import Session, aliased

from desktop_app.core.models import ReplenishmentRule, Sku, StockBalance, StockMove, Warehouse
from desktop_app.core.services import replenishment
from desktop_app.core.services.id_lists import fetch_ids, like_any, pages
from desktop_app.core.services.stock_query import moves_after, unit_cost

WAREHOUSE_SPAN = 1 << 20  # position id = sku_id * WAREHOUSE_SPAN + warehouse_id
VELOCITY_DAYS = 30
DEFAULT_SORT = ("sku_code", True)
ZERO = Decimal(0)
COST_UNIT = Decimal("0.0001")
UNIT = 10**5  # stored integers per unit of a Quantity column
SEARCHED = (Sku.code, Sku.name_cn, Sku.name_en)


def position_id(sku_id: int, warehouse_id: int) -> int:
    return sku_id * WAREHOUSE_SPAN + warehouse_id


def split_position_id(pid: int) -> tuple[int, int]:
    """(sku_id, warehouse_id) of a position id."""
    return divmod(int(pid), WAREHOUSE_SPAN)


@dataclass(frozen=True)
class StockFilters:
    """What the filter bar narrows the positions to; the defaults mean "every position, now"."""

    warehouse_id: int | None = None
    in_stock_only: bool = False  # units (or value) on hand, or units in transit
    low_only: bool = False  # at or below the reorder point (replenishment.plan)
    as_of: dt.date | None = None  # figures at the end of this day; None: the stored balances
    today: dt.date | None = None  # the last day of the velocity period (None: today)

    def velocity_end(self) -> dt.date:
        return self.as_of or self.today or dt.date.today()


@dataclass(frozen=True)
class StockRow:
    """One position of the stock table."""

    id: int  # position_id
    sku_id: int
    sku_code: str
    sku_name: str
    warehouse_id: int
    warehouse_code: str
    on_hand: Decimal
    in_transit: Decimal
    reserved: Decimal
    available: Decimal
    value: Decimal  # CNY
    unit_cost: Decimal  # value per unit on hand, 4 places; 0 with nothing on hand
    velocity: Decimal  # units sold per day over the VELOCITY_DAYS days
    days_of_cover: Decimal | None  # (available + in transit) ÷ velocity; None: nothing sells
    low: bool  # replenishment suggests sending stock
    historical: bool  # figures at a past date: in transit and reserved are not kept


@dataclass(frozen=True)
class StockTotals:
    positions: int
    on_hand: Decimal
    in_transit: Decimal
    value: Decimal


# -- ids -------------------------------------------------------------------------------


class _Query:
    """The FROM clause and the figure expressions of one search, filter set and sort."""

    def __init__(
        self, text: str, f: StockFilters, dialect: str, sort_key: str = "", *, totals: bool = False
    ) -> None:
        self.f = f
        self.text = text
        self.totals = totals
        b = StockBalance
        figures = f.as_of is not None and (
            totals or f.in_stock_only or f.low_only or sort_key in _FIGURE_SORTS
        )
        self.later = _later_moves(f.as_of, dialect) if figures and f.as_of is not None else None
        self.sold = _sold(f, dialect) if f.low_only or sort_key == "days_of_cover" else None
        self.rule = aliased(ReplenishmentRule) if self.sold is not None else None
        if f.as_of is not None:
            self.on_hand = _raw(b.on_hand) - _later(self.later, "qty")
            self.value = _raw(b.value) - _later(self.later, "value")
            self.in_transit = self.reserved = _raw(0)
        else:
            self.on_hand, self.value = _raw(b.on_hand), _raw(b.value)
            self.in_transit, self.reserved = _raw(b.in_transit), _raw(b.reserved)
        # Sorted by SKU code, the first page comes from walking the SKU code index; "+ 0"
        # keeps SQLite from reading every balance first and sorting them all (0.12 s).
        self.walk_codes = sort_key == "sku_code"

    def select(self, *columns: Any) -> Select[Any]:
        b, s, w = StockBalance, Sku, Warehouse
        sku_id = s.id + 0 if self.walk_codes else s.id
        stmt = select(*columns).select_from(b)
        if not self.totals:  # totals need no codes: 500,000 fewer lookups
            stmt = stmt.join(s, sku_id == b.sku_id).join(w, w.id == b.warehouse_id)
        if self.later is not None:
            later = self.later
            stmt = stmt.outerjoin(
                later, and_(later.c.sku_id == b.sku_id, later.c.warehouse_id == b.warehouse_id)
            )
        if self.sold is not None and self.rule is not None:
            sold, rule = self.sold, self.rule
            stmt = stmt.outerjoin(
                sold, and_(sold.c.sku_id == b.sku_id, sold.c.warehouse_id == b.warehouse_id)
            ).outerjoin(rule, and_(rule.sku_id == b.sku_id, rule.warehouse_id == b.warehouse_id))
        return stmt.where(*self.conditions())

    def conditions(self) -> list[ColumnElement[bool]]:
        f = self.f
        words = self.text.split()
        if self.totals:  # no SKU join: the matching SKUs' ids, found in one pass
            conditions = [StockBalance.sku_id.in_(_matching(word)) for word in words]
        else:
            conditions = [like_any(SEARCHED, word) for word in words]
        if f.warehouse_id is not None:
            conditions.append(StockBalance.warehouse_id == f.warehouse_id)
        if f.in_stock_only:
            third = self.value if f.as_of is not None else self.in_transit
            conditions.append(or_(self.on_hand != 0, third != 0))
        if f.low_only:
            conditions.append(self.low())
        return conditions

    # -- replenishment, in stored integers (see replenishment.plan) ---------------------
    def velocity4(self) -> ColumnElement[Any]:
        """Units a day × 10^4, rounded half up like replenishment.velocity."""
        assert self.sold is not None
        days = VELOCITY_DAYS
        return (func.coalesce(self.sold.c.units, 0) + 5 * days) // (10 * days)

    def position(self) -> ColumnElement[Any]:
        return self.on_hand - self.reserved + self.in_transit

    def low(self) -> ColumnElement[bool]:
        rule = self.rule
        assert rule is not None
        v4 = self.velocity4()
        lead = func.coalesce(rule.lead_time_days, replenishment.DEFAULT_LEAD_TIME_DAYS)
        cover = func.coalesce(rule.days_of_cover, replenishment.DEFAULT_COVER_DAYS)
        point = case(
            (rule.reorder_point.is_not(None), _raw(rule.reorder_point)),
            else_=(v4 * lead + 9999) // 10000 * UNIT,  # whole units, rounded up
        )
        position = self.position()
        enough = case(
            (rule.reorder_quantity.is_not(None), _raw(rule.reorder_quantity) > 0),
            else_=point + v4 * cover * 10 - position > 0,
        )
        return and_(not_(and_(point == 0, v4 == 0)), position <= point, enough)

    def days_of_cover(self) -> ColumnElement[Any]:
        v4 = self.velocity4()
        return case((v4 > 0, self.position() * 10 // v4), else_=None)


_FIGURE_SORTS = frozenset({"on_hand", "available", "value", "unit_cost", "days_of_cover"})


def _matching(word: str) -> Select[Any]:
    """Ids of the SKUs with `word` in their code or names: one pass over the SKUs."""
    return select(Sku.id).where(like_any(SEARCHED, word))


def _dialect(session: Session) -> str:
    return session.get_bind().dialect.name


def _raw(value: Any) -> ColumnElement[Any]:
    """A scaled column as the integer it is stored as (10^-5 units, fen): exact SQL arithmetic."""
    return type_coerce(value, BigInteger)


def _later(later: Any, column: str) -> ColumnElement[Any]:
    if later is None:
        return _raw(0)
    return func.coalesce(_raw(later.c[column]), 0)


def _per_position(dialect: str) -> tuple[list[Any], list[Any]]:
    """(select columns, group keys) for a ledger aggregate per position.

    Grouped by the bare columns, SQLite walks the position index and reads the table in
    its order (0.6 s at a million moves); grouped by "column + 0" it scans the table once
    and groups in a temporary b-tree (0.17 s), and the bare columns keep the automatic
    index it builds to join the result. SQLite accepts that select list; others do not.
    """
    m = StockMove
    columns = [m.sku_id.label("sku_id"), m.warehouse_id.label("warehouse_id")]
    if dialect == "sqlite":
        return columns, [m.sku_id + 0, m.warehouse_id + 0]
    return columns, [m.sku_id, m.warehouse_id]


def _later_moves(as_of: dt.date, dialect: str) -> Any:
    """Units and value moved after `as_of`, per position (a scan of the ledger)."""
    m = StockMove
    columns, keys = _per_position(dialect)
    return (
        select(*columns, func.sum(_raw(m.quantity)).label("qty"),
               func.sum(_raw(m.value)).label("value"))
        .where(m.move_date > as_of)
        .group_by(*keys)
        .subquery("later")
    )  # fmt: skip


def _sale_window(f: StockFilters) -> tuple[dt.date, dt.date]:
    last = f.velocity_end()
    return last - dt.timedelta(days=VELOCITY_DAYS - 1), last


def _not_reversed(move: Any) -> ColumnElement[bool]:
    reversal = aliased(StockMove)
    return ~exists(select(reversal.id).where(reversal.reverses_move_id == move.id))


def _sold(f: StockFilters, dialect: str) -> Any:
    """Units sold (stored integers, positive) per position in the velocity period."""
    m = StockMove
    first, last = _sale_window(f)
    columns, keys = _per_position(dialect)
    return (
        # bigint: PostgreSQL sums bigints as numeric, and the arithmetic wants whole numbers
        select(*columns, cast(-func.sum(_raw(m.quantity)), BigInteger).label("units"))
        .where(m.kind == "sale", m.move_date.between(first, last), _not_reversed(m))
        .group_by(*keys)
        .subquery("sold")
    )


def _sort_column(query: _Query, key: str) -> ColumnElement[Any]:
    columns: dict[str, Any] = {
        "sku_code": lambda: Sku.code,
        "sku_name": lambda: Sku.name_cn,
        "warehouse": lambda: Warehouse.code,
        "on_hand": lambda: query.on_hand,
        "in_transit": lambda: query.in_transit,
        "reserved": lambda: query.reserved,
        "available": lambda: query.on_hand - query.reserved,
        "value": lambda: query.value,
        "unit_cost": lambda: case((query.on_hand > 0, query.value * UNIT // query.on_hand)),
        "days_of_cover": query.days_of_cover,
    }
    return columns[key]()


SORT_KEYS = ("sku_code", "sku_name", "warehouse", "on_hand", "in_transit", "reserved",
             "available", "value", "unit_cost", "days_of_cover")  # fmt: skip


def stock_ids(
    session: Session,
    text: str = "",
    filters: StockFilters = StockFilters(),
    sort: tuple[str, bool] = DEFAULT_SORT,
    *,
    limit: int | None = None,
) -> array[int]:
    """Position ids matching `text` (words in the SKU code or names) and `filters`, sorted.

    `sort` is (key, ascending) with a key of SORT_KEYS; ties fall back to SKU and
    warehouse codes, so a first page (`limit`) is the start of the whole list. Positions
    without a figure to sort by (days of cover of what does not sell) come last.
    """
    key, ascending = sort
    if key not in SORT_KEYS:
        raise ValueError(f"cannot sort stock positions by {key!r}")
    query = _Query(text, filters, _dialect(session), key)
    b = StockBalance
    stmt = query.select(b.sku_id * WAREHOUSE_SPAN + b.warehouse_id)
    column = _sort_column(query, key)
    ties = (Sku.code, Warehouse.code, b.sku_id, b.warehouse_id)
    if ascending:
        order = [column.asc().nulls_last(), *(t.asc() for t in ties)]
    else:
        order = [column.desc().nulls_last(), *(t.desc() for t in ties)]
    if key == "sku_code":
        order = [column.asc() if ascending else column.desc(), *order[1:]]
    stmt = stmt.order_by(*order)
    if limit is not None:
        stmt = stmt.limit(limit)
    return fetch_ids(session, stmt)


def stock_totals(
    session: Session, text: str = "", filters: StockFilters = StockFilters()
) -> StockTotals:
    """Positions, units on hand and in transit and value (CNY) over what the filters list.

    At a past date (in transit is then 0), unless only positions with stock or low stock
    are wanted, that is today's totals less what moved after the date: one sum over the
    ledger instead of one per position.
    """
    f = filters
    if f.as_of is not None and not (f.in_stock_only or f.low_only):
        now = stock_totals(session, text, replace(f, as_of=None))
        qty, value = session.execute(_moved_after(text, f, f.as_of)).one()
        return StockTotals(now.positions, now.on_hand - _units(qty), ZERO, now.value - _fen(value))
    query = _Query(text, f, _dialect(session), totals=True)
    count, on_hand, in_transit, value = session.execute(
        query.select(
            func.count(),
            func.coalesce(func.sum(query.on_hand), 0),
            func.coalesce(func.sum(query.in_transit), 0),
            func.coalesce(func.sum(query.value), 0),
        )
    ).one()
    return StockTotals(int(count), _units(on_hand), _units(in_transit), _fen(value))


def _moved_after(text: str, f: StockFilters, day: dt.date) -> Select[Any]:
    m = StockMove
    stmt = select(
        func.coalesce(func.sum(_raw(m.quantity)), 0), func.coalesce(func.sum(_raw(m.value)), 0)
    ).where(m.move_date > day)
    if f.warehouse_id is not None:
        stmt = stmt.where(m.warehouse_id == f.warehouse_id)
    for word in text.split():
        stmt = stmt.where(m.sku_id.in_(_matching(word)))
    return stmt


def _units(stored: Any) -> Decimal:
    return Decimal(int(stored)).scaleb(-5)


def _fen(stored: Any) -> Decimal:
    return Decimal(int(stored)).scaleb(-2)


# -- rows ------------------------------------------------------------------------------


@dataclass
class _Figures:
    on_hand: Decimal
    in_transit: Decimal
    reserved: Decimal
    value: Decimal


def stock_rows(
    session: Session,
    ids: Sequence[int],
    *,
    as_of: dt.date | None = None,
    today: dt.date | None = None,
) -> list[StockRow]:
    """The table rows of position `ids`, in the same order; positions gone are left out.

    as_of: figures at the end of that day (in transit and reserved are 0: not kept
    historically) and the velocity of the VELOCITY_DAYS days ending then.
    """
    f = StockFilters(as_of=as_of, today=today)
    wanted = [split_position_id(i) for i in ids]
    sku_ids = sorted({s for s, _w in wanted})
    found: dict[int, StockRow] = {}
    for page in pages(sku_ids):
        balances = _balances(session, page, set(wanted))
        in_page = StockMove.sku_id.in_(page)
        later = moves_after(session, as_of, in_page) if as_of is not None else {}
        speeds = _velocities(session, page, f)
        rules = _rules(session, page)
        for key, (code, name, wh_code, figures) in balances.items():
            if as_of is not None:
                qty, value = later.get(key, (ZERO, ZERO))
                figures = _Figures(figures.on_hand - qty, ZERO, ZERO, figures.value - value)
            row = _row(key, code, name, wh_code, figures, speeds.get(key, ZERO),
                       rules.get(key, replenishment.RuleValues()), as_of is not None)  # fmt: skip
            found[row.id] = row
    return [found[i] for i in ids if i in found]


def _balances(
    session: Session, sku_ids: Sequence[int], wanted: set[tuple[int, int]]
) -> dict[tuple[int, int], tuple[str, str, str, _Figures]]:
    b = StockBalance
    stmt = (
        select(b.sku_id, b.warehouse_id, Sku.code, Sku.name_cn, Warehouse.code,
               b.on_hand, b.in_transit, b.reserved, b.value)
        .join(Sku, Sku.id == b.sku_id)
        .join(Warehouse, Warehouse.id == b.warehouse_id)
        .where(b.sku_id.in_(sku_ids))
    )  # fmt: skip
    out = {}
    for s, w, code, name, wh_code, on_hand, in_transit, reserved, value in session.execute(stmt):
        if (s, w) in wanted:
            out[s, w] = (code, name, wh_code, _Figures(on_hand, in_transit, reserved, value))
    return out


def _velocities(
    session: Session, sku_ids: Sequence[int], f: StockFilters
) -> dict[tuple[int, int], Decimal]:
    """Units sold per day, as replenishment.velocity counts them, for these SKUs only."""
    m = StockMove
    first, last = _sale_window(f)
    stmt = (
        select(m.sku_id, m.warehouse_id, func.sum(m.quantity))
        .where(m.sku_id.in_(sku_ids), m.kind == "sale", m.move_date.between(first, last))
        .where(_not_reversed(m))
        .group_by(m.sku_id, m.warehouse_id)
    )
    return {
        (s, w): (-units / VELOCITY_DAYS).quantize(COST_UNIT, ROUND_HALF_UP)
        for s, w, units in session.execute(stmt)
        if units
    }


def _rules(
    session: Session, sku_ids: Sequence[int]
) -> dict[tuple[int, int], replenishment.RuleValues]:
    r = ReplenishmentRule
    stmt = select(r).where(r.sku_id.in_(sku_ids))
    return {
        (rule.sku_id, rule.warehouse_id): replenishment.RuleValues(
            rule.reorder_point, rule.reorder_quantity, rule.days_of_cover, rule.lead_time_days
        )
        for rule in session.scalars(stmt)
    }


def _row(
    key: tuple[int, int],
    code: str,
    name: str,
    wh_code: str,
    figures: _Figures,
    speed: Decimal,
    rule: replenishment.RuleValues,
    historical: bool,
) -> StockRow:
    available = figures.on_hand - figures.reserved
    plan = replenishment.plan(available, figures.in_transit, speed, rule)
    on_hand, value = figures.on_hand, figures.value
    return StockRow(
        id=position_id(*key), sku_id=key[0], sku_code=code, sku_name=name,
        warehouse_id=key[1], warehouse_code=wh_code, on_hand=on_hand,
        in_transit=figures.in_transit, reserved=figures.reserved, available=available,
        value=value, unit_cost=unit_cost(value, on_hand), velocity=speed,
        days_of_cover=plan.days_of_cover, low=plan.suggested_qty > 0, historical=historical,
    )  # fmt: skip


# -- choices ---------------------------------------------------------------------------


def warehouse_choices(session: Session) -> list[tuple[int, str, str, bool]]:
    """(id, code, name, active) of every warehouse, by code: for the filter bar."""
    stmt = select(Warehouse.id, Warehouse.code, Warehouse.name, Warehouse.active)
    return [(i, c, n, bool(a)) for i, c, n, a in session.execute(stmt.order_by(Warehouse.code))]


def warehouse_stock(session: Session) -> dict[int, tuple[Decimal, Decimal, Decimal]]:
    """(units on hand, in transit, value CNY) per warehouse id, from the stored balances."""
    b = StockBalance
    stmt = select(
        b.warehouse_id,
        func.coalesce(func.sum(_raw(b.on_hand)), 0),
        func.coalesce(func.sum(_raw(b.in_transit)), 0),
        func.coalesce(func.sum(_raw(b.value)), 0),
    ).group_by(b.warehouse_id)
    return {w: (_units(q), _units(t), _fen(v)) for w, q, t, v in session.execute(stmt)}
