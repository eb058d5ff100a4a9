"""The FX screen: receipts, auto-allocation, collection with overdue rows, rates and dialogs."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from desktop_app.core.services import fx_receipts
from desktop_app.ui.screens.fx import OVERDUE, FxScreen
from tests.ui.standalone import show, wait_idle
from tests.unit.fx_fixtures import declaration, rate, setup

D = Decimal
TODAY = dt.date(2026, 5, 6)


@pytest.fixture
def world(db):
    with db.transaction("test") as s:
        setup(s)
        declaration(s, "DEC-OLD", dt.date(2025, 6, 1), ["1200.00"])
        declaration(s, "DEC-NEW", dt.date(2026, 1, 15), ["800.00"])
        declaration(s, "DEC-EUR", dt.date(2026, 2, 20), ["650.00"], currency="EUR")
        rate(s, "USD", dt.date(2026, 3, 2), "7.100000")
        fx_receipts.add_receipt(s, bank_ref="CMB-1", received_date=dt.date(2026, 3, 2),
                                currency="USD", amount="1500.00", payer="ACME")  # fmt: skip
    return db


@pytest.fixture
def screen(qtbot, ctx, world):
    widget = FxScreen(ctx)
    widget.as_of = TODAY
    show(qtbot, widget, 1200, 800)
    wait_idle(qtbot, ctx)
    return widget


def cells(table, column):
    return [table.item(r, column).text() for r in range(table.rowCount())]


def test_opens_with_data(screen):
    assert cells(screen.receipts.table, 1) == ["CMB-1"]
    assert cells(screen.receipts.table, 5) == ["1,500.00"]
    assert cells(screen.collection.table, 0) == ["DEC-OLD", "DEC-NEW", "DEC-EUR"]
    assert cells(screen.rates.table, 1) == ["USD"]
    assert cells(screen.rates.table, 2) == ["7.1000"]


def test_auto_allocate_and_collection(qtbot, ctx, screen):
    old = screen.collection.table
    assert old.item(0, 8).text() == "Not collected (overdue)"  # due 2026-04-30
    assert old.item(0, 0).foreground().color() == OVERDUE
    assert "1 overdue" in screen.collection.alert.text()
    screen.receipts.auto_allocate()
    wait_idle(qtbot, ctx)
    qtbot.waitUntil(lambda: cells(screen.receipts.table, 5) == ["0.00"])
    assert cells(screen.receipts.table, 8) == ["DEC-OLD, DEC-NEW"]
    assert cells(screen.collection.table, 6) == ["0.00", "500.00", "650.00"]
    assert cells(screen.collection.table, 8)[:2] == ["Collected in full", "Partly collected"]
    screen.collection.status.set_value("partly")
    wait_idle(qtbot, ctx)
    assert cells(screen.collection.table, 0) == ["DEC-NEW"]


def test_add_receipt_dialog_shows_problems_then_saves(qtbot, ctx, screen):
    dialog = screen.receipts.add_receipt()
    dialog.ref.setText("CMB-1")
    dialog.amount.setText("-5")
    dialog.save()
    wait_idle(qtbot, ctx)
    assert dialog.isVisible()
    assert dialog.boxes["bank_ref"].problem() and dialog.boxes["amount"].problem()
    dialog.ref.setText("CMB-2")
    dialog.amount.setText("250.00")
    with qtbot.waitSignal(dialog.accepted):
        dialog.save()
    qtbot.waitUntil(lambda: "CMB-2" in cells(screen.receipts.table, 1))


def test_allocate_selected_receipt_and_remove(qtbot, ctx, screen):
    screen.receipts.table.selectRow(0)
    screen.receipts.allocate_selected()
    wait_idle(qtbot, ctx)
    dialog = screen.receipts.allocate_dialog
    dialog.declaration.setCurrentIndex(1)  # DEC-NEW, 800.00 suggested
    assert dialog.amount.text() == "800.00"
    dialog.save()
    wait_idle(qtbot, ctx)
    qtbot.waitUntil(lambda: cells(screen.receipts.table, 5) == ["700.00"])
    screen.receipts.table.selectRow(0)
    wait_idle(qtbot, ctx)
    assert cells(screen.receipts.detail, 0) == ["DEC-NEW"]
    screen.receipts.remove_allocation()
    wait_idle(qtbot, ctx)
    qtbot.waitUntil(lambda: cells(screen.receipts.table, 5) == ["1,500.00"])


def test_set_rate_and_import_cfets(qtbot, ctx, screen, tmp_path, blocking_boxes):
    dialog = screen.rates.set_rate()
    dialog.currency.setCurrentText("JPY")
    assert dialog.per.currentData() == 100
    dialog.rate.setText("4.8123")
    dialog.save()
    wait_idle(qtbot, ctx)
    qtbot.waitUntil(lambda: "JPY" in cells(screen.rates.table, 1))
    path = tmp_path / "cfets.csv"
    path.write_text("日期,USD/CNY,CNY/MYR\n2026-03-03,7.1100,0.6521\n", encoding="utf-8")
    screen.rates.import_file(path)
    wait_idle(qtbot, ctx)
    qtbot.waitUntil(lambda: "MYR" in cells(screen.rates.table, 1))
    row = cells(screen.rates.table, 1).index("MYR")
    assert screen.rates.table.item(row, 2).text() == "1.533507"
