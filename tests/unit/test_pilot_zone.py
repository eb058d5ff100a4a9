"""The 综试区 无票免税 register: which 9610 lines, CNY amounts, totals and the 4 % income."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from desktop_app.core.errors import BadInput
from desktop_app.core.models import ExchangeRate
from desktop_app.core.models.declarations import DeclarationOrderLink
from desktop_app.core.services import company
from desktop_app.core.services import pilot_zone as pz
from desktop_app.core.services.declaration_life import MissingRate
from tests.unit import declaration_fixtures as fx
from tests.unit.filing_fixtures import batch, claim, declaration

D = Decimal
CST = fx.CST


def at(month: int, day: int, year: int = 2026) -> dt.datetime:
    return dt.datetime(year, month, day, 10, 0, tzinfo=CST)


@pytest.fixture
def world(session):
    fx.setup(session)
    company.get_profile(session).pilot_zone_registered = True
    company.get_profile(session).pilot_zone_name = "中国（深圳）跨境电子商务综合试验区"
    case = fx.sku(session, "CASE-01")
    my, us = fx.shop(session), fx.shop(session, "Amazon US", "amazon", "USD", "USA")
    a = fx.order(session, my, [(case, 2, "100.00", "10.00")], shipped=at(10, 15))
    b = fx.order(session, us, [(None, 3, "20.00")], shipped=at(11, 2))
    fx.order(session, us, [(case, 1, "9.00")], mode="9710", shipped=at(11, 3))
    fx.order(session, us, [(case, 1, "9.00")], status="cancelled", shipped=at(11, 3))
    fx.order(session, us, [(case, 1, "9.00")], shipped=at(12, 20, 2025))
    claimed = fx.order(session, us, [(case, 5, "50.00"), (case, 1, "10.00")], shipped=at(11, 5))
    decl = declaration(session, "D-9610", dt.date(2026, 11, 5), mode="9610")
    session.add(DeclarationOrderLink(declaration_line_id=decl.lines[0].id,
                                     order_line_id=claimed.lines[0].id, quantity=D(5)))  # fmt: skip
    draft_decl = declaration(session, "D-9610-B", dt.date(2026, 11, 5), mode="9610")
    session.add(DeclarationOrderLink(declaration_line_id=draft_decl.lines[0].id,
                                     order_line_id=claimed.lines[1].id, quantity=D(1)))  # fmt: skip
    claim(session, batch(session, dt.datetime(2026, 12, 1, 2, 0, tzinfo=dt.UTC)), decl)
    claim(session, batch(session, None, batch_no=2, status="draft"), draft_decl)
    return {"a": a, "b": b, "claimed": claimed}


def test_register_rows(session, world) -> None:
    rows = pz.register_rows(session, 2026)
    assert [(r.order_no, r.line_no) for r in rows] == [
        (world["a"].platform_order_id, 1),
        (world["b"].platform_order_id, 1),
        (world["claimed"].platform_order_id, 2),  # its batch is only a draft: not claimed
    ]
    a, b, c = rows
    assert (a.export_date, a.goods_name, a.unit, a.quantity) == (
        dt.date(2026, 10, 15), "手机保护壳", "个", D(2),
    )  # fmt: skip
    assert (a.currency, a.amount, a.unit_price, a.fx_rate) == ("MYR", D("90.00"), D("45"), D("1.6"))
    assert a.amount_cny == D("144.00")
    assert (b.goods_name, b.unit, b.amount_cny) == ("", "", D("142.00"))  # unmapped line
    assert c.amount_cny == D("71.00")


def test_summary_and_deemed_income(session, world) -> None:
    result = pz.summary(session, 2026)
    assert (result.rows, result.orders) == (3, 3)
    assert result.revenue_cny == D("357.00")
    assert result.deemed_income_rate == D("0.04")
    assert result.deemed_income == D("14.28")
    assert result.by_currency == {"MYR": D("90.00"), "USD": D("30.00")}
    assert "2019年第36号" in result.source
    with pytest.raises(MissingRate, match=r"USD .* 2025-12-20"):  # 2025 has no rates
        pz.summary(session, 2025)
    fx.add_rates(session, dt.date(2025, 12, 20), dt.date(2025, 12, 20))
    assert pz.summary(session, 2025).revenue_cny == D("63.90")


def test_first_of_month_policy(session, world) -> None:
    company.get_profile(session).fx_rate_policy = "first_of_month"
    first = session.scalar(
        select(ExchangeRate).where(ExchangeRate.currency == "USD",
                                   ExchangeRate.rate_date == dt.date(2026, 11, 1))
    )  # fmt: skip
    first.rate = D("7.000000")
    rows = pz.register_rows(session, 2026)
    assert rows[1].fx_rate == D("7") and rows[1].amount_cny == D("140.00")


def test_missing_rate_names_currency_and_day(session, world) -> None:
    fx.order(session, fx.shop(session, "Shopee SG", currency="SGD", country="SGP"),
             [(None, 1, "5.00")], shipped=at(11, 20))  # fmt: skip
    with pytest.raises(MissingRate) as caught:
        pz.register_rows(session, 2026)
    assert "SGD" in str(caught.value) and "2026-11-20" in str(caught.value)


def test_not_registered(session, world) -> None:
    company.get_profile(session).pilot_zone_registered = False
    with pytest.raises(BadInput, match="not registered"):
        pz.register_rows(session, 2026)
    with pytest.raises(BadInput, match="not registered"):
        pz.summary(session, 2026)


def test_register_xlsx(session, world, tmp_path: Path) -> None:
    out = tmp_path / "register.xlsx"
    totals = pz.write_register_xlsx(session, 2026, out)
    assert totals.deemed_income == D("14.28")
    book = load_workbook(out)
    sheet = book["无票免税登记"]
    assert sheet.freeze_panes == "A2"
    assert [c.value for c in sheet[1]] == list(pz.HEADERS)
    first = sheet[2]
    assert first[1].value == world["a"].platform_order_id and first[1].data_type == "s"
    assert first[1].number_format == "@"
    assert first[3].value.date() == dt.date(2026, 10, 15)
    assert first[11].value == 144 and first[11].number_format == "#,##0.00"
    summary_rows = {r[0].value: r[1].value for r in book["汇总"].iter_rows()}
    assert summary_rows["应纳税所得额（人民币）"] == pytest.approx(14.28)
    assert summary_rows["应税所得率"] == pytest.approx(0.04)
