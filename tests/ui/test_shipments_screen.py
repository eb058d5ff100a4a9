"""The Shipments screen: list, filters, detail, and a shipment's whole life through the dialogs."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox

from desktop_app.core.models import Shipment, StockMove
from desktop_app.core.services import shipments, stock
from desktop_app.core.services.shipment_query import IN_TRANSIT
from desktop_app.core.services.shipments import CostDraft
from desktop_app.ui.screens.shipments import ShipmentsScreen
from tests.ui.shipment_fixtures import TODAY, make_world
from tests.ui.standalone import settle, show, wait_idle

D = Decimal


@pytest.fixture
def world(db):
    return make_world(db)


@pytest.fixture
def screen(qtbot, ctx, world):
    widget = show(qtbot, ShipmentsScreen(ctx), 1200, 800)
    settle(qtbot, ctx, widget.model)
    return widget


def draft(db, world, lines, **header) -> int:
    with db.transaction("test") as session:
        return shipments.create_shipment(
            session, origin_warehouse_id=world.sz, destination_warehouse_id=world.us,
            lines=lines, **header,
        ).id  # fmt: skip


def shipped(db, world, lines, days_ago: int = 20, **header) -> int:
    shipment_id = draft(db, world, lines, **header)
    with db.transaction("test") as session:
        shipments.ship(session, shipment_id, TODAY - dt.timedelta(days=days_ago))
    return shipment_id


def status_of(db, shipment_id: int) -> str:
    with db.sessions() as session:
        return session.get(Shipment, shipment_id).status


def balance(db, sku_id: int, warehouse_id: int):
    with db.sessions() as session:
        b = stock.get_balance(session, sku_id, warehouse_id)
        return b.on_hand, b.in_transit


def shown_refs(screen: ShipmentsScreen) -> list[str]:
    return [screen.model.row_data(n).ref for n in range(screen.model.rowCount())]


def test_lists_shipments_with_their_totals(qtbot, db, world, screen):
    lamp, case = world.skus["LAMP-01"], world.skus["CASE-02"]
    first = draft(db, world, [(lamp, 10, None), (case, 5, None)], ref="FL-A")
    shipped(db, world, [(lamp, 3, None)], ref="FL-B", carrier="COSCO")
    screen.refresh(None)
    settle(qtbot, screen.ctx, screen.model)
    assert shown_refs(screen) == ["FL-B", "FL-A"]  # newest reference first
    assert screen.header.subtitle_label.text() == "2 shipments"
    row = screen.model.row_data(1)
    assert (row.id, row.lines, row.units, row.origin, row.destination) == (
        first,
        2,
        D(15),
        "SZ",
        "US-3PL",
    )
    status = screen.model.data(screen.model.index(0, screen.model.column_index("status")))
    assert status == "Shipped"


def test_status_and_warehouse_filters_and_search(qtbot, db, world, screen):
    lamp, cable = world.skus["LAMP-01"], world.skus["CABLE-03"]
    draft(db, world, [(lamp, 1, None)], ref="FL-DRAFT")
    shipped(db, world, [(cable, 2, None)], ref="FL-GONE", tracking_no="MAEU123")
    with db.transaction("test") as session:
        shipments.create_shipment(session, origin_warehouse_id=world.sz,
                                  destination_warehouse_id=world.de, lines=[(lamp, 1, None)],
                                  ref="FL-DE")  # fmt: skip
    screen.refresh(None)
    settle(qtbot, screen.ctx, screen.model)
    screen.status_filter.set_value(IN_TRANSIT)
    settle(qtbot, screen.ctx, screen.model)
    assert shown_refs(screen) == ["FL-GONE"]
    screen.filters.reset()
    screen.warehouse_filter.set_value(world.de)
    settle(qtbot, screen.ctx, screen.model)
    assert shown_refs(screen) == ["FL-DE"]
    screen.filters.reset()
    settle(qtbot, screen.ctx, screen.model)
    for text, expected in (
        ("maeu", ["FL-GONE"]),
        ("CABLE-03", ["FL-GONE"]),
        ("fl-d", ["FL-DRAFT", "FL-DE"]),
    ):
        screen.search.setText(text)
        screen.search.flush()
        settle(qtbot, screen.ctx, screen.model)
        assert shown_refs(screen) == expected, text


def test_the_buttons_follow_the_status(qtbot, db, world, screen):
    lamp = world.skus["LAMP-01"]
    a = draft(db, world, [(lamp, 1, None)], ref="FL-1")
    b = shipped(db, world, [(lamp, 1, None)], ref="FL-2")
    screen.refresh(None)
    settle(qtbot, screen.ctx, screen.model)
    enabled = lambda: {k for k, b in screen.buttons.items() if b.isEnabled()}  # noqa: E731
    assert screen.table.select_id(a)
    assert enabled() == {"new", "edit", "ship", "cancel", "costs", "suggest"}
    assert screen.table.select_id(b)
    assert enabled() == {"new", "edit", "receive", "close", "costs", "suggest"}
    assert "FL-2" in screen.detail_pane.summary.text()


def test_create_ship_and_receive_with_a_shortage_through_the_dialogs(qtbot, db, world, screen):
    lamp, case = world.skus["LAMP-01"], world.skus["CASE-02"]
    screen.setFocus()
    qtbot.keyClick(screen, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    editor = screen.edit_dialog
    assert editor.windowTitle() == "New shipment"
    assert editor.combos["origin_warehouse_id"].currentData() == world.sz  # the domestic one
    destination = editor.combos["destination_warehouse_id"]
    destination.setCurrentIndex(destination.findData(world.us))
    editor.lines.removeRow(0)
    for sku_id, quantity in ((lamp, "100"), (case, "40")):
        row = editor.add_line(sku_id, quantity)
        editor._default_cost(row)
    assert editor.lines.text(0, "unit_cost") == "30.0000"  # the factory's average cost
    editor.add_carton(carton_no="1-4", carton_count="4", length_cm="60", width_cm="40",
                      height_cm="40", gross_weight_kg="35")  # fmt: skip
    editor.texts["carrier"].setText("COSCO")
    editor.save()
    wait_idle(qtbot, screen.ctx)
    settle(qtbot, screen.ctx, screen.model)
    shipment_id = screen.detail.row.id
    assert screen.detail.row.status == "draft" and screen.detail.carrier == "COSCO"
    assert [(ln.sku_code, ln.quantity) for ln in screen.detail.lines] == [
        ("LAMP-01", D(100)),
        ("CASE-02", D(40)),
    ]

    screen.ship_current()
    screen.date_dialog.day.setDate(TODAY - dt.timedelta(days=10))
    screen.date_dialog.accept()
    settle(qtbot, screen.ctx, screen.model)
    assert status_of(db, shipment_id) == "shipped"
    assert balance(db, lamp, world.sz) == (D(400), D(0))
    assert balance(db, lamp, world.us) == (D(0), D(100))

    screen.receive_current()
    receive = screen.receive_dialog
    receive.table.set_text(0, "now", "60")  # 40 lamps still to come; the cases all arrive
    assert "40 units stay in transit" in receive.totals.text()
    receive.post()
    settle(qtbot, screen.ctx, screen.model)
    assert status_of(db, shipment_id) == "partially_received"
    assert balance(db, lamp, world.us) == (D(60), D(40))
    assert screen.detail.row.status == "partially_received"

    screen.receive_current()
    receive = screen.receive_dialog
    assert receive.table.text(0, "outstanding") == "40"
    receive.table.set_text(0, "now", "37")
    receive.close_box.setChecked(True)
    assert "3 units will be recorded as short" in receive.totals.text()
    assert receive.table.text(0, "after") == "3 short"
    receive.post()
    settle(qtbot, screen.ctx, screen.model)
    assert status_of(db, shipment_id) == "received"
    assert balance(db, lamp, world.us) == (D(97), D(0))
    short = [d for d in screen.detail.discrepancies if d.kind == "shortage"]
    assert [(d.sku_code, d.difference) for d in short] == [("LAMP-01", D(-3))]
    tab = screen.detail_pane.tabs.tabText(3)
    assert tab == "Discrepancies (1)"
    assert screen.detail_pane.discrepancies.item(0, 4).text() == "Short"


def test_costs_allocated_and_landed_through_the_costs_dialog(qtbot, db, world, screen):
    lamp, case = world.skus["LAMP-01"], world.skus["CASE-02"]
    shipment_id = shipped(db, world, [(lamp, 10, None), (case, 10, None)], ref="FL-C")
    screen.refresh(None)
    settle(qtbot, screen.ctx, screen.model)
    screen.table.select_id(shipment_id)
    screen.edit_costs()
    costs = screen.costs_dialog
    costs.add_cost("freight", "sea", "100", "USD", "7.2")
    costs.basis.setCurrentIndex(costs.basis.findData("quantity"))
    costs.update_preview()
    assert costs.table.text(0, "cny") == ""  # the empty row the dialog starts with
    assert costs.table.text(1, "cny") == "720.00"
    assert costs.preview.parts == [D("360.00"), D("360.00")]
    assert "720.00 CNY allocated by quantity" in costs.summary.text()
    costs.save()
    settle(qtbot, screen.ctx, screen.model)
    assert [c.amount_cny for c in screen.detail.costs] == [D("720.00")]
    assert screen.detail.allocation_basis == "quantity"
    assert [ln.landed_unit_cost for ln in screen.detail.lines] == [D("66.0000"), D("40.5000")]
    with db.transaction("test") as session:
        shipments.receive(session, shipment_id, None, TODAY)
    screen.refresh(None)
    settle(qtbot, screen.ctx, screen.model)
    screen.edit_costs()
    assert not screen.costs_dialog.editable  # the receipt fixed the landed cost
    with db.sessions() as session:
        moves = session.query(StockMove).filter_by(kind="transfer_in", sku_id=lamp).all()
    assert [m.unit_cost for m in moves] == [D("66.0000")]


def test_cancel_a_draft_after_confirming(qtbot, db, world, screen):
    shipment_id = draft(db, world, [(world.skus["LAMP-01"], 1, None)], ref="FL-X")
    screen.refresh(None)
    settle(qtbot, screen.ctx, screen.model)
    screen.table.select_id(shipment_id)
    screen.cancel_current()
    screen.confirm_box.yes_button.click()
    settle(qtbot, screen.ctx, screen.model)
    assert status_of(db, shipment_id) == "cancelled"
    assert not screen.buttons["edit"].isEnabled()


def test_enter_opens_the_editor_of_the_selected_shipment(qtbot, db, world, screen):
    shipment_id = shipped(db, world, [(world.skus["LAMP-01"], 2, None)], ref="FL-E",
                          costs=[CostDraft("fee", "50")])  # fmt: skip
    screen.refresh(None)
    settle(qtbot, screen.ctx, screen.model)
    screen.table.select_id(shipment_id)
    qtbot.keyClick(screen.table, Qt.Key.Key_Return)
    editor = screen.edit_dialog
    assert editor.windowTitle() == "Shipment FL-E"
    picker = editor.lines.widget(0, "sku")
    assert isinstance(picker, QComboBox) and not picker.isEnabled()  # shipped: lines fixed
    editor.texts["tracking_no"].setText("MSKU7654321")
    editor.save()
    settle(qtbot, screen.ctx, screen.model)
    assert screen.detail.tracking_no == "MSKU7654321"
