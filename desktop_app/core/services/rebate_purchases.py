"""进货明细 rows of a batch, rebuilt from the matches; what the rows leave uncovered.

Matches belong to the declaration line (rebate_match); each export row of a batch takes its
share of its line's matches in order for its own quantity, under its own 关联号. A reversal
row (9810 核算) takes the reversed row's purchase rows, negated.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlalchemy import delete, insert, select
from sqlalchemy.orm import Session, contains_eager

from desktop_app.core import audit
from desktop_app.core.models.rebate import (
    PurchaseInvoice,
    PurchaseInvoiceLine,
    RebateBatch,
    RebateExportRow,
    RebateMatch,
    RebatePurchaseRow,
)
from desktop_app.core.money import ZERO, round_fen
from desktop_app.core.services import rebate_batches


@dataclass(frozen=True)
class Unmatched:
    """A declaration line (or part) no invoice covers, and why."""

    declaration_line_id: int
    declaration_no: str
    commodity_code: str
    unit: str
    missing: Decimal
    reason: str


def chunks(ids: Sequence[int], size: int = 500) -> Iterable[Sequence[int]]:
    for start in range(0, len(ids), size):
        yield ids[start : start + size]


def matches_of(session: Session, line_ids: Sequence[int]) -> dict[int, list[RebateMatch]]:
    found: dict[int, list[RebateMatch]] = defaultdict(list)
    for chunk in chunks(list(line_ids)):
        query = (
            select(RebateMatch)
            .where(RebateMatch.declaration_line_id.in_(chunk))
            .order_by(RebateMatch.id)
        )
        for match in session.scalars(query):
            found[match.declaration_line_id].append(match)
    return found


def rebuild_purchase_rows(session: Session, batch: RebateBatch) -> int:
    """The batch's 进货明细 rows, each export row taking its share of its line's matches.

    Written in bulk (a batch may hold thousands), with one audit event for the rebuild."""
    session.flush()
    gone = delete(RebatePurchaseRow).where(RebatePurchaseRow.batch_id == batch.id)
    removed = session.execute(gone).rowcount
    rows = rebate_batches.export_rows(session, batch.id, ("included",))
    line_ids = sorted({row.declaration_line_id for row in rows if row.declaration_line_id})
    matches = matches_of(session, line_ids)
    invoice_lines = _invoice_lines(
        session, {m.invoice_line_id for found in matches.values() for m in found}
    )
    before = _earlier_claims(session, batch, line_ids)
    new: list[dict[str, Any]] = []
    for row in rows:
        if row.reverses_row_id is not None:
            new.extend(_reversed_purchases(session, row))
            continue
        if row.quantity <= 0 or row.declaration_line_id is None:
            continue
        start = before[row.declaration_line_id]
        before[row.declaration_line_id] += row.quantity
        for match, quantity in _slice(matches[row.declaration_line_id], start, row.quantity):
            inv_line = invoice_lines[match.invoice_line_id]
            new.append(_purchase_row(batch, row, match, inv_line, quantity))
    for seq, purchase in enumerate(new, start=1):
        purchase["seq"] = seq
    for start in range(0, len(new), 5000):
        session.execute(insert(RebatePurchaseRow), new[start : start + 5000])
    if removed or new:
        audit.record(session, "rebuild", RebatePurchaseRow.__tablename__, batch.id, after={
            "batch": rebate_batches.batch_label(batch), "removed": removed,
            "rows": len(new)})  # fmt: skip
    session.flush()
    return len(new)


def _reversed_purchases(session: Session, row: RebateExportRow) -> list[dict[str, Any]]:
    """A reversal row's purchase rows: those of the row it reverses, negated."""
    original = session.get(RebateExportRow, row.reverses_row_id)
    query = select(RebatePurchaseRow).where(
        RebatePurchaseRow.batch_id == original.batch_id,
        RebatePurchaseRow.link_no == original.link_no,
    )
    copies = []
    for purchase in session.scalars(query.order_by(RebatePurchaseRow.seq)):
        copy = {name: getattr(purchase, name) for name in _PURCHASE_FIELDS}
        copy.update(
            batch_id=row.batch_id, link_no=row.link_no, quantity=-purchase.quantity,
            tax_base=-purchase.tax_base, refund=-purchase.refund, status="included",
        )  # fmt: skip
        copies.append(copy)
    return copies


_PURCHASE_FIELDS = (
    "invoice_line_id", "tax_kind", "voucher_kind", "voucher_no", "issue_date",
    "supplier_tax_id", "commodity_code", "commodity_name", "unit", "levy_rate", "rebate_rate",
    "note",
)  # fmt: skip


def _earlier_claims(
    session: Session, batch: RebateBatch, line_ids: Sequence[int]
) -> dict[int, Decimal]:
    """Quantity of each line already claimed before this batch (it takes the next matches)."""
    taken: dict[int, Decimal] = defaultdict(lambda: ZERO)
    for chunk in chunks(list(line_ids)):
        query = (
            select(RebateExportRow.declaration_line_id, RebateExportRow.quantity)
            .join(RebateBatch, RebateExportRow.batch_id == RebateBatch.id)
            .where(
                RebateExportRow.declaration_line_id.in_(chunk),
                RebateExportRow.status.in_(("included", "rejected")),
                RebateExportRow.quantity > 0,
                RebateExportRow.settlement != "reversed",  # its part is declared again
                RebateExportRow.batch_id != batch.id,
                (RebateBatch.period < batch.period)
                | ((RebateBatch.period == batch.period) & (RebateBatch.batch_no < batch.batch_no)),
            )
        )
        for line_id, quantity in session.execute(query):
            taken[line_id] += quantity
    return taken


def _slice(
    matches: Sequence[RebateMatch], start: Decimal, quantity: Decimal
) -> list[tuple[RebateMatch, Decimal]]:
    """The parts of the matches covering [start, start + quantity) of the line."""
    parts, position, end = [], ZERO, start + quantity
    for match in matches:
        low, high = max(position, start), min(position + match.quantity, end)
        if high > low:
            parts.append((match, high - low))
        position += match.quantity
    return parts


def _invoice_lines(session: Session, ids: Iterable[int]) -> dict[int, PurchaseInvoiceLine]:
    """Invoice lines with their invoices, read together (not one query per purchase row)."""
    found: dict[int, PurchaseInvoiceLine] = {}
    for chunk in chunks(sorted(ids)):
        query = (
            select(PurchaseInvoiceLine)
            .join(PurchaseInvoice, PurchaseInvoiceLine.invoice_id == PurchaseInvoice.id)
            .where(PurchaseInvoiceLine.id.in_(chunk))
            .options(contains_eager(PurchaseInvoiceLine.invoice))
        )
        found.update((line.id, line) for line in session.scalars(query))
    return found


def _purchase_row(
    batch: RebateBatch, row: RebateExportRow, match: RebateMatch,
    inv_line: PurchaseInvoiceLine, quantity: Decimal,
) -> dict[str, Any]:  # fmt: skip
    """A purchase row's columns (seq aside)."""
    invoice = inv_line.invoice
    base = (
        match.tax_base
        if quantity == match.quantity
        else round_fen(match.tax_base * quantity / match.quantity)
    )
    rate = row.rebate_rate if row.rebate_rate is not None else ZERO
    applied = min(rate, inv_line.tax_rate)
    return {
        "batch_id": batch.id, "link_no": row.link_no, "invoice_line_id": inv_line.id,
        "tax_kind": "V", "voucher_kind": "02", "voucher_no": invoice.invoice_no,
        "issue_date": invoice.issue_date, "supplier_tax_id": invoice.seller_tax_id,
        "commodity_code": row.commodity_code, "commodity_name": inv_line.commodity_name[:200],
        "unit": row.unit, "quantity": quantity, "tax_base": base, "levy_rate": inv_line.tax_rate,
        "rebate_rate": applied, "refund": round_fen(base * applied / 100),
        "note": match.explanation.split("\n", 1)[0][:200] if match.overridden else "",
        "status": "included",
    }  # fmt: skip


# ---------------------------------------------------------------- lists


def unmatched_rows(session: Session, batch_id: int) -> list[Unmatched]:
    """Export rows of the batch whose quantity the purchase rows do not cover."""
    covered: dict[str, Decimal] = defaultdict(lambda: ZERO)
    for purchase in rebate_batches.purchase_rows(session, batch_id, ("included",)):
        covered[purchase.link_no] += purchase.quantity
    result = []
    for row in rebate_batches.export_rows(session, batch_id, ("included",)):
        missing = row.quantity - covered[row.link_no]
        if row.quantity > 0 and missing > 0:
            reason = "no invoice matched" if not covered[row.link_no] else "partly matched"
            result.append(Unmatched(row.declaration_line_id or 0, row.declaration_no,
                                    row.commodity_code, row.unit, missing, reason))  # fmt: skip
    return result


def explanations(session: Session, declaration_line_id: int) -> list[RebateMatch]:
    return matches_of(session, [declaration_line_id])[declaration_line_id]
