"""The Declarations screen: a 9810 draft from a shipment through the dialog, problems on their
fields and lines, filing, clearing (then read-only), amending, printing and the broker's list."""

from __future__ import annotations

import datetime as dt

import pytest
from openpyxl import Workbook
from PySide6.QtWidgets import QAbstractItemView, QLineEdit, QPlainTextEdit

from desktop_app.core.models import Declaration
from desktop_app.core.services import declarations
from desktop_app.core.services.declaration_query import OPEN
from desktop_app.ui.dialogs.import_result import ImportProblemsDialog
from desktop_app.ui.screens.declaration_detail import CodeBox
from desktop_app.ui.screens.declarations import DeclarationsScreen
from tests.ui.shipment_fixtures import make_context, top_level, wait_idle
from tests.unit import declaration_fixtures as fx

NUMBER = "530420260040970934"
EXPORTED = dt.date(2026, 11, 5)


@pytest.fixture
def world(db):
    """The exporter with rates; SKUs; FL-2026-0001 shipped to a US 3PL, not declared yet."""
    with db.transaction("test") as session:
        fx.setup(session)
        case = fx.sku(session, "CASE")
        lamp = fx.sku(session, "LAMP", name_cn="LED灯泡", hs_code="8539520000")
        shipment = fx.shipment(session, [(case, 100, "7.10"), (lamp, 20, "35.50")])
        shipment.status = "shipped"
        return {"shipment": shipment.id, "case": case.id, "lamp": lamp.id}


@pytest.fixture
def ctx(db, ui_state, english):
    context = make_context(db, ui_state)
    yield context
    context.tasks.shutdown()


@pytest.fixture
def screen(qtbot, ctx, world):
    widget = DeclarationsScreen(ctx)
    qtbot.addWidget(widget)
    widget.resize(1200, 900)
    widget.show()
    qtbot.waitExposed(widget)
    settle(qtbot, widget)
    return widget


def settle(qtbot, screen: DeclarationsScreen) -> None:
    wait_idle(qtbot, screen.ctx)
    qtbot.waitUntil(lambda: screen.model.complete and not screen.model.loading)
    wait_idle(qtbot, screen.ctx)


def drafted(qtbot, screen: DeclarationsScreen) -> int:
    """FL-2026-0001's 9810 draft, made through the dialog; it becomes the current row."""
    dialog = screen.new_from_shipment()
    assert [c.ref for c in dialog.choices] == ["FL-2026-0001"]
    dialog.currency.setCurrentText("USD")
    dialog.draft()
    settle(qtbot, screen)
    qtbot.waitUntil(lambda: screen.detail is not None)
    return screen.detail.row.id


def status_of(db, declaration_id: int) -> str:
    with db.sessions() as session:
        return session.get(Declaration, declaration_id).status


def enabled(screen: DeclarationsScreen) -> set[str]:
    return {key for key, button in screen.buttons.items() if button.isEnabled()}


def test_draft_from_a_shipment_through_the_dialog(qtbot, db, screen):
    assert screen.header.subtitle_label.text() == "0 declarations"
    declaration_id = drafted(qtbot, screen)
    row = screen.model.row_data(0)
    assert (row.id, row.mode, row.status, row.lines, row.currency) == (
        declaration_id, "9810", "draft", 2, "USD")  # fmt: skip
    status = screen.model.data(screen.model.index(0, screen.model.column_index("status")))
    assert status == "Draft"
    pane = screen.detail_pane
    assert pane.mode == "edit" and not pane.dirty
    assert pane.text("supervision_mode") == "9810"
    assert pane.text("destination_country") == "USA"
    assert "FL-2026-0001" in pane.summary.text()
    assert [pane.lines.text(r, "hs_code") for r in range(2)] == ["3926909090", "8539520000"]
    assert pane.tabs.tabText(1) == "Lines (2)"
    assert enabled(screen) >= {"check", "file", "clear", "cancel", "print"}
    assert "amend" not in enabled(screen) and "withdraw" not in enabled(screen)
    assert screen.new_from_shipment().choices == []  # declared now


def test_problems_show_on_their_field_and_line(qtbot, db, screen):
    drafted(qtbot, screen)
    pane = screen.detail_pane
    pane.set_text("packages", "0")
    pane.set_text("transport_name", "MATSON KAUAI 123E")
    assert pane.dirty and pane.save_button.isEnabled()
    pane.save_button.click()
    settle(qtbot, screen)
    assert pane.text("packages") == "0" and not pane.dirty  # saved: the checks speak now
    assert pane.boxes["packages"].problem() == "at least one package"
    found = [pane.problems.item(n).text() for n in range(pane.problems.count())]
    assert "Packages: at least one package" in found
    item = next(pane.problems.item(n) for n in range(pane.problems.count())
                if pane.problems.item(n).text().startswith("Packages"))  # fmt: skip
    pane.focus_problem(item)
    assert pane.tabs.currentWidget() is pane.form
    assert screen.model.row_data(0).errors == 1
    # a value the core cannot store: refused with its reason on the field or the cell
    pane.set_text("net_weight_kg", "999")
    pane.lines.set_text(0, "hs_code", "39269")
    screen.save_current()
    wait_idle(qtbot, screen.ctx)
    assert pane.boxes["net_weight_kg"].problem().startswith("above the gross weight")
    assert pane.lines.is_marked(0, "hs_code")
    cell = pane.lines.item(0, pane.lines.column("hs_code"))
    assert cell.toolTip() == "must be exactly 10 digits"
    assert pane.dirty  # nothing was saved; the edits are still there


def test_file_clear_then_read_only_and_amend(qtbot, db, screen):
    declaration_id = drafted(qtbot, screen)
    screen.file_current()
    settle(qtbot, screen)
    assert status_of(db, declaration_id) == "filed"
    assert screen.detail_pane.mode == "view"  # a filed declaration is withdrawn to edit
    assert {"withdraw", "clear", "cancel"} <= enabled(screen) and "file" not in enabled(screen)

    dialog = screen.clear_current()
    dialog.number.setText("530420261040970934")  # an import's flag
    assert not dialog.ok_button.isEnabled()
    assert "9th digit must be 0" in dialog.boxes["customs_no"].problem()
    dialog.number.setText(NUMBER)
    dialog.export_date.setDate(EXPORTED)
    assert dialog.ok_button.isEnabled()
    dialog.submit()
    settle(qtbot, screen)
    assert status_of(db, declaration_id) == "cleared"
    pane = screen.detail_pane
    assert pane.mode == "view"
    assert (pane.text("customs_no"), pane.text("export_date")) == (NUMBER, "2026-11-05")
    for editor in pane.editors.values():
        if isinstance(editor, QLineEdit | QPlainTextEdit):
            assert editor.isReadOnly()
        else:
            assert isinstance(editor, CodeBox) and not editor.isEnabled()
    assert pane.lines.editTriggers() == QAbstractItemView.EditTrigger.NoEditTriggers
    assert not pane.save_button.isVisible()
    assert enabled(screen) == {"from_shipment", "from_orders", "import", "check", "amend",
                               "print"}  # fmt: skip

    screen.amend_current()
    assert pane.mode == "amend" and pane.reason_row.isVisible()
    assert not pane.editors["customs_no"].isReadOnly()  # an amendment may correct it
    pane.set_text("transport_name", "COSCO 051W")
    pane.save_button.click()  # without a reason
    wait_idle(qtbot, screen.ctx)
    assert pane.reason_box.problem() == "say why the declaration is amended"
    pane.reason.setText("Vessel changed at the port")
    pane.save_button.click()
    settle(qtbot, screen)
    assert status_of(db, declaration_id) == "amended"
    assert pane.mode == "view" and pane.text("transport_name") == "COSCO 051W"
    rows = [[pane.history.item(r, c).text() for c in range(5)]
            for r in range(pane.history.rowCount())]  # fmt: skip
    amendment = [r for r in rows if r[2] == "Amendment"]
    assert len(amendment) == 1 and amendment[0][4] == "Vessel changed at the port"
    assert "COSCO 051W" in amendment[0][3]


def test_withdraw_and_cancel(qtbot, db, screen):
    declaration_id = drafted(qtbot, screen)
    screen.file_current()
    settle(qtbot, screen)
    screen.withdraw_current()
    settle(qtbot, screen)
    assert status_of(db, declaration_id) == "draft" and screen.detail_pane.mode == "edit"
    screen.cancel_current()
    screen.confirm_box.yes_button.click()
    settle(qtbot, screen)
    assert status_of(db, declaration_id) == "cancelled"
    assert enabled(screen) == {"from_shipment", "from_orders", "import", "check", "print"}


def test_filing_is_refused_with_the_errors_on_their_fields(qtbot, db, screen):
    drafted(qtbot, screen)
    pane = screen.detail_pane
    pane.set_text("consignor_code", "")
    screen.save_current()
    settle(qtbot, screen)
    screen.file_current()
    wait_idle(qtbot, screen.ctx)
    assert pane.boxes["consignor_code"].problem().startswith("required")
    assert screen.detail.row.status == "draft"


def test_unsaved_edits_are_offered_for_saving_when_leaving(qtbot, db, world, screen):
    first = drafted(qtbot, screen)
    with db.transaction("test") as session:
        other = fx.shipment(session, [(session.get(fx.Sku, world["case"]), 5, "7.10")],
                            ref="FL-2026-0002")  # fmt: skip
        [second] = declarations.draft_from_shipment(session, other.id)
        second_id = second.id
    screen.refresh(None)
    settle(qtbot, screen)
    screen.table.select_id(first)
    screen.detail_pane.set_text("bill_no", "MATS7654321")
    screen.table.select_id(second_id)
    assert screen.detail.row.id == second_id
    screen.unsaved_box.yes_button.click()
    settle(qtbot, screen)
    with db.sessions() as session:
        assert session.get(Declaration, first).bill_no == "MATS7654321"


def test_filters_and_search(qtbot, db, screen):
    declaration_id = drafted(qtbot, screen)
    screen.status_filter.set_value("cleared")
    settle(qtbot, screen)
    assert screen.model.rowCount() == 0
    screen.status_filter.set_value(OPEN)
    screen.mode_filter.set_value("9810")
    settle(qtbot, screen)
    assert list(screen.model.ids()) == [declaration_id]
    screen.filters.reset()
    screen.search.setText("nothing-like-this")
    screen.search.flush()
    settle(qtbot, screen)
    assert screen.model.rowCount() == 0


def test_print_several_rows_into_one_preview(qtbot, db, world, screen):
    first = drafted(qtbot, screen)
    with db.transaction("test") as session:
        other = fx.shipment(session, [(session.get(fx.Sku, world["lamp"]), 5, "35.50")],
                            ref="FL-2026-0002")  # fmt: skip
        [second] = declarations.draft_from_shipment(session, other.id)
        second_id = second.id
    screen.refresh(None)
    settle(qtbot, screen)
    screen.table.selectAll()
    assert set(screen.table.selected_ids()) == {first, second_id}
    dialog = screen.print_selected()
    assert dialog.mark.isEnabled()
    dialog.mark.setChecked(True)
    dialog.set_kind("invoice")
    assert not dialog.mark.isEnabled() and dialog.chosen_mark() is None
    dialog.set_kind("declaration")
    assert dialog.chosen_mark() == "出口退税专用"
    dialog.accept()
    preview = screen.preview_dialog
    wait_idle(qtbot, screen.ctx, timeout=30_000)
    qtbot.waitUntil(lambda: preview.page_count() == 2)
    assert preview.windowTitle() == "Declaration 2 declarations"
    preview.reject()


def test_the_brokers_list_clears_or_lists_its_bad_rows(qtbot, db, screen, tmp_path):
    declaration_id = drafted(qtbot, screen)
    ref = screen.detail.row.ref
    bad = _broker_file(tmp_path / "bad.xlsx", [("BG-1999-0001", NUMBER, "2026-11-05")])
    screen.import_file(bad)
    settle(qtbot, screen)
    shown = top_level(ImportProblemsDialog)
    assert len(shown) == 1 and shown[0].table.rowCount() >= 1
    shown[0].close()
    good = _broker_file(tmp_path / "good.xlsx", [(ref, NUMBER, "2026-11-05")])
    screen.import_file(good)
    settle(qtbot, screen)
    assert status_of(db, declaration_id) == "cleared"
    assert screen.detail.row.customs_no == NUMBER


def _broker_file(path, rows):
    book = Workbook()
    sheet = book.active
    sheet.append(["单据编号", "海关编号", "出口日期"])
    for row in rows:
        sheet.append(list(row))
    book.save(path)
    return path


def test_keyboard_enter_opens_the_form_and_ctrl_s_saves(qtbot, db, screen):
    from PySide6.QtCore import Qt

    declaration_id = drafted(qtbot, screen)
    with qtbot.waitActive(screen):
        screen.activateWindow()
    screen.table.setFocus()
    qtbot.keyClick(screen.table, Qt.Key.Key_Return)
    pane = screen.detail_pane
    assert pane.tabs.currentWidget() is pane.form
    assert pane.editors["consignor_name"].hasFocus()
    pane.set_text("bill_no", "MATS0001")
    qtbot.keyClick(pane.editors["bill_no"], Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    settle(qtbot, screen)
    with db.sessions() as session:
        assert session.get(Declaration, declaration_id).bill_no == "MATS0001"
