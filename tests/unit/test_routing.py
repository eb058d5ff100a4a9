"""Order routing: rules by shop, channel and country, the built-in defaults, overrides by hand."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from desktop_app.core.errors import BadInput, ValidationFailed
from desktop_app.core.models import AuditEvent, Order
from desktop_app.core.services import routing
from desktop_app.core.services.routing import RuleDraft
from tests.unit import order_fixtures as fx


@pytest.fixture
def world(session):
    """Warehouses and shops like a real seller's: Amazon US on FBA, Amazon JP, Shopee."""
    w = {
        "sz": fx.warehouse(session, "SZ", "domestic", "CHN"),
        "us_fba": fx.warehouse(session, "US-FBA", "fba", "USA"),
        "jp_fba": fx.warehouse(session, "JP-FBA", "fba", "JPN"),
        "us_3pl": fx.warehouse(session, "US-3PL", "overseas_3pl", "USA"),
    }
    w["amazon_us"] = fx.shop(session, "amazon", "Amazon US", "USA", w["us_fba"])
    w["amazon_jp"] = fx.shop(session, "amazon", "Amazon JP", "JPN", w["sz"])
    w["shopee"] = fx.shop(session, "shopee", "Shopee MY", "MYS", w["sz"])
    return w


def routed(session, order):
    session.refresh(order)
    return order.customs_mode, order.fulfilment, order.warehouse_id


def test_defaults_without_rules(session, world):
    afn_us = fx.order(session, world["amazon_us"], "A1", channel="AFN")
    afn_jp = fx.order(session, world["amazon_jp"], "A2", channel="afn", country="JPN")
    mfn = fx.order(session, world["amazon_us"], "A3", channel="MFN")
    from_3pl = fx.order(session, world["amazon_us"], "A4", channel="MFN",
                        fulfilment="overseas_warehouse")  # fmt: skip
    b2b = fx.order(session, world["shopee"], "S1", fulfilment="b2b")
    retail = fx.order(session, world["shopee"], "S2")
    assert routing.route_orders(session) == 6
    assert routed(session, afn_us) == ("9810", "platform", world["us_fba"].id)
    # Amazon JP's default warehouse is in China: its FBA warehouse is found by country
    assert routed(session, afn_jp) == ("9810", "platform", world["jp_fba"].id)
    assert routed(session, mfn) == ("9610", "china_direct", None)
    assert routed(session, from_3pl) == ("9810", "overseas_warehouse", None)
    assert routed(session, b2b) == ("9710", "b2b", None)
    assert routed(session, retail) == ("9610", "china_direct", None)
    assert routing.route_orders(session) == 0  # nothing left to change


def test_the_most_specific_rule_wins(session, world):
    us = world["amazon_us"]
    rule = routing.create_rule
    rule(session, RuleDraft("amazon", "0110", "china_direct"))
    rule(session, RuleDraft("amazon", "9610", "china_direct", ship_country="CAN"))
    rule(session, RuleDraft("amazon", "9810", "overseas_warehouse", fulfilment_channel="MFN",
                            warehouse_id=world["us_3pl"].id))  # fmt: skip
    rule(session, RuleDraft("amazon", "9710", "b2b", shop_id=world["amazon_jp"].id))
    plain = fx.order(session, us, "A1", channel="XYZ")
    canada = fx.order(session, us, "A2", channel="XYZ", country="CAN")
    mfn_canada = fx.order(session, us, "A3", channel="MFN", country="CAN")  # channel > country
    jp = fx.order(session, world["amazon_jp"], "J1", channel="MFN", country="CAN")  # shop first
    shopee = fx.order(session, world["shopee"], "S1")  # no rule for Shopee: the default
    assert routing.route_orders(session) == 5
    assert routed(session, plain) == ("0110", "china_direct", None)
    assert routed(session, canada) == ("9610", "china_direct", None)
    assert routed(session, mfn_canada) == ("9810", "overseas_warehouse", world["us_3pl"].id)
    assert routed(session, jp) == ("9710", "b2b", None)
    assert routed(session, shopee) == ("9610", "china_direct", None)


def test_a_rule_without_a_warehouse_keeps_the_orders_own(session, world):
    routing.create_rule(session, RuleDraft("shopee", "9810", "overseas_warehouse"))
    order = fx.order(session, world["shopee"], "S1")
    order.warehouse_id = world["sz"].id
    session.flush()
    routing.route_orders(session)
    assert routed(session, order) == ("9810", "overseas_warehouse", world["sz"].id)


def test_routing_some_orders_leaves_the_others(session, world):
    a = fx.order(session, world["shopee"], "S1")
    b = fx.order(session, world["shopee"], "S2")
    assert routing.route_orders(session, [a.id]) == 1
    assert routed(session, a)[0] == "9610"
    assert routed(session, b)[0] is None
    assert routing.route_orders(session, [a.id, b.id]) == 1


def test_orders_routed_by_hand_are_left_alone(session, world):
    a = fx.order(session, world["shopee"], "S1")
    b = fx.order(session, world["shopee"], "S2")
    assert routing.override_orders(session, [a.id], customs_mode="0110") == 1
    assert routing.route_orders(session) == 1
    assert routing.route_orders(session, [a.id, b.id]) == 0
    session.refresh(a)
    assert (a.customs_mode, a.fulfilment, a.routing_overridden) == ("0110", "china_direct", True)
    assert routing.release_orders(session, [a.id]) == 1
    assert routed(session, a)[0] == "9610"
    assert not a.routing_overridden


def test_override_one_order(session, world):
    order = fx.order(session, world["amazon_us"], "A1")
    routing.override_order(session, order.id, "9810", "overseas_warehouse", world["us_3pl"].id)
    assert routed(session, order) == ("9810", "overseas_warehouse", world["us_3pl"].id)
    assert order.routing_overridden
    with pytest.raises(BadInput, match="does not exist"):
        routing.override_order(session, 424242, "9610", "china_direct", None)


def test_override_refuses_unknown_values_and_writes_nothing(session, world):
    order = fx.order(session, world["shopee"], "S1")
    with pytest.raises(ValidationFailed) as caught:
        routing.override_orders(session, [order.id], customs_mode="1234", fulfilment="ship",
                                warehouse_id=424242)  # fmt: skip
    assert {p.field for p in caught.value.problems} == {
        "customs_mode",
        "fulfilment",
        "warehouse_id",
    }
    assert routed(session, order) == (None, "china_direct", None)
    assert not order.routing_overridden


def test_many_orders_are_overridden_in_pages(session, world):
    orders = [fx.order(session, world["shopee"], f"S{n}") for n in range(1200)]
    ids = [o.id for o in orders]
    assert routing.override_orders(session, ids, fulfilment="b2b") == 1200
    modes = session.execute(select(Order.fulfilment).distinct()).scalars().all()
    assert modes == ["b2b"]


def test_routing_is_audited(session, world):
    fx.order(session, world["shopee"], "S1")
    routing.route_orders(session)
    session.flush()
    event = (
        session.execute(
            select(AuditEvent).where(AuditEvent.action == "route").order_by(AuditEvent.id.desc())
        )
        .scalars()
        .first()
    )
    assert event is not None
    assert '"changed": 1' in event.after_json


def test_rule_validation_names_every_problem(session, world):
    draft = RuleDraft("amazon", "961", "ship", shop_id=world["shopee"].id, ship_country="usa1")
    with pytest.raises(ValidationFailed) as caught:
        routing.create_rule(session, draft)
    fields = {p.field for p in caught.value.problems}
    assert fields == {"customs_mode", "fulfilment", "shop_id", "ship_country"}
    with pytest.raises(ValidationFailed, match="platform"):
        routing.create_rule(session, RuleDraft("ebay", "9610", "china_direct"))


def test_rules_are_normalised_and_unique(session, world):
    rule = routing.create_rule(
        session, RuleDraft(" Amazon ", "9610", "china_direct", ship_country=" usa ")
    )
    assert (rule.platform, rule.ship_country) == ("amazon", "USA")
    with pytest.raises(ValidationFailed, match="same shop"):
        routing.create_rule(session, RuleDraft("amazon", "9810", "platform", ship_country="USA"))
    updated = routing.update_rule(
        session, rule.id, RuleDraft("amazon", "9810", "platform", ship_country="USA")
    )
    assert updated.customs_mode == "9810"  # a rule is not its own duplicate
    assert [r.id for r in routing.list_rules(session)] == [rule.id]
    routing.delete_rule(session, rule.id)
    assert routing.list_rules(session) == []
    with pytest.raises(BadInput):
        routing.delete_rule(session, rule.id)


def test_default_route():
    shop = routing._ShopInfo("amazon", 7)
    assert routing.default_route(shop, "AFN", "china_direct") == routing.Route(
        "9810", "platform", 7
    )
    assert routing.default_route(shop, "MFN", "platform") == routing.Route("9810", "platform")


def test_router_for_an_import(session, world):
    routing.create_rule(session, RuleDraft("amazon", "0110", "b2b", ship_country="CAN"))
    route = routing.order_router(session, world["amazon_us"].id)
    assert route("AFN", "USA", "china_direct") == routing.Route("9810", "platform",
                                                                 world["us_fba"].id)  # fmt: skip
    assert route("MFN", "CAN", "china_direct") == routing.Route("0110", "b2b")
    assert route("", "USA", "overseas_warehouse") == routing.Route("9810", "overseas_warehouse")
