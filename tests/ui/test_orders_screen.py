"""The Orders screen: lazy table, search, filters, sorting, detail, routing, import and drop."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPoint, Qt, QUrl
from PySide6.QtGui import QDropEvent
from sqlalchemy import func, select

from desktop_app.core import codes, demo, settings
from desktop_app.core.models import Order
from desktop_app.core.services import order_query
from desktop_app.ui.dialogs.import_result import ImportProblemsDialog
from desktop_app.ui.dialogs.order_import import OrderImportDialog
from desktop_app.ui.events import Changes
from desktop_app.ui.main_window import MainWindow
from desktop_app.ui.models import lazy_table
from desktop_app.ui.screens.orders import OrdersScreen
from desktop_app.ui.widgets.data_table import DataTable
from tests.ui.conftest import WINDOW_SIZE, wait_idle

DATA = Path(__file__).resolve().parents[1] / "data" / "orders"
ORDERS = 450  # more than one page of ids (lazy_table.PAGE)


@pytest.fixture
def demo_db(db):
    with db.transaction("test") as session:
        codes.ensure_builtin(session)
        settings.put(session, "backup.on_close", False)
    demo.generate(db, orders=ORDERS, seed=11)
    return db


@pytest.fixture
def window(qtbot, demo_db, ui_state, english):
    win = MainWindow(demo_db, ui_state, actor="test")
    qtbot.addWidget(win)
    win.resize(*WINDOW_SIZE)
    win.show()
    qtbot.waitExposed(win)
    yield win
    if win.isVisible():
        win.close()
    win.tasks.shutdown()


@pytest.fixture
def screen(qtbot, window) -> OrdersScreen:
    window.go_to("orders")
    settle(qtbot, window)
    return window.orders


def settle(qtbot, window) -> None:
    wait_idle(qtbot, window)
    qtbot.waitUntil(lambda: window.orders.model.complete or not window.orders.isVisible())
    wait_idle(qtbot, window)


def shown_ids(screen: OrdersScreen) -> list[int]:
    return list(screen.model.ids())


def expected_ids(db, **kwargs) -> list[int]:
    with db.sessions() as session:
        return list(order_query.order_ids(session, **kwargs))


def test_every_order_newest_first_in_pages(qtbot, window, screen, demo_db):
    assert screen.model.rowCount() == ORDERS
    assert shown_ids(screen) == expected_ids(demo_db)
    assert screen.header.subtitle_label.text() == "450 orders"
    assert len(screen.model._pages) == 1  # only the first page of rows was read
    screen.table.scrollToBottom()
    qtbot.wait(20)
    last = screen.model.data(screen.model.index(ORDERS - 1, 3))
    assert last  # the order id of the oldest order, fetched with its page
    assert len(screen.model._pages) <= lazy_table.MAX_PAGES


def test_the_first_page_paints_before_the_whole_list(qtbot, window):
    inserted, resets = [], []
    model = window.orders.model
    model.rowsInserted.connect(lambda *args: inserted.append(args[1:]))
    model.modelReset.connect(lambda: resets.append(model.rowCount()))
    window.go_to("orders")
    settle(qtbot, window)
    assert resets == [lazy_table.PAGE]  # the first page alone
    assert inserted == [(lazy_table.PAGE, ORDERS - 1)]  # then the rest appended


def test_search_by_order_id_as_you_type_and_escape(qtbot, window, screen, demo_db):
    with demo_db.sessions() as session:
        wanted = session.get(Order, 123).platform_order_id
    screen.focus_search()
    assert screen.search.hasFocus()
    qtbot.keyClicks(screen.search, wanted)
    qtbot.waitUntil(lambda: screen.model.rowCount() == 1)
    assert shown_ids(screen) == [123]
    assert "1 orders" in screen.header.subtitle_label.text()
    qtbot.keyClick(screen.search, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: screen.model.rowCount() == ORDERS)
    assert screen.search.text() == ""


def test_ctrl_f_focuses_the_search(qtbot, window, screen):
    window.activateWindow()
    qtbot.waitActive(window)
    screen.table.setFocus()
    qtbot.keyClick(screen.table, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert screen.search.hasFocus()


def test_filters_narrow_the_list_and_clear(qtbot, window, screen, demo_db):
    screen.platform_filter.set_value("shopee")
    settle(qtbot, window)
    assert shown_ids(screen) == expected_ids(
        demo_db, filters=order_query.OrderFilters(platform="shopee")
    )
    shops = [screen.shop_filter.itemText(i) for i in range(1, screen.shop_filter.count())]
    assert shops and all(name.startswith("Shopee") for name in shops)
    screen.status_filter.set_value("cancelled")
    settle(qtbot, window)
    rows = [screen.model.row_data(r) for r in range(screen.model.rowCount())]
    assert all(r.platform == "shopee" and r.status == "cancelled" for r in rows)
    screen.filters.reset()
    settle(qtbot, window)
    assert screen.model.rowCount() == ORDERS


def test_unmapped_only_and_date_range(qtbot, window, screen, demo_db):
    screen.unmapped_filter.setChecked(True)
    settle(qtbot, window)
    rows = [screen.model.row_data(r) for r in range(screen.model.rowCount())]
    assert rows and all(r.unmapped > 0 for r in rows)
    screen.unmapped_filter.setChecked(False)
    screen.date_filter.set_preset("7d")
    settle(qtbot, window)
    assert 0 < screen.model.rowCount() < ORDERS


def test_header_click_sorts_in_sql_and_is_remembered(qtbot, window, screen, demo_db, ui_state):
    column = screen.model.column_index("total")
    header = screen.table.horizontalHeader()
    qtbot.mouseClick(
        header.viewport(),
        Qt.MouseButton.LeftButton,
        pos=QPoint(header.sectionViewportPosition(column) + 5, header.height() // 2),
    )
    settle(qtbot, window)
    key, ascending = screen.model.sort_key
    assert key == "total"
    assert shown_ids(screen) == expected_ids(demo_db, sort=("total", ascending))
    assert ui_state.view_text("orders/table/sort") == f"total {'asc' if ascending else 'desc'}"


def test_column_chooser_hides_and_remembers(qtbot, window, screen, ui_state):
    chooser = screen.table.chooser
    assert screen.table.isColumnHidden(screen.model.column_index("warehouse"))  # by default
    chooser.set_shown("shop", False)
    assert screen.table.isColumnHidden(screen.model.column_index("shop"))
    menu = chooser.menu()
    assert [a.text() for a in menu.actions()][:3] == ["Ordered", "Platform", "Shop"]
    again = DataTable(screen.model, ui_state, "orders/table")
    qtbot.addWidget(again)
    assert again.isColumnHidden(screen.model.column_index("shop"))
    chooser.restore_defaults()
    assert not screen.table.isColumnHidden(screen.model.column_index("shop"))


def test_detail_pane_shows_the_lines(qtbot, window, screen, demo_db):
    screen.table.selectRow(3)
    order_id = screen.model.id_at(3)
    with demo_db.sessions() as session:
        detail = order_query.order_detail(session, order_id)
    assert screen.detail.lines.rowCount() == len(detail.lines)
    assert detail.row.order_id in screen.detail.summary.text()
    qtbot.keyClick(screen.table, Qt.Key.Key_Return)
    assert screen.detail.lines.hasFocus()


def test_apply_routing_rules_routes_and_refreshes(qtbot, window, screen, demo_db):
    # Demo orders arrive routed, as imported ones do: forget that to see the rules applied.
    with demo_db.engine.begin() as conn:
        conn.exec_driver_sql("UPDATE sales_order SET customs_mode = NULL")
    window.events.emit_changes(Changes(orders=True))
    settle(qtbot, window)
    mode = screen.model.column_index("customs_mode")
    qtbot.waitUntil(lambda: screen.model.index(0, mode).data() == "Not routed")
    qtbot.mouseClick(screen.apply_button, Qt.MouseButton.LeftButton)
    settle(qtbot, window)
    qtbot.waitUntil(lambda: screen.model.index(0, mode).data() != "Not routed")
    with demo_db.sessions() as session:
        unrouted = session.scalar(select(func.count()).where(Order.customs_mode.is_(None)))
    assert unrouted == 0
    assert "Routing rules applied" in window.statusBar().currentMessage()


def test_route_selected_orders_by_hand(qtbot, window, screen, demo_db):
    screen.table.selectRow(0)
    screen.table.selectionModel().select(
        screen.model.index(1, 0),
        screen.table.selectionModel().SelectionFlag.Select
        | screen.table.selectionModel().SelectionFlag.Rows,
    )
    ids = screen.table.selected_ids()
    assert len(ids) == 2 and screen.route_button.isEnabled()
    screen.route_selected()
    dialog = screen.route_dialog
    dialog.mode.setCurrentIndex(dialog.mode.findData("0110"))
    dialog.accept()
    settle(qtbot, window)
    with demo_db.sessions() as session:
        routed = [session.get(Order, i) for i in ids]
        assert all(o.customs_mode == "0110" and o.routing_overridden for o in routed)
    assert "routed by hand" in screen.detail.summary.text()  # the pane follows the change
    screen.release_selected()
    settle(qtbot, window)
    with demo_db.sessions() as session:
        assert not any(session.get(Order, i).routing_overridden for i in ids)


def test_changes_from_elsewhere_refresh_the_table(qtbot, window, screen, demo_db):
    first = screen.model.id_at(0)
    with demo_db.transaction("test") as session:
        session.get(Order, first).ship_country = "ZZZ"
    window.events.emit_changes(Changes(orders=True))
    settle(qtbot, window)
    country = screen.model.column_index("ship_country")
    qtbot.waitUntil(lambda: screen.model.index(0, country).data() == "ZZZ")


def test_import_orders_preview_then_import(qtbot, window, screen, tmp_path):
    path = tmp_path / "amazon_all_orders.txt"
    shutil.copy(DATA / "amazon_all_orders.txt", path)
    dialog = screen.import_file(path)
    qtbot.waitUntil(lambda: dialog.preview is not None, timeout=10_000)
    assert "Amazon export for Amazon US" in dialog.status.text()
    assert dialog.orders.rowCount() == 4
    assert dialog.import_button.isEnabled()
    dialog.import_button.click()
    settle(qtbot, window)
    qtbot.waitUntil(lambda: screen.model.rowCount() == ORDERS + 4)


def test_a_rejected_import_lists_the_bad_rows_and_saves_a_report(qtbot, window, screen, tmp_path):
    from desktop_app.core.services import order_import

    path = tmp_path / "web.csv"
    lines = order_import.template_path().read_text(encoding="utf-8-sig").splitlines()
    lines[3] = lines[3].replace("2024-05-04 09:30:00+08:00", "the fourth of May")
    path.write_text("\n".join(lines), encoding="utf-8")
    dialog = screen.import_file(path)
    dialog.shop.setEditText("Web shop")  # the generic template names no shop
    dialog.run_preview()
    qtbot.waitUntil(lambda: dialog.preview is not None, timeout=10_000)
    assert dialog.preview.bad == 1 and dialog.skip_bad.isVisibleTo(dialog)
    dialog.import_button.click()  # all or nothing: rejected
    wait_idle(qtbot, window)
    problems = screen.findChild(ImportProblemsDialog)
    assert problems is not None and problems.table.rowCount() == 1
    assert problems.table.item(0, 1).text() == "4"
    report = problems.save_report(tmp_path / "errors.xlsx")
    assert report.stat().st_size > 1000
    assert screen.model.rowCount() == ORDERS


def test_dropping_a_file_opens_its_preview(qtbot, window, screen, tmp_path):
    path = tmp_path / "tiktok_us.csv"
    shutil.copy(DATA / "tiktok_us.csv", path)
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    event = QDropEvent(
        screen.rect().center(),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    screen.dropEvent(event)
    dialog = screen.import_dialog
    assert isinstance(dialog, OrderImportDialog) and dialog.path == path
    qtbot.waitUntil(lambda: dialog.preview is not None or "cannot" in dialog.status.text(),
                    timeout=10_000)  # fmt: skip
    dialog.reject()


def test_orders_screenshot_in_chinese(qtbot, qapp, demo_db, ui_state):
    from desktop_app.ui import app as ui_app

    ui_app.install_translators(qapp, "zh_CN")
    try:
        win = MainWindow(demo_db, ui_state, actor="test")
        qtbot.addWidget(win)
        win.resize(*WINDOW_SIZE)
        win.show()
        win.go_to("orders")
        settle(qtbot, win)
        win.orders.table.selectRow(0)
        qtbot.wait(50)
        Path("/tmp/shots").mkdir(exist_ok=True)
        assert win.grab().save("/tmp/shots/orders_zh.png")
        assert win.orders.title() == "订单"
        win.close()
        win.tasks.shutdown()
    finally:
        ui_app.install_translators(qapp, "en")


def test_routing_rules_dialog_adds_changes_and_deletes(qtbot, window, screen, demo_db):
    from desktop_app.core.models import OrderRoutingRule
    from desktop_app.core.services import routing

    screen.edit_rules()
    rules = screen.rules_dialog
    wait_idle(qtbot, window)
    assert rules.table.rowCount() == 0
    rules.edit(None)
    edit = rules.rule_dialog
    edit.platform.setCurrentIndex(edit.platform.findData("shopee"))
    edit.country.setText("sgp")
    edit.mode.setCurrentIndex(edit.mode.findData("0110"))
    edit.save()
    wait_idle(qtbot, window)
    assert rules.table.rowCount() == 1
    assert rules.table.item(0, 3).text() == "SGP"
    rules.table.selectRow(0)
    rules.edit_current()
    edit = rules.rule_dialog
    edit.country.setText("not a country")
    edit.save()
    wait_idle(qtbot, window)
    assert "Ship to: must be a 3-letter" in edit.problem.text()  # shown there, nothing saved
    edit.reject()
    with demo_db.sessions() as session:
        assert [r.ship_country for r in routing.list_rules(session)] == ["SGP"]
    qtbot.mouseClick(screen.apply_button, Qt.MouseButton.LeftButton)
    settle(qtbot, window)
    with demo_db.sessions() as session:
        singapore = session.scalars(
            select(Order).where(Order.ship_country == "SGP", Order.customs_mode.is_not(None))
        ).all()
        assert singapore and all(o.customs_mode == "0110" for o in singapore)
    rules.table.selectRow(0)
    rules.delete_current()
    wait_idle(qtbot, window)
    assert rules.table.rowCount() == 0
    with demo_db.sessions() as session:
        assert session.scalar(select(func.count()).select_from(OrderRoutingRule)) == 0
