"""Edit one SKU (or create one): every field checked as you type, problems shown on the field."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from desktop_app.core import codes
from desktop_app.core.errors import FieldProblem
from desktop_app.core.jobs import Job
from desktop_app.core.services import catalogue, rate_library, sku_query
from desktop_app.core.services.rate_library import RateInfo
from desktop_app.ui.context import AppContext
from desktop_app.ui.dialogs.saving import save_and_close, save_buttons
from desktop_app.ui.events import Changes
from desktop_app.ui.models.sku_table import BRAND_TYPES, PREFERENCES, field_label, number, tr
from desktop_app.ui.widgets.elements_editor import ElementsEditor
from desktop_app.ui.widgets.field import FieldBox, field_group, show_on_fields
from desktop_app.ui.widgets.scroll import scrolled

CHECK_DELAY_MS = 300
TEXT = ("code", "name_cn", "name_en", "spec", "brand_name", "hs_code", "domestic_source")
DECIMALS = ("first_unit_factor", "second_unit_factor", "net_weight_kg", "gross_weight_kg",
            "length_cm", "width_cm", "height_cm", "levy_rate", "rebate_rate",
            "purchase_price")  # fmt: skip
RATES = ("levy_rate", "rebate_rate")


@dataclass
class SkuForm:
    """What the dialog starts from: the SKU's values and the lists its choice boxes offer."""

    values: dict[str, Any]
    units: list[tuple[str, str]]
    countries: list[tuple[str, str]]
    suppliers: list[tuple[int, str]]
    library: str | None  # the rate library version in use
    problems: list[FieldProblem] = field(default_factory=list)


def load_form(session: Session, sku_id: int | None) -> SkuForm:
    values = dict(catalogue.DEFAULTS)
    if sku_id is not None:
        values = sku_query.sku_values(session, sku_id) or values
    version = rate_library.active_version(session)
    return SkuForm(
        values,
        [(e.code, e.name_cn) for e in codes.entries(session, "units")],
        [(e.code, e.name_cn) for e in codes.entries(session, "countries")],
        sku_query.suppliers(session),
        version.version if version else None,
    )


def as_text(value: Any) -> str:
    if value is None:
        return ""
    return number(value) if isinstance(value, Decimal) else str(value)


class SkuEditDialog(QDialog):
    saved = Signal(int)  # the SKU's id, once the change is committed

    def __init__(self, ctx: AppContext, sku_id: int | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.sku_id = sku_id
        self.boxes: dict[str, FieldBox] = {}
        self.reset_rates = False
        with ctx.db.sessions() as session:
            self.form = load_form(session, sku_id)
        self.setWindowTitle(self.tr("New SKU") if sku_id is None else self.tr("Edit SKU"))
        self._build()
        self._fill(self.form.values)
        self.initial = self.values()
        self._timer = QTimer(self, singleShot=True, interval=CHECK_DELAY_MS)
        self._timer.timeout.connect(self.check)
        self._connect_changes()
        self.check()
        self.resize(1040, 760)

    # -- building ------------------------------------------------------------------
    def _build(self) -> None:
        self.editors: dict[str, QWidget] = {name: QLineEdit() for name in (*TEXT, *DECIMALS)}
        self.editors["brand_type"] = self._combo([(tr(t), c) for c, t in BRAND_TYPES.items()])
        self.editors["preference"] = self._combo([(tr(t), c) for c, t in PREFERENCES.items()])
        unit_items = [(f"{code} {name}", code) for code, name in self.form.units]
        self.editors["trade_unit"] = self._combo(unit_items)
        for name in ("legal_first_unit", "legal_second_unit"):
            self.editors[name] = self._combo([("", None), *unit_items])
        country_items = [(f"{code} {name}", code) for code, name in self.form.countries]
        self.editors["origin_country"] = self._combo(country_items)
        suppliers = [(name, i) for i, name in self.form.suppliers]
        self.editors["supplier_id"] = self._combo([(self.tr("None"), None), *suppliers])
        self.editors["active"] = QCheckBox(self.tr("In use (uncheck for SKUs no longer sold)"))
        self.editors["rates_overridden"] = QLabel()
        self.editors["notes"] = QPlainTextEdit()
        self.editors["notes"].setMaximumHeight(70)
        self.elements = self.editors["declaration_elements"] = ElementsEditor()
        self.hs_info = QLabel(objectName="hint")
        self.hs_info.setWordWrap(True)
        self.library_button = QPushButton(self.tr("Use the library's rates"))
        self.library_button.clicked.connect(self.use_library_rates)
        left, right = QVBoxLayout(), QVBoxLayout()
        for key in ("identity", "goods", "rates"):
            left.addWidget(self._group(key))
        for key in ("customs", "elements"):
            right.addWidget(self._group(key))
        left.addStretch(1)
        columns = QHBoxLayout()
        columns.addLayout(left, 1)
        columns.addLayout(right, 1)
        body = QWidget()
        body.setLayout(columns)
        area = scrolled(body)
        area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.summary = QLabel(objectName="hint")
        self.summary.setWordWrap(True)
        self.buttons = save_buttons(self, self.save)
        layout = QVBoxLayout(self)
        layout.addWidget(area, 1)
        layout.addWidget(self.summary)
        layout.addWidget(self.buttons)

    def _group(self, key: str) -> QWidget:
        title, names = {
            "identity": (self.tr("Product"),
                         ("code", "name_cn", "name_en", "spec", "brand_name", "active", "notes")),
            "customs": (self.tr("Customs declaration"),
                        ("hs_code", "brand_type", "preference", "trade_unit", "legal_first_unit",
                         "first_unit_factor", "legal_second_unit", "second_unit_factor",
                         "origin_country", "domestic_source")),
            "goods": (self.tr("Weight and size"),
                      ("net_weight_kg", "gross_weight_kg", "length_cm", "width_cm", "height_cm")),
            "rates": (self.tr("Tax rates and cost"),
                      ("levy_rate", "rebate_rate", "rates_overridden", "purchase_price",
                       "supplier_id")),
            "elements": (self.tr("Declaration elements (申报要素)"), ("declaration_elements",)),
        }[key]  # fmt: skip
        rows = [(n, field_label(n), self.editors[n], self._hint(n)) for n in names]
        if key == "elements":  # the group's title says it; the list gets the whole width
            rows = [(n, "", editor, hint) for n, _label, editor, hint in rows]
        group = field_group(title, rows, self.boxes)
        if key == "customs":
            group.layout().insertRow(1, "", self.hs_info)
        if key == "rates":
            group.layout().addRow("", self.library_button)
        return group

    def _hint(self, name: str) -> str:
        hints = {
            "hs_code": self.tr("10 digits (商品编号)"),
            "first_unit_factor": self.tr("e.g. 0.25 when a piece weighs 0.25 kg, the unit kg"),
            "domestic_source": self.tr("5-character region code (境内货源地)"),
        }  # fmt: skip
        return hints.get(name, "")

    @staticmethod
    def _combo(items: list[tuple[str, Any]]) -> QComboBox:
        combo = QComboBox()
        for text, value in items:
            combo.addItem(text, value)
        return combo

    # -- values --------------------------------------------------------------------
    def _fill(self, values: dict[str, Any]) -> None:
        for name, editor in self.editors.items():
            value = values.get(name)
            if isinstance(editor, QLineEdit):
                editor.setText(as_text(value))
            elif isinstance(editor, QComboBox):
                found = editor.findData(value) if value is not None else 0
                if found < 0:
                    editor.addItem(str(value), value)  # a code the table no longer has
                    found = editor.count() - 1
                editor.setCurrentIndex(max(found, 0))
            elif isinstance(editor, QCheckBox):
                editor.setChecked(bool(value))
            elif isinstance(editor, QPlainTextEdit):
                editor.setPlainText(value or "")
        self.elements.set_text(
            values.get("declaration_elements") or "", values["brand_type"], values["preference"]
        )
        self._show_rates_flag(bool(values.get("rates_overridden")))

    def values(self) -> dict[str, Any]:
        """The form as raw values for catalogue.validate/create/update (the core parses them)."""
        out: dict[str, Any] = {}
        for name, editor in self.editors.items():
            if isinstance(editor, QLineEdit):
                out[name] = editor.text()
            elif isinstance(editor, QComboBox):
                out[name] = editor.currentData()
            elif isinstance(editor, QCheckBox):
                out[name] = editor.isChecked()
            elif isinstance(editor, QPlainTextEdit):
                out[name] = editor.toPlainText()
        out["declaration_elements"] = self.elements.text()
        return out

    def changes(self) -> dict[str, Any]:
        """For a new SKU every field; for an existing one only what the user changed."""
        now = self.values()
        if self.sku_id is None:
            return now
        changed = {n: v for n, v in now.items() if v != self.initial.get(n)}
        if self.reset_rates:
            changed = {n: v for n, v in changed.items() if n not in RATES}
            changed["rates_overridden"] = False  # the core puts the library's rates back
        return changed

    def _connect_changes(self) -> None:
        for editor in self.editors.values():
            if isinstance(editor, QLineEdit):
                editor.textEdited.connect(self._edited)
            elif isinstance(editor, QComboBox):
                editor.currentIndexChanged.connect(self._edited)
            elif isinstance(editor, QCheckBox):
                editor.toggled.connect(self._edited)
            elif isinstance(editor, QPlainTextEdit):
                editor.textChanged.connect(self._edited)
        self.elements.changed.connect(self._edited)
        for name in ("brand_type", "preference"):
            self.editors[name].currentIndexChanged.connect(self._leading_changed)
        for name in RATES:
            self.editors[name].textEdited.connect(lambda _t: setattr(self, "reset_rates", False))

    def _edited(self, *_args: object) -> None:
        self._timer.start()

    def _leading_changed(self, _index: int) -> None:
        values = self.values()
        self.elements.set_leading(values["brand_type"], values["preference"])

    # -- checking ------------------------------------------------------------------
    def check(self) -> list[FieldProblem]:
        """Validate the form through the core (inline: a few small indexed lookups)."""
        self._timer.stop()
        today = dt.date.today()
        with self.ctx.db.sessions() as session:
            problems = catalogue.validate_sku(session, self.changes(), sku_id=self.sku_id)
            hs_code = rate_library.normalize_code(self.values()["hs_code"] or "")
            info = rate_library.lookup(session, hs_code, today) if hs_code else None
        elements_problem = self.elements.problem()
        if elements_problem:
            problems.append(FieldProblem("declaration_elements", elements_problem))
        self.show_problems(problems)
        self._show_library(info)
        return problems

    def show_problems(self, problems: list[FieldProblem]) -> None:
        show_on_fields(self.boxes, problems)
        if problems:
            self.summary.setText(
                self.tr("{0} problem(s) to fix before saving.").format(len(problems))
            )
        else:
            self.summary.setText(self.tr("Every field is valid."))
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setEnabled(not problems)

    def _show_library(self, info: RateInfo | None) -> None:
        self.library_info = info
        if self.form.library is None:
            self.hs_info.setText(self.tr("No rate library loaded: the rates are as entered."))
        elif info is None:
            self.hs_info.setText(
                self.tr("Not in the rate library {0} today.").format(self.form.library)
            )
        else:
            levy = "/".join(f"{number(r)}%" for r in info.levy_rates) or "—"
            self.hs_info.setText(
                self.tr("Rate library {0}: {1} · unit {2} · levy {3} · rebate {4}").format(
                    info.version, info.name, info.unit, levy, f"{number(info.rebate_rate)}%"
                )
            )
        self._show_rates_flag(self._rates_differ(info))
        self.library_button.setEnabled(info is not None)

    def _rates_differ(self, info: RateInfo | None) -> bool:
        if self.reset_rates or info is None:
            return False if info is not None else bool(self.form.values.get("rates_overridden"))
        values = self.values()
        levy, rebate = (catalogue.clean({n: values[n]})[0].get(n) for n in RATES)
        levy_differs = levy is not None and bool(info.levy_rates) and levy not in info.levy_rates
        return levy_differs or (rebate is not None and rebate != info.rebate_rate)

    def _show_rates_flag(self, overridden: bool) -> None:
        flag = self.editors["rates_overridden"]
        assert isinstance(flag, QLabel)
        if overridden:
            flag.setText(self.tr("⚑ Set by hand: differs from the rate library"))
            flag.setStyleSheet("color: #b9770e; font-weight: bold;")
        else:
            flag.setText(self.tr("From the rate library"))
            flag.setStyleSheet("")

    def use_library_rates(self) -> None:
        info = self.library_info
        if info is None:
            return
        self.editors["levy_rate"].setText(number(info.levy_rate))  # type: ignore[attr-defined]
        self.editors["rebate_rate"].setText(number(info.rebate_rate))  # type: ignore[attr-defined]
        self.reset_rates = True
        self.check()

    # -- saving --------------------------------------------------------------------
    def save(self) -> None:
        if self.check():
            return
        changes, sku_id = self.changes(), self.sku_id
        if sku_id is not None and not changes:
            self.accept()
            return

        def work(session: Session, job: Job) -> int:
            if sku_id is None:
                return catalogue.create_sku(session, changes).id
            return catalogue.update_sku(session, sku_id, changes).id

        save_and_close(
            self,
            self.ctx,
            work,
            buttons=self.buttons,
            changes=Changes(skus=True),
            label=self.tr("Saving the SKU…"),
            saved=self.saved,
            show_problems=self.show_problems,
        )
