"""Splitting an amount into parts that sum exactly to it (first-leg costs over shipment lines).

Pure functions, no database: `allocate` splits a total by weights with the largest-remainder
method, and `line_measures` turns a shipment's lines and cartons into the weights of each
allocation basis (quantity, weight, volume, chargeable weight).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

BASES = ("quantity", "weight", "volume", "chargeable_weight")


def allocate(total: Decimal, weights: Sequence[Decimal], places: int = 2) -> list[Decimal]:
    """Split `total` into len(weights) parts proportional to the weights, to `places` decimals.

    The parts always sum exactly to `total`. Each part is first its exact share rounded
    down to the last place; the units left over (fewer than the number of parts) go one
    each to the parts with the largest remainders — never silently to the last line.
    Ties go to the earlier part, so the same input always gives the same parts. A zero
    weight gets exactly zero; a negative total is split as its absolute value, negated.

    Raises ValueError for a negative weight, a total with more than `places` decimals,
    or a non-zero total with no positive weight to carry it.
    """
    unit = Decimal(1).scaleb(-places)
    if total != total.quantize(unit):
        raise ValueError(f"total {total} has more than {places} decimal places")
    if any(w < 0 for w in weights):
        raise ValueError("weights must not be negative")
    units = int(abs(total).scaleb(places))
    exact = [Fraction(w) for w in weights]
    whole = sum(exact, Fraction(0))
    if units == 0:
        return [Decimal(0).quantize(unit) for _ in weights]
    if whole == 0:
        raise ValueError(f"cannot allocate {total}: no positive weight")
    shares = [units * w / whole for w in exact]
    parts = [s.numerator // s.denominator for s in shares]
    left = units - sum(parts)
    by_remainder = sorted(range(len(shares)), key=lambda i: (-(shares[i] - parts[i]), i))
    for i in by_remainder[:left]:
        parts[i] += 1
    sign = -1 if total < 0 else 1
    return [(Decimal(sign * p).scaleb(-places)).quantize(unit) for p in parts]


@dataclass(frozen=True)
class LineMeasure:
    """What one shipment line weighs in the allocation: its quantity and its SKU's sizes."""

    quantity: Decimal
    unit_weight_kg: Decimal | None = None  # the SKU's gross weight per unit
    unit_volume_cm3: Decimal | None = None  # the SKU's length × width × height


@dataclass(frozen=True)
class CartonMeasure:
    count: int
    length_cm: Decimal
    width_cm: Decimal
    height_cm: Decimal
    gross_weight_kg: Decimal  # per carton


@dataclass(frozen=True)
class Weights:
    """The weight of each line for one basis, and where the figures came from.

    source: "quantity" (the basis itself), "sku" (each SKU's weight and size) or
    "cartons" (the cartons' totals spread over the lines by quantity).
    """

    values: list[Decimal]
    source: str


def line_measures(
    basis: str,
    lines: Sequence[LineMeasure],
    cartons: Sequence[CartonMeasure] = (),
    divisor: int = 6000,
) -> Weights:
    """The weights to allocate first-leg costs by, one per line.

    quantity: the quantity. weight: the SKU's gross weight × quantity. volume: the SKU's
    length × width × height × quantity. chargeable_weight: per line the larger of its
    actual weight and its volumetric weight (volume / divisor, cm³ per kg).

    Cartons are not packed per SKU in the model (a carton's contents are free text), so
    they cannot say which line fills how much of them. The SKU's own weight and size are
    used whenever every line's SKU has them; when any is missing (or all are zero), the
    cartons' total weight / volume / chargeable weight is spread over the lines pro rata
    by quantity — which gives each line its quantity share — and `source` says so.
    With neither SKU sizes nor cartons, ValueError names what is missing.
    """
    if basis not in BASES:
        raise ValueError(f"unknown allocation basis {basis!r}")
    if basis == "quantity":
        return Weights([m.quantity for m in lines], "quantity")
    own = [_sku_measure(basis, m, divisor) for m in lines]
    if lines and None not in own and sum(own, Decimal(0)) > 0:
        return Weights([m for m in own if m is not None], "sku")
    if _carton_total(basis, cartons, divisor) > 0:
        return Weights([m.quantity for m in lines], "cartons")
    raise ValueError(f"allocation by {_BASIS_NAMES[basis]} needs {_NEEDS[basis]}")


_BASIS_NAMES = {
    "weight": "weight",
    "volume": "volume",
    "chargeable_weight": "chargeable weight",
}
_NEEDS = {
    "weight": "every SKU's gross weight, or cartons with their gross weight",
    "volume": "every SKU's dimensions, or cartons with their dimensions",
    "chargeable_weight": "every SKU's gross weight and dimensions, or cartons with their "
    "weight and dimensions",
}


def _sku_measure(basis: str, m: LineMeasure, divisor: int) -> Decimal | None:
    weight = None if m.unit_weight_kg is None else m.unit_weight_kg * m.quantity
    volume = None if m.unit_volume_cm3 is None else m.unit_volume_cm3 * m.quantity
    if basis == "weight":
        return weight
    if basis == "volume":
        return volume
    if weight is None or volume is None:
        return None
    return max(weight, volume / divisor)


def _carton_total(basis: str, cartons: Sequence[CartonMeasure], divisor: int) -> Decimal:
    weight = sum((c.gross_weight_kg * c.count for c in cartons), Decimal(0))
    volume = sum((c.length_cm * c.width_cm * c.height_cm * c.count for c in cartons), Decimal(0))
    if basis == "weight":
        return weight
    if basis == "volume":
        return volume
    return max(weight, volume / divisor)


def chargeable_weight(cartons: Sequence[CartonMeasure], divisor: int = 6000) -> Decimal:
    """The shipment's chargeable weight in kg: the larger of gross and volumetric weight."""
    return _carton_total("chargeable_weight", cartons, divisor)
