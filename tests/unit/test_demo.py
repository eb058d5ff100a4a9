"""Demo data: counts, determinism, exact totals, text ids, unmapped lines, refusal, cancel."""

from __future__ import annotations

import datetime as dt
import re
import threading
from collections import defaultdict
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import func, select, text

from desktop_app.core import audit, validate
from desktop_app.core.db import Database, open_database
from desktop_app.core.demo import DemoSummary, generate
from desktop_app.core.demo.bulk import stored_factor
from desktop_app.core.errors import BadInput, Cancelled
from desktop_app.core.jobs import Job
from desktop_app.core.models import (
    AuditEvent,
    CompanyProfile,
    Declaration,
    ExchangeRate,
    Order,
    OrderLine,
    PlatformListing,
    Shop,
    Sku,
    Supplier,
    Warehouse,
)

ORDERS = 300
SHOP_CURRENCY = {
    "Amazon US": "USD", "Amazon DE": "EUR", "Amazon JP": "JPY", "Shopee MY": "MYR",
    "Shopee SG": "SGD", "Shopee PH": "PHP", "TikTok Shop US": "USD", "TikTok Shop UK": "GBP",
    "AliExpress": "USD",
}  # fmt: skip
ORDER_ID = {
    "amazon": re.compile(r"^\d{3}-\d{7}-\d{7}$"),
    "shopee": re.compile(r"^\d{6}[0-9A-Z]{8}$"),
    "tiktok": re.compile(r"^\d{18}$"),
    "aliexpress": re.compile(r"^\d{16}$"),
}


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> tuple[Database, DemoSummary]:
    """One small demo shared by the read-only tests."""
    database = open_database(tmp_path_factory.mktemp("demo") / "demo.sqlite")
    summary = generate(database, orders=ORDERS, seed=7)
    yield database, summary
    database.dispose()


def dump(db: Database, table: str) -> list[tuple]:
    """Every row of a table except the wall-clock timestamps."""
    with db.engine.connect() as conn:
        columns = [r[1] for r in conn.exec_driver_sql(f"PRAGMA table_info({table})")]
        kept = ", ".join(c for c in columns if c not in ("created_at", "updated_at"))
        return conn.exec_driver_sql(f"SELECT {kept} FROM {table} ORDER BY 1, 2, 3").all()


def table_counts(db: Database) -> dict[str, int]:
    with db.engine.connect() as conn:
        names = conn.exec_driver_sql(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        ).scalars()
        return {n: conn.exec_driver_sql(f"SELECT count(*) FROM {n}").scalar() for n in names}


def test_counts_match_the_summary(demo):
    db, summary = demo
    assert summary.orders == ORDERS
    assert (summary.skus, summary.suppliers, summary.warehouses, summary.shops) == (300, 20, 5, 9)
    assert 1.25 < summary.order_lines / summary.orders < 1.6
    assert summary.seconds > 0
    with db.transaction() as s:
        for model, expected in (
            (Order, summary.orders), (OrderLine, summary.order_lines), (Sku, summary.skus),
            (Supplier, summary.suppliers), (Warehouse, summary.warehouses), (Shop, summary.shops),
            (PlatformListing, summary.listings), (ExchangeRate, summary.exchange_rates),
        ):  # fmt: skip
            assert s.scalar(select(func.count()).select_from(model)) == expected, model


def test_same_seed_same_data_other_seed_other_data(demo, tmp_path: Path):
    db, _ = demo
    again = open_database(tmp_path / "again.sqlite")
    other = open_database(tmp_path / "other.sqlite")
    try:
        generate(again, orders=ORDERS, seed=7)
        generate(other, orders=ORDERS, seed=8)
        for table in ("sku", "supplier", "platform_listing", "sales_order", "order_line",
                      "exchange_rate"):  # fmt: skip
            assert dump(again, table) == dump(db, table), table
        assert dump(other, "sales_order") != dump(db, "sales_order")
    finally:
        again.dispose()
        other.dispose()


def test_totals_are_line_sums_to_the_cent(demo):
    db, _ = demo
    with db.transaction() as s:
        orders = s.scalars(select(Order)).all()
        lines = defaultdict(list)
        for line in s.scalars(select(OrderLine)):
            lines[line.order_id].append(line)
        priced = 0
        for order in orders:
            own = lines[order.id]
            assert [line.line_no for line in own] == list(range(1, len(own) + 1))
            assert order.discount_amount == sum(line.discount for line in own)
            if order.total_amount is None:  # Amazon Pending: no prices yet
                assert order.status == "pending"
                assert all(line.amount is None and line.unit_price is None for line in own)
                continue
            priced += 1
            assert all(line.amount == line.quantity * line.unit_price for line in own)
            goods = sum(line.amount for line in own)
            assert order.total_amount == goods + order.shipping_amount - order.discount_amount
            whole = order.currency == "JPY"
            for value in (order.total_amount, order.platform_fees, *(x.amount for x in own)):
                assert value == value.quantize(Decimal(1) if whole else Decimal("0.01"))
        assert priced > ORDERS * 0.9


def test_order_ids_are_text_in_each_platforms_format(demo):
    db, _ = demo
    with db.engine.connect() as conn:
        rows = conn.execute(
            text(
                "SELECT s.platform, o.platform_order_id, typeof(o.platform_order_id) "
                "FROM sales_order o JOIN shop s ON s.id = o.shop_id"
            )
        ).all()
    assert {kind for _, _, kind in rows} == {"text"}
    for platform, order_id, _ in rows:
        assert "E+" not in order_id.upper() and "." not in order_id
        assert ORDER_ID[platform].match(order_id), (platform, order_id)
    assert {platform for platform, _, _ in rows} == set(ORDER_ID)


def test_some_lines_are_unmapped_and_multipacks_scale(demo):
    db, _ = demo
    with db.transaction() as s:
        unmapped = s.execute(
            select(Order.shop_id, OrderLine.platform_sku)
            .join(Order, Order.id == OrderLine.order_id)
            .where(OrderLine.sku_id.is_(None))
        ).all()
        assert unmapped
        listed = set(s.execute(select(PlatformListing.shop_id, PlatformListing.platform_sku)))
        assert not set(unmapped) & listed
        factors = {
            (shop_id, sku): factor
            for shop_id, sku, factor in s.execute(
                select(PlatformListing.shop_id, PlatformListing.platform_sku,
                       PlatformListing.quantity_factor)
            )
        }  # fmt: skip
        mapped = s.execute(
            select(
                Order.shop_id, OrderLine.platform_sku, OrderLine.quantity, OrderLine.sku_quantity
            )
            .join(Order, Order.id == OrderLine.order_id)
            .where(OrderLine.sku_id.is_not(None))
        ).all()
        for shop_id, sku, quantity, sku_quantity in mapped:
            assert sku_quantity == quantity * factors[(shop_id, sku)]


def test_currencies_fulfilment_and_countries_fit_the_shops(demo):
    db, _ = demo
    with db.transaction() as s:
        shops = {shop.id: shop for shop in s.scalars(select(Shop))}
        kinds = {w.id: w.kind for w in s.scalars(select(Warehouse))}
        assert {shop.name: shop.currency for shop in shops.values()} == SHOP_CURRENCY
        expected_kind = {"platform": "fba", "overseas_warehouse": "overseas_3pl",
                         "china_direct": "domestic"}  # fmt: skip
        for order in s.scalars(select(Order)):
            assert order.currency == shops[order.shop_id].currency
            assert kinds[order.warehouse_id] == expected_kind[order.fulfilment]
            assert re.fullmatch("[A-Z]{3}", order.ship_country)
            if order.fulfilment == "platform":
                assert shops[order.shop_id].platform == "amazon"


def test_company_suppliers_and_skus_look_real(demo):
    db, _ = demo
    with db.transaction() as s:
        company = s.get(CompanyProfile, 1)
        assert validate.check_uscc(company.uscc) is None
        assert company.customs_code.startswith("4403")
        assert validate.check_customs_code(company.customs_code) is None
        assert company.customs_district == "5300"
        for supplier in s.scalars(select(Supplier)):
            assert validate.check_uscc(supplier.tax_id) is None, supplier.tax_id
        for sku in s.scalars(select(Sku)):
            assert validate.check_hs_code(sku.hs_code) is None
            assert sku.declaration_elements.startswith(f"{sku.brand_type}|{sku.preference}|")
            assert sku.net_weight_kg <= sku.gross_weight_kg
            assert sku.legal_first_unit and sku.supplier_id and sku.purchase_price > 0
            assert sku.levy_rate == Decimal("13.00") and sku.rebate_rate in (
                Decimal(9),
                Decimal(13),
            )


def test_exchange_rates_on_working_days(demo):
    db, _ = demo
    with db.transaction() as s:
        rates = s.scalars(select(ExchangeRate)).all()
    by_currency = defaultdict(list)
    for rate in rates:
        assert rate.rate_date.weekday() < 5
        by_currency[rate.currency].append(rate)
    assert set(by_currency) == {"USD", "EUR", "JPY", "GBP", "MYR", "SGD", "PHP"}
    assert {r.per_units for r in by_currency["JPY"]} == {100}
    assert all(Decimal(6) < r.rate < Decimal(8) for r in by_currency["USD"])
    assert all(Decimal(1) < r.rate < Decimal(2) for r in by_currency["MYR"])  # CNY per MYR
    assert all(Decimal("0.1") < r.rate < Decimal("0.2") for r in by_currency["PHP"])
    assert 230 < len(by_currency["USD"]) < 262


def test_audit_chain_holds_with_one_event_per_bulk_table(demo):
    db, summary = demo
    with db.transaction() as s:
        assert audit.verify_chain(s).ok
        bulk = s.execute(
            select(AuditEvent.entity, AuditEvent.after_json).where(
                AuditEvent.action == "bulk_insert"
            )
        ).all()
    entities = sorted(entity for entity, _ in bulk)
    # the demo's own bulk tables once each; drafting each 9610 summary links its orders in bulk
    assert [e for e in entities if e != "declaration_order_link"] == [
        "exchange_rate",
        "order_line",
        "sales_order",
    ]
    with db.sessions() as s:
        summaries = s.scalar(
            select(func.count()).select_from(Declaration).where(
                Declaration.supervision_mode == "9610")
        )  # fmt: skip
    assert summaries > 0 and entities.count("declaration_order_link") == summaries
    assert any(f'"rows": {summary.order_lines}' in after for _, after in bulk)


def test_refuses_a_database_with_data_and_changes_nothing(db):
    generate(db, orders=20, seed=1)
    before = table_counts(db)
    with pytest.raises(BadInput, match="already holds 300 SKUs and 20 orders"):
        generate(db, orders=20, seed=1)
    assert table_counts(db) == before


@pytest.mark.parametrize("orders", [-1, True, 2.5, 10**9])
def test_refuses_a_bad_order_count(db, orders):
    with pytest.raises(BadInput, match="whole number"):
        generate(db, orders=orders)
    assert table_counts(db)["sku"] == 0


def test_cancel_after_the_first_report_leaves_nothing(db):
    cancel = threading.Event()
    reports = []

    def progress(done: int, total: int, message: str) -> None:
        reports.append(message)
        cancel.set()

    with pytest.raises(Cancelled):
        generate(db, orders=ORDERS, job=Job(progress, cancel))
    assert len(reports) == 1
    counts = table_counts(db)
    for table in ("sku", "supplier", "shop", "warehouse", "sales_order", "order_line",
                  "exchange_rate", "audit_event", "company_profile"):  # fmt: skip
        assert counts[table] == 0, table


def test_cancel_between_order_chunks_rolls_back(db, monkeypatch):
    from desktop_app.core.demo import orders as demo_orders

    monkeypatch.setattr(demo_orders, "CHUNK", 50)
    cancel = threading.Event()
    seen = []

    def progress(done: int, total: int, message: str) -> None:
        seen.append(done)
        if done >= 100:
            cancel.set()

    with pytest.raises(Cancelled):
        generate(db, orders=ORDERS, job=Job(progress, cancel))
    assert seen[-1] == 100
    assert table_counts(db)["sales_order"] == 0 and table_counts(db)["sku"] == 0


def test_progress_reaches_the_total(db):
    seen = []
    summary = generate(db, orders=120, job=Job(lambda d, t, m: seen.append((d, t))))
    assert seen[0] == (0, 120) and seen[-1] == (120, 120)
    assert summary.orders == 120


def test_stored_factor_follows_the_column_type():
    assert stored_factor(OrderLine.__table__.c.amount, 2) == 1
    assert stored_factor(OrderLine.__table__.c.unit_price, 2) == 100
    assert stored_factor(OrderLine.__table__.c.quantity, 0) == 100_000
    with pytest.raises(ValueError):
        stored_factor(OrderLine.__table__.c.amount, 3)
    with pytest.raises(TypeError):
        stored_factor(OrderLine.__table__.c.platform_sku, 0)


def test_keeps_what_the_user_already_set_up(db):
    from desktop_app.core.demo.rates import holidays

    day = dt.datetime.now(dt.UTC).date() - dt.timedelta(days=30)
    while day.weekday() >= 5 or day in holidays(day.year):
        day -= dt.timedelta(days=1)
    with db.transaction() as s:
        s.add(CompanyProfile(id=1, name_cn="我的公司"))
        s.add(Shop(platform="amazon", name="Amazon US", currency="USD"))
        s.add(Shop(platform="amazon", name="Amazon DE", currency="GBP"))
        s.add(ExchangeRate(currency="USD", rate_date=day, rate=Decimal("7.2"), source="manual"))
    generate(db, orders=50)
    with db.transaction() as s:
        assert s.get(CompanyProfile, 1).name_cn == "我的公司"
        names = sorted(s.scalars(select(Shop.name)))
        assert names.count("Amazon US") == 1 and "Amazon DE (demo)" in names and len(names) == 10
        kept = s.scalars(select(ExchangeRate).where(ExchangeRate.rate_date == day)).all()
        usd = [r for r in kept if r.currency == "USD"]
        assert [(r.rate, r.source) for r in usd] == [(Decimal("7.2"), "manual")]
        assert len(kept) == 7
        for order in s.scalars(select(Order).join(Shop).where(Shop.name == "Amazon DE (demo)")):
            assert order.currency == "EUR"


def test_order_timelines_are_consistent(demo):
    db, _ = demo
    end = dt.datetime.combine(dt.datetime.now(dt.UTC).date(), dt.time(), dt.UTC)
    shipped_states = {"shipped", "delivered", "completed", "refunded", "returned"}
    with db.transaction() as s:
        orders = s.scalars(select(Order)).all()
    for order in orders:
        assert end - dt.timedelta(days=366) <= order.ordered_at < end
        assert order.ordered_at.tzinfo is not None
        if order.paid_at is not None:
            assert order.ordered_at < order.paid_at < end
        assert (order.shipped_at is not None) == (order.status in shipped_states)
        if order.shipped_at is not None:
            assert order.paid_at < order.shipped_at < end
    assert [o.ordered_at for o in orders] == sorted(o.ordered_at for o in orders)
    assert {o.status for o in orders} >= {"delivered", "completed", "cancelled"}


def test_no_orders_still_makes_the_catalogue(db):
    summary = generate(db, orders=0)
    assert (summary.orders, summary.order_lines, summary.skus) == (0, 0, 300)
    counts = table_counts(db)
    assert counts["sales_order"] == 0 and counts["platform_listing"] == summary.listings


def test_every_demo_order_has_a_customs_mode(demo):
    db, _summary = demo
    with db.engine.connect() as conn:
        modes = dict(
            conn.exec_driver_sql(
                "SELECT COALESCE(customs_mode, 'none'), COUNT(*) FROM sales_order "
                "GROUP BY customs_mode"
            ).fetchall()
        )
    assert "none" not in modes
    assert {"9610", "9810"} <= set(modes)
