"""Demo orders and order lines: generated in chunks of ready-to-insert rows, written in bulk.

Amounts are integer cents in the hot loop (exact, and much cheaper than Decimal); the
column types' own scaling turns them into stored integers (bulk.stored_factor). A line's
`amount` is quantity × unit price before its discount; an order's total is the sum of its
line amounts + shipping − discounts. JPY amounts are whole yen. Amazon leaves the prices of
a Pending order empty, so those orders have no total and their lines no price.
"""

from __future__ import annotations

import bisect
import datetime as dt
import random
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import Session

from desktop_app.core import audit
from desktop_app.core.demo import shops
from desktop_app.core.demo.bulk import (
    BulkInsert,
    bind,
    instant_encoder,
    stored_factor,
    sync_id_sequence,
)
from desktop_app.core.demo.catalogue import Catalogue, Offer
from desktop_app.core.jobs import Job
from desktop_app.core.models import Order, OrderLine
from desktop_app.core.models.base import utcnow

DAYS = 365
CHUNK = 20_000  # orders per insert: bounded memory, few round trips
DAY = 86_400
ORDER_COLUMNS = (
    "id", "shop_id", "platform_order_id", "status", "platform_status", "ordered_at", "paid_at",
    "shipped_at", "currency", "total_amount", "shipping_amount", "tax_amount", "discount_amount",
    "platform_fees", "ship_country", "fulfilment", "warehouse_id", "created_at", "updated_at",
)  # fmt: skip
LINE_COLUMNS = (
    "id", "order_id", "line_no", "platform_line_id", "platform_sku", "sku_id", "quantity",
    "sku_quantity", "unit_price", "amount", "discount", "tax", "product_name", "item_status",
)  # fmt: skip

# Lookup tables drawn from with one random() each: cheaper than random.choices per order.
LINES_PER_ORDER = (1,) * 72 + (2,) * 19 + (3,) * 6 + (4,) * 3  # mean 1.40
QUANTITIES = (1,) * 85 + (2,) * 10 + (3,) * 3 + (4, 5)
DISCOUNT_PCT = (5, 10, 10, 15, 20)
PICKS = 4096
MONTH = (0.85, 0.72, 0.88, 0.9, 0.95, 0.97, 1.1, 1.0, 1.0, 1.05, 1.45, 1.35)
WEEKDAY = (1.08, 1.0, 0.98, 0.96, 0.92, 0.95, 1.1)
LOCAL_HOURS = (3, 2, 1, 1, 1, 1, 2, 3, 4, 5, 5, 6, 6, 6, 6, 6, 6, 7, 8, 9, 10, 10, 8, 5)
# (ship after payment, transit) as (shortest, spread) in seconds, per fulfilment kind
DELAYS = {
    "platform": (4 * 3600, 26 * 3600, DAY, 2 * DAY),
    "overseas_warehouse": (12 * 3600, 36 * 3600, 2 * DAY, 3 * DAY),
    "china_direct": (DAY, 3 * DAY, 6 * DAY, 10 * DAY),
}
FBA_FEE = {"USD": "3.22", "JPY": "318"}  # per unit, when the platform fulfils
# Outcome thresholds on one uniform draw. Amazon orders imported while Pending and never
# re-imported stay Pending at any age: real seller databases hold those.
STALE_PENDING, CANCELLED, REFUNDED, RETURNED = 0.008, 0.043, 0.063, 0.071
NO_FEES = frozenset({"pending", "unpaid", "cancelled"})


def minor(amount: str) -> int:
    """'5.99' → 599 cents (exact)."""
    return int(Decimal(amount) * 100)


def expand(weights: list[float], size: int) -> list[int]:
    """A table of `size` indices in proportion to weights: table[int(random() * size)]."""
    cumulative, total = [], 0.0
    for w in weights:
        total += w
        cumulative.append(total)
    return [bisect.bisect_right(cumulative, (j + 0.5) * total / size) for j in range(size)]


def table(spec: str, size: int = 100) -> list[str]:
    """'USA:90 CAN:10' → a draw table of values."""
    pairs = [item.rsplit(":", 1) for item in spec.split()]
    return [pairs[i][0] for i in expand([float(w) for _, w in pairs], size)]


class ShopRun:
    """One shop's precomputed draw tables and conventions."""

    def __init__(
        self,
        shop_id: int,
        d: shops.ShopDef,
        offers: list[Offer],
        warehouses: dict[str, int],
        day_codes: list[str],
        scale: dict[str, int],
    ) -> None:
        self.id, self.platform, self.currency, self.share = shop_id, d.platform, d.currency, d.share
        self.step = 100 if d.currency == "JPY" else 1  # no minor unit
        self.fee_bp, self.discount_p = d.fee_bp, d.discount_pct / 100
        self.fba_fee = minor(FBA_FEE.get(d.currency, "0"))
        route_index = expand([r.weight for r in d.routes], 100)
        routes = [(r.fulfilment, warehouses[r.warehouse], table(r.countries)) for r in d.routes]
        self.routes = [routes[i] for i in route_index]
        self.offers = [_offer_row(o, scale) for o in offers]
        self.pick = expand([o.weight for o in offers], PICKS)
        self.shipping = [minor(a) for a in table(d.shipping)]
        self.make_id = shops.order_id_maker(d, day_codes)
        self.names = shops.PLATFORM_STATUS[d.platform]
        self.amazon = d.platform == "amazon"
        self.waiting = "pending" if self.amazon else "unpaid"
        self.completes = d.platform in shops.COMPLETES
        hours = [LOCAL_HOURS[(h + d.utc_offset) % 24] for h in range(24)]
        self.hours = [h * 3600 for h in expand(hours, 96)]


def _offer_row(o: Offer, scale: dict[str, int]) -> tuple[Any, ...]:
    sku_units = None if o.sku_id is None else o.factor * scale["quantity"]
    return (o.platform_sku, o.sku_id, o.price_minor * scale["unit_price"], o.price_minor,
            sku_units, o.factor, o.title)  # fmt: skip


def events(day: dt.date) -> dict[str, float]:
    """Sales days that move volume, by platform."""
    if day.month == 7:
        tuesday = 8 + (1 - dt.date(day.year, 7, 8).weekday()) % 7
        if day.day in (tuesday, tuesday + 1):
            return {"amazon": 3.0}  # Prime Day: a Tuesday and Wednesday in mid-July
    thanksgiving = dt.date(day.year, 11, 22 + (3 - dt.date(day.year, 11, 1).weekday()) % 7)
    boost = {1: 2.5, 2: 1.6, 3: 1.6, 4: 2.0}.get((day - thanksgiving).days)
    if boost:  # Black Friday to Cyber Monday
        return {"amazon": boost, "tiktok": boost, "aliexpress": boost / 2 + 0.5}
    double_days = {
        (9, 9): {"shopee": 2.5, "aliexpress": 1.5},
        (10, 10): {"shopee": 2.5, "aliexpress": 1.5},
        (11, 11): {"shopee": 4.0, "aliexpress": 3.0, "tiktok": 2.0, "amazon": 1.2},
        (12, 12): {"shopee": 3.0, "aliexpress": 2.0, "tiktok": 1.5},
    }
    return double_days.get((day.month, day.day), {})


def allocate(total: int, weights: list[float]) -> list[int]:
    """Split `total` in proportion to weights, exactly (largest remainder)."""
    whole = sum(weights)
    exact = [total * w / whole for w in weights]
    counts = [int(x) for x in exact]
    by_remainder = sorted(range(len(weights)), key=lambda i: counts[i] - exact[i])
    for i in by_remainder[: total - sum(counts)]:
        counts[i] += 1
    return counts


class OrderRows:
    """Iterates over (order rows, line rows) chunks in date order, ids assigned from `first_*`."""

    def __init__(
        self,
        catalogue: Catalogue,
        *,
        orders: int,
        seed: int,
        today: dt.date,
        dialect: Dialect,
        first_order_id: int = 1,
        first_line_id: int = 1,
        chunk: int = CHUNK,
    ) -> None:
        self.total, self.chunk = orders, chunk
        self._random = random.Random(seed * 7 + 2).random
        self._start = today - dt.timedelta(days=DAYS)
        self._now = DAYS * DAY  # orders end at midnight (UTC) before today
        epoch = dt.datetime.combine(self._start, dt.time(), dt.UTC)
        self._encode = instant_encoder(Order.__table__.c.ordered_at, dialect, epoch, DAYS)
        self._stamp = bind(Order.__table__.c.created_at, dialect)(utcnow())
        self._scale = {
            "money": stored_factor(Order.__table__.c.total_amount, 2),
            "quantity": stored_factor(OrderLine.__table__.c.quantity, 0),
            "unit_price": stored_factor(OrderLine.__table__.c.unit_price, 2),
        }
        day_codes = [(self._start + dt.timedelta(days=d)).strftime("%y%m%d") for d in range(DAYS)]
        self._shops = [
            ShopRun(shop_id, d, catalogue.offers[shop_id], catalogue.warehouses, day_codes,
                    self._scale)
            for shop_id, d in catalogue.shops
        ]  # fmt: skip
        self._next_order, self._next_line = first_order_id, first_line_id
        self._orders: list[tuple[Any, ...]] = []
        self._lines: list[tuple[Any, ...]] = []

    def __iter__(self) -> Iterator[tuple[list[tuple[Any, ...]], list[tuple[Any, ...]]]]:
        counts, shop_tables = self._plan()
        n = 0
        for day, count in enumerate(counts):
            for packed in self._times(count, shop_tables[day]):
                self._order(n, day, day * DAY + (packed >> 4), self._shops[packed & 15])
                n += 1
                if len(self._orders) >= self.chunk:
                    yield self._take()
        if self._orders:
            yield self._take()

    def _take(self) -> tuple[list[tuple[Any, ...]], list[tuple[Any, ...]]]:
        chunk = (self._orders, self._lines)
        self._orders, self._lines = [], []
        return chunk

    def _plan(self) -> tuple[list[int], list[list[int]]]:
        """Orders per day (season, weekday, growth, sales days) and each day's shop mix."""
        weights, tables, cache = [], [], {}
        for d in range(DAYS):
            day = self._start + dt.timedelta(days=d)
            boost = events(day)
            mix = tuple(s.share * boost.get(s.platform, 1.0) for s in self._shops)
            if mix not in cache:
                cache[mix] = expand(list(mix), 256)
            tables.append(cache[mix])
            trend = 0.8 + 0.4 * d / DAYS  # a business that grew over the year
            weights.append(MONTH[day.month - 1] * WEEKDAY[day.weekday()] * trend * sum(mix))
        return allocate(self.total, weights), tables

    def _times(self, count: int, shop_table: list[int]) -> list[int]:
        """The day's orders as (second of day << 4 | shop index), in time order."""
        r, run = self._random, self._shops
        packed = []
        for _ in range(count):
            s = shop_table[int(r() * 256)]
            second = run[s].hours[int(r() * 96)] + int(r() * 3600)
            packed.append(second << 4 | s)
        packed.sort()
        return packed

    def _order(self, n: int, day: int, t: int, shop: ShopRun) -> None:
        r, enc = self._random, self._encode
        fulfilment, warehouse_id, countries = shop.routes[int(r() * 100)]
        status, paid, shipped = self._timeline(shop, fulfilment, t)
        priced = not (status == "pending" and shop.amazon)
        order_id = self._next_order
        self._next_order += 1
        subtotal, discount, units = self._add_lines(shop, order_id, priced, status)
        total = shipping = fees = None
        if priced:
            shipping = shop.shipping[int(r() * 100)]
            total = subtotal + shipping - discount
            fees = 0
            if status not in NO_FEES:
                fees = (subtotal - discount) * shop.fee_bp // 10_000 // shop.step * shop.step
                if fulfilment == "platform":
                    fees += shop.fba_fee * units
        money = self._scale["money"]
        self._orders.append((
            order_id, shop.id, shop.make_id(n, day), status, shop.names[status], enc(t),
            None if paid is None else enc(paid), None if shipped is None else enc(shipped),
            shop.currency, None if total is None else total * money, (shipping or 0) * money, 0,
            discount * money, (fees or 0) * money, countries[int(r() * 100)], fulfilment,
            warehouse_id, self._stamp, self._stamp,
        ))  # fmt: skip

    def _timeline(
        self, shop: ShopRun, fulfilment: str, t: int
    ) -> tuple[str, int | None, int | None]:
        """Status as of the end of the period, with the payment and shipping instants."""
        r, now = self._random, self._now
        u = r()
        if u < STALE_PENDING and shop.amazon:
            return "pending", None, None
        slow = r() < 0.04  # bank transfer, konbini payment …
        paid = t + (DAY + int(r() * 3 * DAY) if slow else 60 + int(r() * 1800))
        ship_after, ship_spread, transit, transit_spread = DELAYS[fulfilment]
        shipped = paid + ship_after + int(r() * ship_spread)
        if u < CANCELLED:
            return "cancelled", (paid if paid < now and r() < 0.6 else None), None
        if now < paid:
            return shop.waiting, None, None
        if now < shipped:
            return "paid", paid, None
        if u < REFUNDED:
            return "refunded", paid, shipped
        delivered = shipped + transit + int(r() * transit_spread)
        if now < delivered:
            return "shipped", paid, shipped
        if u < RETURNED:
            return "returned", paid, shipped
        if shop.completes and delivered + 3 * DAY + int(r() * 7 * DAY) <= now:
            return "completed", paid, shipped
        return "delivered", paid, shipped

    def _add_lines(
        self, shop: ShopRun, order_id: int, priced: bool, status: str
    ) -> tuple[int, int, int]:
        """Append the order's lines; return (Σ amount, Σ discount, units shipped) in cents."""
        r, offers, pick, step = self._random, shop.offers, shop.pick, shop.step
        q_scale, money = self._scale["quantity"], self._scale["money"]
        item_status = _item_status(status) if shop.amazon else ""
        used: list[int] = []
        subtotal = discount = units = 0
        for line_no in range(1, LINES_PER_ORDER[int(r() * 100)] + 1):
            o = pick[int(r() * PICKS)]
            if o in used:
                o = pick[int(r() * PICKS)]
                if o in used:
                    break
            used.append(o)
            platform_sku, sku_id, unit_price, price, sku_units, factor, title = offers[o]
            q = QUANTITIES[int(r() * 100)]
            line_id = self._next_line
            self._next_line += 1
            ref = shops.amazon_item_id(line_id) if shop.amazon else ""
            amount = d = 0
            if priced:
                amount = q * price
                if r() < shop.discount_p:
                    d = amount * DISCOUNT_PCT[int(r() * 5)] // 100 // step * step
            self._lines.append((
                line_id, order_id, line_no, ref, platform_sku, sku_id, q * q_scale,
                None if sku_units is None else q * sku_units, unit_price if priced else None,
                amount * money if priced else None, d * money, 0, title, item_status,
            ))  # fmt: skip
            subtotal, discount, units = subtotal + amount, discount + d, units + q * factor
        return subtotal, discount, units


def _item_status(status: str) -> str:
    if status in ("pending", "paid"):
        return "Unshipped"
    return "Cancelled" if status == "cancelled" else "Shipped"


def write_orders(
    session: Session, catalogue: Catalogue, *, orders: int, seed: int, today: dt.date, job: Job
) -> tuple[int, int]:
    """Insert the demo orders in chunks (one audit event per table); (orders, lines) written."""
    conn = session.connection()
    first_order = (conn.scalar(select(func.max(Order.id))) or 0) + 1
    first_line = (conn.scalar(select(func.max(OrderLine.id))) or 0) + 1
    rows = OrderRows(
        catalogue,
        orders=orders,
        seed=seed,
        today=today,
        dialect=conn.dialect,
        first_order_id=first_order,
        first_line_id=first_line,
        chunk=CHUNK,
    )
    order_insert = BulkInsert(conn, Order.__table__, ORDER_COLUMNS)
    line_insert = BulkInsert(conn, OrderLine.__table__, LINE_COLUMNS)
    for order_rows, line_rows in rows:
        job.check()
        order_insert.write(order_rows)
        line_insert.write(line_rows)
        job.report(order_insert.rows, orders, f"Orders: {order_insert.rows:,} of {orders:,}")
    for insert, first in ((order_insert, first_order), (line_insert, first_line)):
        if insert.rows:
            sync_id_sequence(conn, insert.table)
            audit.record(session, "bulk_insert", insert.table.name, after={
                "source": "demo", "seed": seed, "rows": insert.rows,
                "first_id": first, "last_id": first + insert.rows - 1,
            })  # fmt: skip
    return order_insert.rows, line_insert.rows
