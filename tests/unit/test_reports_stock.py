"""The stock reports built from a ledger posted with post_move, read back with openpyxl."""

from __future__ import annotations

import datetime as dt
import threading
from decimal import Decimal

import openpyxl
import pytest
from sqlalchemy import func, select

from desktop_app.core.errors import BadInput, Cancelled
from desktop_app.core.jobs import Job
from desktop_app.core.models import StockBalance, StockMove
from desktop_app.core.reports import ReportParams, period, resolve_warehouse, run_report
from desktop_app.core.reports.writer import NO_DATA, TOTAL_LABEL
from desktop_app.core.services import stock
from tests.unit import declaration_fixtures as fx

D = Decimal
DAY = dt.date(2026, 11, 20)


def days_ago(n: int) -> dt.date:
    return DAY - dt.timedelta(days=n)


@pytest.fixture
def world(session):
    """SKU "0035" and a case at the Shenzhen warehouse and the US 3PL, over 200 days."""
    fx.setup(session, rates=False)
    home, us = fx.warehouses(session)
    zero = fx.sku(session, "0035", name_cn="硅胶手机壳")
    case = fx.sku(session, "PC-IP16-CLR")
    ship = fx.shipment(session, [(case, 5, "7.10")])

    def post(sku, wh, kind, qty, days, cost=None, **kw):
        return stock.post_move(session, sku_id=sku.id, warehouse_id=wh.id, kind=kind,
                               quantity=D(qty), move_date=days_ago(days),
                               unit_cost=None if cost is None else D(cost), **kw)  # fmt: skip

    post(zero, home, "receipt", 10, 200, "3.3333")
    post(zero, home, "receipt", 5, 100, "3.47")
    post(zero, home, "receipt", 3, 10, "3.01")
    post(zero, home, "sale", -12, 5, note="门店样品")
    post(case, home, "receipt", 7, 40, "7.10")
    post(case, home, "shipment_out", -5, 20, ref_type="shipment", ref_id=ship.id)
    post(case, us, "transfer_in", 5, 15, "9.87", ref_type="shipment", ref_id=ship.id)
    post(case, us, "sale", "-1.5", 3)
    return session, home, us, zero, case


def read(path) -> dict[str, list[tuple]]:
    book = openpyxl.load_workbook(path)
    return {ws.title: list(ws.iter_rows(values_only=True)) for ws in book.worksheets}


def fen(value: object) -> Decimal:
    return D(str(value)).quantize(D("0.01"))


def test_stock_on_hand_totals_equal_the_balances(world, tmp_path):
    session, *_ = world
    path = tmp_path / "on_hand.xlsx"
    result = run_report(session, "stock-on-hand", ReportParams(as_of=DAY), path)
    sheets = read(path)
    detail = sheets["库存明细"]
    units, value = session.execute(
        select(func.sum(StockBalance.on_hand), func.sum(StockBalance.value))
    ).one()
    assert result.totals["库存明细"] == {"on_hand": units, "value": value}
    assert detail[-1][0] == TOTAL_LABEL
    assert fen(detail[-1][5]) == value
    assert detail[1][:4] == ("0035", "硅胶手机壳", "SZ", 6)
    summary = sheets["按仓库汇总"]
    assert [row[0] for row in summary[1:-1]] == ["SZ", "US-3PL"]
    assert summary[1][1] == "深圳仓"
    assert result.totals["按仓库汇总"]["value"] == value
    assert result.totals["按仓库汇总"]["positions"] == 3


def test_stock_on_hand_at_a_past_date(world, tmp_path):
    session, *_ = world
    result = run_report(
        session, "stock-on-hand", ReportParams(as_of=days_ago(50)), tmp_path / "past.xlsx"
    )
    assert result.rows["库存明细"] == 1  # only 0035 at SZ had come in by then
    assert result.totals["库存明细"] == {"on_hand": 15, "value": D("33.33") + D("17.35")}


def test_stock_ledger_lists_the_period_with_names_and_references(world, tmp_path):
    session, *_ = world
    path = tmp_path / "ledger.xlsx"
    params = ReportParams(date_from=days_ago(40), date_to=DAY)
    result = run_report(session, "stock-ledger", params, path)
    rows = read(path)["库存流水"]
    moved = session.execute(
        select(func.count(), func.sum(StockMove.quantity), func.sum(StockMove.value)).where(
            StockMove.move_date >= days_ago(40)
        )
    ).one()
    assert result.rows["库存流水"] == moved[0] == 6
    assert result.totals["库存流水"] == {"quantity": moved[1], "value": moved[2]}
    assert fen(rows[-1][7]) == moved[2] and rows[-1][1] == TOTAL_LABEL  # the first text column
    kinds = [row[4] for row in rows[1:-1]]
    assert kinds == ["采购入库", "销售出库", "采购入库", "头程发出", "调拨入库", "销售出库"]
    sale = rows[2]
    assert sale[0] == dt.datetime.combine(days_ago(5), dt.time()) and sale[2] == "0035"
    assert sale[11] == "门店样品"
    shipped = rows[4]
    assert shipped[10] == "FL-2026-0001" and shipped[5] == -5
    assert rows[6][5] == -1.5


def test_stock_ledger_of_one_warehouse_by_name_or_code(world, tmp_path):
    session, _home, us, *_ = world
    for typed in ("美国海外仓", "us-3pl"):
        assert resolve_warehouse(session, typed) is us
        params = ReportParams(date_from=days_ago(365), date_to=DAY, warehouse=typed)
        result = run_report(session, "stock-ledger", params, tmp_path / "us.xlsx")
        assert result.rows["库存流水"] == 2
    cover = dict(row[:2] for row in read(tmp_path / "us.xlsx")["封面"] if row[0])
    assert cover["仓库 Warehouse"] == "US-3PL 美国海外仓"
    with pytest.raises(BadInput, match="SZ, US-3PL"):
        resolve_warehouse(session, "Tokyo")


def test_an_empty_period_is_an_empty_report(world, tmp_path):
    session, *_ = world
    path = tmp_path / "empty.xlsx"
    params = ReportParams(date_from=dt.date(2020, 1, 1), date_to=dt.date(2020, 1, 31))
    result = run_report(session, "stock-ledger", params, path)
    rows = read(path)["库存流水"]
    assert result.rows == {"库存流水": 0}
    assert rows[0][0] == "日期\nDate" and rows[1][0] == NO_DATA and len(rows) == 2


def test_stock_ageing_from_the_fifo_layers(world, tmp_path):
    session, *_ = world
    path = tmp_path / "ageing.xlsx"
    result = run_report(session, "stock-ageing", ReportParams(as_of=DAY), path)
    rows = {(r[0], r[2]): r for r in read(path)["库龄"][1:-1]}
    # 18 came in (200, 100 and 10 days ago), 12 left oldest first: 3 of each newer lot remain
    zero = rows["0035", "SZ"]
    assert zero[3] == 6 and zero[5:10] == (3, 0, 0, 3, 0)
    assert zero[10] == dt.datetime.combine(days_ago(100), dt.time())
    assert rows["PC-IP16-CLR", "US-3PL"][5:10] == (3.5, 0, 0, 0, 0)
    assert rows["PC-IP16-CLR", "SZ"][5:10] == (0, 2, 0, 0, 0)
    totals = result.totals["库龄"]
    assert totals["on_hand"] == sum(totals[k] for k in totals if k.startswith("age_"))


def test_stock_ageing_at_a_past_date_from_the_incoming_moves(world, tmp_path):
    session, *_ = world
    result = run_report(
        session, "stock-ageing", ReportParams(as_of=days_ago(50)), tmp_path / "old.xlsx"
    )
    rows = read(tmp_path / "old.xlsx")["库龄"]
    # 50 days ago: 5 received 50 days before, 10 received 150 days before
    assert rows[1][:4] == ("0035", "硅胶手机壳", "SZ", 15)
    assert rows[1][5:10] == (0, 5, 0, 10, 0)
    assert result.totals["库龄"]["age_31–60"] == 5


def test_a_cancelled_report_leaves_no_file(world, tmp_path):
    session, *_ = world
    stop = threading.Event()
    stop.set()
    path = tmp_path / "cancelled.xlsx"
    with pytest.raises(Cancelled):
        run_report(session, "stock-ledger", ReportParams(), path, Job(cancel=stop))
    assert not path.exists()


def test_parameters_a_report_does_not_take_are_refused(world, tmp_path):
    session, *_ = world
    with pytest.raises(BadInput, match="does not take shop"):
        run_report(session, "stock-ledger", ReportParams(shop="Shopee MY"), tmp_path / "x.xlsx")


def test_run_report_on_a_database(db, tmp_path):
    with db.transaction("test") as session:
        fx.setup(session, rates=False)
    result = run_report(db, "stock-on-hand", ReportParams(), tmp_path / "db.xlsx")
    assert result.rows == {"库存明细": 0, "按仓库汇总": 0}


def test_default_period_is_the_current_month():
    assert period(ReportParams(), on=DAY) == (dt.date(2026, 11, 1), dt.date(2026, 11, 30))
    assert period(ReportParams(date_from=dt.date(2026, 9, 15)), on=DAY) == (
        dt.date(2026, 9, 15),
        DAY,
    )
    with pytest.raises(BadInput, match="after it ends"):
        period(ReportParams(date_from=DAY, date_to=days_ago(1)))
