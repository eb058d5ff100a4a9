"""What-if rebate calculator: 免退 (trading) and 免抵退 (manufacturer), live as the user types.

The figures go to the same core functions `rebate simulate` calls (rebate_compute.trading_refund
and manufacturer_period); rates are typed in percent (13) and passed as fractions (0.13). Every
result is shown with the formula that produced it, filled in with the figures; a bad figure
shows its reason beside the field and clears the results. No database is read.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.errors import FieldProblem, ValidationFailed
from desktop_app.core.money import FEN, ZERO, round_fen, to_decimal
from desktop_app.core.services import rebate_compute
from desktop_app.ui.context import AppContext
from desktop_app.ui.events import Changes
from desktop_app.ui.reasons import match_reason, translate_reason
from desktop_app.ui.widgets.field import FieldBox, field_group
from desktop_app.ui.widgets.screen import PageHeader, Screen

CONTEXT = "RebateCalculatorScreen"
LIMIT = Decimal(10**15)  # as the command line: far above any real figure
HUNDRED = Decimal(100)

# The core's English reasons (rebate_compute) in the UI language.
PATTERNS = [
    (re.compile(pattern), template)
    for pattern, template in (
        (r"^must be a finite amount of 0 or more$",
         QT_TRANSLATE_NOOP("RebateCalculatorScreen", "must be an amount of 0 or more")),
        (r"^is higher than the levy rate$",
         QT_TRANSLATE_NOOP("RebateCalculatorScreen", "is higher than the levy rate")),
        (r"^is needed with the other quantity \(partial invoice use\)$",
         QT_TRANSLATE_NOOP("RebateCalculatorScreen",
                           "is needed with the other quantity (partial invoice use)")),
        (r"^must be more than 0$",
         QT_TRANSLATE_NOOP("RebateCalculatorScreen", "must be more than 0")),
        (r"^must be 0 or more$", QT_TRANSLATE_NOOP("RebateCalculatorScreen", "must be 0 or more")),
        (r"^is more than the invoice quantity (\S+)$",
         QT_TRANSLATE_NOOP("RebateCalculatorScreen", "is more than the invoice quantity {0}")),
    )
]  # fmt: skip


@dataclass(frozen=True)
class Input:
    """One figure of a mode: its key (the core's argument name), label, kind and hint."""

    key: str
    label: str
    kind: str  # amount, rate (percent) or quantity
    required: bool = True
    hint: str = ""


@dataclass(frozen=True)
class Result:
    """One result line: what it is, its value and the formula filled in with the figures."""

    key: str
    label: str
    value: str
    formula: str


Compute = Callable[[dict[str, Decimal]], list[Result]]


def amount(value: Decimal) -> str:
    """28,400.00 and -31,600.00, never -0.00."""
    fixed = value.quantize(FEN)
    return f"{ZERO.quantize(FEN) if fixed == 0 else fixed:,}"


def percent(fraction: Decimal) -> str:
    """0.13 → 13%."""
    return f"{(fraction * HUNDRED).normalize():f}%"


def plain(value: Decimal) -> str:
    return f"{value.normalize():,f}"


def parse(text: str, kind: str) -> tuple[Decimal | None, str | None]:
    """(value, None) or (None, reason); a rate comes back as a fraction (13 → 0.13)."""
    try:
        value = to_decimal(text.strip().rstrip("%％"))
    except (TypeError, ValueError):
        return None, QT_TRANSLATE_NOOP("RebateCalculatorScreen", "not a number")
    if abs(value) >= LIMIT:
        return None, QT_TRANSLATE_NOOP("RebateCalculatorScreen", "too large")
    if kind == "rate":
        if not ZERO <= value <= HUNDRED:
            return None, QT_TRANSLATE_NOOP(
                "RebateCalculatorScreen", "a percent from 0 to 100 (13 for 13%)"
            )
        return value / HUNDRED, None
    return value, None


class CalculatorPage(QWidget):
    """The figures of one mode on the left, its results with their formulas on the right."""

    def __init__(self, inputs: Sequence[Input], compute: Compute, hint: str) -> None:
        super().__init__()
        self.inputs = list(inputs)
        self.compute = compute
        self.hint = hint
        self.results: list[Result] = []
        self.boxes: dict[str, FieldBox] = {}
        self.edits: dict[str, QLineEdit] = {}
        for spec in self.inputs:
            edit = self.edits[spec.key] = QLineEdit()
            edit.setAlignment(Qt.AlignmentFlag.AlignRight)
            edit.textChanged.connect(lambda _text: self.update_results())
        title = self.tr("Figures")
        rows = [(s.key, s.label, self.edits[s.key], s.hint) for s in self.inputs]
        self.form = field_group(title, rows, self.boxes)
        self.form.setMinimumWidth(360)
        self.result_box = QGroupBox(self.tr("Results"))
        self.grid = QGridLayout(self.result_box)
        self.grid.setColumnStretch(0, 1)
        self.grid.setVerticalSpacing(4)
        self.grid.setHorizontalSpacing(16)
        self.note = QLabel(objectName="hint")
        self.note.setWordWrap(True)
        right = QVBoxLayout()
        right.addWidget(self.result_box)
        right.addWidget(self.note)
        right.addStretch(1)
        left = QVBoxLayout()
        left.addWidget(self.form)
        left.addStretch(1)
        layout = QHBoxLayout(self)
        layout.addLayout(left, 2)
        layout.addLayout(right, 3)
        self.update_results()

    def set_values(self, values: dict[str, str]) -> None:
        for key, edit in self.edits.items():
            edit.setText(values.get(key, ""))

    def figures(self) -> tuple[dict[str, Decimal], list[FieldProblem], bool]:
        """(values, problems, complete): complete when every required figure is typed."""
        values: dict[str, Decimal] = {}
        problems: list[FieldProblem] = []
        complete = True
        for spec in self.inputs:
            text = self.edits[spec.key].text().strip()
            if not text:
                complete = complete and not spec.required
                continue
            value, reason = parse(text, spec.kind)
            if reason:
                problems.append(FieldProblem(spec.key, reason, text))
            else:
                assert value is not None
                values[spec.key] = value
        return values, problems, complete

    def update_results(self) -> None:
        values, problems, complete = self.figures()
        if not problems and complete:
            try:
                self.show_results(self.compute(values))
                self._show_problems([])
                return
            except ValidationFailed as failed:
                problems = failed.problems
        self._show_problems(problems)
        self.show_results([])
        if problems:
            self.note.setText(self.tr("Correct the figures marked in red to see the results."))
        else:
            self.note.setText(self.hint)

    def _show_problems(self, problems: list[FieldProblem]) -> None:
        by_field = {p.field: p.reason for p in problems}
        for key, box in self.boxes.items():
            if key in by_field:
                box.set_problem(_reason(by_field[key]))
            else:
                box.clear_problem()

    def show_results(self, results: list[Result]) -> None:
        """Each result on a line of its own (name, value), its formula in grey under it."""
        self.results = results
        while self.grid.count():
            widget = self.grid.takeAt(0).widget()
            if widget is not None:
                widget.setParent(None)  # off screen now, not at the next event loop turn
                widget.deleteLater()
        for number, result in enumerate(results):
            name = QLabel(result.label)
            value = QLabel(result.value, objectName="resultValue")
            value.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            value.setStyleSheet("font-weight: bold;")
            formula = QLabel(result.formula, objectName="hint")
            formula.setWordWrap(True)
            formula.setStyleSheet("color: palette(placeholder-text);")
            formula.setContentsMargins(0, 0, 0, 6)
            for label in (value, formula):
                label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.grid.addWidget(name, 2 * number, 0)
            self.grid.addWidget(value, 2 * number, 1)
            self.grid.addWidget(formula, 2 * number + 1, 0, 1, 2)
        self.result_box.setVisible(bool(results))
        if results:
            self.note.setText("")

    def value_of(self, key: str) -> str:
        """A result's value as shown ("" when there are no results)."""
        return next((r.value for r in self.results if r.key == key), "")

    def as_text(self) -> str:
        """The figures and every result with its formula, for the clipboard."""
        lines = [f"{s.label}: {self.edits[s.key].text().strip()}" for s in self.inputs
                 if self.edits[s.key].text().strip()]  # fmt: skip
        lines.append("")
        lines += [f"{r.label}: {r.value}\n    {r.formula}" for r in self.results]
        return "\n".join(lines)


def _reason(reason: str) -> str:
    found = match_reason(PATTERNS, CONTEXT, reason)
    if found is not None:
        return found
    translated = QCoreApplication.translate(CONTEXT, reason)
    return translated if translated != reason else translate_reason(reason)


class RebateCalculatorScreen(Screen):
    KEY = "rebate_calculator"
    WATCHES = ()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.header = PageHeader(
            self.title(),
            self.tr("What-if: the refund of figures you type, computed as a batch would be. "
                    "Rates in percent (13 for 13%). Nothing is saved."),
        )  # fmt: skip
        hint = self.tr("Enter the figures to see the results.")
        self.trading = CalculatorPage(self._trading_inputs(), self.trading_results, hint)
        self.manufacturer = CalculatorPage(
            self._manufacturer_inputs(), self.manufacturer_results, hint
        )
        self.tabs = QTabWidget()
        self.tabs.addTab(self.trading, self.tr("Trading enterprise (免退)"))
        self.tabs.addTab(self.manufacturer, self.tr("Manufacturer (免抵退)"))
        self.copy_button = QPushButton(self.tr("Copy results"))
        self.copy_button.setToolTip(self.tr("The figures and every result with its formula"))
        self.copy_button.clicked.connect(self.copy_results)
        bar = QHBoxLayout()
        bar.addStretch(1)
        bar.addWidget(self.copy_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 16)
        layout.addWidget(self.header)
        layout.addWidget(self.tabs, 1)
        layout.addLayout(bar)

    def title(self) -> str:
        return self.tr("Rebate calculator")

    def refresh(self, changes: Changes | None = None) -> None:
        """Nothing to read: the calculator works on the figures typed."""

    def page(self) -> CalculatorPage:
        page = self.tabs.currentWidget()
        assert isinstance(page, CalculatorPage)
        return page

    def copy_results(self) -> str:
        page = self.page()
        text = f"{self.tabs.tabText(self.tabs.currentIndex())}\n{page.as_text()}"
        QGuiApplication.clipboard().setText(text)
        self.ctx.events.notify(self.tr("Results copied."))
        return text

    # -- trading (免退) -------------------------------------------------------------
    def _trading_inputs(self) -> list[Input]:
        return [
            Input("invoice_amount", self.tr("Invoice amount (excl. VAT)"), "amount",
                  hint=self.tr("CNY, the purchase invoice's 金额")),
            Input("invoice_rate", self.tr("Invoice VAT rate %"), "rate"),
            Input("rebate_rate", self.tr("Rebate rate %"), "rate",
                  hint=self.tr("退税率 of the rate library at the export date")),
            Input("invoice_qty", self.tr("Invoice quantity"), "quantity", required=False,
                  hint=self.tr("Optional: with the export quantity, for part of an invoice")),
            Input("export_qty", self.tr("Export quantity"), "quantity", required=False),
        ]  # fmt: skip

    def trading_results(self, v: dict[str, Decimal]) -> list[Result]:
        r = rebate_compute.trading_refund(**v)
        if "invoice_qty" in v and "export_qty" in v:
            base = self.tr("Tax base = invoice amount × export quantity / invoice quantity = "
                           "{0} × {1} / {2} = {3}").format(
                amount(v["invoice_amount"]), plain(v["export_qty"]), plain(v["invoice_qty"]),
                amount(r.tax_base))  # fmt: skip
        else:
            base = self.tr("Tax base = invoice amount = {0}").format(amount(r.tax_base))
        return [
            Result("tax_base", self.tr("Tax base (计税依据)"), amount(r.tax_base), base),
            Result("rate_applied", self.tr("Rate applied (适用退税率)"), percent(r.rate_applied),
                   self.tr("Rate applied = min(rebate rate, invoice rate) = min({0}, {1}) = {2}")
                   .format(percent(v["rebate_rate"]), percent(v["invoice_rate"]),
                           percent(r.rate_applied))),
            Result("refund", self.tr("Refund (应退税额)"), amount(r.refund),
                   self.tr("Refund = tax base × rate applied = {0} × {1} = {2}").format(
                       amount(r.tax_base), percent(r.rate_applied), amount(r.refund))),
        ]  # fmt: skip

    # -- manufacturer (免抵退) ------------------------------------------------------
    def _manufacturer_inputs(self) -> list[Input]:
        return [
            Input("export_fob_cny", self.tr("Export FOB in CNY"), "amount",
                  hint=self.tr("FOB × the exchange rate of the company's policy")),
            Input("domestic_sales", self.tr("Domestic sales (excl. VAT)"), "amount"),
            Input("input_vat", self.tr("Input VAT of the period"), "amount"),
            Input("levy_rate", self.tr("Levy rate %"), "rate", hint=self.tr("征税率, e.g. 13")),
            Input("rebate_rate", self.tr("Rebate rate %"), "rate", hint=self.tr("退税率, e.g. 9")),
            Input("prior_credit", self.tr("Credit from last period"), "amount", required=False,
                  hint=self.tr("Optional: 上期留抵税额")),
            Input("duty_free_materials", self.tr("Duty-free materials"), "amount",
                  required=False, hint=self.tr("Optional: 免税购进原材料价格")),
        ]  # fmt: skip

    def manufacturer_results(self, v: dict[str, Decimal]) -> list[Result]:
        p = rebate_compute.manufacturer_period(**v)
        fob, levy, rebate = v["export_fob_cny"], v["levy_rate"], v["rebate_rate"]
        prior = v.get("prior_credit", ZERO)
        end_credit = p.end_credit
        spread = self.tr("(levy rate − rebate rate)")
        nc_deduction = self._deduction(v, levy - rebate, spread, p.non_creditable_deduction)
        cr_deduction = self._deduction(v, rebate, self.tr("rebate rate"), p.credit_refund_deduction)
        return [
            Result("output_vat", self.tr("Output VAT (内销销项税额)"), amount(p.output_vat),
                   self.tr("Output VAT = domestic sales × levy rate = {0} × {1} = {2}").format(
                       amount(v["domestic_sales"]), percent(levy), amount(p.output_vat))),
            Result("non_creditable", self.tr("Non-creditable (不得免征和抵扣税额)"),
                   amount(p.non_creditable),
                   self.tr("Non-creditable = FOB × (levy rate − rebate rate) − deduction = "
                           "{0} × ({1} − {2}) − {3} = {4}").format(
                       amount(fob), percent(levy), percent(rebate),
                       amount(p.non_creditable_deduction), amount(p.non_creditable))
                   + nc_deduction),
            Result("tax_payable", self.tr("Tax payable (当期应纳税额)"), amount(p.tax_payable),
                   self.tr("Tax payable = output VAT − (input VAT − non-creditable) − prior "
                           "credit = {0} − ({1} − {2}) − {3} = {4}").format(
                       amount(p.output_vat), amount(v["input_vat"]), amount(p.non_creditable),
                       amount(prior), amount(p.tax_payable))),
            Result("credit_refund_total", self.tr("Credit-refund total (免抵退税额)"),
                   amount(p.credit_refund_total),
                   self.tr("Credit-refund total = FOB × rebate rate − deduction = "
                           "{0} × {1} − {2} = {3}").format(
                       amount(fob), percent(rebate), amount(p.credit_refund_deduction),
                       amount(p.credit_refund_total)) + cr_deduction),
            Result("end_credit", self.tr("End-of-period credit (期末留抵税额)"), amount(end_credit),
                   self.tr("End-of-period credit = max(0, −tax payable) = {0}").format(
                       amount(end_credit))),
            Result("refund", self.tr("Refund (应退税额)"), amount(p.refund),
                   self.tr("Refund = min(end-of-period credit, credit-refund total) = "
                           "min({0}, {1}) = {2}").format(
                       amount(end_credit), amount(p.credit_refund_total), amount(p.refund))),
            Result("exempt_offset", self.tr("Exempt-offset (免抵税额)"), amount(p.exempt_offset),
                   self.tr("Exempt-offset = credit-refund total − refund = {0} − {1} = {2}").format(
                       amount(p.credit_refund_total), amount(p.refund),
                       amount(p.exempt_offset))),
            Result("credit_carried_forward", self.tr("Credit carried forward (结转下期留抵)"),
                   amount(p.credit_carried_forward),
                   self.tr("Credit carried forward = end-of-period credit − refund = "
                           "{0} − {1} = {2}").format(
                       amount(end_credit), amount(p.refund), amount(p.credit_carried_forward))),
        ]  # fmt: skip

    def _deduction(
        self, v: dict[str, Decimal], rate: Decimal, rate_words: str, applied: Decimal
    ) -> str:
        """The second line of a formula with duty-free materials: how its 抵减额 came about."""
        materials = v.get("duty_free_materials", ZERO)
        if materials == 0:
            return ""
        line = self.tr("Deduction = duty-free materials × {0} = {1} × {2} = {3}").format(
            rate_words, amount(materials), percent(rate), amount(round_fen(materials * rate))
        )
        if applied < round_fen(materials * rate):
            line += self.tr(" (at most {0}, the figure it reduces)").format(amount(applied))
        return "\n" + line
