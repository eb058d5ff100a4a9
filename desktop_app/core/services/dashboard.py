"""Home dashboard figures: exports by month, rebate pipeline, stock value, deadlines, alerts.

Every figure is an aggregate the database answers from an index or a small table, so the
dashboard stays quick at millions of order lines and stock moves: cleared declarations by
export date, rebate batches, the stored stock balances (never the ledger), replenishment
rules, and the order lines without a SKU (the sku_id index holds the NULLs).

The "expected" rebate is an estimate for the exports no batch holds yet: USD FOB × the USD
parity × the rate library's 退税率, grouped by commodity code and export month (the parity
and rate of the group's first export day). For a trading enterprise the real refund is taken
on the purchase invoices (DOMAIN.md §3), so the estimate is an upper bound; lines without a
USD FOB, a parity or a rate-library entry are counted as not estimated.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desktop_app.core.models import ReplenishmentRule, StockBalance, Warehouse
from desktop_app.core.models.declarations import Declaration, DeclarationLine
from desktop_app.core.models.rebate import RebateBatch, RebateExportRow
from desktop_app.core.money import ZERO, round_fen
from desktop_app.core.services import (
    company,
    deadlines,
    filing_docs,
    fx_receipts,
    mapping,
    rebate_check,
)
from desktop_app.core.services.rebate_batches import LIVE, REBATE_MODES, Rates

MONTHS = 12
DEADLINE_DAYS = 30
FIRST_DEADLINES = 5
MAX_CHECKED_BATCHES = 3  # self-checks run on the latest drafts only: each reads its rows
EXPECTED_STATES = ("draft", "self_checked")
FILED_STATES = ("filed", "approved", "partly_rejected")

# Alert names, the screen (Screen.KEY) where each is dealt with.
ALERT_SCREENS = {
    "unmapped_skus": "orders",
    "low_stock": "stock",
    "self_check": "rebate",
    "missing_documents": "documents",
    "uncollected_fx": "fx",
}


@dataclass(frozen=True)
class Pipeline:
    """The rebate on its way, CNY: not yet filed, filed and awaiting payment, received."""

    batches_expected: Decimal  # refund of draft and self-checked batches
    estimated: Decimal  # the estimate for cleared lines no batch holds
    unbatched_lines: int
    not_estimated: int  # unbatched lines without FOB, parity or rate: left out of `estimated`
    filed: Decimal  # refund of filed, approved and partly rejected batches
    received: Decimal  # received_amount of every batch

    @property
    def expected(self) -> Decimal:
        return self.batches_expected + self.estimated


@dataclass(frozen=True)
class WarehouseValue:
    warehouse_id: int
    code: str
    name: str
    value: Decimal  # CNY on hand, from the stored balances


@dataclass(frozen=True)
class DeadlineSummary:
    due: int  # open, due within the next DEADLINE_DAYS days
    overdue: int  # open and already past
    first: list[deadlines.Deadline]  # the first few, overdue ones first
    warnings: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Alert:
    name: str  # a key of ALERT_SCREENS
    count: int
    screen: str  # the Screen.KEY that fixes it


@dataclass(frozen=True)
class Dashboard:
    today: dt.date
    months: list[str]  # "YYYY-MM", oldest first, MONTHS of them ending with today's
    exports: dict[str, list[Decimal]]  # supervision mode → USD FOB per month (aligned)
    pipeline: Pipeline
    stock: list[WarehouseValue]
    deadlines: DeadlineSummary
    alerts: list[Alert]

    def alert(self, name: str) -> Alert:
        return next(a for a in self.alerts if a.name == name)


def dashboard(session: Session, today: dt.date) -> Dashboard:
    """Every figure of the home dashboard as of `today` (read only)."""
    months = last_months(today)
    return Dashboard(
        today=today,
        months=months,
        exports=monthly_exports(session, months),
        pipeline=rebate_pipeline(session),
        stock=stock_by_warehouse(session),
        deadlines=deadline_summary(session, today),
        alerts=alerts(session, today),
    )


# ---------------------------------------------------------------- exports


def last_months(today: dt.date, count: int = MONTHS) -> list[str]:
    index = today.year * 12 + today.month - 1
    return [f"{i // 12:04d}-{i % 12 + 1:02d}" for i in range(index - count + 1, index + 1)]


def monthly_exports(session: Session, months: list[str]) -> dict[str, list[Decimal]]:
    """USD FOB of cleared (or amended) declarations per supervision mode and export month."""
    first = dt.date(int(months[0][:4]), int(months[0][5:]), 1)
    month = func.strftime("%Y-%m", Declaration.export_date)
    query = (
        select(Declaration.supervision_mode, month, func.sum(Declaration.usd_fob))
        .where(Declaration.status.in_(LIVE), Declaration.export_date >= first)
        .group_by(Declaration.supervision_mode, month)
    )
    result: dict[str, list[Decimal]] = {}
    position = {m: i for i, m in enumerate(months)}
    for mode, when, total in session.execute(query):
        if when not in position:
            continue  # exported after today: the chart ends with this month
        row = result.setdefault(mode, [ZERO] * len(months))
        row[position[when]] += total or ZERO
    return dict(sorted(result.items()))


# ---------------------------------------------------------------- rebate


def rebate_pipeline(session: Session) -> Pipeline:
    refund, received_amount = RebateBatch.refund_total, RebateBatch.received_amount
    query = select(RebateBatch.status, func.sum(refund), func.sum(received_amount)).group_by(
        RebateBatch.status
    )
    expected = filed = received = ZERO
    for status, refund, got in session.execute(query):
        if status in EXPECTED_STATES:
            expected += refund or ZERO
        elif status in FILED_STATES:
            filed += refund or ZERO
        received += got or ZERO
    estimated, lines, missing = unbatched_estimate(session)
    return Pipeline(expected, estimated, lines, missing, filed, received)


def unbatched_estimate(session: Session) -> tuple[Decimal, int, int]:
    """(estimated refund CNY, unbatched lines, lines left out) of cleared lines no batch holds."""
    held = select(RebateExportRow.declaration_line_id).where(
        RebateExportRow.status.in_(("included", "rejected")),
        RebateExportRow.declaration_line_id.is_not(None),
    )
    month = func.strftime("%Y-%m", Declaration.export_date)
    query = (
        select(
            DeclarationLine.hs_code, month, func.min(Declaration.export_date),
            func.count(), func.count(DeclarationLine.usd_fob), func.sum(DeclarationLine.usd_fob),
        )
        .join(Declaration, DeclarationLine.declaration_id == Declaration.id)
        .where(
            Declaration.status.in_(LIVE),
            Declaration.customs_no.is_not(None),
            Declaration.export_date.is_not(None),
            Declaration.supervision_mode.in_(REBATE_MODES),
            DeclarationLine.id.not_in(held),
        )
        .group_by(DeclarationLine.hs_code, month)
    )  # fmt: skip
    groups = session.execute(query).all()
    profile = company.find_profile(session)
    # the batch's own lookups: the library's entries and the USD parities, each read once
    rates = Rates(session, {g.hs_code for g in groups}, profile.fx_rate_policy if profile
                   else "export_day")  # fmt: skip
    total, lines, missing = ZERO, 0, 0
    for code, _month, first_day, count, priced, fob in groups:
        lines += count
        parity, info = rates.usd(first_day), rates.lookup(code, first_day)
        if not priced or parity is None or info is None:
            missing += count
            continue
        missing += count - priced
        total += round_fen(fob * parity * info.rebate_rate / 100)
    return total, lines, missing


# ---------------------------------------------------------------- stock


def stock_by_warehouse(session: Session) -> list[WarehouseValue]:
    """Value on hand per warehouse (stored balances); inactive ones only while they hold value."""
    value = func.coalesce(func.sum(StockBalance.value), ZERO)
    query = (
        select(Warehouse.id, Warehouse.code, Warehouse.name, Warehouse.active, value)
        .outerjoin(StockBalance, StockBalance.warehouse_id == Warehouse.id)
        .group_by(Warehouse.id)
        .order_by(Warehouse.code)
    )
    return [
        WarehouseValue(w, code, name, Decimal(total))
        for w, code, name, active, total in session.execute(query)
        if active or total
    ]


# ---------------------------------------------------------------- deadlines


def deadline_summary(session: Session, today: dt.date) -> DeadlineSummary:
    found = deadlines.upcoming(session, today, DEADLINE_DAYS, include_overdue=True)
    overdue = sum(1 for d in found.deadlines if d.due_date < today)
    return DeadlineSummary(
        due=len(found.deadlines) - overdue,
        overdue=overdue,
        first=found.deadlines[:FIRST_DEADLINES],  # soonest first: overdue ones lead
        warnings=list(found.warnings),
    )


# ---------------------------------------------------------------- alerts


def alerts(session: Session, today: dt.date) -> list[Alert]:
    counts = {
        "unmapped_skus": mapping.unmapped_count(session),
        "low_stock": low_stock_count(session),
        "self_check": self_check_count(session, today),
        "missing_documents": overdue_documents(session, today),
        "uncollected_fx": len(fx_receipts.alerts(session, today)),
    }
    return [Alert(name, counts[name], screen) for name, screen in ALERT_SCREENS.items()]


def low_stock_count(session: Session) -> int:
    """Positions with a reorder point whose available + in-transit stock is at or below it
    (replenishment.plan's test), in the active overseas warehouses it replenishes."""
    position = func.coalesce(
        StockBalance.on_hand - StockBalance.reserved + StockBalance.in_transit, ZERO
    )
    query = (
        select(func.count())
        .select_from(ReplenishmentRule)
        .join(Warehouse, Warehouse.id == ReplenishmentRule.warehouse_id)
        .outerjoin(
            StockBalance,
            (StockBalance.sku_id == ReplenishmentRule.sku_id)
            & (StockBalance.warehouse_id == ReplenishmentRule.warehouse_id),
        )
        .where(
            Warehouse.active.is_(True),
            Warehouse.kind != "domestic",
            ReplenishmentRule.reorder_point > 0,
            position <= ReplenishmentRule.reorder_point,
        )
    )
    return session.scalar(query) or 0


def self_check_count(session: Session, today: dt.date) -> int:
    """Findings of the self-check of the latest draft batches (at most MAX_CHECKED_BATCHES)."""
    query = (
        select(RebateBatch.id)
        .where(RebateBatch.status == "draft")
        .order_by(RebateBatch.period.desc(), RebateBatch.batch_no.desc())
        .limit(MAX_CHECKED_BATCHES)
    )
    return sum(len(rebate_check.self_check(session, b, today)) for b in session.scalars(query))


def overdue_documents(session: Session, today: dt.date) -> int:
    return sum(1 for row in filing_docs.missing_documents(session, today) if row.overdue)
