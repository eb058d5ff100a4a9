"""The 综试区 无票免税 register: a year's 9610 retail exports without invoices, and 4 % income.

DOMAIN.md §5: a company registered in a cross-border e-commerce pilot zone records each
retail export without purchase invoices (出口日期、货物名称、计量单位、数量、单价、金额) and is
taxed on a deemed income of revenue × 4 % (应税所得率). Exports claimed for a rebate on a
cleared declaration are not exempt-without-invoice sales, so they are left out.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from sqlalchemy import exists, select
from sqlalchemy.orm import Session

from desktop_app.core import codes
from desktop_app.core.errors import BadInput
from desktop_app.core.models.catalogue import Sku
from desktop_app.core.models.declarations import (
    Declaration,
    DeclarationLine,
    DeclarationOrderLink,
)
from desktop_app.core.models.orders import NON_SALE_STATUSES, Order, OrderLine
from desktop_app.core.models.rebate import RebateBatch, RebateExportRow
from desktop_app.core.models.system import CompanyProfile
from desktop_app.core.money import ZERO, quantize, round_fen
from desktop_app.core.services import company, deadlines
from desktop_app.core.services.declaration_life import cny_per_unit, policy_day

RETAIL_MODE = "9610"
# 应税所得率 for 核定征收 of pilot-zone retail exporters under 无票免税.
DEEMED_INCOME_RATE = Decimal("0.04")
DEEMED_INCOME_SOURCE = (
    "DOMAIN.md §5 [R17]: 国家税务总局公告2019年第36号, 应税所得率 4% (from 2020-01-01)"
)
CHINA = deadlines.CHINA
HEADERS = ("序号", "订单号", "行号", "出口日期", "货物名称", "计量单位", "数量", "币制", "单价",
           "金额（原币）", "折合率", "金额（人民币）")  # fmt: skip


@dataclass(frozen=True)
class RegisterRow:
    order_no: str
    line_no: int
    export_date: dt.date
    goods_name: str
    unit: str  # the unit's Chinese name (计量单位)
    quantity: Decimal
    currency: str
    unit_price: Decimal  # in the order's currency, after the line's discount
    amount: Decimal  # in the order's currency, after the line's discount
    fx_rate: Decimal  # CNY per unit of the currency on the FX policy's day
    amount_cny: Decimal


@dataclass
class RegisterSummary:
    year: int
    zone: str
    rows: int
    orders: int
    revenue_cny: Decimal
    deemed_income_rate: Decimal
    deemed_income: Decimal
    by_currency: dict[str, Decimal] = field(default_factory=dict)
    source: str = DEEMED_INCOME_SOURCE


def _profile_checked(session: Session) -> CompanyProfile:
    profile = company.get_profile(session)
    if not profile.pilot_zone_registered:
        raise BadInput(
            "the company is not registered in a cross-border e-commerce pilot zone (综试区): "
            "the 无票免税 register applies only to registered companies — tick 'pilot zone "
            "registered' in the company profile if it is"
        )
    return profile


def _year_bounds(year: int) -> tuple[dt.datetime, dt.datetime]:
    if not 2000 <= year <= 2100:
        raise BadInput(f"year {year}: give a year such as 2026")
    start = dt.datetime(year, 1, 1, tzinfo=CHINA)
    return start, start.replace(year=year + 1)


def _claimed_line() -> object:
    """Order lines on a cleared declaration that a filed batch claimed for a rebate."""
    return exists().where(
        DeclarationOrderLink.order_line_id == OrderLine.id,
        DeclarationLine.id == DeclarationOrderLink.declaration_line_id,
        Declaration.id == DeclarationLine.declaration_id,
        Declaration.status.in_(deadlines.LIVE_STATUSES),
        RebateExportRow.declaration_line_id == DeclarationLine.id,
        RebateExportRow.status == "included",
        RebateBatch.id == RebateExportRow.batch_id,
        RebateBatch.status.in_(deadlines.CLAIMED_BATCHES),
    )


def register_rows(session: Session, year: int) -> list[RegisterRow]:
    """The year's 9610 order lines not claimed for a rebate, by export (ship) date.

    A missing exchange rate raises MissingRate naming the currency and the day.
    """
    profile = _profile_checked(session)
    start, end = _year_bounds(year)
    query = (
        select(Order.platform_order_id, OrderLine.line_no, Order.shipped_at, Order.currency,
               OrderLine.product_name, OrderLine.quantity, OrderLine.sku_quantity,
               OrderLine.unit_price, OrderLine.amount, OrderLine.discount, Sku.name_cn,
               Sku.trade_unit)
        .join(OrderLine, OrderLine.order_id == Order.id)
        .outerjoin(Sku, Sku.id == OrderLine.sku_id)
        .where(Order.customs_mode == RETAIL_MODE, Order.status.not_in(NON_SALE_STATUSES),
               Order.shipped_at >= start, Order.shipped_at < end, ~_claimed_line())
        .order_by(Order.shipped_at, Order.id, OrderLine.line_no)
    )  # fmt: skip
    units = {e.code: e.name_cn for e in codes.entries(session, "units")}
    rates: dict[tuple[str, dt.date], Decimal] = {}
    rows = []
    for r in session.execute(query):
        quantity = r.sku_quantity if r.sku_quantity is not None else r.quantity
        if not quantity:
            continue  # nothing of this line left the country
        day = _china_day(r.shipped_at)
        amount = _net_amount(r.amount, r.unit_price, r.quantity, r.discount)
        key = (r.currency, policy_day(profile, day))
        if key not in rates:
            rates[key] = cny_per_unit(session, *key)
        unit_code = r.trade_unit or ""
        rows.append(RegisterRow(
            r.platform_order_id, r.line_no, day, r.name_cn or r.product_name,
            units.get(unit_code, unit_code), quantity, r.currency,
            quantize(amount / quantity, 4), amount, rates[key], round_fen(amount * rates[key]),
        ))  # fmt: skip
    return rows


def _china_day(at: dt.datetime) -> dt.date:
    if at.tzinfo is None:
        at = at.replace(tzinfo=dt.UTC)
    return at.astimezone(CHINA).date()


def _net_amount(
    amount: Decimal | None, unit_price: Decimal | None, quantity: Decimal, discount: Decimal
) -> Decimal:
    gross = amount if amount is not None else round_fen((unit_price or ZERO) * quantity)
    return gross - (discount or ZERO)


def summary(session: Session, year: int, rows: list[RegisterRow] | None = None) -> RegisterSummary:
    """Totals of the year's register and the deemed taxable income (revenue × 4 %)."""
    profile = _profile_checked(session)
    rows = register_rows(session, year) if rows is None else rows
    revenue = sum((r.amount_cny for r in rows), ZERO)
    by_currency: dict[str, Decimal] = {}
    for r in rows:
        by_currency[r.currency] = by_currency.get(r.currency, ZERO) + r.amount
    return RegisterSummary(
        year, profile.pilot_zone_name, len(rows), len({r.order_no for r in rows}), revenue,
        DEEMED_INCOME_RATE, round_fen(revenue * DEEMED_INCOME_RATE),
        dict(sorted(by_currency.items())),
    )  # fmt: skip


def write_register_xlsx(session: Session, year: int, path: str | Path) -> RegisterSummary:
    """The register as an xlsx: a frozen header, order numbers as text, amounts formatted."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.utils import get_column_letter

    rows = register_rows(session, year)
    totals = summary(session, year, rows)
    book = Workbook(write_only=True)
    sheet = book.create_sheet("无票免税登记")
    sheet.freeze_panes = "A2"
    widths = (6, 24, 6, 12, 36, 10, 12, 8, 12, 14, 10, 16)
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.append(list(HEADERS))
    formats = ("0", "@", "0", "yyyy-mm-dd", "@", "@", "#,##0.#####", "@", "#,##0.0000",
               "#,##0.00", "0.000000", "#,##0.00")  # fmt: skip
    for n, r in enumerate(rows, start=1):
        values = (n, r.order_no, r.line_no, r.export_date, r.goods_name, r.unit, r.quantity,
                  r.currency, r.unit_price, r.amount, r.fx_rate, r.amount_cny)  # fmt: skip
        sheet.append(
            [_cell(sheet, WriteOnlyCell, v, f) for v, f in zip(values, formats, strict=True)]
        )
    _append_totals(book, totals)
    out = Path(path)
    out.parent.mkdir(parents=True, exist_ok=True)
    book.save(out)
    return totals


def _cell(sheet: object, make: type, value: object, number_format: str) -> object:
    cell = make(sheet, value=value)
    cell.number_format = number_format
    return cell


def _append_totals(book: object, totals: RegisterSummary) -> None:
    sheet = book.create_sheet("汇总")  # type: ignore[attr-defined]
    sheet.column_dimensions["A"].width = 24
    sheet.column_dimensions["B"].width = 60
    sheet.append(["年度", totals.year])
    sheet.append(["综试区", totals.zone])
    sheet.append(["记录数", totals.rows])
    sheet.append(["订单数", totals.orders])
    for currency, amount in totals.by_currency.items():
        sheet.append([f"收入（{currency}）", amount])
    sheet.append(["收入总额（人民币）", totals.revenue_cny])
    sheet.append(["应税所得率", totals.deemed_income_rate])
    sheet.append(["应纳税所得额（人民币）", totals.deemed_income])
    sheet.append(["依据", totals.source])
