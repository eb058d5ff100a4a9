"""The Ledger screen's queries: move ids by filter and sort, rows with references and reversals."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

import pytest

from desktop_app.core import settings
from desktop_app.core.models import Shipment, Sku, Stocktake
from desktop_app.core.services import ledger_query as lq
from desktop_app.core.services import stock, warehouses
from desktop_app.core.services.ledger_query import LedgerFilters
from tests.unit import stock_flow_fixtures as fx


@pytest.fixture
def ledger(session):
    """Receipts, a first-leg transfer, sales of an order, a stocktake loss and a reversal."""
    sz = warehouses.create_warehouse(session, code="CN-SZ", name="Shenzhen", kind="domestic",
                                     country="CHN")  # fmt: skip
    la = warehouses.create_warehouse(session, code="US-LA", name="LA", kind="overseas_3pl",
                                     country="USA", currency="USD")  # fmt: skip
    mug = Sku(code="MUG-01", name_cn="陶瓷杯", name_en="Mug")
    cup = Sku(code="CUP-02", name_cn="保温杯", name_en="Flask")
    session.add_all([mug, cup])
    session.flush()
    shipment = Shipment(ref="FL-2026-0001", origin_warehouse_id=sz.id,
                        destination_warehouse_id=la.id, status="received")  # fmt: skip
    take = Stocktake(ref="ST-2026-0001", warehouse_id=la.id, count_date=dt.date(2026, 3, 1))
    session.add_all([shipment, take])
    shop = fx.shop(session)
    order = fx.order(session, shop, "111-2222222-3333333", [(mug, 2)], warehouse=la)
    line_id = order.lines[0].id

    def post(sku, wh, kind, qty, day, cost=None, ref_type="", ref_id=None):
        return stock.post_move(
            session, sku_id=sku.id, warehouse_id=wh.id, kind=kind, quantity=D(qty),
            move_date=dt.date(2026, *day), unit_cost=None if cost is None else D(cost),
            ref_type=ref_type, ref_id=ref_id,
        )  # fmt: skip

    moves = {
        "receipt": post(mug, sz, "receipt", 50, (1, 10), "4.00"),
        "out": post(mug, sz, "shipment_out", -20, (2, 1), None, "shipment", shipment.id),
        "in": post(mug, la, "transfer_in", 20, (2, 20), "5.50", "shipment", shipment.id),
        "cup": post(cup, la, "receipt", 8, (2, 21), "9.00"),
        "sale": post(mug, la, "sale", -2, (3, 10), None, "order_line", line_id),
        "loss": post(cup, la, "stocktake_loss", -1, (3, 1), None, "stocktake", take.id),
        "odd": post(cup, la, "adjustment", 3, (3, 2), "9.00", "manual", 42),
    }
    moves["reversal"] = stock.reverse_move(session, moves["sale"].id, note="wrong warehouse")
    return session, {"sz": sz, "la": la}, {k: m.id for k, m in moves.items()}


def _ids(session, text="", sort=lq.DEFAULT_SORT, **filters):
    return list(lq.move_ids(session, text, LedgerFilters(**filters), sort))


def test_newest_posted_first_and_a_first_page(ledger):
    session, _w, m = ledger
    ids = _ids(session)
    assert ids == sorted(m.values(), reverse=True)
    assert list(lq.move_ids(session, limit=3)) == ids[:3]


def test_rows_name_their_references_and_reversals(ledger):
    session, _w, m = ledger
    rows = {r.id: r for r in lq.move_rows(session, _ids(session))}
    assert rows[m["out"]].reference == "FL-2026-0001"
    assert rows[m["in"]].reference == "FL-2026-0001"
    assert rows[m["sale"]].reference == "111-2222222-3333333"
    assert rows[m["loss"]].reference == "ST-2026-0001"
    assert rows[m["odd"]].reference == "manual #42"
    assert rows[m["receipt"]].reference == ""
    sale, reversal = rows[m["sale"]], rows[m["reversal"]]
    assert (sale.reversed_by, sale.reverses, sale.reversible) == (m["reversal"], None, False)
    assert (reversal.reverses, reversal.kind, reversal.reversible) == (m["sale"], "reversal", False)
    assert reversal.reference == sale.reference  # a reversal keeps its original's reference
    assert reversal.note == "wrong warehouse"
    receipt = rows[m["receipt"]]
    assert (receipt.sku_code, receipt.warehouse_code) == ("MUG-01", "CN-SZ")
    assert (receipt.quantity, receipt.unit_cost, receipt.value) == (D(50), D(4), D("200.00"))
    assert (receipt.qty_after, receipt.value_after) == (D(50), D("200.00"))
    assert receipt.reversible
    assert lq.move_rows(session, [m["cup"], 99_999]) == [rows[m["cup"]]]


def test_filters(ledger):
    session, w, m = ledger
    assert _ids(session, "mug") == sorted(
        (m[k] for k in ("receipt", "out", "in", "sale", "reversal")), reverse=True
    )
    assert _ids(session, "保温") == [m["odd"], m["loss"], m["cup"]]
    assert _ids(session, "flask mug") == []
    assert _ids(session, warehouse_id=w["sz"].id) == [m["out"], m["receipt"]]
    assert _ids(session, kind="sale") == [m["sale"]]
    assert _ids(session, kind="reversal") == [m["reversal"]]
    march = _ids(session, first_day=dt.date(2026, 3, 1), last_day=dt.date(2026, 3, 2))
    assert march == [m["odd"], m["loss"]]
    assert _ids(session, first_day=dt.date(2026, 3, 10)) == [m["reversal"], m["sale"]]
    cup_id = lq.move_rows(session, [m["cup"]])[0].sku_id
    assert _ids(session, sku_id=cup_id, warehouse_id=w["la"].id) == [m["odd"], m["loss"], m["cup"]]


def test_sorting(ledger):
    session, _w, m = ledger
    by_date = lq.move_rows(session, _ids(session, sort=("move_date", True)))
    assert [r.move_date for r in by_date] == sorted(r.move_date for r in by_date)
    assert by_date[0].id == m["receipt"]
    for key in lq.SORT_COLUMNS:
        for ascending in (True, False):
            assert len(_ids(session, sort=(key, ascending))) == len(m)
    by_value = lq.move_rows(session, _ids(session, sort=("value", False)))
    assert by_value[0].value == max(r.value for r in by_value)
    with pytest.raises(ValueError):
        _ids(session, sort=("colour", True))


def test_reversal_plan(ledger):
    session, _w, m = ledger
    plan = lq.reversal_plan(session, m["receipt"])
    assert plan is not None
    assert (plan.default_date, plan.period_lock, plan.refusal) == (dt.date(2026, 1, 10), None, "")
    settings.put(session, "stock.period_lock", "2026-01-31")
    plan = lq.reversal_plan(session, m["receipt"])
    assert (plan.default_date, plan.period_lock) == (dt.date(2026, 2, 1), dt.date(2026, 1, 31))
    assert "already reversed by move" in lq.reversal_plan(session, m["sale"]).refusal
    assert "itself a reversal" in lq.reversal_plan(session, m["reversal"]).refusal
    assert lq.reversal_plan(session, 99_999) is None


def test_warehouse_choices(ledger):
    session, _w, _m = ledger
    assert [code for _i, code, _n in lq.warehouse_choices(session)] == ["CN-SZ", "US-LA"]
