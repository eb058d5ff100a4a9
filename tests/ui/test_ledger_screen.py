"""The Ledger screen: moves newest posted first, filters, reversing a move through its dialog."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QDialogButtonBox
from sqlalchemy import select

from desktop_app.core import settings
from desktop_app.core.models import StockMove
from desktop_app.core.services import ledger_query
from desktop_app.ui.models import lazy_table
from desktop_app.ui.screens.ledger import LedgerScreen, ReverseMoveDialog
from tests.ui.standalone import settle, show, top_level
from tests.ui.stock_screen_fixtures import (
    EARLY,
    FILLERS,
    TODAY,
    make_stock,
)

D = Decimal
MOVES = FILLERS + 8


@pytest.fixture
def world(db):
    return make_stock(db)


@pytest.fixture
def screen(qtbot, ctx, world):
    widget = show(qtbot, LedgerScreen(ctx), 1100, 760)
    settle(qtbot, ctx, widget.model)
    return widget


def rows(screen) -> list[ledger_query.MoveRow]:
    return [screen.model.row_data(r) for r in range(screen.model.rowCount())]


def move_id(db, sku_id: int, kind: str) -> int:
    with db.sessions() as session:
        return session.scalar(
            select(StockMove.id).where(StockMove.sku_id == sku_id, StockMove.kind == kind)
        )


def open_dialog(qtbot, screen, move: int) -> ReverseMoveDialog:
    assert screen.table.select_id(move)
    screen.table.setFocus()
    qtbot.keyClick(screen.table, Qt.Key.Key_Return)
    dialogs = top_level(ReverseMoveDialog)
    assert len(dialogs) == 1
    return dialogs[0]


def test_moves_newest_posted_first_in_pages(screen, db):
    with db.sessions() as session:
        assert list(screen.model.ids()) == list(ledger_query.move_ids(session))
    assert screen.model.rowCount() == MOVES > lazy_table.PAGE
    assert list(screen.model.ids()) == sorted(screen.model.ids(), reverse=True)
    assert screen.header.subtitle_label.text() == (
        f"{MOVES} moves, the last posted first; values in CNY"
    )
    first = rows(screen)[-1]
    model = screen.model
    cells = [model.data(model.index(MOVES - 1, c)) for c in range(len(model.columns))]
    assert cells[:6] == [str(first.id), EARLY.isoformat(), "Receipt", "MUG-01", "陶瓷杯", "CN-SZ"]
    assert cells[6:11] == ["100", "4.00", "400.00", "100", "400.00"]


def test_references_and_filters(qtbot, ctx, screen, world):
    screen.search.setText("mug")
    screen.search.flush()
    settle(qtbot, ctx, screen.model)
    assert [(r.kind, r.warehouse_code, r.reference) for r in rows(screen)] == [
        ("sale", "US-LA", ""),
        ("transfer_in", "US-LA", world.shipment_ref),
        ("shipment_out", "CN-SZ", world.shipment_ref),
        ("receipt", "CN-SZ", ""),
    ]
    screen.warehouse_filter.set_value(world.la)
    settle(qtbot, ctx, screen.model)
    assert [r.kind for r in rows(screen)] == ["sale", "transfer_in"]
    screen.search.clear_now()
    screen.warehouse_filter.reset()
    screen.kind_filter.set_value("sale")
    settle(qtbot, ctx, screen.model)
    assert [(r.sku_code, r.quantity) for r in rows(screen)] == [("CUP-02", -50), ("MUG-01", -45)]
    screen.kind_filter.reset()
    screen.date_filter.set_preset("7d")
    settle(qtbot, ctx, screen.model)
    assert screen.model.rowCount() == FILLERS  # the factory's receipts of three days ago
    screen.filters.reset()
    settle(qtbot, ctx, screen.model)
    assert screen.model.rowCount() == MOVES


def test_reverse_a_move_through_the_dialog(qtbot, ctx, screen, world, db):
    sale = move_id(db, world.skus["MUG-01"], "sale")
    dialog = open_dialog(qtbot, screen, sale)
    assert dialog.reverse_button is not None
    assert dialog.chosen_date() == TODAY - dt.timedelta(days=10)  # dated like the original
    day = TODAY - dt.timedelta(days=2)
    dialog.date_edit.setDate(QDate(day.year, day.month, day.day))
    dialog.note_edit.setText("sold from the wrong warehouse")
    qtbot.mouseClick(dialog.reverse_button, Qt.MouseButton.LeftButton)
    settle(qtbot, ctx, screen.model)
    assert not top_level(ReverseMoveDialog)  # closed once the reversal is committed
    with db.sessions() as session:
        reversal = session.scalar(select(StockMove).where(StockMove.reverses_move_id == sale))
        assert (reversal.kind, reversal.quantity, reversal.move_date) == ("reversal", 45, day)
        assert reversal.note == "sold from the wrong warehouse"
        assert reversal.actor == "test"
    qtbot.waitUntil(lambda: screen.table.current_id() == reversal.id)  # the new move selected
    assert screen.model.rowCount() == MOVES + 1
    original = screen.model.row_data(screen.model.row_of(sale))
    column = screen.model.column_index("reversal")
    assert screen.model.data(screen.model.index(screen.model.row_of(sale), column)) == (
        f"no. {reversal.id}"
    )
    assert not original.reversible
    assert not screen.reverse_button.isEnabled()  # the reversal itself is selected


def test_a_reversed_move_and_a_reversal_cannot_be_reversed(qtbot, ctx, screen, world, db):
    sale = move_id(db, world.skus["MUG-01"], "sale")
    dialog = open_dialog(qtbot, screen, sale)
    qtbot.mouseClick(dialog.reverse_button, Qt.MouseButton.LeftButton)
    settle(qtbot, ctx, screen.model)
    dialog = open_dialog(qtbot, screen, sale)
    assert dialog.reverse_button is None
    assert dialog.problem.text().startswith("Already reversed by move no.")
    assert dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel).text() == "Close"
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not top_level(ReverseMoveDialog))


def test_the_ledger_refusal_is_shown_in_the_dialog(qtbot, ctx, screen, world, db):
    """Reversing MUG-01's transfer into LA would take 60 units where 15 are left."""
    transfer = move_id(db, world.skus["MUG-01"], "transfer_in")
    dialog = open_dialog(qtbot, screen, transfer)
    qtbot.mouseClick(dialog.reverse_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.problem.isVisible())
    assert dialog.isVisible()
    assert dialog.problem.text().startswith("Not reversed: SKU MUG-01 at US-LA on ")
    assert "on hand would go from 15.00000 to -45.00000" in dialog.problem.text()
    assert dialog.buttons.isEnabled()
    with db.sessions() as session:
        assert (
            session.scalar(select(StockMove).where(StockMove.reverses_move_id == transfer)) is None
        )
    dialog.reject()


def test_the_period_lock_moves_the_default_date(qtbot, ctx, screen, world, db):
    lock = TODAY - dt.timedelta(days=5)
    with db.transaction("test") as session:
        settings.put(session, "stock.period_lock", lock.isoformat())
    sale = move_id(db, world.skus["MUG-01"], "sale")
    dialog = open_dialog(qtbot, screen, sale)
    assert dialog.chosen_date() == lock + dt.timedelta(days=1)
    assert dialog.date_edit.minimumDate().toPython() == lock + dt.timedelta(days=1)
    dialog.reject()
