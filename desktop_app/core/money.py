"""Decimal money: parsing, rounding to the fen (ROUND_HALF_UP) and currency conversion."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

FEN = Decimal("0.01")
ZERO = Decimal("0")


def to_decimal(value: object) -> Decimal:
    """Exact Decimal from str/int/Decimal; "1,299.00" is accepted. Floats are refused (inexact)."""
    if isinstance(value, Decimal):
        return value
    if isinstance(value, bool):
        raise TypeError("a boolean is not an amount")
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, float):
        raise TypeError(f"float {value!r} refused: amounts must be exact (use str or Decimal)")
    if isinstance(value, str):
        text = value.strip().replace(",", "").replace("，", "")
        try:
            result = Decimal(text)
        except InvalidOperation:
            raise ValueError(f"not a number: {value!r}") from None
        if not result.is_finite():
            raise ValueError(f"not a finite number: {value!r}")
        return result
    raise TypeError(f"cannot make an amount from {type(value).__name__}")


def round_fen(value: Decimal) -> Decimal:
    """Round to 2 decimal places, half up (the forms' 角分)."""
    return value.quantize(FEN, rounding=ROUND_HALF_UP)


def quantize(value: Decimal, places: int) -> Decimal:
    return value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def convert(amount: Decimal, rate: Decimal, *, per: int = 1) -> Decimal:
    """amount in a foreign currency × (CNY per `per` units) → CNY, rounded to the fen.

    CFETS quotes JPY per 100 units: convert(jpy, Decimal("4.8123"), per=100).
    """
    return round_fen(amount * rate / per)
