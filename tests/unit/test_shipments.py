"""First-leg shipments: drafts, costs in any currency, allocation, shipping and receiving."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import settings as hyp_settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from desktop_app.core import codes, settings
from desktop_app.core.errors import BadInput, ValidationFailed
from desktop_app.core.models import (
    ExchangeRate,
    Shipment,
    ShipmentLine,
    Sku,
    StockBalance,
    StockMove,
    Warehouse,
)
from desktop_app.core.services import check, shipments, stock
from desktop_app.core.services.shipments import CartonDraft, CostDraft, LineDraft

D = Decimal
TODAY = dt.date(2026, 3, 16)


def _sku(session, code, price, weight=None, size=None):
    length, width, height = size or (None, None, None)
    sku = Sku(code=code, name_cn=code, purchase_price=D(price), gross_weight_kg=weight,
              length_cm=length, width_cm=width, height_cm=height)  # fmt: skip
    session.add(sku)
    return sku


def _world(session):
    """A factory warehouse in Shenzhen, a US 3PL, a closed warehouse, three SKUs."""
    w = {
        code: Warehouse(code=code, name=code, kind=kind, country=country, active=active)
        for code, kind, country, active in (
            ("SZ", "domestic", "CHN", True),
            ("US-3PL", "overseas_3pl", "USA", True),
            ("OLD", "overseas_3pl", "DEU", False),
        )
    }
    session.add_all(w.values())
    # 0.5 kg in 6000 cm³ (volumetric 1 kg); 12 kg in 12000 cm³ (volumetric 2 kg); no sizes
    w["case"] = _sku(session, "CASE", "4.80", D("0.5"), (D(20), D(20), D(15)))
    w["lamp"] = _sku(session, "LAMP", "120.00", D(12), (D(40), D(30), D(10)))
    w["cable"] = _sku(session, "CABLE", "2.10")
    session.flush()
    return w


@pytest.fixture
def world(session):
    return _world(session)


def _draft(session, world, **kw):
    kw.setdefault("lines", [(world["case"].id, D(100)), (world["lamp"].id, D(10))])
    return shipments.create_shipment(
        session, origin_warehouse_id=world["SZ"].id,
        destination_warehouse_id=world["US-3PL"].id, today=TODAY, **kw,
    )  # fmt: skip


def _count(session, model):
    return session.scalar(select(func.count()).select_from(model))


# ---------------------------------------------------------------- drafts


def test_a_draft_with_lines_cartons_and_costs(session, world):
    shipment = _draft(
        session, world,
        cartons=[CartonDraft("1-4", "60", "40", "50", "21.5", carton_count=4, contents="CASE")],
        costs=[CostDraft("freight", "500.00", "USD", fx_rate="7.1234"),
               CostDraft("fee", "80", description="customs broker")],
        expected_date=dt.date(2026, 4, 20), carrier="Matson", booking_no="SO-778",
    )  # fmt: skip
    assert shipment.ref == "FL-2026-0001" and shipment.status == "draft"
    assert shipment.allocation_basis == "chargeable_weight" and shipment.volumetric_divisor == 6000
    case, lamp = shipment.lines
    # unit cost from the purchase price: the origin has no stock yet
    assert (case.unit_cost, lamp.unit_cost) == (D("4.80"), D("120.00"))
    usd, fee = shipment.costs
    assert (usd.amount_cny, usd.fx_rate, fee.amount_cny, fee.fx_rate) == (
        D("3561.70"), D("7.1234"), D("80.00"), None)  # fmt: skip
    # chargeable weight: case 100 × max(0.5, 1) = 100 kg, lamp 10 × max(12, 2) = 120 kg
    assert case.allocated_cost + lamp.allocated_cost == D("3641.70")
    assert (case.allocated_cost, lamp.allocated_cost) == (D("1655.32"), D("1986.38"))
    assert shipments.landed_unit_cost(case) == D("21.3532")
    assert shipments.landed_unit_cost(lamp) == D("318.6380")
    [carton] = shipment.cartons
    assert (carton.carton_count, carton.gross_weight_kg) == (4, D("21.5"))


def test_the_next_reference_counts_up_per_year(session, world):
    assert shipments.next_ref(session, TODAY) == "FL-2026-0001"
    _draft(session, world)
    _draft(session, world, ref="FL-2026-0007")
    _draft(session, world, ref="my own ref")
    assert shipments.next_ref(session, TODAY) == "FL-2026-0008"
    assert shipments.next_ref(session, dt.date(2027, 1, 2)) == "FL-2027-0001"
    assert shipments.by_ref(session, " FL-2026-0007 ").ref == "FL-2026-0007"
    with pytest.raises(BadInput, match="no shipment 'FL-1'"):
        shipments.by_ref(session, "FL-1")


def test_every_problem_is_reported_at_once_and_nothing_written(session, world):
    _draft(session, world, ref="FL-A")
    before = (_count(session, Shipment), _count(session, ShipmentLine))
    with pytest.raises(ValidationFailed) as caught:
        shipments.create_shipment(
            session, ref="FL-A", origin_warehouse_id=world["SZ"].id,
            destination_warehouse_id=world["OLD"].id, today=TODAY,
            lines=[(world["case"].id, "0"), (world["case"].id, "1.123456"),
                   (999, 1), LineDraft(world["lamp"].id, 1, "-2")],
            cartons=[CartonDraft("1", "x", 40, 50, 20),
                     CartonDraft("1", 1, 1, 1, 1, carton_count=0)],
            costs=[CostDraft("bribe", "10.001", "XYZ"), CostDraft("freight", "10", "EUR")],
            allocation_basis="value", volumetric_divisor=0, carrier="x" * 101,
        )  # fmt: skip
    found = {(p.field, p.reason) for p in caught.value.problems}
    assert found == {
        ("ref", "another shipment has this reference"),
        ("carrier", "longer than 100 characters"),
        ("destination_warehouse_id", "warehouse OLD is not active"),
        ("allocation_basis", "must be one of quantity, weight, volume, chargeable_weight"),
        ("volumetric_divisor", "must be a whole number of cm³ per kg above 0"),
        ("lines[0].quantity", "must be more than 0"),
        ("lines[1].sku_id", "SKU CASE is on an earlier line"),
        ("lines[1].quantity", "more than 5 decimal places"),
        ("lines[2].sku_id", "no such SKU"),
        ("lines[3].unit_cost", "must not be negative"),
        ("cartons[0].length_cm", "not a number"),
        ("cartons[1].carton_count", "must be a whole number above 0"),
        ("carton_no", "two cartons with the same number"),
        ("costs[0].kind", "must be one of freight, duty, fee, insurance, other"),
        ("costs[0].amount", "more than 2 decimal places"),
        ("costs[0].fx_rate", "no XYZ exchange rate on or before 2026-03-16: give one"),
        ("costs[1].fx_rate", "no EUR exchange rate on or before 2026-03-16: give one"),
    }
    assert (_count(session, Shipment), _count(session, ShipmentLine)) == before


def test_origin_and_destination_must_differ_and_exist(session, world):
    with pytest.raises(ValidationFailed) as caught:
        shipments.create_shipment(session, origin_warehouse_id=world["SZ"].id,
                                  destination_warehouse_id=world["SZ"].id)  # fmt: skip
    assert [p.field for p in caught.value.problems] == ["destination_warehouse_id"]
    with pytest.raises(ValidationFailed, match="no such warehouse"):
        shipments.create_shipment(session, origin_warehouse_id=404,
                                  destination_warehouse_id=world["SZ"].id)  # fmt: skip


def test_codes_are_checked_against_the_loaded_tables(session, world):
    codes.ensure_builtin(session)
    with pytest.raises(ValidationFailed) as caught:
        _draft(session, world, transport_mode="Q", costs=[CostDraft("duty", 1, "QQQ", 1)])
    assert {p.field for p in caught.value.problems} == {"transport_mode", "costs[0].currency"}
    shipment = _draft(session, world, transport_mode="5", costs=[CostDraft("duty", 1, "usd", 7)])
    assert shipment.transport_mode == "5" and shipment.costs[0].currency == "USD"


def test_foreign_costs_use_the_central_parity_on_or_before_the_date(session, world):
    session.add_all([
        ExchangeRate(currency="USD", rate_date=dt.date(2026, 3, 13), rate=D("7.1700")),
        ExchangeRate(currency="USD", rate_date=dt.date(2026, 3, 17), rate=D("7.2000")),
        ExchangeRate(currency="JPY", rate_date=dt.date(2026, 3, 2), rate=D("4.8123"),
                     per_units=100),
    ])  # fmt: skip
    shipment = _draft(session, world, costs=[CostDraft("freight", "100", "USD"),
                                             CostDraft("duty", "10000", "JPY")])  # fmt: skip
    usd, jpy = shipment.costs
    assert (usd.fx_rate, usd.amount_cny) == (D("7.17"), D("717.00"))
    assert (jpy.fx_rate, jpy.amount_cny) == (D("0.048123"), D("481.23"))


@pytest.mark.parametrize(
    ("basis", "parts"),
    [
        ("quantity", ("909.09", "90.91")),
        ("weight", ("294.12", "705.88")),  # 50 kg : 120 kg
        ("volume", ("833.33", "166.67")),  # 600000 cm³ : 120000 cm³
        ("chargeable_weight", ("454.55", "545.45")),  # 100 kg : 120 kg
    ],
)
def test_each_allocation_basis(session, world, basis, parts):
    shipment = _draft(session, world, allocation_basis=basis,
                      costs=[CostDraft("freight", "1000")])  # fmt: skip
    assert tuple(str(line.allocated_cost) for line in shipment.lines) == parts


def test_without_sku_sizes_the_cartons_spread_by_quantity(session, world):
    lines = [(world["case"].id, 30), (world["cable"].id, 10)]
    shipment = _draft(session, world, lines=lines, costs=[CostDraft("freight", "100")])
    # no cartons and CABLE has no weight: nothing to allocate by yet
    assert [line.allocated_cost for line in shipment.lines] == [D(0), D(0)]
    with pytest.raises(ValueError, match="every SKU's gross weight and dimensions"):
        shipments.allocation_weights(session, shipment)
    shipments.set_cartons(session, shipment.id, [CartonDraft("1", 50, 50, 50, "18.2")])
    assert [line.allocated_cost for line in shipment.lines] == [D("75.00"), D("25.00")]
    assert shipments.allocation_weights(session, shipment).source == "cartons"
    with pytest.raises(ValidationFailed, match="two cartons with the same number"):
        shipments.set_cartons(session, shipment.id, [CartonDraft("1", 1, 1, 1, 1)] * 2)


def test_set_lines_keeps_known_lines_and_their_costs(session, world):
    shipment = _draft(session, world, lines=[LineDraft(world["case"].id, 5, "3.3333")])
    [case] = shipment.lines
    shipments.set_lines(session, shipment.id, [(world["case"].id, 8), (world["cable"].id, 2)])
    assert [(line.sku_id, line.quantity, line.unit_cost) for line in shipment.lines] == [
        (world["case"].id, D(8), D("3.3333")), (world["cable"].id, D(2), D("2.10"))]  # fmt: skip
    assert shipment.lines[0] is case
    shipments.set_lines(session, shipment.id, [(world["cable"].id, 1)])
    assert [line.sku_id for line in shipment.lines] == [world["cable"].id]
    assert _count(session, ShipmentLine) == 1
    with pytest.raises(ValidationFailed, match=r"lines\[0\]\.quantity"):
        shipments.set_lines(session, shipment.id, [(world["cable"].id, -1)])


def test_costs_can_be_replaced_and_reallocate(session, world):
    shipment = _draft(session, world, allocation_basis="quantity")
    shipments.set_costs(session, shipment.id, [CostDraft("freight", "110"),
                                               CostDraft("insurance", "1.1")])  # fmt: skip
    assert [line.allocated_cost for line in shipment.lines] == [D("101.00"), D("10.10")]
    shipments.update_shipment(session, shipment.id, allocation_basis="weight")
    assert [line.allocated_cost for line in shipment.lines] == [D("32.68"), D("78.42")]
    shipments.set_costs(session, shipment.id, [])
    assert [line.allocated_cost for line in shipment.lines] == [D(0), D(0)]


def test_header_updates_are_checked(session, world):
    shipment = _draft(session, world)
    shipments.update_shipment(session, shipment.id, carrier=" COSCO ", tracking_no="T1")
    assert (shipment.carrier, shipment.tracking_no) == ("COSCO", "T1")
    with pytest.raises(ValidationFailed, match="unknown field"):
        shipments.update_shipment(session, shipment.id, status="received")
    with pytest.raises(ValidationFailed, match="the same as the origin"):
        shipments.update_shipment(session, shipment.id, destination_warehouse_id=world["SZ"].id)
    assert shipment.destination_warehouse_id == world["US-3PL"].id


def test_a_draft_can_be_cancelled_and_then_not_edited(session, world):
    shipment = _draft(session, world)
    shipments.cancel(session, shipment.id)
    assert shipment.status == "cancelled"
    for attempt in (
        lambda: shipments.cancel(session, shipment.id),
        lambda: shipments.set_lines(session, shipment.id, []),
        lambda: shipments.set_costs(session, shipment.id, []),
        lambda: shipments.update_shipment(session, shipment.id, notes="x"),
        lambda: shipments.ship(session, shipment.id, TODAY),
        lambda: shipments.receive(session, shipment.id, None, TODAY),
    ):
        with pytest.raises(BadInput, match=r"FL-2026-0001 is cancelled: cannot"):
            attempt()


# ---------------------------------------------------------------- through the ledger

SHIPPED, ARRIVED, LATER = dt.date(2026, 3, 20), dt.date(2026, 4, 20), dt.date(2026, 4, 22)


def _stocked(session, world):
    """The factory warehouse holds 200 cases at 4.80 and 20 lamps at 120.00."""
    for sku, quantity, cost in (("case", 200, "4.80"), ("lamp", 20, "120.00")):
        stock.post_move(session, sku_id=world[sku].id, warehouse_id=world["SZ"].id,
                        kind="receipt", quantity=D(quantity), unit_cost=D(cost),
                        move_date=dt.date(2026, 3, 1))  # fmt: skip
    return _draft(session, world, costs=[CostDraft("freight", "500.00", "USD", "7.1234"),
                                         CostDraft("fee", "80")])  # fmt: skip


def _position(session, world, sku, warehouse):
    b = stock.get_balance(session, world[sku].id, world[warehouse].id)
    return b.on_hand, b.in_transit, b.value


def _moves(session, shipment):
    mine = (StockMove.ref_type == "shipment") & (StockMove.ref_id == shipment.id)
    query = select(StockMove).where(mine).order_by(StockMove.id)
    return [(m.kind, m.sku_id, m.warehouse_id, m.quantity, m.unit_cost, m.value)
            for m in session.scalars(query)]  # fmt: skip


def _ledger_agrees(session):
    """Every stored balance equals the sum of its ledger, as `check` verifies."""
    result = check._stock_balances(session)
    assert result.ok, result.data


def test_ship_then_receive_in_parts_with_an_overage_and_a_shortage(session, world):
    shipment = _stocked(session, world)
    sz, us, case, lamp = world["SZ"].id, world["US-3PL"].id, world["case"].id, world["lamp"].id
    shipments.ship(session, shipment.id, SHIPPED)
    assert (shipment.status, shipment.ship_date) == ("shipped", SHIPPED)
    assert _position(session, world, "case", "SZ") == (D(100), D(0), D("480.00"))
    assert _position(session, world, "lamp", "SZ") == (D(10), D(0), D("1200.00"))
    assert _position(session, world, "case", "US-3PL") == (D(0), D(100), D(0))
    assert _position(session, world, "lamp", "US-3PL") == (D(0), D(10), D(0))
    assert _moves(session, shipment) == [
        ("shipment_out", case, sz, D(-100), D("4.80"), D("-480.00")),
        ("shipment_out", lamp, sz, D(-10), D("120.00"), D("-1200.00")),
    ]
    _ledger_agrees(session)

    # 60 cases arrive first: landed 4.80 + 1655.32 / 100 = 21.3532
    shipments.receive(session, shipment.id, {case: "60"}, ARRIVED)
    assert shipment.status == "partially_received" and shipment.received_date is None
    assert _position(session, world, "case", "US-3PL") == (D(60), D(40), D("1281.19"))
    assert [d.kind for d in shipments.discrepancies(session, shipment.id)] == [
        "outstanding", "outstanding"]  # fmt: skip

    # 42 more cases (2 over) and 9 of the 10 lamps, and nothing more will come
    shipments.receive(session, shipment.id, {case: D(42), lamp: D(9)}, LATER, close=True)
    assert (shipment.status, shipment.received_date) == ("received", LATER)
    assert _position(session, world, "case", "US-3PL") == (D(102), D(0), D("2178.02"))
    assert _position(session, world, "lamp", "US-3PL") == (D(9), D(0), D("2867.74"))
    assert _moves(session, shipment)[2:] == [
        ("transfer_in", case, us, D(60), D("21.3532"), D("1281.19")),
        ("transfer_in", case, us, D(42), D("21.3532"), D("896.83")),
        ("transfer_in", lamp, us, D(9), D("318.6380"), D("2867.74")),
    ]
    over, short = shipments.discrepancies(session, shipment.id)
    assert (over.sku_code, over.shipped, over.received, over.difference, over.kind) == (
        "CASE", D(100), D(102), D(2), "overage")  # fmt: skip
    assert (short.sku_code, short.difference, short.kind, short.value) == (
        "LAMP", D(-1), "shortage", D("-318.64"))  # fmt: skip
    _ledger_agrees(session)


def test_receiving_everything_outstanding_and_then_again(session, world):
    shipment = _stocked(session, world)
    shipments.ship(session, shipment.id, SHIPPED)
    shipments.receive(session, shipment.id, None, ARRIVED)
    assert shipment.status == "received"
    assert [d.kind for d in shipments.discrepancies(session, shipment.id)] == ["match", "match"]
    assert _position(session, world, "lamp", "US-3PL") == (D(10), D(0), D("3186.38"))
    moves = len(_moves(session, shipment))
    with pytest.raises(BadInput, match="was received on 2026-04-20: it cannot be received again"):
        shipments.receive(session, shipment.id, None, LATER)
    assert len(_moves(session, shipment)) == moves
    _ledger_agrees(session)


def test_a_receipt_is_checked_before_anything_moves(session, world):
    shipment = _stocked(session, world)
    with pytest.raises(BadInput, match="is draft: cannot receive it"):
        shipments.receive(session, shipment.id, None, ARRIVED)
    shipments.ship(session, shipment.id, SHIPPED)
    with pytest.raises(ValidationFailed) as caught:
        shipments.receive(
            session,
            shipment.id,
            {world["case"].id: "-1", world["cable"].id: 3},
            SHIPPED.replace(day=19),
        )
    assert {(p.field, p.reason) for p in caught.value.problems} == {
        ("receive_date", "before the ship date 2026-03-20"),
        (f"received[{world['case'].id}]", "must not be negative"),
        (f"received[{world['cable'].id}]", "this SKU is not on the shipment"),
    }  # fmt: skip
    with pytest.raises(BadInput, match="nothing to receive"):
        shipments.receive(session, shipment.id, {world["case"].id: 0}, ARRIVED)
    assert len(_moves(session, shipment)) == 2


def test_costs_stay_editable_until_the_first_receipt(session, world):
    shipment = _stocked(session, world)
    shipments.ship(session, shipment.id, SHIPPED)
    with pytest.raises(BadInput, match="is shipped: cannot change its lines"):
        shipments.set_lines(session, shipment.id, [])
    shipments.set_costs(session, shipment.id, [CostDraft("duty", "220")])
    shipments.update_shipment(session, shipment.id, allocation_basis="quantity")
    assert [line.allocated_cost for line in shipment.lines] == [D("200.00"), D("20.00")]
    shipments.receive(session, shipment.id, {world["case"].id: 1}, ARRIVED)
    with pytest.raises(BadInput, match="partially received: cannot change its costs"):
        shipments.set_costs(session, shipment.id, [])
    with pytest.raises(BadInput, match="cannot change how its costs are allocated"):
        shipments.update_shipment(session, shipment.id, allocation_basis="weight")
    world["case"].gross_weight_kg = D(50)  # the catalogue changes after the receipt
    shipments.update_shipment(session, shipment.id, tracking_no="MATU123")
    assert [line.allocated_cost for line in shipment.lines] == [D("200.00"), D("20.00")]


def test_closing_a_lost_shipment_leaves_everything_short(session, world):
    shipment = _stocked(session, world)
    shipments.ship(session, shipment.id, SHIPPED)
    with pytest.raises(ValidationFailed, match=r"close_date.*before the ship date 2026-03-20"):
        shipments.close_shipment(session, shipment.id, dt.date(2026, 3, 1))
    shipments.close_shipment(session, shipment.id, LATER)
    assert _position(session, world, "case", "US-3PL") == (D(0), D(0), D(0))
    assert [(d.difference, d.kind) for d in shipments.discrepancies(session, shipment.id)] == [
        (D(-100), "shortage"), (D(-10), "shortage")]  # fmt: skip
    with pytest.raises(BadInput, match="is received: cannot close it"):
        shipments.close_shipment(session, shipment.id, LATER)


def test_a_new_draft_costs_what_the_origin_holds(session, world):
    _stocked(session, world)
    stock.post_move(session, sku_id=world["case"].id, warehouse_id=world["SZ"].id,
                    kind="receipt", quantity=D(100), unit_cost=D("6.00"),
                    move_date=dt.date(2026, 3, 2))  # fmt: skip
    draft = _draft(session, world, lines=[(world["case"].id, 1)])
    assert draft.lines[0].unit_cost == D("5.2000")  # (200 × 4.80 + 100 × 6.00) / 300


def test_fifo_origin_cost_travels_with_the_goods(session, world):
    settings.put(session, "stock.cost_method", "fifo")
    for quantity, cost in ((10, "4.00"), (10, "6.00")):
        stock.post_move(session, sku_id=world["case"].id, warehouse_id=world["SZ"].id,
                        kind="receipt", quantity=D(quantity), unit_cost=D(cost),
                        move_date=dt.date(2026, 3, 1))  # fmt: skip
    shipment = _draft(session, world, lines=[(world["case"].id, 15)])
    shipments.ship(session, shipment.id, SHIPPED)
    assert shipment.lines[0].unit_cost == D("4.6667")  # (10 × 4 + 5 × 6) / 15
    shipments.receive(session, shipment.id, None, ARRIVED)
    assert _position(session, world, "case", "US-3PL") == (D(15), D(0), D("70.00"))
    _ledger_agrees(session)


def test_negative_stock_and_the_period_lock_come_from_the_ledger(session, world):
    shipment = _draft(session, world, lines=[(world["cable"].id, 5)])
    settings.put(session, "stock.period_lock", "2026-03-20")
    with pytest.raises(stock.StockError, match="locked up to 2026-03-20"):
        shipments.ship(session, shipment.id, SHIPPED)
    settings.put(session, "stock.period_lock", "")
    settings.put(session, "stock.negative", "warn")
    warnings = []
    shipments.ship(session, shipment.id, SHIPPED, warnings=warnings)
    assert len(warnings) == 1 and "SKU CABLE at SZ on 2026-03-20" in warnings[0]
    assert _position(session, world, "cable", "SZ") == (D(-5), D(0), D("-10.50"))
    assert shipment.lines[0].unit_cost == D("2.10")  # nothing known but the purchase price
    _ledger_agrees(session)


def test_a_refused_shipment_writes_nothing(db):
    with db.transaction("test") as s:
        ref = _draft(s, _world(s)).ref  # nothing in stock at the origin
    with pytest.raises(stock.StockError), db.transaction("test") as s:
        shipments.ship(s, shipments.by_ref(s, ref).id, SHIPPED)
    with db.sessions() as s:
        assert shipments.by_ref(s, ref).status == "draft"
        assert s.scalar(select(func.count()).select_from(StockMove)) == 0
        assert all(b.in_transit == 0 for b in s.scalars(select(StockBalance)))


# ---------------------------------------------------------------- any sequence of receipts


@pytest.fixture(scope="module")
def shared_db(tmp_path_factory):
    """One database for every hypothesis example; each example rolls its work back."""
    from desktop_app.core.db import open_database

    database = open_database(tmp_path_factory.mktemp("shipments") / "property.sqlite")
    with database.transaction("test") as s:
        w = _world(s)
        for sku in ("case", "lamp", "cable"):
            stock.post_move(s, sku_id=w[sku].id, warehouse_id=w["SZ"].id, kind="receipt",
                            quantity=D(1000), unit_cost=D("3.3333"),
                            move_date=dt.date(2026, 3, 1))  # fmt: skip
        ids = {key: obj.id for key, obj in w.items()}
    yield database, ids
    database.dispose()


quantities = st.decimals(min_value=D("0.001"), max_value=D(300), places=3)
receipts = st.lists(
    st.fixed_dictionaries({}, optional={k: st.decimals(0, 400, places=2) for k in range(3)}),
    min_size=1, max_size=5,
)  # fmt: skip


@given(shipped=st.lists(quantities, min_size=1, max_size=3), plan=receipts,
       cost=st.decimals(0, 99999, places=2), basis=st.sampled_from(shipments.ALLOCATION_BASES),
       close=st.booleans())  # fmt: skip
@hyp_settings(max_examples=40, deadline=None)
def test_any_receipts_keep_transit_stock_and_ledger_in_step(
    shared_db, shipped, plan, cost, basis, close
):
    database, ids = shared_db
    skus = [ids[k] for k in ("case", "lamp", "cable")][: len(shipped)]
    with database.sessions() as s, s.begin():
        shipment = shipments.create_shipment(
            s, origin_warehouse_id=ids["SZ"], destination_warehouse_id=ids["US-3PL"],
            lines=list(zip(skus, shipped, strict=False)), costs=[CostDraft("freight", cost)],
            cartons=[CartonDraft("1", 50, 40, 30, 12)], allocation_basis=basis,
        )  # fmt: skip
        shipments.ship(s, shipment.id, SHIPPED)
        assert sum(line.allocated_cost for line in shipment.lines) == cost
        for counts in plan:
            wanted = {skus[i]: q for i, q in counts.items() if i < len(skus)}
            if shipment.status == "received":
                break
            if any(wanted.values()):
                shipments.receive(s, shipment.id, wanted, ARRIVED)
            _transit_in_step(s, shipment, ids)
        if close and shipment.status != "received":
            shipments.close_shipment(s, shipment.id, LATER)
            _transit_in_step(s, shipment, ids)
        _ledger_agrees(s)
        s.rollback()


def _transit_in_step(s, shipment, ids):
    for line in shipment.lines:
        there = stock.get_balance(s, line.sku_id, ids["US-3PL"])
        left = stock.get_balance(s, line.sku_id, ids["SZ"])
        open_ = shipment.status != "received"
        assert there.in_transit == (max(line.quantity - line.received_quantity, 0) if open_ else 0)
        assert there.on_hand == line.received_quantity
        assert left.on_hand == 1000 - line.quantity
        expected = shipments.landed_unit_cost(line) * line.received_quantity
        assert abs(there.value - expected) <= D("0.03")  # each receipt rounds to the fen
