"""Importing orders fulfilled from a warehouse takes their stock out, once, however often the
file is imported again."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from sqlalchemy import select

from desktop_app.core.db import Database
from desktop_app.core.models import Order, StockMove
from desktop_app.core.services import mapping, routing
from desktop_app.core.services.order_import import import_orders
from tests.unit import stock_flow_fixtures as fx

AMAZON = Path(__file__).parents[1] / "data" / "orders" / "amazon_all_orders.txt"


def _prepare(db: Database) -> tuple[int, int]:
    with db.transaction() as session:
        fba = fx.warehouse(session, "FBA-US", kind="fba")
        shop = fx.shop(session, "Amazon US")
        mug, lid = fx.sku(session, "MUG-350-BLU"), fx.sku(session, "CUP-LID-BLK")
        for item in (mug, lid):
            fx.receive(session, item, fba, 50, "12.00", dt.date(2024, 4, 1))
            mapping.map_platform_sku(session, shop.id, item.code, item.id)
        routing.create_rule(
            session,
            routing.RuleDraft(
                platform="amazon", shop_id=shop.id, fulfilment_channel="AFN",
                customs_mode="9810", fulfilment="platform", warehouse_id=fba.id,
            ),
        )  # fmt: skip
        return fba.id, mug.id


def _sales(db: Database) -> list[tuple[int, str, str]]:
    with db.sessions() as session:
        moves = session.scalars(select(StockMove).where(StockMove.kind == "sale"))
        return sorted((m.sku_id, str(m.quantity), str(m.move_date)) for m in moves)


def test_fba_orders_take_stock_once(db: Database) -> None:
    fba_id, mug_id = _prepare(db)
    first = import_orders(db, AMAZON, shop="Amazon US")
    sales = _sales(db)
    assert sales, "shipped FBA orders must take stock"
    assert first.details["stock_moves"] == len(sales)
    with db.sessions() as session:
        shipped = session.scalars(
            select(Order).where(Order.status.in_(("shipped", "delivered", "completed")))
        ).all()
        assert all(o.warehouse_id == fba_id for o in shipped if o.fulfilment_channel == "AFN")
    again = import_orders(db, AMAZON, shop="Amazon US")
    assert again.details["stock_moves"] == 0
    assert _sales(db) == sales
    # order 113-4625812-1187423: two mugs and a lid shipped from FBA; the pending and
    # cancelled orders take nothing
    assert sales == [(mug_id, "-2.00000", "2024-05-03"), (mug_id + 1, "-1.00000", "2024-05-03")]


def test_mapping_later_takes_the_stock_then(db: Database) -> None:
    with db.transaction() as session:
        fba = fx.warehouse(session, "FBA-US", kind="fba")
        shop = fx.shop(session, "Amazon US")
        mug = fx.sku(session, "MUG-350-BLU")
        fx.receive(session, mug, fba, 50, "12.00", dt.date(2024, 4, 1))
        routing.create_rule(
            session,
            routing.RuleDraft(
                platform="amazon", shop_id=shop.id, fulfilment_channel="AFN",
                customs_mode="9810", fulfilment="platform", warehouse_id=fba.id,
            ),
        )  # fmt: skip
        shop_id, mug_id = shop.id, mug.id
    import_orders(db, AMAZON, shop="Amazon US")
    assert _sales(db) == []  # nothing mapped yet: nothing to take
    with db.transaction() as session:
        mapping.map_platform_sku(session, shop_id, "MUG-350-BLU", mug_id)
    assert _sales(db) == [(mug_id, "-2.00000", "2024-05-03")]


def test_routing_by_hand_to_a_warehouse_takes_the_stock(db: Database) -> None:
    with db.transaction() as session:
        w = fx.warehouse(session, "3PL-US")
        shop = fx.shop(session, "Amazon US")
        mug = fx.sku(session, "MUG-350-BLU")
        fx.receive(session, mug, w, 50, "12.00", dt.date(2024, 4, 1))
        mapping.map_platform_sku(session, shop.id, "MUG-350-BLU", mug.id)
        w_id, mug_id = w.id, mug.id
    import_orders(db, AMAZON, shop="Amazon US")
    assert _sales(db) == []  # routed to the platform without a warehouse by default
    with db.transaction() as session:
        ids = list(session.scalars(select(Order.id)))
        routing.override_orders(session, ids, fulfilment="overseas_warehouse", warehouse_id=w_id)
    assert _sales(db) == [(mug_id, "-2.00000", "2024-05-03")]
    with db.transaction() as session:  # routing again changes nothing already taken
        routing.override_orders(session, ids, fulfilment="overseas_warehouse", warehouse_id=w_id)
    assert _sales(db) == [(mug_id, "-2.00000", "2024-05-03")]
