"""`rebate simulate`: the what-if calculator's contract, both methods, with no database."""

from __future__ import annotations

import argparse
import json

import pytest

from desktop_app import cli_rebate
from desktop_app.core.errors import BadInput


def simulate(*argv: str) -> tuple[int, dict, str]:
    """Parse as the real command line does (a `rebate` sub-command) and run with db=None."""
    parser = argparse.ArgumentParser(prog="desktop-app")
    sub = parser.add_subparsers(dest="command")
    sp = sub.add_parser("rebate")
    sp.add_argument("--json", action="store_true")
    cli_rebate.args_rebate(sp)
    args = parser.parse_args(["rebate", "simulate", *argv, "--json"])
    code, data, text = cli_rebate.cmd_rebate(args, None)
    json.dumps(data)  # what --json prints must serialise as is
    return code, data, text


def manufacturer(*extra: str) -> list[str]:
    return ["--method", "manufacturer", "--export-fob-cny", "1500000", "--domestic-sales", "0",
            "--input-vat", "170000", "--levy-rate", "0.17", "--rebate-rate", "0.13",
            *extra]  # fmt: skip


def test_manufacturer_domain_worked_example():
    code, data, text = simulate(*manufacturer())
    assert code == 0
    assert data == {
        "non_creditable": "60000.00", "tax_payable": "-110000.00",
        "credit_refund_total": "195000.00", "refund": "110000.00",
        "exempt_offset": "85000.00", "credit_carried_forward": "0.00",
    }  # fmt: skip
    assert "免抵退税额" in text and "-110000.00" in text


def test_manufacturer_with_duty_free_materials_and_prior_credit():
    # 不得 32,000; 应纳 39,000 − 118,000 − 1,000 = −80,000; 免抵退 72,000 → carried 8,000
    _, data, _ = simulate(
        "--method", "manufacturer", "--export-fob-cny", "1,000,000", "--domestic-sales",
        "300000", "--input-vat", "150000", "--levy-rate", "0.13", "--rebate-rate", "0.09",
        "--prior-credit", "1000", "--duty-free-materials", "200000",
    )  # fmt: skip
    assert data == {
        "non_creditable": "32000.00", "tax_payable": "-80000.00",
        "credit_refund_total": "72000.00", "refund": "72000.00",
        "exempt_offset": "0.00", "credit_carried_forward": "8000.00",
    }  # fmt: skip


def test_manufacturer_positive_tax_payable():
    _, data, _ = simulate(
        "--method", "manufacturer", "--export-fob-cny", "200000", "--domestic-sales", "500000",
        "--input-vat", "40000", "--levy-rate", "0.13", "--rebate-rate", "0.13",
    )  # fmt: skip
    assert (data["tax_payable"], data["refund"], data["exempt_offset"]) == (
        "25000.00", "0.00", "26000.00",
    )  # fmt: skip


def test_trading_whole_and_partial_invoice():
    whole = ["--method", "trading", "--invoice-amount", "100000", "--invoice-rate", "0.13",
             "--rebate-rate", "0.13"]  # fmt: skip
    assert simulate(*whole)[1] == {"tax_base": "100000.00", "rate_applied": "0.13",
                                   "refund": "13000.00"}  # fmt: skip
    _, part, _ = simulate(*whole, "--invoice-qty", "1000", "--export-qty", "600")
    assert part == {"tax_base": "60000.00", "rate_applied": "0.13", "refund": "7800.00"}


def test_trading_lower_invoice_rate_applies():
    _, data, text = simulate("--method", "trading", "--invoice-amount", "50000",
                             "--invoice-rate", "0.03", "--rebate-rate", "0.13")  # fmt: skip
    assert data == {"tax_base": "50000.00", "rate_applied": "0.03", "refund": "1500.00"}
    assert "计税依据" in text


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--method", "trading", "--invoice-amount", "12x", "--invoice-rate", "0.13",
          "--rebate-rate", "0.13"], "--invoice-amount '12x': not a number"),
        (["--method", "trading", "--invoice-amount", "100", "--invoice-rate", "13",
          "--rebate-rate", "0.13"], "--invoice-rate 13: a rate is a fraction"),
        (["--method", "trading", "--invoice-amount", "100", "--invoice-rate", "0.135",
          "--rebate-rate", "0.13"], "--invoice-rate '0.135'"),
        (["--method", "trading", "--invoice-amount", "-100", "--invoice-rate", "0.13",
          "--rebate-rate", "0.13"], "--invoice-amount -100"),
        (["--method", "trading", "--invoice-amount", "100", "--invoice-rate", "0.13",
          "--rebate-rate", "0.13", "--invoice-qty", "10"], "--export-qty"),
        (["--method", "trading", "--invoice-amount", "100", "--invoice-rate", "0.13",
          "--rebate-rate", "0.13", "--invoice-qty", "10", "--export-qty", "11"],
         "--export-qty 11: is more than"),
        (["--method", "trading", "--invoice-amount", "100", "--rebate-rate", "0.13"],
         "needs --invoice-rate"),
        (["--method", "trading", "--invoice-amount", "100", "--invoice-rate", "0.13",
          "--rebate-rate", "0.13", "--input-vat", "5"], "--input-vat does not apply"),
        (["--method", "trading", "--invoice-amount", "1e20", "--invoice-rate", "0.13",
          "--rebate-rate", "0.13"], "--invoice-amount '1e20': too large"),
        (manufacturer()[:-2], "needs --rebate-rate"),
        (manufacturer("--prior-credit", "abc"), "--prior-credit 'abc'"),
        (manufacturer("--duty-free-materials", "-3"), "--duty-free-materials -3"),
        ([*manufacturer()[:-1], "0.2"], "--rebate-rate 0.2: is higher than the levy rate"),
        (manufacturer("--export-qty", "1"), "--export-qty does not apply"),
        (manufacturer()[2:], "--method is required"),
    ],
)  # fmt: skip
def test_bad_numbers_name_the_option(argv, message):
    with pytest.raises(BadInput) as caught:
        simulate(*argv)
    assert message in str(caught.value)


def test_unknown_method_is_a_usage_error():
    with pytest.raises(SystemExit):
        simulate("--method", "retail")
