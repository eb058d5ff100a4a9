"""The Declarations screen's dialogs: a draft from a shipment or from orders, clearing (customs
number and export date), and which form to print."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QDate, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from desktop_app.core import validate
from desktop_app.core.errors import BadInput, FieldProblem, ValidationFailed
from desktop_app.core.jobs import Job
from desktop_app.core.printing import REBATE_MARK
from desktop_app.core.services import declarations
from desktop_app.core.services.declaration_query import ShipmentChoice
from desktop_app.core.services.declarations import HeaderOptions
from desktop_app.ui.context import AppContext
from desktop_app.ui.events import Changes
from desktop_app.ui.models.declaration_table import (
    MODES,
    describe_left_out,
    describe_source_problem,
    field_label,
    label,
    translate_problem,
)
from desktop_app.ui.models.shipment_table import STATUSES as SHIPMENT_STATUSES
from desktop_app.ui.models.shipment_table import day, number
from desktop_app.ui.widgets.field import FieldBox
from desktop_app.ui.widgets.list_table import fill, list_table

SHIPMENT_CURRENCIES = ("USD", "EUR", "GBP", "JPY", "CAD", "AUD", "CNY")
ORDER_MODES = ("9610", "9710", "0110")
Drafted = tuple[list[int], list[str]]  # the new declarations' ids, the order lines left out


def date_edit(day_: dt.date) -> QDateEdit:
    edit = QDateEdit(QDate(day_), calendarPopup=True)
    edit.setDisplayFormat("yyyy-MM-dd")
    return edit


def _date(edit: QDateEdit) -> dt.date:
    value = edit.date().toPython()
    assert isinstance(value, dt.date)
    return value


def problem_lines(error: BaseException) -> list[str]:
    """One readable line per problem of a refused draft, or the error's own text."""
    if isinstance(error, ValidationFailed) and error.problems:
        return [describe_source_problem(p.field, p.reason) for p in error.problems]
    return [translate_problem(str(error))]


class _DraftDialog(QDialog):
    """Runs a drafting write; lists what the core refuses, or emits the new drafts' ids.

    Its texts are translated in one context of their own: a subclass's self.tr() would look
    them up under the subclass's name, where lupdate does not put them."""

    created = Signal(list)

    def __init__(self, ctx: AppContext, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.notes = QListWidget()
        self.notes.setVisible(False)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        text = QCoreApplication.translate("DeclarationDraftDialog", "Draft")
        self.draft_button = self.buttons.addButton(text, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.accepted.connect(self.draft)
        self.buttons.rejected.connect(self.reject)

    def draft(self) -> None:
        raise NotImplementedError

    def _run(self, work: Callable[[Session, Job], Drafted], label_: str) -> None:
        self.draft_button.setEnabled(False)
        self.ctx.tasks.write(work, parent=self, changes=Changes(declarations=True),
                             label=label_, on_success=self._drafted,
                             on_failure=self._refused)  # fmt: skip

    def _drafted(self, result: Drafted) -> None:
        ids, warnings = result
        self.created.emit(ids)
        if warnings:
            left_out = [describe_left_out(w) for w in warnings]
            title = QCoreApplication.translate(
                "DeclarationDraftDialog", "Drafted; these order lines were left out:"
            )
            self.show_notes(title, left_out)
            self.buttons.clear()
            self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
            return
        self.accept()

    def _refused(self, error: BaseException) -> None:
        self.draft_button.setEnabled(True)
        if not isinstance(error, BadInput):
            self.ctx.tasks.report_failure(self, error)
            return
        title = QCoreApplication.translate("DeclarationDraftDialog", "Nothing was drafted:")
        self.show_notes(title, problem_lines(error))

    def show_notes(self, title: str, lines: list[str]) -> None:
        self.notes.clear()
        self.notes.addItem(title)
        self.notes.addItems([f"• {line}" for line in lines])
        self.notes.setVisible(True)


class FromShipmentDialog(_DraftDialog):
    """Pick a shipment that left China and has no declaration: its 9810 draft."""

    def __init__(
        self, ctx: AppContext, choices: list[ShipmentChoice], parent: QWidget | None = None
    ) -> None:
        super().__init__(ctx, parent)
        self.choices = choices
        self.setWindowTitle(self.tr("New 9810 declaration from a shipment"))
        intro = QLabel(self.tr("First-leg shipments to an overseas warehouse that no declaration "
                               "covers yet. The values are their unit costs in the currency "
                               "chosen, at the company's exchange-rate policy."))  # fmt: skip
        intro.setWordWrap(True)
        self.table = list_table([self.tr("Shipment"), self.tr("Status"), self.tr("Shipped"),
                                 self.tr("To"), self.tr("Lines"), self.tr("Units")])  # fmt: skip
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        fill(self.table, [self._row(c) for c in choices], right_aligned=(4, 5))
        self.table.doubleClicked.connect(lambda _i: self.draft())
        if choices:
            self.table.selectRow(0)
        self.currency = QComboBox()
        self.currency.setEditable(True)
        self.currency.addItems(SHIPMENT_CURRENCIES)
        form = QFormLayout()
        form.addRow(self.tr("Declared currency"), self.currency)
        self.empty = QLabel(self.tr("No shipped shipment is waiting for its declaration."))
        self.empty.setVisible(not choices)
        self.draft_button.setEnabled(bool(choices))
        layout = QVBoxLayout(self)
        for widget in (intro, self.table, self.empty):
            layout.addWidget(widget, 1 if widget is self.table else 0)
        layout.addLayout(form)
        layout.addWidget(self.notes)
        layout.addWidget(self.buttons)
        self.resize(760, 460)

    def _row(self, c: ShipmentChoice) -> list[str]:
        return [c.ref, label(SHIPMENT_STATUSES, c.status), day(c.ship_date),
                f"{c.destination} {c.destination_name}", str(c.lines), number(c.units)]  # fmt: skip

    def chosen(self) -> ShipmentChoice | None:
        row = self.table.currentRow()
        return self.choices[row] if 0 <= row < len(self.choices) else None

    def draft(self) -> None:
        choice = self.chosen()
        if choice is None:
            return
        shipment_id, currency = choice.id, self.currency.currentText().strip().upper()

        def work(session: Session, job: Job) -> Drafted:
            options = HeaderOptions(currency=currency or None)
            made = declarations.draft_from_shipment(session, shipment_id, options=options)
            return [d.id for d in made], []

        self._run(work, self.tr("Drafting the declaration of {0}…").format(choice.ref))


class FromOrdersDialog(_DraftDialog):
    """9610 summaries, or 9710 / 0110 declarations, of the orders shipped in a period."""

    def __init__(
        self, ctx: AppContext, shops: list[tuple[int, str, str]], parent: QWidget | None = None
    ) -> None:
        super().__init__(ctx, parent)
        self.setWindowTitle(self.tr("New declarations from orders"))
        self.mode = QComboBox()
        for mode in ORDER_MODES:
            self.mode.addItem(label(MODES, mode), mode)
        last = dt.date.today().replace(day=1) - dt.timedelta(days=1)
        self.first = date_edit(last.replace(day=1))
        self.last = date_edit(last)
        self.shop = QComboBox()
        self.shop.addItem(self.tr("All shops"), None)
        for shop_id, platform, name in shops:
            self.shop.addItem(f"{name} ({platform})", shop_id)
        self.skip = QCheckBox(self.tr("Leave out order lines that cannot be declared yet"))
        self.skip.setToolTip(self.tr("Unmapped SKUs, SKUs without HS code or legal unit, lines "
                                     "without an amount: declared later, once fixed"))  # fmt: skip
        form = QFormLayout()
        form.addRow(self.tr("Mode"), self.mode)
        form.addRow(self.tr("Shipped from"), self.first)
        form.addRow(self.tr("to"), self.last)
        form.addRow(self.tr("Shop"), self.shop)
        form.addRow("", self.skip)
        hint = QLabel(self.tr("9610: one summary per destination and currency (at most 50 lines "
                              "each); 9710 and 0110: one declaration per order."))  # fmt: skip
        hint.setWordWrap(True)
        hint.setObjectName("hint")
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(hint)
        layout.addWidget(self.notes, 1)
        layout.addWidget(self.buttons)
        self.resize(620, 420)

    def draft(self) -> None:
        mode, shop_id = self.mode.currentData(), self.shop.currentData()
        first, last, skip = _date(self.first), _date(self.last), self.skip.isChecked()

        def work(session: Session, job: Job) -> Drafted:
            warnings: list[str] = []
            made = declarations.draft_from_orders(session, mode, first, last, shop_id=shop_id,
                                                  skip_unready=skip, warnings=warnings)  # fmt: skip
            return [d.id for d in made], [w.removeprefix("left out: ") for w in warnings]

        self._run(work, self.tr("Drafting {0} declarations…").format(mode))


class ClearDialog(QDialog):
    """The customs number (18 digits, 9th 0) and the export date of a filed declaration;
    `submitted` asks the screen to clear it, which closes the dialog or shows what is wrong."""

    submitted = Signal(str, object)  # customs number, export date

    def __init__(self, ref: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Clear {0}").format(ref))
        intro = QLabel(self.tr("Customs cleared {0}: enter its customs number and export date. "
                               "The USD FOB is worked out at that date's rate and the "
                               "declaration is locked.").format(ref))  # fmt: skip
        intro.setWordWrap(True)
        self.number = QLineEdit()
        self.number.setMaxLength(18)
        self.number.setPlaceholderText("530420260040970934")
        self.number.textChanged.connect(lambda _t: self.check())
        self.export_date = date_edit(dt.date.today())
        self.export_date.setMaximumDate(QDate.currentDate())
        self.export_date.dateChanged.connect(lambda _d: self.check())
        self.boxes = {
            "customs_no": FieldBox(self.number),
            "export_date": FieldBox(self.export_date),
        }
        form = QFormLayout()
        for name, box in self.boxes.items():
            form.addRow(field_label(name), box)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = buttons.addButton(self.tr("Clear"), QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.accepted.connect(self.submit)
        buttons.rejected.connect(self.reject)
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.note.setStyleSheet("color: #c0392b;")
        self.note.setVisible(False)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.note)
        layout.addWidget(buttons)
        self.setMinimumWidth(480)
        self.check()

    def values(self) -> tuple[str, dt.date]:
        return self.number.text().strip(), _date(self.export_date)

    def check(self) -> bool:
        """The number and date as the core checks them; OK only when both are right."""
        number_, day_ = self.values()
        problems = []
        reason = validate.check_customs_no(number_) if number_ else None
        if reason:
            problems.append(FieldProblem("customs_no", reason, number_))
        if day_ > dt.date.today():
            problems.append(FieldProblem("export_date", "in the future", day_))
        self.show_problems(problems)
        ok = bool(number_) and not problems
        self.ok_button.setEnabled(ok)
        return ok

    def submit(self) -> None:
        if self.check():
            self.ok_button.setEnabled(False)
            self.submitted.emit(*self.values())

    def refused(self, error: BaseException) -> None:
        """What the core refused: on the number or date, or (the declaration's own checks,
        a missing rate) in a note."""
        self.ok_button.setEnabled(True)
        problems = error.problems if isinstance(error, ValidationFailed) else []
        self.show_problems(problems)
        others = [p for p in problems if p.field not in self.boxes]
        lines = [f"• {field_label(p.field)}: {translate_problem(p.reason)}" for p in others]
        text = "\n".join(lines) if problems else translate_problem(str(error))
        self.note.setText(text)
        self.note.setVisible(bool(text))

    def show_problems(self, problems: list[FieldProblem]) -> None:
        for box in self.boxes.values():
            box.clear_problem()
        for p in problems:
            if p.field in self.boxes:
                self.boxes[p.field].set_problem(translate_problem(p.reason))


class PrintDialog(QDialog):
    """Which form to print for the selected declarations, and the rebate mark."""

    def __init__(self, refs: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Print"))
        many = len(refs) > 1
        what = (self.tr("{0} declarations, one after another in one PDF").format(len(refs))
                if many else refs[0])  # fmt: skip
        intro = QLabel(what)
        intro.setWordWrap(True)
        self.kinds = QButtonGroup(self)
        choices = (("declaration", self.tr("Declaration (报关单)")),
                   ("invoice", self.tr("Commercial invoice")),
                   ("packing-list", self.tr("Packing list")))  # fmt: skip
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        for n, (kind, text) in enumerate(choices):
            button = QRadioButton(text)
            button.setProperty("kind", kind)
            button.setChecked(n == 0)
            self.kinds.addButton(button, n)
            layout.addWidget(button)
        self.mark = QCheckBox(self.tr("Mark it “{0}” (for the rebate)").format(REBATE_MARK))
        self.kinds.idToggled.connect(self._kind_changed)
        layout.addWidget(self.mark)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        buttons.addButton(self.tr("Preview"), QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.setMinimumWidth(420)

    def _kind_changed(self, _id: int, _on: bool) -> None:
        self.mark.setEnabled(self.kind() == "declaration")

    def kind(self) -> str:
        button = self.kinds.checkedButton()
        return str(button.property("kind")) if button is not None else "declaration"

    def set_kind(self, kind: str) -> None:
        for button in self.kinds.buttons():
            button.setChecked(button.property("kind") == kind)

    def chosen_mark(self) -> str | None:
        return REBATE_MARK if self.kind() == "declaration" and self.mark.isChecked() else None
