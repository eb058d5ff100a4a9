"""Writes the small order-export fixtures beside this file (run it again after changing them).

Headers are the documented ones (DOMAIN.md Part 2 §5); the rows are made up but shaped like
real exports: multi-item orders, Pending rows with empty prices, cancelled items, IDs that
Excel stored as numbers, a descriptive second header row, items packed into one cell.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from openpyxl import Workbook

HERE = Path(__file__).parent

AMAZON = [
    "amazon-order-id", "merchant-order-id", "purchase-date", "last-updated-date", "order-status",
    "fulfillment-channel", "sales-channel", "order-channel", "ship-service-level", "product-name",
    "sku", "asin", "item-status", "quantity", "currency", "item-price", "item-tax",
    "shipping-price", "shipping-tax", "gift-wrap-price", "gift-wrap-tax",
    "item-promotion-discount", "ship-promotion-discount", "ship-city", "ship-state",
    "ship-postal-code", "ship-country", "promotion-ids", "cpf", "is-business-order",
    "purchase-order-number", "price-designation",
]  # fmt: skip
AMAZON_ROWS = [
    ["113-4625812-1187423", "", "2024-05-03T14:22:10+00:00", "2024-05-05T08:01:44+00:00",
     "Shipped", "Amazon", "Amazon.com", "", "Expedited", "Ceramic Mug 350ml Blue",
     "MUG-350-BLU", "B0C1XK7Q2M", "Shipped", "2", "USD", "25.98", "2.08", "0.00", "0.00", "", "",
     "0.00", "0.00", "SEATTLE", "WA", "98109-4521", "US", "", "", "false", "", ""],
    ["113-4625812-1187423", "", "2024-05-03T14:22:10+00:00", "2024-05-05T08:01:44+00:00",
     "Shipped", "Amazon", "Amazon.com", "", "Expedited", "Silicone Cup Lid Black",
     "CUP-LID-BLK", "B0C1XM3R8T", "Shipped", "1", "USD", "11.99", "0.96", "0.00", "0.00", "", "",
     "-1.20", "0.00", "SEATTLE", "WA", "98109-4521", "US", "Coupon 10%", "", "false", "", ""],
    ["112-0391856-7724215", "", "2024-05-04T02:11:57+00:00", "2024-05-04T02:41:03+00:00",
     "Pending", "Amazon", "Amazon.com", "", "Standard", "Ceramic Mug 350ml Blue", "MUG-350-BLU",
     "B0C1XK7Q2M", "Unshipped", "1", "USD", "", "", "", "", "", "", "", "", "AUSTIN", "TX",
     "78701", "US", "", "", "false", "", ""],
    ["114-7763021-3390611", "", "2024-05-04T09:30:02+00:00", "2024-05-04T10:02:15+00:00",
     "Cancelled", "Amazon", "Amazon.com", "", "Standard", "Bamboo Coaster Set of 4",
     "COAST-BAM-4", "B0C2AA91PD", "Cancelled", "0", "USD", "", "", "", "", "", "", "", "",
     "DENVER", "CO", "80202", "US", "", "", "false", "", ""],
    ["111-2281234-5567890", "", "2024-05-04T17:45:31+00:00", "2024-05-07T12:00:09+00:00",
     "Shipped", "Merchant", "Amazon.com", "", "Standard", "Bamboo Coaster Set of 4",
     "COAST-BAM-4", "B0C2AA91PD", "Shipped", "1", "USD", "1,049.00", "0.00", "5.99", "0.00", "",
     "", "-2.00", "-5.99", "TORONTO", "ON", "M5V 2T6", "CA", "Free shipping", "", "true",
     "PO-7781", "Business Price"],
]  # fmt: skip
AMAZON_MWS = [*AMAZON[:8], "url", *AMAZON[8:29], *AMAZON[29:]]
MWS_ROWS = [
    ["302-1187734-9921547", "", "2024-05-03T09:02:44+00:00", "2024-05-04T06:12:00+00:00",
     "Shipped", "Amazon", "Amazon.de", "", "http://www.amazon.de/gp/product/B0C1XK7Q2M",
     "Standard", "Keramiktasse 350 ml blau", "MUG-350-BLU", "B0C1XK7Q2M", "Shipped", "1", "EUR",
     "14.99", "2.39", "0.00", "0.00", "", "", "0.00", "0.00", "MÜNCHEN", "", "80331", "DE", "",
     "", "false", "", ""],
    ["302-5520918-4410273", "", "2024-05-03T11:40:10+00:00", "2024-05-03T11:40:10+00:00",
     "Pending", "Amazon", "Amazon.de", "", "http://www.amazon.de/gp/product/B0C2AA91PD",
     "Standard", "Bambus-Untersetzer 4er Set", "COAST-BAM-4", "B0C2AA91PD", "Unshipped", "2",
     "EUR", "", "", "", "", "", "", "", "", "KÖLN", "", "50667", "DE", "", "", "false", "", ""],
]  # fmt: skip

SHOPEE = [
    "Order ID", "Order Status", "Return / Refund Status", "Tracking Number*", "Shipping Option",
    "Estimated Ship Out Date", "Ship Time", "Order Creation Date", "Order Paid Time",
    "Parent SKU Reference No.", "Product Name", "SKU Reference No.", "Variation Name",
    "Original Price", "Deal Price", "Quantity", "Returned quantity", "Product Subtotal",
    "Total Amount", "Buyer Paid Shipping Fee", "Seller Voucher", "Shipping Rebate Estimate",
    "Estimated Shipping Fee", "Service Fee", "Commission Fee", "Transaction Fee",
    "No of product in order", "Username (Buyer)", "Receiver Name", "Phone Number",
    "Delivery Address", "City", "Province", "Zip Code", "Country", "Remark from buyer",
    "Order Complete Time",
]  # fmt: skip
SHOPEE_ROWS = [
    ["240503KX7T2N9Q", "Completed", "", "SPXMY041234567", "Standard Delivery",
     "2024-05-05 23:59", "2024-05-04 10:12", "2024-05-03 14:22", "2024-05-03 14:23", "MUG350",
     "Ceramic Mug 350ml", "MUG-350-BLU", "Blue", "32.90", "29.90", 2, 0, "59.80", "64.70",
     "4.90", "0.00", "0.00", "6.50", "1.20", "3.59", "1.29", 3, "aisyah88", "Aisyah B.",
     "60123456789", "12 Jalan Ampang", "Kuala Lumpur", "Kuala Lumpur", "50450", "Malaysia", "",
     "2024-05-09 18:40"],
    ["240503KX7T2N9Q", "Completed", "", "SPXMY041234567", "Standard Delivery",
     "2024-05-05 23:59", "2024-05-04 10:12", "2024-05-03 14:22", "2024-05-03 14:23", "CUPLID",
     "Silicone Cup Lid", "CUP-LID-BLK", "Black", "12.90", "9.90", 1, 0, "9.90", "64.70", "4.90",
     "0.00", "0.00", "6.50", "1.20", "3.59", "1.29", 3, "aisyah88", "Aisyah B.", "60123456789",
     "12 Jalan Ampang", "Kuala Lumpur", "Kuala Lumpur", "50450", "Malaysia", "",
     "2024-05-09 18:40"],
    ["240504P3M8DD1A", "Unpaid", "", "", "Standard Delivery", "", "", "2024-05-04 21:05", "",
     "COAST4", "Bamboo Coaster Set", "COAST-BAM-4", "", "19.90", "17.90", 1, 0, "17.90",
     "17.90", "0.00", "0.00", "0.00", "0.00", "0.00", "0.00", "0.00", 1, "weiming", "Wei Ming",
     "60198765432", "3 Jalan Bukit", "Penang", "Penang", "10050", "Malaysia", "", ""],
    ["240504Q9W2ZR7C", "Cancelled", "", "", "Standard Delivery", "", "", "2024-05-04 22:47",
     "2024-05-04 22:48", "MUG350", "Ceramic Mug 350ml", "MUG-350-RED", "Red", "32.90", "29.90",
     1, 0, "29.90", "34.80", "4.90", "0.00", "0.00", "0.00", "0.00", "0.00", "0.00", 1,
     "kumar_r", "R. Kumar", "60111222333", "8 Jalan Ipoh", "Ipoh", "Perak", "30000", "Malaysia",
     "", ""],
]  # fmt: skip
# Taiwan site (Traditional Chinese), Thailand (Thai with English in brackets), Indonesia.
SHOPEE_TW = [
    "訂單編號",
    "訂單狀態",
    "訂單成立日期",
    "主商品貨號",
    "商品名稱",
    "商品選項貨號",
    "商品選項名稱",
    "商品活動價格",
    "數量",
    "訂單總金額",
    "Number of Items in Order",
]
SHOPEE_TW_ROWS = [
    ["240506ABCD1234", "已完成", "2024-05-06 09:15", "MUG350", "陶瓷馬克杯 350ml", "MUG-350-BLU",
     "藍色", "390", 2, "840", 2],
    ["240506EFGH5678", "不成立", "2024-05-06 11:02", "COAST4", "竹製杯墊四入", "COAST-BAM-4", "",
     "250", 1, "310", 1],
]  # fmt: skip
SHOPEE_TH = [
    "หมายเลขคำสั่งซื้อ (Order ID)",
    "สถานะการสั่งซื้อ (Order Status)",
    "วันที่ทำการสั่งซื้อ (Order Creation Date)",
    "เลขอ้างอิง SKU (SKU Reference No.)",
    "ชื่อสินค้า (Product Name)",
    "ราคาขาย (Deal Price)",
    "จำนวน (Quantity)",
    "Number of Items in Order",
]
SHOPEE_TH_ROWS = [
    ["240507TH00001A", "สำเร็จแล้ว", "2024-05-07 19:30", "MUG-350-BLU", "แก้วเซรามิก 350ml",
     "259.00", 1, 1],
]  # fmt: skip
SHOPEE_ID = [
    "No. Pesanan",
    "Status Pesanan",
    "Waktu Pesanan Dibuat",
    "No. Referensi SKU",
    "Nama Produk",
    "Harga Setelah Diskon",
    "Jumlah",
    "Total Pembayaran",
]
SHOPEE_ID_ROWS = [
    ["240508ID77A1B2", "Selesai", "2024-05-08 08:05", "MUG-350-BLU", "Mug Keramik 350ml",
     "Rp 89.000", 2, "Rp 190.000"],
]  # fmt: skip

TIKTOK = [
    "Order ID", "Order Status", "Order Substatus", "Cancelation/Return Type",
    "Normal or Pre-order", "SKU ID", "Seller SKU", "Product Name", "Variation", "Quantity",
    "Sku Quantity of return", "SKU Unit Original Price", "SKU Subtotal Before Discount",
    "SKU Platform Discount", "SKU Seller Discount", "SKU Subtotal After Discount",
    "Shipping Fee After Discount", "Original Shipping Fee", "Taxes", "Order Amount",
    "Order Refund Amount", "Created Time", "Paid Time", "Shipped Time", "Delivered Time",
    "Cancelled Time", "Fulfillment Type", "Warehouse Name", "Tracking ID", "Country",
    "Weight(kg)", "Package ID",
]  # fmt: skip
TIKTOK_DESCRIPTIONS = [
    "Platform unique order ID.", "Order status.", "Order substatus.", "Cancellation or return.",
    "Normal or pre-order.", "Platform SKU ID.", "Seller SKU code.", "Product name.",
    "SKU variation.", "SKU quantity.", "Returned quantity.", "Original price per unit.",
    "Unit price x quantity.", "Platform discount.", "Seller discount.", "Subtotal after discount.",
    "Shipping fee after discount.", "Original shipping fee.", "Taxes.", "Order amount.",
    "Refund amount.", "Order created time.", "Order paid time.", "Shipped time.",
    "Delivered time.", "Cancelled time.", "Fulfillment type.", "Warehouse.", "Tracking number.",
    "Country.", "Weight.", "Package.",
]  # fmt: skip
TIKTOK_ROWS = [
    ["\t577301923445821907", "Completed", "Completed", "", "Normal", "\t1729384756102938475",
     "MUG-350-BLU", "Ceramic Mug 350ml", "Blue", "2", "0", "USD 14.99", "USD 29.98", "USD 3.00",
     "USD 1.50", "USD 25.48", "USD 0.00", "USD 4.99", "USD 2.04", "USD 27.52", "USD 0.00",
     "05/03/2024 2:22:10 PM", "05/03/2024 2:23:01 PM", "05/04/2024 9:10:44 AM",
     "05/08/2024 4:51:02 PM", "", "Fulfillment by seller", "Shenzhen WH", "\t9400111899223",
     "United States", "0.8", "\t1152938475612"],
    ["\t577301923445821907", "Completed", "Completed", "", "Normal", "\t1729384756102938476",
     "CUP-LID-BLK", "Silicone Cup Lid", "Black", "1", "0", "USD 5.99", "USD 5.99", "USD 0.00",
     "USD 0.00", "USD 5.99", "USD 0.00", "USD 4.99", "USD 2.04", "USD 27.52", "USD 0.00",
     "05/03/2024 2:22:10 PM", "05/03/2024 2:23:01 PM", "05/04/2024 9:10:44 AM",
     "05/08/2024 4:51:02 PM", "", "Fulfillment by seller", "Shenzhen WH", "\t9400111899223",
     "United States", "0.2", "\t1152938475612"],
    ["\t577301955512093344", "Canceled", "Canceled", "Cancel", "Normal", "\t1729384756102938477",
     "COAST-BAM-4", "Bamboo Coaster Set", "", "1", "0", "USD 12.99", "USD 12.99", "USD 0.00",
     "USD 0.00", "USD 12.99", "USD 0.00", "USD 0.00", "USD 0.00", "USD 12.99", "USD 12.99",
     "05/04/2024 8:01:33 PM", "05/04/2024 8:01:50 PM", "", "", "05/04/2024 9:15:00 PM",
     "Fulfillment by seller", "Shenzhen WH", "", "United States", "0.3", ""],
]  # fmt: skip

ALIEXPRESS = [
    "订单号", "订单状态", "负责人(业务员)", "买家名称", "下单时间", "付款时间", "产品总金额",
    "物流费用", "订单金额", "满立减", "产品信息\n（双击单元格展开所有产品信息！）", "订单备注",
    "收货地址", "收货人名称", "收货国家", "州/省", "城市", "地址", "邮编", "联系电话", "手机",
    "买家选择物流", "发货期限", "实际发货物流:运单号", "发货时间", "确认收货时间",
]  # fmt: skip
ALIEXPRESS_ITEMS = (
    "【1】Ceramic Mug 350ml (产品ID: 1005006123456789)\n产品属性: Color:Blue\n"
    "商家编码: MUG-350-BLU\n单价: US $12.50 x 2 piece\n物流: AliExpress Standard Shipping\n"
    "【2】Silicone Cup Lid (产品ID: 1005006987654321)\n产品属性: Color:Black\n"
    "商家编码: CUP-LID-BLK\n单价: US $3.20 x 1 piece\n物流: AliExpress Standard Shipping"
)
ALIEXPRESS_ROWS = [
    [8190123456789012, "订单结束", "张三", "John Smith", "2024-05-03 14:22:10",
     "2024-05-03 14:25:00", "US $28.20", "US $1.99", "US $27.19", "US $3.00", ALIEXPRESS_ITEMS,
     "", "12 Main St", "John Smith", "United States", "California", "Los Angeles", "12 Main St",
     "90012", "", "+1 2135550100", "AliExpress Standard Shipping", "2024-05-10",
     "Cainiao:LP00123456789012", "2024-05-05 09:00:00", "2024-05-20 10:00:00"],
    ["8190123456780021", "等待买家付款", "张三", "Marie Dupont", "2024-05-04 08:00:00", "",
     "US $9.90", "US $0.00", "US $9.90", "", "【1】Bamboo Coaster Set (产品ID: 1005006555444333)\n"
     "商家编码: COAST-BAM-4\n单价: US $9.90 x 1 piece", "", "5 Rue de Rivoli", "Marie Dupont",
     "法国", "", "Paris", "5 Rue de Rivoli", "75001", "", "", "Cainiao", "", "", "", ""],
]  # fmt: skip


def tsv(path: Path, header: list[str], rows: list[list[str]], encoding: str) -> None:
    lines = ["\t".join(header), *("\t".join(r) for r in rows)]
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode(encoding))


def csv_text(path: Path, header: list[str], rows: list[list[object]], encoding: str) -> None:
    import csv
    import io

    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    path.write_bytes(out.getvalue().encode(encoding))


def xlsx(path: Path, header: list[str], rows: list[list[object]], title: str = "") -> None:
    book = Workbook()
    sheet = book.active
    sheet.title = "orders"
    if title:
        sheet.append([title])
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    book.properties.created = dt.datetime(2024, 5, 10)  # stable bytes between runs
    book.properties.modified = dt.datetime(2024, 5, 10)
    book.save(path)


def main() -> None:
    tsv(HERE / "amazon_all_orders.txt", AMAZON, AMAZON_ROWS, "utf-8")
    # The old MWS header, re-saved from Excel as "Unicode text" (utf-16, tabs).
    tsv(HERE / "amazon_all_orders_mws_utf16.txt", AMAZON_MWS, MWS_ROWS, "utf-16")
    xlsx(HERE / "shopee_my.xlsx", SHOPEE, SHOPEE_ROWS)
    xlsx(HERE / "shopee_tw.xlsx", SHOPEE_TW, SHOPEE_TW_ROWS)
    xlsx(HERE / "shopee_th.xlsx", SHOPEE_TH, SHOPEE_TH_ROWS)
    xlsx(HERE / "shopee_id.xlsx", SHOPEE_ID, SHOPEE_ID_ROWS)
    csv_text(HERE / "tiktok_us.csv", TIKTOK, [TIKTOK_DESCRIPTIONS, *TIKTOK_ROWS], "utf-8-sig")
    xlsx(HERE / "aliexpress.xlsx", ALIEXPRESS, ALIEXPRESS_ROWS)
    csv_text(HERE / "aliexpress_gbk.csv", ALIEXPRESS, ALIEXPRESS_ROWS, "gb18030")


if __name__ == "__main__":
    main()
