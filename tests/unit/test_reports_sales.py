"""The export summary and sales-margin reports: totals equal the database's sums to the fen."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from sqlalchemy import func, select

from desktop_app.core.errors import BadInput
from desktop_app.core.models import (
    Declaration,
    DeclarationLine,
    Order,
    OrderLine,
    Shop,
    StockMove,
)
from desktop_app.core.models.orders import NON_SALE_STATUSES
from desktop_app.core.money import ZERO, round_fen
from desktop_app.core.reports import sales
from desktop_app.core.reports.model import Report, ReportParams
from desktop_app.core.reports.writer import write_report
from desktop_app.core.services import company
from desktop_app.core.services.declaration_life import cny_per_unit, policy_day
from desktop_app.core.services.order_import import sales_by_currency

ALL = ReportParams(date_from=dt.date(2000, 1, 1), date_to=dt.date(2100, 12, 31))
NONE = ReportParams(date_from=dt.date(1990, 1, 1), date_to=dt.date(1990, 12, 31))
LIVE = ("cleared", "amended")


@pytest.fixture
def demo(demo300):
    with demo300.sessions() as s:
        yield s
        s.rollback()


def build(session: Any, name: str, params: ReportParams) -> Report:
    definition = next(d for d in sales.DEFINITIONS if d.name == name)
    report = definition.build(session, params, None)
    for sheet in report.sheets:
        sheet.rows = list(sheet.rows)
    return report


def sheet_rows(report: Report, name: str) -> tuple[list[str], list[list[Any]]]:
    sheet = next(s for s in report.sheets if s.name == name)
    return [c.key for c in sheet.columns], [list(r) for r in sheet.rows]


def column_sum(report: Report, sheet: str, key: str) -> Any:
    keys, rows = sheet_rows(report, sheet)
    index = keys.index(key)
    return sum((r[index] for r in rows if r[index] is not None), ZERO)


def read_back(path: Path, sheet: str) -> tuple[list[Any], list[tuple[Any, ...]], tuple[Any, ...]]:
    """(header, data rows, totals row) of a written sheet."""
    book = openpyxl.load_workbook(path, read_only=True)
    rows = list(book[sheet].iter_rows(values_only=True))
    book.close()
    return list(rows[0]), rows[1:-1], rows[-1]


def fen(value: Any) -> Decimal:
    return Decimal(str(value)).quantize(Decimal("0.01"))


# ---------------------------------------------------------------- export summary


def test_export_summary_declaration_totals_equal_the_database(demo) -> None:
    report = build(demo, "export-summary", ALL)
    live = Declaration.status.in_(LIVE), Declaration.export_date.is_not(None)
    count, fob = demo.execute(
        select(func.count(), func.sum(Declaration.usd_fob)).where(*live)
    ).one()
    lines = demo.scalar(
        select(func.count()).select_from(DeclarationLine).join(Declaration).where(*live)
    )
    profile = company.get_profile(demo)
    cny = ZERO
    for d in demo.scalars(select(Declaration).where(*live)):
        day = policy_day(profile, d.export_date)
        cny += round_fen(d.total_amount * cny_per_unit(demo, d.currency, day))
    assert count > 0
    assert column_sum(report, "按监管方式", "declarations") == count
    assert column_sum(report, "按监管方式", "lines") == lines
    assert column_sum(report, "按监管方式", "usd_fob") == fob
    assert column_sum(report, "按监管方式", "cny") == cny
    assert column_sum(report, "按目的国", "usd_fob") == fob
    assert column_sum(report, "按目的国", "lines") == lines
    assert column_sum(report, "按币种", "usd_fob") == fob
    by_currency: dict[str, Decimal] = defaultdict(lambda: ZERO)
    for row in sheet_rows(report, "按币种")[1]:
        by_currency[row[1]] += row[4]
    expected = dict(demo.execute(select(Declaration.currency, func.sum(Declaration.total_amount))
                                 .where(*live).group_by(Declaration.currency)).all())  # fmt: skip
    assert by_currency == expected


def test_export_summary_resolves_chinese_names(demo) -> None:
    report = build(demo, "export-summary", ALL)
    modes = {r[1]: r[2] for r in sheet_rows(report, "按监管方式")[1]}
    assert modes["9610"] == "电子商务"
    countries = {r[1]: r[2] for r in sheet_rows(report, "按目的国")[1]}
    assert countries["USA"] == "美国"
    currencies = {r[1]: r[2] for r in sheet_rows(report, "按币种")[1]}
    assert currencies["USD"] == "美元"


def test_export_summary_platform_sheet_counts_the_shipped_sales(demo) -> None:
    report = build(demo, "export-summary", ALL)
    keys, rows = sheet_rows(report, "按平台")
    amounts: dict[str, Decimal] = defaultdict(lambda: ZERO)
    for row in rows:
        amounts[row[keys.index("currency")]] += row[keys.index("amount")]
    # Sales not shipped yet (paid, no ship time) fall in no period.
    unshipped = dict(demo.execute(
        select(Order.currency, func.sum(OrderLine.amount)).join(OrderLine)
        .where(Order.status == "paid", Order.shipped_at.is_(None)).group_by(Order.currency)
    ).all())  # fmt: skip
    expected = {c: a - unshipped.get(c, ZERO) for c, a in sales_by_currency(demo).items()}
    assert dict(amounts) == {c: a for c, a in expected.items() if a}
    sold = (
        Order.status.not_in(NON_SALE_STATUSES),
        ~((Order.status == "paid") & Order.shipped_at.is_(None)),
    )
    orders = demo.scalar(select(func.count()).select_from(Order).where(*sold))
    lines = demo.scalar(select(func.count()).select_from(OrderLine).join(Order).where(*sold))
    assert column_sum(report, "按平台", "orders") == orders
    assert column_sum(report, "按平台", "lines") == lines


def test_export_summary_of_an_empty_period_has_sheets_without_rows(demo) -> None:
    report = build(demo, "export-summary", NONE)
    assert [s.name for s in report.sheets] == ["按监管方式", "按目的国", "按币种", "按平台"]
    assert all(s.rows == [] for s in report.sheets)


def test_export_summary_written_totals_equal_the_database(demo, tmp_path: Path) -> None:
    report = build(demo, "export-summary", ALL)
    result = write_report(demo, report, tmp_path / "summary.xlsx")
    header, data, totals = read_back(result.path, "按监管方式")
    assert header[0].startswith("月份")
    fob = demo.scalar(select(func.sum(Declaration.usd_fob)).where(Declaration.status.in_(LIVE)))
    assert "合计" in totals
    assert fen(totals[5]) == fob
    assert len(data) == result.rows["按监管方式"]
    _header, _data, currency_totals = read_back(result.path, "按币种")
    assert currency_totals[4] is None  # amounts in different currencies are not added up


# ---------------------------------------------------------------- sales and margin


def _sold_lines(session: Any) -> list[Any]:
    sold = (Order.status.not_in(NON_SALE_STATUSES),
            ~((Order.status == "paid") & Order.shipped_at.is_(None)))  # fmt: skip
    query = select(OrderLine, Order).join(Order).where(*sold)
    return list(session.execute(query))


def test_sales_margin_totals_equal_the_database(demo) -> None:
    report = build(demo, "sales-margin", ALL)
    profile = company.get_profile(demo)
    revenue_cny = ZERO
    units = ZERO
    fees: dict[str, Decimal] = defaultdict(lambda: ZERO)
    seen_orders = set()
    for line, order in _sold_lines(demo):
        day = (order.shipped_at or order.ordered_at).date()
        rate = cny_per_unit(demo, order.currency, policy_day(profile, day))
        revenue_cny += round_fen((line.amount or ZERO) * rate)
        units += line.sku_quantity if line.sku_quantity is not None else line.quantity
        if order.id not in seen_orders:
            seen_orders.add(order.id)
            fees[order.currency] += order.platform_fees
    landed = -demo.scalar(
        select(func.sum(StockMove.value)).where(StockMove.ref_type == "order_line")
    )
    assert landed > 0
    assert column_sum(report, "销售毛利", "revenue_cny") == revenue_cny
    assert column_sum(report, "销售毛利", "units") == units
    assert column_sum(report, "销售毛利", "landed") == landed
    keys, rows = sheet_rows(report, "销售毛利")
    got_fees: dict[str, Decimal] = defaultdict(lambda: ZERO)
    for row in rows:
        got_fees[row[keys.index("currency")]] += row[keys.index("fees")]
    assert {c: f for c, f in got_fees.items() if f} == {c: f for c, f in fees.items() if f}


def test_sales_margin_rows_add_up(demo) -> None:
    keys, rows = sheet_rows(build(demo, "sales-margin", ALL), "销售毛利")
    at = {k: i for i, k in enumerate(keys)}
    costed = [r for r in rows if r[at["uncosted"]] == 0]
    assert costed and any(r[at["uncosted"]] for r in rows)
    for row in rows:
        assert row[at["first_leg"]] <= row[at["landed"]]
        if row[at["uncosted"]]:
            assert row[at["margin"]] is None  # never a margin without the cost of every unit
            continue
        margin = row[at["revenue_cny"]] - row[at["landed"]] - row[at["fees_cny"]]
        assert row[at["margin"]] == margin
    assert any(r[at["first_leg"]] > 0 for r in costed)
    assert {r[at["country_name"]] for r in rows if r[at["country"]] == "USA"} == {"美国"}


def test_sales_margin_for_one_shop(demo) -> None:
    report = build(demo, "sales-margin", ReportParams(ALL.date_from, ALL.date_to, shop="amazon us"))
    keys, rows = sheet_rows(report, "销售毛利")
    assert rows and {r[keys.index("shop")] for r in rows} == {"Amazon US"}
    with pytest.raises(BadInput, match="no shop"):
        build(demo, "sales-margin", ReportParams(ALL.date_from, ALL.date_to, shop="Nowhere"))


def test_sales_margin_of_an_empty_period_is_empty(demo) -> None:
    report = build(demo, "sales-margin", NONE)
    assert report.sheets[0].rows == []


def test_sales_margin_names_the_missing_rate(session) -> None:
    shop = Shop(platform="amazon", name="Amazon DE", currency="EUR")
    session.add(shop)
    session.flush()
    shipped = dt.datetime(2026, 3, 5, 10, 0, tzinfo=dt.UTC)
    order = Order(shop_id=shop.id, platform_order_id="302-1", status="shipped",
                  currency="EUR", ordered_at=shipped, shipped_at=shipped)  # fmt: skip
    order.lines.append(OrderLine(line_no=1, platform_sku="X-1", quantity=Decimal(1),
                                 amount=Decimal("20.00")))  # fmt: skip
    session.add(order)
    session.flush()
    params = ReportParams(dt.date(2026, 3, 1), dt.date(2026, 3, 31))
    with pytest.raises(BadInput, match=r"EUR.*2026-03-05"):
        build(session, "sales-margin", params)
    _keys, rows = sheet_rows(build(session, "export-summary", params), "按平台")
    assert rows == [["2026-03", "amazon", "Amazon DE", "EUR", 1, 1, Decimal("20.00")]]
