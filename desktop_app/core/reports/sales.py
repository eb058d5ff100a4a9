"""Sales reports: the monthly export summary and sales and margin by SKU, shop and country.

What counts as a sale is what order_import.sales_by_currency counts: an order whose status
is not one of NON_SALE_STATUSES (pending, unpaid, cancelled), its goods amount being the
sum of its lines' amounts (before tax, shipping and discounts). A sale falls on the day it
shipped (UTC, as the stock ledger dates it); an order the platform gave no ship time for
falls on its order day once its status says it left (shipped, delivered, completed,
refunded, returned); a paid order not yet shipped is not in any period.

Declarations count when cleared or amended, by export date. Amounts are never added across
currencies: a column in mixed currencies has no total, and its rows are per currency.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import Session, selectinload

from desktop_app.core import codes
from desktop_app.core.jobs import Job
from desktop_app.core.models import (
    Declaration,
    Order,
    OrderLine,
    Shipment,
    ShipmentLine,
    Shop,
    Sku,
    StockMove,
)
from desktop_app.core.models.orders import NON_SALE_STATUSES
from desktop_app.core.money import ZERO, round_fen
from desktop_app.core.reports import period, period_text, resolve_shop
from desktop_app.core.reports.model import Column, Report, ReportDef, ReportParams, Sheet
from desktop_app.core.services import company
from desktop_app.core.services.allocation import allocate
from desktop_app.core.services.declaration_life import cny_per_unit, policy_day

LIVE = ("cleared", "amended")
LEFT = ("shipped", "delivered", "completed", "refunded", "returned")  # the goods went out
PERIOD_KEY = "期间 Period"
HUNDRED = Decimal(100)
RATE_PLACES = Decimal("0.01")


# ---------------------------------------------------------------- shared helpers


def code_names(session: Session, table: str) -> dict[str, str]:
    """{code: Chinese name} of a code table's active version, read once."""
    return {entry.code: entry.name_cn for entry in codes.entries(session, table)}


def month(day: dt.date) -> str:
    return f"{day.year:04d}-{day.month:02d}"


def _check(job: Job | None) -> None:
    if job is not None:
        job.check()


class Rates:
    """CNY per unit of a currency on the FX policy's day of a date, each looked up once.

    A missing rate raises declaration_life.MissingRate (a BadInput naming currency and day)."""

    def __init__(self, session: Session) -> None:
        self._session = session
        self._profile = company.get_profile(session)
        self._cache: dict[tuple[str, dt.date], Decimal] = {}

    def to_cny(self, amount: Decimal, currency: str, day: dt.date) -> Decimal:
        key = (currency, policy_day(self._profile, day))
        if key not in self._cache:
            self._cache[key] = cny_per_unit(self._session, *key)
        return round_fen(amount * self._cache[key])


# ---------------------------------------------------------------- sales: which orders


def sales_in(first: dt.date, last: dt.date) -> list[Any]:
    """Conditions on Order: a sale whose day falls in [first, last] (UTC days)."""
    start = dt.datetime.combine(first, dt.time(), dt.UTC)
    end = dt.datetime.combine(last + dt.timedelta(days=1), dt.time(), dt.UTC)
    return [
        Order.status.not_in(NON_SALE_STATUSES),
        or_(
            and_(Order.shipped_at >= start, Order.shipped_at < end),
            and_(
                Order.shipped_at.is_(None),
                Order.status.in_(LEFT),
                Order.ordered_at >= start,
                Order.ordered_at < end,
            ),
        ),
    ]


def sale_day(shipped_at: dt.datetime | None, ordered_at: dt.datetime) -> dt.date:
    return (shipped_at or ordered_at).astimezone(dt.UTC).date()


# ---------------------------------------------------------------- export summary

MODE_COLUMNS = [
    Column("month", "月份", "Month", "text"),
    Column("mode", "监管方式", "Supervision mode", "id"),
    Column("mode_name", "监管方式名称", "Mode name"),
    Column("declarations", "报关单数", "Declarations", "int", total=True),
    Column("lines", "商品项数", "Lines", "int", total=True),
    Column("usd_fob", "FOB美元", "USD FOB", "money", total=True),
    Column("cny", "申报金额(人民币)", "Declared amount CNY", "money", total=True),
]
COUNTRY_COLUMNS = [
    Column("month", "月份", "Month", "text"),
    Column("country", "目的国代码", "Destination code", "id"),
    Column("country_name", "目的国", "Destination"),
    Column("lines", "商品项数", "Lines", "int", total=True),
    Column("usd_fob", "FOB美元", "USD FOB", "money", total=True),
]
CURRENCY_COLUMNS = [
    Column("month", "月份", "Month", "text"),
    Column("currency", "币制", "Currency", "id"),
    Column("currency_name", "币制名称", "Currency name"),
    Column("declarations", "报关单数", "Declarations", "int", total=True),
    # Different currencies are never added up: no total on this column.
    Column(
        "amount", "申报金额(原币,不合计)", "Declared amount (own currency, not totalled)", "money"
    ),
    Column("usd_fob", "FOB美元", "USD FOB", "money", total=True),
]
PLATFORM_COLUMNS = [
    Column("month", "月份", "Month", "text"),
    Column("platform", "平台", "Platform"),
    Column("shop", "店铺", "Shop"),
    Column("currency", "币种", "Currency", "id"),
    Column("orders", "订单数", "Orders", "int", total=True),
    Column("lines", "订单行数", "Order lines", "int", total=True),
    Column("amount", "货款(原币,不合计)", "Goods amount (own currency, not totalled)", "money"),
]


def build_export_summary(session: Session, params: ReportParams, job: Job | None) -> Report:
    """Monthly exports by supervision mode, destination country, currency and platform.

    The first three sheets come from cleared (or amended) declarations exported in the
    period; the CNY amount is each declaration's total at the company FX policy's rate
    (a missing rate is refused, naming currency and day). The destination is the line's
    最终目的国, else the header's 运抵国. The platform sheet comes from the sales (orders)
    of the period. The currency and platform sheets give amounts in their own currency,
    one row per currency: they are not totalled across currencies.
    """
    first, last = period(params)
    declarations = _declarations(session, first, last)
    _check(job)
    rates = Rates(session)
    sheets = [
        Sheet("按监管方式", MODE_COLUMNS, _by_mode(session, declarations, rates)),
        Sheet("按目的国", COUNTRY_COLUMNS, _by_country(session, declarations)),
        Sheet("按币种", CURRENCY_COLUMNS, _by_currency(session, declarations)),
        Sheet("按平台", PLATFORM_COLUMNS, _by_platform(session, first, last, job)),
    ]
    return Report(
        "export-summary", "出口月度汇总", "Monthly export summary",
        {PERIOD_KEY: period_text(first, last)}, sheets,
    )  # fmt: skip


def _declarations(session: Session, first: dt.date, last: dt.date) -> list[Declaration]:
    query = (
        select(Declaration)
        .where(Declaration.status.in_(LIVE), Declaration.export_date.between(first, last))
        .order_by(Declaration.export_date, Declaration.id)
        .options(selectinload(Declaration.lines))
    )
    return list(session.scalars(query))


def _by_mode(session: Session, declarations: list[Declaration], rates: Rates) -> list[list[Any]]:
    groups: dict[tuple[str, str], list[Any]] = {}
    for d in declarations:
        assert d.export_date is not None
        entry = groups.setdefault((month(d.export_date), d.supervision_mode), [0, 0, ZERO, ZERO])
        entry[0] += 1
        entry[1] += len(d.lines)
        entry[2] += d.usd_fob or ZERO
        entry[3] += rates.to_cny(d.total_amount, d.currency, d.export_date)
    names = code_names(session, "supervision_modes")
    return [[m, mode, names.get(mode, ""), *values] for (m, mode), values in sorted(groups.items())]


def _by_country(session: Session, declarations: list[Declaration]) -> list[list[Any]]:
    groups: dict[tuple[str, str], list[Any]] = defaultdict(lambda: [0, ZERO])
    for d in declarations:
        assert d.export_date is not None
        for line in d.lines:
            entry = groups[
                (month(d.export_date), line.destination_country or d.destination_country)
            ]
            entry[0] += 1
            entry[1] += line.usd_fob or ZERO
    names = code_names(session, "countries")
    return [[m, code, names.get(code, ""), *v] for (m, code), v in sorted(groups.items())]


def _by_currency(session: Session, declarations: list[Declaration]) -> list[list[Any]]:
    groups: dict[tuple[str, str], list[Any]] = defaultdict(lambda: [0, ZERO, ZERO])
    for d in declarations:
        assert d.export_date is not None
        entry = groups[(month(d.export_date), d.currency)]
        entry[0] += 1
        entry[1] += d.total_amount
        entry[2] += d.usd_fob or ZERO
    names = code_names(session, "currencies")
    return [[m, cur, names.get(cur, ""), *v] for (m, cur), v in sorted(groups.items())]


@dataclass
class _PlatformGroup:
    orders: set[int] = field(default_factory=set)
    lines: int = 0
    amount: Decimal = ZERO


def _by_platform(
    session: Session, first: dt.date, last: dt.date, job: Job | None
) -> list[list[Any]]:
    query = (
        select(Order.id, Order.shipped_at, Order.ordered_at, Shop.platform, Shop.name,
               Order.currency, OrderLine.amount)
        .join(Shop, Shop.id == Order.shop_id)
        .join(OrderLine, OrderLine.order_id == Order.id)
        .where(*sales_in(first, last))
    )  # fmt: skip
    groups: dict[tuple[str, str, str, str], _PlatformGroup] = defaultdict(_PlatformGroup)
    for n, (order_id, shipped, ordered, platform, shop, currency, amount) in enumerate(
        session.execute(query.execution_options(yield_per=5000))
    ):
        if n % 5000 == 0:
            _check(job)
        group = groups[(month(sale_day(shipped, ordered)), platform, shop, currency)]
        group.orders.add(order_id)
        group.lines += 1
        group.amount += amount or ZERO
    return [[*key, len(g.orders), g.lines, g.amount] for key, g in sorted(groups.items())]


# ---------------------------------------------------------------- sales and margin

MARGIN_COLUMNS = [
    Column("sku", "SKU编码", "SKU", "id"),
    Column("sku_name", "品名", "Product"),
    Column("shop", "店铺", "Shop"),
    Column("country", "国家代码", "Country code", "id"),
    Column("country_name", "国家", "Country"),
    Column("currency", "币种", "Currency", "id"),
    Column("units", "数量", "Units", "qty", total=True),
    Column("revenue", "收入(原币,不合计)", "Revenue (order currency, not totalled)", "money"),
    Column("revenue_cny", "收入(人民币)", "Revenue CNY", "money", total=True),
    Column("fees", "平台费(原币,不合计)", "Platform fees (order currency, not totalled)", "money"),
    Column("fees_cny", "平台费(人民币)", "Platform fees CNY", "money", total=True),
    Column("first_leg", "头程成本(估)", "First-leg cost (estimated)", "money", total=True),
    Column("landed", "到岸成本", "Landed cost", "money", total=True),
    Column("uncosted", "无成本数量", "Units without cost", "qty", total=True),
    Column("margin", "毛利", "Margin", "money", total=True),
    Column("margin_pct", "毛利率(%)", "Margin %", "rate"),
]


@dataclass
class _MarginGroup:
    sku_name: str
    units: Decimal = ZERO
    revenue: Decimal = ZERO
    revenue_cny: Decimal = ZERO
    fees: Decimal = ZERO
    fees_cny: Decimal = ZERO
    first_leg: Decimal = ZERO
    landed: Decimal = ZERO
    uncosted: Decimal = ZERO

    def row(self) -> list[Any]:
        margin = None
        if not self.uncosted:  # a margin without the cost of every unit would overstate it
            margin = self.revenue_cny - self.landed - self.fees_cny
        pct = None
        if margin is not None and self.revenue_cny:
            pct = (margin * HUNDRED / self.revenue_cny).quantize(RATE_PLACES)
        return [
            self.units, self.revenue, self.revenue_cny, self.fees, self.fees_cny,
            self.first_leg, self.landed, self.uncosted, margin, pct,
        ]  # fmt: skip


def build_sales_margin(session: Session, params: ReportParams, job: Job | None) -> Report:
    """Sales of the period by SKU, shop and ship-to country, with costs and margin, in CNY.

    - Revenue: the lines' goods amounts, in the order's currency and in CNY at the company
      FX policy's rate of the sale day (a missing rate is refused, naming currency and day).
    - Platform fees: the order's platform_fees as imported (the only fee the order model
      holds), shared over its lines by goods amount; 0 where the platform file gave none.
    - Landed cost: what the stock ledger took out for the line (its sale moves, net of
      reversals and customer returns, value in CNY at the landed unit cost). Lines sold
      without a ledger sale (shipped from China directly, or not mapped to a SKU) have no
      cost here: their units are counted under 无成本数量 and the row's margin is left empty
      rather than overstated.
    - First-leg cost is an ESTIMATE: the ledger keeps one average (or FIFO) unit cost per
      warehouse, not the first-leg part of it, so the landed cost is split by the share of
      first-leg cost in everything that came into that warehouse for that SKU (shipment
      lines' allocated cost over the value of the receipts and transfers in), over all time.
    - Margin = revenue CNY − landed cost − platform fees CNY; margin % of revenue CNY.
    """
    first, last = period(params)
    shop = resolve_shop(session, params.shop)
    shop_id = shop.id if shop is not None else None
    lines = _sale_lines(session, first, last, shop_id, job)
    costs = _line_costs(session, [line.line_id for line in lines])
    shares = _first_leg_shares(session, {(c.sku_id, c.warehouse_id) for c in costs.values()})
    groups = _margin_groups(session, lines, costs, shares, job)
    names = code_names(session, "countries")
    rows = [[sku, g.sku_name, shop, country, names.get(country, ""), currency, *g.row()]
            for (sku, shop, country, currency), g in sorted(groups.items())]  # fmt: skip
    report_params = {PERIOD_KEY: period_text(first, last)}
    if params.shop:
        report_params["店铺 Shop"] = params.shop
    return Report("sales-margin", "销售与毛利", "Sales and margin", report_params,
                  [Sheet("销售毛利", MARGIN_COLUMNS, rows)])  # fmt: skip


@dataclass(frozen=True)
class _SaleLine:
    line_id: int
    order_id: int
    day: dt.date
    sku: str
    sku_name: str
    shop: str
    country: str
    currency: str
    units: Decimal
    amount: Decimal
    order_fees: Decimal


def _sale_lines(
    session: Session, first: dt.date, last: dt.date, shop_id: int | None, job: Job | None
) -> list[_SaleLine]:
    query = (
        select(OrderLine.id, Order.id, Order.shipped_at, Order.ordered_at, Sku.code,
               Sku.name_cn, OrderLine.platform_sku, Shop.name, Order.ship_country,
               Order.currency, func.coalesce(OrderLine.sku_quantity, OrderLine.quantity),
               OrderLine.amount, Order.platform_fees)
        .join(OrderLine, OrderLine.order_id == Order.id)
        .join(Shop, Shop.id == Order.shop_id)
        .outerjoin(Sku, Sku.id == OrderLine.sku_id)
        .where(*sales_in(first, last))
        .order_by(Order.id, OrderLine.line_no)
    )  # fmt: skip
    if shop_id is not None:
        query = query.where(Order.shop_id == shop_id)
    found = []
    for n, r in enumerate(session.execute(query.execution_options(yield_per=5000))):
        if n % 5000 == 0:
            _check(job)
        sku = r[4] if r[4] is not None else f"未映射 {r[6]}"
        found.append(_SaleLine(r[0], r[1], sale_day(r[2], r[3]), sku, r[5] or "", r[7], r[8],
                               r[9], r[10], r[11] or ZERO, r[12] or ZERO))  # fmt: skip
    return found


@dataclass
class _Cost:
    sku_id: int
    warehouse_id: int
    value: Decimal  # CNY taken out for the line, net of reversals and returns


def _line_costs(session: Session, line_ids: list[int]) -> dict[int, _Cost]:
    """{order line id: its net ledger cost}; lines without a sale move are absent."""
    costs: dict[int, _Cost] = {}
    for start in range(0, len(line_ids), 500):
        query = (
            select(StockMove.ref_id, StockMove.sku_id, StockMove.warehouse_id,
                   func.sum(StockMove.value))
            .where(StockMove.ref_type == "order_line",
                   StockMove.ref_id.in_(line_ids[start : start + 500]))
            .group_by(StockMove.ref_id, StockMove.sku_id, StockMove.warehouse_id)
        )  # fmt: skip
        for line_id, sku_id, warehouse_id, value in session.execute(query):
            cost = costs.setdefault(line_id, _Cost(sku_id, warehouse_id, ZERO))
            cost.value -= value or ZERO
    return costs


def _first_leg_shares(
    session: Session, positions: set[tuple[int, int]]
) -> dict[tuple[int, int], Decimal]:
    """{(sku, warehouse): first-leg cost / value of everything received there}, at most 1."""
    if not positions:
        return {}
    skus = sorted({sku for sku, _wh in positions})
    inflow = (
        select(StockMove.sku_id, StockMove.warehouse_id, func.sum(StockMove.value))
        .where(StockMove.kind.in_(("receipt", "transfer_in")), StockMove.sku_id.in_(skus))
        .group_by(StockMove.sku_id, StockMove.warehouse_id)
    )
    received = {(s, w): v or ZERO for s, w, v in session.execute(inflow)}
    first_leg = (
        select(ShipmentLine.sku_id, Shipment.destination_warehouse_id,
               ShipmentLine.allocated_cost, ShipmentLine.received_quantity,
               ShipmentLine.quantity)
        .join(Shipment, Shipment.id == ShipmentLine.shipment_id)
        .where(ShipmentLine.sku_id.in_(skus), ShipmentLine.received_quantity > 0)
    )  # fmt: skip
    allocated: dict[tuple[int, int], Decimal] = defaultdict(lambda: ZERO)
    for sku_id, warehouse_id, cost, got, shipped in session.execute(first_leg):
        allocated[(sku_id, warehouse_id)] += cost * min(got, shipped) / shipped
    shares = {}
    for key in positions:
        total = received.get(key, ZERO)
        shares[key] = min(allocated.get(key, ZERO) / total, Decimal(1)) if total > 0 else ZERO
    return shares


def _margin_groups(
    session: Session,
    lines: list[_SaleLine],
    costs: dict[int, _Cost],
    shares: dict[tuple[int, int], Decimal],
    job: Job | None,
) -> dict[tuple[str, str, str, str], _MarginGroup]:
    rates = Rates(session)
    fees = _line_fees(lines)
    groups: dict[tuple[str, str, str, str], _MarginGroup] = {}
    for n, line in enumerate(lines):
        if n % 5000 == 0:
            _check(job)
        key = (line.sku, line.shop, line.country, line.currency)
        group = groups.setdefault(key, _MarginGroup(line.sku_name))
        group.units += line.units
        group.revenue += line.amount
        group.revenue_cny += rates.to_cny(line.amount, line.currency, line.day)
        fee = fees.get(line.line_id, ZERO)
        group.fees += fee
        group.fees_cny += rates.to_cny(fee, line.currency, line.day)
        cost = costs.get(line.line_id)
        if cost is None:
            group.uncosted += line.units
            continue
        group.landed += cost.value
        group.first_leg += round_fen(cost.value * shares[(cost.sku_id, cost.warehouse_id)])
    return groups


def _line_fees(lines: list[_SaleLine]) -> dict[int, Decimal]:
    """Each order's platform fees shared over its lines by goods amount (equally if none)."""
    by_order: dict[int, list[_SaleLine]] = defaultdict(list)
    for line in lines:
        by_order[line.order_id].append(line)
    fees: dict[int, Decimal] = {}
    for order_lines in by_order.values():
        total = order_lines[0].order_fees
        if not total:
            continue
        weights = [max(line.amount, ZERO) for line in order_lines]
        if not any(weights):
            weights = [Decimal(1)] * len(weights)
        for line, part in zip(order_lines, allocate(total, weights), strict=True):
            fees[line.line_id] = part
    return fees


DEFINITIONS: tuple[ReportDef, ...] = (
    ReportDef("export-summary", "出口月度汇总", "Monthly export summary", ("from", "to"),
              build_export_summary),
    ReportDef("sales-margin", "销售与毛利", "Sales and margin", ("from", "to", "shop"),
              build_sales_margin),
)  # fmt: skip
