"""Rebate batches with rows made by hand (no matching service), for the Excel and PDF outputs."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy.orm import Session

from desktop_app.core.models import RebateBatch, RebateExportRow, RebatePurchaseRow
from tests.unit import printing_fixtures as pfx

D = Decimal
USCC = pfx.USCC
DECL_1 = "531620260001234567001"  # 18-digit customs number (9th digit 0) + 项号 001
DECL_3 = "531620260001234567003"
VOUCHER_DIGITAL = "26442000000123456789"  # 20-digit 数电 number
VOUCHER_PAPER = "044002300111012345"  # 代码 + 号码, 18 digits


def company(session: Session) -> None:
    """The company with its USCC and the built-in code tables (units: 035 千克, 007 个)."""
    pfx.company(session)


def export_row(batch: RebateBatch, seq: int, **values: object) -> RebateExportRow:
    fields: dict[str, object] = dict(
        seq=seq, link_no=f"2603101{seq:03d}", declaration_no=DECL_1, export_invoice_no=f"EI-{seq}",
        export_date=dt.date(2026, 2, 16), commodity_code="3926909090", commodity_name="手机保护壳",
        unit="035", quantity=D("19.2"), usd_fob=D("1234.56"), cny_fob=D("8765.38"),
        fx_rate=D("7.1000"), levy_rate=D(13), rebate_rate=D(13),
    )  # fmt: skip
    fields.update(values)
    return RebateExportRow(batch_id=batch.id, **fields)


def purchase_row(batch: RebateBatch, seq: int, **values: object) -> RebatePurchaseRow:
    fields: dict[str, object] = dict(
        seq=seq, link_no=f"2603101{seq:03d}", voucher_no=VOUCHER_DIGITAL,
        issue_date=dt.date(2026, 1, 20), supplier_tax_id="91440300MA5F8XYZ1K",
        commodity_code="3926909090", commodity_name="手机保护壳", unit="035",
        quantity=D("19.2"), tax_base=D("60000.00"), levy_rate=D(13), rebate_rate=D(13),
        refund=D("7800.00"),
    )  # fmt: skip
    fields.update(values)
    return RebatePurchaseRow(batch_id=batch.id, **fields)


def trading_batch(session: Session) -> RebateBatch:
    """202603 batch 1 (免退): export rows 1 and 3 included, 2 rejected; purchases likewise."""
    batch = RebateBatch(period="202603", batch_no=1, method="exempt_refund")
    session.add(batch)
    session.flush()
    session.add_all([
        export_row(batch, 3, declaration_no=DECL_3, unit="007", quantity=D(100),
                   usd_fob=D("480.00"), business_type="HWC-YT", note="9810 预退税",
                   commodity_code="8518300000", commodity_name="蓝牙耳机"),
        export_row(batch, 1),
        export_row(batch, 2, status="rejected", rejection_reason="疑点",
                   declaration_no="531620260001234567002"),
        purchase_row(batch, 1),
        purchase_row(batch, 2, status="rejected", voucher_no="26442000000999999999"),
        purchase_row(batch, 3, voucher_no=VOUCHER_PAPER, unit="007", quantity=D(100),
                     commodity_code="8518300000", commodity_name="蓝牙耳机",
                     tax_base=D("2550.50"), levy_rate=D(13), rebate_rate=D(9),
                     refund=D("229.55"), issue_date=dt.date(2026, 2, 3)),
    ])  # fmt: skip
    batch.refund_total = D("8029.55")
    session.flush()
    return batch


def manufacturer_batch(session: Session) -> RebateBatch:
    """202603 batch 2 (免抵退): the DOMAIN §4 illustration plus two rounding cases."""
    batch = RebateBatch(
        period="202603", batch_no=2, method="exempt_credit_refund",
        domestic_output_tax=D(0), input_tax=D("60000.00"), previous_credit=D(0),
        duty_free_materials=D(0), non_creditable=D("28400.00"), tax_payable=D("-31600.00"),
        credit_refund_total=D("63900.00"), refund_total=D("31600.00"),
        exempt_offset=D("32300.00"), credit_carried_forward=D(0),
    )  # fmt: skip
    session.add(batch)
    session.flush()
    session.add_all([
        export_row(batch, 1, usd_fob=D("100000.00"), cny_fob=D("710000.00"), rebate_rate=D(9)),
        # 12.50 × 9 % = 1.125 → 1.13 half up (1.12 if rounded half even)
        export_row(batch, 2, usd_fob=D("1.76"), cny_fob=D("12.50"), rebate_rate=D(9)),
        # no stored CNY: 100.05 × 7.1234 = 712.696… → 712.70
        export_row(batch, 3, usd_fob=D("100.05"), cny_fob=None, fx_rate=D("7.1234"),
                   rebate_rate=D(9), business_type="HWC-YT"),
    ])  # fmt: skip
    session.flush()
    return batch
