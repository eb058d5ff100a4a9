"""Writes normalised orders in chunks: one lookup of existing orders, lines and mappings per
chunk, then driver-level executemany inserts and updates of ready-stored values.

An order is keyed by (shop, platform order id) and a line by its key within the order
(kept in order_line.platform_line_id), so re-importing a file updates what is there and
adds what is new. An order met again in the same import (its rows were not together in
the file) is a continuation: its new lines are added, and for platforms whose amounts are
per row (Amazon) its amounts are added too.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from sqlalchemy import Column, Connection, func, select

from desktop_app.core.demo.bulk import BulkInsert, bind
from desktop_app.core.importers.orders.normalise import OrderIn, PlatformFormat
from desktop_app.core.models import Order, OrderLine, PlatformListing
from desktop_app.core.models.base import ScaledDecimal, utcnow

_order = Order.__table__
_line = OrderLine.__table__
_listing = PlatformListing.__table__
PAGE = 500  # ids per IN (…): well under every backend's parameter limit
ORDER_AMOUNTS = (
    "total_amount",
    "shipping_amount",
    "tax_amount",
    "discount_amount",
    "platform_fees",
)
ORDER_INSERT = (
    "id", "shop_id", "platform_order_id", "status", "platform_status", "ordered_at", "paid_at",
    "shipped_at", "currency", *ORDER_AMOUNTS, "ship_country", "fulfilment",
    "fulfilment_channel", "customs_mode", "warehouse_id", "import_run_id", "source_row",
    "created_at", "updated_at",
)  # fmt: skip
ORDER_UPDATE = (
    "status", "platform_status", "ordered_at", "currency", *ORDER_AMOUNTS, "ship_country",
    "fulfilment_channel", "import_run_id", "source_row", "updated_at",
)  # fmt: skip
ORDER_KEEP_IF_EMPTY = ("paid_at", "shipped_at")  # a later file may leave them out
LINE_INSERT = (
    "id", "order_id", "line_no", "platform_line_id", "platform_sku", "sku_id", "quantity",
    "sku_quantity", "unit_price", "amount", "discount", "tax", "product_name", "item_status",
)  # fmt: skip
LINE_UPDATE = (
    "platform_sku", "quantity", "unit_price", "amount", "discount", "tax", "product_name",
    "item_status",
)  # fmt: skip
LINE_KEEP_IF_EMPTY = ("sku_id", "sku_quantity")  # a mapping made by hand stays
_MARKS = {"qmark": "?", "format": "%s", "pyformat": "%s"}


def _scale(column: Column[Any]) -> int:
    kind = column.type
    assert isinstance(kind, ScaledDecimal), column
    return kind.scale


M, P, Q = _scale(_line.c.amount), _scale(_line.c.unit_price), _scale(_line.c.quantity)
assert all(_scale(_order.c[name]) == M for name in ORDER_AMOUNTS)
_Q_UNIT = Decimal(1).scaleb(-Q)


def fit(text: str, length: int) -> str:
    """Text cut to a column's length; a long key keeps a hash so it stays unique."""
    if len(text) <= length:  # nearly always
        return text
    digest = hashlib.sha1(text.encode("utf-8")).hexdigest()[:12]
    return f"{text[: length - 13]}~{digest}"


Route = tuple[str | None, str, int | None]  # customs mode, fulfilment, warehouse (None: keep)
Router = Callable[[str, str, str], Route]  # (fulfilment channel, ship country, fulfilment)


def no_routing(channel: str, country: str, fulfilment: str) -> Route:
    return None, fulfilment, None


@dataclass
class Counts:
    orders_inserted: int = 0
    orders_updated: int = 0
    lines_inserted: int = 0
    lines_updated: int = 0
    new_order_ids: list[int] = field(default_factory=list)
    unmapped: dict[str, int] = field(default_factory=dict)  # platform SKU → lines


class OrderStore:
    """Writes chunks of OrderIn for one shop and one import run."""

    def __init__(
        self,
        conn: Connection,
        shop_id: int,
        fmt: PlatformFormat,
        run_id: int,
        router: Router = no_routing,
    ) -> None:
        self.conn, self.shop_id, self.fmt, self.run_id = conn, shop_id, fmt, run_id
        self._router = router
        self._routes: dict[tuple[str, str], Route] = {}
        self.counts = Counts()
        self._next_order = (conn.scalar(select(func.max(_order.c.id))) or 0) + 1
        # A shop's first import looks up only the orders it has itself written so far.
        had_orders = conn.scalar(select(_order.c.id).where(_order.c.shop_id == shop_id).limit(1))
        self._written: set[str] | None = None if had_orders else set()
        self._next_line = (conn.scalar(select(func.max(_line.c.id))) or 0) + 1
        self._when = instant_encoder(_order.c.ordered_at, conn)
        self._now = self._when(utcnow())
        self._listings: dict[str, tuple[int, Decimal] | None] = {}
        self._order_insert = BulkInsert(conn, _order, ORDER_INSERT)
        self._line_insert = BulkInsert(conn, _line, LINE_INSERT)
        self._order_update = _update_sql(conn, _order, ORDER_UPDATE, ORDER_KEEP_IF_EMPTY)
        self._line_update = _update_sql(conn, _line, LINE_UPDATE, LINE_KEEP_IF_EMPTY)

    def write(self, orders: Sequence[OrderIn]) -> None:
        chunk = self._merged(orders)
        written = self._written
        if written is None:
            existing = self._existing_orders(list(chunk))
        else:
            existing = self._existing_orders([key for key in chunk if key in written])
            written.update(chunk)
        lines = self._existing_lines([e[0] for e in existing.values()])
        self._load_listings({line.platform_sku for o in chunk.values() for line in o.lines})
        order_rows, order_updates, line_rows, line_updates = [], [], [], []
        for key, order in chunk.items():
            found = existing.get(key)
            if found is None:
                order_id = self._next_order
                self._next_order += 1
                order_rows.append(self._order_row(order_id, order))
                self.counts.orders_inserted += 1
                self.counts.new_order_ids.append(order_id)
                known: dict[str, tuple[int, int]] = {}
            else:
                order_id, run_id = found[0], found[1]
                if run_id == self.run_id:  # met again in this import
                    self._continue(order, found)
                else:
                    self.counts.orders_updated += 1
                order_updates.append(self._order_update_row(order_id, order))
                known = lines.get(order_id, {})
            self._lines(order_id, order, known, line_rows, line_updates)
        self._order_insert.write(order_rows)
        self._execute(self._order_update, order_updates)
        self._line_insert.write(line_rows)
        self._execute(self._line_update, line_updates)

    # -- lookups -----------------------------------------------------------------------
    def _merged(self, orders: Sequence[OrderIn]) -> dict[str, OrderIn]:
        chunk: dict[str, OrderIn] = {}
        for order in orders:
            key = fit(order.order_id, 60)
            first = chunk.get(key)
            if first is None:
                chunk[key] = order
            else:
                _merge(first, order, self.fmt.additive)
        return chunk

    def _existing_orders(self, keys: list[str]) -> dict[str, tuple[Any, ...]]:
        c = _order.c
        columns = (c.id, c.import_run_id, *(c[name] for name in ORDER_AMOUNTS))
        found: dict[str, tuple[Any, ...]] = {}
        for start in range(0, len(keys), PAGE):  # nothing to ask for: no query
            query = select(c.platform_order_id, *columns).where(
                c.shop_id == self.shop_id, c.platform_order_id.in_(keys[start : start + PAGE])
            )
            for row in self.conn.execute(query):
                found[row[0]] = tuple(row[1:])
        return found

    def _existing_lines(self, order_ids: list[int]) -> dict[int, dict[str, tuple[int, int]]]:
        c = _line.c
        found: dict[int, dict[str, tuple[int, int]]] = {}
        for start in range(0, len(order_ids), PAGE):
            query = select(c.order_id, c.platform_line_id, c.id, c.line_no).where(
                c.order_id.in_(order_ids[start : start + PAGE])
            )
            for order_id, key, line_id, line_no in self.conn.execute(query):
                found.setdefault(order_id, {})[key] = (line_id, line_no)
        return found

    def _load_listings(self, skus: set[str]) -> None:
        wanted = [s for s in skus if s not in self._listings]
        c = _listing.c
        for start in range(0, len(wanted), PAGE):
            page = wanted[start : start + PAGE]
            query = select(c.platform_sku, c.sku_id, c.quantity_factor).where(
                c.shop_id == self.shop_id, c.platform_sku.in_(page)
            )
            found: dict[str, list[tuple[int, Decimal]]] = {}
            for sku, sku_id, factor in self.conn.execute(query):
                found.setdefault(sku, []).append((sku_id, factor))
            for sku in page:
                hits = found.get(sku, [])
                # A platform SKU listed as several SKUs (a bundle) has no single SKU to name.
                self._listings[sku] = hits[0] if len(hits) == 1 else None

    # -- rows ----------------------------------------------------------------------------
    def _order_row(self, order_id: int, o: OrderIn) -> tuple[Any, ...]:
        when = self._when
        channel = fit(o.fulfilment_channel, 30)
        mode, fulfilment, warehouse = self._route(channel, o.ship_country)
        return (
            order_id, self.shop_id, fit(o.order_id, 60), o.status, fit(o.platform_status, 60),
            when(o.ordered_at), o.paid_at and when(o.paid_at), o.shipped_at and when(o.shipped_at),
            o.currency, *_amounts(o), o.ship_country, fulfilment, channel, mode, warehouse,
            self.run_id, o.row, self._now, self._now,
        )  # fmt: skip

    def _route(self, channel: str, country: str) -> Route:
        """A new order's customs mode and fulfilment source, by the routing rules."""
        route = self._routes.get((channel, country))
        if route is None:
            fulfilment = "platform" if channel == "AFN" else "china_direct"
            route = self._routes[channel, country] = self._router(channel, country, fulfilment)
        return route

    def _order_update_row(self, order_id: int, o: OrderIn) -> tuple[Any, ...]:
        when = self._when
        return (
            o.status, fit(o.platform_status, 60), when(o.ordered_at), o.currency, *_amounts(o),
            o.ship_country, fit(o.fulfilment_channel, 30), self.run_id, o.row, self._now,
            o.paid_at and when(o.paid_at), o.shipped_at and when(o.shipped_at), order_id,
        )  # fmt: skip

    def _continue(self, order: OrderIn, found: tuple[Any, ...]) -> None:
        """Amounts of an order met earlier in this import, for a platform that sums them."""
        if not self.fmt.additive:
            order.total_amount = found[2]
            order.shipping_amount, order.tax_amount = found[3], found[4]
            order.discount_amount, order.platform_fees = found[5], found[6]
            return
        earlier = OrderIn(0, "", "", "", order.ordered_at, "", total_amount=found[2],
                          shipping_amount=found[3], tax_amount=found[4],
                          discount_amount=found[5], platform_fees=found[6])  # fmt: skip
        _merge(order, earlier, True)

    def _lines(
        self,
        order_id: int,
        order: OrderIn,
        known: dict[str, tuple[int, int]],
        inserts: list[tuple[Any, ...]],
        updates: list[tuple[Any, ...]],
    ) -> None:
        next_no = max((no for _, no in known.values()), default=0) + 1 if known else 1
        listings, unmapped = self._listings, self.counts.unmapped
        for line in order.lines:
            key, platform_sku = line.line_key, line.platform_sku
            if len(key) > 60:
                key = fit(key, 60)
            mapping = listings.get(platform_sku)
            sku_id = sku_quantity = None
            if mapping is None:
                unmapped[platform_sku] = unmapped.get(platform_sku, 0) + 1
            else:
                sku_id = mapping[0]
                sku_quantity = int(
                    (line.quantity * mapping[1]).quantize(_Q_UNIT, ROUND_HALF_UP).scaleb(Q)
                )
            price, amount, discount, tax = line.unit_price, line.amount, line.discount, line.tax
            values = (
                platform_sku if len(platform_sku) <= 100 else fit(platform_sku, 100),
                int(line.quantity.scaleb(Q)),
                None if price is None else int(price.scaleb(P)),
                None if amount is None else int(amount.scaleb(M)),
                int(discount.scaleb(M)) if discount else 0, int(tax.scaleb(M)) if tax else 0,
                line.product_name, fit(line.item_status, 40),
            )  # fmt: skip
            existing = known.get(key)
            if existing is None:
                line_id = self._next_line
                self._next_line += 1
                inserts.append((line_id, order_id, next_no, key, values[0], sku_id, values[1],
                                sku_quantity, *values[2:]))  # fmt: skip
                known[key] = (line_id, next_no)
                next_no += 1
                self.counts.lines_inserted += 1
            else:
                updates.append((*values, sku_id, sku_quantity, existing[0]))
                self.counts.lines_updated += 1

    def _execute(self, sql: str, rows: list[tuple[Any, ...]]) -> None:
        if rows:
            self.conn.exec_driver_sql(sql, rows)


def _amounts(o: OrderIn) -> tuple[int | None, int, int, int, int]:
    total, shipping, tax, discount, fees = (
        o.total_amount, o.shipping_amount, o.tax_amount, o.discount_amount, o.platform_fees
    )  # fmt: skip
    return (
        None if total is None else int(total.scaleb(M)),
        int(shipping.scaleb(M)) if shipping else 0,
        int(tax.scaleb(M)) if tax else 0,
        int(discount.scaleb(M)) if discount else 0,
        int(fees.scaleb(M)) if fees else 0,
    )


def _merge(first: OrderIn, other: OrderIn, additive: bool) -> None:
    """Fold `other` (more rows of the same order) into `first`."""
    first.lines.extend(other.lines)
    first.rows += other.rows
    if not additive:
        return
    if first.total_amount is None or other.total_amount is None:
        first.total_amount = None
    else:
        first.total_amount += other.total_amount
    first.shipping_amount += other.shipping_amount
    first.tax_amount += other.tax_amount
    first.discount_amount += other.discount_amount
    first.platform_fees += other.platform_fees


def _update_sql(conn: Connection, table: Any, columns: Sequence[str], keep: Sequence[str]) -> str:
    mark = _MARKS[conn.dialect.paramstyle]
    quote = conn.dialect.identifier_preparer.quote
    sets = [f"{quote(c)} = {mark}" for c in columns]
    sets += [f"{quote(c)} = COALESCE({mark}, {quote(c)})" for c in keep]
    name = conn.dialect.identifier_preparer.format_table(table)
    return f"UPDATE {name} SET {', '.join(sets)} WHERE id = {mark}"


def instant_encoder(column: Column[Any], conn: Connection) -> Callable[[dt.datetime], Any]:
    """An aware datetime → what the column stores; SQLite's text is built directly (fast),
    after checking it against the column's own conversion."""
    exact = bind(column, conn.dialect)
    if conn.dialect.name != "sqlite":
        return exact

    def fast(value: dt.datetime) -> str:
        return value.astimezone(dt.UTC).isoformat(" ", "microseconds")[:26]  # no "+00:00"

    probes = (
        dt.datetime(2024, 5, 3, 14, 22, 10, 123456, dt.UTC),
        dt.datetime(1999, 12, 31, 23, 59, tzinfo=dt.timezone(dt.timedelta(hours=-8))),
    )
    return fast if all(fast(p) == exact(p) for p in probes) else exact
