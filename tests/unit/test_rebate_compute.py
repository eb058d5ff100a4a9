"""Rebate arithmetic: DOMAIN.md's worked examples, hand-computed cases and invariants."""

from __future__ import annotations

from decimal import Decimal as D

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop_app.core.errors import ValidationFailed
from desktop_app.core.services.rebate_compute import (
    ManufacturerPeriod,
    manufacturer_period,
    split_credit,
    trading_refund,
)

FEN = D("0.01")


def figures(period: ManufacturerPeriod) -> tuple[D, ...]:
    return (
        period.non_creditable, period.tax_payable, period.credit_refund_total, period.refund,
        period.exempt_offset, period.credit_carried_forward,
    )  # fmt: skip


def money(*texts: str) -> tuple[D, ...]:
    return tuple(D(t) for t in texts)


# ---------------------------------------------------------------- trading (免退)


def test_domain_example_whole_invoice():
    # DOMAIN.md §3: ¥100,000.00 net at 13% → ¥13,000.00
    result = trading_refund(D("100000.00"), D("0.13"), D("0.13"))
    assert (result.tax_base, result.rate_applied, result.refund) == money(
        "100000.00", "0.13", "13000.00"
    )


def test_domain_example_600_of_1000_units():
    # DOMAIN.md §3: 600 of 1,000 units exported → ¥60,000 × 13% = ¥7,800.00
    result = trading_refund(D("100000.00"), D("0.13"), D("0.13"), D(1000), D(600))
    assert (result.tax_base, result.refund) == money("60000.00", "7800.00")


def test_small_scale_invoice_rate_is_lower_than_the_rebate_rate():
    # 3% invoice from a small-scale supplier caps a 13% rebate: 50,000 × 3% = 1,500
    result = trading_refund(D("50000"), D("0.03"), D("0.13"))
    assert (result.rate_applied, result.refund) == money("0.03", "1500.00")


def test_rebate_rate_lower_than_invoice_rate():
    # 12,345.67 × 9% = 1,111.1103 → 1,111.11
    result = trading_refund(D("12345.67"), D("0.13"), D("0.09"))
    assert (result.rate_applied, result.refund) == money("0.09", "1111.11")


def test_partial_invoice_rounds_the_base_before_the_refund():
    # 10,000 × 1/3 = 3,333.333… → 3,333.33; × 13% = 433.3329 → 433.33
    result = trading_refund(D("10000.00"), D("0.13"), D("0.13"), D(3), D(1))
    assert (result.tax_base, result.refund) == money("3333.33", "433.33")


def test_partial_invoice_with_fractional_quantities():
    # 8,800.00 × 12.5 / 40.25 = 2,732.9192… → 2,732.92; × 9% = 245.9628 → 245.96
    result = trading_refund(D("8800.00"), D("0.13"), D("0.09"), D("40.25"), D("12.5"))
    assert (result.tax_base, result.refund) == money("2732.92", "245.96")


def test_rounding_is_half_up_not_half_even():
    # 1.00 / 8 = 0.125 → 0.13 (half-even would give 0.12); 0.50 × 13% = 0.065 → 0.07
    assert trading_refund(D("1.00"), D("0.13"), D("0.13"), D(8), D(1)).tax_base == D("0.13")
    assert trading_refund(D("0.50"), D("0.13"), D("0.13")).refund == D("0.07")


def test_zero_rebate_rate_refunds_nothing():
    assert trading_refund(D("9999.99"), D("0.13"), D("0")).refund == D("0.00")


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"invoice_amount": D("-1")}, "invoice_amount"),
        ({"invoice_rate": D("13")}, "invoice_rate"),
        ({"rebate_rate": D("-0.01")}, "rebate_rate"),
        ({"invoice_qty": D(10)}, "export_qty"),
        ({"export_qty": D(10)}, "invoice_qty"),
        ({"invoice_qty": D(0), "export_qty": D(0)}, "invoice_qty"),
        ({"invoice_qty": D(10), "export_qty": D(11)}, "export_qty"),
        ({"invoice_qty": D(10), "export_qty": D(-1)}, "export_qty"),
    ],
)
def test_trading_refuses_bad_figures_naming_them(kwargs, field):
    args = {"invoice_amount": D(100), "invoice_rate": D("0.13"), "rebate_rate": D("0.13")}
    with pytest.raises(ValidationFailed) as caught:
        trading_refund(**{**args, **kwargs})
    assert [p.field for p in caught.value.problems] == [field]


# ---------------------------------------------------------------- manufacturer (免抵退)


def test_domain_worked_example_old_rates():
    # DOMAIN.md §4 [R19b]: FOB 150万, 17%/13%, 进项 17万 → 6, −11, 19.5, 11, 8.5 (万)
    period = manufacturer_period(D("1500000"), D(0), D("170000"), D("0.17"), D("0.13"))
    assert figures(period) == money(
        "60000.00", "-110000.00", "195000.00", "110000.00", "85000.00", "0.00"
    )


def test_domain_illustration_13_9():
    # DOMAIN.md §4: USD 100,000 × 7.1 = ¥710,000; 13%/9%; 进项 ¥60,000
    period = manufacturer_period(D("710000.00"), D(0), D("60000.00"), D("0.13"), D("0.09"))
    assert figures(period) == money(
        "28400.00", "-31600.00", "63900.00", "31600.00", "32300.00", "0.00"
    )


def test_duty_free_materials_deduct_both_figures_and_credit_is_carried():
    # 不得 = 1,000,000 × 4% − 200,000 × 4% = 40,000 − 8,000 = 32,000
    # 应纳 = 300,000 × 13% − (150,000 − 32,000) = 39,000 − 118,000 = −79,000
    # 免抵退 = 1,000,000 × 9% − 200,000 × 9% = 90,000 − 18,000 = 72,000
    # 留抵 79,000 > 72,000 → 应退 72,000, 免抵 0, carried 7,000
    period = manufacturer_period(
        D("1000000"), D("300000"), D("150000"), D("0.13"), D("0.09"),
        duty_free_materials=D("200000"),
    )  # fmt: skip
    assert (period.non_creditable_gross, period.non_creditable_deduction) == money("40000", "8000")
    assert (period.credit_refund_gross, period.credit_refund_deduction) == money("90000", "18000")
    assert period.output_vat == D("39000.00")
    assert figures(period) == money(
        "32000.00", "-79000.00", "72000.00", "72000.00", "0.00", "7000.00"
    )
    assert period.end_credit == D("79000.00")


def test_carried_credit_feeds_the_next_period():
    first = manufacturer_period(
        D("1000000"), D("300000"), D("150000"), D("0.13"), D("0.09"),
        duty_free_materials=D("200000"),
    )  # fmt: skip
    # 不得 = 500,000 × 3% = 15,000; 应纳 = 13,000 − (30,000 − 15,000) − 7,000 = −9,000
    # 免抵退 = 50,000 → 应退 9,000, 免抵 41,000
    second = manufacturer_period(
        D("500000"), D("100000"), D("30000"), D("0.13"), D("0.10"),
        prior_credit=first.credit_carried_forward,
    )  # fmt: skip
    assert figures(second) == money(
        "15000.00", "-9000.00", "50000.00", "9000.00", "41000.00", "0.00"
    )


def test_positive_tax_payable_means_everything_is_exempt_offset():
    # no rate spread; 应纳 = 500,000 × 13% − 40,000 − 10,000 = 15,000 → 免抵 = 免抵退 = 26,000
    period = manufacturer_period(
        D("200000"), D("500000"), D("40000"), D("0.13"), D("0.13"), prior_credit=D("10000")
    )
    assert figures(period) == money("0.00", "15000.00", "26000.00", "0.00", "26000.00", "0.00")
    assert period.end_credit == 0


def test_deductions_are_capped_at_the_figure_they_reduce():
    # materials worth more than the exports: 12,000 > 4,000 and 27,000 > 9,000
    period = manufacturer_period(
        D("100000"), D(0), D("1000"), D("0.13"), D("0.09"), duty_free_materials=D("300000")
    )
    assert (period.non_creditable_deduction, period.non_creditable) == money("4000.00", "0.00")
    assert (period.credit_refund_deduction, period.credit_refund_total) == money("9000", "0")
    assert (period.refund, period.credit_carried_forward) == money("0", "1000.00")


def test_manufacturer_rounds_each_product_to_the_fen():
    # 12,345.67 × 4% = 493.8268 → 493.83; × 9% = 1,111.1103 → 1,111.11
    period = manufacturer_period(D("12345.67"), D(0), D("1000.00"), D("0.13"), D("0.09"))
    assert figures(period) == money("493.83", "-506.17", "1111.11", "506.17", "604.94", "0.00")


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"export_fob_cny": D("-5")}, "export_fob_cny"),
        ({"input_vat": D("NaN")}, "input_vat"),
        ({"levy_rate": D("1.3")}, "levy_rate"),
        ({"rebate_rate": D("0.17")}, "rebate_rate"),
        ({"prior_credit": D("-0.01")}, "prior_credit"),
        ({"duty_free_materials": D("-1")}, "duty_free_materials"),
    ],
)
def test_manufacturer_refuses_bad_figures_naming_them(kwargs, field):
    args = {
        "export_fob_cny": D(1000), "domestic_sales": D(0), "input_vat": D(10),
        "levy_rate": D("0.13"), "rebate_rate": D("0.09"),
    }  # fmt: skip
    with pytest.raises(ValidationFailed) as caught:
        manufacturer_period(**{**args, **kwargs})
    assert [p.field for p in caught.value.problems] == [field]


def test_split_credit_both_branches():
    assert split_credit(D(11), D("19.5")) == money("11", "8.5", "0")
    assert split_credit(D(20), D("19.5")) == money("19.5", "0", "0.5")


# ---------------------------------------------------------------- invariants

amounts = st.decimals(min_value=D(0), max_value=D("99999999.99"), places=2)
rates = st.sampled_from([D("0"), D("0.03"), D("0.06"), D("0.09"), D("0.10"), D("0.13")])


@given(amounts, amounts, amounts, rates, rates, amounts, amounts)
def test_manufacturer_invariants(fob, domestic, input_vat, r1, r2, prior, materials):
    levy, rebate = max(r1, r2), min(r1, r2)
    p = manufacturer_period(fob, domestic, input_vat, levy, rebate, prior, materials)
    for value in (*figures(p), p.output_vat):
        assert value == value.quantize(FEN)
    assert D(0) <= p.refund <= p.credit_refund_total
    assert p.refund + p.exempt_offset == p.credit_refund_total
    assert p.refund + p.credit_carried_forward == p.end_credit
    assert min(p.exempt_offset, p.credit_carried_forward) == 0  # never both
    assert D(0) <= p.non_creditable <= p.non_creditable_gross
    assert D(0) <= p.credit_refund_total <= p.credit_refund_gross
    assert p.tax_payable == p.output_vat - input_vat + p.non_creditable - prior


@given(amounts, rates, rates, st.integers(1, 10**6), st.data())
def test_trading_invariants(amount, invoice_rate, rebate_rate, invoice_qty, data):
    export_qty = data.draw(st.integers(0, invoice_qty))
    r = trading_refund(amount, invoice_rate, rebate_rate, D(invoice_qty), D(export_qty))
    assert r.rate_applied == min(invoice_rate, rebate_rate)
    assert D(0) <= r.tax_base <= amount
    assert r.refund == r.refund.quantize(FEN)
    assert abs(r.refund - r.tax_base * r.rate_applied) <= D("0.005")
    whole = trading_refund(amount, invoice_rate, rebate_rate)
    assert r.refund <= whole.refund
