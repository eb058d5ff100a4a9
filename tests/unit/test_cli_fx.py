"""The `fx` command's handlers and the two FX importers, through a local parser."""

from __future__ import annotations

import argparse
import datetime as dt

import pytest

from desktop_app import cli_fx
from desktop_app.core.errors import BadInput
from desktop_app.core.importers.common import ImportRejected
from tests.unit.fx_fixtures import declaration, setup


def run(db, *argv):
    parser = argparse.ArgumentParser()
    parser.add_argument("--actor", default="test")
    parser.add_argument("--json", action="store_true")
    cli_fx.args_fx(parser)
    return cli_fx.cmd_fx(parser.parse_args(list(argv)), db)


@pytest.fixture
def world(db):
    with db.transaction("test") as s:
        setup(s)
        declaration(s, "D-1", dt.date(2025, 5, 10), ["300.00"])
        declaration(s, "D-2", dt.date(2026, 1, 10), ["900.00"], currency="EUR")
    return db


def test_rate_receipt_allocate_status(world, tmp_path):
    code, data, text = run(
        world, "rate", "--currency", "EUR", "--date", "2026-03-02", "--rate", "7.8"
    )
    assert code == 0 and data["rate"] == "7.800000" and "EUR" in text
    run(world, "rate", "--currency", "USD", "--date", "2026-03-02", "--rate", "7.1")
    run(
        world,
        "receipt",
        "--ref",
        "R1",
        "--date",
        "2026-03-02",
        "--currency",
        "USD",
        "--amount",
        "1000",
    )
    _, data, _ = run(
        world, "allocate", "--receipt", "R1", "--declaration", "D-1", "--amount", "100"
    )
    assert data["allocations"] == [
        {"receipt": "R1", "declaration": "D-1", "amount": "100.00", "currency": "USD"}
    ]
    _, data, _ = run(world, "allocate", "--auto")
    assert [(a["declaration"], a["amount"]) for a in data["allocations"]] == [
        ("D-1", "200.00"),
        ("D-2", "637.17"),
    ]  # 700 USD × 7.1 / 7.8, rounded down
    _, data, text = run(world, "status", "--today", "2026-05-06")
    rows = {r["declaration"]: r for r in data["declarations"]}
    assert rows["D-1"]["status"] == "collected" and not rows["D-1"]["overdue"]
    assert rows["D-2"]["status"] == "partly" and rows["D-2"]["due_date"] == "2027-04-30"
    _, data, _ = run(world, "status", "--overdue", "--today", "2027-05-06")
    assert [r["declaration"] for r in data["declarations"]] == ["D-2"]


def test_bad_arguments(world):
    with pytest.raises(BadInput, match="needs --rate"):
        run(world, "rate", "--currency", "USD", "--date", "2026-03-02")
    with pytest.raises(BadInput, match="--auto, or"):
        run(world, "allocate", "--auto", "--receipt", "R1")
    with pytest.raises(BadInput, match="YYYY-MM-DD"):
        run(world, "status", "--today", "tomorrow")


def test_importers(world, tmp_path):
    rates = tmp_path / "cfets.csv"
    rates.write_text("日期,USD/CNY,CNY/MYR\n2026-03-02,7.1012,0.6521\n", encoding="utf-8")
    assert cli_fx.import_fx_rates(world, rates, actor="test").inserted == 2
    statement = tmp_path / "bank.csv"
    statement.write_text(
        "交易日期,流水号,币种,贷方金额\n2026-03-02,B1,USD,10.00\n2026-03-03,B2,USD,abc\n",
        encoding="utf-8",
    )
    with pytest.raises(ImportRejected):
        cli_fx.import_fx_receipts(world, statement)
    summary = cli_fx.import_fx_receipts(world, statement, skip_bad=True)
    assert summary.inserted == 1 and len(summary.errors) == 1
