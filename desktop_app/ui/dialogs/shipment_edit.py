"""Edit a first-leg shipment (头程) or create one: route, references, lines and cartons.

A draft changes freely. Once shipped, its references (carrier, tracking, booking number,
expected date, notes) still change, and its cartons and allocation basis until the first
receipt; its lines and warehouses no longer do. The core checks everything on Save and
names each problem's field or row ("lines[1].quantity"); the problem shows on that cell.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QCompleter,
    QDateEdit,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from desktop_app.core.errors import FieldProblem, ValidationFailed
from desktop_app.core.jobs import Job
from desktop_app.core.services import shipment_query, shipments, sku_query
from desktop_app.core.services.shipment_query import ShipmentDetail, WarehouseChoice
from desktop_app.core.services.shipments import CartonDraft, LineDraft
from desktop_app.ui.context import AppContext
from desktop_app.ui.dialogs.saving import save_and_close, save_buttons
from desktop_app.ui.events import Changes
from desktop_app.ui.models.shipment_table import (
    BASES,
    TRANSPORT_MODES,
    label,
    money,
    number,
    split_field,
    translate_problem,
)
from desktop_app.ui.widgets.edit_table import EditTable, side_by_side, table_page
from desktop_app.ui.widgets.field import FieldBox, field_group

AUTO_COST = Qt.ItemDataRole.UserRole + 1  # the default unit cost a cell was filled with
HEADER_TEXT = ("ref", "carrier", "tracking_no", "booking_no")
COMBOS = ("origin_warehouse_id", "destination_warehouse_id", "transport_mode", "allocation_basis")
CARTON_KEYS = ("carton_no", "carton_count", "length_cm", "width_cm", "height_cm",
               "gross_weight_kg", "contents")  # fmt: skip


@dataclass
class EditorForm:
    """What the dialog starts from: the shipment (None for a new one) and the choices."""

    detail: ShipmentDetail | None
    warehouses: list[WarehouseChoice]
    skus: list[tuple[int, str, str]]  # (id, code, name) of the active SKUs


def load_editor(session: Session, shipment_id: int | None) -> EditorForm:
    detail = None if shipment_id is None else shipment_query.shipment_detail(session, shipment_id)
    skus = sku_query.active_sku_choices(session)
    known = {s[0] for s in skus}
    if detail is not None:  # a SKU switched off since keeps showing on its line
        skus += [(ln.sku_id, ln.sku_code, ln.sku_name) for ln in detail.lines
                 if ln.sku_id not in known]  # fmt: skip
    return EditorForm(detail, shipment_query.warehouse_choices(session), skus)


class ShipmentEditDialog(QDialog):
    saved = Signal(int)  # the shipment's id, once the change is committed

    def __init__(
        self, ctx: AppContext, shipment_id: int | None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.shipment_id = shipment_id
        self.boxes: dict[str, FieldBox] = {}
        with ctx.db.sessions() as session:
            self.form = load_editor(session, shipment_id)
        detail = self.form.detail
        self.status = "draft" if detail is None else detail.row.status
        self.sku_codes = {code: sku_id for sku_id, code, _name in self.form.skus}
        self.sku_model = self._sku_model()
        self.setWindowTitle(self.tr("New shipment") if detail is None
                            else self.tr("Shipment {0}").format(detail.row.ref))  # fmt: skip
        self._build()
        if detail is not None:
            self._fill(detail)
        else:
            self.add_line()
        self.lines.fit_columns()
        self.cartons.fit_columns()
        self.initial = self.header_values()
        self._lock()
        self.resize(1060, 780)

    # -- building ------------------------------------------------------------------
    def _build(self) -> None:
        self.texts = {name: QLineEdit() for name in HEADER_TEXT}
        self.texts["ref"].setPlaceholderText(self.tr("Leave empty for the next free number"))
        self.combos = {name: QComboBox() for name in COMBOS}
        self._offer_warehouses()
        self.combos["origin_warehouse_id"].currentIndexChanged.connect(self._origin_changed)
        for code in TRANSPORT_MODES:
            self.combos["transport_mode"].addItem(label(TRANSPORT_MODES, code), code)
        for basis in BASES:
            self.combos["allocation_basis"].addItem(label(BASES, basis), basis)
        self.expected_on = QCheckBox(self.tr("Expected on"))
        self.expected = QDateEdit(QDate.currentDate().addDays(30), calendarPopup=True)
        self.expected.setDisplayFormat("yyyy-MM-dd")
        self.expected_on.toggled.connect(self.expected.setEnabled)
        self.expected.setEnabled(False)
        self.divisor = QSpinBox()
        self.divisor.setRange(1, 100_000)
        self.divisor.setValue(6000)
        self.divisor.setSuffix(self.tr(" cm³/kg"))
        self.notes = QPlainTextEdit()
        self.notes.setMaximumHeight(54)
        self.editors: dict[str, QWidget] = {**self.texts, **self.combos}
        self.editors["expected_date"] = side_by_side(self.expected_on, self.expected)
        self.editors["volumetric_divisor"] = self.divisor
        self.editors["notes"] = self.notes
        columns = QHBoxLayout()
        for key in ("route", "references", "allocation"):
            columns.addWidget(self._group(key), 1)
        self.tabs = QTabWidget()
        self.tabs.addTab(self._lines_page(), self.tr("Lines"))
        self.tabs.addTab(self._cartons_page(), self.tr("Cartons"))
        self.summary = QLabel(objectName="hint")
        self.summary.setWordWrap(True)
        self.buttons = save_buttons(self, self.save)
        layout = QVBoxLayout(self)
        layout.addLayout(columns)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.summary)
        layout.addWidget(self.buttons)

    def _offer_warehouses(self) -> None:
        """Active warehouses; from a domestic one to an overseas one unless chosen."""
        active = [w for w in self.form.warehouses if w.active]
        for end in ("origin_warehouse_id", "destination_warehouse_id"):
            for w in active:
                self.combos[end].addItem(f"{w.code} {w.name}", w.id)
        domestic = [i for i, w in enumerate(active) if w.kind == "domestic"]
        overseas = [i for i, w in enumerate(active) if w.kind != "domestic"]
        self.combos["origin_warehouse_id"].setCurrentIndex(domestic[0] if domestic else 0)
        self.combos["destination_warehouse_id"].setCurrentIndex(
            overseas[0] if overseas else min(1, len(active) - 1)
        )

    def _group(self, key: str) -> QWidget:
        title, names = {
            "route": (self.tr("Route"), ("ref", "origin_warehouse_id",
                      "destination_warehouse_id", "expected_date", "transport_mode")),
            "references": (self.tr("References"), ("carrier", "tracking_no", "booking_no",
                           "notes")),
            "allocation": (self.tr("First-leg cost allocation"), ("allocation_basis",
                           "volumetric_divisor")),
        }[key]  # fmt: skip
        labels = self.field_labels()
        return field_group(title, [(n, labels[n], self.editors[n], self._hint(n))
                                   for n in names], self.boxes)  # fmt: skip

    def field_labels(self) -> dict[str, str]:
        return {
            "ref": self.tr("Ref"), "origin_warehouse_id": self.tr("From"),
            "destination_warehouse_id": self.tr("To"), "expected_date": self.tr("Arrival"),
            "transport_mode": self.tr("Transport"), "carrier": self.tr("Carrier"),
            "tracking_no": self.tr("Tracking no."), "booking_no": self.tr("Booking no."),
            "notes": self.tr("Notes"), "allocation_basis": self.tr("Allocate by"),
            "volumetric_divisor": self.tr("Volumetric divisor"),
        }  # fmt: skip

    def _hint(self, name: str) -> str:
        return {
            "booking_no": self.tr("订仓单号, for the 9810 declaration"),
            "allocation_basis": self.tr("How freight, duty and fees are shared by the lines"),
            "volumetric_divisor": self.tr("6000 for most air and express, 5000 for some"),
        }.get(name, "")

    def _lines_page(self) -> QWidget:
        self.lines = EditTable(
            [("sku", self.tr("SKU")), ("quantity", self.tr("Quantity")),
             ("unit_cost", self.tr("Unit cost (CNY)")), ("allocated", self.tr("First-leg cost"))],
            right=("quantity", "unit_cost", "allocated"), locked=("allocated",), stretch="sku",
            chars={"quantity": 12, "unit_cost": 14, "allocated": 14},
        )  # fmt: skip
        self.add_line_button = QPushButton(self.tr("Add line"))
        self.add_line_button.clicked.connect(lambda: self.add_line())
        self.remove_line_button = QPushButton(self.tr("Remove line"))
        self.remove_line_button.clicked.connect(self.lines.remove_current)
        hint = self.tr("Unit cost: what a unit cost at the origin; empty takes its current cost.")
        return table_page(self.lines, [self.add_line_button, self.remove_line_button], hint)

    def _cartons_page(self) -> QWidget:
        self.cartons = EditTable(
            [("carton_no", self.tr("Carton no.")), ("carton_count", self.tr("Count")),
             ("length_cm", self.tr("Length cm")), ("width_cm", self.tr("Width cm")),
             ("height_cm", self.tr("Height cm")), ("gross_weight_kg", self.tr("Gross kg each")),
             ("contents", self.tr("Contents"))],
            right=CARTON_KEYS[1:6], stretch="contents",
            chars={"carton_no": 10, "carton_count": 6, **dict.fromkeys(CARTON_KEYS[2:6], 10)},
        )  # fmt: skip
        self.add_carton_button = QPushButton(self.tr("Add cartons"))
        self.add_carton_button.clicked.connect(lambda: self.add_carton())
        self.remove_carton_button = QPushButton(self.tr("Remove"))
        self.remove_carton_button.clicked.connect(self.cartons.remove_current)
        hint = self.tr("One row per carton size: number “1” or a range “2-10” with its count.")
        return table_page(self.cartons, [self.add_carton_button, self.remove_carton_button], hint)

    def _sku_model(self) -> QStandardItemModel:
        """One list of SKUs shared by every line's picker."""
        model = QStandardItemModel(self)
        for sku_id, code, name in self.form.skus:
            item = QStandardItem(f"{code}  {name}".strip())
            item.setData(sku_id, Qt.ItemDataRole.UserRole)
            model.appendRow(item)
        return model

    def _sku_picker(self) -> QComboBox:
        combo = QComboBox()
        combo.setEditable(True)
        combo.setModel(self.sku_model)
        combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        combo.completer().setFilterMode(Qt.MatchFlag.MatchContains)
        combo.completer().setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        combo.setCurrentIndex(-1)
        combo.lineEdit().setPlaceholderText(self.tr("Type a SKU code or name"))
        combo.currentIndexChanged.connect(lambda _i: self._sku_changed(combo))
        return combo

    # -- rows ----------------------------------------------------------------------
    def add_line(self, sku_id: int | None = None, quantity: str = "", cost: str = "") -> int:
        picker = self._sku_picker()
        row = self.lines.add_row({"sku": picker, "quantity": quantity, "unit_cost": cost})
        if sku_id is not None:
            picker.blockSignals(True)
            picker.setCurrentIndex(self._sku_index(sku_id))
            picker.blockSignals(False)
        self.lines.setCurrentCell(row, 0)
        return row

    def add_carton(self, **values: str) -> int:
        if not values:
            values = {"carton_no": str(self.cartons.rowCount() + 1), "carton_count": "1"}
        return self.cartons.add_row(values)

    def _sku_index(self, sku_id: int) -> int:
        for row in range(self.sku_model.rowCount()):
            if self.sku_model.item(row).data(Qt.ItemDataRole.UserRole) == sku_id:
                return row
        return -1

    def chosen_sku(self, row: int) -> int | None:
        """The SKU of a line: the picked entry, or a code typed in full."""
        picker = self.lines.widget(row, "sku")
        assert isinstance(picker, QComboBox)
        text = picker.currentText().strip()
        index = picker.findText(text)
        if index >= 0:
            return picker.itemData(index, Qt.ItemDataRole.UserRole)
        return self.sku_codes.get(text.split()[0]) if text else None

    def _sku_changed(self, picker: QComboBox) -> None:
        row = self.lines.row_of(picker)
        if row >= 0:
            self._default_cost(row)

    def _origin_changed(self, _index: int) -> None:
        for row in range(self.lines.rowCount()):
            self._default_cost(row)

    def _default_cost(self, row: int) -> None:
        """Fill the unit cost with the origin's current cost unless the user typed one."""
        sku_id, origin = self.chosen_sku(row), self.combos["origin_warehouse_id"].currentData()
        item = self.lines.item(row, self.lines.column("unit_cost"))
        if sku_id is None or origin is None:
            return
        if item is not None and item.text().strip() not in ("", item.data(AUTO_COST)):
            return
        with self.ctx.db.sessions() as session:
            text = money(shipment_query.default_unit_cost(session, sku_id, origin), 4)
        self.lines.set_text(row, "unit_cost", text)
        self.lines.item(row, self.lines.column("unit_cost")).setData(AUTO_COST, text)

    # -- values --------------------------------------------------------------------
    def _fill(self, d: ShipmentDetail) -> None:
        values = {"ref": d.row.ref, "carrier": d.carrier, "tracking_no": d.tracking_no,
                  "booking_no": d.booking_no}  # fmt: skip
        for name, text in values.items():
            self.texts[name].setText(text)
        for name, value in (("origin_warehouse_id", d.origin_id),
                            ("destination_warehouse_id", d.destination_id),
                            ("transport_mode", d.transport_mode),
                            ("allocation_basis", d.allocation_basis)):  # fmt: skip
            _choose(self.combos[name], value)
        self.divisor.setValue(d.volumetric_divisor)
        self.notes.setPlainText(d.notes)
        if d.row.expected_date is not None:
            self.expected_on.setChecked(True)
            self.expected.setDate(QDate(d.row.expected_date))
        for line in d.lines:
            row = self.add_line(line.sku_id, number(line.quantity), money(line.unit_cost, 4))
            self.lines.set_text(row, "allocated", money(line.allocated_cost))
        for c in d.cartons:
            sizes = (c.length_cm, c.width_cm, c.height_cm, c.gross_weight_kg)
            texts = {k: number(v) for k, v in zip(CARTON_KEYS[2:6], sizes, strict=True)}
            self.add_carton(carton_no=c.carton_no, carton_count=str(c.carton_count),
                            contents=c.contents, **texts)  # fmt: skip

    def _lock(self) -> None:
        """What a shipment past draft may no longer change is read-only."""
        draft = self.status == "draft"
        open_costs = self.status in ("draft", "shipped")
        for name in ("origin_warehouse_id", "destination_warehouse_id"):
            self.editors[name].setEnabled(draft)
        for name in ("allocation_basis", "volumetric_divisor"):
            self.editors[name].setEnabled(open_costs)
        self.lines.set_read_only(not draft)
        self.cartons.set_read_only(not open_costs)
        for button in (self.add_line_button, self.remove_line_button):
            button.setEnabled(draft)
        for button in (self.add_carton_button, self.remove_carton_button):
            button.setEnabled(open_costs)

    def header_values(self) -> dict[str, Any]:
        """The header as raw values for create_shipment / update_shipment."""
        values: dict[str, Any] = {n: edit.text() for n, edit in self.texts.items()}
        values |= {n: combo.currentData() for n, combo in self.combos.items()}
        values["volumetric_divisor"] = self.divisor.value()
        values["notes"] = self.notes.toPlainText()
        expected = self.expected.date().toPython() if self.expected_on.isChecked() else None
        values["expected_date"] = expected if isinstance(expected, dt.date) else None
        return values

    def line_drafts(self) -> tuple[list[LineDraft], list[int]]:
        """The lines to save and the table row of each (empty rows are left out)."""
        drafts, rows = [], []
        for row in range(self.lines.rowCount()):
            picked, quantity = self.lines.text(row, "sku"), self.lines.text(row, "quantity")
            cost = self.lines.text(row, "unit_cost")
            if not (picked or quantity or cost):
                continue
            sku_id: Any = self.chosen_sku(row)  # None: the core names the line's SKU missing
            drafts.append(LineDraft(sku_id, quantity, cost or None))
            rows.append(row)
        return drafts, rows

    def carton_drafts(self) -> tuple[list[CartonDraft], list[int]]:
        drafts, rows = [], []
        for row in range(self.cartons.rowCount()):
            text = {key: self.cartons.text(row, key) for key in CARTON_KEYS}
            if not any(text[k] for k in CARTON_KEYS if k != "carton_count"):
                continue
            count: Any = int(text["carton_count"]) if text["carton_count"].isdigit() else (
                text["carton_count"])  # fmt: skip
            drafts.append(CartonDraft(text["carton_no"], text["length_cm"], text["width_cm"],
                                      text["height_cm"], text["gross_weight_kg"], count,
                                      text["contents"]))  # fmt: skip
            rows.append(row)
        return drafts, rows

    # -- saving --------------------------------------------------------------------
    def save(self) -> None:
        header, shipment_id = self.header_values(), self.shipment_id
        lines, self.line_rows = self.line_drafts()
        cartons, self.carton_rows = self.carton_drafts()
        changed = {n: v for n, v in header.items() if v != self.initial.get(n)}
        status = self.status

        def create(session: Session, job: Job) -> int:
            origin = header.pop("origin_warehouse_id")
            destination = header.pop("destination_warehouse_id")
            return shipments.create_shipment(
                session, origin_warehouse_id=origin, destination_warehouse_id=destination,
                lines=lines, cartons=cartons, **header,
            ).id  # fmt: skip

        def update(session: Session, job: Job) -> int:
            assert shipment_id is not None
            steps = [lambda: shipments.update_shipment(session, shipment_id, **changed)]
            if status == "draft":
                steps.append(lambda: shipments.set_lines(session, shipment_id, lines))
            if status in ("draft", "shipped"):
                steps.append(lambda: shipments.set_cartons(session, shipment_id, cartons))
            all_problems(steps)
            return shipment_id

        save_and_close(
            self,
            self.ctx,
            create if shipment_id is None else update,
            buttons=self.buttons,
            changes=Changes(stock=True),
            label=self.tr("Saving the shipment…"),
            saved=self.saved,
            show_problems=self.show_problems,
        )

    def show_problems(self, problems: list[FieldProblem]) -> None:
        """Each problem on its field or cell, and all of them listed under the tables."""
        for box in self.boxes.values():
            box.clear_problem()
        self.lines.clear_marks()
        self.cartons.clear_marks()
        texts = [self._show_problem(p) for p in problems]
        self.summary.setText("\n".join(f"• {t}" for t in texts))
        self.summary.setStyleSheet("color: #c0392b;" if texts else "")

    def _show_problem(self, problem: FieldProblem) -> str:
        reason = translate_problem(problem.reason)
        name, index, part = split_field(problem.field)
        if name in self.boxes:
            self.boxes[name].set_problem(reason)
            return f"{self.field_labels()[name]}: {reason}"
        tables = {"lines": (self.lines, getattr(self, "line_rows", []), self.tr("Line {0}")),
                  "cartons": (self.cartons, getattr(self, "carton_rows", []),
                              self.tr("Cartons row {0}"))}  # fmt: skip
        if name in tables and index is not None and index.isdigit():
            table, rows, where = tables[name]
            row = rows[int(index)] if int(index) < len(rows) else int(index)
            key = "sku" if part == "sku_id" else part
            table.mark(row, key, reason)
            self.tabs.setCurrentWidget(table.parentWidget())
            return f"{where.format(row + 1)} · {_title(table, key)}: {reason}"
        if name == "carton_no":  # two rows with one number
            for row in range(self.cartons.rowCount()):
                if self.cartons.text(row, "carton_no") == str(problem.value):
                    self.cartons.mark(row, "carton_no", reason)
        return f"{problem.field}: {reason}"


def all_problems(steps: list[Any]) -> None:
    """Run every step, then raise every field problem they found together (nothing is kept:
    the transaction rolls back)."""
    problems: list[FieldProblem] = []
    for step in steps:
        try:
            step()
        except ValidationFailed as exc:
            problems += exc.problems
    if problems:
        raise ValidationFailed(problems)


def _title(table: EditTable, key: str) -> str:
    if key not in table.keys:
        return key
    item = table.horizontalHeaderItem(table.column(key))
    return item.text() if item is not None else key


def _choose(combo: QComboBox, value: Any) -> None:
    index = combo.findData(value)
    if index < 0:  # an inactive warehouse, an unusual code: shown as it is
        combo.addItem(str(value), value)
        index = combo.count() - 1
    combo.setCurrentIndex(index)
