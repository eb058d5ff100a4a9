"""Stocktakes: the count sheet out and back, every bad row at once, posting all or nothing."""

from __future__ import annotations

import datetime as dt
import os
import signal
import subprocess
import sys
import textwrap
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import func, select

from desktop_app.core import settings
from desktop_app.core.errors import BadInput
from desktop_app.core.importers.common import ImportRejected
from desktop_app.core.models import ImportRun, StockMove, Stocktake
from desktop_app.core.services import check, stock, stocktake
from tests.unit import stock_flow_fixtures as fx

D = Decimal
DAY0 = dt.date(2026, 3, 1)
COUNT_DAY = dt.date(2026, 3, 31)


@pytest.fixture
def world(session):
    """A 3PL holding three SKUs (one of them with a leading-zero code) and a fourth SKU."""
    w = {
        "us": fx.warehouse(session, "US-3PL"),
        "a": fx.sku(session, "A-001"),
        "b": fx.sku(session, "00123"),
        "c": fx.sku(session, "C-003", price="7.5"),
        "d": fx.sku(session, "D-004", price=None),
    }
    fx.receive(session, w["a"], w["us"], 10, "12.50", DAY0)
    fx.receive(session, w["b"], w["us"], "2.5", "4.00", DAY0)
    fx.receive(session, w["c"], w["us"], 6, "8.00", DAY0)
    return w


def fill(sheet_path: Path, counts: dict[str, object], out: Path | None = None) -> Path:
    """Type counts into the sheet as a clerk would (Excel numbers), by SKU code."""
    book = load_workbook(sheet_path)
    sheet = book.active
    for row in sheet.iter_rows(min_row=3):
        code = row[0].value
        if code in counts:
            row[4].value = counts[code]
    out = out or sheet_path
    book.save(out)
    return out


def test_create_takes_the_on_hand_at_the_count_date(session, world):
    fx.receive(session, world["a"], world["us"], 5, "12.50", dt.date(2026, 4, 2))  # after
    take = stocktake.create_stocktake(session, world["us"].id, COUNT_DAY)
    assert take.ref == "ST-2026-0001" and take.status == "draft"
    assert {(line.sku_id, line.expected_quantity) for line in take.lines} == {
        (world["a"].id, 10), (world["b"].id, D("2.5")), (world["c"].id, 6)
    }  # fmt: skip
    with pytest.raises(BadInput, match="ST-2026-0001 of warehouse US-3PL is still open"):
        stocktake.create_stocktake(session, world["us"].id, COUNT_DAY)
    stocktake.cancel_stocktake(session, take.id)
    again = stocktake.create_stocktake(session, world["us"].id, COUNT_DAY, sku_ids=[world["d"].id])
    assert again.ref == "ST-2026-0002"
    assert [(line.sku_id, line.expected_quantity) for line in again.lines] == [(world["d"].id, 0)]


def test_the_count_sheet(session, world, tmp_path):
    take = stocktake.create_stocktake(session, world["us"].id, COUNT_DAY)
    assert stocktake.export_count_sheet(session, take.id, tmp_path / "count.xlsx") == 3
    sheet = load_workbook(tmp_path / "count.xlsx").active
    assert sheet.freeze_panes == "A3"
    title = sheet["A1"].value
    assert "ST-2026-0001" in title and "US-3PL" in title and "2026-03-31" in title
    header = [c.value for c in sheet[2]]
    assert header[0] == "SKU编码 (SKU code)" and header[4] == "实盘数量 (Counted)"
    rows = [[c.value for c in row] for row in sheet.iter_rows(min_row=3)]
    assert [r[:5] for r in rows] == [
        ["00123", "商品00123", None, 2.5, None],
        ["A-001", "商品A-001", None, 10, None],
        ["C-003", "商品C-003", None, 6, None],
    ]
    assert sheet["A3"].data_type == "s", "codes are text: Excel keeps the leading zeros"
    assert {r[6] for r in rows} == {"ST-2026-0001"}
    with pytest.raises(BadInput, match="xlsx"):
        stocktake.export_count_sheet(session, take.id, tmp_path / "count.csv")


def test_counts_come_back_from_the_filled_sheet(session, world, tmp_path):
    take = stocktake.create_stocktake(session, world["us"].id, COUNT_DAY)
    sheet = tmp_path / "count.xlsx"
    stocktake.export_count_sheet(session, take.id, sheet)
    fill(sheet, {"A-001": 9, "00123": 2.5})
    summary = stocktake.import_counts(session, take.id, sheet)
    assert (summary.rows, summary.updated, summary.skipped, summary.errors) == (3, 2, 1, [])
    counted = {line.sku_id: line.counted_quantity for line in take.lines}
    assert counted == {world["a"].id: 9, world["b"].id: D("2.5"), world["c"].id: None}
    assert take.status == "counting"
    assert session.scalar(select(ImportRun.kind).where(ImportRun.file_name == "count.xlsx"))

    stocktake.export_count_sheet(session, take.id, sheet)  # a second zone, same sheet
    fill(sheet, {"C-003": 0, "A-001": None})
    stocktake.import_counts(session, take.id, sheet)
    counted = {line.sku_id: line.counted_quantity for line in take.lines}
    assert counted == {world["a"].id: 9, world["b"].id: D("2.5"), world["c"].id: 0}


def test_every_bad_row_is_listed_and_nothing_is_written(session, world, tmp_path):
    take = stocktake.create_stocktake(session, world["us"].id, COUNT_DAY)
    bad = tmp_path / "bad.csv"
    bad.write_text(
        "SKU code,Counted,Stocktake\n"
        "A-001,9,\n"
        "NOPE-1,3,\n"
        "00123,-1,\n"
        "C-003,six,\n"
        "A-001,4,\n"
        "D-004,1.123456,\n"
        ",2,\n"
        "NOPE-2,2,ST-2025-0009\n",
        encoding="utf-8",
    )
    with pytest.raises(ImportRejected) as caught:
        stocktake.import_counts(session, take.id, bad)
    found = [(e.row, e.column, e.value) for e in caught.value.summary.errors]
    assert found == [
        (3, "SKU code", "NOPE-1"),
        (4, "Counted", "-1"),
        (5, "Counted", "six"),
        (6, "SKU code", "A-001"),
        (7, "Counted", "1.123456"),
        (8, "SKU code", ""),
        (9, "Stocktake", "ST-2025-0009"),
        (9, "SKU code", "NOPE-2"),
    ]
    reasons = " | ".join(e.reason for e in caught.value.summary.errors)
    assert "already counted on row 2" in reasons and "more than 5 decimal places" in reasons
    assert all(line.counted_quantity is None for line in take.lines)
    assert take.status == "draft"


def test_a_csv_in_english_and_a_sku_not_on_the_sheet(session, world, tmp_path):
    take = stocktake.create_stocktake(session, world["us"].id, COUNT_DAY)
    counts = tmp_path / "counts.csv"
    counts.write_text('sku,count,note\n00123,"1,000",\nD-004,4,found behind A\n', "utf-8")
    summary = stocktake.import_counts(session, take.id, counts)
    assert (summary.inserted, summary.updated) == (1, 1)
    assert "not on the stocktake" in summary.warnings[0].reason
    lines = {line.sku_id: line for line in take.lines}
    assert lines[world["b"].id].counted_quantity == 1000
    assert lines[world["d"].id].expected_quantity == 0
    found = lines[world["d"].id]
    assert (found.counted_quantity, found.note) == (4, "found behind A")


def test_missing_columns_are_named(session, world, tmp_path):
    take = stocktake.create_stocktake(session, world["us"].id, COUNT_DAY)
    wrong = tmp_path / "wrong.csv"
    wrong.write_text("SKU,Name\nA-001,x\n", "utf-8")
    with pytest.raises(ImportRejected, match="required column not found"):
        stocktake.import_counts(session, take.id, wrong)


def test_post_makes_the_on_hand_at_the_count_date_equal_the_counts(session, world, tmp_path):
    a, b, c, d, us = (world[k] for k in ("a", "b", "c", "d", "us"))
    take = stocktake.create_stocktake(session, us.id, COUNT_DAY)
    sheet = tmp_path / "count.xlsx"
    stocktake.export_count_sheet(session, take.id, sheet)
    fill(sheet, {"A-001": 9, "00123": 2.5, "C-003": 8})
    stocktake.import_counts(session, take.id, sheet)
    late = tmp_path / "late.csv"
    late.write_text("SKU,Counted\nD-004,3\n", "utf-8")
    stocktake.import_counts(session, take.id, late)
    # A sale dated before the count day, posted after the sheet was made.
    stock.post_move(session, sku_id=c.id, warehouse_id=us.id, kind="sale", quantity=D(-1),
                    move_date=dt.date(2026, 3, 20))  # fmt: skip

    diffs = {x.sku_code: x for x in stocktake.differences(session, take.id)}
    assert set(diffs) == {"A-001", "C-003", "D-004"}
    assert (diffs["A-001"].difference, diffs["A-001"].value) == (-1, D("-12.50"))
    assert diffs["C-003"].expected_changed and diffs["C-003"].difference == 3
    assert (diffs["D-004"].unit_cost, diffs["D-004"].value) == (0, 0)
    assert len(stocktake.differences(session, take.id, all_lines=True)) == 4

    posted = stocktake.post_stocktake(session, take.id)
    assert (posted.gains, posted.losses, posted.uncounted) == (2, 1, 0)
    assert (posted.units_gained, posted.units_lost) == (6, 1)
    moved = fx.moves(session, ref_type="stocktake")
    kinds = {(m.sku_id, m.kind, m.quantity, m.move_date) for m in moved}
    assert kinds == {
        (a.id, "stocktake_loss", -1, COUNT_DAY),
        (c.id, "stocktake_gain", 3, COUNT_DAY),
        (d.id, "stocktake_gain", 3, COUNT_DAY),
    }
    gain = fx.moves(session, ref_type="stocktake", sku_id=c.id)[0]
    assert gain.unit_cost == D("8.00") and gain.note == take.ref
    at_count = {p.sku_id: p.on_hand for p in stock.positions(session, warehouse_id=us.id,
                                                              as_of=COUNT_DAY)}  # fmt: skip
    assert (at_count[a.id], at_count[b.id], at_count[c.id], at_count[d.id]) == (9, D("2.5"), 8, 3)
    assert take.status == "posted" and take.posted_at is not None
    assert check._stock_balances(session).ok
    with pytest.raises(BadInput, match="is posted"):
        stocktake.post_stocktake(session, take.id)
    with pytest.raises(BadInput, match="is posted"):
        stocktake.import_counts(session, take.id, late)


def test_a_gain_of_a_sku_never_costed_there_enters_at_its_purchase_price(session, world, tmp_path):
    other = fx.warehouse(session, "UK-3PL", country="GBR")
    take = stocktake.create_stocktake(session, other.id, COUNT_DAY, sku_ids=[world["c"].id])
    counts = tmp_path / "c.csv"
    counts.write_text("SKU,Counted\nC-003,2\n", "utf-8")
    stocktake.import_counts(session, take.id, counts)
    stocktake.post_stocktake(session, take.id)
    (gain,) = fx.moves(session, ref_type="stocktake")
    assert (gain.unit_cost, gain.value) == (D("7.5"), D("15.00"))


def test_a_refused_move_leaves_no_adjustment(db, tmp_path):
    with db.transaction() as session:
        us = fx.warehouse(session, "US-3PL")
        a, b = fx.sku(session, "A-001"), fx.sku(session, "B-002")
        fx.receive(session, a, us, 10, "1.00", DAY0)
        fx.receive(session, b, us, 10, "1.00", DAY0)
        take_id = stocktake.create_stocktake(session, us.id, COUNT_DAY).id
        counts = tmp_path / "c.csv"
        counts.write_text("SKU,Counted\nA-001,12\nB-002,4\n", "utf-8")
        stocktake.import_counts(session, take_id, counts)
        # B sells 8 after the count day: its count of 4 at the count day would leave −2 now.
        stock.post_move(session, sku_id=b.id, warehouse_id=us.id, kind="sale",
                        quantity=D(-8), move_date=dt.date(2026, 4, 3))  # fmt: skip
    with pytest.raises(stock.StockError), db.transaction() as session:
        stocktake.post_stocktake(session, take_id)
    with db.transaction() as session:
        assert fx.moves(session, ref_type="stocktake") == []
        assert session.get(Stocktake, take_id).status == "counting"
        settings.put(session, "stock.period_lock", "2026-03-31")
    with pytest.raises(stock.StockError, match="2026-03-31"), db.transaction() as session:
        stocktake.post_stocktake(session, take_id)


KILLER = textwrap.dedent(
    """
    import os, signal, sys
    from desktop_app.core.db import open_database
    from desktop_app.core.jobs import Job
    from desktop_app.core.services import stocktake

    def progress(done, total, message):
        if done >= total // 2:
            print(done, flush=True)
            os.kill(os.getpid(), signal.SIGKILL)

    db = open_database(sys.argv[1])
    with db.transaction() as session:
        stocktake.post_stocktake(session, int(sys.argv[2]), job=Job(progress))
    print("finished", flush=True)
    """
)


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
def test_killed_while_posting_leaves_all_or_nothing(db, db_path, tmp_path):
    n = 3 * stocktake.PROGRESS_EVERY
    with db.transaction() as session:
        us = fx.warehouse(session, "US-3PL")
        skus = [fx.sku(session, f"K-{i:04d}") for i in range(n)]
        for s in skus:
            fx.receive(session, s, us, 10, "2.00", DAY0)
        take_id = stocktake.create_stocktake(session, us.id, COUNT_DAY).id
        counts = tmp_path / "counts.csv"
        rows = "".join(f"{s.code},{i % 7 + 6}\n" for i, s in enumerate(skus))
        counts.write_text("SKU,Counted\n" + rows, "utf-8")
        stocktake.import_counts(session, take_id, counts)
    db.dispose()
    root = Path(__file__).resolve().parents[2]
    proc = subprocess.run(
        [sys.executable, "-c", KILLER, str(db_path), str(take_id)],
        capture_output=True, text=True, cwd=root, env={**os.environ}, timeout=300,
    )  # fmt: skip
    assert proc.returncode == -signal.SIGKILL, proc.stderr
    assert int(proc.stdout.split()[0]) >= n // 2, "killed in the middle, moves flushed"

    from desktop_app.core.db import open_database

    reopened = open_database(db_path)
    try:
        assert all(r.ok for r in check.run_checks(reopened)), check.run_checks(reopened)
        with reopened.transaction() as session:
            count = select(func.count()).where(StockMove.ref_type == "stocktake")
            assert session.scalar(count) == 0
            assert session.get(Stocktake, take_id).status == "counting"
            posted = stocktake.post_stocktake(session, take_id)
            assert posted.gains + posted.losses == sum(1 for i in range(n) if i % 7 != 4)
        assert all(r.ok for r in check.run_checks(reopened))
    finally:
        reopened.dispose()
