"""SKU import and export: header aliases, unit and country names, all or nothing, round trips."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook
from sqlalchemy import func, select

from desktop_app.core import codes
from desktop_app.core.db import open_database
from desktop_app.core.importers.common import ImportRejected
from desktop_app.core.models import ImportRun, Sku, Supplier
from desktop_app.core.services import rate_library, sku_io
from tests.unit import rate_files

DATA = Path(__file__).resolve().parents[1] / "data" / "skus"
TODAY = dt.date(2026, 3, 16)
EDITABLE = [name for name in sku_io.HEADERS if name != "supplier"]


@pytest.fixture
def cat_db(db, tmp_path):
    """A database with the built-in code tables and a rate library."""
    with db.transaction() as session:
        codes.ensure_builtin(session)
        rate_library.load_rate_library(session, rate_files.write_cmcode(tmp_path / "cmcode.dbf"))
    return db


def _skus(db) -> dict[str, Sku]:
    with db.transaction() as session:
        return {sku.code: sku for sku in session.scalars(select(Sku))}


def _snapshot(db) -> dict[str, dict[str, object]]:
    with db.transaction() as session:
        rows = session.execute(select(Sku, Supplier.name).outerjoin(Sku.supplier)).all()
        return {
            sku.code: {**{n: getattr(sku, n) for n in EDITABLE}, "supplier": supplier,
                       "rates_overridden": sku.rates_overridden}
            for sku, supplier in rows
        }  # fmt: skip


def test_chinese_headers_unit_names_and_a_size_column(cat_db):
    summary = sku_io.import_skus(cat_db, DATA / "skus_zh.csv", today=TODAY)
    assert (summary.rows, summary.inserted, summary.updated, summary.errors) == (5, 5, 0, [])
    assert summary.details["suppliers_created"] == 4
    skus = _skus(cat_db)
    case = skus["PC-IP15-BLK"]
    assert (case.legal_first_unit, case.trade_unit, case.origin_country) == ("035", "007", "CHN")
    assert (case.length_cm, case.width_cm, case.height_cm) == (Decimal("18.5"), 10, 2)
    assert case.brand_type == 1 and case.net_weight_kg == Decimal("0.032")
    assert (case.levy_rate, case.rebate_rate, case.rates_overridden) == (13, 13, False)
    clear = skus["PC-IP15-CLR"]
    assert (clear.levy_rate, clear.rebate_rate) == (13, 13), "empty rates come from the library"
    kettle = skus["KE-MINI-1L-WHT"]
    assert (kettle.legal_second_unit, kettle.preference) == ("035", 2)
    assert kettle.rebate_rate == 9 and kettle.rates_overridden
    cable = skus["UC-C2C-1M"]
    assert (cable.legal_second_unit, cable.trade_unit) == ("030", "015")
    assert cable.length_cm is None
    assert case.supplier_id == clear.supplier_id


def test_english_headers_in_gb18030_with_legacy_codes_and_lost_zeros(cat_db):
    summary = sku_io.import_skus(cat_db, DATA / "skus_en_gb18030.csv", today=TODAY)
    assert (summary.inserted, summary.errors) == (2, [])
    skus = _skus(cat_db)
    bulb = skus["LB-LED-E27-9W"]
    assert (bulb.legal_first_unit, bulb.trade_unit, bulb.origin_country) == ("007", "007", "CHN")
    assert bulb.name_cn == "LED灯泡" and bulb.domestic_source == "33078"
    soap = skus["AL-SOAP-DISH"]
    assert (soap.legal_first_unit, soap.origin_country) == ("035", "CHN")
    assert soap.rebate_rate == 0 and not soap.rates_overridden, "aluminium: 0 % since 2024-12"


def test_one_bad_file_lists_every_bad_row_and_leaves_the_database_as_it_was(cat_db, db_path):
    sku_io.import_skus(cat_db, DATA / "skus_zh.csv", today=TODAY)
    cat_db.dispose()
    before = db_path.read_bytes()
    with pytest.raises(ImportRejected) as caught:
        sku_io.import_skus(cat_db, DATA / "skus_bad.csv", today=TODAY)
    errors = caught.value.summary.errors
    got = [(e.row, e.column) for e in errors]
    assert got == [
        (3, "HS编码"),
        (4, "中文品名"),
        (4, "申报要素"),
        (4, "成交单位"),
        (4, "净重"),
        (4, "原产国"),
        (4, "境内货源地"),
        (5, "SKU"),
        (6, "品牌类型"),
        (6, "享惠情况"),
        (6, "长宽高"),
        (6, "退税率"),
        (6, "采购价"),
        (7, "长宽高"),
    ]
    by_cell = {(e.row, e.column): e for e in errors}
    assert by_cell[(3, "HS编码")].value == "0392690909"
    assert "rate library" in by_cell[(3, "HS编码")].reason
    assert by_cell[(4, "原产国")].value == "火星"
    assert by_cell[(6, "长宽高")].reason.startswith("a size must be length x width x height")
    assert (by_cell[(7, "长宽高")].value, by_cell[(7, "长宽高")].reason) == (
        "2.3456",
        "more than 3 decimal places",
    )
    assert "row 2" in by_cell[(5, "SKU")].reason
    assert "nothing imported" in str(caught.value)
    cat_db.dispose()
    assert db_path.read_bytes() == before


def test_skip_bad_imports_the_good_rows(cat_db):
    summary = sku_io.import_skus(cat_db, DATA / "skus_bad.csv", today=TODAY, skip_bad=True)
    assert (summary.rows, summary.inserted, summary.skipped) == (6, 1, 5)
    assert len({e.row for e in summary.errors}) == 5
    assert list(_skus(cat_db)) == ["PC-IP16-BLK"]


def test_reimporting_the_same_file_changes_nothing(cat_db):
    sku_io.import_skus(cat_db, DATA / "skus_zh.csv", today=TODAY)
    first = _snapshot(cat_db)
    again = sku_io.import_skus(cat_db, DATA / "skus_zh.csv", today=TODAY)
    assert (again.inserted, again.updated, again.details["unchanged"]) == (0, 0, 5)
    assert again.details["suppliers_created"] == 0
    assert _snapshot(cat_db) == first
    with cat_db.transaction() as session:
        runs = select(func.count()).select_from(ImportRun).where(ImportRun.kind == "skus")
        assert session.scalar(runs) == 2


def test_an_overlapping_file_updates_only_its_columns(cat_db, tmp_path):
    sku_io.import_skus(cat_db, DATA / "skus_zh.csv", today=TODAY)
    path = rate_files.write_csv(
        tmp_path / "prices.csv", [("PC-IP15-BLK", "5.10"), ("NEW-1", "1")], ("货号", "采购价"),
        "utf-8",
    )  # fmt: skip
    with pytest.raises(ImportRejected) as caught:
        sku_io.import_skus(cat_db, path, today=TODAY)
    assert [(e.row, e.column, e.reason) for e in caught.value.summary.errors] == [
        (3, "name_cn", "required")
    ]
    path.write_text("货号,采购价\nPC-IP15-BLK,5.10\n", encoding="utf-8")
    summary = sku_io.import_skus(cat_db, path, today=TODAY)
    assert (summary.updated, summary.inserted) == (1, 0)
    case = _skus(cat_db)["PC-IP15-BLK"]
    assert case.purchase_price == Decimal("5.1") and case.name_cn == "手机保护壳"


@pytest.mark.parametrize(("suffix", "lang"), [(".xlsx", "zh"), (".csv", "en"), (".xlsx", "en")])
def test_export_reimports_to_the_same_skus(cat_db, tmp_path, suffix, lang):
    sku_io.import_skus(cat_db, DATA / "skus_zh.csv", today=TODAY)
    sku_io.import_skus(cat_db, DATA / "skus_en_gb18030.csv", today=TODAY)
    original = _snapshot(cat_db)
    out = tmp_path / f"skus{suffix}"
    with cat_db.transaction() as session:
        assert sku_io.export_skus(session, out, lang=lang) == 7
    fresh = open_database(tmp_path / "fresh.sqlite")
    try:
        with fresh.transaction() as session:
            codes.ensure_builtin(session)
            rate_library.load_rate_library(
                session, rate_files.write_cmcode(tmp_path / "cmcode2.dbf")
            )
        summary = sku_io.import_skus(fresh, out, today=TODAY)
        assert summary.inserted == 7 and summary.errors == []
        assert _snapshot(fresh) == original
    finally:
        fresh.dispose()


def test_exported_xlsx_keeps_codes_as_text_with_a_frozen_header(cat_db, tmp_path):
    sku_io.import_skus(cat_db, DATA / "skus_zh.csv", today=TODAY)
    out = tmp_path / "skus.xlsx"
    with cat_db.transaction() as session:
        sku_io.export_skus(session, out)
    sheet = load_workbook(out).active
    assert sheet.freeze_panes == "A2"
    header = [c.value for c in sheet[1]]
    assert header[:5] == ["SKU", "中文品名", "英文品名", "规格型号", "HS编码"]
    first = [c.value for c in sheet[2]]
    assert first[0] == "KE-MINI-1L-WHT" and first[header.index("HS编码")] == "8516719000"
    assert first[header.index("成交单位")] == "007"
    assert first[header.index("境内货源地")] == "44069"


def test_csv_export_has_a_bom_for_excel(cat_db, tmp_path):
    sku_io.import_skus(cat_db, DATA / "skus_zh.csv", today=TODAY)
    out = tmp_path / "skus.csv"
    with cat_db.transaction() as session:
        sku_io.export_skus(session, out, lang="en")
    data = out.read_bytes()
    assert data.startswith(b"\xef\xbb\xbfSKU code,Chinese name")
    assert "PC-IP15-BLK,手机保护壳" in data.decode("utf-8-sig")


def test_xlsx_with_a_title_row_and_numbers_where_codes_belong(cat_db, tmp_path):
    book = Workbook()
    sheet = book.active
    sheet.append(["深圳市海拓跨境电子商务有限公司 商品资料 2026-03"])
    header = (
        "商品编码 申报品名 海关编码 法定第一计量单位 成交计量单位 净重 毛重 原产国(地区) 退税率"
    )
    sheet.append(header.split())
    sheet.append([100234, "LED灯泡", 9405420000, 7, 7, 0.045, 0.06, 142, 13])
    sheet.append([1234567890123456, "LED灯泡", 9405420000, "个", "个", 0.045, 0.06, "中国", None])
    path = tmp_path / "商品资料.xlsx"
    book.save(path)
    summary = sku_io.import_skus(cat_db, path, today=TODAY)
    assert (summary.inserted, summary.errors) == (2, [])
    assert [(w.row, w.column) for w in summary.warnings] == [(4, "code")]
    sku = _skus(cat_db)["100234"]
    assert (sku.hs_code, sku.legal_first_unit, sku.origin_country) == ("9405420000", "007", "CHN")
    assert (sku.net_weight_kg, sku.gross_weight_kg) == (Decimal("0.045"), Decimal("0.06"))


def test_a_file_without_a_sku_column_is_rejected(cat_db, tmp_path):
    path = tmp_path / "x.csv"
    path.write_text("中文品名,净重\n手机保护壳,0.03\n", encoding="utf-8")
    with pytest.raises(ImportRejected) as caught:
        sku_io.import_skus(cat_db, path)
    assert [e.column for e in caught.value.summary.errors] == ["code"]


def test_every_imported_sku_has_its_audit_event_and_the_chain_holds(cat_db):
    from desktop_app.core import audit
    from desktop_app.core.models import AuditEvent

    sku_io.import_skus(cat_db, DATA / "skus_zh.csv", today=TODAY)
    with cat_db.transaction() as session:
        events = session.scalars(
            select(AuditEvent).where(AuditEvent.entity == "sku", AuditEvent.action == "insert")
        ).all()
        ids = {str(sku.id) for sku in session.scalars(select(Sku))}
        assert {e.entity_id for e in events} == ids and len(events) == 5
        assert '"code": "PC-IP15-BLK"' in next(
            e.after_json for e in events if "IP15-BLK" in e.after_json
        )
        assert audit.verify_chain(session).ok


def test_cancel_leaves_nothing_behind(cat_db):
    import threading

    from desktop_app.core.errors import Cancelled
    from desktop_app.core.jobs import Job

    stop = threading.Event()
    seen: list[str] = []

    def progress(done: int, total: int, message: str) -> None:
        seen.append(message)
        if message == "checking SKUs":
            stop.set()  # the user presses Cancel while the rows are checked

    with pytest.raises(Cancelled):
        sku_io.import_skus(cat_db, DATA / "skus_zh.csv", job=Job(progress, stop), today=TODAY)
    assert seen and _skus(cat_db) == {}
    with cat_db.transaction() as session:
        assert session.scalar(select(func.count()).select_from(Supplier)) == 0
