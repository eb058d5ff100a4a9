"""Replenishment: the reorder arithmetic, sales velocity, suggestions, rules, a draft shipment."""

from __future__ import annotations

import datetime as dt
import itertools
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop_app.core.errors import BadInput, ValidationFailed
from desktop_app.core.services import fulfilment, replenishment, stock
from desktop_app.core.services.replenishment import RuleValues, plan
from tests.unit import stock_flow_fixtures as fx

D = Decimal
TODAY = dt.date(2026, 3, 31)


# ---------------------------------------------------------------- arithmetic


def test_without_a_rule_the_lead_time_demand_is_the_reorder_point():
    result = plan(D(50), D(0), D(2), RuleValues())
    assert (result.reorder_point, result.reason) == (60, "lead_time")
    assert result.suggested_qty == 70, "60 for the lead time + 60 for 30 days of cover − 50"
    assert result.days_of_cover == D("25.0")
    assert plan(D(40), D(30), D(2), RuleValues()).suggested_qty == 0, "in transit counts"
    assert plan(D(40), D(20), D(2), RuleValues()).suggested_qty == 60


def test_a_reorder_point_and_quantity_from_the_rule():
    rule = RuleValues(reorder_point=D(20), reorder_quantity=D(100))
    assert plan(D(20), D(0), D(1), rule).suggested_qty == 100
    assert plan(D(21), D(0), D(1), rule).suggested_qty == 0
    result = plan(D(3), D(0), D(0), RuleValues(reorder_point=D(10)))
    assert (result.suggested_qty, result.reason, result.days_of_cover) == (7, "reorder_point", None)


def test_cover_and_lead_time_from_the_rule_and_rounding_up():
    rule = RuleValues(days_of_cover=60, lead_time_days=45)
    result = plan(D(10), D(0), D("0.3333"), rule)
    assert result.reorder_point == 15  # 14.9985 rounded up
    assert result.suggested_qty == 25  # 15 + 19.998 − 10 = 24.998 → 25


def test_nothing_sells_and_no_rule_means_nothing_to_send():
    assert plan(D(0), D(0), D(0), RuleValues()).suggested_qty == 0


def test_negative_stock_is_made_up():
    assert plan(D(-5), D(0), D(1), RuleValues()).suggested_qty == 65


@given(
    available=st.decimals(-100, 10_000, places=2),
    in_transit=st.decimals(0, 10_000, places=2),
    speed=st.decimals(0, 500, places=4),
    cover=st.integers(1, 365),
    lead=st.integers(0, 120),
)
def test_a_suggestion_is_whole_and_covers_the_target(available, in_transit, speed, cover, lead):
    rule = RuleValues(days_of_cover=cover, lead_time_days=lead)
    result = plan(available, in_transit, speed, rule)
    quantity = result.suggested_qty
    assert quantity >= 0 and quantity == quantity.to_integral_value()
    position = available + in_transit
    if quantity:
        assert position <= result.reorder_point
        assert position + quantity >= speed * (lead + cover)
    else:
        assert position > result.reorder_point or speed == 0


# ---------------------------------------------------------------- with the ledger


@pytest.fixture
def world(session):
    w = {
        "cn": fx.warehouse(session, "CN-SZ", kind="domestic", country="CHN"),
        "us": fx.warehouse(session, "US-3PL"),
        "uk": fx.warehouse(session, "UK-3PL", country="GBR"),
        "a": fx.sku(session, "A-001"),
        "b": fx.sku(session, "B-002"),
        "shop": fx.shop(session),
    }
    fx.receive(session, w["a"], w["cn"], 1000, "10.00", dt.date(2026, 1, 1))
    fx.receive(session, w["a"], w["us"], 100, "12.00", dt.date(2026, 1, 1))
    fx.receive(session, w["b"], w["us"], 40, "5.00", dt.date(2026, 1, 1))
    return w


_numbers = itertools.count(1)


def sell(session, world, sku, qty, day, status="shipped", warehouse="us"):
    when = dt.datetime.combine(day, dt.time(12), dt.UTC)
    return fx.order(
        session, world["shop"], f"O-{next(_numbers)}", [(sku, qty)], warehouse=world[warehouse],
        status=status, shipped=when, ordered=when,
    )  # fmt: skip


def test_velocity_from_sales_in_the_period(session, world):
    a, b = world["a"], world["b"]
    sell(session, world, a, 30, TODAY)
    sell(session, world, a, 30, TODAY - dt.timedelta(days=29))
    sell(session, world, a, 99 - 60, TODAY - dt.timedelta(days=30))  # before the period
    cancelled = sell(session, world, b, 6, TODAY - dt.timedelta(days=3))
    fulfilment.fulfil_orders(session, today=TODAY)
    cancelled.status = "cancelled"
    session.flush()
    fulfilment.fulfil_orders(session, today=TODAY)
    speeds = replenishment.velocity(session, days=30, today=TODAY)
    us = world["us"].id
    assert speeds == {(a.id, us): D(2)}, "the cancelled sale was reversed: it does not count"
    by_orders = replenishment.velocity(session, days=30, today=TODAY, basis="orders")
    assert by_orders == {(a.id, us): D(2)}
    with pytest.raises(BadInput):
        replenishment.velocity(session, days=0)
    with pytest.raises(BadInput):
        replenishment.velocity(session, basis="guess")


def test_suggestions_for_overseas_warehouses(session, world):
    a, b, us, uk = world["a"], world["b"], world["us"], world["uk"]
    sell(session, world, a, 90, TODAY - dt.timedelta(days=5))  # 3 a day; 10 left
    sell(session, world, b, 3, TODAY - dt.timedelta(days=5))  # 0.1 a day; 37 left: fine
    fulfilment.fulfil_orders(session, today=TODAY)
    stock.adjust_in_transit(session, sku_id=a.id, warehouse_id=us.id, delta=D(20))
    replenishment.set_rule(session, b.id, uk.id, reorder_point=D(5), reorder_quantity=D(50))
    found = replenishment.suggestions(session, today=TODAY)
    assert [(s.sku_code, s.warehouse_code) for s in found] == [
        ("A-001", "US-3PL"), ("B-002", "UK-3PL")
    ], "most urgent first; the domestic warehouse is not replenished"  # fmt: skip
    first = found[0]
    assert (first.on_hand, first.in_transit, first.velocity_per_day) == (10, 20, D(3))
    assert (first.days_of_cover, first.reorder_point, first.suggested_qty) == (D(10), 90, 150)
    assert first.reason == "lead_time" and "30-day lead time" in first.detail
    second = found[1]
    assert (second.on_hand, second.suggested_qty, second.reason) == (0, 50, "reorder_point")
    assert second.days_of_cover is None
    only_uk = replenishment.suggestions(session, uk.id, today=TODAY)
    assert [s.sku_code for s in only_uk] == ["B-002"]


def test_rules_are_upserted_checked_and_deleted(session, world):
    a, us = world["a"], world["us"]
    rule = replenishment.set_rule(session, a.id, us.id, days_of_cover=45, lead_time_days=40)
    again = replenishment.set_rule(session, a.id, us.id, reorder_point=D(10))
    assert again.id == rule.id and (again.days_of_cover, again.reorder_point) == (None, 10)
    assert [r.sku_id for r in replenishment.list_rules(session, us.id)] == [a.id]
    with pytest.raises(ValidationFailed) as caught:
        replenishment.set_rule(
            session, a.id, 999, reorder_point=-1.0, reorder_quantity=D(0),  # type: ignore[arg-type]
            days_of_cover=0, lead_time_days=-3,
        )  # fmt: skip
    fields = [p.field for p in caught.value.problems]
    assert fields == [
        "warehouse_id", "reorder_point", "reorder_quantity", "days_of_cover", "lead_time_days"
    ]  # fmt: skip
    assert replenishment.delete_rule(session, a.id, us.id)
    assert not replenishment.delete_rule(session, a.id, us.id)


def test_suggestions_become_a_draft_shipment(session, world):
    a, b, us = world["a"], world["b"], world["us"]
    replenishment.set_rule(session, a.id, us.id, reorder_point=D(200), reorder_quantity=D(120))
    replenishment.set_rule(session, b.id, us.id, reorder_point=D(50), reorder_quantity=D(60))
    chosen = replenishment.suggestions(session, us.id, today=TODAY)
    shipment = replenishment.suggestions_to_shipment(session, chosen, world["cn"].id)
    assert shipment.status == "draft"
    assert (shipment.origin_warehouse_id, shipment.destination_warehouse_id) == (
        world["cn"].id, us.id
    )  # fmt: skip
    assert {(line.sku_id, line.quantity) for line in shipment.lines} == {(a.id, 120), (b.id, 60)}
    assert {line.sku_id: line.unit_cost for line in shipment.lines}[a.id] == D("10.00")
    with pytest.raises(BadInput, match="nothing to ship"):
        replenishment.suggestions_to_shipment(session, [], world["cn"].id)
    replenishment.set_rule(session, a.id, world["uk"].id, reorder_point=D(1))
    mixed = replenishment.suggestions(session, today=TODAY)
    with pytest.raises(BadInput, match="several warehouses"):
        replenishment.suggestions_to_shipment(session, mixed, world["cn"].id)
