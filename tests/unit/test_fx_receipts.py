"""FX receipts: entry, allocation (oldest first, partial, across currencies), collection."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from desktop_app.core.errors import BadInput, ValidationFailed
from desktop_app.core.models import FxAllocation, HolidayDay
from desktop_app.core.services import fx_receipts as fx
from desktop_app.core.services.declaration_life import MissingRate
from tests.unit.fx_fixtures import declaration, rate, setup

D = Decimal


@pytest.fixture
def world(session):
    setup(session)
    return session


def receipt(s, ref, day, amount, currency="USD", **kw):
    return fx.add_receipt(
        s, bank_ref=ref, received_date=day, currency=currency, amount=amount, **kw
    )


def test_add_receipt_checks_every_field(world):
    s = world
    r = receipt(s, "BR-1", "2026-03-05", "1000.00", payer="ACME Ltd", deemed=True)
    assert r.deemed and r.amount == D("1000.00") and r.cny_amount is None
    with pytest.raises(ValidationFailed) as caught:
        fx.add_receipt(s, bank_ref="BR-1", received_date="5/13/2026x", currency="XQZ", amount="-3")
    assert {p.field for p in caught.value.problems} == {
        "bank_ref",
        "received_date",
        "currency",
        "amount",
    }
    with pytest.raises(ValidationFailed, match="decimal places"):
        receipt(s, "BR-2", "2026-03-05", "1.001")
    rate(s, "USD", dt.date(2026, 3, 5), "7.100000")
    assert receipt(s, "BR-3", "2026-03-05", "10").cny_amount == D("71.00")


def test_auto_allocation_oldest_first_with_partial_amounts(world):
    s = world
    old = declaration(s, "D-OLD", dt.date(2026, 1, 10), ["600.00", "400.00"])
    mid = declaration(s, "D-MID", dt.date(2026, 2, 10), ["500.00"])
    new = declaration(s, "D-NEW", dt.date(2026, 3, 10), ["800.00"])
    declaration(s, "D-DRAFT", None, ["900.00"], status="draft")
    receipt(s, "R1", dt.date(2026, 3, 1), "1200.00")
    receipt(s, "R2", dt.date(2026, 3, 20), "700.00")
    made = fx.auto_allocate(s)
    assert [(a.bank_ref, a.declaration_ref, a.amount) for a in made] == [
        ("R1", "D-OLD", D("1000.00")),
        ("R1", "D-MID", D("200.00")),
        ("R2", "D-MID", D("300.00")),
        ("R2", "D-NEW", D("400.00")),
    ]
    status = {c.ref: c for c in fx.collection_status(s, dt.date(2026, 4, 1))}
    assert status["D-OLD"].status == "collected"
    assert status["D-MID"].status == "collected"
    assert (status["D-NEW"].status, status["D-NEW"].outstanding) == ("partly", D("400.00"))
    assert "D-DRAFT" not in status
    assert fx.auto_allocate(s) == []  # nothing left to give
    rows = {r.bank_ref: r for r in fx.list_receipts(s)}
    assert rows["R2"].unallocated == 0 and rows["R1"].declarations == ("D-OLD", "D-MID")
    _ = old, mid, new


def test_a_receipt_in_another_currency_is_converted_on_its_day(world):
    s = world
    declaration(s, "D-EUR", dt.date(2026, 1, 10), ["1000.00"], currency="EUR")
    day = dt.date(2026, 3, 2)
    receipt(s, "R-USD", day, "550.00")
    with pytest.raises(MissingRate, match=r"no USD exchange rate.*2026-03-02"):
        fx.auto_allocate(s)
    assert s.scalar(select(func.count()).select_from(FxAllocation)) == 0
    rate(s, "USD", day, "7.100000")
    rate(s, "EUR", day, "7.800000")
    made = fx.auto_allocate(s)
    # 550 USD × 7.1 / 7.8 = 500.641… EUR, rounded down to the cent
    assert [(a.amount, a.currency) for a in made] == [(D("500.64"), "EUR")]
    row = fx.list_receipts(s)[0]
    assert row.unallocated == D("0.00")  # 500.64 EUR is 549.9994… USD
    status = fx.collection_status(s, day)[0]
    assert (status.collected, status.outstanding, status.status) == (
        D("500.64"),
        D("499.36"),
        "partly",
    )


def test_allocation_by_hand_is_validated_and_removable(world):
    s = world
    declaration(s, "D-1", dt.date(2026, 1, 10), ["300.00"])
    declaration(s, "D-2", dt.date(2026, 1, 11), ["900.00"])
    declaration(s, "D-X", None, ["10.00"], status="filed")
    receipt(s, "R1", dt.date(2026, 2, 1), "500.00")
    with pytest.raises(ValidationFailed, match=r"lacks only USD 300\.00"):
        fx.allocate(s, "R1", "D-1", "300.01")
    with pytest.raises(ValidationFailed, match="more than 0"):
        fx.allocate(s, "R1", "D-1", "0")
    with pytest.raises(BadInput, match="cleared declarations"):
        fx.allocate(s, "R1", "D-X", "1")
    with pytest.raises(BadInput, match="no FX receipt"):
        fx.allocate(s, "NOPE", "D-1", "1")
    fx.allocate(s, "R1", "D-2", "400.00")
    with pytest.raises(ValidationFailed, match=r"has only USD 100\.00 left"):
        fx.allocate(s, "R1", "D-1", "200.00")
    fx.allocate(s, "R1", "D-2", "100.00")  # added to the first
    rows = fx.list_allocations(s)
    assert [(a.declaration_ref, a.amount) for a in rows] == [("D-2", D("500.00"))]
    fx.remove_allocation(s, rows[0].id)
    assert fx.list_receipts(s)[0].unallocated == D("500.00")
    with pytest.raises(BadInput):
        fx.remove_allocation(s, rows[0].id)


def test_due_date_overdue_deemed_and_alerts(world):
    s = world
    # 30 April 2027 is a Friday but a holiday here: due the next working day
    s.add_all(
        [
            HolidayDay(day=dt.date(2027, 4, 30), kind="holiday", name="劳动节"),
            HolidayDay(day=dt.date(2027, 5, 1), kind="holiday", name="劳动节"),
            HolidayDay(day=dt.date(2027, 5, 2), kind="holiday", name="劳动节"),
        ]
    )
    declaration(s, "D-2026", dt.date(2026, 6, 1), ["100.00"])
    declaration(s, "D-2025", dt.date(2025, 6, 1), ["100.00"])
    declaration(s, "D-DEEMED", dt.date(2025, 7, 1), ["50.00"])
    receipt(s, "R-D", dt.date(2025, 8, 1), "50.00", deemed=True)
    fx.allocate(s, "R-D", "D-DEEMED", "50.00")
    today = dt.date(2027, 4, 15)
    status = {c.ref: c for c in fx.collection_status(s, today)}
    assert status["D-2026"].due_date == dt.date(2027, 5, 3)
    assert not status["D-2026"].overdue
    assert status["D-2025"].due_date == dt.date(2026, 4, 30)
    assert status["D-2025"].overdue and status["D-2025"].status == "not_collected"
    assert status["D-2025"].warnings  # no holiday data for 2026 in this database
    assert status["D-DEEMED"].status == "deemed" and not status["D-DEEMED"].overdue
    assert [c.ref for c in fx.alerts(s, today, days=30)] == ["D-2025", "D-2026"]
    assert [c.ref for c in fx.alerts(s, today, days=5)] == ["D-2025"]
    assert [c.ref for c in fx.collection_status(s, today, overdue_only=True)] == ["D-2025"]
    assert [c.ref for c in fx.collection_status(s, today, status="deemed")] == ["D-DEEMED"]
    with pytest.raises(BadInput):
        fx.collection_status(s, today, status="paid")


# ---------------------------------------------------------------- bank statements

STATEMENT = [
    ["招商银行 账户交易明细"],
    ["交易日期", "流水号", "币种", "借方金额", "贷方金额", "对方户名", "摘要"],
    ["2026-03-01", "CMB0001", "USD", "", "1,200.00", "ACME Inc.", "货款"],
    ["2026-03-02", "CMB0002", "USD", "35.00", "", "Bank", "手续费"],
    ["2026-03-05", "CMB0003", "EUR", "", "800.00", "Euro GmbH", ""],
    ["合计", "", "", "35.00", "2000.00", "", ""],
]


def write_xlsx(path, rows):
    from openpyxl import Workbook

    book = Workbook()
    for r in rows:
        book.active.append(r)
    book.save(path)
    return path


def count_receipts(s) -> int:
    from desktop_app.core.models import FxReceipt

    return s.scalar(select(func.count()).select_from(FxReceipt))


def test_statement_import_takes_credits_and_is_idempotent(world, tmp_path):
    from desktop_app.core.services.fx_receipt_import import load_receipts

    s = world
    path = write_xlsx(tmp_path / "cmb.xlsx", STATEMENT)
    summary = load_receipts(s, path)
    assert (summary.rows, summary.inserted, summary.skipped) == (3, 2, 1)
    assert summary.details["debits_skipped"] == 1
    rows = {r.bank_ref: r for r in fx.list_receipts(s)}
    assert rows["CMB0001"].amount == D("1200.00") and rows["CMB0001"].payer == "ACME Inc."
    assert rows["CMB0003"].currency == "EUR"
    again = load_receipts(s, path)
    assert (again.inserted, again.skipped) == (0, 3)
    assert count_receipts(s) == 2


def test_statement_with_amount_and_direction_columns(world, tmp_path):
    from desktop_app.core.services.fx_receipt_import import load_receipts

    text = "\n".join([
        "Value date,Reference,Currency,Amount,Dr/Cr,Payer",
        "05/03/2026,HSBC-1,USD,500.00,CR,Foo Ltd",
        "06/03/2026,HSBC-2,USD,20.00,DR,",
        "07/03/2026,HSBC-3,USD,-15.00,,",
    ])  # fmt: skip
    path = tmp_path / "hsbc.csv"
    path.write_text(text + "\n", encoding="utf-8")
    summary = load_receipts(world, path)
    assert summary.inserted == 1 and summary.details["debits_skipped"] == 2
    assert fx.list_receipts(world)[0].received_date == dt.date(2026, 3, 5)


def test_bad_statement_rows_all_reported_nothing_written(world, tmp_path):
    from desktop_app.core.importers.common import ImportRejected
    from desktop_app.core.services.fx_receipt_import import load_receipts

    s = world
    receipt(s, "OLD-1", dt.date(2026, 2, 1), "10.00")
    rows = [
        ["入账日期", "交易参考号", "币种", "贷方金额", "付款人"],
        ["2026-03-01", "", "USD", "100.00", "A"],
        ["someday", "R-2", "USD", "100.00", "B"],
        ["2026-03-03", "R-3", "ZZZ", "1.005", "C"],
        ["2026-03-04", "OLD-1", "USD", "99.00", "D"],
        ["2026-03-05", "R-5", "USD", "5.00", "E"],
        ["2026-03-06", "R-5", "USD", "6.00", "E"],
    ]
    with pytest.raises(ImportRejected) as caught:
        load_receipts(s, write_xlsx(tmp_path / "bad.xlsx", rows))
    errors = caught.value.summary.errors
    assert [(e.row, e.column) for e in errors] == [
        (2, "交易参考号"), (3, "入账日期"), (4, "币种"), (4, "贷方金额"), (5, "交易参考号"),
        (7, "交易参考号"),
    ]  # fmt: skip
    assert "already recorded as USD 10.00" in errors[4].reason
    assert count_receipts(s) == 1


def test_statement_without_currency_column_needs_the_account_currency(world, tmp_path):
    from desktop_app.core.importers.common import ImportRejected
    from desktop_app.core.services.fx_receipt_import import load_receipts

    path = tmp_path / "s.csv"
    path.write_text("交易日期,流水号,贷方金额\n2026-03-01,X1,10.00\n", encoding="utf-8")
    with pytest.raises(ImportRejected, match="required column not found"):
        load_receipts(world, path)
    assert load_receipts(world, path, currency="USD").inserted == 1
