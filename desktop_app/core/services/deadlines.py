"""Rebate deadlines of each export (claim, 36 months, 单证备案, 收汇, 9810 核算) on the holidays.

The rules are data (RULES below, each with the DOMAIN.md §3.4 or §6 reference it comes from and
the export dates it applies to), so a changed notice is one edited row, not new code.

A due date that falls on a weekend or holiday moves to the next working day (the tax
procedure rule: 期限的最后一日是法定休假日的，以休假日期满的次日为期限的最后一日,
税收征收管理法实施细则 第109条 ⚠ — not in DOMAIN.md). When the holiday table has no data
for the year of a due date, the date is left as the rule gives it (or, for a count of
working days, as the same count of calendar days, which is never later) and the Deadline
carries a warning saying so: the calendar shows it instead of silently guessing.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from desktop_app.core.errors import BadInput
from desktop_app.core.models.declarations import Declaration, DeclarationLine
from desktop_app.core.models.rebate import (
    FilingDocument,
    FxAllocation,
    RebateBatch,
    RebateExportRow,
)
from desktop_app.core.services.holidays import NoHolidayData, WorkCalendar, years_without_data

CHINA = dt.timezone(dt.timedelta(hours=8))
LIVE_STATUSES = ("cleared", "amended")
CLAIMED_BATCHES = ("filed", "approved", "partly_rejected", "paid")
PRE_REBATE = "HWC-YT"  # 9810 出口预退税 rows (DOMAIN.md §6)
SETTLED = ("confirmed", "reversed", "repay")  # a pre-rebate row 核算 has dealt with
# Rows 核算 itself writes (negative reversals, re-declarations) are not pre-rebates to settle.
SETTLEMENT_ROWS = ("reversal", "redeclared")
KINDS = ("rebate_claim", "claim_limit", "document_filing", "settlement_9810", "fx_collection")
_CHUNK = 500


@dataclass(frozen=True)
class DeadlineRule:
    """One due date: counted from an anchor by a period.

    anchor: "export" (export date), "claim" (the first filed batch holding the export, China
    day) or "pre_rebate" (approval of the first batch holding its HWC-YT rows, China day).

    period: "next_year:MM-DD" (that day of the year after the anchor), "months:N",
    "days:N" (calendar days) or "working_days:N".
    """

    kind: str
    anchor: str
    period: str
    source: str
    exports_from: dt.date | None = None  # first export date the rule applies to
    exports_until: dt.date | None = None  # last export date it applies to
    note: str = ""

    def applies(self, export_date: dt.date) -> bool:
        if self.exports_from is not None and export_date < self.exports_from:
            return False
        return self.exports_until is None or export_date <= self.exports_until


NEW_REGIME = dt.date(2026, 1, 1)  # 国家税务总局公告2026年第5号 (DOMAIN.md §0)
RULES: tuple[DeadlineRule, ...] = (
    DeadlineRule(
        "rebate_claim", "export", "next_year:04-30",
        "DOMAIN.md §3.4 [R22a,R22e]: 次月起至次年4月30日前的各增值税纳税申报期",
        exports_until=NEW_REGIME - dt.timedelta(days=1),
        note="late claims accepted once documents arrive (财政部 税务总局公告2020年第2号)",
    ),
    DeadlineRule(
        "rebate_claim", "export", "next_year:04-30",
        "DOMAIN.md §3.4 [R22a,R22e]: 次月起至次年4月30日前的各增值税纳税申报期",
        exports_from=NEW_REGIME,
    ),
    DeadlineRule(
        "claim_limit", "export", "months:36",
        "DOMAIN.md §3.4 [R22e]: 36 months after export, then 视同内销 (tax due the next day)",
        exports_from=NEW_REGIME,
    ),
    DeadlineRule(
        "document_filing", "claim", "days:15",
        "DOMAIN.md §3.4 [R23,R22f]: 单证备案 within 15 days of claiming",
    ),
    DeadlineRule(
        "settlement_9810", "pre_rebate", "next_year:04-30",
        "DOMAIN.md §6 [R18a,R18b]: 核算期 from the month after 预退税 is processed to 30 April "
        "next year",
        note="no 核算 by then: the tax office claws the pre-rebate back",
    ),
    DeadlineRule(
        "fx_collection", "export", "next_year:04-30",
        "DOMAIN.md §3.4 [R22c,R22e]: 收汇 by 30 April next year, else refunded tax is repaid",
    ),
)  # fmt: skip


@dataclass(frozen=True)
class Deadline:
    kind: str
    due_date: dt.date  # after moving off a holiday, when the table allowed it
    rule_date: dt.date  # as the rule gives it, before moving
    source: str
    declaration_id: int | None = None
    declaration_ref: str = ""
    export_date: dt.date | None = None
    done: bool = False  # claimed / documents filed / collected in full / 核算 done
    note: str = ""
    warnings: tuple[str, ...] = ()
    anchor_date: dt.date | None = None  # the export, claim or pre-rebate approval day
    customs_no: str = ""

    def status(self, today: dt.date) -> str:
        """ "done", "overdue" (open and past its due date) or "due"."""
        if self.done:
            return "done"
        return "overdue" if self.due_date < today else "due"

    def days_left(self, today: dt.date) -> int:
        """Calendar days from today to the due date; negative once it has passed."""
        return (self.due_date - today).days

    @property
    def adjusted(self) -> bool:
        return self.due_date != self.rule_date


@dataclass
class Upcoming:
    deadlines: list[Deadline] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)  # each once, for a banner
    missing_years: list[int] = field(default_factory=list)  # no holiday data (between() only)


@dataclass(frozen=True)
class Progress:
    """What has happened to one export so far (decides `done` and the claim anchor)."""

    claimed_on: dt.date | None = None
    documents_filed: bool = False
    collected: bool = False
    pre_rebate_on: dt.date | None = None  # first approval of a batch holding HWC-YT rows
    settled: bool = False  # every HWC-YT row has been through 核算


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day `months` later; the month's last day when it has no such day."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return dt.date(year, month + 1, min(day.day, last))


def rule_date(rule: DeadlineRule, anchor: dt.date, work: WorkCalendar) -> dt.date:
    """The due date the rule gives, before moving off a holiday (NoHolidayData possible)."""
    unit, _, amount = rule.period.partition(":")
    if unit == "next_year":
        month, day = (int(p) for p in amount.split("-"))
        return dt.date(anchor.year + 1, month, day)
    if unit == "months":
        return add_months(anchor, int(amount))
    if unit == "days":
        return anchor + dt.timedelta(days=int(amount))
    if unit == "working_days":
        return work.add_working_days(anchor, int(amount))
    raise ValueError(f"deadline rule {rule.kind}: unknown period {rule.period!r}")


def due_date(
    rule: DeadlineRule, anchor: dt.date, work: WorkCalendar
) -> tuple[dt.date, dt.date, tuple[str, ...]]:
    """(due date, date the rule gives, warnings): moved off holidays when the table knows them."""
    warnings: list[str] = []
    try:
        legal = rule_date(rule, anchor, work)
    except NoHolidayData as exc:
        legal = rule_date(_as_calendar_days(rule), anchor, work)
        warnings.append(f"{exc}; shown as calendar days, which may be too early")
    due = legal
    try:
        due = work.next_working_day(legal)
    except NoHolidayData as exc:
        warnings.append(f"{exc}; {legal.isoformat()} was not checked against holidays")
    return due, legal, tuple(warnings)


def _as_calendar_days(rule: DeadlineRule) -> DeadlineRule:
    _, _, amount = rule.period.partition(":")
    return DeadlineRule(rule.kind, rule.anchor, f"days:{amount}", rule.source)


def deadlines_for(
    session: Session,
    declaration: Declaration,
    progress: Progress | None = None,
    *,
    rules: Sequence[DeadlineRule] = RULES,
    work: WorkCalendar | None = None,
) -> list[Deadline]:
    """Every deadline of one export; claim- and pre-rebate-anchored ones once those happened."""
    if declaration.export_date is None:
        return []
    work = work or WorkCalendar(session)
    progress = progress or progress_of(session, [declaration.id]).get(declaration.id, Progress())
    anchors = {
        "export": declaration.export_date,
        "claim": progress.claimed_on,
        "pre_rebate": progress.pre_rebate_on,
    }
    result = []
    for rule in rules:
        anchor = anchors.get(rule.anchor)
        if anchor is None or not rule.applies(declaration.export_date):
            continue
        due, legal, warnings = due_date(rule, anchor, work)
        result.append(
            Deadline(
                rule.kind,
                due,
                legal,
                rule.source,
                declaration_id=declaration.id,
                declaration_ref=declaration.ref,
                export_date=declaration.export_date,
                done=_done(rule.kind, progress),
                note=rule.note,
                warnings=warnings,
                anchor_date=anchor,
                customs_no=declaration.customs_no or "",
            )
        )
    return result


def _done(kind: str, progress: Progress) -> bool:
    if kind in ("rebate_claim", "claim_limit"):
        return progress.claimed_on is not None
    if kind == "document_filing":
        return progress.documents_filed
    if kind == "fx_collection":
        return progress.collected
    if kind == "settlement_9810":
        return progress.settled
    return False


def upcoming(
    session: Session,
    today: dt.date,
    days: int = 30,
    *,
    include_overdue: bool = False,
    rules: Sequence[DeadlineRule] = RULES,
) -> Upcoming:
    """Open deadlines of cleared/amended exports due in [today, today + days], soonest first.

    With include_overdue, open deadlines already past are listed too. Warnings about years
    without holiday data are collected once each in `Upcoming.warnings`.
    """
    last = today + dt.timedelta(days=days)
    result = Upcoming()
    for item in _all_deadlines(session, today, last, rules):
        if item.done or item.due_date > last:
            continue
        if item.due_date < today and not include_overdue:
            continue
        _collect(result, item)
    result.deadlines.sort(key=_order)
    return result


def between(
    session: Session,
    first: dt.date,
    last: dt.date,
    *,
    kinds: Sequence[str] | None = None,
    include_done: bool = False,
    rules: Sequence[DeadlineRule] = RULES,
) -> Upcoming:
    """Every deadline due in [first, last] (the calendar), soonest first; done ones on request.

    `missing_years` lists the years of the range the holiday table knows nothing about, so a
    banner can say so even when no due date happens to fall in them.
    """
    if last < first:
        raise BadInput(f"the range ends ({last}) before it starts ({first})")
    unknown = sorted(set(kinds or ()) - set(KINDS))
    if unknown:
        raise BadInput(f"deadline kind {', '.join(unknown)}: not one of {', '.join(KINDS)}")
    result = Upcoming(missing_years=years_without_data(session, first.year, last.year))
    for item in _all_deadlines(session, first, last, rules):
        if not first <= item.due_date <= last or (item.done and not include_done):
            continue
        if kinds and item.kind not in kinds:
            continue
        _collect(result, item)
    result.deadlines.sort(key=_order)
    return result


def _all_deadlines(
    session: Session, first: dt.date, last: dt.date, rules: Sequence[DeadlineRule]
) -> list[Deadline]:
    """The deadlines of every live export that may fall due between first and last."""
    # No rule reaches further than 36 months (plus the claim's 15 days) past the export.
    oldest = add_months(first, -37)
    declarations = list(
        session.scalars(
            select(Declaration)
            .where(
                Declaration.status.in_(LIVE_STATUSES),
                Declaration.export_date.is_not(None),
                Declaration.export_date.between(oldest, last),
            )
            .order_by(Declaration.export_date, Declaration.id)
        )
    )
    progress = progress_of(session, [d.id for d in declarations])
    work = WorkCalendar(session)
    found: list[Deadline] = []
    for declaration in declarations:
        found += deadlines_for(
            session, declaration, progress.get(declaration.id, Progress()), rules=rules, work=work
        )
    return found


def _collect(result: Upcoming, item: Deadline) -> None:
    result.deadlines.append(item)
    result.warnings.extend(w for w in item.warnings if w not in result.warnings)


def _order(item: Deadline) -> tuple[dt.date, str, str]:
    return item.due_date, item.kind, item.declaration_ref


def progress_of(session: Session, declaration_ids: Sequence[int]) -> dict[int, Progress]:
    """Claim date, documents, collection and 核算 of each declaration, in four queries."""
    claimed: dict[int, dt.date] = {}
    filed: set[int] = set()
    collected: set[int] = set()
    pre_rebates: dict[int, tuple[dt.date, bool]] = {}
    ids = list(declaration_ids)
    for start in range(0, len(ids), _CHUNK):  # SQLite limits the parameters of one query
        chunk = ids[start : start + _CHUNK]
        claimed.update(_claim_dates(session, chunk))
        filed |= _documents_filed(session, chunk)
        collected |= _collected(session, chunk)
        pre_rebates.update(_pre_rebates(session, chunk))
    return {
        i: Progress(
            claimed.get(i),
            i in filed,
            i in collected,
            pre_rebates[i][0] if i in pre_rebates else None,
            pre_rebates.get(i, (None, False))[1],
        )
        for i in set(claimed) | filed | collected | set(pre_rebates)
    }


def _pre_rebates(session: Session, ids: list[int]) -> dict[int, tuple[dt.date, bool]]:
    """(first approval day, all settled) of the declarations with approved HWC-YT rows."""
    rows = session.execute(
        select(
            DeclarationLine.declaration_id,
            func.min(RebateBatch.approved_at),
            func.count(),
            func.sum(case((RebateExportRow.settlement.in_(SETTLED), 1), else_=0)),
        )
        .join(RebateExportRow, RebateExportRow.declaration_line_id == DeclarationLine.id)
        .join(RebateBatch, RebateBatch.id == RebateExportRow.batch_id)
        .where(
            DeclarationLine.declaration_id.in_(ids),
            RebateExportRow.business_type == PRE_REBATE,
            RebateExportRow.status == "included",
            RebateExportRow.reverses_row_id.is_(None),
            RebateExportRow.settlement.not_in(SETTLEMENT_ROWS),
            RebateBatch.approved_at.is_not(None),
        )
        .group_by(DeclarationLine.declaration_id)
    ).all()
    return {i: (_china_day(at), total == done) for i, at, total, done in rows if at is not None}


def _claim_dates(session: Session, ids: list[int]) -> dict[int, dt.date]:
    rows = session.execute(
        select(DeclarationLine.declaration_id, func.min(RebateBatch.filed_at))
        .join(RebateExportRow, RebateExportRow.declaration_line_id == DeclarationLine.id)
        .join(RebateBatch, RebateBatch.id == RebateExportRow.batch_id)
        .where(
            DeclarationLine.declaration_id.in_(ids),
            RebateExportRow.status == "included",
            RebateBatch.status.in_(CLAIMED_BATCHES),
            RebateBatch.filed_at.is_not(None),
        )
        .group_by(DeclarationLine.declaration_id)
    ).all()
    return {i: _china_day(at) for i, at in rows if at is not None}


def _china_day(at: dt.datetime) -> dt.date:
    if at.tzinfo is None:
        at = at.replace(tzinfo=dt.UTC)
    return at.astimezone(CHINA).date()


def _documents_filed(session: Session, ids: list[int]) -> set[int]:
    rows = session.execute(
        select(
            FilingDocument.declaration_id,
            func.count(),
            func.sum(case((FilingDocument.status == "filed", 1), else_=0)),
        )
        .where(FilingDocument.declaration_id.in_(ids))
        .group_by(FilingDocument.declaration_id)
    ).all()
    return {i for i, total, filed in rows if total and filed == total}


def _collected(session: Session, ids: list[int]) -> set[int]:
    allocated = dict(
        session.execute(
            select(FxAllocation.declaration_id, func.sum(FxAllocation.amount))
            .where(FxAllocation.declaration_id.in_(ids))
            .group_by(FxAllocation.declaration_id)
        ).all()
    )
    totals = session.execute(
        select(Declaration.id, Declaration.total_amount).where(Declaration.id.in_(allocated))
    ).all()
    return {i for i, total in totals if total and Decimal(allocated[i] or 0) >= total}
