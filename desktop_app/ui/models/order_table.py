"""The columns of the orders table, and the translated names of platforms, statuses and routes."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtGui import QColor

from desktop_app.core.services.order_query import OrderRow
from desktop_app.ui.models.lazy_table import CENTER, RIGHT, Column, attr
from desktop_app.ui.models.texts import labeller, translator

WARN = QColor("#c0392b")
MUTED = QColor("#7a8594")

PLATFORMS = {
    "amazon": QT_TRANSLATE_NOOP("Orders", "Amazon"),
    "shopee": QT_TRANSLATE_NOOP("Orders", "Shopee"),
    "tiktok": QT_TRANSLATE_NOOP("Orders", "TikTok Shop"),
    "aliexpress": QT_TRANSLATE_NOOP("Orders", "AliExpress"),
    "generic": QT_TRANSLATE_NOOP("Orders", "Other platform"),
    "offline": QT_TRANSLATE_NOOP("Orders", "Offline"),
}
STATUSES = {
    "pending": QT_TRANSLATE_NOOP("Orders", "Pending"),
    "unpaid": QT_TRANSLATE_NOOP("Orders", "Unpaid"),
    "paid": QT_TRANSLATE_NOOP("Orders", "Paid"),
    "shipped": QT_TRANSLATE_NOOP("Orders", "Shipped"),
    "delivered": QT_TRANSLATE_NOOP("Orders", "Delivered"),
    "completed": QT_TRANSLATE_NOOP("Orders", "Completed"),
    "cancelled": QT_TRANSLATE_NOOP("Orders", "Cancelled"),
    "refunded": QT_TRANSLATE_NOOP("Orders", "Refunded"),
    "returned": QT_TRANSLATE_NOOP("Orders", "Returned"),
}
FULFILMENTS = {
    "china_direct": QT_TRANSLATE_NOOP("Orders", "Shipped from China"),
    "overseas_warehouse": QT_TRANSLATE_NOOP("Orders", "Overseas warehouse"),
    "platform": QT_TRANSLATE_NOOP("Orders", "Platform warehouse (FBA)"),
    "b2b": QT_TRANSLATE_NOOP("Orders", "B2B"),
}
CUSTOMS_MODES = {
    "9610": QT_TRANSLATE_NOOP("Orders", "9610 E-commerce retail (B2C)"),
    "9710": QT_TRANSLATE_NOOP("Orders", "9710 E-commerce B2B direct export"),
    "9810": QT_TRANSLATE_NOOP("Orders", "9810 Export to overseas warehouse"),
    "0110": QT_TRANSLATE_NOOP("Orders", "0110 General trade"),
}

TEXT = {
    "Currency": QT_TRANSLATE_NOOP("Orders", "Currency"),
    "Customs mode": QT_TRANSLATE_NOOP("Orders", "Customs mode"),
    "Fulfilment": QT_TRANSLATE_NOOP("Orders", "Fulfilment"),
    "Lines": QT_TRANSLATE_NOOP("Orders", "Lines"),
    "Lines whose platform SKU is not mapped to a SKU yet": QT_TRANSLATE_NOOP(
        "Orders", "Lines whose platform SKU is not mapped to a SKU yet"
    ),
    "Not routed": QT_TRANSLATE_NOOP("Orders", "Not routed"),
    "Order ID": QT_TRANSLATE_NOOP("Orders", "Order ID"),
    "Ordered": QT_TRANSLATE_NOOP("Orders", "Ordered"),
    "Platform": QT_TRANSLATE_NOOP("Orders", "Platform"),
    "Routed by hand": QT_TRANSLATE_NOOP("Orders", "Routed by hand"),
    "SKU mapping": QT_TRANSLATE_NOOP("Orders", "SKU mapping"),
    "Ship to": QT_TRANSLATE_NOOP("Orders", "Ship to"),
    "Shop": QT_TRANSLATE_NOOP("Orders", "Shop"),
    "Status": QT_TRANSLATE_NOOP("Orders", "Status"),
    "Total": QT_TRANSLATE_NOOP("Orders", "Total"),
    "Warehouse": QT_TRANSLATE_NOOP("Orders", "Warehouse"),
    "{0} unmapped": QT_TRANSLATE_NOOP("Orders", "{0} unmapped"),
}  # column titles and notes, marked for lupdate (it reads no module-level tr())


tr = translator("Orders")

label = labeller("Orders")


CENT = Decimal("0.01")


def money(value: Decimal | None) -> str:
    """1,299.00 — grouped, two places unless more are significant; empty while unpriced."""
    if value is None:
        return ""
    shown = value.quantize(CENT) if value == value.quantize(CENT) else value.normalize()
    return f"{shown:,}"


def local_time(row: OrderRow) -> str:
    return row.ordered_at.astimezone().strftime("%Y-%m-%d %H:%M")


def _unmapped(row: OrderRow) -> str:
    return tr(TEXT["{0} unmapped"]).format(row.unmapped) if row.unmapped else ""


def _mode(row: OrderRow) -> str:
    return row.customs_mode or tr(TEXT["Not routed"])


def _status_colour(row: OrderRow) -> QColor | None:
    return MUTED if row.status in ("cancelled", "pending", "unpaid") else None


def order_columns() -> list[Column]:
    """Built when the screen is, so the titles follow the installed translation."""
    return [
        Column("ordered_at", tr(TEXT["Ordered"]), local_time, width=16),
        Column("platform", tr(TEXT["Platform"]), lambda r: label(PLATFORMS, r.platform), width=11),
        Column("shop", tr(TEXT["Shop"]), attr("shop"), width=14),
        Column("order_id", tr(TEXT["Order ID"]), attr("order_id"), width=20),
        Column(
            "status",
            tr(TEXT["Status"]),
            lambda r: label(STATUSES, r.status),
            width=8,
            colour=_status_colour,
        ),
        Column("currency", tr(TEXT["Currency"]), attr("currency"), CENTER, width=4),
        Column("total", tr(TEXT["Total"]), lambda r: money(r.total), RIGHT, width=10),
        Column("lines", tr(TEXT["Lines"]), attr("lines"), RIGHT, width=3),
        Column("ship_country", tr(TEXT["Ship to"]), attr("ship_country"), CENTER, width=4),
        Column(
            "customs_mode",
            tr(TEXT["Customs mode"]),
            _mode,
            CENTER,
            width=8,
            tooltip=lambda r: label(CUSTOMS_MODES, r.customs_mode),
            colour=lambda r: MUTED if r.customs_mode is None else None,
        ),
        Column(
            "fulfilment",
            tr(TEXT["Fulfilment"]),
            lambda r: label(FULFILMENTS, r.fulfilment),
            width=18,
            tooltip=lambda r: tr(TEXT["Routed by hand"]) if r.routing_overridden else "",
        ),
        Column("warehouse", tr(TEXT["Warehouse"]), attr("warehouse"), width=12, shown=False),
        Column(
            "unmapped",
            tr(TEXT["SKU mapping"]),
            _unmapped,
            width=10,
            colour=lambda r: WARN if r.unmapped else None,
            tooltip=lambda r: (
                tr(TEXT["Lines whose platform SKU is not mapped to a SKU yet"])
                if r.unmapped
                else ""
            ),
        ),
    ]
