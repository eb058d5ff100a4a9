"""Stock cost and valuation: moving average and FIFO by hand, value at a past date, totals."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal as D

import pytest

from desktop_app import cli
from desktop_app.core import settings
from desktop_app.core.models import Sku
from desktop_app.core.services import stock, warehouses
from desktop_app.core.services.status import collect_status

DAY = dt.date(2026, 4, 1)


@pytest.fixture
def place(session):
    sku = Sku(code="LAMP-7", name_cn="台灯")
    session.add(sku)
    session.flush()
    fba = warehouses.create_warehouse(
        session, code="FBA-US", name="FBA US", kind="fba", country="USA", currency="USD"
    )
    return session, sku, fba


def _post(place, kind, qty, cost=None, day=DAY):
    session, sku, wh = place
    return stock.post_move(
        session, sku_id=sku.id, warehouse_id=wh.id, kind=kind, quantity=D(qty), move_date=day,
        unit_cost=None if cost is None else D(cost),
    )  # fmt: skip


def _figures(move):
    return move.value, move.unit_cost, move.qty_after, move.value_after


# The same moves under both methods, computed by hand in the comments.
MOVES = [("receipt", 10, "1"), ("receipt", 5, "2.5"), ("sale", -4, None),
         ("receipt", 9, "1.8333"), ("sale", -7, None), ("sale", -13, None)]  # fmt: skip


def test_moving_average_by_hand(place):
    moves = [_post(place, *m) for m in MOVES]
    assert _figures(moves[1]) == (D("12.50"), D("2.5"), D(15), D("22.50"))
    assert _figures(moves[2]) == (D("-6.00"), D("1.5"), D(11), D("16.50"))  # 22.50 × 4/15
    assert _figures(moves[3]) == (D("16.50"), D("1.8333"), D(20), D("33.00"))  # 16.4997
    assert _figures(moves[4]) == (D("-11.55"), D("1.65"), D(13), D("21.45"))  # 33 × 7/20
    assert _figures(moves[5]) == (D("-21.45"), D("1.65"), D(0), D("0.00"))  # all of it


def test_fifo_by_hand(place):
    settings.put(place[0], "stock.cost_method", "fifo")

    def next_cost():
        return stock.unit_cost(place[0], place[1].id, place[2].id)

    moves = [_post(place, *m) for m in MOVES[:3]]
    assert _figures(moves[2]) == (D("-4.00"), D("1"), D(11), D("18.50"))  # 4 of the 1.00s
    assert next_cost() == D(1)
    moves += [_post(place, *m) for m in MOVES[3:5]]
    assert _figures(moves[3]) == (D("16.50"), D("1.8333"), D(20), D("35.00"))
    # 6 × 1.00 + 1 × 2.50 = 8.50, 1.2143 a unit
    assert _figures(moves[4]) == (D("-8.50"), D("1.2143"), D(13), D("26.50"))
    assert next_cost() == D("2.5")
    moves.append(_post(place, *MOVES[5]))
    assert _figures(moves[5]) == (D("-26.50"), D("2.0385"), D(0), D("0.00"))


def test_fifo_across_three_layers(place):
    settings.put(place[0], "stock.cost_method", "fifo")
    for cost in ("1", "2", "3"):
        _post(place, "receipt", 10, cost)
    assert _post(place, "sale", -15).value == D("-20.00")  # 10 × 1 + 5 × 2
    assert _post(place, "sale", -10).value == D("-25.00")  # 5 × 2 + 5 × 3
    assert stock.positions(place[0])[0].value == D("15.00")


@pytest.mark.parametrize("method", ["moving_average", "fifo"])
def test_thirds_never_leave_a_stray_fen(place, method):
    settings.put(place[0], "stock.cost_method", method)
    assert _post(place, "receipt", 3, "0.3333").value == D("1.00")
    values = [_post(place, "sale", -1).value for _ in range(3)]
    assert values == [D("-0.33"), D("-0.34"), D("-0.33")]
    row = stock.positions(place[0])[0]
    assert (row.on_hand, row.value) == (D(0), D("0.00"))


@pytest.mark.parametrize("method", ["moving_average", "fifo"])
def test_fractional_quantities(place, method):
    settings.put(place[0], "stock.cost_method", method)
    _post(place, "receipt", "2.5", "3.3333")  # 8.33325 → 8.33
    sale = _post(place, "sale", "-0.00001")
    assert sale.value == D("0.00") and sale.qty_after == D("2.49999")
    last = _post(place, "sale", "-2.49999")
    assert (last.value, last.value_after) == (D("-8.33"), D("0.00"))


def test_switching_method_keeps_the_position(place):
    _post(place, "receipt", 10, "1")
    _post(place, "receipt", 10, "3")
    settings.put(place[0], "stock.cost_method", "fifo")
    assert _post(place, "sale", -10).value == D("-10.00")  # the older layer
    settings.put(place[0], "stock.cost_method", "moving_average")
    assert _post(place, "sale", -5).value == D("-15.00")


# -- positions and value at a date ---------------------------------------------------------


def test_positions_now_and_at_past_dates(session):
    sku_a, sku_b = Sku(code="A", name_cn="甲"), Sku(code="B", name_cn="乙")
    session.add_all([sku_a, sku_b])
    session.flush()
    wh = [
        warehouses.create_warehouse(session, code=c, name=c, kind="overseas_3pl",
                                    country="GBR", currency="GBP")
        for c in ("UK-1", "UK-2")
    ]  # fmt: skip

    def post(sku, w, kind, qty, cost, day):
        stock.post_move(session, sku_id=sku.id, warehouse_id=w.id, kind=kind,
                        quantity=D(qty), move_date=dt.date(2026, 5, day),
                        unit_cost=None if cost is None else D(cost))  # fmt: skip

    post(sku_a, wh[0], "receipt", 10, "2", 1)
    post(sku_a, wh[0], "sale", -4, None, 10)
    post(sku_b, wh[0], "receipt", 6, "5", 5)
    post(sku_a, wh[1], "receipt", 1, "7", 20)
    post(sku_b, wh[0], "sale", -6, None, 20)
    stock.adjust_in_transit(session, sku_id=sku_b.id, warehouse_id=wh[1].id, delta=D(8))

    now = stock.positions(session)
    assert [(r.sku_code, r.warehouse_code, r.on_hand, r.in_transit, r.value) for r in now] == [
        ("A", "UK-1", D(6), D(0), D("12.00")),
        ("A", "UK-2", D(1), D(0), D("7.00")),
        ("B", "UK-1", D(0), D(0), D("0.00")),
        ("B", "UK-2", D(0), D(8), D("0.00")),
    ]
    assert now[0].unit_cost == D(2) and now[0].sku_name == "甲" and now[0].available == D(6)

    def at(day, **kw):
        rows = stock.positions(session, as_of=dt.date(2026, 5, day), **kw)
        return [(r.sku_code, r.warehouse_code, r.on_hand, r.value) for r in rows]

    assert at(1) == [("A", "UK-1", D(10), D("20.00"))]
    assert at(9) == [("A", "UK-1", D(10), D("20.00")), ("B", "UK-1", D(6), D("30.00"))]
    assert at(19) == [("A", "UK-1", D(6), D("12.00")), ("B", "UK-1", D(6), D("30.00"))]
    assert at(20) == [("A", "UK-1", D(6), D("12.00")), ("A", "UK-2", D(1), D("7.00"))]
    assert at(9, warehouse_id=wh[0].id, sku_id=sku_b.id) == [("B", "UK-1", D(6), D("30.00"))]
    assert at(31) == at(20)
    assert stock.positions(session, as_of=dt.date(2026, 4, 30)) == []
    assert [r.sku_code for r in stock.positions(session, warehouse_id=wh[1].id)] == ["A", "B"]
    rows = stock.positions(session, as_of=dt.date(2026, 5, 9))
    assert all(r.in_transit == 0 and r.available == r.on_hand for r in rows)

    assert stock.stock_totals(session) == {
        "on_hand_units": 7, "in_transit_units": 8, "value_cny": "19.00",
    }  # fmt: skip


def test_totals_of_an_empty_ledger_and_of_fractions(place):
    session = place[0]
    assert stock.stock_totals(session) == {
        "on_hand_units": 0, "in_transit_units": 0, "value_cny": "0.00",
    }  # fmt: skip
    _post(place, "receipt", "2.5", "1")
    totals = stock.stock_totals(session)
    assert totals["on_hand_units"] == "2.5" and totals["value_cny"] == "2.50"


# -- status --json ---------------------------------------------------------------------------


def test_status_has_the_stock_totals(db):
    assert collect_status(db)["stock"] == {
        "on_hand_units": 0, "in_transit_units": 0, "value_cny": "0.00",
    }  # fmt: skip
    with db.transaction("test") as session:
        sku = Sku(code="LAMP-7", name_cn="台灯")
        session.add(sku)
        session.flush()
        wh = warehouses.create_warehouse(
            session, code="FBA-US", name="FBA US", kind="fba", country="USA", currency="USD"
        )
        stock.post_move(session, sku_id=sku.id, warehouse_id=wh.id, kind="receipt",
                        quantity=D(12), move_date=DAY, unit_cost=D("18.125"))  # fmt: skip
        stock.adjust_in_transit(session, sku_id=sku.id, warehouse_id=wh.id, delta=D(40))
    status = collect_status(db)
    assert status["stock"] == {"on_hand_units": 12, "in_transit_units": 40, "value_cny": "217.50"}
    assert status["counts"]["stock_moves"] == 1 and status["counts"]["warehouses"] == 1


def test_status_json_on_the_command_line_has_stock(db, db_path, capsys):
    db.dispose()
    assert cli.main(["--db", str(db_path), "status", "--json"]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert printed["stock"] == {"on_hand_units": 0, "in_transit_units": 0, "value_cny": "0.00"}
