"""The columns of the rebate batch list and the translated names of the batches' codes."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtGui import QColor

from desktop_app.core.services.rebate_query import BatchRow
from desktop_app.ui.models.lazy_table import RIGHT, Column
from desktop_app.ui.models.shipment_table import GOOD, MUTED, WARN, money, number
from desktop_app.ui.models.texts import labeller, translator

CONTEXT = "Rebate"
AMBER = QColor("#b9770e")

METHODS = {
    "exempt_refund": QT_TRANSLATE_NOOP("Rebate", "Exempt-refund (免退)"),
    "exempt_credit_refund": QT_TRANSLATE_NOOP("Rebate", "Exempt-credit-refund (免抵退)"),
}
STATUSES = {
    "draft": QT_TRANSLATE_NOOP("Rebate", "Draft"),
    "self_checked": QT_TRANSLATE_NOOP("Rebate", "Self-checked"),
    "filed": QT_TRANSLATE_NOOP("Rebate", "Filed"),
    "approved": QT_TRANSLATE_NOOP("Rebate", "Approved"),
    "partly_rejected": QT_TRANSLATE_NOOP("Rebate", "Partly rejected"),
    "paid": QT_TRANSLATE_NOOP("Rebate", "Paid"),
}
ROW_STATUSES = {
    "included": QT_TRANSLATE_NOOP("Rebate", "Included"),
    "rejected": QT_TRANSLATE_NOOP("Rebate", "Rejected"),
    "moved": QT_TRANSLATE_NOOP("Rebate", "Moved"),
}
SETTLEMENTS = {
    "": "",
    "pending": QT_TRANSLATE_NOOP("Rebate", "Pending 核算"),
    "confirmed": QT_TRANSLATE_NOOP("Rebate", "Confirmed"),
    "reversed": QT_TRANSLATE_NOOP("Rebate", "Reversed"),
    "repay": QT_TRANSLATE_NOOP("Rebate", "To repay"),
    "reversal": QT_TRANSLATE_NOOP("Rebate", "Reversal"),
    "redeclared": QT_TRANSLATE_NOOP("Rebate", "Declared again"),
}
BUSINESS_TYPES = {"": "", "HWC-YT": QT_TRANSLATE_NOOP("Rebate", "9810 pre-rebate (HWC-YT)")}
SEVERITIES = {
    "blocking": QT_TRANSLATE_NOOP("Rebate", "Blocking"),
    "warning": QT_TRANSLATE_NOOP("Rebate", "Warning"),
}
TEXT = {
    "Batch": QT_TRANSLATE_NOOP("Rebate", "Batch"),
    "Method": QT_TRANSLATE_NOOP("Rebate", "Method"),
    "Status": QT_TRANSLATE_NOOP("Rebate", "Status"),
    "Export rows": QT_TRANSLATE_NOOP("Rebate", "Export rows"),
    "Rejected": QT_TRANSLATE_NOOP("Rebate", "Rejected rows"),
    "Purchase rows": QT_TRANSLATE_NOOP("Rebate", "Purchase rows"),
    "USD FOB": QT_TRANSLATE_NOOP("Rebate", "USD FOB"),
    "Refund": QT_TRANSLATE_NOOP("Rebate", "Refund (CNY)"),
    "Received": QT_TRANSLATE_NOOP("Rebate", "Received (CNY)"),
}  # column titles, marked for lupdate (it reads no module-level tr())

tr = translator(CONTEXT)
label = labeller(CONTEXT)

__all__ = ["AMBER", "GOOD", "MUTED", "WARN", "batch_columns", "label", "money", "number", "rate"]


def _status_colour(row: BatchRow) -> QColor | None:
    if row.status == "draft":
        return MUTED
    if row.status == "partly_rejected":
        return WARN
    return GOOD if row.status in ("approved", "paid") else None


def batch_columns() -> list[Column]:
    """Built when the screen is, so the titles follow the installed translation."""
    return [
        Column("label", tr(TEXT["Batch"]), lambda r: r.label, width=11),
        Column("method", tr(TEXT["Method"]), lambda r: label(METHODS, r.method), width=22,
               sortable=False),
        Column("status", tr(TEXT["Status"]), lambda r: label(STATUSES, r.status), width=13,
               colour=_status_colour, sortable=False),
        Column("export_rows", tr(TEXT["Export rows"]), lambda r: f"{r.export_rows:,}", RIGHT,
               width=6, sortable=False),
        Column("rejected_rows", tr(TEXT["Rejected"]),
               lambda r: f"{r.rejected_rows:,}" if r.rejected_rows else "", RIGHT, width=6,
               sortable=False, colour=lambda r: WARN if r.rejected_rows else None),
        Column("usd_fob", tr(TEXT["USD FOB"]), lambda r: money(r.usd_fob), RIGHT, width=12,
               sortable=False),
        Column("refund_total", tr(TEXT["Refund"]), lambda r: money(r.refund_total), RIGHT,
               width=12, sortable=False),
        Column("received_amount", tr(TEXT["Received"]),
               lambda r: money(r.received_amount) if r.status == "paid" else "", RIGHT, width=12,
               sortable=False),
    ]  # fmt: skip


def rate(value: object) -> str:
    """A percent rate as people write it: 13, 9, 0.5."""
    return "" if value is None else number(value)  # type: ignore[arg-type]
