"""The stock ledger at 10,000,000 moves: one balance lookup and the full balance check.

The database holds 20,000 SKUs × 5 warehouses (100,000 positions, one stored balance
each) and 10,000,000 stock moves, 100 per position, in date order across positions:
receipts and shipments out at the domestic warehouse, first-leg transfers in, sales and
customer returns overseas, each at its position's unit cost, with the running quantity and
value after it and every stored balance equal to its ledger. The moves are made by one
INSERT … SELECT in SQLite (the position indexes dropped during the insert and built after),
about a minute on a 2-core machine (53 s; the file is 1.4 GB); the file is kept in the
temp directory (exportdesk-bench-cache) and reused by later runs, which take about 30 s.

balance lookup, ours: `stock.get_balance(session, sku_id, warehouse_id)` in a fresh
session (nothing cached), from opening the session to the balance returned; the median over
LOOKUPS random positions. bare: the same row by primary key through plain sqlite3.

balance check, ours: `check._stock_balances(session)` — every stored balance against the
sum of its ledger, both ways (balances without moves, moves without a balance), in a fresh
session. bare: `SELECT sku_id, warehouse_id, SUM(quantity), SUM(value) FROM stock_move
GROUP BY sku_id, warehouse_id` through plain sqlite3, all rows fetched, as SQLite plans it.
Each figure is the median of CHECK_RUNS runs (the first run warms the OS file cache).

Targets (issue 4): one balance lookup ≤ 10 ms; the full check ≤ 10 s. Measured on a
2-core machine shared with other work: lookup ours 0.19 ms, bare 0.008 ms (ours opens a
session and goes through the ORM); check ours 3.4 s, bare 4.9 s (bare lets SQLite group
through the position index; ours groups once, materialised, by one integer key, see
core/services/check.py).

    python benchmarks/bench_stock_ledger.py [--moves N] [--positions N] [--db FILE]
"""

from __future__ import annotations

import argparse
import random
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING

from _common import bare_sqlite

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from desktop_app.core.db import Database

MOVES, POSITIONS, WAREHOUSES = 10_000_000, 100_000, 5
LOOKUPS, CHECK_RUNS = 200, 3
TARGET_LOOKUP_MS, TARGET_CHECK_S = 10, 10
START_UNITS = 1000  # every position opens with this many units
BARE_GROUP = (
    "SELECT sku_id, warehouse_id, SUM(quantity), SUM(value) FROM stock_move "
    "GROUP BY sku_id, warehouse_id"
)
BARE_LOOKUP = "SELECT * FROM stock_balance WHERE sku_id = ? AND warehouse_id = ?"
STORED_QTY, STORED_COST = 100_000, 100  # stored units per unit / per fen of unit cost

# One row per position: p (0-based), its SKU, warehouse, whether it is the domestic one,
# its unit cost in fen and the quantity step it moves by.
POSITIONS_SQL = """
CREATE TEMP TABLE bench_position AS
WITH RECURSIVE n(p) AS (SELECT 0 UNION ALL SELECT p + 1 FROM n WHERE p + 1 < :positions)
SELECT p, p / :warehouses + 1 AS sku_id, w.id AS warehouse_id, w.kind = 'domestic' AS home,
       100 + (p * 7919) % 9000 AS cost_fen
FROM n JOIN (SELECT id, kind, row_number() OVER (ORDER BY id) - 1 AS slot FROM warehouse) w
  ON w.slot = p % :warehouses
"""
STEPS_SQL = """
CREATE TEMP TABLE bench_step AS
WITH RECURSIVE n(k) AS (SELECT 0 UNION ALL SELECT k + 1 FROM n WHERE k + 1 < :steps)
SELECT k, date('2025-01-01', '+' || (k * 3) || ' days') AS day FROM n
"""
# Move k of a position: k = 0 opens it with START_UNITS; an odd k takes q units out and
# the next even k brings the same q back, so the running quantity is START_UNITS or
# START_UNITS − q. Ids follow k, then the position: the ledger is in date order.
MOVES_SQL = """
INSERT INTO stock_move (id, sku_id, warehouse_id, kind, move_date, quantity, unit_cost, value,
                        qty_after, value_after, ref_type, ref_id, note, created_at, actor)
SELECT id, sku_id, warehouse_id, kind, day, delta * :sq, cost_fen * :sc, delta * cost_fen,
       after * :sq, after * cost_fen, '', NULL, '', '2026-01-01 00:00:00.000000', 'bench'
FROM (SELECT s.k * :positions + p.p + 1 AS id, p.sku_id, p.warehouse_id, s.day, p.cost_fen,
             CASE WHEN s.k % 2 = 1 THEN CASE WHEN p.home THEN 'shipment_out' ELSE 'sale' END
                  WHEN p.home THEN 'receipt'
                  WHEN s.k % 20 = 10 THEN 'customer_return' ELSE 'transfer_in' END AS kind,
             CASE WHEN s.k = 0 THEN :start
                  WHEN s.k % 2 = 1 THEN -(1 + (p.p + (s.k + 1) / 2) % 9)
                  ELSE 1 + (p.p + (s.k + 1) / 2) % 9 END AS delta,
             CASE WHEN s.k % 2 = 1 THEN :start - 1 - (p.p + (s.k + 1) / 2) % 9
                  ELSE :start END AS after
      FROM bench_step s CROSS JOIN bench_position p)
ORDER BY id
"""
BALANCES_SQL = """
INSERT INTO stock_balance (sku_id, warehouse_id, on_hand, in_transit, reserved, value,
                           last_move_id)
SELECT m.sku_id, m.warehouse_id, m.qty_after, 0, 0, m.value_after, m.id
FROM stock_move m JOIN bench_position p ON m.id = (:steps - 1) * :positions + p.p + 1
"""


def ms(seconds: float) -> float:
    return seconds * 1000


# -- the database ----------------------------------------------------------------------
def database_path(moves: int, positions: int) -> Path:
    folder = Path(tempfile.gettempdir()) / "exportdesk-bench-cache"
    folder.mkdir(exist_ok=True)
    return folder / f"stock-ledger-{moves}-{positions}-v2.sqlite"


def prepare(path: Path, moves: int, positions: int) -> None:
    """The ledger once (kept when the file is complete), opened the way the app opens it."""
    from desktop_app.core import codes, settings
    from desktop_app.core.db import open_database

    if path.exists():
        return
    partial = path.with_suffix(".partial.sqlite")
    for leftover in partial.parent.glob(partial.name + "*"):
        leftover.unlink()
    started = time.perf_counter()
    db = open_database(partial)
    try:
        with db.transaction("bench") as session:
            codes.ensure_builtin(session)
            settings.put(session, "backup.on_close", False)
            _masters(session, positions // WAREHOUSES)
    finally:
        db.dispose()
    _ledger(partial, moves, positions)
    partial.replace(path)
    print(f"# stock ledger data: {moves:,} moves over {positions:,} positions written in "
          f"{time.perf_counter() - started:.0f} s to {path}", file=sys.stderr)  # fmt: skip


def _masters(session: Session, skus: int) -> None:
    """The warehouses (the demo's five) and the SKUs, through the ORM and a bulk insert."""
    from desktop_app.core import audit
    from desktop_app.core.demo import shops
    from desktop_app.core.demo.bulk import BulkInsert
    from desktop_app.core.models import Sku, Warehouse

    for w in shops.WAREHOUSES[:WAREHOUSES]:
        fields = {"code": w.code, "name": w.name, "kind": w.kind, "country": w.country,
                  "currency": w.currency, "provider": w.provider, "address": w.address}  # fmt: skip
        session.add(Warehouse(**fields))
    session.flush()
    now = "2026-01-01 00:00:00.000000"
    BulkInsert(session.connection(), Sku.__table__, (
        "id", "code", "name_cn", "name_en", "spec", "declaration_elements", "brand_name",
        "brand_type", "preference", "trade_unit", "first_unit_factor", "origin_country",
        "rates_overridden", "active", "notes", "created_at", "updated_at", "purchase_price",
    )).write([
        (n, f"SKU-{n:06d}", f"商品{n}", f"Product {n}", "", "", "", 0, 0, "011", 100_000,
         "CHN", False, True, "", now, now, 100_000)
        for n in range(1, skus + 1)
    ])  # fmt: skip
    audit.record(session, "bench_data", "sku", after={"skus": skus})


def _ledger(path: Path, moves: int, positions: int) -> None:
    """The moves and balances in bulk SQL; the position indexes are built after the insert."""
    conn = bare_sqlite(path)
    try:
        conn.execute("PRAGMA cache_size = -262144")  # 256 MB while the indexes are built
        indexes = conn.execute(
            "SELECT sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'stock_move' "
            "AND sql IS NOT NULL"
        ).fetchall()
        values = {"positions": positions, "warehouses": WAREHOUSES, "steps": moves // positions,
                  "start": START_UNITS, "sq": STORED_QTY, "sc": STORED_COST}  # fmt: skip
        conn.execute("BEGIN")
        conn.execute(POSITIONS_SQL, values)
        conn.execute(STEPS_SQL, values)
        for (sql,) in indexes:
            conn.execute(f"DROP INDEX {sql.split()[2]}")
        conn.execute(MOVES_SQL, values)
        for (sql,) in indexes:
            conn.execute(sql)
        conn.execute(BALANCES_SQL, values)
        conn.execute("COMMIT")
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        conn.close()


def sample_positions(path: Path, count: int) -> list[tuple[int, int]]:
    conn = sqlite3.connect(path)
    try:
        keys = conn.execute("SELECT sku_id, warehouse_id FROM stock_balance").fetchall()
    finally:
        conn.close()
    return random.Random(10).sample(keys, count)


# -- ours ------------------------------------------------------------------------------
def ours_lookups(db: Database, keys: list[tuple[int, int]]) -> list[float]:
    from desktop_app.core.services import stock

    times = []
    for sku_id, warehouse_id in keys:
        started = time.perf_counter()
        with db.sessions() as session:
            balance = stock.get_balance(session, sku_id, warehouse_id)
            assert balance.on_hand > 0
        times.append(time.perf_counter() - started)
    return times


def ours_check(db: Database) -> tuple[float, int]:
    from desktop_app.core.services import check

    started = time.perf_counter()
    with db.sessions() as session:
        result = check._stock_balances(session)
    took = time.perf_counter() - started
    if not result.ok:
        raise SystemExit(f"the benchmark ledger does not check: {result.detail}")
    return took, len(result.data.get("differences", ()))


# -- bare ------------------------------------------------------------------------------
def bare_lookups(conn: sqlite3.Connection, keys: list[tuple[int, int]]) -> list[float]:
    times = []
    for key in keys:
        started = time.perf_counter()
        assert conn.execute(BARE_LOOKUP, key).fetchone() is not None
        times.append(time.perf_counter() - started)
    return times


def bare_check(conn: sqlite3.Connection) -> float:
    started = time.perf_counter()
    rows = conn.execute(BARE_GROUP).fetchall()
    took = time.perf_counter() - started
    assert rows
    return took


def main(argv: list[str] | None = None) -> int:
    from desktop_app.core.db import open_database

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--moves", type=int, default=MOVES)
    parser.add_argument("--positions", type=int, default=POSITIONS)
    parser.add_argument("--db", type=Path, help="use (or build) this database file")
    args = parser.parse_args(argv)
    if args.positions % WAREHOUSES or args.moves % args.positions:
        parser.error(f"--positions must be a multiple of {WAREHOUSES} and divide --moves")
    path = args.db or database_path(args.moves, args.positions)
    prepare(path, args.moves, args.positions)
    keys = sample_positions(path, min(LOOKUPS, args.positions))
    db = open_database(path)
    try:
        ours_check(db)  # the OS file cache warmed once, for ours and bare alike
        lookups = ours_lookups(db, keys)
        checks = [ours_check(db)[0] for _ in range(CHECK_RUNS)]
    finally:
        db.dispose()
    conn = bare_sqlite(path)
    try:
        bare_lookup = bare_lookups(conn, keys)
        bare_checks = [bare_check(conn) for _ in range(CHECK_RUNS)]
    finally:
        conn.close()
    lookup = ms(statistics.median(lookups)), ms(statistics.median(bare_lookup))
    checked = statistics.median(checks), statistics.median(bare_checks)
    print(f"stock balance lookup: ours {lookup[0]:.2f} ms, bare {lookup[1]:.3f} ms, "
          f"ratio {lookup[0] / lookup[1]:.1f}")  # fmt: skip
    print(f"stock check {args.moves:,} moves: ours {checked[0]:.1f} s, bare {checked[1]:.1f} s, "
          f"ratio {checked[0] / checked[1]:.2f}")  # fmt: skip
    met = lookup[0] <= TARGET_LOOKUP_MS and checked[0] <= TARGET_CHECK_S
    print(f"# targets {TARGET_LOOKUP_MS} ms / {TARGET_CHECK_S} s {'met' if met else 'MISSED'}; "
          f"slowest lookup {ms(max(lookups)):.2f} ms")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
