"""The stock ledger report at 200,000 moves, against the fastest bare xlsx writers.

The database is bench_stock_ledger's (built by the same INSERT … SELECT, here 200,000
moves over 10,000 positions, a few seconds; cached in the temp directory): receipts,
shipments out, transfers in, sales and returns, each with its running quantity and value.

ours: `reports.run_report(db, "stock-ledger", …)` for the whole period, from opening the
session to the renamed file: the report's SELECT streamed through SQLAlchemy Core, each
value made a Decimal, the exact totals, the cover sheet, widths fitted, styles, the
autofilter and the atomic rename.
bare xlsxwriter: one sqlite3 SELECT returning the same cells (kind names and references
resolved in SQL, amounts as stored integers divided into floats, dates parsed), written
cell by cell with the same formats by XlsxWriter in constant_memory mode, header frozen.
bare openpyxl: the same rows appended to a write_only workbook, numbers and dates as
WriteOnlyCell with their formats; openpyxl serialises with lxml when it is installed
(the line says whether it was), else with its pure-Python et_xmlfile.

Each figure is the median of RUNS runs, interleaved. Target (issue 7): ours ≤ 1.2 × the
fastest bare writer. Measured on a 2-core machine shared with other work: ours 9.1 s,
bare xlsxwriter 8.8 s (ratio 1.04); bare openpyxl 19.6 s with lxml 6.1 (not a project
dependency: installed into a separate folder put on PYTHONPATH for the measurement),
24.5 s without. XlsxWriter is the fastest bare writer here.

    python benchmarks/bench_report_ledger.py [--moves N] [--runs N] [--no-openpyxl]
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import sys
import time
from pathlib import Path
from typing import Any

from _common import bare_sqlite, scratch_dir
from bench_stock_ledger import WAREHOUSES, database_path, prepare

MOVES, POSITIONS, RUNS = 200_000, 10_000, 3
TARGET_RATIO = 1.2
FIRST, LAST = dt.date(2000, 1, 1), dt.date(2099, 12, 31)


def bare_sql() -> str:
    """The report's SELECT as plain SQL: the same columns, joins and order."""
    from desktop_app.core.reports.stock import KIND_NAMES

    kinds = " ".join(f"WHEN '{k}' THEN '{v}'" for k, v in KIND_NAMES.items())
    return f"""
SELECT m.move_date, w.code, s.code, s.name_cn, CASE m.kind {kinds} ELSE m.kind END,
       m.quantity, m.unit_cost, m.value, m.qty_after, m.value_after,
       COALESCE(sh.ref, st.ref, o.platform_order_id,
                CASE WHEN m.ref_type <> '' AND m.ref_id IS NOT NULL
                     THEN m.ref_type || ' #' || m.ref_id ELSE '' END),
       m.note
FROM stock_move m JOIN sku s ON s.id = m.sku_id JOIN warehouse w ON w.id = m.warehouse_id
LEFT JOIN shipment sh ON m.ref_type = 'shipment' AND sh.id = m.ref_id
LEFT JOIN stocktake st ON m.ref_type = 'stocktake' AND st.id = m.ref_id
LEFT JOIN order_line ol ON m.ref_type = 'order_line' AND ol.id = m.ref_id
LEFT JOIN sales_order o ON o.id = ol.order_id
WHERE m.move_date BETWEEN ? AND ? ORDER BY m.id
"""


def titles() -> list[str]:
    from desktop_app.core.reports.stock import LEDGER_COLUMNS

    return [f"{c.title_cn}\n{c.title_en}" for c in LEDGER_COLUMNS]


# -- ours ------------------------------------------------------------------------------
def ours(path: Path, out: Path) -> tuple[float, int]:
    from desktop_app.core.db import open_database
    from desktop_app.core.reports import ReportParams, run_report

    db = open_database(path)
    try:
        started = time.perf_counter()
        result = run_report(db, "stock-ledger", ReportParams(date_from=FIRST, date_to=LAST), out)
        return time.perf_counter() - started, result.rows["库存流水"]
    finally:
        db.dispose()


# -- bare ------------------------------------------------------------------------------
def bare_xlsxwriter(path: Path, out: Path) -> tuple[float, int]:
    import xlsxwriter

    conn = bare_sqlite(path)
    try:
        started = time.perf_counter()
        book = xlsxwriter.Workbook(str(out), {"constant_memory": True})
        ws = book.add_worksheet("库存流水")
        f_date = book.add_format({"num_format": "yyyy-mm-dd"})
        f_qty = book.add_format({"num_format": "#,##0.#####"})
        f_money = book.add_format({"num_format": "#,##0.00"})
        f_id = book.add_format({"num_format": "@"})
        head = book.add_format({"bold": True})
        for col, title in enumerate(titles()):
            ws.write_string(0, col, title, head)
        ws.freeze_panes(1, 0)
        row = 0
        write_string, write_number, write_datetime = (
            ws.write_string, ws.write_number, ws.write_datetime)  # fmt: skip
        parse = dt.date.fromisoformat
        for day, wh, code, name, kind, q, c, v, qa, va, ref, note in conn.execute(
            bare_sql(), (FIRST.isoformat(), LAST.isoformat())
        ):
            row += 1
            write_datetime(row, 0, parse(day), f_date)
            write_string(row, 1, wh, f_id)
            write_string(row, 2, code, f_id)
            write_string(row, 3, name)
            write_string(row, 4, kind)
            write_number(row, 5, q / 100_000, f_qty)
            write_number(row, 6, c / 10_000, f_money)
            write_number(row, 7, v / 100, f_money)
            write_number(row, 8, qa / 100_000, f_qty)
            write_number(row, 9, va / 100, f_money)
            if ref:  # empty text stays an empty cell, as in ours
                write_string(row, 10, ref, f_id)
            if note:
                write_string(row, 11, note)
        ws.autofilter(0, 0, row, 11)
        book.close()
        return time.perf_counter() - started, row
    finally:
        conn.close()


def has_lxml() -> bool:
    try:
        import lxml  # noqa: F401
    except ImportError:
        return False
    return True


def bare_openpyxl(path: Path, out: Path) -> tuple[float, int]:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    conn = bare_sqlite(path)
    try:
        started = time.perf_counter()
        book = Workbook(write_only=True)
        ws = book.create_sheet("库存流水")
        ws.freeze_panes = "A2"
        ws.append(titles())

        def cell(value: Any, number_format: str) -> WriteOnlyCell:
            made = WriteOnlyCell(ws, value)
            made.number_format = number_format
            return made

        rows = 0
        parse = dt.date.fromisoformat
        for day, wh, code, name, kind, q, c, v, qa, va, ref, note in conn.execute(
            bare_sql(), (FIRST.isoformat(), LAST.isoformat())
        ):
            rows += 1
            ws.append([cell(parse(day), "yyyy-mm-dd"), wh, code, name, kind,
                       cell(q / 100_000, "#,##0.#####"), cell(c / 10_000, "#,##0.00"),
                       cell(v / 100, "#,##0.00"), cell(qa / 100_000, "#,##0.#####"),
                       cell(va / 100, "#,##0.00"), ref, note])  # fmt: skip
        ws.auto_filter.ref = f"A1:L{rows + 1}"
        book.save(out)
        return time.perf_counter() - started, rows
    finally:
        conn.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--moves", type=int, default=MOVES)
    parser.add_argument("--runs", type=int, default=RUNS)
    parser.add_argument("--no-openpyxl", action="store_true", help="skip the openpyxl writer")
    args = parser.parse_args(argv)
    positions = min(POSITIONS, args.moves // 20 // WAREHOUSES * WAREHOUSES)
    path = database_path(args.moves, positions)
    prepare(path, args.moves, positions)
    times: dict[str, list[float]] = {"ours": [], "xlsxwriter": [], "openpyxl": []}
    with scratch_dir() as folder:
        for run in range(args.runs):
            took, rows = ours(path, folder / f"ours-{run}.xlsx")
            times["ours"].append(took)
            bare, bare_rows = bare_xlsxwriter(path, folder / f"xlsxwriter-{run}.xlsx")
            times["xlsxwriter"].append(bare)
            if rows != bare_rows:
                raise SystemExit(f"ours wrote {rows:,} rows, bare {bare_rows:,}")
            if not args.no_openpyxl:
                times["openpyxl"].append(bare_openpyxl(path, folder / f"openpyxl-{run}.xlsx")[0])
    median = {name: statistics.median(t) for name, t in times.items() if t}
    fastest = min(v for k, v in median.items() if k != "ours")
    print(f"stock ledger report {rows:,} rows: ours {median['ours']:.2f} s, "
          f"bare xlsxwriter {median['xlsxwriter']:.2f} s, "
          f"ratio {median['ours'] / median['xlsxwriter']:.2f}")  # fmt: skip
    if "openpyxl" in median:
        engine = "lxml" if has_lxml() else "et_xmlfile, no lxml installed"
        print(f"stock ledger report {rows:,} rows: ours {median['ours']:.2f} s, "
              f"bare openpyxl write_only ({engine}) {median['openpyxl']:.2f} s, "
              f"ratio {median['ours'] / median['openpyxl']:.2f}")  # fmt: skip
    ratio = median["ours"] / fastest
    print(f"# target ≤ {TARGET_RATIO} × the fastest bare writer: "
          f"{'met' if ratio <= TARGET_RATIO else 'MISSED'} ({ratio:.2f})")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
