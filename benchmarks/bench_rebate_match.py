"""Rebate matching and computing at 50,000 and 100,000 declaration lines, against as many
invoice lines: ours against a bare greedy match, and how the time grows with the size.

The database holds a trading company, a rate library of CODES HS codes (a fifth at 9 %, the
rest 13 %), USD parities for every export day, cleared 0110 declarations of 50 lines each
exported in August 2026, and one purchase invoice line per declaration line (invoices of 5
lines, issued in June and July in the declarations' order). Most invoice lines are in the
declaration's first unit (千克 or 台), one in seven in the trade unit (个, converted through
the declaration's own quantities); most hold what their line needs, one in twenty half of it
and one in twenty one and a half times it; a few lines have a code no invoice has (their
invoices carry a code no declaration has), and one invoice line in seventeen is at 9 %.

By default all the lines go into one batch of September's declaration month (its 关联号
run past 999 and take 11 characters). --batch-rows 950 splits them into batches of 19
declarations instead, as the 10-character 关联号 layout of DOMAIN.md §3.2 would (at most 99
batches a month: half of them in September, half in October).

ours: per batch, one transaction (one user action) of `rebate_batches.create_batch(session,
period, declaration_ids=…)` (the export rows), `rebate_match.match_batch` (matches and
purchase rows) and `rebate_check.compute_batch` (the refund), timed until the commit returns;
the steps are summed over the batches (commit time counts in "compute").
bare: the same greedy match in plain Python over the same tuples read through plain sqlite3
with one SELECT each (declaration lines, invoice lines, rate library, USD parities): by
commodity code, oldest invoice first, a line's own units, invoices used in part, tax base =
amount × used / invoice quantity to the fen, refund = base × min(rebate rate, invoice rate),
CNY FOB per line. It writes nothing: it is the floor of the work, not of storing it. Both
must arrive at the same refund total, or the benchmark stops.

Measured on a 2-core machine shared with other work (one batch; ours in s, 50,000 / 100,000):
  before                                                    ~120 / ~240 (2.4 ms/line at 5,000)
  rate library and parities read once a batch, one flush    1.7 ms/line at 5,000
  matches by pair in memory, invoice lines read together    0.64 ms/line at 10,000
  export rows, matches, used quantities, purchase rows
  written in bulk with one audit event per step             13.5 / 27.5, time × 2.04
In 950-row batches the match step still grows faster than the lines (50,000: 24.2 s,
100,000: 72.6 s, × 3.0); not profiled yet — likely each batch's query over the unused invoice
lines, which SQLite answers by reading the used ones too.

    python benchmarks/bench_rebate_match.py [--lines N ...] [--batch-rows N]
                                                           (default 50,000 100,000, one batch)
"""

from __future__ import annotations

import argparse
import datetime as dt
import sqlite3
import sys
import time
from collections import defaultdict, deque
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import TYPE_CHECKING

from _common import Stopwatch, scratch_dir

if TYPE_CHECKING:
    from desktop_app.core.db import Database

D = Decimal
CODES = 300
LINES_PER_DECLARATION = 50
INVOICE_LINES = 5
EXPORT_MONTH = dt.date(2026, 8, 1)
PERIODS = ("202609", "202610")
TODAY = dt.date(2026, 10, 20)
USD = D("7.1")
SELLER = "91440300MA5GRK8T0W"
FEN, Q5 = D("0.01"), D("0.00001")


def code(n: int) -> str:
    return f"{3900000000 + n * 10010:010d}"


def orphan(j: int) -> bool:
    """Lines no invoice covers (their invoices carry a code nobody declared)."""
    return j % 50 == 49


def first_unit(n: int) -> str:
    return "011" if n % 5 == 0 else "035"


# ---------------------------------------------------------------- the input


def build(db: Database, lines: int, batch_rows: int) -> list[list[int]]:
    """The world above; returns the declaration ids of each batch, in order."""
    from sqlalchemy import insert

    from desktop_app.core import codes
    from desktop_app.core.models import Declaration, DeclarationLine, ExchangeRate
    from desktop_app.core.models.rebate import PurchaseInvoice, PurchaseInvoiceLine
    from desktop_app.core.models.reference import RateLibraryEntry, RateLibraryVersion
    from desktop_app.core.services import company

    with db.transaction("bench") as session:
        codes.ensure_builtin(session)
        company.save_profile(session, {
            "name_cn": "深圳市海拓跨境电子商务有限公司", "uscc": SELLER,
            "customs_code": "4403160ABT", "taxpayer_type": "trading",
            "fx_rate_policy": "export_day",
        }, today=dt.date(2025, 1, 1))  # fmt: skip
        version = RateLibraryVersion(version="2026A", active=True)
        session.add(version)
        session.flush()
        session.execute(insert(RateLibraryEntry.__table__), [
            {"version_id": version.id, "code": code(n), "name": f"商品{n}", "unit": "千克",
             "levy_rates": "13", "rebate_rate": D(9) if n % 5 == 1 else D(13),
             "start_date": dt.date(2020, 1, 1)}
            for n in range(CODES + 1)
        ])  # fmt: skip
        session.execute(insert(ExchangeRate.__table__), [
            {"currency": "USD", "rate_date": EXPORT_MONTH + dt.timedelta(days=d), "rate": USD,
             "per_units": 1}
            for d in range(31)
        ])  # fmt: skip
        declarations = lines // LINES_PER_DECLARATION
        session.execute(insert(Declaration.__table__), list(_declarations(declarations)))
        first_id = session.scalar(select_min_id(Declaration))
        session.execute(insert(DeclarationLine.__table__), list(_lines(first_id, lines)))
        session.execute(insert(PurchaseInvoice.__table__), list(_invoices(lines)))
        first_invoice = session.scalar(select_min_id(PurchaseInvoice))
        session.execute(
            insert(PurchaseInvoiceLine.__table__), list(_invoice_lines(first_invoice, lines))
        )
    ids = list(range(first_id, first_id + declarations))
    size = max(1, batch_rows // LINES_PER_DECLARATION)
    return [ids[i : i + size] for i in range(0, len(ids), size)]


def select_min_id(model: type) -> object:
    from sqlalchemy import func, select

    return select(func.min(model.id))


def _declarations(count: int):
    for n in range(count):
        yield {
            "ref": f"BG-B-{n:06d}", "customs_no": f"53162026{'0'}{n:09d}", "status": "cleared",
            "source_kind": "manual", "supervision_mode": "0110", "contract_no": f"HT{n:06d}",
            "export_date": EXPORT_MONTH + dt.timedelta(days=n * 31 // count),
            "currency": "USD", "total_amount": D(0), "usd_fob": D(0),
        }  # fmt: skip


def _need(j: int) -> Decimal:
    return D(10 + j % 40)


def _lines(first_id: int, count: int):
    for j in range(count):
        n = j * 7 % CODES
        need = _need(j)
        amount = need * 12
        yield {
            "declaration_id": first_id + j // LINES_PER_DECLARATION,
            "line_no": j % LINES_PER_DECLARATION + 1,
            "hs_code": code(CODES) if orphan(j) else code(n), "name_cn": f"商品{n}",
            "first_quantity": need, "first_unit": first_unit(n),
            "trade_quantity": need * 20, "trade_unit": "007", "unit_price": D("0.6"),
            "amount": amount, "currency": "USD", "usd_fob": amount,
        }  # fmt: skip


def _invoices(lines: int):
    count = -(-lines // INVOICE_LINES)
    for k in range(count):
        yield {
            "kind": "digital", "invoice_no": f"2644200000{k:010d}", "seller_tax_id": SELLER,
            "issue_date": dt.date(2026, 6, 1) + dt.timedelta(days=k * 61 // count),
            "amount": D(0), "tax": D(0), "status": "valid",
        }  # fmt: skip


def invoice_quantity(j: int) -> tuple[str, str, Decimal]:
    """(code, unit, quantity) of the invoice line bought for declaration line j."""
    n = j * 7 % CODES
    need = _need(j)
    share = D("0.5") if j % 20 == 3 else D("1.5") if j % 20 == 11 else D(1)
    the_code = code(CODES + 1) if orphan(j) else code(n)
    if j % 7 == 2:
        return the_code, "007", need * 20 * share
    return the_code, first_unit(n), need * share


def _invoice_lines(first_invoice: int, count: int):
    for j in range(count):
        the_code, unit, quantity = invoice_quantity(j)
        amount = (quantity * (D("0.5") if unit == "007" else D(10))).quantize(FEN)
        rate = D(9) if j % 17 == 5 else D(13)
        yield {
            "invoice_id": first_invoice + j // INVOICE_LINES, "line_no": j % INVOICE_LINES + 1,
            "commodity_name": "*塑料制品*商品", "commodity_code": the_code, "unit": unit,
            "quantity": quantity, "amount": amount, "tax_rate": rate,
            "tax": (amount * rate / 100).quantize(FEN), "used_quantity": D(0),
        }  # fmt: skip


# ---------------------------------------------------------------- ours


def ours(db: Database, batches: list[list[int]]) -> tuple[dict[str, float], Decimal]:
    """Seconds per step (summed over the batches) and the refund total."""
    from desktop_app.core.services import rebate_batches, rebate_check, rebate_match

    steps = {name: Stopwatch() for name in ("create", "match", "compute")}
    half = -(-len(batches) // 2)
    total = D(0)
    for number, ids in enumerate(batches):
        period = PERIODS[number >= half]
        with db.transaction("bench") as session:
            with steps["create"]:
                batch = rebate_batches.create_batch(
                    session, period, declaration_ids=ids, today=TODAY
                )
            with steps["match"]:
                rebate_match.match_batch(session, batch.id)
            with steps["compute"]:
                total += rebate_check.compute_batch(session, batch.id).refund_total
                commit_from = time.perf_counter()
        steps["compute"].seconds += time.perf_counter() - commit_from
    return {name: watch.seconds for name, watch in steps.items()}, total


# ---------------------------------------------------------------- bare


def bare(path: Path) -> tuple[float, Decimal, dict[str, int]]:
    """Seconds, the refund total and how many lines matched fully, partly, not at all."""
    conn = sqlite3.connect(path)
    try:
        started = time.perf_counter()
        total, counts = _bare_match(conn)
        return time.perf_counter() - started, total, counts
    finally:
        conn.close()


def _dec(value: int, scale: int) -> Decimal:
    return D(value).scaleb(-scale)


def _bare_match(conn: sqlite3.Connection) -> tuple[Decimal, dict[str, int]]:
    rates = {c: _dec(r, 2) for c, r in conn.execute("SELECT code, rebate_rate FROM "
                                                     "rate_library_entry")}  # fmt: skip
    usd = {d: _dec(r, 6) / p for d, r, p in conn.execute(
        "SELECT rate_date, rate, per_units FROM exchange_rate WHERE currency = 'USD'")}  # fmt: skip
    pool: dict[str, deque[list]] = defaultdict(deque)
    for the_code, unit, qty, used, amount, rate in conn.execute(
        "SELECT l.commodity_code, l.unit, l.quantity, l.used_quantity, l.amount, l.tax_rate "
        "FROM purchase_invoice_line l JOIN purchase_invoice i ON l.invoice_id = i.id "
        "WHERE i.status = 'valid' AND l.used_quantity < l.quantity "
        "ORDER BY i.issue_date, i.id, l.line_no"
    ):
        quantity = _dec(qty, 5)
        pool[the_code].append([quantity - _dec(used, 5), unit, quantity, _dec(amount, 2),
                               _dec(rate, 2)])  # fmt: skip
    total, cny, counts = D(0), D(0), {"full": 0, "part": 0, "none": 0}
    for the_code, unit1, qty1, trade_unit, trade_qty, fob, day in conn.execute(
        "SELECT l.hs_code, l.first_unit, l.first_quantity, l.trade_unit, l.trade_quantity, "
        "l.usd_fob, d.export_date FROM declaration_line l "
        "JOIN declaration d ON l.declaration_id = d.id WHERE d.status = 'cleared' "
        "ORDER BY d.export_date, d.id, l.line_no"
    ):
        need = first = _dec(qty1, 5)
        factors = {unit1: D(1), trade_unit: first / _dec(trade_qty, 5)}
        cny += (_dec(fob, 2) * usd[day]).quantize(FEN, ROUND_HALF_UP)
        rebate = rates.get(the_code, D(0))
        candidates = pool.get(the_code, ())
        for entry in candidates:
            if need <= 0:
                break
            factor = factors.get(entry[1])
            if factor is None or entry[0] <= 0:
                continue
            whole = (entry[0] * factor).quantize(Q5, ROUND_HALF_UP)
            take = min(need, whole)
            invoice_qty = entry[0] if take == whole else min(
                entry[0], (take / factor).quantize(Q5, ROUND_HALF_UP))  # fmt: skip
            base = (entry[3] * invoice_qty / entry[2]).quantize(FEN, ROUND_HALF_UP)
            total += (base * min(rebate, entry[4]) / 100).quantize(FEN, ROUND_HALF_UP)
            entry[0] -= invoice_qty
            need -= take
        while candidates and candidates[0][0] <= 0:
            candidates.popleft()
        counts["full" if need <= 0 else "none" if need == first else "part"] += 1
    return total, counts


# ---------------------------------------------------------------- main


def run(lines: int, batch_rows: int) -> tuple[dict[str, float], float, int]:
    from desktop_app.core.db import open_database

    with scratch_dir() as folder:
        path = folder / "rebate.sqlite"
        db = open_database(path)
        try:
            batches = build(db, lines, batch_rows)
            bare_took, bare_total, counts = bare(path)
            steps, total = ours(db, batches)
        finally:
            db.dispose()
    if total != bare_total:
        raise SystemExit(f"refund totals differ at {lines:,} lines: ours {total}, "
                         f"bare {bare_total}")  # fmt: skip
    took = sum(steps.values())
    print(f"rebate match {lines:,} lines: ours {took:.1f} s, bare {bare_took:.2f} s, "
          f"ratio {took / bare_took:.1f}")  # fmt: skip
    print(f"  {len(batches)} batch(es): create {steps['create']:.1f} s, match "
          f"{steps['match']:.1f} s, compute {steps['compute']:.1f} s; lines matched fully "
          f"{counts['full']:,}, partly {counts['part']:,}, not at all {counts['none']:,}; "
          f"refund {total:,} CNY")  # fmt: skip
    return steps, bare_took, lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lines", type=int, nargs="+", default=[50_000, 100_000])
    parser.add_argument("--batch-rows", type=int, default=0, help="rows a batch (0: one batch)")
    args = parser.parse_args(argv)
    results = []
    for lines in args.lines:
        lines -= lines % LINES_PER_DECLARATION
        results.append(run(lines, args.batch_rows or lines))
    if len(results) >= 2:
        (small, bare_small, n_small), (large, bare_large, n_large) = results[0], results[-1]
        per_small = sum(small.values()) * 1000 / n_small
        per_large = sum(large.values()) * 1000 / n_large
        growth = sum(large.values()) / sum(small.values())
        print(f"rebate match {n_small:,} → {n_large:,} lines ({n_large / n_small:.1f}× the "
              f"lines): ours {per_small:.3f} → {per_large:.3f} ms/line, time × {growth:.2f}; "
              f"bare time × {bare_large / bare_small:.2f}")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
