"""The ledger table's columns and the translated names of the stock move kinds."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QObject
from PySide6.QtGui import QColor

from desktop_app.core.services import ledger_query
from desktop_app.core.services.ledger_query import MoveRow
from desktop_app.ui.models.lazy_table import RIGHT, Column, LazyTableModel, Sort, attr
from desktop_app.ui.models.order_table import money
from desktop_app.ui.models.stock_table import quantity
from desktop_app.ui.models.texts import translator
from desktop_app.ui.tasks import TaskRunner

OUT = QColor("#c0392b")
MUTED = QColor("#7a8594")

KINDS = {
    "receipt": QT_TRANSLATE_NOOP("LedgerTable", "Receipt"),
    "shipment_out": QT_TRANSLATE_NOOP("LedgerTable", "Shipped out"),
    "transfer_in": QT_TRANSLATE_NOOP("LedgerTable", "Transfer in"),
    "sale": QT_TRANSLATE_NOOP("LedgerTable", "Sale"),
    "customer_return": QT_TRANSLATE_NOOP("LedgerTable", "Customer return"),
    "adjustment": QT_TRANSLATE_NOOP("LedgerTable", "Adjustment"),
    "stocktake_gain": QT_TRANSLATE_NOOP("LedgerTable", "Stocktake gain"),
    "stocktake_loss": QT_TRANSLATE_NOOP("LedgerTable", "Stocktake loss"),
    "reversal": QT_TRANSLATE_NOOP("LedgerTable", "Reversal"),
}

TEXT = {
    "No.": QT_TRANSLATE_NOOP("LedgerTable", "No."),
    "Date": QT_TRANSLATE_NOOP("LedgerTable", "Date"),
    "Kind": QT_TRANSLATE_NOOP("LedgerTable", "Kind"),
    "SKU": QT_TRANSLATE_NOOP("LedgerTable", "SKU"),
    "Name": QT_TRANSLATE_NOOP("LedgerTable", "Name"),
    "Warehouse": QT_TRANSLATE_NOOP("LedgerTable", "Warehouse"),
    "Quantity": QT_TRANSLATE_NOOP("LedgerTable", "Quantity"),
    "Unit cost": QT_TRANSLATE_NOOP("LedgerTable", "Unit cost"),
    "Value": QT_TRANSLATE_NOOP("LedgerTable", "Value"),
    "Qty after": QT_TRANSLATE_NOOP("LedgerTable", "Qty after"),
    "Value after": QT_TRANSLATE_NOOP("LedgerTable", "Value after"),
    "Reference": QT_TRANSLATE_NOOP("LedgerTable", "Reference"),
    "Note": QT_TRANSLATE_NOOP("LedgerTable", "Note"),
    "Reversed by": QT_TRANSLATE_NOOP("LedgerTable", "Reversed by"),
    "reverses no. {0}": QT_TRANSLATE_NOOP("LedgerTable", "reverses no. {0}"),
    "no. {0}": QT_TRANSLATE_NOOP("LedgerTable", "no. {0}"),
    "The position right after this move, as posted": QT_TRANSLATE_NOOP(
        "LedgerTable", "The position right after this move, as posted"
    ),
    "Posted by {0}": QT_TRANSLATE_NOOP("LedgerTable", "Posted by {0}"),
}  # marked for lupdate, which reads no module-level tr()


tr = translator("LedgerTable")


def kind_label(kind: str) -> str:
    source = KINDS.get(kind)
    return tr(source) if source else kind


def _reversal(row: MoveRow) -> str:
    if row.reversed_by is not None:
        return tr(TEXT["no. {0}"]).format(row.reversed_by)
    if row.reverses is not None:
        return tr(TEXT["reverses no. {0}"]).format(row.reverses)
    return ""


def _undone(row: MoveRow) -> QColor | None:
    """Moves cancelled by a reversal, and the reversals, read grey: they net to nothing."""
    return MUTED if row.reversed_by is not None or row.reverses is not None else None


def _signed(row: MoveRow) -> QColor | None:
    return _undone(row) or (OUT if row.quantity < 0 else None)


def _after_tip(_row: MoveRow) -> str:
    return tr(TEXT["The position right after this move, as posted"])


def ledger_columns() -> list[Column]:
    """Built when the screen is, so the titles follow the installed translation."""
    return [
        Column("id", tr(TEXT["No."]), attr("id"), RIGHT, width=6,
               tooltip=lambda r: tr(TEXT["Posted by {0}"]).format(r.actor)),
        Column("move_date", tr(TEXT["Date"]), lambda r: r.move_date.isoformat(), width=10),
        Column("kind", tr(TEXT["Kind"]), lambda r: kind_label(r.kind), width=11, colour=_undone),
        Column("sku", tr(TEXT["SKU"]), attr("sku_code"), width=12),
        Column("sku_name", tr(TEXT["Name"]), attr("sku_name"), width=14, shown=False,
               sortable=False),
        Column("warehouse", tr(TEXT["Warehouse"]), attr("warehouse_code"), width=10),
        Column("quantity", tr(TEXT["Quantity"]), lambda r: quantity(r.quantity), RIGHT,
               width=7, colour=_signed),
        Column("unit_cost", tr(TEXT["Unit cost"]), lambda r: money(r.unit_cost), RIGHT,
               width=8),
        Column("value", tr(TEXT["Value"]), lambda r: money(r.value), RIGHT, width=9,
               colour=_signed),
        Column("qty_after", tr(TEXT["Qty after"]), lambda r: quantity(r.qty_after), RIGHT,
               width=7, tooltip=_after_tip),
        Column("value_after", tr(TEXT["Value after"]), lambda r: money(r.value_after), RIGHT,
               width=9, tooltip=_after_tip),
        Column("reference", tr(TEXT["Reference"]), attr("reference"), width=14, sortable=False),
        Column("note", tr(TEXT["Note"]), attr("note"), width=14, shown=False, sortable=False,
               tooltip=attr("note")),
        Column("reversal", tr(TEXT["Reversed by"]), _reversal, width=8, sortable=False,
               colour=_undone),
    ]  # fmt: skip


class LedgerTableModel(LazyTableModel):
    """Stock moves by id, newest posted first unless sorted otherwise."""

    def __init__(self, tasks: TaskRunner, *, sort: Sort, parent: QObject | None = None) -> None:
        columns = ledger_columns()
        super().__init__(columns, tasks, ledger_query.move_rows, sort=sort, parent=parent)
