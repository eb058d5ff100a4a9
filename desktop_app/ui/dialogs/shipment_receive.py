"""Receive a shipment (a row per line: what is outstanding, what arrived now), or pick a date
to ship or close it. Shortages and overages show as they are typed, before anything posts."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation

from PySide6.QtCore import QDate, Signal
from PySide6.QtGui import QBrush
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from desktop_app.core.errors import ValidationFailed
from desktop_app.core.jobs import Job
from desktop_app.core.services import shipments
from desktop_app.core.services.shipment_query import ShipmentDetail
from desktop_app.ui.context import AppContext
from desktop_app.ui.events import Changes
from desktop_app.ui.models.shipment_table import (
    GOOD,
    WARN,
    number,
    split_field,
    translate_problem,
)
from desktop_app.ui.widgets import messages
from desktop_app.ui.widgets.edit_table import EditTable

ZERO = Decimal(0)
QUANTITY = Decimal("0.00001")


def parse_quantity(text: str) -> Decimal | None:
    """A count typed in a cell: a number ≥ 0 with at most 5 decimals, else None."""
    try:
        value = Decimal(text.replace(",", "").strip() or "0")
    except InvalidOperation:
        return None
    if not value.is_finite() or value < 0 or value != value.quantize(QUANTITY):
        return None
    return value


def date_edit(day: dt.date, earliest: dt.date | None) -> QDateEdit:
    edit = QDateEdit(QDate(day), calendarPopup=True)
    edit.setDisplayFormat("yyyy-MM-dd")
    if earliest is not None:
        edit.setMinimumDate(QDate(earliest))
    return edit


class DateDialog(QDialog):
    """One date and an explanation: ship on …, close on …"""

    def __init__(
        self,
        title: str,
        text: str,
        button: str,
        earliest: dt.date | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        note = QLabel(text)
        note.setWordWrap(True)
        self.day = date_edit(dt.date.today(), earliest)
        form = QFormLayout()
        form.addRow(self.tr("Date"), self.day)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = buttons.addButton(button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.setMinimumWidth(460)

    def date(self) -> dt.date:
        value = self.day.date().toPython()
        assert isinstance(value, dt.date)
        return value


class ReceiveDialog(QDialog):
    """Counts per line, posted as one receipt; `received` carries the shipment id."""

    received = Signal(int)

    def __init__(
        self, ctx: AppContext, detail: ShipmentDetail, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.detail = detail
        self.warnings: list[str] = []
        r = detail.row
        self.setWindowTitle(self.tr("Receive {0}").format(r.ref))
        intro = QLabel(self.tr(
            "{0} from {1} to {2}, shipped {3}. Enter what arrived now; what is still missing "
            "stays in transit for a later receipt unless you close the shipment."
        ).format(r.ref, r.origin, r.destination, r.ship_date or "—"))  # fmt: skip
        intro.setWordWrap(True)
        self.day = date_edit(dt.date.today(), r.ship_date)
        self.table = self._build_table()
        self.close_box = QCheckBox(
            self.tr("Close the shipment: nothing more will arrive (what is missing is a shortage)")
        )
        self.close_box.toggled.connect(lambda _on: self.update_totals())
        self.totals = QLabel()
        self.totals.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.receive_button = self.buttons.addButton(
            self.tr("Receive"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.buttons.accepted.connect(self.post)
        self.buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow(self.tr("Received on"), self.day)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.close_box)
        layout.addWidget(self.totals)
        layout.addWidget(self.buttons)
        self.update_totals()
        self.resize(900, 480)

    def _build_table(self) -> EditTable:
        keys = ("shipped", "before", "outstanding", "now", "after")
        table = EditTable(
            [("sku", self.tr("SKU")), ("name", self.tr("Product")),
             ("shipped", self.tr("Shipped")), ("before", self.tr("Received before")),
             ("outstanding", self.tr("Outstanding")), ("now", self.tr("Received now")),
             ("after", self.tr("Then"))],
            right=keys[:4], locked=("sku", "name", *keys[:3], "after"), stretch="name",
            chars={"now": 12, "after": 12},
        )  # fmt: skip
        for line in self.detail.lines:
            table.add_row({
                "sku": line.sku_code, "name": line.sku_name, "shipped": number(line.quantity),
                "before": number(line.received), "outstanding": number(line.outstanding),
                "now": number(line.outstanding),
            })  # fmt: skip
        table.set_read_only(False)
        table.fit_columns()
        table.itemChanged.connect(lambda item: self.update_totals())
        return table

    # -- figures -------------------------------------------------------------------
    def counts(self) -> list[Decimal | None]:
        """What each line received now, None where the cell is not a count."""
        return [
            parse_quantity(self.table.text(row, "now")) for row in range(len(self.detail.lines))
        ]

    def update_totals(self) -> None:
        """Each line's state after this receipt, and the totals, as the counts are typed."""
        self.table.blockSignals(True)
        try:
            short, over, units, bad = self._show_after()
        finally:
            self.table.blockSignals(False)
        if bad:
            text = self.tr("{0} count(s) are not numbers ≥ 0.").format(bad)
        else:
            text = self.tr("Receiving {0} units.").format(number(units))
            if over:
                text += " " + self.tr("{0} units more than shipped (an overage).").format(
                    number(over)
                )
            if short:
                closing = self.close_box.isChecked()
                note = (self.tr("{0} units will be recorded as short.") if closing
                        else self.tr("{0} units stay in transit."))  # fmt: skip
                text += " " + note.format(number(short))
        self.totals.setText(text)
        self.totals.setStyleSheet("color: #c0392b;" if bad or over or (
            short and self.close_box.isChecked()) else "")  # fmt: skip
        self.receive_button.setEnabled(not bad and (units > 0 or self.close_box.isChecked()))

    def _show_after(self) -> tuple[Decimal, Decimal, Decimal, int]:
        short = over = units = ZERO
        bad = 0
        closing = self.close_box.isChecked()
        for row, (line, now) in enumerate(zip(self.detail.lines, self.counts(), strict=True)):
            item = self.table.item(row, self.table.column("after"))
            if now is None:
                bad += 1
                item.setText(self.tr("not a count"))
                item.setForeground(QBrush(WARN))
                continue
            units += now
            difference = line.received + now - line.quantity
            if difference > 0:
                over += difference
                text, colour = self.tr("{0} over").format(number(difference)), WARN
            elif difference < 0:
                short -= difference
                word = self.tr("{0} short") if closing else self.tr("{0} to come")
                text, colour = word.format(number(-difference)), WARN if closing else None
            else:
                text, colour = self.tr("complete"), GOOD
            item.setText(text)
            item.setForeground(QBrush(colour) if colour is not None else QBrush())
        return short, over, units, bad

    # -- posting -------------------------------------------------------------------
    def post(self) -> None:
        counts = self.counts()
        if any(c is None for c in counts):
            return
        received = {line.sku_id: c for line, c in zip(self.detail.lines, counts, strict=True)
                    if c}  # fmt: skip
        shipment_id, day = self.detail.row.id, self.day.date().toPython()
        close, actor = self.close_box.isChecked(), self.ctx.tasks.actor
        assert isinstance(day, dt.date)

        def work(session: Session, job: Job) -> list[str]:
            warnings: list[str] = []
            if received:
                shipments.receive(session, shipment_id, received, day, close=close, actor=actor,
                                  warnings=warnings)  # fmt: skip
            else:
                shipments.close_shipment(session, shipment_id, day)
            return warnings

        self.buttons.setEnabled(False)
        self.ctx.tasks.write(
            work,
            parent=self,
            changes=Changes(stock=True),
            label=self.tr("Receiving {0}…").format(self.detail.row.ref),
            on_success=self._posted,
            on_failure=self._failed,
        )

    def _posted(self, warnings: list[str]) -> None:
        self.warnings = warnings
        if warnings:
            messages.warning(self.parentWidget(), self.tr("Received with warnings"),
                             "\n".join(warnings))  # fmt: skip
        self.received.emit(self.detail.row.id)
        self.accept()

    def _failed(self, error: BaseException) -> None:
        self.buttons.setEnabled(True)
        if not isinstance(error, ValidationFailed):
            self.ctx.tasks.report_failure(self, error)
            return
        rows = {str(line.sku_id): n for n, line in enumerate(self.detail.lines)}
        texts = []
        for problem in error.problems:
            name, index, _part = split_field(problem.field)
            reason = translate_problem(problem.reason)
            if name == "received" and index in rows:
                self.table.mark(rows[index], "now", reason)
                texts.append(f"{self.detail.lines[rows[index]].sku_code}: {reason}")
            else:
                texts.append(reason)
        self.totals.setText("\n".join(texts))
        self.totals.setStyleSheet("color: #c0392b;")
