"""The declaration commands end to end: a 9810 draft from a shipment and a 9610 summary from a
month of orders, checked, filed and cleared from the broker's xlsx, through `desktop-app`."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal

import pytest
from openpyxl import Workbook

from desktop_app import cli
from desktop_app.core.db import open_database
from desktop_app.core.services import declaration_life
from tests.unit import declaration_fixtures as fx

TODAY = dt.date.today()  # the commands run on today's date
SHIPPED = TODAY - dt.timedelta(days=10)
EXPORTED = TODAY - dt.timedelta(days=5)


@pytest.fixture
def wired():
    """`declare` and `import declarations` are in the real command line."""
    assert "declare" in cli.COMMANDS and "declarations" in cli.IMPORTERS


@pytest.fixture
def db_file(tmp_path):
    """A company with rates, a shipment to a US 3PL and B2C orders of the last weeks."""
    path = tmp_path / "declare.sqlite"
    db = open_database(path)
    with db.transaction(actor="test") as session:
        fx.setup(session, rates=False)
        fx.add_rates(session, TODAY - dt.timedelta(days=60), TODAY)
        case = fx.sku(session, "CASE")
        lamp = fx.sku(session, "LAMP", name_cn="LED灯泡", hs_code="8539520000")
        fx.shipment(session, [(case, 100, "7.10"), (lamp, 20, "35.50")], ship_date=SHIPPED)
        my = fx.shop(session)
        for day in range(3):
            shipped = dt.datetime.combine(SHIPPED + dt.timedelta(days=day), dt.time(10), fx.CST)
            fx.order(session, my, [(case, 2, "20.00"), (lamp, 1, "15.50")], shipped=shipped)
    db.dispose()
    return path


def run(capsys, db_file, *args):
    code = cli.main(["--db", str(db_file), *args])
    out, err = capsys.readouterr()
    return code, (json.loads(out) if "--json" in args and out.strip() else out), err


def test_draft_check_file_and_clear_from_the_brokers_list(wired, capsys, db_file, tmp_path):
    code, shipment, err = run(capsys, db_file, "declare", "shipment", "FL-2026-0001", "--json")
    assert code == 0, err
    [d9810] = shipment["declarations"]
    assert (d9810["supervision_mode"], d9810["status"], d9810["lines"]) == ("9810", "draft", 2)
    assert (d9810["currency"], d9810["total_amount"], d9810["usd_fob"]) == (
        "USD", "200.00", "200.00")  # fmt: skip
    assert shipment["ids"] == [d9810["id"]]

    first, last = (TODAY - dt.timedelta(days=30)).isoformat(), TODAY.isoformat()
    code, orders, err = run(capsys, db_file, "declare", "orders", "--mode", "9610", "--from",
                            first, "--to", last, "--shop", "shopee my", "--json")  # fmt: skip
    assert code == 0, err
    [d9610] = orders["declarations"]
    assert (d9610["supervision_mode"], d9610["packages"], d9610["total_amount"]) == (
        "9610", 3, "106.50")  # fmt: skip

    code, checked, _ = run(capsys, db_file, "declare", "check", d9810["ref"], "--json")
    assert code == 0
    assert {p["severity"] for p in checked["problems"]} == {"warning"}
    code, text, err = run(capsys, db_file, "declare", "file", d9810["ref"])
    assert code == 0 and "filed" in text, err

    sheet = _broker_list(tmp_path / "放行清单.xlsx", [
        (d9810["ref"], "530420260040970934", EXPORTED),
        (d9610["ref"], "530420260040970935", EXPORTED),
    ])  # fmt: skip
    code, summary, err = run(capsys, db_file, "import", "declarations", str(sheet), "--json")
    assert code == 0, err
    assert (summary["updated"], summary["details"]["cleared"]) == (2, [d9810["ref"], d9610["ref"]])
    code, cleared, _ = run(capsys, db_file, "declare", "check", "530420260040970935", "--json")
    assert (cleared["status"], cleared["export_date"]) == ("cleared", EXPORTED.isoformat())
    assert Decimal(cleared["usd_fob"]) == Decimal("24.00")  # MYR 106.50 × 1.60 / 7.10
    db = open_database(db_file)
    with db.sessions() as session:
        assert declaration_life.counts_by_status(session)["cleared"] == 2
    db.dispose()


def _broker_list(path, rows):
    book = Workbook()
    book.active.append(["预录入编号", "单据编号", "海关编号", "出口日期"])
    for ref, number, day in rows:
        book.active.append(["", ref, number, day])
    book.save(path)
    return path


def test_bad_requests_exit_2_and_a_bad_list_clears_nothing(wired, capsys, db_file, tmp_path):
    code, drafted, _ = run(capsys, db_file, "declare", "shipment", "FL-2026-0001", "--json")
    ref = drafted["declarations"][0]["ref"]
    for args in (
        ("declare", "shipment", "FL-NOPE"),
        ("declare", "shipment"),
        ("declare", "orders", "--mode", "9610", "--to", TODAY.isoformat()),
        ("declare", "orders", "--mode", "9610", "--from", "1.10.2026", "--to", "2026-10-31"),
        ("declare", "orders", "--mode", "9610", "--from", "2020-01-01", "--to", "2020-01-31"),
        ("declare", "orders", "--mode", "9610", "--from", "2026-01-01", "--to", "2026-01-31",
         "--shop", "nowhere"),
        ("declare", "clear", ref, "--customs-no", "530420261040970934",
         "--export-date", EXPORTED.isoformat()),
        ("declare", "check", "BG-1"),
    ):  # fmt: skip
        code, _, err = run(capsys, db_file, *args)
        assert code == 2, (args, err)
        assert err.strip()
    sheet = _broker_list(tmp_path / "bad.xlsx", [
        (ref, "530420260040970934", EXPORTED),
        ("BG-2026-0999", "530420260040970935", EXPORTED),
    ])  # fmt: skip
    code, _, err = run(capsys, db_file, "import", "declarations", str(sheet))
    assert code == 2 and "row 3" in err and "BG-2026-0999" in err
    code, checked, _ = run(capsys, db_file, "declare", "check", ref, "--json")
    assert (checked["status"], checked["customs_no"]) == ("draft", None)
