"""The Unmapped SKUs dialog: suggestions accepted in bulk, applied to imported order lines."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import func, select

from desktop_app.core import codes, demo, settings
from desktop_app.core.models import OrderLine
from desktop_app.ui.dialogs.unmapped import UnmappedDialog, unmapped_count
from desktop_app.ui.main_window import MainWindow
from tests.ui.conftest import WINDOW_SIZE, wait_idle

SHOTS = Path("/tmp/shots")


@pytest.fixture
def demo_db(db):
    with db.transaction("test") as session:
        codes.ensure_builtin(session)
        settings.put(session, "backup.on_close", False)
        # The demo's unmapped SKUs are new versions ("X-V2"): with these suffixes set,
        # they get a suggestion (X).
        settings.put(session, "mapping.strip_suffixes", ",".join(f"-V{n}" for n in range(2, 9)))
    demo.generate(db, orders=300, seed=7)
    return db


def make_window(qtbot, db, ui_state):
    win = MainWindow(db, ui_state, actor="test")
    qtbot.addWidget(win)
    win.resize(*WINDOW_SIZE)
    win.show()
    qtbot.waitExposed(win)
    return win


@pytest.fixture
def window(qtbot, demo_db, ui_state, english):
    win = make_window(qtbot, demo_db, ui_state)
    yield win
    if win.isVisible():
        win.close()
    win.tasks.shutdown()


def unmapped_lines(db) -> int:
    with db.sessions() as session:
        query = select(func.count()).select_from(OrderLine).where(OrderLine.sku_id.is_(None))
        return session.execute(query).scalar_one()


def open_dialog(window, qtbot) -> UnmappedDialog:
    window.go_to("orders")
    wait_idle(qtbot, window)
    qtbot.mouseClick(window.orders.unmapped_button, Qt.MouseButton.LeftButton)
    dialog = window.orders.unmapped_dialog
    wait_idle(qtbot, window)
    return dialog


def test_accepting_suggestions_maps_the_order_lines(window, qtbot, demo_db):
    with demo_db.sessions() as session:
        pairs = unmapped_count(session)
    lines_before = unmapped_lines(demo_db)
    assert pairs > 0 and lines_before > 0
    dialog = open_dialog(window, qtbot)
    assert window.orders.unmapped_button.text() == f"Unmapped SKUs ({pairs})…"
    assert dialog.table.rowCount() == pairs
    suggested = [n for n, row in enumerate(dialog.rows) if row.suggestion is not None]
    assert suggested, "the demo data leaves some platform SKUs with a suggestion"
    dialog.accept_suggestions()
    for n in suggested:
        assert dialog.chosen_sku(n) == dialog.rows[n].suggestion.sku_id
    expected_lines = sum(dialog.rows[n].order_lines for n in suggested)
    qtbot.mouseClick(dialog.apply_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, window)
    assert f"{expected_lines} order lines updated" in dialog.status.text().replace(",", "")
    assert unmapped_lines(demo_db) == lines_before - expected_lines
    assert dialog.table.rowCount() == pairs - len(suggested)
    with demo_db.sessions() as session:
        assert unmapped_count(session) == pairs - len(suggested)
    dialog.close()
    wait_idle(qtbot, window)
    assert window.orders.unmapped_button.text() == f"Unmapped SKUs ({pairs - len(suggested)})…"


def test_unknown_sku_is_refused_without_writing(window, qtbot, demo_db):
    lines_before = unmapped_lines(demo_db)
    dialog = open_dialog(window, qtbot)
    dialog.picker(0).setText("NO-SUCH-SKU")
    qtbot.mouseClick(dialog.apply_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, window)
    assert "no SKU with code NO-SUCH-SKU" in dialog.status.text()
    assert unmapped_lines(demo_db) == lines_before


def test_picking_a_sku_with_a_factor(window, qtbot, demo_db):
    dialog = open_dialog(window, qtbot)
    code = next(iter(dialog.sku_by_code))
    row = dialog.rows[0]
    dialog.picker(0).setText(code)
    dialog.factor(0).setText("2")
    qtbot.mouseClick(dialog.apply_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, window)
    with demo_db.sessions() as session:
        lines = session.execute(
            select(OrderLine).where(OrderLine.platform_sku == row.platform_sku)
        ).scalars()
        mapped = [x for x in lines if x.sku_id == dialog.sku_by_code[code]]
    assert len(mapped) >= row.order_lines
    assert all(x.sku_quantity == x.quantity * 2 for x in mapped)


def test_screenshot_in_chinese(qtbot, demo_db, ui_state, chinese):
    win = make_window(qtbot, demo_db, ui_state)
    try:
        dialog = open_dialog(win, qtbot)
        dialog.accept_suggestions()
        qtbot.waitExposed(dialog)
        SHOTS.mkdir(parents=True, exist_ok=True)
        assert dialog.grab().save(str(SHOTS / "unmapped_dialog_zh.png"))
        assert win.grab().save(str(SHOTS / "orders_unmapped_button_zh.png"))
        dialog.close()
    finally:
        win.close()
        win.tasks.shutdown()


def test_opens_from_the_catalogue_too(window, qtbot):
    window.go_to("catalogue")
    wait_idle(qtbot, window)
    dialog = window.catalogue.open_unmapped()
    wait_idle(qtbot, window)
    assert dialog.table.rowCount() == len(dialog.rows) > 0
    dialog.close()
