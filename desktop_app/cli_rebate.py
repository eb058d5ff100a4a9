"""Rebate commands of the command line: `rebate simulate` (the what-if calculator, 免退 and
免抵退) here; the batch actions (create, match, compute, check, export …) in cli_rebate_batch."""

from __future__ import annotations

import argparse
from decimal import Decimal
from typing import Any

from desktop_app import cli_rebate_batch
from desktop_app.core.errors import BadInput, ValidationFailed
from desktop_app.core.money import FEN, ZERO, to_decimal

EXIT_OK = 0
ACTIONS = ("simulate", *cli_rebate_batch.ACTIONS)
METHODS = ("manufacturer", "trading")

# option → the method it belongs to; required ones first per method
MANUFACTURER_REQUIRED = (
    "export_fob_cny",
    "domestic_sales",
    "input_vat",
    "levy_rate",
    "rebate_rate",
)
MANUFACTURER_OPTIONAL = ("prior_credit", "duty_free_materials")
TRADING_REQUIRED = ("invoice_amount", "invoice_rate", "rebate_rate")
TRADING_OPTIONAL = ("invoice_qty", "export_qty")
RATES = ("levy_rate", "rebate_rate", "invoice_rate")
LIMIT = Decimal(10**15)  # far above any real figure, well inside Decimal's 28 digits

MANUFACTURER_KEYS = (
    "non_creditable", "tax_payable", "credit_refund_total", "refund", "exempt_offset",
    "credit_carried_forward",
)  # fmt: skip
TRADING_KEYS = ("tax_base", "rate_applied", "refund")
LABELS = {  # (English, 中文): the Chinese goes last so that wide characters do not skew columns
    "non_creditable": ("non-creditable", "不得免征和抵扣税额"),
    "tax_payable": ("tax payable", "当期应纳税额"),
    "credit_refund_total": ("credit-refund total", "免抵退税额"),
    "refund": ("refund", "应退税额"),
    "exempt_offset": ("exempt-offset", "免抵税额"),
    "credit_carried_forward": ("credit carried forward", "结转下期留抵"),
    "tax_base": ("tax base", "计税依据"),
    "rate_applied": ("rate applied", "适用退税率"),
}


def args_rebate(sp: argparse.ArgumentParser) -> None:
    sp.add_argument(
        "action", choices=ACTIONS,
        help="simulate: what-if calculator; create, match, compute, check, export, file, review, "
        "pay, move (rejected rows), settle (9810 核算), list, show, repayments: rebate batches",
    )  # fmt: skip
    cli_rebate_batch.add_arguments(sp)
    sp.add_argument("--method", choices=METHODS, help="manufacturer (免抵退) or trading (免退)")
    money = "CNY amount"
    sp.add_argument("--export-fob-cny", metavar="A", help=f"manufacturer: export FOB, {money}")
    sp.add_argument("--domestic-sales", metavar="B", help=f"manufacturer: domestic sales, {money}")
    sp.add_argument("--input-vat", metavar="C", help=f"manufacturer: input VAT, {money}")
    sp.add_argument("--levy-rate", metavar="R1", help="manufacturer: levy rate 征税率 (0.13)")
    sp.add_argument("--rebate-rate", metavar="R2", help="rebate rate 退税率 (0.13)")
    sp.add_argument("--prior-credit", metavar="D", help="manufacturer: credit from last period")
    sp.add_argument(
        "--duty-free-materials", metavar="E",
        help="manufacturer: duty-free materials bought (免税购进原材料价格)",
    )  # fmt: skip
    sp.add_argument("--invoice-amount", metavar="A", help=f"trading: invoice net amount, {money}")
    sp.add_argument("--invoice-rate", metavar="R1", help="trading: the invoice's VAT rate (0.13)")
    sp.add_argument("--invoice-qty", metavar="Q", help="trading: the invoice line's quantity")
    sp.add_argument("--export-qty", metavar="q", help="trading: the quantity exported from it")


def cmd_rebate(args: argparse.Namespace, db: Any) -> tuple[int, Any, str]:
    """`rebate …`: returns (exit code, JSON-able result, text). `simulate` needs no database."""
    if args.action == "simulate":
        return _simulate(args)
    return cli_rebate_batch.run(args, db)


def _simulate(args: argparse.Namespace) -> tuple[int, Any, str]:
    from desktop_app.core.services import rebate_compute

    if args.method is None:
        raise BadInput("--method is required: manufacturer or trading")
    manufacturer = args.method == "manufacturer"
    required, optional = (
        (MANUFACTURER_REQUIRED, MANUFACTURER_OPTIONAL)
        if manufacturer
        else (TRADING_REQUIRED, TRADING_OPTIONAL)
    )
    values = _numbers(args, required, optional)
    try:
        if manufacturer:
            result = rebate_compute.manufacturer_period(**values)
        else:
            result = rebate_compute.trading_refund(**values)
    except ValidationFailed as exc:
        raise BadInput("; ".join(_as_option(p) for p in exc.problems)) from None
    keys = MANUFACTURER_KEYS if manufacturer else TRADING_KEYS
    data = {key: _two_places(getattr(result, key)) for key in keys}
    lines = [f"{args.method} ({'免抵退' if manufacturer else '免退'})"]
    lines += [f"  {LABELS[k][0]:<22} {data[k]:>16}  {LABELS[k][1]}" for k in keys]
    return EXIT_OK, data, "\n".join(lines)


def _numbers(
    args: argparse.Namespace, required: tuple[str, ...], optional: tuple[str, ...]
) -> dict[str, Decimal]:
    """The method's options as Decimals; BadInput naming the option that is missing or wrong."""
    allowed = set(required) | set(optional)
    for name in (
        *MANUFACTURER_REQUIRED,
        *MANUFACTURER_OPTIONAL,
        *TRADING_REQUIRED,
        *TRADING_OPTIONAL,
    ):
        if name not in allowed and getattr(args, name) is not None:
            raise BadInput(f"{_flag(name)} does not apply to --method {args.method}")
    missing = [_flag(name) for name in required if getattr(args, name) is None]
    if missing:
        raise BadInput(f"--method {args.method} needs {', '.join(missing)}")
    values = {}
    for name in (*required, *optional):
        text = getattr(args, name)
        if text is not None:
            values[name] = _number(text, name)
    return values


def _number(text: str, name: str) -> Decimal:
    try:
        value = to_decimal(text)
    except ValueError:
        raise BadInput(f"{_flag(name)} {text!r}: not a number") from None
    if abs(value) >= LIMIT:
        raise BadInput(f"{_flag(name)} {text!r}: too large (at most {LIMIT - 1:,})")
    if name in RATES and value.is_finite() and value != value.quantize(FEN):
        # the contract prints rates with two places: 0.135 would be shown wrong
        raise BadInput(f"{_flag(name)} {text!r}: a rate is a whole percent as a fraction (0.13)")
    return value


def _as_option(problem: Any) -> str:
    value = "" if problem.value is None else f" {problem.value}"
    return f"{_flag(problem.field)}{value}: {problem.reason}"


def _flag(name: str) -> str:
    return "--" + name.replace("_", "-")


def _two_places(value: Decimal) -> str:
    fixed = value.quantize(FEN)
    return str(ZERO.quantize(FEN) if fixed == 0 else fixed)  # never "-0.00"
