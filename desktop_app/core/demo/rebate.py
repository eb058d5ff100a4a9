"""Demo rebate data: cleared declarations, purchase invoices, FX receipts, batches in each state.

Built on the demo's shipments and orders, as a clerk would have done over the year: every
9810 shipment with exchange rates is declared and cleared on its ship day; the 9610 orders of
the last six full months are declared in monthly summaries cleared on the month's last day.
The suppliers invoice what was exported (a fifth in pieces where customs declared kilograms,
a few lines still missing so the matcher has something to report). The oldest claims form a
paid batch, the next ones a filed batch awaiting review; the last two months are left
unclaimed for the user's own batch. Buyers paid most declarations; some are still owed.
"""

from __future__ import annotations

import datetime as dt
import random
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from decimal import ROUND_CEILING, Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desktop_app.core import codes
from desktop_app.core.errors import BadInput
from desktop_app.core.models import Declaration, DeclarationLine, ExchangeRate, Sku, Supplier
from desktop_app.core.models.reference import RateLibraryEntry, RateLibraryVersion
from desktop_app.core.models.stock import Shipment
from desktop_app.core.money import round_fen
from desktop_app.core.services import (
    declaration_life,
    declarations,
    filing_docs,
    fx_receipts,
    holidays,
    rebate_batches,
    rebate_check,
    rebate_match,
    rebate_purchases,
)
from desktop_app.core.services import purchase_invoices as pi

LIBRARY_VERSION = "DEMO-2026"
VAT = Decimal("1.13")
IN_PIECES = 0.2  # share of invoice lines written in the trade unit (pieces)
UNINVOICED = 0.04  # share of recent lines no supplier has invoiced yet


@dataclass
class RebateSummary:
    declarations: int = 0
    invoices: int = 0
    receipts: int = 0
    batches: int = 0


def write_rebate(session: Session, *, seed: int, today: dt.date) -> RebateSummary:
    """Everything above, in the caller's transaction."""
    rng = random.Random(seed * 13 + 5)
    summary = RebateSummary()
    codes.ensure_builtin(session)  # units and currencies for the declarations and invoices
    _holidays(session, today)
    _rate_library(session)
    cleared = _declare(session, today)
    summary.declarations = len(cleared)
    summary.invoices = _invoices(session, cleared, rng, today)
    summary.batches = _batches(session, today)
    summary.receipts = _receipts(session, cleared, rng, today)
    return summary


def _holidays(session: Session, today: dt.date) -> None:
    years = [y for y in (today.year - 1, today.year) if y in holidays.package_years()]
    if years:
        holidays.seed_from_package(session, years=years)


def _rate_library(session: Session) -> None:
    """A rate library of the demo SKUs' codes with the rates their catalogue carries."""
    version = RateLibraryVersion(version=LIBRARY_VERSION, source_file="demo", active=True)
    session.add(version)
    session.flush()
    seen: dict[str, Sku] = {}
    for sku in session.scalars(select(Sku).where(Sku.hs_code.is_not(None)).order_by(Sku.id)):
        seen.setdefault(sku.hs_code, sku)
    for code, sku in seen.items():
        levy = sku.levy_rate if sku.levy_rate is not None else Decimal(13)
        rebate = sku.rebate_rate if sku.rebate_rate is not None else Decimal(13)
        session.add(RateLibraryEntry(
            version_id=version.id, code=code, name=sku.name_cn, unit="",
            levy_rates=str(levy.normalize()), rebate_rate=rebate,
            start_date=dt.date(2020, 1, 1),
        ))  # fmt: skip
    version.row_count = len(seen)
    session.flush()


# ---------------------------------------------------------------- declarations


def _declare(session: Session, today: dt.date) -> list[Declaration]:
    first_rate = session.scalar(select(func.min(ExchangeRate.rate_date)))
    if first_rate is None:
        return []
    serial = iter(range(1, 10**9))
    cleared: list[Declaration] = []
    shipments = session.scalars(
        select(Shipment)
        .where(Shipment.ship_date >= first_rate, Shipment.ship_date < today)
        .order_by(Shipment.ship_date, Shipment.id)
    )
    for shipment in list(shipments):
        try:
            drafts = declarations.draft_from_shipment(session, shipment.id, today=today)
        except BadInput:
            continue  # a shipment the demo left undeclarable stays a draft for the user
        cleared += _clear(session, drafts, shipment.ship_date, serial, today)
    for first, last in _months(today, 6):
        if first < first_rate:
            continue
        try:
            drafts = declarations.draft_from_orders(session, "9610", first, last, today=today,
                                                    skip_unready=True, warnings=[])  # fmt: skip
        except BadInput:
            continue
        cleared += _clear(session, drafts, last, serial, today)
    return cleared


def _months(today: dt.date, count: int) -> list[tuple[dt.date, dt.date]]:
    months = []
    end = today.replace(day=1) - dt.timedelta(days=1)
    for _ in range(count):
        start = end.replace(day=1)
        months.append((start, end))
        end = start - dt.timedelta(days=1)
    return sorted(months)


def _clear(
    session: Session, drafts: Iterable[Declaration], export_date: dt.date,
    serial: Iterator[int], today: dt.date,
) -> list[Declaration]:  # fmt: skip
    done = []
    for draft in drafts:
        number = f"5300{export_date.year}0{next(serial):09d}"  # 9th digit 0: an export
        try:
            cleared = declaration_life.clear(session, draft.id, number, export_date, today=today)
        except BadInput:
            continue  # left as a draft: the Declarations screen shows why
        done.append(cleared)
    return done


# ---------------------------------------------------------------- purchase invoices


def _invoices(
    session: Session, cleared: list[Declaration], rng: random.Random, today: dt.date
) -> int:
    suppliers = list(session.scalars(select(Supplier).order_by(Supplier.id)))
    if not suppliers:
        return 0
    recent = today - dt.timedelta(days=62)
    grouped: dict[tuple[int, str], list[pi.LineDraft]] = defaultdict(list)
    issue: dict[tuple[int, str], dt.date] = {}
    for declaration in cleared:
        for line in declaration.lines:
            if declaration.export_date >= recent and rng.random() < UNINVOICED:
                continue
            supplier = suppliers[int(line.hs_code) % len(suppliers)]
            key = (supplier.id, f"{declaration.export_date:%Y%m}")
            grouped[key].append(_invoice_line(session, line, rng))
            day = declaration.export_date - dt.timedelta(days=rng.randint(10, 40))
            issue[key] = min(issue.get(key, day), day)
    made = 0
    by_id = {s.id: s for s in suppliers}
    for key, lines in sorted(grouped.items(), key=lambda kv: (issue[kv[0]], kv[0])):
        supplier_id = key[0]
        for start in range(0, len(lines), 8):
            made += 1
            seller = by_id[supplier_id]
            draft = pi.InvoiceDraft(
                number=f"26{440000 + supplier_id:06d}{made:012d}", issue_date=issue[key],
                seller_tax_id=seller.tax_id or "", seller_name=seller.name,
                lines=lines[start : start + 8],
            )  # fmt: skip
            pi.create_invoice(session, draft, today=today)
    return made


def _invoice_line(session: Session, line: DeclarationLine, rng: random.Random) -> pi.LineDraft:
    """What the supplier sold for one declaration line: a little more than was exported."""
    extra = Decimal(rng.choice((100, 100, 100, 105, 110, 120))) / 100
    pieces = line.trade_unit != line.first_unit and rng.random() < IN_PIECES
    unit = line.trade_unit if pieces else line.first_unit
    exported = (line.trade_quantity if pieces else line.first_quantity) * extra
    quantity = exported.quantize(Decimal("0.01"), rounding=ROUND_CEILING)  # never short
    cny = round_fen(line.amount * declaration_life.cny_per_unit(
        session, line.currency, line.declaration.export_date) * Decimal("0.8"))  # fmt: skip
    amount = round_fen(cny * extra / VAT)
    return pi.LineDraft(
        commodity_name=f"*{line.name_cn}*{line.name_cn}", unit=unit, quantity=quantity,
        amount=amount, tax_rate=13, commodity_code=line.hs_code,
    )  # fmt: skip


# ---------------------------------------------------------------- batches


def _batches(session: Session, today: dt.date) -> int:
    """A paid batch three months back and a filed one last month (rows without invoices
    taken out first, as a clerk would before filing)."""
    made = 0
    for months_back, final in ((3, "paid"), (1, "filed")):
        period = _month_back(today, months_back)
        batch = rebate_batches.create_batch(session, period, today=_last_day(period))
        if not rebate_batches.export_rows(session, batch.id):
            session.delete(batch)
            continue
        rebate_match.match_batch(session, batch.id)
        short = {u.declaration_no for u in rebate_purchases.unmatched_rows(session, batch.id)}
        rows = rebate_batches.export_rows(session, batch.id)
        unmatched = [r.id for r in rows if r.declaration_no in short]
        if unmatched:
            rebate_batches.remove_rows(session, batch.id, unmatched)
        checked, findings = rebate_check.run_self_check(
            session, batch.id, _last_day(period), now=_noon(_last_day(period))
        )
        if rebate_check.blocking(findings):
            continue  # stays a draft with its findings for the user to see
        rebate_batches.file_batch(session, batch.id, _noon(_last_day(period)))
        _documents(session, batch.id, filed=final == "paid")
        if final == "paid":
            reviewed = _noon(_last_day(period) + dt.timedelta(days=20))
            rebate_batches.record_review(session, batch.id, now=reviewed)
            rebate_batches.mark_paid(session, batch.id, checked.refund_total,
                                     _last_day(period) + dt.timedelta(days=35))  # fmt: skip
        made += 1
    return made


def _month_back(today: dt.date, months: int) -> str:
    index = today.year * 12 + today.month - 1 - months
    return f"{index // 12}{index % 12 + 1:02d}"


def _last_day(period: str) -> dt.date:
    year, month = int(period[:4]), int(period[4:])
    following = dt.date(year + month // 12, month % 12 + 1, 1)
    return following - dt.timedelta(days=1)


def _noon(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(4, 0), tzinfo=dt.UTC)  # noon in China


def _documents(session: Session, batch_id: int, *, filed: bool) -> None:
    ids = {r.declaration_line_id for r in rebate_batches.export_rows(session, batch_id)}
    declaration_ids = set(session.scalars(
        select(DeclarationLine.declaration_id).where(DeclarationLine.id.in_(ids))
    ))  # fmt: skip
    for declaration_id in sorted(declaration_ids):
        items = filing_docs.ensure_checklist(session, declaration_id)
        if filed:
            declaration = session.get(Declaration, declaration_id)
            for item in items:
                day = declaration.export_date + dt.timedelta(days=40)
                filing_docs.mark_filed(session, item.id, day)


# ---------------------------------------------------------------- FX receipts


def _receipts(
    session: Session, cleared: list[Declaration], rng: random.Random, today: dt.date
) -> int:
    made = 0
    for declaration in sorted(cleared, key=lambda d: (d.export_date, d.id)):
        paid_on = declaration.export_date + dt.timedelta(days=rng.randint(25, 60))
        share = rng.choice((Decimal(1), Decimal(1), Decimal(1), Decimal("0.6"), Decimal(0)))
        if paid_on >= today or not share:
            continue
        made += 1
        fx_receipts.add_receipt(
            session, bank_ref=f"DEMO{paid_on:%Y%m%d}{made:05d}", received_date=paid_on,
            currency=declaration.currency, amount=round_fen(declaration.total_amount * share),
            payer=declaration.overseas_consignee or "Marketplace payout", bank="中国银行深圳分行",
        )  # fmt: skip
    fx_receipts.auto_allocate(session)
    return made
