"""9810 核算 deadline, the calendar range (between) and holiday moves at Spring Festival and
National Day 2026."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from desktop_app.core.errors import BadInput
from desktop_app.core.models.declarations import Declaration
from desktop_app.core.models.rebate import RebateBatch, RebateExportRow
from desktop_app.core.services import deadlines as dl
from desktop_app.core.services import holidays as h
from tests.unit.test_deadlines import by_kind, claim, declaration

D = dt.date
UTC = dt.UTC


@pytest.fixture
def seeded(session):
    h.seed_from_package(session, years=[2025, 2026])
    return session


def pre_rebate(
    session,
    item: Declaration,
    approved_at: dt.datetime,
    settlement: str = "pending",
    *,
    batch_no: int = 1,
    quantity: Decimal = Decimal(10),
    reverses: RebateExportRow | None = None,
) -> RebateExportRow:
    """An HWC-YT row of `item` in an approved batch (filed ten days before approval)."""
    batch = RebateBatch(
        period=approved_at.strftime("%Y%m"),
        batch_no=batch_no,
        status="approved",
        filed_at=approved_at - dt.timedelta(days=10),
        approved_at=approved_at,
    )
    session.add(batch)
    session.flush()
    row = RebateExportRow(
        batch_id=batch.id,
        seq=1,
        link_no=f"YT{batch_no:02d}",
        declaration_line_id=item.lines[0].id,
        declaration_no="53002026000000" + f"{item.id:04d}" + "001",
        export_date=item.export_date,
        commodity_code="8516310000",
        commodity_name="电吹风",
        unit="001",
        quantity=quantity,
        usd_fob=Decimal("1000.00"),
        business_type="HWC-YT",
        settlement=settlement,
        reverses_row_id=reverses.id if reverses is not None else None,
    )
    session.add(row)
    session.flush()
    return row


def test_9810_rule_is_data_with_its_source() -> None:
    rule = next(r for r in dl.RULES if r.kind == "settlement_9810")
    assert (rule.anchor, rule.period) == ("pre_rebate", "next_year:04-30")
    assert rule.source.startswith("DOMAIN.md §6") and "核算" in rule.source


def test_9810_due_30_april_after_the_approval_year(seeded) -> None:
    item = declaration(seeded, "YT-1", D(2025, 3, 10))
    pre_rebate(seeded, item, dt.datetime(2025, 5, 20, 2, 0, tzinfo=UTC))
    found = by_kind(dl.deadlines_for(seeded, item))
    settle = found["settlement_9810"]
    assert settle.anchor_date == D(2025, 5, 20)
    assert settle.due_date == settle.rule_date == D(2026, 4, 30)  # a Thursday
    assert not settle.done and settle.warnings == ()
    assert "claws" in settle.note
    assert found["rebate_claim"].done  # the pre-rebate batch was filed


def test_9810_anchor_is_the_beijing_day_of_approval(seeded) -> None:
    item = declaration(seeded, "YT-NY", D(2025, 12, 1))
    pre_rebate(seeded, item, dt.datetime(2025, 12, 31, 17, 0, tzinfo=UTC))  # 1 Jan in Beijing
    settle = by_kind(dl.deadlines_for(seeded, item))["settlement_9810"]
    assert settle.anchor_date == D(2026, 1, 1)
    assert settle.due_date == D(2027, 4, 30)
    assert any("no holiday data for 2027" in w for w in settle.warnings)


def test_no_9810_deadline_without_an_approved_hwc_yt_row(seeded) -> None:
    item = declaration(seeded, "PLAIN", D(2025, 3, 10))
    claim(seeded, item, dt.datetime(2025, 5, 1, 2, 0, tzinfo=UTC))
    assert "settlement_9810" not in by_kind(dl.deadlines_for(seeded, item))
    unapproved = declaration(seeded, "YT-FILED", D(2025, 3, 11))
    row = pre_rebate(seeded, unapproved, dt.datetime(2025, 5, 1, 2, 0, tzinfo=UTC), batch_no=2)
    seeded.get(RebateBatch, row.batch_id).approved_at = None
    seeded.flush()
    assert "settlement_9810" not in by_kind(dl.deadlines_for(seeded, unapproved))


@pytest.mark.parametrize("state", ["confirmed", "reversed", "repay"])
def test_9810_done_when_every_hwc_yt_row_is_settled(seeded, state: str) -> None:
    item = declaration(seeded, f"YT-{state}", D(2025, 4, 1))
    first = pre_rebate(seeded, item, dt.datetime(2025, 6, 3, 2, 0, tzinfo=UTC), state)
    second = pre_rebate(seeded, item, dt.datetime(2025, 7, 3, 2, 0, tzinfo=UTC), batch_no=2)
    settle = by_kind(dl.deadlines_for(seeded, item))["settlement_9810"]
    assert settle.anchor_date == D(2025, 6, 3)  # the first approval
    assert not settle.done  # the second row is still pending
    second.settlement = "confirmed"
    seeded.flush()
    assert by_kind(dl.deadlines_for(seeded, item))["settlement_9810"].done
    assert first.settlement == state


def test_9810_reversal_rows_do_not_reopen_the_settlement(seeded) -> None:
    item = declaration(seeded, "YT-REV", D(2025, 4, 1))
    original = pre_rebate(seeded, item, dt.datetime(2025, 6, 3, 2, 0, tzinfo=UTC), "reversed")
    pre_rebate(
        seeded,
        item,
        dt.datetime(2026, 3, 3, 2, 0, tzinfo=UTC),
        "reversal",
        batch_no=2,
        quantity=Decimal(-10),
        reverses=original,
    )
    settle = by_kind(dl.deadlines_for(seeded, item))["settlement_9810"]
    assert settle.done and settle.anchor_date == D(2025, 6, 3)


def test_between_lists_9810_and_hides_done(seeded) -> None:
    open_item = declaration(seeded, "YT-OPEN", D(2025, 3, 10))
    pre_rebate(seeded, open_item, dt.datetime(2025, 5, 20, 2, 0, tzinfo=UTC))
    done_item = declaration(seeded, "YT-DONE", D(2025, 3, 11))
    pre_rebate(
        seeded, done_item, dt.datetime(2025, 5, 21, 2, 0, tzinfo=UTC), "confirmed", batch_no=2
    )
    found = dl.between(seeded, D(2026, 4, 1), D(2026, 5, 31), kinds=["settlement_9810"])
    assert [(d.declaration_ref, d.due_date) for d in found.deadlines] == [
        ("YT-OPEN", D(2026, 4, 30))
    ]
    assert found.missing_years == []
    with_done = dl.between(
        seeded, D(2026, 4, 1), D(2026, 5, 31), kinds=["settlement_9810"], include_done=True
    )
    assert [(d.declaration_ref, d.status(D(2026, 5, 6))) for d in with_done.deadlines] == [
        ("YT-DONE", "done"),
        ("YT-OPEN", "overdue"),
    ]
    assert with_done.deadlines[1].days_left(D(2026, 5, 6)) == -6


def test_upcoming_includes_an_open_9810_deadline(seeded) -> None:
    item = declaration(seeded, "YT-UP", D(2025, 3, 10))
    pre_rebate(seeded, item, dt.datetime(2025, 5, 20, 2, 0, tzinfo=UTC))
    kinds = {d.kind for d in dl.upcoming(seeded, D(2026, 4, 20), days=15).deadlines}
    assert kinds == {"settlement_9810", "fx_collection"}


def test_between_names_years_without_holiday_data(seeded) -> None:
    declaration(seeded, "Y26", D(2026, 1, 5))
    found = dl.between(seeded, D(2026, 12, 1), D(2028, 1, 31))
    assert found.missing_years == [2027, 2028]
    assert [d.kind for d in found.deadlines] == ["fx_collection", "rebate_claim"]
    assert "no holiday data for 2027" in found.warnings[0]
    assert dl.between(seeded, D(2026, 1, 1), D(2026, 12, 31)).missing_years == []


def test_between_refuses_a_bad_range_or_kind(seeded) -> None:
    with pytest.raises(BadInput, match="before it starts"):
        dl.between(seeded, D(2026, 5, 1), D(2026, 4, 1))
    with pytest.raises(BadInput, match="deadline kind nonsense"):
        dl.between(seeded, D(2026, 4, 1), D(2026, 5, 1), kinds=["nonsense"])


@pytest.mark.parametrize("day", range(1, 8))
def test_a_due_date_in_national_day_2026_moves_to_8_october(seeded, day: int) -> None:
    rule = dl.DeadlineRule("settlement_9810", "pre_rebate", f"next_year:10-{day:02d}", "test")
    due, legal, warnings = dl.due_date(rule, D(2025, 6, 1), h.WorkCalendar(seeded))
    assert (legal, due, warnings) == (D(2026, 10, day), D(2026, 10, 8), ())


@pytest.mark.parametrize(
    ("legal", "due"),
    [
        (D(2026, 2, 14), D(2026, 2, 14)),  # 调休 Saturday: a working day, stays
        (D(2026, 2, 15), D(2026, 2, 24)),  # Sunday, then the whole Spring Festival
        (D(2026, 2, 23), D(2026, 2, 24)),
        (D(2026, 10, 10), D(2026, 10, 10)),  # 调休 Saturday after National Day
        (D(2026, 10, 11), D(2026, 10, 12)),
    ],
)
def test_due_dates_around_the_2026_holidays(seeded, legal: dt.date, due: dt.date) -> None:
    rule = dl.DeadlineRule("document_filing", "claim", "days:10", "test")
    got, rule_day, _ = dl.due_date(rule, legal - dt.timedelta(days=10), h.WorkCalendar(seeded))
    assert (rule_day, got) == (legal, due)


def test_working_day_count_across_spring_festival_2026(seeded) -> None:
    # 9–13 Feb (5), Saturday 14th (调休), 24–27 Feb (4), Saturday 28th (调休), 2 March
    assert h.working_days_between(seeded, D(2026, 2, 8), D(2026, 3, 2)) == 12
    rule = dl.DeadlineRule("document_filing", "claim", "working_days:15", "test")
    due, _, _ = dl.due_date(rule, D(2026, 2, 5), h.WorkCalendar(seeded))
    assert due == D(2026, 3, 4)


def test_36_month_limit_moves_off_a_holiday_entered_for_2029(seeded) -> None:
    item = declaration(seeded, "LIM", D(2026, 2, 13))
    limit = by_kind(dl.deadlines_for(seeded, item))["claim_limit"]
    assert limit.rule_date == limit.due_date == D(2029, 2, 13)
    assert any("2029" in w for w in limit.warnings)
    for offset in range(7):  # a Spring Festival week entered by hand
        h.add_holiday(seeded, D(2029, 2, 12) + dt.timedelta(days=offset), "春节")
    limit = by_kind(dl.deadlines_for(seeded, item))["claim_limit"]
    assert limit.due_date == D(2029, 2, 19) and limit.warnings == ()


def test_claim_and_fx_of_2025_exports_fall_on_30_april_2026(seeded) -> None:
    item = declaration(seeded, "C25", D(2025, 10, 1))
    found = by_kind(dl.deadlines_for(seeded, item))
    assert found["rebate_claim"].due_date == found["fx_collection"].due_date == D(2026, 4, 30)
    assert "claim_limit" not in found  # the 36-month limit is for exports from 2026
