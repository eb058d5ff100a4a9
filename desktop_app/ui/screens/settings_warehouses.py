"""Settings → Warehouses (仓库): the warehouses, and the rules for costing and locking stock."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QDate, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from desktop_app.core import codes, settings
from desktop_app.core.errors import FieldProblem, ValidationFailed
from desktop_app.core.jobs import Job
from desktop_app.core.models.stock import WAREHOUSE_KINDS
from desktop_app.core.services import position_query, warehouses
from desktop_app.ui.context import AppContext
from desktop_app.ui.dialogs.saving import save_and_close, save_buttons
from desktop_app.ui.events import Changes
from desktop_app.ui.models.order_table import money
from desktop_app.ui.models.stock_table import quantity
from desktop_app.ui.screens.settings_general import write_settings
from desktop_app.ui.widgets.field import FieldBox, field_group, show_on_fields
from desktop_app.ui.widgets.list_table import fill, list_table

KINDS = {
    "domestic": QT_TRANSLATE_NOOP("WarehousesPanel", "Domestic warehouse"),
    "overseas_3pl": QT_TRANSLATE_NOOP("WarehousesPanel", "Overseas warehouse (3PL)"),
    "fba": QT_TRANSLATE_NOOP("WarehousesPanel", "Platform warehouse (FBA)"),
}
STOCK_KEYS = ("stock.cost_method", "stock.negative", "stock.period_lock")
FIELDS = ("code", "name", "kind", "country", "currency", "provider", "address", "active")


def kind_label(kind: str) -> str:
    source = KINDS.get(kind)
    return QCoreApplication.translate("WarehousesPanel", source) if source else kind


@dataclass(frozen=True)
class WarehouseLine:
    """One warehouse with what it holds, read on the worker thread."""

    id: int
    values: dict[str, Any]  # FIELDS
    on_hand: Decimal = Decimal(0)
    in_transit: Decimal = Decimal(0)
    value: Decimal = Decimal(0)


@dataclass(frozen=True)
class WarehousesData:
    lines: list[WarehouseLine]
    countries: list[tuple[str, str]]  # (code, Chinese name)
    currencies: list[tuple[str, str]]
    settings: dict[str, Any] = field(default_factory=dict)


def load_warehouses(session: Session, job: Job) -> WarehousesData:
    held = position_query.warehouse_stock(session)
    lines = [
        WarehouseLine(w.id, {name: getattr(w, name) for name in FIELDS},
                      *held.get(w.id, (Decimal(0), Decimal(0), Decimal(0))))
        for w in warehouses.list_warehouses(session)
    ]  # fmt: skip
    return WarehousesData(
        lines,
        [(e.code, e.name_cn) for e in codes.entries(session, "countries")],
        [(e.code, e.name_cn) for e in codes.entries(session, "currencies")],
        settings.get_all(session),
    )


def save_warehouse(session: Session, warehouse_id: int | None, values: dict[str, Any]) -> int:
    """Create or change a warehouse and switch it on or off; every problem at once, or nothing."""
    fields = {name: values[name] for name in FIELDS if name != "active"}
    problems: list[FieldProblem] = []
    saved = None
    try:
        if warehouse_id is None:
            saved = warehouses.create_warehouse(session, **fields)
        else:
            current = warehouses.get_warehouse(session, warehouse_id)
            changed = {n: v for n, v in fields.items() if v != getattr(current, n)}
            saved = warehouses.update_warehouse(session, warehouse_id, **changed)
    except ValidationFailed as exc:
        problems += exc.problems
    target = saved.id if saved is not None else warehouse_id
    if target is not None:
        try:
            with session.begin_nested():  # checked even when a field was refused above
                warehouses.set_active(session, target, bool(values["active"]))
        except ValidationFailed as exc:
            problems += exc.problems
    if problems:
        raise ValidationFailed(problems)
    assert target is not None
    return target


class WarehousesPanel(QWidget):
    """The warehouse list with New / Edit, and the stock rules below it."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.data: WarehousesData | None = None
        self.boxes: dict[str, FieldBox] = {}
        headers = [self.tr("Code"), self.tr("Name"), self.tr("Kind"), self.tr("Country"),
                   self.tr("Currency"), self.tr("Provider"), self.tr("Status"),
                   self.tr("On hand"), self.tr("In transit"), self.tr("Value (CNY)")]  # fmt: skip
        self.table = list_table(headers)
        self.table.itemSelectionChanged.connect(self._selection_changed)
        self.table.itemDoubleClicked.connect(lambda _item: self.edit_current())
        self.new_button = QPushButton(self.tr("New warehouse…"))
        self.new_button.clicked.connect(lambda: self.edit(None))
        self.edit_button = QPushButton(self.tr("Edit…"))
        self.edit_button.clicked.connect(self.edit_current)
        buttons = QHBoxLayout()
        buttons.addWidget(self.new_button)
        buttons.addWidget(self.edit_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.addLayout(buttons)
        layout.addWidget(self.table, 1)
        rules = QHBoxLayout()
        rules.addWidget(self._stock_group(), 3)
        rules.addStretch(1)
        layout.addLayout(rules)
        self._selection_changed()

    # -- stock rules ---------------------------------------------------------------
    def _stock_group(self) -> QWidget:
        self.cost_combo = self._choices("stock.cost_method", {
            "moving_average": self.tr("Moving weighted average"),
            "fifo": self.tr("First in, first out (FIFO)"),
        })  # fmt: skip
        self.negative_combo = self._choices("stock.negative", {
            "block": self.tr("Refuse moves that go below zero"),
            "warn": self.tr("Allow, with a warning"),
        })  # fmt: skip
        self.lock_check = QCheckBox(self.tr("Lock moves dated on or before"))
        self.lock_date = QDateEdit(calendarPopup=True, displayFormat="yyyy-MM-dd")
        self.lock_date.setDate(QDate.currentDate().addMonths(-1))
        self.lock_date.setEnabled(False)
        self.lock_check.toggled.connect(self.lock_date.setEnabled)
        lock_row = QWidget()
        row = QHBoxLayout(lock_row)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.lock_check)
        row.addWidget(self.lock_date)
        row.addStretch(1)
        rows = [
            ("stock.cost_method", self.tr("Cost method"), self.cost_combo,
             self.tr("How units leaving a warehouse are valued; applies to moves from now on.")),
            ("stock.negative", self.tr("Negative stock"), self.negative_combo, ""),
            ("stock.period_lock", self.tr("Period lock"), lock_row,
             self.tr("Closed periods: no move, reversal or stocktake may be dated in them.")),
        ]  # fmt: skip
        group = field_group(self.tr("Stock rules"), rows, self.boxes)
        self.save_button = QPushButton(self.tr("Save stock rules"))
        self.save_button.clicked.connect(self.save_rules)
        self.rules_note = QLabel()
        bar = QHBoxLayout()
        bar.addWidget(self.rules_note, 1)
        bar.addWidget(self.save_button)
        group.layout().addRow(bar)
        return group

    def _choices(self, key: str, names: dict[str, str]) -> QComboBox:
        combo = QComboBox()
        for code in settings.REGISTRY[key].choices:
            combo.addItem(names.get(code, code), code)
        return combo

    def rule_values(self) -> dict[str, Any]:
        locked = self.lock_check.isChecked()
        return {
            "stock.cost_method": self.cost_combo.currentData(),
            "stock.negative": self.negative_combo.currentData(),
            "stock.period_lock": self.lock_date.date().toString("yyyy-MM-dd") if locked else "",
        }

    def show_rules(self, values: dict[str, Any]) -> None:
        self.cost_combo.setCurrentIndex(self.cost_combo.findData(values["stock.cost_method"]))
        self.negative_combo.setCurrentIndex(self.negative_combo.findData(values["stock.negative"]))
        lock = values["stock.period_lock"]
        self.lock_check.setChecked(bool(lock))
        if lock:
            day = dt.date.fromisoformat(lock)
            self.lock_date.setDate(QDate(day.year, day.month, day.day))
        for box in self.boxes.values():
            box.clear_problem()

    def save_rules(self) -> None:
        write_settings(
            self,
            self.ctx,
            self.rule_values(),
            boxes=self.boxes,
            note=self.rules_note,
            changes=Changes(settings=True, stock=True),
            label=self.tr("Saving the stock rules…"),
            texts=(
                self.tr("Saved."),
                self.tr("Not saved: please correct the fields marked in red."),
            ),
            shown=self.show_rules,
        )

    # -- warehouses ----------------------------------------------------------------
    def reload(self) -> None:
        self.ctx.tasks.query(load_warehouses, parent=self, on_success=self.show_data)

    def show_data(self, data: WarehousesData) -> None:
        chosen = self.current_id()
        self.data = data
        rows = [self._cells(line) for line in data.lines]
        fill(self.table, rows, right_aligned=(7, 8, 9))
        for row, line in enumerate(data.lines):
            if line.id == chosen:
                self.table.selectRow(row)
        self.show_rules(data.settings)
        self._selection_changed()

    def _cells(self, line: WarehouseLine) -> list[str]:
        v = line.values
        status = self.tr("In use") if v["active"] else self.tr("Switched off")
        return [v["code"], v["name"], kind_label(v["kind"]), v["country"], v["currency"],
                v["provider"], status, quantity(line.on_hand), quantity(line.in_transit),
                money(line.value)]  # fmt: skip

    def current_id(self) -> int | None:
        row = self.table.currentRow()
        if self.data is None or not 0 <= row < len(self.data.lines):
            return None
        return self.data.lines[row].id

    def _selection_changed(self) -> None:
        self.edit_button.setEnabled(self.current_id() is not None)

    def edit_current(self) -> None:
        warehouse_id = self.current_id()
        if warehouse_id is not None:
            self.edit(warehouse_id)

    def edit(self, warehouse_id: int | None) -> WarehouseDialog | None:
        if self.data is None:
            return None
        line = next((w for w in self.data.lines if w.id == warehouse_id), None)
        dialog = WarehouseDialog(self.ctx, self.data, line, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.saved.connect(lambda _id: self.ctx.events.notify(self.tr("Warehouse saved.")))
        dialog.saved.connect(lambda _id: self.reload())
        self.dialog = dialog
        dialog.open()
        return dialog


class WarehouseDialog(QDialog):
    """A new warehouse or an existing one; the core's problems are shown on their fields."""

    saved = Signal(int)

    def __init__(
        self,
        ctx: AppContext,
        data: WarehousesData,
        line: WarehouseLine | None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.warehouse_id = line.id if line else None
        self.boxes: dict[str, FieldBox] = {}
        self.setWindowTitle(self.tr("New warehouse") if line is None else self.tr("Edit warehouse"))
        self.editors: dict[str, QWidget] = {
            "code": QLineEdit(), "name": QLineEdit(), "provider": QLineEdit(),
            "address": QLineEdit(),
            "kind": _combo([(kind_label(k), k) for k in WAREHOUSE_KINDS]),
            "country": _code_combo(data.countries), "currency": _code_combo(data.currencies),
            "active": QCheckBox(self.tr("In use (switched off, it takes no stock moves)")),
        }  # fmt: skip
        self._build()
        values = line.values if line else {"kind": "overseas_3pl", "currency": "CNY",
                                           "active": True}  # fmt: skip
        self.set_values(values)

    def _build(self) -> None:
        labels = {
            "code": self.tr("Code"), "name": self.tr("Name"), "kind": self.tr("Kind"),
            "country": self.tr("Country"), "currency": self.tr("Currency"),
            "provider": self.tr("Provider"), "address": self.tr("Address"),
            "active": self.tr("Status"),
        }  # fmt: skip
        hints = {
            "code": self.tr("Short and unique, e.g. US-LA-3PL; used on the command line"),
            "country": self.tr("Where the warehouse is (ISO code, e.g. USA)"),
            "currency": self.tr("The currency its fees are billed in"),
            "provider": self.tr("The 3PL company, or Amazon for FBA"),
        }
        rows = [(n, labels[n], self.editors[n], hints.get(n, "")) for n in FIELDS]
        group = field_group(self.tr("Warehouse"), rows, self.boxes)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setStyleSheet("color: #c0392b;")
        self.buttons = save_buttons(self, self.save)
        layout = QVBoxLayout(self)
        layout.addWidget(group)
        layout.addWidget(self.summary)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(520)

    def set_values(self, values: dict[str, Any]) -> None:
        for name, editor in self.editors.items():
            value = values.get(name)
            if isinstance(editor, QLineEdit):
                editor.setText(value or "")
            elif isinstance(editor, QCheckBox):
                editor.setChecked(bool(value))
            elif isinstance(editor, QComboBox):
                found = editor.findData(value)
                if found >= 0:
                    editor.setCurrentIndex(found)
                elif editor.isEditable():
                    editor.setEditText(value or "")

    def values(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for name, editor in self.editors.items():
            if isinstance(editor, QLineEdit):
                out[name] = editor.text()
            elif isinstance(editor, QCheckBox):
                out[name] = editor.isChecked()
            elif isinstance(editor, QComboBox):
                out[name] = _combo_value(editor)
        return out

    def save(self) -> None:
        values, warehouse_id = self.values(), self.warehouse_id
        save_and_close(
            self,
            self.ctx,
            lambda session, job: save_warehouse(session, warehouse_id, values),
            buttons=self.buttons,
            changes=Changes(stock=True, orders=True),  # orders route to warehouses
            label=self.tr("Saving the warehouse…"),
            saved=self.saved,
            show_problems=self.show_problems,
        )

    def show_problems(self, problems: list[FieldProblem]) -> None:
        show_on_fields(self.boxes, problems)
        self.summary.setText(
            self.tr("Not saved: {0} problem(s) to fix.").format(len(problems)) if problems else ""
        )
        self.adjustSize()  # the notes under the fields need room


def _combo(items: list[tuple[str, Any]]) -> QComboBox:
    combo = QComboBox()
    for text, value in items:
        combo.addItem(text, value)
    return combo


def _code_combo(entries: list[tuple[str, str]]) -> QComboBox:
    """A code chosen from the list ("USA 美国") or typed (the core checks it)."""
    combo = _combo([(f"{code} {name}", code) for code, name in entries])
    combo.setEditable(True)
    combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
    return combo


def _combo_value(combo: QComboBox) -> Any:
    if not combo.isEditable():
        return combo.currentData()
    text = combo.currentText().strip()
    index = combo.findText(text)
    if index >= 0:
        return combo.itemData(index)
    return text.split(" ")[0] if text else ""
