"""Small worlds for the declaration tests: a company, SKUs, rates, a shipment and orders."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy import select

from desktop_app.core import codes
from desktop_app.core.models import (
    ExchangeRate,
    Order,
    OrderLine,
    Shop,
    Sku,
    Warehouse,
)
from desktop_app.core.money import quantize
from desktop_app.core.services import company, shipments
from desktop_app.core.services.shipments import CartonDraft

D = Decimal
USCC = "91440300MA5GRK8T0W"
TODAY = dt.date(2026, 11, 20)
CST = dt.timezone(dt.timedelta(hours=8))
# CNY per unit (JPY per 100) on every day of October and November 2026
RATES = {"USD": ("7.100000", 1), "EUR": ("7.800000", 1), "JPY": ("4.800000", 100),
         "GBP": ("9.000000", 1), "MYR": ("1.600000", 1)}  # fmt: skip


def setup(session, *, policy: str = "export_day", rates: bool = True) -> None:
    """The built-in code tables, the exporter's profile and (optionally) a month of rates."""
    codes.ensure_builtin(session)
    company.save_profile(session, {
        "name_cn": "深圳市海拓跨境电子商务有限公司", "uscc": USCC, "customs_code": "4403160ABT",
        "customs_district": "5300", "domestic_source_region": "44031",
        "fx_rate_policy": policy,
    }, today=dt.date(2025, 1, 1))  # fmt: skip
    if rates:
        add_rates(session, dt.date(2026, 10, 1), dt.date(2026, 11, 30))


def add_rates(session, first: dt.date, last: dt.date, **override: str) -> None:
    day = first
    while day <= last:
        for currency, (rate, per) in RATES.items():
            value = D(override.get(currency, rate))
            session.add(ExchangeRate(currency=currency, rate_date=day, rate=value, per_units=per))
        day += dt.timedelta(days=1)
    session.flush()


def sku(session, code: str, **kw) -> Sku:
    """A SKU ready to declare: a plastic phone case by default, 0.05 kg net, 0.08 kg gross."""
    fields = dict(
        name_cn="手机保护壳", hs_code="3926909090",
        declaration_elements="0|0|用途:手机保护|材质:TPU",
        legal_first_unit="035", first_unit_factor=D("0.05"), trade_unit="007",
        net_weight_kg=D("0.05"), gross_weight_kg=D("0.08"), purchase_price=D("7.10"),
        domestic_source="44199",
    )  # fmt: skip
    fields.update(kw)
    item = Sku(code=code, **fields)
    session.add(item)
    session.flush()
    return item


def warehouses(session) -> tuple[Warehouse, Warehouse]:
    """The factory warehouse in Shenzhen and a US 3PL (made once per database)."""
    found = {w.code: w for w in session.scalars(select(Warehouse))}
    if "SZ" in found:
        return found["SZ"], found["US-3PL"]
    home = Warehouse(code="SZ", name="深圳仓", kind="domestic", country="CHN")
    us = Warehouse(code="US-3PL", name="美国海外仓", kind="overseas_3pl", country="USA",
                   currency="USD", provider="Pacific Gateway Logistics Inc.")  # fmt: skip
    session.add_all([home, us])
    session.flush()
    return home, us


def shipment(session, lines, *, ref="FL-2026-0001", cartons=None, ship_date=dt.date(2026, 11, 2)):
    """A draft shipment SZ → US-3PL: lines are (sku, quantity, CNY unit cost)."""
    home, us = warehouses(session)
    made = shipments.create_shipment(
        session, origin_warehouse_id=home.id, destination_warehouse_id=us.id, ref=ref,
        lines=[shipments.LineDraft(s.id, D(q), D(c)) for s, q, c in lines],
        cartons=cartons or [CartonDraft("1-3", "60", "40", "40", "20", carton_count=3)],
        carrier="Matson CLX", tracking_no="MATS1234567", booking_no="BK2611020001",
        transport_mode="2", allocation_basis="quantity",
    )  # fmt: skip
    made.ship_date = ship_date
    session.flush()
    return made


def shop(session, name="Shopee MY", platform="shopee", currency="MYR", country="MYS") -> Shop:
    made = Shop(platform=platform, name=name, currency=currency, site_country=country)
    session.add(made)
    session.flush()
    return made


_ORDER_NO = iter(range(1, 10**9))


def order(session, the_shop: Shop, lines, *, mode="9610", country="MYS", shipped=None,
          status="completed", currency=None) -> Order:  # fmt: skip
    """An order of `lines` (sku or None, quantity, amount[, discount]) shipped `shipped` (CST)."""
    shipped = shipped or dt.datetime(2026, 10, 15, 10, 0, tzinfo=CST)
    made = Order(
        shop_id=the_shop.id, platform_order_id=f"PO{next(_ORDER_NO):06d}", status=status,
        ordered_at=shipped - dt.timedelta(days=1), shipped_at=shipped,
        currency=currency or the_shop.currency, ship_country=country, customs_mode=mode,
        fulfilment="b2b" if mode == "9710" else "china_direct",
    )  # fmt: skip
    for number, line in enumerate(lines, start=1):
        item, quantity, amount, *rest = line
        made.lines.append(OrderLine(
            line_no=number, platform_sku=item.code if item else f"UNMAPPED-{number}",
            sku_id=item.id if item else None, quantity=D(quantity),
            sku_quantity=D(quantity) if item else None, amount=D(amount),
            discount=D(rest[0]) if rest else D(0), unit_price=quantize(D(amount) / D(quantity), 4),
        ))  # fmt: skip
    made.total_amount = sum((line.amount for line in made.lines), D(0))
    session.add(made)
    session.flush()
    return made
