"""The Purchase invoices screen: list newest first, search, filters, the lines below, import
(progress, Cancel, every bad row), entry by hand checked as you type, and delete refusal."""

from __future__ import annotations

import datetime as dt
import threading
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox
from sqlalchemy import func, select

from desktop_app.core import codes
from desktop_app.core.models import PurchaseInvoice
from desktop_app.core.services import purchase_invoices as pi
from desktop_app.ui.dialogs.import_result import ImportProblemsDialog
from desktop_app.ui.screens.invoices import InvoicesScreen
from tests.ui.standalone import settle, top_level, wait_idle
from tests.unit.test_purchase_invoices import (
    DIGITAL_1,
    DIGITAL_2,
    GOOD_ROWS,
    OTHER_SELLER,
    SELLER,
    line_row,
    write_xlsx,
)

NEW_NO = "24442000000055555555"


@pytest.fixture
def units(db):
    with db.transaction("test") as session:
        codes.ensure_builtin(session)
    return db


@pytest.fixture
def two(units, tmp_path):
    """DIGITAL_1 (2026-01-05, two lines) and DIGITAL_2 (2026-02-10, one line)."""
    pi.import_invoices(units, write_xlsx(tmp_path / "good.xlsx", GOOD_ROWS))
    with units.sessions() as session:
        return {i.invoice_no: i.id for i in pi.list_invoices(session)}


def make(qtbot, ctx) -> InvoicesScreen:
    widget = InvoicesScreen(ctx)
    qtbot.addWidget(widget)
    widget.resize(1280, 800)
    widget.show()
    qtbot.waitExposed(widget)
    settle(qtbot, ctx, widget.model)
    return widget


@pytest.fixture
def screen(qtbot, ctx, two) -> InvoicesScreen:
    return make(qtbot, ctx)


def shown(screen: InvoicesScreen) -> list[int]:
    return list(screen.model.ids())


def count(db) -> int:
    with db.sessions() as session:
        return session.scalar(select(func.count()).select_from(PurchaseInvoice))


def use_up(db, number: str, used: str) -> None:
    with db.transaction("test") as session:
        invoice = pi.find_invoice(session, number)
        invoice.lines[0].used_quantity = Decimal(used)


# ---------------------------------------------------------------- list, search, filters


def test_newest_first_with_totals_and_lines_below(screen, two):
    assert shown(screen) == [two[DIGITAL_2], two[DIGITAL_1]]
    assert screen.header.subtitle_label.text() == "2 invoices"
    model = screen.model
    titles = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    row = [model.data(model.index(1, c)) for c in range(model.columnCount())]
    cells = dict(zip(titles, row, strict=True))
    assert cells["Invoice no."] == DIGITAL_1 and cells["Date"] == "2026-01-05"
    assert (cells["Amount"], cells["Tax"], cells["Lines"]) == ("120,000.00", "15,600.00", "2")
    assert (cells["Unused quantity"], cells["Use"], cells["Status"]) == ("1,500", "Unused",
                                                                         "Valid")  # fmt: skip
    assert "Select an invoice" in screen.detail.summary.text()
    screen.table.selectRow(1)
    lines = screen.detail.lines
    assert lines.rowCount() == 2
    assert [lines.item(0, c).text() for c in range(lines.columnCount())] == [
        "1", "*家用电器*电热水壶", "", "个 (007)", "1,000", "0", "1,000", "100,000.00", "13%",
        "13,000.00"]  # fmt: skip
    assert DIGITAL_1 in screen.detail.summary.text()


def test_used_quantity_shows_in_the_list_and_the_lines(qtbot, ctx, screen, two):
    use_up(ctx.db, DIGITAL_1, "400")
    screen.refresh()
    settle(qtbot, ctx, screen.model)
    row = screen.model.row_data(1)
    assert (row.use, row.remaining) == ("partly_used", Decimal("1100"))
    screen.table.selectRow(1)
    assert screen.detail.lines.item(0, 5).text() == "400"
    assert screen.detail.lines.item(0, 6).text() == "600"


def test_search_by_number_or_seller_and_ctrl_f(qtbot, ctx, screen, two):
    screen.activateWindow()
    screen.table.setFocus()
    qtbot.keyClick(screen.table, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert screen.search.hasFocus()
    qtbot.keyClicks(screen.search, "87654321")
    screen.search.flush()
    settle(qtbot, ctx, screen.model)
    assert shown(screen) == [two[DIGITAL_2]]
    screen.search.clear_now()
    screen.search.setText(OTHER_SELLER[:10])
    screen.search.flush()
    settle(qtbot, ctx, screen.model)
    assert shown(screen) == [two[DIGITAL_2]]
    screen.search.setText("佛山")
    screen.search.flush()
    settle(qtbot, ctx, screen.model)
    assert len(shown(screen)) == 2


def test_filters_status_dates_and_unused(qtbot, ctx, screen, two):
    screen.status_filter.set_value("voided")
    settle(qtbot, ctx, screen.model)
    assert shown(screen) == []
    screen.filters.reset()
    settle(qtbot, ctx, screen.model)
    screen.date_filter.set_preset("custom")
    screen.date_filter.first.setDate(dt.date(2026, 2, 1))
    screen.date_filter.last.setDate(dt.date(2026, 2, 28))
    settle(qtbot, ctx, screen.model)
    assert shown(screen) == [two[DIGITAL_2]]
    screen.filters.reset()
    use_up(ctx.db, DIGITAL_2, "200")
    screen.unused_filter.setChecked(True)
    settle(qtbot, ctx, screen.model)
    assert shown(screen) == [two[DIGITAL_1]]


# ---------------------------------------------------------------- import


def test_import_a_file_lists_its_invoices(qtbot, ctx, units, tmp_path):
    screen = make(qtbot, ctx)
    assert shown(screen) == []
    screen.import_file(write_xlsx(tmp_path / "全量发票.xlsx", GOOD_ROWS))
    wait_idle(qtbot, ctx)
    settle(qtbot, ctx, screen.model)
    assert screen.model.rowCount() == 2
    assert count(units) == 2


def test_a_bad_file_shows_every_bad_row_and_writes_nothing(qtbot, ctx, units, tmp_path):
    screen = make(qtbot, ctx)
    rows = [
        line_row("1", DIGITAL_1, "91440783714753661A", "2026-01-05", "水壶", "个", "1000",
                 "100000.00", "13%", "13000.00"),
        line_row("2", DIGITAL_2, OTHER_SELLER, "2026-02-10", "电饭煲", "箩筐", "abc", "30000.00",
                 "13%", "3000.00"),
    ]  # fmt: skip
    screen.import_file(write_xlsx(tmp_path / "bad.xlsx", rows))
    wait_idle(qtbot, ctx)
    dialogs = top_level(ImportProblemsDialog)
    assert len(dialogs) == 1
    table = dialogs[0].table
    found = [(table.item(r, 1).text(), table.item(r, 2).text()) for r in range(table.rowCount())]
    assert found == [("2", "销方识别号"), ("3", "单位"), ("3", "数量"), ("3", "税额")]
    assert "Nothing was imported" in dialogs[0].findChild(type(screen.detail.summary)).text()
    dialogs[0].close()
    assert count(units) == 0


def test_cancel_leaves_nothing(qtbot, ctx, units, tmp_path):
    screen = make(qtbot, ctx)
    rows = [line_row(str(n), f"2444200000{n:010d}", SELLER, "2026-01-05", "水壶", "个", "1",
                     "100.00", "13%", "13.00") for n in range(1, 601)]  # fmt: skip
    path = write_xlsx(tmp_path / "many.xlsx", rows)
    gate = threading.Event()
    ctx.tasks.run(lambda job: gate.wait(10), parent=None)  # holds the worker
    notices: list[str] = []
    ctx.events.notice.connect(notices.append)
    task = screen.import_file(path)
    task.cancel()
    gate.set()
    wait_idle(qtbot, ctx)
    assert "Cancelled." in notices
    assert count(units) == 0


# ---------------------------------------------------------------- entry by hand


def fill(dialog, number: str = NEW_NO, tax_id: str = SELLER) -> None:
    dialog.editors["number"].setText(number)
    dialog.editors["seller_tax_id"].setText(tax_id)
    dialog.editors["seller_name"].setText("佛山某电器有限公司")
    dialog.date.setDate(dt.date(2026, 3, 2))
    dialog.table.set_text(0, "commodity_name", "电热水壶")
    dialog.table.set_text(0, "commodity_code", "8516797000")
    dialog.table.set_text(0, "quantity", "300")
    dialog.table.set_text(0, "amount", "30000.00")


def save_button(dialog):
    return dialog.buttons.button(QDialogButtonBox.StandardButton.Save)


def test_new_invoice_problems_show_on_fields_and_cells(qtbot, screen, ctx):
    dialog = screen.new_invoice()
    assert not save_button(dialog).isEnabled()  # an empty form is not an invoice
    fill(dialog, number="2444200000001234", tax_id="91440783714753661A")
    dialog.table.set_text(0, "quantity", "abc")
    dialog.check()
    assert "20-digit" in dialog.boxes["number"].problem()
    assert "check character should be E" in dialog.boxes["seller_tax_id"].problem()
    assert dialog.table.is_marked(0, "quantity")
    assert not dialog.table.is_marked(0, "amount")
    assert "Line 1, Quantity: not a number" in dialog.lines_note.text()
    assert "3 problem(s)" in dialog.summary.text()
    assert not save_button(dialog).isEnabled()
    dialog.editors["number"].setText(DIGITAL_1)  # already entered
    dialog.editors["seller_tax_id"].setText(SELLER)
    dialog.table.set_text(0, "quantity", "300")
    dialog.check()
    assert "already entered" in dialog.boxes["number"].problem()
    dialog.reject()
    assert count(ctx.db) == 2


def test_new_invoice_saves_in_one_go_and_becomes_current(qtbot, screen, ctx):
    dialog = screen.new_invoice()
    fill(dialog)
    row = dialog.add_line()
    dialog.table.set_text(row, "commodity_name", "电热水壶底座")
    dialog.table.set_text(row, "quantity", "100")
    dialog.table.set_text(row, "amount", "1000")
    dialog.table.set_text(row, "tax_rate", "9")
    dialog.add_line()  # left empty: not a line
    assert dialog.check() == []
    assert save_button(dialog).isEnabled()
    dialog.save()
    wait_idle(qtbot, ctx)
    settle(qtbot, ctx, screen.model)
    qtbot.waitUntil(lambda: screen.current_row is not None)
    assert screen.current_row.invoice_no == NEW_NO
    with ctx.db.sessions() as session:
        invoice = pi.find_invoice(session, NEW_NO)
        assert (invoice.amount, invoice.tax, len(invoice.lines)) == (
            Decimal("31000.00"), Decimal("3990.00"), 2)  # fmt: skip
        assert invoice.lines[1].tax_rate == 9 and invoice.lines[0].unit == "007"
    assert shown(screen)[0] == invoice.id  # 2026-03-02: the newest


# ---------------------------------------------------------------- delete


def test_delete_asks_and_removes_an_unused_invoice(qtbot, screen, ctx, two):
    screen.table.select_id(two[DIGITAL_2])
    screen.delete_current()
    assert DIGITAL_2 in screen.confirm_box.text()
    screen.confirm_box.yes_button.click()
    wait_idle(qtbot, ctx)
    settle(qtbot, ctx, screen.model)
    assert shown(screen) == [two[DIGITAL_1]]
    assert count(ctx.db) == 1


def test_delete_is_refused_when_matching_used_the_invoice(qtbot, screen, ctx, two):
    use_up(ctx.db, DIGITAL_1, "10")
    screen.refresh()
    settle(qtbot, ctx, screen.model)
    screen.table.select_id(two[DIGITAL_1])
    assert "cannot be deleted" in screen.delete_button.toolTip()
    screen.delete_current()
    assert "Undo its matches" in screen.refusal_box.text()
    assert not hasattr(screen, "confirm_box")
    assert count(ctx.db) == 2


def test_the_core_refuses_too_when_the_list_is_behind(qtbot, screen, ctx, two):
    screen.table.select_id(two[DIGITAL_1])
    use_up(ctx.db, DIGITAL_1, "10")  # used since the list was read
    screen.delete_current()
    screen.confirm_box.yes_button.click()
    wait_idle(qtbot, ctx)
    assert "used by matching" in screen.refusal_box.text()
    assert count(ctx.db) == 2
