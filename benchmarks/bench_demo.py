"""Demo data at scale: order + order-line rows per second, ours against bare sqlite3.executemany.

ours: `desktop_app.core.demo.generate(db, orders=N, stock=False)` end to end on a fresh
database (the warehouses' stock, posted move by move through the ledger, is left out: this
measures writing orders) —
making up every order and line (dates, platform ids, prices, statuses), the catalogue, a
year of FX rates, audit events, and the inserts through SQLAlchemy — timed until commit.
bare: the very same order and line tuples (re-generated with the same seed beforehand, not
timed) inserted with plain `sqlite3.executemany` into the same schema with the same pragmas
(WAL, synchronous NORMAL, foreign keys on), timed from BEGIN to COMMIT.

ratio = ours / bare; 1.0 is the ceiling, since bare only inserts ready-made rows. Our insert
path itself runs at bare speed (driver executemany, no per-row conversion), so what the ratio
shows is the cost of making the rows up in Python. Good values, on a 2-core laptop-class
machine: about 0.7 at 1,000,000 orders (≈ 22 s in all) and 0.5 at 100,000 (inserts get
dearer as the indexes grow, generating does not). Below 0.5 at 1,000,000 means generation
or the insert path got slower than it should be.

    python benchmarks/bench_demo.py [--orders N]      (default 1,000,000)
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from _common import Stopwatch, bare_sqlite, result_line, scratch_dir

from desktop_app.core.db import open_database
from desktop_app.core.demo import generate
from desktop_app.core.demo.catalogue import build
from desktop_app.core.demo.orders import LINE_COLUMNS, ORDER_COLUMNS, OrderRows

SEED = 2026


def ours(path: Path, orders: int) -> tuple[int, float]:
    db = open_database(path)
    try:
        summary = generate(db, orders=orders, seed=SEED, stock=False)
    finally:
        db.dispose()
    return summary.orders + summary.order_lines, summary.seconds


def bare(path: Path, orders: int) -> tuple[int, float]:
    """Same rows, plain executemany; the catalogue they refer to is made first, untimed."""
    db = open_database(path)
    today = dt.datetime.now(dt.UTC).date()  # what generate() uses
    try:
        with db.transaction(actor="bench") as session:
            catalogue = build(session, SEED, today)
        rows = OrderRows(
            catalogue, orders=orders, seed=SEED, today=today, dialect=db.engine.dialect
        )
    finally:
        db.dispose()
    insert_orders = _insert_sql("sales_order", ORDER_COLUMNS)
    insert_lines = _insert_sql("order_line", LINE_COLUMNS)
    conn, watch, count = bare_sqlite(path), Stopwatch(), 0
    try:
        with watch:
            conn.execute("BEGIN")
        for order_rows, line_rows in rows:  # generated outside the stopwatch
            with watch:
                conn.executemany(insert_orders, order_rows)
                conn.executemany(insert_lines, line_rows)
            count += len(order_rows) + len(line_rows)
        with watch:
            conn.execute("COMMIT")
    finally:
        conn.close()
    return count, watch.seconds


def _insert_sql(table: str, columns: tuple[str, ...]) -> str:
    marks = ", ".join("?" * len(columns))
    return f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--orders", type=int, default=1_000_000)
    args = parser.parse_args(argv)
    with scratch_dir() as folder:
        our_rows, our_seconds = ours(folder / "ours.sqlite", args.orders)
        bare_rows, bare_seconds = bare(folder / "bare.sqlite", args.orders)
    if our_rows != bare_rows:  # only if the UTC date changed between the two runs
        print(f"note: {our_rows} rows ours, {bare_rows} bare", file=sys.stderr)
    print(
        result_line(
            f"demo --orders {args.orders}",
            our_rows / our_seconds,
            bare_rows / bare_seconds,
            "rows/s",
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
