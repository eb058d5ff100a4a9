"""Declaration drafts (报关单草稿) from first-leg shipments (9810) and orders (9610 / 9710 / 0110).

A draft is built from its source, never retyped. Every source line (a shipment line, an
order line) becomes a SourceLine carrying its SKU's declaration fields; source lines with
the same (HS code, declared name and 申报要素, units, origin, destination, domestic source)
merge into one declaration line with summed quantities, amounts and weights. The legal
first and second quantities are each SKU's trade quantity × its conversion factor, summed
per line. A declaration holds at most MAX_LINES lines: more make several declarations.

- 9810: one shipment; the values are the shipment lines' CNY unit costs (or given unit
  prices) in the declared currency (USD unless told otherwise), converted at the company's
  FX policy rate; cartons give the packages and the gross weight.
- 9610: the B2C orders shipped directly from China in a period (China time), summarised per
  (destination country, currency) as customs merge the 清单 (汇总申报); the order lines
  behind each line are kept in declaration_order_link.
- 9710 / 0110: one declaration per order (the order is the contract), in its currency.

Money is Decimal, ROUND_HALF_UP to the fen; a merged line's amount is the exact sum of its
sources. The USD FOB kept for the rebate follows DOMAIN.md §4: the central parity of the
export day or of the 1st of its month, as the company profile says.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from sqlalchemy import exists, insert, select
from sqlalchemy.orm import Session

from desktop_app.core import audit
from desktop_app.core.errors import BadInput, FieldProblem, ValidationFailed
from desktop_app.core.models import (
    CompanyProfile,
    Declaration,
    DeclarationLine,
    DeclarationOrderLink,
    DeclarationShipmentLink,
    Order,
    OrderLine,
    Shipment,
    Shop,
    Sku,
    Warehouse,
)
from desktop_app.core.models.declarations import MAX_LINES
from desktop_app.core.models.orders import NON_SALE_STATUSES
from desktop_app.core.money import ZERO, quantize, round_fen
from desktop_app.core.services import company
from desktop_app.core.services.allocation import allocate
from desktop_app.core.services.declaration_checks import sku_problems
from desktop_app.core.services.declaration_life import (
    apply_usd_fob,
    cny_per_unit,
    policy_day,
    recompute_totals,
)
from desktop_app.core.services.id_lists import pages

ORDER_MODES = ("9610", "9710", "0110")
SOURCE_KIND = {"9810": "shipment", "9610": "orders_9610", "9710": "b2b_order",
               "0110": "general_trade"}  # fmt: skip
REF_PREFIX = "BG"
CHINA_TIME = dt.timezone(dt.timedelta(hours=8))  # periods are China calendar days
_SHIPMENT_STATES = ("draft", "shipped", "partially_received", "received")


@dataclass(frozen=True)
class Charge:
    """Freight, insurance or other charges as declared: mark 1 rate (%), 2 per unit, 3 total."""

    amount: Decimal
    mark: int = 3
    currency: str = "USD"


@dataclass(frozen=True)
class HeaderOptions:
    """What the source cannot say; None takes the source's value or the default."""

    trade_terms: int = 3  # 成交方式 FOB
    freight: Charge | None = None
    insurance: Charge | None = None
    other_charges: Charge | None = None
    currency: str | None = None  # shipments: USD; orders: always the orders' own
    transport_mode: str | None = None  # shipments: their own; orders: ORDER_TRANSPORT_MODE
    package_kind: str = "22"  # 纸制或纤维板制盒/箱
    levy_nature: str = "101"  # 一般征税
    levy_mode: str = "1"  # 照章征税
    destination_port: str = ""
    departure_port: str = ""
    contract_no: str | None = None
    overseas_consignee: str | None = None


ORDER_TRANSPORT_MODE = "5"  # parcels shipped directly from China go by air


@dataclass(frozen=True)
class MergeKey:
    """What must be equal for source lines to merge into one declaration line."""

    hs_code: str
    name_cn: str
    elements: str
    trade_unit: str
    first_unit: str
    second_unit: str | None
    origin: str
    destination: str
    domestic_source: str


@dataclass(frozen=True)
class SourceLine:
    """One shipment or order line, priced in the declared currency."""

    key: MergeKey
    sku_id: int
    quantity: Decimal  # trade units
    amount: Decimal  # to the fen
    first_factor: Decimal
    second_factor: Decimal | None = None
    net_kg: Decimal | None = None  # per trade unit
    gross_kg: Decimal | None = None
    order_id: int | None = None
    order_line_id: int | None = None


@dataclass
class MergedLine:
    key: MergeKey
    sources: list[SourceLine] = field(default_factory=list)
    quantity: Decimal = ZERO
    amount: Decimal = ZERO
    first_quantity: Decimal = ZERO
    second_quantity: Decimal | None = None
    net_kg: Decimal | None = None
    gross_kg: Decimal | None = None


# ---------------------------------------------------------------- merging and splitting


def merge_lines(sources: Iterable[SourceLine]) -> list[MergedLine]:
    """Source lines merged by MergeKey, ordered by HS code then name; amounts sum exactly."""
    merged: dict[MergeKey, MergedLine] = {}
    for source in sources:
        line = merged.setdefault(source.key, MergedLine(source.key))
        line.sources.append(source)
        line.quantity += source.quantity
        line.amount += source.amount
    for line in merged.values():
        _legal_quantities(line)
    return sorted(merged.values(), key=lambda m: _sort_key(m.key))


def _sort_key(key: MergeKey) -> tuple[str, ...]:
    return (key.hs_code, key.name_cn, key.elements, key.destination, key.origin,
            key.domestic_source, key.trade_unit, key.first_unit, key.second_unit or "")  # fmt: skip


def _legal_quantities(line: MergedLine) -> None:
    """Per SKU: its total trade quantity × its factors and unit weights, rounded once."""
    per_sku: dict[int, list[SourceLine]] = defaultdict(list)
    for source in line.sources:
        per_sku[source.sku_id].append(source)
    first, second, net, gross = ZERO, ZERO, ZERO, ZERO
    no_second = no_net = no_gross = False
    for group in per_sku.values():
        quantity, sku = sum((s.quantity for s in group), ZERO), group[0]
        first += quantize(quantity * sku.first_factor, 5)
        no_second |= sku.second_factor is None
        second += quantize(quantity * (sku.second_factor or ZERO), 5)
        no_net |= sku.net_kg is None
        net += quantize(quantity * (sku.net_kg or ZERO), 3)
        no_gross |= sku.gross_kg is None
        gross += quantize(quantity * (sku.gross_kg or ZERO), 3)
    line.first_quantity = first
    line.second_quantity = None if line.key.second_unit is None or no_second else second
    line.net_kg = None if no_net else net
    line.gross_kg = None if no_gross else gross


def split(lines: Sequence[MergedLine], size: int = MAX_LINES) -> list[list[MergedLine]]:
    """Consecutive groups of at most `size` lines (one declaration each)."""
    return [list(lines[i : i + size]) for i in range(0, len(lines), size)] or [[]]


# ---------------------------------------------------------------- SKUs → source lines


def _source_line(
    sku: Sku, profile: CompanyProfile, destination: str, quantity: Decimal, amount: Decimal,
    order_id: int | None = None, order_line_id: int | None = None,
) -> SourceLine:  # fmt: skip
    key = MergeKey(
        hs_code=sku.hs_code or "", name_cn=sku.name_cn,
        elements=sku.declaration_elements or sku.spec, trade_unit=sku.trade_unit,
        first_unit=sku.legal_first_unit or "", second_unit=sku.legal_second_unit or None,
        origin=sku.origin_country or "", destination=destination,
        domestic_source=sku.domestic_source or profile.domestic_source_region or "",
    )  # fmt: skip
    return SourceLine(
        key, sku.id, quantity, amount, sku.first_unit_factor,
        sku.second_unit_factor if sku.legal_second_unit else None,
        sku.net_weight_kg, sku.gross_weight_kg, order_id, order_line_id,
    )  # fmt: skip


# ---------------------------------------------------------------- 9810 from a shipment


def draft_from_shipment(
    session: Session,
    shipment_id: int,
    *,
    options: HeaderOptions | None = None,
    unit_prices: Mapping[int, Decimal] | None = None,
    today: dt.date | None = None,
) -> list[Declaration]:
    """9810 draft(s) for a first-leg shipment to an overseas warehouse.

    A line's value is its CNY unit cost × quantity converted to the declared currency, or
    `unit_prices[sku_id]` (in the declared currency) × quantity. Raises BadInput for a
    cancelled or already declared shipment, ValidationFailed for SKUs lacking declaration
    fields or weights that do not add up, MissingRate for a missing exchange rate.
    """
    options, today = options or HeaderOptions(), today or dt.date.today()
    shipment = _shipment(session, shipment_id)
    profile = company.get_profile(session)
    destination = session.get(Warehouse, shipment.destination_warehouse_id)
    assert destination is not None  # a foreign key
    if destination.kind == "domestic" or destination.country == "CHN":
        raise BadInput(f"shipment {shipment.ref} stays in China: it is not an export")
    currency = (options.currency or "USD").upper()
    planned = shipment.ship_date or today
    skus = [line.sku for line in shipment.lines]
    problems = sku_problems(sorted(skus, key=lambda s: s.code))
    if problems:
        raise ValidationFailed(problems)
    prices = unit_prices or {}
    per_unit = None
    sources = []
    for line in sorted(shipment.lines, key=lambda sl: sl.sku.code):
        price = prices.get(line.sku_id)
        if price is not None:
            amount = round_fen(Decimal(price) * line.quantity)
        else:
            if per_unit is None:
                per_unit = cny_per_unit(session, currency, policy_day(profile, planned))
            amount = round_fen(round_fen(line.unit_cost * line.quantity) / per_unit)
        sources.append(_source_line(line.sku, profile, destination.country, line.quantity, amount))
    merged = merge_lines(sources)
    head = _header(profile, "9810", options, currency)
    head.update(
        transport_mode=options.transport_mode or shipment.transport_mode,
        transport_name=shipment.carrier[:60], bill_no=shipment.tracking_no[:60],
        contract_no=(options.contract_no or shipment.booking_no or shipment.ref)[:60],
        trade_country=destination.country, destination_country=destination.country,
        overseas_consignee=options.overseas_consignee or destination.provider or destination.name,
        marks_remarks=_shipment_remarks(shipment),
    )  # fmt: skip
    cartons = [(c.carton_count, c.gross_weight_kg) for c in shipment.cartons]
    _cartons_hold_the_goods(shipment.ref, merged, cartons)
    declarations = _create(session, head, merged, options, today, planned)
    _shipment_packages(declarations, cartons)
    for declaration in declarations:
        session.add(DeclarationShipmentLink(declaration_id=declaration.id, shipment_id=shipment.id))
    session.flush()
    return declarations


def _shipment(session: Session, shipment_id: int) -> Shipment:
    shipment = session.get(Shipment, shipment_id)
    if shipment is None:
        raise BadInput(f"no shipment with id {shipment_id}")
    if shipment.status not in _SHIPMENT_STATES:
        raise BadInput(f"shipment {shipment.ref} is {shipment.status}: nothing to declare")
    if not shipment.lines:
        raise BadInput(f"shipment {shipment.ref} has no lines to declare")
    taken = session.scalars(
        select(Declaration.ref)
        .join(DeclarationShipmentLink, DeclarationShipmentLink.declaration_id == Declaration.id)
        .where(DeclarationShipmentLink.shipment_id == shipment_id,
               Declaration.status != "cancelled")
    ).all()  # fmt: skip
    if taken:
        raise BadInput(f"shipment {shipment.ref} is already declared by {', '.join(taken)}")
    return shipment


def _shipment_remarks(shipment: Shipment) -> str:
    booking = f"订仓单号 {shipment.booking_no}; " if shipment.booking_no else ""
    return f"{booking}头程 {shipment.ref}"


def _cartons_hold_the_goods(
    ref: str, merged: list[MergedLine], cartons: list[tuple[int, Decimal]]
) -> None:
    net = sum((m.net_kg or ZERO for m in merged), ZERO)
    gross = sum((n * kg for n, kg in cartons), ZERO)
    if cartons and net > gross:
        reason = (f"shipment {ref}: the cartons weigh {gross} kg gross, less than the goods' "
                  f"{net} kg net; correct the cartons or the SKU weights")  # fmt: skip
        raise ValidationFailed([FieldProblem("gross_weight_kg", reason, gross)])


def _shipment_packages(declarations: list[Declaration], cartons: list[tuple[int, Decimal]]) -> None:
    """The cartons' count and gross weight, shared over the declarations by net weight."""
    if not cartons:
        return
    gross = sum((n * kg for n, kg in cartons), ZERO)
    nets = [d.net_weight_kg or ZERO for d in declarations]
    net_total = sum(nets, ZERO)
    basis = nets if net_total else [Decimal(len(d.lines)) for d in declarations]
    extra = allocate(quantize(gross - net_total, 3), basis, 3)
    packages = allocate(Decimal(sum(n for n, _ in cartons)), basis, 0)
    for declaration, net, more, count in zip(declarations, nets, extra, packages, strict=True):
        declaration.gross_weight_kg = net + more
        declaration.packages = int(count)


# ---------------------------------------------------------------- 9610 / 9710 / 0110 from orders


def draft_from_orders(
    session: Session,
    mode: str,
    date_from: dt.date,
    date_to: dt.date,
    *,
    shop_id: int | None = None,
    order_id: int | None = None,
    options: HeaderOptions | None = None,
    today: dt.date | None = None,
    skip_unready: bool = False,
    warnings: list[str] | None = None,
) -> list[Declaration]:
    """Drafts for the undeclared orders of `mode` shipped in [date_from, date_to] (China days).

    9610: one summary per (destination country, currency), split at MAX_LINES lines;
    9710 and 0110: one declaration per order. Raises BadInput when no order qualifies,
    ValidationFailed listing the order lines that cannot be declared (unmapped SKU, no
    amount) and the SKUs lacking declaration fields; nothing is written then. With
    `skip_unready` those lines are left out (to be declared once fixed) and named in `warnings`.
    """
    if mode not in ORDER_MODES:
        raise BadInput(f"mode {mode!r}: orders are declared under {', '.join(ORDER_MODES)}")
    if date_to < date_from:
        raise BadInput(f"the period ends ({date_to}) before it starts ({date_from})")
    options, today = options or HeaderOptions(), today or dt.date.today()
    rows = _order_rows(session, mode, date_from, date_to, shop_id, order_id)
    if not rows:
        raise BadInput(f"no undeclared {mode} orders shipped from {date_from} to {date_to}")
    skus = _skus(session, {r.sku_id for r in rows if r.sku_id is not None})
    rows = _ready(rows, skus, skip_unready, warnings)
    profile = company.get_profile(session)
    groups: dict[tuple, list] = defaultdict(list)
    for row in rows:
        group = (row.ship_country, row.currency) if mode == "9610" else (row.order_id,)
        groups[group].append(row)
    shops = {s.id: s.name for s in session.scalars(select(Shop))}
    declarations = []
    for group_rows in groups.values():
        declarations += _order_group(session, mode, group_rows, skus, profile, shops, options,
                                     (date_from, date_to), today)  # fmt: skip
    return declarations


def draft_from_order(
    session: Session, order_id: int, *, options: HeaderOptions | None = None,
    today: dt.date | None = None,
) -> list[Declaration]:  # fmt: skip
    """The 9710 or 0110 draft of one order (its customs mode says which)."""
    order = session.get(Order, order_id)
    if order is None:
        raise BadInput(f"no order with id {order_id}")
    if order.customs_mode not in ("9710", "0110") or order.shipped_at is None:
        raise BadInput(f"order {order.platform_order_id} is not a shipped 9710 or 0110 order")
    day = order.shipped_at.astimezone(CHINA_TIME).date()
    return draft_from_orders(session, order.customs_mode, day, day, order_id=order_id,
                             options=options, today=today)  # fmt: skip


@dataclass(frozen=True)
class _OrderRow:
    order_id: int
    order_line_id: int
    platform_order_id: str
    line_no: int
    shop_id: int
    currency: str
    ship_country: str
    shipped_at: dt.datetime
    sku_id: int | None
    quantity: Decimal
    amount: Decimal | None


def _order_rows(
    session: Session, mode: str, first: dt.date, last: dt.date, shop_id: int | None,
    order_id: int | None,
) -> list[_OrderRow]:  # fmt: skip
    start = dt.datetime.combine(first, dt.time(), CHINA_TIME)
    end = dt.datetime.combine(last + dt.timedelta(days=1), dt.time(), CHINA_TIME)
    declared = exists().where(
        DeclarationOrderLink.order_line_id == OrderLine.id,
        DeclarationLine.id == DeclarationOrderLink.declaration_line_id,
        Declaration.id == DeclarationLine.declaration_id,
        Declaration.status != "cancelled",
    )
    query = (
        select(Order.id, OrderLine.id, Order.platform_order_id, OrderLine.line_no, Order.shop_id,
               Order.currency, Order.ship_country, Order.shipped_at, OrderLine.sku_id,
               OrderLine.sku_quantity, OrderLine.quantity, OrderLine.amount, OrderLine.discount)
        .join(OrderLine, OrderLine.order_id == Order.id)
        .where(Order.customs_mode == mode, Order.status.not_in(NON_SALE_STATUSES),
               Order.shipped_at >= start, Order.shipped_at < end, ~declared)
        .order_by(Order.shipped_at, Order.id, OrderLine.line_no)
    )  # fmt: skip
    if shop_id is not None:
        query = query.where(Order.shop_id == shop_id)
    if order_id is not None:
        query = query.where(Order.id == order_id)
    rows = []
    for r in session.execute(query):
        quantity = r[9] if r[9] is not None else r[10]
        amount = None if r[11] is None else r[11] - (r[12] or ZERO)
        if quantity > 0:  # a line of nothing shipped declares nothing
            rows.append(_OrderRow(*r[:9], quantity, amount))
    return rows


def _ready(
    rows: list[_OrderRow], skus: dict[int, Sku], skip: bool, warnings: list[str] | None
) -> list[_OrderRow]:
    """The rows that can be declared; the others raise, or with `skip` become warnings."""
    bad_skus = {i: sku_problems([s]) for i, s in sorted(skus.items(), key=lambda i: i[1].code)}
    problems = [p for found in bad_skus.values() for p in found]
    bad_lines: set[int] = set()
    for r in rows:
        where = f"order {r.platform_order_id} line {r.line_no}"
        found = (
            [FieldProblem(f"{where}: sku", "not mapped to a SKU yet")] if r.sku_id is None else []
        )
        if r.amount is None or r.amount < 0:
            found.append(FieldProblem(f"{where}: amount", "no goods amount", r.amount))
        if not r.ship_country:
            found.append(FieldProblem(f"{where}: ship_country", "no destination country"))
        if found or bad_skus.get(r.sku_id or 0):
            bad_lines.add(r.order_line_id)
        problems += found
    if problems and not skip:
        raise ValidationFailed(problems)
    if warnings is not None:
        warnings += [f"left out: {p}" for p in problems]
    ready = [r for r in rows if r.order_line_id not in bad_lines]
    if not ready:
        raise BadInput("none of the orders can be declared: " + "; ".join(map(str, problems[:20])))
    return ready


def _skus(session: Session, ids: set[int]) -> dict[int, Sku]:
    found: dict[int, Sku] = {}
    for page in pages(sorted(ids)):
        found.update((s.id, s) for s in session.scalars(select(Sku).where(Sku.id.in_(page))))
    return found


def _order_group(
    session: Session, mode: str, rows: list[_OrderRow], skus: dict[int, Sku],
    profile: CompanyProfile, shops: dict[int, str], options: HeaderOptions,
    period: tuple[dt.date, dt.date], today: dt.date,
) -> list[Declaration]:  # fmt: skip
    first = rows[0]
    sources = [_source_line(skus[r.sku_id], profile, r.ship_country, r.quantity,
                            r.amount or ZERO, r.order_id, r.order_line_id)
               for r in rows if r.sku_id is not None]  # fmt: skip
    merged = merge_lines(sources)
    shop_names = sorted({shops.get(r.shop_id, "") for r in rows} - {""})
    head = _header(profile, mode, options, first.currency)
    contract = first.platform_order_id if mode != "9610" else ""
    shop_ids = {r.shop_id for r in rows}
    head.update(
        transport_mode=options.transport_mode or ORDER_TRANSPORT_MODE,
        contract_no=(options.contract_no or contract)[:60],
        trade_country=first.ship_country, destination_country=first.ship_country,
        overseas_consignee=(options.overseas_consignee or "; ".join(shop_names))[:200],
        shop_id=shop_ids.pop() if len(shop_ids) == 1 else None,
    )  # fmt: skip
    if mode == "9610":
        head.update(period_from=period[0], period_to=period[1])
    planned = min(max(r.shipped_at for r in rows).astimezone(CHINA_TIME).date(), today)
    declarations = _create(session, head, merged, options, today, planned)
    _order_packages(declarations, merged)
    _link_orders(session, declarations, merged)
    return declarations


def _order_packages(declarations: list[Declaration], merged: list[MergedLine]) -> None:
    """One parcel per order, counted on the first declaration holding any of its lines."""
    seen: set[int] = set()
    start = 0
    for declaration in declarations:
        orders = {s.order_id for m in merged[start : start + len(declaration.lines)]
                  for s in m.sources} - seen  # fmt: skip
        seen |= orders
        declaration.packages = len(orders)
        start += len(declaration.lines)


def _link_orders(
    session: Session, declarations: list[Declaration], merged: list[MergedLine]
) -> None:
    """The order lines behind each declaration line (9610's list), in one bulk insert."""
    lines = [line for d in declarations for line in d.lines]
    rows = [
        {"declaration_line_id": line.id, "order_line_id": s.order_line_id, "quantity": s.quantity}
        for line, m in zip(lines, merged, strict=True)
        for s in m.sources
    ]
    for start in range(0, len(rows), 5000):
        session.execute(insert(DeclarationOrderLink), rows[start : start + 5000])
    audit.record(session, "bulk_insert", DeclarationOrderLink.__tablename__, after={
        "declarations": [d.ref for d in declarations], "links": len(rows)})  # fmt: skip


# ---------------------------------------------------------------- headers and rows


def _header(
    profile: CompanyProfile, mode: str, options: HeaderOptions, currency: str
) -> dict[str, object]:
    """The header fields every draft takes from the company profile and the options."""
    code = profile.uscc or profile.customs_code or ""
    district = profile.customs_district or ""
    charges = {}
    for name in ("freight", "insurance", "other_charges"):
        charge: Charge | None = getattr(options, name)
        charges[name] = charge.amount if charge else ZERO
        charges[f"{name}_mark"] = charge.mark if charge else None
    currencies = {c.currency for c in (options.freight, options.insurance, options.other_charges)
                  if c is not None and c.mark != 1}  # fmt: skip
    return dict(
        status="draft", source_kind=SOURCE_KIND[mode], supervision_mode=mode,
        levy_nature=options.levy_nature, consignor_name=profile.name_cn, consignor_code=code,
        producer_name=profile.name_cn, producer_code=code, exit_customs=district,
        declare_customs=district, package_kind=options.package_kind,
        destination_port=options.destination_port, departure_port=options.departure_port,
        trade_terms=options.trade_terms, currency=currency,
        charges_currency=currencies.pop() if len(currencies) == 1 else currency, **charges,
    )  # fmt: skip


def _create(
    session: Session, head: dict[str, object], merged: list[MergedLine], options: HeaderOptions,
    today: dt.date, planned: dt.date,
) -> list[Declaration]:  # fmt: skip
    """The declarations of one source: MAX_LINES lines each, totals and a first USD FOB."""
    refs = ref_sequence(session, today)
    declarations = []
    for chunk in split(merged):
        declaration = Declaration(ref=next(refs), **head)
        declaration.lines = [
            _line(n, m, str(head["currency"]), options.levy_mode) for n, m in enumerate(chunk, 1)
        ]
        recompute_totals(declaration, weights=True)
        session.add(declaration)
        declarations.append(declaration)
    for declaration in declarations:
        try:  # kept for the rebate; clearing works it out again at the real export date
            apply_usd_fob(session, declaration, planned)
        except BadInput:
            declaration.usd_fob = None  # the checks name the missing rate
    session.flush()
    return declarations


def _line(number: int, m: MergedLine, currency: str, levy_mode: str) -> DeclarationLine:
    k = m.key
    return DeclarationLine(
        line_no=number, hs_code=k.hs_code, name_cn=k.name_cn[:200],
        declaration_elements=k.elements, first_quantity=m.first_quantity,
        first_unit=k.first_unit, second_quantity=m.second_quantity, second_unit=k.second_unit,
        trade_quantity=m.quantity, trade_unit=k.trade_unit,
        unit_price=quantize(m.amount / m.quantity, 4), amount=m.amount, currency=currency,
        origin_country=k.origin, destination_country=k.destination,
        domestic_source=k.domestic_source, levy_mode=levy_mode,
        net_weight_kg=m.net_kg, gross_weight_kg=m.gross_kg,
    )  # fmt: skip


def ref_sequence(session: Session, on: dt.date) -> Iterable[str]:
    """BG-2026-0001, BG-2026-0002 … after the highest number of that year already used."""
    prefix = f"{REF_PREFIX}-{on.year}-"
    refs = session.scalars(select(Declaration.ref).where(Declaration.ref.like(f"{prefix}%")))
    taken = [int(r[len(prefix) :]) for r in refs if r[len(prefix) :].isdigit()]
    number = max(taken, default=0)
    while True:
        number += 1
        yield f"{prefix}{number:04d}"
