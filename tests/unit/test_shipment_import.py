"""Importing first-leg shipments from a file, and the counts file of a receipt."""

from __future__ import annotations

import csv
import datetime as dt
from decimal import Decimal as D
from pathlib import Path

import pytest
from openpyxl import Workbook
from sqlalchemy import func, select

from desktop_app import paths
from desktop_app.core import codes, settings
from desktop_app.core.importers.common import ImportRejected
from desktop_app.core.models import ImportRun, Shipment, Sku, StockMove, Warehouse
from desktop_app.core.services import shipments, stock
from desktop_app.core.services.shipment_import import (
    load_shipments,
    read_receipt_counts,
)

DAY = dt.date(2026, 3, 1)
HEADER = ["Shipment ref", "From", "To", "Ship date", "SKU code", "Quantity", "Unit cost",
          "Carton count", "Carton L cm", "Carton W cm", "Carton H cm", "Carton gross kg",
          "Cost kind", "Cost amount", "Cost currency", "FX rate", "Allocation basis"]  # fmt: skip


@pytest.fixture
def world(session):
    """The demo's warehouse codes and SKU codes (as the template uses), stock at the factory."""
    codes.ensure_builtin(session)
    w = {}
    for code, kind, country in (("SZ-LG01", "domestic", "CHN"), ("US-ONT-3PL", "overseas_3pl",
                                "USA"), ("DE-DUI-3PL", "overseas_3pl", "DEU"),
                                ("OLD-3PL", "overseas_3pl", "GBR")):  # fmt: skip
        w[code] = Warehouse(code=code, name=code, kind=kind, country=country)
    w["OLD-3PL"].active = False
    session.add_all(w.values())
    for code in ("PC-IP14-BLK", "PC-IP14-CLR", "PC-IP15-BLK", "PC-IP15-CLR", "PC-IP15-PNK"):
        w[code] = Sku(code=code, name_cn=code, purchase_price=D("5.00"))
        session.add(w[code])
    w["NOWT"] = Sku(code="NOWT", name_cn="no weight", purchase_price=D("1.00"))
    session.add(w["NOWT"])
    session.flush()
    for code in ("PC-IP14-BLK", "PC-IP14-CLR", "PC-IP15-BLK"):
        stock.post_move(
            session, sku_id=w[code].id, warehouse_id=w["SZ-LG01"].id, kind="receipt",
            quantity=D(500), move_date=DAY, unit_cost=D("8.00"),
        )  # fmt: skip
    return w


def _csv(tmp_path: Path, rows: list[dict[str, str]], header=HEADER, name="shipments.csv") -> Path:
    path = tmp_path / name
    with path.open("w", newline="", encoding="utf-8") as fh:
        out = csv.DictWriter(fh, header)
        out.writeheader()
        out.writerows(rows)
    return path


def _row(ref="FL-1", sku="PC-IP14-BLK", qty="10", **cells):
    names = {"ref": "Shipment ref", "origin": "From", "to": "To", "ship": "Ship date",
             "cost": "Unit cost", "cartons": "Carton count", "L": "Carton L cm",
             "W": "Carton W cm", "H": "Carton H cm", "kg": "Carton gross kg",
             "kind": "Cost kind", "amount": "Cost amount", "currency": "Cost currency",
             "fx": "FX rate", "basis": "Allocation basis"}  # fmt: skip
    row = {"Shipment ref": ref, "SKU code": sku, "Quantity": qty}
    row.update({names[k]: v for k, v in cells.items()})
    return row


def _count(session, model):
    return session.scalar(select(func.count()).select_from(model))


def _state(session):
    return [_count(session, m) for m in (Shipment, StockMove, ImportRun)]


def _errors(exc_info):
    return [(e.row, e.column, e.value, e.reason) for e in exc_info.value.summary.errors]


def test_the_template_imports_one_shipped_and_one_draft_shipment(session, world):
    template = paths.resources_dir() / "templates" / "shipments_template.csv"
    summary = load_shipments(session, template)
    assert (summary.rows, summary.inserted, summary.skipped, summary.errors) == (5, 2, 0, [])
    assert summary.details["shipped"] == ["FL-2026-0101"]
    sent = shipments.by_ref(session, "FL-2026-0101")
    assert (sent.status, sent.ship_date, sent.expected_date) == (
        "shipped", dt.date(2026, 4, 1), dt.date(2026, 4, 28),
    )  # fmt: skip
    assert (sent.carrier, sent.tracking_no, sent.allocation_basis) == (
        "Matson", "MATS1234567", "chargeable_weight",
    )  # fmt: skip
    assert [(c.carton_no, c.carton_count, c.gross_weight_kg) for c in sent.cartons] == [
        ("1-10", 10, D("18.5")), ("11-15", 5, D("16.2")),
    ]  # fmt: skip
    assert sorted((c.kind, c.amount, c.currency, c.amount_cny) for c in sent.costs) == [
        ("duty", D("180.00"), "USD", D("1297.80")), ("fee", D("350.00"), "CNY", D("350.00")),
        ("freight", D("4200.00"), "CNY", D("4200.00")),
    ]  # fmt: skip
    assert sum(line.allocated_cost for line in sent.lines) == D("5847.80")
    us, blk = world["US-ONT-3PL"].id, world["PC-IP14-BLK"].id
    assert stock.get_balance(session, blk, us).in_transit == 200
    assert stock.get_balance(session, blk, world["SZ-LG01"].id).on_hand == 300
    draft = shipments.by_ref(session, "FL-2026-0102")
    assert (draft.status, draft.allocation_basis, len(draft.lines)) == ("draft", "quantity", 2)
    assert [c.carton_no for c in draft.cartons] == ["1-12"]
    run = session.scalar(select(ImportRun))
    assert (run.kind, run.rows_read, run.rows_written) == ("shipments", 5, 5)


def test_shipment_columns_may_sit_on_any_row_and_blank_refs_continue(session, world, tmp_path):
    path = _csv(tmp_path, [
        _row(sku="PC-IP14-BLK", qty="1,200", cost="7.5"),
        _row(ref="", sku="PC-IP14-CLR", origin="SZ-LG01", to="US-ONT-3PL"),
        _row(ref="", sku="", qty="", kind="freight", amount="100", basis="数量"),
        _row(ref="FL-1", sku="", qty="", to="US-ONT-3PL", cartons="3", L="10", W="10", H="10",
             kg="2"),
    ])  # fmt: skip
    summary = load_shipments(session, path)
    assert (summary.inserted, summary.details["lines"]) == (1, 2)
    shipment = shipments.by_ref(session, "FL-1")
    assert shipment.status == "draft"
    assert [(line.quantity, line.unit_cost) for line in shipment.lines] == [
        (D(1200), D("7.5")), (D(10), D("8.0000")),  # no unit cost: the factory's current cost
    ]  # fmt: skip
    assert [line.allocated_cost for line in shipment.lines] == [D("99.17"), D("0.83")]
    assert [c.carton_no for c in shipment.cartons] == ["1-3"]


def test_every_bad_row_is_listed_and_nothing_is_written(session, world, tmp_path):
    shipments.create_shipment(
        session, ref="FL-OLD", origin_warehouse_id=world["SZ-LG01"].id,
        destination_warehouse_id=world["US-ONT-3PL"].id,
        lines=[(world["PC-IP14-BLK"].id, D(1))],
    )  # fmt: skip
    before = _state(session)
    path = _csv(tmp_path, [
        _row(ref="", sku="PC-IP14-BLK"),                                       # 2
        _row(ref="FL-A", origin="SZ-LG01", to="NOWHERE", sku="NOPE", qty="0"),  # 3
        _row(ref="FL-A", origin="US-ONT-3PL", sku="PC-IP14-BLK", qty="abc", cost="-1"),  # 4
        _row(ref="FL-A", sku="PC-IP14-BLK", qty="2.123456", ship="31/02/2026"),  # 5
        _row(ref="FL-B", origin="SZ-LG01", to="SZ-LG01", sku="", qty="",
             cartons="2.5", L="10", W="10", kg="1", kind="postage", amount=""),  # 6
        _row(ref="FL-C", origin="SZ-LG01", to="OLD-3PL", fx="0", kind="fee", amount="1",
             currency="USD"),                                                   # 7
        _row(ref="FL-OLD", origin="SZ-LG01", to="US-ONT-3PL"),                  # 8
        _row(ref="FL-D", origin="SZ-LG01", to="US-ONT-3PL", kind="fee", amount="5",
             currency="XYZ", basis="by magic"),                                 # 9
    ])  # fmt: skip
    with pytest.raises(ImportRejected) as rejected:
        load_shipments(session, path)
    assert _errors(rejected) == [
        (2, "Shipment ref", "", "no shipment reference (the first row must name its shipment)"),
        (3, "To", "NOWHERE", "no warehouse with this code"),
        (3, "SKU code", "NOPE", "no SKU with this code in the catalogue"),
        (3, "Quantity", "0", "must be more than 0"),
        (4, "From", "US-ONT-3PL", "the shipment already has 'SZ-LG01' here (row 3)"),
        (4, "Quantity", "abc", "not a number"),
        (4, "Unit cost", "-1", "must not be negative"),
        (5, "Ship date", "31/02/2026", "not a date: write YYYY-MM-DD"),
        (5, "SKU code", "PC-IP14-BLK", "this SKU is already on row 4 of the shipment"),
        (5, "Quantity", "2.123456", "more than 5 decimals"),
        (6, "To", "SZ-LG01", "the same warehouse as From"),
        (6, "SKU code", "", "the shipment has no SKU lines"),
        (6, "Carton count", "2.5", "must be a whole number"),
        (6, "Carton H cm", "", "empty: a number is needed here"),
        (6, "Cost kind", "postage",
         "not a cost kind: write one of freight, duty, fee, insurance, other or 运费, 关税, 杂费, "
         "保险, 其他"),
        (6, "Cost amount", "", "empty: a number is needed here"),
        (7, "To", "OLD-3PL", "warehouse OLD-3PL is not active"),
        (7, "FX rate", "0", "must be more than 0"),
        (8, "Shipment ref", "FL-OLD", "a shipment with this reference already exists"),
        (9, "Allocation basis", "by magic",
         "write one of quantity, weight, volume, chargeable_weight (数量, 重量, 体积, 计费重)"),
    ]  # fmt: skip
    assert _state(session) == before


def test_problems_the_shipment_service_finds_are_placed_on_their_rows(session, world, tmp_path):
    path = _csv(tmp_path, [
        _row(ref="FL-A", origin="SZ-LG01", to="US-ONT-3PL"),
        _row(ref="FL-A", sku="PC-IP14-CLR", kind="fee", amount="5", currency="XYZ"),
        _row(ref="FL-A", sku="PC-IP15-BLK", kind="duty", amount="5", currency="EUR"),
        _row(ref="FL-B", origin="SZ-LG01", to="US-ONT-3PL", sku="NOWT", kind="freight",
             amount="100", basis="weight"),
    ])  # fmt: skip
    with pytest.raises(ImportRejected) as rejected:
        load_shipments(session, path)
    assert _errors(rejected) == [
        (3, "Cost currency", "XYZ", "not a known currency code"),
        (4, "FX rate", "", f"no EUR exchange rate on or before {dt.date.today()}: give one"),
        (5, "Allocation basis", "weight", "allocation by weight needs every SKU's gross weight, "
         "or cartons with their gross weight"),
    ]  # fmt: skip
    assert _count(session, Shipment) == 0


def test_shipping_refused_by_the_ledger_names_the_ship_date_row(session, world, tmp_path):
    path = _csv(tmp_path, [
        _row(ref="FL-A", origin="SZ-LG01", to="US-ONT-3PL", ship="2026-03-05"),
        _row(ref="FL-B", origin="SZ-LG01", to="US-ONT-3PL", sku="PC-IP15-PNK", qty="5"),
        _row(ref="FL-B", sku="PC-IP14-CLR", qty="5", ship="2026-03-05"),
    ])  # fmt: skip
    before = _state(session)
    with pytest.raises(ImportRejected) as rejected:
        load_shipments(session, path)
    [(row, column, value, reason)] = _errors(rejected)
    assert (row, column, value) == (4, "Ship date", "2026-03-05")
    assert "PC-IP15-PNK" in reason and "SZ-LG01" in reason
    assert _state(session) == before
    # With --skip-bad the other shipment goes in, shipped; the refused one not at all.
    summary = load_shipments(session, path, skip_bad=True)
    assert (summary.inserted, summary.skipped, len(summary.errors)) == (1, 1, 1)
    assert summary.details["rows_skipped"] == 2
    assert shipments.by_ref(session, "FL-A").status == "shipped"
    assert session.scalar(select(Shipment).where(Shipment.ref == "FL-B")) is None
    assert _count(session, StockMove) == before[1] + 1


def test_negative_stock_allowed_with_a_warning_ships_and_warns(session, world, tmp_path):
    settings.put(session, "stock.negative", "warn")
    path = _csv(tmp_path, [_row(ref="FL-A", origin="SZ-LG01", to="US-ONT-3PL",
                                sku="PC-IP15-PNK", ship="2026-03-05")])  # fmt: skip
    summary = load_shipments(session, path)
    assert shipments.by_ref(session, "FL-A").status == "shipped"
    assert [(w.row, w.column) for w in summary.warnings] == [(2, "Ship date")]
    assert "PC-IP15-PNK" in summary.warnings[0].reason


def test_an_xlsx_with_numbers_and_dates_as_cells(session, world, tmp_path):
    book = Workbook()
    sheet = book.active
    sheet.append(["头程导入 Shipments"])  # a title above the header
    sheet.append(["头程单号", "发货仓", "目的仓", "发货日期", "SKU编码", "数量", "箱数",
                  "箱长cm", "箱宽cm", "箱高cm", "每箱毛重kg", "费用类型", "费用金额",
                  "费用币种", "汇率"])  # fmt: skip
    sheet.append(["FL-X", "SZ-LG01", "DE-DUI-3PL", dt.datetime(2026, 3, 6), "PC-IP14-BLK", 40,
                  2, 50, 40, 30.5, 12.25, "运费", 812.4, "EUR", 7.8312])  # fmt: skip
    path = tmp_path / "shipments.xlsx"
    book.save(path)
    summary = load_shipments(session, path)
    assert summary.inserted == 1
    shipment = shipments.by_ref(session, "FL-X")
    assert (shipment.status, shipment.ship_date) == ("shipped", dt.date(2026, 3, 6))
    [cost] = shipment.costs
    assert (cost.kind, cost.amount, cost.fx_rate, cost.amount_cny) == (
        "freight", D("812.40"), D("7.8312"), D("6362.07"),
    )  # fmt: skip
    [carton] = shipment.cartons
    assert (carton.carton_no, carton.height_cm, carton.gross_weight_kg) == (
        "1-2", D("30.5"), D("12.25"),
    )  # fmt: skip


def test_missing_columns_are_named(session, world, tmp_path):
    path = _csv(tmp_path, [{"Shipment ref": "FL-1", "SKU code": "X"}],
                header=["Shipment ref", "SKU code"])  # fmt: skip
    with pytest.raises(ImportRejected) as rejected:
        load_shipments(session, path)
    assert {e[1] for e in _errors(rejected)} == {"origin", "destination", "quantity"}


# ---------------------------------------------------------------- receipt counts


@pytest.fixture
def shipped(session, world):
    shipment = shipments.create_shipment(
        session, ref="FL-R", origin_warehouse_id=world["SZ-LG01"].id,
        destination_warehouse_id=world["US-ONT-3PL"].id,
        lines=[(world["PC-IP14-BLK"].id, D(10)), (world["PC-IP14-CLR"].id, D(5))],
    )  # fmt: skip
    shipments.ship(session, shipment.id, dt.date(2026, 3, 2))
    return shipment


def test_receipt_counts_by_sku_code(session, world, shipped, tmp_path):
    path = _csv(tmp_path, [{"SKU": "PC-IP14-BLK", "实收数量": "9"},
                           {"SKU": "PC-IP14-CLR", "实收数量": ""}],
                header=["SKU", "实收数量"])  # fmt: skip
    assert read_receipt_counts(session, shipped.id, path) == {world["PC-IP14-BLK"].id: D(9)}


def test_bad_receipt_counts_are_all_listed(session, world, shipped, tmp_path):
    path = _csv(tmp_path, [
        {"SKU code": "PC-IP14-BLK", "Received": "9"},
        {"SKU code": "PC-IP14-BLK", "Received": "1"},
        {"SKU code": "PC-IP15-BLK", "Received": "1"},
        {"SKU code": "NOPE", "Received": "-1"},
        {"SKU code": "", "Received": "a lot"},
    ], header=["SKU code", "Received"])  # fmt: skip
    with pytest.raises(ImportRejected) as rejected:
        read_receipt_counts(session, shipped.id, path)
    assert _errors(rejected) == [
        (3, "SKU code", "PC-IP14-BLK", "this SKU is already counted on row 2"),
        (4, "SKU code", "PC-IP15-BLK", "this SKU is not on shipment FL-R"),
        (5, "SKU code", "NOPE", "no SKU with this code in the catalogue"),
        (5, "Received", "-1", "must not be negative"),
        (6, "SKU code", "", "the SKU code is empty"),
        (6, "Received", "a lot", "not a number"),
    ]
