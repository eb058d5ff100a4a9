"""Amazon's All Orders report (tab-separated, one row per item), current and old MWS headers.

`item-price` is the line total for the row's quantity (not a unit price); tax, shipping,
gift wrap and promotions are per item row and add up to the order's. Pending orders have
empty prices; cancelled items come with quantity 0 and empty prices. Dates carry their
offset (2017-06-17T08:04:21+00:00). Source: developer-docs.amazon.com/sp-api/docs/
order-tracking-reports-attributes; the old MWS header adds `url`.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from desktop_app.core.importers.orders.normalise import (
    ZERO,
    Cells,
    Context,
    LineIn,
    OrderIn,
    PlatformFormat,
    grouped,
    line_price,
    status_table,
    unique_keys,
)
from desktop_app.core.importers.tabular import Table

ALIASES: dict[str, tuple[str, ...]] = {
    "order_id": ("amazon-order-id",),
    "merchant_order_id": ("merchant-order-id",),
    "ordered_at": ("purchase-date",),
    "updated_at": ("last-updated-date",),
    "status": ("order-status",),
    "fulfilment_channel": ("fulfillment-channel",),
    "sales_channel": ("sales-channel",),
    "order_channel": ("order-channel",),
    "url": ("url",),
    "ship_service_level": ("ship-service-level",),
    "product_name": ("product-name",),
    "platform_sku": ("sku",),
    "asin": ("asin",),
    "item_status": ("item-status",),
    "quantity": ("quantity", "quantity-purchased"),
    "currency": ("currency",),
    "item_price": ("item-price",),
    "item_tax": ("item-tax",),
    "shipping_price": ("shipping-price",),
    "shipping_tax": ("shipping-tax",),
    "gift_wrap_price": ("gift-wrap-price",),
    "gift_wrap_tax": ("gift-wrap-tax",),
    "item_promotion_discount": ("item-promotion-discount",),
    "ship_promotion_discount": ("ship-promotion-discount",),
    "ship_country": ("ship-country",),
    "number_of_items": ("number-of-items",),
}
REQUIRED = frozenset({"order_id", "ordered_at", "status", "platform_sku", "quantity"})
STATUSES = status_table(
    {
        "pending": ("Pending", "PendingAvailability", "Pending - Waiting for Pick Up"),
        "paid": ("Unshipped", "PartiallyShipped", "Partially Shipped", "InvoiceUnconfirmed"),
        "shipped": (
            "Shipped", "Shipping", "Shipped - Out for Delivery", "Shipped - Picked Up",
            "Shipped - Lost in Transit", "Shipped - Damaged", "Shipped - Delivery Attempted",
        ),
        "delivered": ("Shipped - Delivered to Buyer", "Delivered"),
        "returned": (
            "Shipped - Returned to Seller", "Shipped - Returning to Seller",
            "Shipped - Rejected by Buyer", "Shipped - Undeliverable",
        ),
        "cancelled": ("Cancelled", "Canceled"),
        "completed": ("Complete", "Completed"),
    }
)  # fmt: skip
CHANNELS = {"amazon": "AFN", "afn": "AFN", "merchant": "MFN", "mfn": "MFN"}
# sales-channel → the marketplace's country (ISO alpha-3), to find the shop.
MARKETPLACES = {
    "amazon.com": "USA", "amazon.ca": "CAN", "amazon.com.mx": "MEX", "amazon.com.br": "BRA",
    "amazon.co.uk": "GBR", "amazon.de": "DEU", "amazon.fr": "FRA", "amazon.it": "ITA",
    "amazon.es": "ESP", "amazon.nl": "NLD", "amazon.se": "SWE", "amazon.pl": "POL",
    "amazon.com.be": "BEL", "amazon.com.tr": "TUR", "amazon.ae": "ARE", "amazon.sa": "SAU",
    "amazon.in": "IND", "amazon.co.jp": "JPN", "amazon.com.au": "AUS", "amazon.sg": "SGP",
    "amazon.eg": "EGY", "amazon.ie": "IRL",
}  # fmt: skip


def marketplace_country(sales_channel: str) -> str | None:
    return MARKETPLACES.get(sales_channel.strip().casefold())


def parse(table: Table, ctx: Context) -> Iterator[OrderIn]:
    for _, rows in grouped(table.rows(), "order_id"):
        order = _order(rows, ctx)
        if order is not None:
            yield order


def _order(rows: list, ctx: Context) -> OrderIn | None:
    number, first = rows[0]
    head = Cells(ctx, number, first)
    order_id = head.ident("order_id")
    status, raw_status = head.status("status", STATUSES)
    ordered_at = head.when("ordered_at", required=True)
    currency = head.currency("currency")
    channel = head.text("fulfilment_channel")
    order = OrderIn(
        number, order_id, status, raw_status, ordered_at, currency,  # type: ignore[arg-type]
        fulfilment_channel=CHANNELS.get(channel.casefold(), channel),
        sales_channel=head.text("sales_channel"), ship_country=head.country("ship_country"),
        rows=len(rows),
    )  # fmt: skip
    bad = head.bad
    totals: list[Decimal | None] = []
    for index, (n, row) in enumerate(rows):
        cells = head if index == 0 else Cells(ctx, n, row)
        totals.append(_add_line(order, cells, n))
        bad = bad or cells.bad
    if bad:
        return None
    unique_keys(order.lines)
    order.total_amount = None if any(t is None for t in totals) else sum(totals, ZERO)  # type: ignore[arg-type]
    return order


def _add_line(order: OrderIn, cells: Cells, number: int) -> Decimal | None:
    """Add the row's item and its share of the order amounts; the row's total paid."""
    quantity = cells.quantity("quantity")
    price = cells.amount("item_price")
    tax = cells.money("item_tax")
    item_discount = abs(cells.money("item_promotion_discount", negative=True))
    shipping = cells.money("shipping_price")
    other_tax = cells.money("shipping_tax") + cells.money("gift_wrap_tax")
    wrap = cells.money("gift_wrap_price")
    discount = item_discount + abs(cells.money("ship_promotion_discount", negative=True))
    sku = cells.required("platform_sku")
    order.lines.append(
        LineIn(
            number, sku, sku, quantity, line_price(price, quantity), price,
            discount=item_discount, tax=tax, product_name=cells.text("product_name"),
            item_status=cells.text("item_status"),
        )
    )  # fmt: skip
    order.shipping_amount += shipping + wrap
    order.tax_amount += tax + other_tax
    order.discount_amount += discount
    if price is None:
        return None
    return price + tax + shipping + wrap + other_tax - discount


FORMAT = PlatformFormat(
    name="amazon",
    aliases=ALIASES,
    required=REQUIRED,
    marks=(frozenset({"asin"}), frozenset({"item_price", "sales_channel"})),
    parse=parse,
    additive=True,
    naive_zone="UTC",
)
