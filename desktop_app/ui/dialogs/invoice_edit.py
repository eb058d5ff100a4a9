"""Enter a purchase invoice by hand: the header and its lines, checked by the core as you type.

Problems show on their fields and on the cells of the lines table; Save stays disabled until
the core finds none, and the invoice is written in one transaction (create_invoice).
"""

from __future__ import annotations

import datetime as dt
import re

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QDate, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from desktop_app.core import codes
from desktop_app.core.errors import FieldProblem
from desktop_app.core.jobs import Job
from desktop_app.core.services import purchase_invoices as pi
from desktop_app.ui.context import AppContext
from desktop_app.ui.dialogs.saving import save_and_close, save_buttons
from desktop_app.ui.events import Changes
from desktop_app.ui.reasons import match_reason, translate_reason
from desktop_app.ui.widgets.edit_table import EditTable, table_page
from desktop_app.ui.widgets.field import FieldBox, field_group, show_on_fields

CHECK_DELAY_MS = 300
HEADER_FIELDS = ("number", "code", "issue_date", "seller_tax_id", "seller_name")
LINE_KEYS = ("commodity_name", "commodity_code", "unit", "quantity", "amount", "tax_rate", "tax")
NEEDED = ("commodity_name", "quantity", "amount")  # a row with none of them is left out
DEFAULT_RATE = "13"
DEFAULT_UNIT = "个"
CONTEXT = "InvoiceEditDialog"
# The core's English reasons (purchase_invoices.check_invoice) in the UI language.
PATTERNS = [
    (re.compile(pattern), template)
    for pattern, template in (
        (r"^must be the 20-digit 数电 number, or a 10-digit code \+ 8-digit number$",
         QT_TRANSLATE_NOOP("InvoiceEditDialog",
                           "must be the 20-digit 数电 number, or a 10-digit code + "
                           "8-digit number")),
        (r"^the 发票代码 of a 专票 is 10 digits$",
         QT_TRANSLATE_NOOP("InvoiceEditDialog", "the 发票代码 of a 专票 is 10 digits")),
        (r"^the 发票号码 of a paper 专票 is 8 digits$",
         QT_TRANSLATE_NOOP("InvoiceEditDialog", "the 发票号码 of a paper 专票 is 8 digits")),
        (r"^a 12-digit 发票代码 is an ordinary invoice \(普通发票\): no rebate$",
         QT_TRANSLATE_NOOP("InvoiceEditDialog",
                           "a 12-digit 发票代码 is an ordinary invoice (普通发票): no rebate")),
        (r"^in the future$", QT_TRANSLATE_NOOP("InvoiceEditDialog", "in the future")),
        (r"^empty$", QT_TRANSLATE_NOOP("InvoiceEditDialog", "empty")),
        (r"^empty: a number is needed here$",
         QT_TRANSLATE_NOOP("InvoiceEditDialog", "empty: a number is needed here")),
        (r"^not a number$", QT_TRANSLATE_NOOP("InvoiceEditDialog", "not a number")),
        (r"^must be more than 0$", QT_TRANSLATE_NOOP("InvoiceEditDialog", "must be more than 0")),
        (r"^must not be negative$",
         QT_TRANSLATE_NOOP("InvoiceEditDialog", "must not be negative")),
        (r"^more than (\d+) decimals$",
         QT_TRANSLATE_NOOP("InvoiceEditDialog", "more than {0} decimals")),
        (r"^not a unit of the customs unit table",
         QT_TRANSLATE_NOOP("InvoiceEditDialog",
                           "not a unit of the customs unit table (个, 千克, 套 … or 007, 035 …)")),
        (r"^not a VAT rate", QT_TRANSLATE_NOOP("InvoiceEditDialog",
                                               "not a VAT rate (13%, 9%, 6%, 3% …)")),
        (r"^empty: the tax rate is needed",
         QT_TRANSLATE_NOOP("InvoiceEditDialog", "empty: the tax rate is needed (13%, 9%, 3% …)")),
        (r"^amount × rate is (\S+); more than 0.06 apart$",
         QT_TRANSLATE_NOOP("InvoiceEditDialog", "amount × rate is {0}; more than 0.06 apart")),
        (r"^not a 10-digit HS code or a code of the rate library$",
         QT_TRANSLATE_NOOP("InvoiceEditDialog",
                           "not a 10-digit HS code or a code of the rate library")),
        (r"^the invoice has no lines$",
         QT_TRANSLATE_NOOP("InvoiceEditDialog", "the invoice has no lines")),
        (r"^an invoice with this number is already entered$",
         QT_TRANSLATE_NOOP("InvoiceEditDialog", "an invoice with this number is already entered")),
        (r"^the lines' tax differs from amount × rate by (\S+) in all",
         QT_TRANSLATE_NOOP("InvoiceEditDialog",
                           "the lines' tax differs from amount × rate by {0} in all (at most "
                           "1.27 allowed)")),
    )
]  # fmt: skip
USCC = re.compile(r"^not a valid USCC: (.+)$")


def translated(reason: str) -> str:
    """A reason of check_invoice in the UI language (USCC reasons through the shared table)."""
    uscc = USCC.match(reason)
    if uscc:
        return QCoreApplication.translate("InvoiceEditDialog", "not a valid USCC: {0}").format(
            translate_reason(uscc.group(1))
        )
    return match_reason(PATTERNS, CONTEXT, reason) or translate_reason(reason)


class InvoiceEditDialog(QDialog):
    saved = Signal(int)  # the new invoice's id, once committed

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.boxes: dict[str, FieldBox] = {}
        self.problems: list[FieldProblem] = []
        with ctx.db.sessions() as session:
            self.units = [entry.name_cn for entry in codes.entries(session, "units")]
        self.setWindowTitle(self.tr("New purchase invoice"))
        self._build()
        self._timer = QTimer(self, singleShot=True, interval=CHECK_DELAY_MS)
        self._timer.timeout.connect(self.check)
        self.add_line()
        self.check()
        self.resize(1000, 680)

    # -- building ------------------------------------------------------------------
    def _build(self) -> None:
        self.editors: dict[str, QWidget] = {name: QLineEdit() for name in HEADER_FIELDS}
        self.date = QDateEdit(QDate.currentDate())
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat("yyyy-MM-dd")
        self.editors["issue_date"] = self.date
        for editor in self.editors.values():
            if isinstance(editor, QLineEdit):
                editor.textEdited.connect(self._edited)
        self.date.dateChanged.connect(self._edited)
        hints = {
            "number": self.tr("20 digits for a 数电 invoice; 8 digits for a paper 专票"),
            "code": self.tr("Paper 专票 only: the 10-digit 发票代码"),
            "seller_tax_id": self.tr("18-character unified social credit code (USCC)"),
        }
        labels = {
            "number": self.tr("Invoice number"), "code": self.tr("Invoice code"),
            "issue_date": self.tr("Issue date"), "seller_tax_id": self.tr("Seller tax ID"),
            "seller_name": self.tr("Seller name"),
        }  # fmt: skip
        rows = [(n, labels[n], self.editors[n], hints.get(n, "")) for n in HEADER_FIELDS]
        group = field_group(self.tr("Invoice"), rows, self.boxes)
        self.table = self._lines_table()
        add = QPushButton(self.tr("Add line"))
        add.clicked.connect(self.add_line)
        remove = QPushButton(self.tr("Remove line"))
        remove.clicked.connect(self.remove_line)
        page = table_page(self.table, [add, remove],
                          self.tr("Leave Tax empty to use amount × rate."))  # fmt: skip
        self.lines_note = QLabel()
        self.lines_note.setWordWrap(True)
        self.lines_note.setStyleSheet("color: #c0392b;")
        self.summary = QLabel(objectName="hint")
        self.summary.setWordWrap(True)
        self.buttons = save_buttons(self, self.save)
        layout = QVBoxLayout(self)
        layout.addWidget(group)
        layout.addWidget(page, 1)
        layout.addWidget(self.lines_note)
        layout.addWidget(self.summary)
        layout.addWidget(self.buttons)

    def _lines_table(self) -> EditTable:
        columns = [
            ("commodity_name", self.tr("Commodity")), ("commodity_code", self.tr("HS code")),
            ("unit", self.tr("Unit")), ("quantity", self.tr("Quantity")),
            ("amount", self.tr("Amount excl. VAT")), ("tax_rate", self.tr("Rate %")),
            ("tax", self.tr("Tax")),
        ]  # fmt: skip
        self.line_titles = dict(columns)
        table = EditTable(columns, right=("quantity", "amount", "tax_rate", "tax"),
                          stretch="commodity_name",
                          chars={"commodity_code": 12, "quantity": 10, "amount": 12,
                                 "tax": 10, "unit": 6})  # fmt: skip
        table.set_read_only(False)
        table.itemChanged.connect(self._edited)
        return table

    def add_line(self) -> int:
        unit = QComboBox()
        unit.setEditable(True)
        unit.addItems(self.units)
        unit.setCurrentText(DEFAULT_UNIT)
        unit.currentTextChanged.connect(self._edited)
        row = self.table.add_row({"unit": unit, "tax_rate": DEFAULT_RATE})
        self.table.setCurrentCell(row, 0)
        self._edited()
        return row

    def remove_line(self) -> None:
        if self.table.remove_current() >= 0:
            self._edited()

    # -- values --------------------------------------------------------------------
    def _line_rows(self) -> list[int]:
        """The table rows that make lines: those with a commodity, quantity or amount."""
        return [r for r in range(self.table.rowCount())
                if any(self.table.text(r, key) for key in NEEDED)]  # fmt: skip

    def draft(self) -> pi.InvoiceDraft:
        """The form as the core's draft (text values: the core parses and checks them)."""
        text = {n: e.text() for n, e in self.editors.items() if isinstance(e, QLineEdit)}
        lines = []
        for row in self._line_rows():
            cell = {key: self.table.text(row, key) for key in LINE_KEYS}
            lines.append(pi.LineDraft(
                cell["commodity_name"], cell["unit"], cell["quantity"], cell["amount"],
                cell["tax_rate"], cell["tax"] or None, cell["commodity_code"],
            ))  # fmt: skip
        return pi.InvoiceDraft(
            number=text["number"].strip(), code=text["code"].strip(),
            issue_date=self.date.date().toPython(), seller_tax_id=text["seller_tax_id"],
            seller_name=text["seller_name"], lines=lines,
        )  # fmt: skip

    def _edited(self, *_args: object) -> None:
        self._timer.start()

    # -- checking ------------------------------------------------------------------
    def check(self) -> list[FieldProblem]:
        """The core's checks of the draft, and whether the number is already entered."""
        self._timer.stop()
        draft = self.draft()
        with self.ctx.db.sessions() as session:
            clean, problems = pi.check_invoice(draft, pi.Lookups.load(session, dt.date.today()))
            if clean is not None and pi.find_invoice(session, clean.invoice_no) is not None:
                problems.append(FieldProblem("number", "an invoice with this number is already "
                                             "entered", clean.invoice_no))  # fmt: skip
        self.show_problems(problems)
        return problems

    def show_problems(self, problems: list[FieldProblem]) -> None:
        self.problems = list(problems)
        header = [FieldProblem(p.field, translated(p.reason), p.value) for p in problems
                  if p.field in HEADER_FIELDS]  # fmt: skip
        show_on_fields(self.boxes, header)
        self.table.blockSignals(True)
        try:
            self._mark_lines(problems)
        finally:
            self.table.blockSignals(False)
        self.summary.setText(
            self.tr("{0} problem(s) to fix before saving.").format(len(problems))
            if problems else self.tr("Every field is valid.")
        )  # fmt: skip
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setEnabled(not problems)

    def _mark_lines(self, problems: list[FieldProblem]) -> None:
        self.table.clear_marks()
        rows = self._line_rows()
        notes = []
        for problem in problems:
            reason = translated(problem.reason)
            where, _, key = problem.field.partition(".")
            if where == "lines":
                notes.append(reason)
            elif where.startswith("lines[") and key:
                index = int(where[6:-1])
                if index < len(rows):
                    self.table.mark(rows[index], key, reason)
                title = self.line_titles.get(key, key)
                notes.append(self.tr("Line {0}, {1}: {2}").format(index + 1, title, reason))
        self.lines_note.setText("\n".join(notes))
        self.lines_note.setVisible(bool(notes))

    # -- saving --------------------------------------------------------------------
    def save(self) -> None:
        if self.check():
            return
        draft = self.draft()

        def work(session: Session, job: Job) -> int:
            return pi.create_invoice(session, draft).id

        save_and_close(
            self, self.ctx, work, buttons=self.buttons, changes=Changes(rebate=True),
            label=self.tr("Saving the invoice…"), saved=self.saved,
            show_problems=self.show_problems,
        )  # fmt: skip
