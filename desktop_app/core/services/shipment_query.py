"""Read side of the Shipments screen: id lists, rows, one shipment's detail, a costs preview.

The shipments table is lazy like the orders table: `shipment_ids` lists the ids of the
current search, filter and sort in one query, `shipment_rows` reads the rows shown. The
rest are small reads for the detail pane, the editor's choices and the costs preview.
"""

from __future__ import annotations

import datetime as dt
import re
from array import array
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from sqlalchemy import ColumnElement, Select, func, or_, select
from sqlalchemy.orm import Session, aliased

from desktop_app.core.models import (
    ExchangeRate,
    Shipment,
    ShipmentCarton,
    ShipmentCost,
    ShipmentLine,
    Sku,
    Warehouse,
)
from desktop_app.core.money import convert, quantize, to_decimal
from desktop_app.core.services import allocation, shipments, stock
from desktop_app.core.services.id_lists import fetch_ids, like_any, pages

DEFAULT_SORT = ("ref", False)  # FL-2026-0012 first: the newest of the generated refs
IN_TRANSIT = "in_transit"  # status filter value: shipped or partially received
MAX_SEARCH_WORDS = 10
ZERO = Decimal(0)

Origin = aliased(Warehouse, name="origin")
Destination = aliased(Warehouse, name="destination")


@dataclass(frozen=True)
class ShipmentFilters:
    """What the filter bar narrows the shipments to; empty values mean "any"."""

    status: str = ""  # a shipment status, or IN_TRANSIT
    warehouse_id: int | None = None  # either end


@dataclass(frozen=True)
class ShipmentRow:
    """One line of the shipments table."""

    id: int
    ref: str
    origin: str
    destination: str
    status: str
    ship_date: dt.date | None
    expected_date: dt.date | None
    received_date: dt.date | None
    lines: int
    units: Decimal
    received_units: Decimal
    cartons: int
    cost_cny: Decimal


@dataclass(frozen=True)
class DetailLine:
    line_id: int
    sku_id: int
    sku_code: str
    sku_name: str
    quantity: Decimal
    received: Decimal
    unit_cost: Decimal  # CNY at the origin
    allocated_cost: Decimal  # first-leg CNY
    landed_unit_cost: Decimal

    @property
    def outstanding(self) -> Decimal:
        return max(self.quantity - self.received, ZERO)


@dataclass(frozen=True)
class CartonRow:
    carton_no: str
    carton_count: int
    length_cm: Decimal
    width_cm: Decimal
    height_cm: Decimal
    gross_weight_kg: Decimal  # per carton
    contents: str


@dataclass(frozen=True)
class CostRow:
    kind: str
    description: str
    amount: Decimal
    currency: str
    fx_rate: Decimal | None
    amount_cny: Decimal


@dataclass(frozen=True)
class ShipmentDetail:
    """One shipment with its lines, cartons, costs and discrepancies, as plain values."""

    row: ShipmentRow
    origin_id: int
    destination_id: int
    origin_name: str
    destination_name: str
    carrier: str
    tracking_no: str
    booking_no: str
    transport_mode: str
    allocation_basis: str
    volumetric_divisor: int
    notes: str
    lines: list[DetailLine] = field(default_factory=list)
    cartons: list[CartonRow] = field(default_factory=list)
    costs: list[CostRow] = field(default_factory=list)
    discrepancies: list[shipments.Discrepancy] = field(default_factory=list)
    gross_weight_kg: Decimal = ZERO  # the cartons'
    chargeable_weight_kg: Decimal = ZERO

    @property
    def costs_open(self) -> bool:
        """Costs, cartons and the basis change until the first receipt fixes them."""
        return self.row.status in ("draft", "shipped")


@dataclass(frozen=True)
class WarehouseChoice:
    id: int
    code: str
    name: str
    kind: str
    active: bool


# ---------------------------------------------------------------- the list


def _line_stat(expression: Any) -> Any:
    return (
        select(expression)
        .where(ShipmentLine.shipment_id == Shipment.id)
        .correlate(Shipment)
        .scalar_subquery()
    )


SORT_COLUMNS: dict[str, Any] = {
    "ref": lambda: Shipment.ref,
    "origin": lambda: Origin.code,
    "destination": lambda: Destination.code,
    "status": lambda: Shipment.status,
    "ship_date": lambda: Shipment.ship_date,
    "expected_date": lambda: Shipment.expected_date,
    "received_date": lambda: Shipment.received_date,
    "lines": lambda: _line_stat(func.count()),
    "units": lambda: _line_stat(func.coalesce(func.sum(ShipmentLine.quantity), 0)),
    "cartons": lambda: (
        select(func.coalesce(func.sum(ShipmentCarton.carton_count), 0))
        .where(ShipmentCarton.shipment_id == Shipment.id)
        .correlate(Shipment)
        .scalar_subquery()
    ),
    "cost_cny": lambda: (
        select(func.coalesce(func.sum(ShipmentCost.amount_cny), 0))
        .where(ShipmentCost.shipment_id == Shipment.id)
        .correlate(Shipment)
        .scalar_subquery()
    ),
}


def shipment_ids(
    session: Session,
    text: str = "",
    filters: ShipmentFilters = ShipmentFilters(),
    sort: tuple[str, bool] = DEFAULT_SORT,
    *,
    limit: int | None = None,
) -> array[int]:
    """Ids of the shipments matching `text` and `filters`, in `sort` order (ties by id).

    Each word of `text` must appear in the reference, carrier, tracking or booking number,
    or be the code of a SKU on the shipment.
    """
    key, ascending = sort
    if key not in SORT_COLUMNS:
        raise ValueError(f"cannot sort shipments by {key!r}")
    stmt: Select[Any] = select(Shipment.id)
    if key == "origin":
        stmt = stmt.join(Origin, Origin.id == Shipment.origin_warehouse_id)
    elif key == "destination":
        stmt = stmt.join(Destination, Destination.id == Shipment.destination_warehouse_id)
    stmt = stmt.where(*_conditions(text, filters))
    column = SORT_COLUMNS[key]()
    if ascending:
        stmt = stmt.order_by(column.asc(), Shipment.id.asc())
    else:
        stmt = stmt.order_by(column.desc(), Shipment.id.desc())
    if limit is not None:
        stmt = stmt.limit(limit)
    return fetch_ids(session, stmt)


def _conditions(text: str, f: ShipmentFilters) -> list[ColumnElement[bool]]:
    conditions: list[ColumnElement[bool]] = []
    if f.status == IN_TRANSIT:
        conditions.append(Shipment.status.in_(("shipped", "partially_received")))
    elif f.status:
        conditions.append(Shipment.status == f.status)
    if f.warehouse_id is not None:
        conditions.append(
            or_(
                Shipment.origin_warehouse_id == f.warehouse_id,
                Shipment.destination_warehouse_id == f.warehouse_id,
            )
        )
    words = [w for w in re.split(r"\s+", text.strip()) if w][:MAX_SEARCH_WORDS]
    for word in words:
        on_line = (
            select(ShipmentLine.shipment_id)
            .join(Sku, Sku.id == ShipmentLine.sku_id)
            .where(func.upper(Sku.code) == word.upper())
        )
        references = [Shipment.ref, Shipment.carrier, Shipment.tracking_no, Shipment.booking_no]
        conditions.append(or_(like_any(references, word), Shipment.id.in_(on_line)))
    return conditions


def shipment_rows(session: Session, ids: Sequence[int]) -> list[ShipmentRow]:
    """The table rows of `ids`, in the same order; ids no longer there are left out."""
    found: dict[int, ShipmentRow] = {}
    for page in pages(ids):
        lines = _line_totals(session, page)
        cartons = _sums(session, ShipmentCarton.carton_count, ShipmentCarton.shipment_id, page)
        costs = _sums(session, ShipmentCost.amount_cny, ShipmentCost.shipment_id, page)
        for r in session.execute(_row_select().where(Shipment.id.in_(page))):
            count, units, received = lines.get(r.id, (0, ZERO, ZERO))
            found[r.id] = ShipmentRow(
                id=r.id, ref=r.ref, origin=r.origin_code, destination=r.destination_code,
                status=r.status, ship_date=r.ship_date, expected_date=r.expected_date,
                received_date=r.received_date, lines=count, units=units,
                received_units=received, cartons=int(cartons.get(r.id, 0)),
                cost_cny=Decimal(costs.get(r.id, ZERO)),
            )  # fmt: skip
    return [found[i] for i in ids if i in found]


def _row_select() -> Select[Any]:
    columns = (Shipment.id, Shipment.ref, Shipment.status, Shipment.ship_date,
               Shipment.expected_date, Shipment.received_date, Origin.code.label("origin_code"),
               Destination.code.label("destination_code"))  # fmt: skip
    return (
        select(*columns)
        .join(Origin, Origin.id == Shipment.origin_warehouse_id)
        .join(Destination, Destination.id == Shipment.destination_warehouse_id)
    )


def _line_totals(session: Session, ids: Sequence[int]) -> dict[int, tuple[int, Decimal, Decimal]]:
    stmt = (
        select(
            ShipmentLine.shipment_id,
            func.count(),
            func.sum(ShipmentLine.quantity),
            func.sum(ShipmentLine.received_quantity),
        )
        .where(ShipmentLine.shipment_id.in_(ids))
        .group_by(ShipmentLine.shipment_id)
    )
    return {
        i: (n, Decimal(units or 0), Decimal(received or 0))
        for i, n, units, received in session.execute(stmt)
    }


def _sums(session: Session, column: Any, owner: Any, ids: Sequence[int]) -> dict[int, Any]:
    stmt = select(owner, func.sum(column)).where(owner.in_(ids)).group_by(owner)
    return {i: total or 0 for i, total in session.execute(stmt)}


# ---------------------------------------------------------------- one shipment


def shipment_detail(session: Session, shipment_id: int) -> ShipmentDetail | None:
    """One shipment with everything the detail pane and the dialogs show; None if gone."""
    shipment = session.get(Shipment, shipment_id)
    rows = shipment_rows(session, [shipment_id])
    if shipment is None or not rows:
        return None
    ends = {w.id: w for w in session.scalars(select(Warehouse).where(
        Warehouse.id.in_((shipment.origin_warehouse_id, shipment.destination_warehouse_id))
    ))}  # fmt: skip
    cartons = [_carton(c) for c in sorted(shipment.cartons, key=lambda c: c.id)]
    measures = [shipments.carton_measure(c) for c in shipment.cartons]
    return ShipmentDetail(
        row=rows[0], origin_id=shipment.origin_warehouse_id,
        destination_id=shipment.destination_warehouse_id,
        origin_name=ends[shipment.origin_warehouse_id].name,
        destination_name=ends[shipment.destination_warehouse_id].name,
        carrier=shipment.carrier, tracking_no=shipment.tracking_no,
        booking_no=shipment.booking_no, transport_mode=shipment.transport_mode,
        allocation_basis=shipment.allocation_basis,
        volumetric_divisor=shipment.volumetric_divisor, notes=shipment.notes,
        lines=_lines(session, shipment), cartons=cartons,
        costs=[_cost(c) for c in sorted(shipment.costs, key=lambda c: c.id)],
        discrepancies=shipments.discrepancies(session, shipment_id),
        gross_weight_kg=sum((c.gross_weight_kg * c.carton_count for c in cartons), ZERO),
        chargeable_weight_kg=allocation.chargeable_weight(measures, shipment.volumetric_divisor),
    )  # fmt: skip


def _lines(session: Session, shipment: Shipment) -> list[DetailLine]:
    ids = [line.sku_id for line in shipment.lines]
    skus = {s.id: s for s in session.scalars(select(Sku).where(Sku.id.in_(ids)))}
    lines = []
    for line in sorted(shipment.lines, key=lambda line: line.id):
        sku = skus[line.sku_id]
        lines.append(DetailLine(
            line.id, sku.id, sku.code, sku.name_cn, line.quantity, line.received_quantity,
            line.unit_cost, line.allocated_cost, shipments.landed_unit_cost(line),
        ))  # fmt: skip
    return lines


def _carton(c: ShipmentCarton) -> CartonRow:
    return CartonRow(c.carton_no, c.carton_count, c.length_cm, c.width_cm, c.height_cm,
                     c.gross_weight_kg, c.contents)  # fmt: skip


def _cost(c: ShipmentCost) -> CostRow:
    return CostRow(c.kind, c.description, c.amount, c.currency, c.fx_rate, c.amount_cny)


# ---------------------------------------------------------------- choices for the editors


def warehouse_choices(session: Session) -> list[WarehouseChoice]:
    """Every warehouse by code; the editors offer the active ones."""
    query = select(Warehouse).order_by(Warehouse.code)
    return [WarehouseChoice(w.id, w.code, w.name, w.kind, w.active) for w in session.scalars(query)]


def default_unit_cost(session: Session, sku_id: int, origin_id: int) -> Decimal:
    """What a unit of the SKU costs at the origin now (the draft's default unit cost).

    The ledger's current cost, else the SKU's purchase price, else 0 — as create_shipment
    fills a line given no unit cost.
    """
    sku = session.get(Sku, sku_id)
    if sku is None or session.get(Warehouse, origin_id) is None:
        return ZERO
    current = stock.unit_cost(session, sku_id, origin_id)
    if current > 0:
        return quantize(current, 4)
    return sku.purchase_price or ZERO


# ---------------------------------------------------------------- costs preview


@dataclass(frozen=True)
class CostLinePreview:
    """One cost as it would be saved: its rate (given or from the rate table) and CNY."""

    fx_rate: Decimal | None
    amount_cny: Decimal | None  # None: the amount or rate is missing or wrong
    rate_from_table: bool = False


@dataclass(frozen=True)
class AllocationPreview:
    costs: list[CostLinePreview]
    total_cny: Decimal
    parts: list[Decimal]  # per line, in DetailLine order
    weights: list[Decimal]
    source: str  # allocation.Weights.source, or "" when it cannot be computed
    problem: str = ""  # why the allocation cannot be computed (English, from the core)


def preview_costs(
    session: Session,
    shipment_id: int,
    costs: Sequence[shipments.CostDraft],
    basis: str,
    divisor: int,
) -> AllocationPreview:
    """What saving these costs with this basis would allocate to each line; writes nothing."""
    shipment = shipments.get_shipment(session, shipment_id)
    day = shipment.ship_date or dt.date.today()
    previews = [_cost_preview(session, draft, day) for draft in costs]
    total = sum((p.amount_cny for p in previews if p.amount_cny is not None), ZERO)
    lines = sorted(shipment.lines, key=lambda line: line.id)
    measures = [shipments.line_measure(session, line) for line in lines]
    cartons = [shipments.carton_measure(c) for c in shipment.cartons]
    try:
        weights = allocation.line_measures(basis, measures, cartons, divisor)
        parts = allocation.allocate(total, weights.values) if lines else []
    except ValueError as exc:
        zero = [Decimal("0.00")] * len(lines)
        return AllocationPreview(previews, total, zero, zero, "", str(exc))
    return AllocationPreview(previews, total, parts, list(weights.values), weights.source)


def _cost_preview(session: Session, draft: shipments.CostDraft, day: dt.date) -> CostLinePreview:
    amount = _decimal(draft.amount)
    currency = (draft.currency or "").strip().upper()
    if currency == "CNY":
        return CostLinePreview(None, amount)
    rate, from_table = _decimal(draft.fx_rate), False
    if draft.fx_rate in (None, ""):
        rate, from_table = _table_rate(session, currency, day), True
    if amount is None or rate is None or rate <= 0:
        return CostLinePreview(rate, None, from_table)
    return CostLinePreview(rate, convert(amount, rate), from_table)


def _decimal(raw: object) -> Decimal | None:
    try:
        value = to_decimal(raw)
    except (TypeError, ValueError):
        return None
    return value if value >= 0 else None


def _table_rate(session: Session, currency: str, day: dt.date) -> Decimal | None:
    """The central parity on or before the day, per one unit (as set_costs takes it)."""
    query = (
        select(ExchangeRate)
        .where(ExchangeRate.currency == currency, ExchangeRate.rate_date <= day)
        .order_by(ExchangeRate.rate_date.desc())
        .limit(1)
    )
    found = session.execute(query).scalar()
    return None if found is None else quantize(found.rate / found.per_units, 6)
