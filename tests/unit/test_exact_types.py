"""Exact decimal storage: money round-trips to the fen, floats and excess places are refused."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import select
from sqlalchemy.exc import StatementError

from desktop_app.core.models import Sku
from desktop_app.core.models.base import Money, Quantity
from desktop_app.core.money import convert, round_fen, to_decimal


@given(st.decimals(min_value=Decimal("-1e13"), max_value=Decimal("1e13"), places=2))
def test_money_bind_and_result_round_trip(value):
    stored = Money.process_bind_param(value, None)
    assert isinstance(stored, int)
    assert Money.process_result_value(stored, None) == value


def test_float_is_refused():
    with pytest.raises(TypeError, match="float"):
        Money.process_bind_param(1.1, None)


def test_more_places_than_the_column_holds_is_refused_not_rounded():
    with pytest.raises(ValueError, match="more than 5 decimal places"):
        Quantity.process_bind_param(Decimal("1.123456"), None)


def test_database_round_trip_is_exact(db):
    with db.transaction() as s:
        s.add(Sku(code="X", name_cn="测试", purchase_price=Decimal("0.0001")))
    with db.sessions() as s:
        assert s.scalar(select(Sku.purchase_price)) == Decimal("0.0001")
    with pytest.raises(StatementError), db.transaction() as s:
        s.add(Sku(code="Y", name_cn="测试", purchase_price=0.1))


def test_rounding_is_half_up_to_the_fen():
    assert round_fen(Decimal("2.675")) == Decimal("2.68")
    assert round_fen(Decimal("-2.675")) == Decimal("-2.68")
    assert convert(Decimal("1000"), Decimal("4.8123"), per=100) == Decimal("48.12")
    assert to_decimal("1,299.00") == Decimal("1299.00")
    with pytest.raises(TypeError):
        to_decimal(1.5)
