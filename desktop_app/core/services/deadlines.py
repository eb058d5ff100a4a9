"""The rebate deadlines of each export (claim, 36-month limit, 单证备案, 收汇) on the holiday table.

The rules are data (RULES below, each with the DOMAIN.md §3.4 reference it comes from and
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

from desktop_app.core.models.declarations import Declaration, DeclarationLine
from desktop_app.core.models.rebate import (
    FilingDocument,
    FxAllocation,
    RebateBatch,
    RebateExportRow,
)
from desktop_app.core.services.holidays import NoHolidayData, WorkCalendar

CHINA = dt.timezone(dt.timedelta(hours=8))
LIVE_STATUSES = ("cleared", "amended")
CLAIMED_BATCHES = ("filed", "approved", "partly_rejected", "paid")
_CHUNK = 500


@dataclass(frozen=True)
class DeadlineRule:
    """One due date: counted from an anchor ("export" or "claim") by a period.

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
    done: bool = False  # claimed / documents filed / collected in full
    note: str = ""
    warnings: tuple[str, ...] = ()

    @property
    def adjusted(self) -> bool:
        return self.due_date != self.rule_date


@dataclass
class Upcoming:
    deadlines: list[Deadline] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)  # each once, for a banner


@dataclass(frozen=True)
class Progress:
    """What has happened to one export so far (decides `done` and the claim anchor)."""

    claimed_on: dt.date | None = None
    documents_filed: bool = False
    collected: bool = False


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
    """Every deadline of one export; claim-anchored ones only once it has been claimed."""
    if declaration.export_date is None:
        return []
    work = work or WorkCalendar(session)
    progress = progress or progress_of(session, [declaration.id]).get(declaration.id, Progress())
    result = []
    for rule in rules:
        if not rule.applies(declaration.export_date):
            continue
        anchor = declaration.export_date if rule.anchor == "export" else progress.claimed_on
        if anchor is None:
            continue
        due, legal, warnings = due_date(rule, anchor, work)
        result.append(
            Deadline(
                rule.kind,
                due,
                legal,
                rule.source,
                declaration.id,
                declaration.ref,
                declaration.export_date,
                _done(rule.kind, progress),
                rule.note,
                warnings,
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
    # No rule reaches further than 36 months (plus the claim's 15 days) past the export.
    oldest = add_months(today, -37)
    declarations = list(
        session.scalars(
            select(Declaration)
            .where(
                Declaration.status.in_(LIVE_STATUSES),
                Declaration.export_date.is_not(None),
                Declaration.export_date >= oldest,
            )
            .order_by(Declaration.export_date, Declaration.id)
        )
    )
    progress = progress_of(session, [d.id for d in declarations])
    work = WorkCalendar(session)
    result = Upcoming()
    for declaration in declarations:
        found = deadlines_for(
            session, declaration, progress.get(declaration.id, Progress()), rules=rules, work=work
        )
        for item in found:
            if item.done or item.due_date > last:
                continue
            if item.due_date < today and not include_overdue:
                continue
            result.deadlines.append(item)
            result.warnings.extend(w for w in item.warnings if w not in result.warnings)
    result.deadlines.sort(key=lambda d: (d.due_date, d.kind, d.declaration_ref))
    return result


def progress_of(session: Session, declaration_ids: Sequence[int]) -> dict[int, Progress]:
    """Claim date, documents and collection of each declaration, in three queries."""
    claimed: dict[int, dt.date] = {}
    filed: set[int] = set()
    collected: set[int] = set()
    ids = list(declaration_ids)
    for start in range(0, len(ids), _CHUNK):  # SQLite limits the parameters of one query
        chunk = ids[start : start + _CHUNK]
        claimed.update(_claim_dates(session, chunk))
        filed |= _documents_filed(session, chunk)
        collected |= _collected(session, chunk)
    return {
        i: Progress(claimed.get(i), i in filed, i in collected)
        for i in set(claimed) | filed | collected
    }


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
