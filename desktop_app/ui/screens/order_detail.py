"""The detail pane under the orders table: one order's money, dates, route and its lines."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush
from PySide6.QtWidgets import (
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.services.order_query import LineRow, OrderDetail
from desktop_app.ui.models.order_table import (
    CUSTOMS_MODES,
    FULFILMENTS,
    PLATFORMS,
    STATUSES,
    WARN,
    label,
    money,
)
from desktop_app.ui.widgets.list_table import read_only_table

RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


def _when(value: dt.datetime | None) -> str:
    return "—" if value is None else value.astimezone().strftime("%Y-%m-%d %H:%M")


class OrderDetailPane(QWidget):
    """Shows an OrderDetail (or a hint when no order is selected)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.detail: OrderDetail | None = None
        self.summary = QLabel(objectName="orderSummary")
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.lines = self._build_lines()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        layout.addWidget(self.summary)
        layout.addWidget(self.lines, 1)
        self.show_detail(None)

    def _build_lines(self) -> QTableWidget:
        headers = [
            self.tr("#"),
            self.tr("Platform SKU"),
            self.tr("Product"),
            self.tr("SKU"),
            self.tr("Quantity"),
            self.tr("Unit price"),
            self.tr("Amount"),
            self.tr("Mapped"),
        ]
        table = read_only_table(headers)
        table.setWordWrap(False)
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        return table

    def show_detail(self, detail: OrderDetail | None) -> None:
        self.detail = detail
        if detail is None:
            self.summary.setText(self.tr("Select an order to see its lines."))
            self.lines.setRowCount(0)
            return
        self.summary.setText(self._summary(detail))
        self.lines.setRowCount(len(detail.lines))
        for number, line in enumerate(detail.lines):
            self._put_line(number, line, detail.row.currency)

    def _summary(self, d: OrderDetail) -> str:
        r = d.row
        route = label(CUSTOMS_MODES, r.customs_mode) or self.tr("Not routed")
        if r.routing_overridden:
            route += self.tr(" (routed by hand)")
        channel = f" · {d.fulfilment_channel}" if d.fulfilment_channel else ""
        parts = [
            f"{label(PLATFORMS, r.platform)} · {r.shop} · {r.order_id} · "
            f"{label(STATUSES, r.status)} ({d.platform_status or '—'})",
            self.tr("Ordered {0} · paid {1} · shipped {2} · ship to {3}").format(
                _when(r.ordered_at), _when(d.paid_at), _when(d.shipped_at), r.ship_country or "—"
            ),
            self.tr("Total {0} {1} · shipping {2} · discount {3} · tax {4} · platform fees {5}")
            .format(r.currency, money(r.total) or "—", money(d.shipping), money(d.discount),
                    money(d.tax), money(d.platform_fees)),
            self.tr("Customs mode: {0} · fulfilment: {1}{2} · warehouse: {3}").format(
                route, label(FULFILMENTS, r.fulfilment), channel, r.warehouse or "—"
            ),
        ]  # fmt: skip
        return "\n".join(parts)

    def _put_line(self, number: int, line: LineRow, currency: str) -> None:
        sku = f"{line.sku_code} {line.sku_name}".strip() if line.mapped else ""
        cells = [
            (str(line.line_no), RIGHT),
            (line.platform_sku, None),
            (line.product_name, None),
            (sku, None),
            (f"{line.quantity.normalize():f}", RIGHT),
            (money(line.unit_price), RIGHT),
            (money(line.amount), RIGHT),
            (self.tr("Yes") if line.mapped else self.tr("No — map it"), None),
        ]
        for column, (text, align) in enumerate(cells):
            item = QTableWidgetItem(text)
            if align is not None:
                item.setTextAlignment(align)
            if column == 2:
                item.setToolTip(text)
            if column == len(cells) - 1 and not line.mapped:
                item.setForeground(QBrush(WARN))
            self.lines.setItem(number, column, item)
