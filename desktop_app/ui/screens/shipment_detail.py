"""The detail pane under the shipments table: header, lines, cartons, costs and discrepancies."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush
from PySide6.QtWidgets import (
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.services.shipment_query import (
    CartonRow,
    CostRow,
    DetailLine,
    ShipmentDetail,
)
from desktop_app.ui.models.shipment_table import (
    BASES,
    COST_KINDS,
    DISCREPANCIES,
    GOOD,
    STATUSES,
    WARN,
    day,
    label,
    money,
    number,
)
from desktop_app.ui.widgets.list_table import read_only_table

RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
Cell = tuple[str, bool]  # text, right-aligned
PADDING = 20


def detail_table(headers: list[str], stretch: int) -> QTableWidget:
    """A read-only table of a few rows, fitted to its contents but for one stretching column."""
    table = read_only_table(headers)
    table.setWordWrap(False)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setStretchLastSection(False)
    header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    table.setProperty("stretch", stretch)
    fit_columns(table)
    return table


def fit_columns(table: QTableWidget) -> None:
    """Every column but the stretching one fitted to its title and cells, with room to spare
    (contents-tight columns run Chinese titles into the next one)."""
    for column in range(table.columnCount()):
        if column != table.property("stretch"):
            table.resizeColumnToContents(column)
            table.setColumnWidth(column, table.columnWidth(column) + PADDING)


def put_rows(table: QTableWidget, rows: Sequence[Sequence[Cell]]) -> None:
    table.setRowCount(len(rows))
    for number_, cells in enumerate(rows):
        for column, (text, right) in enumerate(cells):
            item = QTableWidgetItem(text)
            if right:
                item.setTextAlignment(RIGHT)
            table.setItem(number_, column, item)
    fit_columns(table)


class ShipmentDetailPane(QWidget):
    """Shows a ShipmentDetail (or a hint when no shipment is selected)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.detail: ShipmentDetail | None = None
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.lines = detail_table(
            [self.tr("SKU"), self.tr("Product"), self.tr("Shipped"), self.tr("Received"),
             self.tr("Outstanding"), self.tr("Unit cost"), self.tr("First-leg cost"),
             self.tr("Landed unit cost")], 1)  # fmt: skip
        self.cartons = detail_table(
            [self.tr("Carton no."), self.tr("Count"), self.tr("L × W × H (cm)"),
             self.tr("Gross kg each"), self.tr("Gross kg"), self.tr("Contents")], 5)  # fmt: skip
        self.costs = detail_table(
            [self.tr("Kind"), self.tr("Description"), self.tr("Amount"), self.tr("Currency"),
             self.tr("Rate"), self.tr("CNY")], 1)  # fmt: skip
        self.discrepancies = detail_table(
            [self.tr("SKU"), self.tr("Shipped"), self.tr("Received"), self.tr("Difference"),
             self.tr("State"), self.tr("Value (CNY)")], 4)  # fmt: skip
        self.tabs = QTabWidget()
        for table in (self.lines, self.cartons, self.costs, self.discrepancies):
            self.tabs.addTab(table, "")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        layout.addWidget(self.summary)
        layout.addWidget(self.tabs, 1)
        self.show_detail(None)

    def show_detail(self, detail: ShipmentDetail | None) -> None:
        self.detail = detail
        if detail is None:
            self.summary.setText(self.tr("Select a shipment to see its lines, cartons and costs."))
            for table in (self.lines, self.cartons, self.costs, self.discrepancies):
                table.setRowCount(0)
            self._tab_titles(0, 0, 0, 0)
            return
        self.summary.setText(self._summary(detail))
        put_rows(self.lines, [self._line(line) for line in detail.lines])
        put_rows(self.cartons, [self._carton(c) for c in detail.cartons])
        put_rows(self.costs, [self._cost(c) for c in detail.costs])
        self._show_discrepancies(detail)
        off = sum(1 for d in detail.discrepancies if d.kind in ("shortage", "overage"))
        self._tab_titles(len(detail.lines), len(detail.cartons), len(detail.costs), off)

    def _tab_titles(self, lines: int, cartons: int, costs: int, off: int) -> None:
        titles = (self.tr("Lines ({0})").format(lines), self.tr("Cartons ({0})").format(cartons),
                  self.tr("Costs ({0})").format(costs),
                  self.tr("Discrepancies ({0})").format(off) if off else
                  self.tr("Discrepancies"))  # fmt: skip
        for index, title in enumerate(titles):
            self.tabs.setTabText(index, title)

    def _summary(self, d: ShipmentDetail) -> str:
        r = d.row
        dates = self.tr("Shipped {0} · expected {1} · received {2}").format(
            day(r.ship_date) or "—", day(r.expected_date) or "—", day(r.received_date) or "—"
        )
        refs = self.tr("Carrier {0} · tracking {1} · booking no. {2}").format(
            d.carrier or "—", d.tracking_no or "—", d.booking_no or "—"
        )
        allocation = self.tr(
            "First-leg cost {0} CNY allocated by {1} · {2} cartons, {3} kg gross, "
            "{4} kg chargeable (÷{5})"
        ).format(money(r.cost_cny), label(BASES, d.allocation_basis).lower(), r.cartons,
                 number(d.gross_weight_kg), money(d.chargeable_weight_kg),
                 d.volumetric_divisor)  # fmt: skip
        head = (f"{r.ref} · {label(STATUSES, r.status)} · {r.origin} {d.origin_name} → "
                f"{r.destination} {d.destination_name}")  # fmt: skip
        return "\n".join((head, dates, refs, allocation))

    def _line(self, line: DetailLine) -> list[Cell]:
        return [
            (line.sku_code, False), (line.sku_name, False), (number(line.quantity), True),
            (number(line.received), True), (number(line.outstanding), True),
            (money(line.unit_cost, 4), True), (money(line.allocated_cost), True),
            (money(line.landed_unit_cost, 4), True),
        ]  # fmt: skip

    def _carton(self, c: CartonRow) -> list[Cell]:
        size = f"{number(c.length_cm)} × {number(c.width_cm)} × {number(c.height_cm)}"
        return [
            (c.carton_no, False), (str(c.carton_count), True), (size, True),
            (number(c.gross_weight_kg), True), (number(c.gross_weight_kg * c.carton_count), True),
            (c.contents, False),
        ]  # fmt: skip

    def _cost(self, c: CostRow) -> list[Cell]:
        rate = "" if c.fx_rate is None else number(c.fx_rate)
        return [
            (label(COST_KINDS, c.kind), False), (c.description, False), (money(c.amount), True),
            (c.currency, False), (rate, True), (money(c.amount_cny), True),
        ]  # fmt: skip

    def _show_discrepancies(self, detail: ShipmentDetail) -> None:
        rows = []
        for d in detail.discrepancies:
            sign = "+" if d.difference > 0 else ""
            rows.append([
                (d.sku_code, False), (number(d.shipped), True), (number(d.received), True),
                (f"{sign}{number(d.difference)}", True), (label(DISCREPANCIES, d.kind), False),
                (money(d.value) if d.difference else "", True),
            ])  # fmt: skip
        put_rows(self.discrepancies, rows)
        for index, d in enumerate(detail.discrepancies):
            colour = {"shortage": WARN, "overage": WARN, "match": GOOD}.get(d.kind)
            if colour is not None:
                self.discrepancies.item(index, 4).setForeground(QBrush(colour))
