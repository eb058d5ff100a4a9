"""Settings → Warehouses: the list, new and edited warehouses with problems on their fields,
switching one off, and the stock rules."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QDate, Qt

from desktop_app.core import settings
from desktop_app.core.services import warehouses
from desktop_app.ui.screens.settings_warehouses import WarehouseDialog, WarehousesPanel
from tests.ui.standalone import top_level, wait_idle
from tests.ui.stock_screen_fixtures import make_stock


@pytest.fixture
def world(db):
    return make_stock(db)


@pytest.fixture
def panel(qtbot, ctx, world):
    widget = WarehousesPanel(ctx)
    qtbot.addWidget(widget)
    widget.resize(1000, 700)
    widget.show()
    widget.reload()
    wait_idle(qtbot, ctx)
    return widget


def cells(panel: WarehousesPanel, row: int) -> list[str]:
    return [panel.table.item(row, c).text() for c in range(panel.table.columnCount())]


def codes_listed(panel: WarehousesPanel) -> list[str]:
    return [panel.table.item(r, 0).text() for r in range(panel.table.rowCount())]


def save(qtbot, ctx, dialog: WarehouseDialog) -> None:
    dialog.save()
    wait_idle(qtbot, ctx)


def test_lists_the_warehouses_with_their_stock(panel):
    assert codes_listed(panel) == ["CN-SZ", "DE-FBA", "US-LA"]
    assert cells(panel, 2) == ["US-LA", "美国洛杉矶仓", "Overseas warehouse (3PL)", "USA", "USD",
                               "", "In use", "15", "20", "75.00"]  # fmt: skip
    assert cells(panel, 1)[2] == "Platform warehouse (FBA)"
    assert not panel.edit_button.isEnabled()
    panel.table.selectRow(0)
    assert panel.edit_button.isEnabled()


def test_a_new_warehouse_shows_each_problem_on_its_field(qtbot, ctx, panel, db):
    dialog = panel.edit(None)
    assert isinstance(dialog, WarehouseDialog)
    assert dialog.windowTitle() == "New warehouse"
    dialog.editors["code"].setText("us-la")  # taken, whatever the case
    dialog.editors["kind"].setCurrentIndex(dialog.editors["kind"].findData("overseas_3pl"))
    dialog.editors["country"].setEditText("CHN")
    dialog.editors["currency"].setEditText("XYZ")
    save(qtbot, ctx, dialog)
    assert dialog.isVisible()
    problems = {name: box.problem() for name, box in dialog.boxes.items() if box.problem()}
    assert problems == {
        "code": "another warehouse has this code",
        "name": "required",
        "country": "an overseas warehouse is outside China",
        "currency": "not a known currency (e.g. USD)",
    }
    assert dialog.summary.text() == "Not saved: 4 problem(s) to fix."
    dialog.editors["code"].setText("UK-3PL")
    dialog.editors["name"].setText("英国海外仓")
    country = dialog.editors["country"]
    country.setCurrentIndex(country.findData("GBR"))
    dialog.editors["currency"].setEditText("GBP")
    dialog.editors["provider"].setText("Thames Fulfilment Ltd")
    save(qtbot, ctx, dialog)
    assert not top_level(WarehouseDialog)
    wait_idle(qtbot, ctx)
    assert codes_listed(panel) == ["CN-SZ", "DE-FBA", "UK-3PL", "US-LA"]
    with db.sessions() as session:
        made = warehouses.find_warehouse(session, "UK-3PL")
        assert (made.country, made.currency, made.provider, made.active) == (
            "GBR", "GBP", "Thames Fulfilment Ltd", True,
        )  # fmt: skip


def test_switching_off_a_warehouse_that_holds_stock_is_refused_on_the_field(
    qtbot, ctx, panel, world, db
):
    panel.table.selectRow(2)
    qtbot.mouseClick(panel.edit_button, Qt.MouseButton.LeftButton)
    dialog = panel.dialog
    assert dialog.windowTitle() == "Edit warehouse"
    assert dialog.editors["code"].text() == "US-LA"
    dialog.editors["name"].setText("美国洛杉矶仓 (新)")
    dialog.editors["active"].setChecked(False)
    save(qtbot, ctx, dialog)
    assert dialog.isVisible()
    assert dialog.boxes["active"].problem().startswith("2 SKUs still there (15 units on hand")
    assert dialog.boxes["name"].problem() == ""
    with db.sessions() as session:  # nothing written: the name change went with the refusal
        assert warehouses.get_warehouse(session, world.la).name == "美国洛杉矶仓"
    dialog.editors["active"].setChecked(True)
    save(qtbot, ctx, dialog)
    assert not top_level(WarehouseDialog)
    with db.sessions() as session:
        assert warehouses.get_warehouse(session, world.la).name == "美国洛杉矶仓 (新)"


def test_an_empty_warehouse_can_be_switched_off(qtbot, ctx, panel, world, db):
    panel.table.selectRow(1)  # DE-FBA: sold out
    dialog = panel.edit(panel.current_id())
    dialog.editors["active"].setChecked(False)
    save(qtbot, ctx, dialog)
    wait_idle(qtbot, ctx)
    assert cells(panel, 1)[6] == "Switched off"
    with db.sessions() as session:
        assert not warehouses.get_warehouse(session, world.de).active


def test_stock_rules_are_saved(qtbot, ctx, panel, db):
    assert panel.cost_combo.currentData() == "moving_average"
    assert not panel.lock_check.isChecked()
    panel.cost_combo.setCurrentIndex(panel.cost_combo.findData("fifo"))
    panel.negative_combo.setCurrentIndex(panel.negative_combo.findData("warn"))
    panel.lock_check.setChecked(True)
    panel.lock_date.setDate(QDate(2026, 1, 31))
    qtbot.mouseClick(panel.save_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, ctx)
    assert panel.rules_note.text() == "Saved."
    with db.sessions() as session:
        stored = settings.get_all(session)
    assert (stored["stock.cost_method"], stored["stock.negative"], stored["stock.period_lock"]) == (
        "fifo", "warn", "2026-01-31",
    )  # fmt: skip
    panel.lock_check.setChecked(False)
    panel.save_rules()
    wait_idle(qtbot, ctx)
    with db.sessions() as session:
        assert settings.get(session, "stock.period_lock") == ""
