"""The rebate batch dialogs: a new batch, the period figures, the tax office's review, the
refund received, the 9810 核算 date, the match report and a match by hand.

Each asks the screen to act through `submitted`; the screen runs the core in one transaction
and closes the dialog, or shows the core's reason in it (`refused`)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal, InvalidOperation
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.models.rebate import RebateExportRow
from desktop_app.core.services.rebate_match import MatchReport
from desktop_app.core.services.rebate_query import Candidate
from desktop_app.core.services.rebate_settlement import SettlementReport
from desktop_app.ui.dialogs.shipment_receive import date_edit
from desktop_app.ui.models.rebate_table import METHODS, label, money, number
from desktop_app.ui.reasons import describe_error
from desktop_app.ui.screens.shipment_detail import detail_table, put_rows

FEN = Decimal("0.01")
QUANTITY = Decimal("0.00001")


def parse_amount(text: str, places: Decimal = FEN) -> Decimal | None:
    """A typed amount ≥ 0 with at most the given decimals ("1,299.5" too), else None."""
    try:
        value = Decimal(text.replace(",", "").strip())
    except InvalidOperation:
        return None
    if not value.is_finite() or value < 0 or value != value.quantize(places):
        return None
    return value


class ActionDialog(QDialog):
    """A dialog with an explanation, a form, a red note for refusals and OK / Cancel."""

    def __init__(self, title: str, intro: str, ok: str, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.intro = QLabel(intro)
        self.intro.setWordWrap(True)
        self.intro.setTextFormat(Qt.TextFormat.PlainText)
        self.form = QFormLayout()
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.note.setTextFormat(Qt.TextFormat.PlainText)
        self.note.setStyleSheet("color: #c0392b;")
        self.note.hide()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = buttons.addButton(ok, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.accepted.connect(self.submit)
        buttons.rejected.connect(self.reject)
        self.body = QVBoxLayout(self)
        self.body.addWidget(self.intro)
        self.body.addLayout(self.form)
        self.body.addWidget(self.note)
        self.body.addWidget(buttons)
        self.setMinimumWidth(480)

    def submit(self) -> None:
        raise NotImplementedError

    def refuse(self, text: str) -> None:
        self.note.setText(text)
        self.note.show()

    def refused(self, error: BaseException) -> None:
        """The core's reason, shown in the dialog (which stays open)."""
        self.refuse(describe_error(error))


class NewBatchDialog(ActionDialog):
    """The declaration month, an optional batch number and the method."""

    submitted = Signal(str, object, str)  # period YYYY-MM, batch number or None, method

    def __init__(self, method: str, today: dt.date, parent: QWidget | None = None) -> None:
        intro = self.tr("The batch takes every cleared declaration line exported before the "
                        "month that no batch holds yet.")  # fmt: skip
        super().__init__(self.tr("New rebate batch"), intro, self.tr("Create"), parent)
        self.period = QLineEdit(f"{today:%Y-%m}")
        self.period.setPlaceholderText("2026-11")
        self.batch_no = QSpinBox(minimum=0, maximum=99)
        self.batch_no.setSpecialValueText(self.tr("Next free"))
        self.method = QComboBox()
        for code in METHODS:
            self.method.addItem(label(METHODS, code), code)
        self.method.setCurrentIndex(self.method.findData(method))
        self.form.addRow(self.tr("Declaration month (YYYY-MM)"), self.period)
        self.form.addRow(self.tr("Batch number"), self.batch_no)
        self.form.addRow(self.tr("Method"), self.method)

    def nothing_text(self, period: str) -> str:
        return self.tr(
            "Nothing to claim for {0}: a declaration line is claimable once customs cleared it "
            "(customs number and export date), it was exported before that month, and no "
            "other batch holds it."
        ).format(period)

    def submit(self) -> None:
        number_ = self.batch_no.value() or None
        self.submitted.emit(self.period.text().strip(), number_, self.method.currentData())


class FiguresDialog(ActionDialog):
    """The manufacturer's period figures (免抵退) the refund is computed from."""

    submitted = Signal(object)  # {figure name: Decimal}

    def __init__(self, batch: str, figures: dict, parent: QWidget | None = None) -> None:
        intro = self.tr("The period's figures from the VAT return; the batch's refund, exempt-"
                        "offset amount and credit carried forward are worked out from them and "
                        "the export rows.")  # fmt: skip
        super().__init__(self.tr("Period figures of {0}").format(batch), intro,
                         self.tr("Compute"), parent)  # fmt: skip
        self.edits: dict[str, QLineEdit] = {}
        for name, text in (
            ("domestic_output_tax", self.tr("Domestic output tax")),
            ("input_tax", self.tr("Input tax")),
            ("previous_credit", self.tr("Credit from the previous period")),
            ("duty_free_materials", self.tr("Duty-free materials")),
        ):
            value = figures.get(name)
            edit = self.edits[name] = QLineEdit("" if value is None else str(value))
            edit.setAlignment(Qt.AlignmentFlag.AlignRight)
            edit.setPlaceholderText("0.00")
            self.form.addRow(text, edit)

    def values(self) -> dict[str, Decimal] | None:
        found = {}
        for name, edit in self.edits.items():
            value = parse_amount(edit.text() or "0")
            if value is None:
                self.refuse(self.tr("{0} is not an amount of 0 or more with at most 2 decimals")
                            .format(edit.text()))  # fmt: skip
                edit.setFocus()
                return None
            found[name] = value
        return found

    def submit(self) -> None:
        values = self.values()
        if values is not None:
            self.submitted.emit(values)


class ReviewDialog(ActionDialog):
    """The tax office's answer: tick the rejected export rows and give a reason for each."""

    submitted = Signal(object)  # {seq: reason}; empty: approved

    def __init__(self, batch: str, rows: list[RebateExportRow], parent: QWidget | None = None):
        intro = self.tr("Tick the rows the tax office rejected, with its reason. Nothing "
                        "ticked: the whole batch is approved.")  # fmt: skip
        super().__init__(self.tr("Review of {0}").format(batch), intro,
                         self.tr("Record review"), parent)  # fmt: skip
        self.rows = [r for r in rows if r.status == "included"]
        self.table = detail_table(
            [self.tr("Rejected"), self.tr("Seq"), self.tr("Declaration no."), self.tr("Name"),
             self.tr("USD FOB"), self.tr("Reason")], 5)  # fmt: skip
        put_rows(self.table, [
            [("", False), (str(r.seq), True), (r.declaration_no, False),
             (r.commodity_name, False), (money(r.usd_fob), True), ("", False)]
            for r in self.rows
        ])  # fmt: skip
        self.checks: list[QCheckBox] = []
        self.reasons: list[QLineEdit] = []
        for index in range(len(self.rows)):
            check, reason = QCheckBox(), QLineEdit()
            reason.setPlaceholderText(self.tr("the tax office's reason"))
            reason.textEdited.connect(lambda _t, c=check: c.setChecked(True))
            self.table.setCellWidget(index, 0, check)
            self.table.setCellWidget(index, 5, reason)
            self.checks.append(check)
            self.reasons.append(reason)
        self.body.insertWidget(1, self.table, 1)
        self.resize(760, 420)

    def rejected_rows(self) -> dict[int, str]:
        return {
            row.seq: reason.text().strip()
            for row, check, reason in zip(self.rows, self.checks, self.reasons, strict=True)
            if check.isChecked()
        }

    def submit(self) -> None:
        self.submitted.emit(self.rejected_rows())


class PayDialog(ActionDialog):
    """The refund that arrived (退库) and the day."""

    submitted = Signal(object, object)  # amount, day

    def __init__(self, batch: str, refund: Decimal, parent: QWidget | None = None) -> None:
        intro = self.tr("The refund of {0} is {1} CNY. Enter what the bank received.").format(
            batch, money(refund))  # fmt: skip
        super().__init__(self.tr("Refund received for {0}").format(batch), intro,
                         self.tr("Mark paid"), parent)  # fmt: skip
        self.amount = QLineEdit(str(refund))
        self.amount.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.day = date_edit(dt.date.today(), None)
        self.form.addRow(self.tr("Amount received (CNY)"), self.amount)
        self.form.addRow(self.tr("Date"), self.day)

    def submit(self) -> None:
        amount = parse_amount(self.amount.text())
        if amount is None:
            self.refuse(self.tr("{0} is not an amount of 0 or more with at most 2 decimals")
                        .format(self.amount.text()))  # fmt: skip
            return
        self.submitted.emit(amount, self.day.date().toPython())


class SettleDialog(ActionDialog):
    """The day the 9810 pre-rebate rows are settled (核算) as of."""

    submitted = Signal(object)

    def __init__(self, pending: int, parent: QWidget | None = None) -> None:
        intro = self.tr(
            "{0} pre-rebate row(s) of approved batches wait for 核算. Sales from the overseas "
            "warehouse up to this day decide each: sold → confirmed; sold in part → reversed "
            "and declared again in a draft batch; unsold after 30 April of the next year → to "
            "repay."
        ).format(pending)
        super().__init__(self.tr("9810 核算"), intro, self.tr("Settle"), parent)
        self.day = date_edit(dt.date.today(), None)
        self.form.addRow(self.tr("As of"), self.day)

    def submit(self) -> None:
        self.submitted.emit(self.day.date().toPython())

    def report_text(self, day: dt.date, report: SettlementReport) -> str:
        return self.tr(
            "核算 as of {0}: {1} confirmed, {2} reversed and declared again, {3} to repay, {4} "
            "still pending."
        ).format(day.isoformat(), len(report.confirmed), len(report.reversed),
                 len(report.repay), len(report.pending))  # fmt: skip


class MatchReportDialog(QDialog):
    """What matching did: counts, and every declaration line still short of invoices, why."""

    def __init__(self, batch: str, report: MatchReport, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Matching {0}").format(batch))
        text = self.tr("{0} new match(es) on {1} line(s); {2} purchase row(s). {3} line(s) are "
                       "short of invoices.").format(report.new_matches, report.matched_lines,
                                                    report.purchase_rows,
                                                    len(report.unmatched))  # fmt: skip
        self.counts = QLabel(text)
        self.counts.setWordWrap(True)
        self.table = detail_table(
            [self.tr("Declaration no."), self.tr("Code"), self.tr("Missing"), self.tr("Reason")],
            3)  # fmt: skip
        put_rows(self.table, [
            [(u.declaration_no, False), (u.commodity_code, False),
             (f"{number(u.missing)} {u.unit}", True), (u.reason, False)]
            for u in report.unmatched
        ])  # fmt: skip
        self.table.setVisible(bool(report.unmatched))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.counts)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        self.resize(760, 360 if report.unmatched else 140)


class HandMatchDialog(ActionDialog):
    """Pick an unused invoice line with the row's commodity code and the quantity to take."""

    submitted = Signal(int, object, str)  # invoice line id, quantity (declaration unit), note

    def __init__(
        self, row: RebateExportRow, unit: str, need: Decimal, candidates: list[Candidate],
        parent: QWidget | None = None,
    ) -> None:  # fmt: skip
        intro = self.tr("Export row {0} ({1}) needs {2} {3} more. Unused invoice lines with "
                        "code {1}, oldest first; the quantities are in the declaration's unit "
                        "{3}.").format(row.seq, row.commodity_code, number(need),
                                       unit)  # fmt: skip
        super().__init__(self.tr("Match by hand"), intro, self.tr("Match"), parent)
        self.candidates = candidates
        self.need = need
        self.table = detail_table(
            [self.tr("Invoice no."), self.tr("Issued"), self.tr("Name"), self.tr("Invoice unit"),
             self.tr("Left (invoice unit)"), self.tr("Left ({0})").format(unit),
             self.tr("Amount"), self.tr("Rate %")], 2)  # fmt: skip
        put_rows(self.table, [self._cells(c) for c in candidates])
        for index, candidate in enumerate(candidates):
            if candidate.factor is None:
                for column in range(self.table.columnCount()):
                    item = self.table.item(index, column)
                    item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEnabled)
        self.table.setSelectionMode(self.table.SelectionMode.SingleSelection)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._suggest())
        self.how = QLabel()
        self.how.setWordWrap(True)
        self.quantity = QLineEdit()
        self.quantity.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.note_edit = QLineEdit()
        self.note_edit.setPlaceholderText(self.tr("why (kept with the match)"))
        self.form.addRow(self.tr("Conversion"), self.how)
        self.form.addRow(self.tr("Quantity ({0})").format(unit), self.quantity)
        self.form.addRow(self.tr("Note"), self.note_edit)
        self.body.insertWidget(1, self.table, 1)
        if not candidates:
            self.refuse(self.tr("No invoice line with code {0} has quantity left.").format(
                row.commodity_code))  # fmt: skip
        self.ok_button.setEnabled(bool(candidates))
        first = next((n for n, c in enumerate(candidates) if c.factor is not None), None)
        if first is not None:
            self.table.setCurrentCell(first, 0)
        self.resize(900, 420)

    def _cells(self, c: Candidate) -> list[tuple[str, bool]]:
        line = c.line
        available = c.available
        return [
            (line.invoice_no, False), (line.issue_date.isoformat(), False),
            (line.commodity_name, False),
            (f"{c.unit_name} ({line.unit})" if c.unit_name else line.unit, False),
            (number(line.remaining), True),
            (number(available) if available is not None else "—", True),
            (money(line.amount), True), (number(line.tax_rate), True),
        ]  # fmt: skip

    def current(self) -> Candidate | None:
        row = self.table.currentRow()
        return self.candidates[row] if 0 <= row < len(self.candidates) else None

    def _suggest(self) -> None:
        candidate = self.current()
        how = candidate.how if candidate is not None else ""
        self.how.setText(how or self.tr("not one of the declaration's units"))
        if candidate is not None and candidate.available is not None:
            self.quantity.setText(number(min(self.need, candidate.available)).replace(",", ""))

    def submit(self) -> None:
        candidate = self.current()
        if candidate is None or candidate.factor is None:
            self.refuse(self.tr("Choose an invoice line whose unit converts."))
            return
        quantity = parse_amount(self.quantity.text(), QUANTITY)
        if quantity is None or quantity == 0:
            self.refuse(self.tr("{0} is not a quantity above 0 with at most 5 decimals").format(
                self.quantity.text()))  # fmt: skip
            return
        self.submitted.emit(candidate.line.line_id, quantity, self.note_edit.text().strip())


class FilesWrittenBox(QMessageBox):
    """Which files were written where, with a button opening the folder."""

    def __init__(
        self, batch: str, folder: Path, paths: list[Path], open_folder: Callable[[Path], None],
        parent: QWidget | None = None,
    ) -> None:  # fmt: skip
        names = "\n".join(p.name for p in paths)
        super().__init__(QMessageBox.Icon.Information, self.tr("Files written"),
                         self.tr("{0}: written to {1}\n\n{2}").format(batch, folder, names),
                         QMessageBox.StandardButton.Close, parent)  # fmt: skip
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.opener = self.addButton(self.tr("Open folder"), QMessageBox.ButtonRole.ActionRole)
        self.opener.clicked.connect(lambda: open_folder(folder))
