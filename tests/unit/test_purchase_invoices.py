"""Purchase invoices: entry by hand, unused quantity, and the 数电 export import."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import Workbook
from sqlalchemy import func, select

from desktop_app.core import codes
from desktop_app.core.errors import ValidationFailed
from desktop_app.core.importers.common import ImportRejected
from desktop_app.core.models import ImportRun, PurchaseInvoice, PurchaseInvoiceLine
from desktop_app.core.services import purchase_invoices as pi
from desktop_app.core.services.purchase_invoice_import import load_invoices

D = Decimal
SELLER = "91440783714753661E"
OTHER_SELLER = "91110000802100433B"
DIGITAL_1 = "24442000000012345678"
DIGITAL_2 = "24442000000087654321"
HS = "8516797000"
TODAY = dt.date(2026, 3, 1)

LINE_HEADER = ["序号", "发票代码", "发票号码", "数电发票号码", "销方识别号", "销方名称",
               "购方识别号", "购买方名称", "开票日期", "税收分类编码", "特定业务类型",
               "货物或应税劳务名称", "规格型号", "单位", "数量", "单价", "金额", "税率",
               "税额", "价税合计", "发票来源", "发票票种", "发票状态", "是否正数发票"]  # fmt: skip


SPECIAL = "数电票（增值税专用发票）"


def line_row(seq, digital, seller, day, name, unit, qty, amount, rate, tax, *, kind=SPECIAL,
             status="正常", positive="是", code="", number=""):  # fmt: skip
    total = str(D(amount) + D(tax)) if tax not in ("", "***") else amount
    return [seq, code, number, digital, seller, "佛山某电器有限公司", "", "", day,
            "1090416010000000000", "", name, "X1", unit, qty, "", amount, rate, tax, total,
            "电子发票服务平台", kind, status, positive]  # fmt: skip


GOOD_ROWS = [
    line_row("1", DIGITAL_1, SELLER, "2026-01-05 10:20:30", "*家用电器*电热水壶", "个", "1000",
             "100000.00", "13%", "13000.00"),
    line_row("2", DIGITAL_1, SELLER, "2026-01-05 10:20:30", "*家用电器*电热水壶底座", "个", "500",
             "20000.00", "13%", "2600.00"),
    line_row("3", DIGITAL_2, OTHER_SELLER, "2026-02-10", "*家用电器*电饭煲", "台", "200",
             "30000.00", "0.13", "3900.00"),
    ["合计", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "150000.00", "",
     "19500.00", "169500.00", "", "", "", ""],
]  # fmt: skip


def write_xlsx(path: Path, rows: list[list[str]]) -> Path:
    """The tax bureau's layout: invoices on the first sheet, their lines on 信息汇总表."""
    book = Workbook()
    first = book.active
    first.title = "发票基础信息"
    first.append(["序号", "发票代码", "发票号码", "数电发票号码", "销方识别号", "销方名称",
                  "开票日期", "金额", "税额", "价税合计"])  # fmt: skip
    first.append(["1", "", "", DIGITAL_1, SELLER, "佛山某电器有限公司", "2026-01-05", "120000.00",
                  "15600.00", "135600.00"])  # fmt: skip
    lines = book.create_sheet("信息汇总表")
    lines.append(LINE_HEADER)
    for row in rows:
        lines.append(row)
    book.save(path)
    return path


def write_csv(path: Path, header: list[str], rows: list[list[str]], encoding: str) -> Path:
    text = "\n".join(",".join(cells) for cells in [header, *rows]) + "\n"
    path.write_bytes(text.encode(encoding))
    return path


@pytest.fixture
def units(session):
    codes.ensure_builtin(session)
    return session


def draft(**changes) -> pi.InvoiceDraft:
    values = dict(
        number=DIGITAL_1, issue_date="2026-01-05", seller_tax_id=SELLER, seller_name="佛山某电器",
        lines=[pi.LineDraft("电热水壶", "个", "1000", "100000.00", "13%", "13000.00", HS)],
    )  # fmt: skip
    values.update(changes)
    return pi.InvoiceDraft(**values)


def count(session, model=PurchaseInvoice) -> int:
    return session.scalar(select(func.count()).select_from(model))


# ---------------------------------------------------------------- entry by hand


def test_entered_invoice_is_stored_with_unit_code_and_percent_rate(units) -> None:
    lines = [
        pi.LineDraft("电热水壶", "个", "1000", "100000.00", "13%", "13000.00", HS),
        pi.LineDraft("包装盒", "pcs", D("50.5"), D("1000.00"), D("0.09")),  # tax computed
    ]
    invoice = pi.create_invoice(units, draft(lines=lines), today=TODAY)
    assert invoice.kind == "digital" and invoice.invoice_no == DIGITAL_1
    assert invoice.amount == D("101000.00") and invoice.tax == D("13090.00")
    first, second = invoice.lines
    assert (first.unit, first.tax_rate, first.commodity_code) == ("007", D(13), HS)
    assert (second.unit, second.tax_rate, second.tax, second.line_no) == ("007", D(9), D(90), 2)


def test_paper_invoice_is_code_and_number(units) -> None:
    invoice = pi.create_invoice(units, draft(number="12345678", code="4400201130"), today=TODAY)
    assert (invoice.invoice_no, invoice.kind) == ("440020113012345678", "special_vat")
    with pytest.raises(ValidationFailed, match="ordinary invoice"):
        pi.create_invoice(units, draft(number="12345678", code="044002011311"), today=TODAY)


def test_every_problem_is_reported_and_nothing_written(units) -> None:
    lines = [
        pi.LineDraft("", "箩筐", "0", "100.001", "13%", None),
        pi.LineDraft("电热水壶", "个", "10", "1000.00", "13%", "131.00", "12345"),
    ]
    bad = draft(number="2444200000001234", seller_tax_id="91440783714753661A",
                issue_date="2026-12-31", lines=lines)  # fmt: skip
    with pytest.raises(ValidationFailed) as caught:
        pi.create_invoice(units, bad, today=TODAY)
    fields = {p.field: p.reason for p in caught.value.problems}
    assert set(fields) == {
        "number", "seller_tax_id", "issue_date", "lines[0].commodity_name", "lines[0].unit",
        "lines[0].quantity", "lines[0].amount", "lines[1].tax", "lines[1].commodity_code",
    }  # fmt: skip
    assert "check character should be E" in fields["seller_tax_id"]
    assert "130.00" in fields["lines[1].tax"]
    assert count(units) == 0


def test_tax_within_the_golden_tax_tolerance_is_kept(units) -> None:
    lines = [pi.LineDraft("电热水壶", "个", "3", "88.50", "13%", "11.56")]  # 11.505 exactly
    invoice = pi.create_invoice(units, draft(lines=lines), today=TODAY)
    assert invoice.lines[0].tax == D("11.56")
    off = [pi.LineDraft("电热水壶", "个", "3", "88.50", "13%", "11.40")]
    with pytest.raises(ValidationFailed, match=r"more than 0\.06 apart"):
        pi.create_invoice(units, draft(number=DIGITAL_2, lines=off), today=TODAY)


def test_invoice_tax_drift_over_1_27_is_refused(units) -> None:
    lines = [pi.LineDraft(f"零件{i}", "个", "1", "100.00", "13%", "13.05") for i in range(30)]
    with pytest.raises(ValidationFailed, match=r"1\.50 in all"):
        pi.create_invoice(units, draft(lines=lines), today=TODAY)


def test_same_number_twice_is_refused(units) -> None:
    pi.create_invoice(units, draft(), today=TODAY)
    with pytest.raises(ValidationFailed, match="already entered"):
        pi.create_invoice(units, draft(), today=TODAY)


@pytest.mark.parametrize(
    ("text", "percent"),
    [("13%", D(13)), ("13", D(13)), ("0.13", D(13)), ("0.03", D(3)), ("免税", D(0)), ("9％", D(9))],
)
def test_rates_read_as_percent(text: str, percent: Decimal) -> None:
    assert pi.parse_rate(text) == (percent, None)


@pytest.mark.parametrize("text", ["", "abc", "25%", "0.12345"])
def test_bad_rates_are_refused(text: str) -> None:
    value, reason = pi.parse_rate(text)
    assert value is None and reason


# ---------------------------------------------------------------- unused quantity


def test_unused_lines_oldest_first_without_used_or_voided(units) -> None:
    late = pi.create_invoice(units, draft(number=DIGITAL_2, issue_date="2026-02-01"), today=TODAY)
    early = pi.create_invoice(units, draft(issue_date="2026-01-02"), today=TODAY)
    voided = pi.create_invoice(units, draft(number="24442000000000000001", status="voided"),
                               today=TODAY)  # fmt: skip
    early.lines[0].used_quantity = D("600")
    units.flush()
    assert pi.remaining_quantity(early.lines[0]) == D(400)
    unused = pi.unused_lines(units, commodity_codes=[HS])
    assert [(u.invoice_no, u.remaining) for u in unused] == [(DIGITAL_1, D(400)),
                                                             (DIGITAL_2, D(1000))]  # fmt: skip
    assert voided.id not in {u.invoice_id for u in unused}
    late.lines[0].used_quantity = D(1000)
    units.flush()
    assert [u.invoice_id for u in pi.unused_lines(units, unit="007")] == [early.id]
    assert pi.remaining_by_line(units, [late.id]) == {late.lines[0].id: D(0)}
    assert [i.id for i in pi.list_invoices(units, status="valid")] == [early.id, late.id]
    assert [i.id for i in pi.list_invoices(units, search="000000000001")] == [voided.id]


# ---------------------------------------------------------------- import


def test_import_reads_the_line_sheet_and_skips_totals(units, tmp_path) -> None:
    path = write_xlsx(tmp_path / "全量发票.xlsx", GOOD_ROWS)
    summary = load_invoices(units, path)
    assert (summary.rows, summary.inserted, summary.updated, summary.errors) == (3, 2, 0, [])
    first = pi.find_invoice(units, DIGITAL_1)
    assert first is not None and first.amount == D("120000.00") and first.tax == D("15600.00")
    assert first.issue_date == dt.date(2026, 1, 5) and len(first.lines) == 2
    assert first.lines[0].commodity_name == "*家用电器*电热水壶"
    second = pi.find_invoice(units, DIGITAL_2)
    assert second is not None and second.lines[0].unit == "001" and second.lines[0].tax_rate == 13
    run = units.scalar(select(ImportRun).where(ImportRun.kind == "invoices"))
    assert run is not None and (run.rows_read, run.rows_written) == (3, 3)
    assert first.import_run_id == run.id


def test_bad_rows_are_all_listed_and_nothing_written(units, tmp_path) -> None:
    rows = [
        line_row("1", DIGITAL_1, "91440783714753661A", "2026-01-05", "水壶", "个", "1000",
                 "100000.00", "13%", "13000.00"),
        line_row("2", DIGITAL_2, OTHER_SELLER, "2026-02-10", "电饭煲", "箩筐", "abc", "30000.00",
                 "13%", "3000.00"),
        line_row("3", "24442000000000000003", OTHER_SELLER, "2026-02-11", "电饭煲", "台", "1",
                 "100.00", "13%", "13.00"),
    ]  # fmt: skip
    path = write_xlsx(tmp_path / "bad.xlsx", rows)
    with pytest.raises(ImportRejected) as caught:
        load_invoices(units, path)
    errors = [(e.row, e.column) for e in caught.value.summary.errors]
    assert errors == [(2, "销方识别号"), (3, "单位"), (3, "数量"), (3, "税额")]
    assert count(units) == 0 and count(units, ImportRun) == 0
    summary = load_invoices(units, path, skip_bad=True)
    assert (summary.inserted, summary.skipped) == (1, 2)
    assert [i.invoice_no for i in pi.list_invoices(units)] == ["24442000000000000003"]


def test_reimport_changes_nothing_and_a_change_updates(units, tmp_path) -> None:
    path = write_xlsx(tmp_path / "a.xlsx", GOOD_ROWS)
    load_invoices(units, path)
    again = load_invoices(units, path)
    assert (again.inserted, again.updated, again.skipped) == (0, 0, 2)
    assert again.details["unchanged"] == 2
    assert count(units) == 2 and count(units, PurchaseInvoiceLine) == 3
    changed = [row[:] for row in GOOD_ROWS]
    changed[2][22] = "作废"
    summary = load_invoices(units, write_xlsx(tmp_path / "b.xlsx", changed))
    assert (summary.inserted, summary.updated, summary.skipped) == (0, 1, 1)
    assert pi.find_invoice(units, DIGITAL_2).status == "voided"


def test_a_used_invoice_cannot_change(units, tmp_path) -> None:
    load_invoices(units, write_xlsx(tmp_path / "a.xlsx", GOOD_ROWS))
    pi.find_invoice(units, DIGITAL_1).lines[0].used_quantity = D(10)
    units.flush()
    changed = [row[:] for row in GOOD_ROWS]
    changed[0][14], changed[0][16], changed[0][18] = "900", "90000.00", "11700.00"
    with pytest.raises(ImportRejected, match="already used by a rebate match"):
        load_invoices(units, write_xlsx(tmp_path / "b.xlsx", changed))


def test_red_and_ordinary_invoices_are_left_out_with_a_warning(units, tmp_path) -> None:
    rows = [
        *GOOD_ROWS[:3],
        line_row("4", "24442000000000000004", SELLER, "2026-01-06", "水壶", "个", "-10",
                 "-1000.00", "13%", "-130.00", positive="否"),
        line_row("5", "24442000000000000005", SELLER, "2026-01-06", "水壶", "个", "10",
                 "1000.00", "13%", "130.00", kind="数电票（普通发票）"),
    ]  # fmt: skip
    summary = load_invoices(units, write_xlsx(tmp_path / "mixed.xlsx", rows))
    assert (summary.inserted, summary.skipped, summary.details["left_out"]) == (2, 2, 2)
    assert [w.row for w in summary.warnings] == [5, 6]
    assert count(units) == 2


def test_gb18030_csv_with_paper_invoice_numbers(units, tmp_path) -> None:
    header = ["发票代码", "发票号码", "销方识别号", "开票日期", "货物或应税劳务名称",
              "出口商品代码", "单位", "数量", "金额", "税率", "税额"]  # fmt: skip
    rows = [["4400201130", "00012345", SELLER, "2026/01/05", "电热水壶", HS, "千克", "12.5",
             "1250.00", "13%", "162.50"]]  # fmt: skip
    path = write_csv(tmp_path / "发票.csv", header, rows, "gb18030")
    summary = load_invoices(units, path)
    assert summary.inserted == 1
    invoice = pi.find_invoice(units, "440020113000012345")
    assert invoice is not None and invoice.kind == "special_vat"
    assert (invoice.lines[0].unit, invoice.lines[0].commodity_code) == ("035", HS)


def test_english_headers_and_computed_tax(units, tmp_path) -> None:
    header = ["Digital invoice no", "Seller tax id", "Issue date", "Commodity", "Unit",
              "Quantity", "Amount", "Tax rate"]  # fmt: skip
    rows = [[DIGITAL_1, SELLER, "2026-01-05", "Kettle", "pcs", "10", "1000.00", "0.13"]]
    summary = load_invoices(units, write_csv(tmp_path / "e.csv", header, rows, "utf-8"))
    assert summary.inserted == 1
    assert pi.find_invoice(units, DIGITAL_1).lines[0].tax == D("130.00")


def test_missing_columns_are_named(units, tmp_path) -> None:
    path = write_csv(tmp_path / "m.csv", ["数电发票号码", "销方识别号", "金额"],
                     [[DIGITAL_1, SELLER, "1.00"]], "utf-8")  # fmt: skip
    with pytest.raises(ImportRejected) as caught:
        load_invoices(units, path)
    assert {e.column for e in caught.value.summary.errors} >= {"unit", "quantity", "tax_rate"}


def test_import_invoices_runs_in_its_own_transaction(db, tmp_path) -> None:
    with db.transaction("test") as session:
        codes.ensure_builtin(session)
    summary = pi.import_invoices(db, write_xlsx(tmp_path / "a.xlsx", GOOD_ROWS))
    assert summary.inserted == 2
    with db.transaction("test") as session:
        assert count(session) == 2


def test_a_number_excel_shortened_is_refused(units, tmp_path) -> None:
    row = GOOD_ROWS[2][:]
    row[3] = 24442000000087654321  # typed into Excel as a number: only 15 digits survive
    with pytest.raises(ImportRejected, match="format the column as text"):
        load_invoices(units, write_xlsx(tmp_path / "n.xlsx", [row]))
