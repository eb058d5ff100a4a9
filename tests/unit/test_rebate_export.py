"""The batch's import files: names, sheet, row-8 heads, text ids, dates, values, refusals."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook

from desktop_app.core import settings
from desktop_app.core.errors import BadInput, ValidationFailed
from desktop_app.core.models import CompanyProfile, RebateBatch
from desktop_app.core.services import rebate_export as rx
from tests.unit import rebate_output_fixtures as fx

D = Decimal
EXPORT_NAME = f"《外贸企业出口退税出口明细申报表》导入模板-{fx.USCC}-001.xlsx"
PURCHASE_NAME = f"《外贸企业出口退税进货明细申报表》导入模板-{fx.USCC}-001.xlsx"


@pytest.fixture
def trading(session):
    fx.company(session)
    return fx.trading_batch(session)


def rows(path: Path) -> list[list[object]]:
    sheet = load_workbook(path)[rx.SHEET]
    return [[c.value for c in row] for row in sheet.iter_rows(min_row=1, max_col=21)]


def cell(path: Path, ref: str):
    return load_workbook(path)[rx.SHEET][ref]


def test_trading_batch_writes_the_two_templates(session, trading, tmp_path):
    written = rx.export_batch(session, trading.id, tmp_path / "out")
    assert [p.name for p in written] == [EXPORT_NAME, PURCHASE_NAME]
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == sorted(
        [EXPORT_NAME, PURCHASE_NAME]
    )  # no temporary file left behind
    for path in written:
        assert load_workbook(path).sheetnames == ["模板"]


def test_export_template_columns_and_values(session, trading, tmp_path):
    path = rx.export_batch(session, trading.id, tmp_path)[0]
    grid = rows(path)
    assert grid[0][0] == "外贸企业出口退税出口明细申报表"
    assert grid[1][:2] == ["纳税人识别号", fx.USCC]
    assert grid[3][:2] == ["申报年月", "202603"] and grid[4][:2] == ["申报批次", "001"]
    assert grid[7][:17] == [head for head, _ in rx.EXPORT_COLUMNS]
    assert grid[7][:17] == [
        "申报年月", "申报批次", "关联号", "出口货物报关单号", "代理出口货物证明号", "出口发票号",
        "出口日期", "出口商品代码", "出口商品名称", "计量单位", "出口数量", "美元离岸价",
        "申报商品代码", "退（免）税业务类型", "国内启运方式", "海关总署认证企业类型", "备注",
    ]  # fmt: skip
    data = [r[:17] for r in grid[8:] if any(v is not None for v in r)]
    assert len(data) == 2  # the rejected row 2 is absent; seq order 1, 3
    first, third = data
    assert first[:4] == ["202603", "001", "2603101001", fx.DECL_1]
    assert first[5:10] == ["EI-1", dt.datetime(2026, 2, 16), "3926909090", "手机保护壳", "千克"]
    assert D(str(first[10])) == D("19.2") and D(str(first[11])) == D("1234.56")
    assert first[12] == "3926909090" and first[13] is None
    assert third[3] == fx.DECL_3 and third[9] == "个" and third[10] == 100
    assert third[13] == "HWC-YT|出口预退税" and third[16] == "9810 预退税"
    assert "531620260001234567002" not in str(grid)


def test_ids_are_text_cells_and_dates_real_dates(session, trading, tmp_path):
    export, purchase = rx.export_batch(session, trading.id, tmp_path)
    for ref in ("A9", "B9", "C9", "D9", "H9", "M9"):
        found = cell(export, ref)
        assert found.data_type == "s" and found.number_format == "@", ref
    assert cell(export, "B9").value == "001"
    assert cell(export, "D9").value == "531620260001234567001"  # 21 digits, unchanged
    assert cell(export, "G9").is_date and cell(export, "G9").number_format == "yyyy-mm-dd"
    assert cell(export, "L9").data_type == "n" and cell(export, "L9").number_format == "0.00"
    assert cell(export, "B2").value == fx.USCC and cell(export, "B2").number_format == "@"
    for ref in ("A9", "B9", "C9", "F9", "H9", "I9"):
        found = cell(purchase, ref)
        assert found.data_type == "s" and found.number_format == "@", ref
    assert cell(purchase, "F9").value == fx.VOUCHER_DIGITAL
    assert cell(purchase, "F10").value == fx.VOUCHER_PAPER
    assert cell(purchase, "G10").value == dt.datetime(2026, 2, 3)


def test_purchase_template_columns_and_values(session, trading, tmp_path):
    path = rx.export_batch(session, trading.id, tmp_path)[1]
    grid = rows(path)
    assert grid[0][0] == "外贸企业出口退税进货明细申报表"
    assert grid[7][:17] == [
        "申报年月", "申报批次", "关联号", "税种", "凭证种类", "进货凭证号", "开票日期",
        "供货方纳税人识别号", "出口商品代码", "商品名称", "计量单位", "数量", "计税金额",
        "征税率%", "退税率%", "可退税额", "备注",
    ]  # fmt: skip
    data = [r[:17] for r in grid[8:] if any(v is not None for v in r)]
    assert len(data) == 2
    first, third = data
    assert first[:5] == ["202603", "001", "2603101001", "V|增值税", "02|增值税专用发票"]
    assert first[7] == "91440300MA5F8XYZ1K" and first[10] == "千克"
    assert [D(str(v)) for v in first[11:16]] == [D("19.2"), D(60000), D(13), D(13), D(7800)]
    assert third[2] == "2603101003" and third[10] == "个"
    assert [D(str(v)) for v in third[12:16]] == [D("2550.50"), D(13), D(9), D("229.55")]
    assert "26442000000999999999" not in str(grid)  # rejected


def test_drop_down_names_come_from_the_settings(session, trading, tmp_path):
    settings.put(session, "rebate.business_types", "HWC-YT|海外仓出口货物预退税")
    path = rx.export_batch(session, trading.id, tmp_path)[0]
    assert cell(path, "N10").value == "HWC-YT|海外仓出口货物预退税"


def test_unknown_codes_are_all_named_and_nothing_is_written(session, trading, tmp_path):
    settings.put(session, "rebate.voucher_kinds", "01|增值税普通发票")
    trading_rows = fx.export_row(trading, 9, unit="999")
    session.add(trading_rows)
    session.flush()
    with pytest.raises(ValidationFailed) as caught:
        rx.export_batch(session, trading.id, tmp_path / "out")
    message = str(caught.value)
    assert "row 9, 计量单位 = '999'" in message
    assert "凭证种类 = '02'" in message and "rebate.voucher_kinds" in message
    assert not (tmp_path / "out").exists()


def test_a_malformed_setting_is_refused_by_name(session, trading, tmp_path):
    settings.put(session, "rebate.tax_kinds", "V增值税")
    with pytest.raises(BadInput, match=r"rebate\.tax_kinds"):
        rx.export_batch(session, trading.id, tmp_path)


def test_empty_or_missing_batch_and_missing_uscc_are_refused(session, trading, tmp_path):
    out = tmp_path / "out"
    empty = RebateBatch(period="202604", batch_no=1)
    session.add(empty)
    session.flush()
    with pytest.raises(BadInput, match="202604-001 has no included export row"):
        rx.export_batch(session, empty.id, out)
    with pytest.raises(BadInput, match="does not exist"):
        rx.export_batch(session, 9999, out)
    session.get(CompanyProfile, 1).uscc = None
    session.flush()
    with pytest.raises(BadInput, match="USCC"):
        rx.export_batch(session, trading.id, out)
    assert not out.exists()


def test_manufacturer_file_and_its_per_row_figures(session, tmp_path):
    fx.company(session)
    batch = fx.manufacturer_batch(session)
    written = rx.export_batch(session, batch.id, tmp_path)
    assert [p.name for p in written] == [
        f"生产企业出口货物免抵退税申报明细表-{fx.USCC}-202603-002.xlsx"
    ]
    grid = rows(written[0])
    assert grid[7] == [head for head, _ in rx.MANUFACTURER_COLUMNS]
    assert grid[7][9] == "人民币离岸价" and grid[7][15:17] == [
        "免抵退税不得免征和抵扣税额",
        "免抵退税额",
    ]
    data = [r for r in grid[8:] if any(v is not None for v in r)]
    assert [r[0] for r in data] == ["00000001", "00000002", "00000003"]
    figures = [[D(str(r[i])) for i in (9, 15, 16)] for r in data]
    assert figures == [
        [D("710000.00"), D("28400.00"), D("63900.00")],  # DOMAIN §4 illustration
        [D("12.50"), D("0.50"), D("1.13")],  # half up
        [D("712.70"), D("28.51"), D("64.14")],  # CNY from USD × rate
    ]
    assert data[0][2] == fx.DECL_1 and data[0][6] == "千克"
    assert data[2][18] == "HWC-YT|出口预退税"
    assert cell(written[0], "A9").number_format == "@"
    assert cell(written[0], "D9").is_date


def test_manufacturer_row_without_rates_is_refused(session, tmp_path):
    fx.company(session)
    batch = fx.manufacturer_batch(session)
    session.add(fx.export_row(batch, 4, levy_rate=None))
    session.flush()
    with pytest.raises(BadInput, match=r"export row 4 .*征税率 missing"):
        rx.export_batch(session, batch.id, tmp_path)


@pytest.mark.parametrize(
    ("n", "text"),
    [(1, "0001"), (42, "0042"), (9999, "9999"), (10_000, "A001"), (10_998, "A999"),
     (10_999, "B001")],
)  # fmt: skip
def test_serial_numbers_run_on_after_9999(n, text):
    assert rx.serial(n) == text
