"""Demo stock: positive everywhere, balances equal the ledger, shipments in every state,
one sale per shipped warehouse order line, deterministic by seed."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import func, select

from desktop_app.core.db import Database, open_database
from desktop_app.core.demo import DemoSummary, generate, shops
from desktop_app.core.models import (
    Order,
    OrderLine,
    ReplenishmentRule,
    Shipment,
    ShipmentLine,
    StockBalance,
    StockMove,
    Stocktake,
    Warehouse,
)
from desktop_app.core.services import shipments, stock
from desktop_app.core.services.check import run_checks
from desktop_app.core.services.fulfilment import SHIPPED, STOCK_FULFILMENTS

ORDERS = 2500
SEED = 5
OVERSEAS = (shops.US3PL, shops.DE3PL, shops.JPFBA, shops.USFBA)
STOCK_TABLES = (
    "stock_move",
    "stock_balance",
    "stock_cost_layer",
    "shipment",
    "shipment_line",
    "shipment_carton",
    "shipment_cost",
    "replenishment_rule",
    "stocktake",
    "stocktake_line",
)


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> tuple[Database, DemoSummary]:
    database = open_database(tmp_path_factory.mktemp("demo_stock") / "demo.sqlite")
    summary = generate(database, orders=ORDERS, seed=SEED)
    yield database, summary
    database.dispose()


def dump(db: Database, table: str) -> list[tuple]:
    """Every row except wall-clock timestamps, in id (or key) order."""
    with db.engine.connect() as conn:
        columns = [r[1] for r in conn.exec_driver_sql(f"PRAGMA table_info({table})")]
        kept = ", ".join(c for c in columns if c not in ("created_at", "updated_at", "posted_at"))
        return conn.exec_driver_sql(f"SELECT {kept} FROM {table} ORDER BY 1, 2").all()


def warehouse_ids(session) -> dict[str, int]:
    return dict(session.execute(select(Warehouse.code, Warehouse.id)).all())


def test_summary_counts_what_was_written(demo):
    db, summary = demo
    with db.transaction() as s:
        assert summary.shipments == s.scalar(select(func.count(Shipment.id)))
        assert summary.stock_moves == s.scalar(select(func.count(StockMove.id)))
    assert summary.shipments >= 4 * len(OVERSEAS)


def test_check_passes(demo):
    db, _ = demo
    results = run_checks(db)
    assert all(r.ok for r in results), [(r.name, r.detail) for r in results if not r.ok]


def test_stock_never_negative_on_any_day(demo):
    db, _ = demo
    with db.transaction() as s:
        assert s.scalar(select(func.count()).where(StockBalance.on_hand < 0)) == 0
        assert s.scalar(select(func.count()).where(StockBalance.value < 0)) == 0
        assert s.scalar(select(func.count()).where(StockMove.qty_after < 0)) == 0
        moves = s.execute(
            select(
                StockMove.sku_id, StockMove.warehouse_id, StockMove.move_date, StockMove.quantity
            )
        ).all()
    by_day: dict[tuple[int, int], dict] = defaultdict(lambda: defaultdict(Decimal))
    for sku_id, warehouse_id, day, quantity in moves:
        by_day[(sku_id, warehouse_id)][day] += quantity
    for key, days in by_day.items():
        running = Decimal(0)
        for day in sorted(days):
            running += days[day]
            assert running >= 0, (key, day, running)  # at the end of every day


def test_every_overseas_warehouse_has_stock_and_sales(demo):
    db, _ = demo
    with db.transaction() as s:
        ids = warehouse_ids(s)
        for code in OVERSEAS:
            rows = stock.positions(s, warehouse_id=ids[code])
            assert sum(r.on_hand for r in rows) > 0, code
            assert all(r.value > 0 for r in rows if r.on_hand > 0), code
            sold = s.scalar(
                select(func.count()).where(
                    StockMove.warehouse_id == ids[code], StockMove.kind == "sale"
                )
            )
            assert sold > 0, code
            first_in = s.scalar(
                select(func.min(StockMove.move_date)).where(
                    StockMove.warehouse_id == ids[code], StockMove.kind == "transfer_in"
                )
            )
            first_sale = s.scalar(
                select(func.min(StockMove.move_date)).where(
                    StockMove.warehouse_id == ids[code], StockMove.kind == "sale"
                )
            )
            assert first_in < first_sale, code
        domestic = stock.positions(s, warehouse_id=ids[shops.SZ])
        assert sum(r.on_hand for r in domestic) > 0  # the purchase buffer stays at home


def test_sales_are_the_shipped_warehouse_order_lines_that_are_mapped(demo):
    db, _ = demo
    with db.transaction() as s:
        expected = {
            line_id: (warehouse_id, sku_id, -units)
            for line_id, warehouse_id, sku_id, units in s.execute(
                select(OrderLine.id, Order.warehouse_id, OrderLine.sku_id, OrderLine.sku_quantity)
                .join(Order, Order.id == OrderLine.order_id)
                .where(
                    Order.fulfilment.in_(STOCK_FULFILMENTS),
                    Order.warehouse_id.is_not(None),
                    Order.status.in_(SHIPPED),
                    OrderLine.sku_id.is_not(None),
                    OrderLine.sku_quantity > 0,
                )
            )
        }
        sold = s.execute(
            select(
                StockMove.ref_id, StockMove.warehouse_id, StockMove.sku_id, StockMove.quantity
            ).where(StockMove.kind == "sale")
        ).all()
        kinds = set(s.scalars(select(StockMove.kind).distinct()))
    assert len(expected) > ORDERS // 3
    assert len(sold) == len(expected)  # one sale per line, never two
    assert {ref: (w, sku, q) for ref, w, sku, q in sold} == expected
    assert kinds == {"receipt", "shipment_out", "transfer_in", "sale"}  # nothing refused


def test_shipments_in_every_state_with_costs_and_cartons(demo):
    db, _ = demo
    with db.transaction() as s:
        ids = {v: k for k, v in warehouse_ids(s).items()}
        found = list(s.scalars(select(Shipment).order_by(Shipment.id)))
        states = defaultdict(list)
        for shipment in found:
            states[shipment.status].append(shipment)
        assert {"draft", "shipped", "partially_received", "received"} <= set(states)
        received_to = defaultdict(int)
        for shipment in states["received"]:
            received_to[ids[shipment.destination_warehouse_id]] += 1
        assert all(received_to[code] >= 4 for code in OVERSEAS), received_to
        for shipment in found:
            assert ids[shipment.origin_warehouse_id] == shops.SZ
            assert shipment.cartons and shipment.lines
            kinds = {c.kind: c for c in shipment.costs}
            assert set(kinds) == {"freight", "duty", "fee"}
            assert kinds["freight"].currency == "USD" and kinds["freight"].fx_rate > 6
            total = sum(c.amount_cny for c in shipment.costs)
            assert sum(line.allocated_cost for line in shipment.lines) == total > 0
        assert {shipment.allocation_basis for shipment in found} >= {
            "volume",
            "weight",
            "chargeable_weight",
        }
        seen = defaultdict(set)
        for shipment in found:
            for d in shipments.discrepancies(s, shipment.id):
                seen[shipment.status].add(d.kind)
        assert {"shortage", "overage"} <= seen["received"]
        assert "outstanding" in seen["partially_received"]


def test_in_transit_is_what_left_and_has_not_arrived(demo):
    db, _ = demo
    with db.transaction() as s:
        owed = defaultdict(Decimal)
        open_lines = s.execute(
            select(
                Shipment.destination_warehouse_id,
                ShipmentLine.sku_id,
                ShipmentLine.quantity,
                ShipmentLine.received_quantity,
            )
            .join(Shipment, Shipment.id == ShipmentLine.shipment_id)
            .where(Shipment.status.in_(("shipped", "partially_received")))
        ).all()
        for warehouse_id, sku_id, shipped, received in open_lines:
            owed[(warehouse_id, sku_id)] += max(shipped - received, Decimal(0))
        in_transit = {
            (b.warehouse_id, b.sku_id): b.in_transit
            for b in s.scalars(select(StockBalance).where(StockBalance.in_transit != 0))
        }
    assert in_transit == {k: v for k, v in owed.items() if v}
    assert sum(in_transit.values()) > 0


def test_rules_and_a_draft_stocktake(demo):
    db, _ = demo
    with db.transaction() as s:
        rules = list(s.scalars(select(ReplenishmentRule)))
        assert len(rules) >= len(OVERSEAS) * 2
        assert any(r.reorder_point is not None for r in rules)
        assert any(r.days_of_cover is not None for r in rules)
        (take,) = s.scalars(select(Stocktake)).all()
        assert take.status == "draft" and take.lines
        on_hand = {
            r.sku_id: r.on_hand
            for r in stock.positions(s, warehouse_id=take.warehouse_id, as_of=take.count_date)
        }
        assert {line.sku_id: line.expected_quantity for line in take.lines} == on_hand


def test_same_seed_gives_the_same_stock(demo, tmp_path: Path):
    db, _ = demo
    again = open_database(tmp_path / "again.sqlite")
    try:
        generate(again, orders=ORDERS, seed=SEED)
        for table in STOCK_TABLES:
            assert dump(again, table) == dump(db, table), table
    finally:
        again.dispose()


def test_no_orders_means_no_stock(db):
    summary = generate(db, orders=0)
    assert (summary.shipments, summary.stock_moves) == (0, 0)
    results = run_checks(db)
    assert all(r.ok for r in results)


def test_orders_only_demo_writes_no_stock(db: Database) -> None:
    summary = generate(db, orders=300, seed=3, stock=False)
    assert (summary.orders, summary.shipments, summary.stock_moves) == (300, 0, 0)
    with db.sessions() as session:
        assert session.scalar(select(func.count()).select_from(StockMove)) == 0
        assert session.scalar(select(func.count()).select_from(Shipment)) == 0
    assert all(result.ok for result in run_checks(db))
