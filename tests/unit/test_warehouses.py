"""Warehouses: validation of every field at once, unique codes, editing and the active flag."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from desktop_app.core import codes
from desktop_app.core.errors import BadInput, ValidationFailed
from desktop_app.core.models import Sku
from desktop_app.core.services import stock, warehouses


def _us(session, code="US-LA", **kw):
    fields = {"code": code, "name": "LA 3PL", "kind": "overseas_3pl", "country": "usa",
              "currency": "usd", "provider": "ShipBob"} | kw  # fmt: skip
    return warehouses.create_warehouse(session, **fields)


def _problems(exc: pytest.ExceptionInfo[ValidationFailed]) -> dict[str, str]:
    return {p.field: p.reason for p in exc.value.problems}


@pytest.mark.parametrize("tables", [False, True], ids=["pycountry", "code-tables"])
def test_create_normalises_codes(session, tables):
    if tables:
        codes.ensure_builtin(session)
    warehouse = _us(session, code="  US-LA ")
    assert (warehouse.code, warehouse.country, warehouse.currency) == ("US-LA", "USA", "USD")
    assert warehouse.active and warehouse.kind == "overseas_3pl"
    fba = warehouses.create_warehouse(session, code="FBA-DE", name="FBA DE", kind="fba",
                                      country="DEU", currency="EUR")  # fmt: skip
    home = warehouses.create_warehouse(session, code="SZ", name="深圳仓", kind="domestic",
                                       country="CHN")  # fmt: skip
    assert home.currency == "CNY" and fba.provider == ""


@pytest.mark.parametrize("tables", [False, True], ids=["pycountry", "code-tables"])
def test_every_problem_is_reported_and_nothing_written(session, tables):
    if tables:
        codes.ensure_builtin(session)
    with pytest.raises(ValidationFailed) as exc:
        warehouses.create_warehouse(session, code="", name="x" * 101, kind="shop",
                                    country="XXX", currency="US")  # fmt: skip
    assert set(_problems(exc)) == {"code", "name", "kind", "country", "currency"}
    assert "required" in _problems(exc)["code"]
    assert "3-letter" in _problems(exc)["currency"]
    assert "not a known" in _problems(exc)["country"]
    assert warehouses.list_warehouses(session) == []


def test_domestic_is_in_china_and_overseas_is_not(session):
    with pytest.raises(ValidationFailed) as exc:
        warehouses.create_warehouse(session, code="SZ", name="SZ", kind="domestic", country="USA")
    assert "China" in _problems(exc)["country"]
    with pytest.raises(ValidationFailed) as exc:
        _us(session, country="CHN")
    assert "outside China" in _problems(exc)["country"]


def test_codes_are_unique_ignoring_case(session):
    first = _us(session)
    with pytest.raises(ValidationFailed) as exc:
        _us(session, code="us-la")
    assert "another warehouse" in _problems(exc)["code"]
    other = _us(session, code="US-NJ")
    with pytest.raises(ValidationFailed):
        warehouses.update_warehouse(session, other.id, code="US-LA")
    assert warehouses.find_warehouse(session, "us-la") is first
    assert warehouses.find_warehouse(session, "nowhere") is None


def test_update_checks_the_whole_row(session):
    warehouse = _us(session)
    warehouses.update_warehouse(session, warehouse.id, name="Los Angeles", provider="")
    assert (warehouse.name, warehouse.provider, warehouse.country) == ("Los Angeles", "", "USA")
    with pytest.raises(ValidationFailed) as exc:
        warehouses.update_warehouse(session, warehouse.id, kind="domestic")
    assert "China" in _problems(exc)["country"]
    assert warehouse.kind == "overseas_3pl"
    with pytest.raises(ValidationFailed) as exc:
        warehouses.update_warehouse(session, warehouse.id, active=False, colour="red")
    assert set(_problems(exc)) == {"active", "colour"}
    with pytest.raises(BadInput):
        warehouses.update_warehouse(session, 999, name="x")


def test_list_and_active_flag(session):
    la, nj = _us(session), _us(session, code="US-NJ")
    warehouses.set_active(session, nj.id, False)
    assert warehouses.list_warehouses(session) == [la, nj]
    assert warehouses.list_warehouses(session, active_only=True) == [la]
    warehouses.set_active(session, nj.id, True)
    assert nj.active


def test_a_warehouse_holding_stock_cannot_be_switched_off(session):
    la = _us(session)
    sku = Sku(code="MUG", name_cn="杯子")
    session.add(sku)
    session.flush()
    stock.post_move(session, sku_id=sku.id, warehouse_id=la.id, kind="receipt",
                    quantity=Decimal(5), move_date=dt.date(2026, 3, 1),
                    unit_cost=Decimal("2.5"))  # fmt: skip
    with pytest.raises(ValidationFailed) as exc:
        warehouses.set_active(session, la.id, False)
    assert "5 units on hand" in _problems(exc)["active"]
    stock.post_move(session, sku_id=sku.id, warehouse_id=la.id, kind="sale",
                    quantity=Decimal(-5), move_date=dt.date(2026, 3, 2))  # fmt: skip
    stock.adjust_in_transit(session, sku_id=sku.id, warehouse_id=la.id, delta=Decimal(3))
    with pytest.raises(ValidationFailed) as exc:
        warehouses.set_active(session, la.id, False)
    assert "3 in transit" in _problems(exc)["active"]
    stock.adjust_in_transit(session, sku_id=sku.id, warehouse_id=la.id, delta=Decimal(-3))
    warehouses.set_active(session, la.id, False)
    assert not la.active
