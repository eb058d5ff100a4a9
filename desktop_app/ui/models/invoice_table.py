"""The columns of the purchase invoices table and its lines, and the names of statuses and uses."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtGui import QColor

from desktop_app.core.services.invoice_query import InvoiceRow
from desktop_app.ui.models.lazy_table import RIGHT, Column, attr
from desktop_app.ui.models.order_table import money
from desktop_app.ui.models.texts import labeller, translator

MUTED = QColor("#7a8594")
DONE = QColor("#1e7b34")

STATUSES = {
    "valid": QT_TRANSLATE_NOOP("Invoices", "Valid"),
    "voided": QT_TRANSLATE_NOOP("Invoices", "Voided"),
    "red": QT_TRANSLATE_NOOP("Invoices", "Red-letter"),
}
KINDS = {
    "digital": QT_TRANSLATE_NOOP("Invoices", "Digital (数电)"),
    "special_vat": QT_TRANSLATE_NOOP("Invoices", "Paper special VAT (专票)"),
    "customs_payment": QT_TRANSLATE_NOOP("Invoices", "Customs payment note (缴款书)"),
}
USES = {
    "unused": QT_TRANSLATE_NOOP("Invoices", "Unused"),
    "partly_used": QT_TRANSLATE_NOOP("Invoices", "Partly used"),
    "used_up": QT_TRANSLATE_NOOP("Invoices", "Used up"),
}

TEXT = {
    "Amount": QT_TRANSLATE_NOOP("Invoices", "Amount"),
    "Date": QT_TRANSLATE_NOOP("Invoices", "Date"),
    "Invoice no.": QT_TRANSLATE_NOOP("Invoices", "Invoice no."),
    "Lines": QT_TRANSLATE_NOOP("Invoices", "Lines"),
    "Seller name": QT_TRANSLATE_NOOP("Invoices", "Seller name"),
    "Seller tax ID": QT_TRANSLATE_NOOP("Invoices", "Seller tax ID"),
    "Status": QT_TRANSLATE_NOOP("Invoices", "Status"),
    "Tax": QT_TRANSLATE_NOOP("Invoices", "Tax"),
    "Unused quantity": QT_TRANSLATE_NOOP("Invoices", "Unused quantity"),
    "Use": QT_TRANSLATE_NOOP("Invoices", "Use"),
    "Quantity left for matching, summed over the lines (in each line's unit)": QT_TRANSLATE_NOOP(
        "Invoices", "Quantity left for matching, summed over the lines (in each line's unit)"
    ),
}  # column titles, marked for lupdate (it reads no module-level tr())

tr = translator("Invoices")
label = labeller("Invoices")


def quantity(value: Decimal) -> str:
    """1,000 or 12.5: grouped, no trailing zeros."""
    text = f"{value.normalize():,f}"
    return text


def rate(value: Decimal) -> str:
    """13 → "13%"."""
    return f"{value.normalize():f}%"


def _use_colour(row: InvoiceRow) -> QColor | None:
    return {"used_up": MUTED, "partly_used": DONE}.get(row.use)


def invoice_columns() -> list[Column]:
    """Built when the screen is, so the titles follow the installed translation."""
    return [
        Column("issue_date", tr(TEXT["Date"]), lambda r: r.issue_date.isoformat(), width=10),
        Column("invoice_no", tr(TEXT["Invoice no."]), attr("invoice_no"), width=21,
               tooltip=lambda r: label(KINDS, r.kind)),
        Column("seller_tax_id", tr(TEXT["Seller tax ID"]), attr("seller_tax_id"), width=18),
        Column("seller_name", tr(TEXT["Seller name"]), attr("seller_name"), width=22,
               tooltip=attr("seller_name")),
        Column("amount", tr(TEXT["Amount"]), lambda r: money(r.amount), RIGHT, width=12),
        Column("tax", tr(TEXT["Tax"]), lambda r: money(r.tax), RIGHT, width=10),
        Column("status", tr(TEXT["Status"]), lambda r: label(STATUSES, r.status), width=7,
               colour=lambda r: MUTED if r.status != "valid" else None),
        Column("lines", tr(TEXT["Lines"]), attr("lines"), RIGHT, width=4),
        Column("remaining", tr(TEXT["Unused quantity"]), lambda r: quantity(r.remaining), RIGHT,
               width=10, tooltip=lambda r: tr(TEXT["Quantity left for matching, summed over "
                                                    "the lines (in each line's unit)"])),
        Column("use", tr(TEXT["Use"]), lambda r: label(USES, r.use), width=9,
               colour=_use_colour),
    ]  # fmt: skip
