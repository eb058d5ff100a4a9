"""Replenishment suggestions (补货建议) for one overseas warehouse, turned into a draft shipment.

The suggestions come from the last N days' sales velocity and each position's rule
(replenishment.suggestions); the quantities can be changed and lines left out before
"Create draft shipment" makes one draft from the chosen origin, opened in the editor.
"""

from __future__ import annotations

import dataclasses
from decimal import Decimal, InvalidOperation

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from desktop_app.core.jobs import Job
from desktop_app.core.services import replenishment, shipment_query
from desktop_app.core.services.replenishment import Suggestion
from desktop_app.ui.context import AppContext
from desktop_app.ui.events import Changes
from desktop_app.ui.models.shipment_table import WARN, number
from desktop_app.ui.widgets.edit_table import EditTable

REASONS = {
    "reorder_point": QT_TRANSLATE_NOOP("ReplenishmentDialog", "At or below its reorder point"),
    "lead_time": QT_TRANSLATE_NOOP("ReplenishmentDialog", "Runs out within the lead time"),
}
CHECK = "chosen"


class ReplenishmentDialog(QDialog):
    created = Signal(int)  # the draft shipment's id

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.suggestions: list[Suggestion] = []
        self.setWindowTitle(self.tr("Replenishment suggestions"))
        with ctx.db.sessions() as session:
            warehouses = [w for w in shipment_query.warehouse_choices(session) if w.active]
        self.destination = QComboBox()
        self.origin = QComboBox()
        for w in warehouses:
            if w.kind != "domestic":
                self.destination.addItem(f"{w.code} {w.name}", w.id)
        for w in sorted(warehouses, key=lambda w: w.kind != "domestic"):
            self.origin.addItem(f"{w.code} {w.name}", w.id)
        self.days = QSpinBox()
        self.days.setRange(1, 365)
        self.days.setValue(30)
        self.days.setSuffix(self.tr(" days"))
        self.table = self._build_table()
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.create_button = QPushButton(self.tr("Create draft shipment"))
        self.create_button.setDefault(True)
        self.create_button.clicked.connect(self.create_shipment)
        self._layout()
        self.destination.currentIndexChanged.connect(lambda _i: self.reload())
        self.days.valueChanged.connect(lambda _v: self.reload())
        self.resize(1040, 600)
        self.reload()

    def _layout(self) -> None:
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Send to")))
        top.addWidget(self.destination, 1)
        top.addWidget(QLabel(self.tr("Sales velocity over the last")))
        top.addWidget(self.days)
        bottom = QHBoxLayout()
        bottom.addWidget(QLabel(self.tr("Ship from")))
        bottom.addWidget(self.origin, 1)
        bottom.addWidget(self.create_button)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        bottom.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.note)
        layout.addLayout(bottom)

    def _build_table(self) -> EditTable:
        figures = ("on_hand", "in_transit", "velocity", "cover", "reorder_point", "suggested")
        table = EditTable(
            [(CHECK, ""), ("sku", self.tr("SKU")), ("name", self.tr("Product")),
             ("on_hand", self.tr("On hand")), ("in_transit", self.tr("In transit")),
             ("velocity", self.tr("Sold per day")), ("cover", self.tr("Days of cover")),
             ("reorder_point", self.tr("Reorder point")), ("suggested", self.tr("Send")),
             ("reason", self.tr("Why"))],
            right=figures, locked=("sku", "name", *figures[:-1], "reason"), stretch="name",
        )  # fmt: skip
        table.set_read_only(False)
        table.itemChanged.connect(lambda _item: self._count_chosen())
        return table

    # -- suggestions ---------------------------------------------------------------
    def reload(self) -> None:
        warehouse_id, days = self.destination.currentData(), self.days.value()
        if warehouse_id is None:
            self.show_suggestions([])
            return

        def work(session: Session, job: Job) -> list[Suggestion]:
            return replenishment.suggestions(session, warehouse_id, days)

        self.note.setText(self.tr("Working out the suggestions…"))
        self.ctx.tasks.query(work, parent=self, on_success=self.show_suggestions)

    def show_suggestions(self, suggestions: list[Suggestion]) -> None:
        self.suggestions = suggestions
        self.table.blockSignals(True)
        try:
            self.table.setRowCount(0)
            for s in suggestions:
                self._add(s)
        finally:
            self.table.blockSignals(False)
        self.table.fit_columns()
        self._count_chosen()

    def _add(self, s: Suggestion) -> None:
        cover = "—" if s.days_of_cover is None else number(s.days_of_cover)
        reason = REASONS.get(s.reason)
        row = self.table.add_row({
            "sku": s.sku_code, "name": s.sku_name, "on_hand": number(s.on_hand),
            "in_transit": number(s.in_transit), "velocity": number(s.velocity_per_day),
            "cover": cover, "reorder_point": number(s.reorder_point),
            "suggested": number(s.suggested_qty),
            "reason": self.tr(reason) if reason else s.reason,
        })  # fmt: skip
        check = QTableWidgetItem()
        check.setFlags(Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsEnabled)
        check.setCheckState(Qt.CheckState.Checked)
        self.table.setItem(row, self.table.column(CHECK), check)
        self.table.item(row, self.table.column("reason")).setToolTip(s.detail)

    def is_chosen(self, row: int) -> bool:
        item = self.table.item(row, self.table.column(CHECK))
        return item is not None and item.checkState() == Qt.CheckState.Checked

    def set_chosen(self, row: int, chosen: bool) -> None:
        state = Qt.CheckState.Checked if chosen else Qt.CheckState.Unchecked
        self.table.item(row, self.table.column(CHECK)).setCheckState(state)

    def quantity(self, row: int) -> Decimal | None:
        """The quantity to send on a row: a number above 0, else None."""
        try:
            value = Decimal(self.table.text(row, "suggested").replace(",", ""))
        except InvalidOperation:
            return None
        return value if value.is_finite() and value > 0 else None

    def _count_chosen(self) -> None:
        chosen = [row for row in range(len(self.suggestions)) if self.is_chosen(row)]
        bad = [row for row in chosen if self.quantity(row) is None]
        if not self.suggestions:
            text = self.tr("Nothing to send: every SKU there lasts longer than its lead time.")
        elif bad:
            text = self.tr("{0} chosen line(s) need a quantity above 0.").format(len(bad))
        else:
            units = sum((self.quantity(row) or Decimal(0) for row in chosen), Decimal(0))
            text = self.tr("{0} of {1} SKUs chosen: {2} units.").format(
                len(chosen), len(self.suggestions), number(units)
            )
        self.note.setText(text)
        self.note.setStyleSheet(f"color: {WARN.name()};" if bad else "")
        self.create_button.setEnabled(bool(chosen) and not bad and self.origin.count() > 0)

    # -- the draft -----------------------------------------------------------------
    def chosen(self) -> list[Suggestion]:
        """The ticked suggestions with the quantities as edited."""
        picked = []
        for row, s in enumerate(self.suggestions):
            quantity = self.quantity(row)
            if self.is_chosen(row) and quantity is not None:
                picked.append(dataclasses.replace(s, suggested_qty=quantity))
        return picked

    def create_shipment(self) -> None:
        chosen, origin = self.chosen(), self.origin.currentData()
        if not chosen or origin is None:
            return

        def work(session: Session, job: Job) -> int:
            return replenishment.suggestions_to_shipment(session, chosen, origin).id

        self.create_button.setEnabled(False)
        self.ctx.tasks.write(
            work,
            parent=self,
            changes=Changes(stock=True),
            label=self.tr("Creating the draft shipment…"),
            on_success=self._created,
            on_failure=self._failed,
        )

    def _created(self, shipment_id: int) -> None:
        self.created.emit(shipment_id)
        self.accept()

    def _failed(self, error: BaseException) -> None:
        self._count_chosen()
        self.ctx.tasks.report_failure(self, error)
