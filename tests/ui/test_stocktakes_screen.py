"""The Stocktakes screen: new stocktake, count sheet out, counts in (bad rows listed), review,
post after confirming, cancel."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from PySide6.QtCore import QDate
from PySide6.QtWidgets import QMessageBox

from desktop_app.core.models import Stocktake
from desktop_app.core.services import stock
from desktop_app.ui.dialogs.import_result import ImportProblemsDialog
from desktop_app.ui.screens.stocktakes import StocktakesScreen
from tests.ui.shipment_fixtures import TODAY, make_world
from tests.ui.standalone import show, top_level, wait_idle

D = Decimal
COUNT_DAY = TODAY - dt.timedelta(days=1)


@pytest.fixture
def world(db):
    w = make_world(db)
    with db.transaction("test") as session:
        for code, quantity in (("LAMP-01", 70), ("CASE-02", 35), ("CABLE-03", 200)):
            stock.post_move(session, sku_id=w.skus[code], warehouse_id=w.us, kind="receipt",
                            quantity=D(quantity), move_date=TODAY - dt.timedelta(days=30),
                            unit_cost=D(10))  # fmt: skip
    return w


@pytest.fixture
def screen(qtbot, ctx, world):
    widget = show(qtbot, StocktakesScreen(ctx), 1100, 760)
    wait_idle(qtbot, ctx)
    return widget


def close_boxes() -> list[str]:
    """Close the message boxes shown; their texts."""
    texts = []
    for box in top_level(QMessageBox):
        texts.append(box.text())
        box.close()
    return texts


def new_stocktake(qtbot, screen: StocktakesScreen, warehouse_id: int) -> int:
    dialog = screen.new_stocktake()
    dialog.warehouse.setCurrentIndex(dialog.warehouse.findData(warehouse_id))
    dialog.count_date.setDate(QDate(COUNT_DAY))
    dialog.accept()
    wait_idle(qtbot, screen.ctx)
    assert screen.current() is not None
    return screen.current().id


def fill_counts(path: Path, counts: dict[str, object]) -> None:
    """What the warehouse does with the sheet: a count in column E beside each SKU code."""
    book = openpyxl.load_workbook(path)
    sheet = book.active
    for row in sheet.iter_rows(min_row=3):
        if row[0].value in counts:
            row[4].value = counts[row[0].value]
    book.save(path)


def on_hand(db, sku_id: int, warehouse_id: int) -> Decimal:
    with db.sessions() as session:
        return stock.get_balance(session, sku_id, warehouse_id).on_hand


def test_count_sheet_out_counts_in_review_and_post(qtbot, db, world, screen, tmp_path):
    stocktake_id = new_stocktake(qtbot, screen, world.us)
    row = screen.current()
    assert (row.warehouse, row.status, row.lines, row.count_date) == (
        "US-3PL",
        "draft",
        3,
        COUNT_DAY,
    )
    assert screen.list.item(0, 3).text() == "Counting sheet out"
    enabled = {k for k, b in screen.buttons.items() if b.isEnabled()}
    assert enabled == {"new", "export", "import", "cancel"}

    sheet = tmp_path / "count.xlsx"
    screen.export_sheet(sheet)
    wait_idle(qtbot, screen.ctx)
    fill_counts(sheet, {"LAMP-01": 68, "CASE-02": 40})  # cables not counted
    screen.import_counts(sheet)
    wait_idle(qtbot, screen.ctx)
    assert any("3 rows read" in text for text in close_boxes())
    row = screen.current()
    assert (row.status, row.counted, row.differences) == ("counting", 2, 2)
    wait_idle(qtbot, screen.ctx)
    assert [(d.sku_code, d.difference, d.value) for d in screen.differences] == [
        ("CASE-02", D(5), D("50.00")),
        ("LAMP-01", D(-2), D("-20.00")),
    ]
    assert screen.review.item(1, 4).text() == "-2"
    assert "2 SKUs differ from the ledger" in screen.review_note.text()
    assert "2 of 3 lines counted" in screen.review_note.text()
    screen.all_lines.setChecked(True)
    wait_idle(qtbot, screen.ctx)
    assert screen.review.rowCount() == 3
    assert screen.review.item(0, 3).text() == "—"  # the cables: not counted, left alone

    screen.post_current()
    assert "dated " + COUNT_DAY.isoformat() in screen.confirm_box.text()
    screen.confirm_box.yes_button.click()
    wait_idle(qtbot, screen.ctx)
    texts = close_boxes()
    assert any("1 gains (+5 units), 1 losses (−2 units), net value 30.00 CNY" in t for t in texts)
    assert on_hand(db, world.skus["LAMP-01"], world.us) == D(68)
    assert on_hand(db, world.skus["CASE-02"], world.us) == D(40)
    assert on_hand(db, world.skus["CABLE-03"], world.us) == D(200)
    assert screen.current().status == "posted" and screen.current().id == stocktake_id
    assert not screen.buttons["post"].isEnabled() and not screen.buttons["import"].isEnabled()


def test_a_sheet_with_bad_rows_is_refused_and_every_bad_row_listed(
    qtbot, db, world, screen, tmp_path
):
    stocktake_id = new_stocktake(qtbot, screen, world.us)
    sheet = tmp_path / "count.xlsx"
    screen.export_sheet(sheet)
    wait_idle(qtbot, screen.ctx)
    fill_counts(sheet, {"LAMP-01": "about 70", "CASE-02": -1})
    book = openpyxl.load_workbook(sheet)
    book.active.append(["NOT-A-SKU", "", "", "", 3])
    book.save(sheet)
    screen.import_counts(sheet)
    wait_idle(qtbot, screen.ctx)
    dialogs = top_level(ImportProblemsDialog)
    assert len(dialogs) == 1
    report = dialogs[0]
    reasons = [report.table.item(r, 4).text() for r in range(report.table.rowCount())]
    assert reasons == [  # by row: the sheet lists the SKUs by code
        "the count cannot be negative", "the count must be a number",
        "no SKU with this code in the catalogue",
    ]  # fmt: skip
    report.close()
    with db.sessions() as session:
        take = session.get(Stocktake, stocktake_id)
        assert take.status == "draft"
        assert all(line.counted_quantity is None for line in take.lines)


def test_cancel_an_open_stocktake_after_confirming(qtbot, db, world, screen):
    stocktake_id = new_stocktake(qtbot, screen, world.sz)
    screen.cancel_current()
    screen.confirm_box.yes_button.click()
    wait_idle(qtbot, screen.ctx)
    with db.sessions() as session:
        assert session.get(Stocktake, stocktake_id).status == "cancelled"
    assert screen.list.item(0, 3).text() == "Cancelled"
    assert {k for k, b in screen.buttons.items() if b.isEnabled()} == {"new"}


def test_a_second_open_stocktake_of_a_warehouse_is_refused(qtbot, db, world, screen):
    new_stocktake(qtbot, screen, world.us)
    dialog = screen.new_stocktake()
    dialog.warehouse.setCurrentIndex(dialog.warehouse.findData(world.us))
    dialog.accept()
    wait_idle(qtbot, screen.ctx)
    texts = close_boxes()
    assert any("is still open: post or cancel it first" in t for t in texts)
    assert len(screen.rows) == 1
