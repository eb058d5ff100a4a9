"""Small hand-made shops, warehouses and orders for the order query and routing tests."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy.orm import Session

from desktop_app.core.models import Order, OrderLine, Shop, Sku, Warehouse

T0 = dt.datetime(2026, 3, 1, 8, 0, tzinfo=dt.UTC)


def warehouse(session: Session, code: str, kind: str, country: str) -> Warehouse:
    w = Warehouse(code=code, name=code, kind=kind, country=country)
    session.add(w)
    session.flush()
    return w


def shop(
    session: Session,
    platform: str,
    name: str,
    country: str = "USA",
    default_warehouse: Warehouse | None = None,
) -> Shop:
    s = Shop(
        platform=platform,
        name=name,
        site_country=country,
        default_warehouse_id=None if default_warehouse is None else default_warehouse.id,
    )
    session.add(s)
    session.flush()
    return s


def sku(session: Session, code: str) -> Sku:
    s = Sku(code=code, name_cn=f"商品{code}")
    session.add(s)
    session.flush()
    return s


def order(
    session: Session,
    shop: Shop,
    order_id: str,
    *,
    hours: int = 0,
    status: str = "paid",
    currency: str = "USD",
    total: str | None = "10.00",
    country: str = "USA",
    fulfilment: str = "china_direct",
    channel: str = "",
    lines: list[tuple[str, Sku | None]] | None = None,
) -> Order:
    o = Order(
        shop_id=shop.id,
        platform_order_id=order_id,
        status=status,
        ordered_at=T0 + dt.timedelta(hours=hours),
        currency=currency,
        total_amount=None if total is None else Decimal(total),
        ship_country=country,
        fulfilment=fulfilment,
        fulfilment_channel=channel,
    )
    for n, (platform_sku, mapped) in enumerate(lines or [("P-1", None)], start=1):
        o.lines.append(
            OrderLine(
                line_no=n,
                platform_sku=platform_sku,
                sku_id=None if mapped is None else mapped.id,
                quantity=Decimal(1),
                unit_price=Decimal("5.00"),
                amount=Decimal("5.00"),
            )
        )
    session.add(o)
    session.flush()
    return o
