"""The rate library (退税率文库): DBF and spreadsheet imports, versions, lookups by date."""

from __future__ import annotations

import csv
import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import func, select

from desktop_app.core.errors import BadInput
from desktop_app.core.importers.common import ImportRejected
from desktop_app.core.models import AuditEvent, ImportRun, RateLibraryEntry, RateLibraryVersion
from desktop_app.core.services import rate_library
from tests.conftest import SHARED
from tests.unit import rate_files

SAMPLE_HS = SHARED / "hs" / "sample_hs_codes.csv"


def _count(db, model) -> int:
    with db.transaction() as session:
        return session.scalar(select(func.count()).select_from(model))


def _lookup(db, code: str, day: str):
    with db.transaction() as session:
        return rate_library.lookup(session, code, dt.date.fromisoformat(day))


def _db_bytes(db, db_path: Path) -> bytes:
    db.dispose()  # closing the last connection checkpoints the WAL into the file
    return db_path.read_bytes()


def test_dbf_in_gb18030_is_loaded_and_looked_up(db, tmp_path):
    path = rate_files.write_cmcode(tmp_path / "cmcode.DBF")
    summary = rate_library.import_rate_library(db, path, version="2026A")
    assert (summary.rows, summary.inserted, summary.skipped, summary.errors) == (8, 8, 0, [])
    assert summary.details["version"] == "2026A" and summary.details["active"] is True
    info = _lookup(db, "3926909090", "2026-03-01")
    assert info is not None
    assert (info.name, info.unit, info.version) == ("其他塑料制品", "千克", "2026A")
    assert info.levy_rates == (Decimal(13),) and info.levy_rate == Decimal(13)
    assert info.rebate_rate == Decimal("13.00") and info.end_date is None
    # a character outside GBK (GB18030 four-byte) survives the trip
    rice = _lookup(db, "1006309001", "2026-03-01")
    assert rice is not None and rice.name == "籼米精米(𬌗)" and rice.flag == "D"
    with db.transaction() as session:
        assert rate_library.has_active(session)


def test_lookup_by_date_picks_the_entry_in_force(db, tmp_path):
    rate_library.import_rate_library(db, rate_files.write_cmcode(tmp_path / "cmcode.dbf"))
    before = _lookup(db, "7615200000", "2024-11-30")
    after = _lookup(db, "7615200000", "2024-12-01")
    assert before is not None and before.rebate_rate == Decimal(13)
    assert before.end_date == dt.date(2024, 11, 30)
    assert after is not None and after.rebate_rate == Decimal(0), "aluminium: 0 % since 2024-12"
    assert after.levy_rates == (Decimal(13),)
    assert _lookup(db, "7615200000", "2019-12-31") is None, "before the first entry"
    assert _lookup(db, "8888888888", "2026-01-01") is None


def test_entries_are_bulk_loaded_with_one_audit_summary(db, tmp_path):
    rate_library.import_rate_library(db, rate_files.write_cmcode(tmp_path / "cmcode.dbf"))
    with db.transaction() as session:
        loads = session.scalars(
            select(AuditEvent).where(AuditEvent.action == "load_rate_library")
        ).all()
        per_entry = session.scalar(
            select(func.count())
            .select_from(AuditEvent)
            .where(AuditEvent.entity == "rate_library_entry")
        )
        run = session.scalars(select(ImportRun)).one()
    assert len(loads) == 1 and '"entries": 8' in loads[0].after_json
    assert per_entry == 0
    assert (run.kind, run.rows_read, run.rows_written) == ("rates", 8, 8)


def test_sample_hs_codes_from_the_shared_reference(db, tmp_path):
    if not SAMPLE_HS.is_file():
        pytest.skip("no ../shared/hs/sample_hs_codes.csv here")
    with SAMPLE_HS.open(encoding="utf-8-sig", newline="") as fh:
        sample = [
            r
            for r in csv.DictReader(fh)
            if r["rebate_rate"].isdigit() and r["vat_rate"].isdigit()  # "9/13": sources differ
        ]
    assert sample, "the sample lists codes with both rates"
    rows = [
        (r["hs_code"], r["name_cn"] or r["name_en"][:60], r["legal_unit_1"], r["vat_rate"],
         r["rebate_rate"], "20250101", "", "")
        for r in sample
    ]  # fmt: skip
    path = rate_files.write_cmcode(tmp_path / "cmcode.dbf", rows)
    summary = rate_library.import_rate_library(db, path)
    assert summary.inserted == len(rows)
    for r in sample:
        info = _lookup(db, r["hs_code"], "2026-06-30")
        assert info is not None, r["hs_code"]
        assert info.rebate_rate == Decimal(r["rebate_rate"])
        assert info.levy_rate == Decimal(r["vat_rate"])


def test_same_file_again_only_reactivates_its_version(db, tmp_path):
    first = rate_files.write_cmcode(tmp_path / "cmcode.dbf")
    rate_library.import_rate_library(db, first)
    newer = rate_files.write_cmcode(tmp_path / "cmcode_2026B.dbf", rate_files.ROWS[:3])
    rate_library.import_rate_library(db, newer, version="2026B")
    assert _lookup(db, "7615200000", "2026-01-01") is None, "the active edition lacks it"
    again = rate_library.import_rate_library(db, first)
    assert again.inserted == 0 and again.details["already_loaded"] is True
    assert _count(db, RateLibraryVersion) == 2
    assert _count(db, RateLibraryEntry) == 8 + 3
    with db.transaction() as session:
        active = rate_library.active_version(session)
        assert active is not None and active.version.startswith("cmcode-")
        assert [v.active for v in rate_library.list_versions(session)] == [True, False]
    assert _lookup(db, "7615200000", "2026-01-01") is not None


def test_a_version_name_from_another_file_is_refused(db, tmp_path):
    rate_library.import_rate_library(db, rate_files.write_cmcode(tmp_path / "a.dbf"), version="V1")
    other = rate_files.write_cmcode(tmp_path / "b.dbf", rate_files.ROWS[:2])
    with pytest.raises(BadInput, match="already loaded from another file"):
        rate_library.import_rate_library(db, other, version="V1")


def test_load_without_activating_keeps_the_current_version(db, tmp_path):
    rate_library.import_rate_library(db, rate_files.write_cmcode(tmp_path / "a.dbf"))
    summary = rate_library.import_rate_library(
        db, rate_files.write_cmcode(tmp_path / "b.dbf", rate_files.ROWS[:1]), activate=False
    )
    with db.transaction() as session:
        active = rate_library.active_version(session)
        assert active is not None and active.version.startswith("a-")
        rate_library.activate(session, summary.details["version_id"])
    assert _lookup(db, "3924100000", "2026-01-01") is None


BAD_ROWS = (
    ("39269090", "其他塑料制品", "千克", "13", "13", "20200101", "", ""),  # 8 digits: fine
    ("ABC", "坏代码", "千克", "13", "13", "20200101", "", ""),
    ("3926909090", "税率不对", "千克", "13", "十三", "20200101", "", ""),
    ("3926909090", "日期不对", "千克", "13", "13", "20201301", "", ""),
    ("3924100000", "结束早于开始", "千克", "13", "13", "20240101", "20231231", ""),
    ("3924100000", "退税率过大", "千克", "13", "130", "20240101", "", ""),
    ("8516719000", "重复", "个", "13", "13", "20200101", "", ""),
    ("8516719000", "重复", "个", "13", "13", "20200101", "", ""),
    ("8516719000", "无开始日期", "个", "13, 9", "13", "", "", ""),
)


def test_bad_rows_are_all_listed_and_nothing_is_written(db, db_path, tmp_path):
    path = rate_files.write_cmcode(tmp_path / "bad.dbf", BAD_ROWS)
    before = _db_bytes(db, db_path)
    with pytest.raises(ImportRejected) as caught:
        rate_library.import_rate_library(db, path)
    errors = caught.value.summary.errors
    assert [(e.row, e.column) for e in errors] == [
        (2, "code"),
        (3, "rebate_rate"),
        (4, "start_date"),
        (5, "end_date"),
        (6, "rebate_rate"),
        (8, "code"),
        (9, "start_date"),
    ]
    assert errors[0].value == "ABC" and "10-digit" in errors[0].reason
    assert "row 7" in errors[5].reason
    assert _db_bytes(db, db_path) == before


def test_skip_bad_loads_the_good_rows(db, tmp_path):
    path = rate_files.write_cmcode(tmp_path / "bad.dbf", BAD_ROWS)
    summary = rate_library.import_rate_library(db, path, skip_bad=True)
    assert (summary.rows, summary.inserted, summary.skipped, len(summary.errors)) == (9, 2, 7, 7)
    assert _lookup(db, "8516719000", "2026-01-01") is not None


def test_dbf_with_date_and_numeric_columns(db, tmp_path):
    specs = "CODE C(10); NAME C(40); TSL N(5,2); ST_DATE D; END_DATE D"
    rows = [
        ("7616999000", "其他铝制品", Decimal("0"), dt.date(2024, 12, 1), None),
        ("7616999000", "其他铝制品", Decimal("13"), dt.date(2020, 1, 1), dt.date(2024, 11, 30)),
    ]
    rate_library.import_rate_library(db, rate_files.write_cmcode(tmp_path / "d.dbf", rows, specs))
    old = _lookup(db, "7616999000", "2023-05-05")
    assert old is not None and old.rebate_rate == Decimal(13) and old.levy_rates == ()
    assert _lookup(db, "7616999000", "2025-05-05").rebate_rate == Decimal(0)


@pytest.mark.parametrize("content", [b"", b"not a dbf at all", b"\x03" + b"\x00" * 40])
def test_a_file_that_is_not_a_dbf_is_bad_input(db, tmp_path, content):
    path = tmp_path / "cmcode.dbf"
    path.write_bytes(content)
    with pytest.raises(BadInput, match=r"cmcode\.dbf"):
        rate_library.import_rate_library(db, path)
    assert _count(db, RateLibraryVersion) == 0


def test_a_dbf_without_the_rate_columns_is_bad_input(db, tmp_path):
    path = rate_files.write_cmcode(
        tmp_path / "stdcm.dbf", [("3926909090", "x")], "CODE C(10); X C(5)"
    )
    with pytest.raises(BadInput, match="no TSL, ST_DATE"):
        rate_library.import_rate_library(db, path)


def test_open_end_written_as_9999(db, tmp_path):
    rows = [("3926909090", "其他塑料制品", "千克", "9,13", "13", "20200101", "99991231", "")]
    rate_library.import_rate_library(db, rate_files.write_cmcode(tmp_path / "c.dbf", rows))
    info = _lookup(db, "3926909090", "2030-01-01")
    assert info is not None and info.end_date is None
    assert info.levy_rates == (Decimal(9), Decimal(13)) and info.levy_rate == Decimal(13)


SHEET_HEADER = (
    "商品代码",
    "商品名称",
    "计量单位",
    "征税率",
    "退税率",
    "开始日期",
    "结束日期",
    "退税标志",
)


def test_csv_in_gb18030_with_chinese_headers(db, tmp_path):
    rows = [(r[0], r[1], r[2], r[3], r[4], rate_files.iso(r[5]), rate_files.iso(r[6]), r[7])
            for r in rate_files.ROWS[:5]]  # fmt: skip
    path = rate_files.write_csv(tmp_path / "退税率文库2026A.csv", rows, SHEET_HEADER, "gb18030")
    summary = rate_library.import_rate_library(db, path, version="2026A")
    assert summary.inserted == 5
    info = _lookup(db, "7615200000", "2025-01-01")
    assert info is not None and info.rebate_rate == 0 and info.name == "铝制卫生器具及其零件"


def test_xlsx_with_a_title_row_dates_and_codes_stored_as_numbers(db, tmp_path):
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["出口退税率文库 2026A 版"])
    sheet.append(["CODE", "NAME", "UNIT", "ZSSL_SET", "TSL", "ST_DATE", "END_DATE", "TSFLAG"])
    # Excel turns a code typed as a number into 101210010: the leading zero is lost
    sheet.append([101210010, "改良种用马", "千克", 9, 9, dt.date(2020, 1, 1), None, None])
    sheet.append([3926909090, "其他塑料制品", "千克", "13", 13.0, dt.datetime(2020, 1, 1), None])
    path = tmp_path / "rates.xlsx"
    book.save(path)
    summary = rate_library.import_rate_library(db, path)
    assert (summary.inserted, summary.errors) == (2, [])
    horse = _lookup(db, "0101210010", "2026-01-01")
    assert horse is not None and horse.rebate_rate == Decimal(9) and horse.levy_rates == (9,)
    assert _lookup(db, "3926909090", "2026-01-01") is not None


def test_a_spreadsheet_without_a_rebate_column_is_rejected(db, tmp_path):
    path = rate_files.write_csv(
        tmp_path / "rates.csv", [("3926909090", "20200101")], ("商品代码", "开始日期"), "utf-8"
    )
    with pytest.raises(ImportRejected) as caught:
        rate_library.import_rate_library(db, path)
    assert [e.column for e in caught.value.summary.errors] == ["rebate_rate"]


RATE_DATA = Path(__file__).resolve().parents[1] / "data" / "rates"


def test_the_committed_dbf_and_csv_fixtures_hold_the_same_entries(db):
    dbf_summary = rate_library.import_rate_library(db, RATE_DATA / "cmcode_2026A.dbf")
    from_dbf = _lookup(db, "7615200000", "2025-06-01")
    csv_summary = rate_library.import_rate_library(db, RATE_DATA / "退税率文库_2026A.csv")
    from_csv = _lookup(db, "7615200000", "2025-06-01")
    assert dbf_summary.inserted == csv_summary.inserted == len(rate_files.ROWS)
    assert from_dbf is not None and from_csv is not None
    assert (from_dbf.name, from_dbf.rebate_rate) == (from_csv.name, from_csv.rebate_rate)
    assert from_dbf.version != from_csv.version
