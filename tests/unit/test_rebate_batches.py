"""Rebate batches: rows from cleared declarations, matching, figures, self-check, states."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from desktop_app.core.errors import BadInput
from desktop_app.core.models import PurchaseInvoiceLine, RebateExportRow
from desktop_app.core.services import rebate_batches as rb
from desktop_app.core.services import rebate_check as rc
from desktop_app.core.services import rebate_match as rm
from desktop_app.core.services import rebate_purchases as rp
from tests.unit import declaration_fixtures as fx
from tests.unit import rebate_fixtures as rf

D = Decimal
OCT = dt.date(2026, 10, 15)
TODAY = dt.date(2026, 11, 20)


@pytest.fixture
def world(session):
    rf.setup(session)
    return session


def new_batch(session, period="2026-11"):
    return rb.create_batch(session, period, today=TODAY)


def reasons(findings, field=None):
    return [f.reason for f in findings if field is None or f.field == field]


# ---------------------------------------------------------------- rows


def test_batch_takes_cleared_lines_exported_before_its_month(world) -> None:
    old = rf.declaration(
        world,
        OCT,
        [
            {},
            {
                "hs_code": rf.DRYER,
                "name_cn": "电吹风",
                "first_unit": "011",
                "first_quantity": D(20),
            },
        ],
    )
    rf.declaration(world, dt.date(2026, 11, 3), [{}])  # this month: next month's claim
    rf.declaration(world, OCT, [{}], status="filed")  # not cleared
    batch = new_batch(world)
    rows = rb.export_rows(world, batch.id)
    assert [r.declaration_no for r in rows] == [f"{old.customs_no}001", f"{old.customs_no}002"]
    first = rows[0]
    assert first.link_no == "2611101001" and rows[1].link_no == "2611101002"
    assert (first.unit, first.quantity, first.usd_fob) == ("035", D(50), D("1000.00"))
    assert (first.fx_rate, first.cny_fob) == (D("7.1"), D("7100.00"))
    assert (first.levy_rate, first.rebate_rate) == (D(13), D(13))
    assert (rows[1].levy_rate, rows[1].rebate_rate) == (D(13), D(9))
    assert batch.method == "exempt_refund" and batch.status == "draft"
    assert rb.available_lines(world, dt.date(2026, 12, 1)) != []  # the November export only
    second = new_batch(world)
    assert second.batch_no == 2 and rb.export_rows(world, second.id) == []


def test_at_most_99_batches_a_month(world) -> None:
    for _ in range(99):
        rb.create_batch(world, "202611", today=TODAY, empty=True)
    with pytest.raises(BadInput, match="99 batches"):
        rb.create_batch(world, "202611", today=TODAY)


@pytest.mark.parametrize("text", ["2026-13", "26-11", "november"])
def test_bad_periods_are_refused(world, text) -> None:
    with pytest.raises(BadInput, match="YYYY-MM"):
        rb.create_batch(world, text, today=TODAY)


# ---------------------------------------------------------------- matching


def test_domain_example_partial_invoice_gives_7800(world) -> None:
    """DOMAIN.md §3: ¥100,000 for 1,000 units at 13 %, 600 exported → ¥60,000 × 13 % = ¥7,800."""
    rf.declaration(world, OCT, [{"first_quantity": D(600), "first_unit": "007",
                                 "trade_quantity": D(600)}])  # fmt: skip
    invoice = rf.invoice(world, dt.date(2026, 9, 1), [(rf.CASE, "007", 1000, "100000.00")])
    batch = new_batch(world)
    report = rm.match_batch(world, batch.id)
    assert report.unmatched == [] and report.purchase_rows == 1
    (row,) = rb.purchase_rows(world, batch.id)
    assert (row.quantity, row.tax_base, row.rebate_rate, row.refund) == (
        D(600),
        D("60000.00"),
        D(13),
        D("7800.00"),
    )
    assert row.link_no == rb.export_rows(world, batch.id)[0].link_no
    assert row.voucher_no == invoice.invoice_no and row.supplier_tax_id == rf.SELLER
    assert world.get(PurchaseInvoiceLine, invoice.lines[0].id).used_quantity == D(600)
    rc.compute_batch(world, batch.id)
    assert batch.refund_total == D("7800.00")


def test_invoice_in_pieces_converts_to_the_declared_kilograms(world) -> None:
    rf.declaration(world, OCT, [{}])  # 1,000 pcs = 50 kg
    rf.invoice(world, dt.date(2026, 9, 1), [(rf.CASE, "个", 1200, "12000.00")])
    batch = new_batch(world)
    rm.match_batch(world, batch.id)
    (row,) = rb.purchase_rows(world, batch.id)
    assert (row.unit, row.quantity, row.tax_base) == ("035", D(50), D("10000.00"))
    (match,) = rp.explanations(world, rb.export_rows(world, batch.id)[0].declaration_line_id)
    assert match.invoice_quantity == D(1000)
    assert "trade unit" in match.explanation and "1000 of 1200" in match.explanation


def test_oldest_invoice_first_across_two_and_metric_units(world) -> None:
    rf.declaration(world, OCT, [{}])  # 50 kg
    newer = rf.invoice(world, dt.date(2026, 9, 20), [(rf.CASE, "035", 100, "5000.00")])
    older = rf.invoice(world, dt.date(2026, 8, 1), [(rf.CASE, "克", 30000, "3000.00")])
    batch = new_batch(world)
    rm.match_batch(world, batch.id)
    rows = rb.purchase_rows(world, batch.id)
    assert [r.voucher_no for r in rows] == [older.invoice_no, newer.invoice_no]
    assert [r.quantity for r in rows] == [D(30), D(20)]
    assert [r.tax_base for r in rows] == [D("3000.00"), D("1000.00")]
    findings = rc.self_check(world, batch.id, TODAY)
    assert any("036 is converted" in r for r in reasons(findings, "unit"))


def test_unmatched_lines_say_why(world) -> None:
    rf.declaration(world, OCT, [{}, {"hs_code": rf.DRYER, "name_cn": "电吹风",
                                     "first_unit": "011", "first_quantity": D(20),
                                     "trade_unit": "011", "trade_quantity": D(20)}])  # fmt: skip
    rf.invoice(world, dt.date(2026, 9, 1), [(rf.CASE, "台", 10, "100.00")])
    batch = new_batch(world)
    report = rm.match_batch(world, batch.id)
    why = {u.commodity_code: u.reason for u in report.unmatched}
    assert "none of the declaration's units" in why[rf.CASE]
    assert why[rf.DRYER] == f"no unused invoice line has commodity code {rf.DRYER}"
    missing = rp.unmatched_rows(world, batch.id)
    assert [(m.commodity_code, m.missing) for m in missing] == [(rf.CASE, D(50)), (rf.DRYER, D(20))]


def test_match_by_hand_and_unmatch_give_the_quantity_back(world) -> None:
    rf.declaration(world, OCT, [{}])
    invoice = rf.invoice(world, dt.date(2026, 9, 1), [(rf.CASE, "035", 80, "8000.00")])
    batch = new_batch(world)
    line_id = rb.export_rows(world, batch.id)[0].declaration_line_id
    inv_line = invoice.lines[0]
    match = rm.set_match(world, line_id, inv_line.id, D(40), note="supplier confirmed")
    assert match.overridden and "set by hand: supplier confirmed" in match.explanation
    rm.match_batch(world, batch.id)  # tops up the rest automatically
    assert sum(r.quantity for r in rb.purchase_rows(world, batch.id)) == D(50)
    assert inv_line.used_quantity == D(50)
    assert rm.unmatch(world, line_id) == 1
    assert inv_line.used_quantity == D(0)
    with pytest.raises(BadInput, match="left"):
        rm.set_match(world, line_id, inv_line.id, D(81))


# ---------------------------------------------------------------- the self-check


def test_a_clean_batch_passes_and_files_then_freezes(world) -> None:
    rf.declaration(world, OCT, [{}])
    rf.invoice(world, dt.date(2026, 9, 1), [(rf.CASE, "035", 50, "5000.00")])
    batch = new_batch(world)
    with pytest.raises(BadInput, match="self-check first"):
        rb.file_batch(world, batch.id)
    rm.match_batch(world, batch.id)
    batch, findings = rc.run_self_check(world, batch.id, TODAY)
    assert rc.blocking(findings) == [] and batch.status == "self_checked"
    rb.file_batch(world, batch.id)
    assert batch.status == "filed" and rb.is_frozen(batch)
    with pytest.raises(rb.Frozen):
        rm.match_batch(world, batch.id)
    line_id = rb.export_rows(world, batch.id)[0].declaration_line_id
    with pytest.raises(rb.Frozen):
        rm.unmatch(world, line_id)
    assert batch.refund_total == D("650.00")


def test_each_blocking_finding(world) -> None:
    euro = rf.declaration(world, OCT, [{"amount": D("900.00"), "usd_fob": D("900.00")}],
                          currency="EUR")  # fmt: skip
    euro.usd_fob = euro.total_amount  # taken over unconverted
    rf.declaration(world, OCT, [{"hs_code": "9999999999", "name_cn": "未知"}])
    rf.declaration(world, dt.date(2025, 12, 30), [{}])  # no USD rate before 2026
    batch = new_batch(world)
    rows = rb.export_rows(world, batch.id)
    next(r for r in rows if r.declaration_no.startswith(euro.customs_no)).usd_fob = D("950.00")
    world.flush()
    findings = rc.self_check(world, batch.id, TODAY)
    text = [str(f) for f in rc.blocking(findings)]
    assert any("EUR total was taken as the USD FOB unconverted" in t for t in text)
    assert any("USD FOB 950.00 differs from the declaration's 900.00" in t for t in text)
    assert any("9999999999 is not in the active rate library" in t for t in text)
    assert any("no USD central parity for the export day 2025-12-30" in t for t in text)
    assert any("not covered by purchase invoices" in t for t in text)
    assert all(f.fix for f in findings)
    batch, _ = rc.run_self_check(world, batch.id, TODAY)
    assert batch.status == "draft"


def test_declaration_number_and_double_claim_and_over_quantity(world) -> None:
    item = rf.declaration(world, OCT, [{}])
    first = new_batch(world)
    row = rb.export_rows(world, first.id)[0]
    second = rb.create_batch(world, "2026-11", today=TODAY, empty=True)
    copy = rb._copy_row(row, second, 1, "2611102001")
    copy.declaration_no = f"{item.customs_no[:8]}1{item.customs_no[9:]}001"
    world.add(copy)
    world.flush()
    findings = rc.self_check(world, second.id, TODAY)
    assert any("is not 21 digits" in r for r in reasons(findings, "declaration_no"))
    assert any("100 claimed in all, more than the 50 declared" in r
               for r in reasons(findings, "quantity"))  # fmt: skip
    copy.declaration_no = row.declaration_no
    world.flush()
    assert any(f"already claimed in batch {rb.batch_label(first)}" in r
               for r in reasons(rc.self_check(world, second.id, TODAY)))  # fmt: skip


def test_low_invoice_rate_is_a_warning_and_the_lower_rate_applies(world) -> None:
    rf.declaration(world, OCT, [{}])
    rf.invoice(world, dt.date(2026, 9, 1), [(rf.CASE, "035", 50, "5000.00", 3)])
    batch = new_batch(world)
    rm.match_batch(world, batch.id)
    (row,) = rb.purchase_rows(world, batch.id)
    assert (row.levy_rate, row.rebate_rate, row.refund) == (D(3), D(3), D("150.00"))
    findings = rc.self_check(world, batch.id, TODAY)
    assert [f.severity for f in findings if f.field == "levy_rate"] == ["warning"]


def test_missed_deadlines(world) -> None:
    fx.add_rates(world, dt.date(2024, 3, 1), dt.date(2024, 3, 31))
    rf.declaration(world, dt.date(2024, 3, 5), [{}])  # claim by 2025-04-30: late, accepted
    rf.declaration(world, dt.date(2026, 1, 5), [{}])  # 36 months: 2029-01-05
    batch = rb.create_batch(world, "2026-11", today=TODAY)
    late = [f for f in rc.self_check(world, batch.id, TODAY) if f.field == "export_date"]
    assert [f.severity for f in late] == ["warning"]
    assert "2025-04-30" in late[0].reason
    later = [f for f in rc.self_check(world, batch.id, dt.date(2029, 2, 1))
             if f.field == "export_date" and f.severity == "blocking"]  # fmt: skip
    assert any("claim limit" in f.reason for f in later)


# ---------------------------------------------------------------- review, moving, paying


def test_partly_rejected_rows_move_to_a_later_batch(world) -> None:
    rf.declaration(world, OCT, [{}, {"line_no": 2}])
    rf.invoice(world, dt.date(2026, 9, 1), [(rf.CASE, "035", 100, "10000.00")])
    batch = new_batch(world)
    rm.match_batch(world, batch.id)
    rc.run_self_check(world, batch.id, TODAY)
    rb.file_batch(world, batch.id)
    rb.record_review(world, batch.id, {2: "报关单信息不齐"})
    assert batch.status == "partly_rejected" and batch.refund_total == D("650.00")
    later = rb.move_rejected(world, batch.id, period="2026-11", today=TODAY)
    assert later.batch_no == 2
    moved = rb.export_rows(world, later.id)
    assert [r.declaration_no[-3:] for r in moved] == ["002"] and moved[0].link_no == "2611102001"
    assert [r.status for r in rb.export_rows(world, batch.id)] == ["included", "moved"]
    rm.match_batch(world, later.id)  # the line's matches stay; purchase rows are rebuilt
    (purchase,) = rb.purchase_rows(world, later.id)
    assert (purchase.quantity, purchase.refund) == (D(50), D("650.00"))
    rb.mark_paid(world, batch.id, D("650.00"), dt.date(2026, 12, 20))
    assert batch.status == "paid" and batch.received_amount == D("650.00")
    with pytest.raises(BadInput, match="cannot become"):
        rb.mark_paid(world, batch.id, D(1), dt.date(2026, 12, 21))


def test_draft_rows_can_be_removed_and_are_claimable_again(world) -> None:
    item = rf.declaration(world, OCT, [{}])
    rf.invoice(world, dt.date(2026, 9, 1), [(rf.CASE, "035", 50, "5000.00")])
    batch = new_batch(world)
    rm.match_batch(world, batch.id)
    (row,) = rb.export_rows(world, batch.id)
    assert rb.remove_rows(world, batch.id, [row.id]) == 1
    assert rb.purchase_rows(world, batch.id) == []
    assert len(rb.available_lines(world, dt.date(2026, 11, 1))) == 1
    assert rb.add_declarations(world, batch.id, [item.id], TODAY) == 1


def test_link_numbers_past_999_rows_write_the_serial_in_full(world) -> None:
    assert rb.link_no("202611", "1", 1, 7) == "2611101007"
    assert rb.link_no("202611", "2", 12, 1000) == "26112121000"
    batch = rb.create_batch(world, "2026-11", today=TODAY, empty=True)
    for seq, serial in ((1, 999), (2, 1000)):
        row = rf.declaration(world, OCT, [{}]).lines[0]
        world.add(rb._copy_row(RebateExportRow(
            declaration_line_id=row.id, declaration_no=f"{row.declaration.customs_no}001",
            export_date=OCT, commodity_code=rf.CASE, commodity_name="手机保护壳", unit="035",
            quantity=D(1), usd_fob=D(1),
        ), batch, seq, rb.link_no(batch.period, "1", 1, serial)))  # fmt: skip
    world.flush()
    assert rb.next_numbers(world, batch.id) == (2, 1000)


def test_a_match_changed_by_hand_needs_a_new_self_check(world) -> None:
    rf.declaration(world, OCT, [{}])
    invoice = rf.invoice(world, dt.date(2026, 9, 1), [(rf.CASE, "035", 80, "8000.00")])
    batch = new_batch(world)
    report = rm.match_batch(world, batch.id)
    assert report.purchase_rows == 1 and batch.refund_total == D("650.00")  # computed at once
    rc.run_self_check(world, batch.id, TODAY)
    assert batch.status == "self_checked"
    line_id = rb.export_rows(world, batch.id)[0].declaration_line_id
    rm.unmatch(world, line_id, invoice.lines[0].id)
    assert batch.status == "draft" and batch.checked_at is None
