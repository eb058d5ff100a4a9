"""FX receipts (收汇): entry, allocation to declarations, and collection status with due dates.

A receipt is money received from abroad, keyed by the bank's reference. Parts of it are
allocated to cleared (or amended) declarations with an export date; an allocation's amount
is in the declaration's currency. A receipt in another currency is converted through CNY
at the parities of the receipt day (declaration_life.cny_per_unit; MissingRate names the
currency and day). Neither a receipt nor a declaration is ever allocated beyond its
amount: what a receipt can still give is rounded down to the cent in the declaration's
currency, and what it has given is the exact sum of its allocations converted back,
rounded once.

A declaration's amount is the sum of its lines (in its currency). Collection is due by 30
April of the year after export (deadlines.RULES "fx_collection", moved off holidays by the
holiday table); a declaration covered in full by allocations is collected, or deemed
(视同收汇) when any of them comes from a receipt marked deemed.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import ROUND_DOWN, Decimal, InvalidOperation
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desktop_app.core.errors import BadInput, FieldProblem, ValidationFailed
from desktop_app.core.models import Declaration, DeclarationLine, FxAllocation, FxReceipt
from desktop_app.core.money import FEN, ZERO, round_fen
from desktop_app.core.services import deadlines
from desktop_app.core.services.declaration_life import MissingRate, cny_per_unit
from desktop_app.core.services.fx_rates import known_currency
from desktop_app.core.services.holidays import WorkCalendar
from desktop_app.core.services.id_lists import pages

ELIGIBLE = ("cleared", "amended")
COLLECTION_STATUSES = ("collected", "partly", "not_collected", "deemed")
ALERT_DAYS = 30


@dataclass(frozen=True)
class ReceiptRow:
    """A receipt with what is allocated of it (in its own currency), for lists."""

    id: int
    bank_ref: str
    received_date: dt.date
    currency: str
    amount: Decimal
    allocated: Decimal
    unallocated: Decimal
    payer: str
    bank: str
    deemed: bool
    note: str
    declarations: tuple[str, ...]


@dataclass(frozen=True)
class Collection:
    """The collection status of one declaration."""

    declaration_id: int
    ref: str
    customs_no: str
    export_date: dt.date
    currency: str
    declared: Decimal
    collected: Decimal
    outstanding: Decimal
    status: str  # collected / partly / not_collected / deemed
    due_date: dt.date
    overdue: bool
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True)
class AllocationRow:
    id: int
    receipt_id: int
    bank_ref: str
    declaration_id: int
    declaration_ref: str
    amount: Decimal  # in the declaration's currency
    currency: str


# ---------------------------------------------------------------- receipts


def check_receipt(
    session: Session, fields: dict[str, Any]
) -> tuple[dict[str, Any], list[FieldProblem]]:
    """The receipt's fields coerced (bank_ref, received_date, currency, amount, payer, bank,
    deemed, note) and every problem found; the bank reference's uniqueness is not checked."""
    problems: list[FieldProblem] = []
    clean: dict[str, Any] = {}
    ref = str(fields.get("bank_ref") or "").strip()
    if not ref or len(ref) > 60:
        problems.append(FieldProblem("bank_ref", "a bank reference of 1 to 60 characters", ref))
    clean["bank_ref"] = ref
    clean["received_date"] = _date(fields.get("received_date"), problems)
    currency = str(fields.get("currency") or "").strip().upper()
    reason = None if currency == "CNY" else known_currency(session, currency)
    if reason:
        problems.append(FieldProblem("currency", reason, fields.get("currency")))
    clean["currency"] = currency
    clean["amount"] = _amount(fields.get("amount"), "amount", problems)
    for name, width in (("payer", 200), ("bank", 100)):
        clean[name] = str(fields.get(name) or "").strip()
        if len(clean[name]) > width:
            problems.append(FieldProblem(name, f"at most {width} characters", clean[name]))
    clean["deemed"] = bool(fields.get("deemed", False))
    clean["note"] = str(fields.get("note") or "").strip()
    return clean, problems


def _date(value: Any, problems: list[FieldProblem], name: str = "received_date") -> dt.date | None:
    from desktop_app.core.services.purchase_invoices import parse_day

    day, reason = parse_day(value)
    if reason:
        problems.append(FieldProblem(name, reason, value))
    return day


def _amount(value: Any, name: str, problems: list[FieldProblem]) -> Decimal | None:
    if isinstance(value, float):
        problems.append(FieldProblem(name, "an amount must be exact text or Decimal", value))
        return None
    try:
        text = str(value if value is not None else "").strip().replace(",", "")
        amount = value if isinstance(value, Decimal) else Decimal(text)
    except InvalidOperation:
        problems.append(FieldProblem(name, "not an amount", value))
        return None
    if not amount.is_finite() or amount <= 0:
        problems.append(FieldProblem(name, "must be more than 0", value))
        return None
    if amount != amount.quantize(FEN):
        problems.append(FieldProblem(name, "more than 2 decimal places", value))
        return None
    return amount


def add_receipt(session: Session, **fields: Any) -> FxReceipt:
    """Record a receipt by hand (bank_ref, received_date, currency, amount, payer, bank,
    deemed, note). ValidationFailed lists every problem, a reference already used included."""
    clean, problems = check_receipt(session, fields)
    if clean["bank_ref"] and find_receipt(session, clean["bank_ref"]) is not None:
        problems.append(FieldProblem("bank_ref", "already recorded", clean["bank_ref"]))
    if problems:
        raise ValidationFailed(problems)
    receipt = build_receipt(session, clean)
    session.add(receipt)
    session.flush()
    return receipt


def build_receipt(session: Session, clean: dict[str, Any]) -> FxReceipt:
    """A new receipt from checked fields, its CNY value set when the day's rate is known."""
    receipt = FxReceipt(**clean)
    try:
        rate = cny_per_unit(session, clean["currency"], clean["received_date"])
        receipt.cny_amount = round_fen(clean["amount"] * rate)
    except MissingRate:
        receipt.cny_amount = None  # converted when allocated, where a missing rate is refused
    return receipt


def find_receipt(session: Session, ref: str) -> FxReceipt | None:
    return session.scalar(select(FxReceipt).where(FxReceipt.bank_ref == ref.strip()))


def get_receipt(session: Session, ref_or_id: str | int) -> FxReceipt:
    """A receipt by bank reference, else by id; BadInput when there is none."""
    found = find_receipt(session, str(ref_or_id))
    if found is None and str(ref_or_id).strip().isdigit():
        found = session.get(FxReceipt, int(ref_or_id))
    if found is None:
        raise BadInput(f"no FX receipt {ref_or_id!r}")
    return found


# ---------------------------------------------------------------- conversion and balances


def _to_declaration(
    session: Session, amount: Decimal, receipt: FxReceipt, currency: str
) -> Decimal:
    """What `amount` of the receipt is worth in `currency`, rounded down (never over-allocates)."""
    if receipt.currency == currency:
        return amount
    day = receipt.received_date
    value = (
        amount * cny_per_unit(session, receipt.currency, day) / cny_per_unit(session, currency, day)
    )
    return value.quantize(FEN, rounding=ROUND_DOWN)


def _back(session: Session, amount: Decimal, currency: str, receipt: FxReceipt) -> Decimal:
    """An allocation (in the declaration's `currency`) in the receipt's currency, unrounded."""
    if receipt.currency == currency:
        return amount
    day = receipt.received_date
    return (
        amount * cny_per_unit(session, currency, day) / cny_per_unit(session, receipt.currency, day)
    )


def _allocated(
    session: Session, receipts: Sequence[FxReceipt]
) -> dict[int, tuple[Decimal, list[str]]]:
    """receipt id → (allocated in its currency, declaration refs)."""
    by_id = {r.id: r for r in receipts}
    exact: dict[int, Decimal] = defaultdict(lambda: ZERO)
    refs: dict[int, list[str]] = defaultdict(list)
    for page in pages(sorted(by_id)):
        query = (
            select(
                FxAllocation.receipt_id, FxAllocation.amount, Declaration.currency, Declaration.ref
            )
            .join(Declaration, Declaration.id == FxAllocation.declaration_id)
            .where(FxAllocation.receipt_id.in_(page))
            .order_by(FxAllocation.id)
        )
        for receipt_id, amount, currency, ref in session.execute(query):
            exact[receipt_id] += _back(session, amount, currency, by_id[receipt_id])
            refs[receipt_id].append(ref)
    return {i: (min(round_fen(exact[i]), by_id[i].amount), refs[i]) for i in by_id}


def receipt_balance(session: Session, receipt: FxReceipt) -> Decimal:
    """What is still unallocated of a receipt, in its currency."""
    allocated, _ = _allocated(session, [receipt])[receipt.id]
    return receipt.amount - allocated


def list_receipts(session: Session, *, unallocated_only: bool = False) -> list[ReceiptRow]:
    """Every receipt, newest first, with its allocated and unallocated amounts."""
    receipts = list(
        session.scalars(
            select(FxReceipt).order_by(FxReceipt.received_date.desc(), FxReceipt.id.desc())
        )
    )
    allocated = _allocated(session, receipts)
    rows = []
    for r in receipts:
        used, refs = allocated[r.id]
        if unallocated_only and used >= r.amount:
            continue
        rows.append(
            ReceiptRow(
                r.id,
                r.bank_ref,
                r.received_date,
                r.currency,
                r.amount,
                used,
                r.amount - used,
                r.payer,
                r.bank,
                r.deemed,
                r.note,
                tuple(refs),
            )
        )
    return rows


def _declared(session: Session, ids: Iterable[int]) -> dict[int, Decimal]:
    found: dict[int, Decimal] = {}
    for page in pages(sorted(set(ids))):
        query = (
            select(DeclarationLine.declaration_id, func.sum(DeclarationLine.amount))
            .where(DeclarationLine.declaration_id.in_(page))
            .group_by(DeclarationLine.declaration_id)
        )
        found.update((i, Decimal(total or 0)) for i, total in session.execute(query))
    return found


def _collected(session: Session, ids: Iterable[int]) -> tuple[dict[int, Decimal], set[int]]:
    """declaration id → allocated amount; and the ids with an allocation from a deemed receipt."""
    totals: dict[int, Decimal] = {}
    deemed: set[int] = set()
    for page in pages(sorted(set(ids))):
        query = (
            select(
                FxAllocation.declaration_id,
                func.sum(FxAllocation.amount),
                func.max(FxReceipt.deemed),
            )
            .join(FxReceipt, FxReceipt.id == FxAllocation.receipt_id)
            .where(FxAllocation.declaration_id.in_(page))
            .group_by(FxAllocation.declaration_id)
        )
        for i, total, any_deemed in session.execute(query):
            totals[i] = Decimal(total or 0)
            if any_deemed:
                deemed.add(i)
    return totals, deemed


def _eligible(session: Session, declaration: Declaration) -> None:
    if declaration.status not in ELIGIBLE or declaration.export_date is None:
        raise BadInput(
            f"declaration {declaration.ref} is {declaration.status}: receipts are "
            "allocated to cleared declarations with an export date only"
        )


def declaration_outstanding(session: Session, declaration: Declaration) -> Decimal:
    declared = _declared(session, [declaration.id]).get(declaration.id, ZERO)
    collected = _collected(session, [declaration.id])[0].get(declaration.id, ZERO)
    return max(declared - collected, ZERO)


# ---------------------------------------------------------------- allocation


def allocate(
    session: Session, receipt_ref: str | int, declaration_ref: str, amount: Any
) -> FxAllocation:
    """Allocate `amount` (in the declaration's currency) of a receipt to a declaration.

    ValidationFailed when the amount is not a positive sum to the cent or exceeds what the
    declaration still lacks or what the receipt still has; MissingRate across currencies
    without the receipt day's rates. A second allocation of the same pair adds to the first.
    """
    from desktop_app.core.services.declaration_life import by_ref

    receipt = get_receipt(session, receipt_ref)
    declaration = by_ref(session, declaration_ref)
    _eligible(session, declaration)
    problems: list[FieldProblem] = []
    value = _amount(amount, "amount", problems)
    if value is not None:
        owed = declaration_outstanding(session, declaration)
        available = _to_declaration(
            session, receipt_balance(session, receipt), receipt, declaration.currency
        )
        if value > owed:
            problems.append(
                FieldProblem(
                    "amount",
                    f"declaration {declaration.ref} lacks only {declaration.currency} {owed}",
                    amount,
                )
            )
        if value > available:
            problems.append(
                FieldProblem(
                    "amount",
                    f"receipt {receipt.bank_ref} has only {declaration.currency} {available} left",
                    amount,
                )
            )
    if problems:
        raise ValidationFailed(problems)
    assert value is not None
    return _add(session, receipt, declaration, value)


def _add(
    session: Session, receipt: FxReceipt, declaration: Declaration, amount: Decimal
) -> FxAllocation:
    existing = session.scalar(
        select(FxAllocation).where(
            FxAllocation.receipt_id == receipt.id, FxAllocation.declaration_id == declaration.id
        )
    )
    if existing is not None:
        existing.amount += amount
    else:
        existing = FxAllocation(receipt_id=receipt.id, declaration_id=declaration.id, amount=amount)
        session.add(existing)
    session.flush()
    return existing


def remove_allocation(session: Session, allocation_id: int) -> None:
    found = session.get(FxAllocation, allocation_id)
    if found is None:
        raise BadInput(f"no FX allocation with id {allocation_id}")
    session.delete(found)
    session.flush()


def list_allocations(
    session: Session, receipt_id: int | None = None, declaration_id: int | None = None
) -> list[AllocationRow]:
    query = (
        select(FxAllocation, FxReceipt.bank_ref, Declaration.ref, Declaration.currency)
        .join(FxReceipt, FxReceipt.id == FxAllocation.receipt_id)
        .join(Declaration, Declaration.id == FxAllocation.declaration_id)
        .order_by(FxAllocation.id)
    )
    if receipt_id is not None:
        query = query.where(FxAllocation.receipt_id == receipt_id)
    if declaration_id is not None:
        query = query.where(FxAllocation.declaration_id == declaration_id)
    return [
        AllocationRow(a.id, a.receipt_id, bank_ref, a.declaration_id, ref, a.amount, currency)
        for a, bank_ref, ref, currency in session.execute(query)
    ]


def auto_allocate(
    session: Session, receipt_ids: Sequence[int] | None = None
) -> list[AllocationRow]:
    """Allocate unallocated receipts (oldest first) to declarations still owed (oldest export
    first), in part where one does not cover the other. Returns what was allocated.

    MissingRate (naming currency and day) when a receipt and a declaration differ in
    currency and the receipt day has no rate; the caller's transaction then writes nothing.
    """
    query = select(FxReceipt).order_by(FxReceipt.received_date, FxReceipt.id)
    if receipt_ids is not None:
        query = query.where(FxReceipt.id.in_(list(receipt_ids)))
    receipts = list(session.scalars(query))
    used = _allocated(session, receipts)
    left = {r.id: r.amount - used[r.id][0] for r in receipts}
    owed = [[d, out] for d, out in _owed(session) if out > 0]
    made: list[AllocationRow] = []
    index = 0
    for receipt in receipts:
        while left[receipt.id] > 0 and index < len(owed):
            declaration, outstanding = owed[index]
            capacity = _to_declaration(session, left[receipt.id], receipt, declaration.currency)
            take = min(capacity, outstanding)
            if take <= 0:
                break  # less than a cent of the declaration's currency left
            a = _add(session, receipt, declaration, take)
            made.append(
                AllocationRow(
                    a.id,
                    receipt.id,
                    receipt.bank_ref,
                    declaration.id,
                    declaration.ref,
                    take,
                    declaration.currency,
                )
            )
            owed[index][1] = outstanding - take
            left[receipt.id] = receipt_balance(session, receipt)
            if owed[index][1] <= 0:
                index += 1
    return made


def _owed(session: Session) -> list[tuple[Declaration, Decimal]]:
    declarations = list(
        session.scalars(
            select(Declaration)
            .where(Declaration.status.in_(ELIGIBLE), Declaration.export_date.is_not(None))
            .order_by(Declaration.export_date, Declaration.id)
        )
    )
    ids = [d.id for d in declarations]
    declared = _declared(session, ids)
    collected, _ = _collected(session, ids)
    return [(d, declared.get(d.id, ZERO) - collected.get(d.id, ZERO)) for d in declarations]


# ---------------------------------------------------------------- collection status


def collection_status(
    session: Session,
    today: dt.date,
    *,
    status: str | None = None,
    overdue_only: bool = False,
    declaration_ids: Sequence[int] | None = None,
) -> list[Collection]:
    """Collection of every cleared declaration with an export date, oldest export first."""
    if status is not None and status not in COLLECTION_STATUSES:
        raise BadInput(f"unknown collection status {status!r} ({', '.join(COLLECTION_STATUSES)})")
    query = (
        select(Declaration)
        .where(Declaration.status.in_(ELIGIBLE), Declaration.export_date.is_not(None))
        .order_by(Declaration.export_date, Declaration.id)
    )
    if declaration_ids is not None:
        query = query.where(Declaration.id.in_(list(declaration_ids)))
    declarations = list(session.scalars(query))
    ids = [d.id for d in declarations]
    declared = _declared(session, ids)
    collected, deemed = _collected(session, ids)
    work = WorkCalendar(session)
    result = []
    for d in declarations:
        item = _collection(
            d, declared.get(d.id, ZERO), collected.get(d.id, ZERO), d.id in deemed, today, work
        )
        if (status is None or item.status == status) and (item.overdue or not overdue_only):
            result.append(item)
    return result


def _collection(
    d: Declaration,
    declared: Decimal,
    collected: Decimal,
    deemed: bool,
    today: dt.date,
    work: WorkCalendar,
) -> Collection:
    assert d.export_date is not None
    outstanding = max(declared - collected, ZERO)
    if outstanding == 0 and declared > 0:
        status = "deemed" if deemed else "collected"
    else:
        status = "partly" if collected > 0 else "not_collected"
    due, warnings = collection_due(d.export_date, work)
    overdue = outstanding > 0 and today > due
    return Collection(
        d.id,
        d.ref,
        d.customs_no or "",
        d.export_date,
        d.currency,
        declared,
        collected,
        outstanding,
        status,
        due,
        overdue,
        warnings,
    )


def collection_due(export_date: dt.date, work: WorkCalendar) -> tuple[dt.date, tuple[str, ...]]:
    """The 收汇 due date of an export (the deadline rule, moved off holidays) and warnings."""
    rule = next(r for r in deadlines.RULES if r.kind == "fx_collection" and r.applies(export_date))
    due, _legal, warnings = deadlines.due_date(rule, export_date, work)
    return due, warnings


def alerts(session: Session, today: dt.date, days: int = ALERT_DAYS) -> list[Collection]:
    """Declarations not collected in full whose due date is within `days` or already past."""
    last = today + dt.timedelta(days=days)
    found = [
        c for c in collection_status(session, today) if c.outstanding > 0 and c.due_date <= last
    ]
    return sorted(found, key=lambda c: (c.due_date, c.ref))
