"""`check` on the stock ledger: each stored balance against the sum of its moves, both ways,
every difference named by SKU and warehouse code, the SQLite and portable SQL agreeing."""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal as D

import pytest
from sqlalchemy import text

from desktop_app.core import settings
from desktop_app.core.models import Sku
from desktop_app.core.services import check, stock, warehouses

DAY = dt.date(2026, 3, 10)


def _sku(session, code, sku_id=None):
    sku = Sku(id=sku_id, code=code, name_cn=f"商品{code}", purchase_price=D("4.20"))
    session.add(sku)
    session.flush()
    return sku


def _warehouse(session, code):
    return warehouses.create_warehouse(
        session, code=code, name=code, kind="overseas_3pl", country="USA", currency="USD"
    )


def _receive(session, sku, wh, qty, cost="2.50"):
    return stock.post_move(
        session, sku_id=sku.id, warehouse_id=wh.id, kind="receipt", quantity=D(qty),
        move_date=DAY, unit_cost=D(cost),
    )  # fmt: skip


def _sell(session, sku, wh, qty):
    return stock.post_move(
        session, sku_id=sku.id, warehouse_id=wh.id, kind="sale", quantity=D(-qty), move_date=DAY
    )


@pytest.fixture
def ledger(session):
    """Two SKUs in two warehouses with a few moves each; every balance equal to its ledger."""
    mug, lid = _sku(session, "MUG-01"), _sku(session, "LID-02")
    la, nj = _warehouse(session, "US-LA"), _warehouse(session, "US-NJ")
    _receive(session, mug, la, 10)
    _sell(session, mug, la, 3)
    _receive(session, mug, nj, "2.5", "1.2345")
    _receive(session, lid, la, 7, "0.99")
    return session, {"MUG-01": mug, "LID-02": lid, "US-LA": la, "US-NJ": nj}


def _both(session):
    """The findings of the SQLite form and of the portable form, which must be the same."""
    fast = check._stock_balances(session)
    portable = check._stock_balances(session, portable=True)
    assert fast == portable
    return fast


def _sql(session, sql, **params):
    session.execute(text(sql), params)


def test_a_ledger_in_step_passes(ledger):
    session, _ = ledger
    result = _both(session)
    assert (result.ok, result.detail) == (True, "every stored balance equals its ledger")


def test_a_tampered_balance_is_named_with_stored_and_ledger_figures(ledger):
    session, ids = ledger
    mug, la = ids["MUG-01"].id, ids["US-LA"].id
    _sql(session, "UPDATE stock_balance SET on_hand = on_hand + 100000, value = value - 1 "
         "WHERE sku_id = :s AND warehouse_id = :w", s=mug, w=la)  # fmt: skip
    result = _both(session)
    assert not result.ok
    assert result.data["differences"] == [
        {
            "sku_id": ids["MUG-01"].id, "warehouse_id": ids["US-LA"].id,
            "sku": "MUG-01", "warehouse": "US-LA",
            "stored_on_hand": "8.00000", "stored_value": "17.49",
            "ledger_on_hand": "7.00000", "ledger_value": "17.50",
        }
    ]  # fmt: skip
    assert result.detail == (
        "1 stored balance(s) differ from the ledger: MUG-01 at US-LA: stored 8 units, "
        "17.49 CNY; ledger 7 units, 17.50 CNY"
    )


def test_a_balance_without_moves_and_moves_without_a_balance(ledger):
    session, ids = ledger
    # A stored balance nothing in the ledger explains …
    _sql(session, "INSERT INTO stock_balance (sku_id, warehouse_id, on_hand, in_transit, "
         "reserved, value) VALUES (:s, :w, 500000, 0, 0, 1234)",
         s=ids["LID-02"].id, w=ids["US-NJ"].id)  # fmt: skip
    # … and a position whose balance row is gone.
    _sql(session, "DELETE FROM stock_balance WHERE sku_id = :s AND warehouse_id = :w",
         s=ids["MUG-01"].id, w=ids["US-NJ"].id)  # fmt: skip
    result = _both(session)
    found = {(d["sku"], d["warehouse"]): d for d in result.data["differences"]}
    assert found.keys() == {("LID-02", "US-NJ"), ("MUG-01", "US-NJ")}
    assert found["LID-02", "US-NJ"] | {"sku_id": 0, "warehouse_id": 0} == {
        "sku_id": 0, "warehouse_id": 0, "sku": "LID-02", "warehouse": "US-NJ",
        "stored_on_hand": "5.00000", "stored_value": "12.34",
        "ledger_on_hand": "0.00000", "ledger_value": "0.00",
    }  # fmt: skip
    missing = found["MUG-01", "US-NJ"]
    assert (missing["stored_on_hand"], missing["stored_value"]) == (None, None)
    assert (missing["ledger_on_hand"], missing["ledger_value"]) == ("2.50000", "3.09")
    assert "MUG-01 at US-NJ: no stored balance; ledger 2.5 units, 3.09 CNY" in result.detail


def test_zero_positions_need_no_balance_and_a_zero_balance_needs_no_moves(ledger):
    session, ids = ledger
    settings.put(session, "stock.negative", "warn")
    _sell(session, ids["LID-02"], ids["US-LA"], 7)  # back to nothing: moves sum to zero
    _sql(session, "DELETE FROM stock_balance WHERE sku_id = :s AND warehouse_id = :w",
         s=ids["LID-02"].id, w=ids["US-LA"].id)  # fmt: skip
    stock.get_balance(session, ids["LID-02"].id, ids["US-NJ"].id)  # a zero row, no moves
    assert _both(session).ok


def test_many_differences_are_all_in_the_data_and_the_first_ten_in_the_detail(session):
    wh = _warehouse(session, "US-LA")
    skus = [_sku(session, f"SKU-{n:02d}") for n in range(12)]
    for sku in skus:
        _receive(session, sku, wh, 1)
    _sql(session, "UPDATE stock_balance SET value = value + 1")
    result = _both(session)
    assert [d["sku"] for d in result.data["differences"]] == [s.code for s in skus]
    assert result.detail.startswith("12 stored balance(s) differ from the ledger: SKU-00 at")
    assert "SKU-09 at US-LA" in result.detail and "SKU-10" not in result.detail
    assert result.detail.endswith("; … and 2 more")


def test_ids_too_large_for_one_sort_key_fall_back_to_the_portable_form(session):
    """sku_id × span would overflow 64 bits: the SQLite form is not used, findings stay exact."""
    wh = _warehouse(session, "US-LA")
    huge = _sku(session, "HUGE-1", sku_id=2**62)
    small = _sku(session, "SMALL-1")
    _receive(session, huge, wh, 3)
    _receive(session, small, wh, 4)
    _sql(session, "UPDATE stock_balance SET on_hand = 0 WHERE sku_id = :s", s=huge.id)
    result = _both(session)
    assert [(d["sku"], d["sku_id"], d["ledger_on_hand"]) for d in result.data["differences"]] == [
        ("HUGE-1", 2**62, "3.00000")
    ]


def test_random_tampering_is_found_exactly_by_both_forms(session):
    """Many positions, some balances changed, removed or invented: each one found, no other."""
    rng = random.Random(7)
    houses = [_warehouse(session, f"W-{n}") for n in range(3)]
    skus = [_sku(session, f"R-{n:03d}") for n in range(40)]
    settings.put(session, "stock.negative", "warn")
    for _ in range(300):
        sku, wh = rng.choice(skus), rng.choice(houses)
        if rng.random() < 0.6:
            _receive(session, sku, wh, rng.randint(1, 20), D(rng.randint(100, 99999)) / 100)
        else:
            _sell(session, sku, wh, rng.randint(1, 5))
    rows = session.execute(text("SELECT sku_id, warehouse_id FROM stock_balance")).all()
    expected = set()
    for sku_id, wh_id in rng.sample(rows, 15):
        expected.add((sku_id, wh_id))
        if rng.random() < 0.5:
            _sql(session, "UPDATE stock_balance SET on_hand = on_hand - 1 "
                 "WHERE sku_id = :s AND warehouse_id = :w", s=sku_id, w=wh_id)  # fmt: skip
        else:
            _sql(session, "DELETE FROM stock_balance WHERE sku_id = :s AND warehouse_id = :w",
                 s=sku_id, w=wh_id)  # fmt: skip
    taken = set(rows)
    for sku in skus:  # a few invented balances where nothing ever moved
        for wh in houses:
            if (sku.id, wh.id) not in taken and len(expected) < 20:
                expected.add((sku.id, wh.id))
                _sql(session, "INSERT INTO stock_balance (sku_id, warehouse_id, on_hand, "
                     "in_transit, reserved, value) VALUES (:s, :w, 0, 0, 0, 1)",
                     s=sku.id, w=wh.id)  # fmt: skip
    # A deleted balance whose moves happen to sum to zero is no difference.
    sums = dict(
        ((s, w), (q, v))
        for s, w, q, v in session.execute(text(
            "SELECT sku_id, warehouse_id, SUM(quantity), SUM(value) FROM stock_move "
            "GROUP BY sku_id, warehouse_id"
        ))
    )  # fmt: skip
    stored = {
        (s, w) for s, w in session.execute(text("SELECT sku_id, warehouse_id FROM stock_balance"))
    }
    expected = {k for k in expected if k in stored or sums.get(k, (0, 0)) != (0, 0)}
    assert len(expected) >= 15
    result = _both(session)
    assert {(d["sku_id"], d["warehouse_id"]) for d in result.data["differences"]} == expected
