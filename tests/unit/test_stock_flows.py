"""The whole overseas-warehouse flow: suggestion → shipment → receipt → sales → stocktake."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

from desktop_app.core.models import Order
from desktop_app.core.services import (
    check,
    fulfilment,
    replenishment,
    shipments,
    stock,
    stocktake,
)
from tests.unit import stock_flow_fixtures as fx

D = Decimal
DAY = dt.date(2026, 4, 1)


def at(day: int, hour: int = 12) -> dt.datetime:
    return dt.datetime.combine(DAY + dt.timedelta(days=day), dt.time(hour), dt.UTC)


def test_replenish_ship_receive_sell_return_and_count(db, tmp_path: Path):
    with db.transaction() as session:
        cn, us = fx.warehouse(session, "CN-SZ", "domestic", "CHN"), fx.warehouse(session, "US-3PL")
        a, shop = fx.sku(session, "A-001"), fx.shop(session)
        fx.receive(session, a, cn, 100, "10.00", DAY)
        replenishment.set_rule(session, a.id, us.id, reorder_point=D(20), reorder_quantity=D(60))
        (wanted,) = replenishment.suggestions(session, today=DAY)
        assert (wanted.warehouse_code, wanted.suggested_qty) == ("US-3PL", 60)
        draft = replenishment.suggestions_to_shipment(session, [wanted], cn.id)
        shipments.update_shipment(session, draft.id, allocation_basis="quantity")
        shipments.set_costs(session, draft.id, [shipments.CostDraft("freight", D("120.00"))])
        shipments.ship(session, draft.id, DAY + dt.timedelta(days=1))
        assert replenishment.suggestions(session, today=DAY) == [], "60 in transit covers it"
        shipments.receive(session, draft.id, None, DAY + dt.timedelta(days=20))
        assert stock.unit_cost(session, a.id, us.id) == D("12.00"), "10.00 + 120.00 / 60 freight"
        ids = [
            fx.order(session, shop, f"O-{n}", [(a, 5)], warehouse=us, shipped=at(21 + n)).id
            for n in range(4)
        ]
    with db.transaction() as session:
        first = fulfilment.fulfil_orders(session, ids, today=DAY + dt.timedelta(days=30))
        assert (first.sales, first.refused) == (4, [])
        assert fx.on_hand(session, a, us) == 40
    with db.transaction() as session:  # the next import: one refunded, one cancelled
        orders = {o.platform_order_id: o for o in (session.get(Order, i) for i in ids)}
        orders["O-0"].status, orders["O-1"].status = "refunded", "cancelled"
        session.flush()
        later = fulfilment.fulfil_orders(session, ids, today=DAY + dt.timedelta(days=30))
        assert (later.sales, later.returns, later.reversals, later.already) == (0, 1, 1, 2)
        assert fx.on_hand(session, a, us) == 50
        assert fulfilment.fulfil_orders(session, ids).move_ids == []
        speed = replenishment.velocity(session, days=30, today=DAY + dt.timedelta(days=30))
        assert speed == {(a.id, us.id): D("0.5")}, "15 units sold (the cancelled one reversed)"
    with db.transaction() as session:
        count_day = DAY + dt.timedelta(days=31)
        take = stocktake.create_stocktake(session, us.id, count_day)
        sheet = tmp_path / "count.xlsx"
        stocktake.export_count_sheet(session, take.id, sheet)
        stocktake.import_counts(session, take.id, _fill(sheet, 48))
        posted = stocktake.post_stocktake(session, take.id)
        assert (posted.losses, posted.units_lost, posted.value) == (1, 2, D("-24.00"))
        (row,) = stock.positions(session, warehouse_id=us.id, as_of=count_day)
        assert (row.on_hand, row.value) == (48, D("576.00"))
    results = check.run_checks(db)
    assert all(r.ok for r in results), [r for r in results if not r.ok]


def _fill(sheet: Path, counted: int) -> Path:
    from openpyxl import load_workbook

    book = load_workbook(sheet)
    book.active["E3"] = counted
    book.save(sheet)
    return sheet
