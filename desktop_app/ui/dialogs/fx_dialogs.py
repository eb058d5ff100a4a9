"""FX dialogs: record a receipt, allocate a receipt to a declaration, set an exchange rate.

Each dialog saves through the task runner in one transaction; the core's field problems
are shown under the fields and the dialog stays open until the save succeeds.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from desktop_app.core.errors import BadInput, FieldProblem, ValidationFailed
from desktop_app.core.services import fx_rates, fx_receipts
from desktop_app.ui.context import AppContext
from desktop_app.ui.events import Changes
from desktop_app.ui.reasons import describe_error, describe_problem
from desktop_app.ui.widgets.field import FieldBox, field_group, show_on_fields

COMMON_CURRENCIES = ("USD", "EUR", "GBP", "JPY", "HKD", "AUD", "CAD", "SGD", "MYR", "CNY")


def date_edit(day: dt.date) -> QDateEdit:
    edit = QDateEdit(QDate(day), calendarPopup=True)
    edit.setDisplayFormat("yyyy-MM-dd")
    return edit


def currency_box(current: str = "USD") -> QComboBox:
    box = QComboBox()
    box.setEditable(True)
    box.addItems(list(COMMON_CURRENCIES))
    box.setCurrentText(current)
    return box


def day_of(edit: QDateEdit) -> dt.date:
    value = edit.date()
    return dt.date(value.year(), value.month(), value.day())


class _SavingDialog(QDialog):
    """A form whose OK runs `work` in one transaction and shows problems on the fields."""

    def __init__(self, ctx: AppContext, title: str, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(title)
        self.boxes: dict[str, FieldBox] = {}
        self.general = QLabel(objectName="fieldNote")
        self.general.setStyleSheet("color: #c0392b;")
        self.general.setWordWrap(True)
        self.general.hide()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)

    def finish_layout(self, title: str, rows: list[tuple[str, str, QWidget, str]]) -> None:
        layout = QVBoxLayout(self)
        layout.addWidget(field_group(title, rows, self.boxes))
        layout.addWidget(self.general)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(440)

    def work(self) -> Callable[[Session, Any], Any]:
        raise NotImplementedError

    def save(self) -> None:
        self.buttons.setEnabled(False)
        self.ctx.tasks.write(
            self.work(), parent=self, changes=Changes(rebate=True),
            on_success=self._saved, on_failure=self.show_failure,
        )  # fmt: skip

    def _saved(self, _result: Any) -> None:
        self.buttons.setEnabled(True)
        self.accept()

    def show_failure(self, error: BaseException) -> None:
        self.buttons.setEnabled(True)
        problems: list[FieldProblem] = []
        if isinstance(error, ValidationFailed):
            problems = [p for p in error.problems if p.field in self.boxes]
            others = [p for p in error.problems if p.field not in self.boxes]
            text = "\n".join(describe_problem(p) for p in others)
        elif isinstance(error, BadInput):
            text = describe_error(error)
        else:
            self.ctx.tasks.report_failure(self, error)
            return
        show_on_fields(self.boxes, problems)
        self.general.setText(text)
        self.general.setVisible(bool(text))


class ReceiptDialog(_SavingDialog):
    """A receipt entered by hand (收汇): bank reference, day, currency, amount, payer …"""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, self.tr("Add FX receipt"), parent)
        self.ref = QLineEdit()
        self.day = date_edit(dt.date.today())
        self.currency = currency_box()
        self.amount = QLineEdit(placeholderText="0.00")
        self.payer = QLineEdit()
        self.bank = QLineEdit()
        self.deemed = QCheckBox(self.tr("Deemed collection (视同收汇)"))
        self.note = QLineEdit()
        self.finish_layout(self.tr("Receipt"), [
            ("bank_ref", self.tr("Bank reference"), self.ref, self.tr("The bank's 流水号")),
            ("received_date", self.tr("Received on"), self.day, ""),
            ("currency", self.tr("Currency"), self.currency, ""),
            ("amount", self.tr("Amount"), self.amount, ""),
            ("payer", self.tr("Payer"), self.payer, ""),
            ("bank", self.tr("Bank"), self.bank, ""),
            ("deemed", "", self.deemed, ""),
            ("note", self.tr("Note"), self.note, ""),
        ])  # fmt: skip

    def values(self) -> dict[str, Any]:
        return {
            "bank_ref": self.ref.text(), "received_date": day_of(self.day),
            "currency": self.currency.currentText(), "amount": self.amount.text(),
            "payer": self.payer.text(), "bank": self.bank.text(),
            "deemed": self.deemed.isChecked(), "note": self.note.text(),
        }  # fmt: skip

    def work(self) -> Callable[[Session, Any], Any]:
        values = self.values()
        return lambda session, job: fx_receipts.add_receipt(session, **values).id


class AllocateDialog(_SavingDialog):
    """Part of one receipt to one declaration, in the declaration's currency."""

    def __init__(
        self, ctx: AppContext, receipt: fx_receipts.ReceiptRow,
        owed: list[fx_receipts.Collection], parent: QWidget | None = None,
    ) -> None:  # fmt: skip
        super().__init__(ctx, self.tr("Allocate receipt"), parent)
        self.receipt = receipt
        self.declaration = QComboBox()
        for c in owed:
            text = self.tr("{0} — exported {1}, {2} {3} outstanding").format(
                c.ref, c.export_date.isoformat(), c.currency, c.outstanding
            )
            self.declaration.addItem(text, (c.ref, str(c.outstanding)))
        self.amount = QLineEdit()
        self.declaration.currentIndexChanged.connect(self._suggest)
        info = QLabel(self.tr("{0}: {1} {2} unallocated").format(
            receipt.bank_ref, receipt.currency, receipt.unallocated))  # fmt: skip
        self.finish_layout(self.tr("Allocation"), [
            ("receipt", self.tr("Receipt"), info, ""),
            ("declaration", self.tr("Declaration"), self.declaration, ""),
            ("amount", self.tr("Amount"), self.amount,
             self.tr("In the declaration's currency; converted at the receipt day's rates")),
        ])  # fmt: skip
        self._suggest()

    def _suggest(self) -> None:
        data = self.declaration.currentData()
        if data:
            self.amount.setText(data[1])

    def work(self) -> Callable[[Session, Any], Any]:
        data = self.declaration.currentData()
        ref = data[0] if data else ""
        receipt, amount = self.receipt.bank_ref, self.amount.text()
        return lambda session, job: fx_receipts.allocate(session, receipt, ref, amount).id


class RateDialog(_SavingDialog):
    """One central parity: CNY per unit (per 100 for JPY) on one day."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, self.tr("Set exchange rate"), parent)
        self.currency = currency_box()
        self.currency.removeItem(self.currency.findText("CNY"))
        self.currency.setCurrentText("USD")
        self.day = date_edit(dt.date.today())
        self.rate = QLineEdit(placeholderText="7.1000")
        self.per = QComboBox()
        self.per.addItem(self.tr("per 1 unit"), 1)
        self.per.addItem(self.tr("per 100 units"), 100)
        self.currency.currentTextChanged.connect(
            lambda code: self.per.setCurrentIndex(1 if code.upper() in fx_rates.PER_HUNDRED else 0)
        )
        self.finish_layout(self.tr("Central parity (中间价)"), [
            ("currency", self.tr("Currency"), self.currency, ""),
            ("day", self.tr("Day"), self.day, ""),
            ("rate", self.tr("CNY"), self.rate,
             self.tr("For a pair quoted as CNY 1 = x foreign, enter 1 ÷ x")),
            ("per_units", self.tr("Units"), self.per, ""),
        ])  # fmt: skip
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, False)

    def work(self) -> Callable[[Session, Any], Any]:
        currency, day = self.currency.currentText(), day_of(self.day)
        rate, per = self.rate.text(), self.per.currentData()
        return lambda session, job: fx_rates.set_rate(session, currency, day, rate, per).id
