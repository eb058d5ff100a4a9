"""Stock for the Stock, Ledger and Warehouses window tests: three warehouses, enough SKUs for
more than one page of positions, receipts, a shipment, sales in the last 30 days."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from desktop_app.core import codes
from desktop_app.core.db import Database
from desktop_app.core.models import Shipment, Sku
from desktop_app.core.services import stock, warehouses

D = Decimal
TODAY = dt.date.today()
EARLY = TODAY - dt.timedelta(days=120)
FILLERS = 230  # SKUs stocked only at the factory: more than one page (lazy_table.PAGE)


@dataclass(frozen=True)
class Stock:
    sz: int  # the factory warehouse (domestic)
    la: int  # a US 3PL
    de: int  # an FBA warehouse in Germany
    skus: dict[str, int]  # code → id
    shipment_ref: str


def make_stock(db: Database) -> Stock:
    """MUG-01 and CUP-02 bought, shipped to LA, selling there; FILLERS SKUs at the factory."""
    with db.transaction("test") as session:
        codes.ensure_builtin(session)
        new = warehouses.create_warehouse
        sz = new(session, code="CN-SZ", name="深圳工厂仓", kind="domestic", country="CHN")
        la = new(session, code="US-LA", name="美国洛杉矶仓", kind="overseas_3pl", country="USA",
                 currency="USD")  # fmt: skip
        de = new(session, code="DE-FBA", name="德国FBA仓", kind="fba", country="DEU",
                 currency="EUR")  # fmt: skip
        names = {"MUG-01": "陶瓷杯", "CUP-02": "保温杯"}
        names |= {f"FILL-{n:03d}": "收纳盒" for n in range(FILLERS)}
        skus = {code: Sku(code=code, name_cn=name) for code, name in names.items()}
        session.add_all(skus.values())
        shipment = Shipment(ref="FL-TEST-0001", origin_warehouse_id=sz.id,
                            destination_warehouse_id=la.id, status="received")  # fmt: skip
        session.add(shipment)
        session.flush()
        ids = {code: sku.id for code, sku in skus.items()}

        def post(code, wh, kind, qty, day, cost=None, **ref):
            stock.post_move(session, sku_id=ids[code], warehouse_id=wh.id, kind=kind,
                            quantity=D(qty), move_date=day,
                            unit_cost=None if cost is None else D(cost), **ref)  # fmt: skip

        shipped = {"ref_type": "shipment", "ref_id": shipment.id}
        post("MUG-01", sz, "receipt", 100, EARLY, "4.00")
        post("CUP-02", sz, "receipt", 50, EARLY, "9.00")
        post("MUG-01", sz, "shipment_out", -60, EARLY + dt.timedelta(days=5), **shipped)
        post("MUG-01", la, "transfer_in", 60, EARLY + dt.timedelta(days=30), "5.00", **shipped)
        post("MUG-01", la, "sale", -45, TODAY - dt.timedelta(days=10))  # 1.5 a day: low
        post("CUP-02", sz, "shipment_out", -50, EARLY + dt.timedelta(days=6), **shipped)
        post("CUP-02", de, "transfer_in", 50, EARLY + dt.timedelta(days=31), "10.00", **shipped)
        post("CUP-02", de, "sale", -50, TODAY - dt.timedelta(days=50))  # sold out
        stock.adjust_in_transit(session, sku_id=ids["CUP-02"], warehouse_id=la.id, delta=D(20))
        for n in range(FILLERS):
            post(f"FILL-{n:03d}", sz, "receipt", 10 + n, TODAY - dt.timedelta(days=3), "1.50")
        return Stock(sz.id, la.id, de.id, ids, shipment.ref)
