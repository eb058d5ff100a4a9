"""9810 离境即退: sold parts claimed at once, unsold parts pre-rebated (HWC-YT), then 核算."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from desktop_app.core.services import declaration_life, declarations, shipments, stock
from desktop_app.core.services import rebate_batches as rb
from desktop_app.core.services import rebate_check as rc
from desktop_app.core.services import rebate_match as rm
from desktop_app.core.services import rebate_settlement as rs
from tests.unit import declaration_fixtures as fx
from tests.unit import rebate_fixtures as rf

D = Decimal
SHIPPED, RECEIVED = dt.date(2026, 10, 5), dt.date(2026, 10, 20)
TODAY = dt.date(2026, 11, 20)
APPROVED = dt.datetime(2026, 12, 15, 2, 0, tzinfo=dt.UTC)


@pytest.fixture
def claimed(session):
    """1,000 phone cases (50 kg) shipped to the US warehouse, 400 sold by the claim."""
    rf.setup(session)
    case = fx.sku(session, "CASE-BLK")
    home, _ = fx.warehouses(session)
    bought = dt.date(2026, 9, 20)
    stock.post_move(session, sku_id=case.id, warehouse_id=home.id, kind="receipt",
                    quantity=D(1000), unit_cost=D("7.10"), move_date=bought)  # fmt: skip
    shipment = fx.shipment(session, [(case, 1000, "7.10")], ship_date=SHIPPED)
    shipments.ship(session, shipment.id, SHIPPED)
    shipments.receive(session, shipment.id, None, RECEIVED)
    (draft,) = declarations.draft_from_shipment(session, shipment.id, today=SHIPPED)
    declaration_life.clear(session, draft.id, "531620260000000777", SHIPPED, today=SHIPPED)
    sell(session, case, 400, dt.date(2026, 10, 25))
    rf.invoice(session, dt.date(2026, 9, 1), [(rf.CASE, "035", 50, "5000.00")])
    batch = rb.create_batch(session, "2026-11", today=TODAY)
    rm.match_batch(session, batch.id)
    rc.run_self_check(session, batch.id, TODAY)
    rb.file_batch(session, batch.id)
    rb.record_review(session, batch.id, now=APPROVED)
    return session, case, batch


def sell(session, sku, units: int, day: dt.date) -> None:
    _, us = fx.warehouses(session)
    stock.post_move(session, sku_id=sku.id, warehouse_id=us.id, kind="sale",
                    quantity=D(-units), move_date=day, ref_type="order")  # fmt: skip


def test_sold_part_is_claimed_and_the_rest_pre_rebated(claimed) -> None:
    session, _, batch = claimed
    rows = rb.export_rows(session, batch.id)
    assert [(r.quantity, r.business_type, r.settlement) for r in rows] == [
        (D(20), "", ""), (D(30), "HWC-YT", "pending")]  # fmt: skip
    assert rows[0].link_no != rows[1].link_no  # the pre-rebate row has its own 关联号
    assert sum(r.usd_fob for r in rows) == rows[0].usd_fob + rows[1].usd_fob > 0
    purchases = rb.purchase_rows(session, batch.id)
    assert [(p.link_no, p.quantity, p.tax_base) for p in purchases] == [
        (rows[0].link_no, D(20), D("2000.00")),
        (rows[1].link_no, D(30), D("3000.00")),
    ]
    assert batch.refund_total == D("650.00")


def test_partial_sale_reverses_the_pre_rebate_and_declares_the_sold_part(claimed) -> None:
    session, case, batch = claimed
    sell(session, case, 200, dt.date(2027, 1, 10))  # 10 kg more of the 30 pre-rebated
    report = rs.settle(session, dt.date(2027, 2, 1), period="2027-02")
    pre = rb.export_rows(session, batch.id)[1]
    assert report.reversed == [pre.id] and pre.settlement == "reversed"
    assert pre.sold_quantity == D(10)
    later = rb.get_batch(session, report.batch_id)
    rows = rb.export_rows(session, later.id)
    assert [(r.quantity, r.settlement, r.business_type) for r in rows] == [
        (D(-30), "reversal", "HWC-YT"), (D(10), "redeclared", "")]  # fmt: skip
    assert rows[0].reverses_row_id == pre.id and rows[0].usd_fob == -pre.usd_fob
    purchases = rb.purchase_rows(session, later.id)
    assert [(p.quantity, p.tax_base, p.refund) for p in purchases] == [
        (D(-30), D("-3000.00"), D("-390.00")),
        (D(10), D("1000.00"), D("130.00")),
    ]
    rc.compute_batch(session, later.id)
    assert later.refund_total == D("-260.00")  # 390 pre-refunded, 130 due: 260 back


def test_everything_sold_confirms_the_row(claimed) -> None:
    session, case, batch = claimed
    sell(session, case, 600, dt.date(2027, 3, 1))
    report = rs.settle(session, dt.date(2027, 3, 31))
    assert len(report.confirmed) == 1 and report.batch_id is None
    assert rb.export_rows(session, batch.id)[1].settlement == "confirmed"
    assert rs.pending_rows(session) == []


def test_unsold_after_30_april_is_repaid(claimed) -> None:
    session, _, batch = claimed
    early = rs.settle(session, dt.date(2027, 4, 30))
    assert len(early.pending) == 1
    late = rs.settle(session, dt.date(2027, 5, 1))  # approved Dec 2026: 30 April 2027 passed
    assert len(late.repay) == 1
    (due,) = rs.repayments(session)
    assert (due.quantity, due.refund, due.batch) == (D(30), D("390.00"), rb.batch_label(batch))
