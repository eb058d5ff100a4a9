"""The Stock screen's queries: position ids, rows, filters, sorting, valuation at a date, totals."""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal as D

import pytest

from desktop_app.core.models import Sku
from desktop_app.core.services import position_query as pq
from desktop_app.core.services import replenishment, stock, stock_query, warehouses
from desktop_app.core.services.position_query import StockFilters

TODAY = dt.date(2026, 3, 31)


def _sku(session, code: str, name: str) -> Sku:
    sku = Sku(code=code, name_cn=name, name_en=f"{name} en", purchase_price=D("5"))
    session.add(sku)
    session.flush()
    return sku


def _move(session, sku, wh, kind, qty, day, cost=None):
    return stock.post_move(
        session, sku_id=sku.id, warehouse_id=wh.id, kind=kind, quantity=D(qty), move_date=day,
        unit_cost=None if cost is None else D(cost),
    )  # fmt: skip


@pytest.fixture
def place(session):
    """Three SKUs in a domestic and two overseas warehouses, with sales in the last 30 days."""
    sz = warehouses.create_warehouse(session, code="CN-SZ", name="Shenzhen", kind="domestic",
                                     country="CHN")  # fmt: skip
    la = warehouses.create_warehouse(session, code="US-LA", name="LA", kind="overseas_3pl",
                                     country="USA", currency="USD")  # fmt: skip
    de = warehouses.create_warehouse(session, code="DE-FBA", name="Germany", kind="fba",
                                     country="DEU", currency="EUR")  # fmt: skip
    mug = _sku(session, "MUG-01", "陶瓷杯")
    cup = _sku(session, "CUP-02", "保温杯")
    bag = _sku(session, "BAG-03", "收纳袋")
    _move(session, mug, sz, "receipt", 100, dt.date(2026, 1, 5), "4.20")
    _move(session, mug, la, "transfer_in", 40, dt.date(2026, 1, 20), "6.50")
    _move(session, mug, la, "sale", -30, dt.date(2026, 3, 20))  # 1 a day: 10 left, low
    _move(session, cup, la, "transfer_in", 500, dt.date(2026, 2, 1), "9.00")
    _move(session, cup, la, "sale", -15, dt.date(2026, 3, 25))  # 0.5 a day: 970 days
    _move(session, cup, de, "transfer_in", 10, dt.date(2026, 2, 1), "9.10")
    _move(session, cup, de, "sale", -10, dt.date(2026, 2, 10))  # sold out before the window
    _move(session, bag, sz, "receipt", 7, dt.date(2026, 3, 1), "1.10")
    stock.adjust_in_transit(session, sku_id=bag.id, warehouse_id=la.id, delta=D(20))
    return session, {"sz": sz, "la": la, "de": de}, {"mug": mug, "cup": cup, "bag": bag}


def _ids(session, text="", sort=pq.DEFAULT_SORT, **filters):
    return list(pq.stock_ids(session, text, StockFilters(today=TODAY, **filters), sort))


def _labels(session, ids, as_of=None):
    return [
        f"{r.sku_code}@{r.warehouse_code}"
        for r in pq.stock_rows(session, ids, as_of=as_of, today=TODAY)
    ]


def test_position_ids_encode_sku_and_warehouse():
    assert pq.split_position_id(pq.position_id(123_456, 7)) == (123_456, 7)
    assert pq.position_id(1, 2) != pq.position_id(2, 1)


def test_every_position_by_sku_code_then_warehouse(place):
    session, _w, _s = place
    ids = _ids(session)
    assert _labels(session, ids) == [
        "BAG-03@CN-SZ", "BAG-03@US-LA", "CUP-02@DE-FBA", "CUP-02@US-LA", "MUG-01@CN-SZ",
        "MUG-01@US-LA",
    ]  # fmt: skip
    assert list(pq.stock_ids(session, limit=2)) == ids[:2]
    assert _labels(session, _ids(session, sort=("sku_code", False)))[0] == "MUG-01@US-LA"


def test_rows_carry_the_stored_figures_velocity_and_cover(place):
    session, w, s = place
    rows = {r.sku_code + "@" + r.warehouse_code: r for r in pq.stock_rows(
        session, _ids(session), today=TODAY)}  # fmt: skip
    mug = rows["MUG-01@US-LA"]
    assert (mug.on_hand, mug.value, mug.unit_cost) == (D(10), D("65.00"), D("6.5"))
    assert mug.velocity == D(1)
    assert mug.days_of_cover == D(10)
    assert mug.low and not mug.historical
    cup = rows["CUP-02@US-LA"]
    assert (cup.velocity, cup.days_of_cover, cup.low) == (D("0.5"), D("970.0"), False)
    bag = rows["BAG-03@US-LA"]
    assert (bag.on_hand, bag.in_transit, bag.available, bag.unit_cost) == (0, 20, 0, 0)
    assert bag.days_of_cover is None and not bag.low
    balance = stock.get_balance(session, s["mug"].id, w["la"].id)
    assert mug.available == balance.available


def test_velocity_and_low_stock_agree_with_replenishment(place):
    session, w, _s = place
    speeds = replenishment.velocity(session, days=pq.VELOCITY_DAYS, today=TODAY)
    suggested = {
        pq.position_id(x.sku_id, x.warehouse_id)
        for x in replenishment.suggestions(session, days=pq.VELOCITY_DAYS, today=TODAY)
    }
    rows = pq.stock_rows(session, _ids(session), today=TODAY)
    for row in rows:
        assert row.velocity == speeds.get((row.sku_id, row.warehouse_id), D(0))
        if row.warehouse_id != w["sz"].id:  # replenishment only stocks overseas warehouses
            assert row.low == (row.id in suggested)
    assert _ids(session, low_only=True) == [r.id for r in rows if r.low]


def test_low_stock_in_sql_matches_the_plan_for_many_positions(place):
    """Reorder points, quantities, covers and lead times of every kind: SQL and Python agree."""
    session, w, _s = place
    rng = random.Random(7)
    for n in range(60):
        sku = _sku(session, f"R-{n:03d}", f"商品{n}")
        wh = w["la"] if n % 2 else w["de"]
        received = rng.randint(1, 80)
        _move(session, sku, wh, "transfer_in", received, dt.date(2026, 1, 2), "3.00")
        for _ in range(rng.randint(0, 3)):
            sold = min(rng.randint(1, 9), received)
            if sold:
                received -= sold
                day = TODAY - dt.timedelta(days=rng.randint(0, 40))
                _move(session, sku, wh, "sale", -sold, day)
        if rng.random() < 0.5:
            stock.adjust_in_transit(session, sku_id=sku.id, warehouse_id=wh.id,
                                    delta=D(rng.randint(0, 30)))  # fmt: skip
        if rng.random() < 0.6:
            replenishment.set_rule(
                session, sku.id, wh.id,
                reorder_point=rng.choice([None, D(0), D(rng.randint(1, 60))]),
                reorder_quantity=rng.choice([None, D(rng.randint(1, 60))]),
                days_of_cover=rng.choice([None, rng.randint(1, 90)]),
                lead_time_days=rng.randint(0, 60),
            )  # fmt: skip
    rows = pq.stock_rows(session, _ids(session), today=TODAY)
    assert any(r.low for r in rows) and not all(r.low for r in rows)
    assert _ids(session, low_only=True) == [r.id for r in rows if r.low]


def test_filters_warehouse_search_and_only_with_stock(place):
    session, w, _s = place
    assert _labels(session, _ids(session, warehouse_id=w["la"].id)) == [
        "BAG-03@US-LA", "CUP-02@US-LA", "MUG-01@US-LA",
    ]  # fmt: skip
    assert _labels(session, _ids(session, "mug")) == ["MUG-01@CN-SZ", "MUG-01@US-LA"]
    assert _labels(session, _ids(session, "保温")) == ["CUP-02@DE-FBA", "CUP-02@US-LA"]
    assert _labels(session, _ids(session, "cup la")) == []  # every word must match
    in_stock = _labels(session, _ids(session, in_stock_only=True))
    assert "CUP-02@DE-FBA" not in in_stock  # sold out
    assert "BAG-03@US-LA" in in_stock  # nothing on hand, but 20 in transit


def test_sorting_by_figures(place):
    session, _w, _s = place
    by_value = pq.stock_rows(session, _ids(session, sort=("value", False)), today=TODAY)
    assert [r.value for r in by_value] == sorted((r.value for r in by_value), reverse=True)
    by_cover = pq.stock_rows(session, _ids(session, sort=("days_of_cover", True)), today=TODAY)
    covers = [r.days_of_cover for r in by_cover]
    assert covers[:2] == [D(10), D("970.0")] and set(covers[2:]) == {None}
    for key in pq.SORT_KEYS:
        for ascending in (True, False):
            assert len(_ids(session, sort=(key, ascending))) == 6
    with pytest.raises(ValueError):
        _ids(session, sort=("colour", True))


def test_valuation_at_a_past_date_matches_the_ledger(place):
    session, _w, _s = place
    day = dt.date(2026, 2, 5)
    expected = {
        f"{p.sku_code}@{p.warehouse_code}": (p.on_hand, p.value)
        for p in stock_query.positions(session, as_of=day)
    }
    ids = _ids(session, as_of=day, in_stock_only=True)
    rows = pq.stock_rows(session, ids, as_of=day, today=TODAY)
    assert {f"{r.sku_code}@{r.warehouse_code}": (r.on_hand, r.value) for r in rows} == expected
    assert all(r.historical and r.in_transit == 0 for r in rows)
    assert "CUP-02@DE-FBA" in expected  # 10 there on 5 February, sold out since
    every = _ids(session, as_of=day)
    assert len(every) == 6  # without "only with stock": every position, some at zero
    by_value = pq.stock_rows(session, _ids(session, as_of=day, sort=("value", False)),
                             as_of=day, today=TODAY)  # fmt: skip
    assert by_value[0].value == max(v for _q, v in expected.values())


def test_totals_now_and_at_a_date(place):
    session, w, _s = place
    totals = pq.stock_totals(session, filters=StockFilters(today=TODAY))
    every = stock_query.stock_totals(session)
    assert totals.positions == 6
    assert totals.on_hand == D(every["on_hand_units"])
    assert totals.in_transit == D(every["in_transit_units"])
    assert totals.value == D(every["value_cny"])
    la = pq.stock_totals(session, "cup", StockFilters(warehouse_id=w["la"].id))
    assert (la.positions, la.on_hand, la.value) == (1, D(485), D("4365.00"))
    day = dt.date(2026, 2, 5)
    positions = stock_query.positions(session, as_of=day)
    for in_stock in (False, True):
        past = pq.stock_totals(session, filters=StockFilters(as_of=day, in_stock_only=in_stock))
        assert past.on_hand == sum(p.on_hand for p in positions)
        assert past.value == sum(p.value for p in positions)
        assert past.in_transit == 0
    searched = pq.stock_totals(session, "cup", StockFilters(as_of=day))
    assert searched.on_hand == sum(p.on_hand for p in positions if p.sku_code == "CUP-02")


def test_rows_of_positions_gone_are_left_out(place):
    session, _w, _s = place
    ids = _ids(session)
    assert [r.id for r in pq.stock_rows(session, [ids[1], 999 * pq.WAREHOUSE_SPAN + 1])] == [ids[1]]


def test_warehouse_choices(place):
    session, _w, _s = place
    assert [code for _i, code, _n, _a in pq.warehouse_choices(session)] == [
        "CN-SZ", "DE-FBA", "US-LA",
    ]  # fmt: skip
