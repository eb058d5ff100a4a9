"""First-leg shipments (头程): drafts, cartons, costs, shipping, receipts and discrepancies.

A shipment moves goods from one warehouse to another, usually from China to an overseas
warehouse under 9810. Its life: draft (lines, cartons and costs are edited freely) →
shipped (a shipment_out move per line at the origin, the quantity in transit at the
destination) → partially_received / received (transfer_in moves at the destination at
the landed unit cost). Shortages and overages are kept as the difference between each
line's shipped and received quantity, never absorbed; `discrepancies` lists them.

First-leg costs (freight, duty, fees) are entered in any currency and converted to CNY;
their total is allocated over the lines by the shipment's allocation basis (see
allocation.line_measures) and fixed by the first receipt. Landed unit cost = the origin's
unit cost + the line's allocated cost / its shipped quantity, to 4 decimal places.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any, NamedTuple

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop_app.core import codes
from desktop_app.core.errors import BadInput, FieldProblem, ValidationFailed
from desktop_app.core.models import (
    ExchangeRate,
    Shipment,
    ShipmentCarton,
    ShipmentCost,
    ShipmentLine,
    Sku,
    Warehouse,
)
from desktop_app.core.models.stock import ALLOCATION_BASES
from desktop_app.core.money import convert, quantize, to_decimal
from desktop_app.core.services import allocation, stock

Amount = Decimal | str | int
REF_PREFIX = "FL"
COST_KINDS = ("freight", "duty", "fee", "insurance", "other")
TEXT_LIMITS = {"ref": 40, "carrier": 100, "tracking_no": 100, "booking_no": 60, "notes": 10000}
HEADER_FIELDS = (
    *TEXT_LIMITS, "origin_warehouse_id", "destination_warehouse_id", "expected_date",
    "transport_mode", "allocation_basis", "volumetric_divisor",
)  # fmt: skip
HEADER = frozenset(HEADER_FIELDS)
DRAFT_ONLY = frozenset({"origin_warehouse_id", "destination_warehouse_id"})
# Costs, cartons and the basis only change the allocation, which the first receipt fixes:
# freight bills often arrive after the goods left, so they stay editable until then.
BEFORE_RECEIPT = frozenset({"allocation_basis", "volumetric_divisor"})
UNIT_COST = Decimal("0.0001")


class LineDraft(NamedTuple):
    """A SKU to ship; unit_cost None takes the origin's current cost or the purchase price."""

    sku_id: int
    quantity: Amount
    unit_cost: Amount | None = None


@dataclass(frozen=True)
class CartonDraft:
    """Cartons of one size: carton_no "1" or a range "2-10" for carton_count of them."""

    carton_no: str
    length_cm: Amount
    width_cm: Amount
    height_cm: Amount
    gross_weight_kg: Amount  # per carton
    carton_count: int = 1
    contents: str = ""


@dataclass(frozen=True)
class CostDraft:
    """A first-leg cost; fx_rate is CNY per one unit of the currency (None: from the rate table)."""

    kind: str
    amount: Amount
    currency: str = "CNY"
    fx_rate: Amount | None = None
    description: str = ""


@dataclass(frozen=True)
class Discrepancy:
    """One line's shipped against received quantity; difference < 0 is short, > 0 over."""

    line_id: int
    sku_id: int
    sku_code: str
    shipped: Decimal
    received: Decimal
    landed_unit_cost: Decimal
    closed: bool  # the shipment is finished: what is missing now is a shortage

    @property
    def difference(self) -> Decimal:
        return self.received - self.shipped

    @property
    def value(self) -> Decimal:
        """The difference at the landed unit cost, CNY to the fen."""
        return quantize(self.difference * self.landed_unit_cost, 2)

    @property
    def kind(self) -> str:
        if self.difference > 0:
            return "overage"
        if self.difference == 0:
            return "match"
        return "shortage" if self.closed else "outstanding"


class _Problems(list[FieldProblem]):
    def add(self, field: str, reason: str, value: object = None) -> None:
        self.append(FieldProblem(field, reason, value))

    def raise_any(self) -> None:
        if self:
            raise ValidationFailed(list(self))

    def number(
        self, field: str, raw: object, places: int, *, positive: bool = False
    ) -> Decimal | None:
        """The value as a Decimal, or None with a problem recorded."""
        try:
            value = to_decimal(raw)
        except (TypeError, ValueError):
            self.add(field, "not a number", raw)
            return None
        reason = _number_reason(value, places, positive)
        if reason:
            self.add(field, reason, raw)
            return None
        return value


def _number_reason(value: Decimal, places: int, positive: bool) -> str | None:
    if value < 0 or (positive and value == 0):
        return "must be more than 0" if positive else "must not be negative"
    if value != value.quantize(Decimal(1).scaleb(-places)):
        return f"more than {places} decimal places"
    if value >= 10**12:
        return "too large"
    return None


# ---------------------------------------------------------------- lookups


def get_shipment(session: Session, shipment_id: int) -> Shipment:
    shipment = session.get(Shipment, shipment_id)
    if shipment is None:
        raise BadInput(f"no shipment with id {shipment_id}")
    return shipment


def by_ref(session: Session, ref: str) -> Shipment:
    shipment = session.execute(select(Shipment).where(Shipment.ref == ref.strip())).scalar()
    if shipment is None:
        raise BadInput(f"no shipment {ref!r}")
    return shipment


def next_ref(session: Session, on: dt.date | None = None) -> str:
    """The next free reference of the year: FL-2026-0001, FL-2026-0002 …"""
    prefix = f"{REF_PREFIX}-{(on or dt.date.today()).year}-"
    refs = session.execute(select(Shipment.ref).where(Shipment.ref.like(f"{prefix}%"))).scalars()
    numbers = [int(r[len(prefix) :]) for r in refs if r[len(prefix) :].isdigit()]
    return f"{prefix}{max(numbers, default=0) + 1:04d}"


# ---------------------------------------------------------------- drafts


def create_shipment(
    session: Session,
    *,
    origin_warehouse_id: int,
    destination_warehouse_id: int,
    lines: Sequence[LineDraft | tuple[Any, ...]] = (),
    cartons: Sequence[CartonDraft] = (),
    costs: Sequence[CostDraft] = (),
    ref: str | None = None,
    today: dt.date | None = None,
    **header: Any,
) -> Shipment:
    """A draft shipment with its lines, cartons and costs; every problem at once, or nothing.

    header: expected_date, carrier, tracking_no, transport_mode, booking_no,
    allocation_basis, volumetric_divisor, notes. Problems of list items are named by their
    index in the list given: lines[0].quantity, cartons[2].length_cm, costs[1].fx_rate.
    """
    ref = (ref or "").strip() or next_ref(session, today)
    values = {
        "ref": ref,
        "origin_warehouse_id": origin_warehouse_id,
        "destination_warehouse_id": destination_warehouse_id,
        **header,
    }
    problems = _Problems(FieldProblem(n, "unknown field") for n in sorted(set(header) - HEADER))
    _check_header(session, values, None, problems)
    new_lines = _checked_lines(session, [LineDraft(*line) for line in lines], values, problems)
    new_cartons = [_carton(c, f"cartons[{i}]", problems) for i, c in enumerate(cartons)]
    _duplicate_cartons([c.carton_no for c in new_cartons], problems)
    new_costs = [_cost(session, c, f"costs[{i}]", today, problems) for i, c in enumerate(costs)]
    problems.raise_any()
    shipment = Shipment(
        **values, status="draft", lines=new_lines, cartons=new_cartons, costs=new_costs
    )
    session.add(shipment)
    _reallocate(session, shipment)
    session.flush()
    return shipment


def update_shipment(session: Session, shipment_id: int, **changes: Any) -> Shipment:
    """Change header fields. Warehouses change only on a draft; the basis and divisor only
    before the first receipt; references and notes at any time but on a cancelled one."""
    shipment = get_shipment(session, shipment_id)
    problems = _Problems(FieldProblem(n, "unknown field") for n in sorted(set(changes) - HEADER))
    if DRAFT_ONLY & changes.keys():
        _require(shipment, ("draft",), "change its warehouses")
    if BEFORE_RECEIPT & changes.keys():
        _require(shipment, ("draft", "shipped"), "change how its costs are allocated")
    _require(shipment, ("draft", "shipped", "partially_received", "received"), "edit it")
    problems.raise_any()
    values = {name: getattr(shipment, name) for name in HEADER_FIELDS} | changes
    _check_header(session, values, shipment.id, problems)
    problems.raise_any()
    for name in changes:
        setattr(shipment, name, values[name])
    _reallocate(session, shipment)
    session.flush()
    return shipment


def set_lines(
    session: Session, shipment_id: int, lines: Sequence[LineDraft | tuple[Any, ...]]
) -> Shipment:
    """Replace a draft's lines: a SKU already on it keeps its line (and, with unit_cost None,
    its unit cost); SKUs not listed are removed."""
    shipment = _draft(session, shipment_id, "change its lines")
    current = {line.sku_id: line for line in shipment.lines}
    drafts = [LineDraft(*line) for line in lines]
    drafts = [
        d._replace(unit_cost=current[d.sku_id].unit_cost)
        if d.unit_cost is None and d.sku_id in current
        else d
        for d in drafts
    ]
    problems = _Problems()
    header = {"origin_warehouse_id": shipment.origin_warehouse_id}
    checked = _checked_lines(session, drafts, header, problems)
    problems.raise_any()
    kept = []
    for new in checked:
        line = current.get(new.sku_id) or new
        line.quantity, line.unit_cost = new.quantity, new.unit_cost
        kept.append(line)
    shipment.lines = kept
    _reallocate(session, shipment)
    session.flush()
    return shipment


def set_cartons(session: Session, shipment_id: int, cartons: Sequence[CartonDraft]) -> Shipment:
    """Replace the cartons; allowed until the first receipt (they may weigh in the allocation)."""
    shipment = _before_receipt(session, shipment_id, "change its cartons")
    problems = _Problems()
    rows = [_carton(c, f"cartons[{i}]", problems) for i, c in enumerate(cartons)]
    _duplicate_cartons([c.carton_no for c in rows], problems)
    problems.raise_any()
    shipment.cartons = rows
    _reallocate(session, shipment)
    session.flush()
    return shipment


def set_costs(session: Session, shipment_id: int, costs: Sequence[CostDraft]) -> Shipment:
    """Replace the first-leg costs; allowed until the first receipt fixes the landed cost.

    A foreign amount without an fx_rate is converted at the central parity on or before
    the ship date (today for a draft)."""
    shipment = _before_receipt(session, shipment_id, "change its costs")
    problems = _Problems()
    on = shipment.ship_date
    rows = [_cost(session, c, f"costs[{i}]", on, problems) for i, c in enumerate(costs)]
    problems.raise_any()
    shipment.costs = rows
    _reallocate(session, shipment)
    session.flush()
    return shipment


def cancel(session: Session, shipment_id: int) -> Shipment:
    """Cancel a draft; a shipment that left is finished by receiving or closing it instead."""
    shipment = _draft(session, shipment_id, "cancel it")
    shipment.status = "cancelled"
    session.flush()
    return shipment


# ---------------------------------------------------------------- checks


def _check_header(
    session: Session, v: dict[str, Any], shipment_id: int | None, problems: _Problems
) -> None:
    for name, limit in TEXT_LIMITS.items():
        v[name] = str(v.get(name) or "").strip()
        if len(v[name]) > limit:
            problems.add(name, f"longer than {limit} characters", v[name])
    if not v["ref"]:
        problems.add("ref", "required", v["ref"])
    elif _ref_taken(session, v["ref"], shipment_id):
        problems.add("ref", "another shipment has this reference", v["ref"])
    _check_warehouses(session, v, problems)
    expected = v.get("expected_date")
    if expected is not None and not isinstance(expected, dt.date):
        problems.add("expected_date", "not a date", expected)
    _check_codes(session, v, problems)


def _ref_taken(session: Session, ref: str, shipment_id: int | None) -> bool:
    query = select(Shipment.id).where(Shipment.ref == ref, Shipment.id != (shipment_id or 0))
    return session.execute(query.limit(1)).first() is not None


def _check_warehouses(session: Session, v: dict[str, Any], problems: _Problems) -> None:
    for end in ("origin_warehouse_id", "destination_warehouse_id"):
        warehouse = session.get(Warehouse, v[end]) if isinstance(v[end], int) else None
        if warehouse is None:
            problems.add(end, "no such warehouse", v[end])
        elif not warehouse.active:
            problems.add(end, f"warehouse {warehouse.code} is not active", v[end])
    if v["origin_warehouse_id"] == v["destination_warehouse_id"]:
        problems.add("destination_warehouse_id", "the same as the origin", v["origin_warehouse_id"])


def _check_codes(session: Session, v: dict[str, Any], problems: _Problems) -> None:
    v.setdefault("allocation_basis", "chargeable_weight")
    if v["allocation_basis"] not in ALLOCATION_BASES:
        reason = f"must be one of {', '.join(ALLOCATION_BASES)}"
        problems.add("allocation_basis", reason, v["allocation_basis"])
    divisor = v.setdefault("volumetric_divisor", 6000)
    if isinstance(divisor, bool) or not isinstance(divisor, int) or divisor <= 0:
        problems.add("volumetric_divisor", "must be a whole number of cm³ per kg above 0", divisor)
    mode = v["transport_mode"] = str(v.get("transport_mode") or "2").strip()
    if not _known_code(session, "transport_modes", mode) or len(mode) != 1:
        problems.add("transport_mode", "not in the transport modes code table", mode)


def _known_code(session: Session, table: str, code: str) -> bool:
    """In the code table, or any code when the table is not loaded."""
    return codes.active_version(session, table) is None or codes.is_valid(session, table, code)


def _checked_lines(
    session: Session, drafts: Sequence[LineDraft], header: Mapping[str, Any], problems: _Problems
) -> list[ShipmentLine]:
    lines, seen = [], set()
    for i, draft in enumerate(drafts):
        name = f"lines[{i}]"
        sku = session.get(Sku, draft.sku_id) if isinstance(draft.sku_id, int) else None
        if sku is None:
            problems.add(f"{name}.sku_id", "no such SKU", draft.sku_id)
        elif sku.id in seen:
            problems.add(f"{name}.sku_id", f"SKU {sku.code} is on an earlier line", draft.sku_id)
        seen.add(draft.sku_id)
        quantity = problems.number(f"{name}.quantity", draft.quantity, 5, positive=True)
        cost = None
        if draft.unit_cost is not None:
            cost = problems.number(f"{name}.unit_cost", draft.unit_cost, 4)
        elif sku is not None and isinstance(header.get("origin_warehouse_id"), int):
            cost = _default_unit_cost(session, sku, header["origin_warehouse_id"])
        lines.append(ShipmentLine(sku_id=draft.sku_id, quantity=quantity, unit_cost=cost))
    return lines


def _default_unit_cost(session: Session, sku: Sku, origin_id: int) -> Decimal:
    """What the goods cost at the origin now, else the SKU's purchase price, else 0."""
    if session.get(Warehouse, origin_id) is not None:
        current = stock.unit_cost(session, sku.id, origin_id)
        if current > 0:
            return quantize(current, 4)
    return sku.purchase_price or Decimal(0)


def _carton(draft: CartonDraft, name: str, problems: _Problems) -> ShipmentCarton:
    carton_no = str(draft.carton_no or "").strip()
    if not carton_no or len(carton_no) > 30:
        problems.add(f"{name}.carton_no", "required, at most 30 characters", draft.carton_no)
    count = draft.carton_count
    if isinstance(count, bool) or not isinstance(count, int) or count <= 0:
        problems.add(f"{name}.carton_count", "must be a whole number above 0", count)
    sizes = {
        field: problems.number(f"{name}.{field}", getattr(draft, field), 3)
        for field in ("length_cm", "width_cm", "height_cm", "gross_weight_kg")
    }
    return ShipmentCarton(
        carton_no=carton_no, carton_count=count, contents=str(draft.contents or ""), **sizes
    )


def _duplicate_cartons(numbers: Sequence[str], problems: _Problems) -> None:
    seen: set[str] = set()
    for number in numbers:
        if number in seen:
            problems.add("carton_no", "two cartons with the same number", number)
        seen.add(number)


def _cost(
    session: Session, draft: CostDraft, name: str, on: dt.date | None, problems: _Problems
) -> ShipmentCost:
    if draft.kind not in COST_KINDS:
        problems.add(f"{name}.kind", f"must be one of {', '.join(COST_KINDS)}", draft.kind)
    if len(draft.description or "") > 200:
        problems.add(f"{name}.description", "longer than 200 characters", draft.description)
    amount = problems.number(f"{name}.amount", draft.amount, 2)
    currency = str(draft.currency or "").strip().upper()
    rate = None
    if not re.fullmatch(r"[A-Z]{3}", currency) or not _known_code(session, "currencies", currency):
        problems.add(f"{name}.currency", "not a known currency code", draft.currency)
    else:
        rate = _fx_rate(session, draft, currency, on, f"{name}.fx_rate", problems)
    amount_cny = None
    if amount is not None and currency == "CNY":
        amount_cny = amount
    elif amount is not None and rate is not None:
        amount_cny = convert(amount, rate)
    return ShipmentCost(
        kind=draft.kind, description=draft.description or "", amount=amount,
        currency=currency, fx_rate=rate, amount_cny=amount_cny,
    )  # fmt: skip


def _fx_rate(
    session: Session,
    draft: CostDraft,
    currency: str,
    on: dt.date | None,
    name: str,
    problems: _Problems,
) -> Decimal | None:
    """CNY per one unit: as given, else the central parity on or before the date (or today)."""
    if currency == "CNY":
        return None
    if draft.fx_rate is not None:
        return problems.number(name, draft.fx_rate, 6, positive=True)
    day = on or dt.date.today()
    query = (
        select(ExchangeRate)
        .where(ExchangeRate.currency == currency, ExchangeRate.rate_date <= day)
        .order_by(ExchangeRate.rate_date.desc())
    )
    found = session.execute(query.limit(1)).scalar()
    if found is None:
        problems.add(name, f"no {currency} exchange rate on or before {day}: give one", None)
        return None
    return quantize(found.rate / found.per_units, 6)


# ---------------------------------------------------------------- states


def _require(shipment: Shipment, statuses: Sequence[str], action: str) -> Shipment:
    if shipment.status not in statuses:
        raise BadInput(f"shipment {shipment.ref} is {shipment.status.replace('_', ' ')}: "
                       f"cannot {action}")  # fmt: skip
    return shipment


def _draft(session: Session, shipment_id: int, action: str) -> Shipment:
    return _require(get_shipment(session, shipment_id), ("draft",), action)


def _before_receipt(session: Session, shipment_id: int, action: str) -> Shipment:
    return _require(get_shipment(session, shipment_id), ("draft", "shipped"), action)


# ---------------------------------------------------------------- allocation and landed cost


def _reallocate(session: Session, shipment: Shipment, *, strict: bool = False) -> None:
    """Spread the costs' CNY total over the lines by the shipment's basis.

    Called after every edit so the allocated costs shown are current; a basis that cannot
    be computed yet (no weights, no cartons) leaves them at zero, except when `strict`
    (the first receipt, which fixes them), where it is refused.
    """
    if shipment.status not in ("draft", "shipped"):
        return  # receipts were posted at the landed cost of the allocation as it stands
    lines = list(shipment.lines)
    total = sum((c.amount_cny for c in shipment.costs), Decimal(0))
    parts = [Decimal("0.00")] * len(lines)
    if lines and total:
        try:
            parts = allocation.allocate(total, allocation_weights(session, shipment).values)
        except ValueError as exc:
            if strict:
                raise ValidationFailed(
                    [FieldProblem("allocation_basis", str(exc), shipment.allocation_basis)]
                ) from None
    for line, part in zip(lines, parts, strict=True):
        line.allocated_cost = part


def allocation_weights(session: Session, shipment: Shipment) -> allocation.Weights:
    """Each line's weight in the allocation and where it came from (SKU sizes or cartons).

    ValueError says what is missing when the shipment's basis cannot be computed."""
    return allocation.line_measures(
        shipment.allocation_basis,
        [line_measure(session, line) for line in shipment.lines],
        [carton_measure(c) for c in shipment.cartons],
        shipment.volumetric_divisor,
    )


def line_measure(session: Session, line: ShipmentLine) -> allocation.LineMeasure:
    """The line's quantity, and its weight and volume from its SKU's sizes, for allocation."""
    sku = session.get(Sku, line.sku_id)
    assert sku is not None  # lines are checked before they are added
    length, width, height = sku.length_cm, sku.width_cm, sku.height_cm
    volume = None if length is None or width is None or height is None else length * width * height
    return allocation.LineMeasure(line.quantity, sku.gross_weight_kg, volume)


def carton_measure(c: ShipmentCarton) -> allocation.CartonMeasure:
    return allocation.CartonMeasure(
        c.carton_count, c.length_cm, c.width_cm, c.height_cm, c.gross_weight_kg
    )


def landed_unit_cost(line: ShipmentLine) -> Decimal:
    """The origin's unit cost + the allocated first-leg cost per shipped unit, CNY, 4 places.

    The ledger values a receipt as quantity × this unit cost to the fen, so a line's
    receipts can differ from its origin value + allocated cost by up to half a unit of
    the 4th place per unit (0.50 CNY on 10,000 units)."""
    per_unit = line.allocated_cost / line.quantity
    return (line.unit_cost + per_unit).quantize(UNIT_COST, rounding=ROUND_HALF_UP)


# ---------------------------------------------------------------- shipping and receiving


def ship(
    session: Session,
    shipment_id: int,
    ship_date: dt.date,
    *,
    actor: str = "local",
    warnings: list[str] | None = None,
) -> Shipment:
    """The goods leave: a shipment_out move per line at the origin, in transit at the destination.

    Each line's unit cost becomes what the origin's ledger took out (its value / quantity),
    so the destination receives the goods at the value they left with; a draft's unit cost
    was an estimate. When the origin's ledger has no cost for them (negative stock allowed
    with a warning) the draft's unit cost stands.
    """
    shipment = _draft(session, shipment_id, "ship it")
    if not shipment.lines:
        raise BadInput(f"shipment {shipment.ref} has no lines to ship")
    problems = _Problems()
    _check_warehouses(session, {n: getattr(shipment, n) for n in DRAFT_ONLY}, problems)
    problems.raise_any()
    for line in shipment.lines:
        move = stock.post_move(
            session, sku_id=line.sku_id, warehouse_id=shipment.origin_warehouse_id,
            kind="shipment_out", quantity=-line.quantity, move_date=ship_date,
            ref_type="shipment", ref_id=shipment.id, note=f"{shipment.ref} shipped",
            actor=actor, warnings=warnings,
        )  # fmt: skip
        if move.value:
            line.unit_cost = move.unit_cost
        stock.adjust_in_transit(
            session, sku_id=line.sku_id, warehouse_id=shipment.destination_warehouse_id,
            delta=line.quantity,
        )  # fmt: skip
    shipment.status, shipment.ship_date = "shipped", ship_date
    _reallocate(session, shipment)
    session.flush()
    return shipment


def receive(
    session: Session,
    shipment_id: int,
    received: Mapping[int, Amount] | None,
    receive_date: dt.date,
    *,
    close: bool = False,
    actor: str = "local",
    warnings: list[str] | None = None,
) -> Shipment:
    """Goods arrive: a transfer_in move per SKU at the destination at its landed unit cost.

    received: {sku_id: quantity counted}; None receives everything still outstanding.
    More than shipped is received at the same landed unit cost (an overage); less leaves
    the rest in transit (partially received) until a later receipt or `close_shipment`.
    The first receipt fixes the allocation of first-leg costs. close=True finishes the
    shipment after this receipt, leaving what is missing as shortages.
    """
    shipment = get_shipment(session, shipment_id)
    if shipment.status == "received":
        raise BadInput(f"shipment {shipment.ref} was received on {shipment.received_date}: "
                       "it cannot be received again")  # fmt: skip
    _require(shipment, ("shipped", "partially_received"), "receive it")
    counts = _receipt_counts(shipment, received, receive_date)
    if shipment.status == "shipped":
        _reallocate(session, shipment, strict=True)
    for line, quantity in counts:
        _receive_line(session, shipment, line, quantity, receive_date, actor, warnings)
    done = all(line.received_quantity >= line.quantity for line in shipment.lines)
    shipment.status = "received" if done else "partially_received"
    if done:
        shipment.received_date = receive_date
    session.flush()
    return close_shipment(session, shipment.id, receive_date) if close and not done else shipment


def _receipt_counts(
    shipment: Shipment, received: Mapping[int, Amount] | None, on: dt.date
) -> list[tuple[ShipmentLine, Decimal]]:
    problems = _Problems()
    if shipment.ship_date is not None and on < shipment.ship_date:
        problems.add("receive_date", f"before the ship date {shipment.ship_date}", on)
    by_sku = {line.sku_id: line for line in shipment.lines}
    if received is None:
        received = {line.sku_id: line.quantity - line.received_quantity for line in by_sku.values()}
        received = {sku: max(q, Decimal(0)) for sku, q in received.items()}
    counts = []
    for sku_id, raw in received.items():
        quantity = problems.number(f"received[{sku_id}]", raw, 5)
        if sku_id not in by_sku:
            problems.add(f"received[{sku_id}]", "this SKU is not on the shipment", raw)
        elif quantity:
            counts.append((by_sku[sku_id], quantity))
    problems.raise_any()
    if not counts:
        raise BadInput(f"nothing to receive on shipment {shipment.ref}")
    return sorted(counts, key=lambda c: c[0].id)


def _receive_line(
    session: Session,
    shipment: Shipment,
    line: ShipmentLine,
    quantity: Decimal,
    on: dt.date,
    actor: str,
    warnings: list[str] | None,
) -> None:
    stock.post_move(
        session, sku_id=line.sku_id, warehouse_id=shipment.destination_warehouse_id,
        kind="transfer_in", quantity=quantity, move_date=on, unit_cost=landed_unit_cost(line),
        ref_type="shipment", ref_id=shipment.id, note=f"{shipment.ref} received",
        actor=actor, warnings=warnings,
    )  # fmt: skip
    in_transit = min(quantity, max(line.quantity - line.received_quantity, Decimal(0)))
    if in_transit:
        stock.adjust_in_transit(
            session, sku_id=line.sku_id, warehouse_id=shipment.destination_warehouse_id,
            delta=-in_transit,
        )  # fmt: skip
    line.received_quantity += quantity


def close_shipment(session: Session, shipment_id: int, close_date: dt.date) -> Shipment:
    """Finish a shipment that will receive nothing more: what is missing is a shortage.

    The missing quantities leave the destination's in-transit figure; the lines keep their
    shipped and received quantities, so `discrepancies` shows every shortage.
    """
    shipment = _require(get_shipment(session, shipment_id), ("shipped", "partially_received"),
                        "close it")  # fmt: skip
    if shipment.ship_date is not None and close_date < shipment.ship_date:
        reason = f"before the ship date {shipment.ship_date}"
        raise ValidationFailed([FieldProblem("close_date", reason, close_date)])
    for line in shipment.lines:
        missing = line.quantity - line.received_quantity
        if missing > 0:
            stock.adjust_in_transit(
                session, sku_id=line.sku_id, warehouse_id=shipment.destination_warehouse_id,
                delta=-missing,
            )  # fmt: skip
    shipment.status, shipment.received_date = "received", close_date
    session.flush()
    return shipment


def discrepancies(session: Session, shipment_id: int) -> list[Discrepancy]:
    """Every line's shipped and received quantity; `kind` tells shortages and overages."""
    shipment = get_shipment(session, shipment_id)
    closed = shipment.status == "received"
    skus = {s.id: s.code for s in session.scalars(
        select(Sku).where(Sku.id.in_([line.sku_id for line in shipment.lines]))
    )}  # fmt: skip
    ordered = sorted(shipment.lines, key=lambda line: line.id)
    return [
        Discrepancy(line.id, line.sku_id, skus[line.sku_id], line.quantity,
                    line.received_quantity, landed_unit_cost(line), closed)
        for line in ordered
    ]  # fmt: skip
