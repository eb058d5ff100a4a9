"""`import skus|rates|orders` end to end on the fixture files, as a script would run them."""

from decimal import Decimal
from pathlib import Path

import pytest

DATA = Path(__file__).resolve().parents[1] / "data"


@pytest.fixture
def db_file(cli, tmp_path):
    path = tmp_path / "x.sqlite"
    assert cli("--db", str(path), "init").code == 0
    return path


def test_rates_then_skus_then_orders(cli, db_file):
    db = ("--db", str(db_file))
    rates = cli(*db, "import", "rates", str(DATA / "rates" / "cmcode_2026A.dbf"), "--json")
    assert rates.code == 0, rates.err
    assert rates.json()["inserted"] > 0
    skus = cli(*db, "import", "skus", str(DATA / "skus" / "skus_zh.csv"), "--json")
    assert skus.code == 0, skus.err
    summary = skus.json()
    assert summary["rows"] == summary["inserted"] > 0
    again = cli(*db, "import", "skus", str(DATA / "skus" / "skus_zh.csv"), "--json").json()
    assert again["inserted"] == 0
    orders = cli(
        *db,
        "import",
        "orders",
        str(DATA / "orders" / "amazon_all_orders.txt"),
        "--shop",
        "Amazon US",
        "--json",
    )
    assert orders.code == 0, orders.err
    first = orders.json()
    assert set(first) >= {"rows", "inserted", "updated", "skipped", "errors"}
    assert first["inserted"] > 0 and first["errors"] == []
    repeat = cli(
        *db,
        "import",
        "orders",
        str(DATA / "orders" / "amazon_all_orders.txt"),
        "--shop",
        "Amazon US",
        "--json",
    ).json()
    assert repeat["inserted"] == 0 and repeat["updated"] == first["inserted"]
    status = cli(*db, "status", "--json").json()
    assert Decimal(status["sales"]["USD"]) > 0
    assert cli(*db, "check").code == 0


@pytest.mark.parametrize(
    ("name", "extra"),
    [
        ("shopee_my.xlsx", ("--shop", "Shopee MY")),
        ("shopee_tw.xlsx", ("--shop", "Shopee TW")),
        ("tiktok_us.csv", ("--shop", "TikTok Shop US")),
        ("aliexpress.xlsx", ("--shop", "AliExpress")),
        ("aliexpress_gbk.csv", ("--shop", "AliExpress")),
        ("amazon_all_orders_mws_utf16.txt", ("--shop", "Amazon US")),
    ],
)
def test_every_order_format_imports_through_the_cli(cli, db_file, name, extra):
    run = cli(
        "--db", str(db_file), "import", "orders", str(DATA / "orders" / name), *extra, "--json"
    )
    assert run.code == 0, run.err
    assert run.json()["inserted"] > 0


def test_bad_sku_file_exits_2_lists_every_bad_row_and_changes_nothing(cli, db_file, tmp_path):
    before = db_file.read_bytes()
    report = tmp_path / "errors.xlsx"
    run = cli(
        "--db",
        str(db_file),
        "import",
        "skus",
        str(DATA / "skus" / "skus_bad.csv"),
        "--json",
        "--error-report",
        str(report),
    )
    assert run.code == 2
    errors = run.json()["errors"]
    assert len(errors) >= 2
    assert all({"row", "column", "value", "reason"} <= set(e) for e in errors)
    assert report.exists()
    assert db_file.read_bytes() == before


def test_a_new_database_asks_which_shop(cli, db_file):
    before = db_file.read_bytes()
    run = cli("--db", str(db_file), "import", "orders", str(DATA / "orders" / "tiktok_us.csv"))
    assert run.code == 2 and "--shop" in run.err
    assert db_file.read_bytes() == before
