"""The stock table: a lazy model of positions (SKU × warehouse) and its columns."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from functools import partial

from PySide6.QtCore import QT_TRANSLATE_NOOP, QObject
from PySide6.QtGui import QColor

from desktop_app.core.services import position_query
from desktop_app.core.services.position_query import StockRow
from desktop_app.ui.models.lazy_table import RIGHT, Column, LazyTableModel, Sort, attr
from desktop_app.ui.models.order_table import money
from desktop_app.ui.models.texts import translator
from desktop_app.ui.tasks import TaskRunner

WARN = QColor("#c0392b")
LOW = QColor("#b9770e")
MUTED = QColor("#7a8594")
NOT_KEPT = "—"

TEXT = {
    "SKU": QT_TRANSLATE_NOOP("StockTable", "SKU"),
    "Name": QT_TRANSLATE_NOOP("StockTable", "Name"),
    "Warehouse": QT_TRANSLATE_NOOP("StockTable", "Warehouse"),
    "On hand": QT_TRANSLATE_NOOP("StockTable", "On hand"),
    "In transit": QT_TRANSLATE_NOOP("StockTable", "In transit"),
    "Reserved": QT_TRANSLATE_NOOP("StockTable", "Reserved"),
    "Available": QT_TRANSLATE_NOOP("StockTable", "Available"),
    "Value (CNY)": QT_TRANSLATE_NOOP("StockTable", "Value (CNY)"),
    "Unit cost (CNY)": QT_TRANSLATE_NOOP("StockTable", "Unit cost (CNY)"),
    "Days of cover": QT_TRANSLATE_NOOP("StockTable", "Days of cover"),
    "Sells {0} a day (last {1} days); low: time to send more": QT_TRANSLATE_NOOP(
        "StockTable", "Sells {0} a day (last {1} days); low: time to send more"
    ),
    "Sells {0} a day (last {1} days)": QT_TRANSLATE_NOOP(
        "StockTable", "Sells {0} a day (last {1} days)"
    ),
    "No sales in the last {0} days": QT_TRANSLATE_NOOP(
        "StockTable", "No sales in the last {0} days"
    ),
    "At or below its reorder point": QT_TRANSLATE_NOOP(
        "StockTable", "At or below its reorder point"
    ),
    "Not kept for past dates": QT_TRANSLATE_NOOP("StockTable", "Not kept for past dates"),
    "Below zero: sold before it was received": QT_TRANSLATE_NOOP(
        "StockTable", "Below zero: sold before it was received"
    ),
}  # column titles and notes, marked for lupdate (it reads no module-level tr())


tr = translator("StockTable")


def quantity(value: Decimal) -> str:
    """1,234 or 1,234.5: grouped, no trailing zeros (quantities keep 5 places)."""
    if value == value.to_integral_value():
        return f"{int(value):,}"
    return f"{value.normalize():,f}"


def _not_kept(figure: str) -> Callable[[StockRow], str]:
    def text(row: StockRow) -> str:
        return NOT_KEPT if row.historical else quantity(getattr(row, figure))

    return text


def _cover(row: StockRow) -> str:
    return "" if row.days_of_cover is None else f"{row.days_of_cover:,}"


def _cover_tip(row: StockRow) -> str:
    days = position_query.VELOCITY_DAYS
    if not row.velocity:
        note = tr(TEXT["No sales in the last {0} days"]).format(days)
    elif row.low:
        note = tr(TEXT["Sells {0} a day (last {1} days); low: time to send more"])
        note = note.format(quantity(row.velocity), days)
    else:
        note = tr(TEXT["Sells {0} a day (last {1} days)"]).format(quantity(row.velocity), days)
    if row.low and not row.velocity:
        note += "\n" + tr(TEXT["At or below its reorder point"])
    return note


def _not_kept_tip(row: StockRow) -> str:
    return tr(TEXT["Not kept for past dates"]) if row.historical else ""


def _on_hand_tip(row: StockRow) -> str:
    return tr(TEXT["Below zero: sold before it was received"]) if row.on_hand < 0 else ""


def _on_hand_colour(row: StockRow) -> QColor | None:
    return WARN if row.on_hand < 0 else None


def stock_columns() -> list[Column]:
    """Built when the screen is, so the titles follow the installed translation."""
    return [
        Column("sku_code", tr(TEXT["SKU"]), attr("sku_code"), width=14),
        Column("sku_name", tr(TEXT["Name"]), attr("sku_name"), width=18),
        Column("warehouse", tr(TEXT["Warehouse"]), attr("warehouse_code"), width=11),
        Column(
            "on_hand",
            tr(TEXT["On hand"]),
            lambda r: quantity(r.on_hand),
            RIGHT,
            width=8,
            colour=_on_hand_colour,
            tooltip=_on_hand_tip,
        ),
        Column(
            "in_transit",
            tr(TEXT["In transit"]),
            _not_kept("in_transit"),
            RIGHT,
            width=8,
            tooltip=_not_kept_tip,
        ),
        Column(
            "reserved",
            tr(TEXT["Reserved"]),
            _not_kept("reserved"),
            RIGHT,
            width=7,
            shown=False,
            tooltip=_not_kept_tip,
        ),
        Column(
            "available",
            tr(TEXT["Available"]),
            lambda r: quantity(r.available),
            RIGHT,
            width=8,
            colour=lambda r: WARN if r.available < 0 else None,
        ),
        Column("value", tr(TEXT["Value (CNY)"]), lambda r: money(r.value), RIGHT, width=12),
        Column(
            "unit_cost",
            tr(TEXT["Unit cost (CNY)"]),
            lambda r: money(r.unit_cost),
            RIGHT,
            width=9,
            colour=lambda r: MUTED if r.on_hand <= 0 else None,
        ),
        Column(
            "days_of_cover",
            tr(TEXT["Days of cover"]),
            _cover,
            RIGHT,
            width=8,
            tooltip=_cover_tip,
            colour=lambda r: LOW if r.low else None,
        ),
    ]


class StockTableModel(LazyTableModel):
    """Positions by id; the rows show the stored balances or the valuation at a date."""

    def __init__(self, tasks: TaskRunner, *, sort: Sort, parent: QObject | None = None) -> None:
        columns = stock_columns()
        super().__init__(columns, tasks, position_query.stock_rows, sort=sort, parent=parent)
        self.as_of: dt.date | None = None

    def set_as_of(self, as_of: dt.date | None) -> None:
        """Rows read from now on show the figures at the end of `as_of` (None: now).

        Call before set_query: the new query's first page is read with them.
        """
        self.as_of = as_of
        self.fetch_rows = partial(position_query.stock_rows, as_of=as_of)
