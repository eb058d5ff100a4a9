"""The generic order template (resources/templates/orders_template.csv): one row per item.

For platforms without a parser of their own (a website shop, an offline channel, a
platform's report reshaped by hand). English or Chinese headers; see the README beside the
template. Order-level cells may be given on the first row of an order only, or repeated:
the first non-empty value of the order is used. Times without an offset are UTC.
"""

from __future__ import annotations

from collections.abc import Iterator

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
    times,
    unique_keys,
)
from desktop_app.core.importers.tabular import Row, Table

ALIASES: dict[str, tuple[str, ...]] = {
    "order_id": ("order_id", "订单号", "订单编号"),
    "line_id": ("line_id", "行号", "明细号"),
    "status": ("status", "订单状态", "状态"),
    "ordered_at": ("ordered_at", "下单时间"),
    "paid_at": ("paid_at", "付款时间"),
    "shipped_at": ("shipped_at", "发货时间"),
    "currency": ("currency", "币种", "币制"),
    "platform_sku": ("platform_sku", "平台SKU", "SKU"),
    "product_name": ("product_name", "商品名称", "品名"),
    "quantity": ("quantity", "数量"),
    "unit_price": ("unit_price", "单价"),
    "amount": ("amount", "金额", "商品金额"),
    "discount": ("discount", "折扣", "优惠"),
    "tax": ("tax", "税额", "税费"),
    "shipping": ("shipping", "运费", "物流费用"),
    "platform_fees": ("platform_fees", "平台费用", "佣金"),
    "order_total": ("order_total", "订单金额", "订单总额"),
    "ship_country": ("ship_country", "收货国家", "目的国"),
    "fulfilment_channel": ("fulfilment_channel", "fulfillment_channel", "配送渠道"),
    "sales_channel": ("sales_channel", "销售渠道", "站点"),
}
REQUIRED = frozenset({"order_id", "status", "ordered_at", "currency", "platform_sku", "quantity"})
STATUSES = status_table(
    {
        "pending": ("pending", "待处理", "待审核"),
        "unpaid": ("unpaid", "未付款", "待付款"),
        "paid": ("paid", "已付款", "待发货"),
        "shipped": ("shipped", "已发货"),
        "delivered": ("delivered", "已签收", "已送达"),
        "completed": ("completed", "已完成"),
        "cancelled": ("cancelled", "canceled", "已取消"),
        "refunded": ("refunded", "已退款"),
        "returned": ("returned", "已退货"),
    }
)
_ORDER_FIELDS = (
    "status", "ordered_at", "paid_at", "shipped_at", "currency", "shipping", "platform_fees",
    "order_total", "ship_country", "fulfilment_channel", "sales_channel",
)  # fmt: skip


def parse(table: Table, ctx: Context) -> Iterator[OrderIn]:
    for _, rows in grouped(table.rows(), "order_id"):
        order = _order(rows, ctx)
        if order is not None:
            yield order


def _order_row(rows: list[tuple[int, Row]]) -> tuple[int, Row]:
    """The first row, with each order-level cell taken from the first row that has it."""
    number, first = rows[0]
    for name in _ORDER_FIELDS:
        if not first.get(name):
            first[name] = next((r[name] for _, r in rows if r.get(name)), "")
    return number, first


def _order(rows: list[tuple[int, Row]], ctx: Context) -> OrderIn | None:
    number, merged = _order_row(rows)
    head = Cells(ctx, number, merged)
    status, raw_status = head.status("status", STATUSES)
    currency = head.currency("currency") if head.required("currency") else ""
    order = OrderIn(
        number, head.ident("order_id"), status, raw_status,
        head.when("ordered_at", required=True), currency,  # type: ignore[arg-type]
        paid_at=head.when("paid_at"), shipped_at=head.when("shipped_at"),
        total_amount=head.amount("order_total"), shipping_amount=head.money("shipping"),
        platform_fees=head.money("platform_fees"), ship_country=head.country("ship_country"),
        fulfilment_channel=head.text("fulfilment_channel"),
        sales_channel=head.text("sales_channel"), rows=len(rows),
    )  # fmt: skip
    bad = head.bad
    for n, row in rows:
        cells = Cells(ctx, n, row)
        order.lines.append(_line(cells, n))
        bad = bad or cells.bad
    if bad:
        return None
    unique_keys(order.lines)
    order.discount_amount = sum((line.discount for line in order.lines), ZERO)
    order.tax_amount = sum((line.tax for line in order.lines), ZERO)
    goods = order.goods_amount()
    if order.total_amount is None and goods is not None:
        order.total_amount = (
            goods - order.discount_amount + order.tax_amount + order.shipping_amount
        )
    return order


def _line(cells: Cells, number: int) -> LineIn:
    quantity = cells.quantity("quantity")
    unit = cells.amount("unit_price", places=4)
    amount = cells.amount("amount")
    if amount is None:
        amount = times(unit, quantity)
    if unit is None:
        unit = line_price(amount, quantity)
    sku = cells.required("platform_sku")
    return LineIn(
        number, cells.text("line_id") or sku, sku, quantity, unit, amount,
        cells.money("discount"), cells.money("tax"), product_name=cells.text("product_name"),
    )  # fmt: skip


FORMAT = PlatformFormat(
    name="generic",
    aliases=ALIASES,
    required=REQUIRED,
    marks=(
        REQUIRED,
        frozenset({"line_id"}),
        frozenset({"platform_sku", "unit_price"}),
        frozenset({"platform_sku", "amount"}),
    ),
    parse=parse,
    naive_zone="UTC",
)
