"""TikTok Shop's order export (csv/xlsx, one row per SKU), skipping its descriptive second header.

`SKU Unit Original Price` is per unit and `SKU Subtotal Before Discount` / `After Discount`
per line; the goods amount is the line before discounts, the platform's and the seller's
discounts are the line's discount. Order-level cells (Order Amount, shipping, taxes,
times) repeat on each row. Some exports put a row of column descriptions under the header.
Times are the shop's local time, month first in US exports. Header names: jeffpham2906/
JP-Manager server/types/order.d.ts.
"""

from __future__ import annotations

from collections.abc import Iterator

from desktop_app.core.importers.orders.normalise import (
    Cells,
    Context,
    LineIn,
    OrderIn,
    PlatformFormat,
    grouped,
    line_price,
    status_table,
    times,
    unique_keys,
)
from desktop_app.core.importers.tabular import Row, Table

ALIASES: dict[str, tuple[str, ...]] = {
    "order_id": ("Order ID",),
    "status": ("Order Status",),
    "order_substatus": ("Order Substatus",),
    "cancel_return_type": ("Cancelation/Return Type", "Cancellation/Return Type"),
    "sku_id": ("SKU ID",),
    "platform_sku": ("Seller SKU",),
    "product_name": ("Product Name",),
    "variation": ("Variation",),
    "quantity": ("Quantity",),
    "unit_original_price": ("SKU Unit Original Price",),
    "subtotal_before_discount": ("SKU Subtotal Before Discount",),
    "platform_discount": ("SKU Platform Discount",),
    "seller_discount": ("SKU Seller Discount",),
    "subtotal_after_discount": ("SKU Subtotal After Discount",),
    "shipping_after_discount": ("Shipping Fee After Discount",),
    "taxes": ("Taxes",),
    "order_total": ("Order Amount",),
    "order_refund_amount": ("Order Refund Amount",),
    "ordered_at": ("Created Time",),
    "paid_at": ("Paid Time",),
    "shipped_at": ("Shipped Time",),
    "delivered_at": ("Delivered Time",),
    "cancelled_at": ("Cancelled Time",),
    "fulfilment_type": ("Fulfillment Type",),
    "warehouse_name": ("Warehouse Name",),
    "tracking_id": ("Tracking ID",),
    "ship_country": ("Country",),
    "package_id": ("Package ID",),
    "weight_kg": ("Weight(kg)",),
}
REQUIRED = frozenset({"order_id", "status", "ordered_at", "quantity", "unit_original_price"})
STATUSES = status_table(
    {
        "unpaid": ("Unpaid", "Awaiting payment"),
        "paid": ("To ship", "Awaiting shipment", "Awaiting collection", "On hold", "Processing"),
        "shipped": ("Shipped", "In transit", "Partially shipped"),
        "delivered": ("Delivered",),
        "completed": ("Completed",),
        "cancelled": ("Canceled", "Cancelled"),
    }
)


def parse(table: Table, ctx: Context) -> Iterator[OrderIn]:
    rows = table.rows(skip=lambda n, row: n == table.header_row + 1 and descriptive(row))
    for _, group in grouped(rows, "order_id"):
        order = _order(group, ctx)
        if order is not None:
            yield order


def descriptive(row: Row) -> bool:
    """The row of column descriptions some exports put under the header ("Platform unique
    order ID.") — text where the order id and the quantity should be."""
    order_id, quantity = row.get("order_id", ""), row.get("quantity", "")
    return " " in order_id and not quantity.replace(".", "", 1).isdigit()


def _order(rows: list, ctx: Context) -> OrderIn | None:
    number, first = rows[0]
    head = Cells(ctx, number, first)
    status, raw_status = head.status("status", STATUSES)
    substatus = head.text("order_substatus")
    raw_status = f"{raw_status} / {substatus}" if substatus else raw_status
    order = OrderIn(
        number, head.ident("order_id"), status, raw_status,
        head.when("ordered_at", required=True), ctx.currency,  # type: ignore[arg-type]
        paid_at=head.when("paid_at"), shipped_at=head.when("shipped_at"),
        total_amount=head.amount("order_total"),
        shipping_amount=head.money("shipping_after_discount"),
        tax_amount=head.money("taxes"), ship_country=head.country("ship_country"),
        fulfilment_channel=head.text("fulfilment_type"), rows=len(rows),
    )  # fmt: skip
    bad = head.bad
    for index, (n, row) in enumerate(rows):
        cells = head if index == 0 else Cells(ctx, n, row)
        order.lines.append(_line(cells, n))
        bad = bad or cells.bad
    if bad:
        return None
    unique_keys(order.lines)
    order.discount_amount = sum((line.discount for line in order.lines), order.discount_amount)
    if order.total_amount is None and (goods := order.goods_amount()) is not None:
        order.total_amount = (
            goods - order.discount_amount + order.shipping_amount + order.tax_amount
        )
    return order


def _line(cells: Cells, number: int) -> LineIn:
    quantity = cells.quantity("quantity")
    unit = cells.amount("unit_original_price", places=4)
    amount = cells.amount("subtotal_before_discount")
    if amount is None:
        amount = times(unit, quantity)
    if unit is None:
        unit = line_price(amount, quantity)
    discount = cells.money("platform_discount") + cells.money("seller_discount")
    sku = cells.text("platform_sku")
    sku_id = cells.text("sku_id")
    if not sku and not sku_id:
        cells.error("platform_sku", "", "empty; a Seller SKU or a SKU ID is required")
    name, variation = cells.text("product_name"), cells.text("variation")
    title = f"{name} [{variation}]" if variation else name
    return LineIn(number, sku_id or sku, sku or sku_id, quantity, unit, amount, discount,
                  product_name=title)  # fmt: skip


FORMAT = PlatformFormat(
    name="tiktok",
    aliases=ALIASES,
    required=REQUIRED,
    marks=(
        frozenset({"unit_original_price"}),
        frozenset({"subtotal_after_discount"}),
        frozenset({"sku_id", "order_substatus"}),
    ),
    parse=parse,
    site_from_ship_country=True,
)
