"""Read-only views of rebate batches for the window: the list, one batch's rows and matches,
and the batch's files (which read the database only)."""

from __future__ import annotations

import datetime as dt
from array import array
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop_app.core import codes
from desktop_app.core.models.declarations import DeclarationLine
from desktop_app.core.models.rebate import (
    PurchaseInvoiceLine,
    RebateBatch,
    RebateExportRow,
    RebatePurchaseRow,
)
from desktop_app.core.money import ZERO, quantize
from desktop_app.core.services import (
    company,
    purchase_invoices,
    rebate_batches,
    rebate_match,
    rebate_purchases,
)
from desktop_app.core.services.id_lists import fetch_ids, pages

DEFAULT_SORT = ("label", False)  # the newest batch first
PERIOD_FIGURES = ("domestic_output_tax", "input_tax", "previous_credit", "duty_free_materials")
RESULTS = (
    "non_creditable", "tax_payable", "credit_refund_total", "refund_total", "exempt_offset",
    "credit_carried_forward",
)  # fmt: skip


@dataclass(frozen=True)
class BatchRow:
    """One line of the batch list."""

    id: int
    label: str
    period: str
    batch_no: int
    method: str
    status: str
    export_rows: int
    rejected_rows: int
    purchase_rows: int
    usd_fob: Decimal
    refund_total: Decimal
    received_amount: Decimal

    @property
    def frozen(self) -> bool:
        return self.status in rebate_batches.CLAIMED


@dataclass
class BatchDetail:
    """A batch with its rows and figures, as the detail tabs show it."""

    row: BatchRow
    exports: list[RebateExportRow]
    purchases: list[RebatePurchaseRow]
    figures: dict[str, Decimal | None]  # the period figures and the results
    unit_names: dict[str, str]
    tax_base: Decimal = ZERO
    checked_at: dt.datetime | None = None
    filed_at: dt.datetime | None = None
    approved_at: dt.datetime | None = None
    paid_date: dt.date | None = None
    unmatched: list[rebate_match.Unmatched] = field(default_factory=list)


@dataclass(frozen=True)
class MatchLine:
    """One match of a declaration line, with the invoice it takes from."""

    invoice_line_id: int
    invoice_no: str
    issue_date: dt.date
    line_no: int
    commodity_name: str
    invoice_unit: str
    invoice_unit_name: str
    invoice_quantity: Decimal
    quantity: Decimal  # in the declaration's first unit
    tax_base: Decimal
    overridden: bool
    explanation: str


@dataclass(frozen=True)
class Candidate:
    """An unused invoice line a declaration line may take by hand."""

    line: purchase_invoices.UnusedLine
    factor: Decimal | None  # declaration units per invoice unit; None: not convertible
    how: str
    unit_name: str  # of the invoice's unit code ("" when the code table lacks it)

    @property
    def available(self) -> Decimal | None:
        """What is left of the invoice line, in the declaration's unit."""
        if self.factor is None:
            return None
        return quantize(self.line.remaining * self.factor, 5)


# ---------------------------------------------------------------- the list


def batch_ids(
    session: Session, sort: tuple[str, bool] = DEFAULT_SORT, *, limit: int | None = None
) -> array[int]:
    """Every batch, the newest (period, number) first unless sorted ascending."""
    _key, ascending = sort
    columns = (RebateBatch.period, RebateBatch.batch_no, RebateBatch.id)
    order = [c.asc() if ascending else c.desc() for c in columns]
    stmt = select(RebateBatch.id).order_by(*order)
    if limit is not None:
        stmt = stmt.limit(limit)
    return fetch_ids(session, stmt)


def batch_rows(session: Session, ids: Sequence[int]) -> list[BatchRow]:
    """The list rows of `ids`, in the same order; ids no longer there are left out."""
    found: dict[int, BatchRow] = {}
    for page in pages(ids):
        counts = _row_counts(session, page)
        purchases = _purchase_counts(session, page)
        for batch in session.scalars(select(RebateBatch).where(RebateBatch.id.in_(page))):
            included, rejected, fob = counts.get(batch.id, (0, 0, ZERO))
            found[batch.id] = BatchRow(
                id=batch.id, label=rebate_batches.batch_label(batch), period=batch.period,
                batch_no=batch.batch_no, method=batch.method, status=batch.status,
                export_rows=included, rejected_rows=rejected,
                purchase_rows=purchases.get(batch.id, 0), usd_fob=fob,
                refund_total=batch.refund_total, received_amount=batch.received_amount,
            )  # fmt: skip
    return [found[i] for i in ids if i in found]


def _row_counts(session: Session, ids: Sequence[int]) -> dict[int, tuple[int, int, Decimal]]:
    """{batch id: (included rows, rejected rows, Σ USD FOB of the included)}."""
    stmt = select(RebateExportRow.batch_id, RebateExportRow.status, RebateExportRow.usd_fob)
    totals: dict[int, list] = defaultdict(lambda: [0, 0, ZERO])
    for batch_id, status, fob in session.execute(stmt.where(RebateExportRow.batch_id.in_(ids))):
        entry = totals[batch_id]
        if status == "included":
            entry[0] += 1
            entry[2] += fob
        elif status == "rejected":
            entry[1] += 1
    return {k: (v[0], v[1], v[2]) for k, v in totals.items()}


def _purchase_counts(session: Session, ids: Sequence[int]) -> dict[int, int]:
    stmt = select(RebatePurchaseRow.batch_id).where(
        RebatePurchaseRow.batch_id.in_(ids), RebatePurchaseRow.status == "included"
    )
    counts: dict[int, int] = defaultdict(int)
    for (batch_id,) in session.execute(stmt):
        counts[batch_id] += 1
    return counts


# ---------------------------------------------------------------- one batch


def batch_detail(session: Session, batch_id: int) -> BatchDetail | None:
    """One batch with its rows and figures; None if gone."""
    batch = session.get(RebateBatch, batch_id)
    rows = batch_rows(session, [batch_id])
    if batch is None or not rows:
        return None
    exports = rebate_batches.export_rows(session, batch_id)
    purchases = rebate_batches.purchase_rows(session, batch_id)
    names = {*(r.unit for r in exports), *(r.unit for r in purchases)}
    detail = BatchDetail(
        row=rows[0], exports=exports, purchases=purchases,
        figures={name: getattr(batch, name) for name in (*PERIOD_FIGURES, *RESULTS)},
        unit_names={code: codes.name(session, "units", code) for code in names},
        tax_base=sum((p.tax_base for p in purchases if p.status == "included"), ZERO),
        checked_at=batch.checked_at, filed_at=batch.filed_at, approved_at=batch.approved_at,
        paid_date=batch.paid_date,
    )  # fmt: skip
    if batch.method == "exempt_refund" and exports:
        detail.unmatched = rebate_purchases.unmatched_rows(session, batch_id)
    return detail


def default_method(session: Session) -> str:
    """The method a new batch gets: the company's taxpayer type's."""
    return rebate_batches.method_for(company.get_profile(session).taxpayer_type)


def available_count(session: Session, period: str) -> int:
    """How many declaration lines a new batch of `period` would take."""
    start = rebate_batches.period_start(rebate_batches.parse_period(period))
    return len(rebate_batches.available_lines(session, start))


# ---------------------------------------------------------------- matches


def matches_of_line(session: Session, declaration_line_id: int) -> list[MatchLine]:
    """The matches of one declaration line, with their invoices, in the order they were made."""
    found = []
    for match in rebate_purchases.explanations(session, declaration_line_id):
        line = session.get(PurchaseInvoiceLine, match.invoice_line_id)
        invoice = line.invoice
        found.append(MatchLine(
            invoice_line_id=line.id, invoice_no=invoice.invoice_no,
            issue_date=invoice.issue_date, line_no=line.line_no,
            commodity_name=line.commodity_name, invoice_unit=line.unit,
            invoice_unit_name=codes.name(session, "units", line.unit),
            invoice_quantity=match.invoice_quantity, quantity=match.quantity,
            tax_base=match.tax_base, overridden=match.overridden,
            explanation=match.explanation,
        ))  # fmt: skip
    return found


def hand_candidates(session: Session, declaration_line_id: int) -> list[Candidate]:
    """Unused invoice lines with the line's commodity code, oldest first, each with the factor
    to the declaration's first unit (None when the units cannot be converted)."""
    line = session.get(DeclarationLine, declaration_line_id)
    if line is None:
        return []
    found = []
    for unused in purchase_invoices.unused_lines(session, commodity_codes=[line.hs_code]):
        conv = rebate_match.conversion(line, unused.unit)
        name = codes.name(session, "units", unused.unit)
        found.append(
            Candidate(unused, conv.factor if conv else None, conv.how if conv else "", name)
        )
    return found


# ---------------------------------------------------------------- files


def write_files(session: Session, batch_id: int, folder: Path, *, pdf: bool = True) -> list[Path]:
    """The official program's import files and (pdf) the printed forms of a batch."""
    from desktop_app.core.printing.rebate_forms import batch_forms_pdf
    from desktop_app.core.services.rebate_export import export_batch

    batch = rebate_batches.get_batch(session, batch_id)
    paths = export_batch(session, batch_id, folder)
    if not pdf:
        return paths
    name = f"出口退税申报表-{batch.period}-{batch.batch_no:03d}.pdf"
    forms = ("export", "purchase", "summary")
    if batch.method != "exempt_refund":
        forms = ("export", "summary")  # a 免抵退 batch has no 进货明细
    paths.append(batch_forms_pdf(session, batch_id, folder / name, forms=forms))
    return paths
