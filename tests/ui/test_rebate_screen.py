"""The Rebate batches screen: a batch's whole life through the window, matching by hand,
findings, the files, and a manufacturer's period figures."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt

from desktop_app.core.models import RebateBatch
from desktop_app.core.services import rebate_batches as rb
from desktop_app.core.services import rebate_purchases as rp
from desktop_app.ui.screens.rebate import RebateScreen
from desktop_app.ui.screens.rebate_detail import FINDINGS, SELECT_ROW, table_texts
from tests.ui.standalone import settle, show, wait_idle
from tests.unit import rebate_fixtures as rf

D = Decimal
OCT = dt.date(2026, 10, 15)
TODAY = dt.date(2026, 11, 20)
ALWAYS = {"new", "settle"}


def world(db, taxpayer: str = "trading"):
    with db.transaction("test") as session:
        rf.setup(session, taxpayer=taxpayer)
        rf.declaration(session, OCT, [{}, {"line_no": 2}])  # two lines of 50 kg
        rf.invoice(session, dt.date(2026, 9, 1), [(rf.CASE, "035", 100, "10000.00")])


@pytest.fixture
def screen(qtbot, ctx):
    widget = show(qtbot, RebateScreen(ctx), 1280, 860)
    settle(qtbot, ctx, widget.model)
    return widget


def enabled(screen: RebateScreen) -> set[str]:
    return {key for key, button in screen.buttons.items() if button.isEnabled()}


def status_of(db, batch_id: int) -> str:
    with db.sessions() as session:
        return session.get(RebateBatch, batch_id).status


def reload(qtbot, screen: RebateScreen) -> None:
    wait_idle(qtbot, screen.ctx)
    settle(qtbot, screen.ctx, screen.model)


def new_batch(qtbot, screen: RebateScreen) -> int:
    screen.setFocus()
    qtbot.keyClick(screen, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    dialog = screen.new_dialog
    dialog.period.setText("2026-11")
    dialog.submit()
    reload(qtbot, screen)
    qtbot.waitUntil(lambda: screen.detail is not None)
    return screen.detail.row.id


def test_a_batch_through_its_whole_life(qtbot, db, screen, blocking_boxes):
    world(db)
    screen.refresh(None)
    reload(qtbot, screen)
    assert enabled(screen) == ALWAYS
    batch_id = new_batch(qtbot, screen)
    detail = screen.detail
    assert (detail.row.label, detail.row.status, detail.row.export_rows) == (
        "2026-11-01",
        "draft",
        2,
    )
    assert screen.model.data(screen.model.index(0, 1)) == "Exempt-refund (免退)"
    assert screen.model.data(screen.model.index(0, 2)) == "Draft"
    assert table_texts(screen.detail_pane.exports, 1) == ["2611101001", "2611101002"]
    assert table_texts(screen.detail_pane.exports, 8) == ["1,000.00", "1,000.00"]
    assert enabled(screen) == ALWAYS | {"match", "check", "export", "remove"}

    screen.match_current()
    reload(qtbot, screen)
    report = screen.report_dialog
    assert "2 new match(es) on 2 line(s); 2 purchase row(s). 0 line(s)" in report.counts.text()
    assert screen.detail.row.purchase_rows == 2
    assert screen.detail_pane.tabs.tabText(1) == "Purchase rows (2)"
    assert table_texts(screen.detail_pane.purchases, 12) == ["650.00", "650.00"]

    screen.check_current()
    reload(qtbot, screen)
    assert status_of(db, batch_id) == "self_checked"
    assert screen.detail_pane.tabs.currentIndex() == FINDINGS
    assert enabled(screen) == ALWAYS | {"match", "check", "file", "export", "remove"}
    assert screen.detail.row.refund_total == D("1300.00")

    screen.file_current()
    screen.confirm_box.yes_button.click()
    reload(qtbot, screen)
    assert status_of(db, batch_id) == "filed"
    assert screen.detail_pane.frozen_note.isVisible()
    assert "frozen" in screen.detail_pane.frozen_note.text()
    assert enabled(screen) == ALWAYS | {"review", "export"}
    assert not screen.detail_pane.hand_button.isEnabled()

    review = screen.review_current()
    review.checks[1].setChecked(True)
    review.reasons[1].setText("报关单信息不齐")
    review.submit()
    reload(qtbot, screen)
    assert status_of(db, batch_id) == "partly_rejected"
    assert screen.detail.row.rejected_rows == 1
    assert table_texts(screen.detail_pane.exports, 13) == ["Included", "Rejected"]
    assert table_texts(screen.detail_pane.exports, 15) == ["", "报关单信息不齐"]
    assert enabled(screen) == ALWAYS | {"move", "pay", "export"}

    screen.move_current()
    screen.confirm_box.yes_button.click()
    reload(qtbot, screen)
    qtbot.waitUntil(lambda: screen.detail is not None and screen.detail.row.id != batch_id)
    moved = screen.detail
    assert moved.row.status == "draft" and moved.row.export_rows == 1
    assert moved.row.label.endswith("-02")
    assert screen.table.select_id(batch_id)
    assert screen.detail.row.rejected_rows == 0 and "pay" in enabled(screen)

    pay = screen.pay_current()
    assert pay.amount.text() == "650.00"
    pay.submit()
    reload(qtbot, screen)
    assert status_of(db, batch_id) == "paid"
    assert enabled(screen) == ALWAYS | {"export"}
    assert screen.model.row_data(screen.model.row_of(batch_id)).received_amount == D("650.00")
    assert blocking_boxes == []


def test_nothing_claimable_says_why_and_writes_nothing(qtbot, db, screen):
    with db.transaction("test") as session:
        rf.setup(session)
    screen.new_batch()
    dialog = screen.new_dialog
    dialog.period.setText("2026-11")
    dialog.submit()
    wait_idle(qtbot, screen.ctx)
    assert dialog.note.isVisible() and "Nothing to claim for 2026-11" in dialog.note.text()
    assert "exported before that month" in dialog.note.text()
    with db.sessions() as session:
        assert rb.list_batches(session) == []
    dialog.period.setText("2026-13")
    dialog.submit()
    wait_idle(qtbot, screen.ctx)
    assert "YYYY-MM" in dialog.note.text()


def test_match_by_hand_and_remove_matches(qtbot, db, screen):
    world(db)
    screen.refresh(None)
    reload(qtbot, screen)
    batch_id = new_batch(qtbot, screen)
    pane = screen.detail_pane
    pane.exports.setCurrentCell(0, 0)
    assert pane.matches == [] and pane.hand_button.isEnabled()
    assert not pane.unmatch_button.isEnabled()
    dialog = screen.match_by_hand()
    assert dialog.table.rowCount() == 1 and dialog.quantity.text() == "50"
    assert "first unit" in dialog.how.text()
    dialog.quantity.setText("30")
    dialog.note_edit.setText("supplier confirmed")
    dialog.submit()
    reload(qtbot, screen)
    pane.exports.setCurrentCell(0, 0)
    (match,) = pane.matches
    assert match.overridden and match.quantity == D(30)
    assert table_texts(pane.match_table, 7) == ["yes"]
    assert "set by hand: supplier confirmed" in pane.explanation.toPlainText()
    assert "30 matched to invoices" in pane.match_title.text()
    assert screen.detail.row.purchase_rows == 1
    assert pane.unmatch_button.isEnabled()

    screen.remove_matches()
    screen.confirm_box.yes_button.click()
    reload(qtbot, screen)
    pane.exports.setCurrentCell(0, 0)
    assert pane.matches == [] and screen.detail.row.purchase_rows == 0
    with db.sessions() as session:
        assert rp.unmatched_rows(session, batch_id)[0].missing == D(50)


def test_findings_are_listed_with_their_fix(qtbot, db, screen, chinese_free_shot):
    with db.transaction("test") as session:
        rf.setup(session)
        rf.declaration(session, OCT, [{}, {"hs_code": "9999999999", "name_cn": "未知"}])
    screen.refresh(None)
    reload(qtbot, screen)
    batch_id = new_batch(qtbot, screen)
    screen.check_current()
    reload(qtbot, screen)
    assert status_of(db, batch_id) == "draft"
    pane = screen.detail_pane
    assert pane.tabs.currentIndex() == FINDINGS
    severities = table_texts(pane.findings_table, 0)
    assert "Blocking" in severities
    reasons = table_texts(pane.findings_table, 3)
    assert any("9999999999 is not in the active rate library" in r for r in reasons)
    assert any("not covered by purchase invoices" in r for r in reasons)
    assert all(table_texts(pane.findings_table, 4))
    assert pane.findings_table.item(0, 0).foreground().color().name() == "#c0392b"
    assert "blocking" in pane.tabs.tabText(FINDINGS)
    assert "file" not in enabled(screen)
    chinese_free_shot(screen, "g_rebate_findings")


def test_remove_rows_from_a_draft(qtbot, db, screen):
    world(db)
    screen.refresh(None)
    reload(qtbot, screen)
    new_batch(qtbot, screen)
    pane = screen.detail_pane
    assert pane.selected_exports()[0].seq == 1 and "remove" in enabled(screen)
    pane.exports.selectionModel().setCurrentIndex(pane.exports.model().index(1, 0), SELECT_ROW)
    assert [r.seq for r in pane.selected_exports()] == [2]
    screen.remove_current_rows()
    screen.confirm_box.yes_button.click()
    reload(qtbot, screen)
    assert screen.detail.row.export_rows == 1
    assert table_texts(pane.exports, 1) == ["2611101001"]


def test_export_writes_the_files(qtbot, db, screen, tmp_path, monkeypatch, chinese_free_shot):
    world(db)
    with db.transaction("test") as session:
        from desktop_app.core.services import company

        company.save_profile(session, {"uscc": "91440300MA5GRK8T0W", "name_cn": "深圳测试贸易"},
                             today=dt.date(2025, 1, 1))  # fmt: skip
    screen.refresh(None)
    reload(qtbot, screen)
    new_batch(qtbot, screen)
    screen.match_current()
    reload(qtbot, screen)
    screen.report_dialog.close()
    opened = []
    monkeypatch.setattr(screen, "open_folder", opened.append)
    screen.export_files(tmp_path / "out")
    wait_idle(qtbot, screen.ctx)
    names = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert len(names) == 3 and sum(n.endswith(".pdf") for n in names) == 1
    assert sum(n.endswith(".xlsx") for n in names) == 2
    box = screen.export_box
    assert box.windowTitle() == "Files written"
    open_button = next(b for b in box.buttons() if b.text() == "Open folder")
    open_button.click()
    assert opened == [tmp_path / "out"]
    screen.detail_pane.exports.setCurrentCell(0, 0)
    screen.detail_pane.tabs.setCurrentIndex(0)
    chinese_free_shot(screen, "g_rebate_list")
    screen.detail_pane.tabs.setCurrentIndex(2)
    chinese_free_shot(screen, "g_rebate_matches")


def test_manufacturer_batch_computes_its_period(qtbot, db, screen):
    world(db, taxpayer="manufacturer")
    screen.refresh(None)
    reload(qtbot, screen)
    batch_id = new_batch(qtbot, screen)
    assert screen.detail.row.method == "exempt_credit_refund"
    assert enabled(screen) == ALWAYS | {"figures", "check", "export", "remove"}
    dialog = screen.edit_figures()
    dialog.edits["domestic_output_tax"].setText("1,000")
    dialog.edits["input_tax"].setText("5000")
    dialog.edits["previous_credit"].setText("abc")
    dialog.submit()
    assert dialog.note.isVisible() and "abc" in dialog.note.text()
    dialog.edits["previous_credit"].setText("0")
    dialog.submit()
    reload(qtbot, screen)
    with db.sessions() as session:
        batch = session.get(RebateBatch, batch_id)
        expected = {
            "Tax payable": batch.tax_payable,
            "Refund": batch.refund_total,
            "Exempt-offset amount (免抵税额)": batch.exempt_offset,
        }
    # 14,200 CNY FOB at 13/13: credit-refund 1,846; input 5,000 − output 1,000 → −4,000 payable
    assert expected["Tax payable"] == D("-4000.00")
    figures = dict(zip(table_texts(screen.detail_pane.figures, 0),
                       table_texts(screen.detail_pane.figures, 1), strict=True))  # fmt: skip
    assert figures["Tax payable"] == "-4,000.00"
    assert figures["Refund"] == f"{expected['Refund']:,}"
    assert figures["Credit-refund total (免抵退税额)"] == "1,846.00"
    assert figures["Domestic output tax"] == "1,000.00"


@pytest.fixture
def chinese_free_shot():
    """Save a screenshot for a look (English layout)."""
    from pathlib import Path

    def shot(widget, name: str) -> None:
        folder = Path("/tmp/shots")
        folder.mkdir(exist_ok=True)
        widget.grab().save(str(folder / f"{name}.png"))

    return shot


def test_the_newest_batch_is_shown_first_and_stays_current(qtbot, db, ctx):
    world(db)
    with db.transaction("test") as session:
        older = rb.create_batch(session, "2026-10", today=TODAY, empty=True).id
        newer = rb.create_batch(session, "2026-11", today=TODAY).id
    screen = show(qtbot, RebateScreen(ctx), 1280, 860)
    settle(qtbot, ctx, screen.model)
    assert [screen.model.row_data(n).id for n in range(2)] == [newer, older]
    assert screen.detail.row.id == newer  # nothing chosen yet: the newest
    screen.table.select_id(older)
    screen.refresh(None)
    reload(qtbot, screen)
    assert screen.detail.row.id == older
    screen.setFocus()
    qtbot.keyClick(screen, Qt.Key.Key_F5)
    reload(qtbot, screen)
    assert screen.detail.row.id == older
    qtbot.keyClick(screen.table, Qt.Key.Key_Return)
    assert screen.detail_pane.tabs.currentIndex() == 0
