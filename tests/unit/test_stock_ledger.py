"""The stock ledger: moves and balances in step, reversals, the period lock, negative stock."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.exc import DBAPIError

from desktop_app.core import settings
from desktop_app.core.errors import BadInput
from desktop_app.core.models import Sku, StockBalance, StockCostLayer, StockMove
from desktop_app.core.services import check, stock, warehouses
from desktop_app.core.services.stock import StockError

DAY = dt.date(2026, 3, 10)


@pytest.fixture
def place(session):
    """One SKU (purchase price 4.20) and two overseas warehouses."""
    sku = Sku(code="MUG-01", name_cn="陶瓷杯", purchase_price=D("4.2"))
    session.add(sku)
    session.flush()
    la = warehouses.create_warehouse(
        session, code="US-LA", name="LA", kind="overseas_3pl", country="USA", currency="USD"
    )
    nj = warehouses.create_warehouse(
        session, code="US-NJ", name="NJ", kind="overseas_3pl", country="USA", currency="USD"
    )
    return session, sku, la, nj


def _post(place, kind, qty, cost=None, day=DAY, wh=None, **kw):
    session, sku, la, _nj = place
    return stock.post_move(
        session, sku_id=sku.id, warehouse_id=(wh or la).id, kind=kind, quantity=D(qty),
        move_date=day, unit_cost=None if cost is None else D(cost), **kw,
    )  # fmt: skip


def _balance(place, wh=None):
    session, sku, la, _nj = place
    return session.get(StockBalance, (sku.id, (wh or la).id))


def _moves(session) -> int:
    return session.scalar(select(func.count()).select_from(StockMove))


def test_a_move_records_its_position_and_updates_the_balance(place):
    session = place[0]
    receipt = _post(place, "receipt", 10, "12.5", ref_type="shipment", ref_id=7, note="FL-1")
    assert (receipt.quantity, receipt.value, receipt.unit_cost) == (D(10), D("125.00"), D("12.5"))
    assert (receipt.qty_after, receipt.value_after) == (D(10), D("125.00"))
    assert (receipt.ref_type, receipt.ref_id, receipt.note, receipt.actor) == (
        "shipment", 7, "FL-1", "local",
    )  # fmt: skip
    sale = _post(place, "sale", -4)
    assert (sale.value, sale.unit_cost, sale.qty_after, sale.value_after) == (
        D("-50.00"), D("12.5"), D(6), D("75.00"),
    )  # fmt: skip
    balance = _balance(place)
    assert (balance.on_hand, balance.value, balance.last_move_id) == (D(6), D("75.00"), sale.id)
    assert balance.available == D(6)
    assert check._stock_balances(session).ok


def test_each_warehouse_is_its_own_position(place):
    session, sku, la, nj = place
    _post(place, "receipt", 5, "2", wh=la)
    _post(place, "receipt", 3, "3", wh=nj)
    _post(place, "sale", -1, wh=nj)
    assert (_balance(place, la).on_hand, _balance(place, nj).on_hand) == (D(5), D(2))
    assert stock.unit_cost(session, sku.id, nj.id) == D(3)


@pytest.mark.parametrize(
    ("kind", "qty", "cost", "reason"),
    [
        ("receipt", 0, "1", "quantity is zero"),
        ("receipt", -1, "1", "must add units"),
        ("sale", 1, None, "must take units"),
        ("shipment_out", -1, "1", "give no unit cost"),
        ("receipt", 1, None, "needs its landed unit cost"),
        ("transfer_in", 1, None, "needs its landed unit cost"),
        ("receipt", 1, "-1", "zero or more"),
        ("receipt", 1, "1.00001", "more than 4 decimal places"),
        ("reversal", 1, "1", "is not one of"),
        ("theft", -1, None, "is not one of"),
    ],
)
def test_bad_moves_are_refused_and_write_nothing(place, kind, qty, cost, reason):
    session = place[0]
    with pytest.raises(StockError, match=reason) as exc:
        _post(place, kind, qty, cost)
    assert (
        "MUG-01" in str(exc.value) and "US-LA" in str(exc.value) and "2026-03-10" in str(exc.value)
    )
    assert _moves(session) == 0 and _balance(place) is None


def test_inexact_quantities_and_unknown_places_are_refused(place):
    session, sku, la, _ = place
    with pytest.raises(BadInput, match="5 decimal places"):
        _post(place, "receipt", "1.000001", "1")
    with pytest.raises(BadInput, match="Decimal"):
        stock.post_move(session, sku_id=sku.id, warehouse_id=la.id, kind="receipt",
                        quantity=1.5, move_date=DAY, unit_cost=D(1))  # fmt: skip
    with pytest.raises(StockError, match="no SKU with id 999"):
        stock.post_move(session, sku_id=999, warehouse_id=la.id, kind="receipt",
                        quantity=D(1), move_date=DAY, unit_cost=D(1))  # fmt: skip
    with pytest.raises(StockError, match="no warehouse with id 999"):
        stock.post_move(session, sku_id=sku.id, warehouse_id=999, kind="receipt",
                        quantity=D(1), move_date=DAY, unit_cost=D(1))  # fmt: skip
    assert _moves(session) == 0


def test_an_inactive_warehouse_takes_no_moves(place):
    session, _sku, la, _ = place
    warehouses.set_active(session, la.id, False)
    with pytest.raises(StockError, match="US-LA is inactive"):
        _post(place, "receipt", 1, "1")


def test_returns_and_gains_without_a_cost_come_in_at_the_current_cost(place):
    _post(place, "receipt", 4, "2.5")
    _post(place, "sale", -4)
    back = _post(place, "customer_return", 1)
    assert (back.unit_cost, back.value) == (D("2.5"), D("2.50"))  # the last known cost
    gain = _post(place, "stocktake_gain", 1)
    assert (gain.unit_cost, gain.value, gain.qty_after) == (D("2.5"), D("2.50"), D(2))
    other = _post(place, "adjustment", 2, wh=place[3])  # never costed there: purchase price
    assert (other.unit_cost, other.value) == (D("4.2"), D("8.40"))


def test_adjustments_go_both_ways(place):
    _post(place, "receipt", 10, "3")
    loss = _post(place, "adjustment", -2)
    assert (loss.value, loss.qty_after) == (D("-6.00"), D(8))
    gain = _post(place, "adjustment", "0.5", "3")
    assert gain.value == D("1.50")


# -- reversals -----------------------------------------------------------------------------


def test_a_reversal_is_the_exact_opposite(place):
    session = place[0]
    receipt = _post(place, "receipt", 3, "0.3333")
    sale = _post(place, "sale", -1)
    undo = stock.reverse_move(session, sale.id, note="order cancelled")
    assert (undo.kind, undo.reverses_move_id, undo.move_date) == ("reversal", sale.id, DAY)
    assert (undo.quantity, undo.value) == (-sale.quantity, -sale.value)
    assert (undo.ref_type, undo.ref_id, undo.note) == (
        sale.ref_type,
        sale.ref_id,
        "order cancelled",
    )
    assert (_balance(place).on_hand, _balance(place).value) == (D(3), receipt.value)
    assert check._stock_balances(session).ok


def test_reversing_a_receipt_removes_its_own_fifo_layer(place):
    session = place[0]
    settings.put(session, "stock.cost_method", "fifo")
    first = _post(place, "receipt", 5, "1")
    wrong = _post(place, "receipt", 5, "9")
    undo = stock.reverse_move(session, wrong.id)
    assert (undo.quantity, undo.value) == (D(-5), D("-45.00"))
    layers = session.scalars(select(StockCostLayer)).all()
    assert [(lay.move_id, lay.remaining_quantity) for lay in layers] == [(first.id, D(5))]
    assert stock.unit_cost(session, place[1].id, place[2].id) == D(1)


def test_a_reversal_cannot_be_reversed_nor_a_move_reversed_twice(place):
    session = place[0]
    receipt = _post(place, "receipt", 2, "1")
    undo = stock.reverse_move(session, receipt.id)
    with pytest.raises(StockError, match="itself a reversal"):
        stock.reverse_move(session, undo.id)
    with pytest.raises(StockError, match=f"already reversed by move {undo.id}"):
        stock.reverse_move(session, receipt.id)
    with pytest.raises(BadInput, match="no stock move"):
        stock.reverse_move(session, 12345)


def test_reversing_a_receipt_already_sold_is_blocked_like_any_shortfall(place):
    session = place[0]
    receipt = _post(place, "receipt", 2, "1")
    _post(place, "sale", -2)
    with pytest.raises(StockError, match="negative stock is blocked"):
        stock.reverse_move(session, receipt.id)


def test_a_reversal_never_leaves_value_without_units(place):
    """Receipts at 1 and 3, half sold at the average 2, then the 3s reversed: the exact
    opposite (-30) would leave 0 units worth -10; the reversal takes the position's 20."""
    session = place[0]
    _post(place, "receipt", 10, "1")
    dear = _post(place, "receipt", 10, "3")
    _post(place, "sale", -10)
    undo = stock.reverse_move(session, dear.id)
    assert (undo.quantity, undo.value, undo.qty_after, undo.value_after) == (
        D(-10), D("-20.00"), D(0), D("0.00"),
    )  # fmt: skip
    assert check._stock_balances(session).ok


# -- period lock ---------------------------------------------------------------------------


def test_the_period_lock_refuses_moves_on_or_before_it(place):
    session = place[0]
    _post(place, "receipt", 5, "1", day=dt.date(2026, 1, 15))
    settings.put(session, "stock.period_lock", "2026-01-31")
    for day in (dt.date(2026, 1, 31), dt.date(2025, 12, 1)):
        with pytest.raises(StockError, match="locked up to 2026-01-31"):
            _post(place, "receipt", 1, "1", day=day)
    sale = _post(place, "sale", -1, day=dt.date(2026, 2, 1))
    assert sale.qty_after == D(4)
    with pytest.raises(StockError, match="locked"):
        stock.reverse_move(session, sale.id, move_date=dt.date(2026, 1, 20))
    assert _moves(session) == 2


def test_a_reversal_of_a_locked_move_is_dated_after_the_lock(place):
    session = place[0]
    sale_day = dt.date(2026, 1, 20)
    _post(place, "receipt", 5, "1", day=dt.date(2026, 1, 15))
    sale = _post(place, "sale", -2, day=sale_day)
    settings.put(session, "stock.period_lock", "2026-01-31")
    undo = stock.reverse_move(session, sale.id)
    assert undo.move_date == dt.date(2026, 2, 1)
    settings.put(session, "stock.period_lock", "")
    other = _post(place, "sale", -1, day=sale_day)
    assert stock.reverse_move(session, other.id).move_date == sale_day


# -- negative stock ------------------------------------------------------------------------


def test_negative_stock_is_blocked_by_default(place):
    session = place[0]
    _post(place, "receipt", 2, "5")
    with pytest.raises(StockError) as exc:
        _post(place, "sale", -3)
    message = str(exc.value)
    assert "MUG-01" in message and "US-LA" in message and "2026-03-10" in message
    assert "from 2.00000 to -1.00000" in message
    assert _moves(session) == 1 and _balance(place).on_hand == D(2)


def test_a_refused_move_at_a_new_position_leaves_no_balance_row(place):
    with pytest.raises(StockError):
        _post(place, "sale", -1)
    assert _balance(place) is None


def test_negative_stock_with_warn_posts_and_says_so(place):
    session = place[0]
    settings.put(session, "stock.negative", "warn")
    _post(place, "receipt", 2, "5")
    warnings: list[str] = []
    short = _post(place, "sale", -3, warnings=warnings)
    assert len(warnings) == 1 and "MUG-01" in warnings[0] and "-1.00000" in warnings[0]
    assert (short.value, short.qty_after, short.value_after) == (D("-15.00"), D(-1), D("-5.00"))
    again = _post(place, "sale", -1, warnings=warnings)  # at the last known cost
    assert (again.value, again.value_after, len(warnings)) == (D("-5.00"), D("-10.00"), 2)
    # A receipt first settles the two units sold short at 5, the rest comes in at 8.
    receipt = _post(place, "receipt", 5, "8")
    assert (receipt.value, receipt.qty_after, receipt.value_after) == (D("34.00"), D(3), D("24.00"))
    assert stock.unit_cost(session, place[1].id, place[2].id) == D(8)
    assert check._stock_balances(session).ok


def test_a_receipt_that_leaves_the_position_short_settles_at_the_short_cost(place):
    session = place[0]
    settings.put(session, "stock.negative", "warn")
    _post(place, "sale", -4)  # never costed: the purchase price 4.20
    part = _post(place, "receipt", 1, "10")
    assert (part.value, part.qty_after, part.value_after) == (D("4.20"), D(-3), D("-12.60"))
    rest = _post(place, "receipt", 3, "10")
    assert (rest.value, rest.qty_after, rest.value_after) == (D("12.60"), D(0), D("0.00"))


# -- back-dated moves ----------------------------------------------------------------------


def test_a_back_dated_move_is_costed_now_and_counted_on_its_own_date(place):
    session, sku, _la, _ = place
    _post(place, "receipt", 10, "2", day=dt.date(2026, 3, 1))
    _post(place, "sale", -2, day=dt.date(2026, 3, 20))
    late = _post(place, "sale", -3, day=dt.date(2026, 3, 5))  # entered late
    assert (late.qty_after, late.value_after) == (D(5), D("10.00"))  # running position
    at = {d: stock.positions(session, sku_id=sku.id, as_of=dt.date(2026, 3, d)) for d in (4, 5, 19)}
    assert at[4][0].on_hand == D(10)
    assert (at[5][0].on_hand, at[5][0].value) == (D(7), D("14.00"))
    assert at[19][0].on_hand == D(7)


# -- in transit, balances, check -----------------------------------------------------------


def test_in_transit_is_kept_on_the_destination_and_never_below_zero(place):
    session, sku, _la, nj = place
    balance = stock.adjust_in_transit(session, sku_id=sku.id, warehouse_id=nj.id, delta=D(12))
    assert (balance.in_transit, balance.on_hand) == (D(12), D(0))
    stock.adjust_in_transit(session, sku_id=sku.id, warehouse_id=nj.id, delta=D(-5))
    with pytest.raises(StockError, match="MUG-01 at US-NJ: in transit would go to -1"):
        stock.adjust_in_transit(session, sku_id=sku.id, warehouse_id=nj.id, delta=D(-8))
    assert _balance(place, nj).in_transit == D(7)
    assert _moves(session) == 0


def test_get_balance_creates_a_zero_row(place):
    session, sku, la, _ = place
    balance = stock.get_balance(session, sku.id, la.id)
    assert (balance.on_hand, balance.in_transit, balance.reserved, balance.value) == (0, 0, 0, 0)
    assert stock.get_balance(session, sku.id, la.id) is balance
    assert stock.unit_cost(session, sku.id, la.id) == D("4.2")  # never moved: purchase price


def test_check_passes_on_a_mixed_ledger_and_reports_a_tampered_balance(db):
    with db.transaction("test") as session:
        place = _place_in(session)
        settings.put(session, "stock.negative", "warn")
        for kind, qty, cost in [("receipt", 10, "1.1111"), ("sale", -3, None),
                                ("customer_return", 1, None), ("sale", -9, None),
                                ("receipt", 4, "2"), ("stocktake_loss", -1, None)]:  # fmt: skip
            _post(place, kind, qty, cost)
        stock.reverse_move(session, 1)
    assert all(result.ok for result in check.run_checks(db))
    with db.transaction("test") as session:
        session.execute(text("UPDATE stock_balance SET value = value + 1"))
    result = next(r for r in check.run_checks(db) if r.name == "stock_balances")
    assert not result.ok
    assert (
        result.data["differences"][0]["stored_value"]
        != result.data["differences"][0]["ledger_value"]
    )


def _place_in(session):
    sku = Sku(code="MUG-01", name_cn="陶瓷杯")
    session.add(sku)
    session.flush()
    la = warehouses.create_warehouse(
        session, code="US-LA", name="LA", kind="overseas_3pl", country="USA", currency="USD"
    )
    return session, sku, la, la


def test_the_ledger_refuses_edits(place):
    session = place[0]
    move = _post(place, "receipt", 1, "1")
    for sql in ("UPDATE stock_move SET quantity = 2 WHERE id = :i",
                "DELETE FROM stock_move WHERE id = :i"):  # fmt: skip
        with pytest.raises(DBAPIError, match="append-only"), session.begin_nested():
            session.execute(text(sql), {"i": move.id})
    assert _balance(place).on_hand == D(1)


def test_a_datetime_counts_as_its_day_and_other_dates_are_refused(place):
    move = _post(place, "receipt", 1, "1", day=dt.datetime(2026, 3, 11, 15, 30, tzinfo=dt.UTC))
    assert move.move_date == dt.date(2026, 3, 11)
    with pytest.raises(BadInput, match="must be a date"):
        _post(place, "receipt", 1, "1", day="2026-03-11")


def test_in_transit_refused_at_a_new_position_leaves_no_row(place):
    session, sku, la, _ = place
    with pytest.raises(StockError, match="below zero"):
        stock.adjust_in_transit(session, sku_id=sku.id, warehouse_id=la.id, delta=D(-1))
    assert _balance(place) is None


def test_a_reversal_into_negative_stock_warns_when_allowed(place):
    session = place[0]
    settings.put(session, "stock.negative", "warn")
    receipt = _post(place, "receipt", 2, "3")
    _post(place, "sale", -2)
    warnings: list[str] = []
    undo = stock.reverse_move(session, receipt.id, warnings=warnings)
    assert (undo.qty_after, undo.value_after) == (D(-2), D("-6.00"))
    assert len(warnings) == 1 and "from 0.00000 to -2.00000" in warnings[0]
