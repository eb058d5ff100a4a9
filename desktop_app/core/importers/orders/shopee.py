"""Shopee's order export (xlsx, one row per item), with English and localised (TW/TH/ID) headers.

`Deal Price` is the unit price after the seller's product deal, so a line's goods amount is
Deal Price × Quantity. Order-level cells (Total Amount, fees, dates) repeat on every item
row of the order. The item count is "No of product in order" on some sites and "Number of
Items in Order" on others. Times are the site's local time. Header names: ComaGear/
shopeesalescoverter ShopeeSalesOrderColumn.java and public parsers of localised exports.
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
    status_table,
    times,
    unique_keys,
)
from desktop_app.core.importers.tabular import Table

ALIASES: dict[str, tuple[str, ...]] = {
    "order_id": ("Order ID", "訂單編號", "订单编号", "No. Pesanan", "หมายเลขคำสั่งซื้อ"),
    "status": ("Order Status", "訂單狀態", "Status Pesanan", "สถานะการสั่งซื้อ"),
    "ordered_at": (
        "Order Creation Date", "訂單成立日期", "訂單成立時間", "Waktu Pesanan Dibuat",
        "วันที่ทำการสั่งซื้อ",
    ),
    "paid_at": ("Order Paid Time", "買家付款時間", "Waktu Pembayaran Dilakukan", "เวลาการชำระสินค้า"),
    "shipped_at": ("Ship Time", "實際出貨時間", "Waktu Pengiriman Diatur", "เวลาส่งสินค้า"),
    "completed_at": ("Order Complete Time", "訂單完成時間", "Waktu Pesanan Selesai"),
    "parent_sku": (
        "Parent SKU Reference No.", "主商品貨號", "Nomor Referensi SKU Induk",
        "SKU Induk", "เลขอ้างอิง Parent SKU",
    ),
    "platform_sku": ("SKU Reference No.", "商品選項貨號", "No. Referensi SKU", "เลขอ้างอิง SKU"),
    "variation": ("Variation Name", "商品選項名稱", "Nama Variasi", "ชื่อตัวเลือก"),
    "product_name": ("Product Name", "商品名稱", "Nama Produk", "ชื่อสินค้า"),
    "original_price": ("Original Price", "商品原價", "Harga Awal", "ราคาตั้งต้น"),
    "deal_price": ("Deal Price", "商品活動價格", "Harga Setelah Diskon", "ราคาขาย"),
    "quantity": ("Quantity", "數量", "Jumlah", "จำนวน"),
    "order_total": ("Total Amount", "Grand Total", "訂單總金額", "Total Pembayaran"),
    "buyer_shipping_fee": (
        "Buyer Paid Shipping Fee", "買家支付的運費", "Ongkos Kirim Dibayar oleh Pembeli",
    ),
    "seller_voucher": ("Seller Voucher", "賣場優惠券", "Voucher Ditanggung Penjual"),
    "service_fee": ("Service Fee", "服務費", "Biaya Layanan"),
    "commission_fee": ("Commission Fee", "成交手續費", "Biaya Administrasi"),
    "transaction_fee": ("Transaction Fee", "金流與系統處理費", "Biaya Transaksi"),
    "items_in_order": (
        "No of product in order", "Number of Items in Order", "商品數量",
        "Jumlah Produk di Pesan", "จำนวนสินค้าในคำสั่งซื้อ",
    ),
    "ship_country": ("Country", "Negara", "國家"),
    "tracking_number": ("Tracking Number*", "Tracking Number", "包裹查詢號碼", "No. Resi"),
    "refund_status": (
        "Return / Refund Status", "退貨 / 退款狀態", "Status Pembatalan/ Pengembalian",
    ),
}  # fmt: skip
REQUIRED = frozenset({"order_id", "status", "ordered_at", "quantity", "deal_price"})
STATUSES = status_table(
    {
        "unpaid": ("Unpaid", "待付款", "Belum Bayar", "ที่ต้องชำระ", "ยังไม่ชำระ"),
        "paid": ("To ship", "Ready to ship", "待出貨", "待出货", "Perlu Dikirim", "ที่ต้องจัดส่ง"),
        "shipped": ("Shipping", "Shipped", "運送中", "运送中", "Dikirim", "กำลังจัดส่ง"),
        "delivered": ("Delivered", "已送達", "Telah Dikirim", "จัดส่งสำเร็จแล้ว"),
        "completed": ("Completed", "已完成", "Selesai", "สำเร็จแล้ว"),
        "cancelled": ("Cancelled", "已取消", "不成立", "Batal", "ยกเลิกแล้ว"),
        "refunded": ("Return/Refund", "Return / Refund", "退貨/退款", "Pengembalian"),
    }
)  # fmt: skip


def parse(table: Table, ctx: Context) -> Iterator[OrderIn]:
    for _, rows in grouped(table.rows(), "order_id"):
        order = _order(rows, ctx)
        if order is not None:
            yield order


def _order(rows: list, ctx: Context) -> OrderIn | None:
    number, first = rows[0]
    head = Cells(ctx, number, first)
    status, raw_status = head.status("status", STATUSES)
    order = OrderIn(
        number, head.ident("order_id"), status, raw_status,
        head.when("ordered_at", required=True), ctx.currency,  # type: ignore[arg-type]
        paid_at=head.when("paid_at"), shipped_at=head.when("shipped_at"),
        shipping_amount=head.money("buyer_shipping_fee"),
        discount_amount=head.money("seller_voucher"), ship_country=head.country("ship_country"),
        rows=len(rows),
    )  # fmt: skip
    order.platform_fees = (
        head.money("service_fee") + head.money("commission_fee") + head.money("transaction_fee")
    )
    total = head.amount("order_total")
    bad = head.bad
    for index, (n, row) in enumerate(rows):
        cells = head if index == 0 else Cells(ctx, n, row)
        order.lines.append(_line(cells, n))
        bad = bad or cells.bad
    if bad:
        return None
    unique_keys(order.lines)
    if total is None and (goods := order.goods_amount()) is not None:
        total = goods + order.shipping_amount - order.discount_amount
    order.total_amount = total
    return order


def _line(cells: Cells, number: int) -> LineIn:
    quantity = cells.quantity("quantity")
    price = cells.amount("deal_price", places=4)
    if price is None:
        price = cells.amount("original_price", places=4)
    sku = cells.text("platform_sku") or cells.text("parent_sku")
    name = cells.text("product_name")
    variation = cells.text("variation")
    if not sku and not name:
        cells.error("platform_sku", "", "empty; a SKU reference or a product name is required")
    key = sku or f"{name}|{variation}"
    title = f"{name} [{variation}]" if variation else name
    return LineIn(number, key, sku or key, quantity, price, times(price, quantity), ZERO,
                  product_name=title)  # fmt: skip


FORMAT = PlatformFormat(
    name="shopee",
    aliases=ALIASES,
    required=REQUIRED,
    marks=(
        frozenset({"deal_price"}),
        frozenset({"items_in_order"}),
        frozenset({"parent_sku", "order_id"}),
    ),
    parse=parse,
    site_from_ship_country=True,
)
