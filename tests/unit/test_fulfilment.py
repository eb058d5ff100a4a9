"""Orders fulfilled from overseas warehouses: sales once, reversals, returns, refusals."""

from __future__ import annotations

import datetime as dt
import itertools
import time
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop_app.core import settings as app_settings
from desktop_app.core.models import Order, OrderLine
from desktop_app.core.models.orders import ORDER_STATUSES
from desktop_app.core.services import check, fulfilment, stock
from tests.unit import stock_flow_fixtures as fx

D = Decimal
DAY0 = dt.date(2026, 3, 1)
TODAY = dt.date(2026, 3, 20)


@pytest.fixture
def world(session):
    """A US 3PL with two SKUs on hand, an FBA warehouse, a domestic one and a shop."""
    w = {
        "us": fx.warehouse(session, "US-3PL"),
        "fba": fx.warehouse(session, "FBA-US", kind="fba"),
        "cn": fx.warehouse(session, "CN-SZ", kind="domestic", country="CHN"),
        "a": fx.sku(session, "A-001"),
        "b": fx.sku(session, "B-002"),
        "shop": fx.shop(session),
    }
    fx.receive(session, w["a"], w["us"], 10, "12.50", DAY0)
    fx.receive(session, w["b"], w["us"], 5, "3.00", DAY0)
    return w


def run(session, ids=None):
    return fulfilment.fulfil_orders(session, ids, today=TODAY)


def test_a_shipped_order_sells_each_line_once_dated_the_ship_day(session, world):
    o = fx.order(session, world["shop"], "111-1", [(world["a"], 2), (world["b"], 1)],
                 warehouse=world["us"])  # fmt: skip
    result = run(session, [o.id])
    assert (result.orders, result.sales, result.already) == (1, 2, 0)
    sales = fx.moves(session, kind="sale")
    assert [(m.ref_type, m.ref_id) for m in sales] == [("order_line", line.id) for line in o.lines]
    assert {m.move_date for m in sales} == {dt.date(2026, 3, 10)}
    assert sales[0].quantity == -2 and sales[0].value == D("-25.00")
    assert sales[0].note == "111-1 #1"
    assert fx.on_hand(session, world["a"], world["us"]) == 8
    assert fx.on_hand(session, world["b"], world["us"]) == 4

    again = run(session, [o.id])
    assert (again.sales, again.already, again.move_ids) == (0, 2, [])
    everything = run(session)
    assert (everything.sales, everything.already) == (0, 2)
    assert fx.on_hand(session, world["a"], world["us"]) == 8


def test_without_a_ship_time_the_order_date_is_used(session, world):
    o = fx.order(session, world["shop"], "111-2", [(world["a"], 1)], warehouse=world["us"],
                 shipped=None)  # fmt: skip
    run(session, [o.id])
    assert fx.moves(session, kind="sale")[0].move_date == dt.date(2026, 3, 9)


def test_only_shipped_orders_from_a_warehouse_move_stock(session, world):
    shop, a, us = world["shop"], world["a"], world["us"]
    ignored = [
        fx.order(session, shop, "paid", [(a, 1)], warehouse=us, status="paid"),
        fx.order(session, shop, "pending", [(a, 1)], warehouse=us, status="pending"),
        fx.order(session, shop, "direct", [(a, 1)], warehouse=us, fulfilment="china_direct"),
        fx.order(session, shop, "nowhere", [(a, 1)], warehouse=None),
        fx.order(session, shop, "cancelled", [(a, 1)], warehouse=us, status="cancelled"),
    ]
    result = run(session, [o.id for o in ignored])
    assert (result.sales, result.move_ids) == (0, [])
    assert result.orders == 1, "the cancelled order is looked at (it might need a reversal)"
    for status in ("delivered", "completed"):
        fx.order(session, shop, status, [(a, 1)], warehouse=us, status=status)
    assert run(session).sales == 2


def test_fba_orders_sell_from_the_fba_warehouse(session, world):
    fx.receive(session, world["a"], world["fba"], 3, "15.00", DAY0)
    fx.order(session, world["shop"], "fba-1", [(world["a"], 2)], warehouse=world["fba"],
             fulfilment="platform")  # fmt: skip
    assert run(session).sales == 1
    assert fx.on_hand(session, world["a"], world["fba"]) == 1


def test_cancelled_after_the_sale_reverses_it_once(session, world):
    o = fx.order(session, world["shop"], "222-1", [(world["a"], 3)], warehouse=world["us"])
    run(session, [o.id])
    o.status = "cancelled"  # what a re-import of the order does
    session.flush()
    result = run(session, [o.id])
    assert (result.reversals, result.sales, result.returns) == (1, 0, 0)
    sale = fx.moves(session, kind="sale")[0]
    (reversal,) = fx.moves(session, kind="reversal")
    assert reversal.reverses_move_id == sale.id and reversal.quantity == 3
    assert reversal.move_date == TODAY
    assert fx.on_hand(session, world["a"], world["us"]) == 10
    assert (run(session, [o.id]).reversals, run(session).reversals) == (0, 0)
    assert len(fx.moves(session, kind="reversal")) == 1


def test_refunded_after_the_sale_returns_the_goods_at_the_sale_cost(session, world):
    o = fx.order(session, world["shop"], "333-1", [(world["a"], 2)], warehouse=world["us"])
    run(session, [o.id])
    fx.receive(session, world["a"], world["us"], 8, "20.00", dt.date(2026, 3, 15))
    o.status = "refunded"
    session.flush()
    result = run(session, [o.id])
    assert (result.returns, result.reversals) == (1, 0)
    (back,) = fx.moves(session, kind="customer_return")
    assert (back.quantity, back.unit_cost, back.value) == (2, D("12.50"), D("25.00"))
    assert (back.ref_type, back.ref_id, back.move_date) == ("order_line", o.lines[0].id, TODAY)
    assert fx.on_hand(session, world["a"], world["us"]) == 18
    o.status = "returned"
    session.flush()
    assert run(session).returns == 0, "refunded then returned: the goods came back once"


def test_moves_reversed_by_hand_stay_reversed(session, world):
    refunded = fx.order(session, world["shop"], "333-2", [(world["a"], 1)], warehouse=world["us"])
    sold = fx.order(session, world["shop"], "333-3", [(world["b"], 1)], warehouse=world["us"])
    run(session)
    refunded.status = "refunded"
    session.flush()
    run(session)
    (back,) = fx.moves(session, kind="customer_return")
    stock.reverse_move(session, back.id, note="refund without return")
    stock.reverse_move(session, fx.moves(session, kind="sale", sku_id=world["b"].id)[0].id)
    again = run(session)
    assert (again.move_ids, again.already) == ([], 2)
    assert sold.status == "shipped"


def test_an_order_first_seen_cancelled_or_refunded_moves_nothing(session, world):
    for status in ("cancelled", "refunded", "returned"):
        fx.order(session, world["shop"], status, [(world["a"], 1)], warehouse=world["us"],
                 status=status)  # fmt: skip
    result = run(session)
    assert (result.orders, result.move_ids) == (3, [])


def test_negative_stock_blocked_refuses_the_whole_order(session, world):
    shop, a, b, us = world["shop"], world["a"], world["b"], world["us"]
    short = fx.order(session, shop, "444-1", [(a, 1), (b, 6)], warehouse=us)
    fine = fx.order(session, shop, "444-2", [(a, 1)], warehouse=us)
    result = run(session, [short.id, fine.id])
    assert result.sales == 1
    assert [(n.platform_order_id, n.line_no) for n in result.refused] == [
        ("444-1", 1), ("444-1", 2)
    ]  # fmt: skip
    assert "B-002" in result.refused[1].reason and "US-3PL" in result.refused[1].reason
    assert result.refused[0].reason.startswith("held back with line 2")
    assert fx.on_hand(session, a, us) == 9, "line 1 of the refused order was not posted"
    assert fx.on_hand(session, b, us) == 5

    fx.receive(session, b, us, 1, "3.00", dt.date(2026, 3, 2))
    retry = run(session)
    assert (retry.sales, retry.refused, retry.already) == (2, [], 1)
    assert (fx.on_hand(session, a, us), fx.on_hand(session, b, us)) == (8, 0)


def test_negative_stock_with_warn_posts_and_warns(session, world):
    app_settings.put(session, "stock.negative", "warn")
    fx.order(session, world["shop"], "555-1", [(world["b"], 7)], warehouse=world["us"])
    result = run(session)
    assert (result.sales, result.refused) == (1, [])
    assert result.warnings
    assert fx.on_hand(session, world["b"], world["us"]) == -2


def test_period_lock_refuses_back_dated_sales(session, world):
    app_settings.put(session, "stock.period_lock", "2026-03-10")
    o = fx.order(session, world["shop"], "666-1", [(world["a"], 1)], warehouse=world["us"])
    result = run(session, [o.id])
    assert result.sales == 0 and len(result.refused) == 1
    assert "2026-03-10" in result.refused[0].reason


def test_unmapped_lines_are_reported_and_post_once_mapped(session, world):
    o = fx.order(session, world["shop"], "777-1", [(world["a"], 1), (None, 2)],
                 warehouse=world["us"])  # fmt: skip
    result = run(session, [o.id])
    assert result.sales == 1
    assert [(n.line_no, n.platform_sku) for n in result.unmapped] == [(2, "P-777-1-2")]
    line = o.lines[1]
    line.sku_id, line.sku_quantity = world["b"].id, D(2)  # mapping.map does this in bulk
    session.flush()
    later = run(session, [o.id])
    assert (later.sales, later.already, later.unmapped) == (1, 1, [])
    assert fx.on_hand(session, world["b"], world["us"]) == 3


def test_a_line_remapped_after_its_sale_is_reversed_and_sold_again(session, world):
    o = fx.order(session, world["shop"], "888-1", [(world["a"], 2)], warehouse=world["us"])
    run(session, [o.id])
    line = o.lines[0]
    line.sku_id, line.sku_quantity = world["b"].id, D(4)  # the mapping was wrong: 2 × 2-pack
    session.flush()
    result = run(session, [o.id])
    assert (result.reversals, result.corrected, result.sales) == (1, 1, 1)
    (reversal,) = fx.moves(session, kind="reversal")
    assert reversal.move_date == dt.date(2026, 3, 10), "the history at the ship day is put right"
    assert fx.on_hand(session, world["a"], world["us"]) == 10
    assert fx.on_hand(session, world["b"], world["us"]) == 1
    assert run(session, [o.id]).move_ids == []


def test_a_correction_the_ledger_refuses_keeps_the_old_sale(session, world):
    o = fx.order(session, world["shop"], "888-2", [(world["a"], 2)], warehouse=world["us"])
    run(session, [o.id])
    line = o.lines[0]
    line.sku_id, line.sku_quantity = world["b"].id, D(6)  # only 5 of B on hand
    session.flush()
    result = run(session, [o.id])
    assert [(n.line_no, n.reason.startswith("SKU B-002")) for n in result.refused] == [(1, True)]
    assert fx.moves(session, kind="reversal") == []
    assert fx.on_hand(session, world["a"], world["us"]) == 8


def test_the_ledger_stays_equal_to_the_balances(session, world):
    shop, a, b, us = world["shop"], world["a"], world["b"], world["us"]
    orders = [fx.order(session, shop, f"9-{n}", [(a, 1), (b, 1)], warehouse=us) for n in range(4)]
    run(session)
    orders[0].status, orders[1].status = "cancelled", "returned"
    session.flush()
    run(session)
    session.flush()
    assert check._stock_balances(session).ok
    assert fx.on_hand(session, a, us) == 8


def test_many_orders_in_bulk(session, world):
    fx.receive(session, world["a"], world["us"], 5000, "12.50", DAY0)
    o_table, l_table = Order.__table__, OrderLine.__table__
    when = dt.datetime(2026, 3, 10, tzinfo=dt.UTC)
    session.execute(o_table.insert(), [
        {"id": 1000 + n, "shop_id": world["shop"].id, "platform_order_id": f"B-{n}",
         "status": "shipped", "ordered_at": when, "shipped_at": when, "currency": "USD",
         "fulfilment": "overseas_warehouse", "warehouse_id": world["us"].id,
         "shipping_amount": D(0), "tax_amount": D(0), "discount_amount": D(0),
         "platform_fees": D(0), "ship_country": "USA", "created_at": when, "updated_at": when}
        for n in range(2000)
    ])  # fmt: skip
    session.execute(l_table.insert(), [
        {"id": 5000 + n, "order_id": 1000 + n, "line_no": 1, "platform_sku": "P",
         "sku_id": world["a"].id, "quantity": D(1), "sku_quantity": D(1), "discount": D(0),
         "tax": D(0)}
        for n in range(2000)
    ])  # fmt: skip
    started = time.perf_counter()
    result = run(session)
    elapsed = time.perf_counter() - started
    assert result.sales == 2000
    assert fx.on_hand(session, world["a"], world["us"]) == 3010
    started = time.perf_counter()
    assert run(session).already == 2000
    assert time.perf_counter() - started < elapsed, "a re-run only reads"


_example = itertools.count()


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])  # fmt: skip
@given(statuses=st.lists(st.sampled_from(ORDER_STATUSES), min_size=1, max_size=6))
def test_any_status_history_moves_an_order_at_most_once(session, world, statuses):
    a, us = world["a"], world["us"]
    if fx.on_hand(session, a, us) < 100:
        fx.receive(session, a, us, 10**6, "1.00", DAY0)
    o = fx.order(session, world["shop"], f"H-{next(_example)}", [(a, 3)], warehouse=us)
    start = fx.on_hand(session, a, us)
    for status in statuses:
        o.status = status
        session.flush()
        run(session, [o.id])
        moved = fx.on_hand(session, a, us) - start
        assert moved in (0, -3)
        line_moves = fx.moves(session, ref_type="order_line", ref_id=o.lines[0].id)
        assert sum(m.kind == "sale" for m in line_moves) <= 1
        assert sum(m.kind != "sale" for m in line_moves) <= 1
    assert run(session, [o.id]).move_ids == []
    assert check._stock_balances(session).ok
