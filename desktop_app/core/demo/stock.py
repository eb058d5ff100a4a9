"""Demo stock: purchases, first-leg shipments to the overseas and FBA warehouses, their sales.

Everything goes through the stock services, in date order, so the ledger reads like a
year of real work and every balance equals its ledger:

- the year of orders is cut into quarters; before each one the domestic warehouse buys
  (a receipt per SKU and supplier order) and ships each overseas / FBA warehouse 1.2–1.5 ×
  what its orders will sell until that SKU's next shipment (a quarter for fast movers,
  longer for the tail), received a few days before the quarter starts — so stock never
  runs out, at any date;
- then the quarter's shipped orders take their stock (fulfilment.fulfil_orders);
- one quarterly shipment is received with a shortage and an overage and closed; after the
  year the next wave is still open: in transit, partially received, and a draft made from
  the replenishment suggestions;
- replenishment rules for a few best sellers and a draft stocktake finish it.
"""

from __future__ import annotations

import datetime as dt
import random
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_CEILING, Decimal

from sqlalchemy import ColumnElement, case, func, select, type_coerce
from sqlalchemy.orm import Session

from desktop_app.core.demo import shops
from desktop_app.core.demo.catalogue import Catalogue
from desktop_app.core.demo.orders import DAYS
from desktop_app.core.errors import BadInput
from desktop_app.core.jobs import Job
from desktop_app.core.models import (
    ExchangeRate,
    Order,
    OrderLine,
    Shipment,
    Sku,
    StockBalance,
    StockMove,
    Warehouse,
)
from desktop_app.core.services import (
    allocation,
    fulfilment,
    replenishment,
    shipments,
    stock,
    stocktake,
)
from desktop_app.core.services.id_lists import fetch_ids
from desktop_app.core.services.shipments import CartonDraft, CostDraft, LineDraft

PERIODS = 4  # one replenishment wave per quarter
# Quarters one shipment covers, by a SKU's place in its warehouse's sales: the SKUs making
# the first 60 % of the units go every quarter, up to 90 % half-yearly, the tail once a
# year — fewer, fuller lines, as replenishment planners do it. A SKU selling FAST_UNITS a
# year or more goes every quarter wherever it ranks.
SHIPPING_STEPS = ((Decimal("0.6"), 1), (Decimal("0.9"), 2), (Decimal(1), 4))
FAST_UNITS = Decimal(40)
COVER_PCT = (120, 150)  # shipped ÷ what the quarter will sell, per line
BUFFER_PCT = (105, 115)  # bought ÷ what the wave ships: the rest stays on the domestic shelf
NEXT_WAVE_PCT = (40, 70)  # the open wave after the year: share of a quarter's sales
CARTON_CM = (Decimal(60), Decimal(40), Decimal(40))  # the export master carton
CARTON_KG = Decimal(22)  # under FBA's 23 kg limit per carton
CARTON_FILL = Decimal("0.85")
TARE_KG = Decimal("0.9")
ACTOR = "demo"
FX_UNIT = Decimal("0.000001")
ONE = Decimal(1)


@dataclass(frozen=True)
class Lane:
    """How goods reach one overseas warehouse and what that costs."""

    warehouse: str
    carrier: str
    transit_days: int
    basis: str  # allocation basis of its shipments
    freight_usd_per_kg: Decimal  # per chargeable kg
    duty_currency: str
    duty_pct: Decimal  # of the goods' value
    duty_name: str


LANES = (
    Lane(shops.USFBA, "Matson 美森快船 CLX", 22, "chargeable_weight", Decimal("1.55"), "USD",
         Decimal("7.5"), "US import duty (HTS + Section 301)"),
    Lane(shops.US3PL, "COSCO 中远海运 LCL", 32, "volume", Decimal("1.05"), "USD",
         Decimal("7.5"), "US import duty (HTS + Section 301)"),
    Lane(shops.DE3PL, "Maersk 马士基 LCL via Hamburg", 40, "volume", Decimal("1.25"), "EUR",
         Decimal("3.5"), "EU import duty (TARIC)"),
    Lane(shops.JPFBA, "OOCL 东方海外 to Tokyo", 12, "weight", Decimal("0.80"), "JPY",
         Decimal("3.0"), "関税 Japan import duty"),
)  # fmt: skip
# The wave after the year, per warehouse: what state it is left in.
OPEN_WAVE = {shops.USFBA: "shipped", shops.JPFBA: "shipped", shops.DE3PL: "partially_received",
             shops.US3PL: "draft"}  # fmt: skip
SHORTAGE = (shops.US3PL, 1)  # (warehouse, quarter) received short and closed
STOCKTAKE_AT = shops.US3PL


Sales = dict[tuple[int, int], list[Decimal]]  # (warehouse id, SKU id) → units per quarter


@dataclass
class StockSummary:
    shipments: int = 0
    stock_moves: int = 0


@dataclass(frozen=True)
class _Sku:
    id: int
    code: str
    supplier_id: int | None
    price: Decimal  # purchase price, CNY
    gross_kg: Decimal
    volume_cm3: Decimal


@dataclass
class _Shipment:
    """One shipment to make: where, when, what, and how it ends."""

    lane: Lane
    ship: dt.date
    lines: dict[int, Decimal]  # sku id → units
    receive: dt.date | None = None
    outcome: str = "received"  # received, short (closed with a shortage), partial, shipped
    sold: dict[int, Decimal] = field(default_factory=dict)  # what the quarter sells from it


def write_stock(
    session: Session, catalogue: Catalogue, *, seed: int, today: dt.date, job: Job
) -> StockSummary:
    """Stock for the demo orders already written; call before routing, which finds it sold."""
    return _Demo(session, catalogue, random.Random(seed * 7 + 5), today, job).run()


class _Demo:
    def __init__(
        self, session: Session, catalogue: Catalogue, rng: random.Random, today: dt.date, job: Job
    ) -> None:
        self.session, self.rng, self.today, self.job = session, rng, today, job
        self.ids = catalogue.warehouses
        self.origin = self.ids[shops.SZ]
        skus = list(session.scalars(select(Sku)))
        self.skus = {sku.id: _sku(sku) for sku in skus}
        self.fx = _Rates(session)
        self.summary = StockSummary()
        self.steps: dict[tuple[int, int], int] = {}
        self.paid = {sku.id: sku.price for sku in self.skus.values()}  # last purchase price
        self.purchase_orders = 0
        # Held so the ledger finds them in the identity map instead of loading each again.
        self.held: list[object] = [*skus, *session.scalars(select(Warehouse))]

    def run(self) -> StockSummary:
        start = self.today - dt.timedelta(days=DAYS)
        bounds = [start + dt.timedelta(days=DAYS * k // PERIODS) for k in range(PERIODS)]
        bounds.append(self.today)
        sales = _demand(self.session, [self.ids[lane.warehouse] for lane in LANES], bounds)
        self.steps = _steps(sales)
        for k in range(PERIODS):
            self.job.report(k + 1, PERIODS, "Stock: first-leg shipments, quarter")
            wave = [self._covering(lane, sales, k, bounds[k]) for lane in LANES]
            self._wave([s for s in wave if s.lines])
            self._sell(bounds[k], bounds[k + 1], f"Stock: quarter {k + 1} sales, orders")
        self.job.report(1, 1, "Stock: open shipments, replenishment rules, a stocktake")
        self._open_wave(sales)
        self._rules(sales, bounds[-2])
        self._stocktake()
        self.summary.stock_moves = self.session.scalar(select(func.count(StockMove.id))) or 0
        return self.summary

    # -------------------------------------------------------------- planning

    def _covering(self, lane: Lane, sales: Sales, k: int, begins: dt.date) -> _Shipment:
        """A shipment that arrives just before the quarter and holds more than will sell
        until the next one: a quarter for fast movers, longer for slow ones."""
        warehouse = self.ids[lane.warehouse]
        sold = {}
        for (w, sku_id), quarters in sorted(sales.items()):
            step = self.steps[(w, sku_id)]
            if w == warehouse and k % step == 0 and sum(quarters[k : k + step]):
                sold[sku_id] = sum(quarters[k : k + step], Decimal(0))
        lines = {s: _whole(units * self.rng.randint(*COVER_PCT) / 100) for s, units in sold.items()}
        receive = begins - dt.timedelta(days=self.rng.randint(2, 6))
        ship = receive - dt.timedelta(days=lane.transit_days + self.rng.randint(0, 3))
        outcome = "short" if (lane.warehouse, k) == SHORTAGE else "received"
        return _Shipment(lane, ship, lines, receive, outcome, sold)

    def _open_wave(self, sales: Sales) -> None:
        """The wave after the year (the faster movers): on its way, half arrived, a draft."""
        wave = []
        for lane in LANES:
            warehouse, state = self.ids[lane.warehouse], OPEN_WAVE[lane.warehouse]
            lines = {
                sku_id: _whole(quarters[-1] * self.rng.randint(*NEXT_WAVE_PCT) / 100)
                for (w, sku_id), quarters in sorted(sales.items())
                if w == warehouse and quarters[-1] and self.steps[(w, sku_id)] < PERIODS
            }
            if state == "draft":
                self._draft(lane, lines)
                continue
            if state == "shipped":
                ship = self.today - dt.timedelta(days=self.rng.randint(3, 8))
                wave.append(_Shipment(lane, ship, lines, None, "shipped"))
            else:
                ship = self.today - dt.timedelta(days=lane.transit_days + 3)
                receive = self.today - dt.timedelta(days=2)
                wave.append(_Shipment(lane, ship, lines, receive, "partial"))
        self._wave([s for s in wave if s.lines])

    # -------------------------------------------------------------- posting

    def _wave(self, wave: list[_Shipment]) -> None:
        if not wave:
            return
        self._purchase(wave, min(s.ship for s in wave) - dt.timedelta(days=7))
        for planned in wave:
            shipment = self._create(planned.lane, planned.lines, planned.ship)
            shipments.ship(self.session, shipment.id, planned.ship, actor=ACTOR)
            self._receive(shipment, planned)
        self.held += self.session.scalars(select(StockBalance))

    def _purchase(self, wave: list[_Shipment], on: dt.date) -> None:
        """Receipts into the domestic warehouse: one purchase order per supplier."""
        needed: dict[int, Decimal] = defaultdict(Decimal)
        for planned in wave:
            for sku_id, units in planned.lines.items():
                needed[sku_id] += units
        by_supplier: dict[int, list[int]] = defaultdict(list)
        for sku_id in sorted(needed):
            by_supplier[self.skus[sku_id].supplier_id or 0].append(sku_id)
        for supplier in sorted(by_supplier):
            self.purchase_orders += 1
            po = f"PO-{on:%y%m}-{self.purchase_orders:04d}"
            for sku_id in by_supplier[supplier]:
                units = _whole(needed[sku_id] * self.rng.randint(*BUFFER_PCT) / 100 / 10) * 10
                price = self.skus[sku_id].price * (1 + Decimal(self.rng.randint(-30, 30)) / 1000)
                self.paid[sku_id] = price.quantize(Decimal("0.01"))
                stock.post_move(
                    self.session, sku_id=sku_id, warehouse_id=self.origin, kind="receipt",
                    quantity=units, move_date=on, unit_cost=self.paid[sku_id],
                    ref_type="purchase", note=f"{po} purchase receipt", actor=ACTOR,
                )  # fmt: skip

    def _create(
        self, lane: Lane, lines: dict[int, Decimal], ship: dt.date, notes: str = ""
    ) -> Shipment:
        skus = [self.skus[sku_id] for sku_id in lines]
        cartons = _cartons(skus, [lines[s.id] for s in skus])
        shipment = shipments.create_shipment(
            self.session,
            origin_warehouse_id=self.origin,
            destination_warehouse_id=self.ids[lane.warehouse],
            # An estimate: shipping replaces it with what the domestic ledger takes out.
            lines=[LineDraft(s, units, self.paid[s]) for s, units in lines.items()],
            cartons=cartons,
            costs=self._costs(lane, skus, lines, cartons, ship),
            today=ship,
            expected_date=ship + dt.timedelta(days=lane.transit_days),
            carrier=lane.carrier,
            transport_mode="2",  # by sea
            allocation_basis=lane.basis,
            booking_no=f"BK{ship:%y%m%d}{self.rng.randint(1000, 9999)}",
            notes=notes,
        )
        self.summary.shipments += 1
        return shipment

    def _costs(
        self, lane: Lane, skus: Sequence[_Sku], lines: dict[int, Decimal],
        cartons: Sequence[CartonDraft], on: dt.date,
    ) -> list[CostDraft]:  # fmt: skip
        """Freight in USD by chargeable weight, the destination's duty, the Chinese side's fees."""
        measures = [allocation.CartonMeasure(c.carton_count, *CARTON_CM, Decimal(c.gross_weight_kg))
                    for c in cartons]  # fmt: skip
        kg = allocation.chargeable_weight(measures)
        usd = self.fx.rate("USD", on)
        freight = (kg * lane.freight_usd_per_kg).quantize(Decimal("0.01"))
        goods = sum((s.price * lines[s.id] for s in skus), Decimal(0))
        duty_fx = self.fx.rate(lane.duty_currency, on)
        whole = Decimal(1) if lane.duty_currency == "JPY" else Decimal("0.01")
        duty = (goods * lane.duty_pct / 100 / duty_fx).quantize(whole)
        boxes = sum(c.carton_count for c in cartons)
        fee = Decimal(950 + 6 * boxes)
        return [
            CostDraft("freight", freight, "USD", usd, f"{lane.carrier}, {kg:.0f} kg chargeable"),
            CostDraft("duty", duty, lane.duty_currency, duty_fx, lane.duty_name),
            CostDraft("fee", fee, "CNY", None, "报关费、拖车费、港杂费 customs, trucking, port"),
        ]

    def _receive(self, shipment: Shipment, planned: _Shipment) -> None:
        if planned.receive is None:
            return  # still at sea
        counts, close = None, False
        if planned.outcome == "partial":
            counts = _partial(planned.lines)
        elif planned.outcome == "short":  # units lost and one too many: counted, then closed
            counts, close = _short(planned.lines, planned.sold), True
        shipments.receive(self.session, shipment.id, counts, planned.receive, close=close,
                          actor=ACTOR)  # fmt: skip

    def _draft(self, lane: Lane, fallback: dict[int, Decimal]) -> None:
        """A draft from the replenishment suggestions, as a user would make it."""
        warehouse = self.ids[lane.warehouse]
        chosen = replenishment.suggestions(self.session, warehouse, today=self.today)
        lines = {s.sku_id: s.suggested_qty for s in chosen} or fallback
        if not lines:
            return
        notes = "From the replenishment suggestions; freight quote to be confirmed."
        self._create(lane, lines, self.today + dt.timedelta(days=5), notes)

    def _sell(self, first: dt.date, end: dt.date, label: str) -> None:
        """The quarter's shipped warehouse orders take their stock."""
        ids = _shipped_orders(self.session, first, end)
        if not ids:
            return

        def progress(done: int, total: int, message: str) -> None:
            self.job.report(done, total, label)

        result = fulfilment.fulfil_orders(
            self.session, ids, today=self.today, job=Job(progress, self.job.cancel_event),
            actor=ACTOR,
        )  # fmt: skip
        if result.refused:
            note = result.refused[0]
            raise BadInput(f"demo stock ran short: order {note.platform_order_id}: {note.reason}")

    # -------------------------------------------------------------- rules and stocktake

    def _rules(self, sales: Sales, last_quarter: dt.date) -> None:
        """Rules for each warehouse's best sellers: a reorder point, or days of cover."""
        days = Decimal((self.today - last_quarter).days)
        for lane in LANES:
            warehouse = self.ids[lane.warehouse]
            sold = [(quarters[-1], sku) for (w, sku), quarters in sales.items()
                    if w == warehouse and quarters[-1]]  # fmt: skip
            for n, (units, sku_id) in enumerate(sorted(sold, reverse=True)[:4]):
                per_day = units / days
                if n % 2:
                    replenishment.set_rule(self.session, sku_id, warehouse, days_of_cover=45,
                                           lead_time_days=lane.transit_days + 10)  # fmt: skip
                    continue
                lead = lane.transit_days + 14
                replenishment.set_rule(
                    self.session, sku_id, warehouse,
                    reorder_point=_whole(per_day * lead),
                    reorder_quantity=max(_whole(per_day * 60 / 10) * 10, Decimal(10)),
                    lead_time_days=lead,
                )  # fmt: skip

    def _stocktake(self) -> None:
        warehouse = self.ids[STOCKTAKE_AT]
        stocked = StockBalance.warehouse_id == warehouse, StockBalance.on_hand > 0
        on_hand = self.session.scalar(select(func.count()).where(*stocked))
        if on_hand:
            stocktake.create_stocktake(self.session, warehouse, self.today - dt.timedelta(days=1))


# ---------------------------------------------------------------- helpers


def _steps(sales: Sales) -> dict[tuple[int, int], int]:
    """Quarters one shipment of each (warehouse, SKU) covers (see SHIPPING_STEPS)."""
    yearly = {key: sum(quarters, Decimal(0)) for key, quarters in sales.items()}
    totals: dict[int, Decimal] = defaultdict(Decimal)
    for (w, _sku), units in yearly.items():
        totals[w] += units
    steps, before = {}, dict.fromkeys(totals, Decimal(0))
    for (w, sku), units in sorted(yearly.items(), key=lambda item: (-item[1], item[0])):
        share = before[w] / totals[w]  # of the units sold by better sellers
        before[w] += units
        step = next(step for upto, step in SHIPPING_STEPS if share < upto)
        steps[(w, sku)] = 1 if units >= FAST_UNITS else step
    return steps


def _whole(units: Decimal) -> Decimal:
    return units.to_integral_value(ROUND_CEILING)


def _partial(lines: dict[int, Decimal]) -> dict[int, Decimal]:
    """Most lines arrived; one is short so far and the last is still at the port."""
    counts = dict(lines)
    skus = sorted(counts)
    if len(skus) > 1:
        del counts[skus[-1]]
    first = skus[0]
    counts[first] -= max(ONE, counts[first] // 3) if counts[first] > 1 else 0
    return counts


def _short(lines: dict[int, Decimal], sold: dict[int, Decimal]) -> dict[int, Decimal]:
    """The line with the most to spare loses half of it (so what the quarter sells stays
    covered); another gets one unit too many."""
    counts = dict(lines)
    ranked = sorted(counts, key=lambda s: (sold[s] - counts[s], s))
    counts[ranked[0]] -= max(ONE, (counts[ranked[0]] - sold[ranked[0]]) // 2)
    if len(ranked) > 1:
        counts[ranked[-1]] += 1
    return counts


def _sku(sku: Sku) -> _Sku:
    volume = (sku.length_cm or ONE) * (sku.width_cm or ONE) * (sku.height_cm or ONE)
    return _Sku(sku.id, sku.code, sku.supplier_id, sku.purchase_price or ONE,
                sku.gross_weight_kg or Decimal("0.2"), volume)  # fmt: skip


def _cartons(skus: Sequence[_Sku], units: Sequence[Decimal]) -> list[CartonDraft]:
    """Full master cartons per SKU; what is left over travels in mixed cartons."""
    length, width, height = CARTON_CM
    space = length * width * height * CARTON_FILL
    cartons: list[CartonDraft] = []
    number = 1
    loose_kg = loose_cm3 = Decimal(0)
    loose = 0
    for sku, quantity in zip(skus, units, strict=True):
        per = max(1, min(int(space / sku.volume_cm3), int((CARTON_KG - TARE_KG) / sku.gross_kg)))
        full, rest = divmod(int(quantity), per)
        if full:
            kg = (sku.gross_kg * per + TARE_KG).quantize(Decimal("0.001"))
            cartons.append(_carton(number, full, kg, f"{sku.code} × {per}"))
            number += full
        if rest:
            loose_kg += sku.gross_kg * rest
            loose_cm3 += sku.volume_cm3 * rest
            loose += 1
    if loose:
        count = max(int(_whole(loose_cm3 / space)), int(_whole(loose_kg / (CARTON_KG - TARE_KG))))
        kg = (loose_kg / count + TARE_KG).quantize(Decimal("0.001"))
        cartons.append(_carton(number, count, kg, f"mixed: {loose} SKUs"))
    return cartons


def _carton(first: int, count: int, kg: Decimal, contents: str) -> CartonDraft:
    numbers = str(first) if count == 1 else f"{first}-{first + count - 1}"
    return CartonDraft(numbers, *CARTON_CM, kg, count, contents)


class _Rates:
    """CNY per unit on a day: the demo's central parity then, or its first one before that."""

    def __init__(self, session: Session) -> None:
        self.known: dict[str, list[tuple[dt.date, Decimal]]] = defaultdict(list)
        for r in session.scalars(select(ExchangeRate).order_by(ExchangeRate.rate_date)):
            self.known[r.currency].append((r.rate_date, (r.rate / r.per_units).quantize(FX_UNIT)))

    def rate(self, currency: str, on: dt.date) -> Decimal:
        rates = self.known.get(currency)
        if not rates:
            raise BadInput(f"no {currency} exchange rate for the demo shipments")
        return next((rate for day, rate in reversed(rates) if day <= on), rates[0][1])


def _ship_day() -> ColumnElement[dt.datetime]:
    return type_coerce(func.coalesce(Order.shipped_at, Order.ordered_at), Order.shipped_at.type)


def _sold_scope() -> tuple[ColumnElement[bool], ...]:
    return (
        Order.fulfilment.in_(fulfilment.STOCK_FULFILMENTS),
        Order.status.in_(fulfilment.SHIPPED),
    )


def _midnight(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(), dt.UTC)


def _demand(session: Session, warehouse_ids: Iterable[int], bounds: Sequence[dt.date]) -> Sales:
    """SKU units the shipped warehouse orders sell per (warehouse, SKU), quarter by quarter."""
    day = _ship_day()
    quarter = case(
        *((day < _midnight(b), k) for k, b in enumerate(bounds[1:-1])), else_=len(bounds) - 2
    )
    query = (
        select(Order.warehouse_id, OrderLine.sku_id, quarter, func.sum(OrderLine.sku_quantity))
        .join(Order, Order.id == OrderLine.order_id)
        .where(
            *_sold_scope(),
            Order.warehouse_id.in_(list(warehouse_ids)),
            OrderLine.sku_id.is_not(None),
            OrderLine.sku_quantity > 0,
        )
        .group_by(Order.warehouse_id, OrderLine.sku_id, quarter)
    )
    sales: Sales = defaultdict(lambda: [Decimal(0)] * PERIODS)
    for w, s, k, units in session.execute(query):
        sales[(w, s)][k] += units or 0
    return dict(sales)


def _shipped_orders(session: Session, first: dt.date, end: dt.date) -> list[int]:
    day = _ship_day()
    query = (
        select(Order.id)
        .where(*_sold_scope(), Order.warehouse_id.is_not(None))
        .where(day >= _midnight(first), day < _midnight(end))
        .order_by(Order.id)
    )
    return list(fetch_ids(session, query))
