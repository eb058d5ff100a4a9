"""Read side of the Purchase invoices screen: id lists, rows, one invoice's lines, deleting.

Lazy like the other list screens: `invoice_ids` lists the ids of the current search, filter
and sort in one query, `invoice_rows` reads the rows shown with their line totals (how much
of each invoice matching has used), `invoice_lines` the selected invoice's lines with the
unit's Chinese name. `delete_invoice` refuses an invoice any match or batch row uses.
"""

from __future__ import annotations

import datetime as dt
import re
from array import array
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlalchemy import ColumnElement, Select, func, select
from sqlalchemy.orm import Session

from desktop_app.core import codes
from desktop_app.core.errors import BadInput
from desktop_app.core.models import PurchaseInvoice, PurchaseInvoiceLine
from desktop_app.core.models.rebate import RebateMatch, RebatePurchaseRow
from desktop_app.core.services import purchase_invoices as pi
from desktop_app.core.services.id_lists import fetch_ids, like_any, pages

DEFAULT_SORT = ("issue_date", False)  # newest first
MAX_SEARCH_WORDS = 10
ZERO = Decimal(0)
USES = ("unused", "partly_used", "used_up")


@dataclass(frozen=True)
class InvoiceFilters:
    """What the filter bar narrows the invoices to; empty values mean "any"."""

    status: str = ""  # valid, voided, red
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    unused_only: bool = False  # only invoices with quantity left for matching


@dataclass(frozen=True)
class InvoiceRow:
    """One line of the invoices table; quantities are summed over the invoice's lines."""

    id: int
    invoice_no: str
    kind: str
    issue_date: dt.date
    seller_tax_id: str
    seller_name: str
    amount: Decimal
    tax: Decimal
    status: str
    lines: int
    quantity: Decimal
    used: Decimal

    @property
    def remaining(self) -> Decimal:
        return self.quantity - self.used

    @property
    def use(self) -> str:
        """unused, partly_used or used_up (what matching has taken of it)."""
        if self.used <= 0:
            return "unused"
        return "used_up" if self.remaining <= 0 else "partly_used"


@dataclass(frozen=True)
class InvoiceLineRow:
    """One line of the selected invoice, as the detail table shows it."""

    id: int
    line_no: int
    commodity_name: str
    commodity_code: str
    unit: str  # the customs unit code (007)
    unit_name: str  # its Chinese name (个)
    quantity: Decimal
    used: Decimal
    remaining: Decimal
    amount: Decimal
    tax_rate: Decimal  # percent
    tax: Decimal


def _totals() -> Any:
    """Per invoice: line count, quantity and used quantity (one grouped subquery)."""
    line = PurchaseInvoiceLine
    return (
        select(
            line.invoice_id.label("invoice_id"),
            func.count().label("lines"),
            func.sum(line.quantity).label("quantity"),
            func.sum(line.used_quantity).label("used"),
        )
        .group_by(line.invoice_id)
        .subquery()
    )


SORT_COLUMNS: dict[str, Any] = {
    "invoice_no": lambda t: PurchaseInvoice.invoice_no,
    "issue_date": lambda t: PurchaseInvoice.issue_date,
    "seller_tax_id": lambda t: PurchaseInvoice.seller_tax_id,
    "seller_name": lambda t: PurchaseInvoice.seller_name,
    "amount": lambda t: PurchaseInvoice.amount,
    "tax": lambda t: PurchaseInvoice.tax,
    "status": lambda t: PurchaseInvoice.status,
    "lines": lambda t: t.c.lines,
    "remaining": lambda t: t.c.quantity - t.c.used,
    "use": lambda t: t.c.used,
}


def invoice_ids(
    session: Session,
    text: str = "",
    filters: InvoiceFilters = InvoiceFilters(),
    sort: tuple[str, bool] = DEFAULT_SORT,
    *,
    limit: int | None = None,
) -> array[int]:
    """Ids of the invoices matching `text` and `filters`, in `sort` order (ties by id).

    Each word of `text` must appear in the invoice number, the seller's name or tax id.
    """
    key, ascending = sort
    if key not in SORT_COLUMNS:
        raise ValueError(f"cannot sort invoices by {key!r}")
    totals = _totals()
    column = SORT_COLUMNS[key](totals)
    stmt: Select[Any] = (
        select(PurchaseInvoice.id)
        .outerjoin(totals, totals.c.invoice_id == PurchaseInvoice.id)
        .where(*_conditions(text, filters, totals))
    )
    if ascending:
        stmt = stmt.order_by(column.asc(), PurchaseInvoice.id.asc())
    else:
        stmt = stmt.order_by(column.desc(), PurchaseInvoice.id.desc())
    if limit is not None:
        stmt = stmt.limit(limit)
    return fetch_ids(session, stmt)


def _conditions(text: str, f: InvoiceFilters, totals: Any) -> list[ColumnElement[bool]]:
    conditions: list[ColumnElement[bool]] = []
    if f.status:
        conditions.append(PurchaseInvoice.status == f.status)
    if f.date_from is not None:
        conditions.append(PurchaseInvoice.issue_date >= f.date_from)
    if f.date_to is not None:
        conditions.append(PurchaseInvoice.issue_date <= f.date_to)
    if f.unused_only:
        conditions.append(totals.c.used < totals.c.quantity)
    searched = [PurchaseInvoice.invoice_no, PurchaseInvoice.seller_name,
                PurchaseInvoice.seller_tax_id]  # fmt: skip
    words = [w for w in re.split(r"\s+", text.strip()) if w][:MAX_SEARCH_WORDS]
    conditions += [like_any(searched, word) for word in words]
    return conditions


def invoice_rows(session: Session, ids: Sequence[int]) -> list[InvoiceRow]:
    """The table rows of `ids`, in the same order; ids no longer there are left out."""
    found: dict[int, InvoiceRow] = {}
    totals = _totals()
    for page in pages(ids):
        stmt = (
            select(PurchaseInvoice, totals.c.lines, totals.c.quantity, totals.c.used)
            .outerjoin(totals, totals.c.invoice_id == PurchaseInvoice.id)
            .where(PurchaseInvoice.id.in_(page))
        )
        for invoice, lines, quantity, used in session.execute(stmt):
            found[invoice.id] = _row(invoice, lines or 0, _dec(quantity), _dec(used))
    return [found[i] for i in ids if i in found]


def _dec(value: Any) -> Decimal:
    """A summed Quantity column: SQLite hands back the stored integer scale (5 places)."""
    if value is None:
        return ZERO
    return value if isinstance(value, Decimal) else Decimal(int(value)).scaleb(-5)


def _row(invoice: PurchaseInvoice, lines: int, quantity: Decimal, used: Decimal) -> InvoiceRow:
    return InvoiceRow(
        id=invoice.id, invoice_no=invoice.invoice_no, kind=invoice.kind,
        issue_date=invoice.issue_date, seller_tax_id=invoice.seller_tax_id,
        seller_name=invoice.seller_name, amount=invoice.amount, tax=invoice.tax,
        status=invoice.status, lines=lines, quantity=quantity, used=used,
    )  # fmt: skip


def invoice_lines(session: Session, invoice_id: int) -> list[InvoiceLineRow]:
    """The lines of one invoice by line number (empty when it is gone)."""
    stmt = (
        select(PurchaseInvoiceLine)
        .where(PurchaseInvoiceLine.invoice_id == invoice_id)
        .order_by(PurchaseInvoiceLine.line_no)
    )
    lines = list(session.scalars(stmt))
    names = {e.code: e.name_cn for e in codes.entries(session, "units")} if lines else {}
    return [_line_row(line, names.get(line.unit, "")) for line in lines]


def _line_row(line: PurchaseInvoiceLine, unit_name: str) -> InvoiceLineRow:
    return InvoiceLineRow(
        id=line.id, line_no=line.line_no, commodity_name=line.commodity_name,
        commodity_code=line.commodity_code, unit=line.unit, unit_name=unit_name,
        quantity=line.quantity, used=line.used_quantity or ZERO,
        remaining=pi.remaining_quantity(line), amount=line.amount, tax_rate=line.tax_rate,
        tax=line.tax,
    )  # fmt: skip


def delete_invoice(session: Session, invoice_id: int) -> str:
    """Delete an invoice no match and no batch row uses; returns its number.

    BadInput says why when it is used: matching took part of its quantity, or a rebate
    batch lists one of its lines (its match must be undone in that batch first).
    """
    invoice = pi.get_invoice(session, invoice_id)
    if pi.is_used(invoice):
        raise BadInput(
            f"invoice {invoice.invoice_no} is used by matching: undo its matches in the rebate "
            "batch before deleting it"
        )
    line_ids = [line.id for line in invoice.lines]
    for model in (RebateMatch, RebatePurchaseRow):
        used = select(model.id).where(model.invoice_line_id.in_(line_ids)).limit(1)
        if line_ids and session.scalar(used) is not None:
            raise BadInput(
                f"invoice {invoice.invoice_no} is listed in a rebate batch: remove it there "
                "before deleting it"
            )
    number = invoice.invoice_no
    session.delete(invoice)
    session.flush()
    return number
