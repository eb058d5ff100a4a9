"""Amounts and counts in words for the forms: English ("SAY US DOLLARS … ONLY") and 大写."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

_ONES = (
    "ZERO", "ONE", "TWO", "THREE", "FOUR", "FIVE", "SIX", "SEVEN", "EIGHT", "NINE", "TEN",
    "ELEVEN", "TWELVE", "THIRTEEN", "FOURTEEN", "FIFTEEN", "SIXTEEN", "SEVENTEEN", "EIGHTEEN",
    "NINETEEN",
)  # fmt: skip
_TENS = ("", "", "TWENTY", "THIRTY", "FORTY", "FIFTY", "SIXTY", "SEVENTY", "EIGHTY", "NINETY")
_SCALES = ((10**12, "TRILLION"), (10**9, "BILLION"), (10**6, "MILLION"), (1000, "THOUSAND"))

# Plural English currency names as invoices write them; other currencies fall back to the code.
CURRENCY_WORDS = {
    "USD": "US DOLLARS", "EUR": "EUROS", "GBP": "POUNDS STERLING", "JPY": "JAPANESE YEN",
    "CNY": "CHINESE YUAN", "HKD": "HONG KONG DOLLARS", "CAD": "CANADIAN DOLLARS",
    "AUD": "AUSTRALIAN DOLLARS", "NZD": "NEW ZEALAND DOLLARS", "SGD": "SINGAPORE DOLLARS",
    "MYR": "MALAYSIAN RINGGIT", "THB": "THAI BAHT", "PHP": "PHILIPPINE PESOS",
    "IDR": "INDONESIAN RUPIAH", "VND": "VIETNAMESE DONG", "KRW": "KOREAN WON",
    "MXN": "MEXICAN PESOS", "BRL": "BRAZILIAN REAIS", "CHF": "SWISS FRANCS",
    "SEK": "SWEDISH KRONOR", "NOK": "NORWEGIAN KRONER", "DKK": "DANISH KRONER",
    "PLN": "POLISH ZLOTYS", "AED": "UAE DIRHAMS", "SAR": "SAUDI RIYALS", "RUB": "RUSSIAN ROUBLES",
}  # fmt: skip
# Chinese names for when the code table has none (a database without the built-in tables).
CURRENCY_NAMES_CN = {"USD": "美元", "EUR": "欧元", "GBP": "英镑", "JPY": "日元", "CNY": "人民币",
                     "HKD": "港币", "CAD": "加拿大元", "AUD": "澳大利亚元"}  # fmt: skip

_CN_DIGITS = "零壹贰叁肆伍陆柒捌玖"
_CN_SMALL = ("", "拾", "佰", "仟")
_CN_GROUPS = ("", "万", "亿", "万亿")

CENT = Decimal("0.01")


def to_cents(amount: Decimal) -> int:
    """The amount in hundredths, rounded half up as the forms require."""
    return int(amount.quantize(CENT, rounding=ROUND_HALF_UP).scaleb(2))


def english_number(n: int) -> str:
    """A whole number in English capitals: 1234 → ONE THOUSAND TWO HUNDRED THIRTY-FOUR."""
    if n < 0:
        return "MINUS " + english_number(-n)
    if n < 1000:
        return _below_thousand(n)
    for scale, word in _SCALES:
        if n >= scale:
            head, rest = divmod(n, scale)
            tail = f" {english_number(rest)}" if rest else ""
            return f"{english_number(head)} {word}{tail}"
    raise AssertionError("unreachable")


def _below_thousand(n: int) -> str:
    if n < 20:
        return _ONES[n]
    if n < 100:
        tens, ones = divmod(n, 10)
        return _TENS[tens] + (f"-{_ONES[ones]}" if ones else "")
    hundreds, rest = divmod(n, 100)
    return f"{_ONES[hundreds]} HUNDRED" + (f" {_below_thousand(rest)}" if rest else "")


def english_amount(amount: Decimal, currency: str) -> str:
    """'SAY US DOLLARS ONE THOUSAND TWO HUNDRED THIRTY-FOUR AND CENTS FIFTY-SIX ONLY'."""
    cents = to_cents(amount)
    sign = "MINUS " if cents < 0 else ""
    whole, fraction = divmod(abs(cents), 100)
    words = CURRENCY_WORDS.get(currency.upper(), currency.upper())
    text = f"SAY {sign}{words} {english_number(whole)}"
    if fraction:
        text += f" AND CENTS {english_number(fraction)}"
    return text + " ONLY"


def english_count(count: int, noun: str) -> str:
    """'SAY TWELVE CARTONS ONLY' (the packing list's total of packages)."""
    return f"SAY {english_number(count)} {noun.upper()} ONLY"


def chinese_number(n: int) -> str:
    """A whole number in 大写 numerals with the financial forms: 1005 → 壹仟零伍, 10 → 壹拾."""
    if n == 0:
        return _CN_DIGITS[0]
    if n < 0:
        return "负" + chinese_number(-n)
    groups: list[int] = []
    while n:
        n, group = divmod(n, 10000)
        groups.append(group)
    if len(groups) > len(_CN_GROUPS):
        raise ValueError("amount too large for 大写")
    text, zero_pending = "", False
    for index in range(len(groups) - 1, -1, -1):
        group = groups[index]
        if group == 0:
            zero_pending = bool(text)
            continue
        if text and (zero_pending or group < 1000):
            text += _CN_DIGITS[0]
        text += _group_text(group) + _CN_GROUPS[index]
        zero_pending = False
    return text


def _group_text(group: int) -> str:
    """Four digits or fewer: 1020 → 壹仟零贰拾 (one 零 for a run of zeros, none at the end)."""
    digits = f"{group:04d}".lstrip("0")
    text, zero = "", False
    for position, ch in enumerate(digits):
        place = len(digits) - 1 - position
        if ch == "0":
            zero = True
            continue
        if zero:
            text += _CN_DIGITS[0]
            zero = False
        text += _CN_DIGITS[int(ch)] + _CN_SMALL[place]
    return text


def chinese_amount(amount: Decimal, currency_name: str = "") -> str:
    """大写 money: 1680.32 → 壹仟陆佰捌拾元零叁角贰分, 10 → 壹拾元整, prefixed with the currency.

    Follows the PBOC rules for writing amounts (元 … 角 … 分; 整 after 元 or 角; one 零 where
    元 is zero or zeros stand between the yuan and the jiao/fen).
    """
    cents = to_cents(amount)
    sign = "负" if cents < 0 else ""
    whole, fraction = divmod(abs(cents), 100)
    jiao, fen = divmod(fraction, 10)
    text = ""
    if whole:
        text = chinese_number(whole) + "元"
    if not fraction:
        return f"{currency_name}{sign}{text or '零元'}整"
    if whole and (whole % 10 == 0 or jiao == 0):
        text += _CN_DIGITS[0]
    if jiao:
        text += _CN_DIGITS[jiao] + "角"
    text += _CN_DIGITS[fen] + "分" if fen else "整"
    return f"{currency_name}{sign}{text}"


def chinese_count(count: int, measure: str) -> str:
    """'壹拾贰箱' — a count of packages in 大写."""
    return chinese_number(count) + measure
