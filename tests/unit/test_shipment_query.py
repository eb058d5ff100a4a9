"""The read side of the Shipments and Stocktakes screens: ids, rows, detail, costs preview."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from desktop_app.core.models import ExchangeRate, Sku, Warehouse
from desktop_app.core.services import shipment_query, shipments, stock, stocktake, stocktake_query
from desktop_app.core.services.shipment_query import IN_TRANSIT, ShipmentFilters
from desktop_app.core.services.shipments import CartonDraft, CostDraft

D = Decimal
DAY = dt.date(2026, 3, 2)


@pytest.fixture
def world(session):
    houses = {
        code: Warehouse(code=code, name=code, kind=kind, country=country)
        for code, kind, country in (("SZ", "domestic", "CHN"), ("US", "overseas_3pl", "USA"),
                                    ("DE", "overseas_3pl", "DEU"))
    }  # fmt: skip
    skus = {
        code: Sku(code=code, name_cn=f"商品{code}", purchase_price=D(price), gross_weight_kg=kg,
                  length_cm=D(10), width_cm=D(10), height_cm=D(10))
        for code, price, kg in (("A", "10.00", D(2)), ("B", "4.00", D(1)), ("C", "1.00", None))
    }  # fmt: skip
    session.add_all([*houses.values(), *skus.values()])
    session.flush()
    for sku in skus.values():
        stock.post_move(session, sku_id=sku.id, warehouse_id=houses["SZ"].id, kind="receipt",
                        quantity=D(100), move_date=DAY, unit_cost=D(12))  # fmt: skip
    return {**{k: v.id for k, v in houses.items()}, **{k: v.id for k, v in skus.items()}}


def make(session, w, ref, lines, to="US", **header):
    return shipments.create_shipment(session, origin_warehouse_id=w["SZ"],
                                     destination_warehouse_id=w[to], lines=lines, ref=ref,
                                     **header).id  # fmt: skip


def ids(session, text="", **filters):
    return list(shipment_query.shipment_ids(session, text, ShipmentFilters(**filters)))


def test_rows_carry_the_totals_of_lines_cartons_and_costs(session, world):
    cartons = [CartonDraft("1-3", 40, 30, 30, 10, 3), CartonDraft("4", 20, 20, 20, 5)]
    costs = [CostDraft("freight", "100", "USD", "7.1"), CostDraft("fee", "20.50")]
    a = make(session, world, "FL-1", [(world["A"], 5, None), (world["B"], 7, None)],
             cartons=cartons, costs=costs)  # fmt: skip
    b = make(session, world, "FL-2", [])
    rows = shipment_query.shipment_rows(session, [b, a, 999])
    assert [r.id for r in rows] == [b, a]  # the order asked for; gone ids left out
    row = rows[1]
    assert (row.ref, row.origin, row.destination, row.status) == ("FL-1", "SZ", "US", "draft")
    assert (row.lines, row.units, row.cartons, row.cost_cny) == (2, D(12), 4, D("730.50"))
    assert (rows[0].lines, rows[0].units, rows[0].cartons, rows[0].cost_cny) == (0, 0, 0, 0)


def test_ids_sorted_by_each_column_with_ties_by_id(session, world):
    a = make(session, world, "FL-1", [(world["A"], 50, None)])
    b = make(session, world, "FL-2", [(world["A"], 5, None), (world["B"], 5, None)], to="DE")
    c = make(session, world, "FL-3", [(world["C"], 1, None)])
    assert ids(session) == [c, b, a]
    for key, ascending, expected in (
        ("ref", True, [a, b, c]), ("units", False, [a, b, c]), ("lines", False, [b, c, a]),
        ("destination", True, [b, a, c]), ("cost_cny", True, [a, b, c]),
    ):  # fmt: skip
        got = shipment_query.shipment_ids(session, sort=(key, ascending))
        assert list(got) == expected, key
    assert list(shipment_query.shipment_ids(session, limit=2)) == [c, b]
    with pytest.raises(ValueError):
        shipment_query.shipment_ids(session, sort=("nonsense", True))


def test_filters_and_search(session, world):
    a = make(session, world, "FL-1", [(world["A"], 5, None)], tracking_no="MSKU1234567")
    b = make(session, world, "FL-2", [(world["B"], 5, None)], to="DE", carrier="DHL Express")
    c = make(session, world, "FL-3", [(world["C"], 5, None)])
    shipments.ship(session, a, DAY)
    shipments.ship(session, b, DAY)
    shipments.receive(session, b, {world["B"]: D(2)}, DAY)
    shipments.cancel(session, c)
    assert ids(session, status=IN_TRANSIT) == [b, a]
    assert ids(session, status="partially_received") == [b]
    assert ids(session, status="cancelled") == [c]
    assert ids(session, warehouse_id=world["DE"]) == [b]
    assert ids(session, warehouse_id=world["SZ"]) == [c, b, a]
    assert ids(session, "msku") == [a]
    assert ids(session, "dhl express") == [b]  # every word must match
    assert ids(session, "b") == [b]  # a SKU code
    assert ids(session, "fl-3") == [c]
    assert ids(session, "nothing-like-it") == []


def test_detail_with_lines_cartons_costs_and_discrepancies(session, world):
    shipment_id = make(session, world, "FL-1", [(world["A"], 10, None), (world["B"], 10, None)],
                       cartons=[CartonDraft("1", 50, 40, 30, 20, 2)],
                       costs=[CostDraft("freight", "300")], allocation_basis="weight",
                       carrier="COSCO")  # fmt: skip
    shipments.ship(session, shipment_id, DAY)
    shipments.receive(session, shipment_id, {world["A"]: D(10), world["B"]: D(8)}, DAY)
    detail = shipment_query.shipment_detail(session, shipment_id)
    assert detail is not None
    assert (detail.carrier, detail.allocation_basis, detail.origin_name) == (
        "COSCO",
        "weight",
        "SZ",
    )
    assert [(ln.sku_code, ln.allocated_cost, ln.landed_unit_cost, ln.outstanding)
            for ln in detail.lines] == [("A", D("200.00"), D("32.0000"), D(0)),
                                        ("B", D("100.00"), D("22.0000"), D(2))]  # fmt: skip
    assert detail.gross_weight_kg == D(40)
    assert detail.chargeable_weight_kg == D(40)  # 2 × 60,000 cm³ / 6000 = 20 kg volumetric
    assert [(d.sku_code, d.kind) for d in detail.discrepancies] == [
        ("A", "match"),
        ("B", "outstanding"),
    ]
    assert not detail.costs_open
    assert shipment_query.shipment_detail(session, 9999) is None


def test_costs_preview_converts_and_allocates_without_writing(session, world):
    shipment_id = make(session, world, "FL-1", [(world["A"], 10, None), (world["B"], 30, None)])
    session.add(ExchangeRate(currency="EUR", rate_date=DAY, rate=D("7.9"), per_units=1))
    session.flush()
    drafts = [CostDraft("freight", "100", "USD", "7.2"), CostDraft("duty", "10", "EUR"),
              CostDraft("fee", "abc"), CostDraft("fee", "1.01")]  # fmt: skip
    preview = shipment_query.preview_costs(session, shipment_id, drafts, "quantity", 6000)
    assert [(c.fx_rate, c.amount_cny, c.rate_from_table) for c in preview.costs] == [
        (D("7.2"), D("720.00"), False), (D("7.900000"), D("79.00"), True),
        (None, None, False), (None, D("1.01"), False),
    ]  # fmt: skip
    assert preview.total_cny == D("800.01")
    assert preview.parts == [D("200.00"), D("600.01")] and sum(preview.parts) == D("800.01")
    assert preview.source == "quantity"
    by_weight = shipment_query.preview_costs(session, shipment_id, drafts, "weight", 6000)
    assert by_weight.parts == [D("320.00"), D("480.01")]  # 20 kg against 30 kg
    c_only = make(session, world, "FL-2", [(world["C"], 1, None)])
    blocked = shipment_query.preview_costs(session, c_only, drafts, "weight", 6000)
    assert blocked.problem.startswith("allocation by weight needs")
    detail = shipment_query.shipment_detail(session, shipment_id)
    assert detail is not None and detail.costs == []  # nothing was saved


def test_default_unit_cost_and_warehouse_choices(session, world):
    assert shipment_query.default_unit_cost(session, world["A"], world["SZ"]) == D("12.0000")
    assert shipment_query.default_unit_cost(session, world["A"], world["US"]) == D("10.00")
    assert shipment_query.default_unit_cost(session, 999, world["SZ"]) == 0
    choices = shipment_query.warehouse_choices(session)
    assert [(w.code, w.kind) for w in choices] == [
        ("DE", "overseas_3pl"),
        ("SZ", "domestic"),
        ("US", "overseas_3pl"),
    ]


def test_stocktake_rows_count_lines_counts_and_differences(session, world, tmp_path):
    take = stocktake.create_stocktake(session, world["SZ"], DAY)
    sheet = tmp_path / "counts.csv"
    sheet.write_text("SKU code,Counted\nA,100\nB,97\n", encoding="utf-8")
    stocktake.import_counts(session, take.id, sheet)
    other = stocktake.create_stocktake(session, world["US"], DAY + dt.timedelta(days=1),
                                       sku_ids=[world["A"]])  # fmt: skip
    rows = stocktake_query.stocktake_rows(session)
    assert [(r.ref, r.warehouse, r.status, r.lines, r.counted, r.differences) for r in rows] == [
        (other.ref, "US", "draft", 1, 0, 0),
        (take.ref, "SZ", "counting", 3, 2, 1),
    ]
    assert [r.id for r in stocktake_query.stocktake_rows(session, "counting")] == [take.id]
