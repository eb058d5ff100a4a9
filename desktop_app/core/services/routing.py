"""Order routing: the customs mode (监管方式) an order leaves under, and where it ships from.

Rules (OrderRoutingRule) match an order by platform, shop, raw fulfilment channel and ship
country. The most specific matching rule wins: a shop's own rule over a platform-wide
one, then a named channel over any channel, then a named country over any country; among
equals the newest. A rule's warehouse, when it names one, becomes the order's; without
one the order keeps its own. Orders the user routed by hand (routing_overridden) are
never touched by the rules.

When no rule matches an order, the defaults apply:
- Amazon channel AFN (Fulfilled by Amazon): the order is sold out of that marketplace's
  FBA warehouse, so fulfilment becomes "platform" with the shop's FBA warehouse (its
  default warehouse when that is an FBA one, else the FBA warehouse in the shop's
  country). The goods left China earlier on a first-leg shipment declared under 9810
  (跨境电商出口海外仓), so the order's customs mode is 9810.
- Otherwise the mode follows how the order is fulfilled and the fulfilment is kept:
  shipped from China to the buyer (china_direct, incl. Amazon MFN) → 9610 (跨境电商
  B2C 零售出口); sold from an overseas or platform warehouse → 9810; b2b → 9710
  (跨境电商 B2B 直接出口). 0110 (一般贸易) is never a default: only a rule assigns it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import or_, select, tuple_, update
from sqlalchemy.orm import Session

from desktop_app.core import audit
from desktop_app.core.errors import BadInput, FieldProblem, ValidationFailed
from desktop_app.core.models import Order, OrderRoutingRule, Shop, Warehouse
from desktop_app.core.models.catalogue import PLATFORMS
from desktop_app.core.models.orders import FULFILMENT_KINDS
from desktop_app.core.services.fulfilment import fulfil_matching
from desktop_app.core.services.id_lists import pages

CUSTOMS_MODES = ("9610", "9710", "9810", "0110")
MODE_BY_FULFILMENT = {
    "china_direct": "9610",
    "overseas_warehouse": "9810",
    "platform": "9810",
    "b2b": "9710",
}
AMAZON_FBA_CHANNEL = "AFN"
MAX_CHANNEL = 30
AUDIT_IDS = 100  # an override of more orders is audited as a count, not a list


@dataclass(frozen=True)
class RuleDraft:
    """A rule as the user enters it; "" / None mean "any" (channel, country) or "keep"."""

    platform: str
    customs_mode: str
    fulfilment: str
    shop_id: int | None = None
    fulfilment_channel: str = ""
    ship_country: str = ""
    warehouse_id: int | None = None


@dataclass(frozen=True)
class Route:
    """What routing assigns to an order; warehouse_id None keeps the order's own."""

    customs_mode: str
    fulfilment: str
    warehouse_id: int | None = None


@dataclass(frozen=True)
class _Rule:
    id: int
    platform: str
    shop_id: int | None
    channel: str
    country: str
    route: Route

    @property
    def rank(self) -> tuple[int, int, int, int]:
        return (self.shop_id is not None, bool(self.channel), bool(self.country), self.id)


@dataclass(frozen=True)
class _ShopInfo:
    platform: str
    fba_warehouse_id: int | None


# -- rules -----------------------------------------------------------------------------
def list_rules(session: Session) -> list[OrderRoutingRule]:
    """Every rule, platform by platform, the most general first."""
    stmt = select(OrderRoutingRule).order_by(
        OrderRoutingRule.platform,
        OrderRoutingRule.shop_id.is_not(None),
        OrderRoutingRule.shop_id,
        OrderRoutingRule.fulfilment_channel,
        OrderRoutingRule.ship_country,
    )
    return list(session.execute(stmt).scalars())


def create_rule(session: Session, draft: RuleDraft) -> OrderRoutingRule:
    draft = _checked(session, draft, None)
    rule = OrderRoutingRule(**_fields(draft))
    session.add(rule)
    session.flush()
    return rule


def update_rule(session: Session, rule_id: int, draft: RuleDraft) -> OrderRoutingRule:
    rule = _rule(session, rule_id)
    draft = _checked(session, draft, rule_id)
    for name, value in _fields(draft).items():
        setattr(rule, name, value)
    session.flush()
    return rule


def delete_rule(session: Session, rule_id: int) -> None:
    session.delete(_rule(session, rule_id))
    session.flush()


def _rule(session: Session, rule_id: int) -> OrderRoutingRule:
    rule = session.get(OrderRoutingRule, rule_id)
    if rule is None:
        raise BadInput(f"routing rule {rule_id} does not exist")
    return rule


def _fields(draft: RuleDraft) -> dict[str, Any]:
    return {
        "platform": draft.platform,
        "shop_id": draft.shop_id,
        "fulfilment_channel": draft.fulfilment_channel,
        "ship_country": draft.ship_country,
        "customs_mode": draft.customs_mode,
        "fulfilment": draft.fulfilment,
        "warehouse_id": draft.warehouse_id,
    }


def _checked(session: Session, draft: RuleDraft, rule_id: int | None) -> RuleDraft:
    """The draft normalised (trimmed, upper-case codes), or every problem with it at once."""
    draft = RuleDraft(
        platform=draft.platform.strip().lower(),
        customs_mode=draft.customs_mode.strip(),
        fulfilment=draft.fulfilment.strip(),
        shop_id=draft.shop_id,
        fulfilment_channel=draft.fulfilment_channel.strip(),
        ship_country=draft.ship_country.strip().upper(),
        warehouse_id=draft.warehouse_id,
    )
    problems = _route_problems(session, draft.customs_mode, draft.fulfilment, draft.warehouse_id)
    problems += _scope_problems(session, draft)
    if not problems and _duplicate(session, draft, rule_id):
        problems.append(
            FieldProblem("rule", "a rule for the same shop, channel and country exists")
        )
    if problems:
        raise ValidationFailed(problems=problems)
    return draft


def _scope_problems(session: Session, d: RuleDraft) -> list[FieldProblem]:
    problems = []
    if d.platform not in PLATFORMS:
        problems.append(
            FieldProblem("platform", f"must be one of {', '.join(PLATFORMS)}", d.platform)
        )
    if d.shop_id is not None:
        shop = session.get(Shop, d.shop_id)
        if shop is None:
            problems.append(FieldProblem("shop_id", "no such shop", d.shop_id))
        elif shop.platform != d.platform:
            problems.append(
                FieldProblem("shop_id", f"shop {shop.name} is on {shop.platform}", d.shop_id)
            )
    if len(d.fulfilment_channel) > MAX_CHANNEL:
        problems.append(
            FieldProblem(
                "fulfilment_channel", f"at most {MAX_CHANNEL} characters", d.fulfilment_channel
            )
        )
    if d.ship_country and not re.fullmatch(r"[A-Z]{3}", d.ship_country):
        problems.append(
            FieldProblem("ship_country", "must be a 3-letter ISO country code", d.ship_country)
        )
    return problems


def _route_problems(
    session: Session, customs_mode: str | None, fulfilment: str | None, warehouse_id: int | None
) -> list[FieldProblem]:
    problems = []
    if customs_mode is not None and customs_mode not in CUSTOMS_MODES:
        reason = f"must be one of {', '.join(CUSTOMS_MODES)}"
        problems.append(FieldProblem("customs_mode", reason, customs_mode))
    if fulfilment is not None and fulfilment not in FULFILMENT_KINDS:
        reason = f"must be one of {', '.join(FULFILMENT_KINDS)}"
        problems.append(FieldProblem("fulfilment", reason, fulfilment))
    if warehouse_id is not None and session.get(Warehouse, warehouse_id) is None:
        problems.append(FieldProblem("warehouse_id", "no such warehouse", warehouse_id))
    return problems


def _duplicate(session: Session, d: RuleDraft, rule_id: int | None) -> bool:
    # The unique constraint cannot see two platform-wide rules (shop NULL) as equal.
    stmt = select(OrderRoutingRule.id).where(
        OrderRoutingRule.platform == d.platform,
        OrderRoutingRule.shop_id.is_(d.shop_id)
        if d.shop_id is None
        else OrderRoutingRule.shop_id == d.shop_id,
        OrderRoutingRule.fulfilment_channel == d.fulfilment_channel,
        OrderRoutingRule.ship_country == d.ship_country,
    )
    return any(found != rule_id for found in session.execute(stmt).scalars())


# -- resolving -------------------------------------------------------------------------
def resolve(
    rules: Sequence[_Rule],
    shop_id: int,
    shop: _ShopInfo,
    channel: str,
    country: str,
    fulfilment: str,
) -> Route:
    """The route of an order with these attributes: the most specific rule, or the default."""
    channel_key = channel.strip().upper()
    matching = [
        r
        for r in rules
        if r.platform == shop.platform
        and r.shop_id in (None, shop_id)
        and r.channel.upper() in ("", channel_key)
        and r.country in ("", country)
    ]
    if matching:
        return max(matching, key=lambda r: r.rank).route
    return default_route(shop, channel_key, fulfilment)


def default_route(shop: _ShopInfo, channel: str, fulfilment: str) -> Route:
    """The built-in routing described in the module docstring."""
    if shop.platform == "amazon" and channel == AMAZON_FBA_CHANNEL:
        return Route("9810", "platform", shop.fba_warehouse_id)
    return Route(MODE_BY_FULFILMENT.get(fulfilment, "9610"), fulfilment)


def _load_rules(session: Session) -> list[_Rule]:
    return [
        _Rule(
            r.id,
            r.platform,
            r.shop_id,
            r.fulfilment_channel,
            r.ship_country,
            Route(r.customs_mode, r.fulfilment, r.warehouse_id),
        )
        for r in list_rules(session)
    ]


def _load_shops(session: Session) -> dict[int, _ShopInfo]:
    """Each shop's platform and the FBA warehouse its AFN orders are sold from."""
    fba = session.execute(
        select(Warehouse.id, Warehouse.country)
        .where(Warehouse.kind == "fba")
        .order_by(Warehouse.id)
    ).all()
    fba_ids = {wid for wid, _country in fba}
    by_country: dict[str, int] = {}
    for wid, country in fba:
        by_country.setdefault(country, wid)
    shops = {}
    for shop in session.execute(select(Shop)).scalars():
        own = shop.default_warehouse_id if shop.default_warehouse_id in fba_ids else None
        shops[shop.id] = _ShopInfo(shop.platform, own or by_country.get(shop.site_country))
    return shops


def order_router(session: Session, shop_id: int) -> Callable[[str, str, str], Route]:
    """route(channel, country, fulfilment) for new orders of one shop, as they are imported.

    The rules are read once, so an import routes every order it inserts without a second
    pass over them.
    """
    rules, shop = _load_rules(session), _load_shops(session)[shop_id]

    def route(channel: str, country: str, fulfilment: str) -> Route:
        return resolve(rules, shop_id, shop, channel, country, fulfilment)

    return route


# -- applying --------------------------------------------------------------------------
def route_orders(
    session: Session, order_ids: Sequence[int] | None = None, *, take_stock: bool = True
) -> int:
    """Apply the rules (or defaults) to `order_ids` (None: every order); returns how many changed.

    Works in bulk: routing everything is one UPDATE per distinct route (a few), routing
    some orders one executemany by id. Orders routed by hand are skipped. Orders routed to
    a warehouse take their stock (take_stock=False leaves that to a later fulfilment run).
    """
    rules, shops = _load_rules(session), _load_shops(session)
    if order_ids is None:
        changed = _route_all(session, rules, shops)
    else:
        changed = _route_some(session, rules, shops, order_ids)
    if take_stock:
        _restock(session, order_ids)
    scope = "all" if order_ids is None else len(order_ids)
    audit.record(
        session,
        "route",
        "sales_order",
        after={"orders": scope, "changed": changed, "rules": len(rules)},
    )
    return changed


def _route_all(session: Session, rules: list[_Rule], shops: dict[int, _ShopInfo]) -> int:
    """One UPDATE per distinct route, over the (few) attribute combinations routed to it."""
    keys = (Order.shop_id, Order.fulfilment_channel, Order.ship_country, Order.fulfilment)
    combos = session.execute(select(*keys).distinct().where(_rules_apply())).all()
    by_route: dict[Route, list[tuple[Any, ...]]] = {}
    for combo in combos:
        shop_id, channel, country, fulfilment = combo
        route = resolve(rules, shop_id, shops[shop_id], channel, country, fulfilment)
        by_route.setdefault(route, []).append(tuple(combo))
    changed = 0
    for route, routed in by_route.items():
        values = _values(route)
        stmt = (
            update(Order)
            .where(tuple_(*keys).in_(routed), _rules_apply(), _differs(values))
            .values(values)
            .execution_options(synchronize_session=False)
        )
        changed += session.execute(stmt).rowcount
    return changed


def _route_some(
    session: Session, rules: list[_Rule], shops: dict[int, _ShopInfo], order_ids: Sequence[int]
) -> int:
    columns = (
        Order.id,
        Order.shop_id,
        Order.fulfilment_channel,
        Order.ship_country,
        Order.fulfilment,
        Order.customs_mode,
        Order.warehouse_id,
    )
    changes = []
    for page in pages(order_ids):
        stmt = select(*columns).where(Order.id.in_(page), _rules_apply())
        for oid, shop_id, channel, country, fulfilment, mode, warehouse in session.execute(stmt):
            route = resolve(rules, shop_id, shops[shop_id], channel, country, fulfilment)
            new_warehouse = warehouse if route.warehouse_id is None else route.warehouse_id
            if (mode, fulfilment, warehouse) != (
                route.customs_mode,
                route.fulfilment,
                new_warehouse,
            ):
                changes.append({"id": oid, **_values(route)})
    if changes:
        session.execute(update(Order), changes)
    return len(changes)


def _rules_apply() -> Any:
    return Order.routing_overridden.is_(False)


def _values(route: Route) -> dict[str, Any]:
    values: dict[str, Any] = {"customs_mode": route.customs_mode, "fulfilment": route.fulfilment}
    if route.warehouse_id is not None:
        values["warehouse_id"] = route.warehouse_id
    return values


def _differs(values: dict[str, Any]) -> Any:
    return or_(*(getattr(Order, name).is_distinct_from(value) for name, value in values.items()))


def _restock(session: Session, order_ids: Sequence[int] | None) -> None:
    """Orders now fulfilled from a warehouse take their stock (once; None: every order)."""
    if order_ids is None:
        fulfil_matching(session)
        return
    for page in pages(order_ids):
        fulfil_matching(session, Order.id.in_(page))


# -- by hand ---------------------------------------------------------------------------
def override_orders(
    session: Session,
    order_ids: Sequence[int],
    customs_mode: str | None = None,
    fulfilment: str | None = None,
    warehouse_id: int | None = None,
) -> int:
    """Route orders by hand; None leaves that field as it is. The rules then skip them.

    Returns how many orders were updated.
    """
    problems = _route_problems(session, customs_mode, fulfilment, warehouse_id)
    if problems:
        raise ValidationFailed(problems=problems)
    values: dict[str, Any] = {"routing_overridden": True}
    for name, value in (
        ("customs_mode", customs_mode),
        ("fulfilment", fulfilment),
        ("warehouse_id", warehouse_id),
    ):
        if value is not None:
            values[name] = value
    changed = 0
    for page in pages(order_ids):
        stmt = update(Order).where(Order.id.in_(page)).values(values)
        changed += session.execute(stmt.execution_options(synchronize_session=False)).rowcount
    listed = list(order_ids) if len(order_ids) <= AUDIT_IDS else len(order_ids)
    audit.record(session, "override_route", "sales_order", after={"orders": listed, **values})
    _restock(session, order_ids)
    return changed


def override_order(
    session: Session,
    order_id: int,
    customs_mode: str,
    fulfilment: str,
    warehouse_id: int | None,
) -> Order:
    """Route one order by hand (all three fields as given); the rules leave it alone from now on."""
    order = session.get(Order, order_id)
    if order is None:
        raise BadInput(f"order {order_id} does not exist")
    problems = _route_problems(session, customs_mode, fulfilment, warehouse_id)
    if problems:
        raise ValidationFailed(problems=problems)
    order.customs_mode, order.fulfilment, order.warehouse_id = (
        customs_mode,
        fulfilment,
        warehouse_id,
    )
    order.routing_overridden = True
    session.flush()
    _restock(session, [order_id])
    return order


def release_orders(session: Session, order_ids: Sequence[int]) -> int:
    """Hand orders routed by hand back to the rules, and route them; returns how many changed."""
    for page in pages(order_ids):
        stmt = update(Order).where(Order.id.in_(page)).values(routing_overridden=False)
        session.execute(stmt.execution_options(synchronize_session=False))
    return route_orders(session, order_ids)
