"""Warehouses, SKUs, receipts and overseas orders for the fulfilment, stocktake and
replenishment tests, made with the ORM and the ledger's own post_move."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desktop_app.core.models import Order, OrderLine, Shop, Sku, StockMove, Warehouse
from desktop_app.core.services import stock

D = Decimal


def warehouse(session: Session, code: str, kind: str = "overseas_3pl", country: str = "USA"):
    w = Warehouse(code=code, name=f"Warehouse {code}", kind=kind, country=country)
    session.add(w)
    session.flush()
    return w


def sku(session: Session, code: str, price: str | None = "10.00") -> Sku:
    s = Sku(code=code, name_cn=f"商品{code}", purchase_price=None if price is None else D(price))
    session.add(s)
    session.flush()
    return s


def shop(session: Session, name: str = "US Store", platform: str = "amazon") -> Shop:
    s = Shop(platform=platform, name=name, site_country="USA")
    session.add(s)
    session.flush()
    return s


def receive(
    session: Session, s: Sku, w: Warehouse, qty: str | int, cost: str, day: dt.date
) -> StockMove:
    return stock.post_move(
        session, sku_id=s.id, warehouse_id=w.id, kind="receipt", quantity=D(qty),
        move_date=day, unit_cost=D(cost), ref_type="test",
    )  # fmt: skip


def order(
    session: Session,
    shop: Shop,
    order_id: str,
    lines: list[tuple[Sku | None, str | int]],
    *,
    status: str = "shipped",
    warehouse: Warehouse | None = None,
    fulfilment: str = "overseas_warehouse",
    shipped: dt.datetime | None = dt.datetime(2026, 3, 10, 15, 0, tzinfo=dt.UTC),
    ordered: dt.datetime = dt.datetime(2026, 3, 9, 8, 0, tzinfo=dt.UTC),
) -> Order:
    o = Order(
        shop_id=shop.id, platform_order_id=order_id, status=status, ordered_at=ordered,
        shipped_at=shipped, currency="USD", total_amount=D("20.00"), ship_country="USA",
        fulfilment=fulfilment, warehouse_id=None if warehouse is None else warehouse.id,
    )  # fmt: skip
    for n, (mapped, qty) in enumerate(lines, start=1):
        o.lines.append(
            OrderLine(
                line_no=n, platform_line_id=str(n), platform_sku=f"P-{order_id}-{n}",
                sku_id=None if mapped is None else mapped.id, quantity=D(qty),
                sku_quantity=None if mapped is None else D(qty), unit_price=D("10.00"),
                amount=D("10.00") * D(qty),
            )
        )  # fmt: skip
    session.add(o)
    session.flush()
    return o


def on_hand(session: Session, s: Sku, w: Warehouse) -> Decimal:
    return stock.get_balance(session, s.id, w.id).on_hand


def moves(session: Session, **where: object) -> list[StockMove]:
    query = select(StockMove).filter_by(**where).order_by(StockMove.id)
    return list(session.scalars(query))


def move_count(session: Session) -> int:
    return session.scalar(select(func.count()).select_from(StockMove)) or 0


def warehouse_by_code(session: Session, code: str) -> Warehouse:
    return session.scalars(select(Warehouse).where(Warehouse.code == code)).one()


def sku_by_code(session: Session, code: str) -> Sku:
    return session.scalars(select(Sku).where(Sku.code == code)).one()


def select_stocktake(ref: str):
    from desktop_app.core.models import Stocktake

    return select(Stocktake.id).where(Stocktake.ref == ref)
