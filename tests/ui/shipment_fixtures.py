"""A small stock world for the shipment and stocktake window tests: warehouses, SKUs with sizes,
stock at the factory."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from desktop_app.core.db import Database
from desktop_app.core.models import Sku, Warehouse
from desktop_app.core.services import stock

# the declaration and print preview tests import these from here
from tests.ui.standalone import make_context, top_level, wait_idle  # noqa: F401

D = Decimal
TODAY = dt.date.today()
LONG_AGO = TODAY - dt.timedelta(days=90)


@dataclass(frozen=True)
class World:
    sz: int  # the factory warehouse (domestic)
    us: int  # a US 3PL
    de: int  # a German 3PL
    skus: dict[str, int]  # code → id


def make_world(db: Database, on_hand: int = 500) -> World:
    """Three warehouses, three SKUs with weights and sizes, `on_hand` of each at the factory."""
    with db.transaction("test") as session:
        houses = {
            code: Warehouse(code=code, name=name, kind=kind, country=country)
            for code, name, kind, country in (
                ("SZ", "深圳工厂仓", "domestic", "CHN"),
                ("US-3PL", "美国海外仓", "overseas_3pl", "USA"),
                ("DE-3PL", "德国海外仓", "overseas_3pl", "DEU"),
            )
        }
        session.add_all(houses.values())
        skus = {
            code: Sku(code=code, name_cn=name, purchase_price=D(price), gross_weight_kg=D(kg),
                      length_cm=D(20), width_cm=D(15), height_cm=D(10))
            for code, name, price, kg in (
                ("LAMP-01", "台灯", "30.00", "1.2"),
                ("CASE-02", "手机壳", "4.50", "0.1"),
                ("CABLE-03", "数据线", "2.00", "0.05"),
            )
        }  # fmt: skip
        session.add_all(skus.values())
        session.flush()
        for sku in skus.values():
            stock.post_move(
                session, sku_id=sku.id, warehouse_id=houses["SZ"].id, kind="receipt",
                quantity=D(on_hand), move_date=LONG_AGO, unit_cost=sku.purchase_price,
            )  # fmt: skip
        return World(
            houses["SZ"].id,
            houses["US-3PL"].id,
            houses["DE-3PL"].id,
            {code: sku.id for code, sku in skus.items()},
        )
