"""The stock commands end to end: positions, a first-leg shipment shipped and received, a
stocktake counted from its sheet, and status and check agreeing with the ledger."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from desktop_app.core.db import open_database
from desktop_app.core.services import shipments, stock, stocktake
from tests.unit import stock_flow_fixtures as fx


@pytest.fixture
def stock_db(tmp_path):
    """A factory warehouse with 100 mugs and a draft shipment of 60 to a US 3PL."""
    path = tmp_path / "stock.sqlite"
    db = open_database(path)
    with db.transaction() as session:
        home = fx.warehouse(session, "CN-FAC", kind="domestic", country="CHN")
        fx.warehouse(session, "US-3PL")
        mug = fx.sku(session, "MUG-01")
        fx.receive(session, mug, home, 100, "8.50", dt.date(2026, 10, 1))
        draft = shipments.create_shipment(
            session, origin_warehouse_id=home.id, destination_warehouse_id=home.id + 1,
            lines=[(mug.id, Decimal(60))], ref="FL-2026-0001", allocation_basis="quantity",
        )  # fmt: skip
        shipments.set_costs(session, draft.id, [shipments.CostDraft("freight", Decimal("60.00"))])
    db.dispose()
    return path


def test_ship_receive_and_see_the_positions(cli, stock_db):
    db = ["--db", str(stock_db)]
    shipped = cli(*db, "shipment", "ship", "FL-2026-0001", "--date", "2026-10-05", "--json")
    assert shipped.code == 0, shipped.err
    assert shipped.json()["status"] == "shipped"
    positions = {
        (p["sku"], p["warehouse"]): p for p in cli(*db, "stock", "--json").json()["positions"]
    }
    assert Decimal(positions["MUG-01", "CN-FAC"]["on_hand"]) == 40
    assert Decimal(positions["MUG-01", "US-3PL"]["in_transit"]) == 60

    part = cli(*db, "shipment", "receive", "FL-2026-0001", "--sku", "MUG-01=58",
               "--date", "2026-10-20", "--close", "--json")  # fmt: skip
    assert part.code == 0, part.err
    line = part.json()["lines"][0]
    assert (part.json()["status"], line["kind"], line["difference"]) == (
        "received", "shortage", "-2.00000",
    )  # fmt: skip
    us = cli(*db, "stock", "--warehouse", "US-3PL", "--json").json()["positions"][0]
    # landed: 8.50 + 60.00 freight / 60 shipped = 9.50 a mug
    assert (Decimal(us["on_hand"]), Decimal(us["value_cny"])) == (58, Decimal("551.00"))
    before = cli(*db, "stock", "--warehouse", "US-3PL", "--as-of", "2026-10-19", "--json")
    assert before.json()["positions"] == []
    status = cli(*db, "status", "--json").json()
    assert status["stock"]["on_hand_units"] == 98
    assert cli(*db, "check", "--json").code == 0


def test_bad_references_exit_2_and_change_nothing(cli, stock_db):
    db = ["--db", str(stock_db)]
    assert cli(*db, "init").code == 0  # the built-in code tables go in once
    before = stock_db.read_bytes()
    for args in (
        ("shipment", "ship", "FL-NOPE"),
        ("shipment", "receive", "FL-2026-0001"),  # not shipped yet
        ("shipment", "ship", "FL-2026-0001", "--date", "5.10.2026"),
        ("stock", "--warehouse", "NOWHERE"),
        ("stock", "--as-of", "yesterday"),
    ):
        run = cli(*db, *args)
        assert run.code == 2, (args, run.out, run.err)
        assert run.err.strip()
    assert stock_db.read_bytes() == before


def test_stocktake_counted_from_its_sheet(cli, stock_db, tmp_path):
    db = open_database(stock_db)
    with db.transaction() as session:
        home = fx.warehouse_by_code(session, "CN-FAC")
        take = stocktake.create_stocktake(session, home.id, dt.date(2026, 10, 31))
        sheet = tmp_path / "count.xlsx"
        stocktake.export_count_sheet(session, take.id, sheet)
        ref = take.ref
    db.dispose()
    book = load_workbook(sheet)
    rows = book.active
    header = next(r for r in rows.iter_rows() if any("Counted" in str(c.value) for c in r))
    counted = next(c.column for c in header if "Counted" in str(c.value))
    rows.cell(header[0].row + 1, counted, 97)
    book.save(sheet)
    run = cli("--db", str(stock_db), "import", "stocktake", str(sheet), "--json")
    assert run.code == 0, run.err
    db = open_database(stock_db)
    with db.transaction() as session:
        take_id = session.scalar(fx.select_stocktake(ref))
        posted = stocktake.post_stocktake(session, take_id)
        assert posted is not None
        assert (
            stock.get_balance(session, fx.sku_by_code(session, "MUG-01").id, home.id).on_hand == 97
        )
    db.dispose()
    assert cli("--db", str(stock_db), "check", "--json").code == 0


def _write(path, text):
    path.write_text(text, encoding="utf-8")
    return path


SHIPMENTS = (
    "Shipment ref,From,To,Ship date,SKU code,Quantity,Cost kind,Cost amount,Allocation basis\n"
    "FL-2026-0002,CN-FAC,US-3PL,,MUG-01,30,freight,30.00,quantity\n"
    "FL-2026-0003,CN-FAC,US-3PL,2026-10-07,MUG-01,5,,,\n"
)


def test_import_shipments_then_ship_and_receive_from_a_counts_file(cli, stock_db, tmp_path):
    db = ["--db", str(stock_db)]
    run = cli(*db, "import", "shipments", str(_write(tmp_path / "s.csv", SHIPMENTS)), "--json")
    assert run.code == 0, run.err
    summary = run.json()
    assert (summary["kind"], summary["rows"], summary["inserted"]) == ("shipments", 2, 2)
    assert summary["details"]["shipped"] == ["FL-2026-0003"]
    shown = cli(*db, "shipment", "show", "FL-2026-0002", "--json").json()
    assert shown["status"] == "draft"
    shipped = cli(*db, "shipment", "ship", "FL-2026-0002", "--date", "2026-10-06", "--json")
    assert shipped.code == 0, shipped.err
    counts = _write(tmp_path / "counts.csv", "SKU编码,实收数量\nMUG-01,29\n")
    got = cli(*db, "shipment", "receive", "FL-2026-0002", "--counts", str(counts),
              "--date", "2026-10-20", "--json")  # fmt: skip
    assert got.code == 0, got.err
    assert got.json()["status"] == "partially_received"
    assert (got.json()["lines"][0]["received"], got.json()["lines"][0]["kind"]) == (
        "29.00000", "outstanding",
    )  # fmt: skip
    us = cli(*db, "stock", "--warehouse", "US-3PL", "--json").json()["positions"][0]
    # landed: 8.50 + 30.00 freight / 30 shipped = 9.50 a mug; 1 from FL-0002 and 5 in transit
    assert (Decimal(us["on_hand"]), Decimal(us["value_cny"])) == (29, Decimal("275.50"))
    assert Decimal(us["in_transit"]) == 6
    assert cli(*db, "check", "--json").code == 0


def test_bad_shipment_and_counts_files_exit_2_and_change_nothing(cli, stock_db, tmp_path):
    db = ["--db", str(stock_db)]
    assert cli(*db, "init").code == 0
    assert cli(*db, "shipment", "ship", "FL-2026-0001", "--date", "2026-10-05").code == 0
    before = stock_db.read_bytes()
    bad = _write(
        tmp_path / "bad.csv", SHIPMENTS.replace(",5,", ",-5,").replace("US-3PL,,", "MARS,,")
    )
    run = cli(*db, "import", "shipments", str(bad), "--json")
    assert run.code == 2, (run.out, run.err)
    errors = {(e["row"], e["column"]) for e in run.json()["errors"]}
    assert errors == {(2, "To"), (3, "Quantity")}
    exists = _write(tmp_path / "again.csv", SHIPMENTS.replace("FL-2026-0003", "FL-2026-0001"))
    run = cli(*db, "import", "shipments", str(exists))
    assert run.code == 2 and "already exists" in run.err
    bad_counts = _write(tmp_path / "counts.csv", "SKU code,Received\nMUG-01,lots\nNOPE,1\n")
    receive = ("shipment", "receive", "FL-2026-0001", "--counts")
    errs = []
    for args in (
        (*receive, str(bad_counts)),
        (*receive, str(tmp_path / "missing.csv")),
        (*receive, str(bad_counts), "--sku", "MUG-01=1"),
        ("shipment", "ship", "FL-2026-0001", "--counts", str(bad_counts)),
    ):
        run = cli(*db, *args)
        assert run.code == 2, (args, run.out, run.err)
        errs.append(run.err)
    assert "row 2, column Received ('lots'): not a number" in errs[0]
    assert "row 3, column SKU code ('NOPE'): no SKU with this code" in errs[0]
    assert all(err.strip() for err in errs)
    assert stock_db.read_bytes() == before
