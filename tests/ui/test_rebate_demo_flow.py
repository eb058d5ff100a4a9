"""From the demo data, in the window: a trading batch and a manufacturer period of this month,
each built, checked, exported to the official files and filed (Rebate batches screen)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtWidgets import QFileDialog

from desktop_app.core.demo import generate
from desktop_app.core.models import RebateBatch
from desktop_app.ui.screens.rebate import RebateScreen
from tests.ui.standalone import settle, show, wait_idle


def reload(qtbot, screen: RebateScreen) -> None:
    wait_idle(qtbot, screen.ctx)
    settle(qtbot, screen.ctx, screen.model)


def new_batch(qtbot, screen: RebateScreen, method: str) -> int:
    dialog = screen.new_batch()
    dialog.period.setText(f"{dt.date.today():%Y-%m}")
    dialog.method.setCurrentIndex(dialog.method.findData(method))
    dialog.submit()
    reload(qtbot, screen)
    qtbot.waitUntil(lambda: screen.detail is not None and screen.detail.row.status == "draft")
    return screen.detail.row.id


def check_export_file(qtbot, screen: RebateScreen, folder: Path, monkeypatch) -> None:
    screen.check_current()
    reload(qtbot, screen)
    assert screen.detail.row.status == "self_checked", screen.findings
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(folder))
    screen.choose_export()
    reload(qtbot, screen)
    assert any(folder.glob("*.xlsx")) and any(folder.glob("*.pdf"))
    screen.file_current()
    screen.confirm_box.yes_button.click()
    reload(qtbot, screen)
    assert screen.detail.row.status == "filed"


def test_trading_batch_and_manufacturer_period_from_the_demo(
    qtbot, db, ctx, tmp_path, monkeypatch, blocking_boxes
) -> None:
    generate(db, orders=300, seed=11)
    screen = show(qtbot, RebateScreen(ctx), 1280, 860)
    settle(qtbot, ctx, screen.model)
    assert screen.model.rowCount() == 2  # the demo's paid and filed batches

    trading = new_batch(qtbot, screen, "exempt_refund")
    rows = screen.detail.row.export_rows
    assert rows >= 2
    exports = screen.detail_pane.exports
    exports.selectRow(0)  # the first declaration's lines go to the manufacturer period
    screen.remove_current_rows()
    screen.confirm_box.yes_button.click()
    reload(qtbot, screen)
    assert screen.detail.row.export_rows == rows - 1
    screen.match_current()
    reload(qtbot, screen)
    assert screen.detail.row.purchase_rows > 0
    check_export_file(qtbot, screen, tmp_path / "trading", monkeypatch)

    maker = new_batch(qtbot, screen, "exempt_credit_refund")
    assert screen.detail.row.method == "exempt_credit_refund" and screen.detail.row.export_rows == 1
    dialog = screen.edit_figures()
    for name, value in (("domestic_output_tax", "1300"), ("input_tax", "20000"),
                        ("previous_credit", "0"), ("duty_free_materials", "0")):  # fmt: skip
        dialog.edits[name].setText(value)
    dialog.submit()
    reload(qtbot, screen)
    check_export_file(qtbot, screen, tmp_path / "maker", monkeypatch)

    with db.sessions() as session:
        done = {b.id: b for b in session.query(RebateBatch)}
        assert done[trading].status == done[maker].status == "filed"
        assert done[trading].refund_total > 0
        assert done[maker].tax_payable is not None and done[maker].credit_refund_total > 0
