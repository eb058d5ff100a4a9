"""Order import of every platform format, from the fixtures in tests/data/orders."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import select

from desktop_app.core.errors import BadInput
from desktop_app.core.importers.common import ImportRejected
from desktop_app.core.importers.orders import detect_platform, read_orders_table
from desktop_app.core.importers.orders.aliexpress import split_items
from desktop_app.core.models import Order, Shop
from desktop_app.core.services.order_import import (
    import_orders,
    sales_by_currency,
    save_template,
    template_path,
)

DATA = Path(__file__).resolve().parents[1] / "data" / "orders"
D = Decimal


def add_shop(db, platform: str, name: str, country: str, currency: str) -> None:
    with db.transaction() as s:
        s.add(Shop(platform=platform, name=name, site_country=country, currency=currency))


def orders(db) -> dict[str, Order]:
    with db.sessions() as s:
        found = s.scalars(select(Order)).all()
        for order in found:
            _ = order.lines, order.shop
        return {o.platform_order_id: o for o in found}


def sales(db) -> dict[str, Decimal]:
    with db.sessions() as s:
        return sales_by_currency(s)


def test_amazon_all_orders_current_header(db):
    add_shop(db, "amazon", "Amazon US", "USA", "USD")
    summary = import_orders(db, DATA / "amazon_all_orders.txt")
    assert (summary.rows, summary.inserted, summary.updated, summary.skipped) == (5, 5, 0, 0)
    assert summary.errors == [] and summary.details["shop"] == "Amazon US"
    found = orders(db)
    multi = found["113-4625812-1187423"]
    assert [(ln.platform_sku, ln.quantity, ln.unit_price, ln.amount) for ln in multi.lines] == [
        ("MUG-350-BLU", D(2), D("12.99"), D("25.98")),  # item-price is the line total
        ("CUP-LID-BLK", D(1), D("11.99"), D("11.99")),
    ]
    assert multi.total_amount == D("39.81") and multi.tax_amount == D("3.04")
    assert multi.discount_amount == D("1.20") and multi.fulfilment_channel == "AFN"
    assert multi.ordered_at == dt.datetime(2024, 5, 3, 14, 22, 10, tzinfo=dt.UTC)
    pending = found["112-0391856-7724215"]
    assert pending.status == "pending" and pending.total_amount is None
    assert pending.lines[0].amount is None and pending.lines[0].unit_price is None
    cancelled = found["114-7763021-3390611"]
    assert cancelled.status == "cancelled" and cancelled.lines[0].quantity == 0
    merchant = found["111-2281234-5567890"]
    assert merchant.total_amount == D("1047.00") and merchant.shipping_amount == D("5.99")
    assert merchant.ship_country == "CAN" and merchant.fulfilment_channel == "MFN"
    # New orders are routed as they are inserted: FBA (AFN) sells from the platform's
    # warehouse under 9810, merchant-fulfilled orders ship from China under 9610.
    assert (multi.customs_mode, multi.fulfilment) == ("9810", "platform")
    assert (merchant.customs_mode, merchant.fulfilment) == ("9610", "china_direct")
    # Pending and cancelled orders are kept but are not sales.
    assert sales(db) == {"USD": D("25.98") + D("11.99") + D("1049.00")}


def test_routing_rules_apply_to_new_orders(db):
    from desktop_app.core.services.routing import RuleDraft, create_rule

    add_shop(db, "shopee", "Shopee MY", "MYS", "MYR")
    with db.transaction() as s:
        create_rule(s, RuleDraft(platform="shopee", customs_mode="0110", fulfilment="b2b"))
    import_orders(db, DATA / "shopee_my.xlsx")
    assert {(o.customs_mode, o.fulfilment) for o in orders(db).values()} == {("0110", "b2b")}


def test_amazon_old_header_utf16_finds_the_shop_by_sales_channel(db):
    add_shop(db, "amazon", "Amazon US", "USA", "USD")
    add_shop(db, "amazon", "Amazon DE", "DEU", "EUR")
    table = read_orders_table(DATA / "amazon_all_orders_mws_utf16.txt")
    assert table.encoding == "utf-16" and "url" in table.fields
    summary = import_orders(db, DATA / "amazon_all_orders_mws_utf16.txt")
    assert summary.details["shop"] == "Amazon DE"
    assert {o.currency for o in orders(db).values()} == {"EUR"}
    assert sales(db) == {"EUR": D("14.99")}


def test_shopee_english_per_unit_deal_price_and_site_time(db):
    add_shop(db, "shopee", "Shopee MY", "MYS", "MYR")
    summary = import_orders(db, DATA / "shopee_my.xlsx")
    assert (summary.rows, summary.inserted) == (4, 4)
    order = orders(db)["240503KX7T2N9Q"]
    assert [(ln.quantity, ln.unit_price, ln.amount) for ln in order.lines] == [
        (D(2), D("29.90"), D("59.80")),  # Deal Price is per unit
        (D(1), D("9.90"), D("9.90")),
    ]
    assert order.platform_fees == D("6.08") and order.shipping_amount == D("4.90")
    assert order.ordered_at == dt.datetime(2024, 5, 3, 6, 22, tzinfo=dt.UTC)  # 14:22 in KL
    assert order.ship_country == "MYS" and order.currency == "MYR"
    assert orders(db)["240504P3M8DD1A"].status == "unpaid"
    assert sales(db) == {"MYR": D("69.70")}


@pytest.mark.parametrize(
    ("name", "count_header"),
    [("shopee_my.xlsx", "No of product in order"), ("shopee_tw.xlsx", "Number of Items in Order")],
)
def test_shopee_both_item_count_headers(name, count_header):
    table = read_orders_table(DATA / name)
    assert detect_platform(table) == "shopee"
    assert table.column("items_in_order") == count_header


def test_shopee_localised_headers(db):
    add_shop(db, "shopee", "Shopee TW", "TWN", "TWD")
    add_shop(db, "shopee", "Shopee TH", "THA", "THB")
    add_shop(db, "shopee", "Shopee ID", "IDN", "IDR")
    for name, shop in (("tw", "Shopee TW"), ("th", "Shopee TH"), ("id", "Shopee ID")):
        summary = import_orders(db, DATA / f"shopee_{name}.xlsx", shop=shop)
        assert summary.errors == [] and summary.details["platform"] == "shopee"
    found = orders(db)
    assert found["240506ABCD1234"].status == "completed"
    assert found["240506EFGH5678"].status == "cancelled"  # 不成立
    assert found["240506ABCD1234"].lines[0].amount == D("780")
    assert found["240507TH00001A"].lines[0].platform_sku == "MUG-350-BLU"
    rupiah = found["240508ID77A1B2"]
    assert rupiah.lines[0].amount == D("178000") and rupiah.total_amount == D("190000")
    assert sales(db) == {"IDR": D("178000"), "THB": D("259.00"), "TWD": D("780")}


def test_tiktok_skips_the_descriptive_row_and_reads_us_dates(db):
    summary = import_orders(db, DATA / "tiktok_us.csv", shop="TikTok Shop US")
    assert summary.details["shop_created"] and summary.rows == 3 and summary.skipped == 0
    with db.sessions() as s:
        shop = s.scalars(select(Shop)).one()
        assert (shop.currency, shop.site_country) == ("USD", "USA")
    order = orders(db)["577301923445821907"]  # the tab Excel needs is gone
    first = order.lines[0]
    assert (first.platform_line_id, first.platform_sku) == ("1729384756102938475", "MUG-350-BLU")
    assert (first.unit_price, first.amount, first.discount) == (D("14.99"), D("29.98"), D("4.50"))
    assert order.total_amount == D("27.52") and order.tax_amount == D("2.04")
    # 05/03/2024 2:22:10 PM in a US shop: 3 May, Pacific time.
    assert order.ordered_at == dt.datetime(2024, 5, 3, 22, 22, 10, tzinfo=dt.UTC)
    assert sales(db) == {"USD": D("35.97")}


def test_aliexpress_packed_items_and_id_stored_as_number(db):
    summary = import_orders(db, DATA / "aliexpress.xlsx", shop="AliExpress")
    warned = [w for w in summary.warnings if w.column == "订单号"]
    assert warned and "digits may be lost" in warned[0].reason and warned[0].row == 2
    order = orders(db)["8190123456789010"]  # Excel kept 15 digits
    assert [(ln.platform_sku, ln.quantity, ln.unit_price, ln.amount) for ln in order.lines] == [
        ("MUG-350-BLU", D(2), D("12.50"), D("25.00")),
        ("CUP-LID-BLK", D(1), D("3.20"), D("3.20")),
    ]
    assert order.discount_amount == D("3.00") and order.shipping_amount == D("1.99")
    assert order.total_amount == D("27.19") and order.ship_country == "USA"
    assert orders(db)["8190123456780021"].ship_country == "FRA"  # 法国


def test_aliexpress_gb18030_csv_keeps_every_digit(db):
    table = read_orders_table(DATA / "aliexpress_gbk.csv")
    assert table.encoding == "gb18030"
    summary = import_orders(db, DATA / "aliexpress_gbk.csv", shop="AliExpress")
    assert summary.warnings == []
    assert "8190123456789012" in orders(db)


def test_split_items_without_markers():
    items = split_items("Mug (Product ID: 123)\nSKU: M-1\nPrice: $2.00 x 3\n\nLid\nSKU: L-1")
    assert [(i.name, i.sku, i.product_id, i.unit_price, i.quantity) for i in items] == [
        ("Mug", "M-1", "123", "$2.00", "3"),
        ("Lid", "L-1", "", "", ""),
    ]


def test_generic_template(db, tmp_path):
    copy = save_template(tmp_path / "my_orders.csv")
    assert copy.read_bytes() == template_path().read_bytes()
    summary = import_orders(db, copy, shop="Web shop")
    assert (summary.rows, summary.inserted, summary.details["platform"]) == (3, 3, "generic")
    order = orders(db)["WEB-10001"]
    assert order.total_amount == D("30.97") and order.discount_amount == D("1.00")
    assert order.shipping_amount == D("4.99") and order.platform_fees == D("1.30")
    assert order.paid_at == dt.datetime(2024, 5, 3, 6, 25, tzinfo=dt.UTC)
    assert sales(db) == {"USD": D("31.97")}


def test_generic_with_only_the_required_columns(db, tmp_path):
    path = tmp_path / "few.csv"
    path.write_text(
        "订单号,状态,下单时间,币种,平台SKU,数量\nA-1,已付款,2024/5/3 14:22,eur,MUG,2\n",
        encoding="gb18030",
    )
    summary = import_orders(db, path, shop="Offline")
    assert summary.details["platform"] == "generic" and summary.inserted == 1
    order = orders(db)["A-1"]
    assert (order.status, order.currency, order.total_amount) == ("paid", "EUR", None)


def test_explicit_platform_overrides_detection(db):
    with pytest.raises(ImportRejected) as caught:
        import_orders(db, DATA / "shopee_my.xlsx", platform="generic", shop="x")
    assert {e.column for e in caught.value.summary.errors} == {"currency"}
    assert orders(db) == {}


def test_unknown_layout_and_platform(db, tmp_path):
    path = tmp_path / "orders.csv"
    path.write_text("Order ID,Foo\n1,2\n", encoding="utf-8")
    with pytest.raises(BadInput, match="cannot tell which platform"):
        import_orders(db, path)
    with pytest.raises(BadInput, match="unknown platform"):
        import_orders(db, path, platform="ebay")
