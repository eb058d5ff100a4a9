"""Exchange rates: set by hand with checks, and the CFETS history file (inverted pairs, ---)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from openpyxl import Workbook
from sqlalchemy import func, select

from desktop_app.core import codes
from desktop_app.core.errors import ValidationFailed
from desktop_app.core.importers.common import ImportRejected
from desktop_app.core.models import ExchangeRate
from desktop_app.core.services import fx_rates
from desktop_app.core.services.declaration_life import MissingRate, cny_per_unit

D = Decimal
HEADER = ["日期", "USD/CNY", "EUR/CNY", "100JPY/CNY", "HKD/CNY", "CNY/MYR"]
ROWS = [
    ["2026-03-02", "7.1012", "7.7654", "4.8123", "0.90876", "0.6521"],
    ["2026-03-03", "7.1020", "---", "4.8200", "0.90880", "0.6530"],
]


def write_csv(path, rows, header=HEADER):
    path.write_text("\n".join(",".join(r) for r in [header, *rows]) + "\n", encoding="utf-8")
    return path


@pytest.fixture
def tables(session):
    codes.ensure_builtin(session)
    return session


def count(session) -> int:
    return session.scalar(select(func.count()).select_from(ExchangeRate))


def test_set_rate_and_list(tables):
    s = tables
    fx_rates.set_rate(s, "usd", dt.date(2026, 3, 2), "7.1012")
    jpy = fx_rates.set_rate(s, "JPY", "2026-03-02", D("4.8123"))
    assert jpy.per_units == 100
    assert cny_per_unit(s, "JPY", dt.date(2026, 3, 2)) == D("0.048123")
    fx_rates.set_rate(s, "USD", dt.date(2026, 3, 2), "7.2000")  # replaces
    rows = fx_rates.list_rates(s, currency="USD")
    assert [(r.currency, r.rate) for r in rows] == [("USD", D("7.200000"))]
    assert fx_rates.currencies_with_rates(s) == ["JPY", "USD"]


def test_set_rate_lists_every_problem(tables):
    with pytest.raises(ValidationFailed) as caught:
        fx_rates.set_rate(tables, "XXQ", "2026-13-01", "-1", per_units=10)
    fields = {p.field for p in caught.value.problems}
    assert fields == {"currency", "day", "rate", "per_units"}
    with pytest.raises(ValidationFailed, match="decimal places"):
        fx_rates.set_rate(tables, "USD", dt.date(2026, 3, 2), "7.1234567")
    with pytest.raises(ValidationFailed, match="not in the currency code table"):
        fx_rates.set_rate(tables, "ABC", dt.date(2026, 3, 2), "1")
    with pytest.raises(ValidationFailed, match="float"):
        fx_rates.set_rate(tables, "USD", dt.date(2026, 3, 2), 7.1)
    assert count(tables) == 0


def test_import_inverts_cny_pairs_and_skips_missing(tables, tmp_path):
    s = tables
    summary = fx_rates.load_fx_rates(s, write_csv(tmp_path / "cfets.csv", ROWS))
    assert summary.rows == 2 and summary.inserted == 9 and summary.errors == []
    assert summary.details["missing_quotes"] == 1
    stored = {(r.currency, r.rate_date): r for r in s.scalars(select(ExchangeRate))}
    myr = stored[("MYR", dt.date(2026, 3, 2))]
    assert myr.rate == fx_rates.inverse(D("0.6521")) == D("1.533507")  # 1 / 0.6521
    assert stored[("JPY", dt.date(2026, 3, 2))].per_units == 100
    assert stored[("HKD", dt.date(2026, 3, 3))].rate == D("0.908800")
    assert ("EUR", dt.date(2026, 3, 3)) not in stored
    # the day without an EUR quote takes the last one published
    assert cny_per_unit(s, "EUR", dt.date(2026, 3, 3)) == D("7.765400")


def test_reimport_changes_nothing_and_a_new_value_updates(tables, tmp_path):
    s = tables
    path = write_csv(tmp_path / "cfets.csv", ROWS)
    fx_rates.load_fx_rates(s, path)
    again = fx_rates.load_fx_rates(s, path)
    assert (again.inserted, again.updated, again.skipped) == (0, 0, 9)
    changed = [list(ROWS[0]), ROWS[1]]
    changed[0][1] = "7.2000"
    summary = fx_rates.load_fx_rates(s, write_csv(tmp_path / "cfets2.csv", changed))
    assert (summary.inserted, summary.updated, summary.skipped) == (0, 1, 8)
    assert cny_per_unit(s, "USD", dt.date(2026, 3, 2)) == D("7.2")
    assert count(s) == 9


def test_bad_rows_all_reported_nothing_written(tables, tmp_path):
    rows = [
        ["2026-03-02", "7.1012", "abc", "4.8123", "0.90876", "0.6521"],
        ["not a day", "7.1020", "7.7", "4.8200", "0.90880", "0.6530"],
        ["2026-03-04", "-7", "7.7", "4.8200", "0.90880", "0"],
    ]
    with pytest.raises(ImportRejected) as caught:
        fx_rates.load_fx_rates(tables, write_csv(tmp_path / "bad.csv", rows))
    errors = caught.value.summary.errors
    assert [(e.row, e.column, e.value) for e in errors] == [
        (2, "EUR/CNY", "abc"),
        (3, "日期", "not a day"),
        (4, "USD/CNY", "-7"),
        (4, "CNY/MYR", "0"),
    ]
    assert "bad.csv" in str(caught.value)
    assert count(tables) == 0


def test_skip_bad_keeps_the_good_cells(tables, tmp_path):
    rows = [["2026-03-02", "7.1012", "abc", "---", "---", "---"]]
    summary = fx_rates.load_fx_rates(tables, write_csv(tmp_path / "b.csv", rows), skip_bad=True)
    assert summary.inserted == 1 and len(summary.errors) == 1


def test_xlsx_with_title_and_english_header(tables, tmp_path):
    book = Workbook()
    sheet = book.active
    sheet.append(["人民币汇率中间价历史数据"])
    sheet.append(["Date", "USD/CNY", "CNY/RUB"])
    sheet.append([dt.datetime(2026, 3, 2), 7.1012, 12.5])
    sheet.append(["2026-03-03", "7.1020", "---"])
    path = tmp_path / "cfets.xlsx"
    book.save(path)
    summary = fx_rates.load_fx_rates(tables, path)
    assert summary.inserted == 3
    assert cny_per_unit(tables, "RUB", dt.date(2026, 3, 2)) == D("0.08")


def test_a_file_without_pairs_is_refused(tables, tmp_path):
    path = write_csv(tmp_path / "x.csv", [["2026-03-02", "1"]], header=["日期", "Amount"])
    with pytest.raises(ImportRejected, match="no currency pair columns"):
        fx_rates.load_fx_rates(tables, path)


def test_missing_rate_names_currency_and_day(tables):
    with pytest.raises(MissingRate, match=r"USD.*2026-03-02"):
        cny_per_unit(tables, "USD", dt.date(2026, 3, 2))


def test_parse_pair():
    assert fx_rates.parse_pair("100JPY/CNY") == fx_rates.Pair("JPY", 100, False)
    assert fx_rates.parse_pair("CNY/MYR") == fx_rates.Pair("MYR", 1, True)
    assert fx_rates.parse_pair("USD/EUR") is None
