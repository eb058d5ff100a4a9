"""The shipment dialogs on their own: problems shown on the rows they name, the receive
dialog's live shortages and overages, costs in foreign currency, replenishment to a draft."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from PySide6.QtWidgets import QComboBox

from desktop_app.core.models import Shipment
from desktop_app.core.services import shipment_query, shipments, stock
from desktop_app.ui.dialogs.replenishment import ReplenishmentDialog
from desktop_app.ui.dialogs.shipment_costs import CostsDialog
from desktop_app.ui.dialogs.shipment_edit import ShipmentEditDialog
from desktop_app.ui.dialogs.shipment_receive import ReceiveDialog
from desktop_app.ui.screens.shipments import ShipmentsScreen
from tests.ui.shipment_fixtures import TODAY, make_world
from tests.ui.standalone import wait_idle

D = Decimal


@pytest.fixture
def world(db):
    return make_world(db)


def editor(qtbot, ctx, shipment_id=None) -> ShipmentEditDialog:
    dialog = ShipmentEditDialog(ctx, shipment_id)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def detail(db, shipment_id):
    with db.sessions() as session:
        return shipment_query.shipment_detail(session, shipment_id)


def make_shipped(db, world, lines, **header) -> int:
    with db.transaction("test") as session:
        shipment = shipments.create_shipment(
            session, origin_warehouse_id=world.sz, destination_warehouse_id=world.us,
            lines=lines, **header,
        )  # fmt: skip
        shipments.ship(session, shipment.id, TODAY - dt.timedelta(days=5))
        return shipment.id


def shipment_count(db) -> int:
    with db.sessions() as session:
        return session.query(Shipment).count()


def test_problems_show_on_the_rows_and_fields_they_name(qtbot, ctx, db, world):
    dialog = editor(qtbot, ctx)
    lamp = world.skus["LAMP-01"]
    same = dialog.combos["destination_warehouse_id"]
    same.setCurrentIndex(same.findData(world.sz))  # to where it comes from
    dialog.lines.set_text(0, "quantity", "0")
    dialog.lines.widget(0, "sku").setCurrentIndex(dialog._sku_index(lamp))
    dialog.add_line(lamp, "abc")  # the same SKU again, and not a number
    unknown = dialog.add_line(None, "5")
    dialog.lines.widget(unknown, "sku").setEditText("NO-SUCH-SKU")
    dialog.add_carton(carton_no="1", carton_count="x", length_cm="60", width_cm="40",
                      height_cm="40", gross_weight_kg="12")  # fmt: skip
    dialog.save()
    wait_idle(qtbot, ctx)
    assert dialog.isVisible()  # nothing was saved
    assert shipment_count(db) == 0
    assert dialog.boxes["destination_warehouse_id"].problem() == "the same as the origin"
    assert dialog.lines.is_marked(0, "quantity")
    assert dialog.lines.item(0, dialog.lines.column("quantity")).toolTip() == "must be more than 0"
    assert dialog.lines.is_marked(1, "sku") and dialog.lines.is_marked(1, "quantity")
    assert dialog.lines.is_marked(2, "sku") and not dialog.lines.is_marked(2, "quantity")
    assert dialog.cartons.is_marked(0, "carton_count")
    summary = dialog.summary.text()
    assert "• Line 1 · Quantity: must be more than 0" in summary
    assert "• Line 2 · SKU: SKU LAMP-01 is on an earlier line" in summary
    assert "• Line 3 · SKU: choose a SKU from the list" in summary
    assert "• Cartons row 1 · Count: must be a whole number above 0" in summary

    same.setCurrentIndex(same.findData(world.us))
    dialog.lines.set_text(0, "quantity", "12")
    dialog.lines.removeRow(2)
    dialog.lines.removeRow(1)
    dialog.cartons.set_text(0, "carton_count", "2")
    with qtbot.waitSignal(dialog.saved) as saved:
        dialog.save()
    wait_idle(qtbot, ctx)
    made = detail(db, saved.args[0])
    assert [(ln.sku_code, ln.quantity) for ln in made.lines] == [("LAMP-01", D(12))]
    assert made.cartons[0].carton_count == 2
    assert made.row.ref.startswith(f"FL-{TODAY.year}-")


def test_a_picked_sku_gets_the_origins_unit_cost_unless_one_was_typed(qtbot, ctx, db, world):
    with db.transaction("test") as session:  # the average moves off the purchase price
        stock.post_move(session, sku_id=world.skus["CASE-02"], warehouse_id=world.sz,
                        kind="receipt", quantity=D(500), move_date=TODAY,
                        unit_cost=D("5.50"))  # fmt: skip
    dialog = editor(qtbot, ctx)
    picker = dialog.lines.widget(0, "sku")
    assert isinstance(picker, QComboBox)
    picker.setCurrentIndex(dialog._sku_index(world.skus["CASE-02"]))
    assert dialog.lines.text(0, "unit_cost") == "5.0000"
    dialog.lines.set_text(0, "unit_cost", "4.80")
    picker.setCurrentIndex(dialog._sku_index(world.skus["LAMP-01"]))
    assert dialog.lines.text(0, "unit_cost") == "4.80"  # typed by hand: kept
    picker.setEditText("CABLE-03")  # a code typed in full also picks the SKU
    assert dialog.chosen_sku(0) == world.skus["CABLE-03"]


def test_a_shipped_shipment_keeps_its_lines_but_takes_new_references(qtbot, ctx, db, world):
    shipment_id = make_shipped(db, world, [(world.skus["LAMP-01"], 4, None)], ref="FL-S")
    dialog = editor(qtbot, ctx, shipment_id)
    assert not dialog.combos["origin_warehouse_id"].isEnabled()
    assert not dialog.add_line_button.isEnabled()
    assert dialog.add_carton_button.isEnabled()  # cartons weigh in until the first receipt
    dialog.texts["booking_no"].setText("SZX-889")
    dialog.expected_on.setChecked(True)
    with qtbot.waitSignal(dialog.saved):
        dialog.save()
    wait_idle(qtbot, ctx)
    saved = detail(db, shipment_id)
    assert saved.booking_no == "SZX-889"
    assert saved.row.expected_date == TODAY + dt.timedelta(days=30)
    assert saved.row.status == "shipped"


def test_the_receive_dialog_shows_overages_and_refuses_bad_counts(qtbot, ctx, db, world):
    lamp, case = world.skus["LAMP-01"], world.skus["CASE-02"]
    shipment_id = make_shipped(db, world, [(lamp, 10, None), (case, 6, None)])
    dialog = ReceiveDialog(ctx, detail(db, shipment_id))
    qtbot.addWidget(dialog)
    dialog.show()
    assert [dialog.table.text(r, "now") for r in range(2)] == ["10", "6"]
    assert dialog.totals.text() == "Receiving 16 units."
    dialog.table.set_text(0, "now", "12")
    assert dialog.table.text(0, "after") == "2 over"
    assert "2 units more than shipped (an overage)" in dialog.totals.text()
    dialog.table.set_text(1, "now", "six")
    assert dialog.table.text(1, "after") == "not a count"
    assert not dialog.receive_button.isEnabled()
    dialog.table.set_text(1, "now", "0")
    assert dialog.table.text(1, "after") == "6 to come"
    with qtbot.waitSignal(dialog.received):
        dialog.post()
    wait_idle(qtbot, ctx)
    after = detail(db, shipment_id)
    assert after.row.status == "partially_received"
    assert [(d.sku_code, d.kind, d.difference) for d in after.discrepancies] == [
        ("LAMP-01", "overage", D(2)),
        ("CASE-02", "outstanding", D(-6)),
    ]


def test_closing_with_nothing_more_received_records_the_shortage(qtbot, ctx, db, world):
    shipment_id = make_shipped(db, world, [(world.skus["LAMP-01"], 10, None)])
    with db.transaction("test") as session:
        shipments.receive(session, shipment_id, {world.skus["LAMP-01"]: D(7)}, TODAY)
    dialog = ReceiveDialog(ctx, detail(db, shipment_id))
    qtbot.addWidget(dialog)
    dialog.table.set_text(0, "now", "0")
    assert not dialog.receive_button.isEnabled()  # nothing to receive, nothing to close
    dialog.close_box.setChecked(True)
    assert dialog.receive_button.isEnabled()
    assert "3 units will be recorded as short" in dialog.totals.text()
    dialog.post()
    wait_idle(qtbot, ctx)
    after = detail(db, shipment_id)
    assert after.row.status == "received"
    assert [(d.kind, d.difference) for d in after.discrepancies] == [("shortage", D(-3))]


def test_a_foreign_cost_without_a_rate_names_the_missing_rate(qtbot, ctx, db, world):
    shipment_id = make_shipped(db, world, [(world.skus["LAMP-01"], 10, None)])
    dialog = CostsDialog(ctx, detail(db, shipment_id))
    qtbot.addWidget(dialog)
    dialog.table.set_text(0, "amount", "500")
    dialog.table.widget(0, "currency").setCurrentText("EUR")
    dialog.update_preview()
    assert dialog.table.text(0, "cny") == "—"
    dialog.save()
    wait_idle(qtbot, ctx)
    assert dialog.table.is_marked(0, "fx_rate")
    assert "Cost 1: no EUR exchange rate on or before" in dialog.summary.text()
    dialog.table.set_text(0, "fx_rate", "7.8")
    dialog.update_preview()
    assert dialog.table.text(0, "cny") == "3,900.00"
    with qtbot.waitSignal(dialog.saved):
        dialog.save()
    wait_idle(qtbot, ctx)
    saved = detail(db, shipment_id)
    assert [(c.currency, c.fx_rate, c.amount_cny) for c in saved.costs] == [
        ("EUR", D("7.8"), D("3900.00"))
    ]
    assert saved.lines[0].allocated_cost == D("3900.00")


def _sales(db, world) -> None:
    """Lamps and cases sold from the US warehouse over the last month; cables not at all."""
    with db.transaction("test") as session:
        for code, on_hand, sold in (("LAMP-01", 70, 60), ("CASE-02", 35, 30)):
            sku_id = world.skus[code]
            stock.post_move(session, sku_id=sku_id, warehouse_id=world.us, kind="receipt",
                            quantity=D(on_hand), move_date=TODAY - dt.timedelta(days=40),
                            unit_cost=D(10))  # fmt: skip
            for day in range(sold // 2):
                day_sold = TODAY - dt.timedelta(days=day)
                stock.post_move(session, sku_id=sku_id, warehouse_id=world.us, kind="sale",
                                quantity=D(-2), move_date=day_sold)  # fmt: skip


def test_replenishment_suggestions_become_a_draft_opened_in_the_editor(qtbot, ctx, db, world):
    _sales(db, world)
    screen = ShipmentsScreen(ctx)
    qtbot.addWidget(screen)
    screen.show()
    wait_idle(qtbot, ctx)
    dialog = screen.open_suggestions()
    assert isinstance(dialog, ReplenishmentDialog)
    dialog.destination.setCurrentIndex(dialog.destination.findData(world.us))
    wait_idle(qtbot, ctx)
    # both last 5 days: most urgent first, then by code
    assert [s.sku_code for s in dialog.suggestions] == ["CASE-02", "LAMP-01"]
    assert [dialog.table.text(r, "suggested") for r in range(2)] == ["55", "110"]
    assert [dialog.table.text(r, "velocity") for r in range(2)] == ["1", "2"]
    assert dialog.origin.currentData() == world.sz
    dialog.set_chosen(0, False)
    dialog.table.set_text(1, "suggested", "120")
    assert dialog.note.text() == "1 of 2 SKUs chosen: 120 units."
    dialog.table.set_text(1, "suggested", "0")
    assert not dialog.create_button.isEnabled()
    dialog.table.set_text(1, "suggested", "120")
    dialog.create_shipment()
    wait_idle(qtbot, ctx)
    opened = screen.edit_dialog
    assert opened.isVisible() and opened.status == "draft"
    made = opened.form.detail
    assert [(ln.sku_code, ln.quantity) for ln in made.lines] == [("LAMP-01", D(120))]
    assert (made.origin_id, made.destination_id) == (world.sz, world.us)
