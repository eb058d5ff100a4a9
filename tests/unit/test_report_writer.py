"""The xlsx report writer, read back with openpyxl: cover, header, formats, IDs, widths, totals."""

from __future__ import annotations

import datetime as dt
import tempfile
import threading
from decimal import Decimal

import openpyxl
import pytest

from desktop_app.core.errors import BadInput, Cancelled
from desktop_app.core.jobs import Job
from desktop_app.core.reports import get, list_reports, writer
from desktop_app.core.reports.model import Column, Report, Sheet
from desktop_app.core.reports.writer import (
    CHECK_EVERY,
    NO_DATA,
    TOTAL_LABEL,
    text_width,
    write_report,
)
from tests.unit import declaration_fixtures as fx

D = Decimal
CUSTOMS_NO = "531620261000012345"  # 18 digits: a float would lose the last ones
COLUMNS = [
    Column("code", "SKU编码", "SKU code", "id"),
    Column("name", "品名", "Name"),
    Column("day", "日期", "Date", "date"),
    Column("at", "时间", "Time", "datetime"),
    Column("units", "件数", "Units", "int", total=True),
    Column("qty", "数量", "Quantity", "qty", total=True),
    Column("amount", "金额(元)", "Amount (CNY)", "money", total=True),
    Column("rate", "税率", "Rate", "rate"),
]
ROWS = [
    ("0035", "手机保护壳 透明款 适用于新款手机", dt.date(2026, 10, 1),
     dt.datetime(2026, 10, 1, 16, 30, tzinfo=dt.UTC), 3, D("2.50000"), D("0.10"), D("13.00")),
    (CUSTOMS_NO, "数据线", dt.date(2026, 10, 2), None, 4, D("7"), D("0.20"), D("9.00")),
    ("A-1", None, None, None, 5, D("1"), D("1234567.01"), None),
]  # fmt: skip
NOW = dt.datetime(2026, 11, 20, 1, 2, 3, tzinfo=dt.UTC)


def report(rows=ROWS, **params: str) -> Report:
    return Report("test-report", "测试报表", "Test report", {"期间 Period": "2026-10", **params},
                  [Sheet("明细", COLUMNS, rows)])  # fmt: skip


@pytest.fixture
def written(session, tmp_path):
    fx.setup(session, rates=False)
    path = tmp_path / "report.xlsx"
    result = write_report(session, report(), path, now=NOW)
    return result, openpyxl.load_workbook(path)


def cells(ws) -> list[tuple]:
    return list(ws.iter_rows(values_only=True))


def test_cover_names_the_report_company_params_and_time(written):
    _result, book = written
    assert book.sheetnames == ["封面", "明细"]
    cover = {row[0]: row[1] for row in cells(book["封面"]) if row[0]}
    assert cover["测试报表"] is None and "Test report" in cover
    assert cover["公司 Company"] == "深圳市海拓跨境电子商务有限公司"
    assert cover["统一社会信用代码 USCC"] == fx.USCC
    assert cover["期间 Period"] == "2026-10"
    assert cover["生成时间 Generated at"].startswith("2026-11-20 09:02:03")  # China time
    assert cover["明细"] == "3"


def test_header_is_frozen_filtered_and_bilingual(written):
    _result, book = written
    ws = book["明细"]
    assert ws.freeze_panes == "A2"
    assert ws.auto_filter.ref == "A1:H4"
    assert ws["A1"].value == "SKU编码\nSKU code"
    assert ws["A1"].font.b


def test_formats_per_kind(written):
    _result, book = written
    ws = book["明细"]
    assert ws["G2"].number_format == "#,##0.00"
    assert ws["G2"].value == 0.1
    assert ws["F2"].number_format == "#,##0.0####"  # 2.5: no trailing zeros
    assert ws["F3"].number_format == "#,##0"  # 7: no trailing dot
    assert ws["E2"].number_format == "#,##0"
    assert ws["H2"].number_format == "0.00"
    assert ws["C2"].number_format == "yyyy-mm-dd"
    assert ws["C2"].value == dt.datetime(2026, 10, 1)
    assert ws["D2"].number_format == "yyyy-mm-dd hh:mm"
    assert ws["D2"].value == dt.datetime(2026, 10, 2, 0, 30)  # 16:30 UTC is 00:30 in China


def test_ids_stay_text(written):
    _result, book = written
    ws = book["明细"]
    assert ws["A2"].value == "0035" and ws["A2"].data_type == "s"
    assert ws["A3"].value == CUSTOMS_NO and ws["A3"].data_type == "s"
    assert ws["A2"].number_format == "@"


def test_widths_count_chinese_twice(written):
    _result, book = written
    ws = book["明细"]
    name = ROWS[0][1]
    assert ws.column_dimensions["B"].width >= text_width(name) > len(name)
    assert ws.column_dimensions["A"].width >= len(CUSTOMS_NO)
    assert text_width("合计 ab") == 7


def test_totals_row_is_the_exact_sum(written):
    result, book = written
    ws = book["明细"]
    total = [c.value for c in ws[5]]
    assert total[0] == TOTAL_LABEL
    assert total[4:7] == [12, 10.5, 1234567.31]
    assert ws["G5"].font.b and ws["G5"].number_format == "#,##0.00"
    assert result.rows == {"明细": 3}
    assert result.totals["明细"] == {"units": 12, "qty": D("10.5"), "amount": D("1234567.31")}
    assert isinstance(result.totals["明细"]["amount"], Decimal)


def test_fen_sums_do_not_drift(session, tmp_path):
    rows = [("X", "", None, None, 1, D(1), D("0.10"), None)] * 3333
    result = write_report(session, report(rows), tmp_path / "r.xlsx")
    assert result.totals["明细"]["amount"] == D("333.30")
    book = openpyxl.load_workbook(tmp_path / "r.xlsx", read_only=True)
    last = list(book["明细"].iter_rows(min_row=3335, values_only=True))
    assert last[0][6] == 333.3  # not 333.29999999999


def test_an_empty_sheet_says_no_data(session, tmp_path):
    result = write_report(session, report([]), tmp_path / "empty.xlsx")
    ws = openpyxl.load_workbook(tmp_path / "empty.xlsx")["明细"]
    assert cells(ws)[1][0] == NO_DATA
    assert ws.max_row == 2 and ws.freeze_panes == "A2"
    assert result.rows == {"明细": 0}
    assert result.totals["明细"] == {"units": 0, "qty": 0, "amount": 0}


def test_cancel_leaves_no_file(session, tmp_path, monkeypatch):
    out, scratch = tmp_path / "out", tmp_path / "scratch"
    out.mkdir()
    scratch.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))  # where the sheets' row files go
    path = out / "big.xlsx"
    path.write_bytes(b"the previous report")
    stop = threading.Event()
    seen = []

    def progress(done: int, total: int, message: str) -> None:
        seen.append(done)
        stop.set()  # the user presses Cancel after the first progress report

    rows = (("X", "", None, None, 1, D(1), D(1), None) for _ in range(CHECK_EVERY * 3))
    with pytest.raises(Cancelled):
        write_report(session, report(rows), path, job=Job(progress, stop))
    assert seen == [CHECK_EVERY]
    assert path.read_bytes() == b"the previous report"
    assert [p.name for p in out.iterdir()] == ["big.xlsx"]
    assert list(scratch.iterdir()) == []


def test_more_rows_than_a_sheet_holds_is_bad_input(session, tmp_path, monkeypatch):
    monkeypatch.setattr(writer, "MAX_DATA_ROWS", 2)
    with pytest.raises(BadInput, match="more than 2 rows"):
        write_report(session, report(), tmp_path / "r.xlsx")
    assert not (tmp_path / "r.xlsx").exists()


def test_a_missing_folder_is_bad_input(session, tmp_path):
    with pytest.raises(BadInput, match="does not exist"):
        write_report(session, report(), tmp_path / "nowhere" / "r.xlsx")


def test_an_unknown_report_lists_the_reports():
    with pytest.raises(BadInput) as caught:
        get("stock-levels")
    message = str(caught.value)
    assert "stock-levels" in message
    for name, *_rest in list_reports():
        assert name in message
    assert {"stock-on-hand", "stock-ledger", "stock-ageing"} <= {r[0] for r in list_reports()}
