"""Rebate rows written in bulk: reversal purchase rows, one audit event per step."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy import select

from desktop_app.core.models import AuditEvent
from desktop_app.core.models.rebate import RebateExportRow
from desktop_app.core.services import rebate_batches as rb
from desktop_app.core.services import rebate_match as rm
from desktop_app.core.services import rebate_purchases as rp
from tests.unit import rebate_fixtures as rf

D = Decimal
OCT = dt.date(2026, 10, 15)
TODAY = dt.date(2026, 11, 20)


def test_one_audit_event_per_bulk_step_and_reversed_purchases(session) -> None:
    rf.setup(session)
    rf.declaration(session, OCT, [{}, {}])  # two lines of 50 kg
    rf.invoice(session, dt.date(2026, 9, 1), [(rf.CASE, "035", 100, "5000.00")])
    batch = rb.create_batch(session, "2026-11", today=TODAY)
    report = rm.match_batch(session, batch.id)
    assert (report.new_matches, report.purchase_rows) == (2, 2)
    events = session.scalars(
        select(AuditEvent.action, AuditEvent.entity).where(
            AuditEvent.entity.in_(("rebate_export_row", "rebate_match", "rebate_purchase_row"))
        )
    ).all()
    assert sorted(events) == ["add_rows", "match", "rebuild"]
    first = rb.export_rows(session, batch.id)[0]
    later = rb.create_batch(session, "2026-11", today=TODAY, empty=True)
    session.add(rb._copy_row(first, later, 1, rb.link_no(later.period, "1", 2, 1)))
    session.flush()
    reversal = rb.export_rows(session, later.id)[0]
    reversal.quantity, reversal.reverses_row_id = -first.quantity, first.id
    session.flush()
    assert rp.rebuild_purchase_rows(session, later) == 1
    (copy,) = rb.purchase_rows(session, later.id)
    (original,) = [p for p in rb.purchase_rows(session, batch.id) if p.link_no == first.link_no]
    assert (copy.link_no, copy.seq, copy.status) == (reversal.link_no, 1, "included")
    assert (copy.quantity, copy.tax_base, copy.refund) == (
        -original.quantity, -original.tax_base, -original.refund)  # fmt: skip
    assert copy.voucher_no == original.voucher_no
    assert session.get(RebateExportRow, reversal.id).reverses_row_id == first.id
