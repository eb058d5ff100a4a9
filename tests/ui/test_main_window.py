"""The main window: screens, shortcuts, the status bar, remembered layout, backup on close."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from desktop_app.core import settings
from desktop_app.core.services import backup
from desktop_app.paths import backups_dir
from desktop_app.ui.main_window import MainWindow
from desktop_app.ui.screens.catalogue import CatalogueScreen
from desktop_app.ui.screens.deadlines import DeadlinesScreen
from desktop_app.ui.screens.declarations import DeclarationsScreen
from desktop_app.ui.screens.documents import DocumentsScreen
from desktop_app.ui.screens.fx import FxScreen
from desktop_app.ui.screens.home import HomeScreen
from desktop_app.ui.screens.invoices import InvoicesScreen
from desktop_app.ui.screens.ledger import LedgerScreen
from desktop_app.ui.screens.orders import OrdersScreen
from desktop_app.ui.screens.rebate import RebateScreen
from desktop_app.ui.screens.rebate_calculator import RebateCalculatorScreen
from desktop_app.ui.screens.reports import ReportsScreen
from desktop_app.ui.screens.settings import SettingsScreen
from desktop_app.ui.screens.shipments import ShipmentsScreen
from desktop_app.ui.screens.stock import StockScreen
from desktop_app.ui.screens.stocktakes import StocktakesScreen
from tests.ui.conftest import wait_idle


def test_each_screen_is_reachable_from_the_sidebar(window, qtbot):
    names = [window.nav.item(i).text() for i in range(window.nav.count())]
    assert names == [
        "Home", "Orders", "Catalogue", "Stock", "Shipments", "Stocktakes", "Stock ledger",
        "Declarations", "Purchase invoices", "Rebate batches", "FX receipts", "Filing documents",
        "Deadlines", "Rebate calculator", "Reports", "Settings",
    ]  # fmt: skip
    assert isinstance(window.current_screen(), HomeScreen)
    kinds = (
        HomeScreen, OrdersScreen, CatalogueScreen, StockScreen, ShipmentsScreen,
        StocktakesScreen, LedgerScreen, DeclarationsScreen, InvoicesScreen, RebateScreen, FxScreen,
        DocumentsScreen, DeadlinesScreen, RebateCalculatorScreen, ReportsScreen, SettingsScreen,
    )  # fmt: skip
    for row, kind in enumerate(kinds):
        window.nav.setCurrentRow(row)
        wait_idle(qtbot, window)
        assert isinstance(window.current_screen(), kind)
    window.nav.setCurrentRow(0)
    assert isinstance(window.current_screen(), HomeScreen)


def test_keyboard_shortcuts_switch_screens(window, qtbot):
    window.activateWindow()
    qtbot.waitActive(window)
    qtbot.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert window.stack.currentIndex() == 1
    qtbot.keyClick(window, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert window.stack.currentIndex() == 0


def test_ctrl_q_closes(window, qtbot):
    window.activateWindow()
    qtbot.waitActive(window)
    qtbot.keyClick(window, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)
    assert not window.isVisible()


def test_status_bar_names_database_and_revision(window, db):
    text = window.database_label.text()
    assert str(db.path) in text
    assert db.revision() in text


def test_home_shows_counts_and_refreshes_on_f5(window, qtbot, db):
    home = window.home
    assert home.count_of("skus") == 0
    assert home.demo_button.isVisible()
    with db.transaction("test") as session:
        from desktop_app.core.models import Warehouse

        session.add(
            Warehouse(code="US-01", name="LA warehouse", kind="overseas_3pl", country="USA")
        )
    qtbot.keyClick(window, Qt.Key.Key_F5)
    wait_idle(qtbot, window)
    assert home.count_of("warehouses") == 1
    shown = {
        home.counts_table.item(r, 0).data(Qt.ItemDataRole.UserRole): home.counts_table.item(
            r, 1
        ).text()
        for r in range(home.counts_table.rowCount())
    }
    assert shown["warehouses"] == "1"
    assert shown["skus"] == "0"
    assert int(shown["audit_events"].replace(",", "")) > 0
    assert home.database_card.values["file"].text() == str(db.path)


def test_geometry_and_screen_are_remembered(qtbot, db, ui_state, english):
    first = MainWindow(db, ui_state)
    qtbot.addWidget(first)
    first.resize(760, 560)
    first.show()
    first.nav.setCurrentRow(1)
    wait_idle(qtbot, first)
    size = (first.width(), first.height())  # the window's minimum size may have widened it
    first.close()

    second = MainWindow(db, ui_state)
    qtbot.addWidget(second)
    assert second.stack.currentIndex() == 1
    assert (second.width(), second.height()) == size
    second.close()


def test_close_makes_the_daily_backup(window, db, blocking_boxes):
    window.close()
    made = list(backups_dir().glob("*-auto-*.sqlite"))
    assert len(made) == 1
    assert not blocking_boxes
    with db.sessions() as session:
        assert settings.get(session, "backup.last_at")


def test_close_skips_backup_when_switched_off(window, db):
    with db.transaction("test") as session:
        settings.put(session, "backup.on_close", False)
    window.close()
    assert not list(backups_dir().glob("*-auto-*.sqlite"))


def test_failed_backup_on_close_is_shown_but_closes(window, monkeypatch, blocking_boxes):
    def broken(db, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(backup, "auto_backup", broken)
    window.close()
    assert not window.isVisible()
    assert len(blocking_boxes) == 1
    kind, _title, text = blocking_boxes[0]
    assert kind == "warning" and "disk full" in text


def test_back_up_now(window, qtbot, db):
    home = window.home
    assert home.database_card.values["backup"].text() == "Never"
    qtbot.mouseClick(home.backup_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, window)
    qtbot.waitUntil(lambda: home.database_card.values["backup"].text() != "Never")
    assert len(list(backups_dir().glob("*-auto-*.sqlite"))) == 1
    boxes = [w for w in home.findChildren(QMessageBox) if w.isVisible()]
    assert boxes and "auto" in boxes[0].text()
    boxes[0].close()
    today = dt.datetime.now().strftime("%Y-%m-%d")
    assert home.database_card.values["backup"].text().startswith(today)


def test_load_demo_data_fills_the_database_and_hides_the_button(window, qtbot):
    home = window.home
    assert home.demo_button.isVisible()
    qtbot.mouseClick(home.demo_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, window, timeout=60_000)
    assert home.count_of("skus") > 0 and home.count_of("orders") == 5000
    assert not home.demo_button.isVisible()
    assert home.company_card.values["name"].text()  # the demo company profile


def test_loading_demo_data_into_a_full_database_is_a_warning(window, qtbot, monkeypatch):
    home = window.home
    home.load_demo()
    wait_idle(qtbot, window, timeout=60_000)
    home.load_demo()  # a second time: the core refuses, nothing is written
    wait_idle(qtbot, window, timeout=60_000)
    boxes = [b for b in home.findChildren(QMessageBox) if b.isVisible()]
    assert len(boxes) == 1 and boxes[0].icon() == QMessageBox.Icon.Warning
    boxes[0].close()
    assert home.count_of("orders") == 5000


def test_quantities_stay_decimal():
    # the size label is the only float in the UI, and it is display-only
    from desktop_app.ui.screens.home import format_size

    assert format_size(0) == "0 B"
    assert format_size(1536) == "1.5 KB"
    assert format_size(None) == "—"
    assert Decimal("1") == 1
