"""Order import semantics: upsert on re-import, all-or-nothing, skip-bad, cancel, mappings."""

from __future__ import annotations

import csv
import sqlite3
import threading
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from desktop_app.core.errors import BadInput, Cancelled
from desktop_app.core.importers.common import ImportRejected
from desktop_app.core.jobs import Job
from desktop_app.core.models import (
    AuditEvent,
    ImportRun,
    Order,
    OrderLine,
    PlatformListing,
    Shop,
    Sku,
)
from desktop_app.core.services import order_import
from desktop_app.core.services.order_import import import_orders, preview_orders

DATA = Path(__file__).resolve().parents[1] / "data" / "orders"
HEADER = ["order_id", "status", "ordered_at", "currency", "platform_sku", "quantity", "unit_price"]


def generic_file(path: Path, orders: range, status: str = "paid", bad: dict | None = None) -> Path:
    """Two lines per order; `bad` = {row number: (column, value)} spoils cells."""
    with path.open("w", encoding="utf-8", newline="") as fh:
        out = csv.writer(fh)
        out.writerow(HEADER)
        row = 1
        for n in orders:
            for sku in ("MUG-350-BLU", "CUP-LID-BLK"):
                row += 1
                cells = dict(zip(HEADER, [f"WEB-{n:06d}", status, "2024-05-03 14:22",
                                          "USD", sku, "2", "9.99"], strict=True))  # fmt: skip
                if bad and row in bad:
                    column, value = bad[row]
                    cells[column] = value
                out.writerow(cells.values())
    return path


def count(db, model) -> int:
    with db.sessions() as s:
        return s.scalar(select(func.count()).select_from(model))


def dump(db_path: Path) -> tuple[bytes, list[str]]:
    conn = sqlite3.connect(db_path)
    try:
        return db_path.read_bytes(), list(conn.iterdump())
    finally:
        conn.close()


def test_reimport_updates_never_duplicates(db):
    first = import_orders(db, DATA / "amazon_all_orders.txt", shop="Amazon US")
    again = import_orders(db, DATA / "amazon_all_orders.txt", shop="Amazon US")
    assert (first.inserted, first.updated) == (5, 0)
    assert (again.inserted, again.updated, again.rows) == (0, 5, 5)
    assert again.details["orders_updated"] == 4 and again.details["imported_before"]
    assert (count(db, Order), count(db, OrderLine), count(db, ImportRun)) == (4, 5, 2)


def test_overlapping_file_updates_the_shared_orders(db, tmp_path):
    import_orders(db, generic_file(tmp_path / "a.csv", range(1, 4)), shop="Web")
    later = import_orders(db, generic_file(tmp_path / "b.csv", range(2, 6), "shipped"), shop="Web")
    assert (later.inserted, later.updated) == (4, 4)
    assert (later.details["orders_inserted"], later.details["orders_updated"]) == (2, 2)
    with db.sessions() as s:
        statuses = dict(s.execute(select(Order.platform_order_id, Order.status)).all())
    assert statuses == {"WEB-000001": "paid", **{f"WEB-00000{n}": "shipped" for n in (2, 3, 4, 5)}}
    assert count(db, OrderLine) == 10


def test_mapping_sets_sku_and_quantity(db):
    with db.transaction() as s:
        shop = Shop(platform="amazon", name="Amazon US", site_country="USA", currency="USD")
        sku = Sku(code="MUG-BLUE", name_cn="陶瓷杯")
        s.add_all([shop, sku])
        s.flush()
        s.add(PlatformListing(shop_id=shop.id, platform_sku="MUG-350-BLU", sku_id=sku.id,
                              quantity_factor=Decimal(2)))  # fmt: skip
    summary = import_orders(db, DATA / "amazon_all_orders.txt")
    assert "MUG-350-BLU" not in summary.details["unmapped_skus"]
    assert summary.details["unmapped_skus"] == ["COAST-BAM-4", "CUP-LID-BLK"]
    with db.sessions() as s:
        mapped = s.execute(
            select(OrderLine.quantity, OrderLine.sku_quantity, OrderLine.sku_id).where(
                OrderLine.platform_sku == "MUG-350-BLU"
            )
        ).all()
    assert sorted(mapped) == [(Decimal(1), Decimal(2), 1), (Decimal(2), Decimal(4), 1)]


def test_one_bad_row_among_100000_rejects_and_leaves_the_file_alone(db, db_path, tmp_path):
    import_orders(db, DATA / "amazon_all_orders.txt", shop="Amazon US")
    path = generic_file(tmp_path / "big.csv", range(50_000), bad={77_778: ("quantity", "two")})
    before = dump(db_path)
    with pytest.raises(ImportRejected) as caught:
        import_orders(db, path, shop="Web")
    errors = caught.value.summary.errors
    assert [(e.row, e.column, e.value) for e in errors] == [(77_778, "quantity", "two")]
    assert caught.value.summary.rows == 100_000
    assert dump(db_path) == before


def test_every_bad_row_is_listed_and_skip_bad_imports_the_rest(db, tmp_path):
    bad = {3: ("quantity", "-1"), 6: ("ordered_at", "yesterday"), 8: ("status", "lost")}
    path = generic_file(tmp_path / "o.csv", range(10), bad=bad)
    with pytest.raises(ImportRejected) as caught:
        import_orders(db, path, shop="Web")
    assert [(e.row, e.column) for e in caught.value.summary.errors] == [
        (3, "quantity"), (6, "ordered_at"), (8, "status"),
    ]  # fmt: skip
    assert count(db, Order) == 0 and count(db, Shop) == 0
    summary = import_orders(db, path, shop="Web", skip_bad=True)
    # A bad row takes its whole order out: 3 orders (6 rows) skipped.
    assert (summary.rows, summary.inserted, summary.skipped) == (20, 14, 6)
    assert len(summary.errors) == 3 and count(db, Order) == 7


def test_cancel_mid_import_leaves_nothing(db, tmp_path, monkeypatch):
    monkeypatch.setattr(order_import, "CHUNK", 10)
    path = generic_file(tmp_path / "o.csv", range(100))
    cancel = threading.Event()
    reports = []

    def progress(done: int, total: int, message: str) -> None:
        reports.append(done)
        if len(reports) == 3:
            cancel.set()

    audit_before = count(db, AuditEvent)
    with pytest.raises(Cancelled):
        import_orders(db, path, shop="Web", job=Job(progress, cancel))
    assert len(reports) == 3 and reports == sorted(reports) and reports[-1] < 200
    assert count(db, Order) == 0 and count(db, Shop) == 0 and count(db, ImportRun) == 0
    assert count(db, AuditEvent) == audit_before


def test_one_audit_event_per_import(db, tmp_path):
    before = count(db, AuditEvent)
    import_orders(db, generic_file(tmp_path / "o.csv", range(50)), shop="Web")
    with db.sessions() as s:
        actions = s.scalars(select(AuditEvent.action).where(AuditEvent.id > before)).all()
    # the new shop (ORM insert) and the import's summary
    assert sorted(actions) == ["import", "insert"]


def test_order_rows_apart_in_the_file_and_across_chunks_add_up(db, tmp_path, monkeypatch):
    monkeypatch.setattr(order_import, "CHUNK", 1)
    lines = (DATA / "amazon_all_orders.txt").read_text(encoding="utf-8").splitlines()
    header, rows = lines[0], lines[1:]
    apart = tmp_path / "apart.txt"  # the two items of 113-… separated by other orders
    apart.write_text("\n".join([header, rows[0], rows[2], rows[3], rows[1], rows[4]]) + "\n")
    summary = import_orders(db, apart, shop="Amazon US")
    assert summary.details["orders_inserted"] == 4
    with db.sessions() as s:
        query = select(Order).where(Order.platform_order_id == "113-4625812-1187423")
        order = s.scalars(query).one()
        assert order.total_amount == Decimal("39.81") and len(order.lines) == 2
    again = import_orders(db, apart, shop="Amazon US")  # and again: replaced, not doubled
    assert again.details["orders_updated"] == 4
    with db.sessions() as s:
        total = s.scalar(
            select(Order.total_amount).where(Order.platform_order_id == "113-4625812-1187423")
        )
    assert total == Decimal("39.81")


def test_preview_changes_nothing(db):
    before = (count(db, Order), count(db, Shop), count(db, ImportRun), count(db, AuditEvent))
    preview = preview_orders(db, DATA / "shopee_my.xlsx", shop="Shopee MY", limit=2)
    assert (preview.platform, preview.shop, preview.shop_is_new) == ("shopee", "Shopee MY", True)
    assert (preview.new, preview.updated, preview.bad) == (4, 0, 0)
    assert [o.order_id for o in preview.orders] == ["240503KX7T2N9Q", "240504P3M8DD1A"]
    assert preview.unmapped_skus == ["COAST-BAM-4", "CUP-LID-BLK", "MUG-350-BLU", "MUG-350-RED"]
    after = (count(db, Order), count(db, Shop), count(db, ImportRun), count(db, AuditEvent))
    assert after == before


def test_shop_must_be_named_when_ambiguous(db):
    with pytest.raises(BadInput, match="--shop"):
        import_orders(db, DATA / "shopee_my.xlsx")
    with db.transaction() as s:
        s.add(Shop(platform="shopee", name="A", site_country="SGP", currency="SGD"))
        s.add(Shop(platform="shopee", name="B", site_country="PHL", currency="PHP"))
    with pytest.raises(BadInput, match="A, B"):
        import_orders(db, DATA / "shopee_my.xlsx")


FUZZ_SEEDS = ("amazon_all_orders.txt", "shopee_my.xlsx", "tiktok_us.csv", "aliexpress_gbk.csv")


def _spoiled(name: str, at: int, junk: bytes) -> bytes:
    """A real export with some bytes overwritten."""
    data = (DATA / name).read_bytes()
    at %= len(data)
    return data[:at] + junk + data[at + len(junk) :]


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    st.one_of(
        st.binary(max_size=600).map(lambda b: ",".join(HEADER).encode() + b"\n" + b),
        st.lists(
            st.lists(st.text(max_size=12), min_size=7, max_size=7).map(",".join), max_size=8
        ).map(lambda rows: "\n".join([",".join(HEADER), *rows]).encode("utf-8")),
        st.binary(max_size=600),
        st.builds(_spoiled, st.sampled_from(FUZZ_SEEDS), st.integers(0, 10**6), st.binary()),
    )
)
def test_fuzz_any_file_imports_or_is_refused_without_a_trace(db, tmp_path, content):
    path = tmp_path / "fuzz.csv"
    path.write_bytes(content)
    before = (count(db, Order), count(db, OrderLine), count(db, ImportRun), count(db, Shop))
    try:
        import_orders(db, path, shop="Fuzz")
    except BadInput:
        after = (count(db, Order), count(db, OrderLine), count(db, ImportRun), count(db, Shop))
        assert after == before
