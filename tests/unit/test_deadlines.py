"""Rebate deadlines by export date: claim, 36 months, 单证备案, 收汇 — moved off holidays."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from desktop_app.core.models.declarations import Declaration, DeclarationLine
from desktop_app.core.models.rebate import (
    FilingDocument,
    FxAllocation,
    FxReceipt,
    RebateBatch,
    RebateExportRow,
)
from desktop_app.core.services import deadlines as dl
from desktop_app.core.services import holidays as h

D = dt.date


@pytest.fixture
def seeded(session):
    h.seed_from_package(session, years=[2025, 2026])
    return session


def declaration(session, ref: str, export_date: dt.date, status: str = "cleared") -> Declaration:
    item = Declaration(
        ref=ref,
        supervision_mode="0110",
        status=status,
        export_date=export_date,
        total_amount=Decimal("1000.00"),
    )
    item.lines.append(
        DeclarationLine(
            line_no=1,
            hs_code="8516310000",
            name_cn="电吹风",
            first_quantity=Decimal(10),
            first_unit="011",
            trade_quantity=Decimal(10),
            trade_unit="011",
            unit_price=Decimal(100),
            amount=Decimal("1000.00"),
            currency="USD",
        )
    )
    session.add(item)
    session.flush()
    return item


def claim(session, item: Declaration, filed_at: dt.datetime, batch_no: int = 1) -> None:
    batch = RebateBatch(
        period=filed_at.strftime("%Y%m"), batch_no=batch_no, status="filed", filed_at=filed_at
    )
    session.add(batch)
    session.flush()
    session.add(
        RebateExportRow(
            batch_id=batch.id,
            seq=1,
            link_no="L1",
            declaration_line_id=item.lines[0].id,
            declaration_no="5300202600000000" + f"{item.id:02d}" + "0" + "01",
            export_date=item.export_date,
            commodity_code="8516310000",
            commodity_name="电吹风",
            unit="台",
            quantity=Decimal(10),
            usd_fob=Decimal("1000.00"),
        )
    )
    session.flush()


def by_kind(found: list[dl.Deadline]) -> dict[str, dl.Deadline]:
    return {d.kind: d for d in found}


def test_add_months_keeps_the_day_or_takes_the_month_end() -> None:
    assert dl.add_months(D(2026, 3, 15), 36) == D(2029, 3, 15)
    assert dl.add_months(D(2027, 2, 28), 12) == D(2028, 2, 28)
    assert dl.add_months(D(2028, 2, 29), 36) == D(2031, 2, 28)
    assert dl.add_months(D(2026, 1, 31), 1) == D(2026, 2, 28)
    assert dl.add_months(D(2026, 1, 31), -37) == D(2022, 12, 31)


def test_rules_are_versioned_by_export_date() -> None:
    kinds_2025 = {r.kind for r in dl.RULES if r.applies(D(2025, 12, 31))}
    kinds_2026 = {r.kind for r in dl.RULES if r.applies(D(2026, 1, 1))}
    assert "claim_limit" not in kinds_2025
    assert "claim_limit" in kinds_2026
    assert all(r.source.startswith(("DOMAIN.md §3.4", "DOMAIN.md §6")) for r in dl.RULES)
    assert {r.kind for r in dl.RULES} == set(dl.KINDS)


def test_2025_export_claim_and_fx_due_30_april_2026(seeded) -> None:
    item = declaration(seeded, "D-2025", D(2025, 6, 10))
    found = by_kind(dl.deadlines_for(seeded, item))
    assert set(found) == {"rebate_claim", "fx_collection"}  # no claim yet → no filing date
    assert found["rebate_claim"].due_date == D(2026, 4, 30)  # a Thursday, a working day
    assert not found["rebate_claim"].adjusted
    assert "2020年第2号" in found["rebate_claim"].note
    assert found["fx_collection"].due_date == D(2026, 4, 30)
    assert found["fx_collection"].warnings == ()


def test_document_filing_across_spring_festival(seeded) -> None:
    item = declaration(seeded, "D-SF", D(2025, 12, 20))
    claim(seeded, item, dt.datetime(2026, 2, 5, 2, 0, tzinfo=dt.UTC))  # 10:00 in Beijing
    found = by_kind(dl.deadlines_for(seeded, item))
    filing = found["document_filing"]
    assert filing.rule_date == D(2026, 2, 20)  # 15 days after 5 February: Spring Festival
    assert filing.due_date == D(2026, 2, 24)  # the holiday runs to Monday 23 February
    assert filing.adjusted
    assert found["rebate_claim"].done and not filing.done


def test_claim_date_is_the_beijing_day(seeded) -> None:
    item = declaration(seeded, "D-TZ", D(2026, 1, 10))
    claim(seeded, item, dt.datetime(2026, 2, 4, 17, 0, tzinfo=dt.UTC))  # 01:00 on the 5th
    filing = by_kind(dl.deadlines_for(seeded, item))["document_filing"]
    assert filing.rule_date == D(2026, 2, 20)


def test_document_filing_across_national_day(seeded) -> None:
    item = declaration(seeded, "D-ND", D(2026, 8, 3))
    claim(seeded, item, dt.datetime(2026, 9, 20, 3, 0, tzinfo=dt.UTC))
    filing = by_kind(dl.deadlines_for(seeded, item))["document_filing"]
    assert filing.rule_date == D(2026, 10, 5)
    assert filing.due_date == D(2026, 10, 8)


def test_working_day_rule_counts_调休_saturdays(seeded) -> None:
    rule = dl.DeadlineRule("document_filing", "claim", "working_days:3", "test")
    due, legal, warnings = dl.due_date(rule, D(2026, 9, 29), h.WorkCalendar(seeded))
    # 30 September, then 8 and 9 October (1–7 October are National Day)
    assert (due, legal, warnings) == (D(2026, 10, 9), D(2026, 10, 9), ())
    due, _, _ = dl.due_date(rule, D(2026, 2, 12), h.WorkCalendar(seeded))
    assert due == D(2026, 2, 24)  # 13th, Saturday 14th (调休), then 24th after the holiday


def test_year_without_holiday_data_gives_a_visible_warning(seeded) -> None:
    item = declaration(seeded, "D-2026", D(2026, 3, 16))
    found = by_kind(dl.deadlines_for(seeded, item))
    claim_due = found["rebate_claim"]
    assert claim_due.due_date == D(2027, 4, 30) == claim_due.rule_date
    assert any("no holiday data for 2027" in w for w in claim_due.warnings)
    limit = found["claim_limit"]
    assert limit.rule_date == D(2029, 3, 16)
    assert any("2029" in w for w in limit.warnings)


def test_working_day_rule_without_data_warns_and_never_guesses_later(seeded) -> None:
    rule = dl.DeadlineRule("document_filing", "claim", "working_days:15", "test")
    due, legal, warnings = dl.due_date(rule, D(2027, 3, 1), h.WorkCalendar(seeded))
    assert legal == due == D(2027, 3, 16)
    assert warnings and "calendar days" in warnings[0]


def test_a_holiday_entered_for_2027_moves_the_claim_date(seeded) -> None:
    item = declaration(seeded, "D-2026b", D(2026, 5, 20))
    for day in (D(2027, 4, 30), D(2027, 5, 1), D(2027, 5, 2), D(2027, 5, 3)):
        h.add_holiday(seeded, day, "劳动节")
    claim_due = by_kind(dl.deadlines_for(seeded, item))["rebate_claim"]
    assert claim_due.due_date == D(2027, 5, 4)
    assert claim_due.warnings == ()


def test_upcoming_lists_open_deadlines_of_cleared_exports(seeded) -> None:
    due_soon = declaration(seeded, "A-CLEARED", D(2025, 5, 6))
    declaration(seeded, "B-AMENDED", D(2025, 7, 1), status="amended")
    declaration(seeded, "C-DRAFT", D(2025, 7, 1), status="draft")
    claimed = declaration(seeded, "D-CLAIMED", D(2025, 8, 1))
    claim(seeded, claimed, dt.datetime(2026, 4, 10, 2, 0, tzinfo=dt.UTC))
    receipt = FxReceipt(
        bank_ref="B1", received_date=D(2026, 3, 1), currency="USD", amount=Decimal(1000)
    )
    receipt.allocations.append(FxAllocation(declaration_id=claimed.id, amount=Decimal(1000)))
    seeded.add(receipt)
    seeded.flush()

    result = dl.upcoming(seeded, D(2026, 4, 15), days=30)
    listed = [(d.declaration_ref, d.kind, d.due_date) for d in result.deadlines]
    assert listed == [
        ("D-CLAIMED", "document_filing", D(2026, 4, 27)),  # 25th is a Saturday
        ("A-CLEARED", "fx_collection", D(2026, 4, 30)),
        ("B-AMENDED", "fx_collection", D(2026, 4, 30)),
        ("A-CLEARED", "rebate_claim", D(2026, 4, 30)),
        ("B-AMENDED", "rebate_claim", D(2026, 4, 30)),
    ]
    assert result.warnings == []
    assert due_soon.id in {d.declaration_id for d in result.deadlines}


def test_upcoming_hides_done_and_past_unless_asked(seeded) -> None:
    item = declaration(seeded, "E", D(2025, 12, 1))
    claim(seeded, item, dt.datetime(2026, 1, 5, 2, 0, tzinfo=dt.UTC))
    seeded.add(FilingDocument(kind="sales_contract", declaration_id=item.id, status="received"))
    seeded.flush()
    today = D(2026, 2, 1)
    assert [d.kind for d in dl.upcoming(seeded, today).deadlines] == []
    overdue = dl.upcoming(seeded, today, include_overdue=True).deadlines
    assert [(d.kind, d.due_date) for d in overdue] == [("document_filing", D(2026, 1, 20))]
    for doc in seeded.query(FilingDocument):
        doc.status = "filed"
    seeded.flush()
    assert dl.upcoming(seeded, today, include_overdue=True).deadlines == []


def test_upcoming_collects_each_warning_once(seeded) -> None:
    declaration(seeded, "F1", D(2026, 1, 5))
    declaration(seeded, "F2", D(2026, 2, 5))
    result = dl.upcoming(seeded, D(2027, 4, 20), days=20)
    assert {d.kind for d in result.deadlines} == {"rebate_claim", "fx_collection"}
    assert len(result.deadlines) == 4
    assert len(result.warnings) == 1
    assert "no holiday data for 2027" in result.warnings[0]
