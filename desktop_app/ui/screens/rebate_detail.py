"""The detail pane under the rebate batch list: export and purchase rows, matches, findings,
the batch's figures and the 9810 repayment list."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal

from PySide6.QtCore import QItemSelectionModel, Qt, Signal
from PySide6.QtGui import QBrush
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.models.rebate import RebateExportRow, RebatePurchaseRow
from desktop_app.core.services.rebate_check import Finding
from desktop_app.core.services.rebate_query import BatchDetail, MatchLine
from desktop_app.core.services.rebate_settlement import Repayment
from desktop_app.ui.models.rebate_table import (
    AMBER,
    BUSINESS_TYPES,
    METHODS,
    ROW_STATUSES,
    SETTLEMENTS,
    SEVERITIES,
    STATUSES,
    WARN,
    label,
    money,
    number,
    rate,
)
from desktop_app.ui.screens.shipment_detail import Cell, detail_table, put_rows

EXPORTS, PURCHASES, MATCHES, FINDINGS, SUMMARY, REPAYMENTS = range(6)
SELECT_ROW = (
    QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
)


def day(value: dt.date | dt.datetime | None) -> str:
    if value is None:
        return ""
    return (value.date() if isinstance(value, dt.datetime) else value).isoformat()


class RebateDetailPane(QWidget):
    """Shows a BatchDetail; `export_row_chosen` carries the current export row (or None)."""

    export_row_chosen = Signal(object)
    hand_match_clicked = Signal()
    unmatch_clicked = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.detail: BatchDetail | None = None
        self.findings: list[Finding] = []
        self.matches: list[MatchLine] = []
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.frozen_note = QLabel(objectName="frozenNote")
        self.frozen_note.setWordWrap(True)
        self.frozen_note.setStyleSheet("color: #1f5f99; font-weight: 600;")
        self.exports = detail_table(
            [self.tr("Seq"), self.tr("Link no."), self.tr("Declaration no."),
             self.tr("Export date"),
             self.tr("Code"), self.tr("Name"), self.tr("Unit"), self.tr("Quantity"),
             self.tr("USD FOB"), self.tr("CNY FOB"), self.tr("Levy %"), self.tr("Rebate %"),
             self.tr("Business type"), self.tr("Status"), self.tr("Settlement"),
             self.tr("Rejection reason")], 15)  # fmt: skip
        self.purchases = detail_table(
            [self.tr("Seq"), self.tr("Link no."), self.tr("Invoice no."), self.tr("Issued"),
             self.tr("Supplier tax id"), self.tr("Code"), self.tr("Name"), self.tr("Unit"),
             self.tr("Quantity"), self.tr("Tax base"), self.tr("Levy %"), self.tr("Rebate %"),
             self.tr("Refund"), self.tr("Status")], 6)  # fmt: skip
        self.findings_table = detail_table(
            [self.tr("Severity"), self.tr("Rows"), self.tr("Field"), self.tr("Reason"),
             self.tr("Where to fix")], 3)  # fmt: skip
        self.figures = detail_table([self.tr("Figure"), self.tr("CNY")], 0)
        self.repayments = detail_table(
            [self.tr("Batch"), self.tr("Link no."), self.tr("Declaration no."), self.tr("Name"),
             self.tr("Quantity"), self.tr("USD FOB"), self.tr("Refund to repay")], 3)  # fmt: skip
        self.tabs = QTabWidget()
        for widget in (self.exports, self.purchases, self._build_matches(), self.findings_table,
                       self.figures, self.repayments):  # fmt: skip
            self.tabs.addTab(widget, "")
        self.exports.selectionModel().currentRowChanged.connect(lambda *_: self._row_changed())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        layout.addWidget(self.summary)
        layout.addWidget(self.frozen_note)
        layout.addWidget(self.tabs, 1)
        self.show_detail(None)

    def _build_matches(self) -> QWidget:
        page = QWidget()
        self.match_title = QLabel()
        self.match_title.setWordWrap(True)
        self.match_table = detail_table(
            [self.tr("Invoice no."), self.tr("Issued"), self.tr("Line"), self.tr("Name"),
             self.tr("Invoice quantity"), self.tr("Quantity (declaration unit)"),
             self.tr("Tax base"), self.tr("Set by hand")], 3)  # fmt: skip
        self.match_table.selectionModel().currentRowChanged.connect(
            lambda *_: self._show_explanation()
        )
        self.explanation = QPlainTextEdit(readOnly=True)
        self.explanation.setMaximumHeight(90)
        self.hand_button = QPushButton(self.tr("Match by hand…"))
        self.unmatch_button = QPushButton(self.tr("Remove matches"))
        self.hand_button.clicked.connect(self.hand_match_clicked)
        self.unmatch_button.clicked.connect(self.unmatch_clicked)
        buttons = QHBoxLayout()
        buttons.addWidget(self.match_title, 1)
        buttons.addWidget(self.hand_button)
        buttons.addWidget(self.unmatch_button)
        layout = QVBoxLayout(page)
        layout.addLayout(buttons)
        layout.addWidget(self.match_table, 1)
        layout.addWidget(self.explanation)
        return page

    # -- the batch ---------------------------------------------------------------------
    def show_detail(
        self, detail: BatchDetail | None, findings: list[Finding] | None = None
    ) -> None:
        self.detail = detail
        self.findings = findings or []
        current = self.current_export()
        if detail is None:
            self.summary.setText(self.tr("Select a batch to see its rows, matches and figures."))
            self.frozen_note.hide()
            for table in (self.exports, self.purchases, self.figures):
                table.setRowCount(0)
        else:
            self.summary.setText(self._summary(detail))
            frozen = detail.row.frozen
            self.frozen_note.setVisible(frozen)
            self.frozen_note.setText(self.tr("Filed — the rows are frozen: they are what the tax "
                                             "office has and can no longer change."))  # fmt: skip
            put_rows(self.exports, [self._export(r) for r in detail.exports])
            self._colour_exports(detail.exports)
            put_rows(self.purchases, [self._purchase(r) for r in detail.purchases])
            put_rows(self.figures, self._figures(detail))
        self._show_findings()
        self._titles()
        self._reselect(current)

    def _reselect(self, previous: RebateExportRow | None) -> None:
        rows = self.detail.exports if self.detail else []
        ids = [r.id for r in rows]
        if rows:
            row = ids.index(previous.id) if previous is not None and previous.id in ids else 0
            self.exports.selectionModel().setCurrentIndex(
                self.exports.model().index(row, 0), SELECT_ROW
            )
        self._row_changed()

    def _titles(self) -> None:
        d = self.detail
        exports = len(d.exports) if d else 0
        purchases = len(d.purchases) if d else 0
        blocking = sum(1 for f in self.findings if f.severity == "blocking")
        titles = {
            EXPORTS: self.tr("Export rows ({0})").format(exports),
            PURCHASES: self.tr("Purchase rows ({0})").format(purchases),
            MATCHES: self.tr("Matches"),
            FINDINGS: self.tr("Findings ({0})").format(len(self.findings))
            if not blocking else self.tr("Findings ({0}, {1} blocking)").format(
                len(self.findings), blocking),
            SUMMARY: self.tr("Summary"),
            REPAYMENTS: self.tr("Repayments"),
        }  # fmt: skip
        for index, title in titles.items():
            self.tabs.setTabText(index, title)

    def _summary(self, d: BatchDetail) -> str:
        r = d.row
        head = f"{r.label} · {label(METHODS, r.method)} · {label(STATUSES, r.status)}"
        dates = self.tr("Self-checked {0} · filed {1} · reviewed {2} · paid {3}").format(
            day(d.checked_at) or "—", day(d.filed_at) or "—", day(d.approved_at) or "—",
            day(d.paid_date) or "—")  # fmt: skip
        unmatched = ""
        if d.unmatched:
            unmatched = "\n" + self.tr("{0} export row(s) not fully covered by invoices.").format(
                len(d.unmatched))  # fmt: skip
        return f"{head}\n{dates}{unmatched}"

    def _unit(self, code: str) -> str:
        name = self.detail.unit_names.get(code, "") if self.detail else ""
        return f"{name} ({code})" if name else code

    def _export(self, r: RebateExportRow) -> list[Cell]:
        return [
            (str(r.seq), True), (r.link_no, False), (r.declaration_no, False),
            (day(r.export_date), False), (r.commodity_code, False), (r.commodity_name, False),
            (self._unit(r.unit), False), (number(r.quantity), True),
            (money(r.usd_fob), True), (money(r.cny_fob), True), (rate(r.levy_rate), True),
            (rate(r.rebate_rate), True), (label(BUSINESS_TYPES, r.business_type), False),
            (label(ROW_STATUSES, r.status), False), (label(SETTLEMENTS, r.settlement), False),
            (r.rejection_reason, False),
        ]  # fmt: skip

    def _colour_exports(self, rows: Sequence[RebateExportRow]) -> None:
        for index, row in enumerate(rows):
            if row.status != "included":
                for column in range(self.exports.columnCount()):
                    self.exports.item(index, column).setForeground(QBrush(WARN))

    def _purchase(self, r: RebatePurchaseRow) -> list[Cell]:
        return [
            (str(r.seq), True), (r.link_no, False), (r.voucher_no, False),
            (day(r.issue_date), False), (r.supplier_tax_id, False), (r.commodity_code, False),
            (r.commodity_name, False), (self._unit(r.unit), False),
            (number(r.quantity), True), (money(r.tax_base), True), (rate(r.levy_rate), True),
            (rate(r.rebate_rate), True), (money(r.refund), True),
            (label(ROW_STATUSES, r.status), False),
        ]  # fmt: skip

    def _figures(self, d: BatchDetail) -> list[list[Cell]]:
        f = d.figures
        if d.row.method == "exempt_refund":
            pairs = [(self.tr("Σ USD FOB"), d.row.usd_fob), (self.tr("Σ tax base"), d.tax_base),
                     (self.tr("Refund"), d.row.refund_total)]  # fmt: skip
        else:
            pairs = [
                (self.tr("Domestic output tax"), f["domestic_output_tax"]),
                (self.tr("Input tax"), f["input_tax"]),
                (self.tr("Credit from the previous period"), f["previous_credit"]),
                (self.tr("Duty-free materials"), f["duty_free_materials"]),
                (self.tr("Non-creditable amount (不得免征和抵扣税额)"), f["non_creditable"]),
                (self.tr("Tax payable"), f["tax_payable"]),
                (self.tr("Credit-refund total (免抵退税额)"), f["credit_refund_total"]),
                (self.tr("Refund"), f["refund_total"]),
                (self.tr("Exempt-offset amount (免抵税额)"), f["exempt_offset"]),
                (self.tr("Credit carried forward"), f["credit_carried_forward"]),
            ]
        rows: list[list[Cell]] = [[(name, False), (money(value), True)] for name, value in pairs]
        if d.row.status == "paid":
            rows.append([(self.tr("Received"), False), (money(d.row.received_amount), True)])
        return rows

    # -- findings and repayments -------------------------------------------------------
    def show_findings(self, findings: list[Finding]) -> None:
        self.findings = findings
        self._show_findings()
        self._titles()
        self.tabs.setCurrentIndex(FINDINGS)

    def _show_findings(self) -> None:
        put_rows(self.findings_table, [
            [(label(SEVERITIES, f.severity), False), (f.rows, False), (f.field, False),
             (f.reason, False), (f.fix, False)]
            for f in self.findings
        ])  # fmt: skip
        for index, finding in enumerate(self.findings):
            colour = WARN if finding.severity == "blocking" else AMBER
            for column in range(self.findings_table.columnCount()):
                self.findings_table.item(index, column).setForeground(QBrush(colour))
            self.findings_table.item(index, 3).setToolTip(finding.reason)

    def show_repayments(self, rows: list[Repayment]) -> None:
        put_rows(self.repayments, [
            [(r.batch, False), (r.link_no, False), (r.declaration_no, False),
             (r.commodity_name, False), (number(r.quantity), True), (money(r.usd_fob), True),
             (money(r.refund), True)]
            for r in rows
        ])  # fmt: skip
        title = self.tr("Repayments ({0})").format(len(rows)) if rows else self.tr("Repayments")
        self.tabs.setTabText(REPAYMENTS, title)

    # -- export rows and their matches -------------------------------------------------
    def current_export(self) -> RebateExportRow | None:
        row = self.exports.currentRow()
        if self.detail is None or not 0 <= row < len(self.detail.exports):
            return None
        return self.detail.exports[row]

    def selected_exports(self) -> list[RebateExportRow]:
        if self.detail is None:
            return []
        rows = sorted({index.row() for index in self.exports.selectionModel().selectedRows()})
        return [self.detail.exports[n] for n in rows if n < len(self.detail.exports)]

    def _row_changed(self) -> None:
        self.export_row_chosen.emit(self.current_export())

    def show_matches(self, row: RebateExportRow | None, matches: list[MatchLine]) -> None:
        self.matches = matches
        if row is None:
            self.match_title.setText(self.tr("Select an export row to see its invoices."))
        else:
            covered = sum((m.quantity for m in matches), Decimal(0))
            self.match_title.setText(self.tr(
                "Export row {0} ({1}, {2}): {3} {4} declared, {5} matched to invoices"
            ).format(row.seq, row.declaration_no, row.commodity_code, number(row.quantity),
                     self._unit(row.unit), number(covered)))  # fmt: skip
        put_rows(self.match_table, [
            [(m.invoice_no, False), (day(m.issue_date), False), (str(m.line_no), True),
             (m.commodity_name, False),
             (f"{number(m.invoice_quantity)} {m.invoice_unit_name or m.invoice_unit}", True),
             (number(m.quantity), True), (money(m.tax_base), True),
             (self.tr("yes") if m.overridden else "", False)]
            for m in matches
        ])  # fmt: skip
        if matches:
            self.match_table.setCurrentCell(0, 0)
        self._show_explanation()

    def _show_explanation(self) -> None:
        row = self.match_table.currentRow()
        text = self.matches[row].explanation if 0 <= row < len(self.matches) else ""
        self.explanation.setPlainText(text)

    def set_match_actions(self, hand: bool, unmatch: bool) -> None:
        self.hand_button.setEnabled(hand)
        self.unmatch_button.setEnabled(unmatch)


def table_texts(table: QTableWidget, column: int) -> list[str]:
    """The texts of one column (tests and screenshots read them)."""
    return [table.item(n, column).text() for n in range(table.rowCount())]
