"""First-leg costs of a shipment (freight, duty, fees in any currency) and their allocation.

Each cost converts to CNY at the rate given (CNY per one unit) or, left empty, the rate
table's central parity on or before the ship date. The allocation over the lines by the
chosen basis is previewed as it is typed; Save stores the costs and the basis together.
The first receipt fixes the landed cost: after it the dialog only shows them.
"""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from desktop_app.core.errors import FieldProblem
from desktop_app.core.jobs import Job
from desktop_app.core.services import shipment_query, shipments
from desktop_app.core.services.shipment_query import AllocationPreview, ShipmentDetail
from desktop_app.core.services.shipments import CostDraft
from desktop_app.ui.context import AppContext
from desktop_app.ui.dialogs.saving import save_and_close
from desktop_app.ui.dialogs.shipment_edit import all_problems
from desktop_app.ui.events import Changes
from desktop_app.ui.models.shipment_table import (
    BASES,
    COST_KINDS,
    WEIGHT_SOURCES,
    label,
    money,
    number,
    split_field,
    translate_problem,
)
from desktop_app.ui.screens.shipment_detail import detail_table, put_rows
from desktop_app.ui.widgets.edit_table import EditTable, table_page

PREVIEW_DELAY_MS = 250
CURRENCIES = ("CNY", "USD", "EUR", "GBP", "JPY", "HKD", "CAD", "AUD")
UNIT_COST = Decimal("0.0001")


class CostsDialog(QDialog):
    saved = Signal(int)  # the shipment's id, once the costs are committed

    def __init__(
        self, ctx: AppContext, detail: ShipmentDetail, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.detail = detail
        self.editable = detail.costs_open
        self.preview: AllocationPreview | None = None
        self.rows: list[int] = []  # the table row of each cost previewed or saved
        self.setWindowTitle(self.tr("First-leg costs of {0}").format(detail.row.ref))
        self._timer = QTimer(self, singleShot=True, interval=PREVIEW_DELAY_MS)
        self._timer.timeout.connect(self.update_preview)
        self._build()
        for cost in detail.costs:
            rate = "" if cost.fx_rate is None else number(cost.fx_rate)
            self.add_cost(cost.kind, cost.description, money(cost.amount), cost.currency, rate)
        if not detail.costs and self.editable:
            self.add_cost()
        self.table.set_read_only(not self.editable)
        self.table.itemChanged.connect(lambda _item: self._timer.start())
        self.update_preview()
        self.table.fit_columns()
        self.resize(980, 640)

    # -- building ------------------------------------------------------------------
    def _build(self) -> None:
        self.basis = QComboBox()
        for basis in BASES:
            self.basis.addItem(label(BASES, basis), basis)
        self.basis.setCurrentIndex(max(self.basis.findData(self.detail.allocation_basis), 0))
        self.basis.currentIndexChanged.connect(lambda _i: self.update_preview())
        self.divisor = QSpinBox()
        self.divisor.setRange(1, 100_000)
        self.divisor.setValue(self.detail.volumetric_divisor)
        self.divisor.setSuffix(self.tr(" cm³/kg"))
        self.divisor.valueChanged.connect(lambda _v: self._timer.start())
        for widget in (self.basis, self.divisor):
            widget.setEnabled(self.editable)
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Allocate by")))
        top.addWidget(self.basis)
        top.addWidget(QLabel(self.tr("Volumetric divisor")))
        top.addWidget(self.divisor)
        top.addStretch(1)
        self.table = EditTable(
            [("kind", self.tr("Kind")), ("description", self.tr("Description")),
             ("amount", self.tr("Amount")), ("currency", self.tr("Currency")),
             ("fx_rate", self.tr("Rate (CNY per unit)")), ("cny", self.tr("CNY"))],
            right=("amount", "fx_rate", "cny"), locked=("cny",), stretch="description",
            chars={"kind": 16, "amount": 14, "currency": 8, "fx_rate": 14, "cny": 24},
        )  # fmt: skip
        add = QPushButton(self.tr("Add cost"))
        add.clicked.connect(lambda: self.add_cost())
        remove = QPushButton(self.tr("Remove"))
        remove.clicked.connect(self._remove)
        for button in (add, remove):
            button.setEnabled(self.editable)
        hint = self.tr("Leave the rate empty to use the rate table on the ship date.")
        self.allocation = detail_table(
            [self.tr("SKU"), self.tr("Quantity"), self.tr("Weight in the allocation"),
             self.tr("Allocated (CNY)"), self.tr("Unit cost"), self.tr("Landed unit cost")],
            0,
        )  # fmt: skip
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(table_page(self.table, [add, remove], hint))
        splitter.addWidget(self.allocation)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
            if self.editable else QDialogButtonBox.StandardButton.Close
        )  # fmt: skip
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        if not self.editable:
            layout.addWidget(QLabel(self.tr(
                "The first receipt fixed the landed cost: these costs can no longer change."
            ), objectName="hint"))  # fmt: skip
        layout.addLayout(top)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.summary)
        layout.addWidget(self.buttons)

    def add_cost(
        self, kind: str = "freight", description: str = "", amount: str = "",
        currency: str = "CNY", rate: str = "",
    ) -> int:  # fmt: skip
        kinds = QComboBox()
        for code in COST_KINDS:
            kinds.addItem(label(COST_KINDS, code), code)
        kinds.setCurrentIndex(max(kinds.findData(kind), 0))
        currencies = QComboBox()
        currencies.setEditable(True)
        currencies.addItems(list(CURRENCIES))
        currencies.setCurrentText(currency)
        kinds.currentIndexChanged.connect(lambda _i: self._timer.start())
        currencies.currentTextChanged.connect(lambda _t: self._timer.start())
        row = self.table.add_row({"kind": kinds, "description": description, "amount": amount,
                                  "currency": currencies, "fx_rate": rate})  # fmt: skip
        self._timer.start()
        return row

    def _remove(self) -> None:
        self.table.remove_current()
        self._timer.start()

    # -- values and preview --------------------------------------------------------
    def drafts(self) -> tuple[list[CostDraft], list[int]]:
        """The costs to save and the table row of each (rows left empty are not costs)."""
        drafts, rows = [], []
        for row in range(self.table.rowCount()):
            kind = self.table.widget(row, "kind")
            assert isinstance(kind, QComboBox)
            rate = self.table.text(row, "fx_rate")
            if not (self.table.text(row, "amount") or rate or self.table.text(row, "description")):
                continue
            rows.append(row)
            drafts.append(CostDraft(
                kind.currentData(), self.table.text(row, "amount"),
                self.table.text(row, "currency").upper() or "CNY", rate or None,
                self.table.text(row, "description"),
            ))  # fmt: skip
        return drafts, rows

    def update_preview(self) -> None:
        """Each cost in CNY and the allocation over the lines (inline: a few small reads)."""
        self._timer.stop()
        basis, divisor = self.basis.currentData(), self.divisor.value()
        drafts, self.rows = self.drafts()
        with self.ctx.db.sessions() as session:
            self.preview = shipment_query.preview_costs(
                session, self.detail.row.id, drafts, basis, divisor
            )
        self._show_costs(self.preview)
        self._show_allocation(self.preview)

    def _show_costs(self, preview: AllocationPreview) -> None:
        self.table.blockSignals(True)
        try:
            for row in range(self.table.rowCount()):
                self.table.set_text(row, "cny", "")
            for row, cost in zip(self.rows, preview.costs, strict=True):
                if cost.amount_cny is None:
                    text = "—"
                elif cost.rate_from_table and cost.fx_rate is not None:
                    text = self.tr("{0} (rate {1})").format(
                        money(cost.amount_cny), number(cost.fx_rate)
                    )
                else:
                    text = money(cost.amount_cny)
                self.table.set_text(row, "cny", text)
        finally:
            self.table.blockSignals(False)

    def _show_allocation(self, preview: AllocationPreview) -> None:
        rows = []
        for line, weight, part in zip(self.detail.lines, preview.weights, preview.parts,
                                      strict=True):  # fmt: skip
            landed = (line.unit_cost + part / line.quantity).quantize(UNIT_COST)
            rows.append([(line.sku_code, False), (number(line.quantity), True),
                         (number(weight.quantize(Decimal("0.001"))), True), (money(part), True),
                         (money(line.unit_cost, 4), True), (money(landed, 4), True)])  # fmt: skip
        put_rows(self.allocation, rows)
        basis = label(BASES, self.basis.currentData()).lower()
        if preview.problem:
            text = self.tr("Total {0} CNY cannot be allocated by {1}: {2}").format(
                money(preview.total_cny), basis, translate_problem(preview.problem)
            )
        else:
            text = self.tr("Total {0} CNY allocated by {1}, {2}.").format(
                money(preview.total_cny), basis, label(WEIGHT_SOURCES, preview.source)
            )
        self.summary.setText(text)
        self.summary.setStyleSheet("color: #c0392b;" if preview.problem else "")

    # -- saving --------------------------------------------------------------------
    def save(self) -> None:
        (drafts, self.rows), shipment_id = self.drafts(), self.detail.row.id
        changes = {}
        if self.basis.currentData() != self.detail.allocation_basis:
            changes["allocation_basis"] = self.basis.currentData()
        if self.divisor.value() != self.detail.volumetric_divisor:
            changes["volumetric_divisor"] = self.divisor.value()

        def work(session: Session, job: Job) -> int:
            steps = [lambda: shipments.set_costs(session, shipment_id, drafts)]
            if changes:
                steps.insert(0, lambda: shipments.update_shipment(session, shipment_id, **changes))
            all_problems(steps)
            return shipment_id

        save_and_close(
            self,
            self.ctx,
            work,
            buttons=self.buttons,
            changes=Changes(stock=True),
            label=self.tr("Saving the costs…"),
            saved=self.saved,
            show_problems=self.show_problems,
        )

    def show_problems(self, problems: list[FieldProblem]) -> None:
        self.table.clear_marks()
        texts = []
        for problem in problems:
            name, index, part = split_field(problem.field)
            reason = translate_problem(problem.reason)
            if name == "costs" and index is not None and index.isdigit():
                row = self.rows[int(index)] if int(index) < len(self.rows) else int(index)
                self.table.mark(row, part, reason)
                texts.append(self.tr("Cost {0}: {1}").format(row + 1, reason))
            else:
                texts.append(reason)
        self.summary.setText("\n".join(texts))
        self.summary.setStyleSheet("color: #c0392b;")
