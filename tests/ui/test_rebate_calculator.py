"""The what-if rebate calculator: the worked examples of DOMAIN.md §3 and §4, live updates,
formulas beside the results, bad figures beside their fields, and copying the results."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QGuiApplication

from desktop_app.ui.screens.rebate_calculator import RebateCalculatorScreen

FOUR = {"export_fob_cny": "710000", "domestic_sales": "0", "input_vat": "60000",
        "levy_rate": "13", "rebate_rate": "9"}  # fmt: skip


@pytest.fixture
def screen(qtbot, ctx) -> RebateCalculatorScreen:
    widget = RebateCalculatorScreen(ctx)
    qtbot.addWidget(widget)
    widget.resize(1280, 800)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def test_trading_example_of_section_3(screen):
    page = screen.trading
    page.set_values({"invoice_amount": "100,000.00", "invoice_rate": "13", "rebate_rate": "13"})
    assert page.value_of("refund") == "13,000.00"
    page.edits["invoice_qty"].setText("1000")
    assert page.value_of("refund") == ""  # the export quantity goes with it
    assert "needed with the other quantity" in page.boxes["export_qty"].problem()
    page.edits["export_qty"].setText("600")
    assert page.value_of("tax_base") == "60,000.00"
    assert page.value_of("rate_applied") == "13%"
    assert page.value_of("refund") == "7,800.00"
    formulas = {r.key: r.formula for r in page.results}
    assert formulas["tax_base"].endswith("100,000.00 × 600 / 1,000 = 60,000.00")
    assert formulas["refund"] == "Refund = tax base × rate applied = 60,000.00 × 13% = 7,800.00"


def test_a_lower_invoice_rate_applies(screen):
    screen.trading.set_values({"invoice_amount": "100000", "invoice_rate": "3",
                               "rebate_rate": "13"})  # fmt: skip
    assert screen.trading.value_of("rate_applied") == "3%"
    assert screen.trading.value_of("refund") == "3,000.00"


def test_manufacturer_example_of_section_4(screen):
    screen.tabs.setCurrentWidget(screen.manufacturer)
    page = screen.manufacturer
    page.set_values(FOUR)
    shown = {key: page.value_of(key) for key in (
        "non_creditable", "tax_payable", "credit_refund_total", "refund", "exempt_offset",
        "credit_carried_forward")}  # fmt: skip
    assert shown == {"non_creditable": "28,400.00", "tax_payable": "-31,600.00",
                     "credit_refund_total": "63,900.00", "refund": "31,600.00",
                     "exempt_offset": "32,300.00", "credit_carried_forward": "0.00"}  # fmt: skip
    formulas = {r.key: r.formula for r in page.results}
    assert formulas["non_creditable"] == (
        "Non-creditable = FOB × (levy rate − rebate rate) − deduction = "
        "710,000.00 × (13% − 9%) − 0.00 = 28,400.00"
    )
    assert "min(31,600.00, 63,900.00) = 31,600.00" in formulas["refund"]
    assert page.result_box.isVisible()


def test_duty_free_materials_and_prior_credit(screen):
    page = screen.manufacturer
    page.set_values({**FOUR, "duty_free_materials": "100000", "prior_credit": "5000"})
    # 不得 28,400 − 4,000; 应纳 0 − (60,000 − 24,400) − 5,000; 免抵退 63,900 − 9,000
    assert page.value_of("non_creditable") == "24,400.00"
    assert page.value_of("tax_payable") == "-40,600.00"
    assert page.value_of("credit_refund_total") == "54,900.00"
    assert page.value_of("refund") == "40,600.00"
    assert page.value_of("exempt_offset") == "14,300.00"
    formula = next(r.formula for r in page.results if r.key == "non_creditable")
    assert "Deduction = duty-free materials × (levy rate − rebate rate)" in formula
    assert "100,000.00 × 4% = 4,000.00" in formula


def test_old_rates_example_carries_credit_forward(screen):
    page = screen.manufacturer  # 17%/13%, FOB 150万, 进项 17万 → 应退 11万, 免抵 8.5万
    page.set_values({"export_fob_cny": "1500000", "domestic_sales": "0", "input_vat": "170000",
                     "levy_rate": "17", "rebate_rate": "13"})  # fmt: skip
    assert (page.value_of("refund"), page.value_of("exempt_offset")) == ("110,000.00", "85,000.00")
    page.edits["input_vat"].setText("300000")  # 期末留抵 240,000 > 免抵退 195,000
    assert page.value_of("refund") == "195,000.00"
    assert page.value_of("credit_carried_forward") == "45,000.00"


@pytest.mark.parametrize(
    ("field", "text", "reason"),
    [
        ("export_fob_cny", "71x", "not a number"),
        ("levy_rate", "130", "a percent from 0 to 100"),
        ("input_vat", "-5", "must be an amount of 0 or more"),
        ("rebate_rate", "15", "is higher than the levy rate"),
    ],
)
def test_a_bad_figure_shows_beside_its_field_and_clears_the_results(screen, field, text, reason):
    page = screen.manufacturer
    page.set_values(FOUR)
    assert page.value_of("refund") == "31,600.00"
    page.edits[field].setText(text)
    assert reason in page.boxes[field].problem()
    assert page.results == [] and not page.result_box.isVisible()
    assert "Correct the figures" in page.note.text()
    page.edits[field].setText(FOUR[field])
    assert page.boxes[field].problem() == ""
    assert page.value_of("refund") == "31,600.00"


def test_missing_figures_wait_without_complaint(screen):
    page = screen.manufacturer
    page.set_values({"export_fob_cny": "710000"})
    assert page.results == []
    assert all(box.problem() == "" for box in page.boxes.values())
    assert page.note.text() == "Enter the figures to see the results."


def test_live_update_while_typing(qtbot, screen):
    page = screen.trading
    page.set_values({"invoice_rate": "13", "rebate_rate": "13"})
    qtbot.keyClicks(page.edits["invoice_amount"], "1000")
    assert page.value_of("refund") == "130.00"
    qtbot.keyClicks(page.edits["invoice_amount"], "0")
    assert page.value_of("refund") == "1,300.00"


def test_copy_results_puts_figures_and_formulas_on_the_clipboard(screen):
    screen.tabs.setCurrentWidget(screen.manufacturer)
    screen.manufacturer.set_values(FOUR)
    text = screen.copy_results()
    assert QGuiApplication.clipboard().text() == text
    assert text.startswith("Manufacturer (免抵退)\nExport FOB in CNY: 710000")
    assert "Refund (应退税额): 31,600.00" in text
    assert "Exempt-offset = credit-refund total − refund = 63,900.00 − 31,600.00" in text
