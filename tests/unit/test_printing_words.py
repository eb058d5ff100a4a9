"""Amounts in words (English and 大写), number formats and text fitting of the forms."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop_app.core.printing import fonts
from desktop_app.core.printing.amount_words import (
    chinese_amount,
    chinese_count,
    chinese_number,
    english_amount,
    english_count,
    english_number,
)
from desktop_app.core.printing.layout import ELLIPSIS, fit, money, price, qty, wrap

D = Decimal


@pytest.mark.parametrize(
    ("amount", "expected"),
    [
        # the examples of the PBOC rules for writing amounts (正确填写票据和结算凭证的基本规定)
        ("1680.32", "壹仟陆佰捌拾元零叁角贰分"),
        ("6007.14", "陆仟零柒元壹角肆分"),
        ("107000.53", "壹拾万柒仟元零伍角叁分"),
        ("16409.02", "壹万陆仟肆佰零玖元零贰分"),
        ("325.04", "叁佰贰拾伍元零肆分"),
        ("1409.50", "壹仟肆佰零玖元伍角整"),
        ("10", "壹拾元整"),
        ("0", "零元整"),
        ("0.56", "伍角陆分"),
        ("0.05", "伍分"),
        ("0.50", "伍角整"),
        ("1000010", "壹佰万零壹拾元整"),
        ("100010000", "壹亿零壹万元整"),
        ("100000001", "壹亿零壹元整"),
        ("20000000.00", "贰仟万元整"),
        ("7940", "柒仟玖佰肆拾元整"),
        ("12.345", "壹拾贰元叁角伍分"),  # rounded half up to the fen first
    ],
)
def test_chinese_capitals(amount: str, expected: str):
    assert chinese_amount(D(amount)) == expected


def test_chinese_capitals_with_currency_and_sign():
    assert chinese_amount(D("15.04"), "美元") == "美元壹拾伍元零肆分"
    assert chinese_amount(D("-3"), "美元") == "美元负叁元整"
    assert chinese_count(12, "箱") == "壹拾贰箱"
    assert chinese_number(1005) == "壹仟零伍"
    assert chinese_number(50) == "伍拾"


@pytest.mark.parametrize(
    ("n", "expected"),
    [
        (0, "ZERO"),
        (13, "THIRTEEN"),
        (40, "FORTY"),
        (99, "NINETY-NINE"),
        (101, "ONE HUNDRED ONE"),
        (7940, "SEVEN THOUSAND NINE HUNDRED FORTY"),
        (1_000_000, "ONE MILLION"),
        (2_004_015, "TWO MILLION FOUR THOUSAND FIFTEEN"),
        (1_000_000_001, "ONE BILLION ONE"),
    ],
)
def test_english_numbers(n: int, expected: str):
    assert english_number(n) == expected


def test_english_amounts_and_counts():
    assert english_amount(D("1234.56"), "USD") == (
        "SAY US DOLLARS ONE THOUSAND TWO HUNDRED THIRTY-FOUR AND CENTS FIFTY-SIX ONLY"
    )
    assert english_amount(D("15.04"), "EUR") == "SAY EUROS FIFTEEN AND CENTS FOUR ONLY"
    assert english_amount(D("0.5"), "XYZ") == "SAY XYZ ZERO AND CENTS FIFTY ONLY"
    assert english_count(12, "cartons") == "SAY TWELVE CARTONS ONLY"


_DIGITS = "零壹贰叁肆伍陆柒捌玖"
_UNITS = {"拾": 10, "佰": 100, "仟": 1000}


def _parse_chinese(text: str) -> int:
    """Read 大写 numerals back (to check the writer against arithmetic)."""
    total, section, digit = 0, 0, 0
    for ch in text:
        if ch in _DIGITS:
            digit = _DIGITS.index(ch)
        elif ch in _UNITS:
            section += digit * _UNITS[ch]
            digit = 0
        elif ch == "万":
            total += (section + digit) * 10_000
            section = digit = 0
        elif ch == "亿":
            total = (total + section + digit) * 100_000_000
            section = digit = 0
    return total + section + digit


@given(st.integers(min_value=0, max_value=10**12 - 1))
def test_chinese_numbers_read_back(n: int):
    text = chinese_number(n)
    assert _parse_chinese(text) == n
    assert "零零" not in text and not (n and text.endswith("零"))


@given(st.decimals(min_value=0, max_value=10**9, places=2, allow_nan=False))
def test_chinese_amounts_read_back(amount: Decimal):
    text = chinese_amount(amount)
    yuan, _, rest = text.partition("元")
    cents = 0
    if "元" in text:
        cents += _parse_chinese(yuan) * 100
    else:
        rest = text
    if "角" in rest:
        cents += _DIGITS.index(rest[rest.index("角") - 1]) * 10
    if "分" in rest:
        cents += _DIGITS.index(rest[rest.index("分") - 1])
    assert cents == int(amount * 100)
    assert text.endswith("分") != text.endswith("整")


def test_number_formats():
    assert qty(D("12.50000")) == "12.5" and qty(D("100.00000")) == "100" and qty(None) == ""
    assert money(D("1234.5")) == "1,234.50"
    assert price(D("4.8000")) == "4.80" and price(D("1.2345")) == "1.2345"
    assert price(D("1.2340")) == "1.234"


def test_wrap_keeps_words_and_elements_whole():
    text = "1|0|用途:手机保护|材质:TPU|品牌:NUVELO|型号:iPhone 15 Pro Max"
    lines = wrap(text, 80, 7.5)
    assert len(lines) > 1
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")
    assert all(fonts.string_width(line, 7.5) <= 80 for line in lines)
    assert any("NUVELO" in line for line in lines)  # a Latin word is never split


def test_fit_shrinks_then_cuts_with_an_ellipsis():
    short = fit("深圳海关", 100, 10, 8.5, 5)
    assert short.size == 8.5 and short.lines == ("深圳海关",)
    longer = fit("AMAZON.COM SERVICES LLC, 410 TERRY AVE N, SEATTLE WA 98109", 120, 14, 8.5, 5)
    assert longer.size < 8.5 and longer.height <= 14.01
    assert (
        "".join(longer.lines).replace(" ", "")
        == "AMAZON.COMSERVICESLLC,410TERRYAVEN,SEATTLEWA98109"
    )
    cut = fit("很长" * 200, 100, 12, 8.5, 5)
    assert cut.size == 5 and cut.lines[-1].endswith(ELLIPSIS) and cut.height <= 12.01
