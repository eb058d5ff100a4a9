"""The columns of the shipments table, the translated names of shipment codes, and number text."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtGui import QColor

from desktop_app.core.services.shipment_query import ShipmentRow
from desktop_app.ui.models.lazy_table import CENTER, RIGHT, Column
from desktop_app.ui.models.texts import labeller, translator
from desktop_app.ui.reasons import match_reason, translate_reason

CONTEXT = "Shipments"
WARN = QColor("#c0392b")
MUTED = QColor("#7a8594")
GOOD = QColor("#1e7b34")

STATUSES = {
    "draft": QT_TRANSLATE_NOOP("Shipments", "Draft"),
    "shipped": QT_TRANSLATE_NOOP("Shipments", "Shipped"),
    "partially_received": QT_TRANSLATE_NOOP("Shipments", "Partly received"),
    "received": QT_TRANSLATE_NOOP("Shipments", "Received"),
    "cancelled": QT_TRANSLATE_NOOP("Shipments", "Cancelled"),
}
BASES = {
    "chargeable_weight": QT_TRANSLATE_NOOP("Shipments", "Chargeable weight"),
    "weight": QT_TRANSLATE_NOOP("Shipments", "Gross weight"),
    "volume": QT_TRANSLATE_NOOP("Shipments", "Volume"),
    "quantity": QT_TRANSLATE_NOOP("Shipments", "Quantity"),
}
WEIGHT_SOURCES = {
    "quantity": QT_TRANSLATE_NOOP("Shipments", "by quantity"),
    "sku": QT_TRANSLATE_NOOP("Shipments", "from each SKU's weight and size"),
    "cartons": QT_TRANSLATE_NOOP(
        "Shipments", "from the cartons' totals, shared by quantity (some SKUs lack sizes)"
    ),
}
COST_KINDS = {
    "freight": QT_TRANSLATE_NOOP("Shipments", "Freight"),
    "duty": QT_TRANSLATE_NOOP("Shipments", "Duty and taxes"),
    "fee": QT_TRANSLATE_NOOP("Shipments", "Fee"),
    "insurance": QT_TRANSLATE_NOOP("Shipments", "Insurance"),
    "other": QT_TRANSLATE_NOOP("Shipments", "Other"),
}
DISCREPANCIES = {
    "match": QT_TRANSLATE_NOOP("Shipments", "Matches"),
    "outstanding": QT_TRANSLATE_NOOP("Shipments", "Still in transit"),
    "shortage": QT_TRANSLATE_NOOP("Shipments", "Short"),
    "overage": QT_TRANSLATE_NOOP("Shipments", "Over"),
}
TRANSPORT_MODES = {
    "2": QT_TRANSLATE_NOOP("Shipments", "Sea (2)"),
    "5": QT_TRANSLATE_NOOP("Shipments", "Air (5)"),
    "3": QT_TRANSLATE_NOOP("Shipments", "Rail (3)"),
    "4": QT_TRANSLATE_NOOP("Shipments", "Road (4)"),
    "6": QT_TRANSLATE_NOOP("Shipments", "Post (6)"),
    "9": QT_TRANSLATE_NOOP("Shipments", "Other (9)"),
}  # the transport-mode codes (运输方式) a first leg uses
TEXT = {
    "Ref": QT_TRANSLATE_NOOP("Shipments", "Ref"),
    "Route": QT_TRANSLATE_NOOP("Shipments", "From → to"),
    "Status": QT_TRANSLATE_NOOP("Shipments", "Status"),
    "Ship date": QT_TRANSLATE_NOOP("Shipments", "Ship date"),
    "Expected": QT_TRANSLATE_NOOP("Shipments", "Expected"),
    "Received on": QT_TRANSLATE_NOOP("Shipments", "Received on"),
    "Lines": QT_TRANSLATE_NOOP("Shipments", "Lines"),
    "Units": QT_TRANSLATE_NOOP("Shipments", "Units"),
    "Cartons": QT_TRANSLATE_NOOP("Shipments", "Cartons"),
    "First-leg cost (CNY)": QT_TRANSLATE_NOOP("Shipments", "First-leg cost (CNY)"),
    "{0} of {1} received": QT_TRANSLATE_NOOP("Shipments", "{0} of {1} received"),
    "Late: expected {0}": QT_TRANSLATE_NOOP("Shipments", "Late: expected {0}"),
}  # column titles and notes, marked for lupdate (it reads no module-level tr())

# The core's English reasons for shipment fields, in the UI language (reasons.py has the
# general ones; these are the shipment services' own).
REASONS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(pattern), template)
    for pattern, template in (
        (r"^required$", QT_TRANSLATE_NOOP("Shipments", "required")),
        (r"^not a number$", QT_TRANSLATE_NOOP("Shipments", "not a number")),
        (r"^must be more than 0$", QT_TRANSLATE_NOOP("Shipments", "must be more than 0")),
        (r"^must not be negative$", QT_TRANSLATE_NOOP("Shipments", "must not be negative")),
        (r"^more than (\d+) decimal places$",
         QT_TRANSLATE_NOOP("Shipments", "more than {0} decimal places")),
        (r"^too large$", QT_TRANSLATE_NOOP("Shipments", "too large")),
        (r"^no such SKU$", QT_TRANSLATE_NOOP("Shipments", "choose a SKU from the list")),
        (r"^SKU (.+) is on an earlier line$",
         QT_TRANSLATE_NOOP("Shipments", "SKU {0} is on an earlier line")),
        (r"^no such warehouse$", QT_TRANSLATE_NOOP("Shipments", "choose a warehouse")),
        (r"^warehouse (.+) is not active$",
         QT_TRANSLATE_NOOP("Shipments", "warehouse {0} is not active")),
        (r"^the same as the origin$", QT_TRANSLATE_NOOP("Shipments", "the same as the origin")),
        (r"^another shipment has this reference$",
         QT_TRANSLATE_NOOP("Shipments", "another shipment has this reference")),
        (r"^longer than (\d+) characters$",
         QT_TRANSLATE_NOOP("Shipments", "longer than {0} characters")),
        (r"^required, at most 30 characters$",
         QT_TRANSLATE_NOOP("Shipments", "required, at most 30 characters")),
        (r"^must be a whole number above 0$",
         QT_TRANSLATE_NOOP("Shipments", "must be a whole number above 0")),
        (r"^two cartons with the same number$",
         QT_TRANSLATE_NOOP("Shipments", "two cartons with the same number")),
        (r"^not a known currency code$",
         QT_TRANSLATE_NOOP("Shipments", "not a known currency code")),
        (r"^no (\w+) exchange rate on or before (\S+): give one$",
         QT_TRANSLATE_NOOP("Shipments", "no {0} exchange rate on or before {1}: enter one")),
        (r"^before the ship date (\S+)$",
         QT_TRANSLATE_NOOP("Shipments", "before the ship date {0}")),
        (r"^this SKU is not on the shipment$",
         QT_TRANSLATE_NOOP("Shipments", "this SKU is not on the shipment")),
        (r"^allocation by (.+) needs (.+)$",
         QT_TRANSLATE_NOOP("Shipments", "allocation by {0} needs {1}")),
    )
]  # fmt: skip


tr = translator(CONTEXT)

label = labeller(CONTEXT)


def translate_problem(reason: str) -> str:
    """A shipment problem's reason in the UI language (the general table as a fallback)."""
    return match_reason(REASONS, CONTEXT, reason) or translate_reason(reason)


_ITEM = re.compile(r"^(\w+)\[([^\]]+)\](?:\.(\w+))?$")


def split_field(name: str) -> tuple[str, str | None, str]:
    """A core problem's field: "lines[1].quantity" → ("lines", "1", "quantity"),
    "received[7]" → ("received", "7", ""), "carrier" → ("carrier", None, "")."""
    match = _ITEM.match(name)
    if match is None:
        return name, None, ""
    return match.group(1), match.group(2), match.group(3) or ""


def number(value: Decimal | None) -> str:
    """12 / 0.5 / 1,250 — exact, grouped, no trailing zeros or exponent; empty for None."""
    if value is None:
        return ""
    return f"{value.normalize():,f}"


def money(value: Decimal | None, places: int = 2) -> str:
    """1,299.00 — grouped, `places` decimals."""
    if value is None:
        return ""
    return f"{value.quantize(Decimal(1).scaleb(-places)):,}"


def day(value: dt.date | None) -> str:
    return "" if value is None else value.isoformat()


def _status_colour(row: ShipmentRow) -> QColor | None:
    if row.status in ("draft", "cancelled"):
        return MUTED
    if _late(row):
        return WARN
    return GOOD if row.status == "received" else None


def _late(row: ShipmentRow) -> bool:
    return (
        row.status in ("shipped", "partially_received")
        and row.expected_date is not None
        and row.expected_date < dt.date.today()
    )


def _status_tip(row: ShipmentRow) -> str:
    tips = []
    if row.status == "partially_received":
        tips.append(tr(TEXT["{0} of {1} received"]).format(
            number(row.received_units), number(row.units)))  # fmt: skip
    if _late(row):
        tips.append(tr(TEXT["Late: expected {0}"]).format(day(row.expected_date)))
    return "\n".join(tips)


def shipment_columns() -> list[Column]:
    """Built when the screen is, so the titles follow the installed translation."""
    return [
        Column("ref", tr(TEXT["Ref"]), lambda r: r.ref, width=13),
        Column("origin", tr(TEXT["Route"]), lambda r: f"{r.origin} → {r.destination}", width=24),
        Column("status", tr(TEXT["Status"]), lambda r: label(STATUSES, r.status), width=13,
               colour=_status_colour, tooltip=_status_tip),
        Column("ship_date", tr(TEXT["Ship date"]), lambda r: day(r.ship_date), CENTER, width=10),
        Column("expected_date", tr(TEXT["Expected"]), lambda r: day(r.expected_date), CENTER,
               width=10),
        Column("received_date", tr(TEXT["Received on"]), lambda r: day(r.received_date), CENTER,
               width=10),
        Column("lines", tr(TEXT["Lines"]), lambda r: str(r.lines), RIGHT, width=4),
        Column("units", tr(TEXT["Units"]), lambda r: number(r.units), RIGHT, width=7),
        Column("cartons", tr(TEXT["Cartons"]), lambda r: str(r.cartons), RIGHT, width=5),
        Column("cost_cny", tr(TEXT["First-leg cost (CNY)"]), lambda r: money(r.cost_cny), RIGHT,
               width=10),
    ]  # fmt: skip
