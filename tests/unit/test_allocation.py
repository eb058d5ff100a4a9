"""Cost allocation: parts sum exactly to the whole, remainders go by largest remainder."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop_app.core.services.allocation import (
    CartonMeasure,
    LineMeasure,
    allocate,
    chargeable_weight,
    line_measures,
)

D = Decimal

amounts = st.decimals(min_value=D("-1000000"), max_value=D("1000000"), places=2)
weight = st.decimals(min_value=D(0), max_value=D("100000"), places=5)
weight_lists = st.lists(weight, min_size=1, max_size=30).filter(lambda ws: sum(ws) > 0)


@given(total=amounts, weights=weight_lists)
def test_parts_always_sum_exactly_to_the_total(total, weights):
    parts = allocate(total, weights)
    assert sum(parts) == total
    assert len(parts) == len(weights)
    assert all(p == p.quantize(D("0.01")) for p in parts)


@given(total=amounts, weights=weight_lists)
def test_each_part_is_within_one_fen_of_its_exact_share(total, weights):
    parts = allocate(total, weights)
    whole = sum(Fraction(w) for w in weights)
    for part, w in zip(parts, weights, strict=True):
        exact = Fraction(total) * Fraction(w) / whole
        assert abs(Fraction(part) - exact) < Fraction(1, 100)
        if w == 0:
            assert part == 0


@given(total=amounts, weights=weight_lists, places=st.integers(0, 4))
def test_any_number_of_places_sums_exactly(total, weights, places):
    total = total.quantize(D(1).scaleb(-places)) if places < 2 else total
    parts = allocate(total, weights, places)
    assert sum(parts) == total


@given(total=amounts, weights=weight_lists)
def test_the_same_input_gives_the_same_parts(total, weights):
    assert allocate(total, weights) == allocate(total, list(weights))


def test_the_remainder_goes_to_the_largest_remainders_not_the_last_line():
    # 100.00 by 1:1:1 → 33.333… each; one fen left, ties go to the first line
    assert allocate(D("100.00"), [D(1), D(1), D(1)]) == [D("33.34"), D("33.33"), D("33.33")]
    # 10.00 by 2:3:5 at whole yuan → exact 2, 3, 5
    assert allocate(D(10), [D(2), D(3), D(5)], places=0) == [D(2), D(3), D(5)]
    # 1.00 by 1:2:3 → 0.1666…, 0.3333…, 0.5 → floors 16, 33, 50 fen; remainders .67 .33 0
    assert allocate(D("1.00"), [D(1), D(2), D(3)]) == [D("0.17"), D("0.33"), D("0.50")]
    # 0.05 by 7 equal lines: five get a fen, the first five
    assert allocate(D("0.05"), [D(1)] * 7) == [D("0.01")] * 5 + [D("0.00")] * 2


def test_a_negative_total_mirrors_the_positive_one():
    assert allocate(D("-100.00"), [D(1)] * 3) == [D("-33.34"), D("-33.33"), D("-33.33")]


def test_zero_total_and_zero_weights():
    assert allocate(D("0.00"), [D(0), D(0)]) == [D("0.00"), D("0.00")]
    assert allocate(D("5.00"), [D(0), D(2)]) == [D("0.00"), D("5.00")]
    assert allocate(D("0"), []) == []


@pytest.mark.parametrize(
    ("total", "weights", "message"),
    [
        (D("1.005"), [D(1)], "more than 2 decimal places"),
        (D("1.00"), [D(-1), D(2)], "must not be negative"),
        (D("1.00"), [D(0), D(0)], "no positive weight"),
        (D("1.00"), [], "no positive weight"),
    ],
)
def test_refused_inputs(total, weights, message):
    with pytest.raises(ValueError, match=message):
        allocate(total, weights)


LINES = [
    LineMeasure(D(100), unit_weight_kg=D("0.5"), unit_volume_cm3=D(6000)),  # 50 kg, vol 100 kg
    LineMeasure(D(10), unit_weight_kg=D(12), unit_volume_cm3=D(12000)),  # 120 kg, vol 20 kg
]


def test_basis_weights_from_the_skus():
    assert line_measures("quantity", LINES).values == [D(100), D(10)]
    assert line_measures("weight", LINES).values == [D(50), D(120)]
    assert line_measures("volume", LINES).values == [D(600000), D(120000)]
    charged = line_measures("chargeable_weight", LINES)
    assert charged.values == [D(100), D(120)] and charged.source == "sku"
    assert line_measures("chargeable_weight", LINES, divisor=5000).values == [D(120), D(120)]


def test_without_sku_sizes_the_cartons_spread_by_quantity():
    lines = [LineMeasure(D(30)), LineMeasure(D(10), unit_weight_kg=D(1))]
    cartons = [CartonMeasure(4, D(60), D(40), D(50), D("20.5"))]
    result = line_measures("weight", lines, cartons)
    assert result.values == [D(30), D(10)] and result.source == "cartons"
    assert allocate(D("100.00"), result.values) == [D("75.00"), D("25.00")]


def test_without_sizes_or_cartons_the_basis_names_what_is_missing():
    with pytest.raises(ValueError, match="every SKU's gross weight"):
        line_measures("weight", [LineMeasure(D(1))])
    with pytest.raises(ValueError, match="unknown allocation basis"):
        line_measures("value", LINES)


def test_chargeable_weight_of_cartons():
    cartons = [CartonMeasure(2, D(60), D(50), D(40), D(15))]  # 120000 cm³/6000 = 20 kg each
    assert chargeable_weight(cartons) == D(40)
    assert chargeable_weight([CartonMeasure(1, D(10), D(10), D(10), D(3))]) == D(3)
