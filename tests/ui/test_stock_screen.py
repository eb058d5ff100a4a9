"""The Stock screen: positions in pages, search, filters, valuation at a date, totals, moves."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from PySide6.QtCore import QDate, Qt
from sqlalchemy.orm import Session

from desktop_app.core.services import position_query, stock, stock_query
from desktop_app.core.services.position_query import StockFilters
from desktop_app.ui.events import Changes
from desktop_app.ui.models import lazy_table
from desktop_app.ui.screens.ledger import PositionMovesDialog
from desktop_app.ui.screens.stock import StockScreen
from tests.ui.standalone import settle, show, top_level, wait_idle
from tests.ui.stock_screen_fixtures import (
    FILLERS,
    TODAY,
    make_stock,
)

D = Decimal
POSITIONS = FILLERS + 5  # MUG-01 at CN-SZ and US-LA, CUP-02 at CN-SZ, DE-FBA and US-LA


@pytest.fixture
def world(db):
    return make_stock(db)


@pytest.fixture
def screen(qtbot, ctx, world):
    widget = show(qtbot, StockScreen(ctx), 1100, 760)
    settle(qtbot, ctx, widget.model)
    return widget


def rows(screen: StockScreen) -> list[position_query.StockRow]:
    return [screen.model.row_data(r) for r in range(screen.model.rowCount())]


def labels(screen: StockScreen) -> list[str]:
    return [f"{r.sku_code}@{r.warehouse_code}" for r in rows(screen)]


def expected_ids(db, text: str = "", **filters) -> list[int]:
    with db.sessions() as session:
        return list(position_query.stock_ids(session, text, StockFilters(**filters)))


def test_every_position_by_sku_then_warehouse_in_pages(qtbot, ctx, world, db):
    resets, inserted = [], []
    widget = StockScreen(ctx)
    qtbot.addWidget(widget)
    widget.model.modelReset.connect(lambda: resets.append(widget.model.rowCount()))
    widget.model.rowsInserted.connect(lambda *args: inserted.append(args[1:]))
    widget.show()
    settle(qtbot, ctx, widget.model)
    assert resets == [lazy_table.PAGE]  # the first page paints alone, the rest is appended
    assert inserted == [(lazy_table.PAGE, POSITIONS - 1)]
    assert list(widget.model.ids()) == expected_ids(db)
    assert labels(widget)[:5] == ["CUP-02@CN-SZ", "CUP-02@DE-FBA", "CUP-02@US-LA",
                                  "FILL-000@CN-SZ", "FILL-001@CN-SZ"]  # fmt: skip
    assert widget.header.subtitle_label.text() == f"{POSITIONS} positions (SKU × warehouse)"


def test_columns_show_figures_cover_and_low_stock(screen, world):
    model = screen.model
    row = model.row_of(position_query.position_id(world.skus["MUG-01"], world.la))
    assert row is not None

    def cell(key: str, role=Qt.ItemDataRole.DisplayRole):
        return model.data(model.index(row, model.column_index(key)), role)

    assert [cell(k) for k in ("sku_code", "sku_name", "warehouse", "on_hand", "in_transit",
                              "available", "value", "unit_cost", "days_of_cover")] == [
        "MUG-01", "陶瓷杯", "US-LA", "15", "0", "15", "75.00", "5.00", "10.0",
    ]  # fmt: skip
    assert "Sells 1.5 a day" in cell("days_of_cover", Qt.ItemDataRole.ToolTipRole)
    assert cell("days_of_cover", Qt.ItemDataRole.ForegroundRole) is not None  # low: flagged


def test_search_ctrl_f_and_escape(qtbot, ctx, screen):
    screen.activateWindow()
    qtbot.waitActive(screen)
    screen.table.setFocus()
    qtbot.keyClick(screen.table, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert screen.search.hasFocus()
    qtbot.keyClicks(screen.search, "mug")
    qtbot.waitUntil(lambda: screen.model.rowCount() == 2)
    assert labels(screen) == ["MUG-01@CN-SZ", "MUG-01@US-LA"]
    qtbot.keyClick(screen.search, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: screen.model.rowCount() == POSITIONS)
    screen.search.setText("保温杯")
    screen.search.flush()
    settle(qtbot, ctx, screen.model)
    assert labels(screen) == ["CUP-02@CN-SZ", "CUP-02@DE-FBA", "CUP-02@US-LA"]


def test_warehouse_only_with_stock_and_low_stock(qtbot, ctx, screen, world):
    screen.warehouse_filter.set_value(world.la)
    settle(qtbot, ctx, screen.model)
    assert labels(screen) == ["CUP-02@US-LA", "MUG-01@US-LA"]
    screen.warehouse_filter.reset()
    screen.in_stock_filter.setChecked(True)
    settle(qtbot, ctx, screen.model)
    shown = labels(screen)
    assert "CUP-02@DE-FBA" not in shown  # sold out
    assert "CUP-02@US-LA" in shown  # nothing on hand, 20 in transit
    screen.in_stock_filter.setChecked(False)
    screen.low_filter.setChecked(True)
    settle(qtbot, ctx, screen.model)
    assert labels(screen) == ["MUG-01@US-LA"]
    assert all(r.low for r in rows(screen))
    screen.filters.reset()
    settle(qtbot, ctx, screen.model)
    assert screen.model.rowCount() == POSITIONS


def test_valuation_at_a_past_date(qtbot, ctx, screen, world, db):
    day = TODAY - dt.timedelta(days=30)  # before the MUG-01 sale at LA
    screen.in_stock_filter.setChecked(True)
    screen.as_of.edit.setDate(QDate(day.year, day.month, day.day))
    screen.as_of.check.setChecked(True)
    settle(qtbot, ctx, screen.model)
    with db.sessions() as session:
        expected = {f"{p.sku_code}@{p.warehouse_code}": (p.on_hand, p.value)
                    for p in stock_query.positions(session, as_of=day)}  # fmt: skip
    shown = {f"{r.sku_code}@{r.warehouse_code}": (r.on_hand, r.value) for r in rows(screen)}
    assert shown == expected
    assert shown["MUG-01@US-LA"] == (D(60), D("300.00"))
    assert "FILL-000@CN-SZ" not in shown  # received three days ago
    column = screen.model.column_index("in_transit")
    assert screen.model.data(screen.model.index(0, column)) == "—"
    units = sum(q for q, _v in expected.values())
    assert screen.totals.text().startswith(
        f"At the end of {day.isoformat()}, {len(expected)} positions: {units:,.0f} units on hand"
    )
    screen.as_of.reset()
    settle(qtbot, ctx, screen.model)
    assert dict(zip(labels(screen), [r.on_hand for r in rows(screen)], strict=True))[
        "MUG-01@US-LA"
    ] == D(15)


def test_totals_under_the_table(qtbot, ctx, screen, world, db):
    with db.sessions() as session:
        every = stock_query.stock_totals(session)
    assert screen.totals.text() == (
        f"Total of {POSITIONS} positions: {every['on_hand_units']:,} units on hand, "
        f"{every['in_transit_units']} in transit, value {D(every['value_cny']):,} CNY"
    )
    screen.warehouse_filter.set_value(world.la)
    settle(qtbot, ctx, screen.model)
    assert screen.totals.text() == (
        "Total of 2 positions: 15 units on hand, 20 in transit, value 75.00 CNY"
    )


def test_enter_opens_the_moves_of_the_position(qtbot, ctx, screen, world):
    assert not screen.moves_button.isEnabled()
    position = position_query.position_id(world.skus["MUG-01"], world.la)
    assert screen.table.select_id(position)
    assert screen.moves_button.isEnabled()
    screen.table.setFocus()
    qtbot.keyClick(screen.table, Qt.Key.Key_Return)
    dialogs = top_level(PositionMovesDialog)
    assert len(dialogs) == 1
    dialog = dialogs[0]
    settle(qtbot, ctx, dialog.model)
    moves = [dialog.model.row_data(r) for r in range(dialog.model.rowCount())]
    assert [(m.kind, m.quantity) for m in moves] == [("sale", D(-45)), ("transfer_in", D(60))]
    assert dialog.windowTitle() == "Moves of MUG-01 @ US-LA"
    assert dialog.table.isColumnHidden(dialog.model.column_index("sku"))
    dialog.close()


def test_a_stock_change_refreshes_the_figures(qtbot, ctx, screen, world):
    position = position_query.position_id(world.skus["MUG-01"], world.la)

    def sell(session: Session, job) -> None:
        stock.post_move(session, sku_id=world.skus["MUG-01"], warehouse_id=world.la,
                        kind="sale", quantity=D(-5), move_date=TODAY)  # fmt: skip

    ctx.tasks.write(sell, parent=screen, changes=Changes(stock=True))
    wait_idle(qtbot, ctx)
    qtbot.waitUntil(lambda: screen.model.row_data(screen.model.row_of(position)).on_hand == 10)
    qtbot.waitUntil(lambda: "units on hand" in screen.totals.text())
