"""AliExpress's legacy seller export (.xls/.xlsx, one row per order, items packed in 产品信息).

Every item of an order sits in the one 产品信息 cell, one block per item, as the seller
centre writes it (the layout we read; the source is a 2019 script re-reading these files,
so it is kept tolerant):

    【1】Women Summer Dress (产品ID: 1005001234567890)
    产品属性: Color:Black Size:M
    商家编码: DR-BLK-M
    单价: US $12.99 x 2 piece

Blocks start at 【n】 (or [n]); without markers, blank lines separate them. The price is
per unit. 产品总金额 is the goods total, 物流费用 the shipping and 满立减 the order's
discount. Times are the seller centre's (US Pacific); amounts are US dollars unless the
shop says otherwise. Order numbers are 16 digits: Excel keeps only 15 of them if the
column is a number, which is warned about.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

from desktop_app.core.importers.orders.normalise import (
    Cells,
    Context,
    LineIn,
    OrderIn,
    PlatformFormat,
    parse_amount,
    status_table,
    times,
)
from desktop_app.core.importers.tabular import Table

ALIASES: dict[str, tuple[str, ...]] = {
    "order_id": ("订单号", "Order No.", "Order Number"),
    "status": ("订单状态",),
    "salesperson": ("负责人(业务员)", "负责人"),
    "buyer": ("买家名称",),
    "ordered_at": ("下单时间", "Order Time"),
    "paid_at": ("付款时间", "Payment Time"),
    "goods_total": ("产品总金额", "Product Total"),
    "shipping": ("物流费用",),
    "order_total": ("订单金额", "Order Amount"),
    "order_discount": ("满立减",),
    "product_info": ("产品信息", "Product Information"),
    "note": ("订单备注",),
    "ship_country": ("收货国家",),
    "shipped_at": ("发货时间",),
    "received_at": ("确认收货时间",),
    "carrier_tracking": ("实际发货物流:运单号", "实际发货物流"),
}
REQUIRED = frozenset({"order_id", "status", "ordered_at", "product_info"})
STATUSES = status_table(
    {
        "unpaid": ("等待买家付款", "Awaiting payment"),
        "pending": ("资金处理中", "风控审核中", "Payment processing"),
        "paid": ("等待您发货", "等待卖家发货", "买家已付款", "Awaiting shipment"),
        "shipped": ("等待买家收货", "部分发货", "卖家已发货", "Awaiting delivery"),
        "completed": ("订单结束", "交易完成", "订单完成", "买家确认收货", "Finished", "Completed"),
        "cancelled": ("订单关闭", "交易关闭", "已取消", "Closed", "Cancelled"),
        "refunded": ("退款成功",),
    }
)
_BLOCK = re.compile(r"(?:【\s*\d+\s*】|^\s*\[\s*\d+\s*\])", re.MULTILINE)
_ID = re.compile(r"[(（]?\s*(?:产品ID|商品ID|Product ID)\s*[:：]\s*(\d+)\s*[)）]?", re.IGNORECASE)
_SKU = re.compile(
    r"(?:商家编码|商品编码|SKU编码|Merchant SKU|Seller SKU|SKU)\s*[:：]\s*([^\s,;，；]+)", re.I
)
_ATTRS = re.compile(r"(?:产品属性|商品属性|Attributes?)\s*[:：]\s*(.+)", re.IGNORECASE)
_PRICE = re.compile(
    r"(?:单价|价格|Unit Price|Price)\s*[:：]\s*(.+?)\s*[x×X*]\s*(\d+(?:\.\d+)?)", re.IGNORECASE
)
_QUANTITY = re.compile(r"(?:数量|Quantity|Qty)\s*[:：]\s*(\d+(?:\.\d+)?)", re.IGNORECASE)
_LABELLED = re.compile(r"^\s*[^:：]{1,12}[:：]")


@dataclass
class PackedItem:
    """One item read from a 产品信息 block."""

    name: str
    product_id: str
    sku: str
    attributes: str
    unit_price: str  # as written: "US $12.99"
    quantity: str


def split_items(text: str) -> list[PackedItem]:
    """The items packed in one 产品信息 cell, in order."""
    parts = [p for p in _BLOCK.split(text) if p.strip()]
    if len(parts) <= 1 and not _BLOCK.search(text):
        parts = [p for p in re.split(r"\n\s*\n", text) if p.strip()]
    return [_item(block) for block in parts]


def _item(block: str) -> PackedItem:
    lines = [line.strip() for line in block.strip().splitlines() if line.strip()]
    first = lines[0] if lines else ""
    name = "" if _LABELLED.match(first) else _ID.sub("", first).strip()
    price = _PRICE.search(block)
    quantity = price[2] if price else (q[1] if (q := _QUANTITY.search(block)) else "")
    return PackedItem(
        name=name,
        product_id=m[1] if (m := _ID.search(block)) else "",
        sku=m[1] if (m := _SKU.search(block)) else "",
        attributes=m[1].strip() if (m := _ATTRS.search(block)) else "",
        unit_price=price[1].strip() if price else "",
        quantity=quantity,
    )


def parse(table: Table, ctx: Context) -> Iterator[OrderIn]:
    for number, row in table.rows():
        cells = Cells(ctx, number, row)
        order = _order(cells, number)
        if order is not None and not cells.bad:
            yield order


def _order(cells: Cells, number: int) -> OrderIn | None:
    status, raw_status = cells.status("status", STATUSES)
    order = OrderIn(
        number, cells.ident("order_id"), status, raw_status,
        cells.when("ordered_at", required=True), cells.ctx.currency,  # type: ignore[arg-type]
        paid_at=cells.when("paid_at"), shipped_at=cells.when("shipped_at"),
        total_amount=cells.amount("order_total"), shipping_amount=cells.money("shipping"),
        discount_amount=abs(cells.money("order_discount", negative=True)),
        ship_country=cells.country("ship_country"),
    )  # fmt: skip
    goods_total = cells.amount("goods_total")
    items = split_items(cells.required("product_info"))
    if not items and cells.text("product_info"):
        cells.error("product_info", cells.text("product_info")[:80], "no item found in the cell")
    for index, item in enumerate(items, start=1):
        order.lines.append(_line(cells, number, index, item, goods_total, len(items)))
    if cells.bad:
        return None
    goods = order.goods_amount()
    if goods is not None and goods_total is not None and goods != goods_total:
        cells.ctx.warn(
            number, "goods_total", str(goods_total),
            f"the items in 产品信息 add up to {goods}, not the goods total",
        )  # fmt: skip
    if order.total_amount is None and goods is not None:
        order.total_amount = goods + order.shipping_amount - order.discount_amount
    return order


def _line(
    cells: Cells, number: int, index: int, item: PackedItem, goods_total: Decimal | None, count: int
) -> LineIn:
    quantity = Decimal(1)
    if item.quantity:
        quantity = Decimal(item.quantity)
    price: Decimal | None = None
    if item.unit_price:
        try:
            price = parse_amount(item.unit_price, cells.ctx.currency)
        except ValueError:
            cells.error(
                "product_info", item.unit_price, f"item {index}: unit price is not an amount"
            )
    amount = times(price, quantity)
    if amount is None and count == 1:
        amount = goods_total  # one item: the goods total is its amount
        price = None if amount is None else (amount / quantity).quantize(Decimal("0.0001"))
    sku = item.sku or item.product_id
    if not sku:
        cells.error("product_info", item.name[:80], f"item {index}: no 商家编码 or 产品ID")
    key = f"{sku}|{item.attributes}" if item.attributes and not item.sku else sku
    title = f"{item.name} [{item.attributes}]" if item.attributes else item.name
    return LineIn(number, key, sku, quantity, price, amount, product_name=title)


FORMAT = PlatformFormat(
    name="aliexpress",
    aliases=ALIASES,
    required=REQUIRED,
    marks=(frozenset({"product_info"}),),
    parse=parse,
    naive_zone="USA",
    default_currency="USD",
)
