"""Read side of the Orders screen: filtered, sorted order id lists, rows by id, one order's lines.

The screen's lazy table holds only the ordered ids of the current filter and sort
(`order_ids`, one query returning ints) and fetches the rows it shows by id (`order_rows`).
Filtering and sorting happen in SQL so a million orders stay instant.
"""

from __future__ import annotations

import datetime as dt
import re
from array import array
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from sqlalchemy import ColumnElement, Select, case, func, or_, select, union
from sqlalchemy.orm import Session

from desktop_app.core.models import Order, OrderLine, Shop, Sku, Warehouse
from desktop_app.core.services.id_lists import fetch_ids, pages, prefix_match

NOT_ROUTED = "-"  # customs_mode filter value: orders no rule or person has routed yet
MAX_SEARCH_TERMS = 50  # ids pasted from a spreadsheet column
DEFAULT_SORT = ("ordered_at", False)  # newest first


@dataclass(frozen=True)
class OrderFilters:
    """What the filter bar narrows the orders to; empty values mean "any"."""

    platform: str = ""
    shop_id: int | None = None
    status: str = ""
    ordered_from: dt.datetime | None = None  # inclusive, timezone-aware
    ordered_before: dt.datetime | None = None  # exclusive
    ship_country: str = ""
    currency: str = ""
    customs_mode: str = ""  # a mode, or NOT_ROUTED
    fulfilment: str = ""
    unmapped_only: bool = False


@dataclass(frozen=True)
class OrderRow:
    """One line of the orders table."""

    id: int
    ordered_at: dt.datetime
    platform: str
    shop: str
    order_id: str
    status: str
    currency: str
    total: Decimal | None
    lines: int
    ship_country: str
    customs_mode: str | None
    fulfilment: str
    warehouse: str
    unmapped: int  # lines not yet mapped to a SKU
    routing_overridden: bool


@dataclass(frozen=True)
class LineRow:
    line_no: int
    platform_sku: str
    product_name: str
    sku_id: int | None
    sku_code: str
    sku_name: str
    quantity: Decimal
    sku_quantity: Decimal | None
    unit_price: Decimal | None
    amount: Decimal | None
    discount: Decimal
    item_status: str

    @property
    def mapped(self) -> bool:
        return self.sku_id is not None


@dataclass(frozen=True)
class OrderDetail:
    """One order with its money breakdown and its lines, for the detail pane."""

    row: OrderRow
    platform_status: str
    fulfilment_channel: str
    paid_at: dt.datetime | None
    shipped_at: dt.datetime | None
    shipping: Decimal
    tax: Decimal
    discount: Decimal
    platform_fees: Decimal
    warehouse_id: int | None
    lines: list[LineRow] = field(default_factory=list)


@dataclass(frozen=True)
class OrderChoices:
    """The values the filter bar offers: what the database actually holds."""

    platforms: list[str]
    shops: list[tuple[int, str, str]]  # (id, platform, name)
    currencies: list[str]
    countries: list[str]
    customs_modes: list[str]
    warehouses: list[tuple[int, str, str]]  # (id, code, name)


def _line_count() -> Any:
    return (
        select(func.count())
        .where(OrderLine.order_id == Order.id)
        .correlate(Order)
        .scalar_subquery()
    )


def _has_unmapped() -> Any:
    # IN over the sku_id index (NULLs included) reads only the unmapped lines: 50 ms at a
    # million orders, where a correlated EXISTS probes every order (0.5 s).
    return Order.id.in_(select(OrderLine.order_id).where(OrderLine.sku_id.is_(None)))


SORT_COLUMNS: dict[str, Any] = {
    "ordered_at": lambda: Order.ordered_at,
    "platform": lambda: Shop.platform,
    "shop": lambda: Shop.name,
    "order_id": lambda: Order.platform_order_id,
    "status": lambda: Order.status,
    "currency": lambda: Order.currency,
    "total": lambda: Order.total_amount,
    "lines": _line_count,
    "ship_country": lambda: Order.ship_country,
    "customs_mode": lambda: Order.customs_mode,
    "fulfilment": lambda: Order.fulfilment,
    "warehouse": lambda: Warehouse.code,
    "unmapped": lambda: _has_unmapped(),
}


def order_ids(
    session: Session,
    text: str = "",
    filters: OrderFilters = OrderFilters(),
    sort: tuple[str, bool] = DEFAULT_SORT,
    *,
    limit: int | None = None,
) -> array[int]:
    """Ids of the orders matching `text` (order id prefixes) and `filters`, in `sort` order.

    `sort` is (column, ascending) with a column of SORT_COLUMNS; ties fall back to the id
    so the order is stable between a first page (`limit`) and the whole list.
    """
    key, ascending = sort
    if key not in SORT_COLUMNS:
        raise ValueError(f"cannot sort orders by {key!r}")
    by_date = key == "ordered_at"
    stmt = _filtered(session, select(Order.id), text, filters, walk_dates=by_date)
    stmt = _join_for(stmt, key)
    column = SORT_COLUMNS[key]()
    if ascending:
        stmt = stmt.order_by(column.asc(), Order.id.asc())
    else:
        stmt = stmt.order_by(column.desc(), Order.id.desc())
    if limit is not None:
        stmt = stmt.limit(limit)
    return fetch_ids(session, stmt)


def _join_for(stmt: Select[Any], key: str) -> Select[Any]:
    if key in ("platform", "shop"):
        return stmt.join(Shop, Shop.id == Order.shop_id)
    if key == "warehouse":
        return stmt.outerjoin(Warehouse, Warehouse.id == Order.warehouse_id)
    return stmt


def _filtered(
    session: Session, stmt: Select[Any], text: str, f: OrderFilters, *, walk_dates: bool = False
) -> Select[Any]:
    shop_ids = _shop_scope(f)
    terms = search_terms(text)
    if terms:
        stmt = stmt.where(Order.id.in_(_search(session, terms, shop_ids)))
    elif shop_ids is not None:
        # Sorted by date, walking the date index and skipping other shops finds the
        # first page at once; SQLite would rather read the shop's orders through the
        # (shop, order id) index and sort them all (0.7 s at a million). "+ 0" hides
        # that index from the planner.
        shop = Order.shop_id + 0 if walk_dates else Order.shop_id
        stmt = stmt.where(shop.in_(shop_ids))
    return stmt.where(*_conditions(f))


def _shop_scope(f: OrderFilters) -> Any:
    """The shops the filter allows, as a subquery; None when any shop will do."""
    if f.shop_id is not None:
        return select(Shop.id).where(Shop.id == f.shop_id)
    if f.platform:
        return select(Shop.id).where(Shop.platform == f.platform)
    return None


def search_terms(text: str) -> list[str]:
    """Order ids (or their beginnings) typed or pasted: split on spaces, commas, semicolons."""
    terms = [t for t in re.split(r"[\s,;]+", text.strip()) if t]
    return list(dict.fromkeys(terms))[:MAX_SEARCH_TERMS]


def _search(session: Session, terms: list[str], shop_ids: Any) -> Any:
    """Ids of orders whose platform id starts with a term, through the (shop, id) index.

    The unique index leads with the shop, so the search names every shop (a handful)
    explicitly: each becomes one index range, instead of a scan of every order.
    """
    dialect = session.get_bind().dialect.name
    shops = shop_ids if shop_ids is not None else select(Shop.id)
    selects = []
    for term in terms:
        variants = dict.fromkeys((term, term.upper()))  # Shopee ids are upper case
        match = or_(*(prefix_match(Order.platform_order_id, v, dialect) for v in variants))
        selects.append(select(Order.id).where(Order.shop_id.in_(shops), match))
    return selects[0] if len(selects) == 1 else union(*selects)


def _conditions(f: OrderFilters) -> list[ColumnElement[bool]]:
    conditions: list[ColumnElement[bool]] = []
    simple = {
        Order.status: f.status,
        Order.ship_country: f.ship_country,
        Order.currency: f.currency,
        Order.fulfilment: f.fulfilment,
    }
    conditions += [column == value for column, value in simple.items() if value]
    if f.customs_mode == NOT_ROUTED:
        conditions.append(Order.customs_mode.is_(None))
    elif f.customs_mode:
        conditions.append(Order.customs_mode == f.customs_mode)
    if f.ordered_from is not None:
        conditions.append(Order.ordered_at >= f.ordered_from)
    if f.ordered_before is not None:
        conditions.append(Order.ordered_at < f.ordered_before)
    if f.unmapped_only:
        conditions.append(_has_unmapped())
    return conditions


def _row_select() -> Select[Any]:
    return (
        select(
            Order.id,
            Order.ordered_at,
            Shop.platform,
            Shop.name,
            Order.platform_order_id,
            Order.status,
            Order.currency,
            Order.total_amount,
            Order.ship_country,
            Order.customs_mode,
            Order.fulfilment,
            Warehouse.code,
            Order.routing_overridden,
        )
        .join(Shop, Shop.id == Order.shop_id)
        .outerjoin(Warehouse, Warehouse.id == Order.warehouse_id)
    )


def order_rows(session: Session, ids: Sequence[int]) -> list[OrderRow]:
    """The table rows of `ids`, in the same order; ids no longer in the database are left out."""
    found: dict[int, OrderRow] = {}
    for page in pages(ids):
        counts = _line_counts(session, page)
        for r in session.execute(_row_select().where(Order.id.in_(page))):
            lines, unmapped = counts.get(r.id, (0, 0))
            found[r.id] = _to_row(r, lines, unmapped)
    return [found[i] for i in ids if i in found]


def _line_counts(session: Session, ids: Sequence[int]) -> dict[int, tuple[int, int]]:
    unmapped = func.sum(case((OrderLine.sku_id.is_(None), 1), else_=0))
    stmt = (
        select(OrderLine.order_id, func.count(), unmapped)
        .where(OrderLine.order_id.in_(ids))
        .group_by(OrderLine.order_id)
    )
    return {order_id: (n, int(u or 0)) for order_id, n, u in session.execute(stmt)}


def _to_row(r: Any, lines: int, unmapped: int) -> OrderRow:
    return OrderRow(
        id=r.id,
        ordered_at=r.ordered_at,
        platform=r.platform,
        shop=r.name,
        order_id=r.platform_order_id,
        status=r.status,
        currency=r.currency,
        total=r.total_amount,
        lines=lines,
        ship_country=r.ship_country,
        customs_mode=r.customs_mode,
        fulfilment=r.fulfilment,
        warehouse=r.code or "",
        unmapped=unmapped,
        routing_overridden=bool(r.routing_overridden),
    )


def order_detail(session: Session, order_id: int) -> OrderDetail | None:
    """One order (by database id) with its lines and their SKUs; None if it is gone."""
    rows = order_rows(session, [order_id])
    order = session.get(Order, order_id)
    if not rows or order is None:
        return None
    return OrderDetail(
        row=rows[0],
        platform_status=order.platform_status,
        fulfilment_channel=order.fulfilment_channel,
        paid_at=order.paid_at,
        shipped_at=order.shipped_at,
        shipping=order.shipping_amount,
        tax=order.tax_amount,
        discount=order.discount_amount,
        platform_fees=order.platform_fees,
        warehouse_id=order.warehouse_id,
        lines=_lines(session, order_id),
    )


def _lines(session: Session, order_id: int) -> list[LineRow]:
    stmt = (
        select(OrderLine, Sku.code, Sku.name_cn)
        .outerjoin(Sku, Sku.id == OrderLine.sku_id)
        .where(OrderLine.order_id == order_id)
        .order_by(OrderLine.line_no)
    )
    return [
        LineRow(
            line_no=line.line_no,
            platform_sku=line.platform_sku,
            product_name=line.product_name,
            sku_id=line.sku_id,
            sku_code=code or "",
            sku_name=name or "",
            quantity=line.quantity,
            sku_quantity=line.sku_quantity,
            unit_price=line.unit_price,
            amount=line.amount,
            discount=line.discount,
            item_status=line.item_status,
        )
        for line, code, name in session.execute(stmt)
    ]


def order_choices(session: Session) -> OrderChoices:
    """Platforms, shops and warehouses on file; the currencies, countries and modes orders use."""
    shops = session.execute(select(Shop.id, Shop.platform, Shop.name).order_by(Shop.name)).all()
    return OrderChoices(
        platforms=sorted({platform for _id, platform, _name in shops}),
        shops=[(i, p, n) for i, p, n in shops],
        currencies=_distinct(session, Order.currency),
        countries=_distinct(session, Order.ship_country),
        customs_modes=_distinct(session, Order.customs_mode),
        warehouses=[
            (i, code, name)
            for i, code, name in session.execute(
                select(Warehouse.id, Warehouse.code, Warehouse.name).order_by(Warehouse.code)
            )
        ],
    )


def _distinct(session: Session, column: Any) -> list[str]:
    values = session.execute(select(column).distinct().where(column.is_not(None))).scalars()
    return sorted(v for v in values if v)
