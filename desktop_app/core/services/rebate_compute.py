"""Export VAT rebate arithmetic (出口退税): 免退 for trading enterprises, 免抵退 for manufacturers.

Pure functions over Decimal (no Session): the batch services feed them figures from the database
and the what-if calculator feeds them the user's numbers. Every amount is rounded to the fen,
half up, as the declaration forms require (DOMAIN.md §3, §4, §8). Rates are fractions (0.13).

The formulas are the same for exports before and after 2026-01-01; what changed with the export
date (rates, deadlines) reaches these functions as data chosen by the caller.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from desktop_app.core.errors import FieldProblem, ValidationFailed
from desktop_app.core.money import ZERO, round_fen

ONE = Decimal(1)


@dataclass(frozen=True)
class TradingRefund:
    """免退: one export row against (part of) one purchase invoice line."""

    tax_base: Decimal  # 计税依据
    rate_applied: Decimal  # min(退税率, the invoice's rate)
    refund: Decimal  # 应退增值税 (可退税额)


@dataclass(frozen=True)
class ManufacturerPeriod:
    """免抵退 for one VAT period; the gross figures and deductions are kept for the 汇总表."""

    output_vat: Decimal  # 内销销项税额
    non_creditable_gross: Decimal  # FOB × (征税率 − 退税率)
    non_creditable_deduction: Decimal  # 抵减额 applied (never more than the gross)
    non_creditable: Decimal  # 不得免征和抵扣税额
    tax_payable: Decimal  # 当期应纳税额; negative = 期末留抵
    credit_refund_gross: Decimal  # FOB × 退税率
    credit_refund_deduction: Decimal  # 免抵退税额抵减额 applied
    credit_refund_total: Decimal  # 免抵退税额
    refund: Decimal  # 应退税额
    exempt_offset: Decimal  # 免抵税额
    credit_carried_forward: Decimal  # 结转下期留抵

    @property
    def end_credit(self) -> Decimal:
        """期末留抵税额: the input tax left over before the refund is taken from it."""
        return max(ZERO, -self.tax_payable)


def trading_refund(
    invoice_amount: Decimal,
    invoice_rate: Decimal,
    rebate_rate: Decimal,
    invoice_qty: Decimal | None = None,
    export_qty: Decimal | None = None,
) -> TradingRefund:
    """免退: refund = 计税依据 × min(rebate rate, invoice rate).

    With both quantities the invoice is used in part: 计税依据 = amount × export_qty / invoice_qty
    (common practice, DOMAIN.md §3 ⚠). Raises ValidationFailed naming each bad argument.
    """
    problems = _amounts(invoice_amount=invoice_amount) + _rates(
        invoice_rate=invoice_rate, rebate_rate=rebate_rate
    )
    problems += _quantities(invoice_qty, export_qty)
    if problems:
        raise ValidationFailed(problems)
    base = invoice_amount
    if invoice_qty is not None and export_qty is not None and export_qty != invoice_qty:
        base = invoice_amount * export_qty / invoice_qty
    tax_base = round_fen(base)
    rate = min(rebate_rate, invoice_rate)
    return TradingRefund(tax_base=tax_base, rate_applied=rate, refund=round_fen(tax_base * rate))


def manufacturer_period(
    export_fob_cny: Decimal,
    domestic_sales: Decimal,
    input_vat: Decimal,
    levy_rate: Decimal,
    rebate_rate: Decimal,
    prior_credit: Decimal = ZERO,
    duty_free_materials: Decimal = ZERO,
) -> ManufacturerPeriod:
    """免抵退 for one period (DOMAIN.md §4), from the export FOB already converted to CNY.

    The duty-free-materials deductions (免税购进原材料价格 × rate difference / × rebate rate) are
    capped at the figure they reduce, so neither 不得免征和抵扣税额 nor 免抵退税额 goes negative.
    Raises ValidationFailed naming each bad argument.
    """
    problems = _amounts(
        export_fob_cny=export_fob_cny, domestic_sales=domestic_sales, input_vat=input_vat,
        prior_credit=prior_credit, duty_free_materials=duty_free_materials,
    ) + _rates(levy_rate=levy_rate, rebate_rate=rebate_rate)  # fmt: skip
    if not problems and rebate_rate > levy_rate:
        problems.append(FieldProblem("rebate_rate", "is higher than the levy rate", rebate_rate))
    if problems:
        raise ValidationFailed(problems)
    spread = levy_rate - rebate_rate
    return from_gross(
        output_vat=round_fen(domestic_sales * levy_rate),
        input_vat=round_fen(input_vat),
        prior_credit=round_fen(prior_credit),
        non_creditable_gross=round_fen(export_fob_cny * spread),
        non_creditable_deduction=round_fen(duty_free_materials * spread),
        credit_refund_gross=round_fen(export_fob_cny * rebate_rate),
        credit_refund_deduction=round_fen(duty_free_materials * rebate_rate),
    )


def from_gross(
    *, output_vat: Decimal, input_vat: Decimal, prior_credit: Decimal,
    non_creditable_gross: Decimal, non_creditable_deduction: Decimal,
    credit_refund_gross: Decimal, credit_refund_deduction: Decimal,
) -> ManufacturerPeriod:  # fmt: skip
    """免抵退 from figures already rounded to the fen: the gross amounts of a period's exports
    (summed over rate groups by the batch) and the deductions, each capped at its gross."""
    nc_deduction = min(non_creditable_gross, non_creditable_deduction)
    non_creditable = non_creditable_gross - nc_deduction
    tax_payable = output_vat - (input_vat - non_creditable) - prior_credit
    cr_deduction = min(credit_refund_gross, credit_refund_deduction)
    total = credit_refund_gross - cr_deduction
    refund, exempt_offset, carried = split_credit(max(ZERO, -tax_payable), total)
    return ManufacturerPeriod(
        output_vat=output_vat, non_creditable_gross=non_creditable_gross,
        non_creditable_deduction=nc_deduction, non_creditable=non_creditable,
        tax_payable=tax_payable, credit_refund_gross=credit_refund_gross,
        credit_refund_deduction=cr_deduction, credit_refund_total=total, refund=refund,
        exempt_offset=exempt_offset, credit_carried_forward=carried,
    )  # fmt: skip


def split_credit(end_credit: Decimal, credit_refund_total: Decimal) -> tuple[Decimal, ...]:
    """(refund, exempt_offset, carried forward) from 期末留抵 and 免抵退税额 (DOMAIN.md §4.4)."""
    if end_credit <= credit_refund_total:
        return end_credit, credit_refund_total - end_credit, ZERO
    return credit_refund_total, ZERO, end_credit - credit_refund_total


def _amounts(**values: Decimal) -> list[FieldProblem]:
    return [
        FieldProblem(name, "must be a finite amount of 0 or more", value)
        for name, value in values.items()
        if not value.is_finite() or value < 0
    ]


def _rates(**values: Decimal) -> list[FieldProblem]:
    # 13 instead of 0.13 is the likely slip: say how a rate is written.
    return [
        FieldProblem(name, "a rate is a fraction from 0 to 1 (13% is written 0.13)", value)
        for name, value in values.items()
        if not value.is_finite() or not ZERO <= value <= ONE
    ]


def _quantities(invoice_qty: Decimal | None, export_qty: Decimal | None) -> list[FieldProblem]:
    if invoice_qty is None and export_qty is None:
        return []
    if invoice_qty is None or export_qty is None:
        missing = "invoice_qty" if invoice_qty is None else "export_qty"
        return [FieldProblem(missing, "is needed with the other quantity (partial invoice use)")]
    problems = []
    if not invoice_qty.is_finite() or invoice_qty <= 0:
        problems.append(FieldProblem("invoice_qty", "must be more than 0", invoice_qty))
    if not export_qty.is_finite() or export_qty < 0:
        problems.append(FieldProblem("export_qty", "must be 0 or more", export_qty))
    elif not problems and export_qty > invoice_qty:
        problems.append(
            FieldProblem(
                "export_qty", f"is more than the invoice quantity {invoice_qty}", export_qty
            )
        )
    return problems
