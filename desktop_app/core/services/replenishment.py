"""Replenishment (补货): sales velocity per SKU and warehouse, and what to ship out next.

The stock position of a (SKU, overseas warehouse) is what is available there plus what is
already on its way (in transit). Velocity is the units sold per day over the last N days:
from the ledger's sale moves (reversed sales left out) or, before orders are fulfilled
from stock, from the order lines routed to the warehouse.

A position needs stock sent when it is at or below its reorder point:
- the rule's reorder point when it sets one, else the demand during the lead time
  (velocity × lead time days, rounded up): a shipment sent today arrives as that runs out;
- it then gets the rule's reorder quantity when set, else enough to last the lead time
  plus the days of cover after arrival: reorder point + velocity × days of cover − position.
Quantities are whole units, rounded up. Without a rule the lead time is 30 days (sea
freight to a 3PL or FBA, door to shelf) and the cover 30 days.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import ROUND_CEILING, ROUND_HALF_UP, Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session, aliased

from desktop_app.core.errors import BadInput, FieldProblem, ValidationFailed
from desktop_app.core.models import (
    Order,
    OrderLine,
    ReplenishmentRule,
    Shipment,
    Sku,
    StockMove,
    Warehouse,
)
from desktop_app.core.models.orders import NON_SALE_STATUSES
from desktop_app.core.services import stock
from desktop_app.core.services.fulfilment import STOCK_FULFILMENTS

DEFAULT_LEAD_TIME_DAYS = 30
DEFAULT_COVER_DAYS = 30
VELOCITY_BASES = ("sales", "orders")
_VELOCITY_PLACES = Decimal("0.0001")
_COVER_PLACES = Decimal("0.1")
Key = tuple[int, int]  # (sku_id, warehouse_id)


@dataclass(frozen=True)
class RuleValues:
    """A position's replenishment settings (a stored rule, or the defaults)."""

    reorder_point: Decimal | None = None
    reorder_quantity: Decimal | None = None
    days_of_cover: int | None = None
    lead_time_days: int = DEFAULT_LEAD_TIME_DAYS


@dataclass(frozen=True)
class Plan:
    """What the arithmetic says for one position."""

    reorder_point: Decimal
    suggested_qty: Decimal  # 0: nothing to send
    days_of_cover: Decimal | None  # position ÷ velocity; None when nothing sells
    reason: str  # "reorder_point" (the rule's), "lead_time" (cover shorter than it), ""


@dataclass(frozen=True)
class Suggestion:
    sku_id: int
    sku_code: str
    sku_name: str
    warehouse_id: int
    warehouse_code: str
    on_hand: Decimal
    in_transit: Decimal
    available: Decimal
    velocity_per_day: Decimal
    days_of_cover: Decimal | None
    reorder_point: Decimal
    suggested_qty: Decimal
    reason: str
    detail: str  # the reason in words, with its figures


# ---------------------------------------------------------------- arithmetic


def plan(available: Decimal, in_transit: Decimal, velocity: Decimal, rule: RuleValues) -> Plan:
    """The reorder point and suggested quantity of one position (pure arithmetic)."""
    position = available + in_transit
    cover = _cover(position, velocity)
    if rule.reorder_point is not None:
        point, reason = rule.reorder_point, "reorder_point"
    else:
        point, reason = _whole(velocity * rule.lead_time_days), "lead_time"
    if (point == 0 and velocity == 0) or position > point:
        return Plan(point, Decimal(0), cover, "")
    if rule.reorder_quantity is not None:
        quantity = rule.reorder_quantity
    else:
        days = rule.days_of_cover if rule.days_of_cover is not None else DEFAULT_COVER_DAYS
        quantity = _whole(point + velocity * days - position)
    if quantity <= 0:
        return Plan(point, Decimal(0), cover, "")
    return Plan(point, quantity, cover, reason)


def _whole(value: Decimal) -> Decimal:
    return max(value, Decimal(0)).to_integral_value(rounding=ROUND_CEILING)


def _cover(position: Decimal, velocity: Decimal) -> Decimal | None:
    if velocity <= 0:
        return None
    return max(position / velocity, Decimal(0)).quantize(_COVER_PLACES, ROUND_HALF_UP)


# ---------------------------------------------------------------- velocity


def velocity(
    session: Session,
    *,
    days: int = 30,
    today: dt.date | None = None,
    warehouse_id: int | None = None,
    basis: str = "sales",
) -> dict[Key, Decimal]:
    """Units sold per day over the `days` days ending `today`, per (SKU, warehouse)."""
    if days < 1:
        raise BadInput(f"velocity needs a period of at least one day, not {days}")
    if basis not in VELOCITY_BASES:
        raise BadInput(f"velocity basis must be one of {', '.join(VELOCITY_BASES)}, not {basis!r}")
    today = today or dt.date.today()
    first = today - dt.timedelta(days=days - 1)
    sold = _units_sold(session, first, today, warehouse_id, basis)
    return {key: (units / days).quantize(_VELOCITY_PLACES, ROUND_HALF_UP) for key, units in sold}


def _units_sold(
    session: Session, first: dt.date, last: dt.date, warehouse_id: int | None, basis: str
) -> Iterable[tuple[Key, Decimal]]:
    if basis == "sales":
        move, reversal = StockMove, aliased(StockMove)
        query = (
            select(move.sku_id, move.warehouse_id, func.sum(move.quantity))
            .outerjoin(reversal, reversal.reverses_move_id == move.id)
            .where(move.kind == "sale", reversal.id.is_(None), move.move_date.between(first, last))
            .group_by(move.sku_id, move.warehouse_id)
        )
        if warehouse_id is not None:
            query = query.where(move.warehouse_id == warehouse_id)
        return (((s, w), -units) for s, w, units in session.execute(query) if units)
    start = dt.datetime.combine(first, dt.time(), dt.UTC)
    end = dt.datetime.combine(last + dt.timedelta(days=1), dt.time(), dt.UTC)
    query = (
        select(OrderLine.sku_id, Order.warehouse_id, func.sum(OrderLine.sku_quantity))
        .join(Order, Order.id == OrderLine.order_id)
        .where(
            Order.fulfilment.in_(STOCK_FULFILMENTS),
            Order.warehouse_id.is_not(None),
            Order.status.not_in(NON_SALE_STATUSES),
            Order.ordered_at >= start,
            Order.ordered_at < end,
            OrderLine.sku_id.is_not(None),
        )
        .group_by(OrderLine.sku_id, Order.warehouse_id)
    )
    if warehouse_id is not None:
        query = query.where(Order.warehouse_id == warehouse_id)
    return (((s, w), units) for s, w, units in session.execute(query) if units)


# ---------------------------------------------------------------- suggestions


def suggestions(
    session: Session,
    warehouse_id: int | None = None,
    days: int = 30,
    today: dt.date | None = None,
    *,
    basis: str = "sales",
) -> list[Suggestion]:
    """What to send to each active overseas warehouse (or the one given), most urgent first.

    Covers every position with stock, stock in transit, sales in the period or a rule.
    """
    warehouses = _warehouses(session, warehouse_id)
    speeds = {
        k: v
        for k, v in velocity(session, days=days, today=today, basis=basis).items()
        if k[1] in warehouses
    }
    rules = _rules(session, warehouses)
    rows = {
        (p.sku_id, p.warehouse_id): p
        for w in warehouses
        for p in stock.positions(session, warehouse_id=w)
    }
    names = _sku_names(session, {k[0] for k in (*speeds, *rules) if k not in rows})
    found = []
    for key in rows.keys() | speeds.keys() | rules.keys():
        row = rows.get(key)
        on_hand = row.on_hand if row else Decimal(0)
        in_transit = row.in_transit if row else Decimal(0)
        available = row.available if row else Decimal(0)
        speed = speeds.get(key, Decimal(0))
        result = plan(available, in_transit, speed, rules.get(key, RuleValues()))
        if result.suggested_qty <= 0:
            continue
        code, name = (row.sku_code, row.sku_name) if row else names[key[0]]
        found.append(
            Suggestion(
                sku_id=key[0], sku_code=code, sku_name=name, warehouse_id=key[1],
                warehouse_code=warehouses[key[1]], on_hand=on_hand, in_transit=in_transit,
                available=available, velocity_per_day=speed, days_of_cover=result.days_of_cover,
                reorder_point=result.reorder_point, suggested_qty=result.suggested_qty,
                reason=result.reason, detail=_detail(result, available, in_transit, rules, key),
            )
        )  # fmt: skip
    found.sort(key=_urgency)
    return found


def _urgency(s: Suggestion) -> tuple[bool, Decimal, str, str]:
    cover = s.days_of_cover
    return (cover is None, cover or Decimal(0), s.warehouse_code, s.sku_code)


def _detail(
    result: Plan, available: Decimal, in_transit: Decimal, rules: dict[Key, RuleValues], key: Key
) -> str:
    position = f"available {available} + in transit {in_transit}"
    if result.reason == "reorder_point":
        return f"{position} is at or below the reorder point {result.reorder_point}"
    lead = rules.get(key, RuleValues()).lead_time_days
    cover = result.days_of_cover
    return f"{position} lasts {cover} days, not more than the {lead}-day lead time"


def _warehouses(session: Session, warehouse_id: int | None) -> dict[int, str]:
    """id → code of the warehouses to replenish: the one given, else every active overseas one."""
    if warehouse_id is not None:
        warehouse = session.get(Warehouse, warehouse_id)
        if warehouse is None:
            raise BadInput(f"no warehouse with id {warehouse_id}")
        return {warehouse.id: warehouse.code}
    query = select(Warehouse.id, Warehouse.code).where(
        Warehouse.active.is_(True), Warehouse.kind != "domestic"
    )
    return {w: code for w, code in session.execute(query)}


def _rules(session: Session, warehouses: dict[int, str]) -> dict[Key, RuleValues]:
    query = select(ReplenishmentRule).where(ReplenishmentRule.warehouse_id.in_(list(warehouses)))
    return {
        (r.sku_id, r.warehouse_id): RuleValues(
            r.reorder_point, r.reorder_quantity, r.days_of_cover, r.lead_time_days
        )
        for r in session.scalars(query)
    }


def _sku_names(session: Session, sku_ids: set[int]) -> dict[int, tuple[str, str]]:
    names: dict[int, tuple[str, str]] = {}
    ids = sorted(sku_ids)
    for start in range(0, len(ids), 500):
        query = select(Sku.id, Sku.code, Sku.name_cn).where(Sku.id.in_(ids[start : start + 500]))
        names.update({i: (code, name) for i, code, name in session.execute(query)})
    return names


# ---------------------------------------------------------------- rules


def set_rule(
    session: Session,
    sku_id: int,
    warehouse_id: int,
    *,
    reorder_point: Decimal | None = None,
    reorder_quantity: Decimal | None = None,
    days_of_cover: int | None = None,
    lead_time_days: int = DEFAULT_LEAD_TIME_DAYS,
) -> ReplenishmentRule:
    """Create or replace the rule of one (SKU, warehouse); None leaves a figure to the defaults."""
    _check_rule(session, sku_id, warehouse_id, reorder_point, reorder_quantity, days_of_cover,
                lead_time_days)  # fmt: skip
    rule = session.scalar(
        select(ReplenishmentRule).where(
            ReplenishmentRule.sku_id == sku_id, ReplenishmentRule.warehouse_id == warehouse_id
        )
    )
    if rule is None:
        rule = ReplenishmentRule(sku_id=sku_id, warehouse_id=warehouse_id)
        session.add(rule)
    rule.reorder_point, rule.reorder_quantity = reorder_point, reorder_quantity
    rule.days_of_cover, rule.lead_time_days = days_of_cover, lead_time_days
    session.flush()
    return rule


def delete_rule(session: Session, sku_id: int, warehouse_id: int) -> bool:
    """Remove a rule (the position goes back to the defaults); False when there was none."""
    rule = session.scalar(
        select(ReplenishmentRule).where(
            ReplenishmentRule.sku_id == sku_id, ReplenishmentRule.warehouse_id == warehouse_id
        )
    )
    if rule is None:
        return False
    session.delete(rule)
    session.flush()
    return True


def list_rules(session: Session, warehouse_id: int | None = None) -> list[ReplenishmentRule]:
    query = select(ReplenishmentRule).join(Sku, Sku.id == ReplenishmentRule.sku_id)
    if warehouse_id is not None:
        query = query.where(ReplenishmentRule.warehouse_id == warehouse_id)
    return list(session.scalars(query.order_by(ReplenishmentRule.warehouse_id, Sku.code)))


def _check_rule(
    session: Session,
    sku_id: int,
    warehouse_id: int,
    reorder_point: Decimal | None,
    reorder_quantity: Decimal | None,
    days_of_cover: int | None,
    lead_time_days: int,
) -> None:
    problems = []
    if session.get(Sku, sku_id) is None:
        problems.append(FieldProblem("sku_id", "no such SKU", sku_id))
    if session.get(Warehouse, warehouse_id) is None:
        problems.append(FieldProblem("warehouse_id", "no such warehouse", warehouse_id))
    for name, value, least in (("reorder_point", reorder_point, 0),
                               ("reorder_quantity", reorder_quantity, 1)):  # fmt: skip
        if value is None:
            continue
        if not isinstance(value, Decimal | int) or isinstance(value, bool):
            problems.append(FieldProblem(name, "must be an exact number (Decimal)", value))
        elif value < least:
            problems.append(FieldProblem(name, f"must be at least {least}", value))
    for name, value, least in (("days_of_cover", days_of_cover, 1),
                               ("lead_time_days", lead_time_days, 0)):  # fmt: skip
        if name == "days_of_cover" and value is None:
            continue
        if not isinstance(value, int) or isinstance(value, bool) or value < least:
            problems.append(FieldProblem(name, f"must be a whole number of days ≥ {least}", value))
    if problems:
        raise ValidationFailed(problems)


# ---------------------------------------------------------------- to a shipment


def suggestions_to_shipment(
    session: Session,
    chosen: Sequence[Suggestion],
    origin_warehouse_id: int,
    *,
    ref: str | None = None,
    expected_date: dt.date | None = None,
) -> Shipment:
    """A draft first-leg shipment from the origin carrying the chosen suggestions.

    They must all go to one warehouse (a shipment has one destination); each becomes a
    line of its suggested quantity at the origin's current unit cost.
    """
    from desktop_app.core.services import shipments

    if not chosen:
        raise BadInput("no suggestions chosen: nothing to ship")
    destinations = {s.warehouse_id for s in chosen}
    if len(destinations) > 1:
        codes = ", ".join(sorted({s.warehouse_code for s in chosen}))
        raise BadInput(f"the suggestions go to several warehouses ({codes}): one shipment each")
    quantities: dict[int, Decimal] = {}
    for s in chosen:
        quantities[s.sku_id] = quantities.get(s.sku_id, Decimal(0)) + s.suggested_qty
    return shipments.create_shipment(
        session,
        ref=ref,
        origin_warehouse_id=origin_warehouse_id,
        destination_warehouse_id=destinations.pop(),
        lines=[(sku_id, qty, None) for sku_id, qty in quantities.items()],
        expected_date=expected_date,
    )
