"""What posting keeps per transaction (settings, audit chain tail, FIFO layers) is never stale."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

import pytest
from sqlalchemy import event, func, select
from sqlalchemy.exc import IntegrityError

from desktop_app.core import audit, settings
from desktop_app.core.models import Sku, StockBalance, StockCostLayer, StockMove
from desktop_app.core.services import check, stock, warehouses

DAY = dt.date(2026, 3, 10)


def _chain_ok(db) -> int:
    with db.sessions() as s:
        report = audit.verify_chain(s)
    assert report.ok, report
    return report.events


# -- settings ------------------------------------------------------------------------------


def test_cached_settings_see_a_change_made_earlier_in_the_same_transaction(session):
    assert settings.for_transaction(session)["stock.negative"] == "block"
    settings.put(session, "stock.negative", "warn")
    assert settings.for_transaction(session)["stock.negative"] == "warn"
    assert settings.for_transaction(session) == settings.get_all(session)


def test_cached_settings_forget_a_rolled_back_savepoint(session):
    settings.for_transaction(session)
    with pytest.raises(RuntimeError), session.begin_nested():
        settings.put(session, "stock.cost_method", "fifo")
        assert settings.for_transaction(session)["stock.cost_method"] == "fifo"
        raise RuntimeError("cancelled")
    assert settings.for_transaction(session)["stock.cost_method"] == "moving_average"


def test_a_new_transaction_reads_settings_again(db):
    with db.sessions() as mine:
        with mine.begin():
            assert settings.for_transaction(mine)["stock.negative"] == "block"
        with db.transaction() as other:
            settings.put(other, "stock.negative", "warn")
        with mine.begin():
            assert settings.for_transaction(mine)["stock.negative"] == "warn"


def test_cached_settings_cannot_be_changed_by_the_caller(session):
    with pytest.raises(TypeError):
        settings.for_transaction(session)["stock.negative"] = "warn"  # type: ignore[index]


# -- the audit chain's tail ------------------------------------------------------------------


def test_a_rolled_back_transactions_tail_is_not_reused(db):
    with db.sessions() as s:
        with s.begin():
            audit.record(s, "first", "x")
        with pytest.raises(RuntimeError), s.begin():
            audit.record(s, "undone", "x")
            audit.record(s, "undone", "x")
            raise RuntimeError("cancelled")
        with s.begin():
            audit.record(s, "second", "x")
    assert _chain_ok(db) == 2


def test_a_rolled_back_savepoints_tail_is_not_reused(db):
    with db.transaction() as s:
        audit.record(s, "kept", "x")
        with pytest.raises(RuntimeError), s.begin_nested():
            audit.record(s, "undone", "x")
            raise RuntimeError("cancelled")
        audit.record(s, "kept", "x")
        with s.begin_nested():
            audit.record(s, "released", "x")
        audit.record(s, "kept", "x")
    assert _chain_ok(db) == 4


def test_a_flush_that_fails_in_a_savepoint_leaves_the_chain_whole(db):
    with db.transaction() as s:
        s.add(Sku(code="A-1", name_cn="杯"))
        s.flush()
        with pytest.raises(IntegrityError), s.begin_nested():
            s.add(Sku(code="A-2", name_cn="碗"))
            s.flush()
            s.add(Sku(code="A-1", name_cn="重复"))
            s.flush()
        s.add(Sku(code="A-3", name_cn="盘"))
    assert _chain_ok(db) == 2


def test_events_written_by_another_session_between_transactions_are_seen(db):
    with db.sessions() as mine:
        with mine.begin():
            audit.record(mine, "mine", "x")
        with db.transaction() as other:
            audit.record(other, "other", "x")
        with mine.begin():
            audit.record(mine, "mine again", "x")
    assert _chain_ok(db) == 3


def test_a_closed_session_forgets_its_tail(db):
    s = db.sessions()
    audit.record(s, "not committed", "x")
    s.close()
    with db.transaction() as other:
        audit.record(other, "other", "x")
    with s.begin():
        audit.record(s, "after close", "x")
    assert _chain_ok(db) == 2


def test_tampering_is_still_found_after_cached_writes(db, db_path):
    import sqlite3

    with db.transaction() as s:
        for n in range(4):
            audit.record(s, "bulk", "x", n)
    con = sqlite3.connect(db_path)
    con.execute("UPDATE audit_event SET actor = 'mallory' WHERE id = 2")
    con.commit()
    con.close()
    with db.sessions() as s:
        report = audit.verify_chain(s)
    assert not report.ok and report.first_broken_id == 2


# -- posting -------------------------------------------------------------------------------


@pytest.fixture
def place(session):
    sku = Sku(code="MUG-01", name_cn="陶瓷杯", purchase_price=D("4.2"))
    session.add(sku)
    session.flush()
    la = warehouses.create_warehouse(
        session, code="US-LA", name="LA", kind="overseas_3pl", country="USA", currency="USD"
    )
    return session, sku, la


def _post(place, kind, qty, cost=None, **kw):
    session, sku, la = place
    return stock.post_move(
        session, sku_id=sku.id, warehouse_id=la.id, kind=kind, quantity=D(qty),
        move_date=DAY, unit_cost=None if cost is None else D(cost), **kw,
    )  # fmt: skip


def _layers(session) -> list[tuple[int, D, D]]:
    rows = session.execute(
        select(
            StockCostLayer.move_id, StockCostLayer.remaining_quantity, StockCostLayer.unit_cost
        ).order_by(StockCostLayer.move_id)
    )
    return [tuple(row) for row in rows]


def test_a_cost_method_changed_mid_transaction_applies_to_the_next_move(place):
    session = place[0]
    first = _post(place, "receipt", 5, "1")
    second = _post(place, "receipt", 5, "3")
    settings.put(session, "stock.cost_method", "fifo")
    sale = _post(place, "sale", -5)
    assert sale.value == D("-5.00")  # the oldest layer, not the average 2.00 × 5
    assert _layers(session) == [(second.id, D(5), D(3))]
    settings.put(session, "stock.cost_method", "moving_average")
    assert _post(place, "sale", -1).value == D("-3.00")
    assert first.id < second.id


def test_a_period_lock_set_mid_transaction_refuses_the_next_move(place):
    session = place[0]
    _post(place, "receipt", 5, "1")
    settings.put(session, "stock.period_lock", DAY.isoformat())
    with pytest.raises(stock.StockError, match="locked"):
        _post(place, "sale", -1)


def test_layers_loaded_by_the_caller_stay_in_step_with_posting(place):
    session = place[0]
    _post(place, "receipt", 5, "1")
    _post(place, "receipt", 5, "2")
    loaded = session.scalars(select(StockCostLayer).order_by(StockCostLayer.move_id)).all()
    _post(place, "sale", -7)
    assert [layer.remaining_quantity for layer in loaded if layer in session] == [D(3)]
    assert _layers(session) == [(loaded[1].move_id, D(3), D(2))]
    third = _post(place, "receipt", 4, "5")
    assert _layers(session)[-1] == (third.id, D(4), D(5))


def test_a_rolled_back_savepoint_leaves_posting_on_the_database_state(place):
    session, sku, la = place
    _post(place, "receipt", 10, "2")
    with pytest.raises(RuntimeError), session.begin_nested():
        _post(place, "sale", -4)
        _post(place, "receipt", 3, "9")
        raise RuntimeError("order refused")
    assert _layers(session)[0][1:] == (D(10), D(2))
    sale = _post(place, "sale", -10)
    assert sale.value == D("-20.00")
    assert _layers(session) == []
    balance = session.get(StockBalance, (sku.id, la.id))
    assert (balance.on_hand, balance.value, balance.last_move_id) == (D(0), D(0), sale.id)
    assert check._stock_balances(session).ok


def test_a_move_and_its_balance_are_written_by_one_flush(place):
    session = place[0]
    _post(place, "receipt", 10, "2")
    flushes = []

    def count(*_args: object) -> None:
        flushes.append(1)

    event.listen(session, "after_flush", count)
    try:
        receipt = _post(place, "receipt", 2, "3")
        sale = _post(place, "sale", -3)
    finally:
        event.remove(session, "after_flush", count)
    assert len(flushes) == 2
    assert session.scalar(select(func.max(StockMove.id))) == sale.id == receipt.id + 1
    assert audit.verify_chain(session).ok


def test_a_layer_rolled_back_with_its_savepoint_leaves_no_trace_in_the_session(place):
    session, sku, la = place
    _post(place, "receipt", 10, "2")
    _post(place, "sale", -1)  # the position's layers are now kept for the transaction
    with pytest.raises(RuntimeError), session.begin_nested():
        _post(place, "receipt", 3, "9")
        (undone,) = session.scalars(select(StockCostLayer.id).where(StockCostLayer.unit_cost == 9))
        raise RuntimeError("refused")
    _post(place, "sale", -1)
    again = _post(place, "receipt", 4, "7")
    layer = session.scalars(select(StockCostLayer).where(StockCostLayer.move_id == again.id)).one()
    assert layer.id == undone  # SQLite hands out the rolled-back id again
    assert (layer.remaining_quantity, layer.unit_cost) == (D(4), D(7))
    assert _layers(session) == [(1, D(8), D(2)), (again.id, D(4), D(7))]
    balance = session.get(StockBalance, (sku.id, la.id))
    assert (balance.on_hand, balance.last_move_id) == (D(12), again.id)
    assert check._stock_balances(session).ok


def test_in_transit_rolled_back_with_its_savepoint_reads_as_stored(place):
    session, sku, la = place
    stock.adjust_in_transit(session, sku_id=sku.id, warehouse_id=la.id, delta=D(5))
    balance = stock.adjust_in_transit(session, sku_id=sku.id, warehouse_id=la.id, delta=D(3))
    with pytest.raises(RuntimeError), session.begin_nested():
        stock.adjust_in_transit(session, sku_id=sku.id, warehouse_id=la.id, delta=D(-8))
        assert balance.in_transit == 0
        raise RuntimeError("refused")
    assert balance.in_transit == D(8)
    stored = session.execute(select(StockBalance.__table__.c.in_transit)).scalar_one()
    assert stored == D(8)
